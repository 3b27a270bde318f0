#include "fmt_command.hpp"

#include <algorithm>
#include <iostream>
#include <stdexcept>

#include "ecconf/check.hpp"
#include "ecconf/file_system.hpp"
#include "ecconf/format.hpp"
#include "ecconf/report.hpp"
#include "exit_status.hpp"
#include "file_io.hpp"
#include "text/printable.hpp"

namespace ecconf::cli {
namespace {

std::vector<std::string_view> split_lines(std::string_view text)
{
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const auto size = end == std::string_view::npos ? text.size() : end + 1;
        lines.push_back(text.substr(0, size));
        text.remove_prefix(size);
    }
    return lines;
}

/// The edit script of two line sequences (Myers' O(ND) algorithm): one entry per line of the result,
/// 0 kept, -1 removed from a, +1 added from b, in order. Past `max_edits` differing lines the script
/// is every line of a removed, then every line of b added (a diff of whole files that differ).
std::vector<int> edit_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b)
{
    constexpr long max_edits = 2000;
    const auto n = static_cast<long>(a.size());
    const auto m = static_cast<long>(b.size());
    // frontiers[d][k + d]: the furthest x on diagonal k after d edits.
    std::vector<std::vector<long>> frontiers;
    std::vector<long> previous;
    bool found = false;
    for (long d = 0; d <= std::min(n + m, max_edits) && !found; ++d) {
        std::vector<long> current(static_cast<std::size_t>(2 * d + 1));
        const auto get = [&](long k) { return previous[static_cast<std::size_t>(k + d - 1)]; };
        for (long k = -d; k <= d; k += 2) {
            long x = d == 0 ? 0 : (k == -d || (k != d && get(k - 1) < get(k + 1))) ? get(k + 1) : get(k - 1) + 1;
            long y = x - k;
            while (x < n && y < m && a[static_cast<std::size_t>(x)] == b[static_cast<std::size_t>(y)]) {
                ++x;
                ++y;
            }
            current[static_cast<std::size_t>(k + d)] = x;
            if (x >= n && y >= m) found = true;
        }
        frontiers.push_back(current);
        previous = std::move(current);
    }
    std::vector<int> script;
    if (!found) {
        script.assign(a.size(), -1);
        script.insert(script.end(), b.size(), 1);
        return script;
    }
    long x = n, y = m;
    for (auto d = static_cast<long>(frontiers.size()) - 1; d > 0; --d) {
        const auto& before = frontiers[static_cast<std::size_t>(d - 1)];
        const auto get = [&](long k) { return before[static_cast<std::size_t>(k + d - 1)]; };
        const long k = x - y;
        const long previous_k = (k == -d || (k != d && get(k - 1) < get(k + 1))) ? k + 1 : k - 1;
        const long previous_x = get(previous_k);
        const long previous_y = previous_x - previous_k;
        const long start_x = previous_k == k + 1 ? previous_x : previous_x + 1;  // after the edit
        while (x > start_x) {
            script.push_back(0);
            --x;
            --y;
        }
        script.push_back(previous_k == k + 1 ? 1 : -1);
        x = previous_x;
        y = previous_y;
    }
    while (x > 0) {
        script.push_back(0);
        --x;
    }
    std::reverse(script.begin(), script.end());
    return script;
}

void add_line(std::string& out, char mark, std::string_view line)
{
    out += mark;
    out += line;
    if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

}  // namespace

std::string unified_diff(std::string_view old_text, std::string_view new_text, const std::string& old_name,
                         const std::string& new_name)
{
    if (old_text == new_text) return {};
    const auto a = split_lines(old_text);
    const auto b = split_lines(new_text);
    const auto script = edit_script(a, b);
    constexpr std::size_t context = 3;
    std::string out = "--- " + old_name + "\n+++ " + new_name + "\n";
    // Positions in a and b before each script entry.
    std::vector<std::size_t> pos_a(script.size() + 1), pos_b(script.size() + 1);
    for (std::size_t i = 0; i < script.size(); ++i) {
        pos_a[i + 1] = pos_a[i] + (script[i] <= 0 ? 1 : 0);
        pos_b[i + 1] = pos_b[i] + (script[i] >= 0 ? 1 : 0);
    }
    std::size_t i = 0;
    while (i < script.size()) {
        if (script[i] == 0) {
            ++i;
            continue;
        }
        // A hunk: from `context` kept lines before the change to `context` after the last change that
        // is less than 2 * context kept lines away from the next.
        const auto start = i >= context ? i - context : 0;
        auto end = i;
        while (end < script.size()) {
            if (script[end] != 0) {
                ++end;
                continue;
            }
            auto kept = end;
            while (kept < script.size() && script[kept] == 0) ++kept;
            if (kept == script.size() || kept - end > 2 * context) {
                end = std::min(kept, end + context);
                break;
            }
            end = kept;
        }
        const auto old_count = pos_a[end] - pos_a[start];
        const auto new_count = pos_b[end] - pos_b[start];
        out += "@@ -" + std::to_string(old_count == 0 ? pos_a[start] : pos_a[start] + 1) + "," +
               std::to_string(old_count) + " +" + std::to_string(new_count == 0 ? pos_b[start] : pos_b[start] + 1) +
               "," + std::to_string(new_count) + " @@\n";
        for (auto j = start; j < end; ++j) {
            if (script[j] == 0) add_line(out, ' ', a[pos_a[j]]);
            else if (script[j] < 0)
                add_line(out, '-', a[pos_a[j]]);
            else
                add_line(out, '+', b[pos_b[j]]);
        }
        i = end;
    }
    return out;
}

int run_fmt(const fmt_settings& settings)
{
    if (settings.files.empty()) {
        std::cerr << "ecconf-check fmt: no file named ('-' reads standard input)\n";
        return exit_usage;
    }
    if (std::count(settings.files.begin(), settings.files.end(), "-") > 1) {
        std::cerr << "ecconf-check fmt: standard input ('-') can be named only once\n";
        return exit_usage;
    }
    const real_file_system machine;
    int status = exit_clean;
    const auto raise = [&](int to) { status = std::max(status, to); };
    for (const auto& path : expand_main_files(settings.files, machine)) {
        const bool from_stdin = path == "-";
        const std::string name = from_stdin && !settings.stdin_filename.empty() ? settings.stdin_filename : path;
        std::string bytes;
        if (from_stdin) {
            try {
                bytes = read_stdin(settings.max_file_size);
            }
            catch (const std::exception& error) {
                std::cerr << "ecconf-check: " << printable(error.what()) << '\n';
                raise(exit_unreadable);
                continue;
            }
            if (bytes.size() > settings.max_file_size) {
                std::cerr << "ecconf-check: standard input is larger than --max-file-size (" << settings.max_file_size
                          << " bytes)\n";
                raise(exit_unreadable);
                continue;
            }
        }
        else {
            auto content = machine.read(path, settings.max_file_size);
            if (!content.ok() || content.status.kind != file_kind::regular) {
                std::cerr << "ecconf-check: cannot read '" << printable(path)
                          << "': " << (content.ok() ? "not a regular file" : content.status.error) << '\n';
                raise(exit_unreadable);
                continue;
            }
            bytes = std::move(content.bytes);
        }
        format_options options;
        if (!from_stdin || !settings.stdin_filename.empty()) {
            const auto editorconfig = read_editorconfig(name);
            if (editorconfig.indent_size) options.indent_width = *editorconfig.indent_size;
            if (editorconfig.max_line_length) options.line_width = *editorconfig.max_line_length;
        }
        if (settings.indent_width) options.indent_width = *settings.indent_width;
        if (settings.line_width) options.line_width = *settings.line_width;
        options.lowercase_keywords = settings.lowercase_keywords;
        const auto result = format_source(name, bytes, options, settings.limits);
        if (!result.formatted) {
            write_text_report(std::cerr, result.sources, result.diagnostics, true, settings.color);
            raise(exit_findings);
            continue;
        }
        const bool changed = result.text != bytes;
        if (settings.check || settings.diff) {
            if (!changed) continue;
            raise(exit_findings);
            if (settings.diff) std::cout << unified_diff(bytes, result.text, printable(name), printable(name));
            else
                std::cout << printable(name) << '\n';
        }
        else if (settings.write && !from_stdin) {
            if (!changed) continue;
            if (const auto error = replace_file(path, result.text, replace_mode::keep); !error.empty()) {
                std::cerr << "ecconf-check: cannot write '" << printable(path) << "': " << error << '\n';
                raise(exit_unreadable);
            }
        }
        else {
            std::cout << result.text;
        }
    }
    return status;
}

}  // namespace ecconf::cli
