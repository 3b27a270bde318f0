#pragma once
// Matching used by the fallback rules: CIDR containment for peers, PCRE2 patterns for regex domains.

#include <cstdint>
#include <optional>
#include <string_view>

namespace ecconf {

/// An IPv4 or IPv6 network; a plain address is a network of full length.
struct network {
    int family = 0;
    unsigned char bytes[16] = {};
    unsigned prefix = 0;
};

[[nodiscard]] std::optional<network> parse_network(std::string_view text);
/// True when `inner` lies inside `outer` (same family, longer or equal prefix, same leading bits).
[[nodiscard]] bool network_contains(const network& outer, const network& inner);
enum class regex_verdict { no_match, match, undecided };

/// Whether a `/regex/` instance name matches `name` (case-insensitive); no_match for a broken pattern,
/// undecided when PCRE2's match or depth limit stops the search (a catastrophic pattern).
[[nodiscard]] regex_verdict match_regex_instance(std::string_view regex_instance, std::string_view name);

}  // namespace ecconf
