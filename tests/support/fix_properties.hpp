#pragma once
// The guarantees of --fix on one configuration file, for the tests and the fuzzer: the passes end
// (applying the fixes again changes nothing), no fix breaks the syntax, and no fix touches a comment
// that is not a suppression.

#include <algorithm>
#include <memory>
#include <string>

#include "ecconf/check.hpp"
#include "format_properties.hpp"

namespace ecconf::test {

/// What broke, or "" when every guarantee holds for `bytes` fixed as /fix/ecelerity.conf (safe and
/// unsafe fixes, so that every fix is exercised).
inline std::string fix_property_failure(const std::string& bytes)
{
    auto memory = std::make_unique<memory_file_system>();
    memory->add("/fix/ecelerity.conf", bytes);
    overlay_file_system files(std::move(memory));
    check_options options;
    options.load.search_path = {"/fix"};
    const auto run = fix_files({"/fix/ecelerity.conf"}, files, options, 1, true);
    if (run.files.empty()) return "";
    const auto& fixed = run.files.front().fixed;
    if (!fix_files({"/fix/ecelerity.conf"}, files, options, 1, true).files.empty())
        return "applying the fixes again changed the text";
    const auto syntax_errors = [](const std::string& text) {
        source_manager sources;
        diagnostic_sink sink;
        (void)parse_source(sources, sources.add("/fix/ecelerity.conf", text), sink);
        return sink.count(severity::error);
    };
    if (syntax_errors(fixed) > syntax_errors(bytes)) return "a fix added a syntax error";
    auto before = comment_texts(bytes), after = comment_texts(fixed);
    const auto is_suppression = [](const std::string& c) { return c.find("ecconf-check:") != std::string::npos; };
    before.erase(std::remove_if(before.begin(), before.end(), is_suppression), before.end());
    after.erase(std::remove_if(after.begin(), after.end(), is_suppression), after.end());
    if (before != after) return "a fix changed a comment that is not a suppression";
    return "";
}

}  // namespace ecconf::test
