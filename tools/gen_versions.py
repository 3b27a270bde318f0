#!/usr/bin/env python3
"""Derives the `versions` fields of schemas/{options,modules,scopes}.json from the manuals' summary tables.

Usage: python3 tools/gen_versions.py MANUALS_GIT_DIR [schemas_dir]
MANUALS_GIT_DIR is a git directory (bare or not) of github.com/SparkPost/support-docs; files are read
from its HEAD with `git show`. The JSON files are rewritten in place. Standard library only.

A `versions` entry is a list of ranges: "3.0+" (3.0 and later), "3.6.5..3" (3.6.5 through the last 3.x),
"4.0..5.2" (4.0 through the last 5.2.x). No field: every version. The judgements are in
schemas/DECISIONS.md, "Versions".
"""
import json
import os
import re
import subprocess
import sys

V3_OPTIONS = "content/momentum/3/3-reference/options-summary.md"
V4_OPTIONS = "content/momentum/4/config-options-summary.md"
V3_MODULES = "content/momentum/3/3-reference/modules-summary.md"
V4_MODULES = "content/momentum/4/modules/summary-all-modules.md"
FIRST_V4 = (4, 0)


def key(version):
    return tuple(int(p) for p in version.split("."))


def page(git_dir, path):
    return subprocess.run(["git", "-C", git_dir, "show", "HEAD:" + path], check=True, capture_output=True, text=True).stdout


def rows(text, first_table_only):
    """(name, version cell) of each table row; a row's name is its first cell's link or bold text."""
    for line in text.splitlines():
        if first_table_only and line.startswith("### "):
            return
        cells = [c.strip() for c in line.split("|")]
        if len(cells) < 4 or not line.startswith("| ") or cells[1].startswith("---"):
            continue
        found = re.match(r"\[[“\"]?([A-Za-z0-9_]+)|\*\*([A-Za-z0-9_]+)\*\*", cells[1])
        if found:
            yield (found.group(1) or found.group(2)).lower(), cells


def line_of(version):
    """The release line of a version: 3.5.6 -> 3.5."""
    return ".".join(version.split(".")[:2])


def v3_table(text, column, first_table_only):
    """name -> the first version in each release line that got it, oldest line first: "3.5.6, 3.6.1" (3.5.6 and
    3.6.1 got it, 3.6.0 did not) -> ["3.5.6", "3.6.1"]."""
    table = {}
    for name, cells in rows(text, first_table_only):
        for version in re.findall(r"\d+(?:\.\d+)+", cells[column]):
            lines = table.setdefault(name, {})
            line = line_of(version)
            lines[line] = min(version, lines.get(line, version), key=key)
    return {name: sorted(lines.values(), key=key) for name, lines in table.items()}


def v4_table(text, column):
    """name -> (since, until or None): "4.0 and later", "4.0 through 5.2", "4.1-HF4 (beta)" (as 4.1.0.4 and later:
    hotfix N of 4.1.0 is numbered 4.1.0.N, as tls_protocols' "4.1.0.2 and later" shows)."""
    table = {}
    for name, cells in rows(text, False):
        found = re.match(r"(\d+(?:\.\d+)+)(?:-HF(\d+) \(beta\))?(?: and later| through (\d+(?:\.\d+)+))?$",
                         cells[column])
        if found:
            since, hotfix, until = found.groups()
            if hotfix:
                since = ".".join((since.split(".") + ["0", "0"])[:3]) + "." + hotfix
            table[name] = (since, until)
    return table


def parse_range(text):
    since, _, until = text.partition("..")
    return (since.rstrip("+"), until or None)


def show_range(since, until):
    return since + (".." + until if until else "+")


# Documented on a Momentum 3 page, but missing from its summary table (or named there by title only).
V3_OUTSIDE_TABLES = {
    "allow": "3.0",                # 3/3-reference/3-reference-conf-ref-authorization
    "ds_ldap": "3.0",              # 3/3-reference/3-reference-modules-ds-core
    "live_bounce_updates": "3.0",  # 3/3-reference/3-reference-modules-live-bounce-updates ("Live Bounce Updates")
    "subscriber": "3.0",           # 3/3-reference/cluster-config-logging
    "path": "3.6",                 # 3/3-reference/operations-riak: adaptive_backstore_leveldb, "Momentum 3.6 or greater"
    "mm7_vasid": "3.1",            # 3/3-reference/3-reference-conf-ref-idle-timeout; module mm7 is 3.1
    "mm7_vaspid": "3.1",
    "mm7_message_class": "3.1",
    "mm7_delivery_report": "3.1",
    "outbound_smtp_auth_type": "3.6.12",  # 3/3-reference/3-reference-modules-outbound-smtp-auth, "starting from 3.6.12"
    "outbound_smtp_auth_user": "3.6.12",
    "outbound_smtp_auth_pass": "3.6.12",
    "outbound_smtp_auth_key": "3.6.12",
    "reception_timing_logger": "3.6.6",   # 3/3-reference/3-reference-modules-reception-timing, "beta in 3.6.6"
    "static_routes": "3.6.5",             # 3/3-reference/3-reference-modules-static-routes, "beta in 3.6.5"
}
# Only in the Momentum 3 tables, yet accepted and ignored by Momentum 4 on Linux: privileges-ignored-on-linux says so.
EVERY_VERSION = {"privileges"}


def versions_of(entry, v3, v4):
    """The new `versions` of a schema entry, or None for every version."""
    name = entry["name"].lower()
    v3_page = "/momentum/3/" in entry.get("source", "")
    if name in EVERY_VERSION:
        return None
    if "since" in entry:
        # The old single field: a Momentum 3 page's entry ends with 3.x.
        existing = [(entry["since"], "3" if v3_page else None)]
    else:
        existing = [parse_range(r) for r in entry.get("versions", [])]
    v3_lines = v3.get(name) or ([V3_OUTSIDE_TABLES[name]] if name in V3_OUTSIDE_TABLES else [])
    # Every line but the newest one it was added to ends with that line ("3.5.6..3.5"); the newest goes on.
    earlier_lines = [show_range(v, line_of(v)) for v in v3_lines[:-1]]
    first_v3 = v3_lines[-1] if v3_lines else None
    if first_v3 is None and name not in v4:
        return [show_range(*r) for r in existing] or None
    return earlier_lines + continuing(first_v3, name, v4, v3_page, existing)


def continuing(first_v3, name, v4, v3_page, existing):
    """The ranges from the newest Momentum 3 line that got the entry (first_v3, or None) on."""
    if name in v4:
        later = v4[name]
    elif v3_page:
        later = None
    else:  # documented on a Momentum 4 page outside the summary
        later = existing[-1] if existing else (".".join(map(str, FIRST_V4)), None)
    if first_v3 is None:
        return [show_range(*later)]
    if later is None:
        return [show_range(first_v3, "3")]
    if key(later[0]) <= FIRST_V4:
        return [show_range(min(first_v3, later[0], key=key), later[1])]
    # Back in a later Momentum 4 release: 4.0 shipped before the 3.x release that got it.
    return [show_range(first_v3, "3"), show_range(*later)]


def set_versions(entry, v3, v4):
    versions = versions_of(entry, v3, v4)
    entry.pop("since", None)
    entry.pop("versions", None)
    if versions:
        # After "restart_required" when there is one, so the diff of a regeneration stays small.
        items = list(entry.items())
        at = next((i + 1 for i, (k, _) in enumerate(items) if k == "restart_required"), len(items))
        items.insert(at, ("versions", versions))
        entry.clear()
        entry.update(items)
    return 1 if versions else 0


def update(path, list_key, tables, counts):
    """Sets the versions of each entry from `tables` (v3, v4); modules' core options from the options tables."""
    with open(path, encoding="utf-8") as f:
        document = json.load(f)
    for entry in document[list_key]:
        counts[list_key] = counts.get(list_key, 0) + set_versions(entry, *tables[list_key])
        for option in entry.get("adds_core_options", []):
            set_versions(option, *tables["options"])
        for option in entry.get("options", []):
            # A module's own options: a version of their own only where the manuals give one.
            if "since" in option:
                option["versions"] = [show_range(option.pop("since"), None)]
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    git_dir = sys.argv[1]
    schemas = sys.argv[2] if len(sys.argv) == 3 else os.path.join(os.path.dirname(__file__), "..", "schemas")
    options = (v3_table(page(git_dir, V3_OPTIONS), 4, True), v4_table(page(git_dir, V4_OPTIONS), 4))
    modules = (v3_table(page(git_dir, V3_MODULES), 2, False), v4_table(page(git_dir, V4_MODULES), 2))
    tables = {"options": options, "scopes": options, "modules": modules}
    counts = {}
    for name in ("options", "scopes", "modules"):
        update(os.path.join(schemas, name + ".json"), name, tables, counts)
    print("summary rows: options v3 %d, v4 %d; modules v3 %d, v4 %d; entries with versions: %s"
          % (len(options[0]), len(options[1]), len(modules[0]), len(modules[1]), counts))

if __name__ == "__main__":
    main()
