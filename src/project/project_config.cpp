#include "project/project_config.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "ecconf/schema.hpp"
#include "text/did_you_mean.hpp"
#include "text/printable.hpp"

namespace ecconf::project {
namespace {

const std::string file_name = ".ecconf.toml";

/// Reading one file: its name for messages and its directory for the paths it holds.
struct reader {
    std::string path;
    std::string directory;

    [[nodiscard]] std::string where(const toml::source_region& region) const
    {
        return path + ":" + std::to_string(region.begin.line) + ":" + std::to_string(region.begin.column);
    }

    [[noreturn]] void fail(const toml::source_region& region, const std::string& what) const
    {
        throw config_error(printable(where(region) + ": " + what));
    }

    [[nodiscard]] std::string relative(const std::string& written) const
    {
        if (written.empty() || written.front() == '/') return written;
        return (std::filesystem::path(directory) / written).lexically_normal().string();
    }

    [[nodiscard]] located<std::string> text(const std::string& name, const toml::key& key, const toml::node& node) const
    {
        const auto* value = node.as_string();
        if (value == nullptr) fail(node.source(), "'" + name + "' must be a string");
        return {value->get(), where(key.source())};
    }

    [[nodiscard]] located<std::vector<std::string>> list(const std::string& name, const toml::key& key,
                                                         const toml::node& node) const
    {
        const auto* array = node.as_array();
        if (array == nullptr) fail(node.source(), "'" + name + "' must be an array of strings");
        located<std::vector<std::string>> result{{}, where(key.source())};
        for (const auto& item : *array) {
            const auto* value = item.as_string();
            if (value == nullptr) fail(item.source(), "'" + name + "' must be an array of strings");
            result.value.push_back(value->get());
        }
        return result;
    }

    [[nodiscard]] located<std::string> path_value(const std::string& name, const toml::key& key,
                                                  const toml::node& node) const
    {
        auto result = text(name, key, node);
        result.value = relative(result.value);
        return result;
    }

    [[nodiscard]] located<std::vector<std::string>> path_list(const std::string& name, const toml::key& key,
                                                              const toml::node& node) const
    {
        auto result = list(name, key, node);
        for (auto& item : result.value) item = relative(item);
        return result;
    }

    [[nodiscard]] located<std::string> severity_name(const std::string& name, const toml::key& key,
                                                     const toml::node& node) const
    {
        auto result = text(name, key, node);
        if (result.value != "error" && result.value != "warning" && result.value != "note")
            fail(node.source(),
                 "'" + name + "' must be \"error\", \"warning\" or \"note\", not \"" + result.value + "\"");
        return result;
    }

    [[nodiscard]] located<std::string> version_name(const std::string& name, const toml::key& key,
                                                    const toml::node& node) const
    {
        auto result = text(name, key, node);
        try {
            (void)builtin_schema().target_version(result.value);
        }
        catch (const std::invalid_argument& error) {
            fail(node.source(), "'" + name + "': " + error.what());
        }
        return result;
    }

    [[nodiscard]] located<std::vector<std::string>> rule_list(const std::string& name, const toml::key& key,
                                                              const toml::node& node, bool disabling) const
    {
        auto result = list(name, key, node);
        const auto& items = *node.as_array();
        for (std::size_t i = 0; i < items.size(); ++i) {
            const auto& id = result.value[i];
            if (find_rule(id) == nullptr)
                fail(items[i].source(), "unknown rule '" + id + "' in '" + name + "' " + unknown_rule_hint(id));
            if (disabling && !is_suppressible(id))
                fail(items[i].source(),
                     "'" + id + "' cannot be disabled, it means part of the configuration was not read");
        }
        return result;
    }

    [[noreturn]] void unknown_key(const std::string& name, const toml::key& key,
                                  const std::vector<std::string>& known) const
    {
        const auto guess = closest_match(key.str(), known);
        fail(key.source(),
             "unknown key '" + name + "'" + (guess.empty() ? std::string() : " (did you mean '" + guess + "'?)"));
    }

    [[nodiscard]] const toml::table& table(const std::string& name, const toml::node& node) const
    {
        const auto* result = node.as_table();
        if (result == nullptr) fail(node.source(), "'" + name + "' must be a table");
        return *result;
    }

    [[nodiscard]] node_settings node_section(const std::string& prefix, const toml::table& section) const
    {
        node_settings result;
        for (const auto& [key, value] : section) {
            const auto name = prefix + "." + std::string(key.str());
            if (key.str() == "include_path") result.include_path = path_list(name, key, value);
            else if (key.str() == "cluster")
                result.cluster = path_value(name, key, value);
            else
                unknown_key(name, key, {"include_path", "cluster"});
        }
        return result;
    }
};

}  // namespace

std::string find_project_config(const std::string& start)
{
    std::error_code error;
    auto directory = start.empty() ? std::filesystem::current_path(error) : std::filesystem::absolute(start, error);
    if (error) return {};
    for (std::filesystem::path prefix = start;; prefix /= "..") {
        const auto candidate = prefix / file_name;
        if (std::filesystem::is_regular_file(candidate, error)) return candidate.lexically_normal().string();
        if (!directory.has_relative_path()) return {};
        directory = directory.parent_path();
    }
}

project_config read_project_config(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    if (!in || !(bytes << in.rdbuf()) || std::filesystem::is_directory(path))
        throw std::runtime_error("cannot read project configuration '" + printable(path) + "'");
    const reader file{path, std::filesystem::path(path).parent_path().string()};
    toml::table document;
    try {
        document = toml::parse(bytes.str(), path);
    }
    catch (const toml::parse_error& error) {
        file.fail(error.source(), std::string(error.description()));
    }
    project_config result;
    result.path = path;
    for (const auto& [key, value] : document) {
        const std::string name(key.str());
        if (name == "files") result.files = file.path_list(name, key, value);
        else if (name == "include_path")
            result.include_path = file.path_list(name, key, value);
        else if (name == "include_roots")
            result.include_roots = file.path_list(name, key, value);
        else if (name == "ignore")
            result.ignore = file.path_list(name, key, value);
        else if (name == "cluster")
            result.cluster = file.path_value(name, key, value);
        else if (name == "conf_root")
            result.conf_root = file.path_value(name, key, value);
        else if (name == "baseline")
            result.baseline = file.path_value(name, key, value);
        else if (name == "fail_on")
            result.fail_on = file.severity_name(name, key, value);
        else if (name == "target_version")
            result.target_version = file.version_name(name, key, value);
        else if (name == "enable")
            result.enable = file.rule_list(name, key, value, false);
        else if (name == "disable")
            result.disable = file.rule_list(name, key, value, true);
        else if (name == "rules") {
            for (const auto& [rule, level] : file.table(name, value)) {
                const auto rule_name = name + "." + std::string(rule.str());
                if (find_rule(rule.str()) == nullptr)
                    file.fail(rule.source(),
                              "unknown rule '" + std::string(rule.str()) + "' " + unknown_rule_hint(rule.str()));
                result.rules.emplace(std::string(rule.str()), file.severity_name(rule_name, rule, level));
            }
        }
        else if (name == "node") {
            for (const auto& [node, section] : file.table(name, value)) {
                const auto prefix = name + "." + std::string(node.str());
                result.nodes.emplace(std::string(node.str()), file.node_section(prefix, file.table(prefix, section)));
            }
        }
        else
            file.unknown_key(name, key,
                             {"files", "include_path", "include_roots", "ignore", "cluster", "conf_root", "baseline",
                              "fail_on", "target_version", "enable", "disable", "rules", "node"});
    }
    return result;
}

}  // namespace ecconf::project
