#!/usr/bin/env python3
"""Consistency checks for ecconf's schema data (schemas/scopes.json, options.json, modules.json).

Usage: python3 tools/check_schemas.py [schemas_dir]
Exits 1 and prints one line per problem when anything is inconsistent.
Standard library only.
"""
import json
import os
import re
import sys

SIMPLE = {"boolean", "integer", "unsigned", "seconds", "bytes", "octal_mode", "float", "throttle",
          "string", "path", "dictionary", "socket_address", "ip_address", "cidr", "hostname",
          "domain", "regex", "email", "user", "group", "capabilities", "privileges", "any"}
NUMERIC = {"integer", "unsigned", "seconds", "bytes", "float"}
REF_KINDS = {"threadpool", "pathway", "datasource", "binding", "virtual_domain", "pathway_group", "binding_group",
             "datasource_query", "eventloop"}
INSTANCE = {"required", "forbidden", "optional"}
INSTANCE_KINDS = {"binding_name", "domain", "host", "socket_address", "cidr", "ip_address", "name", "regex_or_name"}
SCOPE_KEYS = {"name", "instance", "instance_kind", "parents", "restart_required", "versions", "source", "note"}
OPTION_KEYS = {"name", "scopes", "type", "default", "restart_required", "versions", "deprecated", "secret", "source", "note",
               "requires"}
MODULE_OPTION_KEYS = OPTION_KEYS - {"scopes"}
MODULE_KEYS = {"name", "singleton", "instance", "options_complete", "options", "scopes", "adds_core_options",
               "requires", "implicit", "versions", "source", "note"}
SUBSCOPE_KEYS = {"name", "instance", "instance_kind", "options", "scopes", "options_complete", "at_global",
                 "core_parents", "note"}
BOOL_WORDS = {"true", "false", "yes", "no", "on", "off", "enabled", "disabled", "1", "0"}
IMPLICIT_MODULE_OPTIONS = {"enabled", "debug_level"}

problems = []


def err(where, msg):
    problems.append("%s: %s" % (where, msg))


def check_type(t, where):
    """Validate a TYPE; returns True when well formed."""
    if isinstance(t, str):
        if t not in SIMPLE:
            err(where, "unknown type name %r" % t)
            return False
        return True
    if not isinstance(t, dict) or "type" not in t:
        err(where, "type must be a name or an object with 'type': %r" % (t,))
        return False
    k = t["type"]
    if k in NUMERIC:
        extra = set(t) - {"type", "min", "max"}
        if extra:
            err(where, "unexpected keys %s in numeric type" % sorted(extra))
        for b in ("min", "max"):
            if b in t and not isinstance(t[b], (int, float)) or isinstance(t.get(b), bool):
                err(where, "%s bound must be a number" % b)
        if "min" in t and "max" in t and t["min"] > t["max"]:
            err(where, "min > max")
        return True
    if k == "enum":
        vals = t.get("values")
        if not isinstance(vals, list) or not vals:
            err(where, "enum needs a non-empty 'values' list")
            return False
        seen = set()
        for v in vals:
            if not isinstance(v, str) or not v:
                err(where, "enum value must be a non-empty string: %r" % (v,))
            elif v != v.lower():
                err(where, "enum value %r is not lowercase" % v)
            elif v in seen:
                err(where, "duplicate enum value %r" % v)
            else:
                seen.add(v)
        return True
    if k == "list":
        if "of" in t:
            return check_type(t["of"], where + ".of")
        return True
    if k == "dictionary":
        if "values" in t:
            return check_type(t["values"], where + ".values")
        return True
    if k == "reference":
        if t.get("kind") not in REF_KINDS:
            err(where, "reference kind %r unknown" % t.get("kind"))
            return False
        return True
    if k == "one_of":
        ts = t.get("types")
        if not isinstance(ts, list) or len(ts) < 2:
            err(where, "one_of needs at least two types")
            return False
        return all(check_type(x, where + ".types") for x in ts)
    err(where, "unknown type object %r" % k)
    return False


def value_ok(v, t):
    """Is the JSON default v valid for TYPE t? (True when not checkable.)"""
    if isinstance(t, str):
        k, obj = t, {}
    else:
        k, obj = t.get("type"), t
    if k == "any":
        return True
    if k == "boolean":
        return isinstance(v, bool) or (isinstance(v, str) and v.lower() in BOOL_WORDS)
    if k in ("integer", "unsigned", "seconds", "bytes"):
        if isinstance(v, bool) or not isinstance(v, int):
            return False
        if k in ("unsigned", "bytes") and v < 0:
            return False
        if "min" in obj and v < obj["min"]:
            return False
        if "max" in obj and v > obj["max"]:
            return False
        return True
    if k == "float":
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            return False
        return not (("min" in obj and v < obj["min"]) or ("max" in obj and v > obj["max"]))
    if k == "octal_mode":
        return isinstance(v, str) and re.fullmatch(r"0[0-7]{3,4}", v) is not None
    if k == "throttle":
        return (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, str) and re.fullmatch(r"\d+(/\d+)?", v) is not None)
    if k == "enum":
        return isinstance(v, str) and v.lower() in obj.get("values", [])
    if k == "list":
        return isinstance(v, list) and all(value_ok(x, obj["of"]) for x in v) if "of" in obj else isinstance(v, list)
    if k == "dictionary":
        return isinstance(v, dict)
    if k == "one_of":
        return any(value_ok(v, x) for x in obj.get("types", []))
    if k == "ip_address":
        return isinstance(v, str) and (re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}", v) is not None or ":" in v)
    # string-like kinds (path, hostname, email, regex, reference ...)
    return isinstance(v, str)


def check_option(o, where, keys, known_scopes, need_scopes):
    if not isinstance(o, dict):
        err(where, "option must be an object")
        return
    name = o.get("name")
    if not isinstance(name, str) or not name:
        err(where, "option without a name")
        return
    where = "%s option %r" % (where, name)
    if name != name.lower():
        err(where, "name not lowercase")
    if not re.fullmatch(r"[a-z0-9_][a-z0-9_\-]*", name.lower()):
        err(where, "name has unexpected characters")
    extra = set(o) - keys
    if extra:
        err(where, "unexpected keys %s" % sorted(extra))
    if "type" not in o:
        err(where, "missing type")
        return
    ok = check_type(o["type"], where)
    if need_scopes:
        sc = o.get("scopes")
        if not isinstance(sc, list) or not sc:
            err(where, "needs a non-empty scopes list")
        else:
            for s in sc:
                if s not in known_scopes:
                    err(where, "unknown scope %r" % s)
            if len(set(sc)) != len(sc):
                err(where, "duplicate scope in scopes list")
    if "restart_required" in o and not isinstance(o["restart_required"], bool):
        err(where, "restart_required must be boolean")
    if "secret" in o and o["secret"] is not True:
        err(where, "secret must be true when present")
    if "deprecated" in o and (not isinstance(o["deprecated"], str) or not o["deprecated"]):
        err(where, "deprecated must be a non-empty string")
    check_versions(o, where)
    if ok and "default" in o and not value_ok(o["default"], o["type"]):
        err(where, "default %r does not fit type %s" % (o["default"], json.dumps(o["type"])))


VERSION = r"\d+(?:\.\d+)*"


def check_versions(entry, where):
    """`versions`: a non-empty list of ranges "FROM+" or "FROM..TO", an open one last (DECISIONS.md, Versions)."""
    if "versions" not in entry:
        return
    ranges = entry["versions"]
    if not isinstance(ranges, list) or not ranges:
        err(where, "versions must be a non-empty list")
        return
    for i, r in enumerate(ranges):
        if not isinstance(r, str) or not re.fullmatch(VERSION + r"(\+|\.\." + VERSION + ")", r):
            err(where, "version range %r is not FROM+ or FROM..TO" % (r,))
        elif r.endswith("+") and i != len(ranges) - 1:
            err(where, "open version range %r must come last" % r)


def check_unique(opts, where, per_scope):
    seen = {}
    for o in opts:
        if not isinstance(o, dict) or "name" not in o:
            continue
        n = o["name"].lower()
        scopes = o.get("scopes", [None]) if per_scope else [None]
        for s in scopes:
            key = (s, n)
            if key in seen:
                err(where, "duplicate option %r%s" % (n, "" if s is None else " in scope %r" % s))
            seen[key] = True


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        err(path, "cannot load: %s" % e)
        return None


def check_subscopes(subs, where, core_scopes):
    names = set()
    for s in subs:
        n = s.get("name")
        w = "%s scope %r" % (where, n)
        if not isinstance(n, str) or n != n.lower():
            err(w, "scope name missing or not lowercase")
            continue
        if n in names:
            err(w, "duplicate sub-scope")
        names.add(n)
        extra = set(s) - SUBSCOPE_KEYS
        if extra:
            err(w, "unexpected keys %s" % sorted(extra))
        if s.get("instance") not in INSTANCE:
            err(w, "bad instance %r" % s.get("instance"))
        elif s["instance"] != "forbidden" and s.get("instance_kind") not in INSTANCE_KINDS:
            err(w, "bad or missing instance_kind %r" % s.get("instance_kind"))
        if "at_global" in s and not isinstance(s["at_global"], bool):
            err(w, "at_global must be boolean")
        for p in s.get("core_parents", []):
            if p not in core_scopes:
                err(w, "core_parents names unknown scope %r" % p)
        if not isinstance(s.get("options_complete", False), bool):
            err(w, "options_complete must be boolean")
        opts = s.get("options", [])
        for o in opts:
            check_option(o, w, MODULE_OPTION_KEYS, core_scopes, False)
        check_unique(opts, w, False)
        check_subscopes(s.get("scopes", []), w, core_scopes)


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schemas")
    sj = load(os.path.join(d, "scopes.json"))
    oj = load(os.path.join(d, "options.json"))
    mj = load(os.path.join(d, "modules.json"))
    if None in (sj, oj, mj):
        return report()
    for doc, key, fn in ((sj, "scopes", "scopes.json"), (oj, "options", "options.json"), (mj, "modules", "modules.json")):
        if doc.get("format") != 1:
            err(fn, "format must be 1")
        if not isinstance(doc.get(key), list):
            err(fn, "missing %r list" % key)
            return report()

    # scopes
    scopes = {}
    for s in sj["scopes"]:
        n = s.get("name")
        w = "scopes.json scope %r" % n
        if not isinstance(n, str) or n != n.lower():
            err(w, "name missing or not lowercase")
            continue
        if n in scopes:
            err(w, "duplicate scope")
        scopes[n] = s
        extra = set(s) - SCOPE_KEYS
        if extra:
            err(w, "unexpected keys %s" % sorted(extra))
        if s.get("instance") not in INSTANCE:
            err(w, "bad instance %r" % s.get("instance"))
        elif s["instance"] == "forbidden":
            if "instance_kind" in s:
                err(w, "instance_kind given but instance is forbidden")
        elif s.get("instance_kind") not in INSTANCE_KINDS:
            err(w, "bad or missing instance_kind %r" % s.get("instance_kind"))
        if not isinstance(s.get("parents"), list):
            err(w, "parents must be a list")
        if not isinstance(s.get("restart_required"), bool):
            err(w, "restart_required must be boolean")
        if not s.get("source"):
            err(w, "missing source")
        check_versions(s, w)
    if "global" not in scopes:
        err("scopes.json", "no 'global' scope")
    elif scopes["global"].get("parents") != [] or scopes["global"].get("instance") != "forbidden":
        err("scopes.json scope 'global'", "must have parents [] and instance forbidden")
    for n, s in scopes.items():
        for p in s.get("parents", []):
            if p not in scopes:
                err("scopes.json scope %r" % n, "parent %r is not a known scope" % p)
        if n != "global" and not s.get("parents"):
            err("scopes.json scope %r" % n, "non-global scope without parents")

    # options
    for o in oj["options"]:
        check_option(o, "options.json", OPTION_KEYS, scopes, True)
        if isinstance(o, dict) and not o.get("source"):
            err("options.json option %r" % o.get("name"), "missing source")
    check_unique(oj["options"], "options.json", True)
    core_keys = {(s, o["name"].lower()) for o in oj["options"] if isinstance(o, dict) and "name" in o for s in o.get("scopes", [])}

    # modules
    mnames = set()
    added = {}
    for mod in mj["modules"]:
        n = mod.get("name")
        w = "modules.json module %r" % n
        if not isinstance(n, str) or n != n.lower():
            err(w, "name missing or not lowercase")
            continue
        if n in mnames:
            err(w, "duplicate module")
        mnames.add(n)
        if n in scopes:
            err(w, "module name collides with a core scope")
        extra = set(mod) - MODULE_KEYS
        if extra:
            err(w, "unexpected keys %s" % sorted(extra))
        check_versions(mod, w)
        if not isinstance(mod.get("singleton"), bool):
            err(w, "singleton must be boolean")
        if mod.get("instance") not in INSTANCE:
            err(w, "bad instance %r" % mod.get("instance"))
        if mod.get("singleton") is True and mod.get("instance") != "forbidden":
            err(w, "singleton module must have instance forbidden")
        if not isinstance(mod.get("options_complete"), bool):
            err(w, "options_complete must be boolean")
        if not isinstance(mod.get("options"), list):
            err(w, "options must be a list")
            continue
        for o in mod["options"]:
            check_option(o, w, MODULE_OPTION_KEYS, scopes, False)
            if isinstance(o, dict) and o.get("name") in IMPLICIT_MODULE_OPTIONS:
                err(w, "%r is implicit; do not list it" % o["name"])
        check_unique(mod["options"], w, False)
        check_subscopes(mod.get("scopes", []), w, scopes)
        for o in mod.get("adds_core_options", []):
            check_option(o, w + " adds_core_options", OPTION_KEYS, scopes, True)
            for s in o.get("scopes", []):
                key = (s, o["name"].lower())
                if key in core_keys:
                    err(w, "adds core option %r in scope %r that options.json already defines" % (o["name"], s))
                if key in added:
                    err(w, "core option %r in scope %r is also added by module %r" % (o["name"], s, added[key]))
                added[key] = n
        if not mod.get("source"):
            err(w, "missing source")
    for mod in mj["modules"]:
        for r in mod.get("requires", []):
            if r not in mnames:
                err("modules.json module %r" % mod.get("name"), "requires unknown module %r" % r)
    return report()


def report():
    for p in problems:
        print(p)
    if problems:
        print("%d problem(s)" % len(problems), file=sys.stderr)
        return 1
    print("schemas OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
