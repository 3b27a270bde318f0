// Cross-references: option values whose schema type is a reference must name something declared,
// modules must find their prerequisites, and (on request) declarations nobody refers to are noted.

#include <algorithm>
#include <iterator>
#include <map>
#include <set>

#include "load/walk.hpp"
#include "checks/checks.hpp"
#include "ecconf/rule_ids.hpp"
#include "text/did_you_mean.hpp"

namespace ecconf {
namespace {

struct declaration {
    std::string name;
    source_range range;
};

struct reference {
    std::string kind;
    std::string name;
    source_range range;
    std::string_view option;  ///< the option's keyword as written
};

// Thread pools Momentum creates itself (4/config/ref-threadpool).
const std::vector<std::string> builtin_pools = {"SwapOut",      "SwapIn", "SpoolIn", "Unlink",
                                                "Batch_Unlink", "Close",  "IO",      "CPU"};

std::string describe_kind(const std::string& kind)
{
    if (kind == "threadpool") return "thread pool";
    if (kind == "eventloop") return "event loop";
    if (kind == "pathway_group") return "pathway group";
    if (kind == "virtual_domain") return "virtual domain";
    if (kind == "binding_group") return "binding group";
    if (kind == "datasource_query") return "datasource";
    return kind;
}

// Binding and binding_group names are case-sensitive (LANGUAGE.md); the manuals say nothing for the others.
bool case_sensitive(const std::string& kind) { return kind == "binding" || kind == "binding_group"; }

std::string key_of(const std::string& kind, const std::string& name)
{
    return case_sensitive(kind) ? name : ascii_lower(name);
}

/// The kind of name a stanza declares, or "".
std::string declared_kind(const scope_def& scope, const statement_ref& st)
{
    if (!st.has_instance()) return "";
    static const std::set<std::string> named = {"threadpool",    "eventloop", "pathway",
                                                "pathway_group", "binding",   "binding_group"};
    if (named.count(scope.key)) return scope.key;
    if (scope.key == "ds_core.datasource") return "datasource";
    if (scope.key == "domain" && !st.instance().text().empty() && st.instance().text()[0] == '#')
        return "virtual_domain";
    return "";
}

class reference_checker : public walk_visitor {
public:
    reference_checker(const schema& model, diagnostic_sink& sink) : schema_(model), sink_(sink) {}

    void run(const loaded_configuration& configuration, const loaded_configuration* cluster)
    {
        for (const auto& module : schema_.scopes())
            if (module.origin == scope_origin::module && module.implicit) modules_.insert(module.key);
        walk_configuration(configuration, schema_, *this);
        if (cluster) walk_configuration(*cluster, schema_, *this);
        report_references();
        report_prerequisites();
        report_unused();
    }

private:
    void option(const walk_step& step) override
    {
        if (!step.option) return;
        collect(step.option->type, step.st.value(), step.st.keyword());
        for (const auto& module : step.option->requires_modules)
            needs_.push_back({module, step.st.keyword_range(), "'" + std::string(step.st.keyword()) + "'"});
    }

    bool enter(const walk_step& step, const scope_def*& body_scope) override
    {
        if (step.scope) scope(step);
        return body_scope != nullptr;
    }

    void scope(const walk_step& step)
    {
        if (!step.scope->module.empty()) {
            modules_.insert(step.scope->module);
            if (step.scope->origin == scope_origin::module && first_stanza_.emplace(step.scope->key).second)
                for (const auto& module : step.scope->requires_modules)
                    needs_.push_back({module, step.st.keyword_range(), "module '" + step.scope->key + "'"});
        }
        const auto kind = declared_kind(*step.scope, step.st);
        if (!kind.empty())
            declarations_[kind].push_back({std::string(step.st.instance().text()), step.st.instance().range()});
    }

    void collect(const value_type& type, const value_ref& v, std::string_view option)
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

    void add_reference(const std::string& kind, const value_ref& written, std::string_view option)
    {
        const std::string text(written.text());
        const auto range = written.range();
        if (kind == "virtual_domain") {
            // Only '#name' values name a virtual domain; others are host names and addresses.
            if (text.size() > 1 && text[0] == '#') references_.push_back({kind, text, range, option});
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
            references_.push_back(
                {"datasource", name, {range.file, begin, begin + static_cast<std::uint32_t>(name.size())}, option});
            return;
        }
        if (!text.empty()) references_.push_back({kind, text, range, option});
    }

    [[nodiscard]] bool is_declared(const std::string& kind, const std::string& name) const
    {
        const auto key = key_of(kind, name);
        if (is_builtin_pool(kind, key)) return true;
        if ((kind == "binding" || kind == "binding_group") && name == "default") return true;
        const auto found = declared_keys_.find(kind);
        return found != declared_keys_.end() && found->second.count(key) > 0;
    }

    // Indexes the declarations once, so that checking N references against N declarations stays linear.
    void index_declarations()
    {
        for (const auto& [kind, list] : declarations_)
            for (const auto& d : list) declared_keys_[kind].insert(key_of(kind, d.name));
    }

    void report_references()
    {
        index_declarations();
        std::map<std::string, std::vector<std::string>> candidates_of;  // per kind, built when first needed
        for (const auto& ref : references_) {
            if (is_declared(ref.kind, ref.name)) continue;
            std::string message = "'" + std::string(ref.option) + "' names " + describe_kind(ref.kind) + " '" +
                                  ref.name + "', which is not declared";
            // Past the cap for this file, the finding is only counted: no need to look for a suggestion.
            if (sink_.is_full(rules::undefined_reference.id, ref.range.file)) {
                sink_.report(rules::undefined_reference, ref.range, std::move(message));
                continue;
            }
            auto [candidates, fresh] = candidates_of.try_emplace(ref.kind);
            if (fresh) candidates->second = candidate_names(ref.kind);
            const auto best = closest_match(ref.name, candidates->second);
            if (!best.empty()) message += "; did you mean '" + best + "'?";
            auto& d = sink_.report(rules::undefined_reference, ref.range, message);
            if (!best.empty())
                if (const auto* at = first_declaration(ref.kind, best))
                    d.related.push_back({*at, "'" + best + "' is declared here"});
        }
    }

    std::vector<std::string> candidate_names(const std::string& kind) const
    {
        std::vector<std::string> names;
        if (kind == "threadpool") names = builtin_pools;
        if (const auto found = declarations_.find(kind); found != declarations_.end())
            for (const auto& d : found->second) names.push_back(d.name);
        return names;
    }

    const source_range* first_declaration(const std::string& kind, const std::string& name) const
    {
        const auto found = declarations_.find(kind);
        if (found == declarations_.end()) return nullptr;
        for (const auto& d : found->second)
            if (d.name == name) return &d.range;
        return nullptr;
    }

    void report_prerequisites()
    {
        for (const auto& need : needs_)
            if (!modules_.count(need.module))
                sink_.report(rules::missing_module, need.range,
                             need.who + " needs module '" + need.module +
                                 "', which this configuration does not declare: add '" + need.module + " { }'");
    }

    void report_unused()
    {
        std::set<std::pair<std::string, std::string>> used;
        for (const auto& ref : references_) used.emplace(ref.kind, key_of(ref.kind, ref.name));
        for (const auto& kind : {"threadpool", "pathway", "datasource", "virtual_domain"}) {
            const auto found = declarations_.find(kind);
            if (found == declarations_.end()) continue;
            std::set<std::string> seen;
            for (const auto& d : found->second) {
                const auto key = key_of(kind, d.name);
                if (!seen.insert(key).second || used.count({kind, key}) || is_builtin_pool(kind, key)) continue;
                sink_.report(rules::unused_definition, d.range,
                             describe_kind(kind) + " '" + d.name +
                                 "' is declared but no option of this configuration refers to it");
            }
        }
    }

    static bool is_builtin_pool(const std::string& kind, const std::string& key)
    {
        return kind == "threadpool" && std::any_of(std::begin(builtin_pools), std::end(builtin_pools),
                                                   [&](const auto& pool) { return ascii_lower(pool) == key; });
    }

    struct need {
        std::string module;
        source_range range;
        std::string who;
    };

    const schema& schema_;
    diagnostic_sink& sink_;
    std::map<std::string, std::vector<declaration>> declarations_;
    std::map<std::string, std::set<std::string>> declared_keys_;  ///< key_of() of each declaration, by kind
    std::vector<reference> references_;
    std::set<std::string> modules_;
    std::set<std::string> first_stanza_;
    std::vector<need> needs_;
};

}  // namespace

void check_references(const loaded_configuration& configuration, const loaded_configuration* cluster,
                      const schema& model, diagnostic_sink& sink)
{
    reference_checker(model, sink).run(configuration, cluster);
}

}  // namespace ecconf
