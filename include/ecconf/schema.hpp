#pragma once
/// The schema model: scopes, options and modules as described by schemas/{scopes,options,modules}.json.

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ecconf/diagnostic.hpp"
#include "ecconf/syntax_tree.hpp"

namespace ecconf {

// clang-format off
enum class type_kind {
    boolean, integer, unsigned_integer, seconds, bytes, octal_mode, floating, throttle, enumeration, string, path,
    list, dictionary, socket_address, ip_address, cidr, hostname, domain, regex, email, user, group, capabilities,
    privileges, reference, one_of, any
};
// clang-format on

/// A value type (the TYPE grammar of DECISIONS.md).
struct value_type {
    type_kind kind = type_kind::any;
    std::optional<double> min;
    std::optional<double> max;
    std::vector<std::string> values;  ///< enumeration values (lowercase)
    std::vector<value_type> parts;    ///< list: element; dictionary: value type (optional); one_of: alternatives
    std::string reference_kind;       ///< reference: threadpool, datasource...

    /// A short description: "unsigned integer (1..65535)", "list of domain".
    [[nodiscard]] std::string describe() const;
    /// A compact name for listings: "integer[1..65535]", "list of domain", "enum(http|https)".
    [[nodiscard]] std::string name() const;
};

enum class instance_rule { required, forbidden, optional };

/// A Momentum release by its numbers: {4, 2, 1, 11}. As a target, a shorter one stands for the newest
/// release of its line: "4" is the newest 4.x, "4.2" the newest 4.2.x.
using version = std::vector<unsigned>;

/// "3.6" -> {3, 6}; nullopt unless numbers joined by dots.
[[nodiscard]] std::optional<version> parse_version(std::string_view text);
[[nodiscard]] std::string version_text(const version& v);

/// The releases a module, scope or option exists in: the `versions` of schemas/DECISIONS.md, "Versions".
struct version_ranges {
    struct range {
        version from;
        version to;  ///< empty: and later; shorter than a release: to the end of its line ("3": every 3.x)
    };
    std::vector<range> ranges;  ///< empty: every version

    [[nodiscard]] bool contains(const version& target) const;
    /// Whether the target is newer than the last range: removed.
    [[nodiscard]] bool ends_before(const version& target) const;
    /// Whether the newest release has it.
    [[nodiscard]] bool open_ended() const noexcept { return ranges.empty() || ranges.back().to.empty(); }
    /// "3.6.5 to 3.x, 4.2 and later"
    [[nodiscard]] std::string describe() const;
};

struct option_def {
    std::string name;  ///< lowercase
    value_type type;
    std::optional<std::string> default_text;
    nlohmann::json default_value;  ///< the default as typed JSON (null when none), for the export
    bool restart_required = false;
    bool secret = false;
    version_ranges versions;
    std::string deprecated;  ///< non-empty when deprecated: the reason
    std::string module;      ///< module that adds this option to a core scope, else empty
    std::vector<std::string>
        requires_modules;  ///< modules that must be declared when this option is set (missing-module)
    std::string note;
    std::string source;
};

enum class scope_origin { core, module, module_sub_scope };

/// A scope: a core scope, a module stanza, or a module's private sub-scope.
struct scope_def {
    std::string key;      ///< unique: "domain", "ec_logger", "auth_ds.scheme.authenticate"
    std::string keyword;  ///< as written, lowercase: "domain", "ec_logger", "authenticate"
    scope_origin origin = scope_origin::core;
    std::string module;  ///< owning module (module and sub-scopes)
    instance_rule instance = instance_rule::optional;
    std::string instance_kind;         ///< binding_name, domain, host, socket_address, cidr, ip_address, name...
    std::vector<std::string> parents;  ///< keys of the scopes this one may stand in
    bool restart_required = false;
    bool singleton = false;  ///< modules only
    bool options_complete = true;
    std::vector<std::string> requires_modules;
    bool implicit = false;    ///< modules only: loaded without a stanza (ds_core), so always present
    version_ranges versions;  ///< core scopes and modules; a module's sub-scopes go with it
    std::map<std::string, option_def, std::less<>> options;  ///< by lowercase name
    std::string note;
    std::string source;

    /// The option of this name (any case), or nullptr.
    [[nodiscard]] const option_def* find_option(std::string_view name) const;

    /// The option whose name has this index in schema::names(), or nullptr.
    [[nodiscard]] const option_def* find_option(name_id name) const;

    /// `options` hashed, filled when the schema is loaded: every statement of a configuration looks here.
    std::unordered_map<std::string_view, const option_def*> option_index;
    /// `options` by their index in schema::names(), sorted: the lookup of a seeded run (name_table::seed).
    std::vector<std::pair<name_id, const option_def*>> options_by_name_id;
};

/// The whole schema, with case-insensitive lookups.
/// How messages name a scope: "scope 'domain'", "module 'ec_logger'", "scope 'scheme' of module 'auth_ds'".
[[nodiscard]] std::string scope_label(const scope_def& scope);

class schema {
public:
    /// Loads the three JSON documents; throws std::runtime_error (or a json exception) on malformed data.
    static schema load(std::string_view scopes_json, std::string_view options_json, std::string_view modules_json);

    [[nodiscard]] const scope_def* scope(std::string_view key) const;
    /// The option `name` in scope `key`, or nullptr.
    [[nodiscard]] const option_def* option(std::string_view key, std::string_view name) const;
    /// Every scope whose keyword is `keyword` (several: `node`, `script`, `scheme`).
    [[nodiscard]] const std::vector<const scope_def*>& scopes_with_keyword(std::string_view keyword) const;
    /// Keys of the scopes where an option of this name is valid.
    [[nodiscard]] std::vector<std::string> scopes_with_option(std::string_view name) const;
    /// The child scopes valid inside `key` (including modules at global).
    [[nodiscard]] const std::vector<const scope_def*>& children(std::string_view key) const;
    /// The scope a stanza `keyword` opens inside scope `parent_key`, or nullptr when it cannot stand there.
    [[nodiscard]] const scope_def* child(std::string_view parent_key, std::string_view keyword) const;
    [[nodiscard]] const std::vector<scope_def>& scopes() const noexcept { return scopes_; }
    /// Every option name and scope keyword of the schema, sorted. A run's name table seeded with them
    /// (name_table::seed) gives each the id of its index here, so that options are found by integer.
    [[nodiscard]] const std::vector<std::string>& names() const noexcept { return names_; }
    /// The newest release the schema names: the default target.
    [[nodiscard]] const version& newest_version() const noexcept { return newest_; }
    /// `text` as a target version, the newest when empty; throws std::invalid_argument when not a version.
    [[nodiscard]] version target_version(std::string_view text) const;

    [[nodiscard]] std::size_t core_scope_count() const noexcept;
    [[nodiscard]] std::size_t module_count() const noexcept;
    [[nodiscard]] std::size_t sub_scope_count() const noexcept;
    /// Distinct (scope, option) pairs over all scopes.
    [[nodiscard]] std::size_t option_count() const noexcept;

    // The indexes point into scopes_: a copy would point into the original.
    schema(const schema&) = delete;
    schema& operator=(const schema&) = delete;
    schema(schema&&) = default;
    schema& operator=(schema&&) = default;
    ~schema() = default;

private:
    schema() = default;
    /// Fills the keyword and parent indexes once every scope is in place.
    void index_scopes();

    using scope_list = std::vector<const scope_def*>;
    std::vector<scope_def> scopes_;
    std::vector<std::string> names_;
    version newest_;
    std::map<std::string, std::size_t, std::less<>> by_key_;
    // Hashed by views of the scopes' own strings: every statement of a configuration is looked up here.
    std::unordered_map<std::string_view, scope_list> by_keyword_;  ///< global excluded
    std::unordered_map<std::string_view, scope_list> children_;    ///< by parent key
    std::unordered_map<std::string_view, std::vector<std::string>>
        scopes_by_option_;  ///< option name -> scope keys, in schema order
    std::unordered_map<std::string_view, std::unordered_map<std::string_view, const scope_def*>>
        child_by_keyword_;  ///< parent key, keyword
    friend struct schema_builder;
};

/// A scope by key ("auth_ds.scheme") or, when unique, by keyword ("scheme"); nullptr when unknown or ambiguous.
[[nodiscard]] const scope_def* find_scope(const schema& model, std::string_view key_or_keyword);
/// Why find_scope found nothing: the keys of the scopes sharing an ambiguous keyword, or the closest key
/// or keyword ("unknown scope 'lisen'; did you mean 'listen'?").
[[nodiscard]] std::string scope_not_found(const schema& model, std::string_view key_or_keyword);

/// `ecconf-check options SCOPE` as text: one "name = default  # type, restart" line per option of the target version.
[[nodiscard]] std::string options_listing_text(const scope_def& scope, const version& target);
/// The same as a JSON document (format 1).
[[nodiscard]] std::string options_listing_json(const scope_def& scope, const version& target);

/// The schema compiled into the program, loaded once.
[[nodiscard]] const schema& builtin_schema();

// The rule catalogue (schemas/rules.json): one entry per diagnostic rule, with its explanation.
/// What --fix can do for a rule's findings: nothing, or apply a safe fix, or offer an unsafe one
/// (some of its findings may still carry a safe fix, e.g. a single near miss among the candidates).
enum class fix_availability { none, safe, unsafe };

struct rule_info {
    std::string id;
    severity default_severity = severity::error;
    std::string summary;
    std::string explanation;
    std::string bad;                 ///< a configuration that triggers the rule
    std::string good;                ///< the same configuration, corrected
    nlohmann::json example_options;  ///< limits the examples need (e.g. a lower max_depth)
    bool default_enabled = true;     ///< false: reported only when enabled with --enable
    /// false: the finding means part of the configuration was not read, so no comment, --disable or
    /// baseline may hide it.
    bool suppressible = true;
    /// Whether its findings can carry a fix, and how freely --fix applies it.
    fix_availability fix = fix_availability::none;
    std::string fix_note;  ///< what the fix does, and when it is safe
};

[[nodiscard]] const std::vector<rule_info>& rule_catalogue();
[[nodiscard]] const rule_info* find_rule(std::string_view id);
/// What follows "unknown rule 'ID'" in every message: "(did you mean 'cross-file-override'? see --list-rules)",
/// or "(see --list-rules)" when no rule id is close.
[[nodiscard]] std::string unknown_rule_hint(std::string_view id);
/// Whether findings of this rule may be hidden by a suppression comment, --disable or a baseline.
[[nodiscard]] bool is_suppressible(std::string_view id);

// Checking a written value against a schema type.
/// Why a value does not fit its type.
struct value_problem {
    std::string message;     ///< "expected a boolean (...), got 'maybe'"
    source_range range;      ///< the offending value (or the character of a regex error)
    std::vector<fix> fixes;  ///< the word meant, for a misspelled boolean or enumeration value
};

/// Checks a value; returns nothing when it fits.
[[nodiscard]] std::optional<value_problem> check_value(const value_type& type, const value_ref& written);

/// Checks scalar text alone; returns the message, and sets `offset` to a byte offset inside the text when known.
[[nodiscard]] std::optional<std::string> check_scalar(const value_type& type, std::string_view text,
                                                      std::optional<std::size_t>& offset);

/// Compiles a PCRE2 pattern; on failure returns the PCRE2 message and sets `offset`.
[[nodiscard]] std::optional<std::string> regex_error(std::string_view pattern, std::size_t& offset);

/// Instance name kinds of scopes (binding_name, domain, host, socket_address, cidr, ip_address, name).
[[nodiscard]] std::optional<value_problem> check_instance_name(std::string_view kind, const value_ref& written);

/// The range of one character of a scalar, when its source text maps one to one; else the whole value.
[[nodiscard]] source_range character_range(const value_ref& written, std::size_t offset);

}  // namespace ecconf
