#include "diagnostics/suppressions.hpp"

#include <algorithm>

#include "ecconf/rule_ids.hpp"
#include "ecconf/schema.hpp"

namespace ecconf {
namespace {

constexpr std::string_view marker = "ecconf-check:";

std::string_view trim(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::vector<std::string> split_rules(std::string_view list)
{
    std::vector<std::string> rules;
    while (!list.empty()) {
        const auto comma = list.find(',');
        const auto item = trim(list.substr(0, comma));
        if (!item.empty()) rules.emplace_back(item);
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    }
    return rules;
}

// "disable=a,b -- reason" or "disable-file=a -- reason" after the marker.
void parse_directive(std::string_view text, suppression& s)
{
    text = trim(text);
    constexpr std::string_view line_key = "disable=", file_key = "disable-file=";
    if (text.substr(0, file_key.size()) == file_key) {
        s.whole_file = true;
        text.remove_prefix(file_key.size());
    }
    else if (text.substr(0, line_key.size()) == line_key) {
        text.remove_prefix(line_key.size());
    }
    else {
        s.problem = "unknown ecconf-check directive '" + std::string(text.substr(0, text.find_first_of(" \t="))) +
                    "': write 'disable=RULE -- reason' or 'disable-file=RULE -- reason'";
        return;
    }
    const auto dashes = text.find("--");
    s.rules = split_rules(text.substr(0, dashes));
    if (dashes != std::string_view::npos) s.reason = std::string(trim(text.substr(dashes + 2)));
    if (s.rules.empty()) s.problem = "suppression names no rule: write 'disable=RULE -- reason'";
}

struct tracked {
    suppression s;
    std::vector<bool> used;  ///< per rule of s.rules
};

}  // namespace

std::vector<suppression> find_suppressions(const source_file& file, file_id id, const std::vector<comment>& comments)
{
    std::vector<suppression> found;
    const auto bytes = file.bytes();
    for (const auto& c : comments) {
        if (c.block || c.range.begin >= c.range.end || c.range.end > bytes.size()) continue;
        auto text = trim(bytes.substr(c.range.begin + 1, c.range.end - c.range.begin - 1));  // after '#'
        if (text.substr(0, marker.size()) != marker) continue;
        suppression s;
        s.comment = c.range;
        parse_directive(text.substr(marker.size()), s);
        // Alone on its line, the comment covers the next line; after code, its own line.
        s.comment.file = id;
        const auto line_start = bytes.find_last_of('\n', c.range.begin == 0 ? 0 : c.range.begin - 1);
        const auto from = line_start == std::string_view::npos || c.range.begin == 0 ? 0 : line_start + 1;
        const auto line = file.locate(c.range.begin).line;
        s.line = trim(bytes.substr(from, c.range.begin - from)).empty() ? line + 1 : line;
        found.push_back(std::move(s));
    }
    return found;
}

void apply_suppressions(const source_manager& sources, const std::vector<const syntax_tree*>& trees,
                        diagnostic_sink& sink)
{
    std::vector<tracked> all;
    for (const auto* tree : trees)
        for (auto& s : find_suppressions(sources.file(tree->file()), tree->file(), tree->comments())) {
            std::vector<bool> used(s.rules.size(), false);
            all.push_back(tracked{std::move(s), std::move(used)});
        }
    if (all.empty()) return;
    const auto covers = [&](tracked& t, const diagnostic& d) {
        if (!t.s.problem.empty() || d.range.file != t.s.comment.file || d.rule == rules::useless_suppression.id)
            return false;
        if (!t.s.whole_file && sources.file(d.range.file).locate(d.range.begin).line != t.s.line) return false;
        const auto rule = std::find(t.s.rules.begin(), t.s.rules.end(), d.rule);
        if (rule == t.s.rules.end() || !is_suppressible(d.rule)) return false;
        t.used[static_cast<std::size_t>(rule - t.s.rules.begin())] = true;
        return true;
    };
    sink.remove_if([&](const diagnostic& d) {
        bool suppressed = false;
        for (auto& t : all) suppressed = covers(t, d) || suppressed;  // every matching suppression counts as used
        return suppressed;
    });
    for (const auto& t : all) {
        const auto& s = t.s;
        if (!s.problem.empty()) {
            sink.report(rules::useless_suppression, s.comment, s.problem);
            continue;
        }
        if (s.reason.empty())
            sink.report(rules::useless_suppression, s.comment,
                        "suppression gives no reason: add ' -- why the finding is accepted' after the rules");
        for (std::size_t i = 0; i < s.rules.size(); ++i) {
            const auto& rule = s.rules[i];
            if (!find_rule(rule))
                sink.report(rules::useless_suppression, s.comment,
                            "unknown rule '" + rule + "' in suppression (see ecconf-check --list-rules)");
            else if (!is_suppressible(rule))
                sink.report(rules::useless_suppression, s.comment,
                            "'" + rule + "' cannot be suppressed: it means part of the configuration was not read");
            else if (!t.used[i])
                sink.report(rules::useless_suppression, s.comment,
                            "suppression of '" + rule + "' matches no finding " +
                                (s.whole_file ? std::string("in this file") : "on line " + std::to_string(s.line)));
        }
    }
}

}  // namespace ecconf
