#include "stdin_file_system.hpp"

namespace ecconf::cli {

stdin_file_system::stdin_file_system(std::unique_ptr<file_system> machine, std::string name, std::string bytes)
    : machine_(std::move(machine)), name_(std::move(name)), bytes_(std::move(bytes))
{}

file_status stdin_file_system::stat(const std::string& path) const
{
    // No file on a disk has device ~0: the buffer is never taken for a file it shadows.
    if (path == name_) return {file_kind::regular, {~std::uint64_t{0}, 0}, {}};
    return machine_->stat(path);
}

file_content stdin_file_system::read(const std::string& path, std::uint64_t max_size) const
{
    if (path != name_) return machine_->read(path, max_size);
    return in_memory_content(stat(path), bytes_, max_size);
}

}  // namespace ecconf::cli
