#pragma once
// Statements: `name = value`, `name [ dictionary ]`, `keyword [instance] { body }`, include directives.

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
struct dictionary_tail : seq< at< dictionary_open >, value > {};  // `map [ ... ]`: the '=' is optional

struct scope_open : one< '{' > {};
struct scope_close : one< '}' > {};
struct unclosed_at_eof : eof {};
struct scope_body : star< skip, not_at< sor< scope_close, eof > >, recoverable_statement > {};
struct scope_end : sor< scope_close, unclosed_at_eof > {};
struct scope_tail : seq< scope_open, scope_body, skip, scope_end > {};

struct instance : scalar {};
struct named_scope_tail : seq< instance, skip, must< scope_open >, scope_body, skip, scope_end > {};

struct statement_tail : sor< option_tail, dictionary_tail, scope_tail, named_scope_tail > {};
struct keyword_statement : seq< keyword, skip, must< statement_tail > > {};
struct statement : sor< include_directive, keyword_statement > {};
// clang-format on

}  // namespace ecconf::grammar
