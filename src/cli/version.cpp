#include "version.hpp"

#include <ostream>
#include <string>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <nlohmann/json.hpp>
#include <pcre2.h>

#include "ecconf/schema.hpp"

namespace ecconf::cli {
namespace {

// The oldest release any module, scope or option of the schema exists in.
version oldest_release(const schema& model)
{
    auto oldest = model.newest_version();
    const auto note = [&](const version_ranges& versions) {
        for (const auto& r : versions.ranges)
            if (!r.from.empty() && r.from < oldest) oldest = r.from;
    };
    for (const auto& scope : model.scopes()) {
        note(scope.versions);
        for (const auto& [name, option] : scope.options) note(option.versions);
    }
    return oldest;
}

nlohmann::json version_facts()
{
    const auto& model = builtin_schema();
    char pcre2[64] = {};
    ::pcre2_config(PCRE2_CONFIG_VERSION, pcre2);
    return {{"version", ECCONF_VERSION},
            {"commit", ECCONF_COMMIT},
            {"build_date", ECCONF_BUILD_DATE},
            {"schema",
             {{"momentum_versions", {version_text(oldest_release(model)), version_text(model.newest_version())}},
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
        << "commit " << facts["commit"].get<std::string>() << ", built " << facts["build_date"].get<std::string>()
        << '\n'
        << "schema: options introduced in Momentum "
        << (versions.empty() ? std::string("?")
                             : versions[0].get<std::string>() + " to " + versions[1].get<std::string>())
        << ", " << schema["core_scopes"].get<std::size_t>() << " core scopes, " << schema["modules"].get<std::size_t>()
        << " modules, " << schema["options"].get<std::size_t>() << " (scope, option) pairs\n"
        << "libcap " << facts["libcap"].get<std::string>() << " (built against), PCRE2 "
        << facts["pcre2"].get<std::string>() << '\n';
}

}  // namespace ecconf::cli
