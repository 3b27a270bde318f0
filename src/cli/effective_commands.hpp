#pragma once
// `ecconf-check export` and `ecconf-check eval`: the effective configuration, offline.

#include <string>
#include <vector>

#include "ecconf/check.hpp"
#include "ecconf/effective.hpp"

namespace ecconf::cli {

/// Prints the export of each configuration; returns the exit code (2 unreadable, 1 errors, 0 clean).
int run_export(const check_result& result, const export_options& options);

/// Prints the effective value of `words` (scopes, instances, option) in the first configuration;
/// with `explain`, every step of the fallback chain. Returns the exit code (3 for a bad path).
int run_eval(const check_result& result, const std::vector<std::string>& words, bool explain, bool show_secrets);

}  // namespace ecconf::cli
