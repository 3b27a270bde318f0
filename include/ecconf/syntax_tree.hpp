#pragma once
/// The syntax tree: statements and values exactly as written, each with its source range.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ecconf/source.hpp"

namespace ecconf {

enum class value_kind { scalar, list, dictionary };
enum class quoting { bare, double_quoted, single_quoted };

struct dictionary_entry;

/// A value: a scalar (unescaped text), a list of values, or a dictionary of key = value entries.
struct value {
    value_kind kind = value_kind::scalar;
    quoting quote = quoting::bare;
    std::string text;                       ///< scalar text after unescaping
    std::vector<value> items;               ///< list items
    std::vector<dictionary_entry> entries;  ///< dictionary entries in written order
    source_range range;
};

struct dictionary_entry {
    value key;                              ///< always a scalar
    value content;
};

/// A comment with its delimiters (`# ...` or `/* ... */`).
struct comment {
    source_range range;
    bool block = false;
};

enum class statement_kind { option, scope, include };

/// One statement: `name = value`, `keyword [instance] { body }`, or `include "path"`.
/// Its keyword views the bytes of the source_manager it was parsed from, which must outlive it.
struct statement {
    statement_kind kind = statement_kind::option;
    std::string_view keyword;               ///< as written: a view of the source file's bytes
    std::string_view name;                  ///< canonical lowercase keyword: the same view, or an interned copy
    source_range keyword_range;
    source_range range;                     ///< whole statement, up to its value or closing brace
    value content;                          ///< option value, or include path
    bool has_instance = false;
    value instance;                         ///< scope instance name (a scalar)
    source_range open_brace;                ///< scopes only
    source_range close_brace;               ///< scopes only; empty range when the file ended first
    bool readonly_include = false;
    std::vector<statement> body;            ///< scope body, or the statements an include brought in
    std::vector<file_id> included_files;    ///< include: the files read, in order
    std::vector<comment> leading_comments;  ///< comments between the previous statement and this one
    std::vector<comment> inner_comments;    ///< comments inside it, outside any body statement
    std::vector<comment> trailing_comments; ///< comments after it on the same line
    inclusion_id origin = no_inclusion;     ///< the inclusion that brought this statement in
};

/// A parsed file before include resolution.
struct syntax_file {
    file_id file = no_file;
    std::vector<statement> statements;
    std::vector<comment> comments;          ///< every comment of the file, in order
    std::vector<comment> trailing_comments; ///< comments after the last statement
    bool has_bom = false;
};

}  // namespace ecconf
