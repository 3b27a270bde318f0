#pragma once
/// Schema validation: every option and scope of a loaded configuration against the schema.

#include "ecconf/diagnostic.hpp"
#include "ecconf/include_resolver.hpp"
#include "ecconf/schema.hpp"

namespace ecconf {

/// Reports unknown or misplaced options and scopes, bad instance names, bad values, duplicates, deprecations,
/// and modules, scopes and options that the target version does not have.
void validate_configuration(const loaded_configuration& configuration, const schema& model, const version& target,
                            diagnostic_sink& sink);

}  // namespace ecconf
