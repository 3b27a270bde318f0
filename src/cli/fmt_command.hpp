#pragma once
// `ecconf-check fmt`: files formatted in the house style (docs/fmt.md), printed, checked, diffed or rewritten.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ecconf/syntax_tree.hpp"

namespace ecconf::cli {

struct fmt_settings {
    std::vector<std::string> files;             ///< files, directories (their *.conf files), '-' for standard input
    bool check = false;                         ///< print the names of files that would change; exit 1 if any
    bool diff = false;                          ///< print a unified diff; exit 1 if any file would change
    bool write = false;                         ///< rewrite changed files in place, atomically
    std::optional<std::uint32_t> line_width;    ///< --line-width; else .editorconfig's max_line_length, else 100
    std::optional<std::uint32_t> indent_width;  ///< --indent; else .editorconfig's indent_size, else 2
    bool lowercase_keywords = false;            ///< --keyword-case lower
    std::string stdin_filename;                 ///< the name of '-' (diagnostics, .editorconfig)
    std::uint64_t max_file_size = 32u << 20;
    parse_limits limits;
    bool color = false;  ///< diagnostics in colour
};

/// Runs the command: 0 when nothing is (or was) to change, 1 when a file would change (--check,
/// --diff) or has a syntax error, 2 when a file cannot be read or written.
int run_fmt(const fmt_settings& settings);

/// A unified diff of two texts (3 lines of context), headed `--- old_name` / `+++ new_name`; empty
/// when they are equal.
std::string unified_diff(std::string_view old_text, std::string_view new_text, const std::string& old_name,
                         const std::string& new_name);

}  // namespace ecconf::cli
