#pragma once
// Test helper: a fresh temporary directory on the real file system, removed with everything below it.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace ecconf::test {

struct temp_directory {
    std::string path;  ///< canonical, so that tests can compare it with what ecconf-check prints
    temp_directory()
    {
        char name[] = "/tmp/ecconf-test-XXXXXX";
        path = std::filesystem::canonical(::mkdtemp(name)).string();
    }
    ~temp_directory()
    {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    temp_directory(const temp_directory&) = delete;
    temp_directory& operator=(const temp_directory&) = delete;
    /// Writes a file below the directory, creating its parents; returns its path.
    std::string write(const std::string& relative, const std::string& bytes) const
    {
        auto file = path + "/" + relative;
        std::filesystem::create_directories(std::filesystem::path(file).parent_path());
        std::ofstream(file, std::ios::binary) << bytes;
        return file;
    }
};

}  // namespace ecconf::test
