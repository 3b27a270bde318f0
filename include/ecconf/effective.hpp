#pragma once
/// The effective configuration: repeated stanzas merged, the cluster file's overrides applied, and
/// each option resolved through Momentum's fallback rules, remembering where every value came from.

#include <deque>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "ecconf/diagnostic.hpp"
#include "ecconf/include_resolver.hpp"
#include "ecconf/schema.hpp"
#include "ecconf/source.hpp"
#include "ecconf/syntax_tree.hpp"

namespace ecconf {

/// Whether a scope's instance name is a regex, written `/.../`.
[[nodiscard]] bool is_regex_instance(std::string_view name);

/// The one rule for which stanzas declare the same scope instance: stanzas of one keyword in one parent
/// instance are the same instance when their keys are equal. Domain and host names compare without
/// case, like DNS; regexes and every other name exactly.
[[nodiscard]] std::string instance_key(std::string_view keyword, std::string_view written_name);

/// Every assignment of one option in one scope instance, in the order Momentum reads them: the last one
/// wins. duplicate-option and cross-file-override both read it.
struct option_history {
    std::string_view name;                    ///< lowercase: a view of the run's name table
    statement_ref winner;                     ///< the last assignment
    std::vector<statement_ref> shadowed;      ///< the earlier ones, oldest first (most options have none)
    bool from_cluster = false;                ///< the winner stands in the cluster file
    std::optional<statement_ref> overridden;  ///< the ecelerity.conf assignment the cluster file overrode

    /// How many times the option is set.
    [[nodiscard]] std::size_t size() const noexcept { return shadowed.size() + 1; }
    /// The assignments oldest first: the shadowed ones, then the winner.
    [[nodiscard]] const statement_ref& operator[](std::size_t index) const
    {
        return index < shadowed.size() ? shadowed[index] : winner;
    }
};

/// One scope instance, merged from every stanza that declares it. Instances live in the table of their
/// effective_configuration and point at each other.
struct scope_instance {
    const scope_def* def = nullptr;  ///< nullptr for a scope the schema does not know
    std::string keyword;             ///< canonical lowercase
    std::string instance;            ///< the instance_key of its name
    bool has_instance = false;
    const scope_instance* parent = nullptr;
    std::vector<statement_ref> declarations;
    std::vector<option_history> options;                ///< by name
    std::vector<const scope_instance*> children;        ///< in order of first declaration
    std::vector<const scope_instance*> regex_children;  ///< children named `/regex/`, in declaration order

    /// The history of an option (lowercase name), if it is set here.
    [[nodiscard]] const option_history* option(std::string_view name) const;
    /// "binding_group group1 binding mta1"; "global" for the top.
    [[nodiscard]] std::string path() const;
};

struct loaded_configuration;

/// A merged configuration: a flat table of scope instances. Its statements belong to the loaded
/// configurations, which must outlive it.
class effective_configuration {
public:
    effective_configuration();
    effective_configuration(const effective_configuration&) = delete;
    effective_configuration& operator=(const effective_configuration&) = delete;
    effective_configuration(effective_configuration&&) noexcept = default;
    effective_configuration& operator=(effective_configuration&&) noexcept = default;
    ~effective_configuration() = default;

    [[nodiscard]] const scope_instance& global() const { return instances_.front(); }
    /// The child of `parent` with this keyword and instance key, if declared.
    [[nodiscard]] const scope_instance* child(const scope_instance& parent, std::string_view keyword,
                                              std::string_view instance) const;
    /// The group that declares a binding (binding_group) or a pathway (pathway_group), if any: the first one.
    [[nodiscard]] std::optional<std::string_view> group_of(std::string_view member_keyword,
                                                           std::string_view member) const;
    [[nodiscard]] bool is_cluster_file(file_id file) const { return cluster_files_.count(file) > 0; }

private:
    friend class instance_table_builder;
    friend effective_configuration merge_configuration(const std::vector<const loaded_configuration*>& configurations,
                                                       const std::set<file_id>& cluster_files, const schema& model);
    struct child_key {
        const scope_instance* parent;
        std::string_view keyword;
        std::string_view instance;
        bool operator==(const child_key& other) const
        {
            return parent == other.parent && keyword == other.keyword && instance == other.instance;
        }
    };
    struct child_key_hash {
        std::size_t operator()(const child_key& key) const;
    };

    std::deque<scope_instance> instances_;  ///< the global scope first; a deque, so that instances never move
    std::unordered_map<child_key, scope_instance*, child_key_hash> children_;
    std::map<std::pair<std::string, std::string>, std::string> group_of_;  ///< (member keyword, member) -> group
    std::set<file_id> cluster_files_;
};

/// Merges loaded configurations (loaded through one source_manager: names compare by their interned text) in order;
/// statements from `cluster_files` are marked, and their Security
/// stanza is applied last so that it overrides ecelerity.conf's wherever the include stands.
[[nodiscard]] effective_configuration
merge_configuration(const std::vector<const loaded_configuration*>& configurations,
                    const std::set<file_id>& cluster_files, const schema& model);

/// The effective configuration of a main file and, when named apart, its cluster file. Files named
/// ecelerity-cluster.conf, and every file of `cluster`, count as the cluster file.
[[nodiscard]] effective_configuration build_effective(const loaded_configuration& main,
                                                      const loaded_configuration* cluster,
                                                      const source_manager& sources, const schema& model);

/// One element of a scope path: `binding_group "g"`, `esmtp_listener`.
struct path_element {
    std::string keyword;
    std::string instance;
};

/// One candidate of a fallback chain, most specific first.
struct resolution_step {
    std::string scope;                     ///< "binding_group g binding b domain example.com"
    const scope_instance* node = nullptr;  ///< nullptr when that scope is not declared
    const option_history* assignment = nullptr;
    /// A `/regex/` instance whose match against this scope's name reached PCRE2's limits: whether the
    /// scope exists, and so the whole chain from here, is unknown.
    const scope_instance* undecided_regex = nullptr;
};

enum class value_origin { set, inherited, default_value, cluster, unset, undecided };

struct resolution {
    std::vector<resolution_step> steps;
    std::optional<std::size_t> winner;     ///< index into steps
    std::optional<std::size_t> undecided;  ///< the step whose regex match was undecided, when that decides the value
    value_origin origin = value_origin::unset;
    const option_def* option = nullptr;  ///< the schema's definition, when known
};

/// Resolves `option` for the scope named by `path` (instances need not be declared: a domain may
/// only match a regex, or nothing). The first step is the scope itself.
[[nodiscard]] resolution resolve_option(const effective_configuration& config, const schema& model,
                                        const std::vector<path_element>& path, std::string_view option);

/// Reports, as regex-match-limit, the regex instance whose undecided match leaves a resolution unknown.
void report_undecided(const resolution& r, diagnostic_sink& sink);

/// The fallback chain of a scope path, most specific first, without looking at any option.
[[nodiscard]] std::vector<resolution_step> fallback_chain(const effective_configuration& config,
                                                          const std::vector<path_element>& path);
/// The schema's definition of the scope a path names, if any.
[[nodiscard]] const scope_def* scope_definition(const schema& model, const std::vector<path_element>& path);
/// The schema's definition of an option in the scope a path names, if any.
[[nodiscard]] const option_def* option_definition(const schema& model, const std::vector<path_element>& path,
                                                  std::string_view option);
/// Resolves an option along a chain built by fallback_chain.
[[nodiscard]] resolution resolve_in_chain(std::vector<resolution_step> chain, const option_def* definition,
                                          std::string_view option);

/// A scope path and an option read from words, as `config eval` takes them.
struct scope_query {
    std::vector<path_element> path;
    std::string option;
    std::string error;  ///< why the words do not name a scope path, when not empty
};

/// Reads `binding_group g binding b domain example.com max_outbound_connections`: each scope keyword
/// takes the next word as its instance when the schema says it has one; the last word is the option.
[[nodiscard]] scope_query parse_scope_query(const schema& model, const std::vector<std::string>& words);

/// The path of a declared instance, as path elements.
[[nodiscard]] std::vector<path_element> path_of(const scope_instance& node);

// The effective configuration as JSON (`ecconf-check export`), with provenance for every value.
struct export_options {
    bool values_only = false;   ///< plain values instead of {value, origin, source...} objects
    bool resolve_all = false;   ///< every option valid in each declared scope, defaults included
    bool show_secrets = false;  ///< otherwise secret options print as "<redacted>"
    bool non_default = false;   ///< only values that differ from the schema's default (like postconf -n)
    bool as_conf = false;       ///< Momentum's own syntax instead of JSON (like nginx -T, sshd -T)
};

/// Writes the effective configuration as indented JSON (as nlohmann's dump(2)) followed by a line
/// break, one scope at a time: memory stays that of one scope's options, whatever the export's size.
/// With as_conf, the same scopes and values in Momentum's syntax, each value's origin in a comment.
void write_export(std::ostream& out, const effective_configuration& config, const schema& model,
                  const source_manager& sources, const export_options& options);

/// The value a resolution settled on, as typed JSON; null when unset. Unless shown, a secret option's value
/// is "<redacted>" and the secrets of `sources` are redacted in any other value.
[[nodiscard]] nlohmann::ordered_json resolved_value(const resolution& r, const source_manager& sources,
                                                    bool show_secrets);

/// A resolved value as a person reads it: a string bare, anything else as JSON, control characters escaped.
[[nodiscard]] std::string printable_value(const nlohmann::ordered_json& value);

/// A resolution as `eval --explain` prints it: one line per step of the fallback chain, most specific
/// first, each with its value and where it is set; `* ` marks the winner; then the default.
void write_resolution(std::ostream& out, const resolution& r, const source_manager& sources, bool show_secrets);

/// {"file", "line", "column"} of a statement's keyword.
[[nodiscard]] nlohmann::ordered_json location_json(const source_manager& sources, const statement_ref& st);

// Comparing two effective configurations (`ecconf-check diff OLD NEW`): every option and scope
// instance added, removed or changed, each classified as reload-safe or restart-required.
enum class change_kind { added, removed, changed };

[[nodiscard]] std::string_view to_string(change_kind kind) noexcept;

/// One difference between the old and the new configuration.
struct config_change {
    change_kind kind = change_kind::changed;
    std::string scope;                 ///< scope path: "global", "binding_group g binding b"
    std::string option;                ///< empty when a whole scope instance is added or removed
    nlohmann::ordered_json old_value;  ///< typed value; null when absent (or for a scope)
    nlohmann::ordered_json new_value;
    std::optional<source_range> old_location;  ///< the winning assignment, or the scope's first declaration
    std::optional<source_range> new_location;
    bool restart_required = false;
    std::string reason;  ///< why a restart is needed: "option flag", "scope 'security'"...
};

/// Compares node by node. Values are compared typed (typed_value): reordering, comments, keyword
/// case and moving a statement to another file are not changes. Values of secret options show as
/// "<redacted>", and `secrets` (the source_manager's) are redacted in every other value.
[[nodiscard]] std::vector<config_change> diff_configurations(const effective_configuration& old_config,
                                                             const effective_configuration& new_config,
                                                             const schema& model, const secret_values& secrets);

/// One `restart-required` warning per change that needs a restart: at the new location (the old one
/// for a removal), with the old location as related.
void report_restart_required(const std::vector<config_change>& changes, diagnostic_sink& sink);

/// "changed global max_outbound_connections: 20 -> 30 [reload-safe] (new/ecelerity.conf:3:1, was old/ecelerity.conf:3:1)"
[[nodiscard]] std::string change_text(const config_change& change, const source_manager& sources);
/// {"kind", "scope", "option", "old", "new", "old_location", "new_location", "restart_required", "reason"}.
[[nodiscard]] nlohmann::ordered_json change_json(const config_change& change, const source_manager& sources);

// The parsed tree (after includes) as JSON, for scripts and for `ecconf-check dump`.
/// Each statement with its kind, keyword, instance or value, location and nested block.
[[nodiscard]] nlohmann::ordered_json dump_tree(const loaded_configuration& configuration,
                                               const source_manager& sources);

/// A value as JSON: scalars as strings, lists as arrays, dictionaries as objects in written order.
[[nodiscard]] nlohmann::ordered_json value_to_json(const value_ref& v);

}  // namespace ecconf
