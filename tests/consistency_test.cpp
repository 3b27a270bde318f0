#include <doctest/doctest.h>

#include <map>

#include "ecconf/check.hpp"
#include "support/check_text.hpp"
#include "support/string_lists.hpp"

using namespace ecconf;
using strings = std::vector<std::string>;

namespace {

strings run(const std::string& text, const std::map<std::string, std::string>& others = {})
{
    return test::check_text(text, {others, {}, true});
}

std::string esmtp(const std::string& listens) { return "ESMTP_Listener {\n" + listens + "}\n"; }

}  // namespace

TEST_CASE("listen-address-conflict: the IPv4 wildcard spellings overlap, in one listener or two")
{
    CHECK(
        run(esmtp("  Listen \":25\" {}\n  Listen \"*:25\" {}\n")) ==
        strings{
            "/t/ecelerity.conf:3:10 listen-address-conflict Listen '*:25' binds the same address and port as Listen ':25' in the "
            "same listener; Momentum cannot bind both | /t/ecelerity.conf:2:10 ':25' bound here"});
    CHECK(
        run(esmtp("  Listen \":25\" {}\n") + "HTTP_Listener {\n  Listen \"0.0.0.0:25\" {}\n}\n") ==
        strings{
            "/t/ecelerity.conf:5:10 listen-address-conflict Listen '0.0.0.0:25' binds the same address and port as Listen ':25' "
            "of another listener; Momentum cannot bind both | /t/ecelerity.conf:2:10 ':25' bound here"});
    // The same spelling in one listener is one stanza written twice: it merges (a paste, not a conflict).
    CHECK(
        run(esmtp("  Listen \":25\" {}\n") + esmtp("  Listen \":25\" {}\n")) ==
        strings{
            "/t/ecelerity.conf:4:1 duplicate-stanza 'ESMTP_Listener' is written again in the same scope of this file; the two "
            "stanzas merge into one | /t/ecelerity.conf:1:1 first written here",
            "/t/ecelerity.conf:5:3 duplicate-stanza 'Listen \":25\"' is written again in the same scope of this file; the two "
            "stanzas merge into one | /t/ecelerity.conf:2:3 first written here"});
    // ...but in two listeners it is two sockets.
    CHECK(run(esmtp("  Listen \":25\" {}\n") + "Control_Listener {\n  Listen \":25\" {}\n}\n").size() == 1);
    // Other ports, other specific addresses and the other family's wildcard do not overlap.
    CHECK(run(esmtp("  Listen \":25\" {}\n  Listen \":587\" {}\n  Listen \"127.0.0.1:2525\" {}\n  Listen "
                    "\"127.0.0.2:2525\" {}\n  Listen \"[::]:25\" {}\n"))
              .empty());
}

TEST_CASE("listen-address-conflict: a wildcard and a specific address of the same family and port")
{
    // Either order: the later stanza is the one Linux refuses.
    CHECK(
        run(esmtp("  Listen \"*:25\" {}\n  Listen \"10.20.1.11:25\" {}\n")) ==
        strings{
            "/t/ecelerity.conf:3:10 listen-address-conflict Listen '10.20.1.11:25' overlaps Listen '*:25' in the same "
            "listener: '*:25' binds port 25 on every IPv4 address, 10.20.1.11 included; Momentum cannot bind both | "
            "/t/ecelerity.conf:2:10 '*:25' bound here"});
    CHECK(
        run(esmtp("  Listen \"10.20.1.11:25\" {}\n") + "HTTP_Listener {\n  Listen \"0.0.0.0:25\" {}\n}\n") ==
        strings{
            "/t/ecelerity.conf:5:10 listen-address-conflict Listen '0.0.0.0:25' overlaps Listen '10.20.1.11:25' of another "
            "listener: '0.0.0.0:25' binds port 25 on every IPv4 address, 10.20.1.11 included; Momentum cannot bind both | "
            "/t/ecelerity.conf:2:10 '10.20.1.11:25' bound here"});
    CHECK(
        run(esmtp("  Listen \"[::]:25\" {}\n  Listen \"[2001:DB8::1]:25\" {}\n")) ==
        strings{
            "/t/ecelerity.conf:3:10 listen-address-conflict Listen '[2001:DB8::1]:25' overlaps Listen '[::]:25' in the same "
            "listener: '[::]:25' binds port 25 on every IPv6 address, 2001:db8::1 included; Momentum cannot bind both | "
            "/t/ecelerity.conf:2:10 '[::]:25' bound here"});
    // ":25" is the IPv4 wildcard too; one finding per stanza, against the first it overlaps.
    CHECK(run(esmtp("  Listen \"10.0.0.1:25\" {}\n  Listen \"10.0.0.2:25\" {}\n  Listen \":25\" {}\n")).size() == 1);
    CHECK(run(esmtp("  Listen \":25\" {}\n  Listen \"10.0.0.1:25\" {}\n  Listen \"10.0.0.2:25\" {}\n")).size() == 2);
    // The families apart (the manual binds "*:25" and "[*]:25" together); host names are not resolved.
    CHECK(run(esmtp("  Listen \"*:25\" {}\n  Listen \"[*]:25\" {}\n")).empty());
    CHECK(run(esmtp("  Listen \"*:25\" {}\n  Listen \"[2001:db8::1]:25\" {}\n")).empty());
    CHECK(run(esmtp("  Listen \"[::]:25\" {}\n  Listen \"192.0.2.1:25\" {}\n")).empty());
    CHECK(run(esmtp("  Listen \"*:25\" {}\n  Listen \"mx.example.com:25\" {}\n  Listen \"/tmp/25\" {}\n")).empty());
}

TEST_CASE("listen-address-conflict: the IPv6 wildcard, addresses written differently, across files")
{
    CHECK(
        run(esmtp("  Listen \"[::]:25\" {}\n  Listen \"[*]:25\" {}\n")) ==
        strings{
            "/t/ecelerity.conf:3:10 listen-address-conflict Listen '[*]:25' binds the same address and port as Listen '[::]:25' in "
            "the same listener; Momentum cannot bind both | /t/ecelerity.conf:2:10 '[::]:25' bound here"});
    CHECK(run(esmtp("  Listen \"[::]:25\" {}\n  Listen \"[0:0:0:0:0:0:0:0]:25\" {}\n")).size() == 1);
    CHECK(run(esmtp("  Listen \"[2001:db8::1]:25\" {}\n  Listen \"[2001:DB8:0::1]:25\" {}\n")).size() == 1);
    CHECK(
        run(esmtp("  Listen \"192.0.2.1:25\" {}\n") + "include \"/t/more.conf\"\n",
            {{"/t/more.conf", "XMPP_Listener {\n  Listen \"192.0.2.1:25\" {}\n}\n"}}) ==
        strings{
            "/t/more.conf:2:10 listen-address-conflict Listen '192.0.2.1:25' binds the same address and port as Listen "
            "'192.0.2.1:25' of another listener; Momentum cannot bind both | /t/ecelerity.conf:2:10 '192.0.2.1:25' bound here"});
    // Unix domain sockets compare by path.
    CHECK(run("Control_Listener {\n  Listen \"/tmp/2025\" {}\n}\n" + esmtp("  Listen \"/tmp/2026\" {}\n")).empty());
}

TEST_CASE("shadowed-peer: the same network written twice in one scope")
{
    CHECK(
        run(esmtp("  Peer \"10.0.0.0/8\" {}\n  Peer \"10.1.2.3/8\" {}\n")) ==
        strings{
            "/t/ecelerity.conf:3:8 shadowed-peer Peer '10.1.2.3/8' can never match: Peer '10.0.0.0/8', declared first in the same "
            "scope, covers exactly the same addresses | /t/ecelerity.conf:2:8 '10.0.0.0/8' declared here"});
    CHECK(run(esmtp("  Peer \"192.0.2.1\" {}\n  Peer \"192.0.2.1/32\" {}\n")).size() == 1);
    CHECK(run(esmtp("  Peer \"2001:db8::/32\" {}\n  Peer \"2001:DB8:0::/32\" {}\n")).size() == 1);
    // The same spelling merges; a more specific CIDR still matches its own addresses; other scopes are apart.
    CHECK(
        run(esmtp("  Peer \"10.0.0.0/8\" {}\n  Peer \"10.0.0.0/8\" {}\n")) ==
        strings{
            "/t/ecelerity.conf:3:3 duplicate-stanza 'Peer \"10.0.0.0/8\"' is written again in the same scope of this file; the "
            "two stanzas merge into one | /t/ecelerity.conf:2:3 first written here"});
    CHECK(run(esmtp("  Peer \"10.0.0.0/8\" {}\n  Peer \"10.0.0.0/16\" {}\n")).empty());
    CHECK(run(esmtp("  Peer \"10.0.0.0/8\" {}\n  Listen \":25\" {\n    Peer \"10.0.0.1/8\" {}\n  }\n")).empty());
}

TEST_CASE("unreachable-regex-domain: a regex that only matches a literal domain of the same scope")
{
    CHECK(
        run("domain \"example.com\" {}\ndomain \"/^example\\.com$/\" {}\n") ==
        strings{
            "/t/ecelerity.conf:2:8 unreachable-regex-domain regex domain '/^example\\.com$/' can never be chosen: it only matches "
            "'example.com', a literal domain of the same scope, and literal domains are consulted first | "
            "/t/ecelerity.conf:1:8 literal domain declared here"});
    // Declaration order does not matter: literal domains are always consulted first.
    CHECK(run("domain \"/^Example\\.COM$/\" {}\ndomain \"example.com\" {}\n").size() == 1);
    // A regex that matches other names, one in another scope, and an unanchored regex are fine.
    CHECK(run("domain \"example.com\" {}\ndomain \"/^mx[0-9]+\\.example\\.com$/\" {}\n").empty());
    CHECK(run("domain \"example.com\" {}\ndomain \"/example\\.com$/\" {}\n").empty());
    CHECK(run("domain \"example.com\" {}\nbinding \"b\" {\n  domain \"/^example\\.com$/\" {}\n}\n").empty());
}

TEST_CASE("cross-file-override: a value changed by a later file, not within one file")
{
    CHECK(
        run("domain \"example.com\" {\n  max_outbound_connections = 10\n}\ninclude \"/t/more.conf\"\n",
            {{"/t/more.conf", "domain \"example.com\" {\n  max_outbound_connections = 20\n}\n"}}) ==
        strings{
            "/t/more.conf:2:3 cross-file-override 'max_outbound_connections' is set to '20' here, overriding '10' set for the same "
            "stanza in another file; this later value wins | /t/ecelerity.conf:2:3 overridden value set here"});
    // The same value, another instance, or a repeat within one file (duplicate-option) are not cross-file-override.
    CHECK(run("max_outbound_connections = 10\ninclude \"/t/more.conf\"\n",
              {{"/t/more.conf", "max_outbound_connections = 10\n"}})
              .empty());
    CHECK(run("domain \"a.example\" {\n  max_outbound_connections = 10\n}\ninclude \"/t/more.conf\"\n",
              {{"/t/more.conf", "domain \"b.example\" {\n  max_outbound_connections = 20\n}\n"}})
              .empty());
    const auto within = run("max_outbound_connections = 10\nmax_outbound_connections = 20\n");
    REQUIRE(within.size() == 1);
    CHECK(within[0].find(" duplicate-option ") != std::string::npos);
    // Lists compare as a whole.
    CHECK(
        run("relay_hosts = ( \"10.0.0.0/8\" )\ninclude \"/t/more.conf\"\n",
            {{"/t/more.conf", "relay_hosts = ( \"10.0.0.0/8\" \"192.0.2.0/24\" )\n"}}) ==
        strings{
            "/t/more.conf:1:1 cross-file-override 'relay_hosts' is set to '(10.0.0.0/8 192.0.2.0/24)' here, overriding '(10.0.0.0/8)' "
            "set for the same stanza in another file; this later value wins | /t/ecelerity.conf:1:1 overridden value set here"});
    // The Security stanza of ecelerity-cluster.conf overrides the one of ecelerity.conf by design (4/config/ref-security):
    // no cross-file-override, but the note overridden-stanza (off by default) at the overridden stanza.
    CHECK(
        run("Security {\n  user = ecuser\n  group = ecuser\n}\ninclude \"/t/ecelerity-cluster.conf\"\n",
            {{"/t/ecelerity-cluster.conf", "Security {\n  user = mailer\n  group = ecuser\n}\n"}}) ==
        strings{
            "/t/ecelerity.conf:1:1 overridden-stanza the cluster file's stanza of scope 'security' overrides this one: "
            "user = 'ecuser' never takes effect | /t/ecelerity-cluster.conf:2:3 'user' is set to 'mailer' here, in the "
            "cluster file; this value wins"});
}

TEST_CASE("duplicate-option reads the option history: runs within one file, each against its first assignment")
{
    CHECK(
        run("max_outbound_connections = 10\ninclude \"/t/more.conf\"\nmax_outbound_connections = 30\n"
            "max_outbound_connections = 40\n",
            {{"/t/more.conf", "max_outbound_connections = 20\n"}}) ==
        strings{"/t/ecelerity.conf:4:1 cross-file-override 'max_outbound_connections' is set to '40' here, overriding "
                "'20' set for the same stanza in another file; this later value wins | /t/more.conf:1:1 overridden "
                "value set here",
                "/t/ecelerity.conf:4:1 duplicate-option 'max_outbound_connections' is set again in scope 'global'; "
                "this later value wins | /t/ecelerity.conf:3:1 first set here"});
    // A stanza under a parent it cannot stand in is no scope instance: its repeats are not duplicates of anything.
    CHECK(run("Listen \":25\" {\n  Enable = true\n  Enable = false\n}\n") ==
          strings{"/t/ecelerity.conf:1:1 scope-wrong-parent 'Listen' cannot stand in scope 'global'; it belongs in "
                  "control_listener, eccluster_listener, ecstream_listener, esmtp_listener, http_listener, "
                  "msgcserver_listener, xmpp_listener"});
}

TEST_CASE("option history past the scan limit: an instance with many options still finds each one's history")
{
    std::string text;
    for (int i = 0; i < 40; ++i) text += "max_outbound_connections_" + std::to_string(i) + " = 1\n";
    // Options the schema does not know are unknown-option, never duplicates: use known ones around them.
    text += "max_outbound_connections = 10\nmax_outbound_connections = 20\n";
    const auto found = run(text);
    REQUIRE(found.size() == 41);
    CHECK(found.back() ==
          "/t/ecelerity.conf:42:1 duplicate-option 'max_outbound_connections' is set again in scope 'global'; this "
          "later value wins | /t/ecelerity.conf:41:1 first set here");
}
