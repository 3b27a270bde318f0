#include "ecconf/check.hpp"

#include <cstdint>
#include <filesystem>
#include <istream>
#include <map>
#include <ostream>
#include <stdexcept>
#include <tuple>

#include <nlohmann/json.hpp>

#include "ecconf/schema.hpp"
#include "text/printable.hpp"

namespace ecconf {
namespace {

std::string_view trim(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string fnv1a_hex(std::string_view text)
{
    std::uint64_t hash = 0xcbf29ce484222325ull;
    for (const unsigned char c : text) {
        hash ^= c;
        hash *= 0x100000001b3ull;
    }
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex(16, '0');
    for (int i = 15; i >= 0; --i, hash >>= 4) hex[static_cast<std::size_t>(i)] = digits[hash & 0xf];
    return hex;
}

using key = std::tuple<std::string, std::string, std::string>;

// The file of a finding as the baseline records it: relative to the baseline's directory (lexical, so
// that a path the working directory reaches through a symbolic link is recorded as the user wrote it),
// and escaped as printed, so that a file name that is not UTF-8 survives the JSON file and still matches.
std::string file_of(const source_manager& sources, const source_range& range, const std::string& directory)
{
    if (range.file == no_file) return {};
    const auto& path = sources.file(range.file).path();
    if (path.empty() || path.front() == '/') return printable(path);
    const auto here = std::filesystem::current_path();
    return printable(
        (here / path).lexically_normal().lexically_relative((here / directory).lexically_normal()).string());
}

}  // namespace

std::string line_fingerprint(const source_manager& sources, const source_range& range)
{
    if (range.file == no_file) return fnv1a_hex({});
    const auto& file = sources.file(range.file);
    return fnv1a_hex(trim(file.line_text(file.locate(range.begin).line)));
}

std::vector<baseline_entry> baseline_of(const source_manager& sources, const diagnostic_sink& sink,
                                        const std::string& directory)
{
    std::vector<baseline_entry> entries;
    for (const auto& d : sink.all())
        entries.push_back(baseline_entry{std::string(d.rule), file_of(sources, d.range, directory),
                                         line_fingerprint(sources, d.range), d.message});
    return entries;
}

void write_baseline(std::ostream& out, const std::vector<baseline_entry>& entries)
{
    auto findings = nlohmann::json::array();
    for (const auto& e : entries)
        findings.push_back(
            {{"rule", e.rule}, {"file", e.file}, {"fingerprint", e.fingerprint}, {"message", e.message}});
    const nlohmann::json document{{"format", 1}, {"tool", "ecconf-check"}, {"findings", findings}};
    out << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

std::vector<baseline_entry> read_baseline(std::istream& in)
{
    const auto document = nlohmann::json::parse(in, nullptr, false);
    if (document.is_discarded() || !document.is_object()) throw std::runtime_error("not a JSON object");
    if (document.value("format", 0) != 1)
        throw std::runtime_error("unsupported baseline format (expected \"format\": 1)");
    const auto findings = document.find("findings");
    if (findings == document.end() || !findings->is_array()) throw std::runtime_error("no \"findings\" array");
    std::vector<baseline_entry> entries;
    for (const auto& f : *findings) {
        if (!f.is_object() || !f.contains("rule") || !f.contains("file") || !f.contains("fingerprint") ||
            !f["rule"].is_string() || !f["file"].is_string() || !f["fingerprint"].is_string())
            throw std::runtime_error("a finding lacks a string \"rule\", \"file\" or \"fingerprint\"");
        entries.push_back(baseline_entry{f["rule"].get<std::string>(), f["file"].get<std::string>(),
                                         f["fingerprint"].get<std::string>(), f.value("message", std::string())});
    }
    return entries;
}

std::size_t apply_baseline(const source_manager& sources, const std::vector<baseline_entry>& baseline,
                           diagnostic_sink& sink, const std::string& directory,
                           std::vector<suppressed_finding>* accepted)
{
    std::map<key, std::size_t> remaining;
    for (const auto& e : baseline) ++remaining[key{e.rule, e.file, e.fingerprint}];
    const auto before = sink.size();
    sink.remove_if([&](const diagnostic& d) {
        if (!is_suppressible(d.rule)) return false;
        const auto found = remaining.find(
            key{std::string(d.rule), file_of(sources, d.range, directory), line_fingerprint(sources, d.range)});
        if (found == remaining.end() || found->second == 0) return false;
        --found->second;
        if (accepted) accepted->push_back({d, suppression_kind::baseline, "recorded in the baseline"});
        return true;
    });
    return before - sink.size();
}

}  // namespace ecconf
