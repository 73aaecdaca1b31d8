#!/usr/bin/env bash
# The real console against the real three-node lab cluster, through tmux
# at 80x24: the cluster as crm_mon sees it, a group taken offline (yellow,
# pending) and back online over SSH, and read-only mode sending nothing.
# Run as: tests/lab/with-lab tests/lab/test_console_lab.sh path/to/ccon
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
. "$(dirname "$0")/../lib/console.sh"

cat >"$T/lab.conf" <<CONF
clusters = (
  { name = "lab"; driver = "pacemaker";
    nodes = [ "127.0.0.1:$LAB_SSH_PORT_node1", "127.0.0.1:$LAB_SSH_PORT_node2" ];
    user = "root"; identity = "$LAB_SSH_KEY"; known_hosts = "$LAB_KNOWN_HOSTS";
    host_key_check = "strict"; }
);
CONF

# --once, for scripts: the same cluster as JSON, over SSH.
"$CCON" --config "$T/lab.conf" --once --output json >"$T/lab.json"
check "--once --output json against the real cluster" \
	jq -e '.driver == "pacemaker" and (.nodes | length) == 3 and
	       all(.nodes[]; .state == "up") and
	       ([.groups[] | select(.id == "web" and .state == "online")] | length) == 1 and
	       ([.resources[] | select(.id == "state")] | length) == 3' "$T/lab.json"
"$CCON" --config "$T/lab.conf" --once >"$T/lab.txt"
check "--once text lists the nodes" grep -q "node3" "$T/lab.txt"

# --local: ccon on a cluster node runs the tools there, no SSH.
printf 'clusters = ( { name = "here"; driver = "pacemaker"; } );\n' >"$T/local.conf"
"$LAB_LAB" exec node2 "$(realpath "$CCON")" --config "$T/local.conf" --local --once \
	--output json >"$T/local.json" 2>"$T/local.err"
check "--local on a node reads its cluster without SSH" \
	jq -e '.driver == "pacemaker" and (.nodes | length) == 3' "$T/local.json"

start_console 80 24 --config "$T/lab.conf"
check "the groups of the real cluster are shown" wait_for "^.web +ONLINE" 20
check "... with the promotable clone" wait_for "ms-state \(clone\)" 2
check "the status bar names the node the data comes from" \
	wait_for "^lab │ 127.0.0.1:$LAB_SSH_PORT_node1 │" 2
keys 3
three_up() { [ "$(screen_count "^.node[123] +UP")" = 3 ]; }
check "the nodes view lists the three nodes up" wait_until 5 three_up
check "... and which one is the DC" wait_for "^.node[123] +UP +DC" 2
keys 1
keys x
check "offline asks first" wait_for "Take group web offline\? \[y/N\]" 5
keys y
check "web goes pending on the real cluster" \
	wait_for "└─ web-srv +OFFLINE PENDING" 5
row=$(ansi_row "└─ web-srv +OFFLINE PENDING")
check "in yellow" has_fg 3 "$row"
check "then offline" wait_for "^.web +OFFLINE( !?[a-z]{3})*( {2,}|$)" 30
keys o
check "online asks first" wait_for "Bring group web online\? \[y/N\]" 5
keys y
check "online goes pending" wait_for "├─ web-ip +ONLINE PENDING" 10
check "then online again" wait_for "^.web +ONLINE( {2,}|$)" 30
quit_console
stop_console

: >"$LAB_COMMAND_LOG_node1"
start_console 80 24 --config "$T/lab.conf" --readonly
check "read-only shows its marker" wait_for "READ-ONLY" 20
wait_for "^.web +ONLINE" 20 >/dev/null
keys x
check "offline is refused in the backend" wait_for "read-only mode: offline group web was" 5
sleep 2
check "and no mutating command reached the node" \
	bash -c '! grep -Eq "crm_resource|crm_attribute" "$LAB_COMMAND_LOG_node1"'
check "while the state was read there" grep -q "crm_mon" "$LAB_COMMAND_LOG_node1"
keys q
finish
