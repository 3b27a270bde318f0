#pragma once
// textDocument/codeAction: the fixes of --fix as quick fixes, suppression comments for a finding's
// rule, and every safe fix of the document at once (source.fixAll.ecconf).

#include "lsp/server.hpp"

namespace ecconf::lsp {

[[nodiscard]] json code_actions(language_server& server, const json& params);
/// The codeActionProvider capability.
[[nodiscard]] json code_action_capabilities();

}  // namespace ecconf::lsp
