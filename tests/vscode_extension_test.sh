#!/usr/bin/env bash
# The VS Code extension (editors/vscode) installs from its lockfile, compiles, passes its grammar
# tests and packages to a .vsix that holds the extension, the grammar and its runtime dependencies.
# Installs Node.js and npm with apt-get when they are missing. Needs the npm registry: without it
# the test fails and says so.
# Usage: bash tests/vscode_extension_test.sh   (from the repository root)
set -euo pipefail
extension=editors/vscode
fail() {
    echo "vscode_extension: FAILED: $*" >&2
    exit 1
}

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installing: nodejs npm"
    { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null; } ||
        fail "node or npm is missing and 'apt-get install nodejs npm' failed"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 18 ] || fail "Node.js $(node --version) is too old: the pinned tools need 18 or later"
echo "node $(node --version), npm $(npm --version)"

cd "$extension"
rm -rf out ./*.vsix
nice npm ci --no-audit --no-fund ||
    fail "'npm ci' in $extension failed: is the npm registry reachable? (npm's log above says why)"
nice npm run --silent compile || fail "tsc failed"

grammar_cases=(test/grammar/*.conf)
[ -e "${grammar_cases[0]}" ] || fail "no grammar test cases in $extension/test/grammar"
grammar_log=$(nice npx --no-install vscode-tmgrammar-test --grammar syntaxes/ecelerity.tmLanguage.json \
    "${grammar_cases[@]}" 2>&1) || { echo "$grammar_log"; fail "grammar tests failed"; }
echo "$grammar_log"
passed=$(grep -c 'run successfuly' <<<"$grammar_log" || true)
[ "$passed" -eq ${#grammar_cases[@]} ] || fail "$passed of ${#grammar_cases[@]} grammar test files passed"

version=$(node -p 'require("./package.json").version')
vsix="ecconf-$version.vsix"
# No LICENSE file: ecconf states no license yet, and vsce would stop to ask about it.
nice npx --no-install vsce package --skip-license </dev/null || fail "vsce package failed"
[ -f "$vsix" ] || fail "vsce made no $extension/$vsix"

# What VS Code reads from the package: the manifest's contributions, the files they name, the
# compiled extension, and no sources, tests or build tools.
python3 - "$vsix" <<'PY' || fail "$vsix does not hold what it should"
import json, sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
manifest = json.loads(zipfile.ZipFile(sys.argv[1]).read("extension/package.json"))
problems = []
def expect(condition, what):
    if not condition:
        problems.append(what)
contributes = manifest["contributes"]
language = contributes["languages"][0]
expect(language["id"] == "ecelerity", "language id ecelerity")
expect(set(language["filenames"]) == {"ecelerity.conf", "ecelerity-cluster.conf", "eccluster.conf"}, "the three file names")
expect(language["filenamePatterns"] == ["**/conf.d/*.conf"], "conf.d/*.conf pattern")
grammar = contributes["grammars"][0]
expect(grammar["scopeName"] == "source.ecelerity" and grammar["language"] == "ecelerity", "grammar for the language")
settings = contributes["configuration"]["properties"]
expect(settings.get("ecconf.path", {}).get("default") == "ecconf-check", "ecconf.path defaulting to ecconf-check")
for setting in ("ecconf.args", "ecconf.mainFile", "ecconf.filePatterns"):
    expect(setting in settings, setting)
for path in (manifest["main"], language["configuration"], grammar["path"], "README.md",
             "node_modules/vscode-languageclient/package.json"):
    expect("extension/" + path.removeprefix("./") in names, "file " + path)
for unwanted in ("extension/src/", "extension/test/", "extension/node_modules/typescript/", "extension/node_modules/@vscode/vsce/"):
    expect(not any(name.startswith(unwanted) for name in names), "no " + unwanted)
if problems:
    sys.exit("missing or wrong: " + "; ".join(problems))
print(f"{sys.argv[1]}: {len(names)} files, the manifest, grammar, language configuration, compiled extension and its runtime dependencies")
PY

unpacked=$(mktemp -d)
trap 'rm -rf "$unpacked"' EXIT
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$vsix" "$unpacked"
node test/load-packaged.js "$unpacked/extension/$(node -p 'require("path").normalize(require("./package.json").main)')" ||
    fail "the packaged extension does not load"
echo "vscode_extension: npm ci, tsc, ${#grammar_cases[@]} grammar test files and $extension/$vsix: passed"
