#!/bin/sh
# A real editor as the client: headless Neovim (the Debian package neovim) attaches `ecconf-check lsp`
# through its built-in LSP client (tests/nvim/lsp_client.lua) in a copy of tests/data/lsp/workspace,
# and what it got must be tests/nvim/expected.txt. Without nvim the test says why and fails.
# Usage: tests/nvim_lsp_test.sh ECCONF_CHECK   (from the repository root)
set -eu
binary=$(realpath "$1")
if ! command -v nvim >/dev/null; then
    echo "nvim_lsp: nvim not found; install the Debian package neovim (tools/install-deps neovim)" >&2
    exit 1
fi
temp=$(mktemp -d)
trap 'rm -rf "$temp"' EXIT
cp -R tests/data/lsp/workspace "$temp/workspace"
workspace=$(realpath "$temp/workspace")
status=0
ECCONF_CHECK=$binary ECCONF_WORKSPACE=$workspace ECCONF_OUTPUT=$temp/got.txt \
    timeout 120 nvim --headless --clean -n -c "luafile tests/nvim/lsp_client.lua" >"$temp/nvim.log" 2>&1 || status=$?
if [ ! -f "$temp/got.txt" ]; then
    echo "nvim_lsp: Neovim wrote no result (exit status $status):" >&2
    cat "$temp/nvim.log" >&2
    exit 1
fi
if ! diff -u tests/nvim/expected.txt "$temp/got.txt"; then
    echo "nvim_lsp: Neovim got something else than tests/nvim/expected.txt (exit status $status)" >&2
    exit 1
fi
[ "$status" -eq 0 ] || { echo "nvim_lsp: Neovim exited with status $status" >&2; exit 1; }
echo "nvim_lsp: Neovim $(nvim --version | head -1 | cut -d' ' -f2) got the diagnostics, hover, completion, definition, symbols, references, rename, formatting and code actions expected"
