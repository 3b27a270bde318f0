#pragma once
/// Where configuration files come from: the real file system, or memory (tests, fuzzing).

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ecconf {

enum class file_kind { missing, regular, directory, other };

struct read_result {
    bool ok = false;
    std::string bytes;
    std::string error;  ///< why the file could not be read, when !ok
    bool too_large = false;
};

class file_system {
public:
    virtual ~file_system() = default;
    [[nodiscard]] virtual file_kind kind(const std::string& path) const = 0;
    /// The path with symbolic links and `.`/`..` resolved, used to recognise a file reached twice.
    [[nodiscard]] virtual std::string canonical(const std::string& path) const = 0;
    /// Names of the regular, non-hidden files of a directory, sorted bytewise.
    [[nodiscard]] virtual std::vector<std::string> list_files(const std::string& directory) const = 0;
    /// Reads a regular file of at most max_size bytes; never blocks on FIFOs or devices.
    [[nodiscard]] virtual read_result read(const std::string& path, std::uint64_t max_size) const = 0;
};

class real_file_system final : public file_system {
public:
    [[nodiscard]] file_kind kind(const std::string& path) const override;
    [[nodiscard]] std::string canonical(const std::string& path) const override;
    [[nodiscard]] std::vector<std::string> list_files(const std::string& directory) const override;
    [[nodiscard]] read_result read(const std::string& path, std::uint64_t max_size) const override;
};

/// Files held in memory, keyed by absolute path; a directory exists when a file lies below it.
class memory_file_system final : public file_system {
public:
    void add(const std::string& path, std::string bytes) { files_[path] = std::move(bytes); }
    [[nodiscard]] file_kind kind(const std::string& path) const override;
    [[nodiscard]] std::string canonical(const std::string& path) const override;
    [[nodiscard]] std::vector<std::string> list_files(const std::string& directory) const override;
    [[nodiscard]] read_result read(const std::string& path, std::uint64_t max_size) const override;

private:
    std::map<std::string, std::string> files_;
};

/// Joins a directory and a relative path ("a/b" + "c.conf" -> "a/b/c.conf").
[[nodiscard]] std::string join_path(const std::string& directory, const std::string& relative);
/// The directory part of a path ("a/b/c.conf" -> "a/b", "c.conf" -> ".").
[[nodiscard]] std::string parent_path(const std::string& path);

}  // namespace ecconf
