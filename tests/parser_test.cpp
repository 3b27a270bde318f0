#include <doctest/doctest.h>

#include <algorithm>

#include "support/grammar_match.hpp"

using ecconf::node_kind;
using ecconf::quoting;
using ecconf::test::all;
using ecconf::test::parse_text;
using ecconf::test::summarize;
using strings = std::vector<std::string>;

TEST_CASE("options, scopes and includes become statements")
{
    const auto p = parse_text("Max_Outbound_Connections = 20\n"
                              "binding \"mta1\" { bind_address = 192.0.2.10 }\n"
                              "ESMTP_Listener {\n  Listen \":25\" {}\n}\n"
                              "include \"conf.d\" readonly_include /etc/x.conf\n");
    CHECK(summarize(*p).empty());
    const auto s = p->statements();
    REQUIRE(s.size() == 5);
    CHECK(s[0].kind() == node_kind::option);
    CHECK(s[0].keyword() == "Max_Outbound_Connections");
    CHECK(s[0].name() == "max_outbound_connections");
    CHECK(s[0].value().text() == "20");
    CHECK(s[1].kind() == node_kind::scope);
    CHECK(s[1].has_instance());
    CHECK(s[1].instance().text() == "mta1");
    CHECK(s[1].instance().quote() == quoting::double_quoted);
    REQUIRE(all(s[1].body()).size() == 1);
    CHECK(all(s[1].body())[0].value().text() == "192.0.2.10");
    CHECK(s[2].name() == "esmtp_listener");
    CHECK(s[2].keyword() == "ESMTP_Listener");
    CHECK_FALSE(s[2].has_instance());
    REQUIRE(all(s[2].body()).size() == 1);
    CHECK(all(s[2].body())[0].instance().text() == ":25");
    CHECK(all(s[2].body())[0].body().empty());
    CHECK(s[3].kind() == node_kind::include);
    CHECK(s[3].value().text() == "conf.d");
    CHECK_FALSE(s[3].readonly());
    CHECK(s[4].readonly());
    CHECK(s[4].value().text() == "/etc/x.conf");
}

TEST_CASE("ranges are byte offsets of the written text")
{
    const auto p = parse_text("  x = \"a b\"\n");
    const auto st = p->statements().at(0);
    CHECK(st.keyword_range().begin == 2);
    CHECK(st.keyword_range().end == 3);
    CHECK(st.value().range().begin == 6);
    CHECK(st.value().range().end == 11);
    CHECK(st.range().begin == 2);
    CHECK(st.range().end == 11);
}

TEST_CASE("escapes: only \\\" and \\\\; other backslashes stay")
{
    const auto p = parse_text(R"(banner = "say \"hi\" \\ \w+\r\n")");
    CHECK(p->statements().at(0).value().text() == R"(say "hi" \ \w+\r\n)");
}

TEST_CASE("lists and dictionaries nest and keep their order")
{
    const auto p = parse_text("uri = ( \"a b\", c\n d )\nmap [ 99 = x \"k 2\" = ( y z ) nested = [ a = b ] ]\n");
    REQUIRE(summarize(*p).empty());
    const auto list = p->statements().at(0).value();
    CHECK(list.kind() == node_kind::list);
    const auto items = all(list.items());
    REQUIRE(items.size() == 3);
    CHECK(items[0].text() == "a b");
    CHECK(items[2].text() == "d");
    const auto map = p->statements().at(1);
    CHECK(map.kind() == node_kind::option);
    CHECK(map.value().kind() == node_kind::dictionary);
    const auto entries = all(map.value().entries());
    REQUIRE(entries.size() == 3);
    CHECK(entries[0].key.text() == "99");
    CHECK(entries[1].key.text() == "k 2");
    CHECK(all(entries[1].value.items()).size() == 2);
    const auto nested = all(entries[2].value.entries());
    REQUIRE(nested.size() == 1);
    CHECK(nested[0].value.text() == "b");
}

TEST_CASE("layout freedom: several statements per line, '{' on the next line, value after '=' on the next line")
{
    const auto p = parse_text("a = 1 b = 2\nsecurity\n{\n}\nc =\n  3\nd=4 e{}");
    CHECK(summarize(*p).empty());
    REQUIRE(p->statements().size() == 6);
    CHECK(p->statements()[2].kind() == node_kind::scope);
    CHECK(p->statements()[3].value().text() == "3");
    CHECK(p->statements()[5].kind() == node_kind::scope);
}

TEST_CASE("CRLF line endings and a byte-order mark")
{
    const auto p = parse_text("\xEF\xBB\xBFx = 1\r\nscope {\r\n  y = \"v\"\r\n}\r\n");
    CHECK(summarize(*p).empty());
    CHECK(p->tree->has_bom());
    REQUIRE(p->statements().size() == 2);
    CHECK(all(p->statements()[1].body()).at(0).value().text() == "v");
}

namespace {

// The comments of the indexes [first, end) of a tree's comment list, as written.
strings comment_texts(const ecconf::test::parsed& p, std::uint32_t first, std::uint32_t end)
{
    const auto bytes = p.sources.file(p.tree->file()).bytes();
    strings out;
    for (auto i = first; i < end; ++i) {
        const auto& c = p.tree->comments()[i].range;
        out.emplace_back(bytes.substr(c.begin, c.end - c.begin));
    }
    return out;
}

struct around {
    strings before, inside, after;
    std::uint32_t blank_lines = 0;
};

around comments_around(const ecconf::test::parsed& p, const ecconf::statement_ref& st, std::uint32_t previous_end)
{
    const auto c = ecconf::comments_of(*p.tree, st.id(), previous_end);
    return {comment_texts(p, c.before_first, c.before_end), comment_texts(p, c.inside_first, c.inside_end),
            comment_texts(p, c.after_first, c.after_end), c.blank_lines_before};
}

}  // namespace

TEST_CASE("comments around a statement: before it, inside it, after it on its line, and blank lines")
{
    const auto p = parse_text("# lead\nx = 1 # trail\n\n\nscope {\n  y = ( a # inside\n b )\n  # closing\n}\n# end\n");
    REQUIRE(summarize(*p).empty());
    const auto s = p->statements();
    REQUIRE(s.size() == 2);
    const auto option = comments_around(*p, s[0], 0);
    CHECK(option.before == strings{"# lead"});
    CHECK(option.inside.empty());
    CHECK(option.after == strings{"# trail"});
    CHECK(option.blank_lines == 0);
    // The comment after x on its line is x's, not the scope's.
    const auto scope = comments_around(*p, s[1], s[0].range().end);
    CHECK(scope.before.empty());
    CHECK(scope.inside == strings{"# inside", "# closing"});
    CHECK(scope.after.empty());
    CHECK(scope.blank_lines == 2);
    const auto list_option = comments_around(*p, all(s[1].body()).at(0), s[1].range().begin);
    CHECK(list_option.before.empty());
    CHECK(list_option.inside == strings{"# inside"});
    CHECK(list_option.after.empty());
    REQUIRE(p->tree->comments().size() == 5);
    CHECK(comment_texts(*p, 4, 5) == strings{"# end"});
}

TEST_CASE("after a statement: every comment on the line where it ends")
{
    const auto p = parse_text("scope {\n  a = 1 # a\n} # scope\nb = 2 /* b */ # b\n# end");
    REQUIRE(summarize(*p).empty());
    const auto s = p->statements();
    REQUIRE(s.size() == 2);
    CHECK(comments_around(*p, all(s[0].body()).at(0), s[0].range().begin).after == strings{"# a"});
    CHECK(comments_around(*p, s[0], 0).after == strings{"# scope"});
    const auto b = comments_around(*p, s[1], s[0].range().end);
    CHECK(b.before.empty());
    CHECK(b.after == strings{"/* b */", "# b"});
}

TEST_CASE("single-quoted strings are read, with a warning")
{
    const auto p = parse_text("hostname = 'mx.example.com'\n");
    CHECK(p->statements().at(0).value().text() == "mx.example.com");
    CHECK(
        summarize(*p) ==
        strings{
            "1:12 single-quoted-string single-quoted string: Momentum's manuals only use double quotes; write \"mx.example.com\""});
}

TEST_CASE("syntax errors: what was expected, what was found, where")
{
    CHECK(
        summarize(*parse_text("max_outbound_connections 20\n")) ==
        strings{
            "1:28 syntax-error expected '{' after 'max_outbound_connections 20', saw end of file (for an option write 'max_outbound_connections = 20')"});
    CHECK(summarize(*parse_text("x = \n}")) == strings{"1:4 syntax-error expected a value after '=', saw '}' on line 2",
                                                       "2:1 unexpected-close unexpected '}': no scope is open here"});
    CHECK(summarize(*parse_text("= 5\n")) ==
          strings{"1:1 syntax-error expected an option, a scope or an include directive, saw '='"});
    CHECK(
        summarize(*parse_text("foo.bar = 1\n")) ==
        strings{
            "1:4 syntax-error invalid name: option and scope names hold only letters, digits, '_' and '-', saw '.bar'"});
    CHECK(summarize(*parse_text("include = x\n")) ==
          strings{"1:9 syntax-error expected a file or directory path after 'include', saw '='"});
    CHECK(summarize(*parse_text("m [ a b ]\n")) ==
          strings{"1:7 syntax-error expected '=' after the dictionary key, saw 'b'"});
    CHECK(summarize(*parse_text("m = [ a = b\n")) ==
          strings{"1:12 syntax-error expected 'key = value' or ']', saw end of file"});
}

TEST_CASE(
    "a quoted string continues on the next lines; unterminated, it points at its opening quote at the end of the file")
{
    const auto joined =
        parse_text("query = \"SELECT 1 FROM users WHERE name = :user and\n    password = :pass\"\nc = 1\n");
    CHECK(summarize(*joined).empty());
    REQUIRE(joined->statements().size() == 2);
    CHECK(joined->statements()[0].value().text() == "SELECT 1 FROM users WHERE name = :user and\n    password = :pass");
    CHECK(joined->statements()[1].name() == "c");
    const auto open = parse_text("a = 1\nb = \"open\nc = 2\n");
    CHECK(summarize(*open) ==
          strings{"2:5 unterminated-string unterminated string: the closing '\"' is missing before end of file"});
    REQUIRE(open->statements().size() == 2);  // parsing resumes on the line after the error
    CHECK(open->statements()[1].name() == "c");
}

TEST_CASE("an '=' before a scope's '{' is accepted: ESMTP_Listener = { ... }")
{
    const auto p = parse_text(
        "ESMTP_Listener = # as the inbound-ssl page writes it\n{\n  Listen \":465\" { use_ssl = true }\n}\nx = {\n");
    CHECK(summarize(*p) == strings{"5:5 unclosed-scope '{' of 'x' is never closed: the file ends first"});
    REQUIRE(p->statements().size() == 2);
    const auto listener = p->statements()[0];
    CHECK(listener.kind() == node_kind::scope);
    CHECK_FALSE(listener.has_instance());
    REQUIRE(all(listener.body()).size() == 1);
    CHECK(all(listener.body())[0].instance().text() == ":465");
    CHECK(p->tree->comments().size() == 1);  // recorded once
}

TEST_CASE("a bare /regex/ instance may hold parentheses when '{' follows it")
{
    const auto p = parse_text("Domain /yahoo\\.co(m|\\.uk)$/ {\n}\nDomain /google\\.(com|es|ru)$/{}\nListen /a/b {}\n");
    CHECK(summarize(*p).empty());
    REQUIRE(p->statements().size() == 3);
    CHECK(p->statements()[0].instance().text() == "/yahoo\\.co(m|\\.uk)$/");
    CHECK(p->statements()[0].instance().quote() == quoting::bare);
    CHECK(p->statements()[1].instance().text() == "/google\\.(com|es|ru)$/");
    CHECK(p->statements()[2].instance().text() == "/a/b");
    CHECK(summarize(*parse_text("Domain /a(b/ = 1\n")) ==
          strings{"1:10 syntax-error expected '{' after 'Domain /a', saw '(' (for an option write 'Domain = /a')"});
}

TEST_CASE("a NUL byte inside a string is named")
{
    const auto p = parse_text(std::string("a = \"x\0y\"\n", 10));
    CHECK(summarize(*p) == strings{"1:5 syntax-error a NUL byte cannot appear inside a string"});
}

TEST_CASE("scope errors: unclosed points at its '{', stray '}' at itself")
{
    CHECK(summarize(*parse_text("binding \"a\" {\n  domain \"x\" {\n  }\n")) ==
          strings{"1:13 unclosed-scope '{' of 'binding a' is never closed: the file ends first"});
    CHECK(summarize(*parse_text("a = 1\n}\n}")) ==
          strings{"2:1 unexpected-close unexpected '}': no scope is open here",
                  "3:1 unexpected-close unexpected '}': no scope is open here"});
    CHECK(summarize(*parse_text("/* never\nclosed")) ==
          strings{"1:1 unterminated-comment unterminated comment: '/*' has no matching '*/'"});
}

TEST_CASE("every error of a file is reported, up to the limit")
{
    std::string text;
    for (int i = 0; i < 150; ++i) text += "= bad\n";
    const auto p = parse_text(text);
    CHECK(p->sink.count(ecconf::severity::error) == 101);
    const auto found = summarize(*p);
    CHECK(std::count(found.begin(), found.end(),
                     "100:1 limit-exceeded too many syntax errors (100); the rest of this file is not read") == 1);
}

TEST_CASE("nesting deeper than the limit stops the file with one diagnostic")
{
    const auto p = parse_text("a { b { c { d = ( ( 1 ) ) } } }", ecconf::parse_limits{3, 100});
    CHECK(summarize(*p) ==
          strings{
              "1:17 limit-exceeded nesting deeper than 3 levels; the rest of this file is not read (see --max-depth)"});
}

TEST_CASE("typographic quotes are reported at the character and read as the ASCII quote")
{
    // “...” and ‘...’: the value is what they enclose, the statement after them parses.
    const auto pair = parse_text("fbl {\n  Header_Name = “X-MSFBL” # the default\n  Condition = ‘can_relay’\n}\n");
    CHECK(
        summarize(*pair) ==
        strings{"2:17 typographic-quote typographic quotes '“' (U+201C) and '”' (U+201D) around 'X-MSFBL': Momentum "
                "reads only ASCII quotes; write \"X-MSFBL\"",
                "3:15 typographic-quote typographic quotes '‘' (U+2018) and '’' (U+2019) around 'can_relay': Momentum "
                "reads only ASCII quotes; write \"can_relay\""});
    const auto body = all(pair->statements()[0].body());
    REQUIRE(body.size() == 2);
    CHECK(body[0].value().text() == "X-MSFBL");
    CHECK(body[0].value().quote() == quoting::double_quoted);
    CHECK(body[1].value().text() == "can_relay");
    // Before '{', as an instance name: no cascade.
    const auto instance = parse_text("domain “gold example.com” {\n  x = 1\n}\n");
    CHECK(summarize(*instance) ==
          strings{"1:8 typographic-quote typographic quotes '“' (U+201C) and '”' (U+201D) around 'gold example.com': "
                  "Momentum reads only ASCII quotes; write \"gold example.com\""});
    CHECK(instance->statements()[0].instance().text() == "gold example.com");
    // Opened by one, closed by the ASCII quote.
    CHECK(summarize(*parse_text("p = “/var/log/x\"\n")) ==
          strings{"1:5 typographic-quote typographic quote '“' (U+201C) opens '/var/log/x': Momentum reads only ASCII "
                  "quotes; write \"/var/log/x\""});
}

TEST_CASE("a '”' closing a \"...\" string ends it where a value may end, so the string does not run on")
{
    const auto p = parse_text("r {\n  codes = (\"bc:10” \"bc:24”)\n  low = (\"throttle” \"down\")\n}\nc = 1\n");
    CHECK(summarize(*p) ==
          strings{
              "2:18 typographic-quote typographic quote '”' (U+201D) closes the string 'bc:10': Momentum reads only "
              "ASCII quotes; write \"bc:10\"",
              "2:26 typographic-quote typographic quote '”' (U+201D) closes the string 'bc:24': Momentum reads only "
              "ASCII quotes; write \"bc:24\"",
              "3:19 typographic-quote typographic quote '”' (U+201D) closes the string 'throttle': Momentum reads only "
              "ASCII quotes; write \"throttle\""});
    REQUIRE(p->statements().size() == 2);
    const auto codes = all(p->statements()[0].body())[0].value();
    REQUIRE(codes.is_list());
    CHECK(codes.items().size() == 2);
    // Inside a string, typographic quotes are text: followed by a word, or right before the closing '"'.
    const auto text = parse_text("x = \"say “hi” to\"\ny = \"“quoted”\"\n");
    CHECK(summarize(*text).empty());
    CHECK(text->statements()[0].value().text() == "say “hi” to");
    CHECK(text->statements()[1].value().text() == "“quoted”");
}

TEST_CASE("a typographic quote that nothing closes on its line stays in a bare word, reported")
{
    const auto p = parse_text("a = “blackhole\nb = X-MSFBL”\nc = Jones’\n");
    CHECK(summarize(*p) ==
          strings{"1:5 typographic-quote typographic quote '“' (U+201C) in the word '“blackhole': Momentum reads only "
                  "ASCII quotes; put the value in '\"'",
                  "2:12 typographic-quote typographic quote '”' (U+201D) in the word 'X-MSFBL”': Momentum reads only "
                  "ASCII quotes; put the value in '\"'"});
    CHECK(p->statements()[0].value().text() == "“blackhole");
}
