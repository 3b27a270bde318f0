#include "ecconf/file_system.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

namespace ecconf {
namespace {

std::string error_text(int error) { return std::strerror(error); }

// Closes the descriptor on every path out of read().
struct descriptor {
    int fd;
    ~descriptor()
    {
        if (fd >= 0) ::close(fd);
    }
};

// Pseudo file systems whose files report a size of 0 (or a made-up one) and are produced on read:
// they would parse as empty, or never end.
bool is_pseudo_file_system(int fd)
{
    struct statfs info {};
    if (::fstatfs(fd, &info) != 0) return false;
    switch (static_cast<unsigned long>(info.f_type)) {
    case PROC_SUPER_MAGIC:
    case SYSFS_MAGIC:
    case DEBUGFS_MAGIC:
    case TRACEFS_MAGIC:
    case SECURITYFS_MAGIC:
    case CGROUP_SUPER_MAGIC:
    case CGROUP2_SUPER_MAGIC:
    case BPF_FS_MAGIC:
        return true;
    default:
        return false;
    }
}

}  // namespace

std::string join_path(const std::string& directory, const std::string& relative)
{
    if (relative.empty() || relative.front() == '/' || directory.empty() || directory == ".") return relative;
    return directory.back() == '/' ? directory + relative : directory + "/" + relative;
}

std::string parent_path(const std::string& path)
{
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

file_kind real_file_system::kind(const std::string& path) const
{
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return errno == ENOENT || errno == ENOTDIR ? file_kind::missing : file_kind::other;
    if (S_ISREG(info.st_mode)) return file_kind::regular;
    if (S_ISDIR(info.st_mode)) return file_kind::directory;
    return file_kind::other;
}

std::string real_file_system::canonical(const std::string& path) const
{
    std::error_code error;
    auto resolved = std::filesystem::weakly_canonical(path, error);
    if (!error) return resolved.string();
    // A symbolic-link loop or an unreadable directory: the absolute path without '.' and '..', so
    // that the --include-root check never sees '..' (reading the file fails anyway).
    auto absolute = std::filesystem::absolute(path, error);
    return error ? path : absolute.lexically_normal().string();
}

std::vector<std::string> real_file_system::list_files(const std::string& directory) const
{
    std::vector<std::string> names;
    std::error_code error;
    for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
        auto name = it->path().filename().string();
        if (name.empty() || name.front() == '.' || it->is_directory(error)) continue;
        names.push_back(std::move(name));
    }
    std::sort(names.begin(), names.end());
    return names;
}

read_result real_file_system::read(const std::string& path, std::uint64_t max_size) const
{
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the type check below then refuses it.
    descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)};
    if (file.fd < 0) return {false, {}, error_text(errno)};
    struct stat info {};
    if (::fstat(file.fd, &info) != 0) return {false, {}, error_text(errno)};
    if (S_ISDIR(info.st_mode)) return {false, {}, "is a directory"};
    if (!S_ISREG(info.st_mode)) return {false, {}, "not a regular file (device, FIFO or socket)"};
    if (is_pseudo_file_system(file.fd)) return {false, {}, "a file of /proc, /sys or another pseudo file system, whose size is not its content"};
    if (static_cast<std::uint64_t>(info.st_size) > max_size)
        return {false, {}, "file too large: " + std::to_string(info.st_size) + " bytes, the limit is " + std::to_string(max_size) + " (--max-file-size)", true};
    std::string bytes(static_cast<std::size_t>(info.st_size), '\0');
    std::size_t done = 0;
    while (done < bytes.size()) {
        const auto got = ::read(file.fd, bytes.data() + done, bytes.size() - done);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) return {false, {}, error_text(errno)};
        if (got == 0) break;  // the file shrank while we read it
        done += static_cast<std::size_t>(got);
    }
    bytes.resize(done);
    return {true, std::move(bytes), {}};
}

file_kind memory_file_system::kind(const std::string& path) const
{
    if (files_.count(path)) return file_kind::regular;
    const auto prefix = path.back() == '/' ? path : path + "/";
    const auto below = files_.lower_bound(prefix);
    return below != files_.end() && below->first.compare(0, prefix.size(), prefix) == 0 ? file_kind::directory : file_kind::missing;
}

std::string memory_file_system::canonical(const std::string& path) const
{
    return std::filesystem::path(path).lexically_normal().string();
}

std::vector<std::string> memory_file_system::list_files(const std::string& directory) const
{
    const auto prefix = directory.back() == '/' ? directory : directory + "/";
    std::vector<std::string> names;
    for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
        const auto name = it->first.substr(prefix.size());
        if (name.find('/') == std::string::npos && name.front() != '.') names.push_back(name);
    }
    return names;
}

read_result memory_file_system::read(const std::string& path, std::uint64_t max_size) const
{
    const auto it = files_.find(path);
    if (it == files_.end()) return {false, {}, kind(path) == file_kind::directory ? "is a directory" : error_text(ENOENT)};
    if (it->second.size() > max_size)
        return {false, {}, "file too large: " + std::to_string(it->second.size()) + " bytes, the limit is " + std::to_string(max_size) + " (--max-file-size)", true};
    return {true, it->second, {}};
}

}  // namespace ecconf
