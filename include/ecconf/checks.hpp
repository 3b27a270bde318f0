#pragma once
/// Whole-configuration checks that run after schema validation: cross-references and consistency.

#include "ecconf/diagnostic.hpp"
#include "ecconf/include_resolver.hpp"
#include "ecconf/schema.hpp"

namespace ecconf {

/// Names that point at nothing (reference types of the schema), modules missing a prerequisite, unused definitions.
/// `cluster` (ecelerity-cluster.conf named apart, or nullptr) counts as part of the configuration, read after it.
void check_references(const loaded_configuration& configuration, const loaded_configuration* cluster, const schema& model,
                      diagnostic_sink& sink);

/// Listen stanzas on one address and port, shadowed Peer CIDRs and regex domains, values overridden across files.
/// `cluster` as for check_references.
void check_consistency(const loaded_configuration& configuration, const loaded_configuration* cluster, const schema& model,
                       const source_manager& sources, diagnostic_sink& sink);

}  // namespace ecconf
