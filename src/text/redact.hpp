#pragma once
// Redaction applied to the library's outputs; what counts as a credential is in ecconf/source.hpp.

#include <vector>

#include <nlohmann/json.hpp>

#include "ecconf/diagnostic.hpp"
#include "ecconf/include_resolver.hpp"
#include "ecconf/source.hpp"
#include "ecconf/schema.hpp"
#include "ecconf/syntax_tree.hpp"

namespace ecconf {

/// Remembers in sources.secrets() every scalar (as unescaped and as written) of options the schema marks
/// secret, or, for options it does not know, whose name is a credential key; and of dictionary entries
/// whose key is a credential key.
void collect_secrets(const loaded_configuration& configuration, const schema& model, source_manager& sources);

/// Redacts the message of a diagnostic and of its related locations.
void redact_message(diagnostic& d, const secret_values& secrets);

/// Redacts the messages of every diagnostic and of its related locations.
void redact_messages(diagnostic_sink& sink, const secret_values& secrets);

/// A value as an output shows it: unchanged with --show-secrets, "<redacted>" for an option marked
/// secret, otherwise with every string redacted.
[[nodiscard]] nlohmann::ordered_json shown_value(const nlohmann::ordered_json& value, const option_def* option,
                                                 const secret_values& secrets, bool show_secrets);

}  // namespace ecconf
