#!/usr/bin/env bash
# The console on a Windows failover cluster, end to end: ccon over real
# SSH (tests/ssh/with-sshd with CCON_SSHD_WSFC, both servers fake Windows
# nodes of one cluster, tests/wsfc/README.md), through tmux at 80x24.
# A group taken offline shows its pending states in colour until it is
# Offline; a failed resource taken offline ends Offline and stays so; a
# locked group comes online only after a second answer for the override;
# a move ends on the chosen node; a drain pauses a node and moves its roles
# away; resume brings it back. Then, read-only: every key that would act
# is refused and no mutating cmdlet reaches the node (the fake logs every
# script it ran). Last, a fetch stuck on the node and cut by the command
# timeout leaves no powershell.exe running there. Prints two figures: powershell.exe started per minute by
# an idle console once the doorbell is up, and the time from a change on
# the node to the screen.
# Run as: CCON_SSHD_WSFC=tests/wsfc/fake-node with-sshd test_wsfc_console.sh CCON
set -euo pipefail

: "${1:?usage: with-sshd $0 path/to/ccon}" "${CCON_SSH_TMP:?run through tests/ssh/with-sshd}"
: "${CCON_FAKE_WSFC_TOOL:?run with CCON_SSHD_WSFC=tests/wsfc/fake-node}"
TEST_NAME=wsfc-console TEST_TMPDIR=$CCON_SSH_TMP TEST_KEEP=1
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
. "$(dirname "$0")/../lib/console.sh"
unset SSH_AUTH_SOCK

YELLOW=3 RED=1
IDLE_S=${CCON_WSFC_IDLE_S:-10}

fake() { "$CCON_FAKE_WSFC_TOOL" "$@"; }
# How many lines of the fake node's script log match the ERE $1 (grep -c
# says 0 and fails when none does, and the log may not be there yet).
log_count() {
	local n
	n=$(grep -cE -- "$1" "$CCON_FAKE_WSFC_LOG" 2>/dev/null) || true
	echo "${n:-0}"
}
# Scripts the fake node ran so far, the mutating cmdlets among them, and
# the doorbells.
scripts_run() { log_count '^#< ccon-fake-wsfc'; }
mutations() { log_count '^\$o = (Start|Stop|Move|Suspend|Resume)-Cluster'; }
doorbells() { log_count '^\$in = \[Console\]::OpenStandardInput\(\)'; }
doorbell_started() { [ "$(doorbells)" -ge 1 ]; }

fake init
cat >"$T/ccon.conf" <<CONF
transition_timeout = 30;
clusters = (
  { name = "win"; driver = "wsfc";
    nodes = [ "127.0.0.1:$CCON_SSHD_A_PORT", "127.0.0.1:$CCON_SSHD_B_PORT" ];
    user = "root"; identity = "$CCON_SSH_KEY";
    known_hosts = "$CCON_SSH_KNOWN_HOSTS"; host_key_check = "strict"; }
);
CONF

start_console 80 24 --config "$T/ccon.conf"
check "the cluster's roles and resources are shown" \
	wait_for "└─ File Server \(\\\\\\\\FS1\) +ONLINE +NODE1" 15
check "core groups are there too, marked core" wait_for "^.Cluster Group +ONLINE core +NODE1 +core group of 3" 2
check "the doorbell starts after the first fetch" wait_until 10 doorbell_started

# --- the figures: an idle console, then a change made on the node ---------
sleep 2   # the doorbell's first ring has been read
before=$(scripts_run)
sleep "$IDLE_S"
idle=$(($(scripts_run) - before))
printf 'FIGURE wsfc idle: %d powershell.exe started in %d s (%s per minute) with the doorbell up\n' \
	"$idle" "$IDLE_S" "$(awk -v n="$idle" -v s="$IDLE_S" 'BEGIN { printf "%.1f", n * 60 / s }')"
check "an idle console starts no powershell.exe once the doorbell is up" test "$idle" -eq 0
t0=$(date +%s%N)
fake fail-resource 'Cluster Disk 3'
check "a failure made on the node reaches the screen" wait_for "└─ Cluster Disk 3 +FAILED" 10
t1=$(date +%s%N)
printf 'FIGURE wsfc change to screen: %d ms (doorbell poll 1 s, then one fetch)\n' \
	$(((t1 - t0) / 1000000))
row=$(ansi_row "└─ Cluster Disk 3 +FAILED")
check "... the failed row is red" has_fg $RED "$row"

# --- offline of a group: its pending states, in colour, until Offline -----
fake pending-ms 3000
check "FS1" select_row "FS1 +ONLINE"
keys x
check "offline asks first" wait_for "Take group FS1 offline\? \[y/N\]" 5
keys y
check "the group goes pending" wait_for "^.FS1 +PENDING" 8
row=$(ansi_row "^.FS1 +PENDING")
check "... in yellow" has_fg $YELLOW "$row"
check "its members say they are going offline" wait_for "OFFLINE PENDING" 5
check "the group ends Offline" wait_for "^.FS1 +OFFLINE" 15
check "... every member with it" wait_for "└─ File Server \(\\\\\\\\FS1\) +OFFLINE" 3
check "the node was asked with Stop-ClusterGroup -Wait 0" \
	grep -qF "\$o = Stop-ClusterGroup -Name 'FS1' -Wait 0" "$CCON_FAKE_WSFC_LOG"

# --- offline of a failed resource: success, and it stays Offline ----------
check "the failed disk" select_row "└─ Cluster Disk 3 +FAILED"
keys x
check "offline of it asks" wait_for "Take resource Cluster Disk 3 offline\? \[y/N\]" 5
keys y
check "it is Offline" wait_for "└─ Cluster Disk 3 +OFFLINE( !?[a-z]{3})*( {2,}|$)" 10
sleep 4
check "... and stays there" wait_for "└─ Cluster Disk 3 +OFFLINE( !?[a-z]{3})*( {2,}|$)" 1
check "... nothing says it failed" not screen_has "Cluster Disk 3 +FAILED"

# --- a locked group: the override needs a second answer of its own --------
fake lock-group 'Available Storage'
sleep 3   # the doorbell rings for the lock, the fetch shows it
check "Available Storage" select_row "Available Storage +OFFLINE"
keys o
check "online asks" wait_for "Bring group Available Storage online\? \[y/N\]" 5
keys y
check "then, locked, asks about the override with a key of its own" \
	wait_for "Override the lock with -IgnoreLocked\? \[i/N\]" 5
keys y
check "a second y sends nothing" wait_until 3 bash -c \
	'! grep -q "Start-ClusterGroup -Name '"'"'Available Storage'"'"'" "$0"' "$CCON_FAKE_WSFC_LOG"
keys o
check "asked again" wait_for "Bring group Available Storage online\? \[y/N\]" 5
keys y
check "the override question again" wait_for "Override the lock with -IgnoreLocked\? \[i/N\]" 5
keys i
check "with i it is sent, and the group comes online" wait_for "^.Available Storage +ONLINE" 15
check "... with -IgnoreLocked" \
	grep -qF "\$o = Start-ClusterGroup -Name 'Available Storage' -IgnoreLocked -Wait 0" "$CCON_FAKE_WSFC_LOG"

# --- online again, then a move to NODE2 ------------------------------------
check "FS1 again" select_row "FS1 +OFFLINE"
keys o
check "online asks" wait_for "Bring group FS1 online\? \[y/N\]" 5
keys y
check "FS1 comes back online" wait_for "^.FS1 +ONLINE +NODE1" 20
keys m
check "move opens the chooser of nodes" wait_for "Move group FS1 to" 5
check "... offering the best node first" wait_for "best node \(the cluster chooses\)" 2
check "... and NODE2" wait_for "NODE2" 2
keys Down Enter
check "the choice is asked about" wait_for "Move group FS1 to NODE2\? \[y/N\]" 5
keys y
check "the move shows as pending" wait_for "^.FS1 +PENDING" 8
check "FS1 ends online on NODE2" wait_for "^.FS1 +ONLINE +NODE2" 20
check "the node was asked with Move-ClusterGroup -Node" \
	grep -qF "\$o = Move-ClusterGroup -Name 'FS1' -Node 'NODE2' -Wait 0" "$CCON_FAKE_WSFC_LOG"

# --- a drain: NODE2 pauses, its roles move to NODE1; then resume ----------
keys 3
check "the nodes view" wait_for "^.?NODE2 +UP" 5
check "NODE2" select_row "NODE2 +UP"
keys p
check "pause asks, saying what runs there moves" wait_for "Pause node NODE2" 5
keys y
check "NODE2 is paused" wait_for "NODE2 +PAUSED" 10
check "the node was asked to drain" \
	grep -qF "\$o = Suspend-ClusterNode -Name 'NODE2' -Drain -Confirm:\$false" "$CCON_FAKE_WSFC_LOG"
keys 1
check "its role moved to NODE1" wait_for "^.?FS1 +ONLINE +NODE1" 20
keys 3
check "NODE2 again" select_row "NODE2 +PAUSED"
keys p
check "resume brings it back Up" wait_for "NODE2 +UP" 10
check "... with Resume-ClusterNode" \
	grep -qF "\$o = Resume-ClusterNode -Name 'NODE2'" "$CCON_FAKE_WSFC_LOG"
keys q
check "q quits" console_exited 5
check "with status 0" grep -qx "exit=0" "$T/exit"
check "nothing on stderr, nor in the console's log" console_quiet
check "no powershell.exe is left on the nodes" \
	wait_until 5 bash -c '! pgrep -f "$0/powershell.exe" >/dev/null' "$(dirname "$CCON_FAKE_WSFC_TOOL")"

# --- read-only: nothing mutating reaches the node --------------------------
stop_console
mutated=$(mutations)
start_console 80 24 --readonly --config "$T/ccon.conf"
check "read-only: the cluster is shown" wait_for "^.?FS1 +ONLINE +NODE1" 15
check "... marked read-only" wait_for "│ READ-ONLY" 2
check "FS1" select_row "FS1 +ONLINE"
for k in x o m; do
	keys "$k"
	check "read-only: '$k' is refused in words" wait_for "read-only" 3
	keys Escape
done
keys 3
check "NODE1" select_row "NODE1 +UP"
keys p
check "read-only: pause is refused" wait_for "read-only" 3
sleep 2
check "no mutating cmdlet reached the node in read-only mode" test "$(mutations)" -eq "$mutated"
keys q
console_exited 5 || true
check "read-only quits with status 0" grep -qx "exit=0" "$T/exit"

# --- a fetch stuck on the node, cut by the command timeout ----------------
# Its powershell.exe must not run on after ccon closed the channel.
sed 's/user = "root";/user = "root"; command_timeout = 3;/' "$T/ccon.conf" >"$T/hang.conf"
fake hang-fetch
set +e
timeout 60 "$CCON" --config "$T/hang.conf" --once >"$T/hang.out" 2>"$T/hang.err"
hang_rc=$?
set -e
check "a hung fetch fails the snapshot (status $hang_rc), not the console" test "$hang_rc" -ne 0 -a "$hang_rc" -ne 124
check "... saying the fetch did not finish in time" grep -q "did not finish" "$T/hang.err"
check "... and its powershell.exe ends on the nodes once the channel is closed" \
	wait_until 5 bash -c '! pgrep -f "$0/powershell.exe" >/dev/null' "$(dirname "$CCON_FAKE_WSFC_TOOL")"
fake hang-fetch off
finish
