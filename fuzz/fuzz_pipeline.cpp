// libFuzzer target for the whole pipeline: the input is split into several in-memory files so that
// includes, cycles and directories are exercised; the real file system is never touched.
//
// Input layout: files separated by lines "%%%%"; the first file is /etc/conf/ecelerity.conf, the
// others /etc/conf/f1.conf, /etc/conf/d/f2.conf, ... so that `include "f1.conf"` and `include "d"` resolve.
// The input size picks the variants (so that one input always runs the same way): odd sizes name
// f1.conf as the --cluster file, and one size in eight also writes SARIF (the whole rule catalogue:
// slow, so not every time).

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "ecconf/check.hpp"
#include "ecconf/dump.hpp"
#include "ecconf/export.hpp"
#include "ecconf/schema.hpp"
#include "ecconf/report.hpp"

namespace {

std::string file_name(std::size_t index)
{
    if (index == 0) return "/etc/conf/ecelerity.conf";
    return index % 2 == 0 ? "/etc/conf/d/f" + std::to_string(index) + ".conf" : "/etc/conf/f" + std::to_string(index) + ".conf";
}

ecconf::memory_file_system split_files(std::string_view input)
{
    constexpr std::string_view separator = "\n%%%%\n";
    constexpr std::size_t max_files = 8;
    ecconf::memory_file_system files;
    std::size_t index = 0;
    while (index + 1 < max_files) {
        const auto cut = input.find(separator);
        if (cut == std::string_view::npos) break;
        files.add(file_name(index++), std::string(input.substr(0, cut)));
        input.remove_prefix(cut + separator.size());
    }
    files.add(file_name(index), std::string(input));
    return files;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto files = split_files(std::string_view(reinterpret_cast<const char*>(data), size));
    ecconf::check_options options;
    options.load.search_path = {"/etc/conf", "/etc/conf/d"};
    options.load.max_files = 64;
    if (size % 2 == 1) options.cluster_file = file_name(1);
    const auto result = ecconf::check_files({file_name(0)}, files, options);
    std::ostringstream out;
    const auto json = [&out](const nlohmann::ordered_json& j) { out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); };
    ecconf::write_text_report(out, result->sources, result->diagnostics, true, false);
    ecconf::write_json_report(out, result->sources, result->diagnostics, result->files_read);
    ecconf::write_report(out, result->sources, result->diagnostics, {ecconf::output_format::github, false, result->files_read});
    if (size % 8 == 0) ecconf::write_report(out, result->sources, result->diagnostics, {ecconf::output_format::sarif, false, result->files_read});
    for (const auto& configuration : result->configurations) json(ecconf::dump_tree(configuration, result->sources));
    for (const auto& effective : result->effective) {
        json(ecconf::export_configuration(effective, ecconf::builtin_schema(), result->sources, {}));
        json(ecconf::export_configuration(effective, ecconf::builtin_schema(), result->sources, {true, true, true}));
    }
    return 0;
}
