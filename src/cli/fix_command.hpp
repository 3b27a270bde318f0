#pragma once
// `ecconf-check --fix`: the fixes of the findings applied to the files of the configuration, a pass at a
// time, until none is left to apply.

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "ecconf/check.hpp"
#include "ecconf/file_system.hpp"

namespace ecconf::cli {

/// Most checks of one --fix run: a fix that makes another possible (or was deferred because it overlapped
/// one) is applied by a later pass.
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

/// Checks the main files and applies the first fix of each finding (a safe one, or with `unsafe` any) to
/// its file in `files`, not on disk; then checks again, until no fix applies or after max_fix_passes
/// checks. A file with a syntax error that no fix resolves is left alone: a half-understood file is
/// never rewritten.
[[nodiscard]] fix_run run_fixes(const std::vector<std::string>& main_files, overlay_file_system& files,
                                const check_options& options, unsigned jobs, bool unsafe);

/// Writes the fixed files in place (atomically, mode and owner kept) or, with `diff_only`, prints their
/// unified diff to `out` with the secrets redacted; says on standard error what changed and what was not
/// fixed. Returns exit_clean, or exit_unreadable when a file could not be written.
int write_fixes(const fix_run& run, bool diff_only, std::ostream& out);

}  // namespace ecconf::cli
