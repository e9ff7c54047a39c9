#!/bin/bash
# deb-check: build the Debian package from a copy of the sources, run
# lintian on it, install it, use it as a new user, and purge it again.
#
#   tests/packaging/deb-check.sh [--build-only] [--out DIR] [--with-tests]
#
# The sources git knows (tracked, and new files it does not ignore) are
# copied to a temporary folder, so dpkg-buildpackage (which cleans and
# builds in its tree) never touches the developer's tree or build.
#   --build-only   only build (and lint); copy neuvoo_*.deb to --out (make deb)
#   --out DIR      where the .deb goes (default: the current folder)
#   --with-tests   run make check inside the package build too (it is
#                  skipped by default: CI runs make check before this)
# The install and purge steps need root (CI runs as root) and are refused
# when a neuvoo package is installed already, so that a developer's own
# installation is never purged. Exit status: 0 all passed, 1 a check failed,
# 2 a usage error or a missing tool. Not part of make check (a minute).
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build_only=no
out=$PWD
with_tests=no
while [ $# -gt 0 ]; do
	case $1 in
	--build-only) build_only=yes ;;
	--out) out=$2; shift ;;
	--with-tests) with_tests=yes ;;
	*) echo "deb-check: unknown option $1 (see the top of $0)" >&2; exit 2 ;;
	esac
	shift
done
say() { echo "deb-check: $*"; }
failed=0
pass() { say "ok: $*"; }
fail() { say "FAILED: $*"; failed=1; }

for tool in dpkg-buildpackage dh lintian fakeroot; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "deb-check: $tool is missing; run ./setup (it installs debhelper, lintian, dpkg-dev and fakeroot)" >&2
		exit 2
	fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/neuvoo-deb.XXXXXX")
user=""
cleanup() {
	if [ -n "$user" ] && id "$user" >/dev/null 2>&1; then
		userdel -r "$user" >/dev/null 2>&1
	fi
	rm -rf "$work"
}
trap cleanup EXIT

# 1. A copy of the sources.
src=$work/neuvoo
mkdir -p "$src"
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	(cd "$top" &&
	 git ls-files -z -c -o --exclude-standard |
	 xargs -0 sh -c 'for f; do [ -f "$f" ] && printf "%s\0" "$f"; done; :' sh |
	 tar --null -T - -cf -) | tar -C "$src" -xpf -
else
	# A release tarball: everything in it is a source.
	(cd "$top" && tar --exclude=./build-* -cf - .) | tar -C "$src" -xpf -
fi
say "sources copied to $src"

# 2. The source package (for lintian's source checks: debian/control,
# copyright, rules), from the clean copy, then the binary package.
if ! (cd "$work" && dpkg-source -b neuvoo >"$work/source.log" 2>&1); then
	cat "$work/source.log"
	say "FAILED: dpkg-source -b"
	exit 1
fi
opts=""
profiles=""
if [ $with_tests = no ]; then
	opts="nocheck"
	profiles="nocheck"
fi
say "dpkg-buildpackage -us -uc -b${opts:+ (DEB_BUILD_OPTIONS=$opts)}"
if ! (cd "$src" && DEB_BUILD_OPTIONS="$opts" DEB_BUILD_PROFILES="$profiles" \
	dpkg-buildpackage -us -uc -b >"$work/build.log" 2>&1); then
	grep -E '^(FAIL|ERROR|XPASS): ' "$work/build.log"
	tail -n 40 "$work/build.log"
	cp "$work/build.log" "$out/deb-build.log" 2>/dev/null &&
		say "the whole log: $out/deb-build.log"
	say "FAILED: dpkg-buildpackage (log above)"
	exit 1
fi
deb=$(ls "$work"/neuvoo_*.deb 2>/dev/null | head -n 1)
changes=$(ls "$work"/neuvoo_*.changes 2>/dev/null | head -n 1)
if [ -z "$deb" ]; then
	say "FAILED: no neuvoo_*.deb was made"
	exit 1
fi
pass "built $(basename "$deb")"

# 3. lintian: no error; every warning is overridden with its reason in
# debian/neuvoo.lintian-overrides, so a new one fails here too.
lintian --info --display-info --pedantic --fail-on error,warning \
	"$changes" "$work"/neuvoo_*.dsc >"$work/lintian.log" 2>&1
lint=$?
grep -v 'running with root privileges' "$work/lintian.log" | sed 's/^/  lintian: /'
if [ $lint -eq 0 ]; then
	pass "lintian (binary and source, pedantic): no errors, no warnings, $(grep -c '^[IP]:' "$work/lintian.log") info or pedantic tags"
else
	fail "lintian reports errors or warnings (above)"
fi

count=$(dpkg-deb -c "$deb" | grep -vc '/$')
pass "the package holds $count files ($(dpkg-deb -c "$deb" | wc -l) entries)"

if [ $build_only = yes ]; then
	cp "$deb" "$out/" && say "$(basename "$deb") is in $out"
	exit $failed
fi

# 4. Install it and use it as a new user.
if [ "$(id -u)" != 0 ]; then
	say "installing needs root; only built and linted"
	exit $failed
fi
if dpkg-query -W -f='${Status}' neuvoo 2>/dev/null | grep -q 'installed'; then
	echo "deb-check: a neuvoo package is installed already; remove it first (this check purges what it installs)" >&2
	exit 2
fi
if ! dpkg -i "$deb" >"$work/install.log" 2>&1; then
	cat "$work/install.log"
	fail "dpkg -i"
	dpkg --purge neuvoo >/dev/null 2>&1
	exit 1
fi
pass "dpkg -i"
dpkg -L neuvoo | sort >"$work/files"

version=$(/usr/bin/neuvoo --version 2>&1)
if echo "$version" | grep -q '^neuvoo 0' &&
   echo "$version" | grep -q 'GPLv3+' && echo "$version" | grep -q 'Copyright'; then
	pass "/usr/bin/neuvoo --version: $(echo "$version" | head -n 1), licence and copyright"
else
	fail "/usr/bin/neuvoo --version said: $version"
fi

user=neuvoo-deb$$
useradd -m -d "$work/home" -s /bin/sh "$user" || { fail "useradd $user"; exit 1; }
chmod 755 "$work"
as_user() { runuser -u "$user" -- env -i PATH=/usr/bin:/bin HOME="$work/home" \
	LC_ALL=C.UTF-8 "$@"; }
if as_user /usr/bin/neuvoo catalogue info >"$work/info" 2>&1 && grep -q Helsinki "$work/info"; then
	pass "neuvoo catalogue info as a new user (its catalogue made from /usr/share/neuvoo)"
else
	fail "neuvoo catalogue info as a new user:"; cat "$work/info"
fi
if as_user /usr/bin/neuvoo train --list >"$work/train" 2>&1 && [ -s "$work/train" ]; then
	pass "neuvoo train --list finds the bundled scenarios"
else
	fail "neuvoo train --list:"; cat "$work/train"
fi
if as_user env LANGUAGE=fi /usr/bin/neuvoo --version | grep -q 'Lisenssi' &&
   as_user env LANGUAGE=sv /usr/bin/neuvoo --version | grep -q 'Licens '; then
	pass "translations: fi and sv"
else
	fail "the Finnish or Swedish translation is not used"
fi

mans=$(grep -c '^/usr/share/man/man[15]/neuvoo.*\.gz$' "$work/files")
bad=$(for m in $(grep '^/usr/share/man/man[15]/neuvoo.*\.gz$' "$work/files"); do
	zcat "$m" | grep -lwE 'SYSCONFDIR|PKGDATADIR|LOCALSTATEDIR' >/dev/null && echo "$m"; done)
if [ "$mans" -eq 4 ] && [ -z "$bad" ] &&
   zcat /usr/share/man/man1/neuvoo.1.gz | grep -qF '/etc/neuvoo/neuvoo.conf' &&
   zcat /usr/share/man/man5/neuvoo-keymap.5.gz | grep -qF '/usr/share/neuvoo/keymaps'; then
	pass "4 man pages with the real folders (/etc/neuvoo, /usr/share/neuvoo)"
else
	fail "man pages: $mans found; placeholders in: ${bad:-none}"
fi
if dpkg-query -W -f='${Conffiles}\n' neuvoo | grep -q '/etc/neuvoo/neuvoo.conf' &&
   [ -d /etc/neuvoo/keymaps ] && [ -d /etc/neuvoo/screens ] && [ -d /etc/neuvoo/scenarios ]; then
	pass "/etc/neuvoo/neuvoo.conf is a conffile; the site folders exist"
else
	fail "/etc/neuvoo: the sample conffile or a site folder is missing"
fi
# No build or source folder in the installed program (the package build's
# copy, or the developer's tree).
if strings /usr/bin/neuvoo | grep -F -e "$work" -e "$top" >"$work/strings"; then
	fail "build folders in /usr/bin/neuvoo:"; cat "$work/strings"
else
	pass "no build or source folder in /usr/bin/neuvoo"
fi

# 5. Purge: nothing of the package is left, only what users made (the
# new user's catalogue copy stands in for statistics here).
if ! dpkg --purge neuvoo >"$work/purge.log" 2>&1; then
	cat "$work/purge.log"; fail "dpkg --purge"
fi
left=$(while read -r f; do
	[ "$f" = /. ] && continue
	[ -e "$f" ] || continue
	# Shared folders (/usr/bin, /usr/share/man/man1...) stay.
	[ -d "$f" ] && dpkg -S "$f" >/dev/null 2>&1 && continue
	echo "$f"
done <"$work/files")
found=$(find /etc /usr/bin /usr/share /var/lib/dpkg/info -name '*neuvoo*' 2>/dev/null)
if [ -z "$left" ] && [ -z "$found" ]; then
	pass "dpkg --purge leaves nothing of the $(wc -l <"$work/files") paths of dpkg -L behind"
else
	fail "left after dpkg --purge:"; echo "$left" "$found"
fi
if [ -f "$work/home/.local/share/neuvoo/catalogue.db" ]; then
	pass "the user's own files stay"
else
	fail "the purge removed a user's file"
fi

if [ $failed = 0 ]; then say "all passed"; fi
exit $failed
