#!/bin/sh
# Exports every bundled configuration (plain, --resolve all, --values-only) and validates each
# document against schemas/export.schema.json. Usage: tests/export_schema_test.sh ECCONF_CHECK (from the repo root)
set -u
check=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
status=0
i=0
# testdata/manual/v3 and v4 hold the manuals' fragments, checked by tools/manual_examples.py instead.
for conf in testdata/example/ecelerity.conf testdata/fallback/ecelerity.conf testdata/secrets/ecelerity.conf \
    $(find testdata/cases testdata/manual -path 'testdata/manual/v[34]' -prune -o -name '*.conf' -print | sort); do
    i=$((i + 1))
    for mode in plain all values; do
        case $mode in
            plain) args="" ;;
            all) args="--resolve all" ;;
            values) args="--values-only --resolve all" ;;
        esac
        # shellcheck disable=SC2086
        "$check" export $args "$conf" > "$work/$i.$mode.json" 2>/dev/null
        rc=$?
        if [ "$rc" -gt 1 ]; then
            echo "FAIL: ecconf-check export $args $conf exited $rc" >&2
            status=1
        fi
        [ -s "$work/$i.$mode.json" ] || rm -f "$work/$i.$mode.json"
    done
done
python3 tools/validate_json.py schemas/export.schema.json "$work"/*.plain.json "$work"/*.all.json || status=1
python3 tools/validate_json.py schemas/export.schema.json --definition values_scope "$work"/*.values.json || status=1
echo "validated $(ls "$work" | wc -l) exports"
exit $status
