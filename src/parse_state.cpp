#include "parse_state.hpp"

#include <algorithm>
#include <iterator>
#include <mutex>
#include <unordered_set>

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

// Keywords come from a small vocabulary and are nearly always written in lowercase: the name is then
// the keyword itself, and otherwise one lowercase copy kept for the life of the process.
std::string_view lowercase_name(std::string_view keyword)
{
    if (std::none_of(keyword.begin(), keyword.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) return keyword;
    static std::mutex guard;  // parses run in parallel with --jobs
    static std::unordered_set<std::string> names;
    std::string lower(keyword);
    for (auto& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const std::lock_guard<std::mutex> lock(guard);
    return *names.insert(std::move(lower)).first;
}

// In "...", \" and \\ stand for the character after the backslash; any other backslash is literal.
std::string unescape(const char* begin, const char* end)
{
    const auto plain = std::string_view(begin, static_cast<std::size_t>(end - begin)).find('\\');  // memchr, unlike std::find
    const char* p = plain == std::string_view::npos ? end : begin + plain;
    std::string text(begin, p);  // most strings hold no backslash: one copy
    for (; p < end; ++p) text += (*p == '\\' && p + 1 < end && (p[1] == '"' || p[1] == '\\')) ? *++p : *p;
    return text;
}

}  // namespace

std::string describe_input(const char* at, const char* end)
{
    if (at >= end) return "end of file";
    if (*at == '\n' || (*at == '\r' && at + 1 < end && at[1] == '\n')) return "end of line";
    if (*at == '/' && at + 1 < end && at[1] == '*') return "'/*'";
    constexpr std::ptrdiff_t max_word = 40;
    const char* stop = at;
    while (stop < end && stop - at < max_word && is_bare_char(*stop) && !(*stop == '/' && stop + 1 < end && stop[1] == '*')) ++stop;
    if (stop == at) return "'" + printable(std::string_view(at, 1)) + "'";
    return "'" + printable(std::string_view(at, static_cast<std::size_t>(stop - at))) + (stop < end && is_bare_char(*stop) ? "...'" : "'");
}

std::size_t line_break_finder::first_at_or_after(std::uint32_t offset)
{
    if (offset < searched_from_ || offset > found_) {
        searched_from_ = offset;
        found_ = std::min(bytes_.find('\n', offset), bytes_.size());
    }
    return found_;
}

void comment_attacher::attach(statement& st)
{
    st.leading_comments = take_before(st.range.begin);
    for (auto& inside : st.body) attach(inside);
    st.inner_comments = take_before(st.range.end);
    st.trailing_comments = take_while_on_line_of(st.range.end);
}

comment_span comment_attacher::take_before(std::uint32_t offset)
{
    const auto first = next_;
    while (next_ < comments_.size() && comments_[next_].range.begin < offset) ++next_;
    return span_from(first);
}

comment_span comment_attacher::take_while_on_line_of(std::uint32_t offset)
{
    const auto first = next_;
    while (next_ < comments_.size() && comments_[next_].range.begin >= offset && line_breaks_.same_line(offset, comments_[next_].range.begin))
        ++next_;
    return span_from(first);
}

parse_state::parse_state(const source_manager& sources, file_id file, diagnostic_sink& sink, const parse_limits& limits)
    : source_(sources.file(file)), sink_(sink), limits_(limits), base_(source_.bytes().data()),
      comment_attacher_(file_.comments, source_.bytes()), line_breaks_(source_.bytes())
{
    file_.file = file;
    children_.resize(1);
}

source_range parse_state::range(const char* begin, const char* end) const { return {file_.file, offset(begin), offset(end)}; }

void parse_state::begin_statement(const char* at)
{
    if (frames_.empty()) attach_top_level_comments(at);
    // Built in place, at the end of its level in children_: a statement is large, and every move of
    // it showed in the profile.
    frames_.push_back(frame{depth_, openers_.size()});
    if (children_.size() <= frames_.size()) children_.resize(frames_.size() + 1);
    children_[frames_.size() - 1].emplace_back().range = range(at, at);
}

void parse_state::commit_statement(const char* at)
{
    const auto level = frames_.size() - 1;
    auto& done = children_[level].back();
    done.range.end = offset(at);
    // The body gathered in a reused buffer is moved into a vector of exactly its size: fewer moves
    // than growing the body itself, and no spare capacity left in the tree.
    auto& body = children_[level + 1];
    if (!body.empty()) {
        done.body.assign(std::make_move_iterator(body.begin()), std::make_move_iterator(body.end()));
        body.clear();
    }
    frames_.pop_back();
}

void parse_state::abandon_statement()
{
    const auto level = frames_.size() - 1;
    depth_ = frames_.back().depth;
    openers_.resize(frames_.back().openers);
    children_[level + 1].clear();
    children_[level].pop_back();
    frames_.pop_back();
    values_.clear();  // values never span statements, so an abandoned statement owns every open value
}

// A top-level statement gets its comments as soon as the parser has left the line where it ends
// (only comments on that line can still be its), while its statements are still in cache: a pass
// over the whole tree at the end spent most of its time waiting for memory.
void parse_state::attach_top_level_comments(const char* before_line_of)
{
    auto& top = children_.front();
    for (; top_level_with_comments_ < top.size(); ++top_level_with_comments_) {
        auto& st = top[top_level_with_comments_];
        if (before_line_of && line_breaks_.same_line(st.range.end, offset(before_line_of))) return;
        comment_attacher_.attach(st);
    }
}

void parse_state::set_keyword(const char* begin, const char* end)
{
    auto& st = current_statement();
    st.keyword = std::string_view(begin, static_cast<std::size_t>(end - begin));
    st.name = lowercase_name(st.keyword);
    st.keyword_range = range(begin, end);
    last_token_end_ = end;
}

void parse_state::begin_value(const char* at)
{
    value* parent = values_.empty() ? nullptr : values_.back();
    // In a dictionary, a value follows its key among the items.
    value& started = parent ? parent->items.emplace_back() : current_statement().content;
    started.range = range(at, at);
    values_.push_back(&started);
}

void parse_state::commit_value(const char* at)
{
    value& done = *values_.back();
    values_.pop_back();
    done.range.end = offset(at);
    last_token_end_ = at;
    if (done.kind == value_kind::scalar) store_scalar_text(done);
}

void parse_state::abandon_value()
{
    values_.pop_back();
    // A list item or dictionary value joined its parent when it began.
    if (!values_.empty()) values_.back()->items.pop_back();
}

void parse_state::take_scalar(scalar& into, const char* begin, const char* end)
{
    into.range = range(begin, end);
    last_token_end_ = end;
    store_scalar_text(into);
}

void parse_state::store_scalar_text(scalar& into) const
{
    into.quote = scalar_.quote;
    into.text = scalar_.quote == quoting::double_quoted ? unescape(scalar_.begin, scalar_.end) : std::string(scalar_.begin, scalar_.end);
}

void parse_state::open_nesting(const char* at)
{
    if (++depth_ <= limits_.max_depth) return;
    report(rules::limit_exceeded, range(at, at + 1),
           "nesting deeper than " + std::to_string(limits_.max_depth) + " levels; the rest of this file is not read (see --max-depth)");
    throw parse_aborted{};
}

void parse_state::add_comment(const char* begin, const char* end, bool block)
{
    const auto r = range(begin, end);
    // A statement abandoned during recovery may already have recorded the comments it passed over.
    if (!file_.comments.empty() && file_.comments.back().range.begin >= r.begin) return;
    file_.comments.push_back(comment{r, block});
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
    const bool frame_open = !frames_.empty() && last_token_end_ && offset(last_token_end_) >= current_statement().range.begin;
    if (frame_open && last_token_end_ < at && std::find(last_token_end_, at, '\n') != at) {
        anchor = last_token_end_;
        if (at < end) saw += " on line " + std::to_string(source_.locate(offset(at)).line);
    }
    resume_at_ = anchor;
    replace_all(message, "{saw}", saw);
    if (!frames_.empty()) {
        replace_all(message, "{keyword}", printable(current_statement().keyword));
        replace_all(message, "{instance}", printable(current_statement().instance().text));
    }
    // An error after the last token is a point: it stands between that token and what follows.
    source_range where = range(anchor, anchor == at ? std::min(at + 1, end) : anchor);
    if (error.anchor_quote && quote_open_) where = range(quote_open_, at);
    if (error.anchor_comment && comment_open_) where = range(comment_open_, comment_open_ + 2);
    auto& found = report(nul_in_string ? rules::syntax_error : error.rule, where, std::move(message));
    if (!error.opener_note.empty() && !openers_.empty())
        found.related.push_back(related_location{range(openers_.back(), openers_.back() + 1), std::string(error.opener_note)});
    if (++syntax_errors_ < limits_.max_syntax_errors) return;
    report(rules::limit_exceeded, range(at, at),
           "too many syntax errors (" + std::to_string(limits_.max_syntax_errors) + "); the rest of this file is not read");
    throw parse_aborted{};
}

const char* parse_state::resume_point(const char* current, const char* end) const
{
    const char* p = std::min(end, std::max(current + 1, resume_at_ ? resume_at_ : current));
    while (p < end && *p != '\n' && *p != '}') {
        if (*p == '"') {
            const char* close = p + 1;
            while (close < end && *close != '"' && *close != '\n') close += (*close == '\\' && close + 1 < end && close[1] != '\n') ? 2 : 1;
            p = close < end && *close == '"' ? close : p;
        }
        ++p;
    }
    return p;
}

syntax_file parse_state::finish()
{
    // After an abort, the statements still open were dropped with their bodies (control::unwind);
    // the complete ones stay. Moved as a whole: an exact-size copy would double the peak memory of
    // a file of many top-level options.
    attach_top_level_comments(nullptr);
    file_.trailing_comments = comment_attacher_.take_rest();
    file_.statements = std::move(children_.front());
    return std::move(file_);
}

}  // namespace ecconf
