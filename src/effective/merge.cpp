// Merging: repeated stanzas of one scope instance become one node; the last assignment wins.

#include <algorithm>

#include "ecconf/effective.hpp"
#include "ecconf/include_resolver.hpp"
#include "load/walk.hpp"

namespace ecconf {

// Builds the instance table in one walk per configuration. Options are found through a hash of
// (instance, name) while merging, and each instance's options are sorted by name at the end.
class instance_table_builder : public walk_visitor {
public:
    instance_table_builder(effective_configuration& config, const schema& model) : config_(config), model_(model)
    {
        open_.push_back(&config.instances_.front());
    }

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
        for (auto& instance : config_.instances_)
            std::sort(instance.options.begin(), instance.options.end(),
                      [](const option_history& a, const option_history& b) { return a.name < b.name; });
    }

private:
    // A name by the address of its text: every tree of a run shares the run's name table, which
    // stores each name once.
    struct option_key {
        const scope_instance* instance;
        const char* name;
        bool operator==(const option_key& other) const { return instance == other.instance && name == other.name; }
    };
    struct option_key_hash {
        std::size_t operator()(const option_key& key) const
        {
            const std::hash<const void*> hash;
            return hash(key.instance) ^ (hash(key.name) * 0x9e3779b97f4a7c15u);
        }
    };

    void option(const walk_step& step) override
    {
        auto& instance = *open_.back();
        const bool cluster = config_.is_cluster_file(step.st.file());
        auto* found = find_history(instance, step.st);
        if (!found) {
            instance.options.push_back(option_history{step.st.name(), step.st, {}, cluster, std::nullopt});
            if (instance.options.size() > scan_limit) index_options(instance);
            return;
        }
        auto& history = *found;
        if (cluster && !history.from_cluster) history.overridden = history.winner;
        history.shadowed.push_back(history.winner);
        history.winner = step.st;
        history.from_cluster = cluster;
    }

    // Most instances set a few options: a scan of them (names are interned, so their texts compare by
    // address) beats a hash table. An instance past the limit is indexed in the table.
    static constexpr std::size_t scan_limit = 16;

    option_history* find_history(scope_instance& instance, const statement_ref& st)
    {
        if (instance.options.size() <= scan_limit) {
            const auto name = st.name();
            for (auto& history : instance.options)
                if (history.name.data() == name.data()) return &history;
            return nullptr;
        }
        const auto found = option_index_.find({&instance, st.name().data()});
        return found == option_index_.end() ? nullptr : &instance.options[found->second];
    }

    // Indexes the options an instance has beyond the scan limit: all of them when it first passes it,
    // the newest one after that.
    void index_options(scope_instance& instance)
    {
        const auto first = instance.options.size() == scan_limit + 1 ? 0 : instance.options.size() - 1;
        for (auto i = first; i < instance.options.size(); ++i)
            option_index_.emplace(option_key{&instance, instance.options[i].name.data()}, i);
    }

    bool enter(const walk_step& step, const scope_def*& /*body_scope*/) override
    {
        const auto& st = step.st;
        auto& parent = *open_.back();
        if (parent.parent == nullptr && st.name() == "security" && config_.is_cluster_file(st.file()) && !finishing_) {
            deferred_.emplace_back(configuration_, st);
            return false;
        }
        auto* target = find_or_add(parent, st, step.key);
        target->declarations.push_back(st);
        const bool member = (parent.keyword == "binding_group" && st.name() == "binding") ||
                            (parent.keyword == "pathway_group" && st.name() == "pathway");
        if (member && parent.parent && !parent.parent->parent)
            config_.group_of_.emplace(std::make_pair(std::string(st.name()), step.key), parent.instance);
        open_.push_back(target);
        return true;
    }

    void leave(const walk_step& /*step*/) override { open_.pop_back(); }

    scope_instance* find_or_add(scope_instance& parent, const statement_ref& st, const std::string& key)
    {
        const auto found = config_.children_.find({&parent, st.name(), key});
        if (found != config_.children_.end()) return found->second;
        auto& added = config_.instances_.emplace_back();
        added.def = parent.def ? model_.child(parent.def->key, st.name()) : nullptr;
        added.keyword = st.name();
        added.instance = key;
        added.has_instance = st.has_instance();
        added.parent = &parent;
        parent.children.push_back(&added);
        if (is_regex_instance(key)) parent.regex_children.push_back(&added);
        config_.children_.emplace(effective_configuration::child_key{&parent, added.keyword, added.instance}, &added);
        return &added;
    }

    effective_configuration& config_;
    const schema& model_;
    std::vector<scope_instance*> open_;  ///< the instances open around the statement being merged, innermost last
    std::unordered_map<option_key, std::size_t, option_key_hash> option_index_;
    const loaded_configuration* configuration_ = nullptr;
    std::vector<std::pair<const loaded_configuration*, statement_ref>> deferred_;
    bool finishing_ = false;
};

effective_configuration::effective_configuration() { instances_.emplace_back(); }

std::size_t effective_configuration::child_key_hash::operator()(const child_key& key) const
{
    const std::hash<std::string_view> hash;
    return hash(key.instance) ^ (hash(key.keyword) * 31) ^ (std::hash<const void*>{}(key.parent) * 131);
}

const scope_instance* effective_configuration::child(const scope_instance& parent, std::string_view keyword,
                                                     std::string_view instance) const
{
    const auto found = children_.find({&parent, keyword, instance});
    return found == children_.end() ? nullptr : found->second;
}

std::optional<std::string_view> effective_configuration::group_of(std::string_view member_keyword,
                                                                  std::string_view member) const
{
    const auto found = group_of_.find({std::string(member_keyword), std::string(member)});
    if (found == group_of_.end()) return std::nullopt;
    return std::string_view(found->second);
}

const option_history* scope_instance::option(std::string_view name) const
{
    const auto found = std::lower_bound(options.begin(), options.end(), name,
                                        [](const option_history& h, std::string_view n) { return h.name < n; });
    return found != options.end() && found->name == name ? &*found : nullptr;
}

bool is_regex_instance(std::string_view name) { return name.size() >= 2 && name.front() == '/' && name.back() == '/'; }

std::string instance_key(std::string_view keyword, std::string_view written_name)
{
    const bool dns_name = (keyword == "domain" || keyword == "host") && !is_regex_instance(written_name);
    return dns_name ? ascii_lower(written_name) : std::string(written_name);
}

std::string scope_instance::path() const
{
    if (!parent) return "global";
    const auto above = parent->parent ? parent->path() + " " : std::string();
    return above + keyword + (has_instance ? " " + instance : std::string());
}

std::vector<path_element> path_of(const scope_instance& node)
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
    config.cluster_files_ = cluster_files;
    auto& global = config.instances_.front();
    global.def = model.scope("global");
    global.keyword = "global";
    instance_table_builder builder(config, model);
    for (const auto* configuration : configurations) builder.merge(*configuration);
    builder.finish();
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
