// Invalid UTF-8: one warning per line at the exact byte, never a crash, and valid JSON output.

#include <doctest/doctest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "ecconf/check.hpp"
#include "ecconf/report.hpp"
#include "text/utf8_check.hpp"

using namespace ecconf;

namespace {

std::unique_ptr<check_result> check_text(const std::string& text)
{
    memory_file_system files;
    files.add("/c/ecelerity.conf", text);
    check_options options;
    options.load.search_path = {"/c"};
    return check_files({"/c/ecelerity.conf"}, files, options);
}

std::string gcc_report(const std::string& text)
{
    const auto result = check_text(text);
    std::ostringstream out;
    write_report(out, result->sources, result->diagnostics, {output_format::gcc});
    return out.str();
}

}  // namespace

TEST_CASE("utf8_sequence_length: valid sequences and every kind of invalid one")
{
    CHECK(utf8_sequence_length("a") == 1);
    CHECK(utf8_sequence_length("\xC3\xA9") == 2);
    CHECK(utf8_sequence_length("\xE2\x82\xAC") == 3);
    CHECK(utf8_sequence_length("\xF0\x9F\x98\x80") == 4);
    CHECK(utf8_sequence_length("\xEF\xBB\xBF") == 3);      // the byte order mark
    CHECK(utf8_sequence_length("\xE9") == 0);              // Latin-1 e acute
    CHECK(utf8_sequence_length("\x80") == 0);              // lone continuation byte
    CHECK(utf8_sequence_length("\xC0\xAF") == 0);          // overlong '/'
    CHECK(utf8_sequence_length("\xE0\x80\xAF") == 0);      // overlong
    CHECK(utf8_sequence_length("\xED\xA0\x80") == 0);      // surrogate
    CHECK(utf8_sequence_length("\xF4\x90\x80\x80") == 0);  // above U+10FFFF
    CHECK(utf8_sequence_length("\xF5\x80\x80\x80") == 0);
    CHECK(utf8_sequence_length("\xE2\x82") == 0);  // truncated at the end
    CHECK(utf8_sequence_length("\xE2\x82x") == 0);
}

TEST_CASE("invalid UTF-8 in a comment and in a string: a warning at the exact byte, one per line")
{
    const std::string text = "# Caf\xE9 relay \xE9\xE9\n"
                             "# valid: caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\n"
                             "bounce_suppress_list = \"b\xFF"
                             "c@example.com\" # \xE9\n"
                             "/* \xC0\xAF */\n";
    CHECK(
        gcc_report(text) ==
        "/c/ecelerity.conf:1:6: warning: invalid UTF-8: byte 0xe9 does not start a valid UTF-8 sequence (save the file as UTF-8) [invalid-utf8]\n"
        "/c/ecelerity.conf:3:26: warning: invalid UTF-8: byte 0xff does not start a valid UTF-8 sequence (save the file as UTF-8) [invalid-utf8]\n"
        "/c/ecelerity.conf:4:4: warning: invalid UTF-8: byte 0xc0 does not start a valid UTF-8 sequence (save the file as UTF-8) [invalid-utf8]\n");
}

TEST_CASE("a byte past long ASCII runs and at the very end of the file")
{
    const std::string text = "# " + std::string(61, 'x') + "\x80\nmax_outbound_connections = 5\n# \xE2\x82";
    CHECK(
        gcc_report(text) ==
        "/c/ecelerity.conf:1:64: warning: invalid UTF-8: byte 0x80 does not start a valid UTF-8 sequence (save the file as UTF-8) [invalid-utf8]\n"
        "/c/ecelerity.conf:3:3: warning: invalid UTF-8: byte 0xe2 does not start a valid UTF-8 sequence (save the file as UTF-8) [invalid-utf8]\n");
}

TEST_CASE("JSON, SARIF and the dump stay valid JSON with invalid bytes in messages, excerpts and values")
{
    std::string text = "hostname = \"\xFF\xFE\"\nmax_outbound_connections \xE9\xE9 = 5\n\xC3 = 1\n";
    const auto result = check_text(text);
    REQUIRE(result->diagnostics.size() >= 3);
    for (const auto format : {output_format::json, output_format::sarif}) {
        std::ostringstream out;
        write_report(out, result->sources, result->diagnostics, {format});
        CHECK(nlohmann::json::accept(out.str()));
    }
    std::ostringstream text_out;
    write_text_report(text_out, result->sources, result->diagnostics, true, false);
    CHECK(text_out.str().find("[invalid-utf8]") != std::string::npos);
}

TEST_CASE("random high bytes never crash and give at most one warning per line")
{
    std::string text;
    for (int line = 0; line < 200; ++line) {
        for (int i = 0; i < 30; ++i) text += static_cast<char>(0x80 + ((line * 31 + i * 7) % 128));
        text += '\n';
    }
    const auto result = check_text("# " + text);
    std::size_t warnings = 0;
    for (const auto& d : result->diagnostics.all()) warnings += d.rule == "invalid-utf8";
    CHECK(warnings <= 201);
    CHECK(warnings >= 100);
}
