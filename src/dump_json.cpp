#include "ecconf/dump.hpp"

#include "text/redact.hpp"

namespace ecconf {
namespace {

using ordered = nlohmann::ordered_json;

std::string_view kind_name(statement_kind kind)
{
    switch (kind) {
    case statement_kind::option: return "option";
    case statement_kind::scope: return "scope";
    case statement_kind::include: return "include";
    }
    return "option";
}

ordered statements_to_json(const std::vector<statement>& statements, const source_manager& sources)
{
    ordered list = ordered::array();
    for (const auto& st : statements) {
        const auto begin = sources.begin_of(st.range);
        const auto end = sources.end_of(st.range);
        ordered entry{{"kind", kind_name(st.kind)}, {"keyword", st.keyword}, {"name", st.name}};
        if (st.kind == statement_kind::include) {
            entry["readonly"] = st.readonly_include;
            entry["path"] = st.content.text;
            ordered files = ordered::array();
            for (const auto id : sources.files_included_by(st.range, st.origin)) files.push_back(sources.file(id).path());
            entry["files"] = std::move(files);
        }
        if (st.has_instance) entry["instance"] = st.instance().text;
        // The tree is dumped without the schema: secret options are known here by their collected values.
        if (st.kind == statement_kind::option) entry["value"] = shown_value(value_to_json(st.content), nullptr, sources.secrets(), false);
        entry["file"] = sources.file(st.range.file).path();
        entry["line"] = begin.line;
        entry["column"] = begin.column;
        entry["end_line"] = end.line;
        entry["end_column"] = end.column;
        if (st.kind != statement_kind::option) entry["block"] = statements_to_json(st.body, sources);
        list.push_back(std::move(entry));
    }
    return list;
}

}  // namespace

ordered value_to_json(const value& v)
{
    switch (v.kind) {
    case value_kind::scalar: return v.text;
    case value_kind::list: {
        ordered items = ordered::array();
        for (const auto& item : v.items) items.push_back(value_to_json(item));
        return items;
    }
    case value_kind::dictionary: {
        ordered entries = ordered::object();
        for (const auto& [key, content] : entries_of(v)) entries[key.text] = value_to_json(content);
        return entries;
    }
    }
    return nullptr;
}

ordered dump_tree(const loaded_configuration& configuration, const source_manager& sources)
{
    return ordered{{"version", 1},
                   {"file", sources.file(configuration.main).path()},
                   {"statements", statements_to_json(configuration.statements, sources)}};
}

}  // namespace ecconf
