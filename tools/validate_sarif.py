#!/usr/bin/env python3
"""Validates SARIF files against the SARIF 2.1.0 JSON schema, plus the rule cross-references
GitHub code scanning relies on (every ruleId in the rule table, ruleIndex pointing at it).

Usage: python3 tools/validate_sarif.py SCHEMA FILE.sarif [FILE.sarif ...]
The schema is the official sarif-schema-2.1.0.json (a copy is tests/data/sarif-schema-2.1.0.json).
Needs python3-jsonschema (Debian) or the jsonschema package. Exits 0 when every file is valid,
1 when one is not (one line per problem), 2 on a usage error or a missing dependency.
"""
import json
import sys


def cross_reference_problems(log):
    problems = []
    for r, run in enumerate(log.get("runs", [])):
        rules = run.get("tool", {}).get("driver", {}).get("rules", [])
        ids = [rule.get("id") for rule in rules]
        for i, result in enumerate(run.get("results", [])):
            where = f"runs[{r}].results[{i}]"
            rule_id = result.get("ruleId")
            if rule_id not in ids:
                problems.append(f"{where}: ruleId {rule_id!r} is not in tool.driver.rules")
            index = result.get("ruleIndex")
            if index is not None and (index >= len(ids) or ids[index] != rule_id):
                problems.append(f"{where}: ruleIndex {index} does not point at rule {rule_id!r}")
    return problems


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        import jsonschema
    except ImportError:
        print("validate_sarif: the jsonschema module is missing (apt-get install python3-jsonschema)", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    failed = False
    for path in argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                log = json.load(f)
        except (OSError, ValueError) as error:
            print(f"{path}: not readable as JSON: {error}")
            failed = True
            continue
        problems = [f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}"
                    for e in validator.iter_errors(log)]
        problems += cross_reference_problems(log)
        for problem in problems:
            print(f"{path}: {problem}")
        failed = failed or bool(problems)
        if not problems:
            results = sum(len(run.get("results", [])) for run in log.get("runs", []))
            print(f"{path}: valid SARIF 2.1.0 ({results} results)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
