#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <fstream>

#include <unistd.h>

#include "ecconf/check.hpp"
#include "ecconf/effective.hpp"
#include "ecconf/schema.hpp"

using namespace ecconf;

namespace {

// A snippet whose catalogue text is UTF-8 but whose file must be Latin-1 (JSON cannot hold invalid bytes).
std::string to_latin1(const std::string& text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c == 0xC2 || c == 0xC3) && i + 1 < text.size())
            out += static_cast<char>(((c & 0x03) << 6) | (static_cast<unsigned char>(text[++i]) & 0x3F));
        else
            out += text[i];
    }
    return out;
}

// Runs the whole check on a snippet written to a fresh directory as example.conf.
std::vector<std::string> rules_found(const std::string& snippet, const nlohmann::json& example_options,
                                     bool bad = false)
{
    char directory[] = "/tmp/ecconf-rule-XXXXXX";
    REQUIRE(::mkdtemp(directory) != nullptr);
    const std::string path = std::string(directory) + "/example.conf";
    std::ofstream(path) << (bad && example_options.value("bad_encoding", "") == "latin1" ? to_latin1(snippet)
                                                                                         : snippet);
    // Files the example includes ("files": {"name": "text"}), for rules that need two files.
    const auto extra = example_options.value("files", nlohmann::json::object());
    for (const auto& [name, text] : extra.items()) {
        const std::filesystem::path file = std::string(directory) + "/" + name;
        std::filesystem::create_directories(file.parent_path());  // "conf.d/x.conf": an included directory
        std::ofstream(file) << text.get<std::string>();
    }
    check_options options;
    options.load.search_path = {directory};
    options.load.parse.max_depth = example_options.value("max_depth", options.load.parse.max_depth);
    std::vector<std::string> roots;
    for (const auto& root : example_options.value("include_roots", std::vector<std::string>{}))
        roots.push_back(std::string(directory) + "/" + root);
    const auto files = roots.empty() ? std::make_unique<real_file_system>() : std::make_unique<real_file_system>(roots);
    options.check_host = example_options.value("check_host", false);
    options.target_version = example_options.value("target_version", std::string());
    // A diff rule: the example is the new configuration, "diff_old" the old one; diff reports its findings.
    const auto old_text = example_options.value("diff_old", std::string());
    const std::string old_path = std::string(directory) + "/old.conf";
    if (!old_text.empty()) std::ofstream(old_path) << old_text;
    const auto result =
        old_text.empty() ? check_files({path}, *files, options) : check_files({old_path, path}, *files, options);
    if (!old_text.empty()) {
        std::remove(old_path.c_str());
        REQUIRE(result->effective.size() == 2);
        report_restart_required(diff_configurations(result->effective[0], result->effective[1], builtin_schema(),
                                                    result->sources.secrets()),
                                result->diagnostics);
    }
    // An effective-value rule: "eval" names the scope path and option whose resolution reports it.
    if (example_options.contains("eval")) {
        auto words = example_options["eval"].get<std::vector<std::string>>();
        const auto query = parse_scope_query(builtin_schema(), words);
        REQUIRE(query.error.empty());
        report_undecided(resolve_option(result->effective.front(), builtin_schema(), query.path, query.option),
                         result->diagnostics);
    }
    std::remove(path.c_str());
    std::filesystem::remove_all(directory);
    std::vector<std::string> found;
    for (const auto& d : result->diagnostics.all()) found.emplace_back(d.rule);
    return found;
}

}  // namespace

TEST_CASE("every rule's wrong example shows exactly that rule, and its right example shows nothing")
{
    REQUIRE_FALSE(rule_catalogue().empty());
    for (const auto& rule : rule_catalogue()) {
        CAPTURE(rule.id);
        const auto bad = rules_found(rule.bad, rule.example_options, true);
        CHECK_FALSE(bad.empty());
        for (const auto& found : bad) CHECK(found == rule.id);
        CHECK(rules_found(rule.good, rule.example_options).empty());
    }
}

TEST_CASE("rule ids are unique kebab-case and severities are known")
{
    std::set<std::string> seen;
    for (const auto& rule : rule_catalogue()) {
        CHECK(seen.insert(rule.id).second);
        CHECK(rule.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos);
        CHECK_FALSE(rule.summary.empty());
        CHECK_FALSE(rule.explanation.empty());
    }
    CHECK(find_rule("syntax-error") != nullptr);
    CHECK(find_rule("no-such-rule") == nullptr);
}
