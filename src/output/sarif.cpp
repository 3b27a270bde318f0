// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

#include <cstdio>

#include <nlohmann/json.hpp>

#include "ecconf/report.hpp"
#include "ecconf/schema.hpp"

#ifndef ECCONF_VERSION
#define ECCONF_VERSION "0.0.0"
#endif

namespace ecconf {
namespace {

using ordered = nlohmann::ordered_json;

constexpr const char* information_uri = "https://github.com/ecconf/ecconf";

// SARIF levels happen to share ecconf's severity names.
std::string level_of(severity s) { return std::string(to_string(s)); }

// A path becomes a URI reference: relative paths stay relative (to the repository root in CI),
// absolute ones become file:// URIs; bytes outside the unreserved set and '/' are percent-encoded.
std::string uri_of(const std::string& path)
{
    std::string uri = !path.empty() && path.front() == '/' ? "file://" : "";
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        const bool plain = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                           (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
        if (plain) {
            uri += c;
            continue;
        }
        char escaped[4];
        std::snprintf(escaped, sizeof escaped, "%%%02X", byte);
        uri += escaped;
    }
    return uri;
}

ordered region_of(const source_manager& sources, const source_range& range)
{
    const auto begin = sources.begin_of(range);
    const auto end = sources.end_of(range);
    return ordered{
        {"startLine", begin.line}, {"startColumn", begin.column}, {"endLine", end.line}, {"endColumn", end.column}};
}

ordered physical_location(const source_manager& sources, const source_range& range)
{
    return ordered{{"artifactLocation", {{"uri", uri_of(sources.file(range.file).path())}}},
                   {"region", region_of(sources, range)}};
}

// The help code scanning shows under a finding: the explanation, then the wrong and the right example.
ordered help_of(const rule_info& rule)
{
    const auto block = [](const std::string& code) {
        return "```\n" + code + (code.empty() || code.back() != '\n' ? "\n```" : "```");
    };
    return ordered{
        {"text", rule.explanation + "\n\nWrong:\n\n" + rule.bad + "\nRight:\n\n" + rule.good},
        {"markdown", rule.explanation + "\n\nWrong:\n\n" + block(rule.bad) + "\n\nRight:\n\n" + block(rule.good)}};
}

// The rule's page under --doc-url-base: a URL as it is, an installed directory as a file:// URI; none without a base.
ordered rule_descriptor(const rule_info& rule, std::string_view doc_url_base)
{
    ordered configuration{{"level", level_of(rule.default_severity)}};
    if (!rule.default_enabled) configuration["enabled"] = false;
    ordered descriptor{{"id", rule.id},
                       {"shortDescription", {{"text", rule.summary}}},
                       {"fullDescription", {{"text", rule.explanation}}}};
    if (const auto page = rule_doc_url(doc_url_base, rule.id); !page.empty())
        descriptor["helpUri"] = page.find("://") != std::string::npos ? page : uri_of(page);
    descriptor["help"] = help_of(rule);
    descriptor["defaultConfiguration"] = std::move(configuration);
    return descriptor;
}

// A proposed fix: one artifactChange with a replacement per edit; whether --fix applies it on its own
// (safe) or only with --unsafe-fixes is a property.
ordered fix_of(const source_manager& sources, const fix& f)
{
    ordered replacements = ordered::array();
    for (const auto& e : f.edits)
        replacements.push_back({{"deletedRegion", region_of(sources, source_range{f.file, e.begin, e.end})},
                                {"insertedContent", {{"text", e.text}}}});
    ordered change{{"artifactLocation", {{"uri", uri_of(sources.file(f.file).path())}}},
                   {"replacements", std::move(replacements)}};
    return ordered{{"description", {{"text", f.description}}},
                   {"artifactChanges", ordered::array({std::move(change)})},
                   {"properties", {{"applicability", to_string(f.safety)}}}};
}

ordered result_of(const source_manager& sources, const diagnostic& d)
{
    ordered result{{"ruleId", d.rule}};
    const auto& rules = rule_catalogue();
    for (std::size_t i = 0; i < rules.size(); ++i)
        if (rules[i].id == d.rule) result["ruleIndex"] = i;
    result["level"] = level_of(d.level);
    result["message"] = {{"text", d.message}};
    if (d.range.file != no_file) {
        ordered location;
        location["physicalLocation"] = physical_location(sources, d.range);
        result["locations"] = ordered::array();
        result["locations"].push_back(std::move(location));
    }
    ordered related = ordered::array();
    for (const auto& r : d.related) {
        ordered location{{"id", related.size()}};
        if (r.range.file != no_file) location["physicalLocation"] = physical_location(sources, r.range);
        location["message"] = {{"text", r.message}};
        related.push_back(std::move(location));
    }
    if (!related.empty()) result["relatedLocations"] = std::move(related);
    if (!d.node.empty()) result["properties"] = {{"node", d.node}};
    ordered fixes = ordered::array();
    for (const auto& f : d.fixes)
        if (fix_is_shown(f, sources.secrets())) fixes.push_back(fix_of(sources, f));
    if (!fixes.empty()) result["fixes"] = std::move(fixes);
    return result;
}

}  // namespace

void write_sarif_report(std::ostream& out, const source_manager& sources, const diagnostic_sink& sink,
                        const std::string& target_version, std::string_view doc_url_base,
                        const std::vector<suppressed_finding>& suppressed)
{
    ordered rules = ordered::array();
    for (const auto& rule : rule_catalogue()) rules.push_back(rule_descriptor(rule, doc_url_base));
    ordered results = ordered::array();
    for (const auto& d : sink.all()) results.push_back(result_of(sources, d));
    for (const auto& accepted : suppressed) {
        auto result = result_of(sources, accepted.finding);
        ordered suppression{{"kind", accepted.kind == suppression_kind::in_source ? "inSource" : "external"}};
        if (!accepted.justification.empty()) suppression["justification"] = accepted.justification;
        result["suppressions"] = ordered::array({std::move(suppression)});
        results.push_back(std::move(result));
    }
    const ordered driver{{"name", "ecconf-check"},
                         {"version", ECCONF_VERSION},
                         {"informationUri", information_uri},
                         {"rules", std::move(rules)}};
    const ordered run{{"tool", {{"driver", driver}}},
                      {"columnKind", "unicodeCodePoints"},
                      {"results", std::move(results)},
                      {"properties", {{"targetVersion", target_version}}}};
    const ordered log{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                      {"version", "2.1.0"},
                      {"runs", ordered::array({run})}};
    // Invalid UTF-8 from the input is replaced, so the output always stays valid JSON.
    out << log.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace ecconf
