#pragma once
// Matching used by the fallback rules: PCRE2 patterns for regex domains (CIDR containment is text/network.hpp).

#include <cstdint>
#include <string_view>

namespace ecconf {

enum class regex_verdict { no_match, match, undecided };

/// Whether a `/regex/` instance name matches `name` (case-insensitive); no_match for a broken pattern,
/// undecided when PCRE2's match or depth limit stops the search (a catastrophic pattern).
[[nodiscard]] regex_verdict match_regex_instance(std::string_view regex_instance, std::string_view name);

}  // namespace ecconf
