#pragma once
// What each error point of the grammar reports: rule id, message and where the diagnostic points.
// `{saw}` is replaced by a description of the input at the error, `{keyword}` by the statement's keyword.

#include <string_view>

#include "config_file.hpp"
#include "ecconf/rule_ids.hpp"

namespace ecconf::grammar {

// clang-format off
enum class error_anchor { current, quote_open, comment_open };

struct error_text {
   rule_ref rule;
   std::string_view text;
   error_anchor anchor = error_anchor::current;
   std::string_view opener_note = {};  // related note at the innermost open '(' or '['
};

// Only the rules below may stand in must<>: the parser's raise() fails to compile for any other.
template< typename Rule > inline constexpr error_text error_message{ rules::syntax_error, {} };

template<> inline constexpr error_text error_message< statement >{ rules::syntax_error, "expected an option, a scope or an include directive, saw {saw}" };
template<> inline constexpr error_text error_message< name_end >{ rules::syntax_error, "invalid name: option and scope names hold only letters, digits, '_' and '-', saw {saw}" };
template<> inline constexpr error_text error_message< statement_tail >{ rules::syntax_error, "expected '=', '{' or an instance name after '{keyword}', saw {saw}" };
template<> inline constexpr error_text error_message< scope_open >{ rules::syntax_error, "expected '{' after '{keyword} {instance}', saw {saw} (for an option write '{keyword} = {instance}')" };
template<> inline constexpr error_text error_message< include_path >{ rules::syntax_error, "expected a file or directory path after '{keyword}', saw {saw}" };
template<> inline constexpr error_text error_message< value >{ rules::syntax_error, "expected a value after '=', saw {saw}" };
template<> inline constexpr error_text error_message< list_close >{ rules::syntax_error, "expected a list item, ',' or ')', saw {saw}", error_anchor::current, "the list opened here" };
template<> inline constexpr error_text error_message< dictionary_close >{ rules::syntax_error, "expected 'key = value' or ']', saw {saw}", error_anchor::current, "the dictionary opened here" };
template<> inline constexpr error_text error_message< dictionary_equals >{ rules::syntax_error, "expected '=' after the dictionary key, saw {saw}" };
template<> inline constexpr error_text error_message< quote_close >{ rules::unterminated_string, "unterminated string: the closing '\"' is missing before {saw}", error_anchor::quote_open };
template<> inline constexpr error_text error_message< single_quote_close >{ rules::unterminated_string, "unterminated string: the closing \"'\" is missing before {saw}", error_anchor::quote_open };
template<> inline constexpr error_text error_message< block_comment_rest >{ rules::unterminated_comment, "unterminated comment: '/*' has no matching '*/'", error_anchor::comment_open };
// clang-format on

}  // namespace ecconf::grammar
