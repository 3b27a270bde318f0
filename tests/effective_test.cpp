#include <doctest/doctest.h>

#include "ecconf/check.hpp"
#include "ecconf/effective.hpp"

using namespace ecconf;

namespace {

struct checked {
    memory_file_system files;
    std::unique_ptr<check_result> result;
};

std::unique_ptr<checked> check(std::initializer_list<std::pair<std::string, std::string>> contents,
                               const std::string& cluster = {})
{
    auto c = std::make_unique<checked>();
    for (const auto& [path, text] : contents) c->files.add(path, text);
    check_options options;
    options.load.search_path = {"/search"};
    options.cluster_file = cluster;
    c->result = check_files({contents.begin()->first}, c->files, options);
    return c;
}

// The effective value as text, or "unset"; and where it came from.
std::string eval(const checked& c, const std::vector<std::string>& words)
{
    const auto query = parse_scope_query(builtin_schema(), words);
    REQUIRE(query.error.empty());
    const auto r = resolve_option(c.result->effective.at(0), builtin_schema(), query.path, query.option);
    if (r.origin == value_origin::unset) return "unset";
    const auto value = resolved_value(r, c.result->sources, false);
    return (value.is_string() ? value.get<std::string>() : value.dump()) +
           (r.winner ? " from " + r.steps[*r.winner].scope : " by default");
}

std::string errors_of(const checked& c)
{
    std::string text;
    for (const auto& d : c.result->diagnostics.all()) text += std::string(d.rule) + ": " + d.message + "\n";
    return text;
}

}  // namespace

TEST_CASE("manual, fallback page: domain scope fallback")
{
    const auto c =
        check({{"/e/ecelerity.conf", "max_outbound_connections = 40\n"
                                     "domain \"example.com\" { max_outbound_connections = 20 }\n"
                                     "domain \"someotherexample.com\" { max_resident_active_queue = 500 }\n"}});
    CHECK(errors_of(*c) == "");
    CHECK(eval(*c, {"domain", "example.com", "max_outbound_connections"}) == "20 from domain example.com");
    CHECK(eval(*c, {"domain", "someotherexample.com", "max_outbound_connections"}) == "40 from global");
    CHECK(eval(*c, {"domain", "undeclared.example", "max_outbound_connections"}) == "40 from global");
}

TEST_CASE("manual, fallback page: binding scope fallback and the binding group example (testdata/fallback)")
{
    checked c;
    c.result = check_files({"testdata/fallback/ecelerity.conf"}, real_file_system{}, {});
    CHECK(errors_of(c) == "");
    CHECK(eval(c, {"binding_group", "group1", "binding", "example", "domain", "example.com",
                   "max_outbound_connections"}) == "15 from binding_group group1 binding example");
    CHECK(eval(c, {"binding", "example2", "domain", "example.com", "message_expiration"}) ==
          "86400 from binding example2 domain example.com");
    CHECK(eval(c, {"binding", "example2", "domain", "anotherexample.com", "message_expiration"}) ==
          "7200 from binding example2");
    CHECK(eval(c, {"binding", "example2", "domain", "other.example", "message_expiration"}) ==
          "7200 from binding example2");
    CHECK(eval(c, {"binding", "example3", "domain", "anotherexample.com", "message_expiration"}) ==
          "86400 from binding example3 domain anotherexample.com");
    CHECK(eval(c, {"binding", "example3", "domain", "example.com", "message_expiration"}) ==
          "120 from domain example.com");
    CHECK(eval(c, {"binding", "example3", "domain", "other.example", "message_expiration"}) == "86400 from global");
    // A binding names its group even when the path leaves the group out.
    CHECK(eval(c, {"binding", "example", "domain", "example.com", "max_outbound_connections"}) ==
          "15 from binding_group group1 binding example");
}

TEST_CASE("manual, fallback page: without the binding's value, the binding group's 5 applies")
{
    const auto c = check({{"/e/ecelerity.conf", "max_outbound_connections = 30\n"
                                                "binding_group \"group1\" {\n  max_outbound_connections = 5\n"
                                                "  binding \"example\" {\n    bind_address = 10.10.10.10\n"
                                                "    domain \"example.com\" { }\n  }\n}\n"}});
    CHECK(errors_of(*c) == "");
    CHECK(eval(*c, {"binding_group", "group1", "binding", "example", "domain", "example.com",
                    "max_outbound_connections"}) == "5 from binding_group group1");
}

TEST_CASE("literal domains win over regex domains; regex domains match in declaration order")
{
    const auto c = check({{"/e/ecelerity.conf", "domain \"/example\\.net$/\" { max_outbound_connections = 2 }\n"
                                                "domain \"/net$/\" { max_outbound_connections = 7 }\n"
                                                "domain \"mail.example.net\" { max_outbound_connections = 9 }\n"}});
    CHECK(errors_of(*c) == "");
    CHECK(eval(*c, {"domain", "mail.example.net", "max_outbound_connections"}) == "9 from domain mail.example.net");
    CHECK(eval(*c, {"domain", "www.example.net", "max_outbound_connections"}) ==
          "2 from domain www.example.net (matched by /example\\.net$/)");
    CHECK(eval(*c, {"domain", "other.net", "max_outbound_connections"}) ==
          "7 from domain other.net (matched by /net$/)");
}

TEST_CASE("the host chain does not fall back to domain or global")
{
    const auto c = check(
        {{"/e/ecelerity.conf",
          "max_outbound_connections = 30\n"
          "binding \"b\" { bind_address = 10.0.0.1 host \"mx1.example.org\" { max_outbound_connections = 3 } }\n"}});
    CHECK(errors_of(*c) == "");
    CHECK(eval(*c, {"binding", "b", "host", "mx1.example.org", "max_outbound_connections"}) ==
          "3 from binding b host mx1.example.org");
    CHECK(eval(*c, {"host", "mx2.example.org", "max_outbound_connections"}).find("global") == std::string::npos);
}

TEST_CASE("listeners: a peer inside a listen beats a broader peer; then listen, listener, global")
{
    const auto c = check(
        {{"/e/ecelerity.conf", "esmtp_listener {\n  require_ehlo = false\n"
                               "  peer \"10.0.0.0/8\" { require_ehlo = true }\n"
                               "  listen \":25\" {\n    peer \"10.1.0.0/16\" { require_ehlo = false }\n  }\n}\n"}});
    CHECK(errors_of(*c) == "");
    CHECK(eval(*c, {"esmtp_listener", "listen", ":25", "peer", "10.1.2.3", "require_ehlo"}) ==
          "false from esmtp_listener listen :25 peer 10.1.0.0/16");
    CHECK(eval(*c, {"esmtp_listener", "listen", ":25", "peer", "10.2.2.3", "require_ehlo"}) ==
          "true from esmtp_listener peer 10.0.0.0/8");
    CHECK(eval(*c, {"esmtp_listener", "listen", ":25", "peer", "192.0.2.1", "require_ehlo"}) ==
          "false from esmtp_listener");
}

namespace {

nlohmann::ordered_json export_of(const checked& c, export_options options = {})
{
    std::ostringstream out;
    write_export(out, c.result->effective.at(0), builtin_schema(), c.result->sources, options);
    return nlohmann::ordered_json::parse(out.str());
}

}  // namespace

TEST_CASE("export: typed values with origin, source, inherited-from and shadowed assignments")
{
    const auto c =
        check({{"/e/ecelerity.conf", "max_outbound_connections = 30\n"
                                     "binding \"b1\" {\n  bind_address = 192.0.2.1\n  max_outbound_connections = 10\n"
                                     "  max_outbound_connections = 12\n}\n"
                                     "relay_hosts = ( \"127.0.0.1\" \"::1\" )\n"}});
    REQUIRE(errors_of(*c) ==
            "duplicate-option: 'max_outbound_connections' is set again in scope 'binding'; this later value wins\n");
    CHECK(
        export_of(*c).dump() ==
        R"({"options":{"max_outbound_connections":{"value":30,"origin":"set","source":{"file":"/e/ecelerity.conf","line":1,"column":1}},)"
        R"("relay_hosts":{"value":["127.0.0.1","::1"],"origin":"set","source":{"file":"/e/ecelerity.conf","line":7,"column":1}}},)"
        R"("binding":{"b1":{"options":{"bind_address":{"value":"192.0.2.1","origin":"set","source":{"file":"/e/ecelerity.conf","line":3,"column":3}},)"
        R"("max_outbound_connections":{"value":12,"origin":"set","source":{"file":"/e/ecelerity.conf","line":5,"column":3},)"
        R"("shadowed":[{"file":"/e/ecelerity.conf","line":4,"column":3}]}}}}})");
    export_options plain;
    plain.values_only = true;
    CHECK(export_of(*c, plain).dump() ==
          R"({"options":{"max_outbound_connections":30,"relay_hosts":["127.0.0.1","::1"]},)"
          R"("binding":{"b1":{"options":{"bind_address":"192.0.2.1","max_outbound_connections":12}}}})");
}

TEST_CASE("export: inherited values name the scope they come from")
{
    const auto c =
        check({{"/e/ecelerity.conf", "binding_group \"g\" {\n  max_outbound_connections = 5\n"
                                     "  binding \"b\" { bind_address = 192.0.2.1 domain \"example.com\" { } }\n}\n"}});
    REQUIRE(errors_of(*c) == "");
    const auto domain = export_of(
        *c)["binding_group"]["g"]["binding"]["b"]["domain"]["example.com"]["options"]["max_outbound_connections"];
    CHECK(
        domain.dump() ==
        R"({"value":5,"origin":"inherited","source":{"file":"/e/ecelerity.conf","line":2,"column":3},"from":"binding_group g"})");
}

TEST_CASE("export --resolve all: every valid option with its default; Security is there even when absent")
{
    const auto c = check({{"/e/ecelerity.conf", "max_outbound_connections = 30\n"}});
    export_options all;
    all.resolve_all = true;
    all.values_only = true;
    const auto exported = export_of(*c, all);
    CHECK(exported["security"]["options"]["user"] == "ecuser");
    CHECK(exported["security"]["options"]["group"] == "ecuser");
    CHECK(exported["options"]["max_outbound_connections"] == 30);
    CHECK(exported["options"].size() > 100);
    export_options with_origin;
    with_origin.resolve_all = true;
    CHECK(export_of(*c, with_origin)["security"]["options"]["user"].dump() ==
          R"({"value":"ecuser","origin":"default"})");
}

TEST_CASE("export: secrets are redacted unless asked for")
{
    const auto c =
        check({{"/e/ecelerity.conf",
                "outbound_smtp_auth { }\noutbound_smtp_auth_user = \"u\"\noutbound_smtp_auth_pass = \"s3cret\"\n"}});
    REQUIRE(errors_of(*c) == "");
    export_options plain;
    plain.values_only = true;
    CHECK(export_of(*c, plain)["options"]["outbound_smtp_auth_pass"] == "<redacted>");
    plain.show_secrets = true;
    CHECK(export_of(*c, plain)["options"]["outbound_smtp_auth_pass"] == "s3cret");
}

TEST_CASE("cluster: the Security stanza of ecelerity-cluster.conf wins even when included before ecelerity.conf's")
{
    const auto c = check({{"/e/ecelerity.conf",
                           "include \"ecelerity-cluster.conf\"\nsecurity {\n  user = mailer\n  group = mailer\n}\n"},
                          {"/e/ecelerity-cluster.conf", "security {\n  user = ecuser\n}\n"}});
    REQUIRE(errors_of(*c) ==
            "overridden-stanza: the cluster file's stanza of scope 'security' overrides this one: user = "
            "'mailer' never takes effect\n");
    const auto security = export_of(*c)["security"]["options"];
    CHECK(
        security["user"].dump() ==
        R"({"value":"ecuser","origin":"cluster","source":{"file":"/e/ecelerity-cluster.conf","line":2,"column":3},)"
        R"("shadowed":[{"file":"/e/ecelerity.conf","line":3,"column":3}],"overrides":{"file":"/e/ecelerity.conf","line":3,"column":3}})");
    CHECK(security["group"]["value"] == "mailer");
    CHECK(security["group"]["origin"] == "set");
}

TEST_CASE("cluster: --cluster FILE merges after the main file, with the same Security override")
{
    const auto c = check({{"/e/ecelerity.conf", "security {\n  user = mailer\n}\nmax_outbound_connections = 30\n"},
                          {"/other/cluster.conf", "security { user = ecuser }\nmax_outbound_connections = 40\n"}},
                         "/other/cluster.conf");
    // In the global scope, which has no stanza, the note stands at the overridden assignment.
    REQUIRE(errors_of(*c) ==
            "overridden-stanza: the cluster file's stanza of scope 'security' overrides this one: user = "
            "'mailer' never takes effect\noverridden-stanza: the cluster file sets this again: "
            "max_outbound_connections = '30' never takes effect\n");
    CHECK(eval(*c, {"security", "user"}) == "ecuser from security");
    CHECK(eval(*c, {"max_outbound_connections"}) == "40 from global");
    CHECK(export_of(*c)["options"]["max_outbound_connections"]["overrides"].dump() ==
          R"({"file":"/e/ecelerity.conf","line":4,"column":1})");
}

TEST_CASE("eval works for undeclared instances and reports bad paths")
{
    const auto c = check({{"/e/ecelerity.conf", "max_outbound_connections = 30\n"}});
    CHECK(eval(*c, {"binding_group", "nope", "binding", "nobody", "domain", "x.example", "max_outbound_connections"}) ==
          "30 from global");
    CHECK(eval(*c, {"domain", "x.example", "message_expiration"}) == "86400 by default");
    CHECK(parse_scope_query(builtin_schema(), {"domian", "x", "max_outbound_connections"}).error ==
          "'domian' is not a scope that can stand in global");
    CHECK(parse_scope_query(builtin_schema(), {"domain", "max_outbound_connections"}).error ==
          "scope 'domain' needs an instance name before the option");
}
