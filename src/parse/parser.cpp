#include "ecconf/syntax_tree.hpp"

#include "parse/parse_actions.hpp"
#include "parse/pegtl_input.hpp"
#include "text/utf8_check.hpp"

namespace ecconf {
namespace {

void run_grammar(parse_state& state, std::string_view bytes, const std::string& path)
{
    pegtl_input in(bytes.data(), bytes.data() + bytes.size(), path);
    try {
        tao::pegtl::parse<grammar::config_file, parse_actions::action, parse_actions::control>(in, state);
    }
    catch (const parse_aborted&) {
        // The limit is already reported; keep what was complete.
    }
    catch (const grammar::statement_failed&) {
        // Only an unterminated comment fails outside a statement; it runs to the end of the file.
    }
}

}  // namespace

syntax_tree parse_source(source_manager& sources, file_id file, diagnostic_sink& sink, const parse_limits& limits)
{
    const auto bytes = sources.file(file).bytes();
    const auto& path = sources.file(file).path();
    // The first pass reports into a sink of its own: a file with an unclosed scope is read again, with a
    // missing '}' recovered by indentation, and only the second pass's findings count.
    diagnostic_sink first_pass;
    parse_state state(sources, file, first_pass, limits);
    run_grammar(state, bytes, path);
    if (!state.found_unclosed_scope()) {
        first_pass.finalize();
        for (const auto& d : first_pass.all()) sink.add(d);
        report_invalid_utf8(bytes, file, sink);
        return state.finish();
    }
    parse_state again(sources, file, sink, limits);
    again.recover_by_indentation();
    run_grammar(again, bytes, path);
    report_invalid_utf8(bytes, file, sink);
    return again.finish();
}

}  // namespace ecconf
