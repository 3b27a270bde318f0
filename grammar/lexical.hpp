#pragma once
// Whitespace, comments, names and scalars of the Momentum configuration language.

#include <tao/pegtl.hpp>

namespace ecconf::grammar {

using namespace tao::pegtl;

// clang-format off
// Up to the end of the line, "\n" or "\r\n" (a lone '\r' belongs to the comment). Spelled out
// rather than until< at< eolf > >, which tests for an end of line before each byte.
struct line_comment_char : sor< not_one< '\r', '\n' >, seq< one< '\r' >, not_at< one< '\n' > > > > {};
struct line_comment : seq< one< '#' >, star< line_comment_char > > {};
struct block_comment_open : string< '/', '*' > {};
struct block_comment_rest : until< string< '*', '/' > > {};
struct block_comment : seq< block_comment_open, must< block_comment_rest > > {};
struct comment : sor< line_comment, block_comment > {};

struct blank : one< ' ', '\t', '\r', '\n', '\f', '\v' > {};
struct skip : star< sor< plus< blank >, comment > > {};

// Names: letters, digits, '_' and '-' (module options such as NAS-IP-Address). One ranges<> tests
// each byte (a last lone character stands for itself).
struct name_char : ranges< 'a', 'z', 'A', 'Z', '0', '9', '-', '-', '_' > {};
struct name_text : seq< ranges< 'a', 'z', 'A', 'Z', '_' >, star< name_char > > {};

// Bare words hold anything but blanks and the structural characters; '/*' opens a comment,
// while a single '/' stays in the word (paths, CIDRs, digest:///uri).
struct bare_char : seq< not_at< block_comment_open >,
                        not_one< ' ', '\t', '\r', '\n', '\f', '\v', '#', '"', '\'', '=', '{', '}', '[', ']', '(', ')', ',', '\0' > > {};
struct bare_word : plus< bare_char > {};
struct name_end : not_at< bare_char > {};

// The manual's typographic quotes (its conversion to Markdown made them): “…” and ‘…’ around a value, or
// "…” closed by one. Each is reported and read as the ASCII quote it stands for.
struct typographic_double : utf8::one< 0x201C, 0x201D > {};
struct typographic_single : utf8::one< 0x2018, 0x2019 > {};
struct blanks : star< one< ' ', '\t' > > {};
// A '”' ends a "..." string only where a value may end: before ')', ',', ']', '{', '}', a comment or the end of
// the line, or before the next '"' after a blank ("throttle” "down"). '"“hi”"' keeps it as text.
struct value_follows : sor< seq< blanks, sor< one< ')', ',', ']', '{', '}', '#', '\r', '\n' >, eof > >,
                            seq< plus< one< ' ', '\t' > >, one< '"' > > > {};
struct typographic_close : seq< typographic_double, at< value_follows > > {};

// "...": \" and \\ are escapes, any other backslash is literal. A string may continue on the next
// lines: the auth_ds pages write an SQL query that way (docs/language.md).
struct quote_open : one< '"' > {};
struct escaped_char : seq< one< '\\' >, one< '"', '\\' > > {};
struct plain_char : seq< not_at< typographic_close >, not_one< '"', '\0' > > {};
struct string_body : star< sor< escaped_char, plain_char > > {};
struct quote_close : sor< one< '"' >, typographic_close > {};
struct quoted_string : seq< quote_open, string_body, must< quote_close > > {};

// '...': accepted without escapes, with a warning that Momentum may not accept it.
struct single_quote_open : one< '\'' > {};
struct single_quote_body : star< not_one< '\'', '\r', '\n', '\0' > > {};
struct single_quote_close : one< '\'' > {};
struct single_quoted_string : seq< single_quote_open, single_quote_body, must< single_quote_close > > {};

// “...” and ‘...’ (or closed by the ASCII quote) on one line; unclosed, the word is a bare word.
template< typename Quote, char Ascii >
struct typographic_body_t : star< not_at< sor< Quote, one< Ascii > > >, not_one< '\r', '\n', '\0' > > {};
struct typographic_double_body : typographic_body_t< typographic_double, '"' > {};
struct typographic_single_body : typographic_body_t< typographic_single, '\'' > {};
struct typographic_string : sor< seq< typographic_double, typographic_double_body, sor< typographic_double, one< '"' > > >,
                                 seq< typographic_single, typographic_single_body, sor< typographic_single, one< '\'' > > > > {};

struct scalar : sor< quoted_string, single_quoted_string, typographic_string, bare_word > {};
// clang-format on

}  // namespace ecconf::grammar
