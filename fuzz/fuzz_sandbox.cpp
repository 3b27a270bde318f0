// libFuzzer target for the include sandbox on the real file system: the input becomes a tree of
// files, directories and symbolic links in a fresh temporary directory, checked with --include-root
// on its `root` folder. Beside it, `outside` holds a file with a marker; the oracle: no file ecconf
// read holds the marker or a line of /etc/passwd, whatever links the input makes.
//
// Input layout: entries separated by lines "%%%%"; each entry's first line is a path below root/
// (or below outside/ when it starts with "../outside/"), the rest its content; a content that starts
// with "@link " makes a symbolic link to the rest of that line instead. The first entry is the main file.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

#include "ecconf/check.hpp"
#include "fuzz_support.hpp"

namespace {

namespace fs = std::filesystem;

constexpr std::string_view marker = "outside_marker_5d1";

// A path of the input, kept inside the temporary directory: no absolute path, no `..` but the
// leading "../outside/".
std::string confined(std::string_view written)
{
    std::string path;
    const bool outside = written.rfind("../outside/", 0) == 0;
    if (outside) written.remove_prefix(3);
    for (std::size_t p = 0; p < written.size();) {
        const auto slash = std::min(written.find('/', p), written.size());
        const auto part = written.substr(p, slash - p);
        if (!part.empty() && part != "." && part != ".." && part.find('\0') == std::string_view::npos)
            path += (path.empty() ? "" : "/") + std::string(part.substr(0, 64));
        p = slash + 1;
    }
    if (path.empty()) path = "ecelerity.conf";
    return (outside ? "outside/" : "root/") + path;
}

struct temporary_tree {
    std::string path;
    temporary_tree()
    {
        char name[] = "/tmp/ecconf-fuzz-XXXXXX";
        path = ::mkdtemp(name);
        fs::create_directories(path + "/root");
        fs::create_directories(path + "/outside");
        std::ofstream(path + "/outside/secret.conf") << marker << " = 1\n";
    }
    ~temporary_tree()
    {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

std::string build(const temporary_tree& tree, std::string_view input)
{
    constexpr std::string_view separator = "\n%%%%\n";
    std::string main;
    for (int entry = 0; entry < 16 && !input.empty(); ++entry) {
        const auto cut = input.find(separator);
        auto text = input.substr(0, cut);
        input = cut == std::string_view::npos ? std::string_view{} : input.substr(cut + separator.size());
        const auto newline = text.find('\n');
        const auto path = tree.path + "/" + confined(text.substr(0, newline));
        const auto content = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
        std::error_code ignored;
        fs::create_directories(fs::path(path).parent_path(), ignored);
        if (content.rfind("@link ", 0) == 0) {
            const auto target = content.substr(6, content.find('\n') - 6);
            fs::create_symlink(std::string(target), path, ignored);
        }
        else {
            std::ofstream(path, std::ios::binary) << content;
        }
        if (main.empty()) main = path;
    }
    return main.empty() ? tree.path + "/root/ecelerity.conf" : main;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const temporary_tree tree;
    const auto main = build(tree, std::string_view(reinterpret_cast<const char*>(data), size));
    ecconf::check_options options;
    options.load.search_path = {tree.path + "/root", tree.path + "/outside", "/etc"};
    options.load.max_files = 256;
    const ecconf::real_file_system files({tree.path + "/root"});
    auto result = ecconf::check_files({main}, files, options);
    for (ecconf::file_id id = 0; id < result->sources.file_count(); ++id) {
        const auto bytes = result->sources.file(id).bytes();
        ecconf::fuzz::expect(bytes.find(marker) == std::string_view::npos, "a file outside the include root was read",
                             result->sources.file(id).path());
        ecconf::fuzz::expect(bytes.find("root:x:0:0:") == std::string_view::npos, "/etc/passwd was read",
                             result->sources.file(id).path());
    }
    ecconf::fuzz::check_outputs(*result);
    return 0;
}
