#pragma once
/// --check-host's look-ups of the Security user and groups on this machine. The library defines them in
/// host_accounts.cpp (getpwnam, getgrnam); the static command of the release archive links
/// src/cli/no_host_accounts.cpp instead, whose definitions keep that object, and glibc's NSS with it, out
/// of the program: a static glibc loads the machine's NSS modules (systemd, sss, ldap) only when they come
/// from the very glibc it was linked with, and crashes or answers wrongly otherwise.

#include <string>

namespace ecconf {

/// Throws std::invalid_argument, a usage error, when this program cannot look accounts up.
void require_host_accounts();

/// Whether a user (`is_user`) or a group of that name exists on this machine.
bool host_account_exists(const std::string& name, bool is_user);

}  // namespace ecconf
