#include <doctest/doctest.h>

#include <fstream>
#include <random>

#include <sys/stat.h>
#include <unistd.h>

#include "ecconf/check.hpp"
#include "support/run_command.hpp"

using ecconf::test::run_check;

namespace {

// A file in a fresh temporary directory, removed with it.
struct temp_file {
    std::string directory;
    std::string path;
    explicit temp_file(const std::string& bytes)
    {
        char name[] = "/tmp/ecconf-robust-XXXXXX";
        directory = ::mkdtemp(name);
        path = directory + "/ecelerity.conf";
        std::ofstream(path, std::ios::binary) << bytes;
    }
    ~temp_file()
    {
        std::remove(path.c_str());
        ::rmdir(directory.c_str());
    }
};

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

TEST_CASE("1 MB of random bytes: syntax errors up to the limit, exit 1")
{
    std::mt19937 random(20261123);
    std::string bytes(1 << 20, '\0');
    for (auto& b : bytes) b = static_cast<char>(random());
    const temp_file file(bytes);
    const auto result = run_check("--format json " + file.path);
    CHECK(result.exit_code == 1);
    CHECK(result.out.find("\"rule\":\"syntax-error\"") != std::string::npos);
    CHECK(result.out.find("too many syntax errors (100)") != std::string::npos);
}

TEST_CASE("10,000 nested scopes: one limit diagnostic, no stack overflow")
{
    std::string text;
    for (int i = 0; i < 10000; ++i) text += "binding_group { ";
    const temp_file file(text);
    const auto result = run_check("--format gcc " + file.path);
    CHECK(result.exit_code == 1);
    CHECK(
        result.out ==
        file.path +
            ":1:2063: error: nesting deeper than 128 levels; the rest of this file is not read (see --max-depth) [limit-exceeded]\n");
}

TEST_CASE("a file holding only an include is empty when the include is empty, not when --syntax-only leaves it unread")
{
    const temp_file empty("");
    const temp_file only_include("include \"" + empty.path + "\"\n");
    CHECK(run_check("--format gcc --syntax-only " + only_include.path).out == "");
    CHECK(run_check("--format gcc " + only_include.path).out ==
          only_include.path + ":1:1: warning: '" + only_include.path +
              "' holds no statement: Momentum would start with defaults only [empty-configuration]\n");
}

TEST_CASE("an empty file warns, /dev/null and a directory without *.conf files are unreadable (exit 2)")
{
    const temp_file empty("");
    const auto result = run_check("--format gcc " + empty.path);
    CHECK(result.exit_code == 0);
    CHECK(result.out == empty.path + ":1:1: warning: '" + empty.path +
                            "' holds no statement: Momentum would start with defaults only [empty-configuration]\n");
    CHECK(
        run_check("--format gcc /dev/null").out ==
        "/dev/null:1:1: error: cannot read '/dev/null': not a regular file (device, FIFO or socket) [unreadable-file]\n");
    CHECK(run_check("/dev/null").exit_code == 2);
    // A directory stands for the *.conf files directly in it (tests/multi_file_test.cpp); without any, it is unreadable.
    CHECK(run_check("--format gcc " + empty.directory).out == result.out);
    const auto no_conf = empty.directory + "/sub";
    ::mkdir(no_conf.c_str(), 0700);
    CHECK(run_check("--format gcc " + no_conf).out ==
          no_conf + ":1:1: error: cannot read '" + no_conf + "': is a directory [unreadable-file]\n");
    CHECK(run_check(no_conf).exit_code == 2);
    ::rmdir(no_conf.c_str());
}

TEST_CASE("a FIFO is refused without blocking")
{
    char name[] = "/tmp/ecconf-fifo-XXXXXX";
    const std::string directory = ::mkdtemp(name);
    const auto fifo = directory + "/ecelerity.conf";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const auto result = run_check("--format gcc " + fifo);
    CHECK(result.exit_code == 2);
    CHECK(first_line(result.out) == fifo + ":1:1: error: cannot read '" + fifo +
                                        "': not a regular file (device, FIFO or socket) [unreadable-file]");
    std::remove(fifo.c_str());
    ::rmdir(directory.c_str());
}

TEST_CASE("a NUL byte inside a string is an error at its position")
{
    const temp_file file(std::string("hostname = \"mx\0one\"\n", 20));
    const auto result = run_check("--format gcc " + file.path);
    CHECK(result.exit_code == 1);
    CHECK(first_line(result.out) ==
          file.path + ":1:12: error: a NUL byte cannot appear inside a string [syntax-error]");
}

TEST_CASE("a 10 MB single line parses, and an error at its end gets a short excerpt")
{
    const temp_file file("hostname = \"" + std::string(10 << 20, 'x') + "\n");
    const auto result = run_check(file.path);
    CHECK(result.exit_code == 1);
    CHECK(
        first_line(result.out) ==
        file.path +
            ":1:12: error: unterminated string: the closing '\"' is missing before end of file [unterminated-string]");
    CHECK(result.out.size() < 500);  // the finding, its short excerpt and the rule's page
}
