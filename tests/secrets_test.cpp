// Secrets never reach an output: every command and format on testdata/secrets, and random passwords
// in connection strings through every output of the library.

#include <doctest/doctest.h>

#include <random>
#include <sstream>

#include "ecconf/check.hpp"
#include "ecconf/effective.hpp"
#include "ecconf/report.hpp"
#include "ecconf/schema.hpp"
#include "support/run_command.hpp"
#include "support/temp_directory.hpp"

using ecconf::test::run_check;
using strings = std::vector<std::string>;

namespace {

const std::string example = "testdata/secrets/ecelerity.conf";
const std::string rotated = "testdata/secrets/rotated/ecelerity.conf";

// The secrets of the example, in the order the file sets them; then those only the rotated copy sets.
const strings example_secrets{"Odbc7Hunter2",   "Pgsql7S3cret",  "Mysql7Passw0rd", "Ldap7UriBindPw", "Ldap7QueryBindPw",
                              "Smtp7AuthPass",  "Radius7Shared", "Snmp7Community", "Url7Passw0rd",   "Basic7Passw0rd",
                              "Count7Passw0rd", "Smpp7SmscPass", "Smpp7KnownPass"};
const strings rotated_secrets{"Odbc8Rotated", "Pgsql8Rotated", "Smtp8Rotated", "Snmp8Rotated"};

strings found_in(const std::string& out, const strings& secrets)
{
    strings found;
    for (const auto& secret : secrets)
        if (out.find(secret) != std::string::npos) found.push_back(secret);
    return found;
}

}  // namespace

TEST_CASE("secrets: no lint format prints them, in messages or in excerpts")
{
    for (const std::string format : {"text", "gcc", "json", "sarif", "github", "checkstyle"}) {
        CAPTURE(format);
        const auto run = run_check("--format " + format + " " + example, true);
        CHECK(run.exit_code == 1);
        CHECK(found_in(run.out, example_secrets) == strings{});
        CHECK(run.out.find(format == "checkstyle" ? "&lt;redacted&gt;" : "<redacted>") != std::string::npos);
    }
    CHECK(
        run_check("--format gcc " + example).out ==
        "testdata/secrets/ecelerity.conf:35:27: warning: single-quoted string: Momentum's manuals only use double quotes; write "
        "\"<redacted>\" [single-quoted-string]\n"
        "testdata/secrets/ecelerity.conf:51:30: error: invalid value for 'max_outbound_connections': expected an integer, got "
        "'https://apiuser:<redacted>@api.example.com/' [invalid-value]\n"
        "testdata/secrets/ecelerity.conf:55:1: error: unknown option 'sms_gateway_password' in scope 'global' [unknown-option]\n");
    const auto text = run_check(example).out;
    CHECK(text.find(" 35 | outbound_smtp_auth_pass = '<redacted>'\n") != std::string::npos);
    CHECK(text.find(" 51 |   max_outbound_connections = \"https://apiuser:<redacted>@api.example.com/\"\n") !=
          std::string::npos);
    CHECK(text.find(" 55 | sms_gateway_password = \"<redacted>\"\n") != std::string::npos);
}

TEST_CASE("secrets: dump, export and eval redact them unless --show-secrets")
{
    for (const std::string command :
         {"dump", "export", "export --values-only", "export --resolve all", "export --format conf",
          "export --format conf --non-default", "export --non-default --values-only"}) {
        CAPTURE(command);
        const auto run = run_check(command + " " + example, true);
        CHECK(run.exit_code == 1);
        CHECK(found_in(run.out, example_secrets) == strings{});
    }
    CHECK(found_in(run_check("export --show-secrets " + example).out, example_secrets) == example_secrets);
    CHECK(found_in(run_check("export --format conf --show-secrets " + example).out, example_secrets) ==
          example_secrets);
    CHECK(run_check("eval " + example + " datasource odbc uri").out ==
          "[\"odbc:DSN=sqlserver;UID=ec;PWD=<redacted>\"]\n");
    CHECK(run_check("eval --show-secrets " + example + " datasource odbc uri").out ==
          "[\"odbc:DSN=sqlserver;UID=ec;PWD=Odbc7Hunter2\"]\n");
    CHECK(run_check("eval " + example + " outbound_smtp_auth_pass").out == "<redacted>\n");
    CHECK(run_check("eval --show-secrets " + example + " outbound_smtp_auth_pass").out == "Smtp7AuthPass\n");
    CHECK(run_check("eval " + example + " smpp_smsc_password").out == "<redacted>\n");  // a mobile option, secret
    CHECK(run_check("eval --show-secrets " + example + " smpp_smsc_password").out == "Smpp7KnownPass\n");
    CHECK(run_check("eval " + example + " domain api.example.com http_uri").out ==
          "https://apiuser:<redacted>@api.example.com/v1/messages\n");
    CHECK(run_check("eval --explain " + example + " snmp community").out ==
          "* snmp: <redacted>  (testdata/secrets/ecelerity.conf:43:3)\n  default: <redacted>\n");
    CHECK(run_check("eval --explain --show-secrets " + example + " snmp community").out ==
          "* snmp: Snmp7Community  (testdata/secrets/ecelerity.conf:43:3)\n  default: public\n");
    for (const std::string words :
         {"datasource pgsql uri", "datasource authdb uri", "datasource directory uri",
          "auth_ds scheme ldapauth authenticate query", "auth_radius server one secret",
          "domain api.example.com http_basic_auth", "domain api.example.com max_outbound_connections"}) {
        CAPTURE(words);
        for (const std::string flags : {"eval", "eval --explain"}) {
            const auto run = run_check(flags + " " + example + " " + words, true);
            CHECK(found_in(run.out, example_secrets) == strings{});
            CHECK(run.out.find("<redacted>") != std::string::npos);
        }
    }
}

TEST_CASE("secrets: diff shows a changed secret as <redacted> -> <redacted>")
{
    const auto text = run_check("diff " + example + " " + rotated, true);
    CHECK(found_in(text.out, example_secrets) == strings{});
    CHECK(found_in(text.out, rotated_secrets) == strings{});
    CHECK(text.out.find("changed global outbound_smtp_auth_pass: <redacted> -> <redacted>  [reload-safe]") !=
          std::string::npos);
    CHECK(text.out.find("changed datasource odbc uri: [\"odbc:DSN=sqlserver;UID=ec;PWD=<redacted>\"] -> "
                        "[\"odbc:DSN=sqlserver;UID=ec;PWD=<redacted>\"]  [reload-safe]") != std::string::npos);
    const auto json = run_check("diff --format json " + example + " " + rotated, true);
    CHECK(found_in(json.out, example_secrets) == strings{});
    CHECK(found_in(json.out, rotated_secrets) == strings{});
    CHECK(json.out.find("\"old\": \"<redacted>\",\n      \"new\": \"<redacted>\"") != std::string::npos);
}

TEST_CASE("secrets: a credential inside a string is redacted by its syntax, not remembered as a word")
{
    // The manual's MySQL password is "password": the column named password must stay readable.
    const auto out = run_check("export --values-only testdata/manual/auth_ds.conf").out;
    CHECK(out.find("\"password_column\": \"password\",") != std::string::npos);
    CHECK(out.find("\"query\": \"SELECT password FROM webconsole.users WHERE username = :user\"") != std::string::npos);
    CHECK(out.find("\"mysql:host=localhost;port=3306;dbname=ecauth;user=root;password=<redacted>\"") !=
          std::string::npos);
    // A dictionary entry keyed like a credential is redacted whole, even a template.
    CHECK(out.find("\"pass\": \"<redacted>\"") != std::string::npos);
    CHECK(out.find("%{password}") == std::string::npos);
}

namespace {

// A connection string or header with the password in one of the forms the redactor knows. Each form
// draws from characters its syntax allows in a password; all start with "Zq" so that no other output
// text can hold one by chance.
std::string random_password(std::mt19937& random, const std::string& extra)
{
    const std::string allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!$%*+-._~^" + extra;
    std::uniform_int_distribution<std::size_t> length(8, 24), pick(0, allowed.size() - 1);
    std::string password = "Zq";
    for (auto n = length(random); n > 0; --n) password += allowed[pick(random)];
    return password;
}

struct credential_form {
    std::string prefix, extra, suffix;
};

const std::vector<credential_form> forms{
    {"odbc:DSN=ds;UID=ec;PWD=", ",&?:/@", ""},
    {"odbc:DSN=ds;UID=ec;PWD={", ";, =&?", "};APP=ec"},
    {"pgsql:host=db;dbname=ec;user=ec;password=", ",&?:/@", ";port=5432"},
    {"host=db user=ec password='", ";, =&?:/@", "' dbname=ec"},
    {"mysql:host=localhost;port=3306;dbname=ecauth;user=root;password=", ",&?:/@", ""},
    {"ldap:///????bindname=cn=ec%2Cdc=example,x-bindpw=", ";&:/@", ",x-disable-connection-cache=true"},
    {"https://ec:", ";,&=:", "@db.example.com/query?x=1"},
    {"https://db.example.com/query?user=ec&api_key=", ";,:/@?", "&x=1"},
    {"Authorization: Bearer ", ";, =&?:/@", ""},
};

// Everything the library prints for a check of both files: lint in every format, dump, export, eval, diff.
std::string every_output(const ecconf::check_result& result)
{
    std::ostringstream out;
    for (const auto format :
         {ecconf::output_format::text, ecconf::output_format::gcc, ecconf::output_format::json,
          ecconf::output_format::sarif, ecconf::output_format::github, ecconf::output_format::checkstyle})
        ecconf::write_report(out, result.sources, result.diagnostics, {format, false, result.files_read, SIZE_MAX});
    for (const auto& configuration : result.configurations)
        out << ecconf::dump_tree(configuration, result.sources).dump();
    const auto& model = ecconf::builtin_schema();
    for (const auto& effective : result.effective) {
        ecconf::write_export(out, effective, model, result.sources, {});
        ecconf::write_export(out, effective, model, result.sources, {true, true, false});
        ecconf::write_export(out, effective, model, result.sources, {false, true, false, true, true});
        for (const auto& words : {strings{"datasource", "fuzz", "uri"}, strings{"max_outbound_connections"}}) {
            const auto query = ecconf::parse_scope_query(model, words);
            out << ecconf::resolved_value(ecconf::resolve_option(effective, model, query.path, query.option),
                                          result.sources, false)
                       .dump();
        }
    }
    for (const auto& change :
         ecconf::diff_configurations(result.effective.at(0), result.effective.at(1), model, result.sources.secrets()))
        out << ecconf::change_text(change, result.sources) << ecconf::change_json(change, result.sources).dump();
    return out.str();
}

std::string configuration_with(const std::string& credential)
{
    return "Datasource \"fuzz\" {\n  uri = ( \"" + credential + "\" )\n}\nmax_outbound_connections = \"" + credential +
           "\"\n" + "x_fuzz_header = \"" + credential + "\"\n";
}

}  // namespace

TEST_CASE("secrets: random passwords in connection strings reach no output")
{
    std::mt19937 random(15);
    for (int round = 0; round < 60; ++round) {
        const auto& form = forms[static_cast<std::size_t>(round) % forms.size()];
        const auto old_password = random_password(random, form.extra);
        const auto new_password = random_password(random, form.extra);
        CAPTURE(old_password);
        CAPTURE(new_password);
        ecconf::memory_file_system files;
        files.add("/f/old.conf", configuration_with(form.prefix + old_password + form.suffix));
        files.add("/f/new.conf", configuration_with(form.prefix + new_password + form.suffix));
        const auto result = ecconf::check_files({"/f/old.conf", "/f/new.conf"}, files, {});
        REQUIRE(result->effective.size() == 2);
        const auto out = every_output(*result);
        CHECK(found_in(out, {old_password, new_password}) == strings{});
        CHECK(out.find("<redacted>") != std::string::npos);
    }
}

TEST_CASE("secrets: a secret in typographic quotes reaches no output, and its excerpt keeps the quotes")
{
    const ecconf::test::temp_directory dir;
    const auto conf = dir.write("ecelerity.conf", "snmp {\n  community = “Snmp9Typographic”\n}\n");
    for (const std::string format : {"text", "gcc", "json", "sarif", "github", "checkstyle"}) {
        CAPTURE(format);
        const auto run = run_check("--format " + format + " " + conf, true);
        CHECK(run.exit_code == 1);
        CHECK(run.out.find("Snmp9Typographic") == std::string::npos);
    }
    CHECK(run_check("--format text " + conf, true).out.find(" 2 |   community = “<redacted>”\n") != std::string::npos);
}
