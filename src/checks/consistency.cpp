// Consistency: stanzas that are each valid but clash with another one (a port bound twice, a Peer or a
// regex domain that can never be chosen, a value silently replaced by another file).

#include <arpa/inet.h>

#include <array>
#include <map>
#include <optional>

#include "checks/checks.hpp"
#include "ecconf/effective.hpp"
#include "ecconf/rule_ids.hpp"
#include "load/walk.hpp"
#include "text/network.hpp"

namespace ecconf {
namespace {

/// "host:port" with the wildcard spellings folded: ":25", "*:25", "0.0.0.0:25" -> "0.0.0.0:25"; "[::]:25", "[*]:25" -> "[::]:25".
std::string listen_key(const std::string& text)
{
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || (text.find(']') != std::string::npos && colon < text.find(']')))
        return text;  // a socket path
    auto host = text.substr(0, colon);
    const auto port = text.substr(colon + 1);
    if (host.empty() || host == "*") return "0.0.0.0:" + port;
    if (host == "[*]") return "[::]:" + port;
    std::array<unsigned char, 16> bytes{};
    std::array<char, INET6_ADDRSTRLEN> out{};
    if (::inet_pton(AF_INET, host.c_str(), bytes.data()) == 1 &&
        ::inet_ntop(AF_INET, bytes.data(), out.data(), out.size()))
        return std::string(out.data()) + ":" + port;
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        const auto inner = host.substr(1, host.size() - 2);
        if (::inet_pton(AF_INET6, inner.c_str(), bytes.data()) == 1 &&
            ::inet_ntop(AF_INET6, bytes.data(), out.data(), out.size()))
            return "[" + std::string(out.data()) + "]:" + port;
    }
    return ascii_lower(host) + ":" + port;
}

/// What a TCP Listen binds: family, address (folded as in listen_key) and port; nullopt for a socket path or a
/// host name, whose address is not known here.
struct listen_socket {
    int family = AF_INET;
    std::string address;
    std::string port;
    [[nodiscard]] bool wildcard() const { return address == (family == AF_INET ? "0.0.0.0" : "::"); }
    /// "IPv4 port 25": the wildcard of a family and port covers every address of that family on that port.
    [[nodiscard]] std::string family_and_port() const
    {
        return std::string(family == AF_INET ? "IPv4" : "IPv6") + " port " + port;
    }
};

std::optional<listen_socket> parse_listen_socket(const std::string& key)
{
    const auto colon = key.rfind(':');
    if (colon == std::string::npos) return std::nullopt;
    auto host = key.substr(0, colon);
    const bool bracketed = host.size() > 2 && host.front() == '[' && host.back() == ']';
    if (bracketed) host = host.substr(1, host.size() - 2);
    const auto address = parse_network(host);
    if (!address || host.find('/') != std::string::npos || (address->family == AF_INET6) != bracketed)
        return std::nullopt;
    return listen_socket{address->family, host, key.substr(colon + 1)};
}

/// A CIDR (or a bare address, one host) as family, prefix and masked address bytes; nullopt when unparsable.
std::optional<std::string> cidr_key(const std::string& text)
{
    const auto parsed = parse_network(text);
    if (!parsed) return std::nullopt;
    const auto block = masked(*parsed);
    std::string key = std::to_string(block.family) + "/" + std::to_string(block.prefix) + ":";
    for (const auto byte : block.bytes) key += std::to_string(byte) + ".";
    return key;
}

/// The one name a regex domain such as "/^mail\.example\.com$/" can match, or nullopt when it can match others.
std::optional<std::string> regex_literal(const std::string& instance)
{
    if (instance.size() < 4 || instance.front() != '/' || instance.back() != '/') return std::nullopt;
    const auto body = instance.substr(1, instance.size() - 2);
    if (body.size() < 2 || body.front() != '^' || body.back() != '$' ||
        (body.size() > 2 && body[body.size() - 2] == '\\'))
        return std::nullopt;
    std::string literal;
    for (std::size_t i = 1; i + 1 < body.size(); ++i) {
        const char c = body[i];
        if (c == '\\') {
            const char next = body[++i];
            if (next != '.' && next != '-') return std::nullopt;
            literal += next;
        }
        else if (std::string_view(".[](){}*+?|^$").find(c) != std::string_view::npos) {
            return std::nullopt;
        }
        else {
            literal += c;
        }
    }
    return ascii_lower(literal);
}

struct seen_stanza {
    std::string text;
    std::string owner;  ///< the stanza that holds it (listener key, or container path)
    source_range range;
};

class consistency_checker : public walk_visitor {
public:
    explicit consistency_checker(diagnostic_sink& sink) : sink_(sink) {}

    bool enter(const walk_step& step, const scope_def*& body_scope) override
    {
        if (step.scope && step.st.has_instance()) {
            const std::string text(step.st.instance().text());
            if (step.scope->key == "listen") listen(step, text);
            else if (step.scope->key == "peer")
                peer(step, text);
            else if (step.scope->key == "domain")
                domain(step, text);
        }
        return body_scope != nullptr;
    }

    void finish()
    {
        for (const auto& [path, regexes] : regex_domains_)
            for (const auto& [literal, regex] : regexes)
                if (const auto found = literal_domains_[path].find(literal); found != literal_domains_[path].end())
                    sink_
                        .report(rules::unreachable_regex_domain, regex.range,
                                "regex domain '" + regex.text + "' can never be chosen: it only matches '" + literal +
                                    "', a literal domain of the same scope, and literal domains are consulted first")
                        .related.push_back({found->second, "literal domain declared here"});
    }

private:
    void listen(const walk_step& step, const std::string& text)
    {
        const auto owner = step.path + "/" + step.container->key;
        const auto key = listen_key(text);
        const seen_stanza here{text, owner, step.st.instance().range()};
        const auto [first, inserted] = listens_.emplace(key, here);
        if (!inserted) {
            // The same spelling in the same listener is the same stanza written twice: it merges.
            if (first->second.text == text && first->second.owner == owner) return;
            report_conflict(here, first->second, "binds the same address and port as");
            return;
        }
        // Linux refuses to bind a port on the wildcard address and on one of its addresses alike (EADDRINUSE),
        // whichever comes first; the other family's wildcard is a socket of its own.
        const auto socket = parse_listen_socket(key);
        if (!socket) return;
        auto& same_kind = socket->wildcard() ? wildcards_ : specifics_;
        auto& other_kind = socket->wildcard() ? specifics_ : wildcards_;
        same_kind.emplace(socket->family_and_port(), here);
        const auto other = other_kind.find(socket->family_and_port());
        if (other == other_kind.end()) return;
        const auto& wildcard = socket->wildcard() ? here : other->second;
        const auto address =
            socket->wildcard() ? parse_listen_socket(listen_key(other->second.text))->address : socket->address;
        report_conflict(here, other->second, "overlaps",
                        ": '" + wildcard.text + "' binds port " + socket->port + " on every " +
                            (socket->family == AF_INET ? "IPv4" : "IPv6") + " address, " + address + " included");
    }

    void report_conflict(const seen_stanza& here, const seen_stanza& first, const std::string& relation,
                         const std::string& why = {})
    {
        sink_
            .report(rules::listen_address_conflict, here.range,
                    "Listen '" + here.text + "' " + relation + " Listen '" + first.text + "'" +
                        (first.owner == here.owner ? " in the same listener" : " of another listener") + why +
                        "; Momentum cannot bind both")
            .related.push_back({first.range, "'" + first.text + "' bound here"});
    }

    void peer(const walk_step& step, const std::string& text)
    {
        const auto key = cidr_key(text);
        if (!key) return;
        const auto [first, inserted] =
            peers_.emplace(step.path + "|" + *key, seen_stanza{text, step.path, step.st.instance().range()});
        if (inserted || first->second.text == text) return;  // the same spelling merges
        sink_
            .report(rules::shadowed_peer, step.st.instance().range(),
                    "Peer '" + text + "' can never match: Peer '" + first->second.text +
                        "', declared first in the same scope, covers exactly the same addresses")
            .related.push_back({first->second.range, "'" + first->second.text + "' declared here"});
    }

    void domain(const walk_step& step, const std::string& text)
    {
        if (is_regex_instance(text)) {
            if (const auto literal = regex_literal(text))
                regex_domains_[step.path].emplace(*literal, seen_stanza{text, step.path, step.st.instance().range()});
            return;
        }
        literal_domains_[step.path].emplace(ascii_lower(text), step.st.instance().range());
    }

    diagnostic_sink& sink_;
    std::map<std::string, seen_stanza> listens_;
    std::map<std::string, seen_stanza> wildcards_;  ///< by family and port: the first wildcard Listen
    std::map<std::string, seen_stanza> specifics_;  ///< by family and port: the first Listen on one address
    std::map<std::string, seen_stanza> peers_;
    std::map<std::string, std::map<std::string, source_range>> literal_domains_;
    std::map<std::string, std::multimap<std::string, seen_stanza>> regex_domains_;
};

}  // namespace

void check_consistency(const loaded_configuration& configuration, const loaded_configuration* cluster,
                       const schema& model, diagnostic_sink& sink)
{
    consistency_checker checker(sink);
    walk_configuration(configuration, model, checker);
    if (cluster) walk_configuration(*cluster, model, checker);
    checker.finish();
}

}  // namespace ecconf
