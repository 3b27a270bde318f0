// Checks the configuration named on the command line with the installed library and prints the
// number of errors and warnings.
#include <filesystem>
#include <iostream>

#include "ecconf/ecconf.hpp"  // the umbrella header: every public header compiles alone in a consumer
#include "ecconf/rule_ids.hpp"

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: consumer FILE\n";
        return 2;
    }
    const ecconf::real_file_system files;
    const auto result = ecconf::check_files({argv[1]}, files, {});
    std::cout << "errors: " << result->diagnostics.count(ecconf::severity::error)
              << " warnings: " << result->diagnostics.count(ecconf::severity::warning) << '\n';
    // The generated rule ids and the installed schemas are part of the package.
    std::cout << "rule: " << ecconf::rules::syntax_error.id << '\n';
    std::cout << "schemas: " << std::filesystem::exists(std::filesystem::path(ECCONF_SCHEMA_DIR) / "rules.json")
              << '\n';
    return result->diagnostics.count(ecconf::severity::error) == 0 ? 0 : 1;
}
