#include "ecconf/check.hpp"

#include "checks/checks.hpp"
#include "ecconf/rule_ids.hpp"
#include "ecconf/schema.hpp"
#include "diagnostics/suppressions.hpp"
#include "validate/validator.hpp"
#include "text/redact.hpp"

namespace ecconf {
namespace {

// An include that was not followed (--syntax-only) may bring statements: it counts as one.
bool has_statement(const loaded_configuration& configuration, child_range<statement_ref> statements,
                   bool includes_followed)
{
    for (const auto st : statements) {
        if (!st.is_include() || !includes_followed) return true;
        for (const auto& body : configuration.brought_in(st))
            if (has_statement(configuration, body, true)) return true;
    }
    return false;
}

}  // namespace

std::unique_ptr<check_result> check_files(const std::vector<std::string>& paths, const file_system& files,
                                          const check_options& options)
{
    auto result = std::make_unique<check_result>();
    result->sources.names().seed(builtin_schema().names());
    const auto target = builtin_schema().target_version(options.target_version);
    result->target_version = version_text(target);
    auto load = options.load;
    load.follow_includes = load.follow_includes && !options.syntax_only;
    for (const auto& path : paths) {
        const auto errors_before = result->diagnostics.count(severity::error);
        auto loaded = load_configuration(path, files, result->sources, result->diagnostics, load);
        if (!loaded) {
            result->unreadable_input = true;
            continue;
        }
        result->files_read += loaded->files_read;
        if (!has_statement(*loaded, loaded->statements(), load.follow_includes) &&
            result->diagnostics.count(severity::error) == errors_before)
            result->diagnostics.report(rules::empty_configuration, {loaded->main, 0, 0},
                                       "'" + path + "' holds no statement: Momentum would start with defaults only");
        if (!options.syntax_only) validate_configuration(*loaded, builtin_schema(), target, result->diagnostics);
        collect_secrets(*loaded, builtin_schema(), result->sources);
        result->configurations.push_back(std::move(*loaded));
    }
    if (!options.cluster_file.empty()) {
        result->cluster = load_configuration(options.cluster_file, files, result->sources, result->diagnostics, load);
        if (!result->cluster) result->unreadable_input = true;
        else {
            if (!options.syntax_only)
                validate_configuration(*result->cluster, builtin_schema(), target, result->diagnostics);
            collect_secrets(*result->cluster, builtin_schema(), result->sources);
        }
    }
    // Cross-references and consistency see the --cluster file as part of each configuration.
    if (!options.syntax_only)
        for (const auto& configuration : result->configurations) {
            const auto* cluster = result->cluster ? &*result->cluster : nullptr;
            check_references(configuration, cluster, builtin_schema(), result->diagnostics);
            check_consistency(configuration, cluster, builtin_schema(), result->diagnostics);
        }
    // Built once every tree is in place: the effective configuration points into them.
    if (!options.syntax_only)
        for (const auto& configuration : result->configurations) {
            result->effective.push_back(build_effective(configuration, result->cluster ? &*result->cluster : nullptr,
                                                        result->sources, builtin_schema()));
            check_overrides(result->effective.back(), result->diagnostics);
            check_fallback_shadowing(result->effective.back(), result->diagnostics);
            check_security(result->effective.back(), options.check_host, result->diagnostics);
        }
    // Inline `# ecconf-check: disable=...` comments of every file read, main files and includes.
    std::map<file_id, const syntax_tree*> trees;
    for (const auto& configuration : result->configurations)
        for (const auto& [file, tree] : configuration.trees) trees.emplace(file, &tree);
    if (result->cluster)
        for (const auto& [file, tree] : result->cluster->trees) trees.emplace(file, &tree);
    std::vector<const syntax_tree*> commented;
    commented.reserve(trees.size());
    for (const auto& [file, tree] : trees) commented.push_back(tree);
    // Finalized first so that the count of findings past the per-file cap is a finding the comments can cover.
    result->diagnostics.finalize();
    apply_suppressions(result->sources, commented, result->diagnostics, result->suppressed);
    // Once, here, so that every format and every command prints messages without the secrets they quote.
    redact_messages(result->diagnostics, result->sources.secrets());
    for (auto& accepted : result->suppressed) redact_message(accepted.finding, result->sources.secrets());
    result->diagnostics.finalize();
    apply_policy(options.policy, result->sources, result->diagnostics, &result->suppressed);
    return result;
}

}  // namespace ecconf
