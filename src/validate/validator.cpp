// Schema validation: walks the expanded tree with the scope it stands in, and checks each statement.

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>

#include "ecconf/rule_ids.hpp"
#include "validate/validator.hpp"
#include "ecconf/schema.hpp"
#include "ecconf/effective.hpp"
#include "text/did_you_mean.hpp"
#include "load/walk.hpp"

namespace ecconf {

namespace {

std::string join_quoted(const std::vector<std::string>& items)
{
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

std::string suggestion_text(const std::optional<name_suggestion>& meant)
{
    return meant ? "; did you mean '" + meant->name + "'?" : std::string();
}

// Renames a keyword to the name meant: safe when it is the only one a single edit away in a complete list.
void add_rename(diagnostic& d, const statement_ref& st, const std::optional<name_suggestion>& meant,
                bool candidates_complete)
{
    if (!meant) return;
    auto replacement = in_case_of(st.keyword(), meant->name);
    auto description = "replace '" + std::string(st.keyword()) + "' with '" + replacement + "'";
    d.fixes.push_back(replacement_fix(st.keyword_range(), std::move(replacement),
                                      meant->certain && candidates_complete ? fix_safety::safe : fix_safety::unsafe,
                                      std::move(description)));
}

class validator : public walk_visitor {
    /// A scope instance: its parent instance, its scope, and instance_key() of its name (the stanzas
    /// that share one merge into one instance, as in the effective configuration).
    struct instance_id {
        std::size_t parent;
        const scope_def* scope;
        bool has_name;
        std::string name;
        bool operator==(const instance_id& other) const
        {
            return parent == other.parent && scope == other.scope && has_name == other.has_name && name == other.name;
        }
    };
    struct instance_hash {
        std::size_t operator()(const instance_id& key) const
        {
            return std::hash<std::string>{}(key.name) ^
                   (std::hash<const void*>{}(key.scope) * 31 + key.parent * 0x9e3779b9u + key.has_name);
        }
    };

public:
    validator(const schema& model, const version& target, diagnostic_sink& sink)
        : schema_(model), target_(target), sink_(sink)
    {}

    void run(const loaded_configuration& configuration)
    {
        const auto* global = schema_.scope("global");
        if (!global) return;
        instances_.push_back(0);
        walk_configuration(configuration, schema_, *this);
        for (const auto& [option, range] : module_options_used_)
            if (!declared_modules_.count(option->module))
                sink_.report(rules::option_needs_module, range,
                             "'" + option->name + "' is provided by module '" + option->module +
                                 "', which this configuration does not declare");
    }

private:
    void option(const walk_step& step) override
    {
        if (step.container) check_option(step.st, *step.container, step.option);
    }

    bool enter(const walk_step& step, const scope_def*& body_scope) override
    {
        if (!step.container) return false;
        body_scope = check_scope(step.st, step.scope, *step.container, step.key);
        return body_scope != nullptr;
    }

    void leave(const walk_step& /*step*/) override { instances_.pop_back(); }

    void check_option(const statement_ref& st, const scope_def& scope, const option_def* option)
    {
        if (!option) {
            unknown_option(st, scope);
            return;
        }
        // Deprecated: still in the newest release, or removed before the target. A Momentum 3 check of
        // watchdog_interval (3.x only) is quiet: the version checked has it.
        const bool present = option->versions.contains(target_);
        if (!option->deprecated.empty() &&
            (option->versions.ends_before(target_) || (present && option->versions.open_ended())))
            sink_.report(rules::deprecated_option, st.keyword_range(),
                         "'" + std::string(st.keyword()) + "' is deprecated: " + option->deprecated);
        else if (!present)
            not_in_version("'" + std::string(st.keyword()) + "'", option->versions, st.keyword_range());
        if (auto problem = check_value(option->type, st.value()))
            sink_
                .report(rules::invalid_value, problem->range,
                        "invalid value for '" + std::string(st.keyword()) + "': " + problem->message)
                .fixes = std::move(problem->fixes);
        if (!option->module.empty()) module_options_used_.emplace_back(option, st.keyword_range());
    }

    void not_in_version(const std::string& what, const version_ranges& versions, const source_range& range)
    {
        sink_.report(rules::not_in_version, range,
                     what + " does not exist in Momentum " + version_text(target_) + "; it exists in " +
                         versions.describe());
    }

    void unknown_option(const statement_ref& st, const scope_def& scope)
    {
        if (!schema_.scopes_with_keyword(st.name()).empty()) {
            sink_.report(rules::scope_used_as_option, st.keyword_range(),
                         "'" + std::string(st.keyword()) + "' is a scope, not an option: write '" +
                             std::string(st.keyword()) + " { ... }'");
            return;
        }
        const auto elsewhere = schema_.scopes_with_option(st.name());
        if (!elsewhere.empty()) {
            std::string message = "'" + std::string(st.keyword()) + "' is not valid in " + scope_label(scope);
            // `enabled` in a Listen is `enable` misspelled (4/listeners), not a module option out of place:
            // a near miss in this scope comes first, and the other scopes are only counted.
            if (const auto near =
                    counted_only(rules::option_wrong_scope, st) ? std::nullopt : near_miss(st.name(), scope)) {
                auto& d = sink_.report(rules::option_wrong_scope, st.keyword_range(),
                                       message + "; did you mean '" + near->name + "'? ('" + std::string(st.keyword()) +
                                           "' is valid in " + std::to_string(elsewhere.size()) + " other scope" +
                                           (elsewhere.size() == 1 ? "" : "s") + ")");
                add_rename(d, st, near, scope.options_complete);
                return;
            }
            message += "; it is valid in scopes " + join_quoted(elsewhere);
            const auto* option = schema_.option(elsewhere.front(), st.name());
            if (option && !option->module.empty()) message += " (provided by module '" + option->module + "')";
            sink_.report(rules::option_wrong_scope, st.keyword_range(), message);
            return;
        }
        const auto& rule = scope.options_complete ? rules::unknown_option : rules::unknown_module_option;
        std::optional<name_suggestion> meant;
        if (!counted_only(rule, st)) meant = suggest_name(st.name(), option_names(scope));
        auto& d = sink_.report(
            rule, st.keyword_range(),
            scope.options_complete
                ? "unknown option '" + std::string(st.keyword()) + "' in " + scope_label(scope) + suggestion_text(meant)
                : "'" + std::string(st.keyword()) + "' is not a documented option of " + scope_label(scope) +
                      " (its documented option list is incomplete)" + suggestion_text(meant));
        add_rename(d, st, meant, scope.options_complete);
    }

    static std::vector<std::string> option_names(const scope_def& scope)
    {
        std::vector<std::string> names;
        names.reserve(scope.options.size());
        for (const auto& [option, def] : scope.options) names.push_back(option);
        return names;
    }

    /// An option of `scope` one edit away from `name`: close enough to be the one meant.
    static std::optional<name_suggestion> near_miss(std::string_view name, const scope_def& scope)
    {
        return suggest_name(name, option_names(scope), 1);
    }

    // Past the cap of findings of a rule in a file a finding is only counted: no suggestion is looked for.
    [[nodiscard]] bool counted_only(const rule_ref& rule, const statement_ref& st) const
    {
        return sink_.is_full(rule.id, st.file());
    }

    const scope_def* resolve_scope(const statement_ref& st, const scope_def* child, const scope_def& parent)
    {
        if (child) return child;
        const auto& candidates = schema_.scopes_with_keyword(st.name());
        if (!candidates.empty()) {
            std::set<std::string> parents;
            for (const auto* candidate : candidates)
                parents.insert(candidate->parents.begin(), candidate->parents.end());
            sink_.report(rules::scope_wrong_parent, st.keyword_range(),
                         "'" + std::string(st.keyword()) + "' cannot stand in " + scope_label(parent) +
                             "; it belongs in " + join_quoted({parents.begin(), parents.end()}));
            // Check the body against the candidate whose instance rule fits the stanza best.
            for (const auto* candidate : candidates)
                if ((candidate->instance == instance_rule::required) == st.has_instance()) return candidate;
            return candidates.front();
        }
        if (!schema_.scopes_with_option(st.name()).empty()) {
            sink_.report(rules::option_used_as_scope, st.keyword_range(),
                         "'" + std::string(st.keyword()) + "' is an option, not a scope: write '" +
                             std::string(st.keyword()) + " = value'");
            return nullptr;
        }
        if (!parent.options_complete) {
            sink_.report(rules::unknown_module_option, st.keyword_range(),
                         "'" + std::string(st.keyword()) + "' is not a documented scope of " + scope_label(parent) +
                             " (its documented option list is incomplete)");
            return nullptr;
        }
        std::optional<name_suggestion> meant;
        if (!counted_only(rules::unknown_scope, st)) {
            std::vector<std::string> names;
            for (const auto* child : schema_.children(parent.key)) names.push_back(child->keyword);
            meant = suggest_name(st.name(), names);
        }
        auto& d = sink_.report(rules::unknown_scope, st.keyword_range(),
                               "unknown scope '" + std::string(st.keyword()) + "' in " + scope_label(parent) +
                                   suggestion_text(meant));
        add_rename(d, st, meant, true);
        return nullptr;
    }

    void check_instance(const statement_ref& st, const scope_def& def)
    {
        if (def.instance == instance_rule::required && !st.has_instance()) {
            sink_.report(rules::missing_instance_name, st.keyword_range(),
                         "'" + std::string(st.keyword()) + "' needs an instance name: " + std::string(st.keyword()) +
                             " \"name\" { ... }");
            return;
        }
        if (!st.has_instance()) return;
        if (def.instance == instance_rule::forbidden && !def.singleton) {
            sink_.report(rules::unexpected_instance_name, st.instance().range(),
                         "'" + std::string(st.keyword()) + "' takes no instance name");
            return;
        }
        if (def.instance_kind.empty()) return;
        if (auto problem = check_instance_name(def.instance_kind, st.instance()))
            sink_.report(rules::invalid_instance_name, problem->range,
                         "invalid instance name for '" + std::string(st.keyword()) + "': " + problem->message);
    }

    void check_singleton(const statement_ref& st, const scope_def& def)
    {
        const std::string name(st.instance_text());
        const auto range = st.has_instance() ? st.instance().range() : st.keyword_range();
        const auto [first, inserted] = singletons_.emplace(def.key, std::make_pair(name, range));
        if (inserted || first->second.first == name) return;
        const auto describe = [](const std::string& n) {
            return n.empty() ? std::string("without an instance name") : "as '" + n + "'";
        };
        sink_
            .report(rules::duplicate_singleton_module, range,
                    "module '" + def.key + "' is a singleton, declared " + describe(name) + " here and " +
                        describe(first->second.first) + " before")
            .related.push_back({first->second.second, "first declared here"});
    }

    /// Checks a scope statement and enters its instance; returns the scope its body is checked against.
    const scope_def* check_scope(const statement_ref& st, const scope_def* child, const scope_def& parent,
                                 const std::string& instance)
    {
        const auto* def = resolve_scope(st, child, parent);
        if (!def) return nullptr;
        if (!def->versions.contains(target_)) not_in_version(scope_label(*def), def->versions, st.keyword_range());
        check_instance(st, *def);
        if (def->origin == scope_origin::module) {
            declared_modules_.insert(def->key);
            if (def->singleton) check_singleton(st, *def);
        }
        instance_id key{instances_.back(), def, st.has_instance(), instance};
        const auto found = instance_ids_.emplace(std::move(key), instance_ids_.size() + 1).first;
        instances_.push_back(found->second);
        check_repeated_stanza(st, found->second);
        return def;
    }

    // Across files, declaring a stanza again is how configurations are layered; within one file it
    // is a paste. A file included twice reaches the same stanza twice: that is not a repeat.
    void check_repeated_stanza(const statement_ref& st, std::size_t instance)
    {
        const auto [first, inserted] =
            first_stanza_in_file_.emplace(std::make_pair(instance, st.file()), st.keyword_range());
        if (inserted || first->second.begin == st.keyword_range().begin) return;
        const auto written = std::string(st.keyword()) +
                             (st.has_instance() ? " \"" + std::string(st.instance().text()) + "\"" : std::string());
        sink_
            .report(rules::duplicate_stanza, st.keyword_range(),
                    "'" + written + "' is written again in the same scope of this file; the two stanzas merge into one")
            .related.push_back({first->second, "first written here"});
    }

    const schema& schema_;
    const version& target_;
    diagnostic_sink& sink_;
    std::unordered_map<instance_id, std::size_t, instance_hash> instance_ids_;  ///< 0 is the global scope
    std::vector<std::size_t> instances_;  ///< the instances open around the statement being checked, innermost last
    std::map<std::pair<std::size_t, file_id>, source_range> first_stanza_in_file_;  ///< by instance and file
    std::map<std::string, std::pair<std::string, source_range>> singletons_;
    std::set<std::string> declared_modules_;
    std::vector<std::pair<const option_def*, source_range>> module_options_used_;
};

}  // namespace

void validate_configuration(const loaded_configuration& configuration, const schema& model, const version& target,
                            diagnostic_sink& sink)
{
    validator(model, target, sink).run(configuration);
}

}  // namespace ecconf
