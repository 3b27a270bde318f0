#pragma once
/// The syntax tree of one file: one flat array of small nodes in pre-order, read through handles.
///
/// Node i's descendants are the nodes (i, last]; its children are found by skipping each child's
/// descendants. The shapes: option -> value; scope -> [instance] statements...; include -> path;
/// list -> items...; dictionary -> entries...; entry -> key value. Texts are views of the source
/// bytes, except unescaped strings that differ from what was written, kept in a side table.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ecconf/diagnostic.hpp"
#include "ecconf/source.hpp"

namespace ecconf {

using node_id = std::uint32_t;
inline constexpr node_id no_node = UINT32_MAX;

enum class node_kind : std::uint8_t { option, scope, include, scalar, list, dictionary, entry };
enum class quoting : std::uint8_t { bare, double_quoted, single_quoted };

struct node {
    node_kind kind = node_kind::scalar;
    quoting quote = quoting::bare;  ///< scalars
    bool has_instance = false;      ///< scopes
    bool readonly = false;          ///< includes: `readonly_include`
    std::uint32_t begin = 0;        ///< byte range in the file: a statement up to its value or `}`
    std::uint32_t end = 0;
    node_id last = 0;        ///< the last descendant, or the node itself
    std::uint32_t data = 0;  ///< statements: the name's id; scalars: a side-table text or no_text
};

inline constexpr std::uint32_t no_text = UINT32_MAX;

/// A comment with its delimiters (`# ...` or `/* ... */`).
struct comment {
    source_range range;
    bool block = false;
};

class syntax_tree;
class value_ref;
class statement_ref;

/// Steps through the children of a node: each child's descendants are skipped.
template <typename Ref>
class child_range {
public:
    class iterator {
    public:
        iterator(const syntax_tree* tree, node_id at, inclusion_id origin) : tree_(tree), at_(at), origin_(origin) {}
        [[nodiscard]] Ref operator*() const;
        iterator& operator++();
        [[nodiscard]] bool operator!=(const iterator& other) const { return at_ != other.at_; }

    private:
        const syntax_tree* tree_;
        node_id at_;
        inclusion_id origin_;
    };

    child_range(const syntax_tree* tree, node_id first, node_id end, inclusion_id origin)
        : tree_(tree), first_(first), end_(end), origin_(origin)
    {}
    [[nodiscard]] iterator begin() const { return {tree_, first_, origin_}; }
    [[nodiscard]] iterator end() const { return {tree_, end_, origin_}; }
    [[nodiscard]] bool empty() const { return first_ == end_; }
    [[nodiscard]] std::size_t size() const;

private:
    const syntax_tree* tree_;
    node_id first_;
    node_id end_;
    inclusion_id origin_;
};

/// One parsed file. Its texts view the bytes of the source_manager it was parsed from.
class syntax_tree {
public:
    syntax_tree(file_id file, std::string_view bytes, const name_table& names)
        : file_(file), bytes_(bytes), names_(&names)
    {}

    [[nodiscard]] file_id file() const noexcept { return file_; }
    [[nodiscard]] const node& at(node_id id) const { return nodes_[id]; }
    [[nodiscard]] std::size_t size() const noexcept { return nodes_.size(); }
    /// The top-level statements, reached through inclusion `origin` (see statement_ref::origin).
    [[nodiscard]] child_range<statement_ref> statements(inclusion_id origin = no_inclusion) const
    {
        return {this, 0, static_cast<node_id>(nodes_.size()), origin};
    }
    [[nodiscard]] const std::vector<comment>& comments() const noexcept { return comments_; }
    [[nodiscard]] bool has_bom() const noexcept { return has_bom_; }

    [[nodiscard]] std::string_view text_of(node_id scalar) const;
    [[nodiscard]] std::string_view name_of(node_id statement) const { return names_->text(nodes_[statement].data); }
    [[nodiscard]] const name_table& names() const noexcept { return *names_; }
    [[nodiscard]] std::string_view bytes(std::uint32_t begin, std::uint32_t end) const
    {
        return bytes_.substr(begin, end - begin);
    }

private:
    friend class parse_state;
    file_id file_;
    std::string_view bytes_;
    const name_table* names_;
    std::vector<node> nodes_;
    std::vector<std::string> texts_;  ///< unescaped strings that differ from their source bytes
    std::vector<comment> comments_;   ///< every comment of the file, in order
    bool has_bom_ = false;
};

/// A key = value of a dictionary.
struct entry_ref;

/// A value or scalar of a tree: a word or string, a list, or a dictionary.
class value_ref {
public:
    value_ref(const syntax_tree& tree, node_id id) : tree_(&tree), id_(id) {}

    [[nodiscard]] node_kind kind() const { return node().kind; }
    [[nodiscard]] bool is_scalar() const { return kind() == node_kind::scalar; }
    [[nodiscard]] bool is_list() const { return kind() == node_kind::list; }
    [[nodiscard]] bool is_dictionary() const { return kind() == node_kind::dictionary; }
    /// A scalar's text after unescaping; empty for lists and dictionaries.
    [[nodiscard]] std::string_view text() const { return is_scalar() ? tree_->text_of(id_) : std::string_view(); }
    [[nodiscard]] quoting quote() const { return node().quote; }
    [[nodiscard]] source_range range() const { return {tree_->file(), node().begin, node().end}; }
    /// A list's items.
    [[nodiscard]] child_range<value_ref> items() const { return {tree_, id_ + 1, node().last + 1, no_inclusion}; }
    /// A dictionary's entries.
    [[nodiscard]] child_range<entry_ref> entries() const { return {tree_, id_ + 1, node().last + 1, no_inclusion}; }
    [[nodiscard]] const syntax_tree& tree() const { return *tree_; }
    [[nodiscard]] node_id id() const { return id_; }

private:
    [[nodiscard]] const ecconf::node& node() const { return tree_->at(id_); }
    const syntax_tree* tree_;
    node_id id_;
};

struct entry_ref {
    value_ref key;
    value_ref value;
};

/// A statement of a tree, with the inclusion through which it was reached (a file included twice
/// is stored once and reached twice).
class statement_ref {
public:
    statement_ref(const syntax_tree& tree, node_id id, inclusion_id origin) : tree_(&tree), id_(id), origin_(origin) {}

    [[nodiscard]] node_kind kind() const { return node().kind; }
    [[nodiscard]] bool is_option() const { return kind() == node_kind::option; }
    [[nodiscard]] bool is_scope() const { return kind() == node_kind::scope; }
    [[nodiscard]] bool is_include() const { return kind() == node_kind::include; }
    /// The keyword as written.
    [[nodiscard]] std::string_view keyword() const
    {
        return tree_->bytes(node().begin, node().begin + static_cast<std::uint32_t>(name().size()));
    }
    /// The keyword in lowercase, and its id in the run's name table.
    [[nodiscard]] std::string_view name() const { return tree_->name_of(id_); }
    [[nodiscard]] name_id name_index() const { return node().data; }
    [[nodiscard]] source_range keyword_range() const
    {
        return {tree_->file(), node().begin, node().begin + static_cast<std::uint32_t>(name().size())};
    }
    /// The whole statement, up to its value or closing brace.
    [[nodiscard]] source_range range() const { return {tree_->file(), node().begin, node().end}; }
    [[nodiscard]] file_id file() const { return tree_->file(); }

    [[nodiscard]] bool has_instance() const { return node().has_instance; }
    /// A scope's instance name (has_instance() must hold).
    [[nodiscard]] value_ref instance() const { return {*tree_, id_ + 1}; }
    /// An instance name's text, empty without one.
    [[nodiscard]] std::string_view instance_text() const
    {
        return has_instance() ? instance().text() : std::string_view();
    }
    /// An option's value.
    [[nodiscard]] value_ref value() const { return {*tree_, id_ + 1}; }
    /// An include's path.
    [[nodiscard]] value_ref path() const { return {*tree_, id_ + 1}; }
    [[nodiscard]] bool readonly() const { return node().readonly; }
    /// A scope's statements, as written (an include among them holds only its path).
    [[nodiscard]] child_range<statement_ref> body() const
    {
        return {tree_, id_ + 1 + (has_instance() ? 1 : 0), node().last + 1, origin_};
    }

    [[nodiscard]] inclusion_id origin() const { return origin_; }
    [[nodiscard]] const syntax_tree& tree() const { return *tree_; }
    [[nodiscard]] node_id id() const { return id_; }

private:
    [[nodiscard]] const ecconf::node& node() const { return tree_->at(id_); }
    const syntax_tree* tree_ = nullptr;
    node_id id_ = 0;
    inclusion_id origin_ = no_inclusion;
};

template <>
inline value_ref child_range<value_ref>::iterator::operator*() const
{
    return {*tree_, at_};
}
template <>
inline entry_ref child_range<entry_ref>::iterator::operator*() const
{
    return {{*tree_, at_ + 1}, {*tree_, tree_->at(at_ + 1).last + 1}};
}
template <>
inline statement_ref child_range<statement_ref>::iterator::operator*() const
{
    return {*tree_, at_, origin_};
}

template <typename Ref>
typename child_range<Ref>::iterator& child_range<Ref>::iterator::operator++()
{
    at_ = tree_->at(at_).last + 1;
    return *this;
}

template <typename Ref>
std::size_t child_range<Ref>::size() const
{
    std::size_t count = 0;
    for (auto at = first_; at < end_; at = tree_->at(at).last + 1) ++count;
    return count;
}

/// The comments around a statement, as indexes into its tree's comment list, for a formatter.
struct statement_comments {
    std::uint32_t before_first = 0, before_end = 0;  ///< after `previous_end`, before the statement
    std::uint32_t inside_first = 0, inside_end = 0;  ///< inside its range (its body's statements' comments included)
    std::uint32_t after_first = 0, after_end = 0;    ///< after it on the line where it ends
    std::uint32_t blank_lines_before = 0;  ///< empty lines between the previous statement or comment and this one
};

/// The comments of a statement of `tree`. `previous_end` is where the statement before it ends, or
/// its parent scope's keyword for the first of a body, or 0 for the first of the file: comments on
/// that line are not this statement's (except at 0).
[[nodiscard]] statement_comments comments_of(const syntax_tree& tree, node_id statement, std::uint32_t previous_end);

// Parsing one file into a syntax tree, reporting every syntax error with its exact position.
struct parse_limits {
    std::uint32_t max_depth = 128;          ///< nesting of scopes, lists and dictionaries
    std::uint32_t max_syntax_errors = 100;  ///< per file; parsing stops after that many
};

/// Parses one file of the manager. Never throws on bad input: problems become diagnostics.
[[nodiscard]] syntax_tree parse_source(source_manager& sources, file_id file, diagnostic_sink& sink,
                                       const parse_limits& limits = {});

}  // namespace ecconf
