#pragma once
/// The formatter: one file's syntax tree printed in the house style of the Momentum manuals, every
/// comment kept where it was (docs/fmt.md has the rules and why).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ecconf/diagnostic.hpp"
#include "ecconf/source.hpp"
#include "ecconf/syntax_tree.hpp"

namespace ecconf {

struct format_options {
    std::uint32_t indent_width = 2;   ///< spaces per scope (and broken list) level
    std::uint32_t line_width = 100;   ///< a list or dictionary that would pass it is broken one item per line
    bool lowercase_keywords = false;  ///< `--keyword-case lower`: keywords (not values) in lowercase
};

/// A file's text formatted. `tree` must have been parsed from `bytes` without an error.
[[nodiscard]] std::string format_tree(const syntax_tree& tree, std::string_view bytes,
                                      const format_options& options = {});

/// The result of formatting source text: the text when it parsed, else the parser's diagnostics.
struct format_result {
    bool formatted = false;  ///< false: a syntax error (or a limit) stopped it; `text` is empty
    std::string text;
    source_manager sources;  ///< the one file parsed, for printing the diagnostics
    diagnostic_sink diagnostics;
};

/// Parses `bytes` (named `path` in diagnostics) and formats them. A file with an error-level parse
/// diagnostic is not formatted: a half-understood file is never rewritten.
[[nodiscard]] format_result format_source(const std::string& path, std::string bytes,
                                          const format_options& options = {}, const parse_limits& limits = {});

/// Range formatting, for an editor: the statements that overlap the byte range [begin, end), formatted
/// at their depth (the innermost scope body that holds the whole range). The edit spans from the start
/// of the first such statement's line to the end of the last one's line (its end-of-line comments
/// included); nothing when no statement overlaps the range or the text is already formatted there.
[[nodiscard]] std::optional<text_edit> format_range(const syntax_tree& tree, std::string_view bytes,
                                                    std::uint32_t begin, std::uint32_t end,
                                                    const format_options& options = {});

/// What `.editorconfig` files say for one file: `indent_size` and `max_line_length` when set.
struct editorconfig_settings {
    std::optional<std::uint32_t> indent_size;
    std::optional<std::uint32_t> max_line_length;
};

/// Reads the `.editorconfig` files from the file's directory upward (up to one with `root = true`),
/// later and nearer sections winning, `unset` clearing a value. Globs: `*`, `**`, `?`, `[...]`, `{a,b}`;
/// a pattern without '/' matches the file name in any directory below the `.editorconfig`.
[[nodiscard]] editorconfig_settings read_editorconfig(const std::string& file_path);

}  // namespace ecconf
