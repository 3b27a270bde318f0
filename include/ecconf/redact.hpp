#pragma once
/// Redaction of secrets: every output (diagnostics, excerpts, dump, export, eval, diff) shows
/// "<redacted>" instead of a password, key or other credential. Implemented in src/text/redact.cpp.

#include <string>
#include <string_view>
#include <vector>

namespace ecconf {

inline constexpr std::string_view redacted = "<redacted>";

/// Whether a key names a credential: one of its words (split at '_', '-' and '.') is pass, pwd, bindpw
/// or credential(s), or the key without separators ends in password, passwd, passphrase, secret, token,
/// apikey, accesskey or privatekey (case-insensitive): PWD, x-bindpw, SMPP_SMSC_Password, apiKey.
[[nodiscard]] bool credential_key(std::string_view key);

/// A byte range [begin, end) of a text.
struct text_span {
    std::size_t begin = 0;
    std::size_t end = 0;
};

/// Where credentials are embedded in a text: the value of a `key=value` pair whose key is a credential
/// key (connection strings, URL queries, LDAP extensions such as x-bindpw), the password of the userinfo
/// of a URL (`scheme://user:password@host`), the credentials after `Authorization:` up to the end of
/// the line, and the body of an inline PEM private key. Sorted, not overlapping.
[[nodiscard]] std::vector<text_span> credential_spans(std::string_view text);

/// `text` with every credential_spans() range replaced by "<redacted>".
[[nodiscard]] std::string redact_credentials(std::string_view text);

/// The secret values of a configuration, known by their text: values of options marked secret, of options
/// the schema does not know that are named like credentials, and of dictionary entries keyed like them.
/// A source_manager holds them, so that every output reaches them.
class secret_values {
public:
    /// Remembers a secret (empty texts are ignored).
    void add(std::string_view text);
    void merge(const secret_values& other);
    /// `text` with embedded credentials and every remembered secret replaced by "<redacted>".
    [[nodiscard]] std::string redact(std::string_view text) const;

private:
    std::vector<std::string> values_;  ///< longest first, so that a secret holding another is masked whole
};

}  // namespace ecconf
