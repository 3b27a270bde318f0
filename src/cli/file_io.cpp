#include "file_io.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ecconf::cli {

std::string read_stdin(std::uint64_t max_size)
{
    std::string bytes;
    std::array<char, 65536> buffer{};
    while (bytes.size() <= max_size) {
        const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), max_size + 1 - bytes.size()));
        const auto got = ::read(STDIN_FILENO, buffer.data(), want);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) throw std::runtime_error(std::string("cannot read standard input: ") + std::strerror(errno));
        if (got == 0) break;
        bytes.append(buffer.data(), static_cast<std::size_t>(got));
    }
    return bytes;
}

std::string replace_file(const std::string& path, const std::string& bytes, replace_mode mode)
{
    std::string target = path;
    struct stat kept {};
    if (mode == replace_mode::keep) {
        const std::unique_ptr<char, decltype(&std::free)> resolved(::realpath(path.c_str(), nullptr), &std::free);
        if (!resolved || ::stat(resolved.get(), &kept) != 0) return std::strerror(errno);
        target = resolved.get();
    }
    const auto slash = target.rfind('/');
    std::string temporary =
        (slash == std::string::npos ? std::string() : target.substr(0, slash + 1)) + ".ecconf-XXXXXX";
    const int fd = ::mkostemp(temporary.data(), O_CLOEXEC);
    if (fd < 0) return std::strerror(errno);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const auto wrote = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote <= 0) break;
        done += static_cast<std::size_t>(wrote);
    }
    int error = done == bytes.size() ? 0 : (errno != 0 ? errno : EIO);
    if (mode == replace_mode::keep && error == 0 && ::fchown(fd, kept.st_uid, kept.st_gid) != 0) {
        // Not allowed to give the file away (not root): acceptable only when nothing would change.
        struct stat mine {};
        if (::fstat(fd, &mine) != 0 || mine.st_uid != kept.st_uid || mine.st_gid != kept.st_gid) error = errno;
    }
    // After fchown, which may clear the set-user-ID and set-group-ID bits.
    const mode_t permissions = mode == replace_mode::keep ? kept.st_mode & 07777 : 0644;
    if (error == 0 && ::fchmod(fd, permissions) != 0) error = errno;
    if (::close(fd) != 0 && error == 0) error = errno;
    if (error == 0 && ::rename(temporary.c_str(), target.c_str()) != 0) error = errno;
    if (error != 0) {
        ::unlink(temporary.c_str());
        return std::strerror(error);
    }
    return {};
}

}  // namespace ecconf::cli
