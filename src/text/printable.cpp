#include "printable.hpp"

#include "text/utf8_check.hpp"

namespace ecconf {
namespace {

constexpr char hex_digits[] = "0123456789abcdef";

char32_t code_point(std::string_view sequence) noexcept
{
    const auto byte = [&](std::size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(sequence[i])); };
    switch (sequence.size()) {
    case 1: return byte(0);
    case 2: return (byte(0) & 0x1F) << 6 | (byte(1) & 0x3F);
    case 3: return (byte(0) & 0x0F) << 12 | (byte(1) & 0x3F) << 6 | (byte(2) & 0x3F);
    default: return (byte(0) & 0x07) << 18 | (byte(1) & 0x3F) << 12 | (byte(2) & 0x3F) << 6 | (byte(3) & 0x3F);
    }
}

}  // namespace

bool is_control_sequence(std::string_view sequence) noexcept
{
    const auto c = code_point(sequence);
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

std::string printable(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t p = 0; p < text.size();) {
        const auto length = utf8_sequence_length(text.substr(p));
        if (length == 0) {
            const auto byte = static_cast<unsigned char>(text[p++]);
            out += {'\\', 'x', hex_digits[byte >> 4], hex_digits[byte & 0xF]};
            continue;
        }
        const auto sequence = text.substr(p, length);
        p += length;
        if (!is_control_sequence(sequence)) {
            out += sequence;
            continue;
        }
        const auto c = code_point(sequence);
        if (c == '\n') out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c == '\t')
            out += "\\t";
        else if (c < 0x80)
            out += {'\\', 'x', hex_digits[c >> 4], hex_digits[c & 0xF]};
        else
            out += {'\\',
                    'u',
                    hex_digits[c >> 12],
                    hex_digits[(c >> 8) & 0xF],
                    hex_digits[(c >> 4) & 0xF],
                    hex_digits[c & 0xF]};
    }
    return out;
}

}  // namespace ecconf
