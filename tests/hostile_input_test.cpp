// Attacks from untrusted configurations that are not about the include sandbox: catastrophic
// regexes, control characters aimed at terminals and CI logs, and amplification of time and output.
// Each bound is generous (a run under prlimit), never a timing assertion.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "ecconf/diagnostic.hpp"

#include "support/run_command.hpp"
#include "support/temp_directory.hpp"

using ecconf::test::run_check;
using ecconf::test::temp_directory;

namespace {

const std::string long_name = std::string(50, 'a') + "!";

}  // namespace

TEST_CASE("a regex domain whose match reaches PCRE2's limits is reported, never taken as no match")
{
    const auto eval = run_check("eval testdata/hostile/regex-match-limit.conf domain " + long_name + " max_outbound_connections", true);
    CHECK(eval.out == "testdata/hostile/regex-match-limit.conf:4:1: error: cannot decide whether domain /^(a+)+$/ applies to 'domain " + long_name +
                          "': the match reached PCRE2's limits, so the effective value is unknown (simplify the pattern) [regex-match-limit]\n");
    CHECK(eval.exit_code == 1);
    const auto explain = run_check("eval --explain testdata/hostile/regex-match-limit.conf domain " + long_name + " max_outbound_connections");
    CHECK(explain.out == "  domain " + long_name + ": undecided: /^(a+)+$/ reached the regex match limit\n"
                         "  global: 7  (testdata/hostile/regex-match-limit.conf:7:1)  undecided: it applies only if the regex above does not\n");
    // Names the pattern decides quickly keep their answers.
    CHECK(run_check("eval testdata/hostile/regex-match-limit.conf domain aaaa max_outbound_connections").out == "5\n");
    CHECK(run_check("eval testdata/hostile/regex-match-limit.conf domain example.com max_outbound_connections").out == "7\n");
}

TEST_CASE("400 catastrophic regex domains: one eval stays within 20 s of CPU")
{
    const temp_directory dir;
    std::string text;
    for (int i = 0; i < 400; ++i) text += "domain \"/^(a+)+$|^x" + std::to_string(i) + "$/\" { max_outbound_connections = 1 }\n";
    const auto conf = dir.write("ecelerity.conf", text);
    // Under prlimit a runaway match is killed by SIGXCPU (no exit code).
    const auto result = ecconf::test::run_command("prlimit --cpu=20 " ECCONF_CHECK_BINARY " eval " + conf + " domain " + long_name +
                                                  " max_outbound_connections 2>&1");
    CHECK(result.exit_code == 1);
    CHECK(result.out.find("[regex-match-limit]") != std::string::npos);
}

TEST_CASE("a file name with a line break cannot forge a CI annotation or a diagnostic line")
{
    const temp_directory dir;
    const auto conf = dir.write("x\n::error file=README.md,line=1::forged.conf", "max_outbound_connections 5\n");
    const std::string quoted = "'" + conf + "'";
    const std::string shown = dir.path + "/x\\n::error file=README.md,line=1::forged.conf";
    const std::string message = "expected '{' after 'max_outbound_connections 5', saw end of file (for an option write 'max_outbound_connections = 5')";
    CHECK(run_check("--format gcc " + quoted).out == shown + ":1:27: error: " + message + " [syntax-error]\n");
    // In a property, `:` and `,` are escaped too, so the forged text stays inside the file name.
    CHECK(run_check("--format github " + quoted).out == "::error file=" + dir.path + "/x\\n%3A%3Aerror file=README.md%2Cline=1%3A%3Aforged.conf" +
                                                           ",line=1,col=27,endLine=1,endColumn=27,title=syntax-error::" + message + "\n");
    for (const auto& format : {"text", "gcc", "github"}) {
        const auto out = run_check(std::string("--format ") + format + " " + quoted).out;
        CHECK(out.find("\n::error file=README.md") == std::string::npos);
    }
}

TEST_CASE("terminal escapes in values reach no human-readable output raw")
{
    const temp_directory dir;
    const std::string escape = "\x1b]0;owned\x07\x1b[2J";
    const auto old_conf = dir.write("old.conf", "hostname = \"mx1\"\n");
    const auto conf = dir.write("ecelerity.conf", "hostname = \"" + escape + "\"\nmax_outbound_connections = \"" + escape + "\"\n");
    const std::string shown = "\\x1b]0;owned\\x07\\x1b[2J";
    const auto gcc = run_check("--format gcc " + conf);
    CHECK(gcc.out == conf + ":1:12: error: invalid value for 'hostname': expected a host name, got '" + shown + "' [invalid-value]\n" + conf +
                         ":2:28: error: invalid value for 'max_outbound_connections': expected an integer, got '" + shown + "' [invalid-value]\n");
    for (const auto& args : {"--format text ", "--format github ", "eval --explain ", "eval "}) {
        const std::string suffix = std::string(args).rfind("eval", 0) == 0 ? " hostname" : "";
        const auto out = run_check(args + conf + suffix, true).out;
        CAPTURE(args);
        CHECK(out.find('\x1b') == std::string::npos);
        CHECK(out.find('\x07') == std::string::npos);
        CHECK(out.find(shown) != std::string::npos);
    }
    CHECK(run_check("eval " + conf + " hostname").out == shown + "\n");
    const auto diff = run_check("diff " + old_conf + " " + conf, true).out;
    CHECK(diff.find('\x1b') == std::string::npos);
    CHECK(diff.find(shown) != std::string::npos);
}

TEST_CASE("a report that cannot be written is exit 2, not a clean run")
{
    for (const auto& command : {"export testdata/example/ecelerity.conf", "--format json testdata/example/ecelerity.conf",
                                "dump testdata/example/ecelerity.conf"}) {
        CAPTURE(command);
        const auto result = ecconf::test::run_command(std::string(ECCONF_CHECK_BINARY) + " " + command + " 2>&1 >/dev/full");
        CHECK(result.out == "ecconf-check: cannot write to standard output\n");
        CHECK(result.exit_code == 2);
    }
}

namespace {

std::size_t line_count(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

}  // namespace

TEST_CASE("output stays bounded: at most 100 findings of a rule per file, then one that counts the rest")
{
    const temp_directory dir;
    std::string duplicates;
    for (int i = 0; i < 5000; ++i) duplicates += "max_outbound_connections = 1\n";
    const auto conf = dir.write("ecelerity.conf", duplicates);
    const auto report = run_check("--format gcc " + conf).out;
    CHECK(line_count(report) == 101);
    CHECK(report.substr(report.rfind(conf + ":102:1:")) ==
          conf + ":102:1: warning: 4899 more findings of this rule in this file not shown (at most 100 are reported per rule and file) [duplicate-option]\n");

    std::string closes, latin1 = "max_outbound_connections = 1\n";
    for (int i = 0; i < 100000; ++i) closes += "}\n";
    for (int i = 0; i < 200000; ++i) latin1 += "# caf\xe9\n";
    const auto stray = dir.write("closes.conf", closes);
    const auto encoded = dir.write("latin1.conf", latin1);
    CHECK(line_count(run_check("--format gcc " + stray).out) == 101);
    CHECK(line_count(run_check("--format gcc " + encoded).out) == 101);
    // The summary is a finding of the same rule: a suppression of the rule covers it too.
    const auto suppressed = dir.write("suppressed.conf", "# ecconf-check: disable-file=duplicate-option -- generated\n" + duplicates);
    CHECK(run_check("--format gcc " + suppressed).out == "");
}

TEST_CASE("a megabyte-long name is neither compared at length nor echoed whole")
{
    const temp_directory dir;
    const auto conf = dir.write("ecelerity.conf", std::string(1u << 20, 'a') + " = 1\n");
    const auto result = ecconf::test::run_command("prlimit --cpu=20 " ECCONF_CHECK_BINARY " --format gcc " + conf);
    CHECK(result.exit_code == 1);
    CHECK(result.out.size() < 2 * ecconf::diagnostic_sink::max_message_bytes);
    CHECK(result.out.find("'" + std::string(984, 'a') + "[... 1047111 bytes not shown ...]" + std::string(481, 'a') + "' in scope 'global'") !=
          std::string::npos);
}

TEST_CASE("an excerpt of a 20 MB line is a window around the column")
{
    const temp_directory dir;
    const auto conf = dir.write("ecelerity.conf", "# " + std::string(20u << 20, 'x') + "\n" + std::string(20u << 20, 'y') + " 5\n");
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer reserves terabytes of address space for its shadow memory: under an address-space
    // limit the command cannot start, so here it runs without one (the excerpt is checked, the bound is not).
    MESSAGE("no 4 GB address-space limit under AddressSanitizer (its shadow memory needs more); the excerpt is still checked");
    const std::string limit;
#else
    const std::string limit = "prlimit --as=4000000000 ";
#endif
    const auto result = ecconf::test::run_command(limit + ECCONF_CHECK_BINARY " " + conf);
    CHECK(result.exit_code == 1);
    const auto excerpt = result.out.substr(result.out.find("\n 2 | "));
    CHECK(excerpt == "\n 2 | ..." + std::string(38, 'y') + " 5\n   | " + std::string(43, ' ') + "^\n");
}

TEST_CASE("references are checked against an index: 20,000 declarations and 20,000 undeclared names stay linear")
{
    const temp_directory dir;
    std::string text, routes;
    for (int i = 0; i < 20000; ++i) {
        text += "domain \"#vd" + std::to_string(i) + "\" { }\n";
        routes += " \"#xx" + std::to_string(i) + "\"";
    }
    const auto conf = dir.write("ecelerity.conf", text + "routes = (" + routes + " )\n");
    const auto result = ecconf::test::run_command("prlimit --cpu=20 " ECCONF_CHECK_BINARY " --format gcc " + conf);
    CHECK(result.exit_code == 1);
    CHECK(line_count(result.out) == 101);
    CHECK(result.out.substr(result.out.rfind('\n', result.out.size() - 2) + 1) ==
          conf + ":20001:802: error: 19900 more findings of this rule in this file not shown (at most 100 are reported per rule and file) [undefined-reference]\n");
}
