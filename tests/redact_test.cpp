// The redactor alone: which keys name credentials, which embedded credentials it finds, and how known secrets are masked.

#include <doctest/doctest.h>

#include "ecconf/source.hpp"

using namespace ecconf;

TEST_CASE("credential_key: password-like words, whatever the case and separators")
{
    for (const auto* key : {"PWD",         "pwd",         "password",   "Password",           "passwd",
                            "pass",        "x-bindpw",    "bindpw",     "SMPP_SMSC_Password", "MM7_HTTP_Auth_Password",
                            "apiKey",      "api_key",     "API-KEY",    "client_secret",      "auth_token",
                            "accessToken", "private_key", "passphrase", "credentials",        "returns_password"}) {
        CAPTURE(key);
        CHECK(credential_key(key));
    }
    for (const auto* key : {"UID", "user", "username", "key", "host", "dbname", "password_column", "bypass", "tokens",
                            "bindname", "uri", "x-disable-connection-cache", ""}) {
        CAPTURE(key);
        CHECK_FALSE(credential_key(key));
    }
}

TEST_CASE("redact_credentials: passwords in connection strings")
{
    CHECK(redact_credentials("odbc:DSN=sqlserver;UID=ec;PWD=hunter2") == "odbc:DSN=sqlserver;UID=ec;PWD=<redacted>");
    CHECK(redact_credentials("pgsql:host=db;dbname=ec;user=ec;password=s3cret;port=5432") ==
          "pgsql:host=db;dbname=ec;user=ec;password=<redacted>;port=5432");
    CHECK(redact_credentials("mysql:host=localhost;port=3306;dbname=ecauth;user=root;password=password") ==
          "mysql:host=localhost;port=3306;dbname=ecauth;user=root;password=<redacted>");
    // PostgreSQL keyword=value: spaces separate, single quotes hold spaces; ODBC braces hold semicolons.
    CHECK(redact_credentials("host=db password=s3cret port=5432") == "host=db password=<redacted> port=5432");
    CHECK(redact_credentials("host=db password='a b;c' port=5432") == "host=db password='<redacted>' port=5432");
    CHECK(redact_credentials("Driver={SQL Server};PWD={pa;ss};UID=ec") ==
          "Driver={SQL Server};PWD={<redacted>};UID=ec");
    // A comma belongs to the password in a connection string, not in LDAP extensions.
    CHECK(redact_credentials("user=ec;password=a,b;port=1") == "user=ec;password=<redacted>;port=1");
    // SQL comparing a column named password, and an empty value, are not credentials.
    CHECK(redact_credentials("SELECT 1 WHERE password = encrypt(:pass, PASSWORD)") ==
          "SELECT 1 WHERE password = encrypt(:pass, PASSWORD)");
    CHECK(redact_credentials("user=ec;password=;port=1") == "user=ec;password=;port=1");
    CHECK(redact_credentials("returns_password_column=password") == "returns_password_column=password");
}

TEST_CASE("redact_credentials: LDAP bind passwords, URL userinfo and query parameters")
{
    CHECK(redact_credentials("ldap:///????bindname=cn=x%2Cdc=y,x-bindpw=$pass,x-disable-connection-cache=true") ==
          "ldap:///????bindname=cn=x%2Cdc=y,x-bindpw=<redacted>,x-disable-connection-cache=true");
    CHECK(redact_credentials("https://user:pa:ss@host.example/path?q=1") ==
          "https://user:<redacted>@host.example/path?q=1");
    CHECK(redact_credentials("amqp://ec:guest@mq:5672 and redis://:r3dis@cache") ==
          "amqp://ec:<redacted>@mq:5672 and redis://:<redacted>@cache");
    CHECK(redact_credentials("https://api.example/v1?user=ec&api_key=abc123&x=1#top") ==
          "https://api.example/v1?user=ec&api_key=<redacted>&x=1#top");
    // No password in these.
    CHECK(redact_credentials("https://host.example/a:b@c") == "https://host.example/a:b@c");
    CHECK(redact_credentials("https://user@host.example/") == "https://user@host.example/");
    CHECK(redact_credentials("mailto:postmaster@example.com") == "mailto:postmaster@example.com");
}

TEST_CASE("redact_credentials: Authorization headers and inline private keys")
{
    CHECK(redact_credentials("Authorization: Bearer abc.def") == "Authorization: Bearer <redacted>");
    CHECK(redact_credentials("Proxy-Authorization: Basic dXNlcjpw\r\nHost: x") ==
          "Proxy-Authorization: Basic <redacted>\r\nHost: x");
    CHECK(redact_credentials("authorization=Digest username=\"ec\", response=\"6629\"") ==
          "authorization=Digest <redacted>");
    CHECK(redact_credentials("Authorization:s3cret") == "Authorization:<redacted>");
    CHECK(redact_credentials("see RFC 7235 for Authorization") == "see RFC 7235 for Authorization");
    CHECK(redact_credentials("-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJB\n-----END RSA PRIVATE KEY-----\n") ==
          "-----BEGIN RSA PRIVATE KEY-----<redacted>-----END RSA PRIVATE KEY-----\n");
    CHECK(redact_credentials("-----BEGIN PRIVATE KEY-----MIIBOgIB") == "-----BEGIN PRIVATE KEY-----<redacted>");
    CHECK(redact_credentials("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----") ==
          "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----");
}

TEST_CASE("secret_values: known secrets masked wherever they appear, the longest first")
{
    secret_values secrets;
    secrets.add("hunter2");
    secrets.add("");
    secrets.add("abc");
    secrets.add("abcdef");
    secrets.add("hunter2");
    CHECK(secrets.redact("got 'hunter2' and hunter2x") == "got '<redacted>' and <redacted>x");
    CHECK(secrets.redact("abcdef abc ab") == "<redacted> <redacted> ab");
    CHECK(secrets.redact("PWD=zzz;x=abc") == "PWD=<redacted>;x=<redacted>");
    CHECK(secrets.redact("") == "");
    secret_values other;
    other.add("zq9");
    secrets.merge(other);
    CHECK(secrets.redact("zq9 hunter2") == "<redacted> <redacted>");
}

TEST_CASE("secret_values: a secret shorter than four bytes is masked only as a word of its own")
{
    secret_values secrets;
    secrets.add("x");
    secrets.add("ab1");
    CHECK(secrets.redact("invalid value for 'x': expected an integer, got 'x'") ==
          "invalid value for '<redacted>': expected an integer, got '<redacted>'");
    CHECK(secrets.redact("expected xx ab12 cab1 ab1") == "expected xx ab12 cab1 <redacted>");
    CHECK(secrets.redact("x=ab1;x") == "<redacted>=<redacted>;<redacted>");
}
