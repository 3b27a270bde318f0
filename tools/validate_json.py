#!/usr/bin/env python3
"""Validates JSON files against a JSON Schema (draft-07), optionally against one of its definitions.

Usage: python3 tools/validate_json.py SCHEMA [--definition NAME] FILE [FILE ...]
Needs python3-jsonschema. Exits 0 when every file is valid, 1 when one is not (one line per
problem), 2 on a usage error or a missing dependency.
"""
import json
import sys


def main(argv):
    args = argv[1:]
    if not args:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        import jsonschema
    except ImportError:
        print("validate_json: the jsonschema module is missing (apt-get install python3-jsonschema)", file=sys.stderr)
        return 2
    with open(args.pop(0), encoding="utf-8") as f:
        schema = json.load(f)
    if len(args) >= 2 and args[0] == "--definition":
        schema = {"$ref": "#/definitions/" + args[1], "definitions": schema["definitions"]}
        args = args[2:]
    validator = jsonschema.Draft7Validator(schema)
    status = 0
    for path in args:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        for error in validator.iter_errors(document):
            where = "/".join(str(p) for p in error.absolute_path)
            print(f"{path}: {where}: {error.message}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
