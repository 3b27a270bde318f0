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
        const auto [first, inserted] =
            listens_.emplace(listen_key(text), seen_stanza{text, owner, step.st.instance().range()});
        // The same spelling in the same listener is the same stanza written twice: it merges.
        if (inserted || (first->second.text == text && first->second.owner == owner)) return;
        sink_
            .report(rules::listen_address_conflict, step.st.instance().range(),
                    "Listen '" + text + "' binds the same address and port as Listen '" + first->second.text + "'" +
                        (first->second.owner == owner ? " in the same listener" : " of another listener") +
                        "; Momentum cannot bind both")
            .related.push_back({first->second.range, "'" + first->second.text + "' bound here"});
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
