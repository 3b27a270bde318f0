#pragma once
// The requests about a document's text alone, answered from its syntax tree without checking the
// configuration: semantic tokens and selection ranges.

#include <memory>
#include <optional>

#include "ecconf/diagnostic.hpp"
#include "ecconf/source.hpp"
#include "ecconf/syntax_tree.hpp"
#include "lsp/server.hpp"

namespace ecconf::lsp {

/// The document parsed on its own.
struct parsed_document {
    source_manager sources;
    diagnostic_sink sink;
    std::optional<syntax_tree> tree;
    bool has_errors = false;
};

[[nodiscard]] std::unique_ptr<parsed_document> parse_document(const document& doc);

/// textDocument/semanticTokens/full: keywords, scope and instance names, strings, numbers, comments.
[[nodiscard]] json semantic_tokens(language_server& server, const json& params);
/// textDocument/selectionRange: from the word at each position out through its statements to the file.
[[nodiscard]] json selection_ranges(language_server& server, const json& params);
/// The semanticTokensProvider capability, with the token legend.
[[nodiscard]] json semantic_token_capabilities();

}  // namespace ecconf::lsp
