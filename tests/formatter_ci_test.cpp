// The CI formatters (sarif, github, checkstyle) and the run controls (--enable/--disable, --fail-on, --max-diagnostics).

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "ecconf/check.hpp"
#include "ecconf/report.hpp"
#include "ecconf/rule_ids.hpp"
#include "ecconf/schema.hpp"

using namespace ecconf;

namespace {

// Two errors and a warning; the path has the characters GitHub's properties must escape.
constexpr const char* broken_path = "/cfg/main,v2:a.conf";
constexpr const char* broken_conf = "hostname = '100%'\nmax_outbound_connections 5\n}\n";

std::unique_ptr<check_result> check_broken()
{
    memory_file_system fs;
    fs.add(broken_path, broken_conf);
    check_options options;
    options.syntax_only = true;
    return check_files({broken_path}, fs, options);
}

std::string render(const check_result& result, output_format format, std::size_t max_diagnostics = SIZE_MAX)
{
    std::ostringstream out;
    report_options options;
    options.format = format;
    options.files_read = result.files_read;
    options.max_diagnostics = max_diagnostics;
    write_report(out, result.sources, result.diagnostics, options);
    return out.str();
}

std::size_t rule_index(std::string_view id)
{
    const auto& rules = rule_catalogue();
    for (std::size_t i = 0; i < rules.size(); ++i)
        if (rules[i].id == id) return i;
    FAIL("no rule " << id);
    return 0;
}

// Runs the built ecconf-check through the shell; returns its exit status and standard output.
std::pair<int, std::string> run_cli(const std::string& arguments)
{
    const std::string command = std::string(ECCONF_CHECK_BINARY) + ' ' + arguments + " 2>/dev/null";
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string output;
    std::array<char, 4096> buffer{};
    for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) output.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

}  // namespace

TEST_CASE("github: one workflow command per diagnostic, escaped")
{
    const auto result = check_broken();
    CHECK(
        render(*result, output_format::github) ==
        "::warning file=/cfg/main%2Cv2%3Aa.conf,line=1,col=12,endLine=1,endColumn=18,title=single-quoted-string::"
        "single-quoted string: Momentum's manuals only use double quotes; write \"100%25\"\n"
        "::error file=/cfg/main%2Cv2%3Aa.conf,line=2,col=27,endLine=2,endColumn=27,title=syntax-error::"
        "expected '{' after 'max_outbound_connections 5', saw '}' on line 3 (for an option write 'max_outbound_connections = 5')\n"
        "::error file=/cfg/main%2Cv2%3Aa.conf,line=3,col=1,endLine=3,endColumn=2,title=unexpected-close::"
        "unexpected '}': no scope is open here\n");
}

TEST_CASE("github: related locations become extra lines; a diagnostic without a file has no position")
{
    source_manager sources;
    const auto file = sources.add("a.conf", "binding \"x\" {\n");
    diagnostic_sink sink;
    sink.report(rules::unclosed_scope, {file, 12, 13}, "'{' is never closed\r")
        .related.push_back({{file, 0, 7}, "scope opened here"});
    sink.report_global(rules::unreadable_file, "cannot read 'b,c.conf'");
    std::ostringstream out;
    write_github_report(out, sources, sink);
    CHECK(
        out.str() ==
        "::error file=a.conf,line=1,col=13,endLine=1,endColumn=14,title=unclosed-scope::'{' is never closed\\r%0Aa.conf:1:1: note: scope opened here\n"
        "::error title=unreadable-file::cannot read 'b,c.conf'\n");
}

TEST_CASE("checkstyle: XML grouped by file in first-seen order")
{
    const auto result = check_broken();
    CHECK(
        render(*result, output_format::checkstyle) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<checkstyle version=\"4.3\">\n"
        "  <file name=\"/cfg/main,v2:a.conf\">\n"
        "    <error line=\"1\" column=\"12\" severity=\"warning\" message=\"single-quoted string: Momentum's manuals only use double "
        "quotes; write &quot;100%&quot;\" source=\"ecconf.single-quoted-string\"/>\n"
        "    <error line=\"2\" column=\"27\" severity=\"error\" message=\"expected '{' after 'max_outbound_connections 5', saw '}' on "
        "line 3 (for an option write 'max_outbound_connections = 5')\" source=\"ecconf.syntax-error\"/>\n"
        "    <error line=\"3\" column=\"1\" severity=\"error\" message=\"unexpected '}': no scope is open here\" "
        "source=\"ecconf.unexpected-close\"/>\n"
        "  </file>\n"
        "</checkstyle>\n");
}

TEST_CASE("checkstyle: markup, control bytes and invalid UTF-8 are escaped; files keep first-seen order")
{
    source_manager sources;
    const auto b = sources.add("b&<c>.conf", "x\n");
    const auto a = sources.add("a.conf", "y\n");
    diagnostic_sink sink;
    sink.report(rules::syntax_error, {b, 0, 1}, "saw '<' & \"\x01\xff\" \n\tthere");
    sink.report(rules::empty_configuration, {a, 0, 1}, "empty");
    sink.report(rules::syntax_error, {b, 1, 2}, "second");
    sink.report_global(rules::unreadable_file, "cannot read");
    std::ostringstream out;
    write_checkstyle_report(out, sources, sink);
    CHECK(
        out.str() ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<checkstyle version=\"4.3\">\n"
        "  <file name=\"b&amp;&lt;c&gt;.conf\">\n"
        "    <error line=\"1\" column=\"1\" severity=\"error\" message=\"saw '&lt;' &amp; &quot;\xEF\xBF\xBD\xEF\xBF\xBD&quot; &#10;&#9;there\" "
        "source=\"ecconf.syntax-error\"/>\n"
        "    <error line=\"1\" column=\"2\" severity=\"error\" message=\"second\" source=\"ecconf.syntax-error\"/>\n"
        "  </file>\n"
        "  <file name=\"a.conf\">\n"
        "    <error line=\"1\" column=\"1\" severity=\"warning\" message=\"empty\" source=\"ecconf.empty-configuration\"/>\n"
        "  </file>\n"
        "  <file name=\"ecconf-check\">\n"
        "    <error severity=\"error\" message=\"cannot read\" source=\"ecconf.unreadable-file\"/>\n"
        "  </file>\n"
        "</checkstyle>\n");
}

TEST_CASE("sarif: tool, the whole rule table, results with regions and related locations")
{
    source_manager sources;
    const auto file = sources.add("conf.d/ä b.conf", "binding \"ä\" {\n  x = 1\n");
    diagnostic_sink sink;
    sink.report(rules::unclosed_scope, {file, 13, 14}, "'{' is never closed")
        .related.push_back({{file, 0, 7}, "scope opened here"});
    sink.report(rules::single_quoted_string, {file, 17, 22}, "quoted");
    sink.report_global(rules::unreadable_file, "cannot read '/x'");
    std::ostringstream out;
    write_sarif_report(out, sources, sink, "4.2");
    const auto log = nlohmann::json::parse(out.str());

    const auto& driver = log.at("runs").at(0).at("tool").at("driver");
    CHECK(driver.at("name") == "ecconf-check");
    CHECK_FALSE(driver.at("version").get<std::string>().empty());
    CHECK(driver.at("informationUri") == "https://github.com/ecconf/ecconf");
    const auto& catalogue = rule_catalogue();
    REQUIRE(driver.at("rules").size() == catalogue.size());
    const auto fenced = [](const std::string& code) {
        return "```\n" + code + (code.empty() || code.back() != '\n' ? "\n```" : "```");
    };
    for (std::size_t i = 0; i < catalogue.size(); ++i) {
        const auto& rule = catalogue[i];
        auto expected =
            nlohmann::json{{"id", rule.id},
                           {"shortDescription", {{"text", rule.summary}}},
                           {"fullDescription", {{"text", rule.explanation}}},
                           {"helpUri", "file:///usr/share/doc/ecconf/rules/" + rule.id + ".md"},  // as installed
                           {"help",
                            {{"text", rule.explanation + "\n\nWrong:\n\n" + rule.bad + "\nRight:\n\n" + rule.good},
                             {"markdown", rule.explanation + "\n\nWrong:\n\n" + fenced(rule.bad) + "\n\nRight:\n\n" +
                                              fenced(rule.good)}}},
                           {"defaultConfiguration", {{"level", std::string(to_string(rule.default_severity))}}}};
        if (!rule.default_enabled) expected["defaultConfiguration"]["enabled"] = false;
        CHECK(driver.at("rules").at(i) == expected);
    }

    const auto expected_run_rest = nlohmann::json::parse(R"({
      "columnKind": "unicodeCodePoints",
      "results": [
        {"ruleId": "unclosed-scope", "ruleIndex": 0, "level": "error", "message": {"text": "'{' is never closed"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "conf.d/%C3%A4%20b.conf"},
                                              "region": {"startLine": 1, "startColumn": 13, "endLine": 1, "endColumn": 14}}}],
         "relatedLocations": [{"id": 0, "message": {"text": "scope opened here"},
                               "physicalLocation": {"artifactLocation": {"uri": "conf.d/%C3%A4%20b.conf"},
                                                    "region": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 8}}}]},
        {"ruleId": "single-quoted-string", "ruleIndex": 0, "level": "warning", "message": {"text": "quoted"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "conf.d/%C3%A4%20b.conf"},
                                              "region": {"startLine": 2, "startColumn": 3, "endLine": 2, "endColumn": 8}}}]},
        {"ruleId": "unreadable-file", "ruleIndex": 0, "level": "error", "message": {"text": "cannot read '/x'"}}
      ]
    })");
    auto run = log.at("runs").at(0);
    run.erase("tool");
    auto expected = expected_run_rest;
    expected["results"][0]["ruleIndex"] = rule_index("unclosed-scope");
    expected["results"][1]["ruleIndex"] = rule_index("single-quoted-string");
    expected["results"][2]["ruleIndex"] = rule_index("unreadable-file");
    expected["properties"] = {{"targetVersion", "4.2"}};  // the version checked against
    CHECK(run == expected);
    CHECK(log.at("version") == "2.1.0");
    CHECK(log.at("$schema") == "https://json.schemastore.org/sarif-2.1.0.json");
    CHECK(log.at("runs").size() == 1);
}

TEST_CASE("sarif: helpUri under --doc-url-base: a URL as it is, a directory as a file URI, none without a base")
{
    const source_manager sources;
    const diagnostic_sink sink;
    const auto help_uri = [&](std::string_view base) {
        std::ostringstream out;
        write_sarif_report(out, sources, sink, "4.2", base);
        const auto rule = nlohmann::json::parse(out.str()).at("runs").at(0).at("tool").at("driver").at("rules").at(0);
        return rule.contains("helpUri") ? rule.at("helpUri").get<std::string>() : std::string("(none)");
    };
    const auto& first = rule_catalogue().front().id;
    CHECK(help_uri("https://docs.example.org/ecconf/rules/") ==
          "https://docs.example.org/ecconf/rules/" + first + ".md");
    CHECK(help_uri("/opt/ecconf doc/rules/") == "file:///opt/ecconf%20doc/rules/" + first + ".md");
    CHECK(help_uri("") == "(none)");
}

TEST_CASE("sarif: absolute paths become file URIs")
{
    const auto result = check_broken();
    const auto log = nlohmann::json::parse(render(*result, output_format::sarif));
    const auto& results = log.at("runs").at(0).at("results");
    REQUIRE(results.size() == 3);
    CHECK(results.at(0).at("locations").at(0).at("physicalLocation").at("artifactLocation").at("uri") ==
          "file:///cfg/main%2Cv2%3Aa.conf");
}

TEST_CASE("max_diagnostics: prints the first N; the JSON summary counts all")
{
    const auto result = check_broken();
    const auto json = nlohmann::json::parse(render(*result, output_format::json, 1));
    CHECK(json.at("diagnostics").size() == 1);
    CHECK(json.at("summary").at("errors") == 2);
    CHECK(json.at("summary").at("warnings") == 1);
    CHECK(render(*result, output_format::github, 2) ==
          render(*result, output_format::github).substr(0, render(*result, output_format::github).rfind("::error")));
    CHECK(render(*result, output_format::github, 0).empty());
}

TEST_CASE("diagnostic_filter: split, unknown ids, enable and disable")
{
    CHECK(split_rule_list({"a,b", " c , ,d", ""}) == std::vector<std::string>{"a", "b", "c", "d"});
    CHECK_FALSE(unknown_rule({{"syntax-error"}, {"unexpected-close"}}).has_value());
    CHECK(unknown_rule({{"syntax-error"}, {"no-such-rule"}}) == std::optional<std::string>("no-such-rule"));

    for (const auto& rule : rule_catalogue()) {
        CHECK(rule_enabled(rule.id, {}) == rule.default_enabled);
        CHECK(rule_enabled(rule.id, {{rule.id}, {}}));
        CHECK(rule_enabled(rule.id, {{rule.id}, {rule.id}}) == !rule.suppressible);  // disable wins where it may
    }

    auto result = check_broken();
    apply_filter(result->diagnostics, {{}, {"syntax-error", "single-quoted-string"}});
    REQUIRE(result->diagnostics.size() == 1);
    CHECK(result->diagnostics.all()[0].rule == "unexpected-close");
}

TEST_CASE("fails_at: a finding at the level or above fails")
{
    diagnostic_sink sink;
    CHECK_FALSE(fails_at(sink, severity::note));
    sink.report_global(rules::empty_configuration, "warning");
    CHECK_FALSE(fails_at(sink, severity::error));
    CHECK(fails_at(sink, severity::warning));
    CHECK(fails_at(sink, severity::note));
}

TEST_CASE("cli: --fail-on, --werror, --disable, --enable, --max-diagnostics and the CI formats")
{
    const std::string warn_file = (std::filesystem::temp_directory_path() / "ecconf_ci_test_warning.conf").string();
    std::ofstream(warn_file) << "x = 'y'\n";
    const std::string warn = " --syntax-only " + warn_file;

    CHECK(run_cli(warn).first == 0);
    CHECK(run_cli("--fail-on warning" + warn).first == 1);
    CHECK(run_cli("--werror" + warn).first == 1);
    CHECK(run_cli("--fail-on note" + warn).first == 1);
    CHECK(run_cli("--fail-on warning --disable single-quoted-string" + warn) == std::pair<int, std::string>{0, ""});
    CHECK(run_cli("--fail-on warning --disable syntax-error,single-quoted-string" + warn).first == 0);
    CHECK(run_cli("--disable nonexistent-rule" + warn).first == 3);
    CHECK(run_cli("--enable syntax-error --enable nonexistent-rule" + warn).first == 3);
    CHECK(run_cli("--fail-on fatal" + warn).first == 3);
    CHECK(run_cli("--format github --max-diagnostics 0 --fail-on warning" + warn) ==
          std::pair<int, std::string>{1, ""});
    CHECK(run_cli("--format github" + warn).second.rfind("::warning file=" + warn_file + ",line=1,col=5,", 0) == 0);
    CHECK(run_cli("--format checkstyle" + warn).second.find("source=\"ecconf.single-quoted-string\"") !=
          std::string::npos);
    CHECK(nlohmann::json::parse(run_cli("--format sarif" + warn).second).at("runs").at(0).at("results").size() == 1);
    std::filesystem::remove(warn_file);
}
