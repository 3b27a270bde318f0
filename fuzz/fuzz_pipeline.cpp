// libFuzzer target for the whole pipeline: the input is split into several in-memory files so that
// includes, cycles and directories are exercised; the real file system is never touched.
//
// Input layout: files separated by lines "%%%%"; the first file is /etc/conf/ecelerity.conf, the
// others /etc/conf/f1.conf, /etc/conf/d/f2.conf, ... so that `include "f1.conf"` and `include "d"` resolve.
// The input size picks the variants (so that one input always runs the same way): odd sizes name
// f1.conf as the --cluster file; sizes divisible by three check f1.conf as a second main file too,
// and diff the two. Every output goes through the oracles of fuzz_support.hpp.

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "ecconf/check.hpp"
#include "fuzz_support.hpp"

namespace {

std::string file_name(std::size_t index)
{
    if (index == 0) return "/etc/conf/ecelerity.conf";
    return index % 2 == 0 ? "/etc/conf/d/f" + std::to_string(index) + ".conf"
                          : "/etc/conf/f" + std::to_string(index) + ".conf";
}

ecconf::memory_file_system split_files(std::string_view input)
{
    constexpr std::string_view separator = "\n%%%%\n";
    constexpr std::size_t max_files = 16;
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
    options.load.max_files = 256;
    if (size % 2 == 1) options.cluster_file = file_name(1);
    std::vector<std::string> main_files{file_name(0)};
    if (size % 3 == 0) main_files.push_back(file_name(1));
    auto result = ecconf::check_files(main_files, files, options);
    ecconf::fuzz::check_outputs(*result);
    return 0;
}
