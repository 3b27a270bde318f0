#pragma once
/// Several main files on one command line, checked independently and, with jobs > 1, in parallel.

#include <memory>
#include <string>
#include <vector>

#include "ecconf/check.hpp"

namespace ecconf {

/// A directory argument becomes the *.conf files directly in it (bytewise order), each a main file
/// of its own; other arguments stay as named. This is not how Momentum reads a directory: it loads
/// a directory's files together only when the main file includes it. A directory without any
/// *.conf file stays as named (and is then reported as unreadable).
[[nodiscard]] std::vector<std::string> expand_main_files(const std::vector<std::string>& arguments,
                                                         const file_system& files);

/// Checks each main file into its own result (on up to `jobs` threads), then merges them in argument
/// order: files read by several checks (a shared include, the --cluster file) appear once, and the
/// diagnostics are finalized again. The output does not depend on `jobs`. The merged result holds
/// sources and diagnostics only (no configurations: they point into the per-file sources).
[[nodiscard]] std::unique_ptr<check_result> check_each(const std::vector<std::string>& paths, const file_system& files,
                                                       const check_options& options, unsigned jobs = 1);

}  // namespace ecconf
