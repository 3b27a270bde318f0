#!/usr/bin/env python3
"""Writes docs/rules/<id>.md for every rule of schemas/rules.json, and docs/rules/README.md indexing them.

Usage: python3 tools/gen_rule_docs.py [--check] [rules.json] [output_dir]
Defaults: schemas/rules.json and docs/rules, relative to the repository root.
With --check, writes nothing and exits 1 when a page is missing or out of date (for CI).
Standard library only. The catalogue is the single source of truth: edit it, then rerun this script.
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REQUIRED = ("id", "severity", "summary", "explanation", "bad", "good")
HEADER = "<!-- Generated from schemas/rules.json by tools/gen_rule_docs.py; do not edit. -->\n"


def code_block(text):
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}\n{text if text.endswith(chr(10)) else text + chr(10)}{fence}\n"


def included_files(rule):
    files = rule.get("example_options", {}).get("files", {})
    return "".join(f"Both examples include `{name}`:\n\n{code_block(text)}\n" for name, text in sorted(files.items()))


def fix_section(rule):
    if "fix" not in rule:
        return ""
    how = "`ecconf-check --fix` applies it." if rule["fix"] == "safe" else \
        "`ecconf-check --fix` applies the safe ones; the others need `--unsafe-fixes`."
    return f"## Fix\n\n{rule['fix_note']} {how}\n\n"


def rule_page(rule):
    enabled = "" if rule.get("default_enabled", True) else \
        f"\nThis rule is off by default; turn it on with `--enable {rule['id']}`.\n"
    return (f"{HEADER}\n# {rule['id']}\n\n"
            f"**Severity:** {rule['severity']}\n\n"
            f"{rule['summary']}\n{enabled}\n"
            f"## Explanation\n\n{rule['explanation']}\n\n"
            f"## Wrong\n\n{code_block(rule['bad'])}\n"
            f"## Right\n\n{code_block(rule['good'])}\n"
            f"{included_files(rule)}"
            f"{fix_section(rule)}"
            f"See also: `ecconf-check --explain {rule['id']}`; disable with `--disable {rule['id']}`.\n")


def index_page(rules):
    lines = [HEADER, "# ecconf-check rules", "",
             "Every diagnostic of ecconf-check names one of these rules. `ecconf-check --list-rules` prints the",
             "same table and `ecconf-check --explain RULE` the page of one rule.", "",
             "Fix: `safe` when `--fix` applies the rule's fixes, `unsafe` when some need `--unsafe-fixes`.", "",
             "| Rule | Severity | Fix | Summary |", "|---|---|---|---|"]
    for rule in rules:
        summary = rule["summary"].replace("|", "\\|")
        lines.append(f"| [{rule['id']}]({rule['id']}.md) | {rule['severity']} | {rule.get('fix', '')} | {summary} |")
    return "\n".join(lines) + "\n"


def main(argv):
    check = "--check" in argv
    args = [a for a in argv[1:] if a != "--check"]
    rules_path = args[0] if args else os.path.join(ROOT, "schemas", "rules.json")
    out_dir = args[1] if len(args) > 1 else os.path.join(ROOT, "docs", "rules")
    with open(rules_path, encoding="utf-8") as f:
        rules = json.load(f)["rules"]
    problems = [f"rule {r.get('id', '#' + str(i))}: missing {k}" for i, r in enumerate(rules) for k in REQUIRED
                if not isinstance(r.get(k), str) or not r[k].strip()]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    pages = {f"{r['id']}.md": rule_page(r) for r in rules}
    pages["README.md"] = index_page(rules)
    stale = []
    if not check:
        os.makedirs(out_dir, exist_ok=True)
    for name, text in pages.items():
        path = os.path.join(out_dir, name)
        try:
            with open(path, encoding="utf-8") as f:
                current = f.read()
        except OSError:
            current = None
        if current == text:
            continue
        if check:
            stale.append(path)
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    if check and stale:
        print("out of date (run tools/gen_rule_docs.py):\n  " + "\n  ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
