# users.sh: real Unix users for the end-to-end tests that run as root
# (sourced after lib.sh). One site folder they can all reach (lib.sh's $T
# is root's, 0700), a group and its users with homes of their own, a
# command or a tmux window as one of them, and a cleanup at exit that
# kills their processes and removes them, their group and the site.
#
#   users_need TOOL...         skip unless root and every tool is there
#   users_add GROUP USER...    SITE made, the group, its users
#   as USER COMMAND...         COMMAND as USER (home, XDG folders)
#   user_window W USER COLS ROWS ARG...
#                              neuvoo --config $CONF ARG... as USER in
#                              tmux session W
#   win W; wait_in W TEXT [SECONDS]
# A test that needs more at exit defines users_cleanup_more.

users_need() {
	[ "$(id -u)" = 0 ] || skip_all "needs root to create Unix users"
	for tool in useradd userdel groupadd groupdel runuser "$@"; do
		command -v "$tool" >/dev/null 2>&1 || skip_all "$tool is missing"
	done
}

USERS_GROUP=""
USERS_LIST=""
users_cleanup() {
	command -v users_cleanup_more >/dev/null 2>&1 && users_cleanup_more
	tmux_ kill-server 2>/dev/null
	for u in $USERS_LIST; do
		for pid in $(pgrep -u "$u" 2>/dev/null); do
			kill -KILL "$pid" 2>/dev/null
		done
	done
	for u in $USERS_LIST; do
		userdel -f "$u" >/dev/null 2>&1
	done
	[ -n "$USERS_GROUP" ] && groupdel "$USERS_GROUP" >/dev/null 2>&1
	[ -n "${SITE:-}" ] && rm -rf "$SITE"
	cleanup
}

users_add() {
	USERS_GROUP=$1
	shift
	SITE=$(mktemp -d "${TMPDIR:-/tmp}/neuvoo-site.XXXXXX")
	chmod 755 "$SITE"
	trap users_cleanup EXIT
	groupadd "$USERS_GROUP"
	for u in "$@"; do
		USERS_LIST="$USERS_LIST $u"
		useradd -M -N -g "$USERS_GROUP" -d "$SITE/home/$u" -s /bin/sh "$u"
		mkdir -p "$SITE/home/$u"
		chown "$u:$USERS_GROUP" "$SITE/home/$u"
		chmod 700 "$SITE/home/$u"
	done
}

# The environment of USER's session: its home and XDG folders.
users_env() {
	echo "HOME=$SITE/home/$1 XDG_DATA_HOME=$SITE/home/$1/data" \
		"XDG_STATE_HOME=$SITE/home/$1/state XDG_CONFIG_HOME=$SITE/home/$1/config" \
		"LC_ALL=C.UTF-8"
}

as() {
	u=$1
	shift
	# shellcheck disable=SC2046 # the variables are words without spaces
	runuser -u "$u" -- env $(users_env "$u") "$@"
}

user_window() {
	w=$1 u=$2 cols=$3 rows=$4
	shift 4
	tmux_ new-session -d -s "$w" -x "$cols" -y "$rows" \
		"runuser -u $u -- env $(users_env "$u") TERM=xterm-256color $NEUVOO --config $CONF $*; echo EXITED=\$?; sleep 600"
	tmux_ set-option -t "$w" status off >/dev/null
}

win() { tmux_ capture-pane -p -t "$1"; }
wait_in() {
	i=0
	while [ $i -lt $((${3:-15} * 20)) ]; do
		win "$1" | grep -qF -- "$2" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	diag "window $1 does not show: $2" "it shows:"
	win "$1" | sed 's/^/#   /'
	return 1
}
