#!/usr/bin/env python3
"""The configuration examples of the Momentum 3 and 4 manuals, extracted and checked.

  python3 tools/manual_examples.py extract SUPPORT_DOCS [OUT]
      SUPPORT_DOCS is a checkout of https://github.com/SparkPost/support-docs; writes every fenced
      code block of content/momentum/{3,4} that is configuration to OUT/v3 and OUT/v4 (default
      testdata/manual), one file per block named after its page and the page line of its first
      line, and OUT/index.tsv classifying every block of those pages, configuration or not.
  python3 tools/manual_examples.py check ECCONF_CHECK [OUT]
      Runs ECCONF_CHECK on every extracted block: the syntax must parse and the schema check, in the
      scope the page documents, must give no error or warning, except for the errata listed in
      OUT/errata.tsv (each with the page, the page line and why the manual is wrong). An erratum that
      no longer matches a diagnostic is a failure too.

Standard library only. CI runs `check` on the committed files, so it needs no network.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

VERSIONS = ("3", "4")
SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schemas")
FENCE = re.compile(r"^(\s*)(`{3,})\s*([\w+-]*)\s*$")
IDENT = r"[A-Za-z_][A-Za-z0-9_-]*"
# The first statement of a configuration file: an option, a scope opener, or an include.
OPTION_START = re.compile(r"^" + IDENT + r"\s*=")
SCOPE_START = re.compile(r"^" + IDENT + r'(\s+("[^"]*"|[^\s{}=]+))?\s*(\{.*)?$')
INCLUDE_START = re.compile(r"^(readonly_)?include\s+\S")
# Lines that belong to another language or file format; the configuration language has no statement
# terminator, no Lua keywords, no shell syntax, no Lua table separators and no brace-delimited word sets.
FOREIGN = (
    (re.compile(r";$"), "ends with ';' (C, Lua, Sieve, SQL, nginx)"),
    (re.compile(r"^(local|function|end|return|require|if|elseif|for|while)\b"), "starts with a Lua keyword"),
    (re.compile(r"^(export\s|#!)|\\$|^[A-Z][A-Z0-9_]*=\S"), "is shell (export, a trailing '\\', VAR=value)"),
    (re.compile(r"\},$"), "separates Lua table fields ('},')"),
    (re.compile(r"=\s*\{\s*[^\s}=][^}=]*\}"), "holds a set of words in braces after '=' (Spread)"),
    (re.compile(r"<[A-Za-z_][A-Za-z_ |:]*>"), "holds a <placeholder> (a syntax template, not an example)"),
)
# `name value` without '=' or '{' (Spread's mbus.conf, ldap.conf); '{' on the next line would make it a scope.
NAME_VALUE = re.compile(r"^[^\s=(){}\[\]\"]+\s+[^\s=(){}\[\]\"]+$")
# `name=value` without blanks (boot.conf, ec_rotate.conf, shell environment files).
TIGHT_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=[^\s=]")
ELISION = re.compile(r"\(\.\.\.\)|\.\.\.|\u2026")


def blank_elisions(line):
    """The line with `...`, `(...)` and `\u2026` outside quotes and comments replaced by blanks: they stand
    for text the page left out, and blanks keep every column where the page has it."""
    if ELISION.match(line.lstrip()):  # `... other options here ...`: the whole line is an elision
        code, hash_, comment = line.partition("#")
        return " " * len(code) + hash_ + comment
    parts = re.split(r'("[^"\n]*")', line)
    for i in range(0, len(parts), 2):
        code, hash_, comment = parts[i].partition("#")
        parts[i] = ELISION.sub(lambda m: " " * len(m.group(0)), code) + hash_ + comment
        if hash_:
            return "".join(parts[:i + 1]) + "".join(parts[i + 1:])
    return "".join(parts)


# Files of other programs that the pages show in the same `name = value` shape, named in the block's
# section before it: cidr_maintain.conf (the cidr_maintain tool, 4/modules/as-logger) and silent_install
# (Vertica's installer, 4/add-remove-analytics-nodes).
OTHER_FILES = re.compile(r"\b(cidr_maintain\.conf|silent_install)\b")


def significant(lines):
    """Each line without its comment and with every quoted string, which may span lines, reduced to "",
    stripped. Typographic quotes count as quotes: the conversion to Markdown made them (errata.tsv)."""
    text = re.sub("[\u201c\u201d]", '"', "\n".join(map(blank_elisions, lines)))
    text = re.sub(r'"[^"]*"', lambda m: '""' + "\n" * m.group(0).count("\n"), text)
    return [re.sub(r"#.*", "", line).strip() for line in text.split("\n")]


def classify(info, lines, lead_in):
    """('config', '') or (class, reason): a block is configuration when its fence names no other
    language, its lead-in names no other program's file, no line belongs to another language and its
    first statement has the shape of one."""
    if info and info not in ("conf", "config", "text", "plain"):
        return "other-language", "fence says " + info
    other_file = OTHER_FILES.search(lead_in)
    if other_file:
        return "other-file", "the text before it names %s, another program's file" % other_file.group(1)
    code = [(n, line) for n, line in enumerate(significant(lines)) if line]
    if not code:
        return "empty", "only comments"
    first = code[0][1]
    scope = SCOPE_START.match(first)
    if not (OPTION_START.match(first) or INCLUDE_START.match(first)
            or scope and (scope.group(3) or len(code) > 1 and code[1][1].startswith("{"))):
        return "not-a-statement", "first line is not an option, a scope or an include"
    depth = 0  # of ( and [, whose items may share a line
    for i, (n, line) in enumerate(code):
        for marker, why in FOREIGN:
            if marker.search(line):
                return "other-language", "line %d %s" % (n + 1, why)
        following = code[i + 1][1] if i + 1 < len(code) else ""
        if depth == 0 and NAME_VALUE.match(line) and not following.startswith("{"):
            return "other-language", "line %d is 'name value' without '=' (Spread, ldap.conf)" % (n + 1)
        depth += sum(line.count(c) for c in "([") - sum(line.count(c) for c in ")]")
    if "{" not in "".join(line for _, line in code) and all(TIGHT_ASSIGNMENT.match(line) for _, line in code):
        return "other-language", "every line is 'name=value' without blanks and no scope opens (boot.conf, shell)"
    return "config", ""


def blocks(text):
    """(page line of the first content line, fence info, content lines, its section's text before it)
    of each fenced block."""
    lines = text.split("\n")
    i = heading = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            if lines[i].startswith("#"):
                heading = i
            i += 1
            continue
        indent, fence, info = m.groups()
        end = i + 1
        while end < len(lines) and not re.match(r"^\s*" + fence + r"\s*$", lines[end]):
            end += 1
        body = [line[len(indent):] if line.startswith(indent) else line.lstrip() for line in lines[i + 1:end]]
        yield i + 2, info.lower(), body, "\n".join(lines[heading:i])
        i = end + 1


def block_file(version, page, line):
    stem = page[len("content/momentum/%s/" % version):-len(".md")]
    return "v%s/%s.%d.conf" % (version, stem, line)


def extract(docs, out):
    for version in VERSIONS:  # files of blocks that are no longer configuration must go
        shutil.rmtree(os.path.join(out, "v" + version), ignore_errors=True)
    schema = Schema(SCHEMAS)
    index = ["# version\tpage\tline\tclass\treason\tfile\tsubject (the scope the page documents)"]
    for version in VERSIONS:
        for directory, _, names in sorted(os.walk(os.path.join(docs, "content", "momentum", version))):
            for name in sorted(n for n in names if n.endswith(".md")):
                page = os.path.relpath(os.path.join(directory, name), docs)
                with open(os.path.join(docs, page), encoding="utf-8") as f:
                    text = f.read()
                subject = page_subject(schema, page, text)
                for line, info, body, before in blocks(text):
                    kind, reason = classify(info, body, before)
                    path = block_file(version, page, line) if kind == "config" else ""
                    index.append("\t".join((version, page, str(line), kind, reason, path, subject if path else "")))
                    if path:
                        target = os.path.join(out, path)
                        os.makedirs(os.path.dirname(target), exist_ok=True)
                        content = [blank_elisions(l).rstrip() for l in body]
                        with open(target, "w", encoding="utf-8") as f:
                            f.write("\n".join(content).rstrip("\n") + "\n")
    with open(os.path.join(out, "index.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(index) + "\n")


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]


def run_check(ecconf, files, *args):
    """{file: [(line, severity, rule, message)]} of one ecconf-check run over files."""
    found = {f: [] for f in files}
    for start in range(0, len(files), 200):  # keep command lines short
        result = subprocess.run([ecconf, "--format", "json", *args, *files[start:start + 200]],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        if result.returncode > 2:
            raise SystemExit("%s exited %d: %s" % (ecconf, result.returncode, result.stderr))
        for d in json.loads(result.stdout)["diagnostics"]:
            found.setdefault(d["file"], []).append((d["line"], d["severity"], d["rule"], d["message"]))
    return found


# A fragment is part of a whole configuration: what it refers to (modules, datasources, included
# files) is declared elsewhere on the page or not shown, so those whole-configuration rules are off.
# include-not-found cannot be disabled (it means part of a configuration was not read): its findings
# are left out when judging instead, since the files a fragment includes are never shown.
FRAGMENT_RULES_OFF = "missing-module,undefined-reference,option-needs-module"
FRAGMENT_FINDINGS_LEFT_OUT = {"include-not-found"}
SAMPLE_INSTANCE = {"binding_name": "example", "domain": "example.com", "host": "mx.example.com",
                   "socket_address": "127.0.0.1:25", "cidr": "192.0.2.0/24", "ip_address": "192.0.2.1",
                   "name": "example", "regex_or_name": "example"}


class Schema:
    """What the schema files say stands in the global scope, and how to open each scope."""

    def __init__(self, schemas):
        def load(name):
            with open(os.path.join(schemas, name + ".json"), encoding="utf-8") as f:
                return json.load(f)[name]
        self.scopes = {s["name"]: s for s in load("scopes")}
        self.modules = {m["name"]: m for m in load("modules")}
        self.global_scopes = {"include", "readonly_include"} | set(self.modules)
        self.global_scopes |= {s for s, d in self.scopes.items() if "global" in d["parents"]}
        for module in self.modules.values():
            self.global_scopes |= {sub["name"] for sub in module.get("scopes", []) if sub.get("at_global")}
        self.valid_in = {}  # option name: the scopes where it may stand
        for option in load("options") + [o for m in self.modules.values() for o in m.get("adds_core_options", [])]:
            self.valid_in.setdefault(option["name"], set()).update(option["scopes"])
        for module in self.modules.values():
            for option in module["options"]:
                self.valid_in.setdefault(option["name"], set()).add(module["name"])

    def fragment_opening(self, keyword, is_option, subject):
        """Where a top-level statement of a block is checked: at the top level when it may stand there;
        else in the parent of a scope that cannot (a `Listen` in its listener), or in the first of the
        page's subjects (comma-separated) that takes it, or in the only scope that takes it, or in the
        page's first subject; None when nothing says where."""
        if "global" in self.valid_in.get(keyword, ()) if is_option else keyword in self.global_scopes:
            return []
        if not is_option and keyword in self.scopes:
            return self.opening(self.scopes[keyword]["parents"][0])
        subjects = [s for s in subject.split(",") if s]
        valid = self.valid_in.get(keyword, set())
        taking = [s for s in subjects if s in valid] or (sorted(valid) if len(valid) == 1 else subjects)
        return self.opening(taking[0]) if taking else None

    def opening(self, scope):
        """The lines that open `scope` from the global scope, outermost first."""
        if scope in self.modules:
            module = self.modules[scope]
            return ['%s %s{' % (scope, "" if module.get("singleton") else '"%s1" ' % scope)]
        info = self.scopes[scope]
        parent = [] if "global" in info["parents"] else self.opening(info["parents"][0])
        name = "" if info["instance"] == "forbidden" else '"%s" ' % SAMPLE_INSTANCE[info.get("instance_kind", "name")]
        return parent + ["%s %s{" % (scope, name)]


def page_subject(schema, page, docs_text):
    """The scopes a page documents, comma-separated, or "": a module page's module, or the scopes other
    than global that an option page's Scope section names."""
    name = os.path.basename(page)[:-len(".md")]
    if "/modules/" in page or name.startswith(("3-reference-modules-", "modules-")):
        module = re.sub(r"^(3-reference-modules-|modules-|4-modules-|4-)", "", name).replace("-", "_")
        return module if module in schema.modules else ""
    section = re.search(r"^## Scope\s*\n+(.*)", docs_text, re.M)
    if not section:
        return ""
    words = re.findall(r"[A-Za-z_]+", section.group(1).lower())
    return ",".join(dict.fromkeys(w for w in words if w != "global" and (w in schema.scopes or w in schema.modules)))


def top_statements(lines):
    """(first line index, last line index, keyword, whether it is an option) of each statement at the
    top level of a block."""
    statements, depth = [], 0
    for n, line in enumerate(significant(lines)):
        m = re.match(IDENT, line)
        if depth == 0 and m:
            is_option = bool(OPTION_START.match(line)) and not re.match(IDENT + r"\s*=\s*\{", line)
            statements.append([n, n, m.group(0).lower(), is_option])
        elif depth > 0 and statements:
            statements[-1][1] = n
        depth += sum(map(line.count, "{[(")) - sum(map(line.count, "}])"))
    return statements


def wrap(schema, lines, subject):
    """The block with each top-level statement placed where fragment_opening says, and for each line of
    the result the block line it came from (None for the lines added)."""
    text, origin, opened = [], [], []
    statements = top_statements(lines)
    starts = {first: rest for first, *rest in statements}
    n = 0
    while n < len(lines):
        if n in starts:
            last, keyword, is_option = starts[n]
            opening = schema.fragment_opening(keyword, is_option, subject)
            if opening is None:  # an option with nowhere else to go stays in the scope opened before it
                opening = opened
            if opening != opened:
                text += ["}"] * len(opened) + opening
                origin += [None] * (len(opened) + len(opening))
                opened = opening
            text += lines[n:last + 1]
            origin += range(n + 1, last + 2)
            n = last + 1
        else:
            text.append(lines[n])
            origin.append(n + 1)
            n += 1
    return text + ["}"] * len(opened), origin + [None] * len(opened)


def check(ecconf, out):
    examples = [row for row in read_tsv(os.path.join(out, "index.tsv")) if row[3] == "config"]
    errata = {(page, int(line), rule): why for page, line, rule, why in read_tsv(os.path.join(out, "errata.tsv"))}
    schema = Schema(SCHEMAS)
    used = set()
    failures = []
    totals = {}

    def judge(stage, row, findings, origin=None):
        """Every error or warning must be an erratum; after a syntax erratum the parser's recovery is not
        judged. origin maps the lines of a wrapped block back to the block's."""
        version, page, first = row[0], row[1], int(row[2])
        clean = True
        for line, severity, rule, message in sorted(findings):
            if severity == "note" or (stage == "schema" and rule in FRAGMENT_FINDINGS_LEFT_OUT):
                continue
            block_line = origin[line - 1] if origin and line <= len(origin) else line
            if block_line is None:
                failures.append("%s: %s:%d: %s %s on a line added to open the documented scope: %s"
                                % (stage, page, first, severity, rule, message))
                continue
            key = (page, first + block_line - 1, rule)
            if key in errata:
                used.add(key)
                clean = False
                if stage == "syntax":
                    break
                continue
            clean = False
            failures.append("%s: %s:%d: %s %s: %s" % (stage, page, key[1], severity, rule, message))
        totals.setdefault((version, stage), [0, 0])[0 if clean else 1] += 1

    files = [os.path.join(out, row[5]) for row in examples]
    syntax = run_check(ecconf, files, "--syntax-only")
    for path in files:  # the print edition's continuation mark parses inside a string, yet is no syntax
        with open(path, encoding="utf-8") as f:
            syntax[path] += [(n, "error", "typesetting-mark", "'\u00bb' marks a line the print edition broke")
                             for n, line in enumerate(f, 1) if "\u00bb" in line]
    with tempfile.TemporaryDirectory() as work:
        wrapped = []
        for n, (row, path) in enumerate(zip(examples, files)):
            judge("syntax", row, syntax[path])
            if syntax[path]:
                continue
            with open(path, encoding="utf-8") as f:
                lines = f.read().split("\n")
            text, origin = wrap(schema, lines, row[6])
            target = os.path.join(work, "%d.conf" % n)
            with open(target, "w", encoding="utf-8") as f:
                f.write("\n".join(text) + "\n")
            wrapped.append((row, target, origin))
        # The v3 pages against Momentum 3: they show modules that 4 dropped. The v4 pages cover 4.x and 5.x,
        # so against the newest release.
        schema_findings = run_check(ecconf, [target for row, target, _ in wrapped if row[0] != "3"], "--disable", FRAGMENT_RULES_OFF)
        schema_findings.update(run_check(ecconf, [target for row, target, _ in wrapped if row[0] == "3"],
                                         "--disable", FRAGMENT_RULES_OFF, "--target-version", "3"))
        for row, target, origin in wrapped:
            judge("schema", row, schema_findings[target], origin)
    for key in sorted(set(errata) - used):
        failures.append("stale erratum: %s:%d: %s matches no diagnostic" % key)
    for (version, stage), (clean, dirty) in sorted(totals.items()):
        print("v%s %s: %d clean, %d with errata or failures" % (version, stage, clean, dirty))
    print("errata: %d listed, %d used" % (len(errata), len(used)))
    for failure in failures:
        print(failure)
    return 1 if failures else 0


def main(argv):
    if len(argv) < 3 or argv[1] not in ("extract", "check"):
        sys.stderr.write(__doc__)
        return 2
    out = argv[3] if len(argv) > 3 else "testdata/manual"
    if argv[1] == "extract":
        extract(argv[2], out)
        return 0
    return check(argv[2], out)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
