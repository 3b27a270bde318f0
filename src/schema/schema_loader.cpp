// Schema JSON -> model, and the model in binary form for the built-in schema (builtin_data.hpp).
// The data format is described at the top of schemas/DECISIONS.md.

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "ecconf/schema.hpp"
#include "schema/binary_form.hpp"
#include "schema/builtin_data.hpp"

namespace ecconf {

std::optional<version> parse_version(std::string_view text)
{
    version out;
    std::size_t start = 0;
    while (true) {
        const auto dot = std::min(text.find('.', start), text.size());
        const auto part = text.substr(start, dot - start);
        // At most 9 digits: no overflow, and no release number comes near.
        if (part.empty() || part.size() > 9 || part.find_first_not_of("0123456789") != std::string_view::npos)
            return std::nullopt;
        out.push_back(static_cast<unsigned>(std::stoul(std::string(part))));
        if (dot == text.size()) return out;
        start = dot + 1;
    }
}

std::string version_text(const version& v)
{
    std::string out;
    for (const auto part : v) out += (out.empty() ? "" : ".") + std::to_string(part);
    return out;
}

namespace {

// Compares two versions, each padded with `a_fill` or `b_fill` beyond its end: a release's missing parts
// are 0 (4.2 is 4.2.0), a target's or range end's are the newest (4.2 is the last 4.2.x).
int compare_versions(const version& a, unsigned a_fill, const version& b, unsigned b_fill)
{
    for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
        const auto x = i < a.size() ? a[i] : a_fill;
        const auto y = i < b.size() ? b[i] : b_fill;
        if (x != y) return x < y ? -1 : 1;
    }
    return 0;
}

constexpr unsigned newest_part = ~0u;

}  // namespace

bool version_ranges::contains(const version& target) const
{
    return ranges.empty() || std::any_of(ranges.begin(), ranges.end(), [&](const range& r) {
               return compare_versions(r.from, 0, target, newest_part) <= 0 &&
                      (r.to.empty() || compare_versions(target, newest_part, r.to, newest_part) <= 0);
           });
}

bool version_ranges::ends_before(const version& target) const
{
    return !open_ended() && compare_versions(target, newest_part, ranges.back().to, newest_part) > 0;
}

std::string version_ranges::describe() const
{
    std::string out;
    for (const auto& r : ranges) {
        out += (out.empty() ? "" : ", ") + version_text(r.from);
        if (r.to.empty()) out += " and later";
        else
            out += " to " + version_text(r.to) + (r.to.size() == 1 ? ".x" : "");
    }
    return out;
}

version schema::target_version(std::string_view text) const
{
    if (text.empty()) return newest_;
    auto parsed = parse_version(text);
    if (!parsed)
        throw std::invalid_argument("--target-version: '" + std::string(text) +
                                    "' is not a version such as 3.6, 4.2 or 4");
    return *parsed;
}

namespace {

using json = nlohmann::json;

// "3.0+" or "3.6.5..3" (schemas/DECISIONS.md, "Versions").
version_ranges parse_versions(const json& j)
{
    version_ranges out;
    for (const auto& item : j.value("versions", json::array())) {
        const auto text = item.get<std::string>();
        const auto dots = text.find("..");
        const bool open = dots == std::string::npos;
        const auto from = parse_version(open ? std::string_view(text).substr(0, text.size() - 1)
                                             : std::string_view(text).substr(0, dots));
        const auto to =
            open ? std::optional<version>(version{}) : parse_version(std::string_view(text).substr(dots + 2));
        if (!from || !to || (open && text.back() != '+'))
            throw std::runtime_error("schema: bad version range '" + text + "'");
        out.ranges.push_back({*from, *to});
    }
    return out;
}

const std::map<std::string, type_kind, std::less<>>& type_names()
{
    static const std::map<std::string, type_kind, std::less<>> names{{"boolean", type_kind::boolean},
                                                                     {"integer", type_kind::integer},
                                                                     {"unsigned", type_kind::unsigned_integer},
                                                                     {"seconds", type_kind::seconds},
                                                                     {"bytes", type_kind::bytes},
                                                                     {"octal_mode", type_kind::octal_mode},
                                                                     {"float", type_kind::floating},
                                                                     {"throttle", type_kind::throttle},
                                                                     {"enum", type_kind::enumeration},
                                                                     {"string", type_kind::string},
                                                                     {"path", type_kind::path},
                                                                     {"list", type_kind::list},
                                                                     {"dictionary", type_kind::dictionary},
                                                                     {"socket_address", type_kind::socket_address},
                                                                     {"ip_address", type_kind::ip_address},
                                                                     {"cidr", type_kind::cidr},
                                                                     {"hostname", type_kind::hostname},
                                                                     {"domain", type_kind::domain},
                                                                     {"regex", type_kind::regex},
                                                                     {"email", type_kind::email},
                                                                     {"user", type_kind::user},
                                                                     {"group", type_kind::group},
                                                                     {"capabilities", type_kind::capabilities},
                                                                     {"privileges", type_kind::privileges},
                                                                     {"reference", type_kind::reference},
                                                                     {"one_of", type_kind::one_of},
                                                                     {"any", type_kind::any}};
    return names;
}

value_type parse_type(const json& j)
{
    value_type t;
    const std::string name = j.is_string() ? j.get<std::string>() : j.at("type").get<std::string>();
    const auto found = type_names().find(name);
    if (found == type_names().end()) throw std::runtime_error("schema: unknown type '" + name + "'");
    t.kind = found->second;
    if (!j.is_object()) return t;
    if (j.contains("min")) t.min = j.at("min").get<double>();
    if (j.contains("max")) t.max = j.at("max").get<double>();
    if (t.kind == type_kind::enumeration)
        for (const auto& v : j.at("values")) t.values.push_back(ascii_lower(v.get<std::string>()));
    if (t.kind == type_kind::list && j.contains("of")) t.parts.push_back(parse_type(j.at("of")));
    if (t.kind == type_kind::dictionary && j.contains("values")) t.parts.push_back(parse_type(j.at("values")));
    if (t.kind == type_kind::one_of)
        for (const auto& alt : j.at("types")) t.parts.push_back(parse_type(alt));
    if (t.kind == type_kind::reference) t.reference_kind = j.value("kind", "");
    return t;
}

std::optional<std::string> default_text(const json& j)
{
    if (!j.contains("default") || j.at("default").is_null()) return std::nullopt;
    const auto& d = j.at("default");
    if (d.is_string()) return d.get<std::string>();
    if (d.is_boolean()) return std::string(d.get<bool>() ? "true" : "false");
    if (d.is_array()) {
        std::string out = "(";
        for (const auto& item : d)
            out += (out.size() > 1 ? " " : "") + (item.is_string() ? item.get<std::string>() : item.dump());
        return out + ")";
    }
    return d.dump();
}

std::vector<std::string> strings(const json& j, const char* key);

option_def parse_option(const json& j, const std::string& module)
{
    option_def o;
    o.name = ascii_lower(j.at("name").get<std::string>());
    o.type = parse_type(j.at("type"));
    o.default_text = default_text(j);
    o.default_value = j.value("default", nlohmann::json());
    o.restart_required = j.value("restart_required", false);
    o.secret = j.value("secret", false);
    o.versions = parse_versions(j);
    if (j.contains("deprecated"))
        o.deprecated =
            j.at("deprecated").is_string() ? j.at("deprecated").get<std::string>() : std::string("deprecated");
    o.module = module;
    o.requires_modules = strings(j, "requires");
    o.note = j.value("note", "");
    o.source = j.value("source", "");
    return o;
}

instance_rule parse_instance(const json& j)
{
    const auto text = j.value("instance", "optional");
    if (text == "required") return instance_rule::required;
    if (text == "forbidden") return instance_rule::forbidden;
    return instance_rule::optional;
}

std::vector<std::string> strings(const json& j, const char* key)
{
    std::vector<std::string> out;
    if (j.contains(key))
        for (const auto& s : j.at(key)) out.push_back(ascii_lower(s.get<std::string>()));
    return out;
}

}  // namespace

struct schema_builder {
    schema s;

    scope_def& add(scope_def def)
    {
        if (s.by_key_.count(def.key)) throw std::runtime_error("schema: scope '" + def.key + "' defined twice");
        s.by_key_.emplace(def.key, s.scopes_.size());
        s.scopes_.push_back(std::move(def));
        return s.scopes_.back();
    }

    scope_def& at(const std::string& key)
    {
        const auto found = s.by_key_.find(key);
        if (found == s.by_key_.end()) throw std::runtime_error("schema: no scope '" + key + "'");
        return s.scopes_[found->second];
    }

    void add_option(const std::string& scope_key, option_def option)
    {
        auto& options = at(scope_key).options;
        const auto name = option.name;
        options.insert_or_assign(name, std::move(option));
    }

    void add_module_options(const std::string& key, const json& j, const std::string& module)
    {
        for (const auto& o : j.value("options", json::array())) add_option(key, parse_option(o, ""));
        (void)module;
    }

    void add_sub_scopes(const std::string& parent_key, const json& j, const std::string& module)
    {
        for (const auto& sj : j.value("scopes", json::array())) {
            scope_def def;
            def.keyword = ascii_lower(sj.at("name").get<std::string>());
            def.key = parent_key + "." + def.keyword;
            def.origin = scope_origin::module_sub_scope;
            def.module = module;
            def.instance = parse_instance(sj);
            def.instance_kind = sj.value("instance_kind", "");
            def.parents = {parent_key};
            if (sj.value("at_global", false)) def.parents.emplace_back("global");
            for (const auto& p : strings(sj, "core_parents"))
                if (std::find(def.parents.begin(), def.parents.end(), p) == def.parents.end())
                    def.parents.emplace_back(p);
            def.options_complete = sj.value("options_complete", true);
            def.note = sj.value("note", "");
            add(std::move(def));
            const auto key = parent_key + "." + ascii_lower(sj.at("name").get<std::string>());
            add_module_options(key, sj, module);
            add_sub_scopes(key, sj, module);
        }
    }

    void load_module(const json& mj)
    {
        scope_def def;
        def.keyword = ascii_lower(mj.at("name").get<std::string>());
        def.key = def.keyword;
        def.origin = scope_origin::module;
        def.module = def.keyword;
        def.instance = parse_instance(mj);
        def.instance_kind = "name";
        def.parents = {"global"};
        def.singleton = mj.value("singleton", false);
        def.options_complete = mj.value("options_complete", true);
        def.requires_modules = strings(mj, "requires");
        def.implicit = mj.value("implicit", false);
        def.versions = parse_versions(mj);
        def.note = mj.value("note", "");
        def.source = mj.value("source", "");
        const auto key = def.key;
        add(std::move(def));
        add_module_options(key, mj, key);
        option_def enabled;
        enabled.name = "enabled";
        enabled.type.kind = type_kind::boolean;
        enabled.default_text = "true";
        enabled.default_value = true;
        enabled.note = "every module accepts it";
        add_option(key, enabled);
        option_def debug_level;
        debug_level.name = "debug_level";
        debug_level.type.kind = type_kind::enumeration;
        debug_level.type.values = {"debug", "info", "notice", "warning", "error", "critical"};
        debug_level.note = "every module accepts it";
        add_option(key, debug_level);
        for (const auto& oj : mj.value("adds_core_options", json::array()))
            for (const auto& scope : strings(oj, "scopes")) add_option(scope, parse_option(oj, key));
        add_sub_scopes(key, mj, key);
    }

    schema finish()
    {
        s.index_scopes();
        return std::move(s);
    }
};

schema schema::load(std::string_view scopes_json, std::string_view options_json, std::string_view modules_json)
{
    schema_builder b;
    const auto scopes_doc = json::parse(scopes_json);
    const auto options_doc = json::parse(options_json);
    const auto modules_doc = json::parse(modules_json);
    for (const auto& sj : scopes_doc.at("scopes")) {
        scope_def def;
        def.keyword = ascii_lower(sj.at("name").get<std::string>());
        def.key = def.keyword;
        def.instance = parse_instance(sj);
        def.instance_kind = sj.value("instance_kind", "");
        def.parents = strings(sj, "parents");
        def.restart_required = sj.value("restart_required", false);
        def.versions = parse_versions(sj);
        def.note = sj.value("note", "");
        def.source = sj.value("source", "");
        b.add(std::move(def));
    }
    for (const auto& oj : options_doc.at("options"))
        for (const auto& scope : strings(oj, "scopes")) b.add_option(scope, parse_option(oj, ""));
    for (const auto& mj : modules_doc.at("modules")) b.load_module(mj);
    return b.finish();
}

namespace {

// Schema names are lowercase, and so are the names the parser records: copy only when needed.
template <typename Map>
auto find_lowercase(const Map& map, std::string_view text)
{
    const bool lower = std::none_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    return lower ? map.find(text) : map.find(ascii_lower(text));
}

const std::vector<const scope_def*> no_scopes;

}  // namespace

void schema::index_scopes()
{
    const auto note_release = [this](const version_ranges& versions) {
        for (const auto& r : versions.ranges)
            for (const auto* v : {&r.from, &r.to})
                if (compare_versions(*v, 0, newest_, 0) > 0) newest_ = *v;
    };
    for (auto& s : scopes_) {
        note_release(s.versions);
        s.option_index.reserve(s.options.size());
        for (const auto& [name, option] : s.options) {
            s.option_index.emplace(name, &option);
            scopes_by_option_[name].push_back(s.key);
            note_release(option.versions);
        }
    }
    std::set<std::string> names;
    for (const auto& s : scopes_) {
        names.insert(s.keyword);
        for (const auto& [name, option] : s.options) names.insert(name);
    }
    names_.assign(names.begin(), names.end());
    for (auto& s : scopes_) {
        s.options_by_name_id.clear();
        for (const auto& [name, option] : s.options) {
            const auto at = std::lower_bound(names_.begin(), names_.end(), name);
            s.options_by_name_id.emplace_back(static_cast<name_id>(at - names_.begin()), &option);
        }
        std::sort(s.options_by_name_id.begin(), s.options_by_name_id.end());
    }
    for (const auto& s : scopes_) {
        if (s.key != "global") by_keyword_[s.keyword].push_back(&s);
        for (const auto& parent : s.parents) {
            children_[parent].push_back(&s);
            if (!child_by_keyword_[parent].emplace(s.keyword, &s).second)
                throw std::runtime_error("schema: two scopes open with '" + s.keyword + "' inside '" + parent + "'");
        }
    }
}

const scope_def* schema::scope(std::string_view key) const
{
    const auto found = find_lowercase(by_key_, key);
    return found == by_key_.end() ? nullptr : &scopes_[found->second];
}

const option_def* scope_def::find_option(std::string_view name) const
{
    const auto found = find_lowercase(option_index, name);
    return found == option_index.end() ? nullptr : found->second;
}

const option_def* scope_def::find_option(name_id name) const
{
    const auto found = std::lower_bound(options_by_name_id.begin(), options_by_name_id.end(), name,
                                        [](const auto& entry, name_id id) { return entry.first < id; });
    return found != options_by_name_id.end() && found->first == name ? found->second : nullptr;
}

const option_def* schema::option(std::string_view key, std::string_view name) const
{
    const auto* s = scope(key);
    return s ? s->find_option(name) : nullptr;
}

const std::vector<const scope_def*>& schema::scopes_with_keyword(std::string_view keyword) const
{
    const auto found = find_lowercase(by_keyword_, keyword);
    return found == by_keyword_.end() ? no_scopes : found->second;
}

std::vector<std::string> schema::scopes_with_option(std::string_view name) const
{
    const auto found = find_lowercase(scopes_by_option_, name);
    return found == scopes_by_option_.end() ? std::vector<std::string>{} : found->second;
}

const std::vector<const scope_def*>& schema::children(std::string_view key) const
{
    const auto found = find_lowercase(children_, key);
    return found == children_.end() ? no_scopes : found->second;
}

const scope_def* schema::child(std::string_view parent_key, std::string_view keyword) const
{
    const auto parent = find_lowercase(child_by_keyword_, parent_key);
    if (parent == child_by_keyword_.end()) return nullptr;
    const auto found = find_lowercase(parent->second, keyword);
    return found == parent->second.end() ? nullptr : found->second;
}

std::size_t schema::core_scope_count() const noexcept
{
    return static_cast<std::size_t>(std::count_if(scopes_.begin(), scopes_.end(),
                                                  [](const scope_def& s) { return s.origin == scope_origin::core; }));
}

std::size_t schema::module_count() const noexcept
{
    return static_cast<std::size_t>(std::count_if(scopes_.begin(), scopes_.end(),
                                                  [](const scope_def& s) { return s.origin == scope_origin::module; }));
}

std::size_t schema::sub_scope_count() const noexcept
{
    return static_cast<std::size_t>(std::count_if(
        scopes_.begin(), scopes_.end(), [](const scope_def& s) { return s.origin == scope_origin::module_sub_scope; }));
}

std::size_t schema::option_count() const noexcept
{
    std::size_t n = 0;
    for (const auto& s : scopes_) n += s.options.size();
    return n;
}

template <typename A, typename T, binary::if_type<T, value_type> = 0>
void fields(A& a, T& t)
{
    a(t.kind, t.min, t.max, t.values, t.parts, t.reference_kind);
}

template <typename A, typename T, binary::if_type<T, version_ranges::range> = 0>
void fields(A& a, T& r)
{
    a(r.from, r.to);
}

template <typename A, typename T, binary::if_type<T, version_ranges> = 0>
void fields(A& a, T& v)
{
    a(v.ranges);
}

template <typename A, typename T, binary::if_type<T, option_def> = 0>
void fields(A& a, T& o)
{
    a(o.name, o.type, o.default_text, o.default_value, o.restart_required, o.secret, o.versions, o.deprecated, o.module,
      o.requires_modules, o.note, o.source);
}

// option_index is left out: index_scopes() rebuilds it.
template <typename A, typename T, binary::if_type<T, scope_def> = 0>
void fields(A& a, T& s)
{
    a(s.key, s.keyword, s.origin, s.module, s.instance, s.instance_kind, s.parents, s.restart_required, s.singleton,
      s.options_complete, s.requires_modules, s.implicit, s.versions, s.options, s.note, s.source);
}

std::string schema_to_binary(const schema& s) { return binary::to_bytes(s.scopes()); }

schema schema_from_binary(std::string_view bytes)
{
    schema_builder b;
    for (auto& def : binary::from_bytes<std::vector<scope_def>>(bytes)) b.add(std::move(def));
    return b.finish();
}

std::string scope_label(const scope_def& scope)
{
    switch (scope.origin) {
    case scope_origin::core: return "scope '" + scope.key + "'";
    case scope_origin::module: return "module '" + scope.key + "'";
    case scope_origin::module_sub_scope: return "scope '" + scope.keyword + "' of module '" + scope.module + "'";
    }
    return scope.key;
}

}  // namespace ecconf
