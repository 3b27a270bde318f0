// Inputs that once crashed, hung or leaked (most found by fuzz/fuzz_pipeline.cpp): one SUBCASE each,
// asserting the exact diagnostics. run_pipeline() does what the fuzz target does, so that an artifact
// from build-fuzz/artifacts/ can be pasted in as it is.

#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "ecconf/check.hpp"
#include "ecconf/effective.hpp"
#include "ecconf/schema.hpp"
#include "ecconf/report.hpp"

using namespace ecconf;

namespace {

// Runs the whole pipeline as the fuzz target does: files separated by "\n%%%%\n", the first is the main file.
std::string run_pipeline(std::string_view input)
{
    const auto size = input.size();
    memory_file_system files;
    std::size_t index = 0;
    const auto name = [](std::size_t i) {
        if (i == 0) return std::string("/etc/conf/ecelerity.conf");
        return i % 2 == 0 ? "/etc/conf/d/f" + std::to_string(i) + ".conf" : "/etc/conf/f" + std::to_string(i) + ".conf";
    };
    for (auto cut = input.find("\n%%%%\n"); cut != std::string_view::npos && index < 7; cut = input.find("\n%%%%\n")) {
        files.add(name(index++), std::string(input.substr(0, cut)));
        input.remove_prefix(cut + 6);
    }
    files.add(name(index), std::string(input));
    check_options options;
    options.load.search_path = {"/etc/conf", "/etc/conf/d"};
    options.load.max_files = 64;
    if (size % 2 == 1) options.cluster_file = name(1);
    const auto result = check_files({name(0)}, files, options);
    std::ostringstream out, ignored;
    write_report(out, result->sources, result->diagnostics, {output_format::gcc});
    write_report(ignored, result->sources, result->diagnostics, {output_format::json});
    write_text_report(ignored, result->sources, result->diagnostics, true, false);
    for (const auto& configuration : result->configurations) ignored << dump_tree(configuration, result->sources);
    for (const auto& effective : result->effective)
        write_export(ignored, effective, builtin_schema(), result->sources, {true, true, true});
    return out.str();
}

}  // namespace

TEST_CASE("regressions")
{
    SUBCASE("an include of the main file through a directory and a search path is one cycle")
    {
        CHECK(
            run_pipeline("include \"d\"\n%%%%\nmax_outbound_connections = 5\n%%%%\ninclude \"ecelerity.conf\"\n") ==
            "/etc/conf/d/f2.conf:1:9: error: include cycle: '/etc/conf/ecelerity.conf' is already being read (/etc/conf/ecelerity.conf -> /etc/conf/d/f2.conf -> /etc/conf/ecelerity.conf) [include-cycle]\n"
            "/etc/conf/ecelerity.conf:1:1: note: which includes '/etc/conf/d/f2.conf'\n");
    }
}
