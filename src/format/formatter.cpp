// The formatter: prints a syntax tree again, token by token, in the layout of docs/fmt.md.
//
// The tree holds every token but the punctuation ('=', '{', '}', '(', ')', '[', ']', ','); between two
// tokens the source holds only blanks, comments and that punctuation (the grammar allows nothing else
// there), so a gap is read again here: where its comments stand relative to the line breaks, and
// whether it holds a comma or an '='. Tokens are copied byte for byte, so no value, keyword spelling
// or comment text can change; only the blanks between them are chosen.

#include "ecconf/format.hpp"

#include <algorithm>

namespace ecconf {
namespace {

constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::uint32_t count_line_breaks(std::string_view text)
{
    return static_cast<std::uint32_t>(std::count(text.begin(), text.end(), '\n'));
}

/// Code points (a byte that does not continue a UTF-8 sequence counts as one).
std::size_t code_points(std::string_view text)
{
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/// CRLF when most line breaks between tokens are CRLF. Breaks inside comments and strings are the
/// text's own; a break right after "\r\r" is not counted, because the formatter writes one there
/// whatever the file's convention (after a `#` comment that ends in a lone '\r').
bool uses_crlf(const syntax_tree& tree, std::string_view bytes)
{
    const auto tally = [&](std::string_view text, long& crlf, long& lf, std::size_t offset) {
        for (auto at = text.find('\n'); at != std::string_view::npos; at = text.find('\n', at + 1)) {
            const auto absolute = offset + at;
            const bool cr = absolute >= 1 && bytes[absolute - 1] == '\r';
            const bool double_cr = cr && absolute >= 2 && bytes[absolute - 2] == '\r';
            if (double_cr) continue;
            ++(cr ? crlf : lf);
        }
    };
    long crlf = 0, lf = 0, inner_crlf = 0, inner_lf = 0;
    tally(bytes, crlf, lf, 0);
    for (const auto& c : tree.comments())
        if (c.block)
            tally(bytes.substr(c.range.begin, c.range.end - c.range.begin), inner_crlf, inner_lf, c.range.begin);
    for (node_id id = 0; id < tree.size(); ++id) {
        const auto& n = tree.at(id);
        if (n.kind == node_kind::scalar && n.quote == quoting::double_quoted)
            tally(bytes.substr(n.begin, n.end - n.begin), inner_crlf, inner_lf, n.begin);
    }
    return crlf - inner_crlf > lf - inner_lf;
}

std::uint32_t first_comment_at(const std::vector<comment>& comments, std::uint32_t offset)
{
    return static_cast<std::uint32_t>(
        std::lower_bound(comments.begin(), comments.end(), offset,
                         [](const comment& c, std::uint32_t at) { return c.range.begin < at; }) -
        comments.begin());
}

/// The first byte at or after `from` that is neither blank nor inside a comment (punctuation or a token).
std::uint32_t next_token(std::string_view bytes, const std::vector<comment>& comments, std::uint32_t from)
{
    auto c = first_comment_at(comments, from);
    while (from < bytes.size()) {
        if (c < comments.size() && comments[c].range.begin == from) {
            from = comments[c++].range.end;
            continue;
        }
        if (!is_blank(bytes[from])) return from;
        ++from;
    }
    return from;
}

class printer {
public:
    printer(const syntax_tree& tree, std::string_view bytes, const format_options& options)
        : tree_(tree), bytes_(bytes), comments_(tree.comments()), options_(options),
          eol_(uses_crlf(tree, bytes) ? "\r\n" : "\n")
    {
        out_.reserve(bytes.size() + bytes.size() / 8);
        compute_breaks();
    }

    std::string file()
    {
        std::uint32_t start = 0;
        if (tree_.has_bom()) {
            out_ += byte_order_mark;
            line_start_ = out_.size();
            start = static_cast<std::uint32_t>(byte_order_mark.size());
        }
        block(start, 0, static_cast<node_id>(tree_.size()), static_cast<std::uint32_t>(bytes_.size()), 0,
              block_kind::file);
        if (started_) newline();
        return std::move(out_);
    }

    /// Statements [first, last] of one body, at `indent`, with the comments between them and those at
    /// the end of the last one's line; returns where that line's text ends in the source.
    std::uint32_t run(std::uint32_t from, node_id first, node_id last, std::uint32_t indent)
    {
        next_comment_ = first_comment_at(from);
        item_gap(from, tree_.at(first).begin, indent, true, false);
        statement(first);
        std::uint32_t at = tree_.at(first).end;
        for (node_id id = tree_.at(first).last + 1; id <= last; id = tree_.at(id).last + 1) {
            item_gap(at, tree_.at(id).begin, indent, false, false);
            statement(id);
            at = tree_.at(id).end;
        }
        const auto g = read_gap(at, static_cast<std::uint32_t>(bytes_.size()), true);
        for (auto c = g.first; c < g.trailing_end; ++c) append_trailing(g, c);
        return g.trailing_end > g.first ? comments_[g.trailing_end - 1].range.end : at;
    }

    std::string take() { return std::move(out_); }

private:
    enum class block_kind { file, scope, container };

    /// The comments between two tokens, and how they sit on the lines.
    struct gap {
        std::uint32_t begin = 0, end = 0;   ///< bytes: after the previous token, up to the next
        std::uint32_t first = 0, last = 0;  ///< its comments [first, last)
        std::uint32_t trailing_end = 0;     ///< [first, trailing_end) are on the previous token's line
        std::uint32_t leading_begin = 0;    ///< [leading_begin, last) are on the next token's line, before it
        bool comma = false;
    };

    std::uint32_t first_comment_at(std::uint32_t offset) const { return ecconf::first_comment_at(comments_, offset); }

    std::string_view text(std::uint32_t begin, std::uint32_t end) const { return bytes_.substr(begin, end - begin); }
    std::string_view comment_text(std::uint32_t c) const
    {
        return text(comments_[c].range.begin, comments_[c].range.end);
    }

    /// The gap [begin, end); consumes its comments. `after_token`: begin follows a token, so comments on
    /// its line can trail it.
    gap read_gap(std::uint32_t begin, std::uint32_t end, bool after_token)
    {
        gap g;
        g.begin = begin;
        g.end = end;
        g.first = next_comment_;
        while (next_comment_ < comments_.size() && comments_[next_comment_].range.begin < end) ++next_comment_;
        g.last = next_comment_;
        g.trailing_end = g.first;
        if (after_token) {
            auto at = begin;
            while (g.trailing_end < g.last && count_line_breaks(text(at, comments_[g.trailing_end].range.begin)) == 0) {
                at = comments_[g.trailing_end].range.end;
                ++g.trailing_end;
                if (!comments_[g.trailing_end - 1].block) break;
            }
        }
        g.leading_begin = g.last;
        auto at = end;
        while (g.leading_begin > g.trailing_end && comments_[g.leading_begin - 1].block &&
               count_line_breaks(text(comments_[g.leading_begin - 1].range.end, at)) == 0) {
            --g.leading_begin;
            at = comments_[g.leading_begin].range.begin;
        }
        // A gap holds at most one comma (the grammar allows one separator between two items).
        auto from = begin;
        for (auto c = g.first; c <= g.last && !g.comma; ++c) {
            const auto to = c < g.last ? comments_[c].range.begin : end;
            g.comma = text(from, to).find(',') != std::string_view::npos;
            if (c < g.last) from = comments_[c].range.end;
        }
        return g;
    }

    /// Line breaks between the end of the thing before comment `c` of `g` (or the gap's start) and `to`.
    std::uint32_t breaks_before(const gap& g, std::uint32_t c, std::uint32_t to) const
    {
        const auto from = c == g.first ? g.begin : comments_[c - 1].range.end;
        return count_line_breaks(text(from, to));
    }

    // Output.

    void newline()
    {
        // A `#` comment that ends in a lone '\r' keeps it only when "\r\n" follows.
        out_ += (out_.empty() || out_.back() != '\r') ? eol_ : std::string_view("\r\n");
        line_start_ = out_.size();
        line_has_text_ = false;
    }

    /// Starts a line at `indent` (a blank line before it when `blank`), ending the current one.
    void begin_line(std::uint32_t indent, bool blank)
    {
        if (started_) {
            newline();
            if (blank) newline();
        }
        started_ = true;
        pending_break_ = false;
        out_.append(indent, ' ');
        line_indent_ = indent;
        line_has_text_ = false;
    }

    /// A `#` comment ended the line: what comes next on it goes on a new line at `pending_indent_`.
    void break_if_pending()
    {
        if (pending_break_) begin_line(pending_indent_, false);
    }

    void space()
    {
        break_if_pending();
        if (line_has_text_) out_ += ' ';
    }

    void append(std::string_view token)
    {
        break_if_pending();
        out_ += token;
        line_has_text_ = true;
    }

    /// Appends comment `c` after a space; after a `#` comment, the line's text goes on at `continuation`.
    void append_comment(std::uint32_t c) { append_comment(c, line_indent_); }
    void append_comment(std::uint32_t c, std::uint32_t continuation)
    {
        if (flat_ && !comments_[c].block) {  // cannot happen (a `#` comment is followed by a line break)
            flat_failed_ = true;
            return;
        }
        space();
        append(comment_text(c));
        if (!comments_[c].block) {
            pending_break_ = true;
            pending_indent_ = continuation;
        }
    }

    /// A comment at the end of an item's line keeps the spaces written before it (alignment), one at least.
    void append_trailing(const gap& g, std::uint32_t c)
    {
        if (c == g.first && line_has_text_ && !pending_break_) {
            auto from = comments_[c].range.begin;
            while (from > g.begin && is_blank(bytes_[from - 1])) --from;
            const auto blanks = text(from, comments_[c].range.begin);
            if (blanks.size() > 1 && blanks.find_first_not_of(' ') == std::string_view::npos) {
                out_.append(blanks.size() - 1, ' ');
            }
        }
        append_comment(c);
    }

    /// The comments of a gap inside one statement (between its keyword, '=', instance, '{' or value),
    /// kept in place; the next token follows after a space.
    void inline_gap(std::uint32_t end, std::uint32_t continuation)
    {
        for (; next_comment_ < comments_.size() && comments_[next_comment_].range.begin < end; ++next_comment_)
            append_comment(next_comment_, continuation);
    }

    /// The first byte at or after `from` that is neither blank nor inside a comment.
    std::uint32_t next_punctuation(std::uint32_t from) const { return next_token(bytes_, comments_, from); }

    // Layout.

    /// Comments of a gap that stand on lines of their own, at `indent`; `blank_allowed`: a blank line
    /// of the source before the first one is kept. Comments on one source line stay on one line.
    void own_line_comments(const gap& g, std::uint32_t from, std::uint32_t to, std::uint32_t indent, bool blank_allowed)
    {
        for (auto c = from; c < to; ++c) {
            const auto breaks = breaks_before(g, c, comments_[c].range.begin);
            if (c == from || breaks > 0) begin_line(indent, breaks > 1 && (blank_allowed || c != from));
            append_comment(c, indent);
        }
    }

    /// Between an item (or the opening token) and the next item: a comma, comments trailing the item,
    /// comments on lines of their own, then the next item's line with the comments before it on it.
    void item_gap(std::uint32_t begin, std::uint32_t end, std::uint32_t indent, bool after_open, bool commas)
    {
        const auto g = read_gap(begin, end, !after_open || started_);
        if (commas && g.comma && !after_open) append(",");
        for (auto c = g.first; c < g.trailing_end; ++c) append_trailing(g, c);
        own_line_comments(g, g.trailing_end, g.leading_begin, indent, !after_open);
        const auto blank_allowed = !after_open || g.leading_begin > g.trailing_end;
        const auto breaks =
            breaks_before(g, g.leading_begin, g.leading_begin < g.last ? comments_[g.leading_begin].range.begin : end);
        begin_line(indent, breaks > 1 && blank_allowed);
        for (auto c = g.leading_begin; c < g.last; ++c) append_comment(c);
        space();
    }

    /// The items [first, end) of a file, a scope body or a broken list or dictionary, one per line at
    /// `indent` + one level (the file: at 0), between the opening token (ending at `open_end`) and the
    /// closing one (at `close`).
    void block(std::uint32_t open_end, node_id first, node_id end, std::uint32_t close, std::uint32_t indent,
               block_kind kind)
    {
        const auto inner = kind == block_kind::file ? 0 : indent + options_.indent_width;
        const bool commas = kind == block_kind::container;
        auto at = open_end;
        for (node_id id = first; id < end; id = tree_.at(id).last + 1) {
            item_gap(at, tree_.at(id).begin, inner, id == first, commas);
            if (kind == block_kind::container) item(id);
            else
                statement(id);
            at = tree_.at(id).end;
        }
        const bool empty = first == end;
        const auto g = read_gap(at, close, !empty || kind != block_kind::file);
        if (commas && g.comma && !empty) append(",");
        for (auto c = g.first; c < g.trailing_end; ++c) append_trailing(g, c);
        own_line_comments(g, g.trailing_end, g.last, inner, !empty);
        if (kind == block_kind::file) return;
        begin_line(indent, false);
        append(kind == block_kind::scope ? "}" : text(close, close + 1));
    }

    void statement(node_id id)
    {
        const auto& n = tree_.at(id);
        const statement_ref st(tree_, id, no_inclusion);
        append(options_.lowercase_keywords ? st.name() : st.keyword());
        const auto keyword_end = n.begin + static_cast<std::uint32_t>(st.name().size());
        const auto indent = line_indent_;
        const auto continuation = indent + options_.indent_width;
        auto at = keyword_end;
        if (n.kind == node_kind::include) {
            inline_gap(st.path().range().begin, continuation);
            space();
            append(raw(id + 1));
            return;
        }
        // `name = value`, `name [ ... ]` (the '=' is optional before a dictionary), `name = { ... }`
        const auto equals = next_punctuation(at);
        if (equals < bytes_.size() && bytes_[equals] == '=' && !n.has_instance) {
            inline_gap(equals, continuation);
            space();
            append("=");
            at = equals + 1;
        }
        if (n.kind == node_kind::option) {
            inline_gap(tree_.at(id + 1).begin, continuation);
            space();
            value(id + 1);
            return;
        }
        if (n.has_instance) {
            inline_gap(tree_.at(id + 1).begin, continuation);
            space();
            append(raw(id + 1));
            at = tree_.at(id + 1).end;
        }
        const auto brace = next_punctuation(at);
        inline_gap(brace, continuation);
        space();
        const auto body = id + 1 + (n.has_instance ? 1 : 0);
        if (body > n.last && first_comment_at(brace) == first_comment_at(n.end)) {  // empty, no comment
            append("{}");
            return;
        }
        append("{");
        block(brace + 1, body, n.last + 1, n.end - 1, indent, block_kind::scope);
    }

    std::string_view raw(node_id scalar) const { return text(tree_.at(scalar).begin, tree_.at(scalar).end); }

    /// An item of a list or an entry of a dictionary.
    void item(node_id id)
    {
        if (tree_.at(id).kind != node_kind::entry) {
            value(id);
            return;
        }
        const auto key = id + 1;
        const auto val = key + 1;
        const auto continuation = line_indent_ + options_.indent_width;
        append(raw(key));
        const auto equals = next_punctuation(tree_.at(key).end);
        inline_gap(equals, continuation);
        space();
        append("=");
        inline_gap(tree_.at(val).begin, continuation);
        space();
        value(val);
    }

    bool is_container(node_id id) const
    {
        const auto kind = tree_.at(id).kind;
        return kind == node_kind::list || kind == node_kind::dictionary;
    }

    /// A list or dictionary with no item and no comment: `()` or `[]`, whatever its lines.
    bool is_empty_container(node_id id) const
    {
        const auto& n = tree_.at(id);
        return n.last == id && first_comment_at(n.begin) == first_comment_at(n.end);
    }

    /// A value: a scalar as written; a list or dictionary on one line when it fits and had no line
    /// break in the source, else one item per line.
    void value(node_id id)
    {
        const auto& n = tree_.at(id);
        if (!is_container(id)) {
            append(raw(id));
            return;
        }
        if (is_empty_container(id)) {
            append(n.kind == node_kind::list ? "()" : "[]");
            return;
        }
        if (flat_) {
            items_on_one_line(id);
            return;
        }
        if (!breaks_[id]) {
            const auto mark = out_.size();
            const auto mark_comment = next_comment_;
            const auto mark_line_start = line_start_;
            const auto had_text = line_has_text_;
            flat_ = true;
            flat_failed_ = false;
            flat_mark_ = mark;
            flat_column_ = code_points(std::string_view(out_).substr(line_start_));
            items_on_one_line(id);
            flat_ = false;
            if (!flat_failed_) return;
            out_.resize(mark);
            next_comment_ = mark_comment;
            line_start_ = mark_line_start;
            line_has_text_ = had_text;
        }
        append(text(n.begin, n.begin + 1));
        block(n.begin + 1, id + 1, n.last + 1, n.end - 1, line_indent_, block_kind::container);
    }

    /// Whether the one-line attempt still fits the line width.
    bool still_fits()
    {
        const auto written = std::string_view(out_).substr(flat_mark_);
        const bool fits = flat_column_ + written.size() <= options_.line_width ||
                          flat_column_ + code_points(written) <= options_.line_width;
        if (!fits) flat_failed_ = true;
        return fits;
    }

    /// A list or dictionary on one line (flat_ is set): it gave up, flat_failed_ set, once past the width.
    void items_on_one_line(node_id id)
    {
        const auto& n = tree_.at(id);
        append(text(n.begin, n.begin + 1));
        auto at = n.begin + 1;
        for (node_id child = id + 1; child <= n.last; child = tree_.at(child).last + 1) {
            const auto g = read_gap(at, tree_.at(child).begin, true);
            if (g.comma && child != id + 1) append(",");
            for (auto c = g.first; c < g.last; ++c) append_comment(c);
            space();
            item(child);
            if (flat_failed_ || !still_fits()) return;
            at = tree_.at(child).end;
        }
        const auto g = read_gap(at, n.end - 1, true);
        if (g.comma && n.last != id) append(",");
        for (auto c = g.first; c < g.last; ++c) append_comment(c);
        space();
        append(text(n.end - 1, n.end));
        still_fits();
    }

    /// breaks_[id]: the list or dictionary `id` had a line break between its tokens in the source (its
    /// nested values' included), so it stays broken one item per line.
    void compute_breaks()
    {
        breaks_.assign(tree_.size(), false);
        for (node_id id = 0; id < tree_.size(); ++id) {
            if (!is_container(id)) continue;
            const auto& n = tree_.at(id);
            // Only the gaps of this container; nested ones are marked when they are reached, then
            // propagated to their parents below.
            auto at = n.begin + 1;
            bool broken = false;
            const auto gap_breaks = [&](std::uint32_t from, std::uint32_t to) {
                for (auto c = first_comment_at(from); from < to; ++c) {
                    const auto stop =
                        c < comments_.size() && comments_[c].range.begin < to ? comments_[c].range.begin : to;
                    if (count_line_breaks(text(from, stop)) > 0) return true;
                    from = stop == to ? to : comments_[c].range.end;
                }
                return false;
            };
            for (node_id child = id + 1; child <= n.last && !broken; child = tree_.at(child).last + 1) {
                const auto& c = tree_.at(child);
                if (c.kind == node_kind::entry) {
                    broken = gap_breaks(at, c.begin) || gap_breaks(tree_.at(child + 1).end, tree_.at(child + 2).begin);
                }
                else {
                    broken = gap_breaks(at, c.begin);
                }
                at = c.end;
            }
            // An empty list or dictionary without a comment prints as `()` or `[]`, whatever its lines.
            breaks_[id] = !is_empty_container(id) && (broken || gap_breaks(at, n.end - 1));
        }
        std::vector<node_id> open;
        std::vector<node_id> parent(tree_.size(), no_node);
        for (node_id id = 0; id < tree_.size(); ++id) {
            while (!open.empty() && tree_.at(open.back()).last < id) open.pop_back();
            if (!is_container(id)) continue;
            if (!open.empty()) parent[id] = open.back();
            open.push_back(id);
        }
        for (auto id = static_cast<node_id>(tree_.size()); id-- > 0;)
            if (is_container(id) && breaks_[id] && parent[id] != no_node) breaks_[parent[id]] = true;
    }

    const syntax_tree& tree_;
    std::string_view bytes_;
    const std::vector<comment>& comments_;
    format_options options_;
    std::string_view eol_;
    std::string out_;
    std::size_t line_start_ = 0;
    std::uint32_t line_indent_ = 0;
    bool line_has_text_ = false;
    bool started_ = false;
    bool pending_break_ = false;
    std::uint32_t pending_indent_ = 0;
    std::uint32_t next_comment_ = 0;
    std::vector<bool> breaks_;
    bool flat_ = false;         ///< printing a list or dictionary on one line
    bool flat_failed_ = false;  ///< ... and it passed the width (or met a `#` comment)
    std::size_t flat_mark_ = 0;
    std::size_t flat_column_ = 0;
};

}  // namespace

std::string format_tree(const syntax_tree& tree, std::string_view bytes, const format_options& options)
{
    return printer(tree, bytes, options).file();
}

format_result format_source(const std::string& path, std::string bytes, const format_options& options,
                            const parse_limits& limits)
{
    format_result result;
    const auto file = result.sources.add(path, std::move(bytes));
    const auto tree = parse_source(result.sources, file, result.diagnostics, limits);
    result.diagnostics.finalize();
    if (result.diagnostics.count(severity::error) > 0) return result;
    result.text = format_tree(tree, result.sources.file(file).bytes(), options);
    result.formatted = true;
    return result;
}

}  // namespace ecconf

namespace ecconf {
namespace {

/// A body of statements: the nodes [first, end), and the scope that holds it (no_node: the file).
struct body_span {
    node_id first = 0;
    node_id end = 0;
    node_id scope = no_node;
};

std::uint32_t line_start_of(std::string_view bytes, std::uint32_t at)
{
    const auto found = bytes.rfind('\n', at == 0 ? 0 : at - 1);
    return at == 0 || found == std::string_view::npos ? 0 : static_cast<std::uint32_t>(found + 1);
}

}  // namespace

std::optional<text_edit> format_range(const syntax_tree& tree, std::string_view bytes, std::uint32_t begin,
                                      std::uint32_t end, const format_options& options)
{
    const auto& comments = tree.comments();
    const auto overlaps = [&](node_id id) {
        const auto& n = tree.at(id);
        return begin == end ? n.begin <= begin && begin <= n.end : n.begin < end && begin < n.end;
    };
    // Down to the innermost body that holds the whole range.
    std::vector<body_span> bodies{{0, static_cast<node_id>(tree.size()), no_node}};
    node_id lo = no_node, hi = no_node;
    for (;;) {
        const auto& body = bodies.back();
        lo = hi = no_node;
        for (node_id id = body.first; id < body.end; id = tree.at(id).last + 1)
            if (overlaps(id)) {
                if (lo == no_node) lo = id;
                hi = id;
            }
        if (lo == no_node) return std::nullopt;
        const auto& n = tree.at(lo);
        if (lo != hi || n.kind != node_kind::scope) break;
        auto brace = next_token(bytes, comments,
                                n.has_instance ? tree.at(lo + 1).end
                                               : n.begin + static_cast<std::uint32_t>(tree.name_of(lo).size()));
        if (brace < bytes.size() && bytes[brace] == '=') brace = next_token(bytes, comments, brace + 1);
        if (!(brace < begin && end < n.end)) break;
        bodies.push_back({lo + 1 + (n.has_instance ? 1 : 0), n.last + 1, lo});
    }
    // Out again while another token shares the first statement's line or the last one's.
    std::uint32_t from = 0, to = 0;
    for (;;) {
        const auto& body = bodies.back();
        from = line_start_of(bytes, tree.at(lo).begin);
        for (auto c = first_comment_at(comments, from); c > 0 && comments[c - 1].range.end > from;) {
            from = line_start_of(bytes, comments[c - 1].range.begin);
            c = first_comment_at(comments, from);
        }
        to = tree.at(hi).end;
        for (auto c = first_comment_at(comments, to); to < bytes.size();) {
            if (c < comments.size() && comments[c].range.begin == to) {
                to = comments[c++].range.end;
                continue;
            }
            if (bytes[to] == '\n' || !is_blank(bytes[to])) break;
            ++to;
        }
        if (from == 0 && tree.has_bom()) from = static_cast<std::uint32_t>(byte_order_mark.size());
        const bool clean_before = next_token(bytes, comments, from) >= tree.at(lo).begin;
        const bool clean_after = to == bytes.size() || bytes[to] == '\n';
        if (clean_before && clean_after) break;
        if (!clean_before) {
            node_id previous = no_node;
            for (node_id id = body.first; id < lo; id = tree.at(id).last + 1) previous = id;
            if (previous != no_node) {
                lo = previous;
                continue;
            }
        }
        if (!clean_after && tree.at(hi).last + 1 < body.end) {
            hi = tree.at(hi).last + 1;
            continue;
        }
        if (body.scope == no_node) break;  // at the file's start or end: nothing else shares the line
        lo = hi = body.scope;
        bodies.pop_back();
    }
    while (to > from && to <= bytes.size() && to > tree.at(hi).end &&
           (bytes[to - 1] == '\r' || bytes[to - 1] == ' ' || bytes[to - 1] == '\t'))
        --to;
    const auto depth = static_cast<std::uint32_t>(bodies.size() - 1);
    printer p(tree, bytes, options);
    const auto text_end = p.run(from, lo, hi, depth * options.indent_width);
    to = std::max(to, text_end);
    auto text = p.take();
    if (bytes.substr(from, to - from) == text) return std::nullopt;
    return text_edit{from, to, std::move(text)};
}

}  // namespace ecconf
