#pragma once
/// Text from a configuration (values, names, include paths, file names) made safe to print on a
/// terminal or in a CI log: nothing in it can move the cursor, end a line, or start a command.

#include <string>
#include <string_view>

namespace ecconf {

/// Whether the UTF-8 sequence starting `text` is a control character or a bidirectional override
/// (C0, DEL, C1, U+200E/F, U+202A-U+202E, U+2066-U+2069), which a terminal or a review tool would act on.
[[nodiscard]] bool is_control_sequence(std::string_view sequence) noexcept;

/// The text with every control character, bidirectional override and invalid UTF-8 byte written as
/// an escape: `\n`, `\r`, `\t`, `\x1b`, `\u202e`.
[[nodiscard]] std::string printable(std::string_view text);

}  // namespace ecconf
