// The statically linked command of the release archive cannot look accounts up (see
// checks/host_accounts.hpp): linked before the library, these definitions replace its host_accounts.cpp.

#include <stdexcept>

#include "checks/host_accounts.hpp"

namespace ecconf {
namespace {

[[noreturn]] void refuse()
{
    throw std::invalid_argument(
        "--check-host is not available in this statically linked ecconf-check (the release archive's): it cannot "
        "use this machine's name services reliably; run the ecconf-check of the Debian or RPM package, or one "
        "built from source, for --check-host");
}

}  // namespace

void require_host_accounts() { refuse(); }

bool host_account_exists(const std::string&, bool) { refuse(); }

}  // namespace ecconf
