#pragma once
// A written value as typed JSON, following its schema type: booleans, numbers, arrays, objects,
// capabilities in libcap's canonical form. Text that does not fit its type stays a string.

#include <nlohmann/json.hpp>

#include "ecconf/schema.hpp"
#include "ecconf/syntax_tree.hpp"

namespace ecconf {

[[nodiscard]] nlohmann::ordered_json typed_value(const value_ref& written, const value_type* type);

/// libcap's canonical text for a capability string (cap_from_text then cap_to_text), if it parses.
[[nodiscard]] std::optional<std::string> canonical_capabilities(const std::string& text);

}  // namespace ecconf
