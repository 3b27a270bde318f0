#include <doctest/doctest.h>

#include <algorithm>
#include <utility>
#include <map>
#include <set>

#include "ecconf/check.hpp"
#include "support/check_text.hpp"
#include "support/string_lists.hpp"
#include "ecconf/schema.hpp"
#include "validate/validator.hpp"
#include "text/did_you_mean.hpp"

using namespace ecconf;
using strings = std::vector<std::string>;

namespace {

strings run(const std::string& text, const std::map<std::string, std::string>& others = {}, check_options options = {})
{
    return test::check_text(text, {others, std::move(options), false});
}

}  // namespace

TEST_CASE("validator: a configuration written from the manual is clean, in any case")
{
    CHECK(
        run("ESMTP_Listener {\n  Listen \":25\" {\n    Peer \"10.0.0.0/8\" { }\n  }\n}\n"
            "Binding_Group \"g\" {\n  Binding \"b\" {\n    bind_address = 192.0.2.10\n    Domain \"example.com\" { Max_Outbound_Connections = 5 }\n  }\n}\n"
            "Security { user = ecuser }\nec_logger \"ec_logger1\" { mainlog = \"/var/log/ecelerity/mainlog.ec\" }\n")
            .empty());
}

TEST_CASE("unknown-option: did you mean, among the names of that scope")
{
    CHECK(
        run("max_outbound_conections = 20\n") ==
        strings{
            "1:1 unknown-option unknown option 'max_outbound_conections' in scope 'global'; did you mean 'max_outbound_connections'?"});
    CHECK(run("frobnicate = 1\n") == strings{"1:1 unknown-option unknown option 'frobnicate' in scope 'global'"});
    CHECK(run("security {\n  usr = ecuser\n}\n") ==
          strings{"2:3 unknown-option unknown option 'usr' in scope 'security'; did you mean 'user'?"});
    CHECK(run("alerting {\n  enabeld = true\n}\ninbound_audit {}\n") ==
          strings{"2:3 unknown-option unknown option 'enabeld' in module 'alerting'; did you mean 'enabled'?"});
}

TEST_CASE("option-wrong-scope: names the scopes where the option is valid, and the module that provides it")
{
    CHECK(
        run("domain \"example.com\" {\n  bind_address = \"192.0.2.10\"\n}\n") ==
        strings{
            "2:3 option-wrong-scope 'bind_address' is not valid in scope 'domain'; it is valid in scopes global, binding_group, binding, msgc_client"});
    CHECK(
        run("host \"mx.example.com\" {\n  outbound_smtp_auth_user = \"u\"\n}\n") ==
        strings{
            "2:3 option-wrong-scope 'outbound_smtp_auth_user' is not valid in scope 'host'; it is valid in scopes global, binding_group, binding, domain (provided by module 'outbound_smtp_auth')"});
}

TEST_CASE("option-wrong-scope: a near miss in the scope comes first, the other scopes are only counted")
{
    // 4/listeners: "the enable option is used to enable or disable a listener ... and not the enabled option".
    const auto listen = run("ESMTP_Listener {\n  Listen \":25\" {\n    enabled = false\n  }\n}\n");
    REQUIRE(listen.size() == 1);
    CHECK(listen[0].rfind("3:5 option-wrong-scope 'enabled' is not valid in scope 'listen'; did you mean 'enable'? "
                          "('enabled' is valid in ",
                          0) == 0);
    CHECK(listen[0].find("other scopes)") != std::string::npos);
    CHECK(listen[0].find("ac_auth") == std::string::npos);
    // One edit, written in any case.
    CHECK(run("binding \"b\" {\n  Bind_Adress = \"10.0.0.1\"\n}\n") ==
          strings{"2:3 unknown-option unknown option 'Bind_Adress' in scope 'binding'; did you mean 'bind_address'?"});
    CHECK(run("ESMTP_Listener {\n  ENABLED = false\n}\n").at(0).find("did you mean 'enable'?") != std::string::npos);
    // Two edits away is no near miss: the scopes are listed.
    CHECK(run("domain \"d\" {\n  bind_address = \"10.0.0.1\"\n}\n") ==
          strings{"2:3 option-wrong-scope 'bind_address' is not valid in scope 'domain'; it is valid in scopes global, "
                  "binding_group, binding, msgc_client"});
}

TEST_CASE("unknown-scope and scope-wrong-parent")
{
    CHECK(run("domian \"example.com\" {\n  max_outbound_connections = 5\n}\n") ==
          strings{"1:1 unknown-scope unknown scope 'domian' in scope 'global'; did you mean 'domain'?"});
    CHECK(run("domain \"example.com\" {\n  binding \"b\" { }\n}\n") ==
          strings{
              "2:3 scope-wrong-parent 'binding' cannot stand in scope 'domain'; it belongs in binding_group, global"});
    // the body of a misplaced scope is still checked
    CHECK(
        run("listen \":25\" {\n  nosuch = 1\n}\n") ==
        strings{
            "1:1 scope-wrong-parent 'listen' cannot stand in scope 'global'; it belongs in control_listener, eccluster_listener, ecstream_listener, esmtp_listener, http_listener, msgcserver_listener, xmpp_listener",
            "2:3 unknown-option unknown option 'nosuch' in scope 'listen'"});
}

TEST_CASE("instance names: missing, unexpected, invalid")
{
    CHECK(run("binding {\n}\n") ==
          strings{"1:1 missing-instance-name 'binding' needs an instance name: binding \"name\" { ... }"});
    CHECK(run("security \"main\" {\n}\n") ==
          strings{"1:10 unexpected-instance-name 'security' takes no instance name"});
    CHECK(run("binding \"mta 1\" {\n}\n") ==
          strings{"1:9 invalid-instance-name invalid instance name for 'binding': 'mta 1' contains a space"});
    CHECK(run("binding \"mta:1\" {\n}\n") ==
          strings{"1:9 invalid-instance-name invalid instance name for 'binding': 'mta:1' contains a colon"});
    CHECK(
        run("esmtp_listener {\n  listen \"25\" { }\n}\n") ==
        strings{
            "2:10 invalid-instance-name invalid instance name for 'listen': expected a socket address (ip:port, :port, *:port, [ipv6]:port or a unix socket path), got '25'"});
    CHECK(
        run("esmtp_listener {\n  peer \"10.0.0.0/99\" { }\n}\n") ==
        strings{
            "2:8 invalid-instance-name invalid instance name for 'peer': expected an IP address or CIDR block, got '10.0.0.0/99'"});
    CHECK(
        run("domain \"/(example/\" {\n}\n") ==
        strings{
            "1:18 invalid-instance-name invalid instance name for 'domain': invalid regular expression in domain '/(example/': missing closing parenthesis at offset 8"});
}

TEST_CASE("invalid-value: the expected type, the text, the allowed values; regex errors at their character")
{
    CHECK(
        run("generate_bounces = maybe\n") ==
        strings{
            "1:20 invalid-value invalid value for 'generate_bounces': expected a boolean (true, false, yes, no, on, off, enabled, disabled, 1, 0), got 'maybe'"});
    CHECK(
        run("relay_hosts = ( \"127.0.0.0/8\" \"10.0.0.0/40\" )\n") ==
        strings{
            "1:31 invalid-value invalid value for 'relay_hosts': expected an IP address or CIDR block, got '10.0.0.0/40'"});
    CHECK(run("security {\n  user = \"\"\n}\n") ==
          strings{"2:10 invalid-value invalid value for 'user': expected a user name or numeric id, got ''"});
    CHECK(
        run("response_transcode_pattern = \"454 (no such\"\nresponse_transcode { }\n") ==
        strings{
            "1:43 invalid-value invalid value for 'response_transcode_pattern': invalid regular expression '454 (no such': missing closing parenthesis at offset 12"});
    const auto listing = run("bounces_inline_original = some\n");
    REQUIRE(listing.size() == 1);
    CHECK(
        listing[0] ==
        "1:27 invalid-value invalid value for 'bounces_inline_original': expected one of headers, none, all, got 'some'");
    CHECK(run("spool_mode = 0640\nrelay_hosts = \"127.0.0.0/8\"\n").empty());  // a scalar is a one-item list
}

TEST_CASE("duplicate-option: within one scope instance, across repeated stanzas, not across files")
{
    CHECK(
        run("max_outbound_connections = 20\nmax_outbound_connections = 30\n") ==
        strings{
            "2:1 duplicate-option 'max_outbound_connections' is set again in scope 'global'; this later value wins | 1:1 first set here"});
    CHECK(
        run("binding \"a\" {\n  bind_address = 192.0.2.1\n}\nbinding \"a\" {\n  bind_address = 192.0.2.2\n}\n") ==
        strings{
            "4:1 duplicate-stanza 'binding \"a\"' is written again in the same scope of this file; the two stanzas merge into one | "
            "1:1 first written here",
            "5:3 duplicate-option 'bind_address' is set again in scope 'binding'; this later value wins | 2:3 first set here"});
    CHECK(run("binding \"a\" {\n  bind_address = 192.0.2.1\n}\nbinding \"b\" {\n  bind_address = 192.0.2.2\n}\n")
              .empty());
    CHECK(
        run("domain \"x.example\" { max_outbound_connections = 1 }\nbinding \"a\" {\n  domain \"x.example\" { max_outbound_connections = 2 }\n}\n")
            .empty());
    // A change across files is cross-file-override (tests/consistency_test.cpp), not duplicate-option.
    CHECK(
        run("max_outbound_connections = 20\ninclude \"/t/override.conf\"\n",
            {{"/t/override.conf", "max_outbound_connections = 30\n"}}) ==
        strings{
            "1:1 cross-file-override 'max_outbound_connections' is set to '30' here, overriding '20' set for the same stanza in another file; "
            "this later value wins | 1:1 overridden value set here"});
}

TEST_CASE("include bodies belong to the scope of the directive")
{
    CHECK(
        run("domain \"example.com\" {\n  include \"/t/d.conf\"\n}\n", {{"/t/d.conf", "max_outbound_connections = 5\n"}})
            .empty());
    const auto found =
        run("domain \"example.com\" {\n  include \"/t/d.conf\"\n}\n", {{"/t/d.conf", "bind_address = 192.0.2.1\n"}});
    REQUIRE(found.size() == 1);
    CHECK(found[0].rfind("1:1 option-wrong-scope 'bind_address' is not valid in scope 'domain'", 0) == 0);
}

TEST_CASE("duplicate-singleton-module, deprecated-option, unknown-module-option")
{
    CHECK(
        run("fbl \"a\" {\n}\nfbl \"b\" {\n}\n") ==
        strings{
            "3:5 duplicate-singleton-module module 'fbl' is a singleton, declared as 'b' here and as 'a' before | 1:5 first declared here"});
    CHECK(
        run("fbl {\n}\nfbl {\n}\n") ==
        strings{
            "3:1 duplicate-stanza 'fbl' is written again in the same scope of this file; the two stanzas merge into one | 1:1 first "
            "written here"});
    CHECK(
        run("watchdog_interval = 60\n") ==
        strings{
            "1:1 deprecated-option 'watchdog_interval' is deprecated: Momentum 3.x only; absent from the 4.x summary"});
    CHECK(
        run("dkim_validate \"dkim_validate1\" {\n  keycahce_size = 4096\n}\n") ==
        strings{
            "2:3 unknown-module-option 'keycahce_size' is not a documented option of module 'dkim_validate' (its documented option list is incomplete)"});
}

TEST_CASE("module option lists proven against their pages (issue 14): exact names, types and scopes")
{
    // antivirus is complete now: a stray name is an error, no longer a warning.
    CHECK(run("antivirus \"antivirus1\" {\n  scan_evrything = true\n}\n") ==
          strings{"2:3 unknown-option unknown option 'scan_evrything' in module 'antivirus'"});
    // "The maximum value is 50; the minimum value is 1" (4/modules/csapi).
    CHECK(
        run("antivirus \"a\" {\n  csapi \"c\" {\n    max_extract_depth = 60\n  }\n}\n") ==
        strings{"3:25 invalid-value invalid value for 'max_extract_depth': expected an unsigned integer between 1 and "
                "50, got '60' (out of range)"});
    // clear_env is a parameter of the pipe:// URI, not a module option (4/modules/pipeio).
    CHECK(run("pipe_io {\n  clear_env = 1\n}\n") ==
          strings{"2:3 unknown-option unknown option 'clear_env' in module 'pipe_io'"});
    // The option list and the example of 4/modules/maildir spell it differently; both are accepted.
    CHECK(run("maildir \"m\" {\n  createusers = true\n  domains = ( \"example.com\" )\n}\n"
              "maildir \"n\" {\n  create_users = true\n  domain = \"example.com\"\n}\n")
              .empty());
    // The smpp options table: smpp_smsc_port is valid in global and domain only.
    CHECK(run("binding \"b\" {\n  smpp_smsc_port = 2775\n}\n") ==
          strings{
              "2:3 option-wrong-scope 'smpp_smsc_port' is not valid in scope 'binding'; it is valid in scopes global, "
              "domain (provided by module 'smpp')"});
    CHECK(run("mm7 {}\ndomain \"example.com\" {\n  mm7_http_auth_user = \"vasp\"\n}\n") ==
          strings{"3:3 deprecated-option 'mm7_http_auth_user' is deprecated: the MM7 options table marks it deprecated "
                  "(mobile/mobile-reference/mobility-mm-7-options)"});
    // "Introduced in Momentum 5.0" (4/modules/spf).
    check_options at_4_2;
    at_4_2.target_version = "4.2";
    CHECK(run("spf_v1 \"spf\" {\n  delay_check = true\n}\n", {}, at_4_2) ==
          strings{"2:3 not-in-version 'delay_check' does not exist in Momentum 4.2; it exists in 5.0 and later"});
}

TEST_CASE("options and scopes used as the wrong kind")
{
    CHECK(
        run("max_outbound_connections {\n}\n") ==
        strings{
            "1:1 option-used-as-scope 'max_outbound_connections' is an option, not a scope: write 'max_outbound_connections = value'"});
    CHECK(run("security = 1\n") ==
          strings{"1:1 scope-used-as-option 'security' is a scope, not an option: write 'security { ... }'"});
    CHECK(run("ec_logger = on\n") ==
          strings{"1:1 scope-used-as-option 'ec_logger' is a scope, not an option: write 'ec_logger { ... }'"});
}

TEST_CASE("option-needs-module: the providing module is named when it is not declared")
{
    CHECK(
        run("outbound_smtp_auth_user = \"mailer\"\n") ==
        strings{
            "1:1 option-needs-module 'outbound_smtp_auth_user' is provided by module 'outbound_smtp_auth', which this configuration does not declare"});
    CHECK(run("outbound_smtp_auth_user = \"mailer\"\noutbound_smtp_auth {}\n").empty());
}

TEST_CASE("--syntax-only skips the schema")
{
    check_options options;
    options.syntax_only = true;
    CHECK(run("frobnicate = 1\n", {}, options).empty());
}

TEST_CASE("edit distance")
{
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("domian", "domain") == 2);
    CHECK(edit_distance("Domain", "dOMAIN") == 0);
}

TEST_CASE("did you mean: within max(2, length/4) edits, without case, ties to the first in sort order")
{
    const std::vector<std::string> known{"max_outbound_connections", "domain", "host", "hose"};
    CHECK(closest_match("DOMIAN", known) == "domain");
    CHECK(closest_match("hos", known) == "hose");  // host and hose are one edit away
    CHECK(closest_match("xyz", known).empty());
    CHECK(closest_match("", known).empty());
    // A name far longer than every candidate is compared with none of them.
    CHECK(closest_match(std::string(4u << 20, 'd'), known).empty());
}

TEST_CASE("did you mean: a suggestion keeps the case style of what was written")
{
    CHECK(in_case_of("MAX_OUTBOUND_CONECTIONS", "max_outbound_connections") == "MAX_OUTBOUND_CONNECTIONS");
    CHECK(in_case_of("Max_Outbound_Conections", "max_outbound_connections") == "Max_Outbound_Connections");
    CHECK(in_case_of("Max_outbound_conections", "max_outbound_connections") == "Max_outbound_connections");
    CHECK(in_case_of("max_Outbound_conections", "max_outbound_connections") == "max_outbound_connections");
    CHECK(in_case_of("Domian", "domain") == "Domain");
    CHECK(in_case_of("enabeld", "Enabled") == "enabled");
}

namespace {

std::string sample_instance(const scope_def& s)
{
    if (s.instance != instance_rule::required) return "";
    static const std::map<std::string, std::string> samples{
        {"binding_name", "b1"},     {"domain", "example.com"},
        {"host", "mx.example.com"}, {"socket_address", "127.0.0.1:25"},
        {"cidr", "10.0.0.0/8"},     {"ip_address", "192.0.2.1"}};
    const auto found = samples.find(s.instance_kind);
    return " \"" + (found == samples.end() ? std::string("n1") : found->second) + "\"";
}

/// Opening text of a chain of stanzas from global down to `key` (the first parent each time), and the closing braces.
std::pair<std::string, std::string> chain_to(const schema& model, const std::string& key)
{
    if (key == "global") return {"", ""};
    const auto* s = model.scope(key);
    auto [open, close] = chain_to(model, s->parents.front());
    return {open + s->keyword + sample_instance(*s) + " {\n", "}\n" + close};
}

bool keyword_allowed_in(const schema& model, const std::string& keyword, const std::string& parent)
{
    const auto& scopes = model.scopes_with_keyword(keyword);
    return std::any_of(scopes.begin(), scopes.end(), [&](const scope_def* s) {
        return std::find(s->parents.begin(), s->parents.end(), parent) != s->parents.end();
    });
}

}  // namespace

TEST_CASE("every documented scope nesting is accepted, and every other nesting refused")
{
    const auto& model = builtin_schema();
    std::size_t accepted = 0, refused = 0;
    for (const auto& s : model.scopes()) {
        if (s.key == "global") continue;
        const std::string stanza = s.keyword + sample_instance(s) + " { }\n";
        for (const auto& parent : model.scopes()) {
            CAPTURE(s.key);
            CAPTURE(parent.key);
            const auto [open, close] = chain_to(model, parent.key);
            auto found = run(open + stanza + close);
            // Nesting only: a lone module stanza may lack its prerequisites, a lone declaration is unused,
            // a Momentum 3 module is not in the newest version.
            found.erase(std::remove_if(found.begin(), found.end(),
                                       [](const std::string& d) {
                                           return d.find(" missing-module ") != std::string::npos ||
                                                  d.find(" unused-definition ") != std::string::npos ||
                                                  d.find(" not-in-version ") != std::string::npos;
                                       }),
                        found.end());
            if (keyword_allowed_in(model, s.keyword, parent.key)) {
                if (std::find(s.parents.begin(), s.parents.end(), parent.key) == s.parents.end()) continue;
                CHECK(found == strings{});
                ++accepted;
            }
            else {
                CAPTURE(found);
                REQUIRE(found.size() == 1);
                CHECK(found[0].find(" scope-wrong-parent '" + s.keyword + "' cannot stand in ") != std::string::npos);
                ++refused;
            }
        }
    }
    std::size_t documented = 0;
    for (const auto& s : model.scopes()) documented += s.parents.size();
    CHECK(accepted == documented);  // every documented parent, each tested
    CHECK(accepted == 183);
    CHECK(refused > 20000);
}
