#include "ecconf/file_system.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <filesystem>
#include <stdexcept>
#include <utility>

#include <dirent.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

namespace ecconf {
namespace {

constexpr int max_symbolic_links = 40;  // as the kernel's own path walk (ELOOP)

std::string error_text(int error) { return std::strerror(error); }

// Closes the descriptor it owns on every path out.
class descriptor {
public:
    explicit descriptor(int fd = -1) noexcept : fd_(fd) {}
    descriptor(descriptor&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    descriptor& operator=(descriptor&& other) noexcept
    {
        std::swap(fd_, other.fd_);
        return *this;
    }
    descriptor(const descriptor&) = delete;
    descriptor& operator=(const descriptor&) = delete;
    ~descriptor()
    {
        if (fd_ >= 0) ::close(fd_);
    }
    [[nodiscard]] int get() const noexcept { return fd_; }
    int release() noexcept { return std::exchange(fd_, -1); }

private:
    int fd_;
};

// Pseudo file systems whose files report a size of 0 (or a made-up one) and are produced on read,
// and whose directories hold magic links (/proc/self/exe) that lead anywhere.
bool is_pseudo_file_system(int fd)
{
    struct statfs info {};
    if (::fstatfs(fd, &info) != 0) return true;  // fail closed
    switch (static_cast<unsigned long>(info.f_type)) {
    case PROC_SUPER_MAGIC:
    case SYSFS_MAGIC:
    case DEBUGFS_MAGIC:
    case TRACEFS_MAGIC:
    case SECURITYFS_MAGIC:
    case CGROUP_SUPER_MAGIC:
    case CGROUP2_SUPER_MAGIC:
    case BPF_FS_MAGIC: return true;
    default: return false;
    }
}

constexpr const char* pseudo_file_error =
    "a file of /proc, /sys or another pseudo file system, whose size is not its content";
constexpr const char* outside_error = "it lies outside the include roots (--include-root)";

std::vector<std::string> components_of(std::string_view path)
{
    std::vector<std::string> components;
    for (std::size_t p = 0; p < path.size();) {
        const auto slash = std::min(path.find('/', p), path.size());
        const auto part = path.substr(p, slash - p);
        if (!part.empty() && part != ".") components.emplace_back(part);
        p = slash + 1;
    }
    return components;
}

file_identity identity_of(const struct stat& info)
{
    return {static_cast<std::uint64_t>(info.st_dev), static_cast<std::uint64_t>(info.st_ino)};
}

file_kind kind_of(const struct stat& info)
{
    if (S_ISREG(info.st_mode)) return file_kind::regular;
    if (S_ISDIR(info.st_mode)) return file_kind::directory;
    return file_kind::other;
}

// Where a resolved path ends: the directory that holds it, its name there, and what it is.
struct resolved {
    file_status status;
    descriptor parent;  // absent when the path is a root itself
    std::string name;
    struct stat info {};
};

resolved refusal(file_kind kind, std::string error)
{
    resolved r;
    r.status.kind = kind;
    r.status.error = std::move(error);
    return r;
}

// Walks a path from the descriptor of a root, one component at a time, never letting the kernel
// follow a symbolic link: each link is read and its target walked in turn, so that every directory
// passed through is known to lie inside a root.
class path_walker {
public:
    path_walker(const std::vector<real_file_system::root>& roots, bool confined) : roots_(roots), confined_(confined) {}

    resolved walk(std::vector<std::string> absolute)
    {
        std::deque<std::string> pending;
        if (!enter_root(std::move(absolute), pending)) return refusal(file_kind::outside_root, outside_error);
        int links = 0;
        while (!pending.empty()) {
            auto name = std::move(pending.front());
            pending.pop_front();
            if (name == "..") {
                if (!climb(pending)) return refusal(file_kind::outside_root, outside_error);
                continue;
            }
            descriptor next{::openat(top(), name.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC)};
            if (next.get() < 0) {
                const auto error = errno;
                return refusal(error == ENOENT || error == ENOTDIR ? file_kind::missing : file_kind::other,
                               error_text(error));
            }
            struct stat info {};
            if (::fstat(next.get(), &info) != 0) return refusal(file_kind::other, error_text(errno));
            if (S_ISLNK(info.st_mode)) {
                if (++links > max_symbolic_links) return refusal(file_kind::other, error_text(ELOOP));
                if (!follow_link(next.get(), pending)) return refusal(file_kind::outside_root, outside_error);
                continue;
            }
            if (is_pseudo_file_system(next.get())) return refusal(file_kind::other, pseudo_file_error);
            if (!pending.empty()) {
                if (!S_ISDIR(info.st_mode)) return refusal(file_kind::missing, error_text(ENOTDIR));
                directories_.push_back(std::move(next));
                names_.push_back(std::move(name));
                continue;
            }
            resolved r;
            r.info = info;
            r.status.kind = kind_of(info);
            r.status.identity = identity_of(info);
            if (r.status.kind == file_kind::other) r.status.error = "not a regular file (device, FIFO or socket)";
            r.parent = descriptor{::fcntl(top(), F_DUPFD_CLOEXEC, 0)};
            r.name = std::move(name);
            return r;
        }
        // The path names a directory reached by climbing or a root itself.
        resolved r;
        if (::fstat(top(), &r.info) != 0) return refusal(file_kind::other, error_text(errno));
        r.status.kind = file_kind::directory;
        r.status.identity = identity_of(r.info);
        r.parent = descriptor{::fcntl(top(), F_DUPFD_CLOEXEC, 0)};
        r.name = ".";
        return r;
    }

private:
    [[nodiscard]] int top() const
    {
        return directories_.empty() ? roots_[root_].descriptor : directories_.back().get();
    }

    // Starts over from the root that an absolute path lies in; false when it lies in none.
    bool enter_root(std::vector<std::string> absolute, std::deque<std::string>& pending)
    {
        directories_.clear();
        names_.clear();
        for (std::size_t i = 0; i < roots_.size(); ++i) {
            const auto& prefix = roots_[i].components;
            if (prefix.size() > absolute.size() || !std::equal(prefix.begin(), prefix.end(), absolute.begin()))
                continue;
            root_ = i;
            pending.insert(pending.begin(), absolute.begin() + static_cast<std::ptrdiff_t>(prefix.size()),
                           absolute.end());
            return true;
        }
        return false;
    }

    // `..`: one directory up, which at a root means its absolute parent, inside another root or outside.
    bool climb(std::deque<std::string>& pending)
    {
        if (!directories_.empty()) {
            directories_.pop_back();
            names_.pop_back();
            return true;
        }
        const auto& root = roots_[root_].components;
        if (root.empty()) return true;  // `/..` is `/`
        if (!confined_) return false;
        std::vector<std::string> absolute(root.begin(), root.end() - 1);
        absolute.insert(absolute.end(), pending.begin(), pending.end());
        pending.clear();
        return enter_root(std::move(absolute), pending);
    }

    bool follow_link(int link, std::deque<std::string>& pending)
    {
        std::string target(4096, '\0');
        for (;;) {
            const auto length = ::readlinkat(link, "", target.data(), target.size());
            if (length < 0) return false;
            if (static_cast<std::size_t>(length) < target.size()) {
                target.resize(static_cast<std::size_t>(length));
                break;
            }
            target.resize(target.size() * 2);
        }
        auto parts = components_of(target);
        if (!target.empty() && target.front() == '/') {
            parts.insert(parts.end(), pending.begin(), pending.end());
            pending.clear();
            return enter_root(std::move(parts), pending);
        }
        pending.insert(pending.begin(), parts.begin(), parts.end());
        return true;
    }

    const std::vector<real_file_system::root>& roots_;
    bool confined_;
    std::size_t root_ = 0;
    std::vector<descriptor> directories_;  // below the root, innermost last
    std::vector<std::string> names_;
};

// Opens what the walk resolved for reading, and checks that it is still the file that was checked.
descriptor open_resolved(const resolved& r, int flags, std::string& error)
{
    descriptor file{
        ::openat(r.parent.get(), r.name.c_str(), flags | O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)};
    struct stat info {};
    if (file.get() < 0 || ::fstat(file.get(), &info) != 0) {
        error = error_text(errno);
        return descriptor{};
    }
    if (!(identity_of(info) == identity_of(r.info))) {
        error = "the file changed while it was being read";
        return descriptor{};
    }
    return file;
}

void read_bytes(int fd, const struct stat& info, file_content& content)
{
    content.bytes.assign(static_cast<std::size_t>(info.st_size), '\0');
    std::size_t done = 0;
    while (done < content.bytes.size()) {
        const auto got = ::read(fd, content.bytes.data() + done, content.bytes.size() - done);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            content.status.error = error_text(errno);
            content.bytes.clear();
            return;
        }
        if (got == 0) break;  // the file shrank while we read it
        done += static_cast<std::size_t>(got);
    }
    content.bytes.resize(done);
}

// Names of the directory's entries; subdirectories are left out (a directory include reads files).
void list_entries(descriptor directory, file_content& content)
{
    DIR* stream = ::fdopendir(directory.get());
    if (!stream) {
        content.status.error = error_text(errno);
        return;
    }
    const int fd = directory.release();
    for (;;) {
        errno = 0;
        const auto* entry = ::readdir(stream);
        if (!entry) break;
        const std::string name = entry->d_name;
        if (name.empty() || name.front() == '.') continue;
        bool is_directory = entry->d_type == DT_DIR;
        if (entry->d_type == DT_UNKNOWN) {
            struct stat info {};
            is_directory = ::fstatat(fd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(info.st_mode);
        }
        if (!is_directory) content.entries.push_back(name);
    }
    if (errno != 0) content.status.error = error_text(errno);
    ::closedir(stream);
    std::sort(content.entries.begin(), content.entries.end());
}

std::vector<std::string> current_directory()
{
    std::string buffer(4096, '\0');
    while (::getcwd(buffer.data(), buffer.size()) == nullptr) {
        if (errno != ERANGE) throw std::runtime_error("cannot determine the working directory: " + error_text(errno));
        buffer.resize(buffer.size() * 2);
    }
    return components_of(buffer.c_str());
}

}  // namespace

void overlay_file_system::set(const std::string& path, std::string bytes) { buffers_[path] = std::move(bytes); }

file_status overlay_file_system::stat(const std::string& path) const
{
    const auto buffer = buffers_.find(path);
    if (buffer == buffers_.end()) return base_->stat(path);
    const auto number = static_cast<std::uint64_t>(std::distance(buffers_.begin(), buffer));
    return {file_kind::regular, {~std::uint64_t{0}, number}, {}};
}

file_content overlay_file_system::read(const std::string& path, std::uint64_t max_size) const
{
    const auto buffer = buffers_.find(path);
    if (buffer == buffers_.end()) return base_->read(path, max_size);
    return in_memory_content(stat(path), buffer->second, max_size);
}

std::string too_large_message(std::uint64_t size, std::uint64_t limit)
{
    return "file too large: " + std::to_string(size) + " bytes, the limit is " + std::to_string(limit) +
           " (--max-file-size)";
}

file_content in_memory_content(file_status status, std::string_view bytes, std::uint64_t max_size)
{
    file_content content;
    content.status = std::move(status);
    if (bytes.size() > max_size) {
        content.status.error = too_large_message(bytes.size(), max_size);
        content.too_large = true;
        return content;
    }
    content.bytes = bytes;
    return content;
}

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

real_file_system::real_file_system() : working_directory_(current_directory()), confined_(false)
{
    const int fd = ::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("cannot open '/': " + error_text(errno));
    descriptors_.push_back(fd);
    roots_.push_back(root{{}, fd});
}

real_file_system::real_file_system(const std::vector<std::string>& include_roots)
    : working_directory_(current_directory()), confined_(true)
{
    if (include_roots.empty()) throw std::invalid_argument("no include root named");
    for (const auto& given : include_roots) {
        if (given.empty()) throw std::invalid_argument("an include root is empty (an unset variable?)");
        const int fd = ::open(given.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) throw std::invalid_argument("cannot use include root '" + given + "': " + error_text(errno));
        descriptors_.push_back(fd);
        std::error_code error;
        const auto canonical = std::filesystem::canonical(given, error);
        if (error) throw std::invalid_argument("cannot use include root '" + given + "': " + error.message());
        roots_.push_back(root{components_of(canonical.string()), fd});
        // Paths are also matched against the root as written, when that spelling has no `..` to mislead.
        auto as_given = given.front() == '/' ? components_of(given) : working_directory_;
        if (given.front() != '/') {
            const auto relative = components_of(given);
            as_given.insert(as_given.end(), relative.begin(), relative.end());
        }
        if (std::find(as_given.begin(), as_given.end(), "..") == as_given.end() && as_given != roots_.back().components)
            roots_.push_back(root{std::move(as_given), fd});
    }
}

real_file_system::~real_file_system()
{
    for (const auto fd : descriptors_) ::close(fd);
}

namespace {

resolved resolve(const std::string& path, const std::vector<real_file_system::root>& roots,
                 const std::vector<std::string>& cwd, bool confined)
{
    if (path.empty()) return refusal(file_kind::missing, error_text(ENOENT));
    if (path.find('\0') != std::string::npos) return refusal(file_kind::other, "the path holds a NUL byte");
    auto absolute = path.front() == '/' ? std::vector<std::string>{} : cwd;
    const auto parts = components_of(path);
    absolute.insert(absolute.end(), parts.begin(), parts.end());
    return path_walker(roots, confined).walk(std::move(absolute));
}

}  // namespace

file_status real_file_system::stat(const std::string& path) const
{
    return resolve(path, roots_, working_directory_, confined_).status;
}

file_content real_file_system::read(const std::string& path, std::uint64_t max_size) const
{
    auto r = resolve(path, roots_, working_directory_, confined_);
    file_content content;
    content.status = r.status;
    if (!content.ok()) return content;
    if (r.status.kind == file_kind::directory) {
        auto directory = open_resolved(r, O_DIRECTORY, content.status.error);
        if (content.ok()) list_entries(std::move(directory), content);
        return content;
    }
    if (static_cast<std::uint64_t>(r.info.st_size) > max_size) {
        content.status.error = too_large_message(static_cast<std::uint64_t>(r.info.st_size), max_size);
        content.too_large = true;
        return content;
    }
    const auto file = open_resolved(r, 0, content.status.error);
    if (content.ok()) read_bytes(file.get(), r.info, content);
    return content;
}

void memory_file_system::add(const std::string& path, std::string bytes)
{
    const auto number = files_.size() + 1;
    auto& slot = files_[path];
    slot.bytes = std::move(bytes);
    if (slot.number == 0) slot.number = number;
}

file_status memory_file_system::stat(const std::string& path) const
{
    const auto normal = std::filesystem::path(path).lexically_normal().string();
    if (const auto it = files_.find(normal); it != files_.end())
        return {file_kind::regular, {0, it->second.number}, {}};
    const auto prefix = !normal.empty() && normal.back() == '/' ? normal : normal + "/";
    const auto below = files_.lower_bound(prefix);
    if (below != files_.end() && below->first.compare(0, prefix.size(), prefix) == 0)
        return {file_kind::directory, {}, {}};
    return {file_kind::missing, {}, error_text(ENOENT)};
}

file_content memory_file_system::read(const std::string& path, std::uint64_t max_size) const
{
    file_content content;
    content.status = stat(path);
    if (content.status.kind == file_kind::directory) {
        const auto normal = std::filesystem::path(path).lexically_normal().string();
        const auto prefix = normal.back() == '/' ? normal : normal + "/";
        for (auto it = files_.lower_bound(prefix);
             it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
            const auto name = it->first.substr(prefix.size());
            if (name.find('/') == std::string::npos && name.front() != '.') content.entries.push_back(name);
        }
        return content;
    }
    if (!content.ok()) return content;
    return in_memory_content(content.status, files_.at(std::filesystem::path(path).lexically_normal().string()).bytes,
                             max_size);
}

}  // namespace ecconf
