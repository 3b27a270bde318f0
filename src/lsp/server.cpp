#include "lsp/server.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "ecconf/include_resolver.hpp"
#include "ecconf/schema.hpp"
#include "lsp/features.hpp"

namespace ecconf::lsp {
namespace {

json error_response(const json& id, error_code code, const std::string& message)
{
    return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

json notification(const std::string& method, json params)
{
    return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

/// An error shown to the user (window/showMessage of MessageType.Error).
json show_error(const std::string& message)
{
    return notification("window/showMessage", {{"type", 1}, {"message", message}});
}

/// An error in the client's log (window/logMessage of MessageType.Error).
json log_error(const std::string& message)
{
    return notification("window/logMessage", {{"type", 1}, {"message", message}});
}

constexpr const char* project_file_name = ".ecconf.toml";
/// A baseline larger than this is refused (a file of findings, written by --write-baseline).
constexpr std::uintmax_t max_baseline_size = 64u << 20;

std::string normal_path(const std::string& path) { return std::filesystem::path(path).lexically_normal().string(); }

/// The client's settings for this server: {"ecconf": {...}} or the settings themselves.
const json& own_settings(const json& settings)
{
    const auto found = settings.find("ecconf");
    return found != settings.end() && found->is_object() ? *found : settings;
}

int lsp_severity(severity level)
{
    switch (level) {
    case severity::error: return 1;
    case severity::warning: return 2;
    case severity::note: return 3;
    }
    return 1;
}

/// A rule page's address as a URI: a directory base (the installed pages) becomes a file: URI.
std::string rule_page_uri(std::string_view base, std::string_view rule)
{
    auto url = rule_doc_url(base, rule);
    return !url.empty() && url.front() == '/' ? "file://" + url : url;
}

}  // namespace

bool belongs_to(const diagnostic& d, const analysis& checked)
{
    // Findings without a file (an unreadable main file) belong to the file the check started from.
    return d.range.file == no_file ? checked.main : d.range.file == checked.file;
}

language_server::language_server() : files_(std::make_unique<overlay_file_system>(std::make_unique<real_file_system>()))
{
    requests_ = {
        {"initialize", [this](const json& params, std::vector<json>& out) { return initialize(params, out); }},
        {"shutdown",
         [this](const json& /*params*/, std::vector<json>& /*out*/) {
             shut_down_ = true;
             return json();
         }},
    };
    for (const auto& [method, handler] : feature_handlers())
        requests_.emplace(method, [this, handler = handler](const json& params, std::vector<json>& /*out*/) {
            return handler(*this, params);
        });
    const auto ignored = [](const json& /*params*/, std::vector<json>& /*out*/) {};
    notifications_ = {
        {"initialized", ignored},
        {"exit", [this](const json& /*params*/, std::vector<json>& /*out*/) { exit_requested_ = true; }},
        {"textDocument/didOpen", [this](const json& params, std::vector<json>& out) { did_open(params, out); }},
        {"textDocument/didChange", [this](const json& params, std::vector<json>& out) { did_change(params, out); }},
        {"textDocument/didClose", [this](const json& params, std::vector<json>& out) { did_close(params, out); }},
        {"workspace/didChangeConfiguration",
         [this](const json& params, std::vector<json>& out) { did_change_configuration(params, out); }},
        {"workspace/didChangeWatchedFiles",
         [this](const json& params, std::vector<json>& out) { did_change_watched_files(params, out); }},
    };
}

void language_server::receive(std::string_view body, std::vector<json>& out)
{
    json message;
    try {
        message = json::parse(body);
    }
    catch (const json::parse_error& error) {
        out.push_back(error_response(nullptr, parse_error, std::string("malformed JSON: ") + error.what()));
        return;
    }
    dispatch(message, out);
}

void language_server::framing_error(const std::string& what, std::vector<json>& out)
{
    out.push_back(error_response(nullptr, parse_error, what));
}

void language_server::dispatch(const json& message, std::vector<json>& out)
{
    const auto id = message.is_object() ? message.find("id") : json::const_iterator();
    const bool has_id = message.is_object() && id != message.end();
    const bool valid_id = has_id && (id->is_string() || id->is_number_integer());
    const auto method = message.is_object() ? message.find("method") : json::const_iterator();
    if (!message.is_object() || message.value("jsonrpc", json()) != "2.0" || (has_id && !valid_id)) {
        out.push_back(error_response(valid_id ? *id : json(), invalid_request, "not a JSON-RPC 2.0 message"));
        return;
    }
    if (method == message.end()) {
        // A response to a request of ours: the server sends none, so there is nothing to match.
        if (has_id && (message.contains("result") || message.contains("error"))) return;
        out.push_back(error_response(valid_id ? *id : json(), invalid_request, "a message without a method"));
        return;
    }
    if (!method->is_string()) {
        out.push_back(error_response(valid_id ? *id : json(), invalid_request, "the method is not a string"));
        return;
    }
    const auto params = message.value("params", json::object());
    if (has_id) answer(*id, method->get<std::string>(), params, out);
    else
        notify(method->get<std::string>(), params, out);
}

void language_server::answer(const json& id, const std::string& method, const json& params, std::vector<json>& out)
{
    const auto handler = requests_.find(method);
    if (handler == requests_.end()) {
        out.push_back(error_response(id, method_not_found, "unknown method '" + method + "'"));
        return;
    }
    if (!initialized_ && method != "initialize") {
        out.push_back(error_response(id, server_not_initialized, "the server is not initialized yet"));
        return;
    }
    if (shut_down_) {
        out.push_back(error_response(id, invalid_request, "the server is shut down: only 'exit' is accepted"));
        return;
    }
    try {
        auto result = handler->second(params, out);
        out.push_back({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
    }
    catch (const request_error& error) {
        out.push_back(error_response(id, error.code, error.message));
    }
    catch (const json::exception& error) {
        out.push_back(error_response(id, invalid_params, std::string("invalid parameters: ") + error.what()));
    }
    catch (const std::exception& error) {
        out.push_back(error_response(id, internal_error, error.what()));
    }
}

void language_server::notify(const std::string& method, const json& params, std::vector<json>& out)
{
    const auto handler = notifications_.find(method);
    // Unknown notifications ($/cancelRequest, $/setTrace, didSave...) need no answer; before
    // `initialize` only `exit` counts.
    if (handler == notifications_.end() || (!initialized_ && method != "exit")) return;
    try {
        handler->second(params, out);
    }
    catch (const request_error& error) {
        out.push_back(log_error(method + ": " + error.message));
    }
    catch (const std::exception& error) {
        out.push_back(log_error(method + ": " + error.what()));
    }
}

json language_server::initialize(const json& params, std::vector<json>& out)
{
    if (initialized_) throw request_error{invalid_request, "the server is already initialized"};
    if (const auto uri = params.value("rootUri", json()); uri.is_string()) root_ = path_of_uri(uri.get<std::string>());
    else if (const auto folders = params.value("workspaceFolders", json()); folders.is_array() && !folders.empty())
        root_ = path_of_uri(folders.front().at("uri").get<std::string>());
    else if (const auto path = params.value("rootPath", json()); path.is_string())
        root_ = path.get<std::string>();
    const auto encodings = params.value("/capabilities/general/positionEncodings"_json_pointer, json::array());
    if (std::find(encodings.begin(), encodings.end(), "utf-8") != encodings.end()) encoding_ = position_encoding::utf8;
    initialized_ = true;
    // The protocol lets the server log while it answers `initialize`.
    if (const auto options = params.value("initializationOptions", json()); options.is_object())
        client_settings_ = own_settings(options);
    load_project(out);
    reload_settings(out);
    json capabilities = {
        {"positionEncoding", encoding_ == position_encoding::utf8 ? "utf-8" : "utf-16"},
        {"textDocumentSync", {{"openClose", true}, {"change", 1}}},
    };
    capabilities.update(feature_capabilities());
    return {{"capabilities", capabilities}, {"serverInfo", {{"name", "ecconf-check"}}}};
}

void language_server::did_open(const json& params, std::vector<json>& /*out*/)
{
    const auto& item = params.at("textDocument");
    const auto uri = item.at("uri").get<std::string>();
    document doc{uri, path_of_uri(uri), item.at("text").get<std::string>(), item.value("version", 0), {}, false};
    files_->set(doc.path, doc.text);
    documents_.insert_or_assign(uri, std::move(doc));
    closed_.erase(std::remove(closed_.begin(), closed_.end(), uri), closed_.end());
    invalidate();
}

void language_server::did_change(const json& params, std::vector<json>& /*out*/)
{
    auto& doc = document_of(params.at("textDocument"));
    for (const auto& change : params.at("contentChanges")) {
        auto text = change.at("text").get<std::string>();
        if (const auto range = change.find("range"); range != change.end()) {
            // An incremental change (the server asks for whole texts, but a client may send ranges).
            const line_index lines(doc.text, encoding_);
            const auto begin = lines.offset(range->at("start"));
            const auto end = std::max(begin, lines.offset(range->at("end")));
            text = doc.text.substr(0, begin) + text + doc.text.substr(end);
        }
        doc.text = std::move(text);
    }
    doc.version = params.at("textDocument").value("version", doc.version);
    files_->set(doc.path, doc.text);
    invalidate();
}

void language_server::did_close(const json& params, std::vector<json>& /*out*/)
{
    const auto& doc = document_of(params.at("textDocument"));
    files_->remove(doc.path);
    closed_.push_back(doc.uri);
    documents_.erase(doc.uri);
    invalidate();
}

void language_server::did_change_configuration(const json& params, std::vector<json>& out)
{
    if (const auto settings = params.value("settings", json()); settings.is_object()) {
        client_settings_.update(own_settings(settings));
        reload_settings(out);
    }
}

void language_server::did_change_watched_files(const json& params, std::vector<json>& out)
{
    const auto changes = params.value("changes", json::array());
    const bool project_file = std::any_of(changes.begin(), changes.end(), [](const json& change) {
        const auto uri = change.value("uri", std::string());
        return std::filesystem::path(path_of_uri(uri)).filename() == project_file_name;
    });
    if (project_file) {
        load_project(out);
        reload_settings(out);
    }
    invalidate();  // a file that is not open changed on disk (a checkout, another editor): every check may read it
}

void language_server::load_project(std::vector<json>& out)
{
    project_.reset();
    const auto path = root_.empty() ? std::string() : project::find_project_config(root_);
    if (path.empty()) return;
    try {
        project_ = project::read_project_config(path);
    }
    catch (const std::exception& error) {
        out.push_back(show_error(std::string(error.what()) + "; the project configuration is ignored"));
    }
}

void language_server::apply_project(const project::project_config& config, std::vector<json>& out)
{
    const auto set = [](auto& target, const auto& from) {
        if (from) target = from->value;
    };
    if (config.files && !config.files->value.empty()) settings_.main_file = config.files->value.front();
    set(settings_.include_path, config.include_path);
    set(settings_.include_roots, config.include_roots);
    set(settings_.cluster, config.cluster);
    set(settings_.conf_root, config.conf_root);
    set(settings_.target_version, config.target_version);
    if (const auto node = config.nodes.find(settings_.node); !settings_.node.empty() && node != config.nodes.end()) {
        set(settings_.include_path, node->second.include_path);
        set(settings_.cluster, node->second.cluster);
    }
    std::vector<std::string> enable;
    std::vector<std::string> disable;
    set(enable, config.enable);
    set(disable, config.disable);
    settings_.rules = {split_rule_list(enable), split_rule_list(disable)};
    for (const auto& [rule, level] : config.rules) settings_.levels.emplace(rule, severity_named(level.value));
    if (!config.baseline) return;
    const auto content = real_file_system().read(config.baseline->value, max_baseline_size);
    try {
        if (!content.ok() || content.status.kind != file_kind::regular)
            throw std::runtime_error(content.ok() ? "it is a directory" : content.status.error);
        std::istringstream in(content.bytes);
        settings_.baseline = read_baseline(in);
        settings_.baseline_directory = parent_path(config.baseline->value);
    }
    catch (const std::exception& error) {
        out.push_back(show_error("baseline '" + config.baseline->value + "' (" + config.baseline->origin +
                                 "): " + error.what() + "; every finding is shown"));
    }
}

void language_server::reload_settings(std::vector<json>& out)
{
    settings_ = server_settings{};
    // The node first: it chooses among the project file's settings.
    if (const auto node = client_settings_.find("node"); node != client_settings_.end() && node->is_string())
        settings_.node = node->get<std::string>();
    if (project_) apply_project(*project_, out);
    apply_settings(client_settings_, out);
    if (settings_.include_path.empty() && !settings_.node.empty())
        settings_.include_path = momentum_default_search_path(
            settings_.conf_root.empty() ? momentum_conf_root : settings_.conf_root, settings_.node);
    rebuild_file_system(out);
    invalidate();
}

void language_server::apply_settings(const json& given, std::vector<json>& out)
{
    const auto take = [&](const char* key, auto& target) {
        const auto found = given.find(key);
        if (found == given.end()) return false;
        try {
            found->get_to(target);
            return true;
        }
        catch (const json::exception&) {
            out.push_back(log_error(std::string("setting '") + key + "' has the wrong type: " + found->dump() +
                                    "; left as it was"));
            return false;
        }
    };
    take("mainFile", settings_.main_file);
    take("includePath", settings_.include_path);
    take("docUrlBase", settings_.doc_url_base);
    if (std::string version; take("targetVersion", version)) {
        try {
            if (!version.empty()) (void)builtin_schema().target_version(version);
            settings_.target_version = version;
        }
        catch (const std::invalid_argument& error) {
            out.push_back(log_error(std::string("setting 'targetVersion': ") + error.what()));
        }
    }
    diagnostic_filter rules = settings_.rules;
    take("enable", rules.enable);
    take("disable", rules.disable);
    if (const auto unknown = unknown_rule(rules))
        out.push_back(
            log_error("settings 'enable'/'disable': unknown rule '" + *unknown + "'; rules left as they were"));
    else
        settings_.rules = std::move(rules);
    take("includeRoots", settings_.include_roots);
    take("node", settings_.node);
    take("confRoot", settings_.conf_root);
    take("cluster", settings_.cluster);
}

void language_server::rebuild_file_system(std::vector<json>& out)
{
    std::unique_ptr<file_system> machine;
    try {
        std::vector<std::string> roots;
        for (const auto& root : settings_.include_roots) roots.push_back(std::filesystem::path(root_) / root);
        machine = roots.empty() ? std::make_unique<real_file_system>() : std::make_unique<real_file_system>(roots);
    }
    catch (const std::invalid_argument& error) {
        out.push_back(log_error(std::string("setting 'includeRoots': ") + error.what() + "; files are not confined"));
        settings_.include_roots.clear();
        machine = std::make_unique<real_file_system>();
    }
    files_ = std::make_unique<overlay_file_system>(std::move(machine));
    for (const auto& [uri, doc] : documents_) files_->set(doc.path, doc.text);
}

void language_server::invalidate()
{
    main_check_.reset();
    for (auto& [uri, doc] : documents_) {
        doc.checked.reset();
        doc.published = false;
    }
}

std::optional<std::string> language_server::main_file() const
{
    if (root_.empty() && settings_.main_file.empty()) return std::nullopt;
    const auto path = normal_path(std::filesystem::path(root_) /
                                  (settings_.main_file.empty() ? "ecelerity.conf" : settings_.main_file));
    if (files_->stat(path).kind != file_kind::regular) return std::nullopt;
    return path;
}

std::unique_ptr<check_result> language_server::check(const std::string& path) const
{
    check_options options;
    options.load.search_path = include_search_path();
    options.target_version = settings_.target_version;
    if (!settings_.cluster.empty()) options.cluster_file = std::filesystem::path(root_) / settings_.cluster;
    options.policy.rules = settings_.rules;
    options.policy.levels = settings_.levels;
    options.policy.baseline = settings_.baseline;
    options.policy.baseline_directory = settings_.baseline_directory;
    return check_files({path}, *files_, options);
}

std::vector<std::string> language_server::include_search_path() const
{
    std::vector<std::string> directories;
    for (const auto& directory : settings_.include_path)
        directories.push_back(std::filesystem::path(root_) / directory);
    return directories;
}

document& language_server::document_of(const json& text_document)
{
    const auto uri = text_document.at("uri").get<std::string>();
    const auto found = documents_.find(uri);
    if (found == documents_.end()) throw request_error{request_failed, "document not open: " + uri};
    return found->second;
}

const analysis& language_server::analysis_of(const json& text_document)
{
    auto& doc = document_of(text_document);
    if (doc.checked) return *doc.checked;
    auto found = std::make_shared<analysis>();
    const auto path = normal_path(doc.path);
    if (const auto main = main_file()) {
        if (!main_check_) main_check_ = check(*main);
        for (file_id id = 0; id < main_check_->sources.file_count(); ++id)
            if (normal_path(main_check_->sources.file(id).path()) == path) {
                found->result = main_check_;
                found->file = id;
                found->main = *main == path;
                break;
            }
    }
    if (!found->result) {
        found->result = check(doc.path);
        found->file = found->result->sources.find(doc.path).value_or(no_file);
        found->main = true;
    }
    doc.checked = std::move(found);
    return *doc.checked;
}

bool language_server::diagnostics_pending() const
{
    return !closed_.empty() ||
           std::any_of(documents_.begin(), documents_.end(), [](const auto& entry) { return !entry.second.published; });
}

void language_server::publish_diagnostics(std::vector<json>& out)
{
    for (const auto& uri : closed_)
        out.push_back(notification("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}}));
    closed_.clear();
    for (auto& [uri, doc] : documents_) {
        if (doc.published) continue;
        doc.published = true;  // a check that fails is not tried again until the next change
        try {
            (void)analysis_of(json{{"uri", uri}});
            out.push_back(notification("textDocument/publishDiagnostics",
                                       {{"uri", uri}, {"version", doc.version}, {"diagnostics", diagnostics_of(doc)}}));
        }
        catch (const std::exception& error) {
            out.push_back(log_error("cannot check " + uri + ": " + error.what()));
        }
    }
}

json lsp_diagnostic(const diagnostic& d, source_positions& positions, const std::string& doc_url_base)
{
    json item = {{"range", d.range.file == no_file ? line_index({}, position_encoding::utf8).range(0, 0)
                                                   : positions.range(d.range)},
                 {"severity", lsp_severity(d.level)},
                 {"code", d.rule},
                 {"source", "ecconf"},
                 {"message", d.message}};
    if (const auto href = rule_page_uri(doc_url_base, d.rule); !href.empty())
        item["codeDescription"] = {{"href", href}};
    json related = json::array();
    for (const auto& r : d.related)
        if (r.range.file != no_file)
            related.push_back(
                {{"location", {{"uri", positions.uri(r.range.file)}, {"range", positions.range(r.range)}}},
                 {"message", r.message}});
    if (!related.empty()) item["relatedInformation"] = std::move(related);
    return item;
}

json language_server::diagnostics_of(const document& doc) const
{
    const auto& checked = *doc.checked;
    source_positions positions(checked.result->sources, encoding_);
    json diagnostics = json::array();
    for (const auto& d : checked.result->diagnostics.all())
        if (belongs_to(d, checked)) diagnostics.push_back(lsp_diagnostic(d, positions, settings_.doc_url_base));
    return diagnostics;
}

}  // namespace ecconf::lsp
