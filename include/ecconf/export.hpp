#pragma once
/// The effective configuration as JSON (`ecconf-check export`), with provenance for every value.

#include <ostream>

#include <nlohmann/json.hpp>

#include "ecconf/effective.hpp"
#include "ecconf/schema.hpp"
#include "ecconf/source.hpp"

namespace ecconf {

struct export_options {
    bool values_only = false;   ///< plain values instead of {value, origin, source...} objects
    bool resolve_all = false;   ///< every option valid in each declared scope, defaults included
    bool show_secrets = false;  ///< otherwise secret options print as "<redacted>"
};

/// Writes the effective configuration as indented JSON (as nlohmann's dump(2)) followed by a line
/// break, one scope at a time: memory stays that of one scope's options, whatever the export's size.
void write_export(std::ostream& out, const effective_configuration& config, const schema& model,
                  const source_manager& sources, const export_options& options);

/// The value a resolution settled on, as typed JSON; null when unset. Unless shown, a secret option's value
/// is "<redacted>" and the secrets of `sources` are redacted in any other value.
[[nodiscard]] nlohmann::ordered_json resolved_value(const resolution& r, const source_manager& sources,
                                                    bool show_secrets);

/// {"file", "line", "column"} of a statement's keyword.
[[nodiscard]] nlohmann::ordered_json location_json(const source_manager& sources, const statement_ref& st);

}  // namespace ecconf
