// Values overridden across files: found on the merged configuration, so the check agrees with what
// Momentum uses (the cluster file's Security stanza wins wherever its include stands).

#include <algorithm>
#include <map>

#include "checks/checks.hpp"
#include "ecconf/rule_ids.hpp"

namespace ecconf {
namespace {

// Values as written, without quotes: (a b) for lists, [k=v] for dictionaries.
std::string shown(const value_ref& v)
{
    if (v.is_list()) {
        std::string out = "(";
        for (const auto item : v.items()) out += (out.size() > 1 ? " " : "") + shown(item);
        return out + ")";
    }
    if (v.is_dictionary()) {
        std::string out = "[";
        for (const auto entry : v.entries())
            out += (out.size() > 1 ? " " : "") + std::string(entry.key.text()) + "=" + shown(entry.value);
        return out + "]";
    }
    return std::string(v.text());
}

// A later file overriding an earlier one is the documented layering (ecelerity-cluster.conf overrides
// the Security stanza of ecelerity.conf): only repeats within one file are duplicates, each reported
// against the first assignment of its file's run. Options the schema does not know are reported as such.
void report_duplicates(const scope_instance& instance, const option_history& history, diagnostic_sink& sink)
{
    if (!instance.def || !instance.def->find_option(history.name)) return;
    const statement_ref* first = &history[0];
    for (std::size_t i = 1; i < history.size(); ++i) {
        const auto* st = &history[i];
        if (st->file() != first->file()) {
            first = st;
            continue;
        }
        sink.report(rules::duplicate_option, st->keyword_range(),
                    "'" + std::string(st->keyword()) + "' is set again in " + scope_label(*instance.def) +
                        "; this later value wins")
            .related.push_back({first->keyword_range(), "first set here"});
    }
}

// Where the note about an overridden assignment stands: the stanza of `instance` around it in its file,
// else (an assignment in a file the stanza includes) the first stanza outside the cluster file; in the
// global scope, which has no stanza, the assignment itself.
const statement_ref& stanza_holding(const scope_instance& instance, const statement_ref& st,
                                    const effective_configuration& config)
{
    const auto& declarations = instance.declarations;
    if (declarations.empty()) return st;
    for (const auto& declaration : declarations)
        if (declaration.file() == st.file() && declaration.range().begin <= st.range().begin &&
            st.range().end <= declaration.range().end)
            return declaration;
    const auto outside_cluster = std::find_if(declarations.begin(), declarations.end(), [&](const statement_ref& d) {
        return !config.is_cluster_file(d.file());
    });
    return outside_cluster != declarations.end() ? *outside_cluster : declarations.front();
}

// The cluster file's stanza overriding ecelerity.conf's (Security, 4/config/ref-security) is the documented
// layering, so cross-file-override leaves it alone; this note names the values of the overridden stanza
// that never take effect, each winner a related location.
void report_overridden_stanza(const scope_instance& instance, const effective_configuration& config,
                              diagnostic_sink& sink)
{
    std::map<const statement_ref*, std::vector<const option_history*>> by_stanza;
    for (const auto& history : instance.options)
        if (history.from_cluster && history.overridden &&
            shown(history.overridden->value()) != shown(history.winner.value()))
            by_stanza[&stanza_holding(instance, *history.overridden, config)].push_back(&history);
    const auto label = instance.def ? scope_label(*instance.def) : "scope '" + instance.keyword + "'";
    const std::string overridden_by = instance.parent
                                          ? "the cluster file's stanza of " + label + " overrides this one: "
                                          : "the cluster file sets this again: ";
    for (auto& [stanza, histories] : by_stanza) {
        // In the order written, not the table's order by name.
        std::sort(histories.begin(), histories.end(), [](const option_history* a, const option_history* b) {
            return a->overridden->range().begin < b->overridden->range().begin;
        });
        std::string values;
        for (const auto* history : histories)
            values += (values.empty() ? "" : ", ") + std::string(history->overridden->keyword()) + " = '" +
                      shown(history->overridden->value()) + "'";
        auto& note = sink.report(rules::overridden_stanza, stanza->keyword_range(),
                                 overridden_by + values +
                                     (histories.size() == 1 ? " never takes effect" : " never take effect"));
        for (const auto* history : histories)
            note.related.push_back(
                {history->winner.keyword_range(), "'" + std::string(history->winner.keyword()) + "' is set to '" +
                                                      shown(history->winner.value()) +
                                                      "' here, in the cluster file; this value wins"});
    }
}

void check_instance(const scope_instance& instance, const effective_configuration& config, diagnostic_sink& sink)
{
    report_overridden_stanza(instance, config, sink);
    for (const auto& history : instance.options) {
        if (history.shadowed.empty()) continue;
        report_duplicates(instance, history, sink);
        if (history.from_cluster) continue;
        const auto& winner = history.winner;
        const auto value = shown(winner.value());
        // The latest earlier assignment from another file with another value: the one the author meant to replace.
        for (auto it = history.shadowed.rbegin(); it != history.shadowed.rend(); ++it) {
            const auto& earlier = *it;
            if (earlier.file() == winner.file() || shown(earlier.value()) == value) continue;
            sink.report(rules::cross_file_override, winner.keyword_range(),
                        "'" + std::string(winner.keyword()) + "' is set to '" + value + "' here, overriding '" +
                            shown(earlier.value()) + "' set for the same stanza in another file; this later value wins")
                .related.push_back({earlier.keyword_range(), "overridden value set here"});
            break;
        }
    }
    for (const auto* child : instance.children) check_instance(*child, config, sink);
}

}  // namespace

void check_overrides(const effective_configuration& config, diagnostic_sink& sink)
{
    check_instance(config.global(), config, sink);
}

}  // namespace ecconf
