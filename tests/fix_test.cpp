#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "ecconf/check.hpp"
#include "ecconf/report.hpp"
#include "support/fix_properties.hpp"
#include "support/golden_files.hpp"
#include "support/run_command.hpp"
#include "support/temp_directory.hpp"

namespace fs = std::filesystem;
using ecconf::test::case_arguments;
using ecconf::test::read_file;
using ecconf::test::run_command;
using ecconf::test::temp_directory;

namespace {

/// The *.conf files below a directory (its fixed/ results left out), by path relative to it.
std::map<std::string, std::string> configuration_files(const fs::path& directory)
{
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(directory)) {
        const auto relative = fs::relative(entry.path(), directory).string();
        if (entry.is_regular_file() && entry.path().extension() == ".conf" && relative.rfind("fixed/", 0) != 0)
            files[relative] = read_file(entry.path());
    }
    return files;
}

/// A copy of a fix case's configuration in a fresh directory.
void copy_case(const fs::path& directory, const temp_directory& copy)
{
    for (const auto& [relative, bytes] : configuration_files(directory)) copy.write(relative, bytes);
}

/// `ecconf-check ARGS ecelerity.conf` run from the copy; standard error first, as it is written first.
ecconf::test::command_result fix_in(const temp_directory& copy, const std::string& args, const std::string& errors)
{
    return run_command("cd " + copy.path + " && " + ECCONF_CHECK_BINARY + " " + args + " ecelerity.conf " + errors);
}

ecconf::diagnostic_sink checked(const std::string& text, ecconf::source_manager& sources)
{
    ecconf::memory_file_system files;
    files.add("/t/ecelerity.conf", text);
    auto result = ecconf::check_files({"/t/ecelerity.conf"}, files, {});
    sources = std::move(result->sources);
    return result->diagnostics;
}

}  // namespace

TEST_CASE("fix cases: testdata/fix/<name> fixed gives its fixed/ files and report; a second --fix changes nothing; "
          "--fix --diff shows the change and writes nothing")
{
    const auto cases = ecconf::test::golden_cases("testdata/fix", "expected.txt");
    REQUIRE(cases.size() >= 7);
    for (const auto& directory : cases) {
        CAPTURE(directory.string());
        const auto args = case_arguments(directory);
        const auto original = configuration_files(directory);
        temp_directory copy;
        copy_case(directory, copy);
        const auto fixed = fix_in(copy, "--fix --format gcc " + args, "2>&1");
        CHECK(fixed.out == read_file(directory / "expected.txt"));
        CHECK(std::to_string(fixed.exit_code) + "\n" == read_file(directory / "expected.exit"));
        const auto after = configuration_files(copy.path);
        CHECK(after == configuration_files(directory / "fixed"));
        CHECK((after != original) == (fixed.out.find("ecconf-check: fixed") != std::string::npos));

        const auto again = fix_in(copy, "--fix --format gcc " + args, "2>&1");
        CHECK(again.out.find("ecconf-check: fixed") == std::string::npos);
        CHECK(configuration_files(copy.path) == after);

        temp_directory untouched;
        copy_case(directory, untouched);
        const auto diff = fix_in(untouched, "--fix --diff " + args, "2>/dev/null");
        CHECK(diff.out == read_file(directory / "expected.diff"));
        CHECK(diff.exit_code == 1);
        CHECK(configuration_files(untouched.path) == original);
    }
}

TEST_CASE("apply_fixes: edits in order, overlapping fixes deferred, the same edit made once")
{
    using ecconf::fix;
    using ecconf::fix_safety;
    const std::string text = "abcdef";
    const fix first{"x", fix_safety::safe, 0, {{1, 2, "B"}, {4, 4, "+"}}};
    const fix overlapping{"y", fix_safety::safe, 0, {{1, 3, "XY"}}};
    const fix same_edit{"z", fix_safety::safe, 0, {{1, 2, "B"}}};
    const fix at_end{"w", fix_safety::safe, 0, {{6, 6, "!"}}};
    const fix past_end{"v", fix_safety::safe, 0, {{5, 9, "?"}}};
    const auto result = ecconf::apply_fixes(text, {&at_end, &first, &same_edit, &overlapping, &past_end});
    CHECK(result.text == "aBcd+ef!");
    CHECK(result.applied == 3);
    CHECK(result.deferred == 2);
    CHECK(ecconf::apply_fixes(text, {}).text == text);
}

TEST_CASE("fixes in the machine outputs: JSON `fix`, SARIF `fixes` with replacements; a fix that would print a "
          "secret is left out")
{
    ecconf::source_manager sources;
    const auto sink = checked("max_outbond_connections = 4\nTLS = \"requried\"\n", sources);
    const auto json = ecconf::diagnostics_json(sources, sink);
    REQUIRE(json.size() == 2);
    CHECK(
        json[0]["fix"].dump() ==
        R"({"applicability":"safe","description":"replace 'max_outbond_connections' with 'max_outbound_connections'",)"
        R"("edits":[{"file":"/t/ecelerity.conf","line":1,"column":1,"end_line":1,"end_column":24,)"
        R"("new_text":"max_outbound_connections"}]})");
    CHECK(json[1]["fix"]["applicability"] == "unsafe");
    CHECK(json[1]["fix"]["edits"][0]["column"] == 8);
    CHECK(json[1]["fix"]["edits"][0]["new_text"] == "required");

    std::ostringstream sarif;
    ecconf::write_sarif_report(sarif, sources, sink, "4.2");
    const auto log = nlohmann::ordered_json::parse(sarif.str());
    const auto& result = log["runs"][0]["results"][0];
    CHECK(result["fixes"].dump() ==
          R"([{"description":{"text":"replace 'max_outbond_connections' with 'max_outbound_connections'"},)"
          R"("artifactChanges":[{"artifactLocation":{"uri":"file:///t/ecelerity.conf"},"replacements":[)"
          R"({"deletedRegion":{"startLine":1,"startColumn":1,"endLine":1,"endColumn":24},)"
          R"("insertedContent":{"text":"max_outbound_connections"}}]}],"properties":{"applicability":"safe"}}])");

    // A single-quoted password: the fix's new text holds it, so no output carries the fix.
    ecconf::source_manager secret_sources;
    const auto secret = checked("Datasource \"db\" {\n  uri = ( 'pgsql:host=db;password=hunter22' )\n}\n"
                                "smtp_auth_password = 'hunter22'\n",
                                secret_sources);
    std::ostringstream all;
    ecconf::write_json_report(all, secret_sources, secret, 1);
    ecconf::write_sarif_report(all, secret_sources, secret, "4.2");
    ecconf::write_text_report(all, secret_sources, secret, true, false);
    CHECK(all.str().find("hunter22") == std::string::npos);
    CHECK(std::count_if(secret.all().begin(), secret.all().end(),
                        [](const ecconf::diagnostic& d) { return !d.fixes.empty(); }) >= 1);
}

TEST_CASE("--fix: usage errors, standard input only with --diff, secrets redacted in the diff")
{
    CHECK(ecconf::test::run_check("--unsafe-fixes testdata/fix/names/ecelerity.conf").exit_code == 3);
    CHECK(ecconf::test::run_check("--diff testdata/fix/names/ecelerity.conf").exit_code == 3);
    const auto piped =
        run_command("printf \"server_name = 'mx'\\n\" | " + std::string(ECCONF_CHECK_BINARY) + " --fix - 2>&1");
    CHECK(piped.out == "ecconf-check: --fix cannot rewrite standard input; use --fix --diff\n");
    CHECK(piped.exit_code == 3);
    const auto diff = run_command("printf \"smtp_auth_password = 'hunter22'\\nmax_outbond_connections = 4\\n\" | " +
                                  std::string(ECCONF_CHECK_BINARY) + " --fix --diff --stdin-filename in.conf - 2>&1");
    CHECK(diff.out == "--- in.conf\n+++ in.conf\n@@ -1,2 +1,2 @@\n-smtp_auth_password = '<redacted>'\n"
                      "-max_outbond_connections = 4\n+smtp_auth_password = \"<redacted>\"\n"
                      "+max_outbound_connections = 4\necconf-check: would fix 2 findings in 'in.conf'\n");
    CHECK(diff.exit_code == 1);
}

TEST_CASE("the guarantees of --fix hold for every configuration file of testdata/: the passes end, no syntax "
          "error added, comments other than suppressions kept")
{
    std::size_t files = 0;
    for (const auto& entry : fs::recursive_directory_iterator("testdata")) {
        if (!entry.is_regular_file() || entry.path().extension() != ".conf") continue;
        CAPTURE(entry.path().string());
        CHECK(ecconf::test::fix_property_failure(read_file(entry.path())) == "");
        ++files;
    }
    CHECK(files > 300);
}
