#pragma once
// The built-in schema and rule catalogue in binary form (binary_form.hpp). At build time
// ecconf_generate_builtin loads schemas/*.json with the loaders below and writes their result as the
// two byte strings; at start-up builtin.cpp reads them back, which is much faster than parsing the JSON.

#include <string>
#include <string_view>
#include <vector>

#include "ecconf/schema.hpp"

namespace ecconf {

[[nodiscard]] std::string schema_to_binary(const schema& s);
/// Throws std::runtime_error on malformed bytes.
[[nodiscard]] schema schema_from_binary(std::string_view bytes);

/// Loads schemas/rules.json; throws a json exception on malformed data.
[[nodiscard]] std::vector<rule_info> load_rules(std::string_view rules_json);
[[nodiscard]] std::string rules_to_binary(const std::vector<rule_info>& rules);
[[nodiscard]] std::vector<rule_info> rules_from_binary(std::string_view bytes);

// Defined by the generated builtin_data.cpp.
[[nodiscard]] std::string_view builtin_schema_binary() noexcept;
[[nodiscard]] std::string_view builtin_rules_binary() noexcept;

}  // namespace ecconf
