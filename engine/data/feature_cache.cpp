#include "engine/data/feature_cache.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <set>

#include "engine/data/sha256.h"
#include "engine/graph/serialize.h"
#include "engine/util/atomic_file.h"
#include "engine/util/error.h"

namespace secateur {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int kFeatureVersion = 1;  // bump when feature code changes what it computes

// A read-only memory map of one file; unmapped with the last reference.
class MappedFile {
public:
    explicit MappedFile(const fs::path& path) {
        const int fd = ::open(path.c_str(), O_RDONLY);
        if (fd < 0) throw Error("cannot open feature cache file " + path.string());
        struct stat st {};
        ::fstat(fd, &st);
        size_ = static_cast<size_t>(st.st_size);
        if (size_ > 0) data_ = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
        ::close(fd);
        if (data_ == MAP_FAILED)
            throw Error("cannot map feature cache file " + path.string() + "; delete " +
                        path.parent_path().string() + " to rebuild it");
    }
    ~MappedFile() {
        if (data_ && data_ != MAP_FAILED) ::munmap(data_, size_);
    }
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    const char* bytes() const { return static_cast<const char*>(data_); }
    size_t size() const { return size_; }

private:
    void* data_ = nullptr;
    size_t size_ = 0;
};

// Rows of a split: inputs then targets, each a dense row-major block in one file.
class MappedSource : public BatchSource {
public:
    MappedSource(const fs::path& file, int64_t samples, Shape sample, Shape target, bool classes)
        : map_(std::make_shared<MappedFile>(file)),
          samples_(samples),
          sample_(std::move(sample)),
          target_(std::move(target)),
          classes_(classes) {
        inputRow_ = static_cast<size_t>(numel(sample_)) * sizeof(float);
        targetRow_ =
            classes_ ? sizeof(int64_t) : static_cast<size_t>(numel(target_)) * sizeof(float);
        if (map_->size() != static_cast<size_t>(samples_) * (inputRow_ + targetRow_))
            throw Error("feature cache file " + file.string() + " has the wrong size; delete " +
                        file.parent_path().string() + " to rebuild it");
    }
    int64_t size() const override { return samples_; }
    Batch rows(const torch::Tensor& index) const override {
        const torch::Tensor idx = index.to(torch::kLong).contiguous();
        const int64_t n = idx.numel();
        Shape inShape{n};
        inShape.insert(inShape.end(), sample_.begin(), sample_.end());
        torch::Tensor x = torch::empty(inShape, torch::kFloat32);
        Shape outShape{n};
        if (!classes_) outShape.insert(outShape.end(), target_.begin(), target_.end());
        torch::Tensor y = torch::empty(outShape, classes_ ? torch::kLong : torch::kFloat32);
        const int64_t* at = idx.data_ptr<int64_t>();
        auto* xo = static_cast<char*>(x.data_ptr());
        auto* yo = static_cast<char*>(y.data_ptr());
        const char* targets = map_->bytes() + static_cast<size_t>(samples_) * inputRow_;
        for (int64_t i = 0; i < n; ++i) {
            if (at[i] < 0 || at[i] >= samples_) throw Error("sample index out of range");
            const auto r = static_cast<size_t>(at[i]);
            std::memcpy(xo + static_cast<size_t>(i) * inputRow_, map_->bytes() + r * inputRow_,
                        inputRow_);
            std::memcpy(yo + static_cast<size_t>(i) * targetRow_, targets + r * targetRow_,
                        targetRow_);
        }
        return {{x}, {y}};
    }

private:
    std::shared_ptr<MappedFile> map_;
    int64_t samples_;
    Shape sample_, target_;
    bool classes_;
    size_t inputRow_ = 0, targetRow_ = 0;
};

void writeBlock(std::ofstream& out, const torch::Tensor& t) {
    const torch::Tensor c = t.contiguous();
    out.write(static_cast<const char*>(c.data_ptr()),
              static_cast<std::streamsize>(c.numel() * c.element_size()));
}

SplitSummary summarize(const std::string& name, const PreparedSplit& s, size_t classes) {
    SplitSummary out{name, s.inputs.defined() ? s.inputs.size(0) : 0, {}, {}};
    if (classes && s.targets.defined()) {
        out.classCounts.assign(classes, 0);
        const torch::Tensor t = s.targets.to(torch::kLong).contiguous();
        for (int64_t i = 0; i < t.numel(); ++i)
            ++out.classCounts.at(static_cast<size_t>(t.data_ptr<int64_t>()[i]));
    }
    const std::set<std::string> groups(s.groups.begin(), s.groups.end());
    out.groups.assign(groups.begin(), groups.end());
    return out;
}

json summaryJson(const DataSummary& s) {
    json splits = json::array();
    for (const SplitSummary& p : s.splits)
        splits.push_back({{"name", p.name},
                          {"samples", p.samples},
                          {"class_counts", p.classCounts},
                          {"groups", p.groups}});
    return {{"dataset", s.dataset},      {"title", s.title}, {"sample_shape", s.sampleShape},
            {"classes", s.classes},      {"splits", splits}, {"feature_key", s.featureKey},
            {"settings", s.featureNotes}};
}

DataSummary summaryFromJson(const json& j, const fs::path& folder) {
    DataSummary s;
    s.dataset = j.at("dataset").get<std::string>();
    s.title = j.at("title").get<std::string>();
    s.sampleShape = j.at("sample_shape").get<Shape>();
    s.classes = j.at("classes").get<std::vector<std::string>>();
    for (const json& p : j.at("splits"))
        s.splits.push_back({p.at("name").get<std::string>(), p.at("samples").get<int64_t>(),
                            p.at("class_counts").get<std::vector<int64_t>>(),
                            p.at("groups").get<std::vector<std::string>>()});
    s.featureKey = j.at("feature_key").get<std::string>();
    s.featureNotes = j.at("settings").get<std::string>();
    s.cacheFolder = folder.string();
    return s;
}

CachedData open(const fs::path& folder) {
    std::ifstream in(folder / "meta.json");
    const json meta = json::parse(in);
    CachedData data;
    data.summary = summaryFromJson(meta.at("summary"), folder);
    const Shape target = meta.at("target_shape").get<Shape>();
    const bool classes = !data.summary.classes.empty();
    SharedSource* sources[] = {&data.train, &data.validation, &data.test};
    for (size_t i = 0; i < 3; ++i) {
        const SplitSummary& s = data.summary.splits.at(i);
        if (s.samples > 0)
            *sources[i] = std::make_shared<MappedSource>(folder / (s.name + ".bin"), s.samples,
                                                         data.summary.sampleShape, target, classes);
    }
    return data;
}

}  // namespace

std::string featureKey(const std::string& name, const std::string& manifest, const json& settings) {
    return sha256Bytes(name + "\n" + manifest + "\n" + settings.dump() + "\n" +
                       std::to_string(kFeatureVersion))
        .substr(0, 16);
}

CachedData loadOrPrepare(const fs::path& cacheFolder, const DataSummary& base,
                         const std::function<PreparedData()>& prepare,
                         const std::function<void(const std::string&)>& log) {
    if (fs::is_regular_file(cacheFolder / "meta.json")) {
        try {
            return open(cacheFolder);
        } catch (const std::exception& e) {
            if (log) log("rebuilding the feature cache " + cacheFolder.string() + ": " + e.what());
            fs::remove_all(cacheFolder);
        }
    }
    if (log) log("computing features for " + base.dataset + " into " + cacheFolder.string());
    PreparedData data = prepare();
    DataSummary summary = base;
    summary.classes = data.classes;
    summary.sampleShape = data.train.inputs.sizes().vec();
    summary.sampleShape.erase(summary.sampleShape.begin());
    summary.splits = {summarize("train", data.train, data.classes.size()),
                      summarize("validation", data.validation, data.classes.size()),
                      summarize("test", data.test, data.classes.size())};
    Shape target;
    if (data.classes.empty()) {
        target = data.train.targets.sizes().vec();
        target.erase(target.begin());
    }
    const fs::path temporary =
        cacheFolder.string() + ".tmp-" + uniqueSuffix();  // threads prepare it too (data tab)
    fs::remove_all(temporary);
    fs::create_directories(temporary);
    const PreparedSplit* splits[] = {&data.train, &data.validation, &data.test};
    for (size_t i = 0; i < 3; ++i) {
        if (summary.splits[i].samples == 0) continue;
        std::ofstream out(temporary / (summary.splits[i].name + ".bin"), std::ios::binary);
        writeBlock(out, splits[i]->inputs.to(torch::kFloat32));
        writeBlock(out, data.classes.empty() ? splits[i]->targets.to(torch::kFloat32)
                                             : splits[i]->targets.to(torch::kLong));
        if (!out) throw Error("cannot write the feature cache in " + temporary.string());
    }
    writeFileAtomically((temporary / "meta.json").string(),
                        json{{"summary", summaryJson(summary)}, {"target_shape", target}}.dump(1));
    std::error_code ec;
    fs::rename(temporary, cacheFolder, ec);
    if (ec) fs::remove_all(temporary);  // another process finished the same cache first
    return open(cacheFolder);
}

}  // namespace secateur
