#include <doctest/doctest.h>

#include <map>

#include "ecconf/check.hpp"
#include "support/check_text.hpp"
#include "support/string_lists.hpp"

using namespace ecconf;
using strings = std::vector<std::string>;

namespace {

/// "line:column rule message | line:column related" for each diagnostic of a full check of /t/ecelerity.conf,
strings run(const std::string& text, const diagnostic_filter& filter = {},
            const std::map<std::string, std::string>& others = {})
{
    check_options options;
    options.policy.rules = filter;
    return test::check_text(text, {others, options, false});
}

std::string listener_with(const std::string& option)
{
    return "ESMTP_Listener {\n  Listen \":25\" {\n    " + option + "\n  }\n}\n";
}

}  // namespace

TEST_CASE("undefined-reference: thread pools, declared, built in, missing and near misses")
{
    CHECK(run("ThreadPool \"accept-pool\" {\n  concurrency = 4\n}\n" + listener_with("pool_name = \"accept-pool\""))
              .empty());
    CHECK(run(listener_with("pool_name = \"IO\"")).empty());
    CHECK(run(listener_with("pool_name = \"batch_unlink\"")).empty());  // pool names ignore case
    CHECK(run(listener_with("pool_name = \"reception\"")) ==
          strings{"3:17 undefined-reference 'pool_name' names thread pool 'reception', which is not declared"});
    CHECK(
        run("ThreadPool \"accept-pool\" {\n  concurrency = 4\n}\n" + listener_with("pool_name = \"acept-pool\"")) ==
        strings{
            "6:17 undefined-reference 'pool_name' names thread pool 'acept-pool', which is not declared; did you mean "
            "'accept-pool'? | 1:12 'accept-pool' is declared here"});
    // A built-in pool has no declaration to point at.
    CHECK(
        run(listener_with("pool_name = \"CPUS\"")) ==
        strings{
            "3:17 undefined-reference 'pool_name' names thread pool 'CPUS', which is not declared; did you mean 'CPU'?"});
    CHECK(run("antivirus \"av\" {\n  pool = \"scan\"\n}\n") ==
          strings{"2:10 undefined-reference 'pool' names thread pool 'scan', which is not declared"});
}

TEST_CASE("undefined-reference: event loops named by delivery_pool, maintainer_pool and event_loop")
{
    CHECK(
        run("eventloop \"events_pool\" {\n  concurrency = 6\n}\ndelivery_pool = \"events_pool\"\nmaintainer_pool = \"events_pool\"\n")
            .empty());
    CHECK(
        run("eventloop \"events_pool\" {\n  concurrency = 6\n}\ndelivery_pool = \"event_pool\"\n") ==
        strings{
            "4:17 undefined-reference 'delivery_pool' names event loop 'event_pool', which is not declared; did you mean "
            "'events_pool'? | 1:11 'events_pool' is declared here"});
    CHECK(run("ESMTP_Listener {\n  event_loop = \"loop2\"\n}\n") ==
          strings{"2:16 undefined-reference 'event_loop' names event loop 'loop2', which is not declared"});
}

TEST_CASE("undefined-reference: pathways, at global and as pathway_group members")
{
    CHECK(run("pathway \"inbound\" {\n}\n" + listener_with("pathway = \"inbound\"")).empty());
    CHECK(
        run("pathway_group \"g\" {\n  pathway \"member\" {\n  }\n}\n" + listener_with("pathway = \"member\"")).empty());
    CHECK(run(listener_with("pathway = \"inbound\"")) ==
          strings{"3:15 undefined-reference 'pathway' names pathway 'inbound', which is not declared"});
    CHECK(
        run("pathway_group \"g\" {\n  pathway \"member\" {\n  }\n}\n" + listener_with("pathway = \"membr\"")) ==
        strings{
            "7:15 undefined-reference 'pathway' names pathway 'membr', which is not declared; did you mean 'member'? | "
            "2:11 'member' is declared here"});
    // Peer also takes a pathway.
    CHECK(run("ESMTP_Listener {\n  Peer \"10.0.0.0/8\" {\n    pathway = \"relay\"\n  }\n}\n") ==
          strings{"3:15 undefined-reference 'pathway' names pathway 'relay', which is not declared"});
}

TEST_CASE("undefined-reference: datasources in cache options and :datasource:NAME: queries")
{
    const std::string datasource = "Datasource \"authdb\" {\n  uri = ( \"sqlite:/tmp/auth.db\" )\n}\n";
    const auto scheme = [](const std::string& cache) {
        return "auth_ds {\n  Scheme \"s\" {\n    Authenticate {\n      query = \"SELECT 1\"\n      cache = \"" + cache +
               "\"\n    }\n  }\n}\n";
    };
    CHECK(run(datasource + scheme("authdb")).empty());
    CHECK(run(scheme("authdb")) ==
          strings{"5:15 undefined-reference 'cache' names datasource 'authdb', which is not declared"});
    CHECK(
        run(datasource + scheme("auth")) ==
        strings{
            "8:15 undefined-reference 'cache' names datasource 'auth', which is not declared; did you mean 'authdb'? | "
            "1:12 'authdb' is declared here"});
    const auto bco = [](const std::string& name) {
        return "bounce_classifier_override {\n  user_smtp_classification_override = \":datasource:" + name +
               ":SELECT 1;\"\n}\n";
    };
    CHECK(run(datasource + bco("authdb")).empty());
    // The range covers the name inside the string.
    CHECK(
        run(datasource + bco("authbd")) ==
        strings{
            "5:52 undefined-reference 'user_smtp_classification_override' names datasource 'authbd', which is not declared; "
            "did you mean 'authdb'? | 1:12 'authdb' is declared here"});
    // Other strings are not queries of a datasource.
    CHECK(
        run("bounce_classifier_override {\n  user_smtp_classification_override = \"/etc/overrides.txt\"\n}\n").empty());
}

TEST_CASE("undefined-reference: '#name' gateways and routes name a virtual domain")
{
    const std::string relay = "domain \"#relay\" {\n  max_outbound_connections = 5\n}\n";
    CHECK(run(relay + "gateway = \"#relay\"\n").empty());
    CHECK(run(relay + "domain \"example.com\" {\n  routes = ( \"__mx__\" \"#relay\" )\n}\n").empty());
    CHECK(run("gateway = \"smarthost.example.com\"\nroutes = ( \"smtp://192.0.2.1?pref=10\" \"__mx__\" )\n").empty());
    CHECK(run("gateway = \"#relay\"\n") ==
          strings{"1:11 undefined-reference 'gateway' names virtual domain '#relay', which is not declared"});
    CHECK(
        run(relay + "routes = ( \"__mx__\" \"#rely\" )\n") ==
        strings{
            "4:21 undefined-reference 'routes' names virtual domain '#rely', which is not declared; did you mean '#relay'? | "
            "1:8 '#relay' is declared here"});
}

TEST_CASE("undefined-reference: bindings and binding groups, case-sensitive, 'default' always exists")
{
    const std::string cluster = "cluster {}\n";
    const std::string binding = "binding \"outbound1\" {\n  bind_address = 192.0.2.10\n}\n";
    CHECK(run(cluster + binding + listener_with("duravip_follow = \"outbound1\"")).empty());
    CHECK(run(cluster + listener_with("duravip_follow = \"default\"")).empty());
    CHECK(
        run(cluster + binding + listener_with("duravip_follow = \"Outbound1\"")) ==
        strings{
            "7:22 undefined-reference 'duravip_follow' names binding 'Outbound1', which is not declared; did you mean "
            "'outbound1'? | 2:9 'outbound1' is declared here"});
    CHECK(run("binding_group \"g1\" {\n}\n" +
              std::string("cluster {\n  replicate \"r\" {\n    binding_group = \"g1\"\n  }\n}\n"))
              .empty());
    CHECK(run("cluster {\n  replicate \"r\" {\n    binding_group = \"g2\"\n  }\n}\n") ==
          strings{"3:21 undefined-reference 'binding_group' names binding group 'g2', which is not declared"});
}

TEST_CASE("missing-module: documented module prerequisites")
{
    const std::string script = "scriptlet \"scriptlet\" {\n  script \"boot\" {\n    source = \"msys.boot\"\n  }\n}\n";
    const std::string audit = "inbound_audit {\n  monitors = (\"300,6\")\n}\n";
    CHECK(run("alerting {}\n" + audit + script).empty());
    CHECK(run(script) ==
          strings{"1:1 missing-module module 'scriptlet' needs module 'alerting', which this configuration does not "
                  "declare: add 'alerting { }'"});
    CHECK(run("alerting {}\n" + script) ==
          strings{"1:1 missing-module module 'alerting' needs module 'inbound_audit', which this "
                  "configuration does not declare: add 'inbound_audit { }'"});
    CHECK(run("adaptive {}\n") ==
          strings{"1:1 missing-module module 'adaptive' needs module 'inbound_audit', which this configuration "
                  "does not declare: add 'inbound_audit { }'"});
    // Reported once per module, however often its stanza is repeated (here also a duplicate-stanza).
    const auto repeated =
        run(script + "scriptlet \"scriptlet\" {\n  script \"other\" {\n    source = \"other\"\n  }\n}\n");
    CHECK(std::count_if(repeated.begin(), repeated.end(),
                        [](const std::string& d) { return d.find("missing-module") != std::string::npos; }) == 1);
    // DuraVIP needs the cluster module, wherever it is declared.
    CHECK(
        run("binding \"b\" {\n  enable_duravip = true\n}\n") ==
        strings{
            "2:3 missing-module 'enable_duravip' needs module 'cluster', which this configuration does not declare: add 'cluster { }'"});
    CHECK(run("binding \"b\" {\n  enable_duravip = true\n}\ninclude \"/t/cluster.conf\"\n", {},
              {{"/t/cluster.conf", "cluster {}\n"}})
              .empty());
    // The --cluster file is part of the configuration.
    {
        memory_file_system fs;
        fs.add("/t/ecelerity.conf", "binding \"b\" {\n  enable_duravip = true\n}\n");
        fs.add("/t/ecelerity-cluster.conf", "cluster {}\n");
        check_options options;
        options.cluster_file = "/t/ecelerity-cluster.conf";
        CHECK(check_files({"/t/ecelerity.conf"}, fs, options)->diagnostics.size() == 0);
        CHECK(check_files({"/t/ecelerity.conf"}, fs, {})->diagnostics.size() == 1);
    }
    // ds_core is loaded implicitly: alias and auth_ds need no ds_core stanza.
    CHECK(
        run("Datasource \"a\" {\n  uri = ( \"sqlite:/tmp/a.db\" )\n}\nalias \"alias1\" {\n  scheme \"s\" {\n    cache = \"a\"\n  }\n}\n")
            .empty());
}

TEST_CASE("unused-definition: off by default, on with --enable")
{
    const std::string text =
        "ThreadPool \"spare\" {\n  concurrency = 2\n}\nThreadPool \"IO\" {\n  concurrency = 20\n}\n"
        "pathway \"p1\" {\n}\nDatasource \"d1\" {\n  uri = ( \"sqlite:/tmp/d.db\" )\n}\n"
        "domain \"#relay\" {\n}\ndomain \"example.com\" {\n}\n";
    CHECK(run(text).empty());
    diagnostic_filter enabled;
    enabled.enable = {"unused-definition"};
    // The predefined pool IO and the ordinary domain are not reported.
    CHECK(
        run(text, enabled) ==
        strings{
            "1:12 unused-definition thread pool 'spare' is declared but no option of this configuration refers to it",
            "7:9 unused-definition pathway 'p1' is declared but no option of this configuration refers to it",
            "9:12 unused-definition datasource 'd1' is declared but no option of this configuration refers to it",
            "12:8 unused-definition virtual domain '#relay' is declared but no option of this configuration refers to it",
        });
    CHECK(
        run(text + listener_with("pool_name = \"SPARE\"\n    pathway = \"p1\"") +
                "gateway = \"#relay\"\n"
                "bounce_classifier_override {\n  user_smtp_classification_override = \":datasource:d1:SELECT 1\"\n}\n",
            enabled)
            .empty());
}
