#include "lsp/document_syntax.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace ecconf::lsp {
namespace {

// The legend's token types and modifiers, by index; the same words as the TextMate grammar's scopes.
enum token_type : std::uint32_t {
    token_keyword,     // include, readonly_include
    token_namespace,   // a scope's keyword
    token_property,    // an option's keyword, a dictionary key
    token_variable,    // a scope's instance name
    token_string,      // quoted strings and bare words
    token_number,      // decimal and hexadecimal numbers
    token_enumMember,  // boolean words
    token_comment,
};
constexpr std::array<const char*, 8> token_types = {"keyword", "namespace", "property",   "variable",
                                                    "string",  "number",    "enumMember", "comment"};
constexpr std::uint32_t modifier_declaration = 1;

struct token {
    std::uint32_t begin;
    std::uint32_t end;
    token_type type;
    std::uint32_t modifiers = 0;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_hex_digit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

/// What the TextMate grammar reads as a number: [+-] then 0x and hex digits, or digits with an optional fraction.
bool is_number(std::string_view word)
{
    if (!word.empty() && (word[0] == '+' || word[0] == '-')) word.remove_prefix(1);
    if (word.size() > 2 && word[0] == '0' && (word[1] == 'x' || word[1] == 'X'))
        return std::all_of(word.begin() + 2, word.end(), is_hex_digit);
    const auto point = word.find('.');
    const auto whole = word.substr(0, point);
    const auto fraction = point == std::string_view::npos ? std::string_view("0") : word.substr(point + 1);
    return !whole.empty() && !fraction.empty() && std::all_of(whole.begin(), whole.end(), is_digit) &&
           std::all_of(fraction.begin(), fraction.end(), is_digit);
}

bool is_boolean_word(std::string_view word)
{
    static const std::array<std::string_view, 8> words = {"true", "false", "yes",     "no",
                                                          "on",   "off",   "enabled", "disabled"};
    const auto lower = ascii_lower(word);
    return std::find(words.begin(), words.end(), lower) != words.end();
}

void add(std::vector<token>& tokens, const source_range& range, token_type type, std::uint32_t modifiers = 0)
{
    if (range.end > range.begin) tokens.push_back({range.begin, range.end, type, modifiers});
}

void value_tokens(const value_ref& value, std::vector<token>& tokens)
{
    if (value.is_list()) {
        for (const auto item : value.items()) value_tokens(item, tokens);
    }
    else if (value.is_dictionary()) {
        for (const auto entry : value.entries()) {
            add(tokens, entry.key.range(), token_property);
            value_tokens(entry.value, tokens);
        }
    }
    else if (value.quote() != quoting::bare) {
        add(tokens, value.range(), token_string);
    }
    else {
        const auto range = value.range();
        const auto word = value.tree().bytes(range.begin, range.end);
        add(tokens, range, is_number(word) ? token_number : is_boolean_word(word) ? token_enumMember : token_string);
    }
}

void statement_tokens(child_range<statement_ref> statements, std::vector<token>& tokens)
{
    for (const auto st : statements) {
        if (st.is_include()) {
            add(tokens, st.keyword_range(), token_keyword);
            value_tokens(st.path(), tokens);
        }
        else if (st.is_option()) {
            add(tokens, st.keyword_range(), token_property);
            value_tokens(st.value(), tokens);
        }
        else {
            add(tokens, st.keyword_range(), token_namespace);
            if (st.has_instance()) add(tokens, st.instance().range(), token_variable, modifier_declaration);
            statement_tokens(st.body(), tokens);
        }
    }
}

/// The relative encoding of the protocol: each token's line and start from the previous token's, and
/// a token that spans lines (a block comment, a string with a line break) as one token per line.
json encode(std::vector<token> tokens, std::string_view text, const line_index& lines)
{
    std::sort(tokens.begin(), tokens.end(), [](const token& a, const token& b) { return a.begin < b.begin; });
    json data = json::array();
    std::uint32_t previous_line = 0;
    std::uint32_t previous_start = 0;
    std::uint32_t covered = 0;  // tokens never overlap: a comment inside a value's range is left out
    for (const auto& t : tokens) {
        if (t.begin < covered) continue;
        covered = t.end;
        for (auto begin = t.begin; begin < t.end;) {
            const auto newline = text.find('\n', begin);
            const auto end =
                newline == std::string_view::npos || newline >= t.end ? t.end : static_cast<std::uint32_t>(newline);
            const auto start = lines.position(begin);
            const auto line = start["line"].get<std::uint32_t>();
            const auto character = start["character"].get<std::uint32_t>();
            const auto length = lines.position(end)["character"].get<std::uint32_t>() - character;
            if (length > 0) {
                data.push_back(line - previous_line);
                data.push_back(line == previous_line ? character - previous_start : character);
                data.push_back(length);
                data.push_back(t.type);
                data.push_back(t.modifiers);
                previous_line = line;
                previous_start = character;
            }
            begin = end + 1;
        }
    }
    return data;
}

/// The byte ranges around `offset`, from the whole file in: statements, a scope's header words, values,
/// list items, dictionary entries and their keys and values, or the comment it is in.
class enclosing_ranges {
public:
    enclosing_ranges(const syntax_tree& tree, std::uint32_t offset, std::uint32_t size) : offset_(offset)
    {
        ranges.push_back({tree.file(), 0, size});
        for (const auto& c : tree.comments())
            if (holds(c.range)) {
                ranges.push_back(c.range);
                return;
            }
        statements(tree.statements());
    }

    std::vector<source_range> ranges;

private:
    [[nodiscard]] bool holds(const source_range& range) const { return range.begin <= offset_ && offset_ <= range.end; }

    bool push(const source_range& range)
    {
        if (!holds(range) || range.end <= range.begin) return false;
        if (ranges.back().begin != range.begin || ranges.back().end != range.end) ranges.push_back(range);
        return true;
    }

    void statements(child_range<statement_ref> body)
    {
        for (const auto st : body) {
            if (!push(st.range())) continue;
            if (push(st.keyword_range())) return;
            if (st.is_scope()) {
                if (st.has_instance() && push(st.instance().range())) return;
                statements(st.body());
            }
            else {
                value(st.is_include() ? st.path() : st.value());
            }
            return;
        }
    }

    void value(const value_ref& v)
    {
        if (!push(v.range())) return;
        if (v.is_list())
            for (const auto item : v.items()) value(item);
        if (v.is_dictionary())
            for (const auto entry : v.entries())
                if (push({v.range().file, entry.key.range().begin, entry.value.range().end})) {
                    if (!push(entry.key.range())) value(entry.value);
                    return;
                }
    }

    std::uint32_t offset_;
};

json selection_range(const std::vector<source_range>& ranges, const line_index& lines)
{
    json chain;
    for (const auto& range : ranges) {
        json next = {{"range", lines.range(range.begin, range.end)}};
        if (!chain.is_null()) next["parent"] = std::move(chain);
        chain = std::move(next);
    }
    return chain;
}

}  // namespace

std::unique_ptr<parsed_document> parse_document(const document& doc)
{
    auto parsed = std::make_unique<parsed_document>();
    const auto file = parsed->sources.add(doc.path, doc.text);
    parsed->tree.emplace(parse_source(parsed->sources, file, parsed->sink));
    parsed->has_errors = parsed->sink.count(severity::error) > 0;
    return parsed;
}

json semantic_tokens(language_server& server, const json& params)
{
    const auto& doc = server.document_of(params.at("textDocument"));
    const auto parsed = parse_document(doc);
    std::vector<token> tokens;
    statement_tokens(parsed->tree->statements(), tokens);
    for (const auto& c : parsed->tree->comments()) add(tokens, c.range, token_comment);
    return {{"data", encode(std::move(tokens), doc.text, line_index(doc.text, server.encoding()))}};
}

json selection_ranges(language_server& server, const json& params)
{
    const auto& doc = server.document_of(params.at("textDocument"));
    const auto parsed = parse_document(doc);
    const line_index lines(doc.text, server.encoding());
    json result = json::array();
    for (const auto& position : params.at("positions")) {
        const enclosing_ranges around(*parsed->tree, lines.offset(position),
                                      static_cast<std::uint32_t>(doc.text.size()));
        result.push_back(selection_range(around.ranges, lines));
    }
    return result;
}

json semantic_token_capabilities()
{
    return {{"legend", {{"tokenTypes", token_types}, {"tokenModifiers", json::array({"declaration"})}}},
            {"full", true}};
}

}  // namespace ecconf::lsp
