#!/bin/sh
# cmake --install into a temporary prefix, then build and run a consumer against the installed
# package twice: with find_package(ecconf) (tests/consumer) and with pkg-config (ecconf.pc).
# Usage: install_consume_test.sh CMAKE BUILD_DIR SOURCE_DIR CXX [FLAGS]
# FLAGS (compile and link) are needed when the library was built with sanitizers.
set -eu
cmake=$1 build=$2 source=$3 cxx=$4 flags=${5:-}
work=$(mktemp -d "${TMPDIR:-/tmp}/ecconf-install.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
prefix=$work/prefix
"$cmake" --install "$build" --prefix "$prefix" >"$work/install.log" || { cat "$work/install.log"; exit 1; }

fail() { echo "install_consume: $*" >&2; exit 1; }
libdir=$(cd "$prefix" && ls -d lib*/libecconf.a lib/*/libecconf.a 2>/dev/null | head -n 1)
[ -n "$libdir" ] || fail "libecconf.a not installed"
libdir=$(dirname "$libdir")
for f in bin/ecconf-check include/ecconf/check.hpp include/ecconf/rule_ids.hpp share/ecconf/rules.json \
         share/man/man1/ecconf-check.1 share/bash-completion/completions/ecconf-check \
         "$libdir/cmake/ecconf/ecconfConfig.cmake" "$libdir/pkgconfig/ecconf.pc"; do
  [ -e "$prefix/$f" ] || fail "$f not installed"
done
"$prefix/bin/ecconf-check" --version >/dev/null || fail "the installed ecconf-check does not run"

expected="errors: 0 warnings: 0
rule: syntax-error
schemas: 1"
example=$source/testdata/example/ecelerity.conf

# CMake package.
"$cmake" -S "$source/tests/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" \
  >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail "configuring the consumer failed"; }
"$cmake" --build "$work/consumer" >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "building the consumer failed"; }
out=$("$work/consumer/consumer" "$example") || fail "consumer exited $? on the clean example: $out"
[ "$out" = "$expected" ] || fail "find_package consumer printed: $out"
# The broken examples must fail with errors counted.
if "$work/consumer/consumer" "$source/testdata/cases/syntax-error/ecelerity.conf" >/dev/null; then fail "consumer missed a syntax error"; fi

# pkg-config (static library: --static brings libcap, libpcre2-8 and pthread).
if command -v pkg-config >/dev/null; then
  pc_flags=$(PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig" pkg-config --static --cflags --libs ecconf) || fail "pkg-config ecconf failed"
  # shellcheck disable=SC2086
  "$cxx" -std=c++17 $flags -DECCONF_SCHEMA_DIR="\"$prefix/share/ecconf\"" -o "$work/consumer-pc" "$source/tests/consumer/main.cpp" $pc_flags \
    || fail "building with pkg-config failed (flags: $pc_flags)"
  out=$("$work/consumer-pc" "$example") || fail "pkg-config consumer exited $?"
  [ "$out" = "$expected" ] || fail "pkg-config consumer printed: $out"
fi
echo "install_consume: ok ($prefix)"
