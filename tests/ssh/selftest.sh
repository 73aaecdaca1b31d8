#!/usr/bin/env bash
# Self-test of tests/ssh/with-sshd, using the OpenSSH client.
#
#   tests/ssh/with-sshd tests/ssh/selftest.sh   checks inside one harness run,
#                                               plus nested runs for what can
#                                               only be seen after one exits
#   tests/ssh/selftest.sh                       the same, and also checks this
#                                               outer run after it exits
#
# Last line: "N passed, M failed"; exit status non-zero on any failure.

set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
WITH_SSHD=$HERE/with-sshd
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. "$HERE/../lib/check.sh"

# The machine's /root/.ssh as the machine sees it. Inside the harness /root is
# the test's home, so look through pid 1's mount namespace instead.
machine_root_ssh_state() {
	local d=/root/.ssh
	[ -n "${CCON_SSH_TMP:-}" ] && d=/proc/1/root/root/.ssh
	if [ -e "$d" ]; then
		stat -c '%n %i %a %s %Y' "$d" "$d"/* 2>/dev/null
	else
		echo absent
	fi
}

# Processes of run $1 (a harness temp dir) still alive.
leftovers() { pgrep -a -f -- "$1" | grep -v -e pgrep || true; }

# ---------------------------------------------------------------------------
# Outer mode: run ourselves inside the harness, then check what it left.
if [ -z "${CCON_SSH_TMP:-}" ]; then
	before=$(machine_root_ssh_state)
	out=$(mktemp /tmp/ccon-sshd-selftest.XXXXXX)
	CCON_SELFTEST_OUT=$out "$WITH_SSHD" "$0"
	rc=$?
	# shellcheck disable=SC1090
	. "$out"  # INNER_TMP, INNER_PASSES, INNER_FAILS
	rm -f "$out"
	PASSES=${INNER_PASSES:-0}
	FAILS=${INNER_FAILS:-1}
	echo "== after the harness exited"
	check "the inner run exited 0 (got $rc)" [ "$rc" -eq 0 ]
	check "no process of the run is left ($INNER_TMP)" [ -z "$(leftovers "$INNER_TMP")" ]
	check "its temp dir is gone" [ ! -e "$INNER_TMP" ]
	check "the machine's /root/.ssh was not touched" [ "$before" = "$(machine_root_ssh_state)" ]
	finish
	exit
fi

# ---------------------------------------------------------------------------
# Inner mode: we are CMD of with-sshd.
T=$CCON_SSH_TMP
S=$T/selftest
mkdir -p "$S"
SSH=(ssh -F "$CCON_SSH_CONFIG")
root_before=$(machine_root_ssh_state)

echo "== environment"
missing=
for v in CCON_SSHD_KILL_A CCON_SSHD_KILL_B CCON_SSH_HOME CCON_SSH_CONFIG CCON_SSH_KNOWN_HOSTS CCON_SSH_KNOWN_HOSTS_CHANGED \
	CCON_SSH_KNOWN_HOSTS_EMPTY CCON_SSH_KEY CCON_SSH_KEY_ECDSA CCON_SSH_KEY_RSA \
	CCON_SSH_KEY_ENCRYPTED CCON_SSH_KEY_WRONG CCON_SSHD_A_PIDFILE CCON_SSHD_B_PIDFILE \
	CCON_SSHD_A_LOG CCON_TEST_AGENT_SOCK CCON_SSH_TMP CCON_SSHD_RESTART_A; do
	val=${!v:-}
	[[ $val == /* && -e $val ]] || missing+=" $v"
done
check "all path variables are absolute and exist${missing:+ (bad:$missing)}" [ -z "$missing" ]
check "CCON_SSH_CONFIG is \$CCON_SSH_HOME/.ssh/config" [ "$CCON_SSH_CONFIG" = "$CCON_SSH_HOME/.ssh/config" ]
check "ports are numbers and differ" bash -c '[[ $1 =~ ^[0-9]+$ && $2 =~ ^[0-9]+$ && $1 != "$2" ]]' _ "$CCON_SSHD_A_PORT" "$CCON_SSHD_B_PORT"
check "CCON_SSH_KEY_PASSPHRASE is 'correct horse'" [ "$CCON_SSH_KEY_PASSPHRASE" = "correct horse" ]
check "SSH_AUTH_SOCK is not set for CMD" [ -z "${SSH_AUTH_SOCK+set}" ]
check "HOME is /root" [ "$HOME" = /root ]
check "/root is the test's client home here" cmp -s /root/.ssh/config "$CCON_SSH_CONFIG"
check "/root/.ssh and its files have OpenSSH's modes" \
	[ "$(stat -c %a /root/.ssh /root/.ssh/config /root/.ssh/id_ed25519)" = "$(printf '700\n600\n600')" ]
check "the client key is a copy of CCON_SSH_KEY" cmp -s /root/.ssh/id_ed25519 "$CCON_SSH_KEY"
check "the A pid file names a live process" kill -0 "$(cat "$CCON_SSHD_A_PIDFILE")"
check "the B pid file names a live process" kill -0 "$(cat "$CCON_SSHD_B_PIDFILE")"
check "the RSA key has 3072 bits" [ "$(ssh-keygen -lf "$CCON_SSH_KEY_RSA" | cut -d' ' -f1)" = 3072 ]
check "the ECDSA key is ECDSA" grep -q '^ecdsa-sha2-' "$CCON_SSH_KEY_ECDSA.pub"
for s in A B; do
	port_var=CCON_SSHD_${s}_PORT fp_var=CCON_SSHD_${s}_HOSTKEY_FP
	live=$(ssh-keyscan -t ed25519 -p "${!port_var}" 127.0.0.1 2>/dev/null | ssh-keygen -lf - | cut -d' ' -f2)
	check "CCON_SSHD_${s}_HOSTKEY_FP (${!fp_var}) is the live server's key" [ "$live" = "${!fp_var}" ]
	known=$(ssh-keygen -F "[127.0.0.1]:${!port_var}" -f "$CCON_SSH_KNOWN_HOSTS" -l | grep -o 'SHA256:[^ ]*')
	check "known_hosts has server $s as [127.0.0.1]:port" [ "$known" = "${!fp_var}" ]
done
check "known_hosts also has the aliases" \
	eval 'ssh-keygen -F alpha -f "$CCON_SSH_KNOWN_HOSTS" >/dev/null && ssh-keygen -F "[beta]:$CCON_SSHD_B_PORT" -f "$CCON_SSH_KNOWN_HOSTS" >/dev/null'

echo "== commands on alpha (A) and beta (B)"
for h in alpha beta; do
	out=$("${SSH[@]}" "$h" 'echo out-'$h'; echo err-'$h' >&2; exit 7' 2>"$S/err")
	rc=$?
	check "$h: stdout passes through" [ "$out" = "out-$h" ]
	check "$h: stderr passes through" grep -qx "err-$h" "$S/err"
	check "$h: exit status passes through (7, got $rc)" [ "$rc" -eq 7 ]
	out=$("${SSH[@]}" "$h" 'echo "$HOME"; wc -c <~/.bashrc; ls -A ~')
	check "$h: the server's home is an empty one with an empty .bashrc" [ "$out" = "$(printf '/root\n0\n.bashrc')" ]
	check "$h: stdin passes through" [ "$(echo piped | "${SSH[@]}" "$h" cat)" = piped ]
done
check "without -F, ssh reads the test's ~/.ssh/config (what libssh's ProxyJump relies on)" [ "$(ssh beta echo no-F)" = no-F ]

echo "== ForceCommand log of A"
check "the alpha command is logged" grep -qxF "echo out-alpha; echo err-alpha >&2; exit 7" "$CCON_SSHD_A_LOG"
check "beta commands are not" bash -c '! grep -q beta "$1"' _ "$CCON_SSHD_A_LOG"
check "the ready-check probes are not" bash -c '! grep -qx true "$1"' _ "$CCON_SSHD_A_LOG"
"${SSH[@]}" alpha 'echo one
echo two' >/dev/null
check "a multi-line command is one line with \\n" grep -qxF 'echo one\necho two' "$CCON_SSHD_A_LOG"

echo "== keys"
key_login() {  # key_login KEY [PORT]: log in with exactly that key, no agent
	ssh -F /dev/null -o UserKnownHostsFile="$CCON_SSH_KNOWN_HOSTS" -o StrictHostKeyChecking=yes \
		-o BatchMode=yes -o IdentitiesOnly=yes -o IdentityAgent=none -i "$1" \
		-p "${2:-$CCON_SSHD_A_PORT}" root@127.0.0.1 true 2>>"$S/keys.err"
}
check "id_ed25519 logs in to alpha" key_login "$CCON_SSH_KEY"
check "id_ed25519 logs in to beta" key_login "$CCON_SSH_KEY" "$CCON_SSHD_B_PORT"
check "id_ecdsa logs in" key_login "$CCON_SSH_KEY_ECDSA"
check "id_rsa logs in" key_login "$CCON_SSH_KEY_RSA"
if key_login "$CCON_SSH_KEY_WRONG"; then
	fail "id_wrong is refused (it logged in)"
else
	pass "id_wrong is refused"
fi
check "the refusal is a 'Permission denied'" grep -q 'Permission denied' "$S/keys.err"
check "id_encrypted does not open without a passphrase" bash -c '! ssh-keygen -y -P "" -f "$1" >/dev/null 2>&1' _ "$CCON_SSH_KEY_ENCRYPTED"
check "id_encrypted does not open with a wrong one" bash -c '! ssh-keygen -y -P "wrong horse" -f "$1" >/dev/null 2>&1' _ "$CCON_SSH_KEY_ENCRYPTED"
check "id_encrypted opens with CCON_SSH_KEY_PASSPHRASE" \
	[ "$(ssh-keygen -y -P "$CCON_SSH_KEY_PASSPHRASE" -f "$CCON_SSH_KEY_ENCRYPTED" 2>/dev/null | cut -d' ' -f2)" = "$(cut -d' ' -f2 "$CCON_SSH_KEY_ENCRYPTED.pub")" ]
if key_login "$CCON_SSH_KEY_ENCRYPTED"; then
	fail "id_encrypted needs its passphrase to log in (batch mode got in)"
else
	pass "id_encrypted needs its passphrase to log in"
fi
cp "$CCON_SSH_KEY_ENCRYPTED" "$S/decrypted"
ssh-keygen -q -p -P "$CCON_SSH_KEY_PASSPHRASE" -N '' -f "$S/decrypted" >/dev/null 2>&1
check "id_encrypted is authorized (decrypted copy logs in)" key_login "$S/decrypted"

echo "== agent"
check "the agent holds id_ed25519" bash -c 'SSH_AUTH_SOCK=$1 ssh-add -l | grep -qF "$(ssh-keygen -lf "$2" | cut -d" " -f2)"' _ "$CCON_TEST_AGENT_SOCK" "$CCON_SSH_KEY.pub"
# The identity is a bare public key (no private half next to it): only the agent can sign.
cp "$CCON_SSH_KEY.pub" "$S/agent-only.pub"
agent_login() {
	ssh -F /dev/null -o UserKnownHostsFile="$CCON_SSH_KNOWN_HOSTS" -o StrictHostKeyChecking=yes \
		-o BatchMode=yes -o IdentitiesOnly=yes -i "$S/agent-only.pub" "$@" \
		-p "$CCON_SSHD_A_PORT" root@127.0.0.1 true 2>/dev/null
}
check "login through the agent works" agent_login -o IdentityAgent="$CCON_TEST_AGENT_SOCK"
if agent_login -o IdentityAgent=none; then
	fail "... and fails without it (it did not)"
else
	pass "... and fails without it"
fi

echo "== host keys"
check "beta-via-alpha (ProxyJump) works" [ "$("${SSH[@]}" beta-via-alpha 'echo via; echo $SSH_CONNECTION')" != "" ]
check "beta-via-alpha reaches B (no ForceCommand log line)" bash -c '! grep -q SSH_CONNECTION "$1"' _ "$CCON_SSHD_A_LOG"
"${SSH[@]}" -o UserKnownHostsFile="$CCON_SSH_KNOWN_HOSTS_CHANGED" alpha true 2>"$S/changed.err"
check "CHANGED known_hosts: alpha is refused as a changed host key" grep -q 'REMOTE HOST IDENTIFICATION HAS CHANGED' "$S/changed.err"
check "CHANGED known_hosts: beta still matches" "${SSH[@]}" -o UserKnownHostsFile="$CCON_SSH_KNOWN_HOSTS_CHANGED" beta true
"${SSH[@]}" -o UserKnownHostsFile="$CCON_SSH_KNOWN_HOSTS_EMPTY" alpha true 2>"$S/empty.err"
check "EMPTY known_hosts: alpha is an unknown host" grep -q -e 'No ED25519 host key is known' -e 'Host key verification failed' "$S/empty.err"
check "EMPTY known_hosts is still empty" [ ! -s "$CCON_SSH_KNOWN_HOSTS_EMPTY" ]

echo "== many sessions at once"
pids=()
for i in $(seq 20); do
	"${SSH[@]}" alpha "echo $i" >"$S/par.$i" 2>&1 &
	pids+=($!)
done
bad=0
for i in $(seq 20); do
	wait "${pids[i - 1]}" && [ "$(cat "$S/par.$i")" = "$i" ] || bad=$((bad + 1))
done
check "20 parallel logins to alpha all succeed ($bad failed)" [ "$bad" -eq 0 ]

echo "== kill and restart A"
"${SSH[@]}" alpha 'echo up; exec sleep 30' >"$S/session" 2>/dev/null &
spid=$!
wait_until -i 0.05 5 test -s "$S/session"
old_pid=$(cat "$CCON_SSHD_A_PIDFILE")
kill "$old_pid"
check "killed A refuses connections" bash -c '! "$@" 2>/dev/null' _ "${SSH[@]}" -o ConnectTimeout=2 alpha true
sleep 0.2
check "killing only the listener leaves an open session up" kill -0 "$spid"
check "CCON_SSHD_KILL_A kills the rest of A" "$CCON_SSHD_KILL_A"
wait "$spid"
check "... so the open session ends (ssh status 255, got $?)" [ $? -eq 255 ]
check "CCON_SSHD_RESTART_A succeeds" "$CCON_SSHD_RESTART_A"
new_pid=$(cat "$CCON_SSHD_A_PIDFILE")
check "the pid file names the new server ($old_pid -> $new_pid)" bash -c '[ "$1" != "$2" ] && kill -0 "$2"' _ "$old_pid" "$new_pid"
check "alpha answers again on the same port, same host key" "${SSH[@]}" alpha true
check "the restarted A still logs commands" bash -c '"$@" >/dev/null && tail -n1 "$CCON_SSHD_A_LOG" | grep -qx "echo after-restart"' _ "${SSH[@]}" alpha 'echo after-restart'
check "the restarted A still has the empty home" [ "$("${SSH[@]}" alpha 'wc -c <~/.bashrc')" = 0 ]
check "CCON_SSHD_KILL_A with SIGTERM works too" "$CCON_SSHD_KILL_A" TERM
check "... and A is down" bash -c '! "$@" 2>/dev/null' _ "${SSH[@]}" -o ConnectTimeout=2 alpha true
check "killed again, A restarts again" "$CCON_SSHD_RESTART_A"
check "... and answers" "${SSH[@]}" alpha true
check "restarting a running A fails cleanly" bash -c '! "$1" 2>/dev/null' _ "$CCON_SSHD_RESTART_A"

echo "== nested runs (cleanup after with-sshd exits)"
"$WITH_SSHD" bash -c 'echo "$CCON_SSH_TMP" >"$1"; exit 7' _ "$S/nested1" </dev/null >/dev/null 2>&1
rc=$?
n1=$(cat "$S/nested1" 2>/dev/null)
check "CMD's exit status is with-sshd's (7, got $rc)" [ "$rc" -eq 7 ]
check "a nested run has its own temp dir" eval '[ -n "$n1" ] && [ "$n1" != "$T" ]'
check "after it, none of its processes is left" eval '[ -n "$n1" ] && [ -z "$(leftovers "$n1")" ]'
check "after it, its temp dir is gone" eval '[ -n "$n1" ] && [ ! -e "$n1" ]'

# Interrupted: CMD holds a session open and has a background child.
"$WITH_SSHD" bash -c '
	echo "$CCON_SSH_TMP" >"$1.tmp"
	ssh alpha "sleep 300" </dev/null &
	sleep 300 &
	echo "$$ $!" >"$1.pids"
	wait' _ "$S/nested2" </dev/null >/dev/null 2>&1 &
hpid=$!
nested2_up() {  # its pids are written and its ssh session reached A
	[ -s "$S/nested2.pids" ] && [ -n "$(cat "$(cat "$S/nested2.tmp")/sshd-a-commands.log" 2>/dev/null)" ]
}
wait_until 10 nested2_up
n2=$(cat "$S/nested2.tmp" 2>/dev/null)
n2pids=$(cat "$S/nested2.pids" 2>/dev/null)
sess=$(pgrep -f 'sleep 300' | tr '\n' ' ')
kill -TERM "$hpid"
wait "$hpid"
rc=$?
check "SIGTERM to with-sshd: it exits 143 (got $rc)" [ "$rc" -eq 143 ]
check "SIGTERM: no process naming its temp dir is left" eval '[ -n "$n2" ] && [ -z "$(leftovers "$n2")" ]'
alive=
for p in $n2pids $sess; do kill -0 "$p" 2>/dev/null && [ "$(cat /proc/$p/cmdline 2>/dev/null | tr '\0' ' ')" != "" ] && alive+=" $p"; done
check "SIGTERM: CMD, its children and the remote session are gone${alive:+ (alive:$alive)}" eval '[ -n "$n2pids" ] && [ -z "$alive" ]'
check "SIGTERM: its temp dir is gone" eval '[ -n "$n2" ] && [ ! -e "$n2" ]'

# Two runs at once get different ports.
"$WITH_SSHD" bash -c 'echo $CCON_SSHD_A_PORT $CCON_SSHD_B_PORT >"$1"; ssh beta-via-alpha true' _ "$S/par1" </dev/null >/dev/null 2>&1 &
p1=$!
"$WITH_SSHD" bash -c 'echo $CCON_SSHD_A_PORT $CCON_SSHD_B_PORT >"$1"; ssh beta-via-alpha true' _ "$S/par2" </dev/null >/dev/null 2>&1 &
p2=$!
wait "$p1"; r1=$?
wait "$p2"; r2=$?
check "two parallel runs both work" eval '[ "$r1" -eq 0 ] && [ "$r2" -eq 0 ]'
ports=$(cat "$S/par1" "$S/par2" 2>/dev/null; echo "$CCON_SSHD_A_PORT $CCON_SSHD_B_PORT")
check "all their ports are distinct" [ "$(echo $ports | tr ' ' '\n' | sort | uniq -d)" = "" ]

check "the machine's /root/.ssh was not touched" [ "$root_before" = "$(machine_root_ssh_state)" ]

if [ -n "${CCON_SELFTEST_OUT:-}" ]; then
	printf 'INNER_TMP=%q\nINNER_PASSES=%d\nINNER_FAILS=%d\n' "$T" "$PASSES" "$FAILS" >"$CCON_SELFTEST_OUT"
fi
finish
