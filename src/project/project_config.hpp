#pragma once
// The project configuration file, .ecconf.toml: the settings a team would otherwise repeat in CI, in
// pre-commit, on every laptop and in every editor. Command-line options (and an editor's settings)
// override each of them.

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ecconf::project {

/// A value of the file with where it was written ("FILE:LINE:COLUMN"), for `ecconf-check config`.
template <class T>
struct located {
    T value;
    std::string origin;
};

using located_list = std::optional<located<std::vector<std::string>>>;
using located_text = std::optional<located<std::string>>;

/// [node.NAME]: what differs from one node to another.
struct node_settings {
    located_list include_path;
    located_text cluster;
};

/// Every path is already relative to the working directory (or absolute): the file writes them relative to itself.
struct project_config {
    std::string path;
    located_list files, include_path, enable, disable, ignore, include_roots;
    located_text cluster, conf_root, fail_on, baseline, target_version;
    std::map<std::string, located<std::string>> rules;  ///< rule id -> error, warning or note
    std::map<std::string, node_settings> nodes;
};

/// A file that is not TOML, or holds an unknown key, a wrong type or a wrong value: a usage error
/// (exit 3), its message naming the file, line and column.
struct config_error : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

/// The nearest .ecconf.toml in `start` (default: the working directory) or above it, as a path from
/// `start` (relative to the working directory when `start` is); empty when there is none.
[[nodiscard]] std::string find_project_config(const std::string& start = {});

/// Reads a project configuration file; throws config_error (usage) or std::runtime_error (unreadable).
[[nodiscard]] project_config read_project_config(const std::string& path);

}  // namespace ecconf::project
