// One source of truth for rules: every catalogue entry is complete and has its page under docs/rules/.

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "ecconf/schema.hpp"

namespace {

std::string read_text(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return in ? text.str() : std::string();
}

}  // namespace

TEST_CASE("rule catalogue: every rule has id, severity, summary, explanation, bad and good")
{
    const auto catalogue = nlohmann::json::parse(read_text(ECCONF_SOURCE_DIR "/schemas/rules.json"));
    REQUIRE(catalogue.at("rules").size() == ecconf::rule_catalogue().size());
    for (const auto& rule : catalogue.at("rules")) {
        const std::string id = rule.value("id", std::string("(no id)"));
        for (const char* key : {"id", "severity", "summary", "explanation", "bad", "good"}) {
            INFO("rule " << id << ", key " << key);
            REQUIRE(rule.contains(key));
            REQUIRE(rule.at(key).is_string());
            CHECK(rule.at(key).get<std::string>().find_first_not_of(" \t\n") != std::string::npos);
        }
        INFO("rule " << id);
        CHECK((rule.at("severity") == "error" || rule.at("severity") == "warning" || rule.at("severity") == "note"));
        if (rule.contains("default_enabled")) CHECK(rule.at("default_enabled").is_boolean());
        if (rule.contains("suppressible")) CHECK(rule.at("suppressible").is_boolean());
    }
}

TEST_CASE("rule documentation: docs/rules/<id>.md exists for every rule (run tools/gen_rule_docs.py)")
{
    const auto index = read_text(ECCONF_SOURCE_DIR "/docs/rules/README.md");
    for (const auto& rule : ecconf::rule_catalogue()) {
        INFO("rule " << rule.id << ": regenerate the pages with python3 tools/gen_rule_docs.py");
        const auto page = read_text(ECCONF_SOURCE_DIR "/docs/rules/" + rule.id + ".md");
        REQUIRE_FALSE(page.empty());
        CHECK(page.find("# " + rule.id + "\n") != std::string::npos);
        CHECK(page.find(rule.summary) != std::string::npos);
        CHECK(index.find("(" + rule.id + ".md)") != std::string::npos);
    }
}
