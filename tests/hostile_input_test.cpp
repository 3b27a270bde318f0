// Attacks from untrusted configurations that are not about the include sandbox: catastrophic
// regexes, control characters aimed at terminals and CI logs, and amplification of time and output.
// Each bound is generous (a run under prlimit), never a timing assertion.

#include <doctest/doctest.h>

#include <string>

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
