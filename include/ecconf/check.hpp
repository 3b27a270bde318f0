#pragma once
/// The library entry point: load configurations, run every check, collect the diagnostics.

#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ecconf/diagnostic.hpp"
#include "ecconf/effective.hpp"
#include "ecconf/file_system.hpp"
#include "ecconf/include_resolver.hpp"
#include "ecconf/source.hpp"

namespace ecconf {

// Command-line control over which diagnostics are reported and which ones fail the run.
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

// Baselines: today's findings recorded in a file (--write-baseline), so that a later run reports
// only new ones (--baseline). Findings match by rule, file and the content of the offending line,
// never by line number: edits above a finding do not bring it back.
struct baseline_entry {
    std::string rule;
    std::string
        file;  ///< relative to the baseline file's directory (absolute when named so); empty for global findings
    std::string fingerprint;  ///< 16 hex digits: FNV-1a 64 of the offending line, trimmed
    std::string message;      ///< for the reader of the file; not used for matching
};

/// The fingerprint of the line a diagnostic starts on (of the empty string when it has no location).
[[nodiscard]] std::string line_fingerprint(const source_manager& sources, const source_range& range);

/// One entry per diagnostic of the (finalized, filtered) sink, in its order. `directory` is the baseline
/// file's directory (as a path from the working directory): relative file paths are recorded relative
/// to it, so the baseline matches from any working directory.
[[nodiscard]] std::vector<baseline_entry> baseline_of(const source_manager& sources, const diagnostic_sink& sink,
                                                      const std::string& directory = ".");

/// JSON: {"format": 1, "findings": [{"rule", "file", "fingerprint", "message"}, ...]}.
void write_baseline(std::ostream& out, const std::vector<baseline_entry>& entries);

/// Reads a baseline written by write_baseline; throws std::runtime_error naming the problem.
[[nodiscard]] std::vector<baseline_entry> read_baseline(std::istream& in);

/// Drops the diagnostics the baseline records (moved to `accepted` when given); each entry absorbs one
/// finding, so a second copy of a recorded finding is still reported. `directory`: the baseline file's,
/// as for baseline_of. Returns how many were dropped.
std::size_t apply_baseline(const source_manager& sources, const std::vector<baseline_entry>& baseline,
                           diagnostic_sink& sink, const std::string& directory = ".",
                           std::vector<suppressed_finding>* accepted = nullptr);

/// Which findings a run reports, applied by check_files after every check and suppression comment.
/// The limit on how many are printed (--max-diagnostics) belongs to the report, which still counts all.
struct diagnostic_policy {
    /// --enable, --disable over the catalogue's defaults; without it every rule is reported, including
    /// those off by default (for tools that choose themselves).
    std::optional<diagnostic_filter> rules;
    std::map<std::string, severity, std::less<>> levels;  ///< per-rule severities (the project configuration's [rules])
    std::vector<baseline_entry> baseline;                 ///< accepted findings (--baseline), read by the caller
    std::string baseline_directory = ".";                 ///< the baseline file's directory, as for apply_baseline
};

/// Applies the policy to finalized diagnostics: the rules filter, then the levels, then the baseline. The
/// findings accepted already (`suppressed`, when given) are filtered and levelled alike, and those the
/// baseline accepts join them.
void apply_policy(const diagnostic_policy& policy, const source_manager& sources, diagnostic_sink& sink,
                  std::vector<suppressed_finding>* suppressed = nullptr);

struct check_options {
    load_options load;
    bool syntax_only = false;  ///< parse the named files alone: no includes, no schema
    std::string cluster_file;  ///< ecelerity-cluster.conf named apart (--cluster); merged after each main file
    bool check_host = false;   ///< --check-host: the Security user and groups must exist on this machine
    std::string
        target_version;  ///< --target-version: "3.6", "4"; empty for the newest; a bad one throws std::invalid_argument
    diagnostic_policy policy;
};

struct check_result {
    source_manager sources;
    diagnostic_sink diagnostics;
    std::vector<loaded_configuration> configurations;
    std::optional<loaded_configuration> cluster;     ///< the --cluster file, when named
    std::vector<effective_configuration> effective;  ///< one per configuration, unless syntax_only
    std::vector<suppressed_finding> suppressed;      ///< accepted by a suppression comment or the baseline
    std::size_t files_read = 0;
    bool unreadable_input = false;  ///< a named file could not be read
    std::string target_version;     ///< the version checked against, for the reports
};

/// Checks each main file; the diagnostics come back finalized (sorted, without repeats) under the policy.
[[nodiscard]] std::unique_ptr<check_result> check_files(const std::vector<std::string>& paths, const file_system& files,
                                                        const check_options& options);

// Several main files on one command line, checked independently and, with jobs > 1, in parallel.
/// A directory argument becomes the *.conf files directly in it (bytewise order), each a main file
/// of its own; other arguments stay as named. This is not how Momentum reads a directory: it loads
/// a directory's files together only when the main file includes it. A directory without any
/// *.conf file stays as named (and is then reported as unreadable).
[[nodiscard]] std::vector<std::string> expand_main_files(const std::vector<std::string>& arguments,
                                                         const file_system& files);

/// Checks each main file into its own result (on up to `jobs` threads), then merges them in argument
/// order: files read by several checks (a shared include, the --cluster file) appear once, and the
/// diagnostics are finalized again. The output does not depend on `jobs`. The merged result holds
/// sources and diagnostics only (no configurations: they point into the per-file sources). The policy is
/// applied once, to the merged findings.
[[nodiscard]] std::unique_ptr<check_result> check_each(const std::vector<std::string>& paths, const file_system& files,
                                                       const check_options& options, unsigned jobs = 1);

// A fleet: each node of a Momentum configuration tree (conf/{global,NODE,default}) checked on its own.
/// One node's check: its name, its main files, and its options (its search path, its cluster file).
struct node_check {
    std::string node;
    std::vector<std::string> main_files;
    check_options options;
};

/// Checks each node (check_each, up to `jobs` nodes at a time) and merges the results in the order of
/// `nodes`: every finding carries its node (diagnostic::node), so a finding in a file several nodes share
/// is reported once for each. The nodes' own policies are ignored: `policy` is applied once to the whole.
[[nodiscard]] std::unique_ptr<check_result> check_nodes(const std::vector<node_check>& nodes, const file_system& files,
                                                        const diagnostic_policy& policy, unsigned jobs = 1);

// Fixing: the fixes the checks attach to their findings, applied to the files of a configuration.
/// Most checks of one fix_files run: a fix that makes another possible (or was deferred because it
/// overlapped one) is applied by a later pass.
inline constexpr int max_fix_passes = 10;

/// A file the fixes changed: its text before and after.
struct fixed_file {
    std::string path;
    std::string original;
    std::string fixed;
    std::size_t fixes = 0;  ///< applied to it, over every pass
};

struct fix_run {
    std::unique_ptr<check_result> result;  ///< the check of the fixed files: what is left
    std::vector<fixed_file> files;         ///< in the order first fixed
    std::vector<std::string> not_fixed;    ///< files whose fixes were not applied, and why
};

/// Checks the main files (check_each) and applies the first fix of each finding (a safe one, or with
/// `unsafe` any) to its file in `files`, not on disk; then checks again, until no fix applies or after
/// max_fix_passes checks. A file with a syntax error that no fix resolves is left alone: a
/// half-understood file is never rewritten.
[[nodiscard]] fix_run fix_files(const std::vector<std::string>& main_files, overlay_file_system& files,
                                const check_options& options, unsigned jobs, bool unsafe);

}  // namespace ecconf
