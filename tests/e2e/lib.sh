# Helpers for the end-to-end tests: a private temporary home, a private
# tmux server, screen captures, and assertions that explain themselves.
# Sourced by tests/e2e/test_*.sh, which get the ccon binary as $1.

set -euo pipefail

CCON=${1:?usage: $0 path/to/ccon}
T=$(mktemp -d /tmp/ccon-e2e.XXXXXX)
TMUX_SOCKET="ccon-e2e-$$"
FAILS=0
PASSES=0

# Nothing of the user's own setup leaks in, and nothing is left behind.
export HOME=$T/home XDG_CONFIG_HOME=$T/config XDG_STATE_HOME=$T/state
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
unset NO_COLOR
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_STATE_HOME"

cleanup() {
	tmux -L "$TMUX_SOCKET" kill-server 2>/dev/null || true
	rm -rf "$T"
}
trap cleanup EXIT

pass() { PASSES=$((PASSES + 1)); echo "ok - $*"; }
fail() { FAILS=$((FAILS + 1)); echo "FAIL - $*"; }

check() {  # check "description" command...
	local what=$1
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}

finish() {
	echo "$PASSES passed, $FAILS failed"
	[ "$FAILS" -eq 0 ]
}

tm() { tmux -L "$TMUX_SOCKET" "$@"; }

# Starts ccon in a detached tmux session of the given size.
start_console() {  # start_console COLS ROWS args...
	local cols=$1 rows=$2
	shift 2
	tm -f /dev/null new-session -d -s e2e -x "$cols" -y "$rows" \
		"$CCON $* 2>$T/stderr; echo \"exit=\$?\" >$T/exit; sleep 60"
	tm set-option -t e2e status off >/dev/null
}

screen_text() { tm capture-pane -t e2e -p; }
screen_ansi() { tm capture-pane -t e2e -p -e; }
keys() { tm send-keys -t e2e "$@"; }

# Waits up to $2 seconds (default 10) until the screen text matches the
# extended regex $1.
wait_for() {
	local re=$1 limit=${2:-10} i
	for ((i = 0; i < limit * 10; i++)); do
		if screen_text | grep -Eq -- "$re"; then
			return 0
		fi
		sleep 0.1
	done
	echo "--- timed out after ${limit}s waiting for /$re/; screen:" >&2
	screen_text >&2
	return 1
}

# The screen line (with colour codes) holding the fixed string $1.
ansi_line() { screen_ansi | grep -F -- "$1" | head -n 1; }

# Whether an SGR sequence in the text sets foreground colour $1 (0-7),
# in any of the forms tmux writes: 3N, 9N (bright) or 38;5;N.
has_fg() {  # has_fg N text
	printf '%s' "$2" | grep -Pq "\x1b\[(?:[0-9]+;)*(?:3$1|9$1|38;5;$1)(?:;[0-9]+)*m"
}

# The line of the ANSI capture whose plain text matches the extended
# regex $1 (first match), or nothing.
ansi_row() {
	local n
	n=$(screen_text | grep -En -- "$1" | head -n 1 | cut -d: -f1)
	[ -n "$n" ] && screen_ansi | sed -n "${n}p"
}

# Whether an SGR sequence in the text sets attribute $1 (1 bold, 2 dim,
# 7 reverse), alone or combined.
has_attr() {  # has_attr N text
	printf '%s' "$2" | grep -Pq "\x1b\[(?:[0-9]+;)*$1(?:;[0-9]+)*m"
}
