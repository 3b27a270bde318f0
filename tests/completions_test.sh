#!/bin/sh
# The bash, zsh and fish completions are what tools/gen_completions.py generates from the binary's
# --help, each parses in its shell, and bash and fish complete options, choices and rule ids.
# Usage: tests/completions_test.sh ECCONF_CHECK   (from the repository root)
set -eu
binary=$1
python3 tools/gen_completions.py --binary "$binary" --check
bash -n completions/ecconf-check.bash
zsh -n completions/_ecconf-check
fish -n completions/ecconf-check.fish
PATH=$(dirname "$binary"):$PATH
export PATH
got=$(bash -c '
. completions/ecconf-check.bash
t() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _ecconf_check; echo "${COMPREPLY[*]}"; }
t ecconf-check --form
t ecconf-check --format ""
t ecconf-check diff --format ""
t ecconf-check --disable syntax-error,unknown-o
t ecconf-check con
t ecconf-check dump --no')
expected="--format
text gcc json sarif github checkstyle
text json
syntax-error,unknown-option
config
--no-config --node"
[ "$got" = "$expected" ] || { printf 'bash completion gave:\n%s\n' "$got" >&2; exit 1; }
got=$(fish -c 'source completions/ecconf-check.fish; complete -C "ecconf-check diff --format "; complete -C "ecconf-check --enable cross-file-o"' | cut -f1)
expected="json
text
cross-file-override"
[ "$got" = "$expected" ] || { printf 'fish completion gave:\n%s\n' "$got" >&2; exit 1; }
echo "completions: generated, parse in bash, zsh and fish; bash and fish complete"
