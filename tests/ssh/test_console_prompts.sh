#!/usr/bin/env bash
# The console's SSH dialogs, through tmux, against the real sshd A of
# tests/ssh/with-sshd: an unknown host key is shown with its SHA256
# fingerprint and saved on 's'; an encrypted key's passphrase is typed in
# a ccon dialog (never echoed), not on the terminal, and from then on
# ccon dumps no core (its limit in /proc is 0). Then the pacemaker
# driver runs its commands over that session (no cluster runs on the
# test's server, so the data is "no data" with crm's error: a state to
# show, not a crash). Run as: with-sshd test_console_prompts.sh CCON
set -euo pipefail

# The temp dir is in the harness's, which removes it (CCON_SSH_KEEP=1 keeps it).
: "${1:?usage: with-sshd $0 path/to/ccon}" "${CCON_SSH_TMP:?run through tests/ssh/with-sshd}"
TEST_NAME=prompts TEST_TMPDIR=$CCON_SSH_TMP TEST_KEEP=1
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
. "$(dirname "$0")/../lib/console.sh"
unset SSH_AUTH_SOCK

cp "$CCON_SSH_KNOWN_HOSTS_EMPTY" "$T/known_hosts"
cat >"$T/ccon.conf" <<CONF
clusters = (
  { name = "lab"; driver = "pacemaker"; nodes = [ "127.0.0.1:$CCON_SSHD_A_PORT" ];
    user = "root"; identity = "$CCON_SSH_KEY_ENCRYPTED";
    known_hosts = "$T/known_hosts"; host_key_check = "ask"; }
);
CONF
# A home ($HOME=$T/home) without keys: only the encrypted key can log in.
mkdir -p "$HOME/.ssh"
# A core limit for ccon to lower once it asks for a secret (tmux, started
# below, hands it on); none to see where the hard limit is 0.
ulimit -S -c "$(ulimit -H -c)"
# AddressSanitizer lowers the core limit to 0 itself at start (its
# disable_coredump), which would hide whether ccon did.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}disable_coredump=0"
core_limit() {  # ccon's soft core limit, from /proc
	local pane pid
	pane=$(tm display-message -p -t "$SESSION" '#{pane_pid}')
	pid=$(pgrep -P "$pane" -x ccon) || return 1
	awk '/^Max core file size/ { print $5; exit }' "/proc/$pid/limits"
}
core_limit_is() {  # core_limit_is = 0, core_limit_is != 0
	local v
	v=$(core_limit) && [ -n "$v" ] && [ "$v" "$1" "$2" ] && return 0
	echo "# ccon's soft core limit: '${v:-}' (pane $(tm display-message -p -t "$SESSION" '#{pane_pid}'): $(pgrep -a -P "$(tm display-message -p -t "$SESSION" '#{pane_pid}')" || echo no child))"
	return 1
}
start_console 100 30 --config "$T/ccon.conf"

check "an unknown host key opens a dialog" wait_for "Unknown host key" 10
# (a fingerprint is base64: '+' and '/' must not be read as a pattern)
check "... showing its SHA256 fingerprint" \
	wait_for "$(printf '%s' "$CCON_SSHD_A_HOSTKEY_FP" | cut -c1-30 |
		    sed 's/[][\.*^$+?(){}|/]/\\&/g')" 2
check "... and the three choices" wait_for "o accept once +s accept and save +r reject" 2
if [ "$(ulimit -H -c)" != 0 ]; then
	check "a host key question leaves ccon's core limit as it was" \
		core_limit_is != 0
fi
keys s
check "then the key's passphrase is asked in a dialog" \
	wait_for "SSH key passphrase" 10
check "... and ccon dumps no core from then on" core_limit_is = 0
check "... naming the key" wait_for "id_encrypted" 2
keys -l "correct horse"
check "what is typed is not shown" wait_for "> \*{13}_" 2
check "... nor anywhere on the screen" not screen_has "correct horse"
keys Enter
check "logged in, the commands ran on the node" \
	wait_until 10 grep -q "cibadmin" "$CCON_SSHD_A_LOG"
check "the host key was saved to known_hosts" \
	grep -q "\[127.0.0.1\]:$CCON_SSHD_A_PORT" "$T/known_hosts"
check "with no cluster running there, the screen says so" \
	wait_for "no data|cibadmin failed|Not connected|crm_mon" 15
quit_console
check "the passphrase went nowhere on disk" \
	bash -c '! grep -rq "correct horse" "$0" --exclude=ccon.conf' "$T"
finish
