// Nothing is ever written: every command of ecconf-check leaves the files it reads as they were.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include <sys/stat.h>

#include "support/run_command.hpp"

namespace fs = std::filesystem;

namespace {

struct file_state {
    std::string bytes;
    long long mtime_ns = 0;
    bool operator==(const file_state& other) const { return bytes == other.bytes && mtime_ns == other.mtime_ns; }
};

// Content and modification time (nanoseconds) of every file and directory below `root`.
std::map<std::string, file_state> snapshot(const std::string& root)
{
    std::map<std::string, file_state> files;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        struct stat info {};
        REQUIRE(::lstat(entry.path().c_str(), &info) == 0);
        file_state state;
        state.mtime_ns = static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec;
        if (entry.is_regular_file()) {
            std::ifstream in(entry.path(), std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            state.bytes = text.str();
        }
        files[entry.path().string()] = state;
    }
    return files;
}

}  // namespace

TEST_CASE("no command of ecconf-check changes a file it reads, nor adds one beside it")
{
    char name[] = "/tmp/ecconf-readonly-XXXXXX";
    const std::string directory = ::mkdtemp(name);
    fs::copy(ECCONF_SOURCE_DIR "/testdata/example", directory + "/example", fs::copy_options::recursive);
    // Older times than now, so that a rewrite within the same clock tick would still show.
    for (const auto& entry : fs::recursive_directory_iterator(directory))
        fs::last_write_time(entry.path(), fs::last_write_time(entry.path()) - std::chrono::hours(24));
    const auto main = directory + "/example/ecelerity.conf";
    const auto before = snapshot(directory);
    REQUIRE(before.size() >= 3);
    const std::string include = " -I " + directory + "/example ";
    for (const std::string& args : std::vector<std::string>{"", "--format json", "--format sarif", "--format github",
                                                            "--format checkstyle", "--format gcc", "--syntax-only",
                                                            "--werror", "--include-root " + directory + "/example"})
        ecconf::test::run_check(args + include + main);
    ecconf::test::run_check("dump" + include + main);
    ecconf::test::run_check("options domain");
    CHECK(snapshot(directory) == before);
    fs::remove_all(directory);
}
