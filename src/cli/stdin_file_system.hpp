#pragma once
// Standard input as a configuration file: editors and scripts pipe a buffer in (FILE '-').

#include <memory>
#include <string>

#include "ecconf/file_system.hpp"

namespace ecconf::cli {

/// Serves the bytes read from standard input under one name (--stdin-filename, or "-") and delegates
/// every other path, so the buffer's includes are read, confined and limited like any file's.
class stdin_file_system final : public file_system {
public:
    stdin_file_system(std::unique_ptr<file_system> machine, std::string name, std::string bytes);
    [[nodiscard]] file_status stat(const std::string& path) const override;
    [[nodiscard]] file_content read(const std::string& path, std::uint64_t max_size) const override;

private:
    std::unique_ptr<file_system> machine_;
    std::string name_;
    std::string bytes_;
};

}  // namespace ecconf::cli
