#pragma once
/// "Did you mean": the known name closest to a misspelled one.

#include <string>
#include <string_view>
#include <vector>

namespace ecconf {

/// Levenshtein distance, comparing letters without ASCII case.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `name` within max(2, length / 4) edits, ignoring ASCII case; on a tie the
/// candidate that sorts first; "" when none is that close. A candidate whose length alone puts it out
/// of reach is never compared, so a megabyte-long name costs no more than a short one.
[[nodiscard]] std::string closest_match(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace ecconf
