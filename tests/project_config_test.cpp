// The project configuration file .ecconf.toml (testdata/project), --node, --conf-root, standard input
// and baselines relative to their file: each key's effect, the command line overriding it, and its errors.

#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "support/run_command.hpp"

using ecconf::test::command_result;
using ecconf::test::run_command;

namespace {

/// Runs ecconf-check from a directory below testdata/project, stderr with stdout.
command_result in_project(const std::string& directory, const std::string& args)
{
    return run_command("cd testdata/project/" + directory + " && " ECCONF_CHECK_BINARY " " + args + " 2>&1");
}

const std::string overridden_note = "conf/default/ecelerity.conf:4:3: note: overridden value set here\n";
const std::string mta1_override =
    "conf/mta1/node.conf:4:3: error: 'max_outbound_connections' is set to '20' here, overriding '10' set for the same stanza in another "
    "file; this later value wins [cross-file-override]\n" +
    overridden_note;
const std::string mta1_deprecated =
    "conf/mta1/node.conf:2:1: warning: 'watchdog_interval' is deprecated: Momentum 3.x only; absent from the 4.x summary [deprecated-option]\n";

}  // namespace

TEST_CASE(
    "project configuration: files, ignore, conf_root, include_roots, fail_on, disable and [rules] from .ecconf.toml")
{
    // files names conf/default, ignore leaves its draft out, --node mta1 picks conf/mta1 under conf_root,
    // deprecated-option is disabled and cross-file-override raised to an error.
    const auto mta1 = in_project(".", "--node mta1 --format gcc");
    CHECK(mta1.out == mta1_override);
    CHECK(mta1.exit_code == 1);
    // Without the ignore glob the draft is checked too.
    const auto drafts = in_project(".", "--node mta2 --format gcc --ignore nothing");
    CHECK(
        drafts.out ==
        "conf/default/next-draft.conf:2:22: error: '{' of 'domain example.com' is never closed: the file ends first [unclosed-scope]\n");
    CHECK(drafts.exit_code == 1);
    // The command line overrides disable (the warning comes back) and fail_on (it no longer fails).
    const auto warned = in_project(".", "--node mta1 --format gcc --disable cross-file-override");
    CHECK(warned.out == mta1_deprecated);
    CHECK(warned.exit_code == 1);
    CHECK(in_project(".", "--node mta1 --format gcc --disable cross-file-override --fail-on error").exit_code == 0);
    // Without a node the host's name is looked for, and nothing outside conf/ (include_roots) is searched.
    const auto hostname = in_project(
        ".", "--node '' --conf-root conf --include-root conf --format gcc conf/default/ecelerity.conf --no-config");
    CHECK(hostname.exit_code == 1);
}

TEST_CASE("project configuration: [node.NAME] cluster, and every path relative to the file")
{
    CHECK(in_project(".", "--node mta2 --format gcc").out.empty());
    const auto clustered =
        in_project(".", "eval --node mta2 conf/default/ecelerity.conf ec_logger ec_logger_cluster mainlog");
    CHECK(clustered.out == "cluster:///var/log/ecelerity/mainlog.cluster=>master\n");
    CHECK(clustered.exit_code == 0);
    CHECK(
        in_project(".", "eval --node mta1 conf/default/ecelerity.conf ec_logger ec_logger_cluster mainlog").exit_code ==
        1);
    // Found upward from a subdirectory: its paths are rewritten for the working directory.
    const auto below = in_project("conf", "--node mta1 --format gcc");
    CHECK(below.out ==
          "../" + mta1_override.substr(0, mta1_override.size() - overridden_note.size()) + "../" + overridden_note);
    CHECK(below.exit_code == 1);
}

TEST_CASE("project configuration: include_path at the top level and per node")
{
    const auto top = in_project(".", "--config keys/include-path.toml --format gcc");
    CHECK(top.out.empty());
    CHECK(top.exit_code == 0);
    const auto node = in_project(".", "--config keys/include-path.toml --node mta1 --format gcc");
    CHECK(
        node.out ==
        mta1_deprecated +
            "conf/mta1/node.conf:4:3: warning: 'max_outbound_connections' is set to '20' here, overriding '10' set for the "
            "same stanza in another file; this later value wins [cross-file-override]\n" +
            overridden_note);
    CHECK(node.exit_code == 0);
    // -I on the command line wins over both.
    CHECK(in_project(".", "--config keys/include-path.toml --node mta1 -I conf/mta2 -I conf/default --format gcc")
              .out.empty());
}

TEST_CASE("project configuration: include_roots confine the search path")
{
    const auto confined = in_project(".", "--config keys/include-roots.toml --node mta1 --format gcc");
    CHECK(
        confined.out ==
        "conf/default/ecelerity.conf:6:9: error: cannot find 'node.conf' to include (looked in conf/default, conf/default; "
        "2 outside the include roots not searched) [include-not-found]\n");
    CHECK(confined.exit_code == 1);
}

TEST_CASE("project configuration: target_version checks against that release, and the command line overrides it")
{
    // At 3.6 watchdog_interval is not yet deprecated: only the override is left, a warning.
    const auto old_release = in_project("keys", "--config target-version.toml --node mta1 --format gcc");
    CHECK(
        old_release.out ==
        "../conf/mta1/node.conf:4:3: warning: 'max_outbound_connections' is set to '20' here, overriding '10' set for the "
        "same stanza in another file; this later value wins [cross-file-override]\n../" +
            overridden_note);
    CHECK(old_release.exit_code == 0);
    const auto newest =
        in_project("keys", "--config target-version.toml --target-version 5.3 --node mta1 --format gcc");
    CHECK(newest.out.find("[deprecated-option]") != std::string::npos);
    CHECK(in_project(".", "config --config keys/target-version.toml")
              .out.find("target_version = \"3.6\"  # keys/target-version.toml:4:1\n") != std::string::npos);
}

TEST_CASE("baselines record paths relative to their file and match from any working directory")
{
    for (const std::string directory : {".", "conf/mta1", "keys"}) {
        CAPTURE(directory);
        const std::string up = directory == "." ? "" : directory == "keys" ? "../" : "../../";
        const auto quiet = in_project(directory, "--config " + up + "keys/baseline.toml --node mta1 --format gcc");
        CHECK(quiet.out.empty());
        CHECK(quiet.exit_code == 0);
        CHECK(in_project(directory, "--config " + up + "keys/baseline.toml --node mta1 --format gcc --baseline ''")
                  .out.size() > 0);
    }
    // A baseline written from another directory records the same relative paths.
    const auto written =
        run_command("d=$(mktemp -d) && cd testdata/project/conf && " ECCONF_CHECK_BINARY
                    " --config ../keys/baseline.toml --node mta1 --baseline '' --write-baseline $d/b.json 2>/dev/null; "
                    "grep -c '\"file\": \"'$(realpath --relative-to=$d .)'/mta1/node.conf\"' $d/b.json; rm -r $d");
    CHECK(written.out == "2\n");
}

TEST_CASE("ecconf-check config prints the settings in effect and where each came from")
{
    const auto shown = in_project("conf", "config --node mta1 --fail-on note");
    CHECK(
        shown.out ==
        "config = \"../.ecconf.toml\"  # found upward from the working directory\n"
        "files = [\"../conf/default\"]  # ../.ecconf.toml:4:1\n"
        "node = \"mta1\"  # command line\n"
        "conf_root = \"../conf\"  # ../.ecconf.toml:6:1\n"
        "include_path = [\"../conf/global\",\"../conf/mta1\",\"../conf/default\"]  # Momentum's search path for --node and --conf-root\n"
        "cluster = \"\"  # default\n"
        "include_roots = [\"../conf\"]  # ../.ecconf.toml:7:1\n"
        "ignore = [\"../conf/default/*-draft.conf\"]  # ../.ecconf.toml:5:1\n"
        "fail_on = \"note\"  # command line\n"
        "target_version = \"5.3\"  # default\n"
        "enable = []  # default\n"
        "disable = [\"deprecated-option\"]  # ../.ecconf.toml:9:1\n"
        "baseline = \"\"  # default\n"
        "rules.cross-file-override = \"error\"  # ../.ecconf.toml:12:1\n");
    CHECK(shown.exit_code == 0);
    const auto named = in_project(".", "config --config keys/baseline.toml --node mta2");
    CHECK(
        named.out ==
        "config = \"keys/baseline.toml\"  # command line\n"
        "files = [\"conf/default/ecelerity.conf\"]  # keys/baseline.toml:2:1\n"
        "node = \"mta2\"  # command line\n"
        "conf_root = \"conf\"  # keys/baseline.toml:3:1\n"
        "include_path = [\"conf/global\",\"conf/mta2\",\"conf/default\"]  # Momentum's search path for --node and --conf-root\n"
        "cluster = \"\"  # default\n"
        "include_roots = []  # default\n"
        "ignore = []  # default\n"
        "fail_on = \"error\"  # default\n"
        "target_version = \"5.3\"  # default\n"
        "enable = []  # default\n"
        "disable = []  # default\n"
        "baseline = \"keys/mta1.baseline.json\"  # keys/baseline.toml:4:1\n");
    // --no-config: nothing from the file, so no main file either.
    const auto ignored = in_project(".", "--no-config");
    CHECK(ignored.out.rfind("ecconf-check: no configuration file named\n", 0) == 0);
    CHECK(ignored.exit_code == 3);
    CHECK(in_project(".", "--no-config --config .ecconf.toml").exit_code == 3);
    const auto missing = in_project(".", "--config nope.toml");
    CHECK(missing.out == "ecconf-check: cannot read project configuration 'nope.toml'\n");
    CHECK(missing.exit_code == 2);
}

TEST_CASE("project configuration errors: exit 3 naming the key, the line and the column")
{
    const std::pair<const char*, const char*> cases[] = {
        {"unknown-key", "2:1: unknown key 'fail-on' (did you mean 'fail_on'?)"},
        {"wrong-type", "2:11: 'fail_on' must be a string"},
        {"wrong-severity", "2:11: 'fail_on' must be \"error\", \"warning\" or \"note\", not \"fatal\""},
        {"target-version", "2:18: 'target_version': --target-version: '4.x' is not a version such as 3.6, 4.2 or 4"},
        {"not-a-list", "2:9: 'files' must be an array of strings"},
        {"list-item", "2:32: 'include_path' must be an array of strings"},
        {"unknown-rule",
         "2:11: unknown rule 'cross-file-overide' in 'enable' (did you mean 'cross-file-override'? see --list-rules)"},
        {"not-suppressible",
         "2:12: 'include-not-found' cannot be disabled, it means part of the configuration was not read"},
        {"rules-not-table", "2:9: 'rules' must be a table"},
        {"rules-unknown", "3:1: unknown rule 'made-up-rule' (see --list-rules)"},
        {"rules-severity",
         "3:23: 'rules.cross-file-override' must be \"error\", \"warning\" or \"note\", not \"fatal\""},
        {"node-key", "3:1: unknown key 'node.mta1.include-path' (did you mean 'include_path'?)"},
        {"node-not-table", "2:8: 'node' must be a table"},
        {"syntax",
         "2:19: Error while parsing string: unescaped control characters other than TAB (U+0009) are explicitly prohibited"},
    };
    for (const auto& [name, message] : cases) {
        const std::string case_name = name;  // clang 14 cannot capture a structured binding in a lambda
        CAPTURE(case_name);
        const std::string file = std::string("errors/") + name + ".toml";
        const auto result = in_project(".", "--config " + file);
        CHECK(result.out == "ecconf-check: " + file + ":" + message + "\n");
        CHECK(result.exit_code == 3);
    }
}

TEST_CASE("standard input: '-' for the lint, dump, export and eval, named by --stdin-filename")
{
    // Checked as the file it names: its includes are found and the output names it.
    const auto named = in_project(
        ".", "--node mta1 --format gcc --stdin-filename conf/default/ecelerity.conf - < conf/default/ecelerity.conf");
    CHECK(named.out == mta1_override);
    CHECK(named.exit_code == 1);
    const auto bare = in_project(".", "--no-config --format gcc - < conf/mta1/node.conf");
    CHECK(
        bare.out ==
        "-:2:1: warning: 'watchdog_interval' is deprecated: Momentum 3.x only; absent from the 4.x summary [deprecated-option]\n");
    CHECK(bare.exit_code == 0);
    CHECK(in_project(".", "dump --no-config --stdin-filename x.conf - < conf/mta2/node.conf")
              .out.find("\"file\": \"x.conf\"") != std::string::npos);
    const auto exported = in_project(".", "export --no-config --values-only - < conf/mta2/node.conf");
    CHECK(exported.out == "{\n  \"options\": {\n    \"server_max_outbound_connections\": 20000\n  }\n}\n");
    const auto evaluated = in_project(".", "eval --no-config - server_max_outbound_connections < conf/mta2/node.conf");
    CHECK(evaluated.out == "20000\n");
    CHECK(evaluated.exit_code == 0);
    // Read once: naming it twice is a usage error; a buffer past --max-file-size is refused like a file.
    const auto twice = in_project(".", "--no-config - - < /dev/null");
    CHECK(twice.out == "ecconf-check: standard input ('-') can be named only once\n");
    CHECK(twice.exit_code == 3);
    const auto large = in_project(".", "--no-config --format gcc --max-file-size 10 - < conf/mta1/node.conf");
    CHECK(
        large.out ==
        "-:1:1: error: cannot read '-': file too large: 11 bytes, the limit is 10 (--max-file-size) [limit-exceeded]\n");
    CHECK(large.exit_code == 2);
}

TEST_CASE("--version: version, commit, build date, schema coverage, libcap and PCRE2; --format json for machines")
{
    const auto text = ecconf::test::run_check("--version");
    CHECK(text.exit_code == 0);
    CHECK(text.out.rfind("ecconf-check 0.1.0\ncommit ", 0) == 0);
    CHECK(text.out.find("\nschema: options introduced in Momentum 3.0 to 5.3, 30 core scopes, 112 modules, ") !=
          std::string::npos);
    CHECK(text.out.find("\nlibcap 2.") != std::string::npos);
    CHECK(text.out.find(" (built against), PCRE2 10.") != std::string::npos);
    const auto json = ecconf::test::run_check("--version --format json");
    CHECK(json.exit_code == 0);
    for (const char* key :
         {"\"build_date\": \"", "\"commit\": \"", "\"libcap\": \"2.", "\"pcre2\": \"10.", "\"core_scopes\": 30",
          "\"modules\": 112", "\"momentum_versions\": [\n      \"3.0\",\n      \"5.3\"\n    ]",
          "\"version\": \"0.1.0\""}) {
        CAPTURE(key);
        CHECK(json.out.find(key) != std::string::npos);
    }
}

TEST_CASE("--all-nodes: each node directory under the root checked as its own configuration, each finding "
          "naming its node, the same output for every --jobs; the exit code covers every node")
{
    const auto fleet = [](const std::string& args) {
        return run_command("cd testdata/fleet && " ECCONF_CHECK_BINARY " --all-nodes --conf-root conf " + args +
                           " 2>&1");
    };
    const auto gcc = fleet("--format gcc conf/default");
    CHECK(gcc.out == "conf/mta2/node.conf:2:1: error: unknown option 'max_outbond_connections' in scope 'global'; "
                     "did you mean 'max_outbound_connections'? [unknown-option] (node mta2)\n"
                     "conf/default/ecelerity.conf:3:9: error: cannot find 'node.conf' to include (looked in "
                     "conf/default, conf/global, conf/mta3, conf/default) [include-not-found] (node mta3)\n");
    CHECK(gcc.exit_code == 1);
    CHECK(fleet("--format gcc -j 3 conf/default").out == gcc.out);
    const auto json = nlohmann::json::parse(fleet("--format json conf/default").out);
    CHECK(json["diagnostics"][0]["node"] == "mta2");
    CHECK(json["diagnostics"][1]["node"] == "mta3");
    const auto sarif = nlohmann::json::parse(fleet("--format sarif conf/default").out);
    CHECK(sarif["runs"][0]["results"][1]["properties"]["node"] == "mta3");
    // The nodes come from the root: naming one, or a search path, is a contradiction.
    CHECK(fleet("--node mta1 conf/default").exit_code == 3);
    CHECK(fleet("-I conf/global conf/default").exit_code == 3);
    const auto empty =
        run_command("cd testdata/fleet && " ECCONF_CHECK_BINARY " --all-nodes --conf-root conf/mta1 conf/default 2>&1");
    CHECK(empty.out == "ecconf-check: --all-nodes: no node directory in 'conf/mta1'\n");
    CHECK(empty.exit_code == 2);
    // With the project configuration: [node.mta2] gives mta2 its cluster file; cross-file-override is an error.
    const auto project = in_project("", "--all-nodes --format gcc");
    CHECK(project.out == "conf/mta1/node.conf:4:3: error: 'max_outbound_connections' is set to '20' here, overriding "
                         "'10' set for the same stanza in another file; this later value wins [cross-file-override] "
                         "(node mta1)\n" +
                             overridden_note);
    CHECK(project.exit_code == 1);
}
