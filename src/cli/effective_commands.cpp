#include "effective_commands.hpp"

#include "exit_status.hpp"

#include <iostream>

#include "ecconf/report.hpp"
#include "text/printable.hpp"

namespace ecconf::cli {
namespace {

// Errors go to stderr so that stdout stays the JSON or the value a script reads.
int report_errors(const check_result& result)
{
    if (result.diagnostics.count(severity::error) > 0 || result.unreadable_input)
        write_text_report(std::cerr, result.sources, result.diagnostics, false, false);
    if (result.unreadable_input) return exit_unreadable;
    return result.diagnostics.count(severity::error) > 0 ? exit_findings : exit_clean;
}

}  // namespace

int run_export(const check_result& result, const export_options& options)
{
    const int status = report_errors(result);
    for (const auto& effective : result.effective)
        write_export(std::cout, effective, builtin_schema(), result.sources, options);
    return status;
}

int run_eval(const check_result& result, const std::vector<std::string>& words, bool explain, bool show_secrets)
{
    const auto query = parse_scope_query(builtin_schema(), words);
    if (!query.error.empty()) {
        std::cerr << "ecconf-check: " << printable(query.error) << '\n';
        return exit_usage;
    }
    const int status = report_errors(result);
    if (result.effective.empty()) return status;
    const auto r = resolve_option(result.effective.front(), builtin_schema(), query.path, query.option);
    if (explain) write_resolution(std::cout, r, result.sources, show_secrets);
    else if (r.origin != value_origin::unset && r.origin != value_origin::undecided)
        std::cout << printable_value(resolved_value(r, result.sources, show_secrets)) << '\n';
    if (r.origin == value_origin::undecided) {
        diagnostic_sink undecided;
        report_undecided(r, undecided);
        write_text_report(std::cerr, result.sources, undecided, false, false);
        return status == exit_clean ? exit_findings : status;
    }
    if (r.origin == value_origin::unset) {
        std::cerr << "ecconf-check: '" << printable(query.option)
                  << "' is not set along this scope path and has no default\n";
        return status == exit_clean ? exit_findings : status;
    }
    return status;
}

}  // namespace ecconf::cli
