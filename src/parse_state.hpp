#pragma once
// The tree builder behind the grammar's actions. Statements and values are built in frames that are
// committed when their rule succeeds and dropped when it fails, so recovery leaves nothing half-built.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ecconf/diagnostic.hpp"
#include "ecconf/parser.hpp"
#include "ecconf/rule_ids.hpp"
#include "ecconf/syntax_tree.hpp"

namespace ecconf {

/// Finds the first line break at or after an offset. Remembers the last answer, so that offsets
/// that never decrease look at each byte once: a file of one long line stays linear.
class line_break_finder {
public:
    explicit line_break_finder(std::string_view bytes) : bytes_(bytes) {}
    /// The offset of the first '\n' at or after `offset`, or the size of the file.
    [[nodiscard]] std::size_t first_at_or_after(std::uint32_t offset);
    /// Whether no line break stands in [from, to).
    [[nodiscard]] bool same_line(std::uint32_t from, std::uint32_t to) { return first_at_or_after(from) >= to; }

private:
    std::string_view bytes_;
    std::uint32_t searched_from_ = UINT32_MAX;
    std::size_t found_ = 0;
};

/// Gives each statement the comments around it, so that a formatter can print the file back. The
/// comments are handed out in file order, so each statement's leading, inner and trailing comments
/// are each a run of the file's comment list.
class comment_attacher {
public:
    comment_attacher(const std::vector<comment>& comments, std::string_view bytes) : comments_(comments), line_breaks_(bytes) {}

    /// Gives `st` and its body their comments. Every comment up to the end of the line where `st`
    /// ends must be known: comments after it on that line are its trailing comments.
    void attach(statement& st);
    /// The comments after the last statement.
    [[nodiscard]] comment_span take_rest() { return take_before(UINT32_MAX); }

private:
    [[nodiscard]] comment_span take_before(std::uint32_t offset);
    [[nodiscard]] comment_span take_while_on_line_of(std::uint32_t offset);
    [[nodiscard]] comment_span span_from(std::uint32_t first) const { return {first, next_ - first}; }

    const std::vector<comment>& comments_;
    line_break_finder line_breaks_;
    std::uint32_t next_ = 0;
};

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
    [[nodiscard]] statement& current_statement() { return children_[frames_.size() - 1].back(); }
    void set_keyword(const char* begin, const char* end);

    void begin_value(const char* at);
    void commit_value(const char* at);
    void abandon_value();
    [[nodiscard]] value& current_value() { return *values_.back(); }

    /// The scalar most recently matched, as written between its quotes; it is unescaped when stored.
    void set_scalar(quoting quote, const char* begin, const char* end) { scalar_ = {quote, begin, end}; }
    /// Stores the scalar most recently matched, which spans [begin, end) with its quotes, in `into`.
    void take_scalar(scalar& into, const char* begin, const char* end);

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
    /// What an abandoned statement restores.
    struct frame {
        std::uint32_t depth = 0;
        std::size_t openers = 0;
    };

    struct scalar_text {
        quoting quote = quoting::bare;
        const char* begin = nullptr;
        const char* end = nullptr;
    };

    void store_scalar_text(scalar& into) const;
    /// Gives their comments to the top-level statements that end on a line before `before_line_of`
    /// (to all of them when it is null: the file is read).
    void attach_top_level_comments(const char* before_line_of);

    const source_file& source_;
    diagnostic_sink& sink_;
    parse_limits limits_;
    const char* base_;
    syntax_file file_;
    comment_attacher comment_attacher_;
    line_break_finder line_breaks_;
    std::size_t top_level_with_comments_ = 0;  ///< top-level statements that have their comments
    std::vector<frame> frames_;
    /// children_[i]: the statements read so far inside the open statement of frame i - 1
    /// (children_[0]: the top level). A statement is built in place at the end of its level, so
    /// the open statement of frame i is children_[i].back(). Kept between statements so their
    /// capacity is reused.
    std::vector<std::vector<statement>> children_;
    /// The values being read, outermost first, each built in place in its statement or parent value.
    std::vector<value*> values_;
    scalar_text scalar_;
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
