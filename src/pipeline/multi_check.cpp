#include "ecconf/check.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <map>
#include <thread>
#include <tuple>

namespace ecconf {
namespace {

bool is_conf(const std::string& name)
{
    constexpr std::string_view suffix = ".conf";
    return name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Adds one result's files and diagnostics to the merged one, renumbering file ids.
void merge_into(check_result& merged, const check_result& part)
{
    merged.target_version = part.target_version;
    std::map<file_id, file_id> renumbered;
    for (file_id id = 0; id < part.sources.file_count(); ++id) {
        const auto& file = part.sources.file(id);
        const auto known = merged.sources.find(file.path());
        renumbered[id] = known && merged.sources.file(*known).bytes() == file.bytes()
                             ? *known
                             : merged.sources.add(file.path(), std::string(file.bytes()));
    }
    const auto move = [&](source_range range) {
        if (range.file != no_file) range.file = renumbered.at(range.file);
        return range;
    };
    const auto renumber = [&](diagnostic& d) {
        d.range = move(d.range);
        for (auto& r : d.related) r.range = move(r.range);
        for (auto& f : d.fixes) f.file = move({f.file, 0, 0}).file;
    };
    for (auto d : part.diagnostics.all()) {
        renumber(d);
        merged.diagnostics.add(std::move(d));
    }
    for (auto accepted : part.suppressed) {
        renumber(accepted.finding);
        merged.suppressed.push_back(std::move(accepted));
    }
    merged.sources.secrets().merge(part.sources.secrets());
    merged.files_read += part.files_read;
    merged.unreadable_input = merged.unreadable_input || part.unreadable_input;
}

}  // namespace

std::vector<std::string> expand_main_files(const std::vector<std::string>& arguments, const file_system& files)
{
    std::vector<std::string> expanded;
    for (const auto& argument : arguments) {
        if (files.stat(argument).kind != file_kind::directory) {
            expanded.push_back(argument);
            continue;
        }
        const auto before = expanded.size();
        for (const auto& name : files.read(argument, 0).entries)
            if (is_conf(name)) expanded.push_back(join_path(argument, name));
        // Without any *.conf file, the directory stays as named and is reported as unreadable.
        if (expanded.size() == before) expanded.push_back(argument);
    }
    return expanded;
}

namespace {

// Runs check(i) for every i below `count` on up to `threads` threads, and merges the results in the
// order of i (so the output does not depend on `threads`); then applies the policy once to the whole.
template <class Check>
std::unique_ptr<check_result> check_in_parallel(std::size_t count, std::size_t threads, const Check& check,
                                                const diagnostic_policy& policy)
{
    std::vector<std::unique_ptr<check_result>> parts(count);
    std::vector<std::exception_ptr> failures(count);
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
        for (auto i = next++; i < count; i = next++) {
            try {
                parts[i] = check(i);
            }
            catch (...) {
                failures[i] = std::current_exception();
            }
        }
    };
    if (threads <= 1) {
        work();
    }
    else {
        std::vector<std::thread> pool;
        for (std::size_t t = 0; t < std::min(threads, count); ++t) pool.emplace_back(work);
        for (auto& thread : pool) thread.join();
    }
    auto merged = std::make_unique<check_result>();
    for (std::size_t i = 0; i < count; ++i) {
        if (failures[i]) std::rethrow_exception(failures[i]);
        merge_into(*merged, *parts[i]);
    }
    merged->diagnostics.finalize();
    // A finding of a shared include is accepted once for each main file that reaches it: listed once.
    auto& accepted = merged->suppressed;
    const auto key = [](const suppressed_finding& s) {
        const auto& d = s.finding;
        return std::tie(d.node, d.range.file, d.range.begin, d.range.end, d.rule, d.message);
    };
    std::stable_sort(accepted.begin(), accepted.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
    accepted.erase(
        std::unique(accepted.begin(), accepted.end(), [&](const auto& a, const auto& b) { return key(a) == key(b); }),
        accepted.end());
    apply_policy(policy, merged->sources, merged->diagnostics, &merged->suppressed);
    return merged;
}

}  // namespace

std::unique_ptr<check_result> check_each(const std::vector<std::string>& paths, const file_system& files,
                                         const check_options& options, unsigned jobs)
{
    if (paths.size() == 1) return check_files(paths, files, options);
    auto each = options;
    each.policy = {};
    // getpwnam and getgrnam (--check-host) are not thread-safe.
    const std::size_t threads = options.check_host ? 1 : std::max(jobs, 1u);
    return check_in_parallel(
        paths.size(), threads, [&](std::size_t i) { return check_files({paths[i]}, files, each); }, options.policy);
}

std::unique_ptr<check_result> check_nodes(const std::vector<node_check>& nodes, const file_system& files,
                                          const diagnostic_policy& policy, unsigned jobs)
{
    const bool host_lookups =
        std::any_of(nodes.begin(), nodes.end(), [](const node_check& n) { return n.options.check_host; });
    return check_in_parallel(
        nodes.size(), host_lookups ? 1 : std::max(jobs, 1u),
        [&](std::size_t i) {
            auto options = nodes[i].options;
            options.policy = {};
            auto result = check_each(nodes[i].main_files, files, options, 1);
            result->diagnostics.set_node(nodes[i].node);
            for (auto& accepted : result->suppressed) accepted.finding.node = nodes[i].node;
            return result;
        },
        policy);
}

}  // namespace ecconf
