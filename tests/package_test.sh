#!/bin/sh
# Builds the packages with CPack and checks each as a user would get it: the .deb installed with dpkg
# into a throwaway root (the machine's package database is not touched) runs on the bundled example;
# the RPM's file list and requirements (rpm -qpl, rpm -qpR); the release archive's command is static,
# runs where it is unpacked, and in an empty chroot answers exactly as the dynamic command of the build
# tree does. Prints each package's size. The chroot needs root (else user namespaces: unshare -r).
# Usage: package_test.sh CPACK BUILD_DIR SOURCE_DIR VERSION   (from the repository root)
set -eu
cpack=$1 build=$2 source=$3 version=$4
work=$(mktemp -d "${TMPDIR:-/tmp}/ecconf-package.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
fail() { echo "packages: $*" >&2; exit 1; }
for tool in dpkg dpkg-deb rpm readelf; do command -v "$tool" >/dev/null || fail "$tool is missing (tools/install-deps installs it)"; done

(cd "$work" && "$cpack" --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$work/out/ecconf_${version}_amd64.deb
rpm=$work/out/ecconf-${version}-1.x86_64.rpm
tgz=$work/out/ecconf-${version}-linux-x86_64.tar.gz
for f in "$deb" "$rpm" "$tgz"; do
  [ -f "$f" ] || fail "$(basename "$f") was not built"
  echo "$(basename "$f"): $(wc -c <"$f") bytes"
done

example=$source/testdata/example/ecelerity.conf
broken=$source/testdata/cases/syntax-error/ecelerity.conf
runs() {  # the command runs clean on the example and finds the syntax error
  "$1" "$example" || fail "$1 exited $? on the example"
  status=0
  "$1" --format gcc "$broken" >/dev/null || status=$?
  [ "$status" -eq 1 ] || fail "$1 exited $status on a syntax error, not 1"
}

# Debian package: every dependency is installed on this machine, then dpkg -i into a throwaway root.
depends=$(dpkg-deb -f "$deb" Depends)
[ "$depends" = "libc6 (>= 2.34), libstdc++6 (>= 12), libgcc-s1, libcap2, libpcre2-8-0" ] || fail "Depends: $depends"
for package in $(echo "$depends" | sed 's/([^)]*)//g; s/,/ /g'); do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || fail "dependency $package is not installed"
done
root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
: >"$root/var/lib/dpkg/status"
dpkg --root="$root" --force-depends --force-not-root --force-script-chrootless -i "$deb" >"$work/dpkg.log" 2>&1 ||
  { cat "$work/dpkg.log"; fail "dpkg -i failed"; }
for f in usr/bin/ecconf-check usr/share/man/man1/ecconf-check.1 usr/share/bash-completion/completions/ecconf-check \
         usr/share/zsh/vendor-completions/_ecconf-check usr/share/fish/vendor_completions.d/ecconf-check.fish \
         usr/lib/libecconf.a usr/include/ecconf/check.hpp usr/lib/cmake/ecconf/ecconfConfig.cmake usr/lib/pkgconfig/ecconf.pc \
         usr/share/doc/ecconf/rules/unknown-option.md; do
  [ -e "$root/$f" ] || fail "the .deb does not install /$f"
done
runs "$root/usr/bin/ecconf-check"
dpkg --root="$root" --force-script-chrootless -r ecconf >"$work/dpkg-r.log" 2>&1 || { cat "$work/dpkg-r.log"; fail "dpkg -r failed"; }
[ ! -e "$root/usr/bin/ecconf-check" ] || fail "dpkg -r left /usr/bin/ecconf-check"

# RPM: the files, and the requirements rpmbuild found in the command.
rpm -qpl "$rpm" >"$work/rpm.files" 2>/dev/null || fail "rpm -qpl failed"
for f in /usr/bin/ecconf-check /usr/share/man/man1/ecconf-check.1 /usr/share/bash-completion/completions/ecconf-check \
         /usr/lib/libecconf.a /usr/include/ecconf/check.hpp /usr/lib/cmake/ecconf/ecconfConfig.cmake /usr/lib/pkgconfig/ecconf.pc; do
  grep -qx "$f" "$work/rpm.files" || fail "the RPM does not hold $f"
done
for shared in /usr/share/man /usr/share/man/man1 /usr/lib/pkgconfig /usr/include /usr/share/zsh /usr/share/fish; do
  ! grep -qx "$shared" "$work/rpm.files" || fail "the RPM claims $shared, a directory of other packages"
done
rpm -qpR "$rpm" >"$work/rpm.requires" 2>/dev/null || fail "rpm -qpR failed"
for library in 'libc.so.6()(64bit)' 'libstdc++.so.6()(64bit)' 'libcap.so.2()(64bit)' 'libpcre2-8.so.0()(64bit)'; do
  grep -qxF "$library" "$work/rpm.requires" || fail "the RPM does not require $library"
done
! grep -q tomlplusplus "$work/rpm.requires" || fail "the RPM requires toml++, which the command uses header-only"

# Release archive: its command has no dynamic section (it loads nothing from the machine), runs from
# where it is unpacked, and in a chroot holding only it and the files it reads gives the build tree's
# dynamic command's exact output and exit status; it refuses --check-host (a usage error).
mkdir "$work/unpacked"
tar -xzf "$tgz" -C "$work/unpacked"
static=$work/unpacked/ecconf-${version}-linux-x86_64/bin/ecconf-check
readelf -d "$static" | grep -q "no dynamic section" || fail "the archive's command is dynamically linked"
runs "$static"
jail=$work/jail
mkdir "$jail"
cp "$static" "$jail/ecconf-check"
cp -R "$source/testdata/example" "$jail/example"
cp "$broken" "$jail/broken.conf"
if [ "$(id -u)" -eq 0 ]; then enter=chroot; else enter="unshare --map-root-user chroot"; fi
answer() {  # ANSWER_FILE COMMAND ARGUMENTS...: its standard output and error, then its exit status
  out=$1 && shift
  status=0
  "$@" >"$out" 2>&1 || status=$?
  echo "exit status $status" >>"$out"
}
alike() {  # ARGUMENTS (paths relative to the chroot): the static command there answers as the dynamic one
  answer "$work/dynamic.out" env -C "$jail" "$build/ecconf-check" "$@"
  answer "$work/static.out" $enter "$jail" /ecconf-check "$@"
  diff -u "$work/dynamic.out" "$work/static.out" >&2 || fail "in a chroot, the archive's command answers ecconf-check $* otherwise"
}
alike example/ecelerity.conf
alike --format json example/ecelerity.conf
alike broken.conf
alike --format json broken.conf
answer "$work/static.out" $enter "$jail" /ecconf-check --check-host example/ecelerity.conf
grep -q "^ecconf-check: --check-host is not available in this statically linked ecconf-check" "$work/static.out" &&
  tail -n 1 "$work/static.out" | grep -qx "exit status 3" || { cat "$work/static.out"; fail "the archive's command does not refuse --check-host"; }
echo "packages: the .deb installs, runs and is removed; the RPM's files and requirements are right; the archive's static command runs unpacked and in an empty chroot"
