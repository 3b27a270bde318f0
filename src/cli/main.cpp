// ecconf-check: the command line. Parses options, runs the library, prints, and maps results to exit codes.

#include <cstdlib>
#include <iostream>
#include <map>

#include <CLI/CLI.hpp>
#include <unistd.h>

#include "ecconf/check.hpp"
#include "ecconf/dump.hpp"
#include "ecconf/report.hpp"
#include "ecconf/rules.hpp"

namespace {

/// Documented exit codes: a pipeline can rely on them.
enum exit_status : int {
    exit_clean = 0,         // no finding at the failing level
    exit_findings = 1,      // at least one error (or warning with --werror)
    exit_unreadable = 2,    // a named file could not be read
    exit_usage = 3,         // the command line was wrong
};

struct settings {
    std::vector<std::string> files;
    std::vector<std::string> search_path;
    std::string format = "text";
    std::string color = "auto";
    bool syntax_only = false;
    bool werror = false;
    ecconf::load_options load;
};

void add_input_options(CLI::App& app, settings& s)
{
    app.add_option("-I,--include-path", s.search_path, "Directory searched for relative includes (repeatable; default: Momentum's path)");
    app.add_option("--max-depth", s.load.parse.max_depth, "Deepest nesting of scopes, lists and dictionaries")->capture_default_str();
    app.add_option("--max-file-size", s.load.max_file_size, "Largest file read, in bytes")->capture_default_str();
    app.add_option("--max-include-depth", s.load.max_include_depth, "Deepest chain of includes")->capture_default_str();
    app.add_option("--max-files", s.load.max_files, "Most file inclusions in one configuration")->capture_default_str();
}

bool use_color(const std::string& mode)
{
    if (mode != "auto") return mode == "always";
    const char* term = std::getenv("TERM");
    return ::isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr && !(term && std::string(term) == "dumb");
}

int explain(const std::string& id)
{
    const auto* rule = ecconf::find_rule(id);
    if (!rule) {
        std::cerr << "ecconf-check: unknown rule '" << id << "' (see --list-rules)\n";
        return exit_usage;
    }
    std::cout << rule->id << " (" << ecconf::to_string(rule->default_severity) << "): " << rule->summary << "\n\n"
              << rule->explanation << "\n\nWrong:\n\n" << rule->bad << "\nRight:\n\n" << rule->good;
    return exit_clean;
}

int list_rules()
{
    for (const auto& rule : ecconf::rule_catalogue())
        std::cout << rule.id << '\t' << ecconf::to_string(rule.default_severity) << '\t' << rule.summary << '\n';
    return exit_clean;
}

ecconf::check_options check_options_of(settings& s)
{
    ecconf::check_options options;
    options.load = s.load;
    options.load.search_path = s.search_path;
    options.syntax_only = s.syntax_only;
    return options;
}

int report_and_exit(const ecconf::check_result& result, const settings& s)
{
    static const std::map<std::string, ecconf::output_format> formats{
        {"text", ecconf::output_format::text}, {"gcc", ecconf::output_format::gcc}, {"json", ecconf::output_format::json}};
    ecconf::write_report(std::cout, result.sources, result.diagnostics,
                         {formats.at(s.format), use_color(s.color), result.files_read});
    if (result.unreadable_input) return exit_unreadable;
    const bool failed = result.diagnostics.count(ecconf::severity::error) > 0 ||
                        (s.werror && result.diagnostics.count(ecconf::severity::warning) > 0);
    return failed ? exit_findings : exit_clean;
}

int dump(settings& s)
{
    const ecconf::real_file_system files;
    const auto result = ecconf::check_files(s.files, files, check_options_of(s));
    if (result->diagnostics.count(ecconf::severity::error) > 0 || result->unreadable_input) {
        ecconf::write_text_report(std::cerr, result->sources, result->diagnostics, true, false);
    }
    for (const auto& configuration : result->configurations)
        std::cout << ecconf::dump_tree(configuration, result->sources).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    if (result->unreadable_input) return exit_unreadable;
    return result->diagnostics.count(ecconf::severity::error) > 0 ? exit_findings : exit_clean;
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app{"ecconf-check: lint Momentum (ecelerity) configuration files"};
    app.set_version_flag("--version", std::string("ecconf-check ") + ECCONF_VERSION);
    settings s;
    std::string explain_rule;
    bool want_rules = false;
    app.add_option("files", s.files, "Main configuration files (ecelerity.conf); '-' is not supported, name a file");
    add_input_options(app, s);
    app.add_option("--format", s.format, "Output format")->check(CLI::IsMember({"text", "gcc", "json"}))->capture_default_str();
    app.add_option("--color", s.color, "Colour on a terminal")->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
    app.add_flag("--syntax-only", s.syntax_only, "Parse the named files alone: no includes, no schema checks");
    app.add_flag("--werror", s.werror, "Exit 1 on warnings too");
    app.add_option("--explain", explain_rule, "Explain a rule, with a wrong and a right example");
    app.add_flag("--list-rules", want_rules, "List every rule with its severity");

    settings dump_settings;
    auto* dump_command = app.add_subcommand("dump", "Print the parsed tree (after includes) as JSON");
    dump_command->add_option("files", dump_settings.files, "Main configuration files")->required();
    add_input_options(*dump_command, dump_settings);

    try {
        app.parse(argc, argv);
    }
    catch (const CLI::Success& done) {
        return app.exit(done);
    }
    catch (const CLI::ParseError& error) {
        app.exit(error);
        return exit_usage;
    }
    if (*dump_command) return dump(dump_settings);
    if (!explain_rule.empty()) return explain(explain_rule);
    if (want_rules) return list_rules();
    if (s.files.empty()) {
        std::cerr << "ecconf-check: no configuration file named\n" << app.help();
        return exit_usage;
    }
    const ecconf::real_file_system files;
    return report_and_exit(*ecconf::check_files(s.files, files, check_options_of(s)), s);
}
