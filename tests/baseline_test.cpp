#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

#include "ecconf/baseline.hpp"
#include "ecconf/check.hpp"
#include "support/run_command.hpp"

using ecconf::test::run_check;

namespace {

std::unique_ptr<ecconf::check_result> check_memory(const std::string& text)
{
    ecconf::memory_file_system fs;
    fs.add("/t/ecelerity.conf", text);
    return ecconf::check_files({"/t/ecelerity.conf"}, fs, {});
}

std::vector<std::string> messages(const ecconf::check_result& result)
{
    std::vector<std::string> out;
    for (const auto& d : result.diagnostics.all())
        out.push_back(std::to_string(result.sources.begin_of(d.range).line) + " " + std::string(d.rule) + " " + d.message);
    return out;
}

// A directory of its own under /tmp, removed with its files.
struct temp_directory {
    std::string path;
    std::vector<std::string> files;
    temp_directory()
    {
        char name[] = "/tmp/ecconf-baseline-XXXXXX";
        path = ::mkdtemp(name);
    }
    std::string write(const std::string& name, const std::string& bytes)
    {
        files.push_back(path + "/" + name);
        std::ofstream(files.back(), std::ios::binary) << bytes;
        return files.back();
    }
    ~temp_directory()
    {
        for (const auto& f : files) std::remove(f.c_str());
        ::rmdir(path.c_str());
    }
};

const std::string old_text = "spoolbase = \"/var/spool/ecelerity\"\nfoo_option = 1\nbar_option = 2\n";

}  // namespace

TEST_CASE("baseline: fingerprints are of the trimmed line, matching ignores line numbers")
{
    const auto before = check_memory(old_text);
    const auto baseline = ecconf::baseline_of(before->sources, before->diagnostics);
    REQUIRE(baseline.size() == 2);
    CHECK(baseline[0].rule == "unknown-option");
    CHECK(baseline[0].file == "/t/ecelerity.conf");
    CHECK(baseline[0].fingerprint.size() == 16);
    CHECK(baseline[0].message == "unknown option 'foo_option' in scope 'global'");

    // Lines added above, indentation changed, a new finding and a second copy of an old one.
    auto after = check_memory("# new comment\n\nspoolbase = \"/var/spool/ecelerity\"\n  foo_option = 1   \nbar_option = 3\nfoo_option = 1\nbaz_option = 4\n");
    CHECK(ecconf::apply_baseline(after->sources, baseline, after->diagnostics) == 1);
    CHECK(messages(*after) == std::vector<std::string>{"5 unknown-option unknown option 'bar_option' in scope 'global'",
                                                       "6 unknown-option unknown option 'foo_option' in scope 'global'",
                                                       "7 unknown-option unknown option 'baz_option' in scope 'global'"});
}

TEST_CASE("baseline: written and read back; a malformed file is an error")
{
    const auto result = check_memory(old_text);
    std::ostringstream out;
    ecconf::write_baseline(out, ecconf::baseline_of(result->sources, result->diagnostics));
    std::istringstream in(out.str());
    const auto read = ecconf::read_baseline(in);
    REQUIRE(read.size() == 2);
    CHECK(read[1].message == "unknown option 'bar_option' in scope 'global'");
    auto again = check_memory(old_text);
    CHECK(ecconf::apply_baseline(again->sources, read, again->diagnostics) == 2);
    CHECK(again->diagnostics.size() == 0);

    std::istringstream not_json("{");
    CHECK_THROWS_WITH_AS((void)ecconf::read_baseline(not_json), "not a JSON object", std::runtime_error);
    std::istringstream wrong_format(R"({"format": 2, "findings": []})");
    CHECK_THROWS_WITH_AS((void)ecconf::read_baseline(wrong_format), "unsupported baseline format (expected \"format\": 1)", std::runtime_error);
    std::istringstream no_rule(R"({"format": 1, "findings": [{"file": "a"}]})");
    CHECK_THROWS_AS((void)ecconf::read_baseline(no_rule), std::runtime_error);
}

TEST_CASE("baseline on the command line: --write-baseline exits 0, --baseline reports only new findings")
{
    temp_directory dir;
    const auto conf = dir.write("ecelerity.conf", old_text);
    const auto baseline = dir.path + "/baseline.json";
    dir.files.push_back(baseline);
    const auto written = run_check("--write-baseline " + baseline + " " + conf, true);
    CHECK(written.out == "ecconf-check: recorded 2 findings in '" + baseline + "'\n");
    CHECK(written.exit_code == 0);
    CHECK(run_check("--format gcc --baseline " + baseline + " " + conf).out == "");
    CHECK(run_check("--baseline " + baseline + " " + conf).exit_code == 0);

    dir.write("ecelerity.conf", "# moved down\n" + old_text + "new_option = 1\n");
    const auto later = run_check("--format gcc --baseline " + baseline + " " + conf);
    CHECK(later.out == conf + ":5:1: error: unknown option 'new_option' in scope 'global' [unknown-option]\n");
    CHECK(later.exit_code == 1);

    // Unreadable baseline: exit 2; not a baseline: exit 3.
    const auto missing = run_check("--baseline " + dir.path + "/none.json " + conf, true);
    CHECK(missing.out == "ecconf-check: cannot read baseline '" + dir.path + "/none.json'\n");
    CHECK(missing.exit_code == 2);
    const auto bad = dir.write("bad.json", "[]");
    const auto invalid = run_check("--baseline " + bad + " " + conf, true);
    CHECK(invalid.out == "ecconf-check: baseline '" + bad + "' is not valid: not a JSON object\n");
    CHECK(invalid.exit_code == 3);
}
