// Values overridden across files: found on the merged configuration, so the check agrees with what
// Momentum uses (the cluster file's Security stanza wins wherever its include stands).

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

void check_instance(const scope_instance& instance, diagnostic_sink& sink)
{
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
    for (const auto* child : instance.children) check_instance(*child, sink);
}

}  // namespace

void check_overrides(const effective_configuration& config, diagnostic_sink& sink)
{
    check_instance(config.global(), sink);
}

}  // namespace ecconf
