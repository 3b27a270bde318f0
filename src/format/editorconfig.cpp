// A small reader of .editorconfig (https://editorconfig.org/#file-format-details), for the two
// properties the formatter takes: indent_size and max_line_length.

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ecconf/format.hpp"

namespace ecconf {
namespace {

std::string trim(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

std::string lower(std::string text)
{
    for (auto& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

/// `{a,b}` alternatives expanded (nested braces too; `{1..3}` ranges are not supported).
void expand_braces(const std::string& pattern, std::vector<std::string>& out, int depth = 0)
{
    const auto open = pattern.find('{');
    if (open == std::string::npos || depth > 8) {
        out.push_back(pattern);
        return;
    }
    int level = 0;
    std::vector<std::size_t> commas;
    std::size_t close = std::string::npos;
    for (auto i = open; i < pattern.size() && close == std::string::npos; ++i) {
        if (pattern[i] == '{') ++level;
        else if (pattern[i] == '}' && --level == 0)
            close = i;
        else if (pattern[i] == ',' && level == 1)
            commas.push_back(i);
    }
    if (close == std::string::npos || commas.empty()) {
        out.push_back(pattern);
        return;
    }
    auto start = open + 1;
    commas.push_back(close);
    for (const auto comma : commas) {
        expand_braces(pattern.substr(0, open) + pattern.substr(start, comma - start) + pattern.substr(close + 1), out,
                      depth + 1);
        start = comma + 1;
    }
}

/// EditorConfig's glob: `*` within a directory, `**` across them, `?`, `[...]` (`[!...]` negated), `\\x`.
bool glob_match(const char* p, const char* s)
{
    while (*p != '\0') {
        if (p[0] == '*' && p[1] == '*') {
            p += 2;
            if (*p == '/' && glob_match(p + 1, s)) return true;  // `**/` may stand for no directory
            for (const char* t = s;; ++t) {
                if (glob_match(p, t)) return true;
                if (*t == '\0') return false;
            }
        }
        if (*p == '*') {
            ++p;
            for (const char* t = s;; ++t) {
                if (glob_match(p, t)) return true;
                if (*t == '\0' || *t == '/') return false;
            }
        }
        if (*s == '\0') return false;
        if (*p == '?') {
            if (*s == '/') return false;
        }
        else if (*p == '[' && std::strchr(p + 1, ']') != nullptr) {
            const char* q = p + 1;
            const bool negated = *q == '!' || *q == '^';
            if (negated) ++q;
            bool found = false;
            for (const char* first = q; *q != '\0' && (*q != ']' || q == first); ++q) {
                if (q[1] == '-' && q[2] != ']' && q[2] != '\0') {
                    found = found || (*s >= q[0] && *s <= q[2]);
                    q += 2;
                }
                else {
                    found = found || *s == *q;
                }
            }
            if (found == negated || *s == '/') return false;
            p = q;
        }
        else {
            if (*p == '\\' && p[1] != '\0') ++p;
            if (*p != *s) return false;
        }
        ++p;
        ++s;
    }
    return *s == '\0';
}

/// Whether a section's glob matches `relative` (the file's path below the .editorconfig's directory).
bool section_matches(const std::string& glob, const std::string& relative)
{
    std::vector<std::string> patterns;
    expand_braces(glob, patterns);
    for (auto pattern : patterns) {
        // Without '/', the pattern matches the file name in any directory; with one, it is anchored.
        if (pattern.find('/') == std::string::npos) pattern = "**/" + pattern;
        else if (pattern.front() == '/')
            pattern.erase(0, 1);
        if (glob_match(pattern.c_str(), relative.c_str())) return true;
    }
    return false;
}

void apply(const std::string& key, const std::string& value, editorconfig_settings& into)
{
    const auto number = [&]() -> std::optional<std::uint32_t> {
        if (value.empty() || value.size() > 6 || value.find_first_not_of("0123456789") != std::string::npos)
            return std::nullopt;
        const auto parsed = static_cast<std::uint32_t>(std::stoul(value));
        return parsed > 0 ? std::optional<std::uint32_t>(parsed) : std::nullopt;
    };
    if (key == "indent_size") into.indent_size = number();
    else if (key == "max_line_length")
        into.max_line_length = number();
}

}  // namespace

editorconfig_settings read_editorconfig(const std::string& file_path)
{
    namespace fs = std::filesystem;
    std::error_code error;
    auto path = fs::absolute(fs::path(file_path), error).lexically_normal();
    if (error) return {};
    // The files from the nearest directory upward, stopping after one with `root = true`.
    std::vector<fs::path> directories;
    for (auto dir = path.parent_path(); !dir.empty(); dir = dir.parent_path()) {
        directories.push_back(dir);
        if (dir == dir.parent_path()) break;
    }
    std::vector<
        std::pair<fs::path, std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>>>>
        files;
    for (const auto& dir : directories) {
        std::ifstream in(dir / ".editorconfig");
        if (!in) continue;
        bool root = false;
        std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> sections;
        std::string line;
        while (std::getline(in, line)) {
            line = trim(line);
            if (line.empty() || line[0] == '#' || line[0] == ';') continue;
            if (line.front() == '[' && line.back() == ']') {
                sections.push_back({line.substr(1, line.size() - 2), {}});
                continue;
            }
            const auto equals = line.find('=');
            if (equals == std::string::npos) continue;
            const auto key = lower(trim(line.substr(0, equals)));
            const auto value = lower(trim(line.substr(equals + 1)));
            if (sections.empty()) {
                if (key == "root") root = value == "true";
            }
            else {
                sections.back().second.emplace_back(key, value);
            }
        }
        files.emplace_back(dir, std::move(sections));
        if (root) break;
    }
    // Applied from the farthest file to the nearest, each file's sections in order: the last word wins.
    editorconfig_settings result;
    for (auto file = files.rbegin(); file != files.rend(); ++file) {
        const auto relative = path.lexically_relative(file->first).generic_string();
        for (const auto& [glob, properties] : file->second) {
            if (!section_matches(glob, relative)) continue;
            for (const auto& [key, value] : properties) apply(key, value, result);
        }
    }
    return result;
}

}  // namespace ecconf
