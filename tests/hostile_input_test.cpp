// Attacks from untrusted configurations that are not about the include sandbox: catastrophic
// regexes, control characters aimed at terminals and CI logs, and amplification of time and output.
// Each bound is generous (a CPU limit that kills a runaway, a peak memory the kernel measured, both
// scaled for sanitizer builds), never a timing assertion.

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
    const auto eval = run_check(
        "eval testdata/hostile/regex-match-limit.conf domain " + long_name + " max_outbound_connections", true);
    CHECK(
        eval.out ==
        "testdata/hostile/regex-match-limit.conf:4:1: error: cannot decide whether domain /^(a+)+$/ applies to 'domain " +
            long_name +
            "': the match reached PCRE2's limits, so the effective value is unknown (simplify the pattern) [regex-match-limit]\n");
    CHECK(eval.exit_code == 1);
    const auto explain = run_check("eval --explain testdata/hostile/regex-match-limit.conf domain " + long_name +
                                   " max_outbound_connections");
    CHECK(
        explain.out ==
        "  domain " + long_name +
            ": undecided: /^(a+)+$/ reached the regex match limit\n"
            "  global: 7  (testdata/hostile/regex-match-limit.conf:7:1)  undecided: it applies only if the regex above does not\n");
    // Names the pattern decides quickly keep their answers.
    CHECK(run_check("eval testdata/hostile/regex-match-limit.conf domain aaaa max_outbound_connections").out == "5\n");
    CHECK(run_check("eval testdata/hostile/regex-match-limit.conf domain example.com max_outbound_connections").out ==
          "7\n");
}

TEST_CASE("400 catastrophic regex domains: one eval stays within 20 s of CPU")
{
    const temp_directory dir;
    std::string text;
    for (int i = 0; i < 400; ++i)
        text += "domain \"/^(a+)+$|^x" + std::to_string(i) + "$/\" { max_outbound_connections = 1 }\n";
    const auto conf = dir.write("ecelerity.conf", text);
    // Past the CPU limit a runaway match is killed by SIGXCPU (no exit code).
    const auto result = ecconf::test::run_command(
        ECCONF_CHECK_BINARY " eval " + conf + " domain " + long_name + " max_outbound_connections 2>&1", 20);
    CHECK(result.exit_code == 1);
    CHECK(result.out.find("[regex-match-limit]") != std::string::npos);
}

TEST_CASE("a file name with a line break cannot forge a CI annotation or a diagnostic line")
{
    const temp_directory dir;
    const auto conf = dir.write("x\n::error file=README.md,line=1::forged.conf", "max_outbound_connections 5\n");
    const std::string quoted = "'" + conf + "'";
    const std::string shown = dir.path + "/x\\n::error file=README.md,line=1::forged.conf";
    const std::string message =
        "expected '{' after 'max_outbound_connections 5', saw end of file (for an option write 'max_outbound_connections = 5')";
    CHECK(run_check("--format gcc " + quoted).out == shown + ":1:27: error: " + message + " [syntax-error]\n");
    // In a property, `:` and `,` are escaped too, so the forged text stays inside the file name.
    CHECK(run_check("--format github " + quoted).out ==
          "::error file=" + dir.path + "/x\\n%3A%3Aerror file=README.md%2Cline=1%3A%3Aforged.conf" +
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
    const auto conf =
        dir.write("ecelerity.conf", "hostname = \"" + escape + "\"\nmax_outbound_connections = \"" + escape + "\"\n");
    const std::string shown = "\\x1b]0;owned\\x07\\x1b[2J";
    const auto gcc = run_check("--format gcc " + conf);
    CHECK(gcc.out == conf + ":1:12: error: invalid value for 'hostname': expected a host name, got '" + shown +
                         "' [invalid-value]\n" + conf +
                         ":2:28: error: invalid value for 'max_outbound_connections': expected an integer, got '" +
                         shown + "' [invalid-value]\n");
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
    for (const auto& command :
         {"export testdata/example/ecelerity.conf", "--format json testdata/example/ecelerity.conf",
          "dump testdata/example/ecelerity.conf"}) {
        CAPTURE(command);
        const auto result =
            ecconf::test::run_command(std::string(ECCONF_CHECK_BINARY) + " " + command + " 2>&1 >/dev/full");
        CHECK(result.out == "ecconf-check: cannot write to standard output\n");
        CHECK(result.exit_code == 2);
    }
}

namespace {

std::size_t line_count(const std::string& text)
{
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("output stays bounded: at most 100 findings of a rule per file, then one that counts the rest")
{
    const temp_directory dir;
    std::string duplicates;
    for (int i = 0; i < 5000; ++i) duplicates += "max_outbound_connections = 1\n";
    const auto conf = dir.write("ecelerity.conf", duplicates);
    const auto report = run_check("--format gcc " + conf).out;
    CHECK(line_count(report) == 201);  // each finding with its note at the first assignment
    CHECK(
        report.substr(report.rfind(conf + ":102:1:")) ==
        conf +
            ":102:1: warning: 4899 more findings of this rule in this file not shown (at most 100 are reported per rule and file) [duplicate-option]\n");

    std::string closes, latin1 = "max_outbound_connections = 1\n";
    for (int i = 0; i < 100000; ++i) closes += "}\n";
    for (int i = 0; i < 200000; ++i) latin1 += "# caf\xe9\n";
    const auto stray = dir.write("closes.conf", closes);
    const auto encoded = dir.write("latin1.conf", latin1);
    CHECK(line_count(run_check("--format gcc " + stray).out) == 101);
    CHECK(line_count(run_check("--format gcc " + encoded).out) == 101);
    // The summary is a finding of the same rule: a suppression of the rule covers it too.
    const auto suppressed =
        dir.write("suppressed.conf", "# ecconf-check: disable-file=duplicate-option -- generated\n" + duplicates);
    CHECK(run_check("--format gcc " + suppressed).out == "");
}

TEST_CASE("a megabyte-long name is neither compared at length nor echoed whole")
{
    const temp_directory dir;
    const auto conf = dir.write("ecelerity.conf", std::string(1u << 20, 'a') + " = 1\n");
    const auto result = ecconf::test::run_command(ECCONF_CHECK_BINARY " --format gcc " + conf, 20);
    CHECK(result.exit_code == 1);
    CHECK(result.out.size() < 2 * ecconf::diagnostic_sink::max_message_bytes);
    CHECK(result.out.find("'" + std::string(984, 'a') + "[... 1047111 bytes not shown ...]" + std::string(481, 'a') +
                          "' in scope 'global'") != std::string::npos);
}

TEST_CASE("an excerpt of a 20 MB line is a window around the column")
{
    const temp_directory dir;
    const auto conf =
        dir.write("ecelerity.conf", "# " + std::string(20u << 20, 'x') + "\n" + std::string(20u << 20, 'y') + " 5\n");
    const auto result =
        ecconf::test::run_command(ECCONF_CHECK_BINARY " --max-file-size 50000000 --max-total-size 50000000 " + conf);
    CHECK(result.exit_code == 1);
    CHECK(result.peak_memory_kib < ecconf::test::memory_bound_kib(1024));
    const auto excerpt = result.out.substr(result.out.find("\n 2 | "));
    CHECK(excerpt == "\n 2 | ..." + std::string(38, 'y') + " 5\n   | " + std::string(43, ' ') +
                         "^\n  see /usr/share/doc/ecconf/rules/syntax-error.md\n");
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
    const auto result = ecconf::test::run_command(ECCONF_CHECK_BINARY " --format gcc " + conf, 20);
    CHECK(result.exit_code == 1);
    CHECK(line_count(result.out) == 201);  // each finding with its note
    CHECK(
        result.out.substr(result.out.rfind('\n', result.out.size() - 2) + 1) ==
        conf +
            ":20001:802: error: 19900 more findings of this rule in this file not shown (at most 100 are reported per rule and file) [undefined-reference]\n");
}

TEST_CASE("include amplification: every inclusion counts toward --max-total-size")
{
    const temp_directory dir;
    std::string big, includes;
    for (int i = 0; i < 1000; ++i) big += "max_outbound_connections = " + std::to_string(i) + "\n";
    for (int i = 0; i < 9990; ++i) includes += "include \"big.inc\"\n";
    dir.write("big.inc", big);
    const auto conf = dir.write("ecelerity.conf", includes);
    const auto result = ecconf::test::run_command(ECCONF_CHECK_BINARY " --format gcc " + conf, 60);
    CHECK(result.exit_code == 1);
    CHECK(result.peak_memory_kib < ecconf::test::memory_bound_kib(1536));
    CHECK(
        result.out.find(
            conf + ":1170:9: error: including '" + dir.path +
            "/big.inc' would bring what this configuration reads past 33554432 bytes, counting each inclusion (--max-total-size) [limit-exceeded]\n") !=
        std::string::npos);
}

TEST_CASE("a cycle storm: 100 files that each include their directory stay bounded in time and output")
{
    const temp_directory dir;
    for (int i = 0; i < 100; ++i) dir.write("f" + std::to_string(i) + ".conf", "include \".\"\n");
    const auto result = ecconf::test::run_command(ECCONF_CHECK_BINARY " --format gcc " + dir.path + "/f0.conf", 60);
    CHECK(result.exit_code == 1);
    CHECK(result.peak_memory_kib < ecconf::test::memory_bound_kib(512));
    CHECK(result.out.size() < 1000000);  // at most 100 cycles per file, each with its chain of notes
    CHECK(result.out.find("[include-cycle]") != std::string::npos);
    CHECK(result.out.find("(--max-files) [limit-exceeded]") != std::string::npos);
}

TEST_CASE("--max-depth is capped at a depth every phase survives")
{
    const temp_directory dir;
    std::string nested = "domain \"a\" {\n";
    for (int i = 1; i < 4096; ++i) nested += "binding \"b" + std::to_string(i) + "\" {\n";
    nested += std::string(4096, '}') + "\n";
    const auto conf = dir.write("ecelerity.conf", nested);
    // Every phase runs on 4,096 levels without exhausting the stack (wrong parents are errors, not crashes).
    CHECK(run_check("--format gcc --max-depth 4096 " + conf).exit_code == 1);
    CHECK(run_check("dump --max-depth 4096 " + conf).exit_code == 1);
    const auto too_deep = run_check("--max-depth 4097 " + conf, true);
    CHECK(too_deep.exit_code == 3);
    CHECK(too_deep.out.find("--max-depth: Value 4097 not in range 1 to 4096") != std::string::npos);
    // Positions are 32-bit offsets: no file limit may reach 4 GiB.
    const auto too_large = run_check("--max-file-size 4294967296 " + conf, true);
    CHECK(too_large.exit_code == 3);
    CHECK(too_large.out.find("--max-file-size: Value 4294967296 not in range 0 to 4294967295") != std::string::npos);
}

TEST_CASE("--max-depth holds through includes: 40 files of 127 nested scopes, each including the next")
{
    const temp_directory dir;
    for (int file = 0; file < 40; ++file) {
        std::string text;
        for (int level = 0; level < 127; ++level) text += "pathway \"p" + std::to_string(level) + "\" {\n";
        text += file < 39 ? "include \"f" + std::to_string(file + 1) + ".conf\"\n" : "x = 1\n";
        dir.write("f" + std::to_string(file) + ".conf", text + std::string(127, '}') + "\n");
    }
    const auto main = dir.path + "/f0.conf";
    const auto check = run_check("--format gcc " + main);
    CHECK(
        check.out.find(
            dir.path +
            "/f1.conf:2:1: error: scopes nested deeper than 128 levels through included files; the body of this one is not read "
            "(see --max-depth) [limit-exceeded]\n") != std::string::npos);
    // export and diff were cubic in the depth: minutes for this input.
    for (const auto& command : {"export " + main, "diff " + main + " " + dir.path + "/f1.conf"})
        CHECK(ecconf::test::run_command(ECCONF_CHECK_BINARY " " + command + " >/dev/null 2>&1", 20).exit_code == 1);
}

TEST_CASE("export writes one scope at a time: --resolve all of 5,000 domains stays small in memory")
{
    const temp_directory dir;
    std::string text;
    for (int i = 0; i < 5000; ++i)
        text += "domain \"d" + std::to_string(i) + ".example\" { max_outbound_connections = 5 }\n";
    const auto conf = dir.write("ecelerity.conf", text);
    const auto result =
        ecconf::test::run_command(ECCONF_CHECK_BINARY " export --resolve all " + conf + " | wc -c", 120);
    CHECK(result.exit_code == 0);
    CHECK(std::stol(result.out) > 30'000'000);  // held whole as JSON before, some ten times that in memory
    CHECK(result.peak_memory_kib < ecconf::test::memory_bound_kib(128));
}
