// The one place that lists the output formats and dispatches to them.

#include <algorithm>

#include "ecconf/report.hpp"

namespace ecconf {

const std::vector<std::pair<std::string_view, output_format>>& output_formats()
{
    static const std::vector<std::pair<std::string_view, output_format>> formats{
        {"text", output_format::text},   {"gcc", output_format::gcc},       {"json", output_format::json},
        {"sarif", output_format::sarif}, {"github", output_format::github}, {"checkstyle", output_format::checkstyle}};
    return formats;
}

std::optional<output_format> output_format_named(std::string_view name)
{
    for (const auto& [known, format] : output_formats())
        if (known == name) return format;
    return std::nullopt;
}

std::string rule_doc_url(std::string_view base, std::string_view rule)
{
    return base.empty() ? std::string() : std::string(base) + std::string(rule) + ".md";
}

bool fix_is_shown(const fix& f, const secret_values& secrets)
{
    return std::all_of(f.edits.begin(), f.edits.end(),
                       [&](const text_edit& e) { return secrets.redact(e.text) == e.text; });
}

std::string node_suffix(const diagnostic& d) { return d.node.empty() ? std::string() : " (node " + d.node + ")"; }

std::string_view fix_flags(fix_safety safety) { return safety == fix_safety::safe ? "--fix" : "--fix --unsafe-fixes"; }

void write_report(std::ostream& out, const source_manager& sources, const diagnostic_sink& sink,
                  const report_options& options)
{
    diagnostic_sink limited;
    if (options.max_diagnostics < sink.size()) {
        limited = sink;
        limited.truncate(options.max_diagnostics);
    }
    const diagnostic_sink& shown = options.max_diagnostics < sink.size() ? limited : sink;
    switch (options.format) {
    case output_format::text: write_text_report(out, sources, shown, true, options.color, options.doc_url_base); break;
    case output_format::gcc: write_text_report(out, sources, shown, false, false); break;
    case output_format::json:
        write_json_report(out, sources, shown, sink, options.files_read, options.target_version);
        break;
    case output_format::sarif:
        write_sarif_report(out, sources, shown, options.target_version, options.doc_url_base,
                           options.suppressed ? *options.suppressed : std::vector<suppressed_finding>{});
        break;
    case output_format::github: write_github_report(out, sources, shown); break;
    case output_format::checkstyle: write_checkstyle_report(out, sources, shown); break;
    }
}

}  // namespace ecconf
