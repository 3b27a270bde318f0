#pragma once
// The language server: the JSON-RPC lifecycle, the open documents and their diagnostics. It reads and
// writes no stream itself (run.hpp does), so that tests drive it message by message.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ecconf/check.hpp"
#include "ecconf/file_system.hpp"
#include "ecconf/report.hpp"
#include "lsp/positions.hpp"
#include "project/project_config.hpp"

namespace ecconf::lsp {

using json = nlohmann::json;

/// JSON-RPC and LSP error codes.
enum error_code : int {
    parse_error = -32700,
    invalid_request = -32600,
    method_not_found = -32601,
    invalid_params = -32602,
    internal_error = -32603,
    server_not_initialized = -32002,
    request_failed = -32803,
};

/// A request answered with an error response instead of a result.
struct request_error {
    error_code code;
    std::string message;
};

/// What the project configuration file (.ecconf.toml) and the client (initializationOptions,
/// workspace/didChangeConfiguration under "ecconf") set, the client's settings winning.
struct server_settings {
    std::string main_file;  ///< empty: ecelerity.conf at the workspace root
    std::vector<std::string> include_path;
    std::vector<std::string> include_roots;
    std::string node;       ///< selects [node.NAME] of the project file, and Momentum's search path for it
    std::string conf_root;  ///< the root of Momentum's search path for `node`
    std::string cluster;
    std::string target_version;
    diagnostic_filter rules;
    std::map<std::string, severity, std::less<>> levels;  ///< the project file's [rules]
    std::vector<baseline_entry> baseline;                 ///< the project file's baseline, read
    std::string baseline_directory;
    std::string doc_url_base{default_doc_url_base};
};

/// A document's text checked with the configuration around it: from the workspace's main file when
/// that includes it, else on its own.
struct analysis {
    std::shared_ptr<const check_result> result;
    file_id file = no_file;  ///< the document in result->sources
    bool main = false;       ///< the document is the file the check started from
};

/// Whether a finding of the analysis is shown in its document.
[[nodiscard]] bool belongs_to(const diagnostic& d, const analysis& checked);
/// A finding as an LSP Diagnostic: the rule id as code, its page as codeDescription, related locations.
[[nodiscard]] json lsp_diagnostic(const diagnostic& d, source_positions& positions, const std::string& doc_url_base);

struct document {
    std::string uri;
    std::string path;
    std::string text;
    std::int64_t version = 0;
    std::shared_ptr<const analysis> checked;  ///< null when the text or the settings changed since
    bool published = false;                   ///< its diagnostics reflect `checked`
};

class language_server {
public:
    language_server();

    /// Handles one message body read from the client; what to send back is appended to `out`.
    void receive(std::string_view body, std::vector<json>& out);
    /// Answers bytes that could not be framed as a message.
    static void framing_error(const std::string& what, std::vector<json>& out);
    /// Whether some open document's diagnostics are out of date.
    [[nodiscard]] bool diagnostics_pending() const;
    /// Checks the documents whose diagnostics are out of date and publishes them.
    void publish_diagnostics(std::vector<json>& out);

    [[nodiscard]] bool exit_requested() const noexcept { return exit_requested_; }
    /// The process's exit status: 0 when `exit` followed `shutdown`, else 1.
    [[nodiscard]] int exit_status() const noexcept { return shut_down_ ? 0 : 1; }

    /// The analysis of an open document (checked now when out of date); throws request_error when not open.
    const analysis& analysis_of(const json& text_document);
    /// An open document; throws request_error when not open.
    document& document_of(const json& text_document);
    [[nodiscard]] position_encoding encoding() const noexcept { return encoding_; }
    [[nodiscard]] const server_settings& settings() const noexcept { return settings_; }
    /// The includePath setting's directories, from the workspace's directory.
    [[nodiscard]] std::vector<std::string> include_search_path() const;
    /// The files the checks read: the open buffers over the machine's, confined to the include roots when set.
    [[nodiscard]] const file_system& files() const noexcept { return *files_; }

private:
    using request_handler = std::function<json(const json& params, std::vector<json>& out)>;
    using notification_handler = std::function<void(const json& params, std::vector<json>& out)>;

    void dispatch(const json& message, std::vector<json>& out);
    void answer(const json& id, const std::string& method, const json& params, std::vector<json>& out);
    void notify(const std::string& method, const json& params, std::vector<json>& out);

    json initialize(const json& params, std::vector<json>& out);
    void initialized(const json& params, std::vector<json>& out);
    void exit(const json& params, std::vector<json>& out);
    void did_open(const json& params, std::vector<json>& out);
    void did_change(const json& params, std::vector<json>& out);
    void did_close(const json& params, std::vector<json>& out);
    void did_change_configuration(const json& params, std::vector<json>& out);
    void did_change_watched_files(const json& params, std::vector<json>& out);

    /// Applies the settings present in `given`; each unusable one is logged and left as it was.
    void apply_settings(const json& given, std::vector<json>& out);
    /// Reads the workspace's .ecconf.toml (the nearest one from the root upward), if any; a file that
    /// cannot be used is reported to the user and ignored.
    void load_project(std::vector<json>& out);
    /// The settings again from the project file and the client's, then every check is out of date.
    void reload_settings(std::vector<json>& out);
    /// What the project file sets (for settings_.node, its [node.NAME] too).
    void apply_project(const project::project_config& config, std::vector<json>& out);
    /// The open buffers over the machine's files (confined to the include roots, when set).
    void rebuild_file_system(std::vector<json>& out);
    /// Every document's diagnostics, and the main file's check, are out of date.
    void invalidate();
    [[nodiscard]] std::optional<std::string> main_file() const;
    [[nodiscard]] std::unique_ptr<check_result> check(const std::string& path) const;
    [[nodiscard]] json diagnostics_of(const document& doc) const;

    std::map<std::string, request_handler, std::less<>> requests_;
    std::map<std::string, notification_handler, std::less<>> notifications_;
    std::map<std::string, document, std::less<>> documents_;  ///< by URI
    std::vector<std::string> closed_;                         ///< URIs whose diagnostics are still to clear
    std::unique_ptr<overlay_file_system> files_;
    std::shared_ptr<const check_result> main_check_;  ///< null when out of date
    server_settings settings_;
    json client_settings_ = json::object();           ///< every setting the client has sent, the newest of each
    std::optional<project::project_config> project_;  ///< the project file, when there is one
    std::string root_;                                ///< the workspace's directory; empty without one
    position_encoding encoding_ = position_encoding::utf16;
    bool initialized_ = false;
    bool shut_down_ = false;
    bool exit_requested_ = false;
};

}  // namespace ecconf::lsp
