// Seeds written by a Python script (Debian's python3 with torch) once per test program, into a
// temporary folder removed when the program ends.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace secateur {

// Removes `folder()` when the test program ends (register with AddGlobalTestEnvironment).
class RemoveAtExit : public ::testing::Environment {
public:
    explicit RemoveAtExit(std::filesystem::path (*folder)()) : folder_(folder) {}
    void TearDown() override {
        std::error_code ignored;
        std::filesystem::remove_all(folder_(), ignored);
    }

private:
    std::filesystem::path (*folder_)();
};

// Runs tests/python/SCRIPT FOLDER (FOLDER created first; output in FOLDER/log.txt). A failure is
// reported to the running test, not thrown, so that every test using the folder says why.
inline std::filesystem::path runPythonScript(const std::string& script,
                                             const std::filesystem::path& folder) {
    std::filesystem::create_directories(folder);
    const std::string cmd = std::string(SECATEUR_PYTHON) + " " + SECATEUR_SOURCE_DIR +
                            "/tests/python/" + script + " " + folder.string() + " > " +
                            (folder / "log.txt").string() + " 2>&1";
    if (std::system(cmd.c_str()) != 0)
        ADD_FAILURE() << script << " failed: see " << folder / "log.txt";
    return folder;
}

}  // namespace secateur
