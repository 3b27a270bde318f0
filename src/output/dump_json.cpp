#include "ecconf/effective.hpp"

#include "text/redact.hpp"

namespace ecconf {
namespace {

using ordered = nlohmann::ordered_json;

std::string_view kind_name(node_kind kind)
{
    switch (kind) {
    case node_kind::scope: return "scope";
    case node_kind::include: return "include";
    default: return "option";
    }
}

class dumper {
public:
    dumper(const loaded_configuration& configuration, const source_manager& sources)
        : configuration_(configuration), sources_(sources)
    {}

    ordered statements(child_range<statement_ref> body, std::uint32_t depth) const
    {
        ordered list = ordered::array();
        for (const auto st : body) list.push_back(statement(st, depth));
        return list;
    }

private:
    ordered statement(const statement_ref& st, std::uint32_t depth) const
    {
        const auto begin = sources_.begin_of(st.range());
        const auto end = sources_.end_of(st.range());
        ordered entry{{"kind", kind_name(st.kind())}, {"keyword", st.keyword()}, {"name", st.name()}};
        if (st.is_include()) {
            entry["readonly"] = st.readonly();
            entry["path"] = st.path().text();
            ordered files = ordered::array();
            for (const auto& included : configuration_.inclusions_of(st))
                files.push_back(sources_.file(included.file).path());
            entry["files"] = std::move(files);
        }
        if (st.has_instance()) entry["instance"] = st.instance().text();
        // The tree is dumped without the schema: secret options are known here by their collected values.
        if (st.is_option()) entry["value"] = shown_value(value_to_json(st.value()), nullptr, sources_.secrets(), false);
        entry["file"] = sources_.file(st.file()).path();
        entry["line"] = begin.line;
        entry["column"] = begin.column;
        entry["end_line"] = end.line;
        entry["end_column"] = end.column;
        if (st.is_include()) {
            ordered block = ordered::array();
            for (const auto& body : configuration_.brought_in(st))
                for (auto& item : statements(body, depth)) block.push_back(std::move(item));
            entry["block"] = std::move(block);
        }
        // Past --max-depth through included files, a body is not read (the loader reported it).
        if (st.is_scope())
            entry["block"] =
                depth < configuration_.max_scope_depth ? statements(st.body(), depth + 1) : ordered::array();
        return entry;
    }

    const loaded_configuration& configuration_;
    const source_manager& sources_;
};

}  // namespace

ordered value_to_json(const value_ref& v)
{
    if (v.is_list()) {
        ordered items = ordered::array();
        for (const auto item : v.items()) items.push_back(value_to_json(item));
        return items;
    }
    if (v.is_dictionary()) {
        ordered entries = ordered::object();
        for (const auto entry : v.entries()) entries[std::string(entry.key.text())] = value_to_json(entry.value);
        return entries;
    }
    return v.text();
}

ordered dump_tree(const loaded_configuration& configuration, const source_manager& sources)
{
    return ordered{{"version", 1},
                   {"file", sources.file(configuration.main).path()},
                   {"statements", dumper(configuration, sources).statements(configuration.statements(), 0)}};
}

}  // namespace ecconf
