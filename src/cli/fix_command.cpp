#include "fix_command.hpp"

#include <algorithm>
#include <iostream>
#include <map>

#include "ecconf/syntax_tree.hpp"
#include "exit_status.hpp"
#include "file_io.hpp"
#include "fmt_command.hpp"
#include "text/printable.hpp"

namespace ecconf::cli {
namespace {

// An error-level parse finding that no fix of its own resolves: the parser had to guess.
bool has_unfixed_syntax_error(const source_file& file, const parse_limits& limits)
{
    source_manager scratch;
    diagnostic_sink sink;
    const auto id = scratch.add(file.path(), std::string(file.bytes()));
    (void)parse_source(scratch, id, sink, limits);
    const auto& all = sink.all();
    return std::any_of(all.begin(), all.end(),
                       [](const diagnostic& d) { return d.level == severity::error && d.fixes.empty(); });
}

std::string findings(std::size_t count) { return std::to_string(count) + (count == 1 ? " finding" : " findings"); }

}  // namespace

fix_run run_fixes(const std::vector<std::string>& main_files, overlay_file_system& files, const check_options& options,
                  unsigned jobs, bool unsafe)
{
    fix_run run;
    std::map<std::string, std::size_t> fixed_index;  // path -> its entry in run.files
    std::map<std::string, bool> half_understood;     // path -> whether its fixes are withheld
    for (int pass = 1;; ++pass) {
        run.result = check_each(main_files, files, options, jobs);
        if (pass == max_fix_passes) break;
        std::map<file_id, std::vector<const fix*>> by_file;
        for (const auto& d : run.result->diagnostics.all())
            if (!d.fixes.empty() && (unsafe || d.fixes.front().safety == fix_safety::safe))
                by_file[d.fixes.front().file].push_back(&d.fixes.front());
        bool changed = false;
        for (const auto& [file, fixes] : by_file) {
            const auto& source = run.result->sources.file(file);
            const auto verdict = half_understood.try_emplace(source.path(), false);
            if (verdict.second) {
                verdict.first->second = has_unfixed_syntax_error(source, options.load.parse);
                if (verdict.first->second)
                    run.not_fixed.push_back("'" + printable(source.path()) +
                                            "' is not fixed: it has a syntax error that no fix resolves");
            }
            if (verdict.first->second) continue;
            auto outcome = apply_fixes(source.bytes(), fixes);
            if (outcome.text == source.bytes()) continue;
            const auto [entry, first] = fixed_index.try_emplace(source.path(), run.files.size());
            if (first) run.files.push_back({source.path(), std::string(source.bytes()), {}, 0});
            auto& fixed = run.files[entry->second];
            fixed.fixes += outcome.applied;
            fixed.fixed = outcome.text;
            files.set(source.path(), std::move(outcome.text));
            changed = true;
        }
        if (!changed) break;
    }
    return run;
}

int write_fixes(const fix_run& run, bool diff_only, std::ostream& out)
{
    for (const auto& reason : run.not_fixed) std::cerr << "ecconf-check: " << reason << '\n';
    // Two paths to one file (a link, two spellings) were fixed apart: writing either would undo the other.
    const real_file_system machine;
    std::map<file_identity, std::size_t> paths_to;
    for (const auto& file : run.files)
        if (const auto status = machine.stat(file.path); status.kind == file_kind::regular) ++paths_to[status.identity];
    const auto& secrets = run.result->sources.secrets();
    int status = exit_clean;
    for (const auto& file : run.files) {
        const auto name = printable(file.path);
        if (diff_only) {
            out << unified_diff(secrets.redact(file.original), secrets.redact(file.fixed), name, name) << std::flush;
            std::cerr << "ecconf-check: would fix " << findings(file.fixes) << " in '" << name << "'\n";
            continue;
        }
        const auto identity = machine.stat(file.path);
        if (identity.kind == file_kind::regular && paths_to[identity.identity] > 1) {
            std::cerr << "ecconf-check: '" << name
                      << "' is not fixed: the configuration reaches its file by two paths\n";
            continue;
        }
        if (const auto error = replace_file(file.path, file.fixed, replace_mode::keep); !error.empty()) {
            std::cerr << "ecconf-check: cannot write '" << name << "': " << error << '\n';
            status = exit_unreadable;
            continue;
        }
        std::cerr << "ecconf-check: fixed " << findings(file.fixes) << " in '" << name << "'\n";
    }
    return status;
}

}  // namespace ecconf::cli
