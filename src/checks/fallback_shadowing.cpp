// Fallback traps: a global domain's setting that a binding or binding group defeats. For a domain,
// Momentum consults binding_group::binding, binding and binding_group before the global domain stanza
// (4/4-ecelerity-conf-fallback), so `domain "acme.example" { TLS = required }` does not hold for mail
// sent through a binding whose group sets TLS. The chain is the one `eval --explain` prints.

#include <algorithm>
#include <map>

#include "checks/checks.hpp"
#include "ecconf/rule_ids.hpp"
#include "effective/typed_value.hpp"

namespace ecconf {
namespace {

// TLS, its verification and ciphers, and the AUTH settings: a defeated value there weakens delivery.
bool is_security_relevant(std::string_view option)
{
    return option.rfind("tls", 0) == 0 || option.find("auth") != std::string_view::npos;
}

// Every declared binding as the scope path its mail goes through: a binding of a group under its group.
std::vector<std::vector<path_element>> binding_paths(const effective_configuration& config)
{
    std::vector<std::vector<path_element>> paths;
    for (const auto* child : config.global().children) {
        if (child->keyword == "binding" && !config.group_of("binding", child->instance))
            paths.push_back({{"binding", child->instance}});
        if (child->keyword != "binding_group") continue;
        for (const auto* member : child->children)
            if (member->keyword == "binding")
                paths.push_back({{"binding_group", child->instance}, {"binding", member->instance}});
    }
    return paths;
}

// Values compare typed (TLS "Required" is "required"), and show as written.
nlohmann::ordered_json typed(const statement_ref& st, const option_def* def)
{
    return typed_value(st.value(), def ? &def->type : nullptr);
}

std::string written(const statement_ref& st)
{
    const auto value = value_to_json(st.value());
    return value.is_string() ? value.get<std::string>() : value.dump();
}

// The bindings whose chain one assignment wins for one option of a domain.
struct defeat {
    const option_history* domain_setting;
    const option_def* def;
    std::string winner_scope;            ///< "binding_group g"
    std::vector<std::string> bindings;   ///< binding names
    std::vector<resolution_step> chain;  ///< the first binding's chain, up to the domain
};

void report(const scope_instance& domain, const statement_ref& winner, const defeat& d, diagnostic_sink& sink)
{
    const auto& setting = d.domain_setting->winner;
    const std::string option(setting.keyword());
    std::string bindings;
    for (const auto& b : d.bindings) bindings += (bindings.empty() ? "'" : ", '") + b + "'";
    auto& finding = sink.report(
        is_security_relevant(d.domain_setting->name) ? rules::shadowed_by_fallback : rules::shadowed_by_fallback_other,
        setting.keyword_range(),
        "'" + option + "' = '" + written(setting) + "' for domain '" + domain.instance +
            "' does not apply to mail sent through " + (d.bindings.size() == 1 ? "binding " : "bindings ") + bindings +
            ": Momentum's fallback order consults the binding and its group before the global domain "
            "stanza, and " +
            d.winner_scope + " sets it to '" + written(winner) + "'");
    for (std::size_t i = 0; i < d.chain.size(); ++i) {
        const auto& step = d.chain[i];
        if (!step.node) continue;
        const auto label = "fallback step " + std::to_string(i + 1) + ", " + step.scope + ": ";
        if (!step.assignment)
            finding.related.push_back({step.node->declarations.front().keyword_range(), label + "does not set it"});
        else
            finding.related.push_back({step.assignment->winner.keyword_range(),
                                       label + "'" + written(step.assignment->winner) + "'" +
                                           (&step.assignment->winner == &winner ? ", which wins" : "")});
    }
}

void check_domain(const effective_configuration& config, const scope_instance& domain,
                  const std::vector<std::vector<path_element>>& bindings, diagnostic_sink& sink)
{
    // By the winning assignment, in the order first found, so that one finding lists every binding it wins for.
    std::map<std::pair<const option_history*, const statement_ref*>, defeat> found;
    std::vector<std::pair<const option_history*, const statement_ref*>> order;
    for (const auto& binding : bindings) {
        auto path = binding;
        path.push_back({"domain", domain.instance});
        const auto chain = fallback_chain(config, path);
        for (const auto& history : domain.options) {
            const auto* def = domain.def ? domain.def->find_option(history.name) : nullptr;
            if (!def) continue;  // unknown-option says so
            const auto r = resolve_in_chain(chain, def, history.name);
            if (!r.winner) continue;
            const auto& step = r.steps[*r.winner];
            // A domain stanza inside the binding or its group is meant for that binding: only a binding-wide
            // or group-wide setting defeats the global domain's by accident.
            if (step.node->keyword == "domain") continue;
            const auto& winner = step.assignment->winner;
            if (typed(winner, def) == typed(history.winner, def)) continue;
            const auto key = std::make_pair(&history, &winner);
            auto [entry, added] = found.try_emplace(key, defeat{&history, def, step.scope, {}, {}});
            if (added) {
                order.push_back(key);
                const auto domain_step = std::find_if(r.steps.begin(), r.steps.end(),
                                                      [&](const resolution_step& s) { return s.node == &domain; });
                entry->second.chain.assign(r.steps.begin(),
                                           domain_step == r.steps.end() ? r.steps.end() : domain_step + 1);
            }
            entry->second.bindings.push_back(binding.back().instance);
        }
    }
    for (const auto& key : order) report(domain, *key.second, found.at(key), sink);
}

}  // namespace

void check_fallback_shadowing(const effective_configuration& config, diagnostic_sink& sink)
{
    const auto bindings = binding_paths(config);
    if (bindings.empty()) return;
    for (const auto* child : config.global().children)
        if (child->keyword == "domain" && !is_regex_instance(child->instance) && !child->options.empty())
            check_domain(config, *child, bindings, sink);
}

}  // namespace ecconf
