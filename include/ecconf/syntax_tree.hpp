#pragma once
/// The syntax tree: statements and values exactly as written, each with its source range.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ecconf/source.hpp"

namespace ecconf {

// One byte each, and fields ordered by size: a large configuration holds millions of these.
enum class value_kind : std::uint8_t { scalar, list, dictionary };
enum class quoting : std::uint8_t { bare, double_quoted, single_quoted };

/// A single word or string as written: a scope's instance name, and the part every value has.
struct scalar {
    std::string text;                       ///< after unescaping
    source_range range;
    quoting quote = quoting::bare;
};

/// A value: a scalar (unescaped text), a list of values, or a dictionary of key = value entries.
struct value : scalar {
    value_kind kind = value_kind::scalar;   ///< fits in the tail padding of scalar
    /// A list's items; a dictionary's keys and values in turn (key, value, key, value...), read
    /// them with entries_of(). One vector for both keeps every value, list item and option small.
    std::vector<value> items;
};

/// One `key = value` of a dictionary. The key is always a scalar.
struct dictionary_entry {
    const value& key;
    const value& content;
};

/// The entries of a dictionary in written order: `for (const auto& [key, content] : entries_of(v))`.
class dictionary_entries {
public:
    class iterator {
    public:
        explicit iterator(const value* at) : at_(at) {}
        [[nodiscard]] dictionary_entry operator*() const { return {at_[0], at_[1]}; }
        iterator& operator++()
        {
            at_ += 2;
            return *this;
        }
        [[nodiscard]] bool operator!=(const iterator& other) const { return at_ != other.at_; }

    private:
        const value* at_;
    };

    explicit dictionary_entries(const std::vector<value>& items) : items_(items) {}
    [[nodiscard]] iterator begin() const { return iterator(items_.data()); }
    [[nodiscard]] iterator end() const { return iterator(items_.data() + size() * 2); }
    [[nodiscard]] std::size_t size() const { return items_.size() / 2; }
    [[nodiscard]] dictionary_entry operator[](std::size_t i) const { return {items_[2 * i], items_[2 * i + 1]}; }

private:
    const std::vector<value>& items_;
};

[[nodiscard]] inline dictionary_entries entries_of(const value& dictionary) { return dictionary_entries(dictionary.items); }

/// A comment with its delimiters (`# ...` or `/* ... */`).
struct comment {
    source_range range;
    bool block = false;
};

/// Consecutive comments of one file: `count` comments of its comment list, from index `first`.
/// Spans instead of copies keep statements small; read them with comments_in().
struct comment_span {
    std::uint32_t first = 0;
    std::uint32_t count = 0;
};

/// The comments of a span, as a read-only range over the file's comment list.
class comment_range {
public:
    comment_range(const comment* begin, const comment* end) : begin_(begin), end_(end) {}
    [[nodiscard]] const comment* begin() const { return begin_; }
    [[nodiscard]] const comment* end() const { return end_; }
    [[nodiscard]] std::size_t size() const { return static_cast<std::size_t>(end_ - begin_); }
    [[nodiscard]] bool empty() const { return begin_ == end_; }
    [[nodiscard]] const comment& operator[](std::size_t i) const { return begin_[i]; }

private:
    const comment* begin_;
    const comment* end_;
};

/// `file_comments` must be the comment list of the file the span belongs to (see statement).
[[nodiscard]] inline comment_range comments_in(const std::vector<comment>& file_comments, comment_span span)
{
    return {file_comments.data() + span.first, file_comments.data() + span.first + span.count};
}

enum class statement_kind : std::uint8_t { option, scope, include };

/// One statement: `name = value`, `keyword [instance] { body }`, or `include "path"`.
/// Its keyword views the bytes of the source_manager it was parsed from, which must outlive it.
struct statement {
    std::string_view keyword;               ///< as written: a view of the source file's bytes
    std::string_view name;                  ///< canonical lowercase keyword: the same view, or an interned copy
    value content;                          ///< option value, include path, or a scope's instance name
    std::vector<statement> body;            ///< scope body, or the statements an include brought in
    source_range keyword_range;
    source_range range;                     ///< whole statement, up to its value or closing brace
    source_range open_brace;                ///< scopes only
    source_range close_brace;               ///< scopes only; empty range when the file ended first
    // The comment spans index the comments of the file this statement was written in (range.file):
    // its syntax_file::comments, also for a statement that include resolution moved into another
    // file's tree, and loaded_configuration::comments[range.file] after loading.
    comment_span leading_comments;          ///< comments between the previous statement and this one
    comment_span inner_comments;            ///< comments inside it, outside any body statement
    comment_span trailing_comments;         ///< comments after it on the same line
    inclusion_id origin = no_inclusion;     ///< the inclusion that brought this statement in
    statement_kind kind = statement_kind::option;
    bool has_instance = false;
    bool readonly_include = false;

    /// A scope's instance name. A scope has no value, so the name is kept in `content`: a statement
    /// holds one of the two, and a large configuration holds hundreds of thousands of statements.
    [[nodiscard]] const scalar& instance() const { return content; }
    [[nodiscard]] scalar& instance() { return content; }
};

/// A parsed file before include resolution.
struct syntax_file {
    file_id file = no_file;
    std::vector<statement> statements;
    std::vector<comment> comments;          ///< every comment of the file, in order
    comment_span trailing_comments;         ///< comments after the last statement
    bool has_bom = false;

    /// The comments of a span of one of this file's statements (or of trailing_comments).
    [[nodiscard]] comment_range comments_in(comment_span span) const { return ecconf::comments_in(comments, span); }
};

}  // namespace ecconf
