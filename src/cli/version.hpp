#pragma once
// ecconf-check --version: what was built, from which commit, and against what.

#include <iosfwd>

namespace ecconf::cli {

/// Prints the version, commit, build date, the schema's coverage and the libcap and PCRE2 versions,
/// as text or (json) one JSON object.
void print_version(std::ostream& out, bool json);

}  // namespace ecconf::cli
