#pragma once
// Finding bytes that are not UTF-8, reported once per line so that a Latin-1 file does not flood the output.

#include <string_view>

#include "ecconf/diagnostic.hpp"

namespace ecconf {

/// Length of the valid UTF-8 sequence at the start of `text`, or 0 when it does not start with one
/// (overlong forms, surrogates and code points above U+10FFFF are invalid).
[[nodiscard]] std::size_t utf8_sequence_length(std::string_view text) noexcept;

/// Reports the first invalid byte of each line of the file as an invalid-utf8 warning.
void report_invalid_utf8(std::string_view bytes, file_id file, diagnostic_sink& sink);

}  // namespace ecconf
