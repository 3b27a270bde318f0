#pragma once
/// Writing diagnostics for people (text, gcc) and for machines (json, sarif, github, checkstyle).

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ecconf/diagnostic.hpp"
#include "ecconf/source.hpp"

namespace ecconf {

enum class output_format { text, gcc, json, sarif, github, checkstyle };

/// Every output format with its command-line name, in the order --help lists them.
[[nodiscard]] const std::vector<std::pair<std::string_view, output_format>>& output_formats();
/// The format of a command-line name, if there is one.
[[nodiscard]] std::optional<output_format> output_format_named(std::string_view name);

/// Where the rule pages are installed with the package (docs/rules/RULE.md of the sources).
inline constexpr std::string_view default_doc_url_base = "/usr/share/doc/ecconf/rules/";

/// A rule's page under `base` (a URL or a directory): base + rule + ".md"; empty when base is empty.
[[nodiscard]] std::string rule_doc_url(std::string_view base, std::string_view rule);

/// Whether a machine output may carry a fix: its new text holds no secret (a fix that does is still
/// applied by --fix, and the text report describes it redacted).
[[nodiscard]] bool fix_is_shown(const fix& f, const secret_values& secrets);

/// " (node NAME)" for a finding of one node's configuration (check_nodes), else "": the text formats end
/// its message with it.
[[nodiscard]] std::string node_suffix(const diagnostic& d);

/// The command-line flags that apply a fix: "--fix", or "--fix --unsafe-fixes".
[[nodiscard]] std::string_view fix_flags(fix_safety safety);

struct report_options {
    output_format format = output_format::text;
    bool color = false;
    std::size_t files_read = 0;                      ///< for the JSON summary
    std::size_t max_diagnostics = SIZE_MAX;          ///< print at most this many; the JSON summary still counts all
    std::string target_version{};                    ///< for the JSON and SARIF run properties
    std::string doc_url_base{default_doc_url_base};  ///< text: each finding ends with its rule's page; SARIF helpUri
    const std::vector<suppressed_finding>* suppressed = nullptr;  ///< SARIF lists them, with their suppression
};

/// Writes the finalized diagnostics in the chosen format.
void write_report(std::ostream& out, const source_manager& sources, const diagnostic_sink& sink,
                  const report_options& options);

/// The diagnostics as the JSON report's "diagnostics" array.
[[nodiscard]] nlohmann::ordered_json diagnostics_json(const source_manager& sources, const diagnostic_sink& sink);

/// `file:line:col: severity: message [rule]` (or `ecconf-check: ...` when the diagnostic has no file), with
/// excerpts the source line, then a `note:` line per related location, then the rule's page when
/// `doc_url_base` is not empty.
void write_text_report(std::ostream& out, const source_manager& sources, const diagnostic_sink& sink, bool excerpts,
                       bool color, std::string_view doc_url_base = {});
void write_json_report(std::ostream& out, const source_manager& sources, const diagnostic_sink& sink,
                       std::size_t files_read);
/// JSON listing the diagnostics of `shown` with a summary that counts those of `totals`, and the target version
/// checked against unless empty.
void write_json_report(std::ostream& out, const source_manager& sources, const diagnostic_sink& shown,
                       const diagnostic_sink& totals, std::size_t files_read, const std::string& target_version);
/// SARIF 2.1.0 (GitHub code scanning): the whole rule catalogue, then one result per diagnostic, then one per
/// accepted finding with its `suppressions` (inSource for a comment, external for the baseline), so that
/// code scanning shows them as dismissed; the target version as a property of the run.
void write_sarif_report(std::ostream& out, const source_manager& sources, const diagnostic_sink& sink,
                        const std::string& target_version, std::string_view doc_url_base = default_doc_url_base,
                        const std::vector<suppressed_finding>& suppressed = {});
/// GitHub Actions workflow commands: `::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::message`.
void write_github_report(std::ostream& out, const source_manager& sources, const diagnostic_sink& sink);
/// Checkstyle 4.3 XML, one <file> per file in first-seen order.
void write_checkstyle_report(std::ostream& out, const source_manager& sources, const diagnostic_sink& sink);

}  // namespace ecconf
