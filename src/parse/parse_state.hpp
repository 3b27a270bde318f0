#pragma once
// The tree builder behind the grammar's actions. Statements and values are built in frames that are
// committed when their rule succeeds and dropped when it fails, so recovery leaves nothing half-built.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ecconf/diagnostic.hpp"
#include "ecconf/syntax_tree.hpp"
#include "ecconf/rule_ids.hpp"

namespace ecconf {

/// Thrown when a file cannot be parsed further (a limit was hit); caught by parse_source.
struct parse_aborted {};

class parse_state {
public:
    parse_state(source_manager& sources, file_id file, diagnostic_sink& sink, const parse_limits& limits);

    [[nodiscard]] source_range range(const char* begin, const char* end) const;
    [[nodiscard]] std::uint32_t offset(const char* p) const { return static_cast<std::uint32_t>(p - base_); }

    void begin_statement(const char* at);
    void commit_statement(const char* at);
    void abandon_statement();
    void set_keyword(const char* begin, const char* end);
    void set_statement_kind(node_kind kind) { tree_.nodes_[frames_.back().statement].kind = kind; }
    void set_readonly() { tree_.nodes_[frames_.back().statement].readonly = true; }
    /// Stores the scalar most recently matched, which spans [begin, end) with its quotes, as a node:
    /// an include's path (set_scalar ran for it).
    void take_scalar(const char* begin, const char* end);
    void take_instance(const char* begin, const char* end);
    void open_scope(const char* begin, const char* end);
    /// The file ended inside the current scope.
    void report_unclosed_scope();
    /// Whether some scope was never closed: the file is then parsed again with recover_by_indentation.
    [[nodiscard]] bool found_unclosed_scope() const noexcept { return found_unclosed_scope_; }
    /// Closes a scope whose '}' is missing where indentation says so: after an unclosed scope, the first
    /// line whose indentation returns to the opening line's level ends it, and the rest is read as if the
    /// '}' were there, so that no cascade of misplaced statements follows.
    void recover_by_indentation() noexcept { recover_by_indentation_ = true; }
    /// Whether the token at `at` is the first of a line that the innermost open scope does not reach: a
    /// statement indented no deeper than the scope's opening line, or a '}' indented less. Only for a scope
    /// whose body is indented deeper than its opening line, so that a file without indentation never is.
    [[nodiscard]] bool scope_ends_here(const char* at, const char* end) const;
    /// Ends the innermost scope at `at`, where scope_ends_here found its '}' missing, and reports it.
    void close_missing_scope(const char* at);

    void begin_value(const char* at);
    void commit_value(const char* at);
    void abandon_value();
    void set_value_kind(node_kind kind) { tree_.nodes_[values_.back().value].kind = kind; }
    /// A dictionary key: it opens an entry whose value comes next.
    void take_key(const char* begin, const char* end);

    /// The scalar most recently matched, as written between its quotes; it is unescaped when stored.
    void set_scalar(quoting quote, const char* begin, const char* end) { scalar_ = {quote, begin, end}; }

    void open_nesting(const char* at);
    void close_nesting() { --depth_; }

    void add_comment(const char* begin, const char* end, bool block);
    void set_bom() { tree_.has_bom_ = true; }
    void mark_quote(const char* at) { quote_open_ = at; }
    /// Remembers where the last token ended, so an error whose cause is on a later line points here.
    void token_end(const char* at) { last_token_end_ = at; }
    void push_opener(const char* at) { openers_.push_back(at); }
    void pop_opener() { openers_.pop_back(); }
    void mark_comment(const char* at) { comment_open_ = at; }

    /// Records a syntax error from the grammar (message template with {saw}, {keyword}, {instance}).
    struct error_point {
        const rule_ref& rule;
        std::string_view message_template;
        bool anchor_quote;
        bool anchor_comment;
        std::string_view opener_note;  ///< related location at the innermost open '(' or '[', when not empty
    };
    void raise_syntax_error(const error_point& error, const char* at, const char* end);
    /// Reports the typographic quotes of the scalar just read, [begin, end): a “...” string, the '”' that
    /// closed a "..." string, or a bare word that begins or ends with one.
    void report_typographic_quotes(const char* begin, const char* end);
    /// Reports the single-quoted string [begin, end), with the fix that writes it in double quotes.
    void report_single_quoted(const char* begin, const char* end);
    /// Records a diagnostic found by an action (stray '}', unclosed scope, single quotes).
    diagnostic& report(const rule_ref& rule, source_range where, std::string message);
    /// Where parsing resumes after the statement that starts at `current` failed.
    [[nodiscard]] const char* resume_point(const char* current, const char* end) const;

    [[nodiscard]] syntax_tree finish() { return std::move(tree_); }

private:
    /// An open statement, and what abandoning it restores.
    struct frame {
        node_id statement = 0;
        std::uint32_t keyword_size = 0;  ///< 0 until the keyword is read
        std::uint32_t open_brace = 0;    ///< scopes: the offset of '{'
        std::uint32_t depth = 0;
        std::size_t openers = 0;
        std::size_t texts = 0;
        std::uint32_t opening_indent = 0;  ///< scopes: the indentation of the line of their keyword
        std::uint32_t body_indent = 0;     ///< scopes: that of the first line after '{'; 0 when it is no deeper
    };
    /// An open value, and the dictionary entry it is the value of (or no_node).
    struct open_value {
        node_id value = 0;
        node_id entry = no_node;
    };

    struct scalar_text {
        quoting quote = quoting::bare;
        const char* begin = nullptr;
        const char* end = nullptr;
    };

    node_id push_node(node_kind kind, const char* at);
    /// Closes node `id` at `at`: its range ends there and its descendants are the nodes after it.
    void close_node(node_id id, const char* at);
    void store_scalar_text(node& scalar);
    [[nodiscard]] std::string current_keyword() const;
    [[nodiscard]] std::string current_instance() const;

    const source_file& source_;
    diagnostic_sink& sink_;
    parse_limits limits_;
    const char* base_;
    name_table& names_;
    syntax_tree tree_;
    std::vector<frame> frames_;
    std::vector<open_value> values_;
    node_id pending_entry_ = no_node;  ///< the entry whose key was just read
    scalar_text scalar_;
    std::uint32_t depth_ = 0;
    std::uint32_t syntax_errors_ = 0;
    const char* quote_open_ = nullptr;
    const char* comment_open_ = nullptr;
    const char* resume_at_ = nullptr;
    const char* last_token_end_ = nullptr;
    std::vector<const char*> openers_;
    bool found_unclosed_scope_ = false;
    bool recover_by_indentation_ = false;
};

/// A short, printable description of the input at `at` ("end of line", "'='", "'foo'").
[[nodiscard]] std::string describe_input(const char* at, const char* end);

}  // namespace ecconf
