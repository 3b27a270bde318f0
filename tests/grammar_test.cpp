#include <doctest/doctest.h>

#include <tao/pegtl/contrib/analyze.hpp>

#include "support/grammar_match.hpp"

namespace g = ecconf::grammar;
using ecconf::test::matches;

TEST_CASE("the grammar has no cycle without progress") { CHECK(tao::pegtl::analyze<g::config_file>(-1) == 0); }

TEST_CASE("comments")
{
    CHECK(matches<g::comment>("# to the end of the line"));
    CHECK(matches<g::comment>("/* a\n block */"));
    CHECK(matches<g::skip>("  # one\n /* two */ \t\r\n"));
    CHECK_FALSE(matches<g::comment>("// not a comment"));
}

TEST_CASE("bare words keep paths, CIDRs, URIs and addresses whole")
{
    for (const char* word : {"127.0.0.0/8", "/tmp/2025", "digest:///opt/msys/ecelerity/etc/passwd", "*:25",
                             "user@example.com", "%Y-%m-%d", "cap_net_bind_service+ep", "-1", "0.2"})
        CHECK_MESSAGE(matches<g::bare_word>(word), word);
    for (const char* word : {"a/*b", "a#b", "a=b", "a,b", "a b", "(a)", "a}"})
        CHECK_FALSE_MESSAGE(matches<g::bare_word>(word), word);
}

TEST_CASE("quoted strings may continue on the next lines, single-quoted strings may not")
{
    CHECK(matches<g::quoted_string>(R"("plain")"));
    CHECK(matches<g::quoted_string>(R"("say \"hi\" \\ \w+")"));
    CHECK(matches<g::quoted_string>(R"("")"));
    CHECK(matches<g::quoted_string>("\"two\nlines\""));
    CHECK(matches<g::single_quoted_string>("'single'"));
    CHECK_FALSE(matches<g::single_quoted_string>("'two\nlines'"));
}

TEST_CASE("names are letters, digits, '_' and '-'")
{
    CHECK(matches<g::name_text>("ESMTP_Listener"));
    CHECK(matches<g::name_text>("_unsafe_spool"));
    CHECK(matches<g::name_text>("NAS-IP-Address"));
    CHECK_FALSE(matches<g::name_text>("9lives"));
}

TEST_CASE("values: scalars, lists with optional commas, dictionaries")
{
    CHECK(matches<g::value>("( a \"b c\" d )"));
    CHECK(matches<g::value>("(a, b, c,)"));
    CHECK(matches<g::value>("()"));
    CHECK(matches<g::value>("( a # comment\n b /* c */ )"));
    CHECK(matches<g::value>("[ 99 = \"x\" \"127.0.0.2\" = y mta1.example.com = ( a b ) ]"));
    CHECK(matches<g::value>("[]"));
}

TEST_CASE("typographic quotes make a string on one line; unclosed, a bare word")
{
    CHECK(matches<g::typographic_string>("“X-MSFBL”"));
    CHECK(matches<g::typographic_string>("‘can_relay’"));
    CHECK(matches<g::typographic_string>("“/var/log\""));
    CHECK_FALSE(matches<g::typographic_string>("“two\nlines”"));
    CHECK_FALSE(matches<g::typographic_string>("“open"));
    CHECK(matches<g::scalar>("“open"));
    CHECK(matches<g::quoted_string>("\"bc:24”"));
    CHECK_FALSE(matches<g::quoted_string>("\"say “hi” to"));
}
