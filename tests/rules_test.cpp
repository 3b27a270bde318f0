#include <doctest/doctest.h>

#include <cstdio>
#include <set>
#include <fstream>

#include <unistd.h>

#include "ecconf/check.hpp"
#include "ecconf/rules.hpp"

using namespace ecconf;

namespace {

// Runs the whole check on a snippet written to a fresh directory as example.conf.
std::vector<std::string> rules_found(const std::string& snippet, const nlohmann::json& example_options)
{
    char directory[] = "/tmp/ecconf-rule-XXXXXX";
    REQUIRE(::mkdtemp(directory) != nullptr);
    const std::string path = std::string(directory) + "/example.conf";
    std::ofstream(path) << snippet;
    check_options options;
    options.load.search_path = {directory};
    options.load.parse.max_depth = example_options.value("max_depth", options.load.parse.max_depth);
    const auto result = check_files({path}, real_file_system{}, options);
    std::remove(path.c_str());
    ::rmdir(directory);
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
        const auto bad = rules_found(rule.bad, rule.example_options);
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
