#include "engine/data/download.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string_view>
#include <system_error>
#include <utility>

#include "engine/data/sha256.h"
#include "engine/util/error.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;

using ProgressFn = std::function<void(const DownloadProgress&)>;
using KeepGoingFn = std::function<bool()>;

void initCurlOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT);
        if (code != CURLE_OK)
            throw Error(std::string("libcurl failed to initialise: ") + curl_easy_strerror(code) +
                        "; check the libcurl installation");
    });
}

struct CurlDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;

CurlHandle makeHandle() {
    initCurlOnce();
    CurlHandle handle(curl_easy_init());
    if (!handle)
        throw Error("libcurl could not create a transfer handle; the system is out of memory");
    return handle;
}

template <typename Value>
void setOption(CURL* curl, CURLoption option, Value value) {
    const CURLcode code = curl_easy_setopt(curl, option, value);
    if (code != CURLE_OK)
        throw Error("libcurl rejected transfer option " + std::to_string(option) + ": " +
                    curl_easy_strerror(code) + "; check the libcurl installation");
}

struct FileCloser {
    void operator()(FILE* file) const { std::fclose(file); }
};

// The .part being written; close() reports late write errors (a full disk) instead of losing them.
class PartFile {
public:
    explicit PartFile(std::string path) : path_(std::move(path)) {}

    void open(bool append) {
        file_.reset(std::fopen(path_.c_str(), append ? "ab" : "wb"));
        if (!file_)
            throw Error("Cannot write " + path_ + ": " + std::strerror(errno) +
                        "; check that its folder is writable");
    }

    void write(const char* data, size_t size) {
        if (std::fwrite(data, 1, size, file_.get()) != size)
            throw Error("Writing " + path_ + " failed: " + std::strerror(errno) +
                        "; check the free disk space");
    }

    void close() {
        FILE* const file = file_.release();
        if (file && std::fclose(file) != 0)
            throw Error("Writing " + path_ + " failed: " + std::strerror(errno) +
                        "; check the free disk space");
    }

private:
    std::string path_;
    std::unique_ptr<FILE, FileCloser> file_;
};

enum class Stop { None, Cancelled, HttpError, Restart };

// One HTTP request for one file; the libcurl callbacks share it.
struct Transfer {
    Transfer(CURL* handle, const DownloadRequest& req, const std::string& partPath,
             const ProgressFn& onProgress, const KeepGoingFn& shouldGoOn)
        : curl(handle),
          request(req),
          part(partPath),
          progress(onProgress),
          keepGoing(shouldGoOn),
          file(partPath) {}

    CURL* const curl;
    const DownloadRequest& request;
    const std::string& part;
    const ProgressFn& progress;
    const KeepGoingFn& keepGoing;
    PartFile file;
    int64_t offset = 0;  // bytes of the .part to keep, asked for with a Range header
    bool started = false;
    long status = 0;
    std::string statusLine;
    int64_t rangeStart = -1;  // from Content-Range of the latest response
    int64_t rangeTotal = -1;
    DownloadProgress counts;
    Stop stop = Stop::None;
    std::string restartReason;
    std::exception_ptr failure;  // thrown inside a callback, rethrown after the transfer
    char errorText[CURL_ERROR_SIZE] = {};
};

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) ==
                      std::tolower(static_cast<unsigned char>(b));
           });
}

bool takeNumber(std::string_view& text, int64_t& value) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc()) return false;
    text.remove_prefix(static_cast<size_t>(end - text.data()));
    return true;
}

bool takeChar(std::string_view& text, char c) {
    if (text.empty() || text.front() != c) return false;
    text.remove_prefix(1);
    return true;
}

// "bytes FIRST-LAST/TOTAL", TOTAL possibly "*".
void parseContentRange(std::string_view text, Transfer& t) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    if (!startsWithNoCase(text, "bytes ")) return;
    text.remove_prefix(6);
    int64_t first = 0;
    int64_t last = 0;
    int64_t total = -1;
    if (!takeNumber(text, first) || !takeChar(text, '-') || !takeNumber(text, last) ||
        !takeChar(text, '/'))
        return;
    if (!takeNumber(text, total)) total = -1;
    t.rangeStart = first;
    t.rangeTotal = total;
}

bool shouldStop(Transfer& t) {
    if (!t.keepGoing || t.keepGoing()) return false;
    t.stop = Stop::Cancelled;
    return true;
}

// Called once the final response's headers are in: decides between append, start over and stop.
bool begin(Transfer& t) {
    curl_easy_getinfo(t.curl, CURLINFO_RESPONSE_CODE, &t.status);
    if (t.status == 416 && t.offset > 0) {
        t.stop = Stop::Restart;
        t.restartReason = "the server refused to resume at byte " + std::to_string(t.offset);
        return false;
    }
    if (t.status >= 300) {
        t.stop = Stop::HttpError;
        return false;
    }
    const bool resumed = t.status == 206;
    if (resumed && t.rangeStart != t.offset) {
        t.stop = Stop::Restart;
        t.restartReason = "the server answered 206 starting at byte " +
                          std::to_string(t.rangeStart) + " instead of " + std::to_string(t.offset);
        return false;
    }
    if (!resumed) t.offset = 0;  // the server sent the whole file: start over
    t.file.open(resumed);
    curl_off_t length = -1;
    curl_easy_getinfo(t.curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
    t.counts.received = t.offset;
    t.counts.total = resumed && t.rangeTotal >= 0 ? t.rangeTotal
                     : length >= 0                ? t.offset + length
                                                  : -1;
    t.started = true;
    if (t.progress) t.progress(t.counts);
    return true;
}

size_t onHeader(char* data, size_t size, size_t count, void* user) {
    Transfer& t = *static_cast<Transfer*>(user);
    const size_t bytes = size * count;
    try {
        std::string_view line(data, bytes);
        while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
        if (startsWithNoCase(line, "HTTP/")) {  // a new response (redirects send several)
            t.statusLine = std::string(line);
            t.rangeStart = -1;
            t.rangeTotal = -1;
        } else if (startsWithNoCase(line, "content-range:")) {
            parseContentRange(line.substr(14), t);
        }
        return bytes;
    } catch (...) {
        t.failure = std::current_exception();
        return 0;
    }
}

// Returning anything but `bytes` aborts the transfer; the flags in Transfer say why.
size_t onBody(char* data, size_t size, size_t count, void* user) {
    Transfer& t = *static_cast<Transfer*>(user);
    const size_t bytes = size * count;
    try {
        if (!t.started && !begin(t)) return 0;
        if (shouldStop(t)) return 0;
        t.file.write(data, bytes);
        t.counts.received += static_cast<int64_t>(bytes);
        if (t.progress) t.progress(t.counts);
        return bytes;
    } catch (...) {
        t.failure = std::current_exception();
        return 0;
    }
}

// Lets a cancel through while the server is silent.
int onTick(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    Transfer& t = *static_cast<Transfer*>(user);
    try {
        return shouldStop(t) ? 1 : 0;
    } catch (...) {
        t.failure = std::current_exception();
        return 1;
    }
}

void configure(Transfer& t) {
    CURL* const curl = t.curl;
    curl_easy_reset(curl);  // keeps the open connection for the next file
    setOption(curl, CURLOPT_URL, t.request.url.c_str());
    setOption(curl, CURLOPT_ERRORBUFFER, t.errorText);
    setOption(curl, CURLOPT_WRITEFUNCTION, &onBody);
    setOption(curl, CURLOPT_WRITEDATA, static_cast<void*>(&t));
    setOption(curl, CURLOPT_HEADERFUNCTION, &onHeader);
    setOption(curl, CURLOPT_HEADERDATA, static_cast<void*>(&t));
    setOption(curl, CURLOPT_XFERINFOFUNCTION, &onTick);
    setOption(curl, CURLOPT_XFERINFODATA, static_cast<void*>(&t));
    setOption(curl, CURLOPT_NOPROGRESS, 0L);
    setOption(curl, CURLOPT_FOLLOWLOCATION, 1L);
    setOption(curl, CURLOPT_MAXREDIRS, 10L);
    setOption(curl, CURLOPT_CONNECTTIMEOUT, 20L);
    setOption(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    setOption(curl, CURLOPT_LOW_SPEED_TIME, 60L);
    setOption(curl, CURLOPT_NOSIGNAL, 1L);
    setOption(curl, CURLOPT_USERAGENT, "SecateurStudio");
#if LIBCURL_VERSION_NUM >= 0x075500
    setOption(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    setOption(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#endif
    if (t.offset > 0) setOption(curl, CURLOPT_RANGE, (std::to_string(t.offset) + "-").c_str());
}

std::string keptNote(const std::string& part) {
    std::error_code ec;
    const auto size = fs::file_size(part, ec);
    if (ec || size == 0) return "";
    return "; the partial file " + part + " is kept for a later resume";
}

// Runs one request; throws on failure, returns false when the .part must be dropped and redone.
bool transfer(Transfer& t) {
    configure(t);
    t.errorText[0] = '\0';
    const CURLcode code = curl_easy_perform(t.curl);
    if (t.failure) std::rethrow_exception(t.failure);
    if (t.stop == Stop::None && code == CURLE_OK && !t.started) begin(t);  // empty body
    const std::string& url = t.request.url;
    switch (t.stop) {
        case Stop::Cancelled:
            throw Error("Download of " + url + " was cancelled" + keptNote(t.part) +
                        "; download again to resume");
        case Stop::HttpError:
            throw Error("Download of " + url + " failed: the server answered \"" +
                        (t.statusLine.empty() ? "HTTP " + std::to_string(t.status) : t.statusLine) +
                        "\"" + keptNote(t.part) + "; check the URL");
        case Stop::Restart:
            return false;
        case Stop::None:
            break;
    }
    if (code != CURLE_OK) {
        const std::string reason = t.errorText[0] ? t.errorText : curl_easy_strerror(code);
        throw Error("Download of " + url + " failed: " + reason + keptNote(t.part) +
                    "; check the network connection and the URL, then try again");
    }
    t.file.close();
    return true;
}

int64_t existingSize(const std::string& path) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    return ec ? 0 : static_cast<int64_t>(size);
}

std::string lowerCase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

void createParentFolder(const std::string& target) {
    const fs::path folder = fs::path(target).parent_path();
    if (folder.empty()) return;
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec)
        throw Error("Cannot create the folder " + folder.string() + " for " + target + ": " +
                    ec.message() + "; check the permissions or choose another target");
}

void downloadOne(CURL* curl, const DownloadRequest& request, const ProgressFn& progress,
                 const KeepGoingFn& keepGoing) {
    if (request.url.empty())
        throw Error("A download into " + request.target + " has no URL; give the URL to fetch");
    if (request.target.empty())
        throw Error("The download of " + request.url + " has no target file; give a path");
    createParentFolder(request.target);
    const std::string part = request.target + ".part";
    const std::string expected = lowerCase(request.sha256);
    for (int attempt = 0;; ++attempt) {
        Transfer t(curl, request, part, progress, keepGoing);
        t.offset = attempt == 0 ? existingSize(part) : 0;
        if (transfer(t)) break;
        if (attempt > 0)
            throw Error("Download of " + request.url + " failed: " + t.restartReason +
                        "; the server's range answers are inconsistent, try again later");
        // A 416 may mean the .part is already whole; the checksum tells.
        if (t.status == 416 && !expected.empty() && sha256File(part) == expected) break;
        std::error_code ec;
        fs::remove(part, ec);
    }
    if (!expected.empty()) {
        const std::string actual = sha256File(part);
        if (actual != expected) {
            std::error_code ec;
            fs::remove(part, ec);
            throw Error("Checksum mismatch for " + request.target + " downloaded from " +
                        request.url + ": expected sha256 " + expected + ", got " + actual +
                        "; the download was deleted, check the expected checksum or the source");
        }
    }
    std::error_code ec;
    fs::rename(part, request.target, ec);
    if (ec)
        throw Error("Cannot rename " + part + " to " + request.target + ": " + ec.message() +
                    "; check the folder's permissions");
}

}  // namespace

struct DownloadConnection::Handle {
    CurlHandle curl = makeHandle();
};

DownloadConnection::DownloadConnection() : handle_(std::make_unique<Handle>()) {}
DownloadConnection::~DownloadConnection() = default;

void DownloadConnection::fetch(const DownloadRequest& request,
                               const std::function<void(const DownloadProgress&)>& progress,
                               const std::function<bool()>& keepGoing) {
    downloadOne(handle_->curl.get(), request, progress, keepGoing);
}

void download(const DownloadRequest& request,
              const std::function<void(const DownloadProgress&)>& progress,
              const std::function<bool()>& keepGoing) {
    DownloadConnection().fetch(request, progress, keepGoing);
}

}  // namespace secateur
