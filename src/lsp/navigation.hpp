#pragma once
// The requests about the names a configuration declares and refers to (thread pools, bindings...):
// definition, references, rename, their completion; and the completion and hover inside the strings
// of include directives and Capabilities values.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ecconf/schema.hpp"
#include "lsp/features.hpp"

namespace ecconf::lsp {

/// The requests answered here alone, with their handlers; features.cpp lists them with its own.
[[nodiscard]] const std::vector<std::pair<std::string, feature_handler>>& navigation_handlers();
/// What those handlers add to the server's capabilities.
[[nodiscard]] json navigation_capabilities();

/// textDocument/definition on a value naming a declaration: the declaration(s); null elsewhere.
[[nodiscard]] json name_definition(language_server& server, const json& params);
/// Completion inside an include directive's path or a Capabilities string; nullopt elsewhere.
[[nodiscard]] std::optional<json> string_completion(language_server& server, const json& params);
/// Appends the names a value of `type` may refer to (declared, and Momentum's own thread pools).
void add_name_items(language_server& server, const json& params, const value_type& type, json& items);
/// Hover on a capability name inside a Capabilities string; null elsewhere.
[[nodiscard]] json capability_hover(language_server& server, const json& params);

}  // namespace ecconf::lsp
