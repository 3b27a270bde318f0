// Merging: repeated stanzas of one scope instance become one node; the last assignment wins.

#include "ecconf/effective.hpp"
#include "ecconf/include_resolver.hpp"

namespace ecconf {
namespace {

// Domain and host names compare without case, like DNS; other instance names are exact.
std::string instance_key(std::string_view keyword, const statement& st)
{
    if (!st.has_instance) return {};
    const bool dns_name = (keyword == "domain" || keyword == "host") && st.instance().text.rfind('/', 0) != 0;
    return dns_name ? ascii_lower(st.instance().text) : st.instance().text;
}

class merger {
public:
    merger(const std::set<file_id>& cluster_files, const schema& model) : cluster_files_(cluster_files), model_(model) {}

    void merge(const std::vector<statement>& statements, scope_node& node)
    {
        for (const auto& st : statements) {
            if (st.kind == statement_kind::include) merge(st.body, node);
            else if (st.kind == statement_kind::option) assign(node, st);
            else if (node.parent == nullptr && st.name == "security" && in_cluster_file(st)) deferred_.push_back(&st);
            else enter(node, st);
        }
    }

    /// The first group that declares each binding or pathway.
    std::map<std::string, std::string, std::less<>> group_of;

    void finish(scope_node& global)
    {
        for (const auto* st : deferred_) enter(global, *st);
    }

private:
    bool in_cluster_file(const statement& st) const { return cluster_files_.count(st.range.file) > 0; }

    void enter(scope_node& node, const statement& st)
    {
        const auto key = instance_key(st.name, st);
        auto& target = node.index[scope_node::child_key(st.name, key)];
        if (!target) {
            node.children.push_back(std::make_unique<scope_node>());
            target = node.children.back().get();
            target->def = node.def ? model_.child(node.def->key, st.name) : nullptr;
            target->keyword = st.name;
            target->instance = key;
            target->has_instance = st.has_instance;
            target->parent = &node;
            if (key.size() >= 2 && key.front() == '/' && key.back() == '/') node.regex_children.push_back(target);
        }
        target->declarations.push_back(&st);
        const bool member = (node.keyword == "binding_group" && st.name == "binding") || (node.keyword == "pathway_group" && st.name == "pathway");
        if (member && node.parent && !node.parent->parent) group_of.emplace(scope_node::child_key(st.name, key), node.instance);
        merge(st.body, *target);
    }

    void assign(scope_node& node, const statement& st)
    {
        auto& slot = node.options[st.name];
        const bool cluster = in_cluster_file(st);
        if (slot.winner) {
            slot.shadowed.push_back(slot.winner);
            if (cluster && !slot.from_cluster) slot.overridden = slot.winner;
        }
        slot.winner = &st;
        slot.from_cluster = cluster;
    }

    const std::set<file_id>& cluster_files_;
    const schema& model_;
    std::vector<const statement*> deferred_;
};

}  // namespace

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
    for (const auto* n = &node; n->parent; n = n->parent) path.insert(path.begin(), path_element{n->keyword, n->instance});
    return path;
}

effective_configuration merge_configuration(const std::vector<const std::vector<statement>*>& trees, const std::set<file_id>& cluster_files,
                                            const schema& model)
{
    effective_configuration config;
    config.cluster_files = cluster_files;
    config.global->def = model.scope("global");
    config.global->keyword = "global";
    merger m(cluster_files, model);
    for (const auto* tree : trees) m.merge(*tree, *config.global);
    m.finish(*config.global);
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

void collect_files(const std::vector<statement>& statements, std::set<file_id>& files)
{
    for (const auto& st : statements) {
        files.insert(st.range.file);
        collect_files(st.body, files);
    }
}

}  // namespace

effective_configuration build_effective(const loaded_configuration& main, const loaded_configuration* cluster, const source_manager& sources,
                                        const schema& model)
{
    std::set<file_id> cluster_files;
    for (file_id id = 0; id < sources.file_count(); ++id)
        if (named_cluster_file(sources.file(id).path())) cluster_files.insert(id);
    std::vector<const std::vector<statement>*> trees{&main.statements};
    if (cluster) {
        cluster_files.insert(cluster->main);
        collect_files(cluster->statements, cluster_files);
        trees.push_back(&cluster->statements);
    }
    return merge_configuration(trees, cluster_files, model);
}

}  // namespace ecconf
