// The include sandbox (--include-root) and the files that must never be read: symbolic-link loops,
// FIFOs, devices and pseudo files of /proc and /sys. Real temporary directories, no fakes.

#include <doctest/doctest.h>

#include <atomic>
#include <climits>
#include <filesystem>
#include <sstream>
#include <thread>
#include <fstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ecconf/check.hpp"
#include "ecconf/report.hpp"
#include "support/run_command.hpp"
#include "support/temp_directory.hpp"

using namespace ecconf;
using ecconf::test::temp_directory;

namespace {

// The gcc-style report of a check with the given include roots.
std::string check(const std::string& main, const std::vector<std::string>& roots)
{
    check_options options;
    options.load.search_path = {std::filesystem::path(main).parent_path().string()};
    const auto files = roots.empty() ? std::make_unique<real_file_system>() : std::make_unique<real_file_system>(roots);
    const auto result = check_files({main}, *files, options);
    std::ostringstream out;
    write_report(out, result->sources, result->diagnostics, {output_format::gcc});
    return out.str();
}

}  // namespace

TEST_CASE("--include-root: includes inside the roots are read, those outside are refused at the directive")
{
    const temp_directory tree, outside;
    tree.write("conf.d/a.conf", "max_outbound_connections = 5\n");
    outside.write("secret.conf", "connect_timeout = 30\n");
    SUBCASE("inside: no diagnostic")
    {
        const auto main = tree.write("ecelerity.conf", "include \"conf.d\"\n");
        CHECK(check(main, {tree.path}) == "");
    }
    SUBCASE("an absolute path outside")
    {
        const auto main = tree.write("ecelerity.conf", "include \"" + outside.path + "/secret.conf\"\n");
        CHECK(check(main, {tree.path}) ==
              main + ":1:9: error: include of '" + outside.path +
                  "/secret.conf' refused: it lies outside the include roots (--include-root) [include-outside-root]\n");
    }
    SUBCASE("'..' out of the root")
    {
        const auto written = "../" + std::filesystem::path(outside.path).filename().string() + "/secret.conf";
        const auto main = tree.write("ecelerity.conf", "include \"" + written + "\"\n");
        CHECK(check(main, {tree.path}) ==
              main + ":1:9: error: include of '" + tree.path + "/" + written +
                  "' refused: it lies outside the include roots (--include-root) [include-outside-root]\n");
    }
    SUBCASE("a symbolic link inside the root that points outside")
    {
        std::filesystem::create_symlink(outside.path + "/secret.conf", tree.path + "/conf.d/link.conf");
        const auto main = tree.write("ecelerity.conf", "include \"conf.d/link.conf\"\n");
        CHECK(
            check(main, {tree.path}) ==
            main + ":1:9: error: include of '" + tree.path +
                "/conf.d/link.conf' refused: it lies outside the include roots (--include-root) [include-outside-root]\n");
    }
    SUBCASE("a directory include reads only the files that stay inside")
    {
        std::filesystem::create_symlink(outside.path + "/secret.conf", tree.path + "/conf.d/link.conf");
        const auto main = tree.write("ecelerity.conf", "include \"conf.d\"\n");
        const auto report = check(main, {tree.path});
        CHECK(report.find("conf.d/a.conf") == std::string::npos);
        CHECK(report.find("include of '" + tree.path + "/conf.d/link.conf' refused") != std::string::npos);
    }
    SUBCASE("a root given through a symbolic link, and a second root")
    {
        std::filesystem::create_directory_symlink(tree.path, outside.path + "/tree-link");
        const auto main =
            tree.write("ecelerity.conf", "include \"conf.d/a.conf\"\ninclude \"" + outside.path + "/secret.conf\"\n");
        CHECK(check(main, {outside.path + "/tree-link"}).find("1:9") == std::string::npos);
        CHECK(check(main, {tree.path, outside.path}) == "");
    }
    SUBCASE("a root that is a prefix of another directory's name does not admit it")
    {
        const auto main = tree.write("ecelerity.conf", "include \"" + tree.path + "-x/a.conf\"\n");
        tree.write("../" + std::filesystem::path(tree.path).filename().string() + "-x/a.conf",
                   "max_outbound_connections = 5\n");
        CHECK(check(main, {tree.path}).find("refused: it lies outside the include roots") != std::string::npos);
        std::filesystem::remove_all(tree.path + "-x");
    }
    SUBCASE("without roots every include is allowed")
    {
        const auto main = tree.write("ecelerity.conf", "include \"" + outside.path + "/secret.conf\"\n");
        CHECK(check(main, {}) == "");
    }
}

TEST_CASE("--include-root on the command line, repeatable")
{
    const temp_directory tree, outside;
    outside.write("secret.conf", "connect_timeout = 30\n");
    const auto main = tree.write("ecelerity.conf", "include \"" + outside.path + "/secret.conf\"\n");
    const auto refused = test::run_check("--format gcc --include-root " + tree.path + " " + main);
    CHECK(refused.exit_code == 1);
    CHECK(refused.out.find("[include-outside-root]") != std::string::npos);
    CHECK(test::run_check("--include-root " + tree.path + " --include-root " + outside.path + " " + main).exit_code ==
          0);
}

TEST_CASE("a symbolic-link loop is unreadable, never followed forever")
{
    const temp_directory tree;
    std::filesystem::create_symlink(tree.path + "/b.conf", tree.path + "/a.conf");
    std::filesystem::create_symlink(tree.path + "/a.conf", tree.path + "/b.conf");
    const auto main = tree.write("ecelerity.conf", "include \"a.conf\"\n");
    CHECK(check(main, {}) == main + ":1:9: error: cannot read included file '" + tree.path +
                                 "/a.conf': Too many levels of symbolic links [unreadable-file]\n");
    CHECK(check(main, {tree.path}) == main + ":1:9: error: cannot read included file '" + tree.path +
                                          "/a.conf': Too many levels of symbolic links [unreadable-file]\n");
    const auto self = tree.path + "/self.conf";
    std::filesystem::create_symlink(self, self);
    CHECK(check(self, {}) ==
          self + ":1:1: error: cannot read '" + self + "': Too many levels of symbolic links [unreadable-file]\n");
}

TEST_CASE("FIFOs and devices are refused at the include directive without blocking")
{
    const temp_directory tree;
    REQUIRE(::mkfifo((tree.path + "/fifo.conf").c_str(), 0600) == 0);
    const auto main =
        tree.write("ecelerity.conf", "include \"fifo.conf\"\ninclude \"/dev/zero\"\ninclude \"/dev/null\"\n");
    CHECK(
        check(main, {}) ==
        main + ":1:9: error: cannot read included file '" + tree.path +
            "/fifo.conf': not a regular file (device, FIFO or socket) [unreadable-file]\n" + main +
            ":2:9: error: cannot read included file '/dev/zero': not a regular file (device, FIFO or socket) [unreadable-file]\n" +
            main +
            ":3:9: error: cannot read included file '/dev/null': not a regular file (device, FIFO or socket) [unreadable-file]\n");
}

TEST_CASE("/proc and /sys files are refused, never read as empty")
{
    const temp_directory tree;
    const auto main = tree.write("ecelerity.conf", "include \"/proc/self/status\"\ninclude \"/proc/self/cmdline\"\n");
    const std::string reason =
        "a file of /proc, /sys or another pseudo file system, whose size is not its content [unreadable-file]\n";
    CHECK(check(main, {}) == main + ":1:9: error: cannot read included file '/proc/self/status': " + reason + main +
                                 ":2:9: error: cannot read included file '/proc/self/cmdline': " + reason);
    CHECK(check("/proc/self/status", {}) == "/proc/self/status:1:1: error: cannot read '/proc/self/status': " + reason);
    if (std::filesystem::is_regular_file("/sys/kernel/mm/transparent_hugepage/enabled"))
        CHECK(check("/sys/kernel/mm/transparent_hugepage/enabled", {}).find(reason) != std::string::npos);
    // Through a symbolic link the file is still what it is.
    std::filesystem::create_symlink("/proc/self/environ", tree.path + "/env.conf");
    CHECK(check(tree.path + "/env.conf", {}).find(reason) != std::string::npos);
}

TEST_CASE("--include-root: a symbolic link into a directory deeper than PATH_MAX does not lead out")
{
    const temp_directory tree, deep;
    // 18 directories of 250-byte names, made relative to a descriptor: their absolute path is longer
    // than PATH_MAX, as git clone can make it. S leads to the 9th, whose link M leads to the 18th.
    const std::string name(250, 'd');
    std::string first_half = deep.path, second_half;
    int directory = ::open(deep.path.c_str(), O_DIRECTORY | O_CLOEXEC);
    for (int level = 1; level <= 18; ++level) {
        REQUIRE(::mkdirat(directory, name.c_str(), 0755) == 0);
        const int next = ::openat(directory, name.c_str(), O_DIRECTORY | O_CLOEXEC);
        ::close(directory);
        directory = next;
        if (level <= 9) first_half += "/" + name;
        else
            second_half += (second_half.empty() ? "" : "/") + name;
    }
    REQUIRE(deep.path.size() + std::size_t{18} * 251 > PATH_MAX);
    REQUIRE(::symlinkat("/etc", directory, "U") == 0);
    ::close(directory);
    REQUIRE(::symlink(second_half.c_str(), (first_half + "/M").c_str()) == 0);
    REQUIRE(::symlink(first_half.c_str(), (tree.path + "/S").c_str()) == 0);
    const auto main = tree.write("ecelerity.conf", "include \"S/M/U/passwd\"\n");
    const auto report = check(main, {tree.path});
    CHECK(report ==
          main + ":1:9: error: include of '" + tree.path +
              "/S/M/U/passwd' refused: it lies outside the include roots (--include-root) [include-outside-root]\n");
    CHECK(report.find("root:") == std::string::npos);
    CHECK(check(main, {}).find("root:") != std::string::npos);  // the same path, unconfined, reaches /etc/passwd
}

TEST_CASE("--include-root: a link swapped while the check runs never leads out (bounded race)")
{
    const temp_directory tree, outside;
    const auto secret = outside.write("secret.conf", "outside_marker_7f3 = 1\n");
    const auto inside = tree.write("inside.conf", "max_outbound_connections = 5\n");
    const auto main = tree.write("ecelerity.conf", "include \"current.conf\"\n");
    REQUIRE(::symlink(inside.c_str(), (tree.path + "/current.conf").c_str()) == 0);
    std::atomic<bool> stop{false};
    // Swaps the link atomically between the inside file and the outside one, as fast as it can.
    std::thread swapper([&] {
        for (bool out = true; !stop; out = !out) {
            const auto next = tree.path + "/next.conf";
            ::unlink(next.c_str());
            if (::symlink((out ? secret : inside).c_str(), next.c_str()) == 0)
                ::rename(next.c_str(), (tree.path + "/current.conf").c_str());
        }
    });
    std::size_t refused = 0, read_inside = 0, leaked = 0;
    for (int i = 0; i < 400; ++i) {
        const auto report = check(main, {tree.path});
        if (report.find("outside_marker_7f3") != std::string::npos) ++leaked;
        else if (report.find("[include-outside-root]") != std::string::npos)
            ++refused;
        else if (report.empty())
            ++read_inside;
    }
    stop = true;
    swapper.join();
    CHECK(leaked == 0);
    CHECK(refused + read_inside > 0);
}

TEST_CASE("--include-root: what a refusal says reveals nothing about the outside")
{
    const temp_directory tree, outside;
    outside.write("exists.conf", "connect_timeout = 30\n");
    const auto main = tree.write("ecelerity.conf", "include \"" + outside.path + "/exists.conf\"\ninclude \"" +
                                                       outside.path + "/absent.conf\"\n");
    CHECK(check(main, {tree.path}) ==
          main + ":1:9: error: include of '" + outside.path +
              "/exists.conf' refused: it lies outside the include roots (--include-root) [include-outside-root]\n" +
              main + ":2:9: error: include of '" + outside.path +
              "/absent.conf' refused: it lies outside the include roots (--include-root) [include-outside-root]\n");
    // A search-path directory outside the roots is not looked in, and not named.
    check_options options;
    options.load.search_path = {outside.path};
    const auto relative = tree.write("relative.conf", "include \"exists.conf\"\n");
    const auto result = check_files({relative}, real_file_system({tree.path}), options);
    std::ostringstream out;
    write_report(out, result->sources, result->diagnostics, {output_format::gcc});
    CHECK(out.str() == relative + ":1:9: error: cannot find 'exists.conf' to include (looked in " + tree.path +
                           "; 1 outside the include roots not searched) [include-not-found]\n");
}

TEST_CASE("--include-root confines main files too: a directory argument's *.conf links, and /proc")
{
    const temp_directory tree, outside;
    const auto secret = outside.write("secret.conf", "outside_marker_7f3 = 1\n");
    REQUIRE(::symlink(secret.c_str(), (tree.path + "/a.conf").c_str()) == 0);
    const auto result = test::run_check("--format gcc --include-root " + tree.path + " " + tree.path);
    CHECK(result.out == tree.path + "/a.conf:1:1: error: cannot read '" + tree.path +
                            "/a.conf': it lies outside the include roots (--include-root) [include-outside-root]\n");
    CHECK(result.exit_code == 2);
    // A magic link of /proc is refused with or without roots: /proc is never walked through.
    CHECK(
        check("/proc/self/exe", {}) ==
        "/proc/self/exe:1:1: error: cannot read '/proc/self/exe': a file of /proc, /sys or another pseudo file system, whose size is not its content [unreadable-file]\n");
}

TEST_CASE("--include-root with an empty or missing directory is a usage error, never an open sandbox")
{
    const temp_directory tree;
    const auto main = tree.write("ecelerity.conf", "max_outbound_connections = 5\n");
    const auto empty = test::run_check("--include-root '' " + main, true);
    CHECK(empty.out == "ecconf-check: an include root is empty (an unset variable?)\n");
    CHECK(empty.exit_code == 3);
    const auto missing = test::run_check("--include-root " + tree.path + "/none " + main, true);
    CHECK(missing.out == "ecconf-check: cannot use include root '" + tree.path + "/none': No such file or directory\n");
    CHECK(missing.exit_code == 3);
}

namespace {

// Files in memory whose directories cannot be listed, as a directory with mode 000 or one renamed
// away during the run.
class unlistable_directories final : public file_system {
public:
    explicit unlistable_directories(const memory_file_system& files) : files_(files) {}
    [[nodiscard]] file_status stat(const std::string& path) const override { return files_.stat(path); }
    [[nodiscard]] file_content read(const std::string& path, std::uint64_t max_size) const override
    {
        auto content = files_.read(path, max_size);
        if (content.status.kind == file_kind::directory) content.status.error = "Permission denied";
        return content;
    }

private:
    const memory_file_system& files_;
};

}  // namespace

TEST_CASE("an included directory that cannot be listed is reported, never taken as empty")
{
    memory_file_system memory;
    memory.add("/t/ecelerity.conf", "include \"conf.d\"\n");
    memory.add("/t/conf.d/a.conf", "user = root\n");
    const auto result = check_files({"/t/ecelerity.conf"}, unlistable_directories(memory), {});
    std::ostringstream out;
    write_report(out, result->sources, result->diagnostics, {output_format::gcc});
    CHECK(
        out.str() ==
        "/t/ecelerity.conf:1:9: error: cannot list included directory '/t/conf.d': Permission denied [unreadable-file]\n");
}
