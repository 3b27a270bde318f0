#pragma once
// Statements: `name = value`, `name [ dictionary ]`, `keyword [instance] { body }`, include directives.

#include <tao/pegtl/contrib/analyze_traits.hpp>

#include "values.hpp"

namespace ecconf::grammar {

// clang-format off
struct statement;
struct recoverable_statement;

struct keyword : seq< name_text, must< name_end > > {};

struct include_word : seq< istring< 'i', 'n', 'c', 'l', 'u', 'd', 'e' >, not_at< name_char > > {};
struct readonly_include_word
   : seq< istring< 'r', 'e', 'a', 'd', 'o', 'n', 'l', 'y', '_', 'i', 'n', 'c', 'l', 'u', 'd', 'e' >, not_at< name_char > > {};
struct include_path : scalar {};
struct include_directive : seq< sor< readonly_include_word, include_word >, skip, must< include_path > > {};

struct equals : one< '=' > {};
struct option_tail : seq< equals, skip, must< value > > {};
// `ESMTP_Listener = { ... }`: an '=' before a scope's '{' is accepted, as three manual pages write it
// (docs/language.md). at<> runs no actions, so the comments it skips are recorded once, below.
struct scope_equals : seq< one< '=' >, at< skip, one< '{' > > > {};
struct dictionary_tail : seq< at< dictionary_open >, value > {};  // `map [ ... ]`: the '=' is optional

struct scope_open : one< '{' > {};
struct scope_close : one< '}' > {};
struct unclosed_at_eof : eof {};
// clang-format on
// A '}' that was never written: matches, consuming nothing, where the parse state says the open scope
// ends (the recovery of a missing '}' by indentation, in a second pass over a file with an unclosed
// scope). Without a state (the grammar tests) it never matches.
struct missing_close {
    using rule_t = missing_close;
    using subs_t = type_list<>;
    template <apply_mode, rewind_mode, template <typename...> class Action, template <typename...> class Control,
              typename ParseInput, typename... States>
    static bool match(ParseInput& in, States&... states)
    {
        if constexpr (sizeof...(States) == 0) return false;
        else
            return (states.scope_ends_here(in.current(), in.end()) && ...);
    }
};
// clang-format off
struct scope_body : star< skip, not_at< sor< missing_close, scope_close, eof > >, recoverable_statement > {};
struct scope_end : sor< missing_close, scope_close, unclosed_at_eof > {};
struct scope_tail : seq< scope_open, scope_body, skip, scope_end > {};

// A bare /regex/ instance may hold '(' and ')' (Momentum 3's match_cache_size page writes
// `Domain /yahoo\.co(m|\.uk)$/ {`): it runs to the next unescaped '/' on its line, then '{' must follow.
struct regex_char : sor< seq< one< '\\' >, not_one< '\r', '\n', '\0' > >,
                         not_one< '/', '\\', ' ', '\t', '\r', '\n', '\f', '\v', '"', '#', '\0' > > {};
struct bare_regex : seq< one< '/' >, plus< regex_char >, one< '/' >, at< skip, scope_open > > {};
struct instance : sor< bare_regex, scalar > {};
struct named_scope_tail : seq< instance, skip, must< scope_open >, scope_body, skip, scope_end > {};

struct statement_tail : sor< seq< scope_equals, skip, scope_tail >, option_tail, dictionary_tail, scope_tail, named_scope_tail > {};
struct keyword_statement : seq< keyword, skip, must< statement_tail > > {};
struct statement : sor< include_directive, keyword_statement > {};
// clang-format on

}  // namespace ecconf::grammar

// For the grammar's analysis: missing_close may succeed without consuming input, like opt<>.
template <typename Name>
struct tao::pegtl::analyze_traits<Name, ecconf::grammar::missing_close> : analyze_opt_traits<> {};
