#pragma once
/// The parsed tree (after includes) as JSON, for scripts and for `ecconf-check dump`.

#include <nlohmann/json.hpp>

#include "ecconf/include_resolver.hpp"
#include "ecconf/source.hpp"

namespace ecconf {

/// Each statement with its kind, keyword, instance or value, location and nested block.
[[nodiscard]] nlohmann::ordered_json dump_tree(const loaded_configuration& configuration,
                                               const source_manager& sources);

/// A value as JSON: scalars as strings, lists as arrays, dictionaries as objects in written order.
[[nodiscard]] nlohmann::ordered_json value_to_json(const value_ref& v);

}  // namespace ecconf
