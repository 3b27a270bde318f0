// The benchmark behind tools/bench: for each generated configuration (tools/gen-config), MB/s of
// ecconf's parse and full check, libconfig, simdjson and nlohmann::json on the same content, and the
// peak memory of each, measured in a fresh process per phase.
//
// Usage: bench_main [--repeat N] PREFIX...        (PREFIX.conf, PREFIX.cfg and PREFIX.json must exist)
//        bench_main --phase NAME FILE             (one phase in this process; prints seconds)
//        bench_main --startup ECCONF_CHECK FILE N  (mean and best wall time of N runs of ecconf-check FILE)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <streambuf>
#include <string>
#include <vector>

#include <libconfig.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "ecconf/check.hpp"
#include "ecconf/effective.hpp"
#include "ecconf/syntax_tree.hpp"
#include "ecconf/schema.hpp"

extern char** environ;

namespace {

using clock_type = std::chrono::steady_clock;

// One read into a string of the file's size: the whole-process figures include reading.
std::string read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    std::string text(static_cast<std::size_t>(in.tellg()), '\0');
    in.seekg(0);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    return text;
}

double seconds_since(clock_type::time_point start)
{
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

// Each phase reads its input (not timed) and returns the seconds of the work itself.
double phase_parse(const std::string& path)
{
    ecconf::source_manager sources;
    const auto file = sources.add(path, read_file(path));
    ecconf::diagnostic_sink sink;
    const auto start = clock_type::now();
    const auto tree = ecconf::parse_source(sources, file, sink);
    const auto elapsed = seconds_since(start);
    if (tree.size() == 0 || sink.size() != 0) std::cerr << "bench: unexpected parse result for " << path << '\n';
    return elapsed;
}

// The benchmark's inputs go up to 100 MB, past the default limits that bound a run's memory.
ecconf::check_options bench_options()
{
    ecconf::check_options options;
    options.load.search_path = {"/nonexistent"};
    options.load.max_file_size = options.load.max_total_size = std::uint64_t{1} << 31;
    return options;
}

double phase_load(const std::string& path)
{
    const auto options = bench_options();
    ecconf::real_file_system files;
    ecconf::source_manager sources;
    ecconf::diagnostic_sink sink;
    const auto start = clock_type::now();  // read, parse, includes: everything before the schema
    const auto loaded = ecconf::load_configuration(path, files, sources, sink, options.load);
    const auto elapsed = seconds_since(start);
    if (!loaded || sink.size() != 0) std::cerr << "bench: unexpected load result for " << path << '\n';
    return elapsed;
}

double phase_check(const std::string& path)
{
    const auto options = bench_options();
    ecconf::real_file_system files;
    const auto start = clock_type::now();  // the file is read inside: reading is part of a check
    const auto result = ecconf::check_files({path}, files, options);
    const auto elapsed = seconds_since(start);
    if (result->diagnostics.size() != 0)
        std::cerr << "bench: " << result->diagnostics.size() << " diagnostics for " << path << '\n';
    return elapsed;
}

// Counts what is written to it and keeps none of it, as a pipe to another program would.
class counting_buffer : public std::streambuf {
public:
    std::size_t bytes = 0;

protected:
    int_type overflow(int_type c) override
    {
        if (!traits_type::eq_int_type(c, traits_type::eof())) ++bytes;
        return traits_type::not_eof(c);
    }
    std::streamsize xsputn(const char*, std::streamsize count) override
    {
        bytes += static_cast<std::size_t>(count);
        return count;
    }
};

// The export after a full check (the check not timed): the effective configuration written as JSON text.
std::size_t export_bytes = 0;  ///< what the last export wrote

double phase_export(const std::string& path)
{
    const auto options = bench_options();
    const auto result = ecconf::check_files({path}, ecconf::real_file_system{}, options);
    const auto start = clock_type::now();
    counting_buffer counter;
    std::ostream out(&counter);
    for (const auto& effective : result->effective)
        ecconf::write_export(out, effective, ecconf::builtin_schema(), result->sources, {});
    const auto bytes = counter.bytes;
    const auto elapsed = seconds_since(start);
    if (bytes == 0) std::cerr << "bench: empty export for " << path << '\n';
    export_bytes = bytes;
    return elapsed;
}

double phase_libconfig(const std::string& path)
{
    const auto text = read_file(path);
    config_t config;
    config_init(&config);
    const auto start = clock_type::now();
    const int ok = config_read_string(&config, text.c_str());
    const auto elapsed = seconds_since(start);
    if (ok != CONFIG_TRUE)
        std::cerr << "bench: libconfig: " << config_error_text(&config) << " at line " << config_error_line(&config)
                  << '\n';
    config_destroy(&config);
    return elapsed;
}

double phase_simdjson(const std::string& path)
{
    const auto text = simdjson::padded_string::load(path).value();  // simdjson's own reader, as its users read
    simdjson::dom::parser parser;
    const auto start = clock_type::now();
    simdjson::dom::element root;
    const auto error = parser.parse(text).get(root);
    const auto elapsed = seconds_since(start);
    if (error) std::cerr << "bench: simdjson: " << simdjson::error_message(error) << '\n';
    return elapsed;
}

double phase_nlohmann(const std::string& path)
{
    const auto text = read_file(path);
    const auto start = clock_type::now();
    const auto json = nlohmann::json::parse(text);
    const auto elapsed = seconds_since(start);
    if (json.empty()) std::cerr << "bench: nlohmann: empty\n";
    return elapsed;
}

double run_phase(const std::string& name, const std::string& path)
{
    if (name == "parse") return phase_parse(path);
    if (name == "load") return phase_load(path);
    if (name == "check") return phase_check(path);
    if (name == "export") return phase_export(path);
    if (name == "libconfig") return phase_libconfig(path);
    if (name == "simdjson") return phase_simdjson(path);
    if (name == "nlohmann") return phase_nlohmann(path);
    std::cerr << "bench: unknown phase " << name << '\n';
    std::exit(3);
}

struct measurement {
    double seconds = 0;          ///< best of the repetitions, the phase's own work
    double process_seconds = 0;  ///< best of the repetitions, the whole process: start, read, work, exit
    double peak_mb = 0;          ///< ru_maxrss of the process that ran the phase
    double output_mb = 0;        ///< the export's JSON
};

// Runs one phase in a fresh process and returns its time and peak resident memory.
measurement spawn_phase(const std::string& self, const std::string& phase, const std::string& path)
{
    std::vector<std::string> args{self, "--phase", phase, path};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) std::exit(2);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    pid_t pid = 0;
    const auto start = clock_type::now();
    if (posix_spawn(&pid, self.c_str(), &actions, nullptr, argv.data(), environ) != 0) std::exit(2);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    std::string out;
    char buffer[256];
    for (ssize_t got; (got = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;)
        out.append(buffer, static_cast<std::size_t>(got));
    ::close(pipe_fds[0]);
    int status = 0;
    struct rusage usage {};
    ::wait4(pid, &status, 0, &usage);
    char* rest = nullptr;
    const auto seconds = std::strtod(out.c_str(), &rest);
    return {seconds, seconds_since(start), static_cast<double>(usage.ru_maxrss) / 1024.0,
            std::strtod(rest, nullptr) / 1048576.0};
}

measurement measure(const std::string& self, const std::string& phase, const std::string& path, int repeat)
{
    measurement best{1e30, 1e30, 0};
    for (int i = 0; i < repeat; ++i) {
        const auto m = spawn_phase(self, phase, path);
        best.seconds = std::min(best.seconds, m.seconds);
        best.process_seconds = std::min(best.process_seconds, m.process_seconds);
        best.peak_mb = std::max(best.peak_mb, m.peak_mb);
        best.output_mb = m.output_mb;
    }
    return best;
}

double file_mb(const std::string& path) { return static_cast<double>(read_file(path).size()) / 1048576.0; }

int startup(const std::string& binary, const std::string& path, int runs)
{
    const auto text = read_file(path);
    const auto line_count = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    double total = 0, best = 1e30;
    for (int i = 0; i < runs; ++i) {
        std::vector<std::string> args{binary, "--format", "gcc", path};
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        const auto start = clock_type::now();
        pid_t pid = 0;
        if (posix_spawn(&pid, binary.c_str(), nullptr, nullptr, argv.data(), environ) != 0) return 2;
        int status = 0;
        ::waitpid(pid, &status, 0);
        const auto elapsed = seconds_since(start);
        total += elapsed;
        best = std::min(best, elapsed);
    }
    std::printf("ecconf-check on %s (%zu lines), %d runs, process start included: mean %.1f ms, best %.1f ms\n",
                path.c_str(), line_count, runs, total / runs * 1000, best * 1000);
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() == 3 && args[0] == "--phase") {
        const auto seconds = run_phase(args[1], args[2]);
        std::printf("%.9f %zu\n", seconds, export_bytes);
        return 0;
    }
    if (args.size() == 4 && args[0] == "--startup") return startup(args[1], args[2], std::stoi(args[3]));
    int repeat = 3;
    if (args.size() >= 2 && args[0] == "--repeat") {
        repeat = std::stoi(args[1]);
        args.erase(args.begin(), args.begin() + 2);
    }
    const std::string self = "/proc/self/exe";
    const char* phases[] = {"parse", "load", "check", "export", "libconfig", "simdjson", "nlohmann"};
    constexpr int count = 7;
    std::printf("%-14s %6s | %-11s %-11s %-11s %-11s | %-17s %-17s %-17s | %s\n", "input", "MB", "ecconf", "ecconf",
                "ecconf", "ecconf", "libconfig", "simdjson", "nlohmann::json",
                "peak RSS MB: parse/load/check/check+export/libconfig/simdjson/nlohmann");
    std::printf("%-14s %6s | %-11s %-11s %-11s %-11s | %-17s %-17s %-17s | %s\n", "", "", "parse", "load", "full check",
                "export", "(ratio = ecconf parse / it)", "", "", "(check peak / input size)");
    std::vector<double> check_seconds;
    for (const auto& prefix : args) {
        const auto conf = prefix + ".conf", cfg = prefix + ".cfg", json = prefix + ".json";
        const double sizes[] = {file_mb(conf), file_mb(conf), file_mb(conf), file_mb(conf),
                                file_mb(cfg),  file_mb(json), file_mb(json)};
        const std::string paths[] = {conf, conf, conf, conf, cfg, json, json};
        measurement m[count];
        // Large inputs take seconds per run: one repetition is enough there.
        const int runs = sizes[0] > 50 ? 1 : repeat;
        for (int i = 0; i < count; ++i) m[i] = measure(self, phases[i], paths[i], runs);
        double rate[count];
        for (int i = 0; i < count; ++i) rate[i] = sizes[i] / m[i].seconds;
        std::printf(
            "%-14s %6.1f | %6.1f MB/s %6.1f MB/s %6.1f MB/s %6.1f MB/s | %6.1f MB/s %5.2fx %6.0f MB/s %5.2fx %6.1f MB/s %5.2fx | "
            "%.0f/%.0f/%.0f/%.0f/%.0f/%.0f/%.0f (%.1fx)\n",
            prefix.substr(prefix.find_last_of('/') + 1).c_str(), sizes[0], rate[0], rate[1], rate[2], rate[3], rate[4],
            rate[0] / rate[4], rate[5], rate[0] / rate[5], rate[6], rate[0] / rate[6], m[0].peak_mb, m[1].peak_mb,
            m[2].peak_mb, m[3].peak_mb, m[4].peak_mb, m[5].peak_mb, m[6].peak_mb, m[2].peak_mb / sizes[0]);
        // The same work timed from outside, as a user running each parser on the file would see it.
        std::printf(
            "%-14s %6s | whole process (start, read, parse, exit): ecconf %.1f MB/s, libconfig %.1f MB/s (%.2fx), simdjson %.0f MB/s "
            "(%.2fx), nlohmann::json %.1f MB/s (%.2fx)\n",
            "", "", sizes[0] / m[0].process_seconds, sizes[4] / m[4].process_seconds,
            m[4].process_seconds / m[0].process_seconds * sizes[0] / sizes[4], sizes[5] / m[5].process_seconds,
            m[5].process_seconds / m[0].process_seconds * sizes[0] / sizes[5], sizes[6] / m[6].process_seconds,
            m[6].process_seconds / m[0].process_seconds * sizes[0] / sizes[6]);
        std::printf(
            "%-14s %6s | export: %.1f MB/s of input, %.1f MB/s of JSON written (%.0f MB, %.1fx the input); peak of check+export %.1fx the input\n",
            "", "", rate[3], m[3].output_mb / m[3].seconds, m[3].output_mb, m[3].output_mb / sizes[0],
            m[3].peak_mb / sizes[0]);
        std::fflush(stdout);
        check_seconds.push_back(m[2].seconds);
    }
    std::printf(
        "libconfig reads the .cfg rendering, simdjson and nlohmann::json the .json rendering of the same content; "
        "each figure is the best of the runs, each run a fresh process; export: the effective configuration as JSON text, after a check.\n");
    if (check_seconds.size() >= 2)
        for (std::size_t i = 1; i < check_seconds.size(); ++i)
            std::printf("linearity: the full check of input %zu took %.2fx the time of input %zu\n", i + 1,
                        check_seconds[i] / check_seconds[i - 1], i);
    return 0;
}
