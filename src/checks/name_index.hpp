#pragma once
/// The names a configuration declares (thread pools, event loops, pathways, bindings, datasources, virtual
/// domains...) and the option values that refer to them: what undefined-reference checks, and what the
/// language server navigates and renames.

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ecconf/include_resolver.hpp"
#include "ecconf/schema.hpp"
#include "load/walk.hpp"

namespace ecconf {

/// A stanza's instance name that declares something other options may name.
struct name_declaration {
    std::string
        kind;  ///< threadpool, eventloop, pathway, pathway_group, binding, binding_group, datasource, virtual_domain
    std::string name;    ///< as written
    source_range range;  ///< the instance name, quotes included
};

/// An option value naming a declaration.
struct name_reference {
    std::string kind;         ///< as name_declaration::kind
    std::string name;         ///< as written
    source_range range;       ///< the name alone: the value, or the name inside ":datasource:name:..."
    std::string_view option;  ///< the option's keyword as written
};

class name_index {
public:
    /// Declarations by kind, each in the order the walk met them (a file included twice is met twice).
    std::map<std::string, std::vector<name_declaration>> declarations;
    std::vector<name_reference> references;

    /// Binding and binding group names are case-sensitive (LANGUAGE.md); the manuals say nothing for the others.
    [[nodiscard]] static bool case_sensitive(std::string_view kind);
    /// The form under which two names of a kind are the same name.
    [[nodiscard]] static std::string key_of(std::string_view kind, std::string_view name);
    /// Thread pools Momentum creates itself (4/config/ref-threadpool).
    [[nodiscard]] static const std::vector<std::string>& builtin_thread_pools();
    /// A name Momentum provides without a declaration: a builtin thread pool, the default binding (group).
    [[nodiscard]] static bool is_implicit(std::string_view kind, std::string_view name);
    /// The key of the scope whose instance names declare a kind ("domain" for virtual_domain); "" for none.
    [[nodiscard]] static std::string declaring_scope(std::string_view kind);
    /// "thread pool", "event loop"... for messages.
    [[nodiscard]] static std::string describe_kind(std::string_view kind);

    /// Whether `name` is declared, or provided by Momentum, as a `kind`.
    [[nodiscard]] bool is_declared(const std::string& kind, std::string_view name) const;
    /// The builtin names of the kind, then those declared, as written (repeats included).
    [[nodiscard]] std::vector<std::string> names_of(const std::string& kind) const;
    /// The first declaration written exactly `name`, or nullptr.
    [[nodiscard]] const name_declaration* first_declaration(const std::string& kind, std::string_view name) const;
    /// The declarations and references of the same name as (kind, name).
    [[nodiscard]] std::vector<const name_declaration*> declarations_of(const std::string& kind,
                                                                       std::string_view name) const;
    [[nodiscard]] std::vector<const name_reference*> references_to(const std::string& kind,
                                                                   std::string_view name) const;

private:
    friend class name_collector;
    std::map<std::string, std::set<std::string>> declared_keys_;  ///< key_of() of each declaration, by kind
};

/// Fills a name_index from the steps of a walk; a visitor with more to do derives from it (one walk for both).
class name_collector : public walk_visitor {
public:
    void option(const walk_step& step) override;
    bool enter(const walk_step& step, const scope_def*& body_scope) override;

    name_index names;  ///< what the walk met so far

private:
    void collect(const value_type& type, const value_ref& v, std::string_view option);
    void add_reference(const std::string& kind, const value_ref& written, std::string_view option);
};

/// The names of a configuration and, read after it, of its cluster file (nullptr when none).
[[nodiscard]] name_index index_names(const loaded_configuration& configuration, const loaded_configuration* cluster,
                                     const schema& model);

}  // namespace ecconf
