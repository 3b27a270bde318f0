#include <doctest/doctest.h>

#include <sstream>

#include "ecconf/check.hpp"
#include "ecconf/report.hpp"
#include "support/run_command.hpp"

using ecconf::test::run_check;

namespace {

ecconf::memory_file_system sample_files()
{
    ecconf::memory_file_system fs;
    fs.add("/n/a.conf", "spoolbase = \"/var/spool/ecelerity\"\na_option = 1\ninclude \"/n/shared/common.inc\"\n");
    fs.add("/n/b.conf", "b_option = 2\ninclude \"/n/shared/common.inc\"\n");
    fs.add("/n/c.conf", "max_outbound_connections = x\n");
    fs.add("/n/notes.txt", "not a configuration\n");
    fs.add("/n/shared/common.inc", "common_option = 3\n");
    fs.add("/empty/readme.txt", "x\n");
    return fs;
}

std::string gcc_report(const ecconf::check_result& result)
{
    std::ostringstream out;
    ecconf::write_report(out, result.sources, result.diagnostics, {ecconf::output_format::gcc});
    return out.str();
}

}  // namespace

TEST_CASE("a directory argument stands for the *.conf files directly in it")
{
    const auto fs = sample_files();
    CHECK(ecconf::expand_main_files({"/n", "/n/shared/common.inc"}, fs) ==
          std::vector<std::string>{"/n/a.conf", "/n/b.conf", "/n/c.conf", "/n/shared/common.inc"});
    // A directory without any *.conf file stays as named, to be reported as unreadable.
    CHECK(ecconf::expand_main_files({"/empty", "/n/c.conf"}, fs) == std::vector<std::string>{"/empty", "/n/c.conf"});
}

TEST_CASE("check_each: argument order, shared includes reported once, the same output for every --jobs")
{
    const auto fs = sample_files();
    const std::vector<std::string> paths{"/n/c.conf", "/n/a.conf", "/n/b.conf"};
    const auto one = ecconf::check_each(paths, fs, {}, 1);
    const std::string expected =
        "/n/c.conf:1:28: error: invalid value for 'max_outbound_connections': expected an integer, got 'x' [invalid-value]\n"
        "/n/a.conf:2:1: error: unknown option 'a_option' in scope 'global' [unknown-option]\n"
        "/n/shared/common.inc:1:1: error: unknown option 'common_option' in scope 'global' [unknown-option]\n"
        "/n/b.conf:1:1: error: unknown option 'b_option' in scope 'global' [unknown-option]\n";
    CHECK(gcc_report(*one) == expected);
    CHECK(one->files_read == 5);
    for (unsigned jobs : {2u, 3u, 8u}) {
        CAPTURE(jobs);
        for (int run = 0; run < 5; ++run) CHECK(gcc_report(*ecconf::check_each(paths, fs, {}, jobs)) == expected);
    }
    // One file: the plain check_files result.
    CHECK(gcc_report(*ecconf::check_each({"/n/c.conf"}, fs, {}, 4)) ==
          gcc_report(*ecconf::check_files({"/n/c.conf"}, fs, {})));
}

TEST_CASE("several files and directories on the command line; --jobs does not change the output")
{
    const std::string arguments =
        "testdata/cases/unknown-option/ecelerity.conf testdata/suppressions testdata/cases/duplicate-option/ecelerity.conf "
        "testdata/cases/useless-suppression";
    const auto serial = run_check("--format gcc " + arguments);
    CHECK(serial.exit_code == 1);
    CHECK(serial.out == run_check("--format gcc testdata/cases/unknown-option/ecelerity.conf").out +
                            run_check("--format gcc testdata/cases/duplicate-option/ecelerity.conf").out +
                            run_check("--format gcc testdata/cases/useless-suppression/ecelerity.conf").out);
    for (const auto* jobs : {"--jobs 1", "--jobs 2", "-j 4", "--jobs 16"}) {
        CAPTURE(jobs);
        CHECK(run_check(std::string(jobs) + " --format gcc " + arguments).out == serial.out);
        CHECK(run_check(std::string(jobs) + " --format json " + arguments).out ==
              run_check("--format json " + arguments).out);
    }
    // The suppressions example directory holds ecelerity.conf and legacy.conf: each checked as a main file.
    CHECK(run_check("--format gcc testdata/suppressions").out == "");
    CHECK(run_check("--jobs 0 testdata/suppressions").exit_code == 3);
    // An unreadable argument among readable ones: exit 2, the others still checked.
    const auto mixed = run_check("--format gcc testdata/cases/unknown-option/ecelerity.conf testdata/no-such.conf");
    CHECK(mixed.exit_code == 2);
    CHECK(
        mixed.out ==
        run_check("--format gcc testdata/cases/unknown-option/ecelerity.conf").out +
            "testdata/no-such.conf:1:1: error: cannot read 'testdata/no-such.conf': No such file or directory [unreadable-file]\n");
}

TEST_CASE("eccluster.conf and msg_gen.conf: every stanza their reference pages place there is known (issue 14)")
{
    // 4/config/ref-eccluster-conf and 4/config/ref-msg-gen-conf, with the stanzas other pages put in those files.
    const auto run = run_check("testdata/manual/eccluster.conf testdata/manual/msg_gen.conf", true);
    CHECK(run.out.empty());
    CHECK(run.exit_code == 0);
}
