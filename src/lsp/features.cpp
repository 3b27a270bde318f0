#include "lsp/features.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "ecconf/effective.hpp"
#include "ecconf/format.hpp"
#include "ecconf/schema.hpp"
#include "load/walk.hpp"
#include "lsp/code_actions.hpp"
#include "lsp/document_syntax.hpp"
#include "lsp/navigation.hpp"

namespace ecconf::lsp {
namespace {

// LSP enumerations.
enum symbol_kind { symbol_file = 1, symbol_namespace = 3, symbol_property = 7 };
enum completion_kind { completion_property = 10, completion_module = 9, completion_value = 12, completion_enum = 20 };
constexpr int snippet_format = 2;

/// A statement of the document with the scopes the walk resolved for it.
struct found_statement {
    statement_ref st;
    const scope_def* container;  ///< where it stands
    const scope_def* scope;      ///< a stanza's scope, when known
};

/// An option's value under the cursor, with the stanzas around the option (through included files).
struct found_value {
    statement_ref st;
    std::vector<path_element> path;
};

/// What the walk of the document's configuration finds at the cursor.
class cursor_finder final : public walk_visitor {
public:
    cursor_finder(const loaded_configuration& configuration, file_id file, std::uint32_t offset, bool main)
        : configuration_(configuration), file_(file), offset_(offset)
    {
        if (main) body_scope = builtin_schema().scope("global");
    }

    /// The statement whose keyword (an include: whole directive) holds the cursor.
    std::optional<found_statement> statement;
    std::vector<included_file> included;  ///< what that include directive brought in
    std::optional<found_value> value;
    /// The scope whose body holds the cursor: the innermost stanza around it, else where the file stands.
    const scope_def* body_scope = nullptr;

private:
    void option(const walk_step& step) override
    {
        at_keyword(step);
        if (step.st.file() != file_ || value || !holds(step.st.value().range())) return;
        value = found_value{step.st, {}};
        for (const auto& stanza : stanzas_)
            value->path.push_back({std::string(stanza.name()), std::string(stanza.instance_text())});
    }

    void include(const walk_step& step) override
    {
        const auto& brought = configuration_.inclusions_of(step.st);
        if (!placed_ && std::any_of(brought.begin(), brought.end(), [&](const auto& f) { return f.file == file_; })) {
            body_scope = step.container;
            placed_ = true;
        }
        if (step.st.file() != file_ || !holds(step.st.range())) return;
        remember(step);
        included = brought;
    }

    bool enter(const walk_step& step, const scope_def*& scope) override
    {
        // A stanza in the wrong scope is read as the scope of that keyword, as the validator reads it.
        if (!scope && step.container) {
            const auto& candidates = builtin_schema().scopes_with_keyword(step.st.name());
            if (!candidates.empty()) scope = candidates.front();
        }
        at_keyword(step);
        if (step.st.file() == file_ && in_body(step.st)) {
            body_scope = scope;
            placed_ = true;
        }
        if (scope) stanzas_.push_back(step.st);
        return scope != nullptr;
    }

    void leave(const walk_step& /*step*/) override { stanzas_.pop_back(); }

    void at_keyword(const walk_step& step)
    {
        if (step.st.file() == file_ && holds(step.st.keyword_range())) remember(step);
    }

    void remember(const walk_step& step)
    {
        if (!statement) statement = found_statement{step.st, step.container, step.scope};
    }

    // Its end included: the cursor just after a keyword is on it.
    [[nodiscard]] bool holds(const source_range& range) const { return range.begin <= offset_ && offset_ <= range.end; }

    // After the stanza's name and before its closing brace (an unclosed stanza runs to the end).
    [[nodiscard]] bool in_body(const statement_ref& st) const
    {
        const auto header_end = st.has_instance() ? st.instance().range().end : st.keyword_range().end;
        const auto end = st.range().end;
        const bool closed = end > 0 && st.tree().bytes(end - 1, end) == "}";
        return offset_ > header_end && (offset_ < end || (offset_ == end && !closed));
    }

    const loaded_configuration& configuration_;
    file_id file_;
    std::uint32_t offset_;
    bool placed_ = false;
    std::vector<statement_ref> stanzas_;  ///< entered around the statement being walked
};

/// The document's configuration walked to the cursor given by params.position.
struct cursor {
    const analysis& checked;
    std::string_view text;
    std::uint32_t offset;
    std::optional<cursor_finder> found;
    const effective_configuration* effective = nullptr;  ///< of the configuration walked
};

cursor find_cursor(language_server& server, const json& params)
{
    const auto& checked = server.analysis_of(params.at("textDocument"));
    const auto& doc = server.document_of(params.at("textDocument"));
    const auto offset = line_index(doc.text, server.encoding()).offset(params.at("position"));
    cursor at{checked, doc.text, offset, std::nullopt};
    const auto& configurations = checked.result->configurations;
    for (std::size_t i = 0; i < configurations.size(); ++i)
        if (configurations[i].trees.count(checked.file) > 0) {
            at.found.emplace(configurations[i], checked.file, offset, checked.main);
            walk_configuration(configurations[i], builtin_schema(), *at.found);
            // One effective configuration per configuration, in order (none with syntax_only).
            if (i < checked.result->effective.size()) at.effective = &checked.result->effective[i];
            break;
        }
    return at;
}

std::string yes_no(bool value) { return value ? "yes" : "no"; }

std::string quoted_list(const std::vector<std::string>& names)
{
    std::string text;
    for (const auto& name : names) text += (text.empty() ? "`" : ", `") + name + "`";
    return text.empty() ? "none" : text;
}

std::string versions_text(const version_ranges& versions)
{
    return versions.ranges.empty() ? "every version" : versions.describe();
}

std::string manual_link(const std::string& source)
{
    return source.empty() ? std::string() : "\n\n[Manual page](" + source + ")";
}

std::string option_markdown(const option_def& option)
{
    std::string text = "**" + option.name + "** (option)";
    if (!option.note.empty()) text += "\n\n" + option.note;
    text += "\n\n- Type: " + option.type.describe();
    text += "\n- Default: " + (option.default_text ? "`" + *option.default_text + "`" : std::string("none"));
    text += "\n- Scopes: " + quoted_list(builtin_schema().scopes_with_option(option.name));
    text += "\n- Restart required: " + yes_no(option.restart_required);
    text += "\n- Versions: " + versions_text(option.versions);
    if (!option.module.empty()) text += "\n- Provided by module `" + option.module + "`";
    if (!option.deprecated.empty()) text += "\n- Deprecated: " + option.deprecated;
    return text + manual_link(option.source);
}

std::string scope_markdown(const scope_def& scope)
{
    static const char* const origins[] = {"scope", "module", "module scope"};
    std::string text = "**" + scope.keyword + "** (" + origins[static_cast<int>(scope.origin)] + ")";
    if (!scope.note.empty()) text += "\n\n" + scope.note;
    static const char* const instances[] = {"required", "none", "optional"};
    text += std::string("\n\n- Instance name: ") + instances[static_cast<int>(scope.instance)];
    if (!scope.instance_kind.empty() && scope.instance != instance_rule::forbidden)
        text += " (" + scope.instance_kind + ")";
    text += "\n- Stands in: " + quoted_list(scope.parents);
    text += "\n- Restart required: " + yes_no(scope.restart_required);
    text += "\n- Versions: " + versions_text(scope.versions);
    if (!scope.module.empty() && scope.origin == scope_origin::module_sub_scope)
        text += "\n- Module: `" + scope.module + "`";
    return text + manual_link(scope.source);
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

/// The option a statement names where it stands, else the first scope that has an option of that name.
const option_def* option_named(const scope_def* container, std::string_view name)
{
    if (container)
        if (const auto* found = container->find_option(name)) return found;
    const auto scopes = builtin_schema().scopes_with_option(name);
    return scopes.empty() ? nullptr : builtin_schema().option(scopes.front(), name);
}

/// The bytes [begin, end) of the name under the cursor when it starts its line (a keyword being
/// typed, which the parser may not have read as a statement yet); empty when there is none.
text_span keyword_at(std::string_view text, std::uint32_t offset)
{
    std::size_t begin = offset, end = offset;
    while (begin > 0 && is_name_char(text[begin - 1])) --begin;
    while (end < text.size() && is_name_char(text[end])) ++end;
    for (auto before = begin; before > 0 && text[before - 1] != '\n'; --before)
        if (text[before - 1] != ' ' && text[before - 1] != '\t') return {};
    return {begin, end};
}

/// A value's hover: the effective value where it stands and the fallback chain it comes from (`eval --explain`).
json value_hover(const cursor& at, const found_value& found, position_encoding encoding)
{
    const auto name = std::string(found.st.name());
    const auto r = resolve_option(*at.effective, builtin_schema(), found.path, name);
    const auto& sources = at.checked.result->sources;
    std::string markdown = "**" + name + "**";
    if (r.origin == value_origin::unset || r.origin == value_origin::undecided) markdown += ": no effective value";
    else
        markdown += " = `" + printable_value(resolved_value(r, sources, false)) + "`";
    std::ostringstream chain;
    write_resolution(chain, r, sources, false);
    const auto range = found.st.value().range();
    return {{"contents", {{"kind", "markdown"}, {"value", markdown + "\n\n```text\n" + chain.str() + "```"}}},
            {"range", line_index(at.text, encoding).range(range.begin, range.end)}};
}

json hover(language_server& server, const json& params)
{
    if (auto found = capability_hover(server, params); !found.is_null()) return found;
    const auto at = find_cursor(server, params);
    if (at.found && at.found->value && at.effective) return value_hover(at, *at.found->value, server.encoding());
    const auto* container = at.found ? at.found->body_scope : nullptr;
    const scope_def* scope = nullptr;
    text_span keyword;
    bool is_option = true;
    if (at.found && at.found->statement) {
        const auto& step = *at.found->statement;
        container = step.container;
        scope = step.scope;
        is_option = step.st.is_option();
        keyword = {step.st.keyword_range().begin, step.st.keyword_range().end};
        if (step.st.is_include()) return nullptr;
    }
    else
        keyword = keyword_at(at.text, at.offset);
    if (keyword.begin == keyword.end) return nullptr;
    const auto name = ascii_lower(at.text.substr(keyword.begin, keyword.end - keyword.begin));
    const auto& candidates = builtin_schema().scopes_with_keyword(name);
    if (!scope && !candidates.empty()) scope = candidates.front();
    const auto* option = option_named(container, name);
    std::string markdown;
    if (is_option && option) markdown = option_markdown(*option);
    else if (scope)
        markdown = scope_markdown(*scope);
    if (markdown.empty()) return nullptr;
    return {{"contents", {{"kind", "markdown"}, {"value", markdown}}},
            {"range", line_index(at.text, server.encoding())
                          .range(static_cast<std::uint32_t>(keyword.begin), static_cast<std::uint32_t>(keyword.end))}};
}

json definition(language_server& server, const json& params)
{
    const auto at = find_cursor(server, params);
    if (!at.found || !at.found->statement || !at.found->statement->st.is_include())
        return name_definition(server, params);
    json locations = json::array();
    for (const auto& brought : at.found->included)
        locations.push_back(
            {{"uri", uri_of_path(at.checked.result->sources.file(brought.file).path())},
             {"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}}});
    return locations;
}

// Completion: what the line holds before the cursor decides between keywords and an option's values.
struct line_prefix {
    bool keyword = false;     ///< blanks then, maybe, the start of a name
    std::string option_name;  ///< `name = ` then, maybe, the start of a value
};

line_prefix read_prefix(std::string_view text, std::uint32_t offset)
{
    const auto line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    auto line = text.substr(line_start == std::string_view::npos || offset == 0 ? 0 : line_start + 1);
    line = line.substr(0, offset - (line.data() - text.data()));
    const auto skip_blanks = [&] {
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    };
    skip_blanks();
    std::size_t name_end = 0;
    while (name_end < line.size() && is_name_char(line[name_end])) ++name_end;
    line_prefix prefix;
    if (name_end == line.size()) {
        prefix.keyword = true;
        return prefix;
    }
    const auto name = line.substr(0, name_end);
    line.remove_prefix(name_end);
    skip_blanks();
    if (name.empty() || line.empty() || line.front() != '=') return prefix;
    line.remove_prefix(1);
    skip_blanks();
    if (std::none_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '"'; }))
        prefix.option_name = ascii_lower(name);
    return prefix;
}

void add_values(const value_type& type, std::set<std::pair<std::string, int>>& values)
{
    if (type.kind == type_kind::boolean)
        for (const char* word : {"true", "false"}) values.emplace(word, completion_value);
    for (const auto& value : type.values) values.emplace(value, completion_enum);
    if (type.kind == type_kind::one_of)
        for (const auto& part : type.parts) add_values(part, values);
}

json keyword_items(const scope_def& scope, const version& target)
{
    json items = json::array();
    for (const auto& [name, option] : scope.options) {
        if (!option.versions.contains(target)) continue;
        json item = {{"label", name},
                     {"kind", completion_property},
                     {"detail", option.type.name()},
                     {"insertText", name + " = $1"},
                     {"insertTextFormat", snippet_format}};
        if (!option.deprecated.empty()) item["tags"] = {1};
        items.push_back(std::move(item));
    }
    for (const auto* child : builtin_schema().children(scope.key)) {
        if (!child->versions.contains(target)) continue;
        const char* const body = child->instance == instance_rule::forbidden ? " {\n\t$0\n}" : " \"$1\" {\n\t$0\n}";
        items.push_back({{"label", child->keyword},
                         {"kind", completion_module},
                         {"detail", child->origin == scope_origin::core ? "scope" : "module"},
                         {"insertText", child->keyword + body},
                         {"insertTextFormat", snippet_format}});
    }
    std::sort(items.begin(), items.end(), [](const json& a, const json& b) { return a["label"] < b["label"]; });
    return items;
}

json completion(language_server& server, const json& params)
{
    if (auto items = string_completion(server, params)) return *items;
    const auto at = find_cursor(server, params);
    const auto* scope = at.found ? at.found->body_scope : builtin_schema().scope("global");
    const auto prefix = read_prefix(at.text, at.offset);
    const auto target = builtin_schema().target_version(server.settings().target_version);
    json items = json::array();
    if (prefix.keyword && scope) items = keyword_items(*scope, target);
    else if (const auto* option = prefix.option_name.empty() ? nullptr : option_named(scope, prefix.option_name)) {
        std::set<std::pair<std::string, int>> values;
        add_values(option->type, values);
        for (const auto& [value, kind] : values) items.push_back({{"label", value}, {"kind", kind}});
        add_name_items(server, params, option->type, items);
    }
    return {{"isIncomplete", false}, {"items", std::move(items)}};
}

json symbols_of(child_range<statement_ref> statements, const line_index& lines)
{
    json symbols = json::array();
    for (const auto st : statements) {
        const auto keyword = st.keyword_range();
        json symbol = {{"name", std::string(st.keyword())},
                       {"kind", symbol_property},
                       {"range", lines.range(st.range().begin, st.range().end)},
                       {"selectionRange", lines.range(keyword.begin, keyword.end)}};
        if (st.is_include()) {
            symbol["kind"] = symbol_file;
            symbol["detail"] = std::string(st.path().text());
        }
        if (st.is_scope()) {
            symbol["kind"] = symbol_namespace;
            if (st.has_instance()) symbol["name"] = std::string(st.keyword()) + " " + std::string(st.instance_text());
            symbol["children"] = symbols_of(st.body(), lines);
        }
        symbols.push_back(std::move(symbol));
    }
    return symbols;
}

json document_symbols(language_server& server, const json& params)
{
    const auto& doc = server.document_of(params.at("textDocument"));
    const auto parsed = parse_document(doc);
    return symbols_of(parsed->tree->statements(), line_index(doc.text, server.encoding()));
}

void fold_statements(child_range<statement_ref> statements, const source_file& file, json& ranges)
{
    for (const auto st : statements) {
        const auto first = file.locate(st.range().begin).line;
        const auto last = file.locate(st.range().end).line;
        if (last > first) ranges.push_back({{"startLine", first - 1}, {"endLine", last - 1}});
        if (st.is_scope()) fold_statements(st.body(), file, ranges);
    }
}

json folding_ranges(language_server& server, const json& params)
{
    const auto parsed = parse_document(server.document_of(params.at("textDocument")));
    const auto& file = parsed->sources.file(parsed->tree->file());
    json ranges = json::array();
    fold_statements(parsed->tree->statements(), file, ranges);
    for (const auto& c : parsed->tree->comments()) {
        const auto first = file.locate(c.range.begin).line;
        const auto last = file.locate(c.range.end).line;
        if (c.block && last > first)
            ranges.push_back({{"startLine", first - 1}, {"endLine", last - 1}, {"kind", "comment"}});
    }
    std::sort(ranges.begin(), ranges.end(),
              [](const json& a, const json& b) { return a["startLine"] < b["startLine"]; });
    return ranges;
}

/// The house style, with the widths .editorconfig sets for the file (as `ecconf-check fmt` does).
format_options format_options_for(const document& doc)
{
    format_options options;
    const auto editorconfig = read_editorconfig(doc.path);
    if (editorconfig.indent_size) options.indent_width = *editorconfig.indent_size;
    if (editorconfig.max_line_length) options.line_width = *editorconfig.max_line_length;
    return options;
}

const document& formattable(language_server& server, const json& params, std::unique_ptr<parsed_document>& parsed)
{
    const auto& doc = server.document_of(params.at("textDocument"));
    parsed = parse_document(doc);
    if (parsed->has_errors) throw request_error{request_failed, "not formatted: the document has syntax errors"};
    return doc;
}

json edit(const line_index& lines, std::uint32_t begin, std::uint32_t end, std::string text)
{
    return json::array({{{"range", lines.range(begin, end)}, {"newText", std::move(text)}}});
}

json formatting(language_server& server, const json& params)
{
    std::unique_ptr<parsed_document> parsed;
    const auto& doc = formattable(server, params, parsed);
    auto text = format_tree(*parsed->tree, doc.text, format_options_for(doc));
    if (text == doc.text) return json::array();
    return edit(line_index(doc.text, server.encoding()), 0, static_cast<std::uint32_t>(doc.text.size()),
                std::move(text));
}

json range_formatting(language_server& server, const json& params)
{
    std::unique_ptr<parsed_document> parsed;
    const auto& doc = formattable(server, params, parsed);
    const line_index lines(doc.text, server.encoding());
    const auto& range = params.at("range");
    const auto found = format_range(*parsed->tree, doc.text, lines.offset(range.at("start")),
                                    lines.offset(range.at("end")), format_options_for(doc));
    if (!found) return json::array();
    return edit(lines, found->begin, found->end, found->text);
}

}  // namespace

const std::vector<std::pair<std::string, feature_handler>>& feature_handlers()
{
    static const auto handlers = [] {
        std::vector<std::pair<std::string, feature_handler>> all = {
            {"textDocument/hover", hover},
            {"textDocument/completion", completion},
            {"textDocument/definition", definition},
            {"textDocument/documentSymbol", document_symbols},
            {"textDocument/foldingRange", folding_ranges},
            {"textDocument/formatting", formatting},
            {"textDocument/rangeFormatting", range_formatting},
            {"textDocument/codeAction", code_actions},
            {"textDocument/semanticTokens/full", semantic_tokens},
            {"textDocument/selectionRange", selection_ranges},
        };
        const auto& navigation = navigation_handlers();
        all.insert(all.end(), navigation.begin(), navigation.end());
        return all;
    }();
    return handlers;
}

json feature_capabilities()
{
    json capabilities = {{"hoverProvider", true},
                         {"completionProvider", {{"triggerCharacters", {"=", "\"", "/"}}}},
                         {"definitionProvider", true},
                         {"documentSymbolProvider", true},
                         {"foldingRangeProvider", true},
                         {"documentFormattingProvider", true},
                         {"documentRangeFormattingProvider", true},
                         {"codeActionProvider", code_action_capabilities()},
                         {"semanticTokensProvider", semantic_token_capabilities()},
                         {"selectionRangeProvider", true}};
    capabilities.update(navigation_capabilities());
    return capabilities;
}

}  // namespace ecconf::lsp
