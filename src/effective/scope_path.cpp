// Reading `binding_group g binding b domain example.com max_outbound_connections` as a scope path
// and an option, the way ec_console's `config eval` takes them.

#include "ecconf/effective.hpp"

namespace ecconf {

scope_query parse_scope_query(const schema& model, const std::vector<std::string>& words)
{
    scope_query query;
    if (words.empty()) {
        query.error = "name an option, after the scopes that lead to it";
        return query;
    }
    const scope_def* scope = model.scope("global");
    const std::size_t last = words.size() - 1;
    for (std::size_t i = 0; i < last; ++i) {
        const auto keyword = ascii_lower(words[i]);
        const auto* child = scope ? model.child(scope->key, keyword) : nullptr;
        if (!child) {
            query.error =
                "'" + words[i] + "' is not a scope that can stand in " + (scope ? scope->key : std::string("global"));
            return query;
        }
        path_element element{keyword, {}};
        const bool next_is_scope = i + 1 < last && model.child(child->key, words[i + 1]);
        if (child->instance == instance_rule::required ||
            (child->instance == instance_rule::optional && i + 1 < last && !next_is_scope)) {
            if (i + 1 >= last) {
                query.error = "scope '" + keyword + "' needs an instance name before the option";
                return query;
            }
            element.instance = words[++i];
        }
        query.path.push_back(std::move(element));
        scope = child;
    }
    query.option = ascii_lower(words[last]);
    return query;
}

}  // namespace ecconf
