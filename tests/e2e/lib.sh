# lib.sh: shared helpers for the end-to-end tests (TAP output).
#
# Each test runs the real binary ($NEUVOO) with a private HOME and XDG
# folders under a temporary directory, and, for screens, in its own tmux
# server (a private socket), so that tests never see each other or the user.
set -u
: "${NEUVOO:?NEUVOO must point at the built program}"
: "${top_srcdir:?}"

T=$(mktemp -d "${TMPDIR:-/tmp}/neuvoo-e2e.XXXXXX")
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_STATE_HOME="$T/state" \
	XDG_CONFIG_HOME="$T/config"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CONFIG_HOME"
unset LANGUAGE LANG LC_MESSAGES NEUVOO_DATADIR
export LC_ALL=C.UTF-8
TMUX_SOCK="neuvoo-e2e-$$"
# Whose statistics files the desk writes here: DESK@$ME.db.
ME=$(id -un)
tap_n=0
tap_failed=0

tmux_() { tmux -L "$TMUX_SOCK" -f /dev/null "$@"; }

cleanup() {
	tmux_ kill-server 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

# skip_all WHY: skip the whole test (TAP "1..0 # SKIP", exit status 77).
skip_all() {
	echo "1..0 # SKIP $*"
	rm -rf "$T"
	trap - EXIT
	exit 77
}
# A test of the screen (it calls start or tmux_) needs tmux.
if ! command -v tmux >/dev/null 2>&1 &&
   grep -qE '(^|[[:space:]])(start|tmux_) ' "$0"; then
	skip_all "tmux is not installed"
fi

plan() { echo "1..$1"; }
ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }
not_ok() { tap_n=$((tap_n + 1)); tap_failed=1; echo "not ok $tap_n - $*"; }
# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() {
	local d=$1; shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}
diag() { printf '%s\n' "$@" | sed 's/^/# /'; }
finish() { exit $tap_failed; }

# start W H [env VAR=VAL ...] COMMAND...: run a command in a fresh tmux
# window of W x H; TERM defaults to xterm-256color.
start() {
	local w=$1 h=$2; shift 2
	tmux_ new-session -d -s t -x "$w" -y "$h" \
		"env TERM=${TERM_E2E:-xterm-256color} $*; sleep 600"
	tmux_ set-option -t t status off >/dev/null
	tmux_ set-window-option -t t remain-on-exit on >/dev/null 2>&1
}
keys() { tmux_ send-keys -t t "$@"; }
screen() { tmux_ capture-pane -p -t t; }
resize() { tmux_ resize-window -t t -x "$1" -y "$2"; }
# wait_for TEXT [SECONDS]: until the screen shows TEXT (fixed string).
wait_for() {
	local text=$1 limit=${2:-10} i=0
	while [ $i -lt $((limit * 20)) ]; do
		if screen | grep -qF -- "$text"; then return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	diag "timed out waiting for: $text" "screen was:"
	screen | sed 's/^/#   /'
	return 1
}
# pane_pid: the pid of the command in the window (for signals).
pane_pid() { tmux_ display-message -p -t t '#{pane_pid}'; }
# wait_gone TEXT [SECONDS]: until the last screen line no longer shows
# TEXT (a status message going); false when it stays.
wait_gone() {
	local text=$1 limit=${2:-2} i=0
	while [ $i -lt $((limit * 20)) ]; do
		if ! screen | tail -1 | grep -qF -- "$text"; then return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
