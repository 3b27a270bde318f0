// schemas/rules.json -> rule catalogue, and the catalogue in binary form.

#include "schema/binary_form.hpp"
#include "schema/builtin_data.hpp"

namespace ecconf {
namespace {

fix_availability fix_named(const std::string& name)
{
    if (name == "safe") return fix_availability::safe;
    if (name == "unsafe") return fix_availability::unsafe;
    return fix_availability::none;
}

}  // namespace

std::vector<rule_info> load_rules(std::string_view rules_json)
{
    const auto catalogue = nlohmann::json::parse(rules_json);
    std::vector<rule_info> rules;
    for (const auto& entry : catalogue.at("rules")) {
        rules.push_back(
            rule_info{entry.at("id").get<std::string>(), severity_named(entry.at("severity").get<std::string>()),
                      entry.at("summary").get<std::string>(), entry.at("explanation").get<std::string>(),
                      entry.at("bad").get<std::string>(), entry.at("good").get<std::string>(),
                      entry.value("example_options", nlohmann::json::object()), entry.value("default_enabled", true),
                      entry.value("suppressible", true), fix_named(entry.value("fix", std::string())),
                      entry.value("fix_note", std::string())});
    }
    return rules;
}

template <typename A, typename T, binary::if_type<T, rule_info> = 0>
void fields(A& a, T& r)
{
    a(r.id, r.default_severity, r.summary, r.explanation, r.bad, r.good, r.example_options, r.default_enabled,
      r.suppressible, r.fix, r.fix_note);
}

std::string rules_to_binary(const std::vector<rule_info>& rules) { return binary::to_bytes(rules); }

std::vector<rule_info> rules_from_binary(std::string_view bytes)
{
    return binary::from_bytes<std::vector<rule_info>>(bytes);
}

}  // namespace ecconf
