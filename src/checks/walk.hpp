#pragma once
// A read-only walk over the expanded tree with the schema scope each statement stands in.
// The validator reports unknown scopes and options; the checks only look at what resolves.

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "ecconf/schema.hpp"
#include "ecconf/syntax_tree.hpp"

namespace ecconf::checks {

struct walk_step {
    const statement& st;
    const scope_def& container;        ///< the scope the statement stands in
    const scope_def* scope = nullptr;  ///< scope statements: the resolved scope
    const option_def* option = nullptr;  ///< option statements: the option, when known
    const std::string& path;           ///< the container as "/key=instance/key..." (same as the validator's)
};

using walk_visitor = std::function<void(const walk_step&)>;

inline void walk_body(const std::vector<statement>& body, const schema& model, const scope_def& scope, const std::string& path,
                      const walk_visitor& visit)
{
    for (const auto& st : body) {
        switch (st.kind) {
        case statement_kind::include: walk_body(st.body, model, scope, path, visit); break;
        case statement_kind::option: visit({st, scope, nullptr, scope.find_option(st.name), path}); break;
        case statement_kind::scope: {
            const auto* child = model.child(scope.key, st.name);
            visit({st, scope, child, nullptr, path});
            if (!child) break;
            const auto child_path = path + "/" + child->key + (st.has_instance ? "=" + st.instance().text : std::string());
            walk_body(st.body, model, *child, child_path, visit);
            break;
        }
        }
    }
}

/// Visits every statement of a loaded configuration, includes expanded.
inline void walk_configuration(const std::vector<statement>& statements, const schema& model, const walk_visitor& visit)
{
    if (const auto* global = model.scope("global")) walk_body(statements, model, *global, "", visit);
}

}  // namespace ecconf::checks
