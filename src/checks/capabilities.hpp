#pragma once
/// The Linux capabilities (capabilities(7)): what each grants, and why some amount to root. The Security
/// check warns with these words (dangerous-capability) and the language server shows them on hover.

#include <array>
#include <string_view>

namespace ecconf {

struct linux_capability {
    const char* name;    ///< as libcap writes it: "cap_net_bind_service"
    const char* grants;  ///< what a process holding it may do
    const char* danger;  ///< why it amounts to root; nullptr for the others
};

/// Every capability of Linux up to 6.x, in kernel order: names a libcap older than the kernel may not know.
[[nodiscard]] const std::array<linux_capability, 41>& linux_capabilities();
/// The capability of that name (any case), or nullptr.
[[nodiscard]] const linux_capability* find_linux_capability(std::string_view name);

}  // namespace ecconf
