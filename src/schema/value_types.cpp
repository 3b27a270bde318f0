// Checking written values against schema types. Every value is text; the option's type decides.

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <unordered_map>

#include "ecconf/effective.hpp"
#include "ecconf/schema.hpp"
#include "text/did_you_mean.hpp"
#include "text/network.hpp"

namespace ecconf {
namespace {

bool all_digits(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::string number_text(double d)
{
    std::ostringstream out;
    if (d == std::floor(d) && std::fabs(d) < 1e15) out << static_cast<long long>(d);
    else
        out << d;
    return out.str();
}

std::string range_text(const value_type& t)
{
    if (t.min && t.max) return " between " + number_text(*t.min) + " and " + number_text(*t.max);
    if (t.min) return " >= " + number_text(*t.min);
    if (t.max) return " <= " + number_text(*t.max);
    return "";
}

std::string join(const std::vector<std::string>& items, std::string_view separator)
{
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
    return out;
}

bool is_ipv4(std::string_view s)
{
    in_addr a{};
    return inet_pton(AF_INET, std::string(s).c_str(), &a) == 1;
}

bool is_ipv6(std::string_view s)
{
    in6_addr a{};
    return inet_pton(AF_INET6, std::string(s).c_str(), &a) == 1;
}

bool is_ip(std::string_view s) { return is_ipv4(s) || is_ipv6(s); }

bool is_cidr(std::string_view s) { return parse_network(s).has_value(); }

// A host name's last label is never all digits (RFC 1123 2.1): "10.20.1.310" is a mistyped address, not a name.
bool is_hostname(std::string_view s)
{
    if (!s.empty() && s.back() == '.') s.remove_suffix(1);
    if (s.empty() || s.size() > 253) return false;
    std::size_t label = 0;
    for (const char c : s) {
        if (c == '.') {
            if (label == 0) return false;
            label = 0;
            continue;
        }
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
        if (++label > 63) return false;
    }
    return label > 0 && !all_digits(s.substr(s.rfind('.') + 1));
}

/// Why dotted numbers in `text` ("10.20.1.310", the host of "10.20.1.310:25") are not an IPv4 address, as
/// "; '10.20.1.310' looks like an IPv4 address but is not one: 310 is more than 255"; empty when there are none.
std::string dotted_quad_problem(std::string_view text)
{
    const auto is_part = [](char c) { return (c >= '0' && c <= '9') || c == '.'; };
    for (std::size_t begin = 0; begin < text.size();) {
        auto end = begin;
        while (end < text.size() && is_part(text[end])) ++end;
        const auto run = text.substr(begin, end - begin);
        const bool whole = (begin == 0 || !std::isalnum(static_cast<unsigned char>(text[begin - 1]))) &&
                           (end == text.size() || !std::isalnum(static_cast<unsigned char>(text[end])));
        if (whole && std::count(run.begin(), run.end(), '.') >= 2 && !is_ipv4(run)) {
            std::vector<std::string_view> numbers;
            for (std::size_t from = 0;;) {
                const auto dot = run.find('.', from);
                numbers.push_back(run.substr(from, dot == std::string_view::npos ? dot : dot - from));
                if (dot == std::string_view::npos) break;
                from = dot + 1;
            }
            std::string why = "an IPv4 address is four numbers from 0 to 255";
            for (const auto number : numbers) {
                if (number.empty()) break;
                if (number.size() > 3 || std::stoi(std::string(number)) > 255) {
                    why = std::string(number) + " is more than 255";
                    break;
                }
                if (number.size() > 1 && number.front() == '0') {
                    why = "'" + std::string(number) + "' has a leading zero";
                    break;
                }
            }
            if (numbers.size() != 4 && why.find("more than") == std::string::npos)
                why = "an IPv4 address is four numbers, this is " + std::to_string(numbers.size());
            return "; '" + std::string(run) + "' looks like an IPv4 address but is not one: " + why;
        }
        begin = end == begin ? begin + 1 : end;
    }
    return {};
}

/// Types whose values name a host or an address, where a mistyped dotted quad deserves its own words.
bool expects_address(const value_type& t)
{
    switch (t.kind) {
    case type_kind::ip_address:
    case type_kind::cidr:
    case type_kind::hostname:
    case type_kind::domain:
    case type_kind::socket_address:
    case type_kind::email: return true;
    case type_kind::one_of:
    case type_kind::list: return std::any_of(t.parts.begin(), t.parts.end(), expects_address);
    default: return false;
    }
}

bool is_port(std::string_view s) { return all_digits(s) && s.size() <= 5 && std::stoi(std::string(s)) <= 65535; }

bool is_socket_address(std::string_view s)
{
    if (!s.empty() && s.front() == '/') return true;  // unix socket path
    if (!s.empty() && s.front() == '[') {
        const auto close = s.find(']');
        // "[*]:25" is the IPv6 wildcard (4/listeners, TCP/IP listen address syntax)
        return close != std::string_view::npos && (s.substr(1, close - 1) == "*" || is_ipv6(s.substr(1, close - 1))) &&
               close + 1 < s.size() && s[close + 1] == ':' && is_port(s.substr(close + 2));
    }
    const auto colon = s.rfind(':');
    if (colon == std::string_view::npos) return false;
    const auto host = s.substr(0, colon);
    if (!is_port(s.substr(colon + 1))) return false;
    return host.empty() || host == "*" || is_ipv4(host) || is_hostname(host);
}

// The words Momentum reads as booleans.
const std::vector<std::string>& boolean_words()
{
    static const std::vector<std::string> words{"true", "false",   "yes",      "no", "on",
                                                "off",  "enabled", "disabled", "1",  "0"};
    return words;
}

const std::vector<std::string>& no_words()
{
    static const std::vector<std::string> none;
    return none;
}

bool is_boolean(std::string_view s)
{
    const auto& words = boolean_words();
    return std::find(words.begin(), words.end(), ascii_lower(s)) != words.end();
}

std::optional<std::string> check_number(const value_type& t, std::string_view s)
{
    const bool negative_ok = t.kind == type_kind::integer || t.kind == type_kind::floating;
    std::string_view digits = s;
    if (!digits.empty() && (digits.front() == '+' || (negative_ok && digits.front() == '-'))) digits.remove_prefix(1);
    double value = 0;
    if (t.kind == type_kind::floating) {
        const std::string text(s);
        char* end = nullptr;
        errno = 0;
        value = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size() || errno != 0 ||
            std::isspace(static_cast<unsigned char>(text.front())))
            return std::string("expected ") + t.describe() + ", got '" + text + "'";
    }
    else {
        if (!all_digits(digits) || digits.size() > 18)
            return "expected " + t.describe() + ", got '" + std::string(s) + "'";
        value = static_cast<double>(std::strtoll(std::string(s).c_str(), nullptr, 10));
    }
    if ((t.min && value < *t.min) || (t.max && value > *t.max))
        return "expected " + t.describe() + ", got '" + std::string(s) + "' (out of range)";
    return std::nullopt;
}

bool is_domain(std::string_view s, std::optional<std::string>& regex_problem, std::optional<std::size_t>& offset)
{
    if (s.size() >= 2 && s.front() == '/' && s.back() == '/') {
        std::size_t at = 0;
        regex_problem = regex_error(s.substr(1, s.size() - 2), at);
        if (regex_problem) offset = at + 1;
        return !regex_problem;
    }
    if (s.size() >= 2 && s.front() == '[' && s.back() == ']') {
        auto inner = s.substr(1, s.size() - 2);
        if (inner.size() > 5 && ascii_lower(inner.substr(0, 5)) == "ipv6:") return is_ipv6(inner.substr(5));
        return is_ipv4(inner);
    }
    if (s.size() > 2 && s.substr(0, 2) == "*.") s.remove_prefix(2);
    else if (s.size() > 1 && s.front() == '.')
        s.remove_prefix(1);
    return is_ip(s) || is_hostname(s);
}

bool is_email(std::string_view s)
{
    const auto at = s.rfind('@');
    if (at == std::string_view::npos || at == 0) return false;
    const auto local = s.substr(0, at);
    if (std::any_of(local.begin(), local.end(), [](unsigned char c) { return std::isspace(c) != 0; })) return false;
    std::optional<std::string> ignored;
    std::optional<std::size_t> ignored_offset;
    return is_domain(s.substr(at + 1), ignored, ignored_offset);
}

}  // namespace

std::string value_type::describe() const
{
    switch (kind) {
    case type_kind::boolean: return "a boolean (true, false, yes, no, on, off, enabled, disabled, 1, 0)";
    case type_kind::integer: return "an integer" + range_text(*this);
    case type_kind::unsigned_integer: return "an unsigned integer" + range_text(*this);
    case type_kind::seconds: return "a number of seconds" + range_text(*this);
    case type_kind::bytes: return "a size in bytes" + range_text(*this);
    case type_kind::octal_mode: return "an octal file mode such as 0640";
    case type_kind::floating: return "a number" + range_text(*this);
    case type_kind::throttle: return "a throttle (N or N/seconds)";
    case type_kind::enumeration: return "one of " + join(values, ", ");
    case type_kind::string: return "a string";
    case type_kind::path: return "a path";
    case type_kind::list: return parts.empty() ? "a list" : "a list of " + parts.front().describe();
    case type_kind::dictionary: return parts.empty() ? "a dictionary" : "a dictionary of " + parts.front().describe();
    case type_kind::socket_address:
        return "a socket address (ip:port, :port, *:port, [ipv6]:port or a unix socket path)";
    case type_kind::ip_address: return "an IP address";
    case type_kind::cidr: return "an IP address or CIDR block";
    case type_kind::hostname: return "a host name";
    case type_kind::domain: return "a domain (host name, IP literal, [IPv6:...] or /regex/)";
    case type_kind::regex: return "a regular expression";
    case type_kind::email: return "an email address";
    case type_kind::user: return "a user name or numeric id";
    case type_kind::group: return "a group name or numeric id";
    case type_kind::capabilities: return "a capability set";
    case type_kind::privileges: return "a privilege set";
    case type_kind::reference:
        return "the name of a " + (reference_kind.empty() ? std::string("scope") : reference_kind);
    case type_kind::one_of: {
        std::vector<std::string> alternatives;
        for (const auto& p : parts) alternatives.push_back(p.describe());
        return join(alternatives, " or ");
    }
    case type_kind::any: return "any value";
    }
    return "a value";
}

namespace {

std::optional<std::string> compile_regex(std::string_view pattern, std::size_t& offset)
{
    int code = 0;
    PCRE2_SIZE at = 0;
    pcre2_code* compiled =
        pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), 0, &code, &at, nullptr);
    if (compiled) {
        pcre2_code_free(compiled);
        return std::nullopt;
    }
    PCRE2_UCHAR buffer[256];
    pcre2_get_error_message(code, buffer, sizeof buffer);
    offset = at;
    return std::string(reinterpret_cast<const char*>(buffer));
}

}  // namespace

std::optional<std::string> regex_error(std::string_view pattern, std::size_t& offset)
{
    // Configurations repeat their patterns (the same exclusions in every binding): compile each once.
    struct verdict {
        std::optional<std::string> message;
        std::size_t offset = 0;
    };
    constexpr std::size_t cache_limit = 4096;
    thread_local std::unordered_map<std::string, verdict> cache;
    if (const auto found = cache.find(std::string(pattern)); found != cache.end()) {
        if (found->second.message) offset = found->second.offset;
        return found->second.message;
    }
    verdict fresh;
    fresh.message = compile_regex(pattern, fresh.offset);
    if (cache.size() >= cache_limit) cache.clear();
    cache.emplace(pattern, fresh);
    if (fresh.message) offset = fresh.offset;
    return fresh.message;
}

std::optional<std::string> check_scalar(const value_type& type, std::string_view text,
                                        std::optional<std::size_t>& offset)
{
    const auto refuse = [&]() -> std::optional<std::string> {
        return "expected " + type.describe() + ", got '" + std::string(text) + "'" +
               (expects_address(type) ? dotted_quad_problem(text) : std::string());
    };
    switch (type.kind) {
    case type_kind::boolean: return is_boolean(text) ? std::nullopt : refuse();
    case type_kind::integer:
    case type_kind::unsigned_integer:
    case type_kind::seconds:
    case type_kind::bytes:
    case type_kind::floating: return check_number(type, text);
    case type_kind::octal_mode:
        return text.size() >= 3 && text.size() <= 5 &&
                       std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '7'; })
                   ? std::nullopt
                   : refuse();
    case type_kind::throttle: {
        const auto slash = text.find('/');
        if (slash == std::string_view::npos) return all_digits(text) ? std::nullopt : refuse();
        return all_digits(text.substr(0, slash)) && all_digits(text.substr(slash + 1)) ? std::nullopt : refuse();
    }
    case type_kind::enumeration:
        return std::find(type.values.begin(), type.values.end(), ascii_lower(text)) != type.values.end() ? std::nullopt
                                                                                                         : refuse();
    case type_kind::path:
    case type_kind::capabilities:
    case type_kind::privileges:
    case type_kind::reference: return text.empty() ? refuse() : std::nullopt;
    case type_kind::socket_address: return is_socket_address(text) ? std::nullopt : refuse();
    case type_kind::ip_address: return is_ip(text) ? std::nullopt : refuse();
    case type_kind::cidr: return is_cidr(text) ? std::nullopt : refuse();
    case type_kind::hostname: return is_hostname(text) ? std::nullopt : refuse();
    case type_kind::domain: {
        std::optional<std::string> problem;
        if (is_domain(text, problem, offset)) return std::nullopt;
        if (problem)
            return "invalid regular expression in domain '" + std::string(text) + "': " + *problem + " at offset " +
                   std::to_string(*offset - 1);
        return refuse();
    }
    case type_kind::regex: {
        std::size_t at = 0;
        const auto problem = regex_error(text, at);
        if (!problem) return std::nullopt;
        offset = at;
        return "invalid regular expression '" + std::string(text) + "': " + *problem + " at offset " +
               std::to_string(at);
    }
    case type_kind::email: return is_email(text) ? std::nullopt : refuse();
    case type_kind::user:
    case type_kind::group:
        return text.empty() ? refuse() : std::nullopt;  // names: the Security check (invalid-user, invalid-group)
    case type_kind::one_of:
        for (const auto& alternative : type.parts) {
            std::optional<std::size_t> ignored;
            if (!check_scalar(alternative, text, ignored)) return std::nullopt;
        }
        return refuse();
    case type_kind::list:
        if (type.parts.empty()) return std::nullopt;
        return check_scalar(type.parts.front(), text, offset);  // a single scalar is a one-item list
    case type_kind::dictionary: return refuse();
    case type_kind::string:
    case type_kind::any: return std::nullopt;
    }
    return std::nullopt;
}

source_range character_range(const value_ref& written, std::size_t offset)
{
    const auto range = written.range();
    const auto text = written.text();
    const auto length = range.end - range.begin;
    const std::size_t delimiters = written.quote() == quoting::bare ? 0 : 2;
    if (length != text.size() + delimiters || text.empty()) return range;
    // An error at the end of a quoted string points at the closing quote; in a bare word, at its last character.
    offset = std::min(offset, delimiters ? text.size() : text.size() - 1);
    const auto at = range.begin + static_cast<std::uint32_t>(delimiters / 2 + offset);
    return {range.file, at, at + 1};
}

namespace {

const char* shape_of(const value_ref& written) { return written.is_list() ? "a list" : "a dictionary"; }

// A word of a closed set (a boolean, an enumeration) misspelled: the word meant, written in place of the
// one inside the quotes (or of the bare word). Safe when it is the only word one edit away.
std::optional<fix> near_miss_fix(const value_type& type, const value_ref& written)
{
    const auto& words = type.kind == type_kind::boolean       ? boolean_words()
                        : type.kind == type_kind::enumeration ? type.values
                                                              : no_words();
    if (words.empty()) return std::nullopt;
    auto range = written.range();
    if (written.quote() == quoting::double_quoted && range.end - range.begin >= 2) {
        ++range.begin;
        --range.end;
    }
    else if (written.quote() != quoting::bare)
        return std::nullopt;
    // An escape in the text would make the edit's bytes differ from the value read.
    if (range.end - range.begin != written.text().size()) return std::nullopt;
    // A word of two letters is two edits from most words: only a third of the letters may differ.
    const auto meant = suggest_name(written.text(), words, std::max<std::size_t>(1, written.text().size() / 3));
    if (!meant) return std::nullopt;
    auto replacement = in_case_of(written.text(), meant->name);
    auto description = "replace '" + std::string(written.text()) + "' with '" + replacement + "'";
    return replacement_fix(range, std::move(replacement), meant->certain ? fix_safety::safe : fix_safety::unsafe,
                           std::move(description));
}

std::optional<value_problem> check_scalar_value(const value_type& type, const value_ref& written)
{
    std::optional<std::size_t> offset;
    auto message = check_scalar(type, written.text(), offset);
    if (!message) return std::nullopt;
    value_problem problem{*message, offset ? character_range(written, *offset) : written.range(), {}};
    if (auto meant = near_miss_fix(type, written)) {
        problem.message += "; did you mean '" + meant->edits.front().text + "'?";
        problem.fixes.push_back(std::move(*meant));
    }
    return problem;
}

}  // namespace

std::optional<value_problem> check_value(const value_type& type, const value_ref& written)
{
    if (type.kind == type_kind::any) return std::nullopt;
    if (type.kind == type_kind::list && written.is_list()) {
        if (type.parts.empty()) return std::nullopt;
        for (const auto item : written.items())
            if (auto problem = check_value(type.parts.front(), item)) return problem;
        return std::nullopt;
    }
    if (type.kind == type_kind::dictionary) {
        if (!written.is_dictionary()) {
            const std::string got =
                written.is_scalar() ? "'" + std::string(written.text()) + "'" : std::string(shape_of(written));
            return value_problem{"expected " + type.describe() + ", got " + got, written.range(), {}};
        }
        if (type.parts.empty()) return std::nullopt;
        for (const auto entry : written.entries())
            if (auto problem = check_value(type.parts.front(), entry.value)) return problem;
        return std::nullopt;
    }
    if (type.kind == type_kind::one_of && !written.is_scalar()) {
        for (const auto& alternative : type.parts)
            if (!check_value(alternative, written)) return std::nullopt;
        return value_problem{"expected " + type.describe() + ", got " + shape_of(written), written.range(), {}};
    }
    if (!written.is_scalar())
        return value_problem{"expected " + type.describe() + ", got " + shape_of(written), written.range(), {}};
    return check_scalar_value(type, written);
}

std::optional<value_problem> check_instance_name(std::string_view kind, const value_ref& written)
{
    const std::string_view text = written.text();
    const auto problem = [&](std::string message) {
        return std::optional<value_problem>(value_problem{std::move(message), written.range(), {}});
    };
    const auto has = [&](auto predicate) { return std::any_of(text.begin(), text.end(), predicate); };
    const auto space = [](unsigned char c) { return std::isspace(c) != 0; };
    if (kind == "binding_name" || kind == "name" || kind.empty()) {
        if (text.empty()) return problem("the name is empty");
        if (has(space)) return problem("'" + std::string(text) + "' contains a space");
        if (kind == "binding_name" && has([](char c) { return c == ':'; }))
            return problem("'" + std::string(text) + "' contains a colon");
        return std::nullopt;
    }
    // `domain "#name"` declares a virtual domain, the target of gateway and routes entries "#name" (issue 8).
    if (kind == "domain" && text.size() > 1 && text.front() == '#' && !has(space)) return std::nullopt;
    value_type t;
    if (kind == "domain" || kind == "host") t.kind = type_kind::domain;
    else if (kind == "socket_address")
        t.kind = type_kind::socket_address;
    else if (kind == "cidr")
        t.kind = type_kind::cidr;
    else if (kind == "ip_address")
        t.kind = type_kind::ip_address;
    else if (kind == "regex_or_name") {
        if (is_regex_instance(text)) t.kind = type_kind::domain;
        else
            return text.empty() ? problem("the name is empty") : std::nullopt;
    }
    else
        return std::nullopt;
    return check_scalar_value(t, written);
}

}  // namespace ecconf
