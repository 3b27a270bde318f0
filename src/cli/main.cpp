// ecconf-check: the command line. Parses options, runs the library, prints, and maps results to exit codes.

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>

#include <CLI/CLI.hpp>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ecconf/check.hpp"
#include "ecconf/effective.hpp"
#include "ecconf/report.hpp"
#include "ecconf/schema.hpp"
#include "diff_command.hpp"
#include "effective_commands.hpp"
#include "exit_status.hpp"
#include "file_io.hpp"
#include "fmt_command.hpp"
#include "project_config.hpp"
#include "fix_command.hpp"
#include "version.hpp"
#include "lsp/run.hpp"
#include "text/printable.hpp"

namespace {

/// The lint's result, reachable until the process exits (so that leak checkers see it as held).
ecconf::check_result* lint_result = nullptr;

using namespace ecconf::cli;  // exit_status

struct settings {
    std::vector<std::string> files;
    std::vector<std::string> search_path;
    std::string format = "text";
    std::string color = "auto";
    bool syntax_only = false;
    bool werror = false;
    std::string fail_on = "error";
    std::vector<std::string> enable;
    std::vector<std::string> disable;
    std::size_t max_diagnostics = SIZE_MAX;
    std::string cluster;
    bool check_host = false;
    std::string baseline;        // --baseline: report only findings this file does not record
    std::string write_baseline;  // --write-baseline: record today's findings and exit
    unsigned jobs = 1;
    std::vector<std::string> include_roots;
    std::vector<std::string> ignore;            // globs: main files not checked
    std::map<std::string, std::string> levels;  // rule id -> severity, from the project configuration's [rules]
    std::string config;                         // --config: the project configuration file
    bool no_config = false;
    std::string node;            // --node: the node directory of Momentum's search path, and [node.NAME]
    std::string conf_root;       // --conf-root: the root of Momentum's search path
    std::string stdin_filename;  // --stdin-filename: the name standard input ('-') is checked under
    std::string stdin_buffer;    // the name standard input was read under, once it was
    bool fix = false;            // --fix: apply the safe fixes
    bool unsafe_fixes = false;   // --unsafe-fixes: and the unsafe ones
    bool fix_diff = false;       // --diff: show the fixes' changes, write nothing
    bool all_nodes = false;      // --all-nodes: every node directory under the configuration root
    std::map<std::string, std::string> origins;  // setting -> where its value came from, for `ecconf-check config`
    ecconf::load_options load;
    std::string target_version;                              // --target-version, for a check and for `options`
    std::string doc_url_base{ecconf::default_doc_url_base};  // --doc-url-base: where the rule pages are
};

/// Deepest --max-depth: the parser and every later phase are tested to this depth under AddressSanitizer.
constexpr std::uint32_t deepest_nesting = 4096;
/// Largest --max-file-size: positions in a file are 32-bit byte offsets.
constexpr std::uint64_t largest_file = (std::uint64_t{1} << 32) - 1;

/// The files a run may read: the whole machine, or only what lies below the --include-root directories;
/// a FILE '-' is standard input, under the name --stdin-filename gives it.
std::unique_ptr<ecconf::overlay_file_system> files_for(settings& s)
{
    auto files = std::make_unique<ecconf::overlay_file_system>(
        s.include_roots.empty() ? std::make_unique<ecconf::real_file_system>()
                                : std::make_unique<ecconf::real_file_system>(s.include_roots));
    const auto dashes = std::count(s.files.begin(), s.files.end(), "-");
    if (dashes == 0) return files;
    if (dashes > 1) throw std::invalid_argument("standard input ('-') can be named only once");
    const std::string name = s.stdin_filename.empty() ? "-" : s.stdin_filename;
    std::replace(s.files.begin(), s.files.end(), std::string("-"), name);
    files->set(name, ecconf::cli::read_stdin(s.load.max_file_size));
    s.stdin_buffer = name;
    return files;
}

void add_control_options(CLI::App& app, settings& s)
{
    app.add_option("--fail-on", s.fail_on, "Exit 1 on findings at this severity or above")
        ->check(CLI::IsMember({"error", "warning", "note"}))
        ->capture_default_str();
    app.add_flag("--werror", s.werror, "Exit 1 on warnings too (same as --fail-on warning)");
    app.add_option("--enable", s.enable, "Report these rules, including those off by default (RULE,...; repeatable)")
        ->allow_extra_args(false);
    app.add_option("--disable", s.disable, "Do not report these rules (RULE,...; repeatable)")->allow_extra_args(false);
    app.add_option("--max-diagnostics", s.max_diagnostics,
                   "Print at most N diagnostics (the summary and exit code count all)");
    app.add_option("--baseline", s.baseline,
                   "Report only findings not recorded in this baseline file (matched by rule, file and line content)");
    app.add_option("--write-baseline", s.write_baseline,
                   "Record today's findings in this file, print nothing else, and exit 0");
    auto* fix = app.add_flag("--fix", s.fix,
                             "Apply the safe fixes in place (atomically), then report what is left; with --diff, "
                             "print the changes instead");
    app.add_flag("--unsafe-fixes", s.unsafe_fixes, "With --fix, apply the unsafe fixes too (a guess among names)")
        ->needs(fix);
    app.add_flag("--diff", s.fix_diff, "With --fix, print a unified diff of the fixes and write nothing")->needs(fix);
    app.add_option("--ignore", s.ignore, "Do not check main files matching this glob (repeatable)")
        ->allow_extra_args(false);
    app.add_option("-j,--jobs", s.jobs, "Check up to N main files in parallel (output is the same for every N)")
        ->check(CLI::Range(1u, 256u))
        ->capture_default_str();
}

ecconf::diagnostic_filter filter_of(const settings& s)
{
    return ecconf::diagnostic_filter{ecconf::split_rule_list(s.enable), ecconf::split_rule_list(s.disable)};
}

ecconf::severity fail_level_of(const settings& s)
{
    if (s.fail_on == "note") return ecconf::severity::note;
    if (s.fail_on == "warning" || s.werror) return ecconf::severity::warning;
    return ecconf::severity::error;
}

void add_input_options(CLI::App& app, settings& s)
{
    app.add_option("-I,--include-path", s.search_path,
                   "Directory searched for relative includes (repeatable; default: Momentum's path)")
        ->allow_extra_args(false);
    app.add_option("--include-root", s.include_roots,
                   "Refuse includes that resolve outside this directory, symbolic links followed (repeatable)")
        ->allow_extra_args(false);
    auto* config =
        app.add_option("--config", s.config, "Project configuration file (default: the nearest .ecconf.toml upward)");
    app.add_flag("--no-config", s.no_config, "Ignore any .ecconf.toml")->excludes(config);
    app.add_option("--node", s.node,
                   "Node name in Momentum's search path (default: this host's name) and the [node.NAME] settings");
    app.add_option("--conf-root", s.conf_root,
                   "Root of Momentum's search path (default: /opt/msys/ecelerity/etc/conf)");
    app.add_option("--stdin-filename", s.stdin_filename,
                   "Name of standard input ('-'), for its relative includes and the output");
    app.add_flag("--all-nodes", s.all_nodes,
                 "Check every node directory under --conf-root as its own configuration (global, NODE, default); "
                 "each finding names its node");
    app.add_option("--cluster", s.cluster,
                   "ecelerity-cluster.conf named apart; merged after the main file (its Security stanza wins)");
    app.add_option("--max-depth", s.load.parse.max_depth, "Deepest nesting of scopes, lists and dictionaries")
        ->check(CLI::Range(std::uint32_t{1}, deepest_nesting))
        ->capture_default_str();
    app.add_option("--max-file-size", s.load.max_file_size, "Largest file read, in bytes")
        ->check(CLI::Range(std::uint64_t{0}, largest_file))
        ->capture_default_str();
    app.add_option("--max-total-size", s.load.max_total_size,
                   "Most bytes read for one configuration, each inclusion counted")
        ->check(CLI::Range(std::uint64_t{0}, largest_file))
        ->capture_default_str();
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
        std::cerr << "ecconf-check: unknown rule '" << ecconf::printable(id) << "' "
                  << ecconf::printable(ecconf::unknown_rule_hint(id)) << '\n';
        return exit_usage;
    }
    std::cout << rule->id << " (" << ecconf::to_string(rule->default_severity) << "): " << rule->summary << "\n\n"
              << rule->explanation << "\n\nWrong:\n\n"
              << rule->bad << "\nRight:\n\n"
              << rule->good;
    if (rule->fix != ecconf::fix_availability::none)
        std::cout << "\nFix ("
                  << (rule->fix == ecconf::fix_availability::safe ? "--fix" : "--fix, some with --unsafe-fixes")
                  << "): " << rule->fix_note << '\n';
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
    options.cluster_file = s.cluster;
    options.check_host = s.check_host;
    options.target_version = s.target_version;
    return options;
}

/// Fills what the command line left unset from the project configuration file (`main_files`: its `files`
/// too), and Momentum's search path from --node and --conf-root; records where each setting came from.
void apply_project_config(settings& s, const CLI::App& app, bool main_files)
{
    namespace cli = ecconf::cli;
    const std::string path = s.no_config ? std::string() : !s.config.empty() ? s.config : cli::find_project_config();
    const auto config = path.empty() ? cli::project_config{} : cli::read_project_config(path);
    const auto given = [&](const char* option) {
        const auto* found = app.get_option_no_throw(option);
        return found != nullptr && found->count() > 0;
    };
    const auto take = [&](const char* key, const char* option, auto& target, const auto& from) {
        if (given(option)) s.origins[key] = "command line";
        else if (from) {
            target = from->value;
            s.origins[key] = from->origin;
        }
    };
    if (!path.empty())
        s.origins["config"] = given("--config") ? "command line" : "found upward from the working directory";
    if (main_files) take("files", "files", s.files, config.files);
    take("include_path", "--include-path", s.search_path, config.include_path);
    take("include_roots", "--include-root", s.include_roots, config.include_roots);
    take("cluster", "--cluster", s.cluster, config.cluster);
    take("conf_root", "--conf-root", s.conf_root, config.conf_root);
    take("ignore", "--ignore", s.ignore, config.ignore);
    take("fail_on", "--fail-on", s.fail_on, config.fail_on);
    take("target_version", "--target-version", s.target_version, config.target_version);
    take("enable", "--enable", s.enable, config.enable);
    take("disable", "--disable", s.disable, config.disable);
    take("baseline", "--baseline", s.baseline, config.baseline);
    if (given("--node")) s.origins["node"] = "command line";
    // [node.NAME] wins over the top level for the node named, the command line over both.
    if (const auto node = config.nodes.find(s.node); !s.node.empty() && node != config.nodes.end()) {
        take("include_path", "--include-path", s.search_path, node->second.include_path);
        take("cluster", "--cluster", s.cluster, node->second.cluster);
    }
    for (const auto& [rule, level] : config.rules) {
        s.levels[rule] = level.value;
        s.origins["rules." + rule] = level.origin;
    }
    if (s.search_path.empty() && (!s.node.empty() || !s.conf_root.empty())) {
        s.search_path = ecconf::momentum_default_search_path(
            s.conf_root.empty() ? ecconf::momentum_conf_root : s.conf_root, s.node);
        s.origins["include_path"] = "Momentum's search path for --node and --conf-root";
    }
    s.config = path;
}

/// `ecconf-check config`: the settings in effect, as TOML with where each came from.
int print_settings(const settings& s)
{
    const auto line = [&](const std::string& key, const nlohmann::json& value) {
        const auto origin = s.origins.find(key);
        std::cout << key << " = " << value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "  # "
                  << (origin == s.origins.end() ? "default" : origin->second) << '\n';
    };
    line("config", s.config);
    line("files", s.files);
    line("node", s.node);
    line("conf_root", s.conf_root.empty() ? ecconf::momentum_conf_root : s.conf_root);
    line("include_path", s.search_path.empty() ? ecconf::momentum_default_search_path() : s.search_path);
    line("cluster", s.cluster);
    line("include_roots", s.include_roots);
    line("ignore", s.ignore);
    line("fail_on", s.werror && s.fail_on == "error" ? "warning" : s.fail_on);
    line("target_version",
         s.target_version.empty() ? ecconf::version_text(ecconf::builtin_schema().newest_version()) : s.target_version);
    line("enable", ecconf::split_rule_list(s.enable));
    line("disable", ecconf::split_rule_list(s.disable));
    line("baseline", s.baseline);
    for (const auto& [rule, level] : s.levels) line("rules." + rule, level);
    return exit_clean;
}

/// The main files to check: directories expanded, those matching an ignore glob left out.
std::vector<std::string> main_files_of(const settings& s, const ecconf::file_system& files)
{
    auto result = ecconf::expand_main_files(s.files, files);
    result.erase(std::remove_if(result.begin(), result.end(),
                                [&](const std::string& file) {
                                    const auto normal = std::filesystem::path(file).lexically_normal().string();
                                    return std::any_of(s.ignore.begin(), s.ignore.end(), [&](const std::string& glob) {
                                        return ::fnmatch(glob.c_str(), normal.c_str(), 0) == 0;
                                    });
                                }),
                 result.end());
    return result;
}

// A baseline must never replace a file of the configuration it records.
bool is_configuration_file(const ecconf::check_result& result, const std::string& path)
{
    const ecconf::real_file_system machine;
    const auto target = machine.stat(path);
    if (target.kind != ecconf::file_kind::regular) return false;
    for (ecconf::file_id id = 0; id < result.sources.file_count(); ++id)
        if (machine.stat(result.sources.file(id).path()).identity == target.identity) return true;
    return false;
}

// --write-baseline: records today's findings (after --enable, --disable and the levels) and stops the run.
int write_baseline_file(const ecconf::check_result& result, const settings& s)
{
    if (is_configuration_file(result, s.write_baseline)) {
        std::cerr << "ecconf-check: refusing to write the baseline over '" << ecconf::printable(s.write_baseline)
                  << "', a file of the configuration\n";
        return exit_usage;
    }
    std::ostringstream out;
    ecconf::write_baseline(
        out, ecconf::baseline_of(result.sources, result.diagnostics, ecconf::parent_path(s.write_baseline)));
    if (const auto error = ecconf::cli::replace_file(s.write_baseline, out.str(), ecconf::cli::replace_mode::new_file);
        !error.empty()) {
        std::cerr << "ecconf-check: cannot write baseline '" << ecconf::printable(s.write_baseline) << "': " << error
                  << '\n';
        return exit_unreadable;
    }
    std::cerr << "ecconf-check: recorded " << result.diagnostics.size() << " findings in '"
              << ecconf::printable(s.write_baseline) << "'\n";
    return result.unreadable_input ? exit_unreadable : exit_clean;
}

// The lint's diagnostic policy from the settings; returns an exit status instead when the baseline
// cannot be used. A baseline being written is not applied.
std::optional<int> read_policy(const settings& s, ecconf::diagnostic_policy& policy)
{
    policy.rules = filter_of(s);
    for (const auto& [rule, level] : s.levels)
        policy.levels.emplace(rule, level == "note"      ? ecconf::severity::note
                                    : level == "warning" ? ecconf::severity::warning
                                                         : ecconf::severity::error);
    if (s.baseline.empty() || !s.write_baseline.empty()) return std::nullopt;
    // Read like a configuration file: a FIFO or a device is refused, not waited on.
    const auto content = ecconf::real_file_system().read(s.baseline, largest_file);
    if (!content.ok() || content.status.kind != ecconf::file_kind::regular) {
        std::cerr << "ecconf-check: cannot read baseline '" << ecconf::printable(s.baseline)
                  << "': " << (content.ok() ? "is a directory" : content.status.error) << '\n';
        return exit_unreadable;
    }
    try {
        std::istringstream in(content.bytes);
        policy.baseline = ecconf::read_baseline(in);
        policy.baseline_directory = ecconf::parent_path(s.baseline);
    }
    catch (const std::exception& error) {
        std::cerr << "ecconf-check: baseline '" << ecconf::printable(s.baseline) << "' is not valid: " << error.what()
                  << '\n';
        return exit_usage;
    }
    return std::nullopt;
}

int report_and_exit(const ecconf::check_result& result, const settings& s)
{
    if (!s.write_baseline.empty()) return write_baseline_file(result, s);
    ecconf::write_report(std::cout, result.sources, result.diagnostics,
                         {*ecconf::output_format_named(s.format), use_color(s.color), result.files_read,
                          s.max_diagnostics, result.target_version, s.doc_url_base, &result.suppressed});
    if (s.max_diagnostics < result.diagnostics.size())
        std::cerr << "ecconf-check: " << result.diagnostics.size() - s.max_diagnostics
                  << " more diagnostics not shown (--max-diagnostics " << s.max_diagnostics << ")\n";
    if (result.unreadable_input) return exit_unreadable;
    return ecconf::fails_at(result.diagnostics, fail_level_of(s)) ? exit_findings : exit_clean;
}

int dump(settings& s)
{
    const auto files = files_for(s);
    const auto result = ecconf::check_files(s.files, *files, check_options_of(s));
    if (result->diagnostics.count(ecconf::severity::error) > 0 || result->unreadable_input) {
        ecconf::write_text_report(std::cerr, result->sources, result->diagnostics, true, false);
    }
    for (const auto& configuration : result->configurations)
        std::cout << ecconf::dump_tree(configuration, result->sources)
                         .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                  << '\n';
    if (result->unreadable_input) return exit_unreadable;
    return result->diagnostics.count(ecconf::severity::error) > 0 ? exit_findings : exit_clean;
}

int list_options(const std::string& scope, const std::string& format, const std::string& target_version)
{
    const auto& model = ecconf::builtin_schema();
    const auto* found = ecconf::find_scope(model, scope);
    if (!found) {
        std::cerr << "ecconf-check: " << ecconf::printable(ecconf::scope_not_found(model, scope)) << '\n';
        return exit_usage;
    }
    const auto target = model.target_version(target_version);
    std::cout << (format == "json" ? ecconf::options_listing_json(*found, target)
                                   : ecconf::options_listing_text(*found, target));
    return exit_clean;
}

void add_target_version_option(CLI::App& app, std::string& target_version)
{
    app.add_option("--target-version", target_version,
                   "Momentum version to check against: 3.6, 4.2, 4 (its newest release); default: the newest");
}

/// A subcommand: it adds its arguments to its CLI11 app, and runs when it was chosen.
class command {
public:
    virtual ~command() = default;
    virtual void define(CLI::App& app) = 0;
    virtual int run(const CLI::App& app) = 0;
};

/// An option of the top level given on the command line (CLI11 would leave it unread when a
/// subcommand runs).
const CLI::Option* given_option(const CLI::App& app)
{
    for (const auto* option : app.get_options())
        if (option->count() > 0) return option;
    return nullptr;
}

class config_command : public command {
public:
    void define(CLI::App& app) override
    {
        app.add_option("files", s_.files, "Main configuration files");
        add_input_options(app, s_);
        add_control_options(app, s_);
    }
    int run(const CLI::App& app) override
    {
        apply_project_config(s_, app, true);
        return print_settings(s_);
    }

private:
    settings s_;
};

class dump_command : public command {
public:
    void define(CLI::App& app) override
    {
        app.add_option("files", s_.files, "Main configuration files")->required();
        add_input_options(app, s_);
    }
    int run(const CLI::App& app) override
    {
        apply_project_config(s_, app, false);
        return dump(s_);
    }

private:
    settings s_;
};

class options_command : public command {
public:
    void define(CLI::App& app) override
    {
        app.add_option("scope", scope_, "Scope key: global, domain, ec_logger, auth_ds.scheme...")
            ->capture_default_str();
        app.add_option("--format", format_, "Output format")
            ->check(CLI::IsMember({"text", "json"}))
            ->capture_default_str();
        add_target_version_option(app, target_version_);
    }
    int run(const CLI::App& /*app*/) override { return list_options(scope_, format_, target_version_); }

private:
    std::string scope_ = "global";
    std::string format_ = "text";
    std::string target_version_;
};

class export_command : public command {
public:
    void define(CLI::App& app) override
    {
        app.add_option("files", s_.files, "Main configuration files")->required();
        add_input_options(app, s_);
        app.add_flag("--values-only", options_.values_only, "Plain values instead of {value, origin, source} objects");
        app.add_option("--resolve", resolve_,
                       "set: options set or inherited; all: every valid option, defaults included")
            ->check(CLI::IsMember({"set", "all"}))
            ->capture_default_str();
        app.add_flag("--show-secrets", options_.show_secrets, "Print passwords and keys instead of \"<redacted>\"");
        app.add_option("--format", format_, "json, or conf: Momentum's own syntax (like nginx -T)")
            ->check(CLI::IsMember({"json", "conf"}))
            ->capture_default_str();
        app.add_flag("--non-default", options_.non_default,
                     "Only values that differ from the defaults (like postconf -n)");
    }
    int run(const CLI::App& app) override
    {
        apply_project_config(s_, app, false);
        const auto files = files_for(s_);
        const auto result = ecconf::check_files(s_.files, *files, check_options_of(s_));
        options_.resolve_all = resolve_ == "all";
        options_.as_conf = format_ == "conf";
        return ecconf::cli::run_export(*result, options_);
    }

private:
    settings s_;
    ecconf::export_options options_;
    std::string resolve_ = "set";
    std::string format_ = "json";
};

class eval_command : public command {
public:
    void define(CLI::App& app) override
    {
        app.add_option("file", file_, "Main configuration file")->required();
        app.add_option("path", words_, "SCOPE [INSTANCE] ... OPTION")->required();
        add_input_options(app, s_);
        app.add_flag("--explain", explain_, "Print every step of the fallback chain, marking the winner");
        app.add_flag("--show-secrets", show_secrets_, "Print passwords and keys instead of \"<redacted>\"");
    }
    int run(const CLI::App& app) override
    {
        s_.files = {file_};
        apply_project_config(s_, app, false);
        const auto files = files_for(s_);
        const auto result = ecconf::check_files(s_.files, *files, check_options_of(s_));
        return ecconf::cli::run_eval(*result, words_, explain_, show_secrets_);
    }

private:
    settings s_;
    std::string file_;
    std::vector<std::string> words_;
    bool explain_ = false;
    bool show_secrets_ = false;
};

class diff_command : public command {
public:
    void define(CLI::App& app) override
    {
        app.add_option("old", old_, "The configuration running now (main file)")->required();
        app.add_option("new", new_, "The configuration to deploy (main file)")->required();
        add_input_options(app, s_);
        app.add_option("--format", format_, "Output format")
            ->check(CLI::IsMember({"text", "json"}))
            ->capture_default_str();
        app.add_flag("--fail-on-restart", fail_on_restart_,
                     "Exit 1 when a change needs a restart (config reload will not apply it)");
    }
    int run(const CLI::App& app) override
    {
        s_.files = {old_, new_};
        apply_project_config(s_, app, false);
        const auto files = files_for(s_);
        const auto result = ecconf::check_files(s_.files, *files, check_options_of(s_));
        return ecconf::cli::run_diff(*result, format_, fail_on_restart_);
    }

private:
    settings s_;
    std::string old_, new_, format_ = "text";
    bool fail_on_restart_ = false;
};

class fmt_command : public command {
public:
    void define(CLI::App& app) override
    {
        app.add_option("files", s_.files,
                       "Files to format; a directory stands for the *.conf files directly in it; '-' reads standard "
                       "input and writes standard output")
            ->required();
        auto* check =
            app.add_flag("--check", s_.check, "Print only the names of files that would change; exit 1 if any would");
        app.add_flag("--diff", s_.diff, "Print a unified diff of what would change; exit 1 if anything would");
        app.add_flag("-w,--write", s_.write,
                     "Rewrite the files that change, in place and atomically (mode and owner kept)")
            ->excludes(check);
        app.add_option("--line-width", line_width_,
                       "Break a list or dictionary one item per line past this width (default: .editorconfig "
                       "max_line_length, else 100)")
            ->check(CLI::Range(1u, 100000u));
        app.add_option("--indent", indent_, "Spaces per scope level (default: .editorconfig indent_size, else 2)")
            ->check(CLI::Range(0u, 16u));
        app.add_option("--keyword-case", keyword_case_, "Keywords as written (keep) or in lowercase (lower)")
            ->check(CLI::IsMember({"keep", "lower"}))
            ->capture_default_str();
        app.add_option("--stdin-filename", s_.stdin_filename,
                       "Name of standard input ('-'), for its diagnostics and .editorconfig");
        app.add_option("--max-file-size", s_.max_file_size, "Largest file read, in bytes")
            ->check(CLI::Range(std::uint64_t{0}, largest_file))
            ->capture_default_str();
        app.add_option("--max-depth", s_.limits.max_depth, "Deepest nesting of scopes, lists and dictionaries")
            ->check(CLI::Range(std::uint32_t{1}, deepest_nesting))
            ->capture_default_str();
        app.add_option("--color", color_, "Colour on a terminal (diagnostics)")
            ->check(CLI::IsMember({"auto", "always", "never"}))
            ->capture_default_str();
    }
    int run(const CLI::App& app) override
    {
        if (app.count("--line-width") > 0) s_.line_width = line_width_;
        if (app.count("--indent") > 0) s_.indent_width = indent_;
        s_.lowercase_keywords = keyword_case_ == "lower";
        // The diagnostics go to standard error: its terminal decides, not standard output's.
        s_.color = color_ == "always" ||
                   (color_ == "auto" && ::isatty(STDERR_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr);
        return ecconf::cli::run_fmt(s_);
    }

private:
    ecconf::cli::fmt_settings s_;
    std::uint32_t line_width_ = 100;
    std::uint32_t indent_ = 2;
    std::string keyword_case_ = "keep";
    std::string color_ = "auto";
};

class lsp_command : public command {
public:
    void define(CLI::App& app) override
    {
        // Clients such as vscode-languageclient name the transport; standard input and output is the only one.
        app.add_flag("--stdio", stdio_, "Talk over standard input and output (the default and only transport)");
    }
    int run(const CLI::App& /*app*/) override
    {
        return ecconf::lsp::run_language_server(STDIN_FILENO, STDOUT_FILENO, std::cerr);
    }

private:
    bool stdio_ = false;
};

/// The subcommands, in the order --help lists them; without one, the command lints.
struct command_entry {
    const char* name;
    const char* description;
    std::unique_ptr<command> implementation;
};

std::vector<command_entry> command_table()
{
    std::vector<command_entry> table;
    table.push_back({"config",
                     "Print the settings in effect (project configuration file, command line) and where each came from",
                     std::make_unique<config_command>()});
    table.push_back({"dump", "Print the parsed tree (after includes) as JSON", std::make_unique<dump_command>()});
    table.push_back({"options",
                     "List the options valid in a scope with type, default and restart flag (like postconf -d)",
                     std::make_unique<options_command>()});
    table.push_back({"export", "Print the effective configuration as JSON, with where each value comes from",
                     std::make_unique<export_command>()});
    table.push_back({"eval", "Print the effective value of an option, like ec_console's config eval",
                     std::make_unique<eval_command>()});
    table.push_back({"diff",
                     "List what changed between two configurations, each change reload-safe or restart-required",
                     std::make_unique<diff_command>()});
    table.push_back({"fmt", "Format files in the manuals' style, comments and blank lines kept (--check, --diff, -w)",
                     std::make_unique<fmt_command>()});
    table.push_back({"lsp",
                     "Serve the Language Server Protocol on standard input and output: diagnostics, hover, completion, "
                     "outline, formatting for editors (docs/editors.md)",
                     std::make_unique<lsp_command>()});
    return table;
}

/// --fix: the fixes applied (or, with --diff, shown), then the lint's report of what is left.
int fix_and_report(const settings& s, const std::vector<std::string>& main_files, ecconf::overlay_file_system& files,
                   const ecconf::check_options& options)
{
    if (!s.stdin_buffer.empty() && !s.fix_diff) {
        std::cerr << "ecconf-check: --fix cannot rewrite standard input; use --fix --diff\n";
        return exit_usage;
    }
    if (!s.write_baseline.empty()) {
        std::cerr << "ecconf-check: --fix and --write-baseline cannot be combined\n";
        return exit_usage;
    }
    const auto run = ecconf::fix_files(main_files, files, options, s.jobs, s.unsafe_fixes);
    const int written = ecconf::cli::write_fixes(run, s.fix_diff, std::cout);
    if (s.fix_diff) {
        if (run.result->unreadable_input) return exit_unreadable;
        return run.files.empty() && !ecconf::fails_at(run.result->diagnostics, fail_level_of(s)) ? exit_clean
                                                                                                 : exit_findings;
    }
    const int lint_status = report_and_exit(*run.result, s);
    return std::max(written, lint_status);
}

/// --all-nodes: each node directory under the configuration root checked as its own configuration, with
/// its [node.NAME] settings; the findings of every node in one report, each naming its node.
int lint_all_nodes(const settings& as_given, settings& s, const CLI::App& app)
{
    const auto* include_path = app.get_option_no_throw("--include-path");
    if (!as_given.node.empty() || (include_path && include_path->count() > 0) || s.fix ||
        std::count(s.files.begin(), s.files.end(), "-") > 0) {
        std::cerr << "ecconf-check: --all-nodes takes its nodes from --conf-root: it cannot be combined with --node, "
                     "-I, --fix or standard input\n";
        return exit_usage;
    }
    const std::string root = s.conf_root.empty() ? ecconf::momentum_conf_root : s.conf_root;
    std::vector<std::string> names;
    std::error_code error;
    for (std::filesystem::directory_iterator entry(root, error), end; !error && entry != end; entry.increment(error)) {
        const auto name = entry->path().filename().string();
        if (entry->is_directory() && name != "global" && name != "default" && name.front() != '.')
            names.push_back(name);
    }
    if (error || names.empty()) {
        std::cerr << "ecconf-check: --all-nodes: " << (error ? "cannot list" : "no node directory in") << " '"
                  << ecconf::printable(root) << "'" << (error ? ": " + error.message() : std::string()) << '\n';
        return exit_unreadable;
    }
    std::sort(names.begin(), names.end());
    auto options = check_options_of(s);
    if (const auto stop = read_policy(s, options.policy)) return *stop;
    const auto files = files_for(s);
    std::vector<ecconf::node_check> nodes;
    for (const auto& name : names) {
        settings node = as_given;
        node.node = name;
        apply_project_config(node, app, true);
        nodes.push_back({name, main_files_of(node, *files), check_options_of(node)});
    }
    lint_result = ecconf::check_nodes(nodes, *files, options.policy, s.jobs).release();
    return report_and_exit(*lint_result, s);
}

/// The lint: the files named without a subcommand.
int lint(settings& s, const CLI::App& app)
{
    const settings as_given = s;
    apply_project_config(s, app, true);
    if (const auto unknown = ecconf::unknown_rule(filter_of(s))) {
        std::cerr << "ecconf-check: unknown rule '" << ecconf::printable(*unknown) << "' in --enable or --disable "
                  << ecconf::printable(ecconf::unknown_rule_hint(*unknown)) << '\n';
        return exit_usage;
    }
    if (const auto kept = ecconf::unsuppressible_rule(filter_of(s))) {
        std::cerr << "ecconf-check: --disable " << *kept
                  << ": this rule cannot be disabled, it means part of the configuration was not read\n";
        return exit_usage;
    }
    if (s.files.empty()) {
        std::cerr << "ecconf-check: no configuration file named\n" << app.help();
        return exit_usage;
    }
    if (s.all_nodes) return lint_all_nodes(as_given, s, app);
    auto options = check_options_of(s);
    if (const auto stop = read_policy(s, options.policy)) return *stop;
    const auto files = files_for(s);
    const auto main_files = main_files_of(s, *files);
    if (s.fix) return fix_and_report(s, main_files, *files, options);
    // Freed by the exit: freeing a large configuration's objects one by one took a tenth of its check.
    lint_result = ecconf::check_each(main_files, *files, options, s.jobs).release();
    return report_and_exit(*lint_result, s);
}

int run(int argc, char** argv)
{
    CLI::App app{"ecconf-check: lint Momentum (ecelerity) configuration files"};
    bool want_version = false;
    app.add_flag(
        "--version", want_version,
        "Print the version, commit, build date, schema coverage and library versions (--format json: as JSON)");
    settings s;
    std::string explain_rule;
    bool want_rules = false;
    app.add_option(
        "files", s.files,
        "Main configuration files (ecelerity.conf), each checked on its own; a directory stands for the *.conf files "
        "directly in it; '-' reads standard input");
    add_input_options(app, s);
    std::vector<std::string> format_names;
    for (const auto& [name, format] : ecconf::output_formats()) format_names.emplace_back(name);
    app.add_option("--format", s.format, "Output format")->check(CLI::IsMember(format_names))->capture_default_str();
    app.add_option("--color", s.color, "Colour on a terminal")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    app.add_option("--doc-url-base", s.doc_url_base,
                   "Where the rule pages are (URL or directory): text findings end with BASE + RULE.md, SARIF helpUri "
                   "uses it; empty: no link")
        ->capture_default_str();
    app.add_flag("--syntax-only", s.syntax_only, "Parse the named files alone: no includes, no schema checks");
    app.add_flag("--check-host", s.check_host,
                 "Look the Security user and groups up on this machine (getpwnam, getgrnam)");
    add_control_options(app, s);
    app.add_option("--explain", explain_rule, "Explain a rule, with a wrong and a right example");
    app.add_flag("--list-rules", want_rules, "List every rule with its severity");
    add_target_version_option(app, s.target_version);

    auto commands = command_table();
    std::vector<CLI::App*> subcommands;
    for (auto& entry : commands) {
        subcommands.push_back(app.add_subcommand(entry.name, entry.description));
        entry.implementation->define(*subcommands.back());
    }
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
    for (std::size_t i = 0; i < commands.size(); ++i)
        if (*subcommands[i]) {
            if (const auto* misplaced = given_option(app)) {
                std::cerr << "ecconf-check: '" << misplaced->get_name() << "' before the subcommand '"
                          << commands[i].name << "' is an option of the lint; write it after '" << commands[i].name
                          << "'\n";
                return exit_usage;
            }
            return commands[i].implementation->run(*subcommands[i]);
        }
    if (want_version) {
        ecconf::cli::print_version(std::cout, s.format == "json");
        return exit_clean;
    }
    if (!explain_rule.empty()) return explain(explain_rule);
    if (want_rules) return list_rules();
    return lint(s, app);
}

}  // namespace

int main(int argc, char** argv)
{
    int status;
    try {
        status = run(argc, argv);
    }
    catch (const std::invalid_argument& error) {
        std::cerr << "ecconf-check: " << ecconf::printable(error.what()) << '\n';
        return exit_usage;
    }
    catch (const std::exception& error) {
        std::cerr << "ecconf-check: " << ecconf::printable(error.what()) << '\n';
        return exit_unreadable;
    }
    // A report that did not reach its reader (a full disk, a closed pipe) is not a clean run.
    if (!std::cout.flush()) {
        std::cerr << "ecconf-check: cannot write to standard output\n";
        return exit_unreadable;
    }
    return status;
}
