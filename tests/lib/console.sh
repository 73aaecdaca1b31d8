# shellcheck shell=bash
# The console driven through tmux: a private temporary home, a private tmux
# server, screen captures (text and colours), keys, waiting for the screen.
# Sourced by the tests that run ccon (tests/e2e, tests/ssh, tests/lab),
# which get the ccon binary as $1. Sources check.sh (check, pass, fail,
# not, wait_until, finish) and sets -euo pipefail.
#
# Before sourcing, a test may set:
#   TEST_NAME     names the temp dir and the tmux server (default e2e)
#   TEST_TMPDIR   where the temp dir is made (default /tmp)
#   TEST_KEEP=1   keep the temp dir at exit (the ssh harness removes its own)
# After sourcing: $CCON, $T (the temp dir), $HOME=$T/home,
# $XDG_CONFIG_HOME=$T/config, $XDG_STATE_HOME=$T/state, $TMUX_SOCKET.

set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=check.sh
. "$(dirname "${BASH_SOURCE[0]}")/check.sh"

CCON=${1:?usage: $0 path/to/ccon}
TEST_NAME=${TEST_NAME:-e2e}
T=$(mktemp -d "${TEST_TMPDIR:-/tmp}/ccon-$TEST_NAME.XXXXXX")
TMUX_SOCKET="ccon-$TEST_NAME-$$"
SESSION=e2e

# Nothing of the user's own setup leaks in, and nothing is left behind.
export HOME=$T/home XDG_CONFIG_HOME=$T/config XDG_STATE_HOME=$T/state
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
unset NO_COLOR
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_STATE_HOME"

console_cleanup() {
	tmux -L "$TMUX_SOCKET" kill-server 2>/dev/null || true
	[ "${TEST_KEEP:-0}" = 1 ] || rm -rf "$T"
}
trap console_cleanup EXIT

tm() { tmux -L "$TMUX_SOCKET" "$@"; }

# start_console [-e VAR=VALUE]... COLS ROWS ARGS...: ccon ARGS (with those
# variables in its environment) in a detached tmux session of that size,
# without tmux's status line. ccon's stderr goes to $T/stderr and, when it
# ends, "exit=STATUS" to $T/exit; the pane then stays a minute.
start_console() {
	local env=() cmd
	while [ "$1" = -e ]; do
		env+=("$2")
		shift 2
	done
	local cols=$1 rows=$2
	shift 2
	cmd=$(printf '%q ' ${env[@]+"${env[@]}"} "$CCON" "$@")
	[ ${#env[@]} -gt 0 ] && cmd="env $cmd"
	rm -f "$T/exit"
	# The exit file appears whole (mv), never opened and still empty
	# while console_exited already sees it.
	tm -f /dev/null new-session -d -s "$SESSION" -x "$cols" -y "$rows" \
		"$cmd 2>$T/stderr; echo \"exit=\$?\" >$T/exit.new; mv $T/exit.new $T/exit; sleep 60"
	tm set-option -t "$SESSION" status off >/dev/null
}

# console_exited LIMIT: waits up to LIMIT seconds for ccon to end; status 1
# if it still runs.
console_exited() { wait_until "$1" test -e "$T/exit"; }

# Ends the session (ccon with it, if it still runs).
stop_console() {
	tm kill-session -t "$SESSION" 2>/dev/null || true
	rm -f "$T/exit"
}

# q, and the checks every console test ends with: ccon quits with
# status 0, and said nothing out of turn (console_quiet).
quit_console() {
	keys q
	console_exited 5 || true
	check "q quits with status 0" grep -qx "exit=0" "$T/exit"
	check "nothing on stderr, nor in the console's log (sanitizers included)" console_quiet
}

# Whether ccon said nothing out of turn: its stderr was empty, and the log
# its stderr goes to while the console runs holds no sanitizer report
# (libssh's warnings are welcome there).
console_quiet() {
	local log=$XDG_STATE_HOME/ccon/ccon.log
	[ ! -s "$T/stderr" ] || return 1
	[ ! -e "$log" ] || ! grep -Eq "runtime error|Sanitizer|^==[0-9]+==" "$log"
}

screen_text() { tm capture-pane -t "$SESSION" -p; }
screen_ansi() { tm capture-pane -t "$SESSION" -p -e; }
keys() { tm send-keys -t "$SESSION" "$@"; }

# Line $1 of the screen (1 is the top).
screen_line() { screen_text | sed -n "${1}p"; }

# Whether the screen text matches the extended regex $1, now.
screen_has() { screen_text | grep -Eq -- "$1"; }

# How many lines of the screen match the extended regex $1.
screen_count() { screen_text | grep -cE -- "$1" || true; }

# select_row ERE [MAX]: moves the selection of a table view to the top (g),
# then down (j), at most MAX (40) rows, until the selected line (the one
# marked ">") matches ^>ERE. Status 1 if no row did.
select_row() {
	local re=$1 max=${2:-40} i
	keys g
	for ((i = 0; i <= max; i++)); do
		wait_until 0.5 screen_has "^>$re" && return 0
		keys j
	done
	return 1
}

# screen_in_order ERE...: whether the screen has a line matching each ERE,
# each one below the line of the one before it (events are newest first).
screen_in_order() {
	local text from=0 n
	text=$(screen_text)
	for re in "$@"; do
		n=$(printf '%s\n' "$text" | awk -v from="$from" -v re="$re" \
			'NR > from && $0 ~ re { print NR; exit }')
		[ -n "$n" ] || return 1
		from=$n
	done
}

# Waits up to $2 seconds (default 10) until the screen text matches the
# extended regex $1; on a timeout, shows the screen on stderr.
wait_for() {
	local re=$1 limit=${2:-10}
	wait_until "$limit" screen_has "$re" && return 0
	echo "--- timed out after ${limit}s waiting for /$re/; screen:" >&2
	screen_text >&2
	return 1
}

# The line of the ANSI capture whose plain text matches the extended
# regex $1 (first match), or nothing.
ansi_row() {
	local n
	n=$(screen_text | grep -En -- "$1" | head -n 1 | cut -d: -f1)
	[ -n "$n" ] && screen_ansi | sed -n "${n}p"
}

# The settings of every SGR sequence (ESC [ ... m) in the text, one word a
# line: fg:N / bg:N (N 0-7 for 3N/4N and bright 9N/10N, 0-255 for
# 38;5;N/48;5;N, rgb for 38;2;R;G;B, default for 39/49), attr:N for the
# rest (0 reset, 1 bold, 2 dim, 4 underline, 7 reverse...). The arguments
# of 38/48 are never read as attributes: 38;5;2 is a colour, not dim.
sgr_codes() {  # sgr_codes TEXT
	printf '%s' "$1" | grep -oP '\x1b\[[0-9;]*m' | sed 's/^\x1b\[//; s/m$//' |
		awk -F';' '{
		if ($0 == "") { print "attr:0"; next }
		for (i = 1; i <= NF; i++) {
			p = $i + 0
			if (p == 38 || p == 48) {
				k = p == 38 ? "fg" : "bg"
				if ($(i + 1) == 5) { print k ":" ($(i + 2) + 0); i += 2 }
				else if ($(i + 1) == 2) { print k ":rgb"; i += 4 }
			} else if (p >= 30 && p <= 37) print "fg:" (p - 30)
			else if (p >= 90 && p <= 97) print "fg:" (p - 90)
			else if (p >= 40 && p <= 47) print "bg:" (p - 40)
			else if (p >= 100 && p <= 107) print "bg:" (p - 100)
			else if (p == 39) print "fg:default"
			else if (p == 49) print "bg:default"
			else print "attr:" p
		}
	}'
}

# Whether the text sets foreground colour $1 (0-7), in any of the forms
# tmux writes: 3N, 9N (bright) or 38;5;N.
has_fg() { sgr_codes "$2" | grep -qx "fg:$1"; }  # has_fg N text

# Whether the text sets background colour $1: 4N, 10N or 48;5;N.
has_bg() { sgr_codes "$2" | grep -qx "bg:$1"; }  # has_bg N text

# Whether the text sets attribute $1 (1 bold, 2 dim, 7 reverse), alone
# or combined with others.
has_attr() { sgr_codes "$2" | grep -qx "attr:$1"; }  # has_attr N text

# Whether the text sets any foreground colour (39, the default, is none).
has_any_fg() { sgr_codes "$1" | grep -qE '^fg:([0-9]+|rgb)$'; }  # has_any_fg text
