// --check-host's look-ups through the C library's name services (see host_accounts.hpp).

#include "checks/host_accounts.hpp"

#include <grp.h>
#include <pwd.h>

namespace ecconf {

void require_host_accounts() {}

bool host_account_exists(const std::string& name, bool is_user)
{
    return is_user ? ::getpwnam(name.c_str()) != nullptr : ::getgrnam(name.c_str()) != nullptr;
}

}  // namespace ecconf
