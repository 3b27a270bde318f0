#pragma once
/// Baselines: today's findings recorded in a file (--write-baseline), so that a later run reports
/// only new ones (--baseline). Findings match by rule, file and the content of the offending line,
/// never by line number: edits above a finding do not bring it back.

#include <iosfwd>
#include <string>
#include <vector>

#include "ecconf/diagnostic.hpp"
#include "ecconf/source.hpp"

namespace ecconf {

struct baseline_entry {
    std::string rule;
    std::string
        file;  ///< relative to the baseline file's directory (absolute when named so); empty for global findings
    std::string fingerprint;  ///< 16 hex digits: FNV-1a 64 of the offending line, trimmed
    std::string message;      ///< for the reader of the file; not used for matching
};

/// The fingerprint of the line a diagnostic starts on (of the empty string when it has no location).
[[nodiscard]] std::string line_fingerprint(const source_manager& sources, const source_range& range);

/// One entry per diagnostic of the (finalized, filtered) sink, in its order. `directory` is the baseline
/// file's directory (as a path from the working directory): relative file paths are recorded relative
/// to it, so the baseline matches from any working directory.
[[nodiscard]] std::vector<baseline_entry> baseline_of(const source_manager& sources, const diagnostic_sink& sink,
                                                      const std::string& directory = ".");

/// JSON: {"format": 1, "findings": [{"rule", "file", "fingerprint", "message"}, ...]}.
void write_baseline(std::ostream& out, const std::vector<baseline_entry>& entries);

/// Reads a baseline written by write_baseline; throws std::runtime_error naming the problem.
[[nodiscard]] std::vector<baseline_entry> read_baseline(std::istream& in);

/// Drops the diagnostics the baseline records; each entry absorbs one finding, so a second copy
/// of a recorded finding is still reported. `directory`: the baseline file's, as for baseline_of.
/// Returns how many were dropped.
std::size_t apply_baseline(const source_manager& sources, const std::vector<baseline_entry>& baseline,
                           diagnostic_sink& sink, const std::string& directory = ".");

}  // namespace ecconf
