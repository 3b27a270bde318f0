#pragma once
// What every fuzz target checks of ecconf's outputs: each format is what it claims to be, whatever
// the input. A failed check aborts, so that libFuzzer keeps the input as a crash.

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "ecconf/check.hpp"
#include "ecconf/effective.hpp"
#include "ecconf/report.hpp"
#include "ecconf/schema.hpp"

namespace ecconf::fuzz {

[[noreturn]] inline void fail(const char* what, std::string_view output)
{
    std::fprintf(stderr, "oracle failed: %s\n--- output ---\n%.*s\n", what, static_cast<int>(output.size()),
                 output.data());
    std::abort();
}

inline void expect(bool holds, const char* what, std::string_view output)
{
    if (!holds) fail(what, output);
}

// JSON that nlohmann reads back (its writers replace invalid UTF-8).
inline void expect_json(const std::string& text, const char* what)
{
    expect(!nlohmann::json::parse(text, nullptr, false).is_discarded(), what, text);
}

// Text for people: no control character but the line breaks, which only the report writes.
inline void expect_printable(std::string_view text, const char* what)
{
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        expect(byte == '\n' || (byte >= 0x20 && byte != 0x7f), what, text);
    }
}

// Checkstyle is XML 1.0: no control character but tab and line breaks, and it opens and closes its root.
inline void expect_checkstyle(std::string_view text)
{
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        expect(byte >= 0x20 || byte == '\t' || byte == '\n' || byte == '\r',
               "checkstyle holds a character XML 1.0 forbids", text);
    }
    expect(text.find("<checkstyle") != std::string_view::npos && text.find("</checkstyle>") != std::string_view::npos,
           "checkstyle root element", text);
}

// The runner splits the output into lines: each one must be a whole workflow command.
inline void expect_github(std::string_view text)
{
    for (std::size_t start = 0; start < text.size();) {
        const auto end = text.find('\n', start);
        const auto line = text.substr(start, end - start);
        expect(line.rfind("::error ", 0) == 0 || line.rfind("::warning ", 0) == 0 || line.rfind("::notice ", 0) == 0 ||
                   line.rfind("::error::", 0) == 0 || line.rfind("::warning::", 0) == 0 ||
                   line.rfind("::notice::", 0) == 0,
               "github line that is not a workflow command", text);
        expect(line.find('\r') == std::string_view::npos, "github line with a carriage return", text);
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
}

template <class Write>
std::string written(Write write)
{
    std::ostringstream out;
    write(out);
    return out.str();
}

// Every output of a finished check: the six formats, a baseline round trip, dump, export and eval.
inline void check_outputs(check_result& result)
{
    const auto& sources = result.sources;
    const auto& sink = result.diagnostics;
    const auto report = [&](output_format format) {
        return written([&](std::ostream& out) {
            write_report(out, sources, sink, {format, false, result.files_read});
        });
    };
    expect_printable(report(output_format::text), "text report with a control character");
    expect_printable(report(output_format::gcc), "gcc report with a control character");
    expect_json(report(output_format::json), "json report is not JSON");
    expect_github(report(output_format::github));
    expect_checkstyle(report(output_format::checkstyle));
    if (sink.size() < 50)
        expect_json(report(output_format::sarif), "sarif report is not JSON");  // the whole catalogue: slow

    const auto baseline = written([&](std::ostream& out) { write_baseline(out, baseline_of(sources, sink)); });
    std::istringstream in(baseline);
    diagnostic_sink copy = sink;
    apply_baseline(sources, read_baseline(in), copy);
    for (const auto& d : copy.all())
        expect(!is_suppressible(d.rule), "a baseline of every finding leaves a suppressible one", baseline);

    const auto json = [](const nlohmann::ordered_json& j) {
        return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    };
    for (const auto& configuration : result.configurations)
        expect_json(json(dump_tree(configuration, sources)), "dump is not JSON");
    for (const auto& effective : result.effective) {
        for (const auto& options : {export_options{}, export_options{true, true, true}}) {
            const auto text =
                written([&](std::ostream& out) { write_export(out, effective, builtin_schema(), sources, options); });
            expect_json(text, "export is not JSON");
        }
        for (const auto& words : {std::vector<std::string>{"domain", "example.com", "max_outbound_connections"},
                                  std::vector<std::string>{"binding", "b", "domain", "a.example", "tls"},
                                  std::vector<std::string>{"esmtp_listener", "listen", "127.0.0.1:25", "peer",
                                                           "10.0.0.1", "max_recipients_per_message"}}) {
            const auto query = parse_scope_query(builtin_schema(), words);
            if (!query.error.empty()) continue;
            const auto r = resolve_option(effective, builtin_schema(), query.path, query.option);
            (void)json(resolved_value(r, sources, false));
            diagnostic_sink undecided;
            report_undecided(r, undecided);
        }
    }
    if (result.effective.size() == 2) {
        const auto changes =
            diff_configurations(result.effective[0], result.effective[1], builtin_schema(), sources.secrets());
        for (const auto& change : changes) {
            expect_printable(change_text(change, sources) + "\n", "diff line with a control character");
            expect_json(json(change_json(change, sources)), "diff change is not JSON");
        }
    }
}

}  // namespace ecconf::fuzz
