#pragma once
// Runs the built ecconf-check (or any command line) and captures what it prints, its exit code and
// what it cost: peak memory and CPU time, measured by the kernel for the child.

#include <array>
#include <cstdio>
#include <string>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace ecconf::test {

struct command_result {
    std::string out;
    int exit_code = -1;        ///< -1 when killed by a signal (SIGXCPU past a CPU limit)
    long peak_memory_kib = 0;  ///< the largest resident set of the command and its children
    double cpu_seconds = 0;
};

/// How much slower and larger a build under AddressSanitizer runs: bounds in tests are scaled by it.
#ifdef ECCONF_SANITIZED
inline constexpr double sanitizer_factor = 20;
inline constexpr long sanitizer_memory_factor = 4;
#else
inline constexpr double sanitizer_factor = 1;
inline constexpr long sanitizer_memory_factor = 1;
#endif

/// A bound on peak memory for a test, scaled for a sanitizer build (shadow memory and quarantine).
inline constexpr long memory_bound_kib(long mebibytes) { return mebibytes * 1024 * sanitizer_memory_factor; }

/// Runs a shell command line from the current directory and captures its standard output; with a
/// CPU limit (seconds, scaled by sanitizer_factor), the command is killed past it.
inline command_result run_command(const std::string& command, double cpu_limit = 0)
{
    command_result result;
    int pipe_ends[2];
    if (::pipe(pipe_ends) != 0) return result;
    const pid_t child = ::fork();
    if (child < 0) return result;
    if (child == 0) {
        ::dup2(pipe_ends[1], STDOUT_FILENO);
        ::close(pipe_ends[0]);
        ::close(pipe_ends[1]);
        if (cpu_limit > 0) {
            const auto seconds = static_cast<rlim_t>(cpu_limit * sanitizer_factor);
            const rlimit limit{seconds, seconds};
            ::setrlimit(RLIMIT_CPU, &limit);
        }
        ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(pipe_ends[1]);
    std::array<char, 65536> buffer{};
    for (ssize_t got; (got = ::read(pipe_ends[0], buffer.data(), buffer.size())) > 0;)
        result.out.append(buffer.data(), static_cast<std::size_t>(got));
    ::close(pipe_ends[0]);
    int status = 0;
    rusage usage{};
    ::wait4(child, &status, 0, &usage);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.peak_memory_kib = usage.ru_maxrss;
    result.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    return result;
}

/// Runs `ecconf-check ARGS` through the shell from the current directory; stderr goes with stdout when asked.
inline command_result run_check(const std::string& args, bool with_stderr = false)
{
    return run_command(std::string(ECCONF_CHECK_BINARY) + " " + args + (with_stderr ? " 2>&1" : " 2>/dev/null"));
}

}  // namespace ecconf::test
