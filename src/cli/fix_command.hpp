#pragma once
// `ecconf-check --fix`: the fixed files (ecconf::fix_files) written in place, or shown as a diff.

#include <iosfwd>
#include <string>

#include "ecconf/check.hpp"

namespace ecconf::cli {

/// Writes the fixed files in place (atomically, mode and owner kept) or, with `diff_only`, prints their
/// unified diff to `out` with the secrets redacted; says on standard error what changed and what was not
/// fixed. Returns exit_clean, or exit_unreadable when a file could not be written.
int write_fixes(const fix_run& run, bool diff_only, std::ostream& out);

}  // namespace ecconf::cli
