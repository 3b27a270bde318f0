#pragma once
// The requests about an open document's content: hover, completion, symbols, folding, formatting, definition.

#include <string>
#include <utility>
#include <vector>

#include "lsp/server.hpp"

namespace ecconf::lsp {

using feature_handler = json (*)(language_server& server, const json& params);

/// Each request method with its handler.
[[nodiscard]] const std::vector<std::pair<std::string, feature_handler>>& feature_handlers();
/// What the handlers add to the server's capabilities.
[[nodiscard]] json feature_capabilities();

}  // namespace ecconf::lsp
