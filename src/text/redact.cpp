// Redaction of secrets: the one place that decides what a credential looks like and how it is hidden.

#include "text/redact.hpp"
#include "load/walk.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace ecconf {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_nocase(std::string_view text, std::size_t at, std::string_view word)
{
    if (text.size() - at < word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (lower(text[at + i]) != word[i]) return false;
    return true;
}

std::size_t find_nocase(std::string_view text, std::string_view word, std::size_t from)
{
    for (std::size_t at = from; at + word.size() <= text.size(); ++at)
        if (starts_with_nocase(text, at, word)) return at;
    return std::string_view::npos;
}

bool key_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
}

bool space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Where the value of `key=value` starting at `begin` ends. Quoted and braced (ODBC) values run to their
// closing character; other values to the separator of their syntax: '&' in a URL query, ',' between
// LDAP extensions, ';' in connection strings, whitespace (PostgreSQL keyword=value) and a quote in all.
text_span value_span(std::string_view text, std::size_t begin, bool url_query, bool ldap_extension)
{
    const char open = text[begin];
    if (open == '\'' || open == '"' || open == '{') {
        const auto close = text.find(open == '{' ? '}' : open, begin + 1);
        return {begin + 1, close == std::string_view::npos ? text.size() : close};
    }
    std::size_t end = begin;
    while (end < text.size()) {
        const char c = text[end];
        if (space(c) || c == '"' || c == '\'' ||
            (ldap_extension ? c == ',' || c == '?'
             : url_query    ? c == '&' || c == '#'
                            : c == ';'))
            break;
        ++end;
    }
    return {begin, end};
}

void key_value_spans(std::string_view text, std::vector<text_span>& spans)
{
    for (auto eq = text.find('='); eq != std::string_view::npos; eq = text.find('=', eq + 1)) {
        std::size_t key = eq;
        while (key > 0 && key_char(text[key - 1])) --key;
        if (key == eq || eq + 1 >= text.size() || space(text[eq + 1]) || !credential_key(text.substr(key, eq - key)))
            continue;
        const char before = key > 0 ? text[key - 1] : '\0';
        const bool ldap =
            before == ',' || starts_with_nocase(text, key, "x-bindpw") || starts_with_nocase(text, key, "bindpw");
        const auto value = value_span(text, eq + 1, before == '?' || before == '&', ldap);
        if (value.end > value.begin) spans.push_back(value);
    }
}

// scheme://user:password@host: the password, when the authority holds one.
void userinfo_spans(std::string_view text, std::vector<text_span>& spans)
{
    for (auto scheme = text.find("://"); scheme != std::string_view::npos; scheme = text.find("://", scheme + 3)) {
        const auto authority = scheme + 3;
        auto end = authority;
        while (end < text.size() && !space(text[end]) && text[end] != '/' && text[end] != '?' && text[end] != '#' &&
               text[end] != '"' && text[end] != '\'')
            ++end;
        const auto at = text.rfind('@', end == authority ? authority : end - 1);
        if (at == std::string_view::npos || at < authority) continue;
        const auto colon = text.find(':', authority);
        if (colon < at && colon + 1 < at) spans.push_back({colon + 1, at});
    }
}

// Authorization: Basic dXNlcjpwYXNz (also Proxy-Authorization, and `=` instead of `:`): the credentials,
// after the scheme word, to the end of the line since Digest credentials hold spaces and quotes.
void authorization_spans(std::string_view text, std::vector<text_span>& spans)
{
    constexpr std::string_view header = "authorization";
    for (auto at = find_nocase(text, header, 0); at != std::string_view::npos;
         at = find_nocase(text, header, at + header.size())) {
        auto p = at + header.size();
        while (p < text.size() && (text[p] == ' ' || text[p] == '\t')) ++p;
        if (p >= text.size() || (text[p] != ':' && text[p] != '=')) continue;
        ++p;
        while (p < text.size() && (text[p] == ' ' || text[p] == '\t')) ++p;
        auto word = p;
        while (word < text.size() &&
               ((text[word] >= 'a' && text[word] <= 'z') || (text[word] >= 'A' && text[word] <= 'Z')))
            ++word;
        if (word < text.size() && text[word] == ' ') p = word + 1;
        const auto end = std::min(text.find_first_of("\r\n", p), text.size());
        if (end > p) spans.push_back({p, end});
    }
}

// -----BEGIN RSA PRIVATE KEY-----...-----END RSA PRIVATE KEY-----: the body between the markers.
void private_key_spans(std::string_view text, std::vector<text_span>& spans)
{
    constexpr std::string_view marker = "PRIVATE KEY-----";
    for (auto at = text.find(marker); at != std::string_view::npos; at = text.find(marker, at + marker.size())) {
        const auto begin_line = text.rfind("-----", at == 0 ? 0 : at - 1);
        if (begin_line == std::string_view::npos || text.compare(begin_line, 10, "-----BEGIN") != 0) continue;
        const auto body = at + marker.size();
        const auto end = std::min(text.find("-----END", body), text.size());
        if (end > body) spans.push_back({body, end});
        at = end;
    }
}

}  // namespace

bool credential_key(std::string_view key)
{
    std::string squashed;
    std::string word;
    bool found = false;
    const auto end_word = [&] {
        found = found || word == "pass" || word == "pwd" || word == "bindpw" || word == "credential" ||
                word == "credentials";
        word.clear();
    };
    for (const char c : key) {
        if (c == '_' || c == '-' || c == '.') {
            end_word();
            continue;
        }
        word += lower(c);
        squashed += lower(c);
    }
    end_word();
    static constexpr std::array<std::string_view, 8> endings{"password", "passwd", "passphrase", "secret",
                                                             "token",    "apikey", "accesskey",  "privatekey"};
    return found || std::any_of(endings.begin(), endings.end(), [&](std::string_view ending) {
               return squashed.size() >= ending.size() &&
                      squashed.compare(squashed.size() - ending.size(), ending.size(), ending) == 0;
           });
}

std::vector<text_span> credential_spans(std::string_view text)
{
    std::vector<text_span> spans;
    key_value_spans(text, spans);
    userinfo_spans(text, spans);
    authorization_spans(text, spans);
    private_key_spans(text, spans);
    std::sort(spans.begin(), spans.end(), [](const text_span& a, const text_span& b) { return a.begin < b.begin; });
    std::vector<text_span> merged;
    for (const auto& span : spans) {
        if (!merged.empty() && span.begin <= merged.back().end)
            merged.back().end = std::max(merged.back().end, span.end);
        else
            merged.push_back(span);
    }
    return merged;
}

std::string redact_credentials(std::string_view text)
{
    std::string out;
    std::size_t copied = 0;
    for (const auto& span : credential_spans(text)) {
        out.append(text.substr(copied, span.begin - copied)).append(redacted);
        copied = span.end;
    }
    return out.append(text.substr(copied));
}

void secret_values::add(std::string_view text)
{
    if (text.empty()) return;
    const auto at =
        std::lower_bound(values_.begin(), values_.end(), text, [](const std::string& known, std::string_view wanted) {
            return known.size() != wanted.size() ? known.size() > wanted.size() : known < wanted;
        });
    if (at == values_.end() || *at != text) values_.emplace(at, text);
}

void secret_values::merge(const secret_values& other)
{
    for (const auto& text : other.values_) add(text);
}

namespace {

// Secrets shorter than this are masked only where they stand as a word of their own: a one-letter
// password would otherwise turn every "x" of a message into "<redacted>". Longer ones are masked
// wherever they appear, inside other words too, so that their bytes never reach an output.
constexpr std::size_t whole_word_below = 4;

bool inside_word(std::string_view text, std::size_t at, std::size_t length)
{
    const auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; };
    return (at > 0 && word(text[at - 1])) || (at + length < text.size() && word(text[at + length]));
}

}  // namespace

std::string secret_values::redact(std::string_view text) const
{
    auto out = redact_credentials(text);
    for (const auto& secret : values_) {
        for (auto at = out.find(secret); at != std::string::npos;) {
            if (secret.size() < whole_word_below && inside_word(out, at, secret.size())) {
                at = out.find(secret, at + 1);
                continue;
            }
            out.replace(at, secret.size(), redacted);
            at = out.find(secret, at + redacted.size());
        }
    }
    return out;
}

namespace {

void add_scalar(const value_ref& v, const source_manager& sources, secret_values& secrets)
{
    secrets.add(v.text());
    // As written too: the bytes between the quotes differ from the text when the string holds escapes.
    const auto range = v.range();
    auto written = sources.file(range.file).bytes().substr(range.begin, range.end - range.begin);
    if (v.quote() != quoting::bare && written.size() >= 2) {
        // A typographic quote (“ ” ‘ ’, read as '"': typographic-quote) is three bytes of UTF-8.
        const auto open = written.front() == '\xE2' ? 3u : 1u;
        const auto close = written.size() >= 3 && written[written.size() - 3] == '\xE2' ? 3u : 1u;
        written = written.size() >= open + close ? written.substr(open, written.size() - open - close) : written;
    }
    secrets.add(written);
}

void add_whole(const value_ref& v, const source_manager& sources, secret_values& secrets)
{
    if (v.is_scalar()) add_scalar(v, sources, secrets);
    else if (v.is_list())
        for (const auto item : v.items()) add_whole(item, sources, secrets);
    else
        for (const auto entry : v.entries()) {
            add_whole(entry.key, sources, secrets);
            add_whole(entry.value, sources, secrets);
        }
}

// Credentials embedded in a string are found by their syntax wherever they are printed, so they are not
// remembered: a manual's `password=password` would otherwise hide the word everywhere.
void add_credential_entries(const value_ref& v, const source_manager& sources, secret_values& secrets)
{
    if (v.is_list()) {
        for (const auto item : v.items()) add_credential_entries(item, sources, secrets);
        return;
    }
    if (!v.is_dictionary()) return;
    for (const auto entry : v.entries()) {
        if (credential_key(entry.key.text())) add_whole(entry.value, sources, secrets);
        else
            add_credential_entries(entry.value, sources, secrets);
    }
}

// Scopes the schema does not know are walked too (no container): a credential there is still one.
class secret_collector : public walk_visitor {
public:
    explicit secret_collector(source_manager& sources) : sources_(sources) {}

    void option(const walk_step& step) override
    {
        if (step.option ? step.option->secret : credential_key(step.st.name()))
            add_whole(step.st.value(), sources_, sources_.secrets());
        else
            add_credential_entries(step.st.value(), sources_, sources_.secrets());
    }
    bool enter(const walk_step& /*step*/, const scope_def*& /*body_scope*/) override { return true; }

private:
    source_manager& sources_;
};

nlohmann::ordered_json redact_strings(const nlohmann::ordered_json& value, const secret_values& secrets)
{
    if (value.is_string()) return secrets.redact(value.get_ref<const std::string&>());
    if (!value.is_structured()) return value;
    auto out = value;
    for (auto& item : out) item = redact_strings(item, secrets);
    return out;
}

}  // namespace

void collect_secrets(const loaded_configuration& configuration, const schema& model, source_manager& sources)
{
    secret_collector collector(sources);
    walk_configuration(configuration, model, collector);
}

void redact_message(diagnostic& d, const secret_values& secrets)
{
    d.message = secrets.redact(d.message);
    for (auto& related : d.related) related.message = secrets.redact(related.message);
}

void redact_messages(diagnostic_sink& sink, const secret_values& secrets)
{
    for (std::size_t i = 0; i < sink.size(); ++i) redact_message(sink[i], secrets);
}

nlohmann::ordered_json shown_value(const nlohmann::ordered_json& value, const option_def* option,
                                   const secret_values& secrets, bool show_secrets)
{
    if (show_secrets) return value;
    if (option && option->secret) return std::string(redacted);
    return redact_strings(value, secrets);
}

}  // namespace ecconf
