#include "text/network.hpp"

#include <string>

#include <arpa/inet.h>

namespace ecconf {

std::optional<network> parse_network(std::string_view text)
{
    const auto slash = text.find('/');
    std::string address(text.substr(0, slash));
    network result;
    if (::inet_pton(AF_INET, address.c_str(), result.bytes) == 1) {
        result.family = AF_INET;
        result.prefix = 32;
    }
    else if (::inet_pton(AF_INET6, address.c_str(), result.bytes) == 1) {
        result.family = AF_INET6;
        result.prefix = 128;
    }
    else {
        return std::nullopt;
    }
    if (slash == std::string_view::npos) return result;
    const auto bits = text.substr(slash + 1);
    if (bits.empty() || bits.size() > 3 || bits.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    const auto prefix = static_cast<unsigned>(std::stoul(std::string(bits)));
    if (prefix > result.prefix) return std::nullopt;
    result.prefix = prefix;
    return result;
}

bool network_contains(const network& outer, const network& inner)
{
    if (outer.family != inner.family || outer.prefix > inner.prefix) return false;
    for (unsigned bit = 0; bit < outer.prefix; ++bit) {
        const auto mask = static_cast<unsigned char>(0x80 >> (bit % 8));
        if ((outer.bytes[bit / 8] & mask) != (inner.bytes[bit / 8] & mask)) return false;
    }
    return true;
}

network masked(network n)
{
    for (unsigned bit = n.prefix; bit < 128; ++bit)
        n.bytes[bit / 8] &= static_cast<unsigned char>(~(0x80u >> (bit % 8)));
    return n;
}

}  // namespace ecconf
