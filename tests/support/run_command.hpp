#pragma once
// Runs the built ecconf-check and captures what it prints and its exit code.

#include <array>
#include <cstdio>
#include <string>

#include <sys/wait.h>

namespace ecconf::test {

struct command_result {
    std::string out;
    int exit_code = -1;
};

/// Runs a shell command line from the current directory and captures its standard output.
inline command_result run_command(const std::string& command)
{
    command_result result;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return result;
    std::array<char, 4096> buffer{};
    for (std::size_t got; (got = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) result.out.append(buffer.data(), got);
    const int status = ::pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

/// Runs `ecconf-check ARGS` through the shell from the current directory; stderr goes with stdout when asked.
inline command_result run_check(const std::string& args, bool with_stderr = false)
{
    return run_command(std::string(ECCONF_CHECK_BINARY) + " " + args + (with_stderr ? " 2>&1" : " 2>/dev/null"));
}

}  // namespace ecconf::test
