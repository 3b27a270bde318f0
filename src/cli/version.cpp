#include "version.hpp"

#include <algorithm>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <nlohmann/json.hpp>
#include <pcre2.h>

#include "ecconf/schema.hpp"

namespace ecconf::cli {
namespace {

// "4.10" after "4.9" and "4.2.11" after "4.2": versions compare number by number.
std::vector<int> numbers(const std::string& version)
{
    std::vector<int> result;
    for (std::size_t start = 0; start < version.size();) {
        const auto dot = std::min(version.find('.', start), version.size());
        result.push_back(std::stoi(version.substr(start, dot - start)));
        start = dot + 1;
    }
    return result;
}

bool older(const std::string& a, const std::string& b)
{
    return numbers(a) < numbers(b);
}

nlohmann::json version_facts()
{
    const auto& model = builtin_schema();
    std::set<std::string, decltype(&older)> since(&older);
    for (const auto& scope : model.scopes())
        for (const auto& [name, option] : scope.options)
            if (!option.since.empty()) since.insert(option.since);
    char pcre2[64] = {};
    ::pcre2_config(PCRE2_CONFIG_VERSION, pcre2);
    return {{"version", ECCONF_VERSION},
            {"commit", ECCONF_COMMIT},
            {"build_date", ECCONF_BUILD_DATE},
            {"schema",
             {{"momentum_versions", since.empty() ? nlohmann::json::array() : nlohmann::json::array({*since.begin(), *since.rbegin()})},
              {"core_scopes", model.core_scope_count()},
              {"modules", model.module_count()},
              {"options", model.option_count()}}},
            {"libcap", ECCONF_LIBCAP_VERSION},
            {"pcre2", pcre2}};
}

}  // namespace

void print_version(std::ostream& out, bool json)
{
    const auto facts = version_facts();
    if (json) {
        out << facts.dump(2) << '\n';
        return;
    }
    const auto& schema = facts["schema"];
    const auto& versions = schema["momentum_versions"];
    out << "ecconf-check " << facts["version"].get<std::string>() << '\n'
        << "commit " << facts["commit"].get<std::string>() << ", built " << facts["build_date"].get<std::string>() << '\n'
        << "schema: options introduced in Momentum " << (versions.empty() ? std::string("?") : versions[0].get<std::string>() + " to " + versions[1].get<std::string>())
        << ", " << schema["core_scopes"].get<std::size_t>() << " core scopes, " << schema["modules"].get<std::size_t>() << " modules, "
        << schema["options"].get<std::size_t>() << " (scope, option) pairs\n"
        << "libcap " << facts["libcap"].get<std::string>() << " (built against), PCRE2 " << facts["pcre2"].get<std::string>() << '\n';
}

}  // namespace ecconf::cli
