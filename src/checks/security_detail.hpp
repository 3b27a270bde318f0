#pragma once
// Internals of the Security check, exposed for the tests.

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ecconf::detail {

/// Why `name` is refused as a capability name, or nullopt when `known` (libcap's view) accepts it:
/// a capability of newer kernels that this libcap does not know, or no capability at all (with a
/// suggestion among `candidates`).
[[nodiscard]] std::optional<std::string> capability_name_problem(const std::string& name,
                                                                 const std::function<bool(const std::string&)>& known,
                                                                 const std::vector<std::string>& candidates);

}  // namespace ecconf::detail
