#include <algorithm>
#include <cstring>

#include "ecconf/source.hpp"
#include "text/utf8_check.hpp"

namespace ecconf {
namespace {

// Each invalid byte is one column, as the strict decoder that reports invalid-utf8 sees it.
std::size_t sequence_length(std::string_view text, std::size_t p)
{
    return std::max<std::size_t>(utf8_sequence_length(text.substr(p)), 1);
}

}  // namespace

source_file::source_file(std::string path, std::string bytes) : path_(std::move(path)), bytes_(std::move(bytes))
{
    line_starts_.push_back(0);
    const char* const begin = bytes_.data();
    const char* const end = begin + bytes_.size();
    for (const char* p = begin;
         (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr;)
        line_starts_.push_back(static_cast<std::uint32_t>(++p - begin));
}

line_column source_file::locate(std::uint32_t offset) const
{
    offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(bytes_.size()));
    const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const auto line = static_cast<std::uint32_t>(next - line_starts_.begin());
    std::uint32_t column = 1;
    for (std::size_t p = line_starts_[line - 1]; p < offset; p += sequence_length(bytes_, p)) ++column;
    return {line, column};
}

std::string_view source_file::line_text(std::uint32_t line) const
{
    if (line == 0 || line > line_starts_.size()) return {};
    const std::size_t begin = line_starts_[line - 1];
    std::size_t end = line < line_starts_.size() ? line_starts_[line] - 1 : bytes_.size();
    if (end > begin && bytes_[end - 1] == '\r') --end;
    return std::string_view(bytes_).substr(begin, end - begin);
}

file_id source_manager::add(std::string path, std::string bytes)
{
    files_.push_back(std::make_unique<source_file>(std::move(path), std::move(bytes)));
    return static_cast<file_id>(files_.size() - 1);
}

std::optional<file_id> source_manager::find(std::string_view path) const
{
    for (std::size_t i = 0; i < files_.size(); ++i)
        if (files_[i]->path() == path) return static_cast<file_id>(i);
    return std::nullopt;
}

inclusion_id source_manager::add_inclusion(inclusion record)
{
    inclusions_.push_back(record);
    return static_cast<inclusion_id>(inclusions_.size() - 1);
}

line_column source_manager::begin_of(const source_range& r) const { return file(r.file).locate(r.begin); }

line_column source_manager::end_of(const source_range& r) const { return file(r.file).locate(r.end); }

}  // namespace ecconf
