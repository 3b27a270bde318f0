#include "checks/name_index.hpp"

#include <algorithm>

namespace ecconf {
namespace {

/// Each kind of declared name with the scope whose instance names declare it.
const std::vector<std::pair<std::string, std::string>>& declaring_scopes()
{
    static const std::vector<std::pair<std::string, std::string>> scopes = {
        {"threadpool", "threadpool"},         {"eventloop", "eventloop"},  {"pathway", "pathway"},
        {"pathway_group", "pathway_group"},   {"binding", "binding"},      {"binding_group", "binding_group"},
        {"datasource", "ds_core.datasource"}, {"virtual_domain", "domain"}};
    return scopes;
}

/// The kind of name a stanza declares, or "".
std::string declared_kind(const scope_def& scope, const statement_ref& st)
{
    if (!st.has_instance()) return "";
    // A domain declares a virtual domain only when its name is '#name'.
    if (scope.key == "domain" && (st.instance().text().empty() || st.instance().text()[0] != '#')) return "";
    for (const auto& [kind, key] : declaring_scopes())
        if (key == scope.key) return kind;
    return "";
}

}  // namespace

std::string name_index::declaring_scope(std::string_view kind)
{
    for (const auto& [declared, key] : declaring_scopes())
        if (declared == kind) return key;
    return "";
}

bool name_index::case_sensitive(std::string_view kind) { return kind == "binding" || kind == "binding_group"; }

std::string name_index::key_of(std::string_view kind, std::string_view name)
{
    return case_sensitive(kind) ? std::string(name) : ascii_lower(name);
}

const std::vector<std::string>& name_index::builtin_thread_pools()
{
    static const std::vector<std::string> pools = {"SwapOut",      "SwapIn", "SpoolIn", "Unlink",
                                                   "Batch_Unlink", "Close",  "IO",      "CPU"};
    return pools;
}

bool name_index::is_implicit(std::string_view kind, std::string_view name)
{
    if (kind == "threadpool") {
        const auto key = key_of(kind, name);
        const auto& pools = builtin_thread_pools();
        return std::any_of(pools.begin(), pools.end(), [&](const auto& pool) { return ascii_lower(pool) == key; });
    }
    return (kind == "binding" || kind == "binding_group") && name == "default";
}

std::string name_index::describe_kind(std::string_view kind)
{
    if (kind == "threadpool") return "thread pool";
    if (kind == "eventloop") return "event loop";
    if (kind == "pathway_group") return "pathway group";
    if (kind == "virtual_domain") return "virtual domain";
    if (kind == "binding_group") return "binding group";
    if (kind == "datasource_query") return "datasource";
    return std::string(kind);
}

bool name_index::is_declared(const std::string& kind, std::string_view name) const
{
    if (is_implicit(kind, name)) return true;
    const auto found = declared_keys_.find(kind);
    return found != declared_keys_.end() && found->second.count(key_of(kind, name)) > 0;
}

std::vector<std::string> name_index::names_of(const std::string& kind) const
{
    std::vector<std::string> names;
    if (kind == "threadpool") names = builtin_thread_pools();
    if (const auto found = declarations.find(kind); found != declarations.end())
        for (const auto& d : found->second) names.push_back(d.name);
    return names;
}

const name_declaration* name_index::first_declaration(const std::string& kind, std::string_view name) const
{
    const auto found = declarations.find(kind);
    if (found == declarations.end()) return nullptr;
    for (const auto& d : found->second)
        if (d.name == name) return &d;
    return nullptr;
}

std::vector<const name_declaration*> name_index::declarations_of(const std::string& kind, std::string_view name) const
{
    std::vector<const name_declaration*> found;
    const auto key = key_of(kind, name);
    if (const auto list = declarations.find(kind); list != declarations.end())
        for (const auto& d : list->second)
            if (key_of(kind, d.name) == key) found.push_back(&d);
    return found;
}

std::vector<const name_reference*> name_index::references_to(const std::string& kind, std::string_view name) const
{
    std::vector<const name_reference*> found;
    const auto key = key_of(kind, name);
    for (const auto& ref : references)
        if (ref.kind == kind && key_of(kind, ref.name) == key) found.push_back(&ref);
    return found;
}

void name_collector::option(const walk_step& step)
{
    if (step.option) collect(step.option->type, step.st.value(), step.st.keyword());
}

bool name_collector::enter(const walk_step& step, const scope_def*& body_scope)
{
    if (step.scope)
        if (const auto kind = declared_kind(*step.scope, step.st); !kind.empty()) {
            const std::string name(step.st.instance().text());
            names.declared_keys_[kind].insert(name_index::key_of(kind, name));
            names.declarations[kind].push_back({kind, name, step.st.instance().range()});
        }
    return body_scope != nullptr;
}

void name_collector::collect(const value_type& type, const value_ref& v, std::string_view option)
{
    switch (type.kind) {
    case type_kind::reference:
        if (v.is_scalar()) add_reference(type.reference_kind, v, option);
        break;
    case type_kind::list:
        if (type.parts.empty()) break;
        if (v.is_list())
            for (const auto item : v.items()) collect(type.parts.front(), item, option);
        else
            collect(type.parts.front(), v, option);
        break;
    default: break;
    }
}

void name_collector::add_reference(const std::string& kind, const value_ref& written, std::string_view option)
{
    const std::string text(written.text());
    const auto range = written.range();
    auto& references = names.references;
    if (kind == "virtual_domain") {
        // Only '#name' values name a virtual domain; others are host names and addresses.
        if (text.size() > 1 && text[0] == '#') references.push_back({kind, text, range, option});
        return;
    }
    if (kind == "datasource_query") {
        static const std::string prefix = ":datasource:";
        if (text.compare(0, prefix.size(), prefix) != 0) return;
        const auto end = text.find(':', prefix.size());
        const auto name =
            text.substr(prefix.size(), end == std::string::npos ? std::string::npos : end - prefix.size());
        const auto begin =
            range.begin + (written.quote() == quoting::bare ? 0u : 1u) + static_cast<std::uint32_t>(prefix.size());
        references.push_back(
            {"datasource", name, {range.file, begin, begin + static_cast<std::uint32_t>(name.size())}, option});
        return;
    }
    if (!text.empty()) references.push_back({kind, text, range, option});
}

name_index index_names(const loaded_configuration& configuration, const loaded_configuration* cluster,
                       const schema& model)
{
    name_collector collector;
    walk_configuration(configuration, model, collector);
    if (cluster) walk_configuration(*cluster, model, collector);
    return std::move(collector.names);
}

}  // namespace ecconf
