#pragma once
/// Command-line control over which diagnostics are reported and which ones fail the run.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ecconf/diagnostic.hpp"

namespace ecconf {

/// Rules turned on or off for a run (--enable, --disable); ids are catalogue ids.
struct diagnostic_filter {
    std::vector<std::string> enable;   ///< also turns on rules whose catalogue entry is off by default
    std::vector<std::string> disable;  ///< wins over enable
};

/// Splits comma-separated arguments ("a,b", "c") into ids, dropping empty items.
[[nodiscard]] std::vector<std::string> split_rule_list(const std::vector<std::string>& arguments);

/// The first id of the filter that names no rule of the catalogue, if any.
[[nodiscard]] std::optional<std::string> unknown_rule(const diagnostic_filter& filter);

/// The first id the filter disables that cannot be suppressed (a usage error on the command line), if any.
[[nodiscard]] std::optional<std::string> unsuppressible_rule(const diagnostic_filter& filter);

/// Whether diagnostics of a rule are reported under this filter (rules outside the catalogue, and
/// rules that cannot be suppressed, always are).
[[nodiscard]] bool rule_enabled(std::string_view rule, const diagnostic_filter& filter);

/// Removes the diagnostics of the rules the filter turns off, keeping the order of the rest.
void apply_filter(diagnostic_sink& sink, const diagnostic_filter& filter);

/// Gives the diagnostics of each rule in `levels` that severity (the project configuration's [rules]).
void set_levels(diagnostic_sink& sink, const std::map<std::string, severity, std::less<>>& levels);

/// Whether any diagnostic is at `level` or more severe (error > warning > note): the run fails.
[[nodiscard]] bool fails_at(const diagnostic_sink& sink, severity level);

}  // namespace ecconf
