#pragma once
// `ecconf-check diff OLD NEW`: what changed between two configurations, and whether config reload applies it.

#include <string>

#include "ecconf/check.hpp"

namespace ecconf::cli {

/// Compares the two configurations of `result` (OLD then NEW, loaded by one check_files call).
/// `format`: "text" or "json". Returns 2 when a file is unreadable, 1 when either configuration has
/// errors or (with `fail_on_restart`) when a change needs a restart, else 0.
int run_diff(check_result& result, const std::string& format, bool fail_on_restart);

}  // namespace ecconf::cli
