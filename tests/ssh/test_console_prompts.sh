#!/usr/bin/env bash
# The console's SSH dialogs, through tmux, against the real sshd A of
# tests/ssh/with-sshd: an unknown host key is shown with its SHA256
# fingerprint and saved on 's'; an encrypted key's passphrase is typed in
# a ccon dialog (never echoed), not on the terminal. Then the pacemaker
# driver runs its commands over that session (no cluster runs on the
# test's server, so the data is "no data" with crm's error: a state to
# show, not a crash). Run as: with-sshd test_console_prompts.sh CCON
set -euo pipefail

CCON=${1:?usage: with-sshd $0 path/to/ccon}
T=$(mktemp -d "$CCON_SSH_TMP/console.XXXXXX")
SOCK="ccon-prompts-$$"
PASSES=0 FAILS=0
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
export XDG_CONFIG_HOME=$T/config XDG_STATE_HOME=$T/state
unset NO_COLOR SSH_AUTH_SOCK
trap 'tmux -L "$SOCK" kill-server 2>/dev/null || true' EXIT

pass() { PASSES=$((PASSES + 1)); echo "ok - $*"; }
fail() { FAILS=$((FAILS + 1)); echo "FAIL - $*"; }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
tm() { tmux -L "$SOCK" "$@"; }
screen() { tm capture-pane -t c -p; }
wait_for() {
	local i
	for ((i = 0; i < ${2:-10} * 10; i++)); do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.1
	done
	echo "--- timed out waiting for /$1/:" >&2
	screen >&2
	return 1
}

cp "$CCON_SSH_KNOWN_HOSTS_EMPTY" "$T/known_hosts"
cat >"$T/ccon.conf" <<CONF
clusters = (
  { name = "lab"; driver = "pacemaker"; nodes = [ "127.0.0.1:$CCON_SSHD_A_PORT" ];
    user = "root"; identity = "$CCON_SSH_KEY_ENCRYPTED";
    known_hosts = "$T/known_hosts"; host_key_check = "ask"; }
);
CONF
# A home without keys: only the encrypted key can log in.
mkdir -p "$T/home/.ssh"
tm -f /dev/null new-session -d -s c -x 100 -y 30 \
	"HOME=$T/home $CCON --config $T/ccon.conf 2>$T/stderr; echo exit=\$? >$T/exit; sleep 30"

check "an unknown host key opens a dialog" wait_for "Unknown host key" 10
# (a fingerprint is base64: '+' and '/' must not be read as a pattern)
check "... showing its SHA256 fingerprint" \
	wait_for "$(printf '%s' "$CCON_SSHD_A_HOSTKEY_FP" | cut -c1-30 |
		    sed 's/[][\.*^$+?(){}|/]/\\&/g')" 2
check "... and the three choices" wait_for "o accept once +s accept and save +r reject" 2
tm send-keys -t c s
check "then the key's passphrase is asked in a dialog" \
	wait_for "SSH key passphrase" 10
check "... naming the key" wait_for "id_encrypted" 2
tm send-keys -t c -l "correct horse"
check "what is typed is not shown" wait_for "> \*{13}_" 2
check "... nor anywhere on the screen" bash -c '! tmux -L '"$SOCK"' capture-pane -t c -p | grep -q "correct horse"'
tm send-keys -t c Enter
check "logged in, the commands ran on the node" \
	bash -c 'for i in $(seq 100); do grep -q "cibadmin" "$CCON_SSHD_A_LOG" && exit 0; sleep 0.1; done; exit 1'
check "the host key was saved to known_hosts" \
	grep -q "\[127.0.0.1\]:$CCON_SSHD_A_PORT" "$T/known_hosts"
check "with no cluster running there, the screen says so" \
	wait_for "no data|cibadmin failed|Not connected|crm_mon" 15
tm send-keys -t c q
for _ in $(seq 50); do [ -e "$T/exit" ] && break; sleep 0.1; done
check "q quits with status 0" grep -qx "exit=0" "$T/exit"
check "nothing on stderr" test ! -s "$T/stderr"
check "the passphrase went nowhere on disk" \
	bash -c '! grep -rq "correct horse" "$0" --exclude=ccon.conf' "$T"

echo "$PASSES passed, $FAILS failed"
[ "$FAILS" -eq 0 ]
