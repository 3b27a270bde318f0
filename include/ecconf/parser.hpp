#pragma once
/// Parsing one file into a syntax tree, reporting every syntax error with its exact position.

#include <cstdint>

#include "ecconf/diagnostic.hpp"
#include "ecconf/source.hpp"
#include "ecconf/syntax_tree.hpp"

namespace ecconf {

struct parse_limits {
    std::uint32_t max_depth = 128;          ///< nesting of scopes, lists and dictionaries
    std::uint32_t max_syntax_errors = 100;  ///< per file; parsing stops after that many
};

/// Parses one file of the manager. Never throws on bad input: problems become diagnostics.
[[nodiscard]] syntax_tree parse_source(source_manager& sources, file_id file, diagnostic_sink& sink,
                                       const parse_limits& limits = {});

}  // namespace ecconf
