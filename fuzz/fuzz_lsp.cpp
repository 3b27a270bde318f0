// libFuzzer target for the language server. An input of even size is a document: it is opened in a
// server without a workspace and every request is made at positions spread over it, with well-formed
// parameters. The oracles: each request gets exactly one answer, a result or a refusal (RequestFailed),
// never an internal error or "invalid parameters"; semantic tokens are five numbers per token, in
// order and inside the document's lines; each selection range lies inside its parent; every edit lies
// inside the document. An input of odd size is a message body given to the server as it is, after
// `initialize`: the server must answer with JSON and go on. A failure aborts, so libFuzzer keeps the input.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "lsp/server.hpp"

namespace {

using ecconf::lsp::json;

constexpr const char* uri = "file:///fuzz/input.conf";

struct position {
    std::uint32_t line;
    std::uint32_t character;  // bytes: the server is asked for UTF-8 positions
};

std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> lines{""};
    for (const char c : text) {
        if (c == '\n') lines.emplace_back();
        else
            lines.back() += c;
    }
    return lines;
}

position position_of(const std::string& text, std::size_t offset)
{
    position at{0, 0};
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++at.line;
            at.character = 0;
        }
        else {
            ++at.character;
        }
    }
    return at;
}

json to_json(position at) { return {{"line", at.line}, {"character", at.character}}; }

bool before_or_at(const json& a, const json& b)
{
    return a["line"] < b["line"] || (a["line"] == b["line"] && a["character"] <= b["character"]);
}

std::vector<json> send(ecconf::lsp::language_server& server, const json& message)
{
    std::vector<json> out;
    server.receive(message.dump(-1, ' ', false, json::error_handler_t::replace), out);
    return out;
}

/// Every range of an answer (a "range" member anywhere in it) lies inside the document.
void expect_ranges_inside(const json& value, const std::vector<std::string>& lines, const std::string& input)
{
    if (value.is_object()) {
        if (const auto range = value.find("range"); range != value.end() && range->is_object()) {
            for (const auto* end : {&(*range)["start"], &(*range)["end"]}) {
                const auto line = (*end)["line"].get<std::size_t>();
                ecconf::fuzz::expect(line < lines.size() &&
                                         (*end)["character"].get<std::size_t>() <= lines[line].size(),
                                     "a range inside the document", input);
            }
            ecconf::fuzz::expect(before_or_at((*range)["start"], (*range)["end"]), "a range's start before its end",
                                 input);
        }
        for (const auto& [key, member] : value.items()) expect_ranges_inside(member, lines, input);
    }
    else if (value.is_array()) {
        for (const auto& item : value) expect_ranges_inside(item, lines, input);
    }
}

void expect_semantic_tokens(const json& result, const std::vector<std::string>& lines, const std::string& input)
{
    const auto& data = result["data"];
    ecconf::fuzz::expect(data.size() % 5 == 0, "five numbers per semantic token", input);
    std::uint32_t line = 0;
    std::uint32_t start = 0;
    std::uint32_t previous_end = 0;
    for (std::size_t i = 0; i < data.size(); i += 5) {
        const auto delta_line = data[i].get<std::uint32_t>();
        line += delta_line;
        start = delta_line == 0 ? start + data[i + 1].get<std::uint32_t>() : data[i + 1].get<std::uint32_t>();
        if (delta_line > 0) previous_end = 0;
        const auto length = data[i + 2].get<std::uint32_t>();
        ecconf::fuzz::expect(line < lines.size() && start + length <= lines[line].size() && length > 0,
                             "a semantic token inside its line", input);
        ecconf::fuzz::expect(start >= previous_end, "semantic tokens in order, not overlapping", input);
        previous_end = start + length;
    }
}

void expect_nested(const json& selection, const std::string& input)
{
    for (const auto* inner = &selection; inner->contains("parent"); inner = &(*inner)["parent"]) {
        const auto& outer = (*inner)["parent"]["range"];
        ecconf::fuzz::expect(before_or_at(outer["start"], (*inner)["range"]["start"]) &&
                                 before_or_at((*inner)["range"]["end"], outer["end"]),
                             "a selection range inside its parent", input);
    }
}

/// A directory that holds nothing: the server's include root, so that no include reads the machine's files.
const std::string& empty_root()
{
    static const std::string root = [] {
        std::string path = "/tmp/ecconf-fuzz-lsp-root";
        std::filesystem::create_directories(path);
        return path;
    }();
    return root;
}

void fuzz_document(const std::string& bytes)
{
    // A client sends UTF-8: invalid bytes arrive as U+FFFD.
    const auto input = json::parse(json(bytes).dump(-1, ' ', false, json::error_handler_t::replace)).get<std::string>();
    ecconf::lsp::language_server server;
    send(server, {{"jsonrpc", "2.0"},
                  {"id", 0},
                  {"method", "initialize"},
                  {"params",
                   {{"capabilities", {{"general", {{"positionEncodings", {"utf-8"}}}}}},
                    {"initializationOptions", {{"includeRoots", {empty_root()}}}}}}});
    send(server, {{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
    send(server, {{"jsonrpc", "2.0"},
                  {"method", "textDocument/didOpen"},
                  {"params",
                   {{"textDocument", {{"uri", uri}, {"languageId", "ecelerity"}, {"version", 1}, {"text", input}}}}}});
    std::vector<json> published;
    server.publish_diagnostics(published);
    const auto lines = lines_of(input);
    for (const auto& message : published) expect_ranges_inside(message, lines, input);
    const json document = {{"uri", uri}};
    const json whole = {{"start", to_json({0, 0})}, {"end", to_json(position_of(input, input.size()))}};
    std::vector<std::pair<std::string, json>> requests = {
        {"textDocument/documentSymbol", {{"textDocument", document}}},
        {"textDocument/foldingRange", {{"textDocument", document}}},
        {"textDocument/semanticTokens/full", {{"textDocument", document}}},
        {"textDocument/formatting",
         {{"textDocument", document}, {"options", {{"tabSize", 2}, {"insertSpaces", true}}}}},
        {"textDocument/codeAction",
         {{"textDocument", document}, {"range", whole}, {"context", {{"diagnostics", json::array()}}}}},
        {"textDocument/codeAction",
         {{"textDocument", document},
          {"range", whole},
          {"context", {{"diagnostics", json::array()}, {"only", {"source.fixAll"}}}}}},
    };
    json positions = json::array();
    for (std::size_t k = 0; k <= 6; ++k) {
        const auto at = to_json(position_of(input, input.size() * k / 6));
        positions.push_back(at);
        for (const char* method : {"textDocument/hover", "textDocument/completion", "textDocument/definition"})
            requests.push_back({method, {{"textDocument", document}, {"position", at}}});
    }
    requests.push_back({"textDocument/selectionRange", {{"textDocument", document}, {"positions", positions}}});
    requests.push_back({"textDocument/rangeFormatting",
                        {{"textDocument", document},
                         {"range", {{"start", positions[2]}, {"end", positions[4]}}},
                         {"options", {{"tabSize", 2}, {"insertSpaces", true}}}}});
    int id = 1;
    for (const auto& [method, params] : requests) {
        const auto out = send(server, {{"jsonrpc", "2.0"}, {"id", ++id}, {"method", method}, {"params", params}});
        ecconf::fuzz::expect(out.size() == 1 && out[0]["id"] == id, "one answer per request", input);
        if (out[0].contains("error")) {
            ecconf::fuzz::expect(out[0]["error"]["code"] == ecconf::lsp::request_failed,
                                 ("only a refusal as an error: " + out[0].dump()).c_str(), input);
            continue;
        }
        const auto& result = out[0]["result"];
        expect_ranges_inside(result, lines, input);
        if (method == "textDocument/semanticTokens/full") expect_semantic_tokens(result, lines, input);
        if (method == "textDocument/selectionRange")
            for (const auto& selection : result) expect_nested(selection, input);
    }
}

void fuzz_message(const std::string& input)
{
    ecconf::lsp::language_server server;
    send(server,
         {{"jsonrpc", "2.0"}, {"id", 0}, {"method", "initialize"}, {"params", {{"capabilities", json::object()}}}});
    std::vector<json> out;
    server.receive(input, out);
    server.publish_diagnostics(out);
    for (const auto& message : out)
        ecconf::fuzz::expect_json(message.dump(-1, ' ', false, json::error_handler_t::replace),
                                  "the server answers with JSON");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string input(reinterpret_cast<const char*>(data), size);
    if (size % 2 == 0) fuzz_document(input);
    else
        fuzz_message(input);
    return 0;
}
