#pragma once
/// Source files, byte ranges and line/column lookup shared by every phase.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ecconf/name_table.hpp"
#include "ecconf/redact.hpp"

namespace ecconf {

/// Index of a file in a source_manager.
using file_id = std::uint32_t;
/// Index of an inclusion record (how a file instance was reached) in a source_manager.
using inclusion_id = std::uint32_t;

inline constexpr file_id no_file = UINT32_MAX;
inline constexpr inclusion_id no_inclusion = UINT32_MAX;

/// A half-open byte range [begin, end) in one file.
struct source_range {
    file_id file = no_file;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
};

/// A 1-based line and column; columns count Unicode code points (an invalid byte counts as one, a tab as one).
struct line_column {
    std::uint32_t line = 1;
    std::uint32_t column = 1;
};

/// One file read into memory, with an index of line starts.
class source_file {
public:
    source_file(std::string path, std::string bytes);

    [[nodiscard]] const std::string& path() const noexcept { return path_; }
    [[nodiscard]] std::string_view bytes() const noexcept { return bytes_; }
    /// Line and column of a byte offset (offsets past the end clamp to the end).
    [[nodiscard]] line_column locate(std::uint32_t offset) const;
    /// The text of a 1-based line, without its line ending.
    [[nodiscard]] std::string_view line_text(std::uint32_t line) const;
    [[nodiscard]] std::uint32_t line_count() const noexcept { return static_cast<std::uint32_t>(line_starts_.size()); }

private:
    std::string path_;
    std::string bytes_;
    std::vector<std::uint32_t> line_starts_;
};

/// How a file instance was reached: the include directive and the inclusion of the file that holds it.
struct inclusion {
    file_id file = no_file;
    source_range directive;  ///< the include statement (no_file for a main file)
    inclusion_id parent = no_inclusion;
};

/// Owns every file read during a run and the inclusion records that link them.
class source_manager {
public:
    /// Adds a file already in memory (tests, stdin, fuzzing).
    file_id add(std::string path, std::string bytes);
    [[nodiscard]] const source_file& file(file_id id) const { return *files_.at(id); }
    [[nodiscard]] std::size_t file_count() const noexcept { return files_.size(); }
    /// The id of a file already added under this path, if any.
    [[nodiscard]] std::optional<file_id> find(std::string_view path) const;

    inclusion_id add_inclusion(inclusion record);
    [[nodiscard]] const inclusion& inclusion_at(inclusion_id id) const { return inclusions_.at(id); }

    /// Line and column of the start and of the end of a range.
    [[nodiscard]] line_column begin_of(const source_range& r) const;
    [[nodiscard]] line_column end_of(const source_range& r) const;

    /// The names of the statements parsed from these files.
    [[nodiscard]] name_table& names() noexcept { return names_; }
    [[nodiscard]] const name_table& names() const noexcept { return names_; }

    /// The secrets of the files read: every output that shows their bytes redacts these.
    [[nodiscard]] secret_values& secrets() noexcept { return secrets_; }
    [[nodiscard]] const secret_values& secrets() const noexcept { return secrets_; }

private:
    std::vector<std::unique_ptr<source_file>> files_;
    std::vector<inclusion> inclusions_;
    name_table names_;
    secret_values secrets_;
};

}  // namespace ecconf
