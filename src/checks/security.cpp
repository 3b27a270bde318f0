// The Security scope on the effective configuration: the values Momentum would use after the
// cluster file's override, each diagnostic pointing at the file the winning value came from.
// (Security outside the global scope is the validator's scope-wrong-parent; only global is read here.)

#include <sys/capability.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <iterator>

#include "checks/capabilities.hpp"
#include "checks/checks.hpp"
#include "checks/host_accounts.hpp"
#include "ecconf/rule_ids.hpp"
#include "text/did_you_mean.hpp"
#include "security_detail.hpp"

namespace ecconf {
namespace {

bool all_digits(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

/// [a-z_][a-z0-9_-]*[$]?, at most 32 characters (shadow-utils' NAME_REGEX), or a numeric id below 2^32-1.
bool is_account_name(std::string_view s)
{
    if (all_digits(s)) return s.size() < 10 || (s.size() == 10 && s < "4294967295");
    if (s.empty() || s.size() > 32) return false;
    if (s.back() == '$') s.remove_suffix(1);
    if (s.empty() || !(std::islower(static_cast<unsigned char>(s.front())) || s.front() == '_')) return false;
    return std::all_of(s.begin(), s.end(),
                       [](unsigned char c) { return std::islower(c) || std::isdigit(c) || c == '_' || c == '-'; });
}

/// The range of `length` characters at `offset` in a scalar's text; the whole value when the written
/// form is not the text plus its quotes (escapes).
source_range part_of(const value_ref& v, std::size_t offset, std::size_t length)
{
    const auto range = v.range();
    const auto written = range.end - range.begin;
    const std::size_t delimiters = v.quote() == quoting::bare ? 0 : 2;
    if (written != v.text().size() + delimiters) return range;
    const auto begin = range.begin + static_cast<std::uint32_t>(delimiters / 2 + offset);
    return {range.file, begin, begin + static_cast<std::uint32_t>(std::max<std::size_t>(length, 1))};
}

// ---------------------------------------------------------------------------------------------
// Capabilities

std::vector<std::string> libcap_names()
{
    std::vector<std::string> names;
    const int last = std::max<int>(static_cast<int>(cap_max_bits()), CAP_LAST_CAP + 1);
    for (int v = 0; v < last; ++v) {
        char* name = cap_to_name(static_cast<cap_value_t>(v));
        if (name && !all_digits(name)) names.emplace_back(name);
        cap_free(name);
    }
    return names;
}

bool libcap_knows(const std::string& name)
{
    cap_value_t v = 0;
    return cap_from_name(name.c_str(), &v) == 0;
}

/// One capability name of a clause, with its offset in the whole string.
struct cap_name {
    std::string text;
    std::size_t offset = 0;
};

struct cap_clause {
    std::size_t offset = 0;
    std::string text;
    std::vector<cap_name> names;
    bool raises = false;  ///< some operator adds flags (+ or = with flags)
};

class capability_checker {
public:
    explicit capability_checker(const statement_ref& st, diagnostic_sink& sink)
        : v_(st.value()), text_(v_.text()), sink_(sink)
    {}

    void run()
    {
        const auto& text = text_;
        split(text);
        cap_t whole = cap_from_text(text.c_str());
        if (!whole) {
            bool found = false;
            for (const auto& clause : clauses_) found = diagnose(clause) || found;
            if (!found)
                sink_.report(rules::invalid_capabilities, v_.range(),
                             "libcap's cap_from_text rejects the capability set '" + text + "'");
            return;
        }
        dangerous(whole);
        cap_free(whole);
    }

private:
    void split(const std::string& text)
    {
        std::size_t i = 0;
        while (i < text.size()) {
            while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
            const auto start = i;
            while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
            if (i > start) {
                cap_clause clause;
                clause.offset = start;
                clause.text = text.substr(start, i - start);
                parse_names(clause);
                clauses_.push_back(std::move(clause));
            }
        }
    }

    static bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

    static void parse_names(cap_clause& clause)
    {
        const auto& t = clause.text;
        std::size_t i = 0;
        while (i < t.size() && t[i] != '=' && t[i] != '+' && t[i] != '-') {
            const auto start = i;
            while (i < t.size() && t[i] != ',' && t[i] != '=' && t[i] != '+' && t[i] != '-') ++i;
            clause.names.push_back({t.substr(start, i - start), clause.offset + start});
            if (i < t.size() && t[i] == ',') ++i;
        }
        // The operators: a raise is + or = followed by at least one flag letter.
        while (i < t.size()) {
            const char op = t[i++];
            std::size_t flags = 0;
            while (i < t.size() && t[i] != '=' && t[i] != '+' && t[i] != '-') ++i, ++flags;
            if (op != '-' && flags > 0) clause.raises = true;
        }
    }

    void report(std::size_t offset, std::size_t length, std::string message)
    {
        sink_.report(rules::invalid_capabilities, part_of(v_, offset, length), std::move(message));
    }

    /// Reports what is wrong in one clause; false when cap_from_text accepts it alone.
    bool diagnose(const cap_clause& clause)
    {
        if (cap_t alone = cap_from_text(clause.text.c_str())) {
            cap_free(alone);
            return false;
        }
        const auto& t = clause.text;
        for (const auto& name : clause.names) {
            if (name.text.empty()) {
                report(name.offset, 1, "empty capability name in clause '" + t + "'");
                return true;
            }
            const auto bad = std::find_if_not(name.text.begin(), name.text.end(), is_name_char);
            if (bad != name.text.end()) {
                const auto at = static_cast<std::size_t>(bad - name.text.begin());
                report(name.offset + at, 1,
                       "unexpected '" + std::string(1, *bad) + "' in clause '" + t +
                           "': expected an operator (=, + or -) after the capability names");
                return true;
            }
            if (auto problem = detail::capability_name_problem(name.text, libcap_knows, libcap_names())) {
                report(name.offset, name.text.size(), std::move(*problem));
                return true;
            }
        }
        // Names are fine: the operators and flags.
        std::size_t i = 0;
        while (i < t.size() && t[i] != '=' && t[i] != '+' && t[i] != '-') ++i;
        if (i == t.size()) {
            report(
                clause.offset, t.size(),
                "clause '" + t +
                    "' has no operator: expected =, + or - followed by flags (e, i, p), as in 'cap_net_bind_service+ep'");
            return true;
        }
        if (clause.names.empty() && t[i] != '=') {
            report(clause.offset + i, 1,
                   "clause '" + t + "' names no capability: only '=' may stand alone (meaning all capabilities)");
            return true;
        }
        while (i < t.size()) {
            const auto op_at = i;
            const char op = t[i++];
            const auto flags_start = i;
            while (i < t.size() && t[i] != '=' && t[i] != '+' && t[i] != '-') {
                const char f = t[i];
                if (f != 'e' && f != 'i' && f != 'p') {
                    report(clause.offset + i, 1,
                           "'" + std::string(1, f) + "' is not a capability flag in clause '" + t +
                               "': flags are e (effective), i (inheritable) and p (permitted)");
                    return true;
                }
                ++i;
            }
            if (op != '=' && i == flags_start) {
                report(clause.offset + op_at, 1,
                       "operator '" + std::string(1, op) + "' in clause '" + t + "' needs flags (e, i, p) after it");
                return true;
            }
        }
        return false;
    }

    void dangerous(cap_t caps)
    {
        const auto has = [&](cap_value_t v) {
            for (const auto set : {CAP_EFFECTIVE, CAP_PERMITTED, CAP_INHERITABLE}) {
                cap_flag_value_t on = CAP_CLEAR;
                if (cap_get_flag(caps, v, set, &on) == 0 && on == CAP_SET) return true;
            }
            return false;
        };
        for (const auto& clause : clauses_) {
            if (!clause.raises) continue;
            const bool everything =
                clause.names.empty() || std::any_of(clause.names.begin(), clause.names.end(),
                                                    [](const cap_name& n) { return ascii_lower(n.text) == "all"; });
            if (everything) {
                sink_.report(rules::dangerous_capability, part_of(v_, clause.offset, clause.text.size()),
                             "'" + clause.text + "' retains every capability: the process keeps all of root's power");
                continue;
            }
            for (const auto& name : clause.names) {
                const auto lower = ascii_lower(name.text);
                cap_value_t v = 0;
                if (cap_from_name(lower.c_str(), &v) != 0 || !has(v)) continue;
                char* canonical_name = cap_to_name(v);
                const std::string canonical = canonical_name ? canonical_name : lower;
                cap_free(canonical_name);
                if (const auto* known = find_linux_capability(canonical); known && known->danger)
                    sink_.report(rules::dangerous_capability, part_of(v_, name.offset, name.text.size()),
                                 "'" + name.text + "' amounts to root: " + known->danger);
            }
        }
    }

    value_ref v_;
    std::string text_;
    diagnostic_sink& sink_;
    std::vector<cap_clause> clauses_;
};

// ---------------------------------------------------------------------------------------------
// Solaris privileges (privileges(5)), Momentum 3

// clang-format off
const char* const solaris_privileges[] = {
    "contract_event",    "contract_identity", "contract_observer", "cpc_cpu",           "dtrace_kernel",     "dtrace_proc",
    "dtrace_user",       "file_chown",        "file_chown_self",   "file_dac_execute",  "file_dac_read",     "file_dac_search",
    "file_dac_write",    "file_downgrade_sl", "file_flag_set",     "file_link_any",     "file_owner",        "file_read",
    "file_setid",        "file_upgrade_sl",   "file_write",        "graphics_access",   "graphics_map",      "ipc_dac_read",
    "ipc_dac_write",     "ipc_owner",         "net_access",        "net_bindmlp",       "net_icmpaccess",    "net_mac_aware",
    "net_mac_implicit",  "net_observability", "net_privaddr",      "net_rawaccess",     "proc_audit",        "proc_chroot",
    "proc_clock_highres", "proc_exec",        "proc_fork",         "proc_info",         "proc_lock_memory",  "proc_owner",
    "proc_priocntl",     "proc_prioup",       "proc_secflags",     "proc_session",      "proc_setid",        "proc_taskid",
    "proc_zone",         "sys_acct",          "sys_admin",         "sys_audit",         "sys_config",        "sys_devices",
    "sys_dl_config",     "sys_flow_config",   "sys_fs_import",     "sys_ip_config",     "sys_iptun_config",  "sys_ipc_config",
    "sys_linkdir",       "sys_mount",         "sys_net_config",    "sys_nfs",           "sys_ppp_config",    "sys_res_bind",
    "sys_res_config",    "sys_resource",      "sys_share",         "sys_smb",           "sys_suser_compat",  "sys_time",
    "sys_trans_label",   "virt_manage",       "win_colormap",      "win_config",        "win_dac_read",      "win_dac_write",
    "win_devices",       "win_dga",           "win_downgrade_sl",  "win_fontpath",      "win_mac_read",      "win_mac_write",
    "win_selection",     "win_upgrade_sl",    "xvm_control",       "basic",             "all",               "none",
    "zone"};
// clang-format on

void check_privileges(const statement_ref& st, diagnostic_sink& sink)
{
    const auto v = st.value();
    if (!v.is_scalar()) return;
    bool valid = true;
    const std::vector<std::string> names(std::begin(solaris_privileges), std::end(solaris_privileges));
    const std::string text(v.text());
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ',' || std::isspace(static_cast<unsigned char>(text[i])))) ++i;
        if (i == text.size()) break;
        const auto start = i;
        while (i < text.size() && text[i] != ',' && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
        auto word = text.substr(start, i - start);
        std::size_t skip = 0;
        while (skip < word.size() && (word[skip] == '!' || word[skip] == '-')) ++skip;
        const auto name = ascii_lower(word.substr(skip));
        if (skip <= 1 && std::find(names.begin(), names.end(), name) != names.end()) continue;
        const auto best = skip <= 1 ? closest_match(name, names) : std::string();
        sink.report(
            rules::invalid_privileges, part_of(v, start, word.size()),
            "'" + word +
                "' is not a Solaris privilege (privileges(5), or basic, all, none, optionally negated with ! or -)" +
                (best.empty() ? std::string() : "; did you mean '" + best + "'?"));
        valid = false;
    }
    if (valid)
        sink.report(
            rules::privileges_ignored_on_linux, st.keyword_range(),
            "'" + std::string(st.keyword()) +
                "' sets Solaris privileges (Momentum 3 on Solaris); Momentum on Linux ignores it and uses 'capabilities'");
}

// ---------------------------------------------------------------------------------------------

const statement_ref* winner(const scope_instance& security, std::string_view option)
{
    const auto* history = security.option(option);
    return history ? &history->winner : nullptr;
}

void check_account(const value_ref& v, bool is_user, bool check_host, diagnostic_sink& sink)
{
    if (!v.is_scalar() || v.text().empty()) return;  // the validator reports those
    const std::string name(v.text());
    const char* what = is_user ? "user" : "group";
    if (!is_account_name(name)) {
        sink.report(is_user ? rules::invalid_user : rules::invalid_group, v.range(),
                    "'" + name + "' is not a valid " + what +
                        ": expected a POSIX name ([a-z_][a-z0-9_-]*, optionally ending in $, at most 32 characters) "
                        "or a numeric id; an invalid " +
                        what + " is an error, never a silent fallback to the default");
        return;
    }
    if (!check_host || all_digits(name)) return;
    if (!host_account_exists(name, is_user))
        sink.report(is_user ? rules::unknown_user : rules::unknown_group, v.range(),
                    std::string("no ") + what + " '" + name + "' exists on this host (" +
                        (is_user ? "getpwnam" : "getgrnam") + "); Momentum would fail to drop privileges at startup");
}

bool is_root(const std::string& user)
{
    return user == "root" || user == "0" || (all_digits(user) && user.find_first_not_of('0') == std::string::npos);
}

// The checks of one Security value on its own, whichever stanza sets it.
void check_value(const statement_ref& st, bool check_host, diagnostic_sink& sink)
{
    const auto name = st.name();
    const auto v = st.value();
    if (name == "user" || name == "group") check_account(v, name == "user", check_host, sink);
    else if (name == "supplemental_groups") {
        if (v.is_list())
            for (const auto item : v.items()) check_account(item, false, check_host, sink);
        else
            check_account(v, false, check_host, sink);
    }
    else if (name == "chroot") {
        if (v.is_scalar() && !v.text().empty() && v.text().front() != '/')
            sink.report(rules::invalid_chroot, v.range(),
                        "chroot '" + std::string(v.text()) +
                            "' is not an absolute path: Momentum changes its root to a directory named from /");
    }
    else if (name == "capabilities") {
        if (v.is_scalar() && !v.text().empty()) capability_checker(st, sink).run();
    }
    else if (name == "privileges")
        check_privileges(st, sink);
}

}  // namespace

std::optional<std::string> detail::capability_name_problem(const std::string& name,
                                                           const std::function<bool(const std::string&)>& known,
                                                           const std::vector<std::string>& candidates)
{
    const auto lower = ascii_lower(name);
    if (lower == "all" || all_digits(lower) || known(lower)) return std::nullopt;
    if (find_linux_capability(lower))
        return "'" + name +
               "' is a capability of newer Linux kernels that this libcap does not know; cap_from_text rejects it here";
    const auto best = closest_match(lower, candidates);
    return "'" + name + "' is not a capability" + (best.empty() ? std::string() : "; did you mean '" + best + "'?");
}

void check_security(const effective_configuration& config, bool check_host, diagnostic_sink& sink)
{
    const auto* security = config.child(config.global(), "security", "");
    if (!security) return;
    // ecelerity.conf's values that the cluster file overrides are checked too: they take effect the day
    // the override is removed.
    for (const auto& history : security->options) {
        check_value(history.winner, check_host, sink);
        if (history.from_cluster && history.overridden) check_value(*history.overridden, check_host, sink);
    }
    const auto* user = winner(*security, "user");
    const auto* capabilities = winner(*security, "capabilities");
    const bool caps_set = capabilities && capabilities->value().is_scalar() && !capabilities->value().text().empty();
    const auto user_value = user ? std::optional<value_ref>(user->value()) : std::nullopt;
    if (user_value && user_value->is_scalar() && is_root(std::string(user_value->text()))) {
        const std::string user_name(user_value->text());
        if (caps_set)
            sink.report(
                    rules::root_with_capabilities, user_value->range(),
                    "Momentum runs as '" + user_name +
                        "' with Capabilities set: capabilities are exclusive, not cumulative, so root keeps only those listed and loses "
                        "its access to all files (the dmllog.rt jlog, written as ecuser, is no longer consumed); the manual says to "
                        "remove Capabilities when running as root")
                .related.push_back({capabilities->keyword_range(), "capabilities set here"});
        else
            sink.report(
                rules::runs_as_root, user_value->range(),
                "Momentum keeps running as '" + user_name +
                    "' after startup; the manual recommends the default user ecuser, retaining only the capabilities needed "
                    "(such as cap_net_bind_service+ep for port 25)");
    }
}

}  // namespace ecconf
