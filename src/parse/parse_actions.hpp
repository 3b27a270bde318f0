#pragma once
// Actions and control for the grammar: they feed parse_state and turn grammar error points into
// diagnostics. Only parser.cpp includes this header.

#include "../../grammar/error_messages.hpp"
#include "parse/parse_state.hpp"

namespace ecconf::parse_actions {

// clang-format off
namespace g = ecconf::grammar;
namespace pegtl = tao::pegtl;

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

// Every action needs only the matched range and the state; the macro spares twenty copies of that frame.
#define ECCONF_ACTION(RULE, BODY)                                                 \
    template <>                                                                   \
    struct action<RULE> {                                                         \
        template <typename ActionInput>                                           \
        static void apply(const ActionInput& in, parse_state& state)              \
        {                                                                         \
            [[maybe_unused]] const char* begin = in.begin();                      \
            [[maybe_unused]] const char* end = in.end();                          \
            BODY;                                                                 \
        }                                                                         \
    };

ECCONF_ACTION(g::keyword, state.set_keyword(begin, end))
ECCONF_ACTION(g::include_word, { state.set_keyword(begin, end); state.set_statement_kind(node_kind::include); })
ECCONF_ACTION(g::readonly_include_word, { state.set_keyword(begin, end); state.set_statement_kind(node_kind::include); state.set_readonly(); })
ECCONF_ACTION(g::include_path, state.take_scalar(begin, end))
ECCONF_ACTION(g::equals, { state.set_statement_kind(node_kind::option); state.token_end(end); })
ECCONF_ACTION(g::dictionary_equals, state.token_end(end))
ECCONF_ACTION(g::separator, state.token_end(end))
ECCONF_ACTION(g::instance, state.take_instance(begin, end))
ECCONF_ACTION(g::scope_open, state.open_scope(begin, end))
ECCONF_ACTION(g::scope_close, state.close_nesting())
ECCONF_ACTION(g::unclosed_at_eof, state.report_unclosed_scope())
ECCONF_ACTION(g::missing_close, state.close_missing_scope(begin))
ECCONF_ACTION(g::list_open, { state.open_nesting(begin); state.push_opener(begin); state.token_end(end); state.set_value_kind(node_kind::list); })
ECCONF_ACTION(g::list_close, { state.close_nesting(); state.pop_opener(); })
ECCONF_ACTION(g::dictionary_open, { state.open_nesting(begin); state.push_opener(begin); state.token_end(end); state.set_value_kind(node_kind::dictionary); })
ECCONF_ACTION(g::dictionary_close, { state.close_nesting(); state.pop_opener(); })
ECCONF_ACTION(g::dictionary_key, state.take_key(begin, end))
ECCONF_ACTION(g::quote_open, state.mark_quote(begin))
ECCONF_ACTION(g::single_quote_open, state.mark_quote(begin))
ECCONF_ACTION(g::string_body, state.set_scalar(quoting::double_quoted, begin, end))
ECCONF_ACTION(g::single_quote_body, state.set_scalar(quoting::single_quoted, begin, end))
ECCONF_ACTION(g::single_quoted_string, state.report_single_quoted(begin, end))
ECCONF_ACTION(g::typographic_double_body, state.set_scalar(quoting::double_quoted, begin, end))
ECCONF_ACTION(g::typographic_single_body, state.set_scalar(quoting::double_quoted, begin, end))
ECCONF_ACTION(g::typographic_string, state.report_typographic_quotes(begin, end))
ECCONF_ACTION(g::typographic_close, state.report_typographic_quotes(begin, end))
ECCONF_ACTION(g::bare_word, { state.set_scalar(quoting::bare, begin, end); state.report_typographic_quotes(begin, end); })
ECCONF_ACTION(g::bare_regex, state.set_scalar(quoting::bare, begin, end))
ECCONF_ACTION(g::block_comment_open, state.mark_comment(begin))
ECCONF_ACTION(g::line_comment, state.add_comment(begin, end, false))
ECCONF_ACTION(g::block_comment, state.add_comment(begin, end, true))
ECCONF_ACTION(g::stray_close, state.report(rules::unexpected_close, state.range(begin, end), "unexpected '}': no scope is open here"))
ECCONF_ACTION(g::byte_order_mark, state.set_bom())
#undef ECCONF_ACTION

/// Grammar error points become diagnostics.
template <typename Rule>
struct error_control : pegtl::normal<Rule> {
    template <typename Input>
    [[noreturn]] static void raise(const Input& in, parse_state& state)
    {
        constexpr const g::error_text& error = g::error_message<Rule>;
        static_assert(!error.text.empty(), "must<> on a rule without an error_message");
        state.raise_syntax_error({error.rule, error.text, error.anchor == g::error_anchor::quote_open,
                                  error.anchor == g::error_anchor::comment_open, error.opener_note},
                                 in.current(), in.end());
        throw g::statement_failed{};
    }
};

/// Statements and values get frames that commit on success; other rules need no hooks. Only the
/// statement has unwind(): PEGTL puts a guard around every rule whose control defines it.
template <typename Rule>
struct control : error_control<Rule> {};

template <>
struct control<g::statement> : error_control<g::statement> {
    template <typename Input>
    static void start(const Input& in, parse_state& state) { state.begin_statement(in.current()); }

    template <typename Input>
    static void success(const Input& in, parse_state& state) { state.commit_statement(in.current()); }

    template <typename Input>
    static void failure(const Input& /*in*/, parse_state& state) { state.abandon_statement(); }

    // Open values are dropped with their statement.
    template <typename Input>
    static void unwind(const Input& /*in*/, parse_state& state) { state.abandon_statement(); }
};

template <>
struct control<g::value> : error_control<g::value> {
    template <typename Input>
    static void start(const Input& in, parse_state& state) { state.begin_value(in.current()); }

    template <typename Input>
    static void success(const Input& in, parse_state& state) { state.commit_value(in.current()); }

    template <typename Input>
    static void failure(const Input& /*in*/, parse_state& state) { state.abandon_value(); }
};

// clang-format on

}  // namespace ecconf::parse_actions
