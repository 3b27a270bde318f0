#include <doctest/doctest.h>

#include <deque>

#include "ecconf/schema.hpp"
#include "support/grammar_match.hpp"

using namespace ecconf;

namespace {

value_type simple(type_kind kind)
{
    value_type t;
    t.kind = kind;
    return t;
}

value_type ranged(type_kind kind, std::optional<double> min, std::optional<double> max)
{
    auto t = simple(kind);
    t.min = min;
    t.max = max;
    return t;
}

/// "" when accepted, else the message.
std::string check(const value_type& t, const std::string& text)
{
    std::optional<std::size_t> offset;
    return check_scalar(t, text, offset).value_or("");
}

// The value of `x = WRITTEN`, padded so that it begins at byte `begin` (at least 4); kept alive for the run.
value_ref parsed_value(const std::string& written, std::uint32_t begin = 10)
{
    static std::deque<std::unique_ptr<test::parsed>> kept;
    kept.push_back(test::parse_text("x =" + std::string(begin - 3, ' ') + written + "\n"));
    REQUIRE(kept.back()->sink.all().empty());
    return kept.back()->statements().at(0).value();
}

value_ref scalar_value(const std::string& text, quoting quote = quoting::bare, std::uint32_t begin = 10)
{
    return parsed_value(quote == quoting::double_quoted ? "\"" + text + "\"" : text, begin);
}

}  // namespace

TEST_CASE("boolean: every Momentum spelling, any case")
{
    const auto t = simple(type_kind::boolean);
    for (const char* word : {"true", "FALSE", "Yes", "no", "on", "OFF", "enabled", "Disabled", "1", "0"})
        CHECK(check(t, word).empty());
    CHECK(check(t, "maybe") ==
          "expected a boolean (true, false, yes, no, on, off, enabled, disabled, 1, 0), got 'maybe'");
    CHECK(check(t, "2") != "");
}

TEST_CASE("integer and unsigned with ranges")
{
    CHECK(check(simple(type_kind::integer), "-5").empty());
    CHECK(check(simple(type_kind::integer), "+5").empty());
    CHECK(check(simple(type_kind::integer), "5x") == "expected an integer, got '5x'");
    CHECK(check(simple(type_kind::unsigned_integer), "-5") == "expected an unsigned integer, got '-5'");
    const auto port = ranged(type_kind::unsigned_integer, 1, 65535);
    CHECK(check(port, "25").empty());
    CHECK(check(port, "0") == "expected an unsigned integer between 1 and 65535, got '0' (out of range)");
    CHECK(check(ranged(type_kind::integer, 1000, std::nullopt), "999") ==
          "expected an integer >= 1000, got '999' (out of range)");
    CHECK(check(ranged(type_kind::integer, std::nullopt, 100), "101") ==
          "expected an integer <= 100, got '101' (out of range)");
    CHECK(check(simple(type_kind::integer), "99999999999999999999") ==
          "expected an integer, got '99999999999999999999'");
}

TEST_CASE("seconds, bytes, float, octal mode, throttle")
{
    CHECK(check(simple(type_kind::seconds), "300").empty());
    CHECK(check(simple(type_kind::seconds), "5m") == "expected a number of seconds, got '5m'");
    CHECK(check(simple(type_kind::bytes), "4096").empty());
    CHECK(check(simple(type_kind::bytes), "lots") == "expected a size in bytes, got 'lots'");
    CHECK(check(simple(type_kind::floating), "0.2").empty());
    CHECK(check(simple(type_kind::floating), "-1.5").empty());
    CHECK(check(simple(type_kind::floating), "0.2x") == "expected a number, got '0.2x'");
    CHECK(check(simple(type_kind::octal_mode), "0640").empty());
    CHECK(check(simple(type_kind::octal_mode), "775").empty());
    CHECK(check(simple(type_kind::octal_mode), "0689") == "expected an octal file mode such as 0640, got '0689'");
    CHECK(check(simple(type_kind::throttle), "20").empty());
    CHECK(check(simple(type_kind::throttle), "20/60").empty());
    CHECK(check(simple(type_kind::throttle), "20/") == "expected a throttle (N or N/seconds), got '20/'");
}

TEST_CASE("enumerations are case-insensitive and list their values")
{
    value_type t = simple(type_kind::enumeration);
    t.values = {"http", "https"};
    CHECK(check(t, "HTTPS").empty());
    CHECK(check(t, "ftp") == "expected one of http, https, got 'ftp'");
}

TEST_CASE("strings, paths and the names checked elsewhere")
{
    CHECK(check(simple(type_kind::string), "").empty());
    CHECK(check(simple(type_kind::any), "anything").empty());
    CHECK(check(simple(type_kind::path), "/var/log/x").empty());
    CHECK(check(simple(type_kind::path), "") == "expected a path, got ''");
    CHECK(check(simple(type_kind::capabilities), "cap_net_bind_service+ep").empty());
    CHECK(check(simple(type_kind::privileges), "") == "expected a privilege set, got ''");
    auto pool = simple(type_kind::reference);
    pool.reference_kind = "threadpool";
    CHECK(check(pool, "SwapIn").empty());
    CHECK(check(pool, "") == "expected the name of a threadpool, got ''");
}

TEST_CASE("socket addresses")
{
    const auto t = simple(type_kind::socket_address);
    for (const char* ok : {"127.0.0.1:25", ":25", "*:25", "[::1]:25", "[*]:25", "/tmp/2025", "mx.example.com:587"}) {
        CAPTURE(ok);
        CHECK(check(t, ok).empty());
    }
    CHECK(check(t, "127.0.0.1") ==
          "expected a socket address (ip:port, :port, *:port, [ipv6]:port or a unix socket path), got '127.0.0.1'");
    CHECK(check(t, "127.0.0.1:99999") != "");
    CHECK(check(t, "[::1]25") != "");
}

TEST_CASE("IP addresses, CIDR blocks and host names")
{
    CHECK(check(simple(type_kind::ip_address), "192.0.2.1").empty());
    CHECK(check(simple(type_kind::ip_address), "2001:db8::1").empty());
    CHECK(check(simple(type_kind::ip_address), "192.0.2.300") ==
          "expected an IP address, got '192.0.2.300'; '192.0.2.300' looks like an IPv4 address but is not one: 300 is "
          "more than 255");
    CHECK(check(simple(type_kind::cidr), "10.0.0.0/8").empty());
    CHECK(check(simple(type_kind::cidr), "2001:db8::/32").empty());
    CHECK(check(simple(type_kind::cidr), "10.0.0.1").empty());
    CHECK(check(simple(type_kind::cidr), "10.0.0.0/33") == "expected an IP address or CIDR block, got '10.0.0.0/33'");
    CHECK(check(simple(type_kind::hostname), "mx1.example.com").empty());
    CHECK(check(simple(type_kind::hostname), "mx1..example.com") == "expected a host name, got 'mx1..example.com'");
    CHECK(check(simple(type_kind::hostname), "mx 1") != "");
}

TEST_CASE("dotted numbers that are no IPv4 address are refused wherever a host or an address is expected")
{
    // A host name's last label is never all digits (RFC 1123 2.1): these are addresses, mistyped.
    auto host_or_ip = simple(type_kind::one_of);
    host_or_ip.parts = {simple(type_kind::ip_address), simple(type_kind::hostname)};
    CHECK(check(host_or_ip, "10.20.1.310") ==
          "expected an IP address or a host name, got '10.20.1.310'; '10.20.1.310' looks like an IPv4 address but is "
          "not one: 310 is more than 255");
    CHECK(check(host_or_ip, "10.20.1.31").empty());
    CHECK(check(host_or_ip, "mta1.example.com").empty());
    CHECK(check(host_or_ip, "host-10.20.1.31.example").empty());
    CHECK(check(simple(type_kind::hostname), "10.1.1") ==
          "expected a host name, got '10.1.1'; '10.1.1' looks like an IPv4 address but is not one: an IPv4 address is "
          "four numbers, this is 3");
    CHECK(check(simple(type_kind::hostname), "1.2.3.4.5") ==
          "expected a host name, got '1.2.3.4.5'; '1.2.3.4.5' looks like an IPv4 address but is not one: an IPv4 "
          "address is four numbers, this is 5");
    CHECK(
        check(simple(type_kind::domain), "192.168.1.256") ==
        "expected a domain (host name, IP literal, [IPv6:...] or /regex/), got '192.168.1.256'; '192.168.1.256' looks "
        "like an IPv4 address but is not one: 256 is more than 255");
    CHECK(check(simple(type_kind::socket_address), "10.20.1.310:25") ==
          "expected a socket address (ip:port, :port, *:port, [ipv6]:port or a unix socket path), got "
          "'10.20.1.310:25'; '10.20.1.310' looks like an IPv4 address but is not one: 310 is more than 255");
    CHECK(check(simple(type_kind::cidr), "010.0.0.0/8") ==
          "expected an IP address or CIDR block, got '010.0.0.0/8'; '010.0.0.0' looks like an IPv4 address but is not "
          "one: '010' has a leading zero");
    CHECK(check(simple(type_kind::email), "postmaster@[10.0.0.256]") ==
          "expected an email address, got 'postmaster@[10.0.0.256]'; '10.0.0.256' looks like an IPv4 address but is "
          "not one: 256 is more than 255");
    // Other types keep their own words: a version number is not an address.
    CHECK(check(simple(type_kind::integer), "4.2.1.11") == "expected an integer, got '4.2.1.11'");
}

TEST_CASE("domains: host name, IP literal, [IPv6:...], /regex/")
{
    const auto t = simple(type_kind::domain);
    for (const char* ok : {"example.com", "192.0.2.1", "[192.0.2.1]", "[IPv6:2001:db8::1]", "/^(.*)\\.example\\.com$/",
                           "*.example.com"}) {
        CAPTURE(ok);
        CHECK(check(t, ok).empty());
    }
    CHECK(check(t, "exa mple.com") ==
          "expected a domain (host name, IP literal, [IPv6:...] or /regex/), got 'exa mple.com'");
    std::optional<std::size_t> offset;
    CHECK(check_scalar(t, "/(abc/", offset) ==
          "invalid regular expression in domain '/(abc/': missing closing parenthesis at offset 4");
    CHECK(offset == 5u);
}

TEST_CASE("regular expressions are compiled with PCRE2; the error points at its character")
{
    const auto t = simple(type_kind::regex);
    CHECK(check(t, "^bounces-\\d+").empty());
    std::optional<std::size_t> offset;
    CHECK(check_scalar(t, "ab[c", offset) ==
          "invalid regular expression 'ab[c': missing terminating ] for character class at offset 4");
    CHECK(offset == 4u);
    const auto problem = check_value(t, scalar_value("a)b", quoting::double_quoted, 10));
    REQUIRE(problem);
    CHECK(problem->message == "invalid regular expression 'a)b': unmatched closing parenthesis at offset 1");
    CHECK(problem->range.begin == 12);  // the opening quote, then 'a', then ')'
    CHECK(problem->range.end == 13);
}

TEST_CASE("email, user, group")
{
    CHECK(check(simple(type_kind::email), "postmaster@example.com").empty());
    CHECK(check(simple(type_kind::email), "postmaster") == "expected an email address, got 'postmaster'");
    CHECK(check(simple(type_kind::user), "ecuser").empty());
    CHECK(check(simple(type_kind::user), "500").empty());
    // Names are judged by the Security check (invalid-user), on the effective configuration.
    CHECK(check(simple(type_kind::user), "") == "expected a user name or numeric id, got ''");
    CHECK(check(simple(type_kind::group), "-wheel").empty());
}

TEST_CASE("lists: a single scalar is a one-item list; every item is checked")
{
    value_type t = simple(type_kind::list);
    t.parts.push_back(simple(type_kind::cidr));
    CHECK_FALSE(check_value(t, scalar_value("10.0.0.0/8")));
    const auto list = parsed_value("( \"10.0.0.0/8\"  \"nonsense\" )", 4);  // "nonsense" at byte 20
    const auto problem = check_value(t, list);
    REQUIRE(problem);
    CHECK(problem->message == "expected an IP address or CIDR block, got 'nonsense'");
    CHECK(problem->range.begin == 20);
    CHECK(check(t, "bad/") == "expected an IP address or CIDR block, got 'bad/'");
}

TEST_CASE("dictionaries, and shapes that do not fit")
{
    value_type dict = simple(type_kind::dictionary);
    dict.parts.push_back(simple(type_kind::unsigned_integer));
    CHECK_FALSE(check_value(dict, parsed_value("[ a = 1 ]")));
    const auto d = parsed_value("[ a = 1 b = x ]");
    REQUIRE(check_value(dict, d));
    CHECK(check_value(dict, d)->message == "expected an unsigned integer, got 'x'");
    CHECK(check_value(dict, scalar_value("x"))->message == "expected a dictionary of an unsigned integer, got 'x'");
    CHECK(check_value(simple(type_kind::boolean), parsed_value("( )"))->message ==
          "expected a boolean (true, false, yes, no, on, off, enabled, disabled, 1, 0), got a list");
}

TEST_CASE("one_of accepts any alternative")
{
    value_type retries = simple(type_kind::one_of);
    retries.parts.push_back(simple(type_kind::unsigned_integer));
    value_type words = simple(type_kind::enumeration);
    words.values = {"auto", "none"};
    retries.parts.push_back(words);
    CHECK(check(retries, "5").empty());
    CHECK(check(retries, "AUTO").empty());
    CHECK(check(retries, "often") == "expected an unsigned integer or one of auto, none, got 'often'");
}

TEST_CASE("instance names")
{
    const auto message = [](const char* kind, const char* text) {
        const auto problem = check_instance_name(kind, scalar_value(text, quoting::double_quoted));
        return problem ? problem->message : std::string();
    };
    CHECK(message("binding_name", "mta1").empty());
    CHECK(message("binding_name", "mta 1") == "'mta 1' contains a space");
    CHECK(message("binding_name", "mta:1") == "'mta:1' contains a colon");
    CHECK(message("name", "") == "the name is empty");
    CHECK(message("name", "Message-ID").empty());
    CHECK(message("domain", "/^.*\\.example\\.com$/").empty());
    CHECK(message("host", "[IPv6:2001:db8::1]").empty());
    CHECK(message("socket_address", "25") ==
          "expected a socket address (ip:port, :port, *:port, [ipv6]:port or a unix socket path), got '25'");
    CHECK(message("cidr", "10.0.0.0/40") == "expected an IP address or CIDR block, got '10.0.0.0/40'");
    CHECK(message("regex_or_name", "plain").empty());
    // a regex error in a domain instance points at its character: quote, slash, "a(b" -> offset 4 is past the end
    const auto problem = check_instance_name("domain", scalar_value("/a)b/", quoting::double_quoted, 7));
    REQUIRE(problem);
    CHECK(problem->message ==
          "invalid regular expression in domain '/a)b/': unmatched closing parenthesis at offset 1");
    CHECK(problem->range.begin == 10);  // 7 is the quote, 8 the slash, 9 'a', 10 ')'
}
