#pragma once
/// Statement names as small integers: each lowercase name is stored once for a run.

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ecconf {

using name_id = std::uint32_t;

/// The lowercase names of statements, each stored once for a run: statements carry an id.
class name_table {
public:
    /// The id of a lowercase name, added when new.
    [[nodiscard]] name_id intern(std::string_view lowercase);
    [[nodiscard]] std::string_view text(name_id id) const { return names_[id]; }

private:
    std::deque<std::string> names_;                      ///< a deque: its strings never move
    std::unordered_map<std::string_view, name_id> ids_;  ///< views of names_' strings
};

}  // namespace ecconf
