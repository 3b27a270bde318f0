#pragma once
/// Whole-configuration checks that run after schema validation: cross-references and consistency.

#include "ecconf/diagnostic.hpp"
#include "ecconf/effective.hpp"
#include "ecconf/include_resolver.hpp"
#include "ecconf/schema.hpp"

namespace ecconf {

/// Names that point at nothing (reference types of the schema), modules missing a prerequisite, unused definitions.
/// `cluster` (ecelerity-cluster.conf named apart, or nullptr) counts as part of the configuration, read after it.
void check_references(const loaded_configuration& configuration, const loaded_configuration* cluster,
                      const schema& model, diagnostic_sink& sink);

/// Listen stanzas on one address and port, shadowed Peer CIDRs and regex domains.
/// `cluster` as for check_references.
void check_consistency(const loaded_configuration& configuration, const loaded_configuration* cluster,
                       const schema& model, diagnostic_sink& sink);

/// An option whose merged stanza sets it in two files with different values: the earlier value has no effect.
/// Overrides by the cluster file are its documented purpose: overridden-stanza notes the values they defeat.
void check_overrides(const effective_configuration& config, diagnostic_sink& sink);

/// A global domain's option that a binding or binding group sets otherwise, and so defeats for the mail
/// sent through that binding (the fallback order puts them before the global domain): shadowed-by-fallback
/// for TLS and AUTH settings, shadowed-by-fallback-other for the rest.
void check_fallback_shadowing(const effective_configuration& config, diagnostic_sink& sink);

/// The global Security stanza as Momentum would use it (after the cluster override): user, group and
/// supplemental_groups names, capabilities (clause by clause, through libcap), privileges, chroot, running as root.
/// The values of ecelerity.conf that the cluster file overrides are checked one by one as well.
/// `check_host`: also look the user and groups up on this machine (getpwnam, getgrnam).
void check_security(const effective_configuration& config, bool check_host, diagnostic_sink& sink);

}  // namespace ecconf
