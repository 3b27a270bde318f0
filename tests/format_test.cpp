#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <sys/stat.h>

#include "ecconf/format.hpp"
#include "support/format_properties.hpp"
#include "support/golden_files.hpp"
#include "support/run_command.hpp"
#include "support/temp_directory.hpp"

namespace fs = std::filesystem;
using ecconf::test::case_arguments;
using ecconf::test::read_file;
using ecconf::test::run_check;
using ecconf::test::run_command;

namespace {

std::string fmt(const std::string& bytes, const ecconf::format_options& options = {})
{
    const auto result = ecconf::format_source("t.conf", bytes, options);
    REQUIRE(result.formatted);
    return result.text;
}

/// A file formatted with a range edit applied.
std::string apply_edit(const std::string& bytes, const std::optional<ecconf::text_edit>& edit)
{
    if (!edit) return bytes;
    return bytes.substr(0, edit->begin) + edit->text + bytes.substr(edit->end);
}

std::optional<ecconf::text_edit> range_edit(const std::string& bytes, std::uint32_t begin, std::uint32_t end)
{
    ecconf::source_manager sources;
    ecconf::diagnostic_sink sink;
    const auto file = sources.add("t.conf", bytes);
    const auto tree = ecconf::parse_source(sources, file, sink);
    return ecconf::format_range(tree, sources.file(file).bytes(), begin, end);
}

}  // namespace

TEST_CASE("fmt golden cases: each testdata/fmt/<case>/input.conf formats to its expected.conf")
{
    const auto cases = ecconf::test::golden_cases("testdata/fmt", "expected.conf");
    REQUIRE(cases.size() >= 15);
    for (const auto& directory : cases) {
        CAPTURE(directory.string());
        const auto args = case_arguments(directory);
        const auto input = (directory / "input.conf").string();
        const auto expected = (directory / "expected.conf").string();
        const auto formatted = run_check("fmt " + args + input);
        CHECK(formatted.exit_code == 0);
        CHECK(formatted.out == read_file(expected));
        // The expected text is a fixed point, and --check says so.
        const auto check = run_check("fmt --check " + args + expected);
        CHECK(check.out == "");
        CHECK(check.exit_code == 0);
        CHECK(ecconf::test::format_property_failure(read_file(input)) == "");
    }
}

TEST_CASE("fmt guarantees over every .conf of testdata/ that parses: idempotent, same dump, same comments")
{
    std::size_t checked = 0;
    for (const auto& entry : fs::recursive_directory_iterator("testdata")) {
        if (!entry.is_regular_file() || entry.path().extension() != ".conf") continue;
        const auto bytes = read_file(entry.path());
        if (!ecconf::format_source("t.conf", bytes).formatted) continue;
        CAPTURE(entry.path().string());
        CHECK(ecconf::test::format_property_failure(bytes) == "");
        for (const auto width : {20u, 60u}) {
            ecconf::format_options options;
            options.line_width = width;
            options.indent_width = 4;
            CHECK(ecconf::test::format_property_failure(bytes, options) == "");
        }
        ++checked;
    }
    CHECK(checked >= 200);
}

TEST_CASE("fmt guarantees on layout variants of testdata/: joined lines, doubled blanks, tabs, CRLF; range edits")
{
    const auto replace_all = [](std::string text, const std::string& from, const std::string& to) {
        for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
            text.replace(at, from.size(), to);
        return text;
    };
    std::size_t variants = 0, edits = 0;
    for (const auto& entry : fs::recursive_directory_iterator("testdata")) {
        if (!entry.is_regular_file() || entry.path().extension() != ".conf") continue;
        const auto bytes = read_file(entry.path());
        if (!ecconf::format_source("t.conf", bytes).formatted || bytes.size() > 20000) continue;
        CAPTURE(entry.path().string());
        for (const auto& variant :
             {replace_all(bytes, "\n", " \n"), replace_all(bytes, " ", "  "), replace_all(bytes, "  ", "\t"),
              replace_all(bytes, "\n", "\r\n"), replace_all(replace_all(bytes, "\n", "\n\n"), "{", "{ ")}) {
            CHECK(ecconf::test::format_property_failure(variant) == "");
            ++variants;
        }
        // Range edits at a few places: the result parses and keeps meaning and comments; an edit of a
        // formatted file is empty.
        const auto formatted = ecconf::format_source("t.conf", bytes).text;
        for (std::size_t step = 1; step <= 4; ++step) {
            const auto begin = static_cast<std::uint32_t>(bytes.size() * step / 5);
            const auto edited = apply_edit(bytes, range_edit(bytes, begin, begin + 7));
            CHECK(ecconf::format_source("t.conf", edited).formatted);
            CHECK(ecconf::test::comment_texts(edited) == ecconf::test::comment_texts(bytes));
            CHECK(ecconf::test::dump_without_positions(edited) == ecconf::test::dump_without_positions(bytes));
            const auto at = static_cast<std::uint32_t>(formatted.size() * step / 5);
            CHECK_FALSE(range_edit(formatted, at, at + 7).has_value());
            ++edits;
        }
    }
    CHECK(variants >= 1000);
    CHECK(edits >= 800);
}

TEST_CASE("fmt: the bundled example is in canonical form")
{
    const auto result = run_check("fmt --check testdata/example");
    CHECK(result.out == "");
    CHECK(result.exit_code == 0);
}

TEST_CASE("fmt: line endings, byte-order mark, final newline, empty files")
{
    CHECK(fmt("a=1\r\nS {\r\nb = 2 # c\r\n}\r\n") == "a = 1\r\nS {\r\n  b = 2 # c\r\n}\r\n");
    CHECK(fmt("\xEF\xBB\xBF"
              "a=1") == "\xEF\xBB\xBF"
                        "a = 1\n");
    CHECK(fmt("") == "");
    CHECK(fmt("\n\n  \t\n") == "");
    CHECK(fmt("# only\n\n\n") == "# only\n");
    CHECK(fmt("a = 1") == "a = 1\n");
    // A `#` comment that ends in a lone '\r' keeps it: "\r\n" follows it whatever the file uses.
    CHECK(fmt("a = 1 # x\r") == "a = 1 # x\r\r\n");
    CHECK(ecconf::test::format_property_failure("\n# x\r\r\n# y\r\r\n# z\r\r\na = 1\n") == "");
    // A multi-line string and a multi-line block comment are copied byte for byte.
    CHECK(fmt("q = \"select\n   x\"\n/* a\n     b */\n") == "q = \"select\n   x\"\n/* a\n     b */\n");
}

TEST_CASE("fmt: what is kept as written")
{
    CHECK(fmt("ESMTP_Listener = {\nx=1\n}\n") == "ESMTP_Listener = {\n  x = 1\n}\n");
    CHECK(fmt("map [ a = 1 ]\n") == "map [ a = 1 ]\n");
    CHECK(fmt("x = ( 'a' \"b\" c )\n") == "x = ( 'a' \"b\" c )\n");
    CHECK(fmt("Domain /^a(b|c)$/ { x = 1 }\n") == "Domain /^a(b|c)$/ {\n  x = 1\n}\n");
    CHECK(fmt("X_Y = 1\n") == "X_Y = 1\n");
    ecconf::format_options lower;
    lower.lowercase_keywords = true;
    CHECK(fmt("Security { User = \"ECUSER\" }\nInclude \"A.conf\"\n", lower) ==
          "security {\n  user = \"ECUSER\"\n}\ninclude \"A.conf\"\n");
    // Commas between items as written; one before the first item means nothing and goes.
    CHECK(fmt("x = ( , a , b c, )\n") == "x = ( a, b c, )\n");
}

TEST_CASE("fmt: lists and dictionaries break past the width or when they were broken")
{
    ecconf::format_options narrow;
    narrow.line_width = 22;
    CHECK(fmt("x = ( aaaa bbbb cccc )\n", narrow) == "x = ( aaaa bbbb cccc )\n");  // 22 columns: fits
    CHECK(fmt("xx = ( aaaa bbbb cccc )\n", narrow) == "xx = (\n  aaaa\n  bbbb\n  cccc\n)\n");
    CHECK(fmt("x = ( a\n b )\n") == "x = (\n  a\n  b\n)\n");
    CHECK(fmt("x = [ a = ( 1\n 2 ) ]\n") == "x = [\n  a = (\n    1\n    2\n  )\n]\n");
    // Width counts code points, not bytes.
    narrow.line_width = 13;  // 13 code points, 16 bytes
    CHECK(fmt("x = ( \"\xC3\xA9\xC3\xA9\xC3\xA9\" )\n", narrow) == "x = ( \"\xC3\xA9\xC3\xA9\xC3\xA9\" )\n");
    // Empty ones print as () and [] whatever their lines.
    CHECK(fmt("x = (\n)\ny = [\n\n]\n") == "x = ()\ny = []\n");
}

TEST_CASE("fmt: range formatting formats the statements that overlap the range, at their depth")
{
    const std::string text = "a   =   1\nS {\n      b=2\n   c   = 3\n}\nd=4\n";
    // The range on `b=2`: only that statement, indented at its depth.
    const auto b = static_cast<std::uint32_t>(text.find("b=2"));
    CHECK(apply_edit(text, range_edit(text, b, b + 1)) == "a   =   1\nS {\n  b = 2\n   c   = 3\n}\nd=4\n");
    // A cursor (empty range) in `d=4`.
    const auto d = static_cast<std::uint32_t>(text.find("d=4"));
    CHECK(apply_edit(text, range_edit(text, d + 1, d + 1)) == "a   =   1\nS {\n      b=2\n   c   = 3\n}\nd = 4\n");
    // Across the scope and `d`: both, whole.
    CHECK(apply_edit(text, range_edit(text, b, d + 1)) == "a   =   1\nS {\n  b = 2\n  c = 3\n}\nd = 4\n");
    // Statements sharing a line are formatted together; nothing to do gives no edit.
    const std::string shared = "x = 1\nS { p = 1 q = 2 }\n";
    const auto q = static_cast<std::uint32_t>(shared.find("q ="));
    CHECK(apply_edit(shared, range_edit(shared, q, q)) == "x = 1\nS {\n  p = 1\n  q = 2\n}\n");
    CHECK_FALSE(range_edit("x = 1\n", 0, 1).has_value());
    CHECK_FALSE(range_edit("x = 1\n\n\n", 7, 7).has_value());
}

TEST_CASE(".editorconfig: indent_size and max_line_length, nearest and last section winning, unset")
{
    const ecconf::test::temp_directory dir;
    dir.write(".editorconfig",
              "root = true\n[*]\nindent_size = 4\nmax_line_length = 80\n[sub/**.conf]\nindent_size = 3\n");
    dir.write("sub/deeper/.editorconfig", "[{x,y}.conf]\nmax_line_length = 50\n[y.conf]\nindent_size = unset\n");
    const auto top = ecconf::read_editorconfig(dir.path + "/a.conf");
    CHECK(top.indent_size == 4u);
    CHECK(top.max_line_length == 80u);
    const auto x = ecconf::read_editorconfig(dir.path + "/sub/deeper/x.conf");
    CHECK(x.indent_size == 3u);
    CHECK(x.max_line_length == 50u);
    const auto y = ecconf::read_editorconfig(dir.path + "/sub/deeper/y.conf");
    CHECK_FALSE(y.indent_size.has_value());
    CHECK(y.max_line_length == 50u);
    // The command takes them, and its options win over them.
    const auto file = dir.write("sub/deeper/x.conf", "S { a = ( 1 2 ) }\n");
    CHECK(run_check("fmt " + file).out == "S {\n   a = ( 1 2 )\n}\n");
    CHECK(run_check("fmt --indent 2 --line-width 10 " + file).out == "S {\n  a = (\n    1\n    2\n  )\n}\n");
}

TEST_CASE("fmt command: --check, --diff, --write, standard input, syntax errors, exit codes")
{
    const ecconf::test::temp_directory dir;
    const std::string messy = "a=1\nS {\nb = 2\n}\n";
    const std::string tidy = "a = 1\nS {\n  b = 2\n}\n";
    const auto changed = dir.write("d/changed.conf", messy);
    const auto clean = dir.write("d/clean.conf", tidy);
    dir.write("d/ignored.txt", messy);
    const auto broken = dir.write("broken.conf", "a = (\nS {\n");

    // Default: the text on standard output, nothing written.
    CHECK(run_check("fmt " + changed).out == tidy);
    CHECK(read_file(changed) == messy);

    // --check: the names of the files that would change; exit 1 if any.
    auto result = run_check("fmt --check " + dir.path + "/d");
    CHECK(result.out == changed + "\n");
    CHECK(result.exit_code == 1);
    result = run_check("fmt --check " + clean);
    CHECK(result.out == "");
    CHECK(result.exit_code == 0);

    // --diff: a unified diff; exit 1 when there is one.
    result = run_check("fmt --diff " + changed + " " + clean);
    CHECK(result.out ==
          "--- " + changed + "\n+++ " + changed + "\n@@ -1,4 +1,4 @@\n-a=1\n+a = 1\n S {\n-b = 2\n+  b = 2\n }\n");
    CHECK(result.exit_code == 1);
    CHECK(run_check("fmt --diff " + clean).exit_code == 0);

    // --write: only changed files rewritten, mode kept, atomically (a new inode); exit 0.
    ::chmod(changed.c_str(), 0640);
    struct stat before_clean {};
    ::stat(clean.c_str(), &before_clean);
    result = run_check("fmt -w " + dir.path + "/d");
    CHECK(result.exit_code == 0);
    CHECK(result.out == "");
    CHECK(read_file(changed) == tidy);
    CHECK(read_file(dir.path + "/d/ignored.txt") == messy);
    struct stat after {};
    ::stat(changed.c_str(), &after);
    CHECK((after.st_mode & 07777) == 0640);
    struct stat after_clean {};
    ::stat(clean.c_str(), &after_clean);
    CHECK(after_clean.st_ino == before_clean.st_ino);
    CHECK(after_clean.st_mtime == before_clean.st_mtime);
    CHECK(run_check("fmt --check " + dir.path + "/d").exit_code == 0);
    bool leftovers = false;
    for (const auto& entry : fs::directory_iterator(dir.path + "/d"))
        leftovers = leftovers || entry.path().filename().string().rfind(".ecconf-", 0) == 0;
    CHECK_FALSE(leftovers);

    // A symbolic link: its target is rewritten, the link stays.
    const auto target = dir.write("target.conf", messy);
    fs::create_symlink(target, dir.path + "/link.conf");
    CHECK(run_check("fmt -w " + dir.path + "/link.conf").exit_code == 0);
    CHECK(fs::is_symlink(dir.path + "/link.conf"));
    CHECK(read_file(target) == tidy);

    // Standard input to standard output (with -w too); --check names it '-'.
    result = run_command("printf 'a=1\\n' | " ECCONF_CHECK_BINARY " fmt -");
    CHECK(result.out == "a = 1\n");
    CHECK(result.exit_code == 0);
    result = run_command("printf 'a=1\\n' | " ECCONF_CHECK_BINARY " fmt -w -");
    CHECK(result.out == "a = 1\n");
    result = run_command("printf 'a=1\\n' | " ECCONF_CHECK_BINARY " fmt --check -");
    CHECK(result.out == "-\n");
    CHECK(result.exit_code == 1);
    result = run_command("printf 'a = 1\\n' | " ECCONF_CHECK_BINARY " fmt --check --stdin-filename x.conf -");
    CHECK(result.out == "");
    CHECK(result.exit_code == 0);

    // A syntax error: its diagnostics, exit 1, nothing printed or written (with --check and -w too).
    result = run_check("fmt " + broken, true);
    CHECK(result.out.find("broken.conf:2:3: error: expected a list item") != std::string::npos);
    CHECK(result.exit_code == 1);
    CHECK(run_check("fmt " + broken).out == "");
    CHECK(run_check("fmt --check " + broken).exit_code == 1);
    CHECK(run_check("fmt --check " + broken).out == "");
    CHECK(run_check("fmt -w " + broken).exit_code == 1);
    CHECK(read_file(broken) == "a = (\nS {\n");
    // Nested past --max-depth: not formatted either; larger than --max-file-size: unreadable.
    const auto deep = dir.write("deep.conf", "S { a = ( ( ( 1 ) ) ) }\n");
    result = run_check("fmt --max-depth 2 " + deep, true);
    CHECK(result.out.find("deep.conf:1:11: error: nesting deeper than 2 levels") != std::string::npos);
    CHECK(result.exit_code == 1);
    CHECK(run_check("fmt --max-file-size 10 " + deep).exit_code == 2);
    // Other files are still formatted; an unreadable one is exit 2.
    result = run_check("fmt -w " + broken + " " + changed);
    CHECK(result.exit_code == 1);
    CHECK(run_check("fmt " + dir.path + "/absent.conf").exit_code == 2);
    CHECK(run_check("fmt --check " + dir.path + "/absent.conf " + broken).exit_code == 2);
    // Usage errors.
    CHECK(run_check("fmt").exit_code == 3);
    CHECK(run_check("fmt --check -w " + clean).exit_code == 3);
    CHECK(run_check("fmt --keyword-case upper " + clean).exit_code == 3);
}
