#!/usr/bin/env bash
# ccon leaves nothing running on the cluster's nodes: after 20 runs of
# ccon --once, and after a console (in tmux) that ran its doorbell and was
# quit, every node of the real lab runs as many crm_mon processes as it
# did before. (The doorbell, crm_mon --output-as=text --interval=N,
# used to stay behind on every run: on an idle cluster it never writes,
# so it never learnt that its channel had gone.)
# Run as: tests/lab/with-lab tests/lab/test_leftovers_lab.sh path/to/ccon
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
TEST_NAME=lab-leftovers
. "$(dirname "$0")/../lib/console.sh"

cat >"$T/lab.conf" <<CONF
clusters = (
  { name = "lab"; driver = "pacemaker";
    nodes = [ "127.0.0.1:$LAB_SSH_PORT_node1", "127.0.0.1:$LAB_SSH_PORT_node2",
              "127.0.0.1:$LAB_SSH_PORT_node3" ];
    user = "root"; identity = "$LAB_SSH_KEY"; known_hosts = "$LAB_KNOWN_HOSTS";
    host_key_check = "strict"; }
);
CONF

# "node1=0 node2=0 node3=0": crm_mon processes on each node (its own PID
# namespace: lab exec sees that node's processes only).
crm_mons() {
	local n out=""
	for n in $LAB_NODES; do
		out+="$n=$("$LAB_LAB" exec "$n" pgrep -c -x crm_mon || true) "
	done
	echo "${out% }"
}

# Waits up to $2 seconds until the counts are $1.
counts_become() {
	local i now
	for ((i = 0; i < $2 * 5; i++)); do
		now=$(crm_mons)
		[ "$now" = "$1" ] && return 0
		sleep 0.2
	done
	echo "--- crm_mon processes: $now, expected $1" >&2
	return 1
}

before=$(crm_mons)
echo "# crm_mon processes before: $before"

for i in $(seq 20); do
	"$CCON" --config "$T/lab.conf" --once >/dev/null 2>"$T/once.err" ||
		{ cat "$T/once.err" >&2; fail "ccon --once run $i"; break; }
done
check "20 ccon --once runs leave no crm_mon behind" counts_become "$before" 5

start_console 80 24 --config "$T/lab.conf"
check "the console shows the cluster" wait_for "^.web +ONLINE" 20
# The doorbell starts after the first full fetch: the count on node1 (the
# node in use) goes up while the console runs. This is what must not stay.
doorbell_runs() {
	local i n1
	for ((i = 0; i < 50; i++)); do
		n1=$("$LAB_LAB" exec node1 pgrep -c -f -- '--output-as=text' || true)
		[ "$n1" -gt 0 ] && return 0
		sleep 0.2
	done
	return 1
}
check "meanwhile its doorbell runs on node1" doorbell_runs
keys q
console_exited 5 || true
check "q quits with status 0" grep -qx "exit=0" "$T/exit"
check "the console's quit leaves no crm_mon behind" counts_become "$before" 5
finish
