#include "lsp/code_actions.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "diagnostics/suppressions.hpp"
#include "ecconf/report.hpp"
#include "ecconf/rule_ids.hpp"
#include "ecconf/schema.hpp"

namespace ecconf::lsp {
namespace {

constexpr std::string_view fix_all_kind = "source.fixAll.ecconf";
/// What a suppression inserted by the editor says until its author replaces it with the reason.
constexpr std::string_view reason_placeholder = "TODO: why this finding is accepted";

/// Whether the client asked for actions of this kind: `only` lists kinds or their prefixes ("source");
/// without it, the quick fixes (a client asks for source actions by their kind).
bool requested(const json& context, std::string_view kind)
{
    const auto only = context.find("only");
    if (only == context.end() || !only->is_array()) return kind == "quickfix";
    return std::any_of(only->begin(), only->end(), [&](const json& wanted) {
        if (!wanted.is_string()) return false;
        const auto& prefix = wanted.get_ref<const std::string&>();
        return kind.substr(0, prefix.size()) == prefix && (kind.size() == prefix.size() || kind[prefix.size()] == '.');
    });
}

/// Whether the client named this finding in the context: a client may send the findings of the cursor's
/// line (Neovim does) while the range is only the cursor.
bool given(const json& context, const json& finding)
{
    const auto diagnostics = context.find("diagnostics");
    if (diagnostics == context.end() || !diagnostics->is_array()) return false;
    return std::any_of(diagnostics->begin(), diagnostics->end(), [&](const json& d) {
        return d.is_object() && d.value("range", json()) == finding["range"] &&
               d.value("code", json()) == finding["code"];
    });
}

const syntax_tree* tree_of(const check_result& result, file_id file)
{
    for (const auto& configuration : result.configurations)
        if (const auto found = configuration.trees.find(file); found != configuration.trees.end())
            return &found->second;
    return nullptr;
}

/// One text edit of a WorkspaceEdit, in the document's positions.
json text_edit_json(const line_index& lines, const text_edit& e)
{
    return {{"range", lines.range(e.begin, e.end)}, {"newText", e.text}};
}

json workspace_edit(source_positions& positions, file_id file, const std::vector<text_edit>& edits)
{
    json list = json::array();
    for (const auto& e : edits) list.push_back(text_edit_json(positions.lines(file), e));
    return {{"changes", {{positions.uri(file), std::move(list)}}}};
}

/// The finding's own fixes, each a quick fix; a safe one is preferred when it is the only fix.
void add_fixes(const diagnostic& d, const json& finding, const source_manager& sources, source_positions& positions,
               json& actions)
{
    for (const auto& f : d.fixes) {
        if (f.file == no_file || !fix_is_shown(f, sources.secrets())) continue;
        json action = {{"title", sources.secrets().redact(f.description)},
                       {"kind", "quickfix"},
                       {"diagnostics", json::array({finding})},
                       {"edit", workspace_edit(positions, f.file, f.edits)}};
        if (f.safety == fix_safety::safe && d.fixes.size() == 1) action["isPreferred"] = true;
        actions.push_back(std::move(action));
    }
}

/// Where a suppression comment for a finding goes: a new comment line above the finding's line, or the
/// rule added to the suppression that already covers that line.
struct suppression_place {
    const source_file& file;
    file_id id;
    const std::vector<suppression>& existing;

    [[nodiscard]] std::string line_ending(std::uint32_t line) const
    {
        const auto text = file.line_text(line);
        const auto after = static_cast<std::size_t>(text.data() - file.bytes().data()) + text.size();
        return after < file.bytes().size() && file.bytes()[after] == '\r' ? "\r\n" : "\n";
    }

    /// The edit that makes the suppression `directive` (disable or disable-file) cover `rule` at `line`
    /// (the first line for disable-file).
    [[nodiscard]] text_edit edit(std::string_view directive, std::string_view rule, std::uint32_t line) const
    {
        const bool whole_file = directive == "disable-file";
        for (const auto& s : existing) {
            if (!s.problem.empty() || s.whole_file != whole_file || s.rule_ranges.empty()) continue;
            if (!whole_file && (line < s.line || line > s.last_line)) continue;
            const auto after = s.rule_ranges.back().end;
            return {after, after, "," + std::string(rule)};
        }
        const auto text = file.line_text(line);
        auto at = static_cast<std::uint32_t>(text.data() - file.bytes().data());
        if (whole_file && file.bytes().substr(0, 3) == "\xEF\xBB\xBF") at = 3;
        const auto indent = whole_file ? std::string_view() : text.substr(0, text.find_first_not_of(" \t"));
        return {at, at,
                std::string(indent) + "# ecconf-check: " + std::string(directive) + "=" + std::string(rule) + " -- " +
                    std::string(reason_placeholder) + line_ending(line)};
    }
};

void add_suppressions(const diagnostic& d, const json& finding, const suppression_place& place,
                      source_positions& positions, std::set<std::string>& offered, json& actions)
{
    if (!is_suppressible(d.rule) || d.rule == rules::useless_suppression.id || d.range.file != place.id) return;
    const auto line = place.file.locate(d.range.begin).line;
    const std::string rule(d.rule);
    const std::pair<std::string, text_edit> choices[] = {
        {"Disable " + rule + " for this line", place.edit("disable", rule, line)},
        {"Disable " + rule + " for this file", place.edit("disable-file", rule, 1)},
    };
    for (const auto& [title, change] : choices) {
        if (!offered.insert(title + std::to_string(line)).second) continue;
        actions.push_back({{"title", title},
                           {"kind", "quickfix"},
                           {"diagnostics", json::array({finding})},
                           {"edit", workspace_edit(positions, place.id, {change})}});
    }
}

/// Every safe fix of the document's findings, as one edit from the first change to the last.
std::optional<json> fix_all(const analysis& checked, source_positions& positions)
{
    const auto& sources = checked.result->sources;
    const auto text = sources.file(checked.file).bytes();
    std::vector<const fix*> fixes;
    for (const auto& d : checked.result->diagnostics.all())
        if (belongs_to(d, checked))
            for (const auto& f : d.fixes)
                if (f.safety == fix_safety::safe && f.file == checked.file && fix_is_shown(f, sources.secrets()))
                    fixes.push_back(&f);
    if (fixes.empty()) return std::nullopt;
    const auto fixed = apply_fixes(text, fixes).text;
    std::size_t prefix = 0;
    while (prefix < text.size() && prefix < fixed.size() && text[prefix] == fixed[prefix]) ++prefix;
    std::size_t suffix = 0;
    while (suffix < text.size() - prefix && suffix < fixed.size() - prefix &&
           text[text.size() - 1 - suffix] == fixed[fixed.size() - 1 - suffix])
        ++suffix;
    if (prefix == text.size() && prefix == fixed.size()) return std::nullopt;
    const text_edit change{static_cast<std::uint32_t>(prefix), static_cast<std::uint32_t>(text.size() - suffix),
                           fixed.substr(prefix, fixed.size() - suffix - prefix)};
    return json{{"title", "Fix all safely fixable ecconf findings"},
                {"kind", fix_all_kind},
                {"edit", workspace_edit(positions, checked.file, {change})}};
}

}  // namespace

json code_actions(language_server& server, const json& params)
{
    const auto& checked = server.analysis_of(params.at("textDocument"));
    const auto& context = params.value("context", json::object());
    const auto& sources = checked.result->sources;
    json actions = json::array();
    if (checked.file == no_file) return actions;
    source_positions positions(sources, server.encoding());
    const auto& lines = positions.lines(checked.file);
    const auto begin = lines.offset(params.at("/range/start"_json_pointer));
    const auto end = lines.offset(params.at("/range/end"_json_pointer));
    if (requested(context, "quickfix")) {
        const auto& file = sources.file(checked.file);
        const auto* tree = tree_of(*checked.result, checked.file);
        const auto existing =
            find_suppressions(file, checked.file, tree ? tree->comments() : std::vector<comment>{}, tree);
        const suppression_place place{file, checked.file, existing};
        std::set<std::string> offered;
        for (const auto& d : checked.result->diagnostics.all()) {
            if (!belongs_to(d, checked)) continue;
            const auto finding = lsp_diagnostic(d, positions, server.settings().doc_url_base);
            if ((d.range.begin > end || d.range.end < begin) && !given(context, finding)) continue;
            add_fixes(d, finding, sources, positions, actions);
            add_suppressions(d, finding, place, positions, offered, actions);
        }
    }
    if (requested(context, fix_all_kind))
        if (auto all = fix_all(checked, positions)) actions.push_back(std::move(*all));
    return actions;
}

json code_action_capabilities() { return {{"codeActionKinds", json::array({"quickfix", fix_all_kind})}}; }

}  // namespace ecconf::lsp
