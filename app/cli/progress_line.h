// Progress on stderr that suits where it goes: on a terminal one line rewritten at most ten times a
// second; elsewhere (CI, logs, `| tee`) a plain line when the stage changes and at most one every
// few seconds in between.
#pragma once

#include <chrono>
#include <ostream>
#include <string>

namespace secateur::cli {

class ProgressLine {
public:
    ProgressLine(std::ostream& out, bool terminal);  // terminal: see isTerminal
    ~ProgressLine();                                 // ends a rewritten line
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    // `stage` names what is being done (a file); `text` the whole line to show.
    void update(const std::string& stage, const std::string& text);
    void finish();

    static bool isTerminal(int fd);

private:
    std::ostream& out_;
    bool terminal_;
    std::string stage_;
    size_t shown_ = 0;  // length of the line on screen (terminal)
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace secateur::cli
