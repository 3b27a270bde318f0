#pragma once
/// Checking a written value against a schema type.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "ecconf/schema.hpp"
#include "ecconf/syntax_tree.hpp"

namespace ecconf {

/// Why a value does not fit its type.
struct value_problem {
    std::string message;  ///< "expected a boolean (...), got 'maybe'"
    source_range range;   ///< the offending value (or the character of a regex error)
};

/// Checks a value; returns nothing when it fits.
[[nodiscard]] std::optional<value_problem> check_value(const value_type& type, const value_ref& written);

/// Checks scalar text alone; returns the message, and sets `offset` to a byte offset inside the text when known.
[[nodiscard]] std::optional<std::string> check_scalar(const value_type& type, std::string_view text,
                                                      std::optional<std::size_t>& offset);

/// Compiles a PCRE2 pattern; on failure returns the PCRE2 message and sets `offset`.
[[nodiscard]] std::optional<std::string> regex_error(std::string_view pattern, std::size_t& offset);

/// Instance name kinds of scopes (binding_name, domain, host, socket_address, cidr, ip_address, name).
[[nodiscard]] std::optional<value_problem> check_instance_name(std::string_view kind, const value_ref& written);

/// The range of one character of a scalar, when its source text maps one to one; else the whole value.
[[nodiscard]] source_range character_range(const value_ref& written, std::size_t offset);

}  // namespace ecconf
