#include "diagnostics/suppressions.hpp"

#include <algorithm>
#include <map>
#include <optional>

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

// The rule ids of "a, b,c" with where each is written; `list` views the bytes of the file at `file_bytes`.
void split_rules(std::string_view list, std::string_view file_bytes, suppression& s)
{
    while (!list.empty()) {
        const auto comma = list.find(',');
        const auto item = trim(list.substr(0, comma));
        if (!item.empty()) {
            const auto begin = static_cast<std::uint32_t>(item.data() - file_bytes.data());
            s.rules.emplace_back(item);
            s.rule_ranges.push_back({s.comment.file, begin, begin + static_cast<std::uint32_t>(item.size())});
        }
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    }
}

// "disable=a,b -- reason" or "disable-file=a -- reason" after the marker.
void parse_directive(std::string_view text, std::string_view file_bytes, suppression& s)
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
    split_rules(text.substr(0, dashes), file_bytes, s);
    if (dashes != std::string_view::npos) s.reason = std::string(trim(text.substr(dashes + 2)));
    if (s.rules.empty()) s.problem = "suppression names no rule: write 'disable=RULE -- reason'";
}

struct tracked {
    suppression s;
    std::vector<bool> used;  ///< per rule of s.rules
};

// Deletes an unused rule from its suppression: the whole comment when none of its rules is used, else
// the rule's id with the comma that joins it to its neighbour.
fix removal_of(const tracked& t, std::size_t unused)
{
    const auto& s = t.s;
    const bool none_used = std::none_of(t.used.begin(), t.used.end(), [](bool used) { return used; });
    if (none_used) return replacement_fix(s.removal, "", fix_safety::safe, "delete the suppression comment");
    const auto& ranges = s.rule_ranges;
    const auto range = unused + 1 < ranges.size()
                           ? source_range{s.comment.file, ranges[unused].begin, ranges[unused + 1].begin}
                           : source_range{s.comment.file, ranges[unused - 1].end, ranges[unused].end};
    return replacement_fix(range, "", fix_safety::safe, "delete '" + s.rules[unused] + "' from the suppression");
}

}  // namespace

// By the line a scope's keyword stands on, the line of its closing '}' (the outermost scope of that line).
std::map<std::uint32_t, std::uint32_t> stanza_lines(const source_file& file, const syntax_tree& tree)
{
    std::map<std::uint32_t, std::uint32_t> lines;
    for (node_id id = 0; id < tree.size(); ++id) {
        const auto& n = tree.at(id);
        if (n.kind != node_kind::scope || n.end <= n.begin) continue;
        lines.emplace(file.locate(n.begin).line, file.locate(n.end - 1).line);
    }
    return lines;
}

std::vector<suppression> find_suppressions(const source_file& file, file_id id, const std::vector<comment>& comments,
                                           const syntax_tree* tree)
{
    std::vector<suppression> found;
    const auto bytes = file.bytes();
    std::optional<std::map<std::uint32_t, std::uint32_t>> stanzas;  // built at the first directive
    for (const auto& c : comments) {
        if (c.range.begin >= c.range.end || c.range.end > bytes.size()) continue;
        // After '#', or between '/*' and '*/'.
        auto inside = bytes.substr(c.range.begin, c.range.end - c.range.begin);
        inside.remove_prefix(c.block ? 2 : 1);
        if (c.block && inside.size() >= 2 && inside.substr(inside.size() - 2) == "*/") inside.remove_suffix(2);
        const auto text = trim(inside);
        if (text.substr(0, marker.size()) != marker) continue;
        suppression s;
        s.comment = c.range;
        s.comment.file = id;
        parse_directive(text.substr(marker.size()), bytes, s);
        // After code, the comment covers its own line; before code on its last line, that line; alone, the next.
        const auto line_start = bytes.find_last_of('\n', c.range.begin == 0 ? 0 : c.range.begin - 1);
        const auto from = line_start == std::string_view::npos || c.range.begin == 0 ? 0 : line_start + 1;
        const auto line_end = std::min(bytes.find('\n', c.range.end), bytes.size());
        const auto before = bytes.substr(from, c.range.begin - from);
        const auto after = bytes.substr(c.range.end, line_end - c.range.end);
        const bool code_before = !trim(before).empty();
        const bool code_after = !trim(after).empty();
        const auto spaces_before =
            static_cast<std::uint32_t>(before.size() - std::min(before.size(), before.find_last_not_of(" \t") + 1));
        s.removal = code_before ? source_range{id, c.range.begin - spaces_before, c.range.end}
                    : code_after
                        ? source_range{id, c.range.begin,
                                       static_cast<std::uint32_t>(c.range.end + after.find_first_not_of(" \t"))}
                        : source_range{id, static_cast<std::uint32_t>(from),
                                       static_cast<std::uint32_t>(std::min(line_end + 1, bytes.size()))};
        const auto last = file.locate(c.range.end - 1).line;
        s.line = code_before ? file.locate(c.range.begin).line : code_after ? last : last + 1;
        s.last_line = s.line;
        if (!code_before && !code_after && tree && !s.whole_file) {
            if (!stanzas) stanzas = stanza_lines(file, *tree);
            if (const auto stanza = stanzas->find(s.line); stanza != stanzas->end()) s.last_line = stanza->second;
        }
        found.push_back(std::move(s));
    }
    return found;
}

void apply_suppressions(const source_manager& sources, const std::vector<const syntax_tree*>& trees,
                        diagnostic_sink& sink, std::vector<suppressed_finding>& suppressed)
{
    std::vector<tracked> all;
    for (const auto* tree : trees)
        for (auto& s : find_suppressions(sources.file(tree->file()), tree->file(), tree->comments(), tree)) {
            std::vector<bool> used(s.rules.size(), false);
            all.push_back(tracked{std::move(s), std::move(used)});
        }
    if (all.empty()) return;
    const auto covers = [&](tracked& t, const diagnostic& d) {
        if (!t.s.problem.empty() || d.range.file != t.s.comment.file || d.rule == rules::useless_suppression.id)
            return false;
        if (!t.s.whole_file) {
            const auto line = sources.file(d.range.file).locate(d.range.begin).line;
            if (line < t.s.line || line > t.s.last_line) return false;
        }
        const auto rule = std::find(t.s.rules.begin(), t.s.rules.end(), d.rule);
        if (rule == t.s.rules.end() || !is_suppressible(d.rule)) return false;
        t.used[static_cast<std::size_t>(rule - t.s.rules.begin())] = true;
        return true;
    };
    sink.remove_if([&](const diagnostic& d) {
        const tracked* first = nullptr;
        for (auto& t : all)  // every matching suppression counts as used
            if (covers(t, d) && !first) first = &t;
        if (first) suppressed.push_back({d, suppression_kind::in_source, first->s.reason});
        return first != nullptr;
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
                            "unknown rule '" + rule + "' in suppression " + unknown_rule_hint(rule));
            else if (!is_suppressible(rule))
                sink.report(rules::useless_suppression, s.comment,
                            "'" + rule + "' cannot be suppressed: it means part of the configuration was not read");
            else if (!t.used[i])
                sink.report(rules::useless_suppression, s.comment,
                            "suppression of '" + rule + "' matches no finding " +
                                (s.whole_file            ? std::string("in this file")
                                 : s.last_line == s.line ? "on line " + std::to_string(s.line)
                                                         : "in the stanza on lines " + std::to_string(s.line) + "-" +
                                                               std::to_string(s.last_line)))
                    .fixes.push_back(removal_of(t, i));
        }
    }
}

}  // namespace ecconf
