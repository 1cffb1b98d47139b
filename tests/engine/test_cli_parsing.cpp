// The command line as declared (CLI11): help from the declarations, one clear line per mistake
// with the nearest valid name, --version, --opt=value, the bash completion, and docs/cli.md
// naming every option there is.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include "tests/engine/cli_runner.h"

namespace secateur {
namespace {

namespace fs = std::filesystem;

CliRun cli(const std::string& args) {
    return runCli(args, fs::temp_directory_path() / "secateur_cli_parsing");
}

std::set<std::string> longOptions(const std::string& text) {
    std::set<std::string> options;
    const std::regex option("--[a-z][a-z0-9-]*");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), option);
         it != std::sregex_iterator(); ++it)
        options.insert(it->str());
    return options;
}

#define EXPECT_CONTAINS(text, part) \
    EXPECT_NE((text).find(part), std::string::npos) << "no '" << (part) << "' in:\n" << (text)

TEST(CliParsing, versionAndHelpComeFromTheDeclarations) {
    const CliRun version = cli("--version");
    EXPECT_EQ(version.status, 0);
    EXPECT_CONTAINS(version.out, std::string("secateur ") + SECATEUR_VERSION);
    const CliRun help = cli("--help");
    EXPECT_EQ(help.status, 0);
    for (const char* command : {"info", "search", "export", "zoo", "dims", "data"})
        EXPECT_CONTAINS(help.out, command);
    const CliRun search = cli("search --help");
    for (const char* option : {"--budget", "--target", "--minimize", "--limit", "--limit-sweep",
                               "--data", "--data-settings", "--jobs", "--threads", "--point"})
        EXPECT_CONTAINS(search.out, option);
    EXPECT_CONTAINS(search.out, "cortex-m7");  // the choices come from the registries
    EXPECT_CONTAINS(cli("help data").out, "inspect");
}

TEST(CliParsing, mistakesGetOneLineWithTheNearestName) {
    const CliRun option = cli("search --zoo ds_cnn --budgt demo --out /tmp/x");
    EXPECT_EQ(option.status, 2);
    EXPECT_CONTAINS(option.err, "unknown option '--budgt'");
    EXPECT_CONTAINS(option.err, "did you mean '--budget'?");
    const CliRun command = cli("serch --zoo ds_cnn");
    EXPECT_CONTAINS(command.err, "unknown command 'serch'");
    EXPECT_CONTAINS(command.err, "did you mean 'search'?");
    EXPECT_CONTAINS(cli("data lst").err, "did you mean 'list'?");
    const CliRun number = cli("search --zoo ds_cnn --threads abc --out /tmp/x");
    EXPECT_EQ(number.status, 2);
    EXPECT_CONTAINS(number.err, "--threads");
    EXPECT_EQ(number.err.find("stoi"), std::string::npos) << number.err;
    EXPECT_CONTAINS(cli("search --zoo ds_cnn -o /tmp/x").err, "'-o'");
    EXPECT_CONTAINS(cli("zoo extra").err, "'extra'");
    const CliRun both = cli("search " + std::string(SECATEUR_SOURCE_DIR) +
                            "/projects/default.json --zoo ds_cnn --out /tmp/x");
    EXPECT_EQ(both.status, 2);
    EXPECT_CONTAINS(both.err, "give PROJECT or --zoo, not both");
    EXPECT_CONTAINS(cli("info --zoo ds_cnn extra").err, "give FILE or --zoo, not both");
    const CliRun none = cli("");
    EXPECT_EQ(none.status, 2);
    EXPECT_CONTAINS(none.err, "give a command");
}

TEST(CliParsing, optionsTakeTheirValueAfterAnEqualsSign) {
    const CliRun info = cli("info --zoo=ds_cnn --target=host --json");
    EXPECT_EQ(info.status, 0) << info.err;
    EXPECT_CONTAINS(info.out, "\"target\": \"host\"");
}

TEST(CliParsing, aPointTheSweepDoesNotHaveIsAnError) {
    const CliRun run = cli("search " + std::string(SECATEUR_SOURCE_DIR) +
                           "/projects/default.json --budget demo --point nowhere --out " +
                           (fs::temp_directory_path() / "secateur_cli_point").string());
    EXPECT_EQ(run.status, 1);
    EXPECT_CONTAINS(run.err, "point 'nowhere' is not a point of budget 'demo'");
}

TEST(CliParsing, dataGetTakesAProjectFile) {
    const std::string projects = std::string(SECATEUR_SOURCE_DIR) + "/projects/";
    const CliRun synthetic = cli("data get " + projects + "default.json");
    EXPECT_EQ(synthetic.status, 0) << synthetic.err;
    EXPECT_CONTAINS(synthetic.out, "nothing to download (task synthetic)");
}

TEST(CliParsing, bashCompletionListsCommandsAndOptions) {
    const CliRun script = cli("completion");
    EXPECT_EQ(script.status, 0);
    EXPECT_CONTAINS(script.out, "complete -F _secateur secateur");
    EXPECT_CONTAINS(script.out, "\"search\") words=");
    EXPECT_CONTAINS(script.out, "--limit-sweep");
    EXPECT_CONTAINS(script.out, "\"data\") words=\"");
}

TEST(CliParsing, theManPageComesFromTheDeclarations) {
    std::ifstream in(std::string(SECATEUR_BINARY_DIR) + "/share/man/man1/secateur.1");
    ASSERT_TRUE(in) << "the build writes share/man/man1/secateur.1 (help2man)";
    const std::string page(std::istreambuf_iterator<char>(in), {});
    EXPECT_CONTAINS(page, "limit\\-sweep");  // groff escapes the hyphen
    EXPECT_CONTAINS(page, SECATEUR_VERSION);
}

TEST(CliParsing, theDocsNameEveryOptionAndNoOther) {
    std::ifstream in(std::string(SECATEUR_SOURCE_DIR) + "/docs/cli.md");
    const std::string docs(std::istreambuf_iterator<char>(in), {});
    const std::set<std::string> declared = longOptions(cli("--help-all").out);
    ASSERT_TRUE(declared.count("--budget"));
    for (const std::string& option : declared)
        EXPECT_TRUE(docs.find(option) != std::string::npos) << option << " is not in docs/cli.md";
    // Mistakes the docs show on purpose.
    const std::set<std::string> examples{"--budgt", "--frobnicate"};
    for (const std::string& option : longOptions(docs))
        EXPECT_TRUE(declared.count(option) || examples.count(option))
            << "docs/cli.md names " << option << ", which secateur does not declare";
}

}  // namespace
}  // namespace secateur
