#include "diff_command.hpp"

#include "exit_status.hpp"

#include <algorithm>
#include <iostream>

#include "ecconf/effective.hpp"
#include "ecconf/report.hpp"
#include "ecconf/schema.hpp"
#include "text/printable.hpp"

namespace ecconf::cli {

int run_diff(check_result& result, const std::string& format, bool fail_on_restart)
{
    const bool errors = result.diagnostics.count(severity::error) > 0;
    if (errors || result.unreadable_input)
        write_text_report(std::cerr, result.sources, result.diagnostics, false, false);
    if (result.unreadable_input || result.effective.size() != 2) return exit_unreadable;

    const auto changes =
        diff_configurations(result.effective[0], result.effective[1], builtin_schema(), result.sources.secrets());
    diagnostic_sink warnings;
    report_restart_required(changes, warnings);
    warnings.finalize();
    const auto restarts = static_cast<std::size_t>(
        std::count_if(changes.begin(), changes.end(), [](const config_change& c) { return c.restart_required; }));

    if (format == "json") {
        nlohmann::ordered_json out;
        out["changes"] = nlohmann::ordered_json::array();
        for (const auto& c : changes) out["changes"].push_back(change_json(c, result.sources));
        out["diagnostics"] = diagnostics_json(result.sources, warnings);
        out["summary"] = {
            {"changes", changes.size()}, {"restart_required", restarts}, {"reload_safe", changes.size() - restarts}};
        std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
    else {
        for (const auto& c : changes) std::cout << printable(change_text(c, result.sources)) << '\n';
        if (restarts > 0) write_text_report(std::cout, result.sources, warnings, false, false);
        std::cout << changes.size() << (changes.size() == 1 ? " change" : " changes") << ": "
                  << changes.size() - restarts << " reload-safe, " << restarts << " restart-required\n";
    }
    if (errors) return exit_findings;
    return fail_on_restart && restarts > 0 ? exit_findings : exit_clean;
}

}  // namespace ecconf::cli
