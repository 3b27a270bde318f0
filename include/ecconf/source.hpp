#pragma once
/// Source files, byte ranges and line/column lookup shared by every phase.

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ecconf {

/// Index of a file in a source_manager.
using file_id = std::uint32_t;
/// Index of an inclusion record (how a file instance was reached) in a source_manager.
using inclusion_id = std::uint32_t;

inline constexpr file_id no_file = UINT32_MAX;
inline constexpr inclusion_id no_inclusion = UINT32_MAX;

/// Lowercase ASCII copy: how names (keywords, options, DNS instance names) compare without case.
[[nodiscard]] std::string ascii_lower(std::string_view text);

// Statement names as small integers: each lowercase name is stored once for a run.
using name_id = std::uint32_t;

/// The lowercase names of statements, each stored once for a run: statements carry an id.
class name_table {
public:
    /// The id of a lowercase name, added when new.
    [[nodiscard]] name_id intern(std::string_view lowercase);
    [[nodiscard]] std::string_view text(name_id id) const { return names_[id]; }
    /// Gives the names of a list (a schema's) the ids 0, 1, ... in its order; only before any other name.
    void seed(const std::vector<std::string>& names);
    /// Whether the ids of this list's names are their indexes in it (seed() was given this very list).
    [[nodiscard]] bool seeded_with(const std::vector<std::string>& names) const noexcept { return seed_ == &names; }

private:
    std::deque<std::string> names_;                      ///< a deque: its strings never move
    std::unordered_map<std::string_view, name_id> ids_;  ///< views of names_' strings
    const std::vector<std::string>* seed_ = nullptr;
};

// Redaction of secrets: every output (diagnostics, excerpts, dump, export, eval, diff) shows
// "<redacted>" instead of a password, key or other credential. Implemented in src/text/redact.cpp.
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

/// A half-open byte range [begin, end) in one file.
struct source_range {
    file_id file = no_file;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
};

/// One replacement of a file's bytes [begin, end) by `text` (an empty range inserts): a range
/// formatted, a fix.
struct text_edit {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::string text;
};

/// A 1-based line and column; columns count Unicode code points (an invalid byte counts as one, a tab as one).
struct line_column {
    std::uint32_t line = 1;
    std::uint32_t column = 1;
};

/// One file read into memory, with an index of line starts.
class source_file {
public:
    source_file(std::string path, std::string bytes);

    [[nodiscard]] const std::string& path() const noexcept { return path_; }
    [[nodiscard]] std::string_view bytes() const noexcept { return bytes_; }
    /// Line and column of a byte offset (offsets past the end clamp to the end).
    [[nodiscard]] line_column locate(std::uint32_t offset) const;
    /// The text of a 1-based line, without its line ending.
    [[nodiscard]] std::string_view line_text(std::uint32_t line) const;
    [[nodiscard]] std::uint32_t line_count() const noexcept { return static_cast<std::uint32_t>(line_starts_.size()); }

private:
    std::string path_;
    std::string bytes_;
    std::vector<std::uint32_t> line_starts_;
};

/// How a file instance was reached: the include directive and the inclusion of the file that holds it.
struct inclusion {
    file_id file = no_file;
    source_range directive;  ///< the include statement (no_file for a main file)
    inclusion_id parent = no_inclusion;
};

/// Owns every file read during a run and the inclusion records that link them.
class source_manager {
public:
    /// Adds a file already in memory (tests, stdin, fuzzing).
    file_id add(std::string path, std::string bytes);
    [[nodiscard]] const source_file& file(file_id id) const { return *files_.at(id); }
    [[nodiscard]] std::size_t file_count() const noexcept { return files_.size(); }
    /// The id of a file already added under this path, if any.
    [[nodiscard]] std::optional<file_id> find(std::string_view path) const;

    inclusion_id add_inclusion(inclusion record);
    [[nodiscard]] const inclusion& inclusion_at(inclusion_id id) const { return inclusions_.at(id); }

    /// Line and column of the start and of the end of a range.
    [[nodiscard]] line_column begin_of(const source_range& r) const;
    [[nodiscard]] line_column end_of(const source_range& r) const;

    /// The names of the statements parsed from these files.
    [[nodiscard]] name_table& names() noexcept { return names_; }
    [[nodiscard]] const name_table& names() const noexcept { return names_; }

    /// The secrets of the files read: every output that shows their bytes redacts these.
    [[nodiscard]] secret_values& secrets() noexcept { return secrets_; }
    [[nodiscard]] const secret_values& secrets() const noexcept { return secrets_; }

private:
    std::vector<std::unique_ptr<source_file>> files_;
    std::vector<inclusion> inclusions_;
    name_table names_;
    secret_values secrets_;
};

}  // namespace ecconf
