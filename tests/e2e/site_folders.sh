#!/bin/bash
# site_folders: the site's SYSCONFDIR/neuvoo/{scenarios,keymaps,screens}
# come before the bundled ones, with the real program ($NEUVOO_SYSCONFDIR
# stands in for SYSCONFDIR): a site scenario replaces the bundled one of its
# id, a site keymap and screen are found by name, and a user's own keymap
# still wins over the site's.
. "$top_srcdir/tests/e2e/lib.sh"
plan 7

site=$T/etc/neuvoo
mkdir -p "$site/scenarios" "$site/keymaps" "$site/screens"
export NEUVOO_SYSCONFDIR=$T/etc

# A site scenario with the id of a bundled one, a new title.
sed 's/^title_en = .*/title_en = "The site'"'"'s own Ohjaamo scenario"/' \
	"$top_srcdir/data/scenarios/youth-ohjaamo.conf" >"$site/scenarios/ohjaamo-local.conf"
"$NEUVOO" train --list >"$T/list" 2>"$T/err"
check "train --list shows the site's scenario" \
	grep -q "^youth-ohjaamo	The site's own Ohjaamo scenario" "$T/list"
check "in place of the bundled one, once" test "$(grep -c '^youth-ohjaamo	' "$T/list")" -eq 1
check "and the other bundled scenarios stay" grep -q '^daycare-arabic	' "$T/list"

# A keymap name nobody has: the message names every folder looked in.
"$NEUVOO" --desk e2e --keymap nonesuch >/dev/null 2>"$T/err"
check "a missing keymap names the site folder" grep -qF "$site/keymaps" "$T/err"

# A site keymap (the default one, quit on Ctrl-X instead of F10) and a site
# screen.
sed 's/quit = "F10"/quit = "C-x"/' "$top_srcdir/keymaps/default" >"$site/keymaps/site-keys"
cp "$top_srcdir/screens/desk" "$site/screens/site-desk"
start 80 24 "$NEUVOO --desk e2e --keymap site-keys --screen site-desk; echo EXITED=\$?"
check "the desk starts with the site's keymap and screen" wait_for "Interpreters F8"
keys C-x
check "the site keymap's quit key quits" wait_for "EXITED=0"
tmux_ kill-server 2>/dev/null

# The user's own keymap of that name (quit on Ctrl-G) wins over the site's.
mkdir -p "$XDG_CONFIG_HOME/neuvoo/keymaps"
sed 's/quit = "F10"/quit = "C-g"/' "$top_srcdir/keymaps/default" \
	>"$XDG_CONFIG_HOME/neuvoo/keymaps/site-keys"
start 80 24 "$NEUVOO --desk e2e --keymap site-keys; echo EXITED=\$?"
wait_for "Interpreters F8" >/dev/null
keys C-g
check "the user's keymap of the same name wins" wait_for "EXITED=0"
finish
