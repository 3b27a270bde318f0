// Two effective configurations compared node by node; restart classification from the schema.

#include "ecconf/effective.hpp"

#include "ecconf/rule_ids.hpp"
#include "text/redact.hpp"
#include "typed_value.hpp"

namespace ecconf {
namespace {

using ordered = nlohmann::ordered_json;

/// The nearest scope, from this one outwards, that the schema marks restart-only ("security", "snmp").
const scope_instance* restart_scope(const scope_instance* node)
{
    for (; node; node = node->parent)
        if (node->def && node->def->restart_required) return node;
    return nullptr;
}

std::string scope_reason(const scope_instance& node)
{
    return "every option of scope '" + node.keyword + "' needs a restart";
}

ordered compared_value(const statement_ref& st, const option_def* def)
{
    return typed_value(st.value(), def ? &def->type : nullptr);
}

class differ {
public:
    differ(const effective_configuration& old_config, const effective_configuration& new_config, const schema& model,
           const secret_values& secrets)
        : old_(old_config), new_(new_config), model_(model), secrets_(secrets)
    {}

    void compare(const scope_instance& before, const scope_instance& after)
    {
        const auto path = path_of(after);
        for (const auto& history : before.options) {
            const auto* def = option_definition(model_, path, history.name);
            const auto* found = after.option(history.name);
            if (!found) {
                option_change(change_kind::removed, after, history.name, def, history.winner, std::nullopt);
                continue;
            }
            if (compared_value(history.winner, def) != compared_value(found->winner, def))
                option_change(change_kind::changed, after, history.name, def, history.winner, found->winner);
        }
        for (const auto& history : after.options)
            if (!before.option(history.name))
                option_change(change_kind::added, after, history.name, option_definition(model_, path, history.name),
                              std::nullopt, history.winner);
        for (const auto* child : before.children) {
            if (const auto* match = new_.child(after, child->keyword, child->instance)) compare(*child, *match);
            else
                scope_change(change_kind::removed, *child);
        }
        for (const auto* child : after.children)
            if (!old_.child(before, child->keyword, child->instance)) scope_change(change_kind::added, *child);
    }

    std::vector<config_change> changes;

private:
    void option_change(change_kind kind, const scope_instance& node, std::string_view name, const option_def* def,
                       const std::optional<statement_ref>& before, const std::optional<statement_ref>& after)
    {
        config_change c;
        c.kind = kind;
        c.scope = node.path();
        c.option = name;
        if (before) {
            c.old_value = shown_value(compared_value(*before, def), def, secrets_, false);
            c.old_location = before->keyword_range();
        }
        if (after) {
            c.new_value = shown_value(compared_value(*after, def), def, secrets_, false);
            c.new_location = after->keyword_range();
        }
        if (def && def->restart_required) {
            c.restart_required = true;
            c.reason = "'" + c.option + "' cannot change at runtime";
        }
        else if (const auto* scope = restart_scope(&node)) {
            c.restart_required = true;
            c.reason = scope_reason(*scope);
        }
        changes.push_back(std::move(c));
    }

    /// The first option set in a subtree whose schema flag needs a restart, if any.
    const std::string_view* restart_option(const scope_instance& node) const
    {
        const auto path = path_of(node);
        for (const auto& history : node.options) {
            const auto* def = option_definition(model_, path, history.name);
            if (def && def->restart_required) return &history.name;
        }
        for (const auto* child : node.children)
            if (const auto* found = restart_option(*child)) return found;
        return nullptr;
    }

    void scope_change(change_kind kind, const scope_instance& node)
    {
        config_change c;
        c.kind = kind;
        c.scope = node.path();
        const auto where = node.declarations.front().keyword_range();
        (kind == change_kind::added ? c.new_location : c.old_location) = where;
        if (const auto* scope = restart_scope(&node)) {
            c.restart_required = true;
            c.reason = scope_reason(*scope);
        }
        else if (const auto* name = restart_option(node)) {
            c.restart_required = true;
            c.reason = "it sets '" + std::string(*name) + "', which cannot change at runtime";
        }
        changes.push_back(std::move(c));
    }

    const effective_configuration& old_;
    const effective_configuration& new_;
    const schema& model_;
    const secret_values& secrets_;
};

std::string location_text(const source_manager& sources, const source_range& r)
{
    const auto at = sources.begin_of(r);
    return sources.file(r.file).path() + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

std::string value_text(const ordered& v)
{
    return v.is_string() ? v.get<std::string>() : v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string subject(const config_change& c)
{
    return c.option.empty() ? "scope '" + c.scope + "'" : "'" + c.option + "' in " + c.scope;
}

ordered location_of(const source_manager& sources, const std::optional<source_range>& r)
{
    if (!r) return nullptr;
    const auto at = sources.begin_of(*r);
    return ordered{{"file", sources.file(r->file).path()}, {"line", at.line}, {"column", at.column}};
}

}  // namespace

std::string_view to_string(change_kind kind) noexcept
{
    switch (kind) {
    case change_kind::added: return "added";
    case change_kind::removed: return "removed";
    case change_kind::changed: return "changed";
    }
    return "changed";
}

std::vector<config_change> diff_configurations(const effective_configuration& old_config,
                                               const effective_configuration& new_config, const schema& model,
                                               const secret_values& secrets)
{
    differ d(old_config, new_config, model, secrets);
    d.compare(old_config.global(), new_config.global());
    return std::move(d.changes);
}

void report_restart_required(const std::vector<config_change>& changes, diagnostic_sink& sink)
{
    for (const auto& c : changes) {
        if (!c.restart_required) continue;
        const auto* const what = c.kind == change_kind::changed ? "changed"
                                 : c.kind == change_kind::added ? "added"
                                                                : "removed";
        auto& d = sink.report(rules::restart_required, c.new_location ? *c.new_location : *c.old_location,
                              subject(c) + " " + what + ": 'config reload' will not apply it, restart ecelerity (" +
                                  c.reason + ")");
        if (c.new_location && c.old_location) d.related.push_back({*c.old_location, "old value set here"});
    }
}

std::string change_text(const config_change& c, const source_manager& sources)
{
    std::string out =
        std::string(to_string(c.kind)) + " " + (c.option.empty() ? "scope " + c.scope : c.scope + " " + c.option);
    if (!c.option.empty()) {
        if (c.kind == change_kind::changed) out += ": " + value_text(c.old_value) + " -> " + value_text(c.new_value);
        else if (c.kind == change_kind::added)
            out += " = " + value_text(c.new_value);
        else
            out += " (was " + value_text(c.old_value) + ")";
    }
    out += c.restart_required ? "  [restart-required]" : "  [reload-safe]";
    if (c.new_location) out += "  " + location_text(sources, *c.new_location);
    if (c.old_location)
        out += std::string(c.new_location ? ", was " : "  was ") + location_text(sources, *c.old_location);
    return out;
}

ordered change_json(const config_change& c, const source_manager& sources)
{
    ordered out{{"kind", std::string(to_string(c.kind))}, {"scope", c.scope}};
    out["option"] = c.option.empty() ? ordered(nullptr) : ordered(c.option);
    out["old"] = c.old_value;
    out["new"] = c.new_value;
    out["old_location"] = location_of(sources, c.old_location);
    out["new_location"] = location_of(sources, c.new_location);
    out["restart_required"] = c.restart_required;
    if (c.restart_required) out["reason"] = c.reason;
    return out;
}

}  // namespace ecconf
