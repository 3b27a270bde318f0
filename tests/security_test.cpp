#include <doctest/doctest.h>

#include "support/string_lists.hpp"

#include <algorithm>
#include <utility>
#include <iostream>
#include <sstream>

#include "ecconf/check.hpp"
#include "checks/security_detail.hpp"
#include "support/check_text.hpp"

using namespace ecconf;
using strings = std::vector<std::string>;

namespace {

// As the command reports by default (overridden-stanza, a note that is off by default, has its own tests).
strings run(const std::string& text, const std::map<std::string, std::string>& others = {}, check_options options = {})
{
    if (!options.policy.rules) options.policy.rules = diagnostic_filter{};
    return test::check_text(text, {others, std::move(options), true});
}

std::string security(const std::string& body) { return "Security {\n" + body + "}\n"; }

}  // namespace

TEST_CASE("security: the manual's examples are clean")
{
    CHECK(run(security("  user = ecuser\n  group = ecuser\n  Capabilities = \"cap_net_bind_service+ep\"\n")).empty());
    CHECK(
        run(security(
                "  user = ecuser\n  group = ecuser\n  Capabilities = \"cap_net_admin+ep cap_net_bind_service+ep cap_net_raw+ep cap_sys_resource+ep\"\n"))
            .empty());
    CHECK(run(security(
                  "  user = 500\n  group = _mail$\n  supplemental_groups = ( \"adm\" 4 )\n  chroot = \"/var/empty\"\n"))
              .empty());
}

TEST_CASE("invalid-user, invalid-group: POSIX names or numeric ids, never a silent default")
{
    CHECK(
        run(security("  user = \"Mail User\"\n  group = 1mail-\n")) ==
        strings{
            R"(/t/ecelerity.conf:2:10 invalid-user 'Mail User' is not a valid user: expected a POSIX name ([a-z_][a-z0-9_-]*, optionally ending in $, at most 32 characters) or a numeric id; an invalid user is an error, never a silent fallback to the default)",
            R"(/t/ecelerity.conf:3:11 invalid-group '1mail-' is not a valid group: expected a POSIX name ([a-z_][a-z0-9_-]*, optionally ending in $, at most 32 characters) or a numeric id; an invalid group is an error, never a silent fallback to the default)"});
    CHECK(
        run(security("  supplemental_groups = ( \"adm\" \"bad group\" )\n")) ==
        strings{
            R"(/t/ecelerity.conf:2:33 invalid-group 'bad group' is not a valid group: expected a POSIX name ([a-z_][a-z0-9_-]*, optionally ending in $, at most 32 characters) or a numeric id; an invalid group is an error, never a silent fallback to the default)"});
    CHECK(run(security("  user = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n")).size() == 1);  // 33 characters
    CHECK(run(security("  user = 4294967295\n")).size() == 1);                         // (uid_t)-1
}

TEST_CASE("unknown-user, unknown-group: only with --check-host, only names")
{
    check_options host;
    host.check_host = true;
    const auto text =
        security("  user = no_such_user_ecconf\n  group = no_such_group_ecconf\n  supplemental_groups = ( 12345 )\n");
    CHECK(run(text).empty());
    CHECK(
        run(text, {}, host) ==
        strings{
            R"(/t/ecelerity.conf:2:10 unknown-user no user 'no_such_user_ecconf' exists on this host (getpwnam); Momentum would fail to drop privileges at startup)",
            R"(/t/ecelerity.conf:3:11 unknown-group no group 'no_such_group_ecconf' exists on this host (getgrnam); Momentum would fail to drop privileges at startup)"});
    CHECK(run(security("  user = root\n  group = root\n"), {}, host).size() == 1);  // runs-as-root only
}

TEST_CASE("invalid-capabilities: the wrong clause among correct ones, with a suggestion")
{
    CHECK(
        run(security("  capabilities = \"cap_net_admin+ep cap_net_bind_servise+ep cap_net_raw+ep\"\n")) ==
        strings{
            R"(/t/ecelerity.conf:2:36 invalid-capabilities 'cap_net_bind_servise' is not a capability; did you mean 'cap_net_bind_service'?)"});
    CHECK(
        run(security("  capabilities = \"cap_net_admin+ep cap_net_bind_service+xp\"\n")) ==
        strings{
            R"(/t/ecelerity.conf:2:57 invalid-capabilities 'x' is not a capability flag in clause 'cap_net_bind_service+xp': flags are e (effective), i (inheritable) and p (permitted))"});
    CHECK(
        run(security("  capabilities = \"cap_net_raw:ep\"\n")) ==
        strings{
            R"(/t/ecelerity.conf:2:30 invalid-capabilities unexpected ':' in clause 'cap_net_raw:ep': expected an operator (=, + or -) after the capability names)"});
    CHECK(
        run(security("  capabilities = \"cap_net_raw+\"\n")) ==
        strings{
            R"(/t/ecelerity.conf:2:30 invalid-capabilities operator '+' in clause 'cap_net_raw+' needs flags (e, i, p) after it)"});
    CHECK(
        run(security("  capabilities = \"+ep\"\n")) ==
        strings{
            R"(/t/ecelerity.conf:2:19 invalid-capabilities clause '+ep' names no capability: only '=' may stand alone (meaning all capabilities))"});
    CHECK(
        run(security("  capabilities = \"cap_net_raw\"\n")) ==
        strings{
            R"(/t/ecelerity.conf:2:19 invalid-capabilities clause 'cap_net_raw' has no operator: expected =, + or - followed by flags (e, i, p), as in 'cap_net_bind_service+ep')"});
    CHECK(run(security("  capabilities = \"cap_frobnicate+ep\"\n")) ==
          strings{R"(/t/ecelerity.conf:2:19 invalid-capabilities 'cap_frobnicate' is not a capability)"});
    // Several wrong clauses: each is reported.
    CHECK(run(security("  capabilities = \"cap_net_rw+ep cap_net_admin+ep cap_chown+q\"\n")).size() == 2);
    // Names are case-insensitive, = alone clears, several operators chain.
    CHECK(run(security("  capabilities = \"CAP_NET_BIND_SERVICE+ep cap_net_raw=p cap_net_admin+e-i\"\n")).empty());
}

TEST_CASE("dangerous-capability: root-equivalent capabilities, 'all' and a bare =ep")
{
    CHECK(
        run(security("  capabilities = \"cap_net_bind_service+ep cap_dac_override,cap_setuid+ep\"\n")) ==
        strings{
            R"(/t/ecelerity.conf:2:43 dangerous-capability 'cap_dac_override' amounts to root: file permissions no longer apply: the process can read and write every file)",
            R"(/t/ecelerity.conf:2:60 dangerous-capability 'cap_setuid' amounts to root: the process can switch to any user id, root included)"});
    CHECK(
        run(security("  capabilities = \"all=ep\"\n")) ==
        strings{
            R"(/t/ecelerity.conf:2:19 dangerous-capability 'all=ep' retains every capability: the process keeps all of root's power)"});
    CHECK(run(security("  capabilities = \"=ep\"\n")).size() == 1);
    // Dropped again later, or only dropped: not retained.
    CHECK(run(security("  capabilities = \"cap_net_bind_service+ep cap_sys_admin+ep cap_sys_admin-ep\"\n")).empty());
    CHECK(run(security("  capabilities = \"cap_sys_admin-ep\"\n")).empty());
}

TEST_CASE("root-with-capabilities and runs-as-root")
{
    CHECK(
        run(security("  user = 0\n  capabilities = \"cap_net_bind_service+ep\"\n")) ==
        strings{
            R"(/t/ecelerity.conf:2:10 root-with-capabilities Momentum runs as '0' with Capabilities set: capabilities are exclusive, not cumulative, so root keeps only those listed and loses its access to all files (the dmllog.rt jlog, written as ecuser, is no longer consumed); the manual says to remove Capabilities when running as root | /t/ecelerity.conf:3:3 capabilities set here)"});
    CHECK(
        run(security("  user = root\n")) ==
        strings{
            R"(/t/ecelerity.conf:2:10 runs-as-root Momentum keeps running as 'root' after startup; the manual recommends the default user ecuser, retaining only the capabilities needed (such as cap_net_bind_service+ep for port 25))"});
    CHECK(run(security("  user = 000\n")).size() == 1);
}

TEST_CASE("privileges (Solaris), chroot")
{
    CHECK(
        run(security("  privileges = \"basic,!proc_fork,-file_link_any,net_privaddr\"\n")) ==
        strings{
            R"(/t/ecelerity.conf:2:3 privileges-ignored-on-linux 'privileges' sets Solaris privileges (Momentum 3 on Solaris); Momentum on Linux ignores it and uses 'capabilities')"});
    CHECK(
        run(security("  privileges = \"basic,net_privadr\"\n")) ==
        strings{
            R"(/t/ecelerity.conf:2:23 invalid-privileges 'net_privadr' is not a Solaris privilege (privileges(5), or basic, all, none, optionally negated with ! or -); did you mean 'net_privaddr'?)"});
    CHECK(
        run(security("  chroot = \"var/empty\"\n")) ==
        strings{
            R"(/t/ecelerity.conf:2:12 invalid-chroot chroot 'var/empty' is not an absolute path: Momentum changes its root to a directory named from /)"});
}

TEST_CASE("security: the values after the cluster override, at the file they come from")
{
    // ecelerity.conf runs as root; the cluster file's Security stanza wins and runs as ecuser: clean.
    const std::string root_main = security("  user = root\n  capabilities = \"cap_net_bind_service+ep\"\n");
    const std::string cluster = security("  user = ecuser\n  capabilities = \"cap_net_bind_service+ep\"\n");
    CHECK(run(root_main).size() == 1);
    CHECK(run(root_main + "include \"/t/ecelerity-cluster.conf\"\n", {{"/t/ecelerity-cluster.conf", cluster}}).empty());
    // The other way round: the cluster file brings the root user, and the warning points into it.
    CHECK(
        run("include \"/t/ecelerity-cluster.conf\"\n" + security("  user = ecuser\n"),
            {{"/t/ecelerity-cluster.conf", security("  user = root\n  capabilities = \"cap_sys_admin+ep\"\n")}}) ==
        strings{
            R"(/t/ecelerity-cluster.conf:2:10 root-with-capabilities Momentum runs as 'root' with Capabilities set: capabilities are exclusive, not cumulative, so root keeps only those listed and loses its access to all files (the dmllog.rt jlog, written as ecuser, is no longer consumed); the manual says to remove Capabilities when running as root | /t/ecelerity-cluster.conf:3:3 capabilities set here)",
            R"(/t/ecelerity-cluster.conf:3:19 dangerous-capability 'cap_sys_admin' amounts to root: it covers mounts, namespaces and much of the kernel's administration: root in all but name)"});
    // --cluster names the cluster file apart: the same outcome.
    memory_file_system fs;
    check_options apart;
    apart.cluster_file = "/c/cluster.conf";
    CHECK(run(root_main, {{"/c/cluster.conf", cluster}}, apart).empty());
    CHECK(
        run(security("  user = ecuser\n"), {{"/c/cluster.conf", security("  user = 0\n")}}, apart) ==
        strings{
            R"(/c/cluster.conf:2:10 runs-as-root Momentum keeps running as '0' after startup; the manual recommends the default user ecuser, retaining only the capabilities needed (such as cap_net_bind_service+ep for port 25))"});
}

TEST_CASE("security: ecelerity.conf's values that the cluster file overrides are checked one by one")
{
    // They take effect the day the override is removed; running as root is judged on the winners only.
    const std::string cluster =
        security("  user = ecuser\n  capabilities = \"cap_net_bind_service+ep\"\n  chroot = /var/empty\n");
    CHECK(
        run(security(
                "  user = root\n  capabilities = \"cap_net_bind_servic+ep cap_sys_admin+ep\"\n  chroot = var/empty\n") +
                "include \"/t/ecelerity-cluster.conf\"\n",
            {{"/t/ecelerity-cluster.conf", cluster}}) ==
        strings{
            R"(/t/ecelerity.conf:3:19 invalid-capabilities 'cap_net_bind_servic' is not a capability; did you mean 'cap_net_bind_service'?)",
            R"(/t/ecelerity.conf:4:12 invalid-chroot chroot 'var/empty' is not an absolute path: Momentum changes its root to a directory named from /)"});
    CHECK(
        run(security("  capabilities = \"cap_sys_admin+ep\"\n") + "include \"/t/ecelerity-cluster.conf\"\n",
            {{"/t/ecelerity-cluster.conf", cluster}}) ==
        strings{
            R"(/t/ecelerity.conf:2:19 dangerous-capability 'cap_sys_admin' amounts to root: it covers mounts, namespaces and much of the kernel's administration: root in all but name)"});
}

TEST_CASE("security outside the global scope is the validator's error only")
{
    CHECK(run("domain \"example.com\" {\n" + security("  user = root\n") + "}\n").size() == 1);
}

TEST_CASE("capability names: newer kernels' capabilities an old libcap does not know, apart from names that are none")
{
    // A libcap that stops at cap_audit_read (Linux 3.16), as on older distributions.
    const std::vector<std::string> old_libcap{"cap_chown", "cap_net_bind_service", "cap_net_raw", "cap_sys_admin",
                                              "cap_audit_read"};
    const auto knows = [&](const std::string& name) {
        return std::find(old_libcap.begin(), old_libcap.end(), name) != old_libcap.end();
    };
    CHECK(
        detail::capability_name_problem("cap_perfmon", knows, old_libcap) ==
        "'cap_perfmon' is a capability of newer Linux kernels that this libcap does not know; cap_from_text rejects it here");
    CHECK(
        detail::capability_name_problem("CAP_BPF", knows, old_libcap) ==
        "'CAP_BPF' is a capability of newer Linux kernels that this libcap does not know; cap_from_text rejects it here");
    CHECK(detail::capability_name_problem("cap_checkpoint_restore", knows, old_libcap).has_value());
    CHECK(detail::capability_name_problem("cap_net_bind", knows, old_libcap) == "'cap_net_bind' is not a capability");
    CHECK(detail::capability_name_problem("cap_net_rwa", knows, old_libcap) ==
          "'cap_net_rwa' is not a capability; did you mean 'cap_net_raw'?");
    CHECK_FALSE(detail::capability_name_problem("cap_chown", knows, old_libcap));
    CHECK_FALSE(detail::capability_name_problem("all", knows, old_libcap));
    CHECK_FALSE(detail::capability_name_problem("12", knows, old_libcap));
}
