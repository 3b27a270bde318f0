#pragma once
// What the command reads and writes besides the configuration: standard input, and files replaced
// atomically (a baseline, a formatted file).

#include <cstdint>
#include <string>

namespace ecconf::cli {

/// Standard input, read up to one byte past `max_size` so that a larger buffer is refused as a file would be.
std::string read_stdin(std::uint64_t max_size);

/// How replace_file treats what stands at the path.
enum class replace_mode {
    new_file,  ///< mode 0644, the caller's owner; a symbolic link at the path is replaced, never followed
    keep,      ///< a symbolic link is followed (it stays a link); the file's mode and owner are kept
};

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename, so that a
/// reader never sees half a file. Returns an error text, empty on success.
std::string replace_file(const std::string& path, const std::string& bytes, replace_mode mode);

}  // namespace ecconf::cli
