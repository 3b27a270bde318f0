#include "lsp/positions.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace ecconf::lsp {
namespace {

/// The length of the UTF-8 sequence a lead byte opens (1 for a continuation or invalid byte).
std::uint32_t sequence_length(unsigned char lead)
{
    if (lead >= 0xF0 && lead < 0xF8) return 4;
    if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
    if (lead >= 0xC0) return 2;
    return 1;
}

int hex_digit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

line_index::line_index(std::string_view text, position_encoding encoding) : text_(text), encoding_(encoding)
{
    line_starts_.push_back(0);
    for (std::uint32_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') line_starts_.push_back(i + 1);
}

nlohmann::json line_index::position(std::uint32_t offset) const
{
    offset = std::min(offset, static_cast<std::uint32_t>(text_.size()));
    const auto line = static_cast<std::uint32_t>(std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) -
                                                 line_starts_.begin() - 1);
    auto character = offset - line_starts_[line];
    if (encoding_ == position_encoding::utf16) {
        character = 0;
        for (auto at = line_starts_[line]; at < offset;) {
            const auto length = std::min(sequence_length(static_cast<unsigned char>(text_[at])), offset - at);
            character += length == 4 ? 2 : 1;  // a character outside the BMP is a surrogate pair
            at += length;
        }
    }
    return {{"line", line}, {"character", character}};
}

nlohmann::json line_index::range(std::uint32_t begin, std::uint32_t end) const
{
    return {{"start", position(begin)}, {"end", position(end)}};
}

std::uint32_t line_index::offset(std::uint32_t line, std::uint32_t character) const
{
    if (line >= line_starts_.size()) return static_cast<std::uint32_t>(text_.size());
    const auto start = line_starts_[line];
    auto line_end =
        line + 1 < line_starts_.size() ? line_starts_[line + 1] - 1 : static_cast<std::uint32_t>(text_.size());
    if (line_end > start && text_[line_end - 1] == '\r') --line_end;
    if (encoding_ == position_encoding::utf8) return std::min(start + character, line_end);
    auto at = start;
    for (std::uint32_t units = 0; at < line_end && units < character;) {
        const auto length = sequence_length(static_cast<unsigned char>(text_[at]));
        units += length == 4 ? 2 : 1;
        at = std::min(at + length, line_end);
    }
    return at;
}

std::uint32_t line_index::offset(const nlohmann::json& position) const
{
    return offset(position.at("line").get<std::uint32_t>(), position.at("character").get<std::uint32_t>());
}

std::string path_of_uri(std::string_view uri)
{
    constexpr std::string_view scheme = "file://";
    if (uri.substr(0, scheme.size()) != scheme) return std::string(uri);
    uri.remove_prefix(scheme.size());
    uri = uri.substr(uri.find('/') == std::string_view::npos ? uri.size() : uri.find('/'));  // drop the host
    std::string path;
    for (std::size_t i = 0; i < uri.size(); ++i) {
        if (uri[i] == '%' && i + 2 < uri.size() && hex_digit(uri[i + 1]) >= 0 && hex_digit(uri[i + 2]) >= 0) {
            path += static_cast<char>(hex_digit(uri[i + 1]) * 16 + hex_digit(uri[i + 2]));
            i += 2;
        }
        else
            path += uri[i];
    }
    return path;
}

std::string uri_of_path(const std::string& path)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string uri = "file://";
    for (const char c : std::filesystem::absolute(path).lexically_normal().string()) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || std::string_view("/-._~").find(c) != std::string_view::npos) uri += c;
        else {
            uri += '%';
            uri += hex[byte >> 4];
            uri += hex[byte & 0xF];
        }
    }
    return uri;
}

const line_index& source_positions::lines(file_id file)
{
    auto found = lines_.find(file);
    if (found == lines_.end()) found = lines_.emplace(file, line_index(sources_.file(file).bytes(), encoding_)).first;
    return found->second;
}

std::string source_positions::uri(file_id file) const { return uri_of_path(sources_.file(file).path()); }

}  // namespace ecconf::lsp
