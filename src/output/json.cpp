#include <nlohmann/json.hpp>

#include "ecconf/report.hpp"

namespace ecconf {
namespace {

using ordered = nlohmann::ordered_json;

void add_location(ordered& into, const source_manager& sources, const source_range& range)
{
    if (range.file == no_file) return;
    const auto begin = sources.begin_of(range);
    const auto end = sources.end_of(range);
    into["file"] = sources.file(range.file).path();
    into["line"] = begin.line;
    into["column"] = begin.column;
    into["end_line"] = end.line;
    into["end_column"] = end.column;
}

// The fix --fix would apply: how freely, what it does, and each edit's range with its new text.
ordered fix_json(const source_manager& sources, const fix& f)
{
    ordered edits = ordered::array();
    for (const auto& e : f.edits) {
        ordered edit;
        add_location(edit, sources, source_range{f.file, e.begin, e.end});
        edit["new_text"] = e.text;
        edits.push_back(std::move(edit));
    }
    return ordered{{"applicability", to_string(f.safety)}, {"description", f.description}, {"edits", std::move(edits)}};
}

}  // namespace

ordered diagnostics_json(const source_manager& sources, const diagnostic_sink& sink)
{
    ordered diagnostics = ordered::array();
    for (const auto& d : sink.all()) {
        ordered entry{{"severity", to_string(d.level)}, {"rule", d.rule}};
        if (!d.node.empty()) entry["node"] = d.node;
        add_location(entry, sources, d.range);
        entry["message"] = d.message;
        ordered related = ordered::array();
        for (const auto& r : d.related) {
            ordered item;
            add_location(item, sources, r.range);
            item["message"] = r.message;
            related.push_back(std::move(item));
        }
        entry["related"] = std::move(related);
        if (!d.fixes.empty() && fix_is_shown(d.fixes.front(), sources.secrets()))
            entry["fix"] = fix_json(sources, d.fixes.front());
        diagnostics.push_back(std::move(entry));
    }
    return diagnostics;
}

void write_json_report(std::ostream& out, const source_manager& sources, const diagnostic_sink& sink,
                       std::size_t files_read)
{
    write_json_report(out, sources, sink, sink, files_read, "");
}

void write_json_report(std::ostream& out, const source_manager& sources, const diagnostic_sink& shown,
                       const diagnostic_sink& totals, std::size_t files_read, const std::string& target_version)
{
    ordered report{{"version", 1},
                   {"diagnostics", diagnostics_json(sources, shown)},
                   {"summary",
                    {{"errors", totals.count(severity::error)},
                     {"warnings", totals.count(severity::warning)},
                     {"notes", totals.count(severity::note)},
                     {"files", files_read}}}};
    if (!target_version.empty()) report["target_version"] = target_version;
    // Invalid UTF-8 from the input is replaced, so the output always stays valid JSON.
    out << report.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace ecconf
