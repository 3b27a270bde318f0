#pragma once
// Option values: a scalar, a ( list ) or a [ dictionary ], nested to any depth the limits allow.

#include "lexical.hpp"

namespace ecconf::grammar {

// clang-format off
struct value;
struct separator : one< ',' > {};

struct list_open : one< '(' > {};
struct list_close : one< ')' > {};
// not_at<list_close>: a ')' ends the list without a value being tried (and built) there first.
struct list_items : star< not_at< list_close >, value, skip, opt< separator, skip > > {};
struct list : seq< list_open, skip, opt< separator, skip >, list_items, must< list_close > > {};

struct dictionary_open : one< '[' > {};
struct dictionary_close : one< ']' > {};
struct dictionary_key : scalar {};
struct dictionary_equals : one< '=' > {};
struct dictionary_entry : seq< dictionary_key, skip, must< dictionary_equals >, skip, must< value > > {};
struct dictionary_entries : star< dictionary_entry, skip, opt< separator, skip > > {};
struct dictionary : seq< dictionary_open, skip, dictionary_entries, must< dictionary_close > > {};

struct value : sor< list, dictionary, scalar > {};
// clang-format on

}  // namespace ecconf::grammar
