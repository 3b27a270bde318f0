#include "ecconf/include_resolver.hpp"

#include <map>
#include <set>
#include <utility>

#include <sys/utsname.h>

#include "ecconf/rule_ids.hpp"
#include "text/did_you_mean.hpp"

namespace ecconf {
namespace {

// One include being followed, for cycle detection and for naming the chain in messages.
struct active_file {
    file_identity identity;
    std::string path;  ///< as reached, for messages
    source_range directive;
};

bool is_refused(file_kind kind) { return kind == file_kind::outside_root; }

bool ends_with(const std::string& text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// What editors, patch and the package managers leave beside a file they replace: Momentum loads them with
// the rest of the directory, so an old copy of a stanza comes back. Hidden files (.x.swp) are skipped anyway.
bool is_backup_name(const std::string& name)
{
    for (const std::string_view suffix : {".bak", "~", ".orig", ".swp", ".rpmsave", ".rpmnew"})
        if (ends_with(name, suffix)) return true;
    return (name.size() > 1 && name.front() == '#' && name.back() == '#') || name.find(".dpkg-") != std::string::npos;
}

class include_resolver {
public:
    include_resolver(const file_system& files, source_manager& sources, diagnostic_sink& sink,
                     const load_options& options)
        : files_(files), sources_(sources), sink_(sink), options_(options),
          search_path_(options.search_path.empty() ? momentum_default_search_path() : options.search_path)
    {}

    std::optional<loaded_configuration> load_main(const std::string& path)
    {
        auto read = files_.read(path, options_.max_file_size);
        if (read.ok() && read.status.kind != file_kind::regular) read.status.error = "is a directory";
        if (!read.ok()) {
            const auto id = sources_.add(path, {});
            sink_.report(read_failure_rule(read), {id, 0, 0}, "cannot read '" + path + "': " + read.status.error);
            return std::nullopt;
        }
        total_size_ = read.bytes.size();
        loaded_.main = sources_.add(path, std::move(read.bytes));
        loaded_.root = sources_.add_inclusion(inclusion{loaded_.main, {}, no_inclusion});
        loaded_.max_scope_depth = options_.parse.max_depth;
        stack_.push_back(active_file{read.status.identity, path, {}});
        read_files_.emplace(read.status.identity, loaded_.main);
        expand(parse(loaded_.main, loaded_.root).statements(loaded_.root));
        loaded_.files_read = read_files_.size();
        return std::move(loaded_);
    }

private:
    const syntax_tree& parse(file_id file, inclusion_id origin)
    {
        const auto first_new = sink_.size();
        const auto& parsed =
            loaded_.trees.emplace(file, parse_source(sources_, file, sink_, options_.parse)).first->second;
        add_include_chain(first_new, origin);
        return parsed;
    }

    // Diagnostics inside an included file name the directives that led there, innermost first.
    void add_include_chain(std::size_t first_new, inclusion_id origin)
    {
        for (auto i = first_new; i < sink_.size(); ++i)
            for (auto at = origin; at != no_inclusion && sources_.inclusion_at(at).parent != no_inclusion;
                 at = sources_.inclusion_at(at).parent)
                sink_[i].related.push_back(related_location{sources_.inclusion_at(at).directive, "included from here"});
    }

    // Follows the includes of a body, the bodies of its scopes included.
    void expand(child_range<statement_ref> body)
    {
        for (const auto st : body) {
            if (st.is_scope() && within_nesting_limit(st)) {
                ++scope_depth_;
                expand(st.body());
                --scope_depth_;
            }
            if (st.is_include() && options_.follow_includes) follow(st);
        }
    }

    // --max-depth holds for scopes nested through includes too: each file is within it on its own,
    // but a chain of included files could nest thousands deep. Past it, a scope's body is not read.
    bool within_nesting_limit(const statement_ref& scope)
    {
        if (scope_depth_ < loaded_.max_scope_depth) return true;
        sink_.report(rules::limit_exceeded, scope.keyword_range(),
                     "scopes nested deeper than " + std::to_string(options_.parse.max_depth) +
                         " levels through included files; the body of this one is not read (see --max-depth)");
        return false;
    }

    void follow(const statement_ref& directive)
    {
        const auto& including = sources_.file(directive.file()).path();
        if (!within_include_limits(directive)) return;
        const auto written = std::string(directive.path().text());
        const auto target = locate(written, parent_path(including));
        if (!target) {
            const auto near = near_miss(written, parent_path(including));
            sink_.report(rules::include_not_found, directive.path().range(),
                         "cannot find '" + written + "' to include" + searched_places(including) +
                             (near.empty() ? "" : "; did you mean '" + near + "'?"));
            return;
        }
        const auto status = files_.stat(*target);
        if (status.kind != file_kind::directory) {
            include_file(directive, *target, status);
            return;
        }
        const auto listing = files_.read(*target, options_.max_file_size);
        if (!listing.ok()) {
            sink_.report(read_failure_rule(listing), directive.path().range(),
                         "cannot list included directory '" + *target + "': " + listing.status.error);
            return;
        }
        for (const auto& name : listing.entries) {
            const auto path = join_path(*target, name);
            const auto entry = files_.stat(path);
            // A symbolic link to a directory is not read, as a subdirectory is not.
            if (entry.kind == file_kind::directory) continue;
            if (is_backup_name(name))
                sink_.report(rules::backup_file_included, directive.path().range(),
                             "'" + path + "' looks like a backup or editor file, yet including directory '" + written +
                                 "' loads it like any other file; move it out of the directory");
            include_file(directive, path, entry);
        }
    }

    // The first place a relative include exists: beside the including file, then the search path.
    // Under --include-root, a directory outside the roots is never looked in; a path that a symbolic
    // link leads outside, or an absolute path outside, is found and then refused, whether it exists or not.
    std::optional<std::string> locate(const std::string& path, const std::string& including_directory) const
    {
        if (path.empty()) return std::nullopt;
        if (path.front() == '/')
            return files_.stat(path).kind == file_kind::missing ? std::nullopt : std::optional(path);
        for (const auto& directory : searched_directories(including_directory)) {
            const auto candidate = join_path(directory, path);
            if (files_.stat(candidate).kind != file_kind::missing) return candidate;
        }
        return std::nullopt;
    }

    // The written path with its last component replaced by the closest name in a directory it would be
    // looked for in (ecelerity_cluster.conf for ecelerity-cluster.conf); "" when none is close.
    std::string near_miss(const std::string& written, const std::string& including_directory) const
    {
        const auto slash = written.rfind('/');
        const auto written_directory = slash == std::string::npos ? std::string() : written.substr(0, slash + 1);
        const auto name = written.substr(written_directory.size());
        if (name.empty()) return {};
        std::vector<std::string> listed{written_directory};
        if (written.front() != '/') {
            listed.clear();
            for (const auto& directory : searched_directories(including_directory))
                listed.push_back(written_directory.empty() ? directory : join_path(directory, written_directory));
        }
        for (const auto& directory : listed) {
            const auto listing = files_.read(directory, options_.max_file_size);
            if (!listing.ok()) continue;
            const auto best = closest_match(name, listing.entries);
            if (!best.empty()) return written_directory + best;
        }
        return {};
    }

    // Beside the including file, then the search path, without the directories outside the roots.
    std::vector<std::string> searched_directories(const std::string& including_directory) const
    {
        std::vector<std::string> directories;
        for (const auto& directory : places_for(including_directory))
            if (!is_refused(files_.stat(directory).kind)) directories.push_back(directory);
        return directories;
    }

    std::vector<std::string> places_for(const std::string& including_directory) const
    {
        std::vector<std::string> places{including_directory};
        places.insert(places.end(), search_path_.begin(), search_path_.end());
        return places;
    }

    // Names only the directories that were looked in: under --include-root, not those outside the roots.
    std::string searched_places(const std::string& including) const
    {
        const auto searched = searched_directories(parent_path(including));
        std::string text = " (looked in ";
        for (const auto& directory : searched) text += (&directory == &searched.front() ? "" : ", ") + directory;
        if (searched.empty()) text += "no directory";
        const auto outside = places_for(parent_path(including)).size() - searched.size();
        if (outside > 0) text += "; " + std::to_string(outside) + " outside the include roots not searched";
        return text + ")";
    }

    void include_file(const statement_ref& directive, const std::string& path, const file_status& status)
    {
        if (is_refused(status.kind)) {
            sink_.report(rules::include_outside_root, directive.path().range(),
                         "include of '" + path + "' refused: " + status.error);
            return;
        }
        if (!admit(directive, path, status.identity)) return;
        const auto known = status.kind == file_kind::regular ? read_files_.find(status.identity) : read_files_.end();
        const auto file = known != read_files_.end() ? known->second : read(directive, path);
        if (file == no_file || !within_total_size(directive, path, file)) return;
        ++instances_;
        const auto inclusion = sources_.add_inclusion(ecconf::inclusion{file, directive.range(), directive.origin()});
        loaded_.included[{directive.origin(), directive.id()}].push_back({inclusion, file});
        stack_.push_back(active_file{status.identity, path, directive.range()});
        const auto& tree = known != read_files_.end() ? loaded_.trees.at(file) : parse(file, inclusion);
        expand(tree.statements(inclusion));
        stack_.pop_back();
    }

    // A file included several times is read and parsed once.
    file_id read(const statement_ref& directive, const std::string& path)
    {
        auto content = files_.read(path, options_.max_file_size);
        if (content.ok() && content.status.kind != file_kind::regular) content.status.error = "is a directory";
        if (!content.ok()) {
            sink_.report(read_failure_rule(content), directive.path().range(),
                         "cannot read included file '" + path + "': " + content.status.error);
            return no_file;
        }
        const auto file = sources_.add(path, std::move(content.bytes));
        read_files_.emplace(content.status.identity, file);
        return file;
    }

    static rule_ref read_failure_rule(const file_content& content)
    {
        if (content.too_large) return rules::limit_exceeded;
        return is_refused(content.status.kind) ? rules::include_outside_root : rules::unreadable_file;
    }

    // Every inclusion is expanded in full, so a small file included many times counts each time.
    bool within_total_size(const statement_ref& directive, const std::string& path, file_id file)
    {
        const auto size = sources_.file(file).bytes().size();
        if (total_size_ + size <= options_.max_total_size) {
            total_size_ += size;
            return true;
        }
        sink_.report(rules::limit_exceeded, directive.path().range(),
                     "including '" + path + "' would bring what this configuration reads past " +
                         std::to_string(options_.max_total_size) +
                         " bytes, counting each inclusion (--max-total-size)");
        return false;
    }

    // Refuses cycles and the include limits, each reported at the directive.
    bool admit(const statement_ref& directive, const std::string& path, const file_identity& identity)
    {
        for (std::size_t i = 0; i < stack_.size(); ++i) {
            if (!(stack_[i].identity == identity)) continue;
            if (!directives_in_cycles_.emplace(directive.file(), directive.range().begin).second) return false;
            auto& found = sink_.report(rules::include_cycle, directive.path().range(),
                                       "include cycle: '" + path + "' is already being read" + chain_text(i));
            for (auto j = i + 1; j < stack_.size(); ++j)
                found.related.push_back(
                    related_location{stack_[j].directive, "which includes '" + stack_[j].path + "'"});
            return false;
        }
        return within_include_limits(directive);
    }

    // Checked before a directive is even located, so that past a limit no directory is listed again.
    bool within_include_limits(const statement_ref& directive)
    {
        if (stack_.size() > options_.max_include_depth) {
            sink_.report(rules::limit_exceeded, directive.path().range(),
                         "includes nested deeper than " + std::to_string(options_.max_include_depth) +
                             " files (--max-include-depth)");
            return false;
        }
        if (instances_ + 1 >= options_.max_files) {
            sink_.report(rules::limit_exceeded, directive.path().range(),
                         "more than " + std::to_string(options_.max_files) + " file inclusions (--max-files)");
            return false;
        }
        return true;
    }

    std::string chain_text(std::size_t from) const
    {
        std::string chain = " (";
        for (auto i = from; i < stack_.size(); ++i) chain += stack_[i].path + " -> ";
        return chain + stack_[from].path + ")";
    }

    const file_system& files_;
    source_manager& sources_;
    diagnostic_sink& sink_;
    const load_options& options_;
    std::vector<std::string> search_path_;
    std::vector<active_file> stack_;
    loaded_configuration loaded_;
    std::map<file_identity, file_id> read_files_;
    std::size_t instances_ = 0;
    std::uint64_t total_size_ = 0;
    std::uint32_t scope_depth_ = 0;  ///< scopes open around the statement being expanded, across files
    /// Directives already reported closing a cycle: in a storm of files that include each other, each
    /// directive is reported once, not once per path that reaches it.
    std::set<std::pair<file_id, std::uint32_t>> directives_in_cycles_;
};

}  // namespace

std::vector<std::string> momentum_default_search_path(const std::string& root, const std::string& node)
{
    std::string name = node;
    if (name.empty()) {
        struct utsname host {};
        name = ::uname(&host) == 0 ? std::string(host.nodename) : std::string();
        name = name.substr(0, name.find('.'));
    }
    std::vector<std::string> path{join_path(root, "global")};
    if (!name.empty()) path.push_back(join_path(root, name));
    path.push_back(join_path(root, "default"));
    return path;
}

const std::vector<included_file>& loaded_configuration::inclusions_of(const statement_ref& directive) const
{
    static const std::vector<included_file> none;
    const auto found = included.find({directive.origin(), directive.id()});
    return found == included.end() ? none : found->second;
}

std::vector<child_range<statement_ref>> loaded_configuration::brought_in(const statement_ref& directive) const
{
    std::vector<child_range<statement_ref>> bodies;
    for (const auto& file : inclusions_of(directive)) bodies.push_back(statements_of(file));
    return bodies;
}

std::optional<loaded_configuration> load_configuration(const std::string& path, const file_system& files,
                                                       source_manager& sources, diagnostic_sink& sink,
                                                       const load_options& options)
{
    return include_resolver(files, sources, sink, options).load_main(path);
}

}  // namespace ecconf
