// Merging: repeated stanzas of one scope instance become one node; the last assignment wins.

#include "ecconf/effective.hpp"
#include "ecconf/include_resolver.hpp"
#include "load/walk.hpp"

namespace ecconf {
namespace {

class merger : public walk_visitor {
public:
    merger(const std::set<file_id>& cluster_files, const schema& model, scope_node& global)
        : cluster_files_(cluster_files), model_(model), nodes_{&global}
    {}

    void merge(const loaded_configuration& configuration)
    {
        configuration_ = &configuration;
        walk_configuration(configuration, model_, *this);
    }

    void finish()
    {
        finishing_ = true;
        for (const auto& [configuration, st] : deferred_)
            walk_statement(*configuration, model_, st, model_.scope("global"), *this);
    }

    /// The first group that declares each binding or pathway.
    std::map<std::string, std::string, std::less<>> group_of;

private:
    void option(const walk_step& step) override
    {
        auto& slot = nodes_.back()->options[step.st.name()];
        const bool cluster = in_cluster_file(step.st);
        if (slot.winner) {
            slot.shadowed.push_back(*slot.winner);
            if (cluster && !slot.from_cluster) slot.overridden = slot.winner;
        }
        slot.winner = step.st;
        slot.from_cluster = cluster;
    }

    bool enter(const walk_step& step, const scope_def*& /*body_scope*/) override
    {
        const auto& st = step.st;
        auto& node = *nodes_.back();
        if (node.parent == nullptr && st.name() == "security" && in_cluster_file(st) && !finishing_) {
            deferred_.emplace_back(configuration_, st);
            return false;
        }
        const auto& key = step.key;
        auto& target = node.index[scope_node::child_key(st.name(), key)];
        if (!target) {
            node.children.push_back(std::make_unique<scope_node>());
            target = node.children.back().get();
            target->def = node.def ? model_.child(node.def->key, st.name()) : nullptr;
            target->keyword = st.name();
            target->instance = key;
            target->has_instance = st.has_instance();
            target->parent = &node;
            if (is_regex_instance(key)) node.regex_children.push_back(target);
        }
        target->declarations.push_back(st);
        const bool member = (node.keyword == "binding_group" && st.name() == "binding") ||
                            (node.keyword == "pathway_group" && st.name() == "pathway");
        if (member && node.parent && !node.parent->parent)
            group_of.emplace(scope_node::child_key(st.name(), key), node.instance);
        nodes_.push_back(target);
        return true;
    }

    void leave(const walk_step& /*step*/) override { nodes_.pop_back(); }

    bool in_cluster_file(const statement_ref& st) const { return cluster_files_.count(st.file()) > 0; }

    const std::set<file_id>& cluster_files_;
    const schema& model_;
    std::vector<scope_node*> nodes_;  ///< the instances open around the statement being merged, innermost last
    const loaded_configuration* configuration_ = nullptr;
    std::vector<std::pair<const loaded_configuration*, statement_ref>> deferred_;
    bool finishing_ = false;
};

}  // namespace

bool is_regex_instance(std::string_view name) { return name.size() >= 2 && name.front() == '/' && name.back() == '/'; }

std::string instance_key(std::string_view keyword, std::string_view written_name)
{
    const bool dns_name = (keyword == "domain" || keyword == "host") && !is_regex_instance(written_name);
    return dns_name ? ascii_lower(written_name) : std::string(written_name);
}

std::string scope_node::child_key(std::string_view keyword_wanted, std::string_view instance_wanted)
{
    std::string key(keyword_wanted);
    key += '\0';
    key += instance_wanted;
    return key;
}

const scope_node* scope_node::child(std::string_view keyword_wanted, std::string_view instance_wanted) const
{
    const auto found = index.find(child_key(keyword_wanted, instance_wanted));
    return found == index.end() ? nullptr : found->second;
}

std::string scope_node::path() const
{
    if (!parent) return "global";
    const auto above = parent->parent ? parent->path() + " " : std::string();
    return above + keyword + (has_instance ? " " + instance : std::string());
}

std::vector<path_element> path_of(const scope_node& node)
{
    std::vector<path_element> path;
    for (const auto* n = &node; n->parent; n = n->parent)
        path.insert(path.begin(), path_element{n->keyword, n->instance});
    return path;
}

effective_configuration merge_configuration(const std::vector<const loaded_configuration*>& configurations,
                                            const std::set<file_id>& cluster_files, const schema& model)
{
    effective_configuration config;
    config.cluster_files = cluster_files;
    config.global->def = model.scope("global");
    config.global->keyword = "global";
    merger m(cluster_files, model, *config.global);
    for (const auto* configuration : configurations) m.merge(*configuration);
    m.finish();
    config.group_of = std::move(m.group_of);
    return config;
}

namespace {

bool named_cluster_file(const std::string& path)
{
    constexpr std::string_view name = "ecelerity-cluster.conf";
    return path.size() >= name.size() && path.compare(path.size() - name.size(), name.size(), name) == 0 &&
           (path.size() == name.size() || path[path.size() - name.size() - 1] == '/');
}

}  // namespace

effective_configuration build_effective(const loaded_configuration& main, const loaded_configuration* cluster,
                                        const source_manager& sources, const schema& model)
{
    std::set<file_id> cluster_files;
    for (file_id id = 0; id < sources.file_count(); ++id)
        if (named_cluster_file(sources.file(id).path())) cluster_files.insert(id);
    std::vector<const loaded_configuration*> configurations{&main};
    if (cluster) {
        for (const auto& [file, tree] : cluster->trees) cluster_files.insert(file);
        configurations.push_back(cluster);
    }
    return merge_configuration(configurations, cluster_files, model);
}

}  // namespace ecconf
