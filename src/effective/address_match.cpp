#include "address_match.hpp"

#include <string>

#include <arpa/inet.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

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
    if (bits.empty() || bits.size() > 3 || bits.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    const auto prefix = static_cast<unsigned>(std::stoul(std::string(bits)));
    if (prefix > result.prefix) return std::nullopt;
    result.prefix = prefix;
    return result;
}

bool network_contains(const network& outer, const network& inner)
{
    if (outer.family != inner.family || outer.prefix > inner.prefix) return false;
    for (unsigned bit = 0; bit < outer.prefix; ++bit) {
        const unsigned char mask = static_cast<unsigned char>(0x80 >> (bit % 8));
        if ((outer.bytes[bit / 8] & mask) != (inner.bytes[bit / 8] & mask)) return false;
    }
    return true;
}

bool regex_instance_matches(std::string_view regex_instance, std::string_view name)
{
    if (regex_instance.size() < 2 || regex_instance.front() != '/' || regex_instance.back() != '/') return false;
    const auto pattern = regex_instance.substr(1, regex_instance.size() - 2);
    int code = 0;
    PCRE2_SIZE at = 0;
    pcre2_code* compiled = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), PCRE2_CASELESS, &code, &at, nullptr);
    if (!compiled) return false;
    pcre2_match_data* match = pcre2_match_data_create_from_pattern(compiled, nullptr);
    const int found = pcre2_match(compiled, reinterpret_cast<PCRE2_SPTR>(name.data()), name.size(), 0, 0, match, nullptr);
    pcre2_match_data_free(match);
    pcre2_code_free(compiled);
    return found >= 0;
}

}  // namespace ecconf
