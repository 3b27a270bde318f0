// The include sandbox (--include-root) and the files that must never be read: symbolic-link loops,
// FIFOs, devices and pseudo files of /proc and /sys. Real temporary directories, no fakes.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <sys/stat.h>
#include <unistd.h>

#include "ecconf/check.hpp"
#include "ecconf/report.hpp"
#include "support/run_command.hpp"

using namespace ecconf;

namespace {

// A fresh temporary directory, removed with everything below it.
struct temp_directory {
    std::string path;
    temp_directory()
    {
        char name[] = "/tmp/ecconf-sandbox-XXXXXX";
        path = std::filesystem::canonical(::mkdtemp(name)).string();
    }
    ~temp_directory()
    {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    std::string write(const std::string& relative, const std::string& bytes) const
    {
        const auto file = path + "/" + relative;
        std::filesystem::create_directories(std::filesystem::path(file).parent_path());
        std::ofstream(file, std::ios::binary) << bytes;
        return file;
    }
};

// The gcc-style report of a check with the given include roots.
std::string check(const std::string& main, const std::vector<std::string>& roots)
{
    check_options options;
    options.load.search_path = {std::filesystem::path(main).parent_path().string()};
    options.load.include_roots = roots;
    const auto result = check_files({main}, real_file_system{}, options);
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
        CHECK(check(main, {tree.path}) == main + ":1:9: error: include of '" + outside.path + "/secret.conf' refused: it resolves to '" + outside.path +
                                               "/secret.conf', outside the allowed include roots (" + tree.path + ") (--include-root) [include-outside-root]\n");
    }
    SUBCASE("'..' out of the root")
    {
        const auto main = tree.write("ecelerity.conf", "include \"../" + std::filesystem::path(outside.path).filename().string() + "/secret.conf\"\n");
        CHECK(check(main, {tree.path}).find("resolves to '" + outside.path + "/secret.conf', outside the allowed include roots") != std::string::npos);
    }
    SUBCASE("a symbolic link inside the root that points outside")
    {
        std::filesystem::create_symlink(outside.path + "/secret.conf", tree.path + "/conf.d/link.conf");
        const auto main = tree.write("ecelerity.conf", "include \"conf.d/link.conf\"\n");
        CHECK(check(main, {tree.path}) == main + ":1:9: error: include of '" + tree.path + "/conf.d/link.conf' refused: it resolves to '" + outside.path +
                                               "/secret.conf', outside the allowed include roots (" + tree.path + ") (--include-root) [include-outside-root]\n");
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
        const auto main = tree.write("ecelerity.conf", "include \"conf.d/a.conf\"\ninclude \"" + outside.path + "/secret.conf\"\n");
        CHECK(check(main, {outside.path + "/tree-link"}).find("1:9") == std::string::npos);
        CHECK(check(main, {tree.path, outside.path}) == "");
    }
    SUBCASE("a root that is a prefix of another directory's name does not admit it")
    {
        const auto main = tree.write("ecelerity.conf", "include \"" + tree.path + "-x/a.conf\"\n");
        tree.write("../" + std::filesystem::path(tree.path).filename().string() + "-x/a.conf", "max_outbound_connections = 5\n");
        CHECK(check(main, {tree.path}).find("outside the allowed include roots") != std::string::npos);
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
    CHECK(test::run_check("--include-root " + tree.path + " --include-root " + outside.path + " " + main).exit_code == 0);
}

TEST_CASE("a symbolic-link loop is unreadable, never followed forever")
{
    const temp_directory tree;
    std::filesystem::create_symlink(tree.path + "/b.conf", tree.path + "/a.conf");
    std::filesystem::create_symlink(tree.path + "/a.conf", tree.path + "/b.conf");
    const auto main = tree.write("ecelerity.conf", "include \"a.conf\"\n");
    CHECK(check(main, {}) == main + ":1:9: error: cannot read included file '" + tree.path + "/a.conf': Too many levels of symbolic links [unreadable-file]\n");
    CHECK(check(main, {tree.path}) == main + ":1:9: error: cannot read included file '" + tree.path + "/a.conf': Too many levels of symbolic links [unreadable-file]\n");
    const auto self = tree.path + "/self.conf";
    std::filesystem::create_symlink(self, self);
    CHECK(check(self, {}) == self + ":1:1: error: cannot read '" + self + "': Too many levels of symbolic links [unreadable-file]\n");
}

TEST_CASE("FIFOs and devices are refused at the include directive without blocking")
{
    const temp_directory tree;
    REQUIRE(::mkfifo((tree.path + "/fifo.conf").c_str(), 0600) == 0);
    const auto main = tree.write("ecelerity.conf", "include \"fifo.conf\"\ninclude \"/dev/zero\"\ninclude \"/dev/null\"\n");
    CHECK(check(main, {}) == main + ":1:9: error: cannot read included file '" + tree.path + "/fifo.conf': not a regular file (device, FIFO or socket) [unreadable-file]\n" +
                                 main + ":2:9: error: cannot read included file '/dev/zero': not a regular file (device, FIFO or socket) [unreadable-file]\n" +
                                 main + ":3:9: error: cannot read included file '/dev/null': not a regular file (device, FIFO or socket) [unreadable-file]\n");
}

TEST_CASE("/proc and /sys files are refused, never read as empty")
{
    const temp_directory tree;
    const auto main = tree.write("ecelerity.conf", "include \"/proc/self/status\"\ninclude \"/proc/self/cmdline\"\n");
    const std::string reason = "a file of /proc, /sys or another pseudo file system, whose size is not its content [unreadable-file]\n";
    CHECK(check(main, {}) == main + ":1:9: error: cannot read included file '/proc/self/status': " + reason + main +
                                 ":2:9: error: cannot read included file '/proc/self/cmdline': " + reason);
    CHECK(check("/proc/self/status", {}) == "/proc/self/status:1:1: error: cannot read '/proc/self/status': " + reason);
    if (std::filesystem::is_regular_file("/sys/kernel/mm/transparent_hugepage/enabled"))
        CHECK(check("/sys/kernel/mm/transparent_hugepage/enabled", {}).find(reason) != std::string::npos);
    // Through a symbolic link the file is still what it is.
    std::filesystem::create_symlink("/proc/self/environ", tree.path + "/env.conf");
    CHECK(check(tree.path + "/env.conf", {}).find(reason) != std::string::npos);
}
