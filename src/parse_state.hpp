#pragma once
// The tree builder behind the grammar's actions. Statements and values are built in frames that are
// committed when their rule succeeds and dropped when it fails, so recovery leaves nothing half-built.

#include <string>
#include <string_view>
#include <vector>

#include "ecconf/diagnostic.hpp"
#include "ecconf/parser.hpp"
#include "ecconf/rule_ids.hpp"
#include "ecconf/syntax_tree.hpp"

namespace ecconf {

/// Thrown when a file cannot be parsed further (a limit was hit); caught by parse_source.
struct parse_aborted {};

class parse_state {
public:
    parse_state(const source_manager& sources, file_id file, diagnostic_sink& sink, const parse_limits& limits);

    [[nodiscard]] source_range range(const char* begin, const char* end) const;
    [[nodiscard]] std::uint32_t offset(const char* p) const { return static_cast<std::uint32_t>(p - base_); }

    void begin_statement(const char* at);
    void commit_statement(const char* at);
    void abandon_statement();
    [[nodiscard]] statement& current_statement() { return frames_.back().node; }
    void set_keyword(const char* begin, const char* end);

    void begin_value(const char* at);
    void commit_value(const char* at);
    void abandon_value() { values_.pop_back(); }
    [[nodiscard]] value& current_value() { return values_.back(); }

    /// The scalar most recently matched, as a value node.
    void set_scalar(quoting quote, std::string text) { scalar_quote_ = quote; scalar_text_ = std::move(text); }
    [[nodiscard]] value take_scalar(const char* begin, const char* end);

    void open_nesting(const char* at);
    void close_nesting() { --depth_; }

    void add_comment(const char* begin, const char* end, bool block);
    void set_bom() { file_.has_bom = true; }
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
    /// Records a diagnostic found by an action (stray '}', unclosed scope, single quotes).
    diagnostic& report(const rule_ref& rule, source_range where, std::string message);
    /// Where parsing resumes after the statement that starts at `current` failed.
    [[nodiscard]] const char* resume_point(const char* current, const char* end) const;

    [[nodiscard]] syntax_file finish();

private:
    struct frame {
        statement node;
        std::uint32_t depth = 0;
        std::size_t openers = 0;
    };

    const source_file& source_;
    diagnostic_sink& sink_;
    parse_limits limits_;
    const char* base_;
    syntax_file file_;
    std::vector<frame> frames_;
    /// children_[i]: the statements committed so far inside the open statement of frame i - 1
    /// (children_[0]: the top level). Kept between statements so their capacity is reused.
    std::vector<std::vector<statement>> children_;
    std::vector<value> values_;
    quoting scalar_quote_ = quoting::bare;
    std::string scalar_text_;
    std::uint32_t depth_ = 0;
    std::uint32_t syntax_errors_ = 0;
    const char* quote_open_ = nullptr;
    const char* comment_open_ = nullptr;
    const char* resume_at_ = nullptr;
    const char* last_token_end_ = nullptr;
    std::vector<const char*> openers_;
};

/// A short, printable description of the input at `at` ("end of line", "'='", "'foo'").
[[nodiscard]] std::string describe_input(const char* at, const char* end);

}  // namespace ecconf
