// Export: every declared scope instance with its options resolved through the fallback rules.

#include <set>

#include "ecconf/export.hpp"
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
    exporter(const effective_configuration& config, const schema& model, const source_manager& sources, const export_options& options)
        : config_(config), model_(model), sources_(sources), options_(options)
    {}

    ordered scope_json(const scope_node& node) const
    {
        ordered result{{"options", options_json(node)}};
        for (const auto& child : node.children) {
            if (!child->has_instance) {
                result[child->keyword] = scope_json(*child);
                continue;
            }
            // Instances are unique after the merge: append without ordered_map's linear search for the key.
            auto& instances = result[child->keyword];
            if (instances.is_null()) instances = ordered::object();
            auto& entries = instances.get_ref<ordered::object_t&>();
            entries.ordered::object_t::Container::emplace_back(child->instance, scope_json(*child));
        }
        if (!node.parent && options_.resolve_all && !node.child("security", "")) result["security"] = implicit_security();
        return result;
    }

private:
    // Security always exists in Momentum; with --resolve all its defaults (user and group ecuser) show.
    ordered implicit_security() const
    {
        scope_node security;
        security.def = model_.scope("security");
        security.keyword = "security";
        security.parent = const_cast<scope_node*>(config_.global.get());
        return ordered{{"options", options_json(security)}};
    }

    ordered options_json(const scope_node& node) const
    {
        const auto path = path_of(node);
        const auto chain = fallback_chain(config_, path);
        std::set<std::string_view> names;
        for (const auto& [name, assignments] : node.options) names.insert(name);
        for (const auto& step : chain)
            if (step.node && step.node != &node)
                for (const auto& [name, assignments] : step.node->options)
                    if (node.def && model_.option(node.def->key, name)) names.insert(name);
        if (options_.resolve_all && node.def)
            for (const auto& [name, definition] : node.def->options) names.insert(name);
        ordered options = ordered::object();
        for (const auto& name : names) {
            const auto r = resolve_in_chain(chain, node.def ? model_.option(node.def->key, name) : nullptr, name);
            if (r.origin == value_origin::unset) continue;
            options[std::string(name)] = options_.values_only ? resolved_value(r, sources_, options_.show_secrets) : option_json(r);
        }
        return options;
    }

    ordered option_json(const resolution& r) const
    {
        ordered entry{{"value", resolved_value(r, sources_, options_.show_secrets)}, {"origin", origin_name(r.origin)}};
        if (!r.winner) return entry;
        const auto& step = r.steps[*r.winner];
        const auto& assignments = *step.assignment;
        entry["source"] = location_json(sources_, *assignments.winner);
        if (r.origin == value_origin::inherited) entry["from"] = step.scope;
        if (!assignments.shadowed.empty()) {
            ordered shadowed = ordered::array();
            for (const auto* st : assignments.shadowed) shadowed.push_back(location_json(sources_, *st));
            entry["shadowed"] = std::move(shadowed);
        }
        if (assignments.overridden) entry["overrides"] = location_json(sources_, *assignments.overridden);
        return entry;
    }

    const effective_configuration& config_;
    const schema& model_;
    const source_manager& sources_;
    const export_options& options_;
};

}  // namespace

ordered location_json(const source_manager& sources, const statement& st)
{
    const auto at = sources.begin_of(st.keyword_range);
    return ordered{{"file", sources.file(st.keyword_range.file).path()}, {"line", at.line}, {"column", at.column}};
}

ordered resolved_value(const resolution& r, const source_manager& sources, bool show_secrets)
{
    if (r.origin == value_origin::unset || r.origin == value_origin::undecided) return nullptr;
    const ordered value = r.winner ? typed_value(r.steps[*r.winner].assignment->winner->content, r.option ? &r.option->type : nullptr)
                                   : ordered(r.option->default_value);
    return shown_value(value, r.option, sources.secrets(), show_secrets);
}

ordered export_configuration(const effective_configuration& config, const schema& model, const source_manager& sources,
                             const export_options& options)
{
    return exporter(config, model, sources, options).scope_json(*config.global);
}

}  // namespace ecconf
