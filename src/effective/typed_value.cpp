#include "typed_value.hpp"

#include <cstdlib>

#include <sys/capability.h>

namespace ecconf {
namespace {

using ordered = nlohmann::ordered_json;

std::optional<bool> as_boolean(const std::string& text)
{
    const auto word = ascii_lower(text);
    if (word == "true" || word == "yes" || word == "on" || word == "enabled" || word == "1") return true;
    if (word == "false" || word == "no" || word == "off" || word == "disabled" || word == "0") return false;
    return std::nullopt;
}

std::optional<ordered> as_number(const std::string& text, bool floating)
{
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    if (floating) {
        const double number = std::strtod(text.c_str(), &end);
        return *end == '\0' ? std::optional<ordered>(number) : std::nullopt;
    }
    const long long number = std::strtoll(text.c_str(), &end, 10);
    return *end == '\0' ? std::optional<ordered>(number) : std::nullopt;
}

std::optional<ordered> typed_scalar(const std::string& text, const value_type& type)
{
    switch (type.kind) {
    case type_kind::boolean:
        if (const auto b = as_boolean(text)) return ordered(*b);
        return std::nullopt;
    case type_kind::integer:
    case type_kind::unsigned_integer:
    case type_kind::seconds:
    case type_kind::bytes: return as_number(text, false);
    case type_kind::floating: return as_number(text, true);
    case type_kind::capabilities:
        if (const auto canonical = canonical_capabilities(text)) return ordered(*canonical);
        return std::nullopt;
    case type_kind::enumeration: return ordered(ascii_lower(text));
    case type_kind::list:
        if (const auto item = typed_scalar(text, type.parts.empty() ? value_type{} : type.parts[0]))
            return ordered::array({*item});
        return ordered::array({text});
    case type_kind::one_of:
        for (const auto& alternative : type.parts)
            if (auto typed = typed_scalar(text, alternative)) return typed;
        return std::nullopt;
    default: return ordered(text);
    }
}

}  // namespace

std::optional<std::string> canonical_capabilities(const std::string& text)
{
    cap_t caps = cap_from_text(text.c_str());
    if (!caps) return std::nullopt;
    char* canonical = cap_to_text(caps, nullptr);
    std::optional<std::string> result = canonical ? std::optional<std::string>(canonical) : std::nullopt;
    cap_free(canonical);
    cap_free(caps);
    return result;
}

ordered typed_value(const value_ref& written, const value_type* type)
{
    const value_type* element =
        type && !type->parts.empty() && (type->kind == type_kind::list || type->kind == type_kind::dictionary)
            ? type->parts.data()
            : nullptr;
    if (written.is_list()) {
        ordered items = ordered::array();
        for (const auto item : written.items()) items.push_back(typed_value(item, element));
        return items;
    }
    if (written.is_dictionary()) {
        ordered entries = ordered::object();
        for (const auto entry : written.entries())
            entries[std::string(entry.key.text())] = typed_value(entry.value, element);
        return entries;
    }
    const std::string text(written.text());
    if (!type) return text;
    const auto typed = typed_scalar(text, *type);
    return typed ? *typed : ordered(text);
}

}  // namespace ecconf
