#pragma once
// LSP positions (0-based line, character in the negotiated encoding) and file URIs.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ecconf/source.hpp"

namespace ecconf::lsp {

/// How a position's character counts: UTF-16 code units (the protocol's default) or bytes ("utf-8").
enum class position_encoding { utf16, utf8 };

/// Byte offsets of a text as LSP positions and back. An invalid UTF-8 byte counts as one character.
class line_index {
public:
    line_index(std::string_view text, position_encoding encoding);
    /// {"line", "character"} of a byte offset (clamped to the text).
    [[nodiscard]] nlohmann::json position(std::uint32_t offset) const;
    /// {"start", "end"} of a byte range.
    [[nodiscard]] nlohmann::json range(std::uint32_t begin, std::uint32_t end) const;
    /// The byte offset of a position; past a line's end, the end of the line; past the last line, the text's end.
    [[nodiscard]] std::uint32_t offset(std::uint32_t line, std::uint32_t character) const;
    /// The byte offset of a {"line", "character"} object (throws nlohmann::json exceptions when malformed).
    [[nodiscard]] std::uint32_t offset(const nlohmann::json& position) const;

private:
    std::string_view text_;
    position_encoding encoding_;
    std::vector<std::uint32_t> line_starts_;
};

/// The LSP ranges of source ranges in any file of a source_manager (each file's line_index made once).
class source_positions {
public:
    source_positions(const source_manager& sources, position_encoding encoding) : sources_(sources), encoding_(encoding)
    {}
    [[nodiscard]] const line_index& lines(file_id file);
    [[nodiscard]] nlohmann::json range(const source_range& range)
    {
        return lines(range.file).range(range.begin, range.end);
    }
    /// The file: URI of a file.
    [[nodiscard]] std::string uri(file_id file) const;

private:
    const source_manager& sources_;
    position_encoding encoding_;
    std::map<file_id, line_index> lines_;
};

/// The path of a file: URI ("file:///a%20b/c.conf" -> "/a b/c.conf"); other URIs stay as they are.
[[nodiscard]] std::string path_of_uri(std::string_view uri);
/// The file: URI of a path, made absolute from the working directory.
[[nodiscard]] std::string uri_of_path(const std::string& path);

}  // namespace ecconf::lsp
