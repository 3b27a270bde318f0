#include <algorithm>
#include <string>

#include "ecconf/report.hpp"
#include "text/printable.hpp"
#include "text/utf8_check.hpp"

namespace ecconf {
namespace {

constexpr std::size_t excerpt_width = 100;  // code points shown around the caret of a long line
constexpr std::size_t excerpt_lead = 40;    // of which before the caret

struct palette {
    bool on;
    [[nodiscard]] std::string paint(std::string_view text, std::string_view code) const
    {
        return on ? "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m" : std::string(text);
    }
};

std::string_view severity_color(severity s)
{
    switch (s) {
    case severity::error: return "1;31";
    case severity::warning: return "1;35";
    case severity::note: return "1;36";
    }
    return "1";
}

// The printable cell of each code point (an invalid byte is one) in columns [from, to) of a line, so
// that the caret lines up with columns: a tab shows as a space, other control characters and invalid
// bytes as `?`. Only the window is decoded into cells; `more` tells whether the line goes on past it.
std::vector<std::string> cells_of(std::string_view line, std::size_t from, std::size_t to, bool& more)
{
    std::vector<std::string> cells;
    std::size_t column = 0, p = 0;
    for (; p < line.size() && column < to; ++column) {
        const auto length = utf8_sequence_length(line.substr(p));
        const auto sequence = line.substr(p, std::max<std::size_t>(length, 1));
        p += sequence.size();
        if (column < from) continue;
        if (sequence == "\t") cells.emplace_back(" ");
        else if (length == 0 || is_control_sequence(sequence))
            cells.emplace_back("?");
        else
            cells.emplace_back(sequence);
    }
    more = p < line.size();
    return cells;
}

void write_excerpt(std::ostream& out, const source_manager& sources, const diagnostic& d, const palette& colors)
{
    const auto& file = sources.file(d.range.file);
    const auto begin = file.locate(d.range.begin);
    const auto end = sources.end_of(d.range);
    const auto line = sources.secrets().redact(file.line_text(begin.line));
    const std::size_t first = begin.column - 1;
    bool long_line = false;
    (void)cells_of(line, 0, excerpt_width, long_line);  // a line that fits is shown whole
    const std::size_t from = long_line && first > excerpt_lead ? first - excerpt_lead : 0;
    bool more = false;
    const auto cells = cells_of(line, from, from + excerpt_width, more);
    const std::size_t to = from + cells.size();
    const std::size_t last = std::max(first + 1, end.line == begin.line ? std::size_t(end.column - 1) : to);
    const std::string number = std::to_string(begin.line);
    const std::string gutter(number.size(), ' ');
    std::string text = from > 0 ? "..." : "";
    std::string marks(from > 0 ? 3 : 0, ' ');
    for (const auto& cell : cells) text += cell;
    if (more) text += "...";
    for (std::size_t i = from; i < std::min(last, std::max(to, first + 1)); ++i)
        marks += i < first ? ' ' : i == first ? '^' : '~';
    out << ' ' << number << " | " << text << '\n' << ' ' << gutter << " | " << colors.paint(marks, "1;32") << '\n';
}

std::string location_of(const source_manager& sources, const source_range& range)
{
    if (range.file == no_file) return "ecconf-check";
    const auto at = sources.begin_of(range);
    return printable(sources.file(range.file).path()) + ':' + std::to_string(at.line) + ':' + std::to_string(at.column);
}

}  // namespace

void write_text_report(std::ostream& out, const source_manager& sources, const diagnostic_sink& sink, bool excerpts,
                       bool color, std::string_view doc_url_base)
{
    const palette colors{color};
    for (const auto& d : sink.all()) {
        out << colors.paint(location_of(sources, d.range) + ":", "1") << ' '
            << colors.paint(std::string(to_string(d.level)) + ":", severity_color(d.level)) << ' '
            << printable(d.message) << " [" << d.rule << "]" << printable(node_suffix(d)) << "\n";
        if (excerpts && d.range.file != no_file && !sources.file(d.range.file).bytes().empty())
            write_excerpt(out, sources, d, colors);
        // gcc's own format has note: lines too: editors and CI annotators list them under the finding.
        for (const auto& r : d.related) {
            out << colors.paint(location_of(sources, r.range) + ":", "1") << ' '
                << colors.paint("note:", severity_color(severity::note)) << ' ' << printable(r.message) << '\n';
        }
        if (excerpts && !d.fixes.empty())
            out << "  fix: " << printable(sources.secrets().redact(d.fixes.front().description)) << " ("
                << fix_flags(d.fixes.front().safety) << ")\n";
        if (!doc_url_base.empty()) out << "  see " << printable(rule_doc_url(doc_url_base, d.rule)) << '\n';
    }
}

}  // namespace ecconf
