#include "lsp/navigation.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>

#include "checks/capabilities.hpp"
#include "checks/name_index.hpp"

namespace ecconf::lsp {
namespace {

// LSP CompletionItemKind.
enum completion_kind {
    completion_file = 17,
    completion_reference = 18,
    completion_folder = 19,
    completion_constant = 21
};

/// The names of the configuration an open document belongs to, and the cursor in the document.
struct names_at_cursor {
    const analysis& checked;
    std::string_view text;
    std::uint32_t offset;
    name_index names;
};

names_at_cursor names_for(language_server& server, const json& params)
{
    const auto& checked = server.analysis_of(params.at("textDocument"));
    const auto& doc = server.document_of(params.at("textDocument"));
    names_at_cursor at{checked, doc.text, line_index(doc.text, server.encoding()).offset(params.at("position")), {}};
    const auto& result = *checked.result;
    const auto* cluster = result.cluster ? &*result.cluster : nullptr;
    for (const auto& configuration : result.configurations)
        if (configuration.trees.count(checked.file) > 0 || (cluster && cluster->trees.count(checked.file) > 0)) {
            at.names = index_names(configuration, cluster, builtin_schema());
            break;
        }
    return at;
}

/// One place a name is written: a declaration's instance name or a value naming it.
struct occurrence {
    source_range range;
    std::string_view name;   ///< as written there (the case may differ from the others')
    bool in_string = false;  ///< a part of a longer string (":datasource:name:..."): never quoted on its own
};

/// The name under the cursor, declared or referred to.
struct named {
    std::string kind;
    std::string name;
    source_range range;
    bool is_reference = false;
};

bool holds(const source_range& range, file_id file, std::uint32_t offset)
{
    return range.file == file && range.begin <= offset && offset <= range.end;
}

std::optional<named> name_at(const names_at_cursor& at)
{
    for (const auto& [kind, list] : at.names.declarations)
        for (const auto& d : list)
            if (holds(d.range, at.checked.file, at.offset)) return named{kind, d.name, d.range, false};
    for (const auto& r : at.names.references)
        if (holds(r.range, at.checked.file, at.offset)) return named{r.kind, r.name, r.range, true};
    return std::nullopt;
}

/// Where (kind, name) is written: its declarations, then the references to it, each place once (a file
/// included twice is walked twice).
std::vector<occurrence> occurrences_of(const name_index& names, const named& target, bool declarations, bool references)
{
    std::vector<occurrence> found;
    std::set<std::tuple<file_id, std::uint32_t, std::uint32_t>> seen;
    const auto add = [&](const source_range& range, std::string_view name, bool in_string) {
        if (seen.emplace(range.file, range.begin, range.end).second) found.push_back({range, name, in_string});
    };
    if (declarations)
        for (const auto* d : names.declarations_of(target.kind, target.name)) add(d->range, d->name, false);
    if (references)
        for (const auto* r : names.references_to(target.kind, target.name))
            add(r->range, r->name, r->kind == "datasource");
    return found;
}

json locations_of(const names_at_cursor& at, const std::vector<occurrence>& found, position_encoding encoding)
{
    source_positions where(at.checked.result->sources, encoding);
    json locations = json::array();
    for (const auto& o : found)
        locations.push_back({{"uri", where.uri(o.range.file)}, {"range", where.range(o.range)}});
    return locations;
}

json references(language_server& server, const json& params)
{
    const auto at = names_for(server, params);
    const auto target = name_at(at);
    if (!target) return nullptr;
    const bool with_declaration = params.value("/context/includeDeclaration"_json_pointer, false);
    return locations_of(at, occurrences_of(at.names, *target, with_declaration, true), server.encoding());
}

// Rename.

/// Whether a bare word of the language can hold `name` (lexical.hpp's bare_char), so that it needs no quotes.
bool is_bare_word(std::string_view name)
{
    static constexpr std::string_view structural = " \t\r\n\f\v#\"'={}[](),";
    return !name.empty() && name.find("/*") == std::string_view::npos &&
           std::none_of(name.begin(), name.end(),
                        [](char c) { return c == '\0' || structural.find(c) != std::string_view::npos; });
}

/// `name` as a value or instance name: quoted when the bare word cannot hold it.
std::string written_form(const std::string& name) { return is_bare_word(name) ? name : "\"" + name + "\""; }

/// The declared name under the cursor; a request_error when there is none Momentum lets the configuration rename.
named renameable(const names_at_cursor& at)
{
    const auto target = name_at(at);
    if (!target)
        throw request_error{request_failed, "not a declared name: only the name of a thread pool, event loop, pathway, "
                                            "binding, datasource or virtual domain (or a value naming one) is renamed"};
    const auto what = name_index::describe_kind(target->kind) + " '" + target->name + "'";
    if (name_index::is_implicit(target->kind, target->name))
        throw request_error{request_failed, what + " is Momentum's own: it cannot be renamed"};
    if (at.names.declarations_of(target->kind, target->name).empty())
        throw request_error{request_failed, what + " is not declared: there is nothing to rename"};
    return *target;
}

/// Why `name` cannot replace the target's name, or nullopt.
std::optional<std::string> new_name_problem(const name_index& names, const named& target, const std::string& name)
{
    if (name.empty()) return std::string("the new name is empty");
    if (std::any_of(name.begin(), name.end(),
                    [](unsigned char c) { return c < 0x20 || c == 0x7f || c == '"' || c == '\\'; }))
        return std::string("a name holds no quote, backslash or control character");
    if (target.kind == "virtual_domain" && (name.size() < 2 || name.front() != '#'))
        return std::string("a virtual domain's name starts with '#' ('#name')");
    if (target.kind == "datasource" && name.find(':') != std::string::npos)
        return std::string("a datasource's name holds no ':' (values name it as ':datasource:name:...')");
    // What the validator requires of the scope's instance names, read from a stanza declaring it.
    source_manager sources;
    diagnostic_sink sink;
    const auto file = sources.add("new name", "x \"" + name + "\" {}\n");
    const auto tree = parse_source(sources, file, sink);
    if (sink.count(severity::error) > 0 || tree.statements().size() != 1)
        return std::string("it cannot be written as an instance name");
    if (const auto* scope = builtin_schema().scope(name_index::declaring_scope(target.kind)))
        if (auto problem = check_instance_name(scope->instance_kind, (*tree.statements().begin()).instance()))
            return problem->message;
    if (name_index::key_of(target.kind, name) != name_index::key_of(target.kind, target.name) &&
        names.is_declared(target.kind, name))
        return name_index::describe_kind(target.kind) + " '" + name + "' exists already";
    return std::nullopt;
}

json prepare_rename(language_server& server, const json& params)
{
    const auto at = names_for(server, params);
    const auto target = renameable(at);
    return {{"range", line_index(at.text, server.encoding()).range(target.range.begin, target.range.end)},
            {"placeholder", target.name}};
}

json rename(language_server& server, const json& params)
{
    const auto at = names_for(server, params);
    const auto target = renameable(at);
    const auto name = params.at("newName").get<std::string>();
    if (const auto problem = new_name_problem(at.names, target, name))
        throw request_error{request_failed, "cannot rename " + name_index::describe_kind(target.kind) + " '" +
                                                target.name + "' to '" + name + "': " + *problem};
    const auto& sources = at.checked.result->sources;
    source_positions where(sources, server.encoding());
    json changes = json::object();
    for (const auto& o : occurrences_of(at.names, target, true, true)) {
        const auto written = sources.file(o.range.file).bytes().substr(o.range.begin, o.range.end - o.range.begin);
        // Quoted where it was quoted, and wherever a bare word cannot hold the new name.
        const auto text = o.in_string ? name : written == o.name ? written_form(name) : "\"" + name + "\"";
        changes[where.uri(o.range.file)].push_back({{"range", where.range(o.range)}, {"newText", text}});
    }
    return {{"changes", std::move(changes)}};
}

// Completion and hover inside strings.

/// The line of `offset`, from its start to the offset.
std::string_view line_before(std::string_view text, std::uint32_t offset)
{
    const auto newline = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
    const auto start = newline == std::string_view::npos ? 0 : newline + 1;
    return text.substr(start, offset - start);
}

void skip_blanks(std::string_view& s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
}

std::string_view take_name(std::string_view& s)
{
    std::size_t end = 0;
    while (end < s.size() && (std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '_' || s[end] == '-'))
        ++end;
    const auto name = s.substr(0, end);
    s.remove_prefix(end);
    return name;
}

/// After `include` and an optional opening quote, the path typed so far; nullopt elsewhere.
std::optional<std::string_view> include_path_before(std::string_view line)
{
    skip_blanks(line);
    if (ascii_lower(take_name(line)) != "include" || line.empty() || (line.front() != ' ' && line.front() != '\t'))
        return std::nullopt;
    skip_blanks(line);
    if (!line.empty() && line.front() == '"') line.remove_prefix(1);
    if (line.find_first_of(" \t\"") != std::string_view::npos) return std::nullopt;
    return line;
}

/// An option that takes a capability string (Security's Capabilities).
bool takes_capabilities(std::string_view option)
{
    const auto& schema = builtin_schema();
    const auto& scopes = schema.scopes_with_option(option);
    return std::any_of(scopes.begin(), scopes.end(), [&](const auto& key) {
        const auto* def = schema.option(key, option);
        return def && def->type.kind == type_kind::capabilities;
    });
}

/// The capability word around the cursor inside the string of `capabilities = "..."`; nullopt elsewhere.
std::optional<text_span> capability_word_at(std::string_view text, std::uint32_t offset)
{
    auto line = line_before(text, offset);
    skip_blanks(line);
    const auto option = ascii_lower(take_name(line));
    skip_blanks(line);
    if (line.empty() || line.front() != '=') return std::nullopt;
    line.remove_prefix(1);
    skip_blanks(line);
    if (line.empty() || line.front() != '"' || line.find('"', 1) != std::string_view::npos ||
        !takes_capabilities(option))
        return std::nullopt;
    const auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    std::size_t begin = offset, end = offset;
    while (begin > 0 && word_char(text[begin - 1])) --begin;
    while (end < text.size() && word_char(text[end])) ++end;
    return text_span{begin, end};
}

json capability_items()
{
    json items = json::array();
    for (const auto& capability : linux_capabilities()) {
        json item = {{"label", capability.name}, {"kind", completion_constant}, {"detail", capability.grants}};
        if (capability.danger) item["documentation"] = std::string("Amounts to root: ") + capability.danger;
        items.push_back(std::move(item));
    }
    return items;
}

/// The entries of the directories an include may name, from what is typed: below the including file's
/// directory and the includePath directories only (no absolute path, no '..'), through the server's
/// files so that nothing outside the include roots shows.
json include_items(language_server& server, const document& doc, std::string_view typed, const line_index& lines,
                   std::uint32_t offset)
{
    const auto slash = typed.rfind('/');
    const std::filesystem::path directory(std::string(slash == std::string_view::npos ? "" : typed.substr(0, slash)));
    const auto prefix = std::string(slash == std::string_view::npos ? typed : typed.substr(slash + 1));
    json items = json::array();
    if (directory.is_absolute() ||
        std::any_of(directory.begin(), directory.end(), [](const auto& part) { return part == ".."; }))
        return items;
    std::vector<std::filesystem::path> bases = {std::filesystem::path(doc.path).parent_path()};
    for (const auto& base : server.include_search_path()) bases.emplace_back(base);
    std::map<std::string, int> found;  // by label, sorted
    for (const auto& base : bases) {
        const auto listed = (base / directory).lexically_normal();
        if (server.files().stat(listed.string()).kind != file_kind::directory) continue;
        std::error_code error;
        for (std::filesystem::directory_iterator entry(listed, error), end; !error && entry != end;
             entry.increment(error)) {
            const auto name = entry->path().filename().string();
            // Hidden entries only when asked for.
            if (name.compare(0, prefix.size(), prefix) != 0 || (name.front() == '.' && prefix.empty())) continue;
            const auto kind = server.files().stat(entry->path().string()).kind;
            if (kind == file_kind::directory) found.emplace(name + "/", completion_folder);
            else if (kind == file_kind::regular)
                found.emplace(name, completion_file);
        }
    }
    const auto replaced = lines.range(offset - static_cast<std::uint32_t>(prefix.size()), offset);
    for (const auto& [label, kind] : found)
        items.push_back({{"label", label}, {"kind", kind}, {"textEdit", {{"range", replaced}, {"newText", label}}}});
    return items;
}

}  // namespace

json name_definition(language_server& server, const json& params)
{
    const auto at = names_for(server, params);
    const auto target = name_at(at);
    if (!target || !target->is_reference) return nullptr;
    const auto found = occurrences_of(at.names, *target, true, false);
    return found.empty() ? json() : locations_of(at, found, server.encoding());
}

std::optional<json> string_completion(language_server& server, const json& params)
{
    const auto& doc = server.document_of(params.at("textDocument"));
    const line_index lines(doc.text, server.encoding());
    const auto offset = lines.offset(params.at("position"));
    const auto complete = [](json items) { return json{{"isIncomplete", false}, {"items", std::move(items)}}; };
    if (const auto typed = include_path_before(line_before(doc.text, offset)))
        return complete(include_items(server, doc, *typed, lines, offset));
    if (capability_word_at(doc.text, offset)) return complete(capability_items());
    return std::nullopt;
}

void add_name_items(language_server& server, const json& params, const value_type& type, json& items)
{
    const auto* named_type = type.kind == type_kind::list && !type.parts.empty() ? &type.parts.front() : &type;
    if (named_type->kind != type_kind::reference) return;
    const auto& kind = named_type->reference_kind;
    const auto at = names_for(server, params);
    std::set<std::string> seen;
    for (const auto& name : at.names.names_of(kind)) {
        if (!seen.insert(name_index::key_of(kind, name)).second) continue;
        json item = {{"label", name},
                     {"kind", completion_reference},
                     {"detail", name_index::describe_kind(kind) +
                                    (name_index::is_implicit(kind, name) ? ", Momentum's own" : "")}};
        if (!is_bare_word(name)) item["insertText"] = written_form(name);
        items.push_back(std::move(item));
    }
}

json capability_hover(language_server& server, const json& params)
{
    const auto& doc = server.document_of(params.at("textDocument"));
    const line_index lines(doc.text, server.encoding());
    const auto offset = lines.offset(params.at("position"));
    const auto word = capability_word_at(doc.text, offset);
    if (!word) return nullptr;
    const auto* capability = find_linux_capability(doc.text.substr(word->begin, word->end - word->begin));
    if (!capability) return nullptr;
    std::string markdown = std::string("**") + capability->name + "** (capability)\n\nGrants: " + capability->grants;
    if (capability->danger)
        markdown += std::string("\n\n**Dangerous** (dangerous-capability): it amounts to root: ") + capability->danger;
    return {{"contents", {{"kind", "markdown"}, {"value", markdown}}},
            {"range", lines.range(static_cast<std::uint32_t>(word->begin), static_cast<std::uint32_t>(word->end))}};
}

const std::vector<std::pair<std::string, feature_handler>>& navigation_handlers()
{
    static const std::vector<std::pair<std::string, feature_handler>> handlers = {
        {"textDocument/references", references},
        {"textDocument/prepareRename", prepare_rename},
        {"textDocument/rename", rename},
    };
    return handlers;
}

json navigation_capabilities()
{
    return {{"referencesProvider", true}, {"renameProvider", {{"prepareProvider", true}}}};
}

}  // namespace ecconf::lsp
