#include <ostream>

#include "ecconf/effective.hpp"
#include "text/printable.hpp"

namespace ecconf {
namespace {

std::string where(const source_manager& sources, const statement_ref& st)
{
    const auto at = sources.begin_of(st.keyword_range());
    return printable(sources.file(st.keyword_range().file).path()) + ":" + std::to_string(at.line) + ":" +
           std::to_string(at.column);
}

}  // namespace

std::string printable_value(const nlohmann::ordered_json& value)
{
    return printable(value.is_string() ? value.get<std::string>()
                                       : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void write_resolution(std::ostream& out, const resolution& r, const source_manager& sources, bool show_secrets)
{
    for (std::size_t i = 0; i < r.steps.size(); ++i) {
        const auto& step = r.steps[i];
        const bool won = r.winner && *r.winner == i;
        out << (won ? "* " : "  ") << printable(step.scope) << ": ";
        if (step.undecided_regex)
            out << "undecided: " << printable(step.undecided_regex->instance) << " reached the regex match limit\n";
        else if (!step.node)
            out << "not declared\n";
        else if (!step.assignment)
            out << "not set\n";
        else {
            resolution single = r;
            single.winner = i;
            single.origin = value_origin::set;
            const char* why = r.origin == value_origin::undecided
                                  ? "  undecided: it applies only if the regex above does not"
                                  : "  ignored: a more specific scope sets it";
            out << printable_value(resolved_value(single, sources, show_secrets)) << "  ("
                << where(sources, step.assignment->winner) << ")" << (won ? "" : why) << '\n';
        }
    }
    if (r.origin == value_origin::undecided) return;  // no default can be said to apply
    const bool by_default = r.origin == value_origin::default_value;
    // Through resolved_value, so that the default of a secret option (an SNMP community) is redacted too.
    resolution fallback = r;
    fallback.winner.reset();
    fallback.origin = value_origin::default_value;
    out << (by_default ? "* " : "  ") << "default: "
        << (r.option && !r.option->default_value.is_null()
                ? printable_value(resolved_value(fallback, sources, show_secrets))
                : "none")
        << '\n';
}

}  // namespace ecconf
