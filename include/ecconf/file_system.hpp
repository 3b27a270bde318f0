#pragma once
/// Where configuration files come from: the real file system, optionally confined to include roots,
/// or memory (tests, fuzzing).

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ecconf {

enum class file_kind {
    missing,
    regular,
    directory,
    other,         ///< device, FIFO, socket, pseudo file system, or a path that cannot be resolved
    outside_root,  ///< resolving the path leaves every include root (nothing outside is looked at)
};

/// What makes two paths the same file (device and inode on a real file system).
struct file_identity {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    friend bool operator==(const file_identity& a, const file_identity& b)
    {
        return a.device == b.device && a.inode == b.inode;
    }
    friend bool operator<(const file_identity& a, const file_identity& b)
    {
        return a.device != b.device ? a.device < b.device : a.inode < b.inode;
    }
};

struct file_status {
    file_kind kind = file_kind::missing;
    file_identity identity;  ///< meaningful for regular files
    std::string error;       ///< why the path is not a readable regular file or directory; empty otherwise
};

/// A regular file's bytes or a directory's entries, read from what was resolved (never resolved twice).
struct file_content {
    file_status status;
    std::string bytes;                 ///< a regular file
    std::vector<std::string> entries;  ///< a directory: its non-hidden names other than subdirectories, sorted bytewise
    bool too_large = false;            ///< refused for --max-file-size
    [[nodiscard]] bool ok() const noexcept { return status.error.empty(); }
};

class file_system {
public:
    virtual ~file_system() = default;
    /// What a path leads to, symbolic links followed, without opening it for reading.
    [[nodiscard]] virtual file_status stat(const std::string& path) const = 0;
    /// Reads a regular file of at most max_size bytes, or lists a directory; refuses anything else
    /// (FIFOs and devices are never opened for reading).
    [[nodiscard]] virtual file_content read(const std::string& path, std::uint64_t max_size) const = 0;
};

/// The machine's files. With include roots, every path is resolved one component at a time from a
/// descriptor of a root, each symbolic link by hand, and a path that leaves every root is refused
/// before anything outside is looked at. Files are read from the descriptor that was checked, so a
/// link swapped during the run cannot lead outside. Pseudo file systems (/proc, /sys...) are refused.
class real_file_system final : public file_system {
public:
    /// Unconfined: the whole tree below `/`.
    real_file_system();
    /// Confined to these directories; throws std::invalid_argument when one is empty or cannot be opened.
    explicit real_file_system(const std::vector<std::string>& include_roots);
    ~real_file_system() override;
    real_file_system(const real_file_system&) = delete;
    real_file_system& operator=(const real_file_system&) = delete;

    [[nodiscard]] file_status stat(const std::string& path) const override;
    [[nodiscard]] file_content read(const std::string& path, std::uint64_t max_size) const override;

    struct root {
        std::vector<std::string> components;  ///< of its absolute path, one spelling (canonical or as given)
        int descriptor;
    };

private:
    std::vector<root> roots_;
    std::vector<int> descriptors_;  ///< owned, one per root directory
    std::vector<std::string> working_directory_;
    bool confined_;
};

/// Files held in memory, keyed by absolute path; a directory exists when a file lies below it.
class memory_file_system final : public file_system {
public:
    void add(const std::string& path, std::string bytes);
    [[nodiscard]] file_status stat(const std::string& path) const override;
    [[nodiscard]] file_content read(const std::string& path, std::uint64_t max_size) const override;

private:
    struct stored {
        std::string bytes;
        std::uint64_t number = 0;
    };
    std::map<std::string, stored> files_;
};

/// Buffers standing in for files of another file system (standard input, files fixed but not yet
/// written, an editor's unsaved documents); every other path is delegated, so the buffers' includes are
/// read, confined and limited like any file's.
class overlay_file_system final : public file_system {
public:
    explicit overlay_file_system(std::unique_ptr<file_system> base) : base_(std::move(base)) {}
    /// Serves `bytes` under `path` from now on (replacing an earlier buffer there).
    void set(const std::string& path, std::string bytes);
    /// A buffer has an identity of its own (device ~0), so it is never taken for a file it shadows.
    [[nodiscard]] file_status stat(const std::string& path) const override;
    [[nodiscard]] file_content read(const std::string& path, std::uint64_t max_size) const override;

private:
    std::unique_ptr<file_system> base_;
    std::map<std::string, std::string> buffers_;
};

/// The refusal of a file larger than --max-file-size.
[[nodiscard]] std::string too_large_message(std::uint64_t size, std::uint64_t limit);
/// What reading a regular file whose bytes are already in memory gives (memory, standard input):
/// the bytes, or the refusal past max_size.
[[nodiscard]] file_content in_memory_content(file_status status, std::string_view bytes, std::uint64_t max_size);
/// Joins a directory and a relative path ("a/b" + "c.conf" -> "a/b/c.conf").
[[nodiscard]] std::string join_path(const std::string& directory, const std::string& relative);
/// The directory part of a path ("a/b/c.conf" -> "a/b", "c.conf" -> ".").
[[nodiscard]] std::string parent_path(const std::string& path);

}  // namespace ecconf
