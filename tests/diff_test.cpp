#include <doctest/doctest.h>

#include "support/string_lists.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <map>

#include "ecconf/check.hpp"
#include "ecconf/effective.hpp"
#include "ecconf/report.hpp"
#include "ecconf/schema.hpp"
#include "support/run_command.hpp"

using namespace ecconf;
using strings = std::vector<std::string>;

namespace {

struct diffed {
    std::unique_ptr<check_result> result;
    std::vector<config_change> changes;
};

/// /old/ecelerity.conf and /new/ecelerity.conf (plus other files), loaded together and compared.
diffed diff(const std::string& before, const std::string& after, const std::map<std::string, std::string>& others = {},
            const check_options& options = {})
{
    memory_file_system fs;
    fs.add("/old/ecelerity.conf", before);
    fs.add("/new/ecelerity.conf", after);
    for (const auto& [path, bytes] : others) fs.add(path, bytes);
    diffed out;
    out.result = check_files({"/old/ecelerity.conf", "/new/ecelerity.conf"}, fs, options);
    REQUIRE(out.result->diagnostics.count(severity::error) == 0);
    REQUIRE(out.result->effective.size() == 2);
    out.changes = diff_configurations(out.result->effective[0], out.result->effective[1], builtin_schema(),
                                      out.result->sources.secrets());
    return out;
}

strings lines(const diffed& d)
{
    strings out;
    for (const auto& c : d.changes) out.push_back(change_text(c, d.result->sources));
    return out;
}

strings warnings(const diffed& d)
{
    diagnostic_sink sink;
    report_restart_required(d.changes, sink);
    sink.finalize();
    std::ostringstream text;
    write_text_report(text, d.result->sources, sink, false, false);
    strings out;
    std::string line;
    std::istringstream in(text.str());
    while (std::getline(in, line)) out.push_back(line);
    return out;
}

std::string read_text(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("diff: a security change needs a restart")
{
    const auto d = diff("Security {\n  user = ecuser\n}\n", "Security {\n  user = mailer\n}\n");
    CHECK(
        lines(d) ==
        strings{
            R"(changed security user: ecuser -> mailer  [restart-required]  /new/ecelerity.conf:2:3, was /old/ecelerity.conf:2:3)"});
    CHECK(
        warnings(d) ==
        strings{
            R"(/new/ecelerity.conf:2:3: warning: 'user' in security changed: 'config reload' will not apply it, restart ecelerity ('user' cannot change at runtime) [restart-required])",
            "/old/ecelerity.conf:2:3: note: old value set here"});
    REQUIRE(d.changes.size() == 1);
    CHECK(
        change_json(d.changes[0], d.result->sources).dump() ==
        R"({"kind":"changed","scope":"security","option":"user","old":"ecuser","new":"mailer",)"
        R"("old_location":{"file":"/old/ecelerity.conf","line":2,"column":3},"new_location":{"file":"/new/ecelerity.conf","line":2,"column":3},)"
        R"("restart_required":true,"reason":"'user' cannot change at runtime"})");
}

TEST_CASE("diff: max_outbound_connections is reload-safe")
{
    const auto d = diff("max_outbound_connections = 20\n", "# more\nmax_outbound_connections = 30\n");
    CHECK(
        lines(d) ==
        strings{
            R"(changed global max_outbound_connections: 20 -> 30  [reload-safe]  /new/ecelerity.conf:2:1, was /old/ecelerity.conf:1:1)"});
    CHECK(warnings(d).empty());
}

TEST_CASE("diff: an added domain, a removed binding")
{
    const auto added = diff(
        "domain \"a.example\" { max_outbound_connections = 5 }\n",
        "domain \"a.example\" { max_outbound_connections = 5 }\ndomain \"b.example\" { max_outbound_connections = 9 }\n");
    CHECK(lines(added) == strings{R"(added scope domain b.example  [reload-safe]  /new/ecelerity.conf:2:1)"});
    const auto removed =
        diff("binding \"b1\" {\n  bind_address = 192.0.2.1\n}\nbinding \"b2\" {\n  bind_address = 192.0.2.2\n}\n",
             "binding \"b1\" {\n  bind_address = 192.0.2.1\n}\n");
    CHECK(lines(removed) == strings{R"(removed scope binding b2  [restart-required]  was /old/ecelerity.conf:4:1)"});
    CHECK(
        warnings(removed) ==
        strings{
            R"(/old/ecelerity.conf:4:1: warning: scope 'binding b2' removed: 'config reload' will not apply it, restart ecelerity (it sets 'bind_address', which cannot change at runtime) [restart-required])"});
}

TEST_CASE(
    "diff: reordering, comments, keyword case, spelling of a typed value and moving to another file are not changes")
{
    const std::string before =
        "max_outbound_connections = 20\nmax_retries = 4\ndomain \"a.example\" {\n  max_outbound_connections = 5\n}\n"
        "Security {\n  user = ecuser\n  capabilities = \"cap_net_bind_service+ep\"\n}\n";
    const std::string after =
        "# reordered\nSecurity {\n  Capabilities = \"cap_net_bind_service=ep\"\n  USER = ecuser\n}\n"
        "DOMAIN \"a.example\" {\n  Max_Outbound_Connections = 5 # five\n}\ninclude \"/new/more.conf\"\nMAX_RETRIES = 4\n";
    CHECK(diff(before, after, {{"/new/more.conf", "max_outbound_connections = 20\n"}}).changes.empty());
    CHECK(diff("generate_bounces = true\n", "generate_bounces = yes\n").changes.empty());
}

TEST_CASE("diff: the schema's restart flags and the cluster file")
{
    // bind_address changes only at restart (stated in prose by the manual).
    CHECK(
        lines(diff("binding \"b1\" {\n  bind_address = 192.0.2.1\n}\n",
                   "binding \"b1\" {\n  bind_address = 192.0.2.9\n}\n")) ==
        strings{
            R"(changed binding b1 bind_address: 192.0.2.1 -> 192.0.2.9  [restart-required]  /new/ecelerity.conf:2:3, was /old/ecelerity.conf:2:3)"});
    // The cluster file's Security stanza wins in both versions: changing ecelerity.conf's is no change.
    check_options apart;
    apart.cluster_file = "/c/cluster.conf";
    CHECK(diff("Security {\n  user = ecuser\n}\n", "Security {\n  user = mailer\n}\n",
               {{"/c/cluster.conf", "Security {\n  user = ecuser\n}\n"}}, apart)
              .changes.empty());
}

TEST_CASE("ecconf-check diff: the example pair, text and JSON, exit codes")
{
    const std::string pair = "testdata/diff/old/ecelerity.conf testdata/diff/new/ecelerity.conf";
    const auto text = test::run_check("diff " + pair);
    CHECK(text.exit_code == 0);
    CHECK(text.out == read_text("testdata/diff/expected.txt"));
    CHECK(test::run_check("diff --format json " + pair).out == read_text("testdata/diff/expected.json"));
    CHECK(test::run_check("diff --fail-on-restart " + pair).exit_code == 1);
    // Every change reload-safe: exit 0 even with --fail-on-restart.
    const auto same_file =
        test::run_check("diff --fail-on-restart testdata/diff/old/ecelerity.conf testdata/diff/old/ecelerity.conf");
    CHECK(same_file.exit_code == 0);
    CHECK(same_file.out == "0 changes: 0 reload-safe, 0 restart-required\n");
    CHECK(test::run_check("diff testdata/diff/old/ecelerity.conf testdata/diff/no-such.conf").exit_code == 2);
}
