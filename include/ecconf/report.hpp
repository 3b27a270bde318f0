#pragma once
/// Writing diagnostics for people (text, gcc) and for machines (json).

#include <ostream>
#include <string_view>

#include "ecconf/diagnostic.hpp"
#include "ecconf/source.hpp"

namespace ecconf {

enum class output_format { text, gcc, json };

struct report_options {
    output_format format = output_format::text;
    bool color = false;
    std::size_t files_read = 0;  ///< for the JSON summary
};

/// Writes the finalized diagnostics in the chosen format.
void write_report(std::ostream& out, const source_manager& sources, const diagnostic_sink& sink, const report_options& options);

/// `file:line:col: severity: message [rule]` (or `ecconf-check: ...` when the diagnostic has no file).
void write_text_report(std::ostream& out, const source_manager& sources, const diagnostic_sink& sink, bool excerpts, bool color);
void write_json_report(std::ostream& out, const source_manager& sources, const diagnostic_sink& sink, std::size_t files_read);

}  // namespace ecconf
