#pragma once
/// The library entry point: load configurations, run every check, collect the diagnostics.

#include <memory>
#include <string>
#include <vector>

#include "ecconf/diagnostic.hpp"
#include "ecconf/effective.hpp"
#include "ecconf/file_system.hpp"
#include "ecconf/include_resolver.hpp"
#include "ecconf/source.hpp"

namespace ecconf {

struct check_options {
    load_options load;
    bool syntax_only = false;  ///< parse the named files alone: no includes, no schema
    std::string cluster_file;  ///< ecelerity-cluster.conf named apart (--cluster); merged after each main file
    bool check_host = false;   ///< --check-host: the Security user and groups must exist on this machine
    std::string
        target_version;  ///< --target-version: "3.6", "4"; empty for the newest; a bad one throws std::invalid_argument
};

struct check_result {
    source_manager sources;
    diagnostic_sink diagnostics;
    std::vector<loaded_configuration> configurations;
    std::optional<loaded_configuration> cluster;     ///< the --cluster file, when named
    std::vector<effective_configuration> effective;  ///< one per configuration, unless syntax_only
    std::size_t files_read = 0;
    bool unreadable_input = false;  ///< a named file could not be read
    std::string target_version;     ///< the version checked against, for the reports
};

/// Checks each main file; the diagnostics come back finalized (sorted, without repeats).
[[nodiscard]] std::unique_ptr<check_result> check_files(const std::vector<std::string>& paths, const file_system& files,
                                                        const check_options& options);

}  // namespace ecconf
