// The engine's one exception type: every message names the culprit (node, op, file, field) and,
// where there is one, the way out.
#pragma once

#include <stdexcept>
#include <string>

namespace secateur {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace secateur
