#include "parse/parse_state.hpp"

#include <algorithm>
#include <optional>

namespace ecconf {
namespace {

bool is_bare_char(char c)
{
    static constexpr std::string_view structural = " \t\r\n\f\v#\"'={}[](),";
    return c != '\0' && structural.find(c) == std::string_view::npos;
}

std::string printable(std::string_view text)
{
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) {
            out += "\\x";
            out += hex[byte >> 4];
            out += hex[byte & 0xf];
        }
        else {
            out += c;
        }
    }
    return out;
}

void replace_all(std::string& text, std::string_view placeholder, std::string_view replacement)
{
    for (auto p = text.find(placeholder); p != std::string::npos; p = text.find(placeholder, p + replacement.size()))
        text.replace(p, placeholder.size(), replacement);
}

// In "...", \" and \\ stand for the character after the backslash; any other backslash is literal.
std::string unescape(const char* begin, const char* end)
{
    const auto plain =
        std::string_view(begin, static_cast<std::size_t>(end - begin)).find('\\');  // memchr, unlike std::find
    const char* p = plain == std::string_view::npos ? end : begin + plain;
    std::string text(begin, p);  // most strings hold no backslash: one copy
    for (; p < end; ++p) text += (*p == '\\' && p + 1 < end && (p[1] == '"' || p[1] == '\\')) ? *++p : *p;
    return text;
}

// U+201C, U+201D, U+2018 or U+2019 at p (E2 80 9C, 9D, 98, 99 in UTF-8), or 0.
char32_t typographic_quote_at(const char* p, const char* end)
{
    if (end - p < 3 || p[0] != '\xE2' || p[1] != '\x80') return 0;
    const auto last = static_cast<unsigned char>(p[2]);
    return last == 0x9C || last == 0x9D || last == 0x98 || last == 0x99 ? 0x2000 + (last & 0x3F) : 0;
}

// "'“' (U+201C)"
std::string quote_name(const char* p, char32_t code)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string name = "'" + std::string(p, 3) + "' (U+";
    for (int shift = 12; shift >= 0; shift -= 4) name += hex[(code >> shift) & 0xF];
    return name + ")";
}

bool is_blank_or_newline(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// The indentation of the token at `at` when it is the first of its line: the width of the blanks before
// it, a tab counting to the next multiple of 8 as in a terminal. Only those blanks are read, so that
// recovery stays linear on a file of one long line.
std::optional<std::uint32_t> line_indentation(const char* at, const char* file_begin)
{
    const char* line = at;
    while (line > file_begin && (line[-1] == ' ' || line[-1] == '\t')) --line;
    if (line > file_begin && line[-1] != '\n') return std::nullopt;
    std::uint32_t width = 0;
    for (; line < at; ++line) width = *line == '\t' ? (width / 8 + 1) * 8 : width + 1;
    return width;
}

}  // namespace

std::string describe_input(const char* at, const char* end)
{
    if (at >= end) return "end of file";
    if (*at == '\n' || (*at == '\r' && at + 1 < end && at[1] == '\n')) return "end of line";
    if (*at == '/' && at + 1 < end && at[1] == '*') return "'/*'";
    constexpr std::ptrdiff_t max_word = 40;
    const char* stop = at;
    while (stop < end && stop - at < max_word && is_bare_char(*stop) &&
           !(*stop == '/' && stop + 1 < end && stop[1] == '*'))
        ++stop;
    if (stop == at) return "'" + printable(std::string_view(at, 1)) + "'";
    return "'" + printable(std::string_view(at, static_cast<std::size_t>(stop - at))) +
           (stop < end && is_bare_char(*stop) ? "...'" : "'");
}

parse_state::parse_state(source_manager& sources, file_id file, diagnostic_sink& sink, const parse_limits& limits)
    : source_(sources.file(file)), sink_(sink), limits_(limits), base_(source_.bytes().data()), names_(sources.names()),
      tree_(file, source_.bytes(), sources.names())
{}

source_range parse_state::range(const char* begin, const char* end) const
{
    return {tree_.file(), offset(begin), offset(end)};
}

node_id parse_state::push_node(node_kind kind, const char* at)
{
    const auto id = static_cast<node_id>(tree_.nodes_.size());
    auto& added = tree_.nodes_.emplace_back();
    added.kind = kind;
    added.begin = added.end = offset(at);
    added.last = id;
    return id;
}

void parse_state::close_node(node_id id, const char* at)
{
    auto& closed = tree_.nodes_[id];
    closed.end = offset(at);
    closed.last = static_cast<node_id>(tree_.nodes_.size() - 1);
}

void parse_state::begin_statement(const char* at)
{
    // An option until its tail says otherwise: `map [ ... ]` has no '='.
    frames_.push_back(frame{push_node(node_kind::option, at), 0, 0, depth_, openers_.size(), tree_.texts_.size()});
}

void parse_state::commit_statement(const char* at)
{
    close_node(frames_.back().statement, at);
    frames_.pop_back();
}

void parse_state::abandon_statement()
{
    const auto& abandoned = frames_.back();
    depth_ = abandoned.depth;
    openers_.resize(abandoned.openers);
    tree_.nodes_.resize(abandoned.statement);
    tree_.texts_.resize(abandoned.texts);
    frames_.pop_back();
    values_.clear();  // values never span statements, so an abandoned statement owns every open value
    pending_entry_ = no_node;
}

void parse_state::set_keyword(const char* begin, const char* end)
{
    // Keywords are nearly always written in lowercase: then no copy is made to look the name up.
    const std::string_view written(begin, static_cast<std::size_t>(end - begin));
    const bool lowercase = std::none_of(begin, end, [](char c) { return c >= 'A' && c <= 'Z'; });
    tree_.nodes_[frames_.back().statement].data =
        names_.intern(lowercase ? written : std::string_view(ascii_lower(written)));
    frames_.back().keyword_size = static_cast<std::uint32_t>(end - begin);
    last_token_end_ = end;
}

void parse_state::take_instance(const char* begin, const char* end)
{
    take_scalar(begin, end);
    tree_.nodes_[frames_.back().statement].has_instance = true;
}

void parse_state::open_scope(const char* begin, const char* end)
{
    open_nesting(begin);
    token_end(end);
    set_statement_kind(node_kind::scope);
    auto& open = frames_.back();
    open.open_brace = offset(begin);
    if (!recover_by_indentation_) return;
    const auto opening = line_indentation(base_ + tree_.at(open.statement).begin, base_);
    // The first token after '{' (comments count: they are indented like the body), when on a later line.
    const char* const file_end = base_ + source_.bytes().size();
    const char* next = end;
    while (next < file_end && is_blank_or_newline(*next)) ++next;
    const auto body = next < file_end ? line_indentation(next, base_) : std::nullopt;
    if (!opening || !body || *body <= *opening) return;  // nothing to go by: never closed by indentation
    open.opening_indent = *opening;
    open.body_indent = *body;
}

bool parse_state::scope_ends_here(const char* at, const char* end) const
{
    if (!recover_by_indentation_ || frames_.empty() || at >= end) return false;
    const auto& open = frames_.back();
    if (tree_.at(open.statement).kind != node_kind::scope || open.body_indent <= open.opening_indent) return false;
    const auto indent = line_indentation(at, base_);
    if (!indent) return false;  // not the first token of its line
    return *at == '}' ? *indent < open.opening_indent : *indent <= open.opening_indent;
}

void parse_state::close_missing_scope(const char* at)
{
    close_nesting();
    const auto* const brace = base_ + frames_.back().open_brace;
    const auto instance = current_instance();
    report(rules::unclosed_scope, range(brace, brace + 1),
           "'{' of '" + current_keyword() + (instance.empty() ? std::string() : " " + instance) +
               "' is never closed: a '}' is probably missing before line " +
               std::to_string(source_.locate(offset(at)).line) + ", whose indentation returns to this line's");
}

void parse_state::report_unclosed_scope()
{
    found_unclosed_scope_ = true;
    close_nesting();
    const auto* const brace = base_ + frames_.back().open_brace;
    const auto instance = current_instance();
    report(rules::unclosed_scope, range(brace, brace + 1),
           "'{' of '" + current_keyword() + (instance.empty() ? std::string() : " " + instance) +
               "' is never closed: the file ends first");
}

std::string parse_state::current_keyword() const
{
    const auto& open = frames_.back();
    return std::string(tree_.bytes(tree_.at(open.statement).begin, tree_.at(open.statement).begin + open.keyword_size));
}

std::string parse_state::current_instance() const
{
    const auto statement = frames_.back().statement;
    return tree_.at(statement).has_instance ? std::string(tree_.text_of(statement + 1)) : std::string();
}

void parse_state::begin_value(const char* at)
{
    const bool in_dictionary = !values_.empty() && tree_.at(values_.back().value).kind == node_kind::dictionary;
    values_.push_back(open_value{push_node(node_kind::scalar, at), in_dictionary ? pending_entry_ : no_node});
    pending_entry_ = no_node;
}

void parse_state::commit_value(const char* at)
{
    const auto done = values_.back();
    values_.pop_back();
    last_token_end_ = at;
    close_node(done.value, at);
    if (tree_.at(done.value).kind == node_kind::scalar) store_scalar_text(tree_.nodes_[done.value]);
    if (done.entry != no_node) close_node(done.entry, at);
}

void parse_state::abandon_value()
{
    // A dictionary value goes with its entry and key.
    const auto& abandoned = values_.back();
    tree_.nodes_.resize(abandoned.entry != no_node ? abandoned.entry : abandoned.value);
    values_.pop_back();
}

void parse_state::take_key(const char* begin, const char* end)
{
    pending_entry_ = push_node(node_kind::entry, begin);
    take_scalar(begin, end);
}

void parse_state::take_scalar(const char* begin, const char* end)
{
    const auto id = push_node(node_kind::scalar, begin);
    last_token_end_ = end;
    tree_.nodes_[id].end = offset(end);
    store_scalar_text(tree_.nodes_[id]);
}

// A scalar's text is a view of the source unless unescaping changed it.
void parse_state::store_scalar_text(node& scalar)
{
    scalar.quote = scalar_.quote;
    scalar.data = no_text;
    const auto written = std::string_view(scalar_.begin, static_cast<std::size_t>(scalar_.end - scalar_.begin));
    const auto quote_size = scalar_.quote == quoting::bare ? 0u : 1u;
    const bool view = scalar_.begin == base_ + scalar.begin + quote_size &&
                      scalar_.end == base_ + scalar.end - quote_size &&
                      (scalar_.quote != quoting::double_quoted || written.find('\\') == std::string_view::npos);
    if (view) return;
    scalar.data = static_cast<std::uint32_t>(tree_.texts_.size());
    tree_.texts_.push_back(scalar_.quote == quoting::double_quoted ? unescape(scalar_.begin, scalar_.end)
                                                                   : std::string(written));
}

void parse_state::open_nesting(const char* at)
{
    if (++depth_ <= limits_.max_depth) return;
    report(rules::limit_exceeded, range(at, at + 1),
           "nesting deeper than " + std::to_string(limits_.max_depth) +
               " levels; the rest of this file is not read (see --max-depth)");
    throw parse_aborted{};
}

void parse_state::add_comment(const char* begin, const char* end, bool block)
{
    const auto r = range(begin, end);
    auto& comments = tree_.comments_;
    // A statement abandoned during recovery may already have recorded the comments it passed over.
    if (!comments.empty() && comments.back().range.begin >= r.begin) return;
    comments.push_back(comment{r, block});
}

namespace {

// Text as a "..." string reads it back: '"' and '\\' escaped.
std::string escaped(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace

void parse_state::report_single_quoted(const char* begin, const char* end)
{
    const std::string_view body(begin + 1, static_cast<std::size_t>(end - begin - 2));
    const auto written = "\"" + escaped(body) + "\"";
    report(rules::single_quoted_string, range(begin, end),
           "single-quoted string: Momentum's manuals only use double quotes; write " + written)
        .fixes.push_back(
            replacement_fix(range(begin, end), written, fix_safety::safe, "write " + written + " in double quotes"));
}

void parse_state::report_typographic_quotes(const char* begin, const char* end)
{
    const std::string body(scalar_.begin, scalar_.end);
    const auto ascii_quote = [&](const char* from, const char* to) {
        return text_edit{offset(from), offset(to), "\""};
    };
    if (scalar_.quote == quoting::bare) {
        // Unclosed on its line, a typographic quote stays in the word: at its start, or a closing one at its end.
        const char* at = typographic_quote_at(begin, end) ? begin : end - 3;
        const auto code = typographic_quote_at(at, end);
        if (code == 0 || (at != begin && (at < begin || code > 0x201D || code < 0x201C))) return;
        // The word between ASCII quotes, without the typographic ones at its ends.
        const char* inner_begin = at == begin ? begin + 3 : begin;
        const char* inner_end = end - inner_begin >= 3 && typographic_quote_at(end - 3, end) ? end - 3 : end;
        auto& d = report(rules::typographic_quote, range(at, at + 3),
                         "typographic quote " + quote_name(at, code) + " in the word '" + body +
                             "': Momentum reads only ASCII quotes; put the value in '\"'");
        const auto quoted =
            "\"" + escaped(std::string_view(inner_begin, static_cast<std::size_t>(inner_end - inner_begin))) + "\"";
        d.fixes.push_back(replacement_fix(range(begin, end), quoted, fix_safety::safe, "write " + quoted));
        return;
    }
    const auto fix = ": Momentum reads only ASCII quotes; write \"" + body + "\"";
    if (scalar_.end == begin) {  // the '”' that closed a "..." string
        report(rules::typographic_quote, range(begin, end),
               "typographic quote " + quote_name(begin, typographic_quote_at(begin, end)) + " closes the string '" +
                   body + "'" + fix)
            .fixes.push_back(::ecconf::fix{
                "replace the typographic quote with '\"'", fix_safety::safe, tree_.file(), {ascii_quote(begin, end)}});
        return;
    }
    const auto closing = typographic_quote_at(scalar_.end, end);
    auto& d = report(rules::typographic_quote, range(begin, scalar_.begin),
                     (closing ? "typographic quotes " + quote_name(begin, typographic_quote_at(begin, end)) + " and " +
                                    quote_name(scalar_.end, closing) + " around '" + body + "'"
                              : "typographic quote " + quote_name(begin, typographic_quote_at(begin, end)) +
                                    " opens '" + body + "'") +
                         fix);
    // Inside ‘...’ a '"' may stand, and would end the string once the quotes are ASCII.
    if (body.find('"') != std::string::npos) return;
    ::ecconf::fix quotes{"replace the typographic quotes with '\"'",
                         fix_safety::safe,
                         tree_.file(),
                         {ascii_quote(begin, scalar_.begin)}};
    if (closing) quotes.edits.push_back(ascii_quote(scalar_.end, scalar_.end + 3));
    d.fixes.push_back(std::move(quotes));
}

diagnostic& parse_state::report(const rule_ref& rule, source_range where, std::string message)
{
    return sink_.report(rule, where, std::move(message));
}

void parse_state::raise_syntax_error(const error_point& error, const char* at, const char* end)
{
    std::string message(error.message_template);
    const bool nul_in_string = at < end && *at == '\0' && error.anchor_quote;
    if (nul_in_string) message = "a NUL byte cannot appear inside a string";
    // What is missing belongs at the end of the last token, not at whatever the next line holds.
    const char* anchor = at;
    std::string saw = describe_input(at, end);
    const bool frame_open =
        !frames_.empty() && last_token_end_ && offset(last_token_end_) >= tree_.at(frames_.back().statement).begin;
    if (frame_open && last_token_end_ < at && std::find(last_token_end_, at, '\n') != at) {
        anchor = last_token_end_;
        if (at < end) saw += " on line " + std::to_string(source_.locate(offset(at)).line);
    }
    resume_at_ = anchor;
    replace_all(message, "{saw}", saw);
    if (!frames_.empty()) {
        replace_all(message, "{keyword}", printable(current_keyword()));
        replace_all(message, "{instance}", printable(current_instance()));
    }
    // An error after the last token is a point: it stands between that token and what follows.
    source_range where = range(anchor, anchor == at ? std::min(at + 1, end) : anchor);
    if (error.anchor_quote && quote_open_) where = range(quote_open_, at);
    if (error.anchor_comment && comment_open_) where = range(comment_open_, comment_open_ + 2);
    auto& found = report(nul_in_string ? rules::syntax_error : error.rule, where, std::move(message));
    if (!error.opener_note.empty() && !openers_.empty())
        found.related.push_back(
            related_location{range(openers_.back(), openers_.back() + 1), std::string(error.opener_note)});
    if (++syntax_errors_ < limits_.max_syntax_errors) return;
    report(rules::limit_exceeded, range(at, at),
           "too many syntax errors (" + std::to_string(limits_.max_syntax_errors) +
               "); the rest of this file is not read");
    throw parse_aborted{};
}

const char* parse_state::resume_point(const char* current, const char* end) const
{
    const char* p = std::min(end, std::max(current + 1, resume_at_ ? resume_at_ : current));
    while (p < end && *p != '\n' && *p != '}') {
        if (*p == '"') {
            const char* close = p + 1;
            while (close < end && *close != '"' && *close != '\n')
                close += (*close == '\\' && close + 1 < end && close[1] != '\n') ? 2 : 1;
            p = close < end && *close == '"' ? close : p;
        }
        ++p;
    }
    return p;
}

}  // namespace ecconf
