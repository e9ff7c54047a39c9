#!/bin/sh
# po_complete: fi and sv must translate every message of the current
# sources (no untranslated, no fuzzy), and every shipped .po must pass
# msgfmt --check. The sources are extracted afresh, so a new string that
# nobody translated fails here even before po/ is updated. TAP output.
set -u
: "${top_srcdir:?}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/neuvoo-po.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $*"; }

langs=$(cat "$top_srcdir/po/LINGUAS")
set -- $langs
echo "1..$(( 1 + 2 * $# ))"

cd "$top_srcdir" || exit 1
files=$(grep -v '^#' po/POTFILES.in | grep -v '^$')
if xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ \
	--keyword=ngettext:1,2 --keyword=C_:1c,2 --keyword=NC_:1c,2 \
	--add-comments=TRANSLATORS: -o "$tmp/neuvoo.pot" $files 2>"$tmp/xgettext.err"; then
	ok "messages extracted from $(echo "$files" | wc -l) source files"
else
	not_ok "xgettext failed"; sed 's/^/# /' "$tmp/xgettext.err"
fi
for l in $langs; do
	if msgfmt --check -o /dev/null "po/$l.po" 2>"$tmp/check.err"; then
		ok "po/$l.po passes msgfmt --check"
	else
		not_ok "po/$l.po fails msgfmt --check"; sed 's/^/# /' "$tmp/check.err"
	fi
	msgmerge -q --no-fuzzy-matching -o "$tmp/$l.po" "po/$l.po" "$tmp/neuvoo.pot" 2>/dev/null
	stats=$(msgfmt --statistics -o /dev/null "$tmp/$l.po" 2>&1)
	case "$l:$stats" in
	fi:*untranslated*|fi:*fuzzy*|sv:*untranslated*|sv:*fuzzy*)
		not_ok "po/$l.po is complete ($stats)"
		for what in only-fuzzy untranslated; do
			msgattrib --no-wrap --$what "$tmp/$l.po" 2>/dev/null |
				grep '^msgid "' | grep -v '^msgid ""$' | head -20 |
				sed "s/^msgid /# ${what#only-}: /"
		done
		;;
	*) ok "po/$l.po: $stats" ;;
	esac
done
exit $failed
