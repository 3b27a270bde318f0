#include "text/utf8_check.hpp"

#include <cstdint>
#include <cstring>

#include "ecconf/rule_ids.hpp"

namespace ecconf {
namespace {

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Eight bytes at a time while the text is ASCII: configurations nearly always are.
std::size_t skip_ascii(std::string_view bytes, std::size_t p)
{
    for (; p + 8 <= bytes.size(); p += 8) {
        std::uint64_t word;
        std::memcpy(&word, bytes.data() + p, sizeof word);
        if (word & 0x8080808080808080ull) break;
    }
    while (p < bytes.size() && static_cast<unsigned char>(bytes[p]) < 0x80) ++p;
    return p;
}

std::string hex_byte(unsigned char byte)
{
    static constexpr char digits[] = "0123456789abcdef";
    return {'0', 'x', digits[byte >> 4], digits[byte & 0xF]};
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view text) noexcept
{
    if (text.empty()) return 0;
    const auto lead = static_cast<unsigned char>(text[0]);
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;   // overlong
        if (lead == 0xED) high = 0x9F;  // surrogates
    }
    else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;   // overlong
        if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
    }
    else
        return 0;
    if (text.size() < length) return 0;
    const auto second = static_cast<unsigned char>(text[1]);
    if (second < low || second > high) return 0;
    for (std::size_t i = 2; i < length; ++i)
        if (!continuation(static_cast<unsigned char>(text[i]))) return 0;
    return length;
}

void report_invalid_utf8(std::string_view bytes, file_id file, diagnostic_sink& sink)
{
    for (std::size_t p = skip_ascii(bytes, 0); p < bytes.size(); p = skip_ascii(bytes, p)) {
        if (const auto length = utf8_sequence_length(bytes.substr(p))) {
            p += length;
            continue;
        }
        const auto byte = static_cast<unsigned char>(bytes[p]);
        sink.report(rules::invalid_utf8, {file, static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(p + 1)},
                    "invalid UTF-8: byte " + hex_byte(byte) +
                        " does not start a valid UTF-8 sequence (save the file as UTF-8)");
        const auto line_end = bytes.find('\n', p);
        if (line_end == std::string_view::npos) break;
        p = line_end + 1;
    }
}

}  // namespace ecconf
