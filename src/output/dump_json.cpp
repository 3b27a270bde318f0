#include "ecconf/effective.hpp"

#include "load/walk.hpp"
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

// The statements as written, in order, each scope and include with the block it holds: a stack of
// blocks, one per scope or include being walked.
class dumper : public walk_visitor {
public:
    dumper(const loaded_configuration& configuration, const source_manager& sources)
        : configuration_(configuration), sources_(sources)
    {
        blocks_.emplace_back(ordered::array());
    }

    ordered take() { return std::move(blocks_.front()); }

private:
    void option(const walk_step& step) override { blocks_.back().push_back(statement(step.st)); }
    void include(const walk_step& /*step*/) override { blocks_.emplace_back(ordered::array()); }
    void after_include(const walk_step& step) override { close_block(step.st); }
    bool enter(const walk_step& /*step*/, const scope_def*& /*body_scope*/) override
    {
        blocks_.emplace_back(ordered::array());
        return true;
    }
    // Past --max-depth through included files, a body is not read (the loader reported it): its block is empty.
    void leave(const walk_step& step) override { close_block(step.st); }

    void close_block(const statement_ref& st)
    {
        auto entry = statement(st);
        entry["block"] = std::move(blocks_.back());
        blocks_.pop_back();
        blocks_.back().push_back(std::move(entry));
    }

    ordered statement(const statement_ref& st) const
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
        return entry;
    }

    const loaded_configuration& configuration_;
    const source_manager& sources_;
    std::vector<ordered> blocks_;  ///< the blocks being filled, innermost last
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
    dumper tree(configuration, sources);
    walk_configuration(configuration, builtin_schema(), tree);
    return ordered{{"version", 1}, {"file", sources.file(configuration.main).path()}, {"statements", tree.take()}};
}

}  // namespace ecconf
