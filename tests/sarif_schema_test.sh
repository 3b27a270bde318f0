#!/bin/sh
# Runs ecconf-check --format sarif on the test configurations and validates the output against the
# official SARIF 2.1.0 schema. Exit 77 (skipped) only when the schema file is absent.
# Usage: tests/sarif_schema_test.sh ECCONF_CHECK SCHEMA   (from the repository root)
set -u
check=$1
schema=$2
if [ ! -f "$schema" ]; then
    echo "SKIP: SARIF schema not found at $schema" >&2
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

# Broken inputs with related locations, so results, regions and relatedLocations are all exercised.
printf 'hostname = '"'"'mx.example.com'"'"'\nmax_outbound_connections 5\n}\n' > "$work/broken.conf"
printf 'binding "mta1" {\n  bind_address = "192.0.2.10"\n' > "$work/unclosed.conf"
printf 'include "missing.conf"\n' > "$work/include.conf"

status=0
run() {  # name, then ecconf-check arguments
    name=$1
    shift
    "$check" --format sarif "$@" > "$work/$name.sarif" 2> "$work/$name.err"
    rc=$?
    if [ "$rc" -gt 2 ]; then
        echo "FAIL: ecconf-check $* exited $rc" >&2
        cat "$work/$name.err" >&2
        status=1
    fi
}
run broken --syntax-only "$work/broken.conf" "$work/unclosed.conf"
run include "$work/include.conf"
run example testdata/example/ecelerity.conf
run secrets testdata/secrets/ecelerity.conf
i=0
for conf in $(find testdata/cases testdata/fix -name '*.conf' -not -path '*/fixed/*' 2>/dev/null | sort); do
    i=$((i + 1))
    run "case$i" "$conf"
done
python3 tools/validate_sarif.py "$schema" "$work"/*.sarif || status=1
exit $status
