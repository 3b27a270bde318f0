#include <doctest/doctest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "ecconf/check.hpp"
#include "ecconf/report.hpp"

#include "ecconf/rule_ids.hpp"
#include "diagnostics/suppressions.hpp"
#include "support/check_text.hpp"
#include "support/run_command.hpp"

using ecconf::test::check_text;
using ecconf::test::run_check;
using lines = std::vector<std::string>;

namespace {

const std::string clean = "Security {\n  user = ecuser\n}\n";

}  // namespace

TEST_CASE("suppressions: the line after a comment alone on its line, or the line a comment ends")
{
    CHECK(check_text(clean + "# ecconf-check: disable=unknown-option -- read by a wrapper\nfoo_option = 1\n") ==
          lines{});
    CHECK(check_text(clean + "foo_option = 1  # ecconf-check: disable=unknown-option -- read by a wrapper\n") ==
          lines{});
    // Only that line: the next one is still reported, and the comment two lines above covers nothing.
    CHECK(check_text(clean +
                     "# ecconf-check: disable=unknown-option -- read by a wrapper\nfoo_option = 1\nbar_option = 2\n") ==
          lines{"6:1 unknown-option unknown option 'bar_option' in scope 'global'"});
    CHECK(check_text(clean + "# ecconf-check: disable=unknown-option -- too far\n\nfoo_option = 1\n") ==
          lines{"4:1 useless-suppression suppression of 'unknown-option' matches no finding on line 5",
                "6:1 unknown-option unknown option 'foo_option' in scope 'global'"});
    // Another rule is not suppressed; several rules separated by commas.
    CHECK(check_text(clean + "foo_option = 1  # ecconf-check: disable=invalid-value -- wrong rule\n") ==
          lines{"4:1 unknown-option unknown option 'foo_option' in scope 'global'",
                "4:17 useless-suppression suppression of 'invalid-value' matches no finding on line 4"});
    CHECK(check_text(clean + "# ecconf-check: disable=unknown-option, duplicate-option -- both\nfoo_option = 1\n") ==
          lines{"4:1 useless-suppression suppression of 'duplicate-option' matches no finding on line 5"});
}

TEST_CASE("suppressions: disable-file covers the whole file that holds it, anywhere in it")
{
    CHECK(
        check_text(clean +
                   "foo_option = 1\nbar_option = 2\n# ecconf-check: disable-file=unknown-option -- legacy options\n") ==
        lines{});
    // An included file's suppressions cover that file only.
    ecconf::test::text_check how;
    how.options.load.search_path = {"/t"};
    how.with_paths = true;
    how.others["/t/more.conf"] = "# ecconf-check: disable-file=unknown-option -- legacy\nmore_option = 1\n";
    CHECK(check_text(clean + "include \"more.conf\"\nfoo_option = 1\n", how) ==
          lines{"/t/ecelerity.conf:5:1 unknown-option unknown option 'foo_option' in scope 'global'"});
    how.others["/t/more.conf"] = "more_option = 1\n";
    CHECK(
        check_text(clean + "# ecconf-check: disable-file=unknown-option -- main file only\ninclude \"more.conf\"\n",
                   how) ==
        lines{
            "/t/ecelerity.conf:4:1 useless-suppression suppression of 'unknown-option' matches no finding in this file",
            "/t/more.conf:1:1 unknown-option unknown option 'more_option' in scope 'global'"});
}

TEST_CASE("useless-suppression: no reason, unknown rule, unknown directive, no rule")
{
    // Without a reason the finding is still suppressed, but the comment is reported.
    CHECK(
        check_text(clean + "foo_option = 1  # ecconf-check: disable=unknown-option\n") ==
        lines{
            "4:17 useless-suppression suppression gives no reason: add ' -- why the finding is accepted' after the rules"});
    CHECK(
        check_text(clean + "foo_option = 1  # ecconf-check: disable=unknown-option --   \n") ==
        lines{
            "4:17 useless-suppression suppression gives no reason: add ' -- why the finding is accepted' after the rules"});
    CHECK(
        check_text(clean + "# ecconf-check: disable=unknown-optoin -- typo\nfoo_option = 1\n") ==
        lines{
            "4:1 useless-suppression unknown rule 'unknown-optoin' in suppression (did you mean 'unknown-option'? see --list-rules)",
            "5:1 unknown-option unknown option 'foo_option' in scope 'global'"});
    CHECK(
        check_text(clean + "# ecconf-check: enable=unknown-option -- no such directive\n") ==
        lines{
            "4:1 useless-suppression unknown ecconf-check directive 'enable': write 'disable=RULE -- reason' or 'disable-file=RULE -- reason'"});
    CHECK(check_text(clean + "# ecconf-check: disable= -- nothing named\n") ==
          lines{"4:1 useless-suppression suppression names no rule: write 'disable=RULE -- reason'"});
    // Ordinary comments that mention the tool are not directives.
    CHECK(check_text(clean + "# checked by ecconf-check: disable nothing\n") == lines{});
    // A useless-suppression warning cannot itself be suppressed inline, only with --disable.
    CHECK(check_text(clean + "# ecconf-check: disable=useless-suppression -- hide\n# ecconf-check: disable= -- x\n") ==
          lines{"4:1 useless-suppression suppression of 'useless-suppression' matches no finding on line 5",
                "5:1 useless-suppression suppression names no rule: write 'disable=RULE -- reason'"});
}

TEST_CASE("suppressions: alone on the line before a scope's opening line, a comment covers the whole stanza")
{
    const std::string stanza = "binding \"b\" {\n  foo_option = 1\n  inner {\n  }\n}\n";
    // The stanza's own line, its body and nested scopes; nothing after its '}'.
    CHECK(check_text(clean + "# ecconf-check: disable=unknown-option,unknown-scope -- read by a wrapper\n" + stanza +
                     "bar_option = 2\n") == lines{"10:1 unknown-option unknown option 'bar_option' in scope 'global'"});
    // At the end of the opening line, only that line.
    CHECK(
        check_text(clean +
                   "binding \"b\" {  # ecconf-check: disable=unknown-option -- the line only\n  foo_option = 1\n}\n") ==
        lines{"4:16 useless-suppression suppression of 'unknown-option' matches no finding on line 4",
              "5:3 unknown-option unknown option 'foo_option' in scope 'binding'"});
    // A stanza with nothing to suppress names its lines.
    CHECK(
        check_text(clean + "# ecconf-check: disable=unknown-option -- nothing there\nbinding \"b\" {\n}\n") ==
        lines{"4:1 useless-suppression suppression of 'unknown-option' matches no finding in the stanza on lines 5-6"});
}

TEST_CASE("suppressions: a /* ecconf-check: ... */ comment counts like a '#' one")
{
    CHECK(check_text(clean + "/* ecconf-check: disable=unknown-option -- read by a wrapper */\nfoo_option = 1\n") ==
          lines{});
    CHECK(check_text(clean + "foo_option = 1 /* ecconf-check: disable=unknown-option -- after the code */\n") ==
          lines{});
    // Before code on its line, that line; over several lines, the line after its end; before a scope, the stanza.
    CHECK(check_text(clean + "/* ecconf-check: disable=unknown-option -- before */ foo_option = 1\n") == lines{});
    CHECK(check_text(clean + "/*\n ecconf-check: disable=unknown-option -- two lines\n*/\nfoo_option = 1\n") ==
          lines{});
    CHECK(
        check_text(clean +
                   "/* ecconf-check: disable=unknown-option -- a stanza */\nbinding \"b\" {\n  foo_option = 1\n}\n") ==
        lines{});
    // Other block comments are not directives.
    CHECK(check_text(clean + "/* ecconf-check is run in CI */\nfoo_option = 1\n") ==
          lines{"5:1 unknown-option unknown option 'foo_option' in scope 'global'"});
}

TEST_CASE("find_suppressions reads the directive, its rules, reason and the line it covers")
{
    ecconf::source_manager sources;
    const auto id = sources.add("/t/a.conf",
                                "x = 1 # ecconf-check: disable=a,b -- why\n  # ecconf-check: disable-file=c -- file\n");
    const std::vector<ecconf::comment> comments{{{id, 6, 40}, false}, {{id, 43, 81}, false}};
    const auto found = ecconf::find_suppressions(sources.file(id), id, comments);
    REQUIRE(found.size() == 2);
    CHECK(found[0].rules == std::vector<std::string>{"a", "b"});
    CHECK(found[0].reason == "why");
    CHECK(found[0].line == 1);
    CHECK_FALSE(found[0].whole_file);
    CHECK(found[1].rules == std::vector<std::string>{"c"});
    CHECK(found[1].whole_file);
    CHECK(found[1].reason == "file");
}

TEST_CASE("suppressions on the command line: exit codes and --disable useless-suppression")
{
    const auto result = run_check("--format gcc testdata/suppressions/ecelerity.conf");
    CHECK(result.out == "");
    CHECK(result.exit_code == 0);
    const auto useless = run_check("--format gcc --fail-on warning testdata/cases/useless-suppression/ecelerity.conf");
    CHECK(useless.exit_code == 1);
    const auto quiet =
        run_check("--format gcc --disable useless-suppression testdata/cases/useless-suppression/ecelerity.conf");
    CHECK(
        quiet.out ==
        "testdata/cases/useless-suppression/ecelerity.conf:13:1: error: unknown option 'deploy_channel' in scope 'global' [unknown-option]\n");
    CHECK(quiet.exit_code == 1);
    // The example's suppressions silence real findings: without them, three unknown options.
    CHECK(run_check("--format gcc --syntax-only testdata/suppressions/ecelerity.conf").exit_code == 0);
}

TEST_CASE("findings that mean part of the configuration was not read cannot be suppressed")
{
    ecconf::test::text_check how;
    how.options.load.search_path = {"/t"};
    how.options.load.parse.max_depth = 2;
    // A comment: the finding stays, and the suppression is itself reported.
    CHECK(
        check_text(clean + "# ecconf-check: disable-file=limit-exceeded,include-not-found -- hide it\n"
                           "include \"absent.conf\"\na { b { c { } } }\n",
                   how) ==
        lines{
            "4:1 useless-suppression 'include-not-found' cannot be suppressed: it means part of the configuration was not read",
            "4:1 useless-suppression 'limit-exceeded' cannot be suppressed: it means part of the configuration was not read",
            "5:9 include-not-found cannot find 'absent.conf' to include (looked in /t, /t)",
            "6:11 limit-exceeded nesting deeper than 2 levels; the rest of this file is not read (see --max-depth)"});
    // --disable: a usage error that names the rule.
    const auto disabled = run_check("--disable unreadable-file testdata/example/ecelerity.conf", true);
    CHECK(
        disabled.out ==
        "ecconf-check: --disable unreadable-file: this rule cannot be disabled, it means part of the configuration was not read\n");
    CHECK(disabled.exit_code == 3);
    // The library's filter keeps them whatever it is told.
    ecconf::diagnostic_sink sink;
    sink.report(ecconf::rules::include_outside_root, {}, "refused");
    ecconf::apply_filter(sink, ecconf::diagnostic_filter{{}, {"include-outside-root"}});
    CHECK(sink.size() == 1);
}

TEST_CASE("SARIF lists the accepted findings with their suppression: inSource for a comment, external for the "
          "baseline; a rule turned off is not listed")
{
    ecconf::memory_file_system files;
    files.add("/s/ecelerity.conf", "foo_option = 1  # ecconf-check: disable=unknown-option -- read by a wrapper\n"
                                   "bar_option = 2\nbaz_option = 3\n");
    ecconf::check_options options;
    options.policy.rules = ecconf::diagnostic_filter{};
    const auto first = ecconf::check_files({"/s/ecelerity.conf"}, files, options);
    options.policy.baseline = ecconf::baseline_of(first->sources, first->diagnostics);
    options.policy.baseline.pop_back();  // baz_option stays reported
    const auto result = ecconf::check_files({"/s/ecelerity.conf"}, files, options);
    REQUIRE(result->diagnostics.size() == 1);
    std::ostringstream sarif;
    ecconf::write_sarif_report(sarif, result->sources, result->diagnostics, "", "", result->suppressed);
    const auto results = nlohmann::ordered_json::parse(sarif.str())["runs"][0]["results"];
    REQUIRE(results.size() == 3);
    CHECK(results[0].count("suppressions") == 0);
    CHECK(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3);
    CHECK(results[1]["suppressions"].dump() == R"([{"kind":"inSource","justification":"read by a wrapper"}])");
    CHECK(results[1]["locations"][0]["physicalLocation"]["region"]["startLine"] == 1);
    CHECK(results[2]["suppressions"].dump() == R"([{"kind":"external","justification":"recorded in the baseline"}])");
    CHECK(results[2]["locations"][0]["physicalLocation"]["region"]["startLine"] == 2);

    options.policy.rules = ecconf::diagnostic_filter{{}, {"unknown-option"}};
    CHECK(ecconf::check_files({"/s/ecelerity.conf"}, files, options)->suppressed.empty());
}
