#pragma once
// The command's exit codes, documented in the README and the man page: a pipeline can rely on them.

namespace ecconf::cli {

enum exit_status : int {
    exit_clean = 0,       ///< no finding at the failing level
    exit_findings = 1,    ///< at least one finding at the --fail-on level (default: error)
    exit_unreadable = 2,  ///< a named file could not be read
    exit_usage = 3,       ///< the command line was wrong
};

}  // namespace ecconf::cli
