// The schema and rule catalogue the program reads from their binary form at start-up are exactly what
// the loaders make of schemas/*.json.

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "schema/builtin_data.hpp"

using namespace ecconf;

namespace {

std::string read_text(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) throw std::runtime_error("cannot read " + path);
    return text.str();
}

std::string schema_text(const char* name) { return read_text(std::string(ECCONF_SOURCE_DIR "/schemas/") + name); }

void check_same(const value_type& a, const value_type& b)
{
    CHECK(a.kind == b.kind);
    CHECK(a.min == b.min);
    CHECK(a.max == b.max);
    CHECK(a.values == b.values);
    CHECK(a.reference_kind == b.reference_kind);
    REQUIRE(a.parts.size() == b.parts.size());
    for (std::size_t i = 0; i < a.parts.size(); ++i) check_same(a.parts[i], b.parts[i]);
}

void check_same(const version_ranges& a, const version_ranges& b)
{
    REQUIRE(a.ranges.size() == b.ranges.size());
    for (std::size_t i = 0; i < a.ranges.size(); ++i) {
        CHECK(a.ranges[i].from == b.ranges[i].from);
        CHECK(a.ranges[i].to == b.ranges[i].to);
    }
}

void check_same(const option_def& a, const option_def& b)
{
    CHECK(a.name == b.name);
    check_same(a.type, b.type);
    CHECK(a.default_text == b.default_text);
    CHECK(a.default_value == b.default_value);
    CHECK(a.default_value.type() == b.default_value.type());
    CHECK(a.restart_required == b.restart_required);
    CHECK(a.secret == b.secret);
    check_same(a.versions, b.versions);
    CHECK(a.deprecated == b.deprecated);
    CHECK(a.module == b.module);
    CHECK(a.requires_modules == b.requires_modules);
    CHECK(a.note == b.note);
    CHECK(a.source == b.source);
}

void check_same(const scope_def& a, const scope_def& b)
{
    CHECK(a.key == b.key);
    CHECK(a.keyword == b.keyword);
    CHECK(a.origin == b.origin);
    CHECK(a.module == b.module);
    CHECK(a.instance == b.instance);
    CHECK(a.instance_kind == b.instance_kind);
    CHECK(a.parents == b.parents);
    CHECK(a.restart_required == b.restart_required);
    CHECK(a.singleton == b.singleton);
    CHECK(a.options_complete == b.options_complete);
    CHECK(a.requires_modules == b.requires_modules);
    CHECK(a.implicit == b.implicit);
    check_same(a.versions, b.versions);
    CHECK(a.note == b.note);
    CHECK(a.source == b.source);
    REQUIRE(a.options.size() == b.options.size());
    CHECK(a.option_index.size() == a.options.size());
    for (auto x = a.options.begin(), y = b.options.begin(); x != a.options.end(); ++x, ++y) {
        INFO("option " << x->first);
        CHECK(x->first == y->first);
        check_same(x->second, y->second);
        CHECK(a.find_option(x->first) == &x->second);
    }
}

std::vector<std::string> keys(const std::vector<const scope_def*>& scopes)
{
    std::vector<std::string> out;
    out.reserve(scopes.size());
    for (const auto* s : scopes) out.push_back(s->key);
    return out;
}

}  // namespace

TEST_CASE("built-in data: the schema equals schema::load of schemas/*.json, field by field")
{
    const auto loaded =
        schema::load(schema_text("scopes.json"), schema_text("options.json"), schema_text("modules.json"));
    const auto& builtin = builtin_schema();
    CHECK(builtin.newest_version() == loaded.newest_version());
    REQUIRE(builtin.scopes().size() == loaded.scopes().size());
    for (std::size_t i = 0; i < loaded.scopes().size(); ++i) {
        const auto& s = builtin.scopes()[i];
        INFO("scope " << s.key);
        check_same(s, loaded.scopes()[i]);
        CHECK(builtin.scope(s.key) == &s);
        CHECK(keys(builtin.children(s.key)) == keys(loaded.children(s.key)));
        CHECK(keys(builtin.scopes_with_keyword(s.keyword)) == keys(loaded.scopes_with_keyword(s.keyword)));
        for (const auto& [name, option] : s.options)
            CHECK(builtin.scopes_with_option(name) == loaded.scopes_with_option(name));
    }
}

TEST_CASE("built-in data: the rule catalogue equals load_rules of schemas/rules.json, field by field")
{
    const auto loaded = load_rules(schema_text("rules.json"));
    const auto& builtin = rule_catalogue();
    REQUIRE(builtin.size() == loaded.size());
    for (std::size_t i = 0; i < loaded.size(); ++i) {
        const auto& a = builtin[i];
        const auto& b = loaded[i];
        INFO("rule " << b.id);
        CHECK(a.id == b.id);
        CHECK(a.default_severity == b.default_severity);
        CHECK(a.summary == b.summary);
        CHECK(a.explanation == b.explanation);
        CHECK(a.bad == b.bad);
        CHECK(a.good == b.good);
        CHECK(a.example_options == b.example_options);
        CHECK(a.default_enabled == b.default_enabled);
        CHECK(a.suppressible == b.suppressible);
    }
}

TEST_CASE("built-in data: the binary form is refused when truncated or followed by more bytes")
{
    const std::string bytes(builtin_schema_binary());
    CHECK(schema_to_binary(builtin_schema()) == bytes);
    CHECK_THROWS_AS((void)schema_from_binary(std::string_view(bytes).substr(0, bytes.size() - 1)), std::runtime_error);
    CHECK_THROWS_AS((void)schema_from_binary(bytes + "x"), std::runtime_error);
    CHECK_THROWS_AS((void)rules_from_binary(std::string(builtin_rules_binary()) + "x"), std::runtime_error);
}
