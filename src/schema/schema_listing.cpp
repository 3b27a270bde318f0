// `ecconf-check options [SCOPE]`: the options valid in a scope, like `postconf -d`.

#include <sstream>

#include <nlohmann/json.hpp>

#include "ecconf/schema.hpp"
#include "text/did_you_mean.hpp"

namespace ecconf {
namespace {

std::string join(const std::vector<std::string>& items, std::string_view separator)
{
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
    return out;
}

std::string bound(double d)
{
    std::ostringstream out;
    out << d;
    return out.str();
}

}  // namespace

std::string value_type::name() const
{
    static const char* const names[] = {
        "boolean",    "integer",      "unsigned",   "seconds",   "bytes",  "octal_mode", "float",
        "throttle",   "enum",         "string",     "path",      "list",   "dictionary", "socket_address",
        "ip_address", "cidr",         "hostname",   "domain",    "regex",  "email",      "user",
        "group",      "capabilities", "privileges", "reference", "one_of", "any"};
    std::string out = names[static_cast<int>(kind)];
    if (min || max) out += "[" + (min ? bound(*min) : std::string()) + ".." + (max ? bound(*max) : std::string()) + "]";
    switch (kind) {
    case type_kind::enumeration: return "enum(" + join(values, "|") + ")";
    case type_kind::list: return parts.empty() ? out : "list of " + parts.front().name();
    case type_kind::dictionary: return parts.empty() ? out : "dictionary of " + parts.front().name();
    case type_kind::reference: return "reference to " + reference_kind;
    case type_kind::one_of: {
        std::vector<std::string> alternatives;
        for (const auto& p : parts) alternatives.push_back(p.name());
        return join(alternatives, " | ");
    }
    default: return out;
    }
}

const scope_def* find_scope(const schema& model, std::string_view key_or_keyword)
{
    if (const auto* by_key = model.scope(key_or_keyword)) return by_key;
    const auto& candidates = model.scopes_with_keyword(key_or_keyword);
    return candidates.size() == 1 ? candidates.front() : nullptr;
}

std::string scope_not_found(const schema& model, std::string_view key_or_keyword)
{
    const std::string written(key_or_keyword);
    const auto& same_keyword = model.scopes_with_keyword(key_or_keyword);
    if (same_keyword.size() > 1) {
        std::vector<std::string> keys;
        keys.reserve(same_keyword.size());
        for (const auto* scope : same_keyword) keys.push_back(scope->key);
        return "'" + written + "' is the keyword of several scopes; name one by its key: " + join(keys, ", ");
    }
    std::vector<std::string> names;
    for (const auto& scope : model.scopes()) {
        names.push_back(scope.key);
        if (scope.keyword != scope.key) names.push_back(scope.keyword);
    }
    const auto best = closest_match(written, names);
    return "unknown scope '" + written + "'; " +
           (best.empty() ? "use a scope key such as global, domain, ec_logger, auth_ds.scheme"
                         : "did you mean '" + best + "'?");
}

std::string options_listing_text(const scope_def& scope, const version& target)
{
    std::ostringstream out;
    for (const auto& [name, option] : scope.options) {
        if (!option.versions.contains(target)) continue;
        out << name << " = " << option.default_text.value_or("") << "  # " << option.type.name()
            << (option.restart_required ? ", restart" : ", reload");
        if (option.secret) out << ", secret";
        if (!option.module.empty()) out << ", module " << option.module;
        if (!option.deprecated.empty()) out << ", deprecated";
        out << '\n';
    }
    return out.str();
}

std::string options_listing_json(const scope_def& scope, const version& target)
{
    nlohmann::json options = nlohmann::json::array();
    for (const auto& [name, option] : scope.options) {
        if (!option.versions.contains(target)) continue;
        nlohmann::json entry{
            {"name", name}, {"type", option.type.name()}, {"restart_required", option.restart_required}};
        entry["default"] = option.default_text ? nlohmann::json(*option.default_text) : nlohmann::json(nullptr);
        if (option.secret) entry["secret"] = true;
        if (!option.module.empty()) entry["module"] = option.module;
        if (!option.deprecated.empty()) entry["deprecated"] = option.deprecated;
        if (!option.versions.ranges.empty()) entry["versions"] = option.versions.describe();
        options.push_back(std::move(entry));
    }
    const nlohmann::json document{
        {"format", 1}, {"scope", scope.key}, {"target_version", version_text(target)}, {"options", std::move(options)}};
    return document.dump(2) + "\n";
}

}  // namespace ecconf
