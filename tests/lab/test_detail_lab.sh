#!/usr/bin/env bash
# The detail pane against the real three-node lab, through tmux: flaky's
# failed start on node2 (its fail_start_on) shows as a failed operation
# and in the operations history; a moved web shows its cli-prefer
# constraint and the key that clears it; in read-only mode the detail
# works and the node's command log shows no command that changes the
# cluster.
# Run as: tests/lab/with-lab tests/lab/test_detail_lab.sh path/to/ccon
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

start_console 100 40 --config "$T/lab.conf"
check "the groups of the real cluster are shown" wait_for "^.web +ONLINE" 20
keys 2
check "flaky can be selected" select_row "flaky "
keys o
check "online asks first" wait_for "Bring resource flaky online\? \[y/N\]" 5
keys y
# It prefers node2, where its start fails; it then starts elsewhere.
check "flaky starts somewhere after all" \
	wait_for "^.flaky +- +ONLINE( !?[a-z]{3})* +node[13]" 60
select_row "flaky " >/dev/null
keys Enter
check "the detail of flaky opens" wait_for "detail: resource flaky" 5
check "... with its failed start on node2" \
	wait_for "failed op +start on node2: rc=1 \(generic error\)" 15
check "... its fail count there" wait_for "node2 +INFINITY" 5
keys End
check "... its operations, the failed start among them" \
	wait_for "start +once on node2: rc=1 \(generic error\)" 5
check "... and the agent's parameters" wait_for "fail_start_on +node2" 5
check "... and its location constraint" \
	wait_for "loc-flaky-node2: flaky on node2, score 100" 5
keys Escape

keys 1
check "web can be selected" select_row "web "
keys m
check "the move chooser opens" wait_for "Move group web to" 5
keys Down Enter
check "the move asks first" wait_for "Move group web to node[23]\? \[y/N\]" 5
keys y
check "web runs elsewhere" wait_for "├─ web-ip +ONLINE( !?[a-z]{3})* +node[23]" 60
select_row "web " >/dev/null
keys Enter
check "the detail of the moved web shows its cli-prefer constraint" \
	wait_for "move +cli-prefer-web: prefers node[23]" 15
check "... and the key that clears it" wait_for "\`u\` clears it" 2
keys Escape
quit_console
stop_console

: >"$LAB_COMMAND_LOG_node1"
start_console 100 40 --config "$T/lab.conf" --readonly
check "read-only shows its marker" wait_for "READ-ONLY" 20
wait_for "^.web +ONLINE" 20 >/dev/null
keys 2
select_row "flaky " >/dev/null
keys Enter
check "read-only: the detail works" \
	wait_for "failed op +start on node2: rc=1" 15
check "... it was asked of the node" \
	grep -q "ccon-detail" "$LAB_COMMAND_LOG_node1"
keys Escape
sleep 1
check "... and no command that changes the cluster reached the node" \
	bash -c '! grep -Eq "crm_resource|crm_attribute|cibadmin +(--replace|--modify|--delete|--create|-[RMDC])" "$LAB_COMMAND_LOG_node1"'
keys q
finish
