#pragma once
/// "Did you mean": the known name closest to a misspelled one.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ecconf {

/// Levenshtein distance, comparing letters without ASCII case.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// max_edits for closest_match: max(2, length / 4).
inline constexpr std::size_t edits_for_length = 0;

/// The candidate closest to `name` within `max_edits` edits (by default max(2, length / 4)), ignoring
/// ASCII case; on a tie the candidate that sorts first; "" when none is that close. A candidate whose
/// length alone puts it out of reach is never compared, so a megabyte-long name costs no more than a short one.
[[nodiscard]] std::string closest_match(std::string_view name, const std::vector<std::string>& candidates,
                                        std::size_t max_edits = edits_for_length);

/// The name most likely meant, and whether it is certain: the only candidate a single edit away.
struct name_suggestion {
    std::string name;
    bool certain = false;
};

/// `candidate` in the case style of `written`: all capitals, a capital first letter, or lowercase.
[[nodiscard]] std::string in_case_of(std::string_view written, std::string candidate);

/// closest_match, with its certainty; nothing when no candidate is close enough.
[[nodiscard]] std::optional<name_suggestion> suggest_name(std::string_view name,
                                                          const std::vector<std::string>& candidates,
                                                          std::size_t max_edits = edits_for_length);

}  // namespace ecconf
