#pragma once
// Test helpers: run one grammar rule on a string, and parse a whole text into a tree with its diagnostics.

#include <string>
#include <vector>

#include <tao/pegtl.hpp>

#include "../../grammar/error_messages.hpp"
#include "ecconf/syntax_tree.hpp"

namespace ecconf::test {

/// True when Rule matches the whole text (no action, no state).
template <typename Rule>
bool matches(const std::string& text)
{
    tao::pegtl::memory_input<> in(text, "test");
    try {
        return tao::pegtl::parse<tao::pegtl::seq<Rule, tao::pegtl::eof>>(in);
    }
    catch (const tao::pegtl::parse_error&) {
        return false;
    }
}

/// The items of a range of statements, values or entries, to index in assertions.
template <typename Ref>
std::vector<Ref> all(const child_range<Ref>& range)
{
    std::vector<Ref> items;
    for (const auto item : range) items.push_back(item);
    return items;
}

/// A parsed text with its sources kept alive.
struct parsed {
    source_manager sources;
    diagnostic_sink sink;
    std::optional<syntax_tree> tree;
    [[nodiscard]] std::vector<statement_ref> statements() const { return all(tree->statements()); }
};

inline std::unique_ptr<parsed> parse_text(const std::string& text, const parse_limits& limits = {})
{
    auto result = std::make_unique<parsed>();
    const auto id = result->sources.add("t.conf", text);
    result->tree.emplace(parse_source(result->sources, id, result->sink, limits));
    result->sink.finalize();
    return result;
}

/// "line:column rule message" for each diagnostic, for compact exact assertions.
inline std::vector<std::string> summarize(const parsed& p)
{
    std::vector<std::string> lines;
    for (const auto& d : p.sink.all()) {
        const auto at = p.sources.begin_of(d.range);
        lines.push_back(std::to_string(at.line) + ":" + std::to_string(at.column) + " " + std::string(d.rule) + " " +
                        d.message);
    }
    return lines;
}

}  // namespace ecconf::test
