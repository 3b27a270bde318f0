// Checkstyle XML, read by Jenkins (warnings-ng), GitLab converters and many review tools.

#include <algorithm>
#include <string>
#include <vector>

#include "ecconf/report.hpp"
#include "text/utf8_check.hpp"

namespace ecconf {
namespace {

// Checkstyle's severities are error, warning, info and ignore.
std::string_view severity_of(severity s)
{
    switch (s) {
    case severity::error: return "error";
    case severity::warning: return "warning";
    case severity::note: return "info";
    }
    return "error";
}

// An attribute value: markup characters as entities, line breaks and tabs as character references,
// other control bytes (not allowed in XML 1.0) and invalid UTF-8 as U+FFFD.
std::string escape_attribute(std::string_view text)
{
    std::string escaped;
    for (std::size_t p = 0; p < text.size();) {
        const char c = text[p];
        const std::size_t length = utf8_sequence_length(text.substr(p));
        if (length == 0) {
            escaped += "\xEF\xBF\xBD";
            ++p;
            continue;
        }
        switch (c) {
        case '&': escaped += "&amp;"; break;
        case '<': escaped += "&lt;"; break;
        case '>': escaped += "&gt;"; break;
        case '"': escaped += "&quot;"; break;
        case '\n': escaped += "&#10;"; break;
        case '\r': escaped += "&#13;"; break;
        case '\t': escaped += "&#9;"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) escaped += "\xEF\xBF\xBD";
            else
                escaped.append(text.substr(p, length));
        }
        p += length;
    }
    return escaped;
}

// Diagnostics without a file are listed under the program's name, as the text format does.
std::string file_name_of(const source_manager& sources, const diagnostic& d)
{
    return d.range.file == no_file ? "ecconf-check" : sources.file(d.range.file).path();
}

void write_error(std::ostream& out, const source_manager& sources, const diagnostic& d)
{
    std::string message = d.message + node_suffix(d);
    for (const auto& r : d.related) {
        message += r.range.file == no_file ? "\nnote: "
                                           : "\n" + sources.file(r.range.file).path() + ':' +
                                                 std::to_string(sources.begin_of(r.range).line) + ": note: ";
        message += r.message;
    }
    out << "    <error";
    if (d.range.file != no_file) {
        const auto at = sources.begin_of(d.range);
        out << " line=\"" << at.line << "\" column=\"" << at.column << '"';
    }
    out << " severity=\"" << severity_of(d.level) << "\" message=\"" << escape_attribute(message)
        << "\" source=\"ecconf." << escape_attribute(d.rule) << "\"/>\n";
}

}  // namespace

void write_checkstyle_report(std::ostream& out, const source_manager& sources, const diagnostic_sink& sink)
{
    std::vector<std::string> names;
    for (const auto& d : sink.all()) {
        const auto name = file_name_of(sources, d);
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
    for (const auto& name : names) {
        out << "  <file name=\"" << escape_attribute(name) << "\">\n";
        for (const auto& d : sink.all())
            if (file_name_of(sources, d) == name) write_error(out, sources, d);
        out << "  </file>\n";
    }
    out << "</checkstyle>\n";
}

}  // namespace ecconf
