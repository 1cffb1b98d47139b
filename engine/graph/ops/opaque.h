// Private header: the text form of an opaque node's TorchScript archive (base64 in the "module"
// attribute, so that the IR stays plain JSON).
#pragma once

#include <string>

namespace secateur {

std::string encodeBase64(const std::string& bytes);
std::string decodeBase64(const std::string& text);  // throws Error on a character outside base64

}  // namespace secateur
