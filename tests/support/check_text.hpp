#pragma once
// Test helper: a full check of an in-memory /t/ecelerity.conf (plus other files), with each
// diagnostic rendered on one line for exact comparison.

#include <map>
#include <string>
#include <vector>

#include "ecconf/check.hpp"

namespace ecconf::test {

struct text_check {
    std::map<std::string, std::string> others;  ///< further files by absolute path
    check_options options;                      ///< with the command line's diagnostic policy, when the test needs one
    bool with_paths = false;                    ///< "file:line:column" instead of "line:column"
};

/// "line:column rule message | line:column related message ..." for each diagnostic.
inline std::vector<std::string> check_text(const std::string& text, const text_check& how = {})
{
    memory_file_system fs;
    fs.add("/t/ecelerity.conf", text);
    for (const auto& [path, bytes] : how.others) fs.add(path, bytes);
    auto result = check_files({"/t/ecelerity.conf"}, fs, how.options);
    const auto where = [&](const source_range& r) {
        const auto at = result->sources.begin_of(r);
        const auto position = std::to_string(at.line) + ":" + std::to_string(at.column);
        return how.with_paths ? result->sources.file(r.file).path() + ":" + position : position;
    };
    std::vector<std::string> out;
    for (const auto& d : result->diagnostics.all()) {
        std::string line = where(d.range) + " " + std::string(d.rule) + " " + d.message;
        for (const auto& r : d.related) line += " | " + where(r.range) + " " + r.message;
        out.push_back(line);
    }
    return out;
}

}  // namespace ecconf::test
