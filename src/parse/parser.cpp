#include "ecconf/syntax_tree.hpp"

#include "parse/parse_actions.hpp"
#include "parse/pegtl_input.hpp"
#include "text/utf8_check.hpp"

namespace ecconf {
syntax_tree parse_source(source_manager& sources, file_id file, diagnostic_sink& sink, const parse_limits& limits)
{
    const auto bytes = sources.file(file).bytes();
    parse_state state(sources, file, sink, limits);
    pegtl_input in(bytes.data(), bytes.data() + bytes.size(), sources.file(file).path());
    try {
        tao::pegtl::parse<grammar::config_file, parse_actions::action, parse_actions::control>(in, state);
    }
    catch (const parse_aborted&) {
        // The limit is already reported; keep what was complete.
    }
    catch (const grammar::statement_failed&) {
        // Only an unterminated comment fails outside a statement; it runs to the end of the file.
    }
    report_invalid_utf8(bytes, file, sink);
    return state.finish();
}

}  // namespace ecconf
