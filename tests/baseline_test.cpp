#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <iterator>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <sys/stat.h>
#include <unistd.h>

#include "ecconf/check.hpp"
#include "support/run_command.hpp"
#include "support/temp_directory.hpp"

using ecconf::test::run_check;
using ecconf::test::temp_directory;

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
        out.push_back(std::to_string(result.sources.begin_of(d.range).line) + " " + std::string(d.rule) + " " +
                      d.message);
    return out;
}

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
    auto after = check_memory(
        "# new comment\n\nspoolbase = \"/var/spool/ecelerity\"\n  foo_option = 1   \nbar_option = 3\nfoo_option = 1\nbaz_option = 4\n");
    CHECK(ecconf::apply_baseline(after->sources, baseline, after->diagnostics) == 1);
    CHECK(messages(*after) ==
          std::vector<std::string>{"5 unknown-option unknown option 'bar_option' in scope 'global'",
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
    CHECK_THROWS_WITH_AS((void)ecconf::read_baseline(wrong_format),
                         "unsupported baseline format (expected \"format\": 1)", std::runtime_error);
    std::istringstream no_rule(R"({"format": 1, "findings": [{"file": "a"}]})");
    CHECK_THROWS_AS((void)ecconf::read_baseline(no_rule), std::runtime_error);
}

TEST_CASE("baseline on the command line: --write-baseline exits 0, --baseline reports only new findings")
{
    const temp_directory dir;
    const auto conf = dir.write("ecelerity.conf", old_text);
    const auto baseline = dir.path + "/baseline.json";
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
    CHECK(missing.out ==
          "ecconf-check: cannot read baseline '" + dir.path + "/none.json': No such file or directory\n");
    CHECK(missing.exit_code == 2);
    const auto bad = dir.write("bad.json", "[]");
    const auto invalid = run_check("--baseline " + bad + " " + conf, true);
    CHECK(invalid.out == "ecconf-check: baseline '" + bad + "' is not valid: not a JSON object\n");
    CHECK(invalid.exit_code == 3);
}

TEST_CASE("--write-baseline never overwrites a file of the configuration, nor follows a link at the target")
{
    const temp_directory dir;
    const auto include = dir.write("included.conf", "bar_option = 2\n");
    const auto conf = dir.write("ecelerity.conf", "include \"included.conf\"\nfoo_option = 1\n");
    for (const auto& target : {conf, include, dir.path + "/./included.conf"}) {
        const auto refused = run_check("--write-baseline " + target + " -I " + dir.path + " " + conf, true);
        CHECK(refused.out ==
              "ecconf-check: refusing to write the baseline over '" + target + "', a file of the configuration\n");
        CHECK(refused.exit_code == 3);
    }
    // A hard link is the same file under another name.
    REQUIRE(::link(include.c_str(), (dir.path + "/hard.json").c_str()) == 0);
    CHECK(run_check("--write-baseline " + dir.path + "/hard.json -I " + dir.path + " " + conf).exit_code == 3);
    std::ifstream kept(include);
    CHECK(std::string(std::istreambuf_iterator<char>(kept), {}) == "bar_option = 2\n");

    // A symbolic link at the target is replaced by the baseline; what it pointed to stays as it was.
    const auto victim = dir.write("victim.txt", "untouched\n");
    REQUIRE(::symlink(victim.c_str(), (dir.path + "/link.json").c_str()) == 0);
    CHECK(run_check("--write-baseline " + dir.path + "/link.json -I " + dir.path + " " + conf).exit_code == 0);
    std::ifstream victim_text(victim);
    CHECK(std::string(std::istreambuf_iterator<char>(victim_text), {}) == "untouched\n");
    CHECK(std::filesystem::is_regular_file(std::filesystem::symlink_status(dir.path + "/link.json")));
    CHECK(run_check("--format gcc --baseline " + dir.path + "/link.json -I " + dir.path + " " + conf).out == "");
    // No temporary file is left beside it.
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path)) ++entries;
    CHECK(entries == 5);
}

TEST_CASE("--baseline refuses a FIFO or a directory instead of waiting on it")
{
    const temp_directory dir;
    const auto conf = dir.write("ecelerity.conf", old_text);
    REQUIRE(::mkfifo((dir.path + "/fifo.json").c_str(), 0600) == 0);
    const auto fifo = run_check("--baseline " + dir.path + "/fifo.json " + conf, true);
    CHECK(fifo.out == "ecconf-check: cannot read baseline '" + dir.path +
                          "/fifo.json': not a regular file (device, FIFO or socket)\n");
    CHECK(fifo.exit_code == 2);
    const auto directory = run_check("--baseline " + dir.path + " " + conf, true);
    CHECK(directory.out == "ecconf-check: cannot read baseline '" + dir.path + "': is a directory\n");
    CHECK(directory.exit_code == 2);
}

TEST_CASE("a baseline never hides a finding that means part of the configuration was not read")
{
    auto result = check_memory("include \"absent.conf\"\nfoo_option = 1\n");
    const auto recorded = ecconf::baseline_of(result->sources, result->diagnostics);
    REQUIRE(recorded.size() == 2);
    CHECK(ecconf::apply_baseline(result->sources, recorded, result->diagnostics) == 1);
    REQUIRE(result->diagnostics.size() == 1);
    CHECK(result->diagnostics.all()[0].rule == "include-not-found");
}

TEST_CASE("a baseline matches findings in a file whose name is not UTF-8")
{
    ecconf::memory_file_system fs;
    const std::string path = "/t/caf\xe9.conf";
    fs.add(path, "foo_option = 1\n");
    auto result = ecconf::check_files({path}, fs, {});
    std::ostringstream written;
    ecconf::write_baseline(written, ecconf::baseline_of(result->sources, result->diagnostics));
    CHECK(written.str().find("\"file\": \"/t/caf\\\\xe9.conf\"") != std::string::npos);
    std::istringstream in(written.str());
    CHECK(ecconf::apply_baseline(result->sources, ecconf::read_baseline(in), result->diagnostics) == 1);
}

TEST_CASE("diagnostic policy: check_files applies the filter, the levels and the baseline; check_each once")
{
    ecconf::memory_file_system fs;
    fs.add("/t/a.conf", "include \"shared.conf\"\nfoo_option = 1\n");
    fs.add("/t/b.conf", "include \"shared.conf\"\nspoolbase = \"/var/spool/ecelerity\"\n");
    fs.add("/t/shared.conf", "bar_option = 2\nmax_outbound_connections = \"ten\"\n");
    const auto recorded = check_memory("bar_option = 2\n");
    ecconf::check_options options;
    options.load.search_path = {"/t"};
    options.policy.rules = ecconf::diagnostic_filter{{}, {"invalid-value"}};
    options.policy.levels = {{"unknown-option", ecconf::severity::note}};
    options.policy.baseline = ecconf::baseline_of(recorded->sources, recorded->diagnostics);
    REQUIRE(options.policy.baseline.size() == 1);
    options.policy.baseline[0].file = "/t/shared.conf";

    const auto one = ecconf::check_files({"/t/a.conf"}, fs, options);
    CHECK(messages(*one) == std::vector<std::string>{"2 unknown-option unknown option 'foo_option' in scope 'global'"});
    CHECK(one->diagnostics.all()[0].level == ecconf::severity::note);

    // The shared include's finding is one finding of the merged run: the baseline's one entry absorbs it.
    const auto both = ecconf::check_each({"/t/a.conf", "/t/b.conf"}, fs, options, 2);
    CHECK(messages(*both) ==
          std::vector<std::string>{"2 unknown-option unknown option 'foo_option' in scope 'global'"});

    // Without a rules filter every rule is reported, those off by default too.
    options.policy = {};
    const auto all = ecconf::check_files({"/t/a.conf"}, fs, options);
    CHECK(messages(*all).size() == 3);
}
