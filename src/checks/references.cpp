// Cross-references: option values whose schema type is a reference must name something declared,
// modules must find their prerequisites, and (on request) declarations nobody refers to are noted.

#include <algorithm>
#include <iterator>
#include <map>
#include <set>

#include "checks/checks.hpp"
#include "checks/name_index.hpp"
#include "ecconf/rule_ids.hpp"
#include "text/did_you_mean.hpp"

namespace ecconf {
namespace {

// Collects the names in the same walk as the modules' prerequisites.
class reference_checker : public name_collector {
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
        name_collector::option(step);
        if (!step.option) return;
        for (const auto& module : step.option->requires_modules)
            needs_.push_back({module, step.st.keyword_range(), "'" + std::string(step.st.keyword()) + "'"});
    }

    bool enter(const walk_step& step, const scope_def*& body_scope) override
    {
        if (step.scope) scope(step);
        return name_collector::enter(step, body_scope);
    }

    void scope(const walk_step& step)
    {
        if (!step.scope->module.empty()) {
            modules_.insert(step.scope->module);
            if (step.scope->origin == scope_origin::module && first_stanza_.emplace(step.scope->key).second)
                for (const auto& module : step.scope->requires_modules)
                    needs_.push_back({module, step.st.keyword_range(), "module '" + step.scope->key + "'"});
        }
    }

    void report_references()
    {
        std::map<std::string, std::vector<std::string>> candidates_of;  // per kind, built when first needed
        for (const auto& ref : names.references) {
            if (names.is_declared(ref.kind, ref.name)) continue;
            std::string message = "'" + std::string(ref.option) + "' names " + name_index::describe_kind(ref.kind) +
                                  " '" + ref.name + "', which is not declared";
            // Past the cap for this file, the finding is only counted: no need to look for a suggestion.
            if (sink_.is_full(rules::undefined_reference.id, ref.range.file)) {
                sink_.report(rules::undefined_reference, ref.range, std::move(message));
                continue;
            }
            auto [candidates, fresh] = candidates_of.try_emplace(ref.kind);
            if (fresh) candidates->second = names.names_of(ref.kind);
            const auto best = closest_match(ref.name, candidates->second);
            if (!best.empty()) message += "; did you mean '" + best + "'?";
            auto& d = sink_.report(rules::undefined_reference, ref.range, message);
            if (!best.empty())
                if (const auto* at = names.first_declaration(ref.kind, best))
                    d.related.push_back({at->range, "'" + best + "' is declared here"});
        }
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
        for (const auto& ref : names.references) used.emplace(ref.kind, name_index::key_of(ref.kind, ref.name));
        for (const auto& kind : {"threadpool", "pathway", "datasource", "virtual_domain"}) {
            const auto found = names.declarations.find(kind);
            if (found == names.declarations.end()) continue;
            std::set<std::string> seen;
            for (const auto& d : found->second) {
                const auto key = name_index::key_of(kind, d.name);
                if (!seen.insert(key).second || used.count({kind, key}) || name_index::is_implicit(kind, d.name))
                    continue;
                sink_.report(rules::unused_definition, d.range,
                             name_index::describe_kind(kind) + " '" + d.name +
                                 "' is declared but no option of this configuration refers to it");
            }
        }
    }

    struct need {
        std::string module;
        source_range range;
        std::string who;
    };

    const schema& schema_;
    diagnostic_sink& sink_;
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
