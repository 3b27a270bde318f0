#pragma once
// The top rule: statements recovered one by one, so that one mistake does not hide the next.

#include <tao/pegtl/contrib/analyze_traits.hpp>

#include "statements.hpp"

namespace ecconf::grammar {

// clang-format off

// After a syntax error the parser state knows where the error stood; this rule skips to the
// first place after it where a statement can start again (end of line, '}' or end of file).
struct resume_after_error
{
   using rule_t = resume_after_error;
   using subs_t = empty_list;

   template< apply_mode, rewind_mode, template< typename... > class Action, template< typename... > class Control,
             typename ParseInput, typename State >
   static bool match( ParseInput& in, State& state )
   {
      in.bump( state.resume_point( in.current(), in.end() ) - in.current() );
      return true;
   }
};

// Thrown by the parser's raise(); caught per statement so that parsing resumes after the error.
struct statement_failed {};

struct recoverable_statement : sor< try_catch_type< statement_failed, must< statement > >, resume_after_error > {};
struct stray_close : one< '}' > {};
struct byte_order_mark : utf8::bom {};
struct config_file : seq< opt< byte_order_mark >, skip, star< not_at< eof >, sor< stray_close, recoverable_statement >, skip >, eof > {};

}  // namespace ecconf::grammar

template< typename Name >
struct tao::pegtl::analyze_traits< Name, ecconf::grammar::resume_after_error > : analyze_any_traits<> {};
// clang-format on
