#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "lsp/framing.hpp"
#include "lsp/positions.hpp"
#include "lsp/server.hpp"
#include "support/temp_directory.hpp"

using ecconf::lsp::frame;
using ecconf::lsp::frame_decoder;
using ecconf::lsp::json;
using ecconf::lsp::language_server;
using ecconf::lsp::line_index;
using ecconf::lsp::position_encoding;

namespace {

std::vector<frame> decode(frame_decoder& decoder, const std::string& bytes)
{
    decoder.feed(bytes);
    std::vector<frame> frames;
    while (decoder.ready()) frames.push_back(decoder.take());
    return frames;
}

/// What the server answers to one message.
std::vector<json> send(language_server& server, const json& message)
{
    std::vector<json> out;
    server.receive(message.dump(), out);
    return out;
}

json request(int id, const std::string& method, json params = json::object())
{
    return {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
}

json notification(const std::string& method, json params = json::object())
{
    return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

json error(int id, int code, const std::string& message)
{
    return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

json open(const std::string& uri, const std::string& text, int version = 1)
{
    return notification(
        "textDocument/didOpen",
        {{"textDocument", {{"uri", uri}, {"languageId", "ecelerity"}, {"version", version}, {"text", text}}}});
}

/// A server past `initialize`, rooted at `root` (no workspace when empty).
void start(language_server& server, const std::string& root = {}, json options = json::object())
{
    json params = {{"capabilities", json::object()}, {"initializationOptions", std::move(options)}};
    if (!root.empty()) params["rootUri"] = ecconf::lsp::uri_of_path(root);
    const auto out = send(server, request(1, "initialize", params));
    REQUIRE(out.size() == 1);
    REQUIRE(out[0].contains("result"));
    REQUIRE(send(server, notification("initialized")).empty());
}

std::vector<json> published(language_server& server)
{
    std::vector<json> out;
    server.publish_diagnostics(out);
    return out;
}

}  // namespace

TEST_CASE("lsp framing: frames cut from chunks of any size")
{
    const std::string stream = "Content-Length: 2\r\n\r\n{}content-length:3\r\nContent-Type: x\r\n\r\n[1]";
    for (std::size_t chunk = 1; chunk <= stream.size(); ++chunk) {
        frame_decoder decoder;
        std::vector<std::string> bodies;
        for (std::size_t at = 0; at < stream.size(); at += chunk)
            for (const auto& f : decode(decoder, stream.substr(at, chunk))) {
                CHECK(f.error.empty());
                bodies.push_back(f.body);
            }
        CHECK(bodies == std::vector<std::string>{"{}", "[1]"});
        CHECK_FALSE(decoder.partial());
    }
}

TEST_CASE("lsp framing: bad headers are reported and the next frame is still read")
{
    frame_decoder decoder(8);
    const auto frames = decode(decoder, "Content-Type: x\r\n\r\n"
                                        "Content-Length: abc\r\n\r\n"
                                        "no colon\r\n\r\n"
                                        "Content-Length: 12\r\n\r\n0123456789ab"
                                        "Content-Length: 1\r\n\r\n7");
    REQUIRE(frames.size() == 5);
    CHECK(frames[0].error == "header block without Content-Length");
    CHECK(frames[1].error == "bad Content-Length 'abc'");
    CHECK(frames[2].error == "malformed header line 'no colon'");
    CHECK(frames[3].error == "message of 12 bytes refused: the limit is 8 bytes");
    CHECK(frames[4].error.empty());
    CHECK(frames[4].body == "7");
}

TEST_CASE("lsp framing: a refused body arriving later is dropped as it comes")
{
    frame_decoder decoder(4);
    CHECK(decode(decoder, "Content-Length: 10\r\n\r\n0123").size() == 1);
    CHECK(decoder.partial());
    CHECK(decode(decoder, "456789Content-Length: 2\r\n\r\n").empty());
    const auto frames = decode(decoder, "{}");
    REQUIRE(frames.size() == 1);
    CHECK(frames[0].body == "{}");
    CHECK_FALSE(decoder.partial());
}

TEST_CASE("lsp framing: bytes that never end a header block are dropped, and bad lines quoted short")
{
    frame_decoder decoder;
    CHECK(decode(decoder, std::string(8000, 'x')).empty());
    const auto dropped = decode(decoder, std::string(300, 'x') + "\r");
    REQUIRE(dropped.size() == 1);
    CHECK(dropped[0].error == "header block longer than 8192 bytes");
    const auto frames = decode(decoder, "\n\r\n" + std::string(100, 'y') + "\r\n\r\nContent-Length: 2\r\n\r\n{}");
    REQUIRE(frames.size() == 3);
    CHECK(frames[0].error == "malformed header line 'xx'");
    CHECK(frames[1].error == "malformed header line '" + std::string(80, 'y') + "'");
    CHECK(frames[2].body == "{}");
}

TEST_CASE("lsp framing: an encoded frame")
{
    CHECK(ecconf::lsp::encode_frame("{\"a\":1}") == "Content-Length: 7\r\n\r\n{\"a\":1}");
}

TEST_CASE("lsp positions: UTF-16 code units and bytes")
{
    // "é" is 2 bytes and 1 UTF-16 unit; the emoji is 4 bytes and 2 units.
    const std::string text = "a\xC3\xA9\xF0\x9F\x98\x80z\r\nsecond";
    const line_index utf16(text, position_encoding::utf16);
    CHECK(utf16.position(3) == json{{"line", 0}, {"character", 2}});
    CHECK(utf16.position(7) == json{{"line", 0}, {"character", 4}});
    CHECK(utf16.position(10) == json{{"line", 1}, {"character", 0}});
    CHECK(utf16.position(1000) == json{{"line", 1}, {"character", 6}});
    CHECK(utf16.offset(0, 4) == 7);
    CHECK(utf16.offset(0, 99) == 8);  // the line's end, before "\r\n"
    CHECK(utf16.offset(5, 0) == text.size());
    const line_index utf8(text, position_encoding::utf8);
    CHECK(utf8.position(7) == json{{"line", 0}, {"character", 7}});
    CHECK(utf8.offset(json{{"line", 1}, {"character", 3}}) == 13);
}

TEST_CASE("lsp positions: file URIs")
{
    CHECK(ecconf::lsp::path_of_uri("file:///a%20b/c%23.conf") == "/a b/c#.conf");
    CHECK(ecconf::lsp::path_of_uri("file://host/etc/x") == "/etc/x");
    CHECK(ecconf::lsp::path_of_uri("untitled:1") == "untitled:1");
    CHECK(ecconf::lsp::uri_of_path("/a b/c#.conf") == "file:///a%20b/c%23.conf");
}

TEST_CASE("lsp lifecycle: initialize, unknown methods, malformed messages, shutdown and exit")
{
    language_server server;
    CHECK(send(server, request(1, "textDocument/hover")) ==
          std::vector<json>{error(1, -32002, "the server is not initialized yet")});
    CHECK(send(server, open("file:///x.conf", "a = 1\n")).empty());  // notifications before initialize: dropped
    CHECK_FALSE(server.diagnostics_pending());
    const auto initialized = send(server, request(2, "initialize", {{"capabilities", json::object()}}));
    REQUIRE(initialized.size() == 1);
    CHECK(initialized[0]["result"]["capabilities"]["textDocumentSync"] == json{{"openClose", true}, {"change", 1}});
    CHECK(initialized[0]["result"]["capabilities"]["positionEncoding"] == "utf-16");
    CHECK(initialized[0]["result"]["serverInfo"] == json{{"name", "ecconf-check"}});
    CHECK(send(server, request(3, "initialize")) ==
          std::vector<json>{error(3, -32600, "the server is already initialized")});
    CHECK(send(server, request(4, "workspace/symbol")) ==
          std::vector<json>{error(4, -32601, "unknown method 'workspace/symbol'")});
    CHECK(send(server, notification("$/setTrace", {{"value", "off"}})).empty());
    CHECK(send(server, json{{"jsonrpc", "2.0"}, {"id", 7}, {"result", nullptr}}).empty());  // a client's response
    CHECK(send(server, json{{"jsonrpc", "1.0"}, {"id", 5}, {"method", "shutdown"}}) ==
          std::vector<json>{error(5, -32600, "not a JSON-RPC 2.0 message")});
    CHECK(send(server, json::array({1})) ==
          std::vector<json>{{{"jsonrpc", "2.0"},
                             {"id", nullptr},
                             {"error", {{"code", -32600}, {"message", "not a JSON-RPC 2.0 message"}}}}});
    std::vector<json> out;
    server.receive("{\"jsonrpc\": ", out);
    REQUIRE(out.size() == 1);
    CHECK(out[0]["id"] == nullptr);
    CHECK(out[0]["error"]["code"] == -32700);
    CHECK(out[0]["error"]["message"].get<std::string>().rfind("malformed JSON: ", 0) == 0);
    CHECK(send(server, request(6, "textDocument/hover",
                               {{"textDocument", {{"uri", "file:///closed.conf"}}},
                                {"position", {{"line", 0}, {"character", 0}}}})) ==
          std::vector<json>{error(6, -32803, "document not open: file:///closed.conf")});
    CHECK(send(server, notification("textDocument/didChange", {{"textDocument", {{"uri", "file:///closed.conf"}}},
                                                               {"contentChanges", json::array()}})) ==
          std::vector<json>{
              {{"jsonrpc", "2.0"},
               {"method", "window/logMessage"},
               {"params",
                {{"type", 1}, {"message", "textDocument/didChange: document not open: file:///closed.conf"}}}}});
    CHECK(send(server, request(8, "shutdown")) ==
          std::vector<json>{{{"jsonrpc", "2.0"}, {"id", 8}, {"result", nullptr}}});
    CHECK(send(server, request(9, "textDocument/hover")) ==
          std::vector<json>{error(9, -32600, "the server is shut down: only 'exit' is accepted")});
    CHECK_FALSE(server.exit_requested());
    CHECK(send(server, notification("exit")).empty());
    CHECK(server.exit_requested());
    CHECK(server.exit_status() == 0);
}

TEST_CASE("lsp lifecycle: exit without shutdown, and bad parameters")
{
    language_server server;
    start(server);
    const auto out = send(server, request(2, "textDocument/hover", {{"position", 1}}));
    REQUIRE(out.size() == 1);
    CHECK(out[0]["error"]["code"] == -32602);
    CHECK(send(server, notification("exit")).empty());
    CHECK(server.exit_status() == 1);
}

TEST_CASE("lsp diagnostics: an included document is checked from the workspace's main file")
{
    const ecconf::test::temp_directory workspace;
    workspace.write("ecelerity.conf", "Domain \"example.com\" {\n  include \"conf.d/limits.conf\"\n}\n");
    const auto limits = workspace.write("conf.d/limits.conf", "");
    const auto alone = workspace.write("alone.conf", "");
    language_server server;
    start(server, workspace.path);
    const auto limits_uri = ecconf::lsp::uri_of_path(limits);
    const auto alone_uri = ecconf::lsp::uri_of_path(alone);
    // XMPP_Role is a domain option: right where limits.conf is included, in the wrong scope in a file of its own.
    CHECK(send(server, open(limits_uri, "XMPP_Role = server\nBogus = 1\n", 3)).empty());
    CHECK(send(server, open(alone_uri, "XMPP_Role = server\n")).empty());
    CHECK(server.diagnostics_pending());
    const auto range = [](int line, int begin, int end) {
        return json{{"start", {{"line", line}, {"character", begin}}}, {"end", {{"line", line}, {"character", end}}}};
    };
    const auto diagnostic = [&](const json& where, const std::string& rule, const std::string& message) {
        return json{
            {"range", where},     {"severity", 1},
            {"code", rule},       {"codeDescription", {{"href", "file:///usr/share/doc/ecconf/rules/" + rule + ".md"}}},
            {"source", "ecconf"}, {"message", message}};
    };
    // The diagnostics as json::array({...}): clang reads a one-element braced list as that element.
    const auto publish = [](const std::string& uri, int version, json diagnostics) {
        return json{{"jsonrpc", "2.0"},
                    {"method", "textDocument/publishDiagnostics"},
                    {"params", {{"uri", uri}, {"version", version}, {"diagnostics", std::move(diagnostics)}}}};
    };
    CHECK(published(server) ==
          std::vector<json>{publish(alone_uri, 1,
                                    json::array({diagnostic(
                                        range(0, 0, 9), "option-wrong-scope",
                                        "'XMPP_Role' is not valid in scope 'global'; it is valid in scopes domain")})),
                            publish(limits_uri, 3,
                                    json::array({diagnostic(range(1, 0, 5), "unknown-option",
                                                            "unknown option 'Bogus' in scope 'domain'")}))});
    CHECK_FALSE(server.diagnostics_pending());
    // Whole texts replace the document; a range replaces part of it.
    CHECK(send(server, notification("textDocument/didChange",
                                    {{"textDocument", {{"uri", limits_uri}, {"version", 4}}},
                                     {"contentChanges",
                                      {{{"text", "XMPP_Role = server\nBogus = 1\n"}},
                                       {{"range", range(1, 0, 9)}, {"text", "Max_Outbound_Connections = 2"}}}}}))
              .empty());
    CHECK(published(server) ==
          std::vector<json>{publish(alone_uri, 1,
                                    json::array({diagnostic(
                                        range(0, 0, 9), "option-wrong-scope",
                                        "'XMPP_Role' is not valid in scope 'global'; it is valid in scopes domain")})),
                            publish(limits_uri, 4, json::array())});
    CHECK(send(server, notification("textDocument/didClose", {{"textDocument", {{"uri", alone_uri}}}})).empty());
    CHECK(published(server) == std::vector<json>{{{"jsonrpc", "2.0"},
                                                  {"method", "textDocument/publishDiagnostics"},
                                                  {"params", {{"uri", alone_uri}, {"diagnostics", json::array()}}}},
                                                 publish(limits_uri, 4, json::array())});
}

TEST_CASE("lsp diagnostics: a file changed on disk is read again once the client says so")
{
    const ecconf::test::temp_directory workspace;
    workspace.write("ecelerity.conf", "Domain \"example.com\" {\n  include \"limits.conf\"\n}\n");
    const auto limits_uri = ecconf::lsp::uri_of_path(workspace.write("limits.conf", ""));
    language_server server;
    start(server, workspace.path);
    CHECK(send(server, open(limits_uri, "XMPP_Role = server\n")).empty());
    const auto codes = [&]() {
        std::vector<std::string> found;
        for (const auto& message : published(server))
            for (const auto& d : message["params"]["diagnostics"]) found.push_back(d["code"]);
        return found;
    };
    CHECK(codes().empty());
    // The main file now includes limits.conf at the top level, where XMPP_Role is not valid.
    workspace.write("ecelerity.conf", "include \"limits.conf\"\n");
    CHECK_FALSE(server.diagnostics_pending());
    CHECK(send(server,
               notification("workspace/didChangeWatchedFiles",
                            {{"changes",
                              {{{"uri", ecconf::lsp::uri_of_path(workspace.path + "/ecelerity.conf")}, {"type", 2}}}}}))
              .empty());
    CHECK(server.diagnostics_pending());
    CHECK(codes() == std::vector<std::string>{"option-wrong-scope"});
}

TEST_CASE("lsp settings: the workspace's .ecconf.toml, under the client's settings")
{
    const ecconf::test::temp_directory workspace;
    workspace.write("etc/ecelerity.conf", "Domain \"example.com\" {\n  include \"conf.d/limits.conf\"\n}\n");
    const auto limits_uri = ecconf::lsp::uri_of_path(workspace.write("etc/conf.d/limits.conf", ""));
    workspace.write(".ecconf.toml", "files = [\"etc/ecelerity.conf\"]\n[rules]\nunknown-option = \"warning\"\n");
    const auto findings = [&](language_server& server) {
        std::vector<std::string> found;
        for (const auto& message : published(server))
            for (const auto& d : message["params"]["diagnostics"])
                found.push_back(d["code"].get<std::string>() + " " + d["severity"].dump());
        return found;
    };
    {
        // The main file and the severity come from the project file: Bogus is a domain option's typo.
        language_server server;
        start(server, workspace.path);
        CHECK(send(server, open(limits_uri, "XMPP_Role = server\nBogus = 1\n")).empty());
        CHECK(findings(server) == std::vector<std::string>{"unknown-option 2"});
        // The client's settings win over the file's.
        CHECK(send(server, notification("workspace/didChangeConfiguration",
                                        {{"settings", {{"ecconf", {{"disable", {"unknown-option"}}}}}}}))
                  .empty());
        CHECK(findings(server).empty());
    }
    {
        language_server server;
        start(server, workspace.path, {{"mainFile", "elsewhere.conf"}});
        CHECK(send(server, open(limits_uri, "XMPP_Role = server\n")).empty());
        // Checked on its own, XMPP_Role is in the wrong scope.
        CHECK(findings(server) == std::vector<std::string>{"option-wrong-scope 1"});
        // A project file that cannot be used is shown to the user, and ignored, once it changes on disk.
        workspace.write(".ecconf.toml", "files = [\"etc/ecelerity.conf\"]\nfail_on = 3\n");
        const json changed = {
            {"changes", {{{"uri", ecconf::lsp::uri_of_path(workspace.path + "/.ecconf.toml")}, {"type", 2}}}}};
        CHECK(
            send(server, notification("workspace/didChangeWatchedFiles", changed)) ==
            std::vector<json>{notification(
                "window/showMessage", {{"type", 1},
                                       {"message", workspace.path + "/.ecconf.toml:2:11: 'fail_on' must be a "
                                                                    "string; the project configuration is ignored"}})});
    }
}

TEST_CASE("lsp diagnostics: related locations, and settings from initializationOptions")
{
    const ecconf::test::temp_directory workspace;
    const auto main = workspace.write("main.conf", "");
    language_server server;
    std::vector<json> out;
    server.receive(
        request(1, "initialize",
                {{"rootUri", ecconf::lsp::uri_of_path(workspace.path)},
                 {"capabilities", {{"general", {{"positionEncodings", {"utf-16", "utf-8"}}}}}},
                 {"initializationOptions",
                  {{"ecconf", {{"mainFile", "main.conf"}, {"targetVersion", "x"}, {"docUrlBase", "https://d/"}}}}}})
            .dump(),
        out);
    REQUIRE(out.size() == 2);
    CHECK(
        out[0] ==
        json{{"jsonrpc", "2.0"},
             {"method", "window/logMessage"},
             {"params",
              {{"type", 1},
               {"message", "setting 'targetVersion': --target-version: 'x' is not a version such as 3.6, 4.2 or 4"}}}});
    CHECK(out[1]["result"]["capabilities"]["positionEncoding"] == "utf-8");
    const auto uri = ecconf::lsp::uri_of_path(main);
    CHECK(send(server, open(uri, "Keep_Message_Dicts_In_Memory = true\n# é\nKeep_Message_Dicts_In_Memory = false\n"))
              .empty());
    const auto range = [](int line, int begin, int end) {
        return json{{"start", {{"line", line}, {"character", begin}}}, {"end", {{"line", line}, {"character", end}}}};
    };
    CHECK(
        published(server) ==
        std::vector<json>{
            {{"jsonrpc", "2.0"},
             {"method", "textDocument/publishDiagnostics"},
             {"params",
              {{"uri", uri},
               {"version", 1},
               {"diagnostics",
                {{{"range", range(2, 0, 28)},
                  {"severity", 2},
                  {"code", "duplicate-option"},
                  {"codeDescription", {{"href", "https://d/duplicate-option.md"}}},
                  {"source", "ecconf"},
                  {"message", "'Keep_Message_Dicts_In_Memory' is set again in scope 'global'; this later value wins"},
                  {"relatedInformation",
                   {{{"location", {{"uri", uri}, {"range", range(0, 0, 28)}}}, {"message", "first set here"}}}}}}}}}}});
}

namespace {

json at(const std::string& uri, int line, int character)
{
    return {{"textDocument", {{"uri", uri}}}, {"position", {{"line", line}, {"character", character}}}};
}

/// The result of a request that must succeed.
json result(language_server& server, const json& message)
{
    const auto out = send(server, message);
    REQUIRE(out.size() == 1);
    REQUIRE(out[0].contains("result"));
    return out[0]["result"];
}

json labels(const json& completion)
{
    json names = json::array();
    for (const auto& item : completion["items"]) names.push_back(item["label"]);
    return names;
}

json item_labelled(const json& completion, const std::string& label)
{
    const auto& items = completion["items"];
    const auto found = std::find_if(items.begin(), items.end(), [&](const json& i) { return i["label"] == label; });
    return found == items.end() ? json() : *found;
}

json span(int first_line, int first_character, int last_line, int last_character)
{
    return {{"start", {{"line", first_line}, {"character", first_character}}},
            {"end", {{"line", last_line}, {"character", last_character}}}};
}

}  // namespace

TEST_CASE("lsp requests: hover and completion know where an included file stands")
{
    const ecconf::test::temp_directory workspace;
    workspace.write("ecelerity.conf", "Domain \"example.com\" {\n  include \"in-domain.conf\"\n}\n");
    const auto fragment = ecconf::lsp::uri_of_path(workspace.write("in-domain.conf", ""));
    language_server server;
    start(server, workspace.path);
    // ThreadPool cannot stand in a Domain: its body is still the thread pool's. The option without a
    // value, last, leaves the rest of the file as it was.
    CHECK(send(server, open(fragment, "ThreadPool \"io\" {\n  \n}\nXMPP_Role = ")).empty());
    CHECK(result(server, request(2, "textDocument/hover", at(fragment, 3, 4))) ==
          json{{"contents",
                {{"kind", "markdown"},
                 {"value", "**xmpp_role** (option)\n\n- Type: one of client, server\n- Default: none\n- Scopes: "
                           "`domain`\n- Restart required: no\n- Versions: 3.4 and later\n\n[Manual "
                           "page](https://support.sparkpost.com/momentum/mobile/mobile-reference/"
                           "mobility-xmpp-modules#mobility.xmpp.modules.xmpp_role)"}}},
               {"range", span(3, 0, 3, 9)}});
    CHECK(result(server, request(3, "textDocument/hover", at(fragment, 3, 11))) == nullptr);
    // On a value: the effective value where it stands, and the fallback chain it comes from.
    CHECK(send(server,
               notification("textDocument/didChange",
                            {{"textDocument", {{"uri", fragment}, {"version", 2}}},
                             {"contentChanges", {{{"text", "ThreadPool \"io\" {\n  \n}\nXMPP_Role = server\n"}}}}}))
              .empty());
    CHECK(result(server, request(7, "textDocument/hover", at(fragment, 3, 14))) ==
          json{{"contents",
                {{"kind", "markdown"},
                 {"value", "**xmpp_role** = `server`\n\n```text\n* domain example.com: server  (" + workspace.path +
                               "/in-domain.conf:4:1)\n  global: not set\n  default: none\n```"}}},
               {"range", span(3, 12, 3, 18)}});
    CHECK(send(server, notification("textDocument/didChange",
                                    {{"textDocument", {{"uri", fragment}, {"version", 3}}},
                                     {"contentChanges", {{{"text", "ThreadPool \"io\" {\n  \n}\nXMPP_Role = "}}}}}))
              .empty());
    CHECK(result(server, request(4, "textDocument/completion", at(fragment, 3, 12))) ==
          json{{"isIncomplete", false},
               {"items", {{{"label", "client"}, {"kind", 20}}, {{"label", "server"}, {"kind", 20}}}}});
    CHECK(labels(result(server, request(5, "textDocument/completion", at(fragment, 1, 2)))) ==
          json{"backlog", "concurrency", "stack_size"});
    // At the fragment's top level: the Domain's options and scopes, with snippets.
    const auto top = result(server, request(6, "textDocument/completion", at(fragment, 3, 0)));
    const auto item = [&](const std::string& label) { return item_labelled(top, label); };
    CHECK(item("xmpp_role") == json{{"label", "xmpp_role"},
                                    {"kind", 10},
                                    {"detail", "enum(client|server)"},
                                    {"insertText", "xmpp_role = $1"},
                                    {"insertTextFormat", 2}});
    CHECK(item("keep_message_dicts_in_memory") == json());  // a global option
}

TEST_CASE("lsp requests: symbols, folding, definition and formatting of a document")
{
    const ecconf::test::temp_directory workspace;
    const auto included = workspace.write("limits.conf", "Max_Outbound_Connections = 2\n");
    const auto main = ecconf::lsp::uri_of_path(workspace.write("main.conf", ""));
    language_server server;
    start(server, workspace.path);
    const std::string text =
        "/* a\n   comment */\nDomain \"a.example\" {\nMax_Outbound_Connections=3\n}\ninclude \"limits.conf\"\n";
    CHECK(send(server, open(main, text)).empty());
    CHECK(result(server, request(2, "textDocument/documentSymbol", {{"textDocument", {{"uri", main}}}})) ==
          json{{{"name", "Domain a.example"},
                {"kind", 3},
                {"range", span(2, 0, 4, 1)},
                {"selectionRange", span(2, 0, 2, 6)},
                {"children",
                 {{{"name", "Max_Outbound_Connections"},
                   {"kind", 7},
                   {"range", span(3, 0, 3, 26)},
                   {"selectionRange", span(3, 0, 3, 24)}}}}},
               {{"name", "include"},
                {"kind", 1},
                {"detail", "limits.conf"},
                {"range", span(5, 0, 5, 21)},
                {"selectionRange", span(5, 0, 5, 7)}}});
    CHECK(result(server, request(3, "textDocument/foldingRange", {{"textDocument", {{"uri", main}}}})) ==
          json{{{"startLine", 0}, {"endLine", 1}, {"kind", "comment"}}, {{"startLine", 2}, {"endLine", 4}}});
    CHECK(result(server, request(4, "textDocument/definition", at(main, 5, 12))) ==
          json{{{"uri", ecconf::lsp::uri_of_path(included)}, {"range", span(0, 0, 0, 0)}}});
    CHECK(result(server, request(5, "textDocument/definition", at(main, 3, 2))) == nullptr);
    // Scopes complete as snippets, with an instance name where one is needed.
    const auto global = result(server, request(9, "textDocument/completion", at(main, 5, 0)));
    CHECK(item_labelled(global, "domain") == json{{"label", "domain"},
                                                  {"kind", 9},
                                                  {"detail", "scope"},
                                                  {"insertText", "domain \"$1\" {\n\t$0\n}"},
                                                  {"insertTextFormat", 2}});
    CHECK(item_labelled(global, "security")["insertText"] == "security {\n\t$0\n}");
    const json options = {{"tabSize", 4}, {"insertSpaces", true}};
    CHECK(result(server,
                 request(6, "textDocument/formatting", {{"textDocument", {{"uri", main}}}, {"options", options}})) ==
          json{{{"range", span(0, 0, 6, 0)},
                {"newText", "/* a\n   comment */\nDomain \"a.example\" {\n  Max_Outbound_Connections = 3\n}\ninclude "
                            "\"limits.conf\"\n"}}});
    CHECK(result(server,
                 request(7, "textDocument/rangeFormatting",
                         {{"textDocument", {{"uri", main}}}, {"range", span(3, 0, 3, 1)}, {"options", options}})) ==
          json{{{"range", span(3, 0, 3, 26)}, {"newText", "  Max_Outbound_Connections = 3"}}});
    CHECK(result(server,
                 request(8, "textDocument/rangeFormatting",
                         {{"textDocument", {{"uri", main}}}, {"range", span(5, 0, 5, 1)}, {"options", options}})) ==
          json::array());
}

TEST_CASE("lsp navigation: definition, references and rename of declared names across included files")
{
    const ecconf::test::temp_directory workspace;
    const std::string main_text = "ThreadPool \"smtp\" {\n  Concurrency = 4\n}\nDomain \"#relay\" {\n}\n"
                                  "Routes = (\"#relay\")\ninclude \"listeners.conf\"\n";
    const std::string listeners_text = "ESMTP_Listener {\n  Pool_Name = smtp\n  Listen \":25\" {\n    Pool_Name = "
                                       "\"SMTP\"\n  }\n  Listen \":587\" {\n    Pool_Name = IO\n  }\n}\n";
    const auto main = ecconf::lsp::uri_of_path(workspace.write("ecelerity.conf", main_text));
    const auto listeners = ecconf::lsp::uri_of_path(workspace.write("listeners.conf", listeners_text));
    language_server server;
    start(server, workspace.path);
    CHECK(send(server, open(main, main_text)).empty());
    CHECK(send(server, open(listeners, listeners_text)).empty());
    const auto location = [](const std::string& uri, json range) { return json{{"uri", uri}, {"range", range}}; };
    const auto declaration = location(main, span(0, 11, 0, 17));
    const auto first = location(listeners, span(1, 14, 1, 18));
    const auto second = location(listeners, span(3, 16, 3, 22));

    // Definition: from a value to the declaration in another file (any case); none for a builtin pool.
    CHECK(result(server, request(2, "textDocument/definition", at(listeners, 3, 18))) == json::array({declaration}));
    CHECK(result(server, request(3, "textDocument/definition", at(listeners, 6, 17))) == nullptr);
    CHECK(result(server, request(4, "textDocument/definition", at(main, 5, 12))) ==
          json::array({location(main, span(3, 7, 3, 15))}));

    // References, from the declaration or from a reference, with or without the declaration.
    auto references = [&](int id, const std::string& uri, int line, int character, bool with_declaration) {
        auto params = at(uri, line, character);
        params["context"] = {{"includeDeclaration", with_declaration}};
        return result(server, request(id, "textDocument/references", params));
    };
    CHECK(references(5, main, 0, 13, true) == json{declaration, first, second});
    CHECK(references(6, listeners, 1, 16, false) == json{first, second});
    CHECK(references(7, main, 1, 3, true) == nullptr);

    // prepareRename: a declared name; refused elsewhere and on Momentum's own thread pools.
    CHECK(result(server, request(8, "textDocument/prepareRename", at(listeners, 1, 14))) ==
          json{{"range", span(1, 14, 1, 18)}, {"placeholder", "smtp"}});
    CHECK(send(server, request(9, "textDocument/prepareRename", at(listeners, 6, 16))) ==
          std::vector<json>{error(9, -32803, "thread pool 'IO' is Momentum's own: it cannot be renamed")});
    CHECK(send(server, request(10, "textDocument/prepareRename", at(main, 1, 3))) ==
          std::vector<json>{error(10, -32803,
                                  "not a declared name: only the name of a thread pool, event loop, pathway, binding, "
                                  "datasource or virtual domain (or a value naming one) is renamed")});

    // Rename: every place, quoted where it was and where a bare word cannot hold the new name.
    auto rename = [&](int id, const std::string& uri, int line, int character, const std::string& name) {
        auto params = at(uri, line, character);
        params["newName"] = name;
        return send(server, request(id, "textDocument/rename", params));
    };
    const auto edit = [](json range, const std::string& text) { return json{{"range", range}, {"newText", text}}; };
    CHECK(rename(11, listeners, 3, 18, "mail") ==
          std::vector<json>{
              {{"jsonrpc", "2.0"},
               {"id", 11},
               {"result",
                {{"changes",
                  {{main, {edit(span(0, 11, 0, 17), "\"mail\"")}},
                   {listeners, {edit(span(1, 14, 1, 18), "mail"), edit(span(3, 16, 3, 22), "\"mail\"")}}}}}}}});
    CHECK(rename(12, main, 0, 12, "a,b") ==
          std::vector<json>{
              {{"jsonrpc", "2.0"},
               {"id", 12},
               {"result",
                {{"changes",
                  {{main, {edit(span(0, 11, 0, 17), "\"a,b\"")}},
                   {listeners, {edit(span(1, 14, 1, 18), "\"a,b\""), edit(span(3, 16, 3, 22), "\"a,b\"")}}}}}}}});
    CHECK(rename(13, main, 0, 12, "") ==
          std::vector<json>{error(13, -32803, "cannot rename thread pool 'smtp' to '': the new name is empty")});
    CHECK(rename(14, main, 0, 12, "two words") ==
          std::vector<json>{
              error(14, -32803, "cannot rename thread pool 'smtp' to 'two words': 'two words' contains a space")});
    CHECK(rename(15, main, 0, 12, "cpu") ==
          std::vector<json>{
              error(15, -32803, "cannot rename thread pool 'smtp' to 'cpu': thread pool 'cpu' exists already")});
    CHECK(rename(16, main, 3, 9, "relay") ==
          std::vector<json>{error(
              16, -32803,
              "cannot rename virtual domain '#relay' to 'relay': a virtual domain's name starts with '#' ('#name')")});
    CHECK(rename(17, main, 5, 12, "#gateway") ==
          std::vector<json>{
              {{"jsonrpc", "2.0"},
               {"id", 17},
               {"result",
                {{"changes",
                  {{main, {edit(span(3, 7, 3, 15), "\"#gateway\""), edit(span(5, 10, 5, 18), "\"#gateway\"")}}}}}}}});
}

TEST_CASE("lsp navigation: completion of names, capabilities and include paths; hover on capabilities")
{
    const ecconf::test::temp_directory workspace;
    const std::string main_text =
        "ThreadPool \"smtp\" {\n}\nThreadPool \"SMTP\" {\n}\ninclude \"conf.d/listeners.conf\"\n"
        "Security {\n  Capabilities = \"cap_net_bind_service+ep cap_setuid+ep\"\n}\n";
    const auto main = ecconf::lsp::uri_of_path(workspace.write("ecelerity.conf", main_text));
    const auto listeners = ecconf::lsp::uri_of_path(workspace.write("conf.d/listeners.conf", ""));
    workspace.write("conf.d/limits.conf", "");
    workspace.write("conf.d/sub/deep.conf", "");
    workspace.write("conf.d/.hidden.conf", "");
    workspace.write("outside.conf", "");
    language_server server;
    start(server, workspace.path);
    CHECK(send(server, open(main, main_text)).empty());
    CHECK(send(server, open(listeners, "ESMTP_Listener {\n  Pool_Name = \n}\n")).empty());
    // A thread pool: Momentum's own, then those declared (one item for names that are one).
    const auto pool = [](const std::string& name, const std::string& detail) {
        return json{{"label", name}, {"kind", 18}, {"detail", detail}};
    };
    const std::string own = "thread pool, Momentum's own";
    CHECK(result(server, request(2, "textDocument/completion", at(listeners, 1, 14))) ==
          json{{"isIncomplete", false},
               {"items",
                {pool("SwapOut", own), pool("SwapIn", own), pool("SpoolIn", own), pool("Unlink", own),
                 pool("Batch_Unlink", own), pool("Close", own), pool("IO", own), pool("CPU", own),
                 pool("smtp", "thread pool")}}});

    // Inside the Capabilities string: every capability, what it grants, and the danger when there is one.
    const auto capabilities = result(server, request(3, "textDocument/completion", at(main, 6, 20)));
    CHECK(capabilities["items"].size() == 41);
    CHECK(item_labelled(capabilities, "cap_net_bind_service") ==
          json{{"label", "cap_net_bind_service"},
               {"kind", 21},
               {"detail", "bind sockets to privileged ports (below 1024), such as port 25"}});
    CHECK(item_labelled(capabilities, "cap_setuid") ==
          json{{"label", "cap_setuid"},
               {"kind", 21},
               {"detail", "change user ids"},
               {"documentation", "Amounts to root: the process can switch to any user id, root included"}});
    CHECK(result(server, request(4, "textDocument/hover", at(main, 6, 22))) ==
          json{{"contents",
                {{"kind", "markdown"},
                 {"value", "**cap_net_bind_service** (capability)\n\nGrants: bind sockets to privileged ports (below "
                           "1024), such as port 25"}}},
               {"range", span(6, 18, 6, 38)}});
    CHECK(result(server, request(5, "textDocument/hover", at(main, 6, 45))) ==
          json{{"contents",
                {{"kind", "markdown"},
                 {"value", "**cap_setuid** (capability)\n\nGrants: change user ids\n\n**Dangerous** "
                           "(dangerous-capability): it amounts to root: the process can switch to any user id, root "
                           "included"}}},
               {"range", span(6, 42, 6, 52)}});

    // After include: the entries below the including file's directory, never above it.
    const auto include_items = [&](language_server& client, int id, const std::string& typed) {
        CHECK(send(client,
                   notification("textDocument/didChange", {{"textDocument", {{"uri", listeners}, {"version", id}}},
                                                           {"contentChanges", {{{"text", "include \"" + typed}}}}}))
                  .empty());
        return result(client,
                      request(id, "textDocument/completion", at(listeners, 0, 9 + static_cast<int>(typed.size()))));
    };
    const auto entries = [](const std::vector<std::pair<std::string, int>>& labels, int from, int to) {
        json items = json::array();
        for (const auto& [label, kind] : labels)
            items.push_back({{"label", label},
                             {"kind", kind},
                             {"textEdit", {{"range", span(0, from, 0, to)}, {"newText", label}}}});
        return json{{"isIncomplete", false}, {"items", items}};
    };
    CHECK(include_items(server, 6, "") == entries({{"limits.conf", 17}, {"listeners.conf", 17}, {"sub/", 19}}, 9, 9));
    CHECK(include_items(server, 7, "sub/d") == entries({{"deep.conf", 17}}, 13, 14));
    CHECK(include_items(server, 8, ".") == entries({{".hidden.conf", 17}}, 9, 10));
    CHECK(include_items(server, 9, "../") == entries({}, 12, 12));
    CHECK(include_items(server, 10, "sub/../../") == entries({}, 19, 19));
    CHECK(include_items(server, 11, "/etc/") == entries({}, 14, 14));
    // The includePath directories too, unless they lie outside the include roots.
    language_server searching;
    start(searching, workspace.path, {{"includePath", {"."}}});
    CHECK(send(searching, open(listeners, "")).empty());
    CHECK(include_items(searching, 2, "") == entries({{"conf.d/", 19},
                                                      {"ecelerity.conf", 17},
                                                      {"limits.conf", 17},
                                                      {"listeners.conf", 17},
                                                      {"outside.conf", 17},
                                                      {"sub/", 19}},
                                                     9, 9));
    language_server confined;
    start(confined, workspace.path, {{"includePath", {"."}}, {"includeRoots", {"conf.d"}}});
    CHECK(send(confined, open(listeners, "")).empty());
    CHECK(include_items(confined, 2, "") == entries({{"limits.conf", 17}, {"listeners.conf", 17}, {"sub/", 19}}, 9, 9));
}

TEST_CASE("lsp navigation: a datasource named inside a query string is renamed there, unquoted")
{
    const ecconf::test::temp_directory workspace;
    const std::string text = "Datasource \"authdb\" {\n  uri = ( \"sqlite:/tmp/auth.db\" )\n}\n"
                             "bounce_classifier_override {\n"
                             "  user_smtp_classification_override = \":datasource:authdb:SELECT 1;\"\n}\n";
    const auto main = ecconf::lsp::uri_of_path(workspace.write("ecelerity.conf", text));
    language_server server;
    start(server, workspace.path);
    CHECK(send(server, open(main, text)).empty());
    auto params = at(main, 4, 53);
    CHECK(result(server, request(2, "textDocument/definition", params)) ==
          json{{{"uri", main}, {"range", span(0, 11, 0, 19)}}});
    params["newName"] = "users";
    CHECK(result(server, request(3, "textDocument/rename", params)) ==
          json{{"changes",
                {{main,
                  {{{"range", span(0, 11, 0, 19)}, {"newText", "\"users\""}},
                   {{"range", span(4, 51, 4, 57)}, {"newText", "users"}}}}}}});
    params["newName"] = "a:b";
    CHECK(
        send(server, request(4, "textDocument/rename", params)) ==
        std::vector<json>{error(4, -32803,
                                "cannot rename datasource 'authdb' to 'a:b': a datasource's name holds no ':' (values "
                                "name it as ':datasource:name:...')")});
}

namespace {

json code_action_request(int id, const std::string& uri, const json& range,
                         json context = {{"diagnostics", json::array()}})
{
    return request(id, "textDocument/codeAction",
                   {{"textDocument", {{"uri", uri}}}, {"range", range}, {"context", std::move(context)}});
}

json single_edit(const std::string& uri, const json& range, const std::string& text)
{
    return {{"changes", {{uri, {{{"range", range}, {"newText", text}}}}}}};
}

}  // namespace

TEST_CASE("lsp code actions: the finding's fixes, suppressions for its rule, and every safe fix at once")
{
    const ecconf::test::temp_directory workspace;
    const auto uri = ecconf::lsp::uri_of_path(workspace.write("a.conf", ""));
    language_server server;
    start(server);
    const std::string text = "Domain \"a.example\" {\n  Max_Outbound_Conections = 3\n  TLS = requred\n}\n";
    CHECK(send(server, open(uri, text)).empty());
    const auto actions = result(server, code_action_request(2, uri, span(1, 3, 1, 3)));
    REQUIRE(actions.size() == 3);
    const json finding = {{"range", span(1, 2, 1, 25)},
                          {"severity", 1},
                          {"code", "unknown-option"},
                          {"source", "ecconf"},
                          {"message", "unknown option 'Max_Outbound_Conections' in scope 'domain'; did you mean "
                                      "'max_outbound_connections'?"},
                          {"codeDescription", {{"href", "file:///usr/share/doc/ecconf/rules/unknown-option.md"}}}};
    CHECK(actions[0] == json{{"title", "replace 'Max_Outbound_Conections' with 'Max_Outbound_Connections'"},
                             {"kind", "quickfix"},
                             {"diagnostics", json::array({finding})},
                             {"edit", single_edit(uri, span(1, 2, 1, 25), "Max_Outbound_Connections")},
                             {"isPreferred", true}});
    const std::string reason = " -- TODO: why this finding is accepted\n";
    CHECK(actions[1] ==
          json{{"title", "Disable unknown-option for this line"},
               {"kind", "quickfix"},
               {"diagnostics", json::array({finding})},
               {"edit", single_edit(uri, span(1, 0, 1, 0), "  # ecconf-check: disable=unknown-option" + reason)}});
    CHECK(actions[2]["title"] == "Disable unknown-option for this file");
    // The cursor past the finding, the finding named in the context (as Neovim sends the line's findings).
    CHECK(result(server, code_action_request(7, uri, span(1, 27, 1, 27), {{"diagnostics", {finding}}})) == actions);
    CHECK(result(server, code_action_request(8, uri, span(1, 27, 1, 27))) == json::array());
    CHECK(actions[2]["edit"] ==
          single_edit(uri, span(0, 0, 0, 0), "# ecconf-check: disable-file=unknown-option" + reason));

    // A source action only when asked for, and then alone: both safe fixes as one edit.
    CHECK(result(server, code_action_request(3, uri, span(0, 0, 0, 0),
                                             {{"diagnostics", json::array()}, {"only", {"source"}}})) ==
          json::array({{{"title", "Fix all safely fixable ecconf findings"},
                        {"kind", "source.fixAll.ecconf"},
                        {"edit", single_edit(uri, span(1, 18, 2, 12), "nections = 3\n  TLS = requi")}}}));
    CHECK(result(server, code_action_request(4, uri, span(0, 0, 0, 0),
                                             {{"diagnostics", json::array()}, {"only", {"refactor"}}})) ==
          json::array());

    // Where a suppression already covers the line, the rule joins it; one without a fix gets no quick fix.
    const std::string suppressed = "Domain \"a.example\" {\n  # ecconf-check: disable=invalid-value -- testing\n"
                                   "  TLS = requred  Max_Outbound_Conections = 3\n}\n";
    CHECK(send(server, notification("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}},
                                                               {"contentChanges", {{{"text", suppressed}}}}}))
              .empty());
    const auto joined = result(server, code_action_request(5, uri, span(2, 17, 2, 17)));
    REQUIRE(joined.size() == 3);
    CHECK(joined[1]["edit"] == single_edit(uri, span(1, 39, 1, 39), ",unknown-option"));
    CHECK(joined[2]["edit"] ==
          single_edit(uri, span(0, 0, 0, 0), "# ecconf-check: disable-file=unknown-option" + reason));
    const auto without_range = send(server, request(6, "textDocument/codeAction", {{"textDocument", {{"uri", uri}}}}));
    REQUIRE(without_range.size() == 1);
    CHECK(without_range[0]["error"]["code"] == -32602);
}

TEST_CASE("lsp semantic tokens and selection ranges")
{
    const ecconf::test::temp_directory workspace;
    const auto uri = ecconf::lsp::uri_of_path(workspace.write("a.conf", ""));
    language_server server;
    start(server);
    const std::string text = "# é\nDomain \"é.example\" {\n  Enabled = true /* a\nb */ Ports = (25, \"x\")\n"
                             "  Map = [ key = 0x1F ]\n}\ninclude conf.d\n";
    CHECK(send(server, open(uri, text)).empty());
    // Relative lines and starts; "é" is one UTF-16 unit; the block comment is one token per line.
    CHECK(result(server, request(2, "textDocument/semanticTokens/full", {{"textDocument", {{"uri", uri}}}})) ==
          json{{"data", {0, 0,  3,  7, 0,    // # é
                         1, 0,  6,  1, 0,    // Domain
                         0, 7,  11, 3, 1,    // "é.example"
                         1, 2,  7,  2, 0,    // Enabled
                         0, 10, 4,  6, 0,    // true
                         0, 5,  4,  7, 0,    // /* a
                         1, 0,  4,  7, 0,    // b */
                         0, 5,  5,  2, 0,    // Ports
                         0, 9,  2,  5, 0,    // 25
                         0, 4,  3,  4, 0,    // "x"
                         1, 2,  3,  2, 0,    // Map
                         0, 8,  3,  2, 0,    // key
                         0, 6,  4,  5, 0,    // 0x1F
                         2, 0,  7,  0, 0,    // include
                         0, 8,  6,  4, 0}}}  // conf.d
    );
    const auto ranges =
        result(server, request(3, "textDocument/selectionRange",
                               {{"textDocument", {{"uri", uri}}},
                                {"positions", {{{"line", 4}, {"character", 11}}, {{"line", 0}, {"character", 1}}}}}));
    const json file = {{"range", span(0, 0, 7, 0)}};
    const json domain = {{"range", span(1, 0, 5, 1)}, {"parent", file}};
    const json option = {{"range", span(4, 2, 4, 22)}, {"parent", domain}};
    const json dictionary = {{"range", span(4, 8, 4, 22)}, {"parent", option}};
    const json entry = {{"range", span(4, 10, 4, 20)}, {"parent", dictionary}};
    CHECK(ranges == json::array({{{"range", span(4, 10, 4, 13)}, {"parent", entry}},
                                 {{"range", span(0, 0, 0, 3)}, {"parent", file}}}));
}
