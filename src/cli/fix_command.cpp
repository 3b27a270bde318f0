#include "fix_command.hpp"

#include <iostream>
#include <map>
#include <vector>

#include "exit_status.hpp"
#include "file_io.hpp"
#include "fmt_command.hpp"
#include "text/printable.hpp"

namespace ecconf::cli {
namespace {

std::string findings(std::size_t count) { return std::to_string(count) + (count == 1 ? " finding" : " findings"); }

}  // namespace

int write_fixes(const fix_run& run, bool diff_only, std::ostream& out)
{
    for (const auto& reason : run.not_fixed) std::cerr << "ecconf-check: " << reason << '\n';
    // Two paths to one file (a link, two spellings) were fixed apart: writing either would undo the other.
    const real_file_system machine;
    std::vector<file_status> on_disk;
    std::map<file_identity, std::size_t> paths_to;
    for (const auto& file : run.files) {
        on_disk.push_back(diff_only ? file_status{} : machine.stat(file.path));
        if (on_disk.back().kind == file_kind::regular) ++paths_to[on_disk.back().identity];
    }
    const auto& secrets = run.result->sources.secrets();
    int status = exit_clean;
    for (std::size_t i = 0; i < run.files.size(); ++i) {
        const auto& file = run.files[i];
        const auto name = printable(file.path);
        if (diff_only) {
            out << unified_diff(secrets.redact(file.original), secrets.redact(file.fixed), name, name) << std::flush;
            std::cerr << "ecconf-check: would fix " << findings(file.fixes) << " in '" << name << "'\n";
            continue;
        }
        if (on_disk[i].kind == file_kind::regular && paths_to[on_disk[i].identity] > 1) {
            std::cerr << "ecconf-check: '" << name
                      << "' is not fixed: the configuration reaches its file by two paths\n";
            continue;
        }
        if (const auto error = replace_file(file.path, file.fixed, replace_mode::keep); !error.empty()) {
            std::cerr << "ecconf-check: cannot write '" << name << "': " << error << '\n';
            status = exit_unreadable;
            continue;
        }
        std::cerr << "ecconf-check: fixed " << findings(file.fixes) << " in '" << name << "'\n";
    }
    return status;
}

}  // namespace ecconf::cli
