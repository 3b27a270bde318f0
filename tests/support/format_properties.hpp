#pragma once
// The formatter's guarantees, checked on one input: for the tests over testdata/ and for the fuzz target.
//   idempotent:         fmt(fmt(x)) == fmt(x)
//   meaning preserved:  `dump` of fmt(x) equals `dump` of x apart from positions
//   no comment lost:    the sequence of comment texts is the same

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ecconf/check.hpp"
#include "ecconf/effective.hpp"
#include "ecconf/file_system.hpp"
#include "ecconf/format.hpp"

namespace ecconf::test {

/// The dump of one file read alone (no includes, no schema), positions left out.
inline nlohmann::ordered_json dump_without_positions(const std::string& bytes)
{
    const std::string path = "/fmt/input.conf";
    memory_file_system files;
    files.add(path, bytes);
    check_options options;
    options.syntax_only = true;
    const auto result = check_files({path}, files, options);
    if (result->configurations.empty()) return nullptr;
    auto dumped = dump_tree(result->configurations.front(), result->sources);
    const auto strip = [](auto& self, nlohmann::ordered_json& value) -> void {
        if (value.is_object())
            for (const auto* key : {"file", "line", "column", "end_line", "end_column"}) value.erase(key);
        if (value.is_structured())
            for (auto& item : value) self(self, item);  // an object's values, an array's items
    };
    strip(strip, dumped);
    return dumped;
}

/// The texts of a file's comments, in order.
inline std::vector<std::string> comment_texts(const std::string& bytes)
{
    source_manager sources;
    diagnostic_sink sink;
    const auto file = sources.add("/fmt/input.conf", bytes);
    const auto tree = parse_source(sources, file, sink);
    std::vector<std::string> texts;
    for (const auto& c : tree.comments())
        texts.emplace_back(sources.file(file).bytes().substr(c.range.begin, c.range.end - c.range.begin));
    return texts;
}

/// Which guarantee `bytes` breaks, or empty (also when it does not parse: nothing is formatted then).
inline std::string format_property_failure(const std::string& bytes, const format_options& options = {})
{
    const auto once = format_source("/fmt/input.conf", bytes, options);
    if (!once.formatted) return {};
    const auto twice = format_source("/fmt/input.conf", once.text, options);
    if (!twice.formatted) return "the formatted text does not parse";
    if (twice.text != once.text) return "not idempotent: fmt(fmt(x)) != fmt(x)";
    if (!options.lowercase_keywords && dump_without_positions(bytes) != dump_without_positions(once.text))
        return "meaning changed: the dumps differ";
    if (comment_texts(bytes) != comment_texts(once.text)) return "comments changed";
    return {};
}

}  // namespace ecconf::test
