#!/bin/bash
# destdir_install: make install into a DESTDIR gives a complete, working
# tree with the configured folders in its man pages and sample
# configuration and no build-tree folder in the program; a second install
# keeps a site's edited configuration; make uninstall takes everything
# away again, the folders of neuvoo's own included. TAP output.
set -u
: "${top_builddir:?}" "${top_srcdir:?}"
MAKE=${MAKE:-make}
T=$(mktemp -d "${TMPDIR:-/tmp}/neuvoo-destdir.XXXXXX")
trap 'rm -rf "$T"' EXIT
D=$T/root
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $*"; }
check() { local d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
diag() { sed 's/^/# /'; }
echo "1..16"

eval "$($MAKE -s --no-print-directory -C "$top_builddir" print-dirs 2>/dev/null)"
inst() { $MAKE -C "$top_builddir" install DESTDIR="$D" >"$T/install.log" 2>&1 ||
	{ diag <"$T/install.log"; return 1; }; }
check "make install DESTDIR=..." inst
bin=$D$bindir/neuvoo
check "the program is installed" test -x "$bin"

# Debug information names the build folder as in every debug build (the
# .deb and make install-strip have none); what the program itself knows
# must not.
strip -o "$T/neuvoo.stripped" "$bin"
if strings "$T/neuvoo.stripped" | grep -F -e "$top_builddir" -e "$top_srcdir" >"$T/found"; then
	not_ok "no build or source folder in the installed program"; diag <"$T/found"
else
	ok "no build or source folder in the installed program"
fi

check "data, keymaps, screens and scenarios" test -f "$D$pkgdatadir/catalogue/helsinki.sql" \
	-a -f "$D$pkgdatadir/keymaps/default" -a -f "$D$pkgdatadir/screens/desk" \
	-a -f "$D$pkgdatadir/scenarios/youth-ohjaamo.conf" \
	-a -f "$D$pkgdatadir/mappings/hsds-languages.csv"
check "translations" test -f "$D$localedir/fi/LC_MESSAGES/neuvoo.mo" \
	-a -f "$D$localedir/sv/LC_MESSAGES/neuvoo.mo"
check "licence and guides" test -f "$D$docdir/COPYING" -a -f "$D$docdir/supervisor-guide.md"

mans=$(ls "$D$mandir"/man[15]/neuvoo* 2>/dev/null | wc -l)
check "four man pages" test "$mans" -eq 4
if grep -lwE 'SYSCONFDIR|PKGDATADIR|LOCALSTATEDIR' "$D$mandir"/man[15]/neuvoo* >"$T/found" 2>&1; then
	not_ok "man pages name real folders, no placeholders"; diag <"$T/found"
else
	ok "man pages name real folders, no placeholders"
fi
check "neuvoo(1) names $sysconfdir/neuvoo/neuvoo.conf" \
	grep -qF "$sysconfdir/neuvoo/neuvoo.conf" "$D$mandir/man1/neuvoo.1"

conf=$D$sysconfdir/neuvoo/neuvoo.conf
check "the sample configuration, with real folders" \
	grep -qF "#stats-dir = \"$localstatedir/lib/neuvoo/stats\"" "$conf"
empty=yes
for d in keymaps screens scenarios mappings; do
	[ -d "$D$sysconfdir/neuvoo/$d" ] && [ -z "$(ls -A "$D$sysconfdir/neuvoo/$d")" ] || empty=no
done
check "empty site folders for keymaps, screens, scenarios and mappings" test $empty = yes

# The installed program on its installed data (through NEUVOO_DATADIR, as
# the tree is not at its prefix), as a new user.
mkdir -p "$T/home"
if env -i PATH="$PATH" HOME="$T/home" NEUVOO_DATADIR="$D$pkgdatadir" \
	"$bin" catalogue info >"$T/info" 2>&1 && grep -q Helsinki "$T/info"; then
	ok "the installed program reads its catalogue"
else
	not_ok "the installed program reads its catalogue"; diag <"$T/info"
fi

# make uninstall leaves no file and no folder of neuvoo's own.
left() {
	find "$D" \( -type f -o -type l \) -print
	for d in "$pkgdatadir" "$sysconfdir/neuvoo" "$docdir"; do
		if [ -e "$D$d" ]; then echo "$D$d"; fi
	done
}
$MAKE -C "$top_builddir" uninstall DESTDIR="$D" >"$T/uninstall.log" 2>&1
if [ -n "$(left)" ]; then
	not_ok "make uninstall leaves nothing behind"; left | diag
else
	ok "make uninstall leaves nothing behind"
fi

# A site's own configuration survives install and uninstall.
inst
echo 'group = "advisors"' >>"$conf"
inst
check "a second install keeps the site's configuration" grep -q '^group = "advisors"' "$conf"
$MAKE -C "$top_builddir" uninstall DESTDIR="$D" >"$T/uninstall.log" 2>&1
check "uninstall keeps it too" grep -q '^group = "advisors"' "$conf"
rm -f "$conf"
rmdir "$(dirname "$conf")"
if [ -n "$(left)" ]; then
	not_ok "and nothing else"; left | diag
else
	ok "and nothing else"
fi
exit $failed
