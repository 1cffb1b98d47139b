// The boundaries of docs/architecture.md: LibTorch stays inside the engine's sources and private
// headers (marked "Private header" at their top); Qt stays out of the engine; widget headers stay
// light (no JSON library, not even through the engine headers they include).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> sources(const std::string& folder) {
    std::vector<fs::path> files;
    const fs::path root = fs::path(SECATEUR_SOURCE_DIR) / folder;
    if (!fs::exists(root)) return files;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        const std::string ext = entry.path().extension().string();
        if (ext == ".h" || ext == ".hpp" || ext == ".cpp") files.push_back(entry.path());
    }
    return files;
}

std::string read(const fs::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

const std::regex torchInclude(R"(#\s*include\s*[<"](torch|ATen|c10)/)");
const std::regex qtInclude(R"(#\s*include\s*[<"]Q[A-Za-z]+)");

TEST(Boundaries, WidgetsAndAppIncludeNoTorch) {
    for (const std::string folder : {"widgets", "app"}) {
        for (const fs::path& file : sources(folder)) {
            EXPECT_FALSE(std::regex_search(read(file), torchInclude)) << file;
        }
    }
}

TEST(Boundaries, WidgetsAndAppIncludeNoPrivateEngineHeader) {
    const std::regex engineInclude(R"re(#\s*include\s*"(engine/[^"]+)")re");
    for (const std::string folder : {"widgets", "app"}) {
        for (const fs::path& file : sources(folder)) {
            const std::string text = read(file);
            for (std::sregex_iterator m(text.begin(), text.end(), engineInclude), end; m != end;
                 ++m) {
                const std::string header = read(fs::path(SECATEUR_SOURCE_DIR) / (*m)[1].str());
                EXPECT_EQ(header.substr(0, 200).find("Private header"), std::string::npos)
                    << file << " includes the engine's private " << (*m)[1].str();
            }
        }
    }
}

TEST(Boundaries, PublicEngineHeadersIncludeNoTorch) {
    int privateHeaders = 0;
    for (const fs::path& file : sources("engine")) {
        if (file.extension() != ".h" || file.filename() == "torch_pch.h") continue;
        const std::string text = read(file);
        const bool isPrivate = text.substr(0, 200).find("Private header") != std::string::npos;
        privateHeaders += isPrivate ? 1 : 0;
        if (!isPrivate) {
            EXPECT_FALSE(std::regex_search(text, torchInclude)) << file << " is public";
        }
    }
    EXPECT_GT(privateHeaders, 0);
}

// The engine headers `file` includes, directly or through other engine headers.
void engineHeadersOf(const fs::path& file, std::set<std::string>& seen) {
    static const std::regex engineInclude(R"re(#\s*include\s*"(engine/[^"]+)")re");
    const std::string text = read(file);
    for (std::sregex_iterator m(text.begin(), text.end(), engineInclude), end; m != end; ++m)
        if (seen.insert((*m)[1].str()).second)
            engineHeadersOf(fs::path(SECATEUR_SOURCE_DIR) / (*m)[1].str(), seen);
}

TEST(Boundaries, WidgetHeadersPullNoJsonLibrary) {
    const std::regex jsonInclude(R"(#\s*include\s*[<"]nlohmann/)");
    for (const fs::path& file : sources("widgets")) {
        if (file.extension() != ".h") continue;
        EXPECT_FALSE(std::regex_search(read(file), jsonInclude)) << file;
        std::set<std::string> headers;
        engineHeadersOf(file, headers);
        for (const std::string& header : headers)
            EXPECT_FALSE(
                std::regex_search(read(fs::path(SECATEUR_SOURCE_DIR) / header), jsonInclude))
                << file << " pulls nlohmann/json through " << header;
    }
}

TEST(Boundaries, EngineIncludesNoQt) {
    for (const fs::path& file : sources("engine")) {
        EXPECT_FALSE(std::regex_search(read(file), qtInclude)) << file;
    }
}

}  // namespace
