// The schema and rule catalogue compiled into the program, read from their binary form once, when first used.

#include "schema/builtin_data.hpp"
#include "text/did_you_mean.hpp"

namespace ecconf {

const schema& builtin_schema()
{
    // Never destroyed: freeing its thousands of allocations at exit would cost about a millisecond, for nothing.
    static const schema& loaded = *new schema(schema_from_binary(builtin_schema_binary()));
    return loaded;
}

const std::vector<rule_info>& rule_catalogue()
{
    static const std::vector<rule_info> rules = rules_from_binary(builtin_rules_binary());
    return rules;
}

const rule_info* find_rule(std::string_view id)
{
    for (const auto& rule : rule_catalogue())
        if (rule.id == id) return &rule;
    return nullptr;
}

std::string unknown_rule_hint(std::string_view id)
{
    std::vector<std::string> ids;
    ids.reserve(rule_catalogue().size());
    for (const auto& rule : rule_catalogue()) ids.push_back(rule.id);
    const auto best = closest_match(id, ids);
    return best.empty() ? "(see --list-rules)" : "(did you mean '" + best + "'? see --list-rules)";
}

bool is_suppressible(std::string_view id)
{
    const auto* rule = find_rule(id);
    return rule == nullptr || rule->suppressible;
}

}  // namespace ecconf
