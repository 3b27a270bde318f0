#pragma once
/// Inline suppressions: `# ecconf-check: disable=RULE[,RULE] -- reason` (the next line, or this line
/// when the comment ends a line of code; on the line before a scope's opening line, the whole stanza) and
/// `# ecconf-check: disable-file=RULE[,RULE] -- reason`. A `/* ecconf-check: ... */` comment counts the same.

#include <string>
#include <vector>

#include "ecconf/diagnostic.hpp"
#include "ecconf/source.hpp"
#include "ecconf/syntax_tree.hpp"

namespace ecconf {

/// One `ecconf-check:` comment, as written.
struct suppression {
    source_range comment;                   ///< the whole comment
    bool whole_file = false;                ///< disable-file=
    std::uint32_t line = 0;                 ///< 1-based first line it covers (disable= only)
    std::uint32_t last_line = 0;            ///< the last line it covers: `line`, or the closing line of a stanza
    std::vector<std::string> rules;         ///< as written, unknown ids included
    std::vector<source_range> rule_ranges;  ///< where each of `rules` is written
    source_range
        removal;  ///< what deleting the comment removes: its line when alone on it, else its spaces before or after
    std::string reason;   ///< after ` -- `, trimmed; empty when missing
    std::string problem;  ///< why the comment is malformed, empty when it is well formed
};

/// The `ecconf-check:` directives among the comments of one file; other comments are ignored. With the
/// file's tree, a directive alone on the line before a scope's opening line covers the whole stanza.
[[nodiscard]] std::vector<suppression> find_suppressions(const source_file& file, file_id id,
                                                         const std::vector<comment>& comments,
                                                         const syntax_tree* tree = nullptr);

/// Moves the diagnostics that the suppressions of these files cover to `suppressed`, and reports each
/// malformed suppression, and each one that covered nothing, as useless-suppression at the comment.
void apply_suppressions(const source_manager& sources, const std::vector<const syntax_tree*>& trees,
                        diagnostic_sink& sink, std::vector<suppressed_finding>& suppressed);

}  // namespace ecconf
