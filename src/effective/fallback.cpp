// Fallback: the chain of scopes Momentum consults for an option, most specific first
// (the manuals' 4/4-ecelerity-conf-fallback page), and the first one that sets it.

#include <algorithm>

#include "address_match.hpp"
#include "ecconf/effective.hpp"
#include "ecconf/rule_ids.hpp"
#include "text/network.hpp"

namespace ecconf {
namespace {

struct candidate {
    std::string label;
    const scope_instance* node;
    const scope_instance* undecided_regex = nullptr;
};

std::string element_of(const path_element& e) { return e.keyword + (e.instance.empty() ? "" : " " + e.instance); }

// The scope of a name in a container: the literal instance, else the first regex instance that matches it.
candidate named_in(const effective_configuration& config, const scope_instance* container,
                   const std::string& container_label, std::string_view keyword, std::string_view name)
{
    const auto lowered = instance_key(keyword, name);
    const std::string label =
        (container_label.empty() ? "" : container_label + " ") + std::string(keyword) + " " + lowered;
    if (!container) return {label, nullptr};
    if (const auto* literal = config.child(*container, keyword, lowered)) return {label, literal};
    for (const auto* c : container->regex_children) {
        if (c->keyword != keyword) continue;
        switch (match_regex_instance(c->instance, lowered)) {
        case regex_verdict::match: return {label + " (matched by " + c->instance + ")", c};
        case regex_verdict::undecided: return {label, nullptr, c};
        case regex_verdict::no_match: break;
        }
    }
    return {label, nullptr};
}

const scope_instance* at(const effective_configuration& config, std::initializer_list<path_element> path)
{
    const scope_instance* node = &config.global();
    for (const auto& e : path) {
        if (!node) return nullptr;
        node = config.child(*node, e.keyword, e.instance);
    }
    return node;
}

class chain_builder {
public:
    chain_builder(const effective_configuration& config, const std::vector<path_element>& path)
        : global_(config.global()), config_(config)
    {
        for (const auto& e : path) named_[e.keyword] = e.instance;
    }

    std::vector<candidate> build(const std::vector<path_element>& path)
    {
        if (path.empty()) return {{"global", &global_}};
        const auto& target = path.back().keyword;
        if (target == "domain" || target == "host") return outbound(target);
        if (target == "binding" || target == "binding_group") return outbound("");
        if (target == "pathway" || target == "pathway_group") return pathway();
        if (has_listener()) return listener();
        std::string label;
        for (const auto& e : path) label += (label.empty() ? "" : " ") + element_of(e);
        const scope_instance* node = &global_;
        for (const auto& e : path) node = node ? config_.child(*node, e.keyword, e.instance) : nullptr;
        return {{label, node}};
    }

private:
    std::string named(const std::string& keyword) const
    {
        const auto it = named_.find(keyword);
        return it == named_.end() ? std::string() : it->second;
    }

    bool has_listener() const
    {
        return std::any_of(named_.begin(), named_.end(), [](const auto& e) {
            return e.first.size() > 9 && e.first.rfind("_listener") == e.first.size() - 9;
        });
    }

    // domain: G::B::D, B::D, G::D, G::B, B, G, D, global. host: G::B::H, G::H, B::H, H (no global).
    std::vector<candidate> outbound(const std::string& leaf)
    {
        auto binding = named("binding");
        auto group = named("binding_group");
        if (binding.empty() && !leaf.empty() &&
            (at(config_, {{"binding", "default"}}) || !group_declaring("binding", "default").empty()))
            binding = "default";
        if (group.empty() && !binding.empty()) group = group_declaring("binding", binding);
        const std::string g = group.empty() ? "" : "binding_group " + group;
        const std::string b = binding.empty() ? "" : "binding " + binding;
        const std::string gb = g.empty() || b.empty() ? "" : g + " " + b;
        const auto* group_node = group.empty() ? nullptr : at(config_, {{"binding_group", group}});
        const auto* group_binding =
            gb.empty() ? nullptr : at(config_, {{"binding_group", group}, {"binding", binding}});
        const auto* binding_node = binding.empty() ? nullptr : at(config_, {{"binding", binding}});
        std::vector<candidate> chain;
        if (!leaf.empty()) {
            const auto name = named(leaf);
            const auto in = [&](const scope_instance* container, const std::string& label) {
                chain.push_back(named_in(config_, container, label, leaf, name));
            };
            if (!gb.empty()) in(group_binding, gb);
            if (leaf == "domain") {
                if (!b.empty()) in(binding_node, b);
                if (!g.empty()) in(group_node, g);
            }
            else {
                if (!g.empty()) in(group_node, g);
                if (!b.empty()) in(binding_node, b);
                in(&global_, "");
                return chain;
            }
        }
        if (!gb.empty()) chain.push_back({gb, group_binding});
        if (!b.empty()) chain.push_back({b, binding_node});
        if (!g.empty()) chain.push_back({g, group_node});
        if (leaf == "domain") chain.push_back(named_in(config_, &global_, "", "domain", named("domain")));
        chain.push_back({"global", &global_});
        return chain;
    }

    // pathway: PG::P, P, PG, global.
    std::vector<candidate> pathway()
    {
        const auto pathway_name = named("pathway");
        auto group = named("pathway_group");
        if (group.empty() && !pathway_name.empty()) group = group_declaring("pathway", pathway_name);
        std::vector<candidate> chain;
        if (!group.empty() && !pathway_name.empty())
            chain.push_back({"pathway_group " + group + " pathway " + pathway_name,
                             at(config_, {{"pathway_group", group}, {"pathway", pathway_name}})});
        if (!pathway_name.empty())
            chain.push_back({"pathway " + pathway_name, at(config_, {{"pathway", pathway_name}})});
        if (!group.empty()) chain.push_back({"pathway_group " + group, at(config_, {{"pathway_group", group}})});
        chain.push_back({"global", &global_});
        return chain;
    }

    // listener: peers by most specific CIDR (a listen's own first on ties), listen, listener, global.
    std::vector<candidate> listener()
    {
        std::string kind;
        for (const auto& e : named_)
            if (e.first.size() > 9 && e.first.rfind("_listener") == e.first.size() - 9) kind = e.first;
        const auto listen = named("listen");
        const auto* listener_node = at(config_, {{kind, ""}});
        const auto* listen_node =
            listen.empty() || !listener_node ? nullptr : config_.child(*listener_node, "listen", listen);
        std::vector<candidate> chain;
        if (named_.count("peer")) chain = peers(named("peer"), kind, listen, listener_node, listen_node);
        if (!listen.empty()) chain.push_back({kind + " listen " + listen, listen_node});
        chain.push_back({kind, listener_node});
        chain.push_back({"global", &global_});
        return chain;
    }

    static std::vector<candidate> peers(const std::string& address, const std::string& kind, const std::string& listen,
                                        const scope_instance* listener_node, const scope_instance* listen_node)
    {
        struct ranked {
            unsigned prefix;
            int order;
            candidate c;
        };
        std::vector<ranked> found;
        const auto wanted = parse_network(address);
        const auto collect = [&](const scope_instance* container, const std::string& label, int order) {
            if (!container || !wanted) return;
            for (const auto& c : container->children) {
                const auto net = c->keyword == "peer" ? parse_network(c->instance) : std::nullopt;
                if (net && network_contains(*net, *wanted))
                    found.push_back({net->prefix, order, {label + " peer " + c->instance, c}});
            }
        };
        collect(listen_node, kind + " listen " + listen, 0);
        collect(listener_node, kind, 1);
        std::stable_sort(found.begin(), found.end(), [](const ranked& a, const ranked& b) {
            return a.prefix != b.prefix ? a.prefix > b.prefix : a.order < b.order;
        });
        std::vector<candidate> chain;
        chain.reserve(found.size() + 1);
        for (auto& r : found) chain.push_back(std::move(r.c));
        if (chain.empty())
            chain.push_back({kind + (listen.empty() ? "" : " listen " + listen) + " peer " + address, nullptr});
        return chain;
    }

    std::string group_declaring(std::string_view member_keyword, std::string_view member) const
    {
        const auto group = config_.group_of(member_keyword, member);
        return group ? std::string(*group) : std::string();
    }

    const scope_instance& global_;
    const effective_configuration& config_;
    std::map<std::string, std::string> named_;
};

}  // namespace

std::vector<resolution_step> fallback_chain(const effective_configuration& config,
                                            const std::vector<path_element>& path)
{
    std::vector<resolution_step> chain;
    for (auto& c : chain_builder(config, path).build(path))
        chain.push_back(resolution_step{std::move(c.label), c.node, nullptr, c.undecided_regex});
    return chain;
}

const scope_def* scope_definition(const schema& model, const std::vector<path_element>& path)
{
    const scope_def* scope = model.scope("global");
    for (const auto& e : path) scope = scope ? model.child(scope->key, e.keyword) : nullptr;
    return scope;
}

const option_def* option_definition(const schema& model, const std::vector<path_element>& path, std::string_view option)
{
    const auto* scope = scope_definition(model, path);
    return scope ? model.option(scope->key, ascii_lower(option)) : nullptr;
}

resolution resolve_in_chain(std::vector<resolution_step> chain, const option_def* definition, std::string_view option)
{
    resolution result;
    result.steps = std::move(chain);
    result.option = definition;
    const auto name = ascii_lower(option);
    for (std::size_t i = 0; i < result.steps.size(); ++i) {
        auto& step = result.steps[i];
        if (step.undecided_regex && !result.winner && !result.undecided) result.undecided = i;
        if (!step.node) continue;
        step.assignment = step.node->option(name);
        if (!step.assignment) continue;
        if (!result.winner) result.winner = i;
    }
    if (result.undecided) {
        result.winner.reset();  // which value wins depends on a match that could not be decided
        result.origin = value_origin::undecided;
    }
    else if (result.winner) {
        const bool here = *result.winner == 0;
        result.origin = here ? (result.steps[0].assignment->from_cluster ? value_origin::cluster : value_origin::set)
                             : value_origin::inherited;
    }
    else if (definition && !definition->default_value.is_null()) {
        result.origin = value_origin::default_value;
    }
    return result;
}

void report_undecided(const resolution& r, diagnostic_sink& sink)
{
    if (!r.undecided) return;
    const auto& step = r.steps[*r.undecided];
    const auto& regex = *step.undecided_regex;
    sink.report(rules::regex_match_limit, regex.declarations.front().keyword_range(),
                "cannot decide whether " + regex.keyword + " " + regex.instance + " applies to '" + step.scope +
                    "': the match reached PCRE2's limits, so the effective value is unknown (simplify the pattern)");
}

resolution resolve_option(const effective_configuration& config, const schema& model,
                          const std::vector<path_element>& path, std::string_view option)
{
    return resolve_in_chain(fallback_chain(config, path), option_definition(model, path, option), option);
}

}  // namespace ecconf
