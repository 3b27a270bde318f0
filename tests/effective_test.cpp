#include <doctest/doctest.h>

#include "ecconf/check.hpp"
#include "ecconf/export.hpp"

using namespace ecconf;

namespace {

struct checked {
    memory_file_system files;
    std::unique_ptr<check_result> result;
};

std::unique_ptr<checked> check(std::initializer_list<std::pair<std::string, std::string>> contents, const std::string& cluster = {})
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
    const auto value = resolved_value(r, false);
    return (value.is_string() ? value.get<std::string>() : value.dump()) + (r.winner ? " from " + r.steps[*r.winner].scope : " by default");
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
    const auto c = check({{"/e/ecelerity.conf", "max_outbound_connections = 40\n"
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
    CHECK(eval(c, {"binding_group", "group1", "binding", "example", "domain", "example.com", "max_outbound_connections"}) ==
          "15 from binding_group group1 binding example");
    CHECK(eval(c, {"binding", "example2", "domain", "example.com", "message_expiration"}) == "86400 from binding example2 domain example.com");
    CHECK(eval(c, {"binding", "example2", "domain", "anotherexample.com", "message_expiration"}) == "7200 from binding example2");
    CHECK(eval(c, {"binding", "example2", "domain", "other.example", "message_expiration"}) == "7200 from binding example2");
    CHECK(eval(c, {"binding", "example3", "domain", "anotherexample.com", "message_expiration"}) ==
          "86400 from binding example3 domain anotherexample.com");
    CHECK(eval(c, {"binding", "example3", "domain", "example.com", "message_expiration"}) == "120 from domain example.com");
    CHECK(eval(c, {"binding", "example3", "domain", "other.example", "message_expiration"}) == "86400 from global");
    // A binding names its group even when the path leaves the group out.
    CHECK(eval(c, {"binding", "example", "domain", "example.com", "max_outbound_connections"}) == "15 from binding_group group1 binding example");
}

TEST_CASE("manual, fallback page: without the binding's value, the binding group's 5 applies")
{
    const auto c = check({{"/e/ecelerity.conf", "max_outbound_connections = 30\n"
                                                "binding_group \"group1\" {\n  max_outbound_connections = 5\n"
                                                "  binding \"example\" {\n    bind_address = 10.10.10.10\n"
                                                "    domain \"example.com\" { }\n  }\n}\n"}});
    CHECK(errors_of(*c) == "");
    CHECK(eval(*c, {"binding_group", "group1", "binding", "example", "domain", "example.com", "max_outbound_connections"}) ==
          "5 from binding_group group1");
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
    CHECK(eval(*c, {"domain", "other.net", "max_outbound_connections"}) == "7 from domain other.net (matched by /net$/)");
}

TEST_CASE("the host chain does not fall back to domain or global")
{
    const auto c = check({{"/e/ecelerity.conf", "max_outbound_connections = 30\n"
                                                "binding \"b\" { bind_address = 10.0.0.1 host \"mx1.example.org\" { max_outbound_connections = 3 } }\n"}});
    CHECK(errors_of(*c) == "");
    CHECK(eval(*c, {"binding", "b", "host", "mx1.example.org", "max_outbound_connections"}) == "3 from binding b host mx1.example.org");
    CHECK(eval(*c, {"host", "mx2.example.org", "max_outbound_connections"}).find("global") == std::string::npos);
}

TEST_CASE("listeners: a peer inside a listen beats a broader peer; then listen, listener, global")
{
    const auto c = check({{"/e/ecelerity.conf", "esmtp_listener {\n  require_ehlo = false\n"
                                                "  peer \"10.0.0.0/8\" { require_ehlo = true }\n"
                                                "  listen \":25\" {\n    peer \"10.1.0.0/16\" { require_ehlo = false }\n  }\n}\n"}});
    CHECK(errors_of(*c) == "");
    CHECK(eval(*c, {"esmtp_listener", "listen", ":25", "peer", "10.1.2.3", "require_ehlo"}) == "false from esmtp_listener listen :25 peer 10.1.0.0/16");
    CHECK(eval(*c, {"esmtp_listener", "listen", ":25", "peer", "10.2.2.3", "require_ehlo"}) == "true from esmtp_listener peer 10.0.0.0/8");
    CHECK(eval(*c, {"esmtp_listener", "listen", ":25", "peer", "192.0.2.1", "require_ehlo"}) == "false from esmtp_listener");
}
