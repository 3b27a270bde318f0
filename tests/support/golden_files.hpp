#pragma once
// Test helper: the files of a golden case directory (testdata/cases/<name>, testdata/fmt/<name>).

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace ecconf::test {

/// A file's bytes, unchanged (CRLF and a byte-order mark included).
inline std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Extra arguments of a case, one per line in its `args` file, each followed by a space.
inline std::string case_arguments(const std::filesystem::path& directory)
{
    std::string args;
    std::istringstream lines(std::filesystem::exists(directory / "args") ? read_file(directory / "args") : "");
    for (std::string line; std::getline(lines, line);)
        if (!line.empty()) args += line + " ";
    return args;
}

/// The case directories under `root` that hold an expected file named `marker`, in name order.
inline std::vector<std::filesystem::path> golden_cases(const std::filesystem::path& root, const std::string& marker)
{
    std::vector<std::filesystem::path> cases;
    for (const auto& entry : std::filesystem::directory_iterator(root))
        if (std::filesystem::exists(entry.path() / marker)) cases.push_back(entry.path());
    std::sort(cases.begin(), cases.end());
    return cases;
}

}  // namespace ecconf::test
