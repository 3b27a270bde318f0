// Case folding of names: ASCII only, as Momentum compares keywords and DNS names.

#include <cctype>

#include "ecconf/source.hpp"

namespace ecconf {

std::string ascii_lower(std::string_view text)
{
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace ecconf
