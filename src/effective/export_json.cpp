// Export: every declared scope instance with its options resolved through the fallback rules.

#include <map>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ecconf/effective.hpp"
#include "text/printable.hpp"
#include "text/redact.hpp"
#include "typed_value.hpp"

namespace ecconf {
namespace {

using ordered = nlohmann::ordered_json;

std::string_view origin_name(value_origin origin)
{
    switch (origin) {
    case value_origin::set: return "set";
    case value_origin::inherited: return "inherited";
    case value_origin::default_value: return "default";
    case value_origin::cluster: return "cluster";
    case value_origin::unset: return "unset";
    case value_origin::undecided: return "undecided";
    }
    return "unset";
}

class exporter {
public:
    exporter(const effective_configuration& config, const schema& model, const source_manager& sources,
             const export_options& options)
        : config_(config), model_(model), sources_(sources), options_(options)
    {}

    // Writes a scope in Momentum's syntax: its options, then its child stanzas, indented by two.
    void write_conf_scope(std::ostream& out, const scope_instance& node, std::size_t level) const
    {
        for (const auto& [name, r] : resolved_options(node)) {
            out << indent(level) << name << " = " << conf_value(resolved_value(r, sources_, options_.show_secrets));
            if (r.origin == value_origin::inherited) out << "  # from " << printable(r.steps[*r.winner].scope);
            else if (r.origin == value_origin::default_value)
                out << "  # default";
            else if (r.origin == value_origin::cluster)
                out << "  # from the cluster file";
            out << '\n';
        }
        for (const auto* child : node.children) {
            out << indent(level) << child->keyword;
            if (child->has_instance) out << ' ' << conf_value(ordered(child->instance));
            out << " {\n";
            write_conf_scope(out, *child, level + 1);
            out << indent(level) << "}\n";
        }
    }

    // Writes a scope as `dump(2)` would print its JSON, one scope at a time, so that the whole
    // configuration is never held as JSON: an export is as large as every option of every instance.
    void write_scope(std::ostream& out, const scope_instance& node, std::size_t level,
                     const std::vector<const scope_instance*>& nested_instances = {}) const
    {
        out << "{\n" << indent(level + 1) << "\"options\": " << dumped(options_json(node), level + 1);
        // Children grouped by keyword, in order of first appearance; instances of a keyword under its name.
        std::vector<std::string_view> keywords;
        std::map<std::string_view, std::pair<const scope_instance*, std::vector<const scope_instance*>>> groups;
        for (const auto& child : node.children) {
            auto [group, fresh] = groups.try_emplace(child->keyword);
            if (fresh) keywords.push_back(child->keyword);
            if (!child->has_instance) group->second.first = child;
            else
                group->second.second.push_back(child);
        }
        for (const auto keyword : keywords) {
            const auto& [scope, instances] = groups.at(keyword);
            out << ",\n" << indent(level + 1) << dumped(ordered(std::string(keyword)), 0) << ": ";
            // An instance-less stanza beside named ones (a missing-instance-name error) holds them.
            if (scope) write_scope(out, *scope, level + 1, instances);
            else
                write_instances(out, instances, level + 1, true);
        }
        write_instances(out, nested_instances, level, false);
        if (!node.parent && options_.resolve_all && !groups.count("security"))
            out << ",\n" << indent(level + 1) << "\"security\": " << dumped(implicit_security(), level + 1);
        out << "\n" << indent(level) << "}";
    }

private:
    // Instances by name: as an object of their own, or as further members of the object being written.
    void write_instances(std::ostream& out, const std::vector<const scope_instance*>& instances, std::size_t level,
                         bool own_object) const
    {
        if (own_object) out << "{";
        for (std::size_t i = 0; i < instances.size(); ++i) {
            out << (own_object && i == 0 ? "\n" : ",\n") << indent(level + 1)
                << dumped(ordered(instances[i]->instance), 0) << ": ";
            write_scope(out, *instances[i], level + 1);
        }
        if (own_object) out << (instances.empty() ? "}" : "\n" + indent(level) + "}");
    }

    static std::string indent(std::size_t level)
    {
        std::string spaces(2 * level, ' ');  // not {}: that would be the two characters 2*level and ' '
        return spaces;
    }

    // A value's dump(2), its lines indented to stand at `level` (JSON strings hold no raw line break).
    static std::string dumped(const ordered& value, std::size_t level)
    {
        const auto text = value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
        std::string out;
        out.reserve(text.size());
        for (const char c : text) {
            out += c;
            if (c == '\n') out += indent(level);
        }
        return out;
    }

    // Security always exists in Momentum; with --resolve all its defaults (user and group ecuser) show.
    ordered implicit_security() const
    {
        scope_instance security;
        security.def = model_.scope("security");
        security.keyword = "security";
        security.parent = &config_.global();
        return ordered{{"options", options_json(security)}};
    }

    // A typed value in Momentum's syntax: strings quoted, lists in ( ), dictionaries in [ ].
    static std::string conf_value(const ordered& value)
    {
        if (value.is_array()) {
            std::string out = "(";
            for (const auto& item : value) out += " " + conf_value(item);
            return out + " )";
        }
        if (value.is_object()) {
            std::string out = "[";
            for (const auto& [key, item] : value.items()) out += " " + key + " = " + conf_value(item);
            return out + " ]";
        }
        if (!value.is_string()) return printable(value.dump());
        std::string quoted = "\"";
        for (const char c : value.get<std::string>())
            quoted += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
        return printable(quoted + "\"");
    }

    ordered options_json(const scope_instance& node) const
    {
        ordered options = ordered::object();
        for (const auto& [name, r] : resolved_options(node))
            options[std::string(name)] =
                options_.values_only ? resolved_value(r, sources_, options_.show_secrets) : option_json(r);
        return options;
    }

    // The options of a scope that the export shows, by name: those set here or inherited, every valid one
    // with --resolve all, and with --non-default only those whose value is not the schema's default.
    std::vector<std::pair<std::string_view, resolution>> resolved_options(const scope_instance& node) const
    {
        const auto path = path_of(node);
        const auto chain = fallback_chain(config_, path);
        std::set<std::string_view> names;
        for (const auto& history : node.options) names.insert(history.name);
        for (const auto& step : chain)
            if (step.node && step.node != &node)
                for (const auto& history : step.node->options)
                    if (node.def && model_.option(node.def->key, history.name)) names.insert(history.name);
        if (options_.resolve_all && node.def)
            for (const auto& [name, definition] : node.def->options) names.insert(name);
        std::vector<std::pair<std::string_view, resolution>> resolved;
        for (const auto& name : names) {
            auto r = resolve_in_chain(chain, node.def ? model_.option(node.def->key, name) : nullptr, name);
            if (r.origin == value_origin::unset) continue;
            if (options_.non_default && is_default(r)) continue;
            resolved.emplace_back(name, std::move(r));
        }
        return resolved;
    }

    // Compared typed, and before redaction: a secret equal to its default is still the default.
    static bool is_default(const resolution& r)
    {
        if (r.origin == value_origin::default_value) return true;
        if (!r.winner || !r.option || r.option->default_value.is_null()) return false;
        return typed_value(r.steps[*r.winner].assignment->winner.value(), &r.option->type) ==
               ordered(r.option->default_value);
    }

    ordered option_json(const resolution& r) const
    {
        ordered entry{{"value", resolved_value(r, sources_, options_.show_secrets)}, {"origin", origin_name(r.origin)}};
        if (!r.winner) return entry;
        const auto& step = r.steps[*r.winner];
        const auto& history = *step.assignment;
        entry["source"] = location_json(sources_, history.winner);
        if (r.origin == value_origin::inherited) entry["from"] = step.scope;
        if (!history.shadowed.empty()) {
            ordered shadowed = ordered::array();
            for (const auto& st : history.shadowed) shadowed.push_back(location_json(sources_, st));
            entry["shadowed"] = std::move(shadowed);
        }
        if (history.overridden) entry["overrides"] = location_json(sources_, *history.overridden);
        return entry;
    }

    const effective_configuration& config_;
    const schema& model_;
    const source_manager& sources_;
    const export_options& options_;
};

}  // namespace

ordered location_json(const source_manager& sources, const statement_ref& st)
{
    const auto at = sources.begin_of(st.keyword_range());
    return ordered{{"file", sources.file(st.keyword_range().file).path()}, {"line", at.line}, {"column", at.column}};
}

ordered resolved_value(const resolution& r, const source_manager& sources, bool show_secrets)
{
    if (r.origin == value_origin::unset || r.origin == value_origin::undecided) return nullptr;
    const ordered value =
        r.winner ? typed_value(r.steps[*r.winner].assignment->winner.value(), r.option ? &r.option->type : nullptr)
                 : ordered(r.option->default_value);
    return shown_value(value, r.option, sources.secrets(), show_secrets);
}

void write_export(std::ostream& out, const effective_configuration& config, const schema& model,
                  const source_manager& sources, const export_options& options)
{
    const exporter writer(config, model, sources, options);
    if (options.as_conf) {
        writer.write_conf_scope(out, config.global(), 0);
        return;
    }
    writer.write_scope(out, config.global(), 0);
    out << '\n';
}

}  // namespace ecconf
