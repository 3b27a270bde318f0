#pragma once
// The one walk over a loaded configuration: every statement in order, through the files its includes
// brought in, with the schema scope it stands in resolved once. The validator, the checks, the merge,
// the secret collection and the dump are its visitors.

#include <string>

#include "ecconf/include_resolver.hpp"
#include "ecconf/schema.hpp"
#include "ecconf/syntax_tree.hpp"

namespace ecconf {

struct walk_step {
    statement_ref st;
    const scope_def* container = nullptr;  ///< the scope the statement stands in; nullptr inside an unknown scope
    const scope_def* scope = nullptr;      ///< scope statements: the container's child of that keyword, when known
    const option_def* option = nullptr;    ///< option statements: the container's option, when known
    const std::string& path;               ///< the container as "/key=instance/key..."
    const std::string& key;                ///< scope statements: instance_key() of the instance name, or empty
};

class walk_visitor {
public:
    virtual ~walk_visitor() = default;
    virtual void option(const walk_step& /*step*/) {}
    /// An include directive, before the statements it brought in.
    virtual void include(const walk_step& /*step*/) {}
    /// The same directive, after the statements it brought in.
    virtual void after_include(const walk_step& /*step*/) {}
    /// Whether to read a scope's body, and as which scope: `body_scope` starts as step.scope.
    virtual bool enter(const walk_step& /*step*/, const scope_def*& body_scope) { return body_scope != nullptr; }
    /// After a body that enter() let in.
    virtual void leave(const walk_step& /*step*/) {}
};

/// Walks the main file's statements from the global scope.
void walk_configuration(const loaded_configuration& configuration, const schema& model, walk_visitor& visitor);
/// Walks one statement of `configuration` that stands in `container` (a stanza whose walk was put off).
void walk_statement(const loaded_configuration& configuration, const schema& model, const statement_ref& st,
                    const scope_def* container, walk_visitor& visitor);

}  // namespace ecconf
