#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <vector>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/golden_files.hpp"
#include "support/run_command.hpp"

namespace fs = std::filesystem;
using ecconf::test::case_arguments;
using ecconf::test::read_file;
using ecconf::test::run_check;

TEST_CASE("golden cases: each testdata/cases/<name> gives exactly its expected output and exit code")
{
    const auto cases = ecconf::test::golden_cases("testdata/cases", "expected.txt");
    REQUIRE(cases.size() >= 10);
    for (const auto& directory : cases) {
        CAPTURE(directory.string());
        const auto main = (directory / "ecelerity.conf").string();
        const auto args = case_arguments(directory);
        const auto gcc = run_check("--format gcc " + args + main);
        CHECK(gcc.out == read_file(directory / "expected.txt"));
        CHECK(std::to_string(gcc.exit_code) + "\n" == read_file(directory / "expected.exit"));
        if (fs::exists(directory / "expected.json"))
            CHECK(run_check("--format json " + args + main).out == read_file(directory / "expected.json"));
    }
}

TEST_CASE("the bundled example is clean")
{
    const auto result = run_check("testdata/example/ecelerity.conf");
    CHECK(result.out == "");
    CHECK(result.exit_code == 0);
}

TEST_CASE("exit codes: 0 clean, 1 findings, 2 unreadable, 3 usage; --werror")
{
    CHECK(run_check("--version").exit_code == 0);
    CHECK(run_check("--help").exit_code == 0);
    CHECK(run_check("").exit_code == 3);
    CHECK(run_check("--no-such-flag testdata/example/ecelerity.conf").exit_code == 3);
    CHECK(run_check("--format yaml testdata/example/ecelerity.conf").exit_code == 3);
    CHECK(run_check("testdata/cases/syntax-error/ecelerity.conf").exit_code == 1);
    CHECK(run_check("testdata/does-not-exist.conf").exit_code == 2);
    CHECK(run_check("testdata/example/ecelerity.conf testdata/does-not-exist.conf").exit_code == 2);
    CHECK(run_check("testdata/cases/single-quoted-string/ecelerity.conf").exit_code == 0);
    CHECK(run_check("--werror testdata/cases/single-quoted-string/ecelerity.conf").exit_code == 1);
}

TEST_CASE("an option of the lint before a subcommand is a usage error, not silently left unread")
{
    const auto misplaced = run_check("--format text dump testdata/example/ecelerity.conf", true);
    CHECK(misplaced.exit_code == 3);
    CHECK(misplaced.out ==
          "ecconf-check: '--format' before the subcommand 'dump' is an option of the lint; write it after 'dump'\n");
    const auto version = run_check("--target-version 3.6 options domain", true);
    CHECK(version.exit_code == 3);
    CHECK(version.out == "ecconf-check: '--target-version' before the subcommand 'options' is an option of the lint; "
                         "write it after 'options'\n");
    CHECK(run_check("options domain --target-version 3.6").exit_code == 0);
}

TEST_CASE("--target-version: a check and `options` against 3.6, 4.0, 4 or the newest; the SARIF run carries it")
{
    CHECK(run_check("--target-version 4.x testdata/example/ecelerity.conf").exit_code == 3);
    CHECK(run_check("options --target-version v4").exit_code == 3);
    const auto has = [](const std::string& listing, const std::string& option) {
        return listing.find("\n" + option + " = ") != std::string::npos;
    };
    const auto v40 = run_check("options global --target-version 4.0");
    CHECK(v40.exit_code == 0);
    CHECK_FALSE(has(v40.out, "tls_ec_curve_names"));
    CHECK(has(run_check("options global --target-version 4.2").out, "tls_ec_curve_names"));
    CHECK(has(run_check("options --target-version 3.6").out, "watchdog_interval"));
    CHECK_FALSE(has(run_check("options").out, "watchdog_interval"));
    const auto sarif =
        run_check("--format sarif --target-version 3.6 testdata/cases/not-in-version-3.6/ecelerity.conf");
    CHECK(sarif.exit_code == 1);
    CHECK(nlohmann::json::parse(sarif.out)["runs"][0]["properties"]["targetVersion"] == "3.6");
    CHECK(nlohmann::json::parse(run_check("--format sarif testdata/example/ecelerity.conf")
                                    .out)["runs"][0]["properties"]["targetVersion"] == "5.3");
}

TEST_CASE("--syntax-only does not follow includes")
{
    const auto result = run_check("--syntax-only --format gcc testdata/cases/include-not-found/ecelerity.conf");
    CHECK(result.out == "");
    CHECK(result.exit_code == 0);
}

TEST_CASE("--explain prints the rule with a wrong and a right example; --list-rules lists them")
{
    const auto explained = run_check("--explain unclosed-scope");
    CHECK(explained.exit_code == 0);
    CHECK(explained.out.rfind("unclosed-scope (error): A scope opened with `{` is not closed", 0) == 0);
    CHECK(explained.out.find("Wrong:\n\nbinding \"mta1\" {") != std::string::npos);
    CHECK(run_check("--explain no-such-rule").exit_code == 3);
    // root-with-capabilities says why it is a warning and how a team makes it fail the run.
    const auto root = run_check("--explain root-with-capabilities").out;
    CHECK(root.find("Why a warning and not an error: Momentum accepts the configuration and starts") !=
          std::string::npos);
    CHECK(root.find("`root-with-capabilities = \"error\"` under `[rules]` in `.ecconf.toml`") != std::string::npos);
    CHECK(run_check("--list-rules").out.find("include-cycle\terror\t") != std::string::npos);
}

TEST_CASE("did you mean: rule ids, scope names of options, option names and undeclared instances of eval")
{
    const auto explained = run_check("--explain unclosed-scop", true);
    CHECK(explained.exit_code == 3);
    CHECK(explained.out ==
          "ecconf-check: unknown rule 'unclosed-scop' (did you mean 'unclosed-scope'? see --list-rules)\n");
    const std::string conf = " testdata/cases/shadowed-by-fallback/ecelerity.conf";
    const auto enabled = run_check("--enable shadowed-by-fallback-othr" + conf, true);
    CHECK(enabled.exit_code == 3);
    CHECK(enabled.out ==
          "ecconf-check: unknown rule 'shadowed-by-fallback-othr' in --enable or --disable (did you mean "
          "'shadowed-by-fallback-other'? see --list-rules)\n");
    CHECK(run_check("--disable made-up-rule" + conf, true).out ==
          "ecconf-check: unknown rule 'made-up-rule' in --enable or --disable (see --list-rules)\n");
    const auto scope = run_check("options bindng_group", true);
    CHECK(scope.exit_code == 3);
    CHECK(scope.out == "ecconf-check: unknown scope 'bindng_group'; did you mean 'binding_group'?\n");
    const auto option = run_check("eval" + conf + " domain acme.example max_outbund_connections", true);
    CHECK(option.exit_code == 3);
    CHECK(option.out == "ecconf-check: 'max_outbund_connections' is not an option of scope 'domain'; did you mean "
                        "'max_outbound_connections'?\n");
    // An undeclared binding: said on standard error, then the value it would inherit, as before.
    const auto undeclared = run_check("eval" + conf + " binding mta5 domain acme.example tls", true);
    CHECK(undeclared.exit_code == 0);
    CHECK(undeclared.out == "ecconf-check: binding 'mta5' is not declared (did you mean 'mta1'?); the value below is "
                            "what it would inherit\nrequired\n");
    // Domains are named by the mail, not declared: no word about them.
    CHECK(run_check("eval" + conf + " domain undeclared.example tls", true).out == "no\n");
}

TEST_CASE("dump prints the tree after includes as JSON")
{
    const auto result = run_check("dump testdata/cases/dump/ecelerity.conf");
    CHECK(result.exit_code == 0);
    CHECK(result.out == read_file("testdata/cases/dump/expected-dump.json"));
}

TEST_CASE("eval --explain prints the fallback chain with the winner marked")
{
    const auto result = run_check(
        "eval --explain testdata/fallback/ecelerity.conf binding example3 domain example.com message_expiration");
    CHECK(result.exit_code == 0);
    CHECK(result.out == read_file("testdata/fallback/expected-eval-explain.txt"));
    const auto plain = run_check(
        "eval testdata/fallback/ecelerity.conf binding_group group1 binding example domain example.com max_outbound_connections");
    CHECK(plain.out == "15\n");
    CHECK(plain.exit_code == 0);
    CHECK(run_check("eval testdata/fallback/ecelerity.conf domian x max_outbound_connections").exit_code == 3);
}

TEST_CASE("export prints the effective configuration; with errors it still prints, and exits 1")
{
    const auto values = run_check("export --values-only testdata/fallback/ecelerity.conf");
    CHECK(values.exit_code == 0);
    CHECK(values.out == read_file("testdata/fallback/expected-export-values.json"));
    // In Momentum's syntax, each value's origin in a comment; with --non-default without the values equal
    // to their defaults (message_expiration = 86400 is written, and is the default).
    const auto conf = run_check("export --format conf testdata/fallback/ecelerity.conf");
    CHECK(conf.exit_code == 0);
    CHECK(conf.out == read_file("testdata/fallback/expected-export.conf"));
    CHECK(run_check("export --format conf --non-default testdata/fallback/ecelerity.conf").out ==
          read_file("testdata/fallback/expected-export-non-default.conf"));
    const auto json = run_check("export --values-only --non-default testdata/fallback/ecelerity.conf").out;
    CHECK(json.find("\"message_expiration\": 120") != std::string::npos);
    CHECK(json.find("\"message_expiration\": 86400") == std::string::npos);
    // What it prints is a configuration that checks clean.
    CHECK(run_check("--format gcc testdata/fallback/expected-export.conf").out.empty());
    CHECK(run_check("export --format yaml testdata/fallback/ecelerity.conf").exit_code == 3);
    const auto broken = run_check("export testdata/cases/syntax-error/ecelerity.conf");
    CHECK(broken.exit_code == 1);
    CHECK(broken.out.rfind("{\n  \"options\": {", 0) == 0);
    CHECK(run_check("export testdata/does-not-exist.conf").exit_code == 2);
}
