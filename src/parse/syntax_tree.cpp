#include "ecconf/syntax_tree.hpp"

#include <algorithm>

namespace ecconf {

void name_table::seed(const std::vector<std::string>& names)
{
    if (!names_.empty()) return;
    for (const auto& name : names) static_cast<void>(intern(name));
    if (names_.size() == names.size()) seed_ = &names;  // a list with repeats gives no usable ids
}

name_id name_table::intern(std::string_view lowercase)
{
    if (const auto found = ids_.find(lowercase); found != ids_.end()) return found->second;
    const auto id = static_cast<name_id>(names_.size());
    ids_.emplace(names_.emplace_back(lowercase), id);
    return id;
}

std::string_view syntax_tree::text_of(node_id scalar) const
{
    const auto& n = nodes_[scalar];
    if (n.data != no_text) return texts_[n.data];
    const std::uint32_t quote_size = n.quote == quoting::bare ? 0 : 1;
    return bytes(n.begin + quote_size, n.end - quote_size);
}

statement_comments comments_of(const syntax_tree& tree, node_id statement, std::uint32_t previous_end)
{
    const auto& comments = tree.comments();
    const auto& st = tree.at(statement);
    const auto first_at_or_after = [&](std::uint32_t offset) {
        return static_cast<std::uint32_t>(
            std::lower_bound(comments.begin(), comments.end(), offset,
                             [](const comment& c, std::uint32_t at) { return c.range.begin < at; }) -
            comments.begin());
    };
    const auto on_line_of = [&](std::uint32_t offset, const comment& c) {
        return tree.bytes(offset, c.range.begin).find('\n') == std::string_view::npos;
    };
    statement_comments found;
    found.before_first = first_at_or_after(previous_end);
    // Comments on the line where the previous statement ends are its own.
    if (previous_end > 0)
        while (found.before_first < comments.size() && comments[found.before_first].range.begin < st.begin &&
               on_line_of(previous_end, comments[found.before_first]))
            ++found.before_first;
    found.before_end = found.inside_first = first_at_or_after(st.begin);
    found.inside_end = found.after_first = found.after_end = first_at_or_after(st.end);
    while (found.after_end < comments.size() && on_line_of(st.end, comments[found.after_end])) ++found.after_end;
    const auto gap_start =
        found.before_end > found.before_first ? comments[found.before_end - 1].range.end : previous_end;
    const auto gap = tree.bytes(gap_start, st.begin);
    const auto line_breaks = static_cast<std::uint32_t>(std::count(gap.begin(), gap.end(), '\n'));
    found.blank_lines_before = line_breaks > 1 ? line_breaks - 1 : 0;
    return found;
}

}  // namespace ecconf
