#!/usr/bin/env bash
# selftest.sh: start a 3-node lab, exercise it, stop it, check that nothing
# is left. Prints "N passed, M failed" last; exits 0 only if all passed.
# CCON_LAB_KEEP=1 keeps the lab directory for post-mortems.
# shellcheck disable=SC2154 # LAB_*: the lab's variables, from its env file

set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
LAB=$HERE/lab
D=$(mktemp -d /tmp/ccon-lab-selftest.XXXXXX)
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. "$HERE/../lib/check.sh"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }

teardown() {
	trap - EXIT
	"$LAB" stop --dir "$D" >/dev/null 2>&1
	[ "${CCON_LAB_KEEP:-0}" = 1 ] && echo "kept $D" || rm -rf "$D"
	finish
	exit
}
trap teardown EXIT
trap 'exit 130' INT TERM HUP

xml() { "$LAB" exec --dir "$D" "$1" crm_mon --output-as=xml 2>/dev/null; }
# resource ROLE as seen from NODE: prints "role node" for a primitive
rsc_line() { xml "$1" | grep "<resource id=\"$2\"" -A1; }
rsc_started_on() {  # NODE RSC [WHERE-regex]: started (active) on a node matching WHERE
	local l
	l=$(rsc_line "$1" "$2") || return 1
	grep -q ' role="Started"' <<<"$l" && grep -q 'active="true"' <<<"$l" &&
		grep -q -E "<node name=\"${3:-node[0-9]}\"" <<<"$l"
}
rsc_stopped() { rsc_line "$1" "$2" | grep -q ' role="Stopped"'; }
node_offline() { xml "$1" | grep -q "<node name=\"$2\" .*online=\"false\""; }

# --- start ------------------------------------------------------------------------
t=$(now)
if out=$("$LAB" start --nodes 3 --dir "$D" 2>"$D/selftest-start.err"); then
	pass "lab start --nodes 3 ($(since "$t") s)"
else
	fail "lab start --nodes 3: $(tail -n 3 "$D/selftest-start.err")"
	exit
fi
eval "$out"
check "env names 3 nodes" test "$LAB_NODES" = "node1 node2 node3"
check "env file written" test -s "$D/env"

out2=$("$LAB" start --nodes 3 --dir "$D" 2>&1)
check "second start says it runs and prints the env" \
	bash -c 'grep -q "already running" <<<"$1" && grep -q "LAB_SSH_PORT_node1=$2" <<<"$1"' _ "$out2" "$LAB_SSH_PORT_node1"

X=$(xml node1)
n_online=$(grep -c '<node name="node[0-9]" .*online="true"' <<<"$X")
n_active=$(grep '<resource id=' <<<"$X" | grep -c 'active="true"')
check "crm_mon in node1: 3 nodes online ($n_online)" test "$n_online" = 3
check "crm_mon in node1: 12 resource instances active ($n_active)" test "$n_active" = 12
check "one promoted ms-state instance" test "$(grep '<resource id="state"' <<<"$X" | grep -c 'role="Promoted"')" = 1
check "flaky is stopped" rsc_stopped node1 flaky
check "web runs on node1" rsc_started_on node1 web-srv node1

# --- ssh from the host --------------------------------------------------------------
t=$(now)
S=$(ssh -F "$LAB_SSH_CONFIG" node2 crm_mon --output-as=xml 2>&1)
rc=$?
check "ssh node2 crm_mon --output-as=xml (rc $rc, $(since "$t") s)" \
	bash -c '[ "$1" = 0 ] && grep -q "<pacemaker-result" <<<"$2" && grep -q "<current_dc present=\"true\"" <<<"$2"' _ "$rc" "$S"
check "command logged in $LAB_COMMAND_LOG_node2" grep -qx 'crm_mon --output-as=xml' "$LAB_COMMAND_LOG_node2"
check "ssh node3: hostname is node3" test "$(ssh -F "$LAB_SSH_CONFIG" node3 uname -n)" = node3
check "ssh with explicit port/key/known_hosts works" \
	ssh -p "$LAB_SSH_PORT_node1" -i "$LAB_SSH_KEY" -o IdentitiesOnly=yes -o UserKnownHostsFile="$LAB_KNOWN_HOSTS" \
	-o StrictHostKeyChecking=yes -o BatchMode=yes root@127.0.0.1 true
ssh -F "$LAB_SSH_CONFIG" node1 'echo a
echo b' >/dev/null
check "multi-line command logged on one line" grep -qx 'echo a\\necho b' "$LAB_COMMAND_LOG_node1"
check "exit status passes through ssh" bash -c 'ssh -F "$1" node1 "exit 7"; [ $? = 7 ]' _ "$LAB_SSH_CONFIG"

# --- target-role --------------------------------------------------------------------
t=$(now)
"$LAB" exec --dir "$D" node1 crm_resource --resource web --meta --set-parameter target-role --parameter-value Stopped >/dev/null 2>&1
check "web stops after target-role=Stopped" wait_until -i 0.25 30 bash -c '
	for r in web-ip web-fs web-srv; do "$1" exec --dir "$2" node2 crm_mon --output-as=xml | grep "<resource id=\"$r\"" | grep -q " role=\"Stopped\"" || exit 1; done' _ "$LAB" "$D"
echo "   (web stopped after $(since "$t") s)"
"$LAB" exec --dir "$D" node1 crm_resource --resource web --meta --set-parameter target-role --parameter-value Started >/dev/null 2>&1
t=$(now)
check "web back after target-role=Started" wait_until -i 0.25 30 rsc_started_on node1 web-srv node1
echo "   (web started after $(since "$t") s)"

# --- flaky: a start that fails on node2 ------------------------------------------------
t=$(now)
"$LAB" exec --dir "$D" node1 crm_resource --resource flaky --meta --set-parameter target-role --parameter-value Started >/dev/null 2>&1
check "flaky fails on node2 and runs elsewhere" wait_until -i 0.25 30 rsc_started_on node1 flaky 'node[13]'
check "flaky's failed start is recorded" bash -c '"$1" exec --dir "$2" node1 crm_mon --output-as=xml | grep -q "<failure op_key=\"flaky_start_0\" node=\"node2\""' _ "$LAB" "$D"
echo "   (flaky recovered after $(since "$t") s)"
"$LAB" exec --dir "$D" node1 crm_resource --resource flaky --meta --set-parameter target-role --parameter-value Stopped >/dev/null 2>&1
"$LAB" exec --dir "$D" node1 crm_resource --cleanup --resource flaky >/dev/null 2>&1
check "cluster settles again" "$LAB" wait --dir "$D" --timeout 60

# --- kill-node / restart-node ------------------------------------------------------------
t=$(now)
check "kill-node node1" "$LAB" kill-node --dir "$D" node1
check "ssh node1 fails after kill-node" bash -c '! timeout 10 ssh -F "$1" node1 true 2>/dev/null' _ "$LAB_SSH_CONFIG"
check "node2 sees node1 offline" wait_until -i 0.25 30 node_offline node2 node1
echo "   (offline after $(since "$t") s)"
check "web recovered on node2/node3" wait_until -i 0.25 40 rsc_started_on node2 web-srv 'node[23]'
echo "   (web recovered after $(since "$t") s)"
check "a second ms-state instance promoted" wait_until -i 0.25 30 bash -c '"$1" exec --dir "$2" node2 crm_mon --output-as=xml | grep "<resource id=\"state\"" | grep -q " role=\"Promoted\""' _ "$LAB" "$D"
t=$(now)
check "restart-node node1" "$LAB" restart-node --dir "$D" node1
check "ssh node1 works again" ssh -F "$LAB_SSH_CONFIG" node1 true
check "cluster settled with node1 back" "$LAB" wait --dir "$D" --timeout 60
echo "   (settled $(since "$t") s after restart-node)"

# --- faults: each one, and its undoing ---------------------------------------------------
faults_ok() { [ "$("$LAB" faults --dir "$D" | grep -vc ': ok$')" = 0 ]; }
with_quorum() { xml "$1" | grep -q "<current_dc [^>]*with_quorum=\"$2\""; }
node_online() { xml "$1" | grep -q "<node name=\"$2\" .*online=\"true\""; }
ssh_ok() { timeout 10 ssh -F "$LAB_SSH_CONFIG" "$@" </dev/null >/dev/null 2>&1; }

t=$(now)
check "kill-stack node1" "$LAB" kill-stack --dir "$D" node1
check "lab faults says so" bash -c '"$1" faults --dir "$2" | grep -qx "node1: stack-killed *"' _ "$LAB" "$D"
check "no corosync nor pacemaker daemon left on node1, sshd there" bash -c 'c=$("$1" exec --dir "$2" node1 ps -eo comm=) && grep -qx sshd <<<"$c" && ! grep -Eq "^(corosync|pacemaker)" <<<"$c"' _ "$LAB" "$D"
check "crm_mon on node1 exits 102, Not connected" bash -c '
	out=$("$1" exec --dir "$2" node1 crm_mon --output-as=xml 2>/dev/null); [ $? = 102 ] && grep -q "message=\"Not connected\"" <<<"$out"' _ "$LAB" "$D"
check "cibadmin on node1 exits 102" bash -c '"$1" exec --dir "$2" node1 cibadmin -Q >/dev/null 2>&1; [ $? = 102 ]' _ "$LAB" "$D"
check "node1's sshd still answers" ssh_ok node1 true
check "kill-stack again is refused" not "$LAB" kill-stack --dir "$D" node1
check "node2 sees node1 offline" wait_until -i 0.25 30 node_offline node2 node1
echo "   (offline after $(since "$t") s)"
t=$(now)
check "start-stack node1 (online again)" "$LAB" start-stack --dir "$D" node1
check "node2 sees node1 online" wait_until -i 0.25 30 node_online node2 node1
check "no fault left" faults_ok
check "cluster settled after start-stack" "$LAB" wait --dir "$D" --timeout 90
echo "   (settled $(since "$t") s after start-stack)"

t=$(now)
check "isolate node1" "$LAB" isolate --dir "$D" node1
check "its port is off the switch" bash -c '"$1" faults --dir "$2" | grep -qx "node1: isolated *"' _ "$LAB" "$D"
check "isolate again is refused" not "$LAB" isolate --dir "$D" node1
check "node1 is left without quorum" wait_until -i 0.25 30 with_quorum node1 false
echo "   (no quorum on node1 after $(since "$t") s)"
check "node2 keeps quorum and sees node1 offline" bash -c '
	x=$("$1" exec --dir "$2" node2 crm_mon --output-as=xml); grep -q "with_quorum=\"true\"" <<<"$x" &&
	grep -q "<node name=\"node1\" .*online=\"false\"" <<<"$x"' _ "$LAB" "$D"
check "node1's sshd is reachable while it is isolated" ssh_ok node1 true
members() { "$LAB" exec --dir "$D" "$1" corosync-quorumtool -l 2>/dev/null | grep -cE '^ *[0-9]+ +[0-9]+ +node[0-9]' || true; }
check "node1's corosync sees itself alone ($(members node1) member)" test "$(members node1)" = 1
check "web runs on node2 or node3" wait_until -i 0.25 40 rsc_started_on node2 web-srv 'node[23]'
t=$(now)
check "rejoin node1 (a quorate view with all nodes)" "$LAB" rejoin --dir "$D" node1
check "rejoin again is refused" not "$LAB" rejoin --dir "$D" node1
check "node1's corosync sees the three nodes again" wait_until 10 bash -c '[ "$("$1" exec --dir "$2" node1 corosync-quorumtool -l | grep -cE "^ *[0-9]+ +[0-9]+ +node[0-9]")" = 3 ]' _ "$LAB" "$D"
check "no fault left" faults_ok
check "cluster settled after rejoin" "$LAB" wait --dir "$D" --timeout 90
echo "   (settled $(since "$t") s after rejoin)"

check "kill-sshd node1" "$LAB" kill-sshd --dir "$D" node1
check "a new ssh to node1 is refused" bash -c 'timeout 10 ssh -F "$1" node1 true 2>&1 | grep -q "Connection refused"' _ "$LAB_SSH_CONFIG"
check "node1's cluster runs on (node2 sees it online)" node_online node2 node1
check "start-sshd node1" "$LAB" start-sshd --dir "$D" node1
check "ssh node1 works again, same host key" ssh_ok node1 true
check "no fault left" faults_ok

check "hang-tool node1 crm_mon" "$LAB" hang-tool --dir "$D" node1 crm_mon
check "crm_mon over ssh to node1 does not answer (3 s)" bash -c 'timeout 3 ssh -F "$1" node1 crm_mon --output-as=xml >/dev/null 2>&1; [ $? = 124 ]' _ "$LAB_SSH_CONFIG"
check "hung lists its stand-in, left running by sshd" bash -c '"$1" hung --dir "$2" node1 | grep -Eq "^[0-9]+ [0-9]+ ccon-lab-hang crm_mon --output-as=xml$"' _ "$LAB" "$D"
check "the call is logged with its time" bash -c '"$1" exec --dir "$2" node1 cat /run/ccon-lab/hang/crm_mon.calls | grep -Eq "^[0-9]+\.[0-9]+ [0-9]+ --output-as=xml$"' _ "$LAB" "$D"
check "cibadmin on node1 still answers" ssh_ok node1 cibadmin --query --xpath /cib --no-children
check "crm_mon on node2 still answers" ssh_ok node2 crm_mon --output-as=xml
check "unhang-tool kills the stand-in left and says so" bash -c '"$1" unhang-tool --dir "$2" node1 crm_mon 2>&1 | grep -q "killed 1 stand-in"' _ "$LAB" "$D"
check "no stand-in left" test -z "$("$LAB" hung --dir "$D" node1)"
check "crm_mon on node1 answers again" ssh_ok node1 crm_mon --output-as=xml
check "its mount is gone" bash -c '! "$1" exec --dir "$2" node1 grep -q /usr/sbin/crm_mon /proc/self/mountinfo' _ "$LAB" "$D"
check "no fault left" faults_ok

out=$("$LAB" slow --dir "$D" node1 300 2>/dev/null)
eval "$out"
check "slow node1 300 prints the relay's port" test -n "${LAB_SLOW_PORT_node1:-}"
t=$(now)
check "ssh through the relay reaches node1" bash -c '[ "$(ssh -F "$1" -p "$2" node1 uname -n)" = node1 ]' _ "$LAB_SSH_CONFIG" "${LAB_SLOW_PORT_node1:-0}"
slow_s=$(since "$t")
t=$(now)
ssh_ok node1 true
fast_s=$(since "$t")
check "... slowly: $slow_s s through the relay (at least 8 x 0.3 s), $fast_s s direct" \
	awk -v s="$slow_s" -v f="$fast_s" 'BEGIN { exit !(s >= 2.4 && f < 1.5) }'
check "slow again changes the delay of the same relay" bash -c '"$1" slow --dir "$2" node1 0 | grep -qx "export LAB_SLOW_PORT_node1=$3"' _ "$LAB" "$D" "${LAB_SLOW_PORT_node1:-0}"
t=$(now)
ssh_ok -p "${LAB_SLOW_PORT_node1:-0}" node1 true
check "... now fast ($(since "$t") s)" awk -v s="$(since "$t")" 'BEGIN { exit !(s < 1.5) }'
check "fast node1" "$LAB" fast --dir "$D" node1
check "the relay's port is closed" bash -c '! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null' _ "${LAB_SLOW_PORT_node1:-0}"
check "its known_hosts line is gone" not grep -q ccon-lab-slow-node1 "$LAB_KNOWN_HOSTS"
check "no fault left" faults_ok

# Several at once, mended by heal.
"$LAB" kill-stack --dir "$D" node3 2>/dev/null
"$LAB" kill-sshd --dir "$D" node1 2>/dev/null
"$LAB" hang-tool --dir "$D" node2 cibadmin 2>/dev/null
check "lab faults lists them" bash -c 'f=$("$1" faults --dir "$2"); grep -qx "node3: stack-killed *" <<<"$f" &&
	grep -qx "node1: sshd-killed *" <<<"$f" && grep -qx "node2: hung:cibadmin *" <<<"$f"' _ "$LAB" "$D"
t=$(now)
check "heal mends them all" "$LAB" heal --dir "$D"
check "no fault left" faults_ok
check "cluster settled after heal" "$LAB" wait --dir "$D" --timeout 90
echo "   (settled $(since "$t") s after heal)"
# A relay left running for stop to end.
eval "$("$LAB" slow --dir "$D" node2 100 2>/dev/null)"

# --- stop, and nothing left ---------------------------------------------------------------
ns_inos=()
# the lab init has its own pid and net namespaces, each node all four
p=$(cat "$D/init.pid")
for k in pid net; do ns_inos+=("$(stat -L -c %i "/proc/$p/ns/$k")"); done
for p in $(cat "$D"/node*/init.pid 2>/dev/null); do
	for k in pid net mnt uts; do ns_inos+=("$(stat -L -c %i "/proc/$p/ns/$k")"); done
done
lab_pidns=$(cat "$D/init.pidns")
t=$(now)
check "lab stop" "$LAB" stop --dir "$D"
echo "   (stopped in $(since "$t") s)"
check "lab stop again (idempotent)" "$LAB" stop --dir "$D"

left=
for p in /proc/[0-9]*; do
	st=$(sed 's/.*) //' "$p/stat" 2>/dev/null | cut -c1)
	[ -z "$st" ] || [ "$st" = Z ] && continue
	if tr '\0' ' ' <"$p/cmdline" 2>/dev/null | grep -q -F "$D"; then left+=" ${p#/proc/}"; continue; fi
	for k in pid net mnt uts; do
		i=$(stat -L -c %i "$p/ns/$k" 2>/dev/null) || continue
		for n in "${ns_inos[@]}"; do [ "$i" = "$n" ] && left+=" ${p#/proc/}($k)" && break 2; done
	done
done
check "no process of the lab left (non-zombie)${left:+:$left}" test -z "$left"
check "no corosync/pacemakerd outside the lab namespaces either" bash -c '! ps -e -o stat=,comm= | grep -v "^Z" | grep -q -E "corosync|pacemakerd"'
check "no mount of the lab left" bash -c '! cat /proc/[0-9]*/mountinfo 2>/dev/null | grep -q -F "$1"' _ "$D"
check "ssh ports closed" bash -c '! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null' _ "$LAB_SSH_PORT_node1"
check "the relay left running is gone, its port closed" bash -c '! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null &&
	! ps -eo comm= | grep -qx slowrelay' _ "${LAB_SLOW_PORT_node2:-0}"
check "lab status fails when stopped" bash -c '! "$1" status --dir "$2" >/dev/null 2>&1' _ "$LAB" "$D"
: "$lab_pidns"
