#pragma once
/// The rule catalogue (schemas/rules.json): one entry per diagnostic rule, with its explanation.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ecconf/diagnostic.hpp"

namespace ecconf {

struct rule_info {
    std::string id;
    severity default_severity = severity::error;
    std::string summary;
    std::string explanation;
    std::string bad;                 ///< a configuration that triggers the rule
    std::string good;                ///< the same configuration, corrected
    nlohmann::json example_options;  ///< limits the examples need (e.g. a lower max_depth)
    bool default_enabled = true;     ///< false: reported only when enabled with --enable
    /// false: the finding means part of the configuration was not read, so no comment, --disable or
    /// baseline may hide it.
    bool suppressible = true;
};

[[nodiscard]] const std::vector<rule_info>& rule_catalogue();
[[nodiscard]] const rule_info* find_rule(std::string_view id);
/// Whether findings of this rule may be hidden by a suppression comment, --disable or a baseline.
[[nodiscard]] bool is_suppressible(std::string_view id);

}  // namespace ecconf
