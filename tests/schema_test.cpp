#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>

#include "ecconf/schema.hpp"

using namespace ecconf;

TEST_CASE("schema: the embedded data loads with the documented counts")
{
    const auto& s = builtin_schema();
    CHECK(s.core_scope_count() == 30);
    CHECK(s.module_count() == 112);
    CHECK(s.sub_scope_count() == 20);
    CHECK(s.scopes().size() == 162);
    CHECK(s.option_count() == 2311);
    CHECK(&builtin_schema() == &s);  // loaded once
}

TEST_CASE("schema: lookups are case-insensitive")
{
    const auto& s = builtin_schema();
    const auto* option = s.option("GLOBAL", "Max_Outbound_Connections");
    REQUIRE(option != nullptr);
    CHECK(option->name == "max_outbound_connections");
    CHECK(option->type.kind == type_kind::integer);
    REQUIRE(s.scope("Binding") != nullptr);
    CHECK(s.scope("binding")->instance == instance_rule::required);
    CHECK(s.scope("binding")->instance_kind == "binding_name");
    CHECK(s.scope("security")->instance == instance_rule::forbidden);
    CHECK(s.option("domain", "bind_address") == nullptr);
    CHECK(s.option("no_such_scope", "user") == nullptr);
    CHECK(s.scope("no_such_scope") == nullptr);
}

TEST_CASE("schema: the scope a keyword opens inside another")
{
    const auto& s = builtin_schema();
    REQUIRE(s.child("binding_group", "Binding") != nullptr);
    CHECK(s.child("binding_group", "binding")->key == "binding");
    CHECK(s.child("GLOBAL", "domain") == s.scope("domain"));
    CHECK(s.child("binding", "binding_group") == nullptr);
    CHECK(s.child("no_such_scope", "binding") == nullptr);
    // `node` opens a core scope inside cluster's manager and a module sub-scope inside msg_gen.
    REQUIRE(s.scopes_with_keyword("node").size() == 2);
    for (const auto* node : s.scopes_with_keyword("node"))
        for (const auto& parent : node->parents) CHECK(s.child(parent, "node") == node);
}

TEST_CASE("schema: two scopes may not open with one keyword inside the same parent")
{
    const std::string scopes = R"({"scopes": [{"name": "global", "parents": []},
                                              {"name": "pool", "parents": ["global"]}]})";
    const std::string options = R"({"options": []})";
    const std::string modules = R"({"modules": [{"name": "m", "scopes": [{"name": "pool", "at_global": true}]}]})";
    CHECK_THROWS_WITH_AS((void)schema::load(scopes, options, modules),
                         "schema: two scopes open with 'pool' inside 'global'", std::runtime_error);
}

TEST_CASE("schema: modules, their implicit options and their sub-scopes")
{
    const auto& s = builtin_schema();
    const auto* logger = s.scope("ec_logger");
    REQUIRE(logger != nullptr);
    CHECK(logger->origin == scope_origin::module);
    CHECK(logger->parents == std::vector<std::string>{"global"});
    REQUIRE(s.option("ec_logger", "enabled") != nullptr);
    CHECK(s.option("ec_logger", "enabled")->type.kind == type_kind::boolean);
    REQUIRE(s.option("clamav", "debug_level") != nullptr);
    CHECK(s.option("clamav", "debug_level")->type.values.size() == 6);
    CHECK(s.scope("alerting")->singleton);
    CHECK(s.scope("clamav")->options_complete);     // at global: enabled and debug_level only (4/modules/clamav)
    CHECK(s.scope("antivirus")->options_complete);  // and its engine sub-scopes (4/modules/4-antivirus)
    CHECK(s.scope("antivirus.csapi")->options_complete);
    // The one list left open: no option documented, yet the page flushes its key cache (3/3-reference/modules-dkim).
    CHECK_FALSE(s.scope("dkim_validate")->options_complete);

    const auto* const authenticate = s.scope("auth_ds.scheme.authenticate");
    REQUIRE(authenticate != nullptr);
    CHECK(authenticate->keyword == "authenticate");
    CHECK(authenticate->parents == std::vector<std::string>{"auth_ds.scheme"});
    CHECK(s.option("auth_ds.scheme.authenticate", "query") != nullptr);

    const auto* datasource = s.scope("ds_core.datasource");
    REQUIRE(datasource != nullptr);
    CHECK(datasource->parents == std::vector<std::string>{"ds_core", "global"});  // at_global
    const auto* sweep = s.scope("adaptive.adaptive_sweep_rule");
    REQUIRE(sweep != nullptr);
    CHECK(sweep->parents ==
          std::vector<std::string>{"adaptive", "global", "binding_group", "binding", "domain"});  // core_parents

    CHECK(s.scopes_with_keyword("script").size() == 2);  // scriptlet and sieve
    CHECK(s.scopes_with_keyword("node").size() == 2);    // manager (core) and msg_gen
}

TEST_CASE("schema: options that modules add to core scopes name their module")
{
    const auto& s = builtin_schema();
    for (const char* scope : {"global", "binding_group", "binding", "domain"}) {
        CAPTURE(scope);
        const auto* user = s.option(scope, "Outbound_SMTP_AUTH_User");
        REQUIRE(user != nullptr);
        CHECK(user->module == "outbound_smtp_auth");
    }
    CHECK(s.option("global", "outbound_smtp_auth_pass")->secret);
    CHECK(s.option("host", "outbound_smtp_auth_user") == nullptr);
    CHECK(s.option("domain", "adaptive_enabled")->module == "adaptive");
    CHECK(s.option("global", "max_outbound_connections")->module.empty());
    const auto where = s.scopes_with_option("outbound_smtp_auth_type");
    CHECK(where == std::vector<std::string>{"global", "binding_group", "binding", "domain"});
}

TEST_CASE("schema: options listing")
{
    const auto& s = builtin_schema();
    CHECK(find_scope(s, "authenticate") == s.scope("auth_ds.scheme.authenticate"));
    CHECK(find_scope(s, "script") == nullptr);  // ambiguous keyword
    const auto text = options_listing_text(*s.scope("security"), s.newest_version());
    CHECK(text.find("user = ecuser  # user, restart\n") != std::string::npos);
    CHECK(text.find("privileges =   # privileges, restart\n") != std::string::npos);
    const auto json = options_listing_json(*s.scope("outbound_smtp_auth"), s.newest_version());
    CHECK(json.find("\"scope\": \"outbound_smtp_auth\"") != std::string::npos);
    CHECK(s.option("global", "relay_hosts")->type.name() == "list of cidr");
    CHECK(s.option("global", "max_retries")->type.name() == "unsigned | enum(auto|none)");
}

TEST_CASE("schema: versions from the manuals' summary tables, a target stands for the newest release of its line")
{
    const auto& s = builtin_schema();
    CHECK(version_text(s.newest_version()) == "5.3");
    CHECK(s.target_version("") == s.newest_version());
    CHECK(s.target_version("4.2.1.11") == version{4, 2, 1, 11});
    for (const auto* bad : {"4.", ".4", "4..2", "v4", "4.x", "1234567890"})
        CHECK_THROWS_AS((void)s.target_version(bad), std::invalid_argument);

    const auto& ac_auth = s.scope("ac_auth")->versions;  // 3.6.5 on the 3.x line, back in 4.2
    CHECK(ac_auth.describe() == "3.6.5 to 3.x, 4.2 and later");
    CHECK(ac_auth.contains({3, 6}));
    CHECK_FALSE(ac_auth.contains({3, 6, 4}));
    CHECK_FALSE(ac_auth.contains({4, 1}));
    CHECK(ac_auth.contains({4}));
    CHECK(ac_auth.open_ended());
    CHECK_FALSE(ac_auth.ends_before({5}));

    const auto& removed = s.option("global", "ssl_lock_method")->versions;
    CHECK(removed.describe() == "3.0 to 5.2");
    CHECK(removed.contains({5, 2, 7}));
    CHECK_FALSE(removed.contains({5, 3}));
    CHECK(removed.ends_before({5, 3}));
    CHECK_FALSE(removed.ends_before({5, 2, 9}));
    CHECK_FALSE(removed.open_ended());
    CHECK(s.option("global", "watchdog_interval")->versions.describe() == "3.0 to 3.x");
    CHECK(s.option("global", "tls_ec_curve_names")->versions.describe() == "4.2 and later");
    CHECK(s.scope("global")->versions.ranges.empty());
    CHECK(s.scope("global")->versions.contains({3, 0}));

    // "3.5.6, 3.6.1": added in two release lines, so 3.6.0 lacks it (3/3-reference/options-summary).
    const auto& two_lines = s.option("domain", "adaptive_notification_events")->versions;
    CHECK(two_lines.describe() == "3.5.6 to 3.5, 3.6.1 and later");
    CHECK(two_lines.contains({3, 5}));
    CHECK_FALSE(two_lines.contains({3, 5, 5}));
    CHECK_FALSE(two_lines.contains({3, 6, 0}));
    CHECK(two_lines.contains({3, 6}));
    CHECK(two_lines.contains({4}));
    // "4.1-HF4 (beta)" is 4.1.0.4: 4.1 hotfixes are numbered 4.1.0.N (tls_protocols: "4.1.0.2 and later").
    const auto& hotfix = s.option("esmtp_listener", "click_tracking_enabled")->versions;
    CHECK(hotfix.describe() == "4.1.0.4 and later");
    CHECK_FALSE(hotfix.contains({4, 1, 0, 3}));
    CHECK(hotfix.contains({4, 1, 0}));  // a target stands for the newest release of its line: 4.1.0's last hotfix
    CHECK(hotfix.contains({4, 1}));

    const auto listed = [&](const char* target) {
        return options_listing_text(*s.scope("global"), s.target_version(target));
    };
    CHECK(listed("3.6").find("\nwatchdog_interval = ") != std::string::npos);
    CHECK(listed("4").find("\nwatchdog_interval = ") == std::string::npos);
    CHECK(listed("4.0").find("\ntls_ec_curve_names = ") == std::string::npos);
    CHECK(listed("4.2").find("\ntls_ec_curve_names = ") != std::string::npos);
    const auto json = options_listing_json(*s.scope("global"), s.target_version("4.2"));
    CHECK(json.find("\"target_version\": \"4.2\"") != std::string::npos);
    CHECK(json.find("\"versions\": \"4.2 and later\"") != std::string::npos);
}

TEST_CASE("names seeded from the schema: a statement's name id finds the same option as its text")
{
    const auto& model = ecconf::builtin_schema();
    ecconf::name_table names;
    CHECK_FALSE(names.seeded_with(model.names()));
    names.seed(model.names());
    REQUIRE(names.seeded_with(model.names()));
    CHECK(std::is_sorted(model.names().begin(), model.names().end()));
    std::size_t checked = 0;
    std::size_t found = 0;
    std::vector<std::string> differing;
    for (const auto& scope : model.scopes())
        for (const auto& name : model.names()) {
            const auto id = names.intern(name);
            if (names.text(id) != name || scope.find_option(id) != scope.find_option(name))
                differing.push_back(scope.key + " " + name);
            found += scope.find_option(id) != nullptr ? 1 : 0;
            ++checked;
        }
    CHECK(differing.empty());
    CHECK(checked == model.scopes().size() * model.names().size());
    CHECK(found == model.option_count());
    // A name the schema does not know gets an id past its names, and a table with names already in it is not seeded.
    CHECK(names.intern("no_such_option") == model.names().size());
    ecconf::name_table used;
    static_cast<void>(used.intern("domain"));
    used.seed(model.names());
    CHECK_FALSE(used.seeded_with(model.names()));
}
