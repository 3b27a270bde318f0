#pragma once
/// Diagnostics as data: every phase pushes them into a sink; formatters only read the final list.

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <map>
#include <utility>
#include <vector>

#include "ecconf/source.hpp"

namespace ecconf {

enum class severity { error, warning, note };

[[nodiscard]] std::string_view to_string(severity s) noexcept;
/// The severity a name ("error", "warning", "note") gives; any other name reads as error.
[[nodiscard]] constexpr severity severity_named(std::string_view name) noexcept
{
    return name == "warning" ? severity::warning : name == "note" ? severity::note : severity::error;
}

/// A rule of the catalogue (schemas/rules.json); call sites use the generated constants in ecconf/rule_ids.hpp.
struct rule_ref {
    std::string_view id;
    severity default_severity;
};

/// A secondary location with its own message ("opened here", "included from here").
struct related_location {
    source_range range;
    std::string message;
};

/// How freely a fix may be applied. A safe fix changes nothing but what its rule names and cannot change
/// the meaning beyond it (--fix); an unsafe one guesses among candidates or moves text (--unsafe-fixes).
enum class fix_safety { safe, unsafe };

[[nodiscard]] std::string_view to_string(fix_safety safety) noexcept;

/// A change that resolves a finding: edits of one file, none overlapping another.
struct fix {
    std::string description;  ///< "replace 'enabled' with 'enable'"
    fix_safety safety = fix_safety::safe;
    file_id file = no_file;
    std::vector<text_edit> edits;
};

struct diagnostic {
    std::string_view rule;
    severity level = severity::error;
    std::string message;
    source_range range;
    std::vector<related_location> related;
    std::vector<fix> fixes;  ///< the one --fix applies first; the others are alternatives (an editor's quick fixes)
    std::string node;        ///< the node whose configuration it was found in (check_nodes), else empty
};

/// How a finding was accepted: by a suppression comment, or by the baseline.
enum class suppression_kind { in_source, baseline };

/// A finding the configuration accepts: not reported, but listed where a format can say so (SARIF).
struct suppressed_finding {
    diagnostic finding;
    suppression_kind kind = suppression_kind::in_source;
    std::string justification;  ///< the comment's reason, or what the baseline says
};

/// A fix of one edit: the bytes of `range` replaced by `text`.
[[nodiscard]] fix replacement_fix(const source_range& range, std::string text, fix_safety safety,
                                  std::string description);

/// One file's text with fixes applied.
struct fixed_text {
    std::string text;
    std::size_t applied = 0;   ///< fixes made (one whose edits another fix already made counts too)
    std::size_t deferred = 0;  ///< fixes left out: they overlap one made before them, or leave the text
};

/// Applies fixes to the text of their file, in the order of their first edit; a fix that overlaps one
/// already made is deferred (a check of the fixed text offers it again if it still applies).
[[nodiscard]] fixed_text apply_fixes(std::string_view text, std::vector<const fix*> fixes);

/// Collects diagnostics; finalize() sorts them by file, position and rule and drops exact repeats.
/// Output stays bounded whatever the input: at most max_per_rule_and_file findings of a rule are kept
/// per file (finalize() adds one finding that counts the rest), and a message longer than
/// max_message_bytes keeps only its beginning and end.
class diagnostic_sink {
public:
    static constexpr std::size_t max_per_rule_and_file = 100;
    static constexpr std::size_t max_message_bytes = 2000;

    /// Records a finding; past the cap for its rule and file, the returned diagnostic is discarded.
    diagnostic& report(const rule_ref& rule, source_range range, std::string message);
    /// Whether findings of this rule in this file are past the cap, so that a new one is only counted.
    [[nodiscard]] bool is_full(std::string_view rule, file_id file) const
    {
        const auto found = per_rule_and_file_.find({rule, file});
        return found != per_rule_and_file_.end() && found->second.kept == max_per_rule_and_file;
    }
    /// Adds a finding another sink already recorded and bounded (merging the results of several checks).
    void add(diagnostic d) { items_.push_back(std::move(d)); }
    /// Diagnostics that have no location in a file (usage, unreadable command-line argument).
    diagnostic& report_global(const rule_ref& rule, std::string message);

    [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
    [[nodiscard]] diagnostic& operator[](std::size_t index) { return items_[index]; }

    void finalize();
    /// Drops the diagnostics a predicate selects (rules turned off on the command line), keeping the order.
    template <class Predicate>
    void remove_if(Predicate drop)
    {
        items_.erase(std::remove_if(items_.begin(), items_.end(), drop), items_.end());
    }
    /// Marks every diagnostic as found in this node's configuration.
    void set_node(const std::string& node)
    {
        for (auto& d : items_) d.node = node;
    }
    /// Keeps only the first `count` diagnostics (--max-diagnostics).
    void truncate(std::size_t count)
    {
        if (count < items_.size()) items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(count), items_.end());
    }
    [[nodiscard]] const std::vector<diagnostic>& all() const noexcept { return items_; }
    [[nodiscard]] std::size_t count(severity s) const noexcept;

private:
    struct overflow {
        std::size_t kept = 0;
        std::size_t dropped = 0;
        diagnostic first_dropped;
    };
    std::vector<diagnostic> items_;
    std::map<std::pair<std::string_view, file_id>, overflow> per_rule_and_file_;
    diagnostic discarded_;
};

}  // namespace ecconf
