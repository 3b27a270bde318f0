#include "effective_commands.hpp"

#include "exit_status.hpp"

#include <algorithm>
#include <iostream>

#include "ecconf/report.hpp"
#include "text/did_you_mean.hpp"
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

// The names declared for scopes of this keyword anywhere in the configuration.
void collect_instances(const scope_instance& node, std::string_view keyword, std::vector<std::string>& names)
{
    for (const auto* child : node.children) {
        if (child->keyword == keyword) names.push_back(child->instance);
        collect_instances(*child, keyword, names);
    }
}

// A binding, binding group, pathway or listen that is not declared anywhere is most often a typo: say so
// before the value it would inherit. Domains, hosts and peers are named by the mail, not declared.
void report_undeclared(const effective_configuration& config, const std::vector<path_element>& path)
{
    for (const auto& element : path) {
        if (element.instance.empty() || element.keyword == "domain" || element.keyword == "host" ||
            element.keyword == "peer")
            continue;
        std::vector<std::string> declared;
        collect_instances(config.global(), element.keyword, declared);
        const auto key = instance_key(element.keyword, element.instance);
        if (std::find(declared.begin(), declared.end(), key) != declared.end()) continue;
        const auto best = closest_match(key, declared);
        std::cerr << "ecconf-check: " << printable(element.keyword + " '" + element.instance + "'")
                  << " is not declared" << (best.empty() ? "" : " (did you mean '" + printable(best) + "'?)")
                  << "; the value below is what it would inherit\n";
    }
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
    const auto* scope = scope_definition(builtin_schema(), query.path);
    if (scope && scope->options_complete && !scope->find_option(query.option)) {
        std::vector<std::string> names;
        for (const auto& entry : scope->options) names.push_back(entry.first);
        const auto best = closest_match(query.option, names);
        std::cerr << "ecconf-check: '" << printable(query.option) << "' is not an option of "
                  << printable(scope_label(*scope)) << (best.empty() ? std::string() : "; did you mean '" + best + "'?")
                  << '\n';
        return exit_usage;
    }
    report_undeclared(result.effective.front(), query.path);
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
