#include "load/walk.hpp"

#include "ecconf/effective.hpp"

namespace ecconf {
namespace {

class walker {
public:
    walker(const loaded_configuration& configuration, const schema& model, walk_visitor& visitor)
        : configuration_(configuration), model_(model), visitor_(visitor),
          seeded_(configuration.trees.at(configuration.main).names().seeded_with(model.names()))
    {}

    template <typename Statements>
    void walk_body(const Statements& body, const scope_def* container, const std::string& path, std::uint32_t depth)
    {
        for (const auto st : body) walk(st, container, path, depth);
    }

    void walk(const statement_ref& st, const scope_def* container, const std::string& path, std::uint32_t depth)
    {
        switch (st.kind()) {
        case node_kind::option:
            visitor_.option({st, container, nullptr, container ? option_of(*container, st) : nullptr, path, no_key_});
            break;
        case node_kind::include: {
            const walk_step step{st, container, nullptr, nullptr, path, no_key_};
            visitor_.include(step);
            for (const auto& body : configuration_.brought_in(st)) walk_body(body, container, path, depth);
            visitor_.after_include(step);
            break;
        }
        case node_kind::scope: {
            // The stanza's scope and instance key are resolved here once for every visitor.
            const auto key = st.has_instance() ? instance_key(st.name(), st.instance().text()) : std::string();
            const walk_step step{st,      container, container ? model_.child(container->key, st.name()) : nullptr,
                                 nullptr, path,      key};
            const auto* body_scope = step.scope;
            if (!visitor_.enter(step, body_scope)) break;
            // Past --max-depth through included files, a body is not read (the loader reported it).
            if (depth < configuration_.max_scope_depth) {
                const auto body_path = path + "/" + (body_scope ? body_scope->key : std::string(st.name())) +
                                       (st.has_instance() ? "=" + key : std::string());
                walk_body(st.body(), body_scope, body_path, depth + 1);
            }
            visitor_.leave(step);
            break;
        }
        default: break;
        }
    }

private:
    // By the name's id when the run's names were seeded with the schema's: no string is hashed.
    [[nodiscard]] const option_def* option_of(const scope_def& container, const statement_ref& st) const
    {
        if (!seeded_) return container.find_option(st.name());
        return st.name_index() < model_.names().size() ? container.find_option(st.name_index()) : nullptr;
    }

    const loaded_configuration& configuration_;
    const schema& model_;
    walk_visitor& visitor_;
    const std::string no_key_;
    const bool seeded_;
};

}  // namespace

void walk_configuration(const loaded_configuration& configuration, const schema& model, walk_visitor& visitor)
{
    walker(configuration, model, visitor)
        .walk_body(configuration.statements(), model.scope("global"), std::string(), 0);
}

void walk_statement(const loaded_configuration& configuration, const schema& model, const statement_ref& st,
                    const scope_def* container, walk_visitor& visitor)
{
    walker(configuration, model, visitor).walk(st, container, std::string(), 0);
}

}  // namespace ecconf
