#pragma once
/// Comparing two effective configurations (`ecconf-check diff OLD NEW`): every option and scope
/// instance added, removed or changed, each classified as reload-safe or restart-required.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ecconf/diagnostic.hpp"
#include "ecconf/effective.hpp"
#include "ecconf/schema.hpp"
#include "ecconf/source.hpp"

namespace ecconf {

enum class change_kind { added, removed, changed };

[[nodiscard]] std::string_view to_string(change_kind kind) noexcept;

/// One difference between the old and the new configuration.
struct config_change {
    change_kind kind = change_kind::changed;
    std::string scope;                 ///< scope path: "global", "binding_group g binding b"
    std::string option;                ///< empty when a whole scope instance is added or removed
    nlohmann::ordered_json old_value;  ///< typed value; null when absent (or for a scope)
    nlohmann::ordered_json new_value;
    std::optional<source_range> old_location;  ///< the winning assignment, or the scope's first declaration
    std::optional<source_range> new_location;
    bool restart_required = false;
    std::string reason;  ///< why a restart is needed: "option flag", "scope 'security'"...
};

/// Compares node by node. Values are compared typed (typed_value): reordering, comments, keyword
/// case and moving a statement to another file are not changes. Values of secret options show as
/// "<redacted>", and `secrets` (the source_manager's) are redacted in every other value.
[[nodiscard]] std::vector<config_change> diff_configurations(const effective_configuration& old_config,
                                                             const effective_configuration& new_config,
                                                             const schema& model, const secret_values& secrets);

/// One `restart-required` warning per change that needs a restart: at the new location (the old one
/// for a removal), with the old location as related.
void report_restart_required(const std::vector<config_change>& changes, diagnostic_sink& sink);

/// "changed global max_outbound_connections: 20 -> 30 [reload-safe] (new/ecelerity.conf:3:1, was old/ecelerity.conf:3:1)"
[[nodiscard]] std::string change_text(const config_change& change, const source_manager& sources);
/// {"kind", "scope", "option", "old", "new", "old_location", "new_location", "restart_required", "reason"}.
[[nodiscard]] nlohmann::ordered_json change_json(const config_change& change, const source_manager& sources);

}  // namespace ecconf
