// --fix: the fixes of the findings applied to the files of a configuration, a pass at a time.

#include <algorithm>
#include <map>

#include "ecconf/check.hpp"
#include "ecconf/syntax_tree.hpp"
#include "text/printable.hpp"

namespace ecconf {
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

}  // namespace

fix_run fix_files(const std::vector<std::string>& main_files, overlay_file_system& files, const check_options& options,
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

}  // namespace ecconf
