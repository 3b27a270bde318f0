#include "checks/capabilities.hpp"

#include <algorithm>

#include "ecconf/source.hpp"

namespace ecconf {

const std::array<linux_capability, 41>& linux_capabilities()
{
    // clang-format off
    static constexpr std::array<linux_capability, 41> capabilities{{
        {"cap_chown", "change the owner and group of any file",
         "the process can take ownership of any file"},
        {"cap_dac_override", "bypass file read, write and execute permission checks",
         "file permissions no longer apply: the process can read and write every file"},
        {"cap_dac_read_search", "bypass file read permission checks and directory read and search checks",
         "the process can read every file, /etc/shadow and private keys included"},
        {"cap_fowner", "bypass the checks that require the file's owner (chmod, utime, ACLs...)",
         "the process can change the mode of any file, bypassing ownership checks"},
        {"cap_fsetid", "keep the set-user-ID and set-group-ID bits when a file is modified", nullptr},
        {"cap_kill", "send signals to any process", nullptr},
        {"cap_setgid", "change group ids and supplementary groups",
         "the process can switch to any group id, root's included"},
        {"cap_setuid", "change user ids", "the process can switch to any user id, root included"},
        {"cap_setpcap", "add capabilities of the bounding set to its inheritable set, drop from the bounding set",
         "the process can grant itself further capabilities from its bounding set"},
        {"cap_linux_immutable", "set the immutable and append-only file attributes", nullptr},
        {"cap_net_bind_service", "bind sockets to privileged ports (below 1024), such as port 25", nullptr},
        {"cap_net_broadcast", "make socket broadcasts and listen to multicasts (unused)", nullptr},
        {"cap_net_admin", "administer the network: interfaces, routing, firewall, addresses (DuraVIP)", nullptr},
        {"cap_net_raw", "use raw and packet sockets, bind to any address for transparent proxying", nullptr},
        {"cap_ipc_lock", "lock memory (mlock, mlockall, mmap, shmctl)", nullptr},
        {"cap_ipc_owner", "bypass the permission checks of System V IPC objects", nullptr},
        {"cap_sys_module", "load and unload kernel modules",
         "the process can load kernel modules, that is run any code in the kernel"},
        {"cap_sys_rawio", "perform I/O port operations and access raw devices",
         "the process can read and write raw devices and kernel memory"},
        {"cap_sys_chroot", "use chroot and change mount namespaces", nullptr},
        {"cap_sys_ptrace", "trace any process and read or write its memory",
         "the process can trace and inject code into any process, root's included"},
        {"cap_sys_pacct", "turn process accounting on and off", nullptr},
        {"cap_sys_admin", "a wide range of system administration: mounts, namespaces, quotas, sethostname...",
         "it covers mounts, namespaces and much of the kernel's administration: root in all but name"},
        {"cap_sys_boot", "reboot the machine and load a new kernel", nullptr},
        {"cap_sys_nice", "raise process priorities and set real-time scheduling and CPU affinity", nullptr},
        {"cap_sys_resource", "override resource limits and quotas (DuraVIP)", nullptr},
        {"cap_sys_time", "set the system clock and the real-time clock", nullptr},
        {"cap_sys_tty_config", "configure terminals (vhangup, privileged ioctls on virtual terminals)", nullptr},
        {"cap_mknod", "create device files with mknod", nullptr},
        {"cap_lease", "take leases on any file", nullptr},
        {"cap_audit_write", "write records to the kernel's audit log", nullptr},
        {"cap_audit_control", "configure kernel auditing: rules, status and filters", nullptr},
        {"cap_setfcap", "set capabilities on files", nullptr},
        {"cap_mac_override", "override Mandatory Access Control (Smack)", nullptr},
        {"cap_mac_admin", "configure Mandatory Access Control (Smack)", nullptr},
        {"cap_syslog", "privileged syslog operations and reading kernel addresses", nullptr},
        {"cap_wake_alarm", "set timers that wake the system up", nullptr},
        {"cap_block_suspend", "prevent the system from suspending", nullptr},
        {"cap_audit_read", "read the audit log through a multicast netlink socket", nullptr},
        {"cap_perfmon", "use performance monitoring (perf_event_open)", nullptr},
        {"cap_bpf", "load BPF programs and create BPF maps",
         "the process can load BPF programs that read kernel memory"},
        {"cap_checkpoint_restore", "checkpoint and restore processes (set_tid, reading other processes' maps)",
         nullptr},
    }};
    // clang-format on
    return capabilities;
}

const linux_capability* find_linux_capability(std::string_view name)
{
    const auto lower = ascii_lower(name);
    const auto& all = linux_capabilities();
    const auto* const found = std::find_if(all.begin(), all.end(), [&](const auto& c) { return lower == c.name; });
    return found == all.end() ? nullptr : &*found;
}

}  // namespace ecconf
