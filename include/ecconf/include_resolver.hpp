#pragma once
/// Loading a main file with everything it includes, as one tree in which include directives hold
/// the statements they bring in.

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "ecconf/diagnostic.hpp"
#include "ecconf/file_system.hpp"
#include "ecconf/syntax_tree.hpp"

namespace ecconf {

struct load_options {
    std::vector<std::string> search_path;  ///< for relative includes; empty means Momentum's default path
    bool follow_includes = true;
    parse_limits parse;
    /// Within these defaults a run's peak memory stays below 3 GiB, even for a configuration made of
    /// the shortest statements (about 90 bytes of memory per byte read; typical files take about 20).
    std::uint64_t max_file_size = 32u << 20;
    std::uint64_t max_total_size = 32u << 20;  ///< every file inclusion counted, a file included twice twice
    std::uint32_t max_include_depth = 32;
    std::uint32_t max_files = 10000;
};

/// A file an include directive brought in, and the inclusion through which it was reached.
struct included_file {
    inclusion_id inclusion = no_inclusion;
    file_id file = no_file;
};

/// A main file and everything it includes: each file's tree, stored once however often it is
/// included, and the inclusion records that say which files each include directive brought in.
struct loaded_configuration {
    file_id main = no_file;
    inclusion_id root = no_inclusion;      ///< the main file's inclusion
    std::map<file_id, syntax_tree> trees;  ///< every file read
    /// What each include directive brought in, by the inclusion it was reached through and its node.
    std::map<std::pair<inclusion_id, node_id>, std::vector<included_file>> included;
    std::size_t files_read = 0;
    /// Scopes nested through included files deeper than this have their bodies left unread (--max-depth).
    std::uint32_t max_scope_depth = UINT32_MAX;

    /// The main file's top-level statements.
    [[nodiscard]] child_range<statement_ref> statements() const { return trees.at(main).statements(root); }
    /// The files an include directive brought in, in order (none when not followed).
    [[nodiscard]] const std::vector<included_file>& inclusions_of(const statement_ref& directive) const;
    /// The top-level statements of an included file, reached through its inclusion.
    [[nodiscard]] child_range<statement_ref> statements_of(const included_file& included_file) const
    {
        return trees.at(included_file.file).statements(included_file.inclusion);
    }
    /// What an include directive brings in where it stands: the top-level statements of each file it
    /// included, in order (none when not followed).
    [[nodiscard]] std::vector<child_range<statement_ref>> brought_in(const statement_ref& directive) const;
};

/// Where Momentum keeps its configuration.
inline constexpr const char* momentum_conf_root = "/opt/msys/ecelerity/etc/conf";

/// Momentum's default search path: global, the node's directory and default under `root`. The node is
/// this machine's host name up to the first dot unless named (--node: a CI runner is not the node).
[[nodiscard]] std::vector<std::string> momentum_default_search_path(const std::string& root = momentum_conf_root,
                                                                    const std::string& node = {});

/// Reads, parses and expands a main file. Returns nothing when the main file itself cannot be read
/// (the reason is reported); every other problem is a diagnostic at the include directive.
[[nodiscard]] std::optional<loaded_configuration> load_configuration(const std::string& path, const file_system& files,
                                                                     source_manager& sources, diagnostic_sink& sink,
                                                                     const load_options& options = {});

}  // namespace ecconf
