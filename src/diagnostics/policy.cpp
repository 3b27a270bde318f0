// The diagnostic policy: which rules are reported, at which severity, and which findings a baseline accepts.

#include <algorithm>

#include "ecconf/check.hpp"
#include "ecconf/schema.hpp"

namespace ecconf {
namespace {

bool contains(const std::vector<std::string>& ids, std::string_view id)
{
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// error = 0, warning = 1, note = 2: a smaller rank is more severe.
int rank(severity s)
{
    switch (s) {
    case severity::error: return 0;
    case severity::warning: return 1;
    case severity::note: return 2;
    }
    return 0;
}

}  // namespace

std::vector<std::string> split_rule_list(const std::vector<std::string>& arguments)
{
    std::vector<std::string> ids;
    for (const auto& argument : arguments) {
        std::size_t start = 0;
        while (start <= argument.size()) {
            const auto comma = std::min(argument.find(',', start), argument.size());
            auto id = argument.substr(start, comma - start);
            id.erase(0, id.find_first_not_of(" \t"));
            id.erase(id.find_last_not_of(" \t") + 1);
            if (!id.empty()) ids.push_back(std::move(id));
            start = comma + 1;
        }
    }
    return ids;
}

std::optional<std::string> unknown_rule(const diagnostic_filter& filter)
{
    for (const auto* ids : {&filter.enable, &filter.disable})
        for (const auto& id : *ids)
            if (find_rule(id) == nullptr) return id;
    return std::nullopt;
}

std::optional<std::string> unsuppressible_rule(const diagnostic_filter& filter)
{
    for (const auto& id : filter.disable)
        if (!is_suppressible(id)) return id;
    return std::nullopt;
}

bool rule_enabled(std::string_view rule, const diagnostic_filter& filter)
{
    if (contains(filter.disable, rule) && is_suppressible(rule)) return false;
    if (contains(filter.enable, rule)) return true;
    const auto* info = find_rule(rule);
    return info == nullptr || info->default_enabled;
}

void apply_filter(diagnostic_sink& sink, const diagnostic_filter& filter)
{
    sink.remove_if([&](const diagnostic& d) { return !rule_enabled(d.rule, filter); });
}

void set_levels(diagnostic_sink& sink, const std::map<std::string, severity, std::less<>>& levels)
{
    for (std::size_t i = 0; i < sink.size(); ++i)
        if (const auto level = levels.find(sink[i].rule); level != levels.end()) sink[i].level = level->second;
}

void apply_policy(const diagnostic_policy& policy, const source_manager& sources, diagnostic_sink& sink,
                  std::vector<suppressed_finding>* suppressed)
{
    if (policy.rules) apply_filter(sink, *policy.rules);
    set_levels(sink, policy.levels);
    if (suppressed) {
        if (policy.rules)
            suppressed->erase(std::remove_if(suppressed->begin(), suppressed->end(),
                                             [&](const suppressed_finding& s) {
                                                 return !rule_enabled(s.finding.rule, *policy.rules);
                                             }),
                              suppressed->end());
        for (auto& s : *suppressed)
            if (const auto level = policy.levels.find(s.finding.rule); level != policy.levels.end())
                s.finding.level = level->second;
    }
    apply_baseline(sources, policy.baseline, sink, policy.baseline_directory, suppressed);
}

bool fails_at(const diagnostic_sink& sink, severity level)
{
    const auto& all = sink.all();
    return std::any_of(all.begin(), all.end(), [&](const diagnostic& d) { return rank(d.level) <= rank(level); });
}

}  // namespace ecconf
