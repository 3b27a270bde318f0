#include <doctest/doctest.h>

#include <sstream>

#include "ecconf/report.hpp"
#include "ecconf/rule_ids.hpp"

using namespace ecconf;

namespace {

struct fixture {
    source_manager sources;
    diagnostic_sink sink;
};

std::string render(const fixture& f, output_format format, bool color = false)
{
    std::ostringstream out;
    write_report(out, f.sources, f.sink, {format, color, 1});
    return out.str();
}

}  // namespace

TEST_CASE("text: location, severity, message, rule, then the line with the token underlined")
{
    fixture f;
    const auto id = f.sources.add("a.conf", "x = 1\nbounce = \"open\n");
    auto& d = f.sink.report(rules::unterminated_string, {id, 15, 20}, "unterminated string");
    d.related.push_back({{id, 0, 1}, "see here"});
    CHECK(render(f, output_format::text) == "a.conf:2:10: error: unterminated string [unterminated-string]\n"
                                            " 2 | bounce = \"open\n"
                                            "   |          ^~~~~\n"
                                            "a.conf:1:1: note: see here\n"
                                            "  see /usr/share/doc/ecconf/rules/unterminated-string.md\n");
    // gcc: no excerpt, the notes kept.
    CHECK(render(f, output_format::gcc) ==
          "a.conf:2:10: error: unterminated string [unterminated-string]\na.conf:1:1: note: see here\n");
    CHECK(render(f, output_format::text, true).find("\x1b[1;31merror:\x1b[0m") != std::string::npos);
}

TEST_CASE("text: each finding ends with its rule's page under --doc-url-base; an empty base prints none")
{
    fixture f;
    const auto id = f.sources.add("a.conf", "x = 1\n");
    f.sink.report(rules::unknown_option, {id, 0, 1}, "unknown option 'x' in scope 'global'");
    std::ostringstream custom, none;
    write_report(custom, f.sources, f.sink,
                 {output_format::text, false, 1, SIZE_MAX, {}, "https://docs.example.org/r/"});
    CHECK(custom.str() == "a.conf:1:1: error: unknown option 'x' in scope 'global' [unknown-option]\n"
                          " 1 | x = 1\n"
                          "   | ^\n"
                          "  see https://docs.example.org/r/unknown-option.md\n");
    write_report(none, f.sources, f.sink, {output_format::text, false, 1, SIZE_MAX, {}, ""});
    CHECK(none.str() == "a.conf:1:1: error: unknown option 'x' in scope 'global' [unknown-option]\n"
                        " 1 | x = 1\n"
                        "   | ^\n");
    // gcc lines stay as editors parse them: no link.
    CHECK(render(f, output_format::gcc) ==
          "a.conf:1:1: error: unknown option 'x' in scope 'global' [unknown-option]\n");
}

TEST_CASE("text: a long line shows a window around the column, with tabs and control bytes as one cell")
{
    fixture f;
    std::string line(200, 'a');
    line[150] = '\t';
    line[151] = '\x01';
    const auto id = f.sources.add("long.conf", line);
    f.sink.report(rules::syntax_error, {id, 150, 152}, "m");
    const auto text = render(f, output_format::text);
    CHECK(text == "long.conf:1:151: error: m [syntax-error]\n"
                  " 1 | ..." +
                      std::string(40, 'a') + " ?" + std::string(48, 'a') +
                      "\n"
                      "   |    " +
                      std::string(40, ' ') + "^~\n  see /usr/share/doc/ecconf/rules/syntax-error.md\n");
}

TEST_CASE("json: the documented object, with 1-based columns and exclusive ends")
{
    fixture f;
    const auto id = f.sources.add("a.conf", "x = 1\ny = \"\xC3\xA9\n");
    auto& d = f.sink.report(rules::unterminated_string, {id, 10, 13}, "msg");
    d.related.push_back({{id, 0, 1}, "rel"});
    f.sink.report(rules::empty_configuration, {id, 0, 0}, "w");
    f.sink.finalize();
    CHECK(
        render(f, output_format::json) ==
        R"({"version":1,"diagnostics":[{"severity":"warning","rule":"empty-configuration","file":"a.conf","line":1,"column":1,"end_line":1,"end_column":1,"message":"w","related":[]},)"
        R"({"severity":"error","rule":"unterminated-string","file":"a.conf","line":2,"column":5,"end_line":2,"end_column":7,"message":"msg","related":[{"file":"a.conf","line":1,"column":1,"end_line":1,"end_column":2,"message":"rel"}]}],)"
        R"("summary":{"errors":1,"warnings":1,"notes":0,"files":1}})"
        "\n");
}

TEST_CASE("json stays valid on invalid UTF-8 in messages")
{
    fixture f;
    const auto id = f.sources.add("a.conf", "x");
    f.sink.report(rules::syntax_error, {id, 0, 1}, "saw '\xFF'");
    CHECK(render(f, output_format::json).find("saw '\xEF\xBF\xBD'") != std::string::npos);
}
