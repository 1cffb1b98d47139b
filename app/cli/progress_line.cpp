#include "app/cli/progress_line.h"

#include <unistd.h>

namespace secateur::cli {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kTerminalInterval = std::chrono::milliseconds(100);
constexpr auto kLogInterval = std::chrono::seconds(5);

}  // namespace

ProgressLine::ProgressLine(std::ostream& out, bool terminal) : out_(out), terminal_(terminal) {}

ProgressLine::~ProgressLine() {
    finish();
}

bool ProgressLine::isTerminal(int fd) {
    return ::isatty(fd) != 0;
}

void ProgressLine::update(const std::string& stage, const std::string& text) {
    const Clock::time_point now = Clock::now();
    const bool newStage = stage != stage_;
    if (!newStage && now - last_ < (terminal_ ? kTerminalInterval : kLogInterval)) return;
    stage_ = stage;
    last_ = now;
    if (!terminal_) {
        out_ << text << std::endl;
        return;
    }
    out_ << '\r' << text;
    if (text.size() < shown_) out_ << std::string(shown_ - text.size(), ' ');
    out_ << std::flush;
    shown_ = text.size();
}

void ProgressLine::finish() {
    if (terminal_ && shown_ > 0) out_ << std::endl;
    shown_ = 0;
}

}  // namespace secateur::cli
