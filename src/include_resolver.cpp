#include "ecconf/include_resolver.hpp"

#include <map>

#include <sys/utsname.h>

#include "ecconf/rule_ids.hpp"

namespace ecconf {
namespace {

// One include being followed, for cycle detection and for naming the chain in messages.
struct active_file {
    std::string canonical;
    std::string path;  ///< as reached, for messages: canonical paths differ from machine to machine
    source_range directive;
};

class include_resolver {
public:
    include_resolver(const file_system& files, source_manager& sources, diagnostic_sink& sink, const load_options& options)
        : files_(files), sources_(sources), sink_(sink), options_(options),
          search_path_(options.search_path.empty() ? momentum_default_search_path() : options.search_path)
    {
        for (const auto& root : options.include_roots) roots_.push_back(files_.canonical(root));
    }

    std::optional<loaded_configuration> load_main(const std::string& path)
    {
        auto read = files_.read(path, options_.max_file_size);
        if (!read.ok) {
            const auto id = sources_.add(path, {});
            sink_.report(read.too_large ? rules::limit_exceeded : rules::unreadable_file, {id, 0, 0},
                         "cannot read '" + path + "': " + read.error);
            return std::nullopt;
        }
        loaded_configuration result;
        result.main = sources_.add(path, std::move(read.bytes));
        const auto origin = sources_.add_inclusion(inclusion{result.main, {}, no_inclusion});
        stack_.push_back(active_file{files_.canonical(path), path, {}});
        read_files_.emplace(files_.canonical(path), result.main);
        parse(result.main, origin);
        // The main file cannot be included again (that would be a cycle), so its statements can be moved.
        result.statements = expand(std::move(parsed_.at(result.main).statements), origin);
        result.files_read = read_files_.size();
        for (auto& [file, parsed] : parsed_) result.comments.emplace(file, std::move(parsed.comments));
        return result;
    }

private:
    const std::vector<statement>& parse(file_id file, inclusion_id origin)
    {
        const auto first_new = sink_.size();
        auto& parsed = parsed_[file] = parse_source(sources_, file, sink_, options_.parse);
        add_include_chain(first_new, origin);
        return parsed.statements;
    }

    // Diagnostics inside an included file name the directives that led there, innermost first.
    void add_include_chain(std::size_t first_new, inclusion_id origin)
    {
        for (auto i = first_new; i < sink_.size(); ++i)
            for (auto at = origin; at != no_inclusion && sources_.inclusion_at(at).parent != no_inclusion;
                 at = sources_.inclusion_at(at).parent)
                sink_[i].related.push_back(related_location{sources_.inclusion_at(at).directive, "included from here"});
    }

    // A file included several times keeps its parsed statements and is expanded from a copy each time.
    std::vector<statement> expand(const std::vector<statement>& written, inclusion_id origin)
    {
        return expand(std::vector<statement>(written), origin);
    }

    // Expands in place: the main file, usually the bulk of a configuration, is never copied.
    std::vector<statement> expand(std::vector<statement>&& written, inclusion_id origin)
    {
        for (auto& st : written) {
            st.origin = origin;
            if (st.kind == statement_kind::scope) st.body = expand(std::move(st.body), origin);
            if (st.kind == statement_kind::include && options_.follow_includes) follow(st, origin);
        }
        return std::move(written);
    }

    void follow(statement& directive, inclusion_id origin)
    {
        const auto& including = sources_.file(directive.range.file).path();
        const auto target = locate(directive.content.text, parent_path(including));
        if (!target) {
            sink_.report(rules::include_not_found, directive.content.range, "cannot find '" + directive.content.text + "' to include" + searched_places(including));
            return;
        }
        const auto kind = files_.kind(*target);
        if (kind != file_kind::directory) {
            include_file(directive, *target, origin);
            return;
        }
        for (const auto& name : files_.list_files(*target)) include_file(directive, join_path(*target, name), origin);
    }

    std::optional<std::string> locate(const std::string& path, const std::string& including_directory) const
    {
        if (path.empty()) return std::nullopt;
        if (path.front() == '/') return files_.kind(path) == file_kind::missing ? std::nullopt : std::optional(path);
        const auto beside = join_path(including_directory, path);
        if (files_.kind(beside) != file_kind::missing) return beside;
        for (const auto& directory : search_path_) {
            const auto candidate = join_path(directory, path);
            if (files_.kind(candidate) != file_kind::missing) return candidate;
        }
        return std::nullopt;
    }

    std::string searched_places(const std::string& including) const
    {
        std::string places = " (looked in " + parent_path(including);
        for (const auto& directory : search_path_) places += ", " + directory;
        return places + ")";
    }

    void include_file(statement& directive, const std::string& path, inclusion_id origin)
    {
        const auto canonical = files_.canonical(path);
        if (!inside_roots(directive, path, canonical) || !admit(directive, path, canonical)) return;
        const auto known = read_files_.find(canonical);
        const auto file = known != read_files_.end() ? known->second : read(directive, path, canonical);
        if (file == no_file) return;
        ++instances_;
        const auto inclusion = sources_.add_inclusion(ecconf::inclusion{file, directive.range, origin});
        stack_.push_back(active_file{canonical, path, directive.range});
        const auto& statements = known != read_files_.end() ? parsed_.at(file).statements : parse(file, inclusion);
        auto brought_in = expand(statements, inclusion);
        stack_.pop_back();
        for (auto& st : brought_in) directive.body.push_back(std::move(st));
    }

    // A file included several times is read and parsed once.
    file_id read(const statement& directive, const std::string& path, const std::string& canonical)
    {
        auto content = files_.read(path, options_.max_file_size);
        if (!content.ok) {
            sink_.report(content.too_large ? rules::limit_exceeded : rules::unreadable_file, directive.content.range,
                         "cannot read included file '" + path + "': " + content.error);
            return no_file;
        }
        const auto file = sources_.add(path, std::move(content.bytes));
        read_files_.emplace(canonical, file);
        return file;
    }

    // The sandbox of --include-root: the target, symbolic links followed, must lie below one of the roots.
    bool inside_roots(const statement& directive, const std::string& path, const std::string& canonical)
    {
        if (roots_.empty()) return true;
        for (const auto& root : roots_) {
            const auto prefix = !root.empty() && root.back() == '/' ? root : root + "/";
            if (canonical == root || canonical.compare(0, prefix.size(), prefix) == 0) return true;
        }
        std::string roots;
        for (const auto& root : roots_) roots += (roots.empty() ? "" : ", ") + root;
        sink_.report(rules::include_outside_root, directive.content.range,
                     "include of '" + path + "' refused: it resolves to '" + canonical + "', outside the allowed include roots (" + roots +
                         ") (--include-root)");
        return false;
    }

    // Refuses cycles and the include limits, each reported at the directive.
    bool admit(const statement& directive, const std::string& path, const std::string& canonical)
    {
        for (std::size_t i = 0; i < stack_.size(); ++i) {
            if (stack_[i].canonical != canonical) continue;
            auto& found = sink_.report(rules::include_cycle, directive.content.range, "include cycle: '" + path + "' is already being read" + chain_text(i));
            for (auto j = i + 1; j < stack_.size(); ++j) found.related.push_back(related_location{stack_[j].directive, "which includes '" + stack_[j].path + "'"});
            return false;
        }
        if (stack_.size() > options_.max_include_depth) {
            sink_.report(rules::limit_exceeded, directive.content.range,
                         "includes nested deeper than " + std::to_string(options_.max_include_depth) + " files (--max-include-depth)");
            return false;
        }
        if (instances_ + 1 >= options_.max_files) {
            sink_.report(rules::limit_exceeded, directive.content.range,
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
    std::vector<std::string> roots_;  ///< canonical --include-root directories
    std::vector<active_file> stack_;
    std::map<file_id, syntax_file> parsed_;
    std::map<std::string, file_id> read_files_;
    std::size_t instances_ = 0;
};

}  // namespace

std::vector<std::string> momentum_default_search_path()
{
    const std::string base = "/opt/msys/ecelerity/etc/conf/";
    struct utsname host {};
    std::string node = ::uname(&host) == 0 ? std::string(host.nodename) : std::string();
    node = node.substr(0, node.find('.'));
    std::vector<std::string> path{base + "global"};
    if (!node.empty()) path.push_back(base + node);
    path.push_back(base + "default");
    return path;
}

std::optional<loaded_configuration> load_configuration(const std::string& path, const file_system& files, source_manager& sources,
                                                        diagnostic_sink& sink, const load_options& options)
{
    return include_resolver(files, sources, sink, options).load_main(path);
}

}  // namespace ecconf
