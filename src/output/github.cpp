// GitHub Actions workflow commands: the runner turns each line into an annotation on the pull request.

#include <string>

#include "ecconf/report.hpp"
#include "text/printable.hpp"

namespace ecconf {
namespace {

std::string_view command_of(severity s)
{
    switch (s) {
    case severity::error: return "error";
    case severity::warning: return "warning";
    case severity::note: return "notice";
    }
    return "error";
}

// Escaping of a command's data (after `::`), as the runner's toolkit does it.
std::string escape_data(std::string_view text)
{
    std::string escaped;
    for (const char c : text) {
        if (c == '%') escaped += "%25";
        else if (c == '\r')
            escaped += "%0D";
        else if (c == '\n')
            escaped += "%0A";
        else
            escaped += c;
    }
    return escaped;
}

// A property value also may not hold the separators `:` and `,`.
std::string escape_property(std::string_view text)
{
    std::string escaped;
    for (const char c : escape_data(text)) {
        if (c == ':') escaped += "%3A";
        else if (c == ',')
            escaped += "%2C";
        else
            escaped += c;
    }
    return escaped;
}

std::string properties_of(const source_manager& sources, const diagnostic& d)
{
    std::string properties;
    if (d.range.file != no_file) {
        const auto begin = sources.begin_of(d.range);
        const auto end = sources.end_of(d.range);
        properties = "file=" + escape_property(printable(sources.file(d.range.file).path())) +
                     ",line=" + std::to_string(begin.line) + ",col=" + std::to_string(begin.column) +
                     ",endLine=" + std::to_string(end.line) + ",endColumn=" + std::to_string(end.column) + ",";
    }
    return properties + "title=" + escape_property(d.rule);
}

// The message, followed by one line per related location (an annotation has a single position).
// Control characters from the configuration are escaped: only these line breaks are the report's own.
std::string message_of(const source_manager& sources, const diagnostic& d)
{
    std::string message = printable(d.message + node_suffix(d));
    for (const auto& r : d.related) {
        message += '\n';
        if (r.range.file != no_file) {
            const auto at = sources.begin_of(r.range);
            message += printable(sources.file(r.range.file).path()) + ':' + std::to_string(at.line) + ':' +
                       std::to_string(at.column) + ": ";
        }
        message += "note: " + printable(r.message);
    }
    return message;
}

}  // namespace

void write_github_report(std::ostream& out, const source_manager& sources, const diagnostic_sink& sink)
{
    for (const auto& d : sink.all())
        out << "::" << command_of(d.level) << ' ' << properties_of(sources, d)
            << "::" << escape_data(message_of(sources, d)) << '\n';
}

}  // namespace ecconf
