#include <stdexcept>

#include "ecconf/rules.hpp"
#include "embedded_files.hpp"

namespace ecconf {

std::string_view embedded(std::string_view name)
{
    for (const auto& file : embedded_files())
        if (file.name == name) return file.bytes;
    throw std::out_of_range("no embedded file " + std::string(name));
}

namespace {

severity severity_named(const std::string& name)
{
    if (name == "warning") return severity::warning;
    if (name == "note") return severity::note;
    return severity::error;
}

std::vector<rule_info> load_rules()
{
    const auto catalogue = nlohmann::json::parse(embedded("rules.json"));
    std::vector<rule_info> rules;
    for (const auto& entry : catalogue.at("rules")) {
        rules.push_back(rule_info{entry.at("id").get<std::string>(), severity_named(entry.at("severity").get<std::string>()),
                                  entry.at("summary").get<std::string>(), entry.at("explanation").get<std::string>(),
                                  entry.at("bad").get<std::string>(), entry.at("good").get<std::string>(),
                                  entry.value("example_options", nlohmann::json::object()), entry.value("default_enabled", true),
                                  entry.value("suppressible", true)});
    }
    return rules;
}

}  // namespace

const std::vector<rule_info>& rule_catalogue()
{
    static const std::vector<rule_info> rules = load_rules();
    return rules;
}

const rule_info* find_rule(std::string_view id)
{
    for (const auto& rule : rule_catalogue())
        if (rule.id == id) return &rule;
    return nullptr;
}

bool is_suppressible(std::string_view id)
{
    const auto* rule = find_rule(id);
    return rule == nullptr || rule->suppressible;
}

}  // namespace ecconf
