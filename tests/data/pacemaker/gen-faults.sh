#!/usr/bin/env bash
# Regenerate the fault fixtures crm_mon/stack-down*, crm_mon/isolated-*: what
# the Pacemaker tools print on a node of a real cluster (the lab of
# tests/lab, Pacemaker 2.1.5) when
#   stack-down*          node1's corosync and pacemaker were killed (sshd
#                        runs): node1's own answers, and node2's view then
#                        (stack-down-survivor: node1 offline, web moved);
#   isolated-minority*   node1 is cut off the others: the view of its
#                        partition without quorum;
#   isolated-quorate*    node2 at the same moment: the quorate partition.
# Each command's stdout is NAME.xml (NAME.out when it is not XML; none when
# it printed nothing), its exit status NAME.exitcode, its stderr NAME.stderr
# (none when empty). The commands are the driver's own
# (backend/drivers/pacemaker/pacemaker.c: crm_mon_argv, cib_version_argv,
# constraints_argv), plus a request (crm_resource setting web's target-role
# to Started, what online of web sends). The outputs are live: times, epochs
# and the DC vary per run.
#
#   tests/lab/with-lab tests/data/pacemaker/gen-faults.sh     (root; ~2 min)
set -uo pipefail
cd "$(dirname "$0")" || exit 1
: "${LAB_LAB:?run under tests/lab/with-lab}"
lab() { "$LAB_LAB" "$@"; }

# shellcheck disable=SC2054 # the commas are crm_mon's
MON=(crm_mon --output-as=xml --include=none,summary,options,dc,nodes,resources,failcounts,failures,bans)
VERSION=(cibadmin --query --xpath /cib --no-children)
CONFIG_XPATH="/cib/configuration/constraints/rsc_location[starts-with(@id,'cli-')]"
CONFIG_XPATH+=" | /cib/configuration/resources//primitive[meta_attributes/nvpair"
CONFIG_XPATH+="[@name='target-role'][translate(@value,'STOPED','stoped')='stopped']]"
CONFIG=(cibadmin --query --no-children --xpath "$CONFIG_XPATH")
REQUEST=(crm_resource --resource web --meta --set-parameter target-role --parameter-value Started)

# capture NODE NAME CMD...: CMD on NODE into crm_mon/NAME.{xml|out,exitcode,stderr}
capture() {
	local node=$1 name=$2 rc
	shift 2
	rm -f "crm_mon/$name".{xml,out,exitcode,stderr}
	lab exec "$node" env TZ=UTC LC_ALL=C.UTF-8 "$@" >"crm_mon/$name.xml" 2>"crm_mon/$name.stderr"
	rc=$?
	echo "$rc" >"crm_mon/$name.exitcode"
	[ -s "crm_mon/$name.xml" ] || rm -f "crm_mon/$name.xml"
	# Text (crm_resource's answer) is NAME.out: *.xml is the parser's
	# fuzz corpus.
	if [ -s "crm_mon/$name.xml" ] && [ "$(head -c 1 "crm_mon/$name.xml")" != "<" ]; then
		mv "crm_mon/$name.xml" "crm_mon/$name.out"
	fi
	[ -s "crm_mon/$name.stderr" ] || rm -f "crm_mon/$name.stderr"
	echo "$name: exit $rc ($node: $1)"
}

mon() { lab exec "$1" crm_mon --output-as=xml 2>/dev/null; }
# until LIMIT CMD...: CMD every half second until it succeeds
until_true() {
	local limit=$1 i
	shift
	for ((i = 0; i < limit * 2; i++)); do "$@" && return 0; sleep 0.5; done
	echo "gen-faults: not after ${limit}s: $*" >&2
	exit 1
}
# NODE sees node1 offline and web started (not pending) on node2 or node3
web_moved() {
	local x
	x=$(mon "$1") || return 1
	grep -q '<node name="node1" [^>]*online="false"' <<<"$x" &&
		[ "$(grep -A1 '<resource id="web-' <<<"$x" | grep -c '<node name="node[23]"')" = 3 ] &&
		[ "$(grep '<resource id="web-' <<<"$x" | grep -c ' role="Started"')" = 3 ]
}
# node1 alone, without quorum, nothing active on it
minority_settled() {
	local x
	x=$(mon node1) || return 1
	grep -q 'with_quorum="false"' <<<"$x" &&
		grep -q '<node name="node2" [^>]*online="false"' <<<"$x" &&
		! grep -q 'active="true"' <<<"$x"
}

lab wait --timeout 90 >/dev/null || exit 1

lab kill-stack node1 || exit 1
until_true 60 web_moved node2
lab exec node2 crm_resource --wait --timeout=60 >/dev/null 2>&1
capture node1 stack-down "${MON[@]}"
capture node1 stack-down-version "${VERSION[@]}"
capture node1 stack-down-config "${CONFIG[@]}"
capture node1 stack-down-request "${REQUEST[@]}"
capture node2 stack-down-survivor "${MON[@]}"
lab start-stack node1 || exit 1
lab wait --timeout 90 >/dev/null || exit 1

lab isolate node1 || exit 1
until_true 60 minority_settled
until_true 60 web_moved node2
lab exec node2 crm_resource --wait --timeout=60 >/dev/null 2>&1
capture node1 isolated-minority "${MON[@]}"
capture node1 isolated-minority-version "${VERSION[@]}"
capture node1 isolated-minority-config "${CONFIG[@]}"
# A request in the partition without quorum is taken (exit 0), into that
# partition's CIB only; it reaches the others when the partitions merge.
capture node1 isolated-minority-request "${REQUEST[@]}"
capture node2 isolated-quorate "${MON[@]}"
capture node2 isolated-quorate-version "${VERSION[@]}"
lab rejoin node1 || exit 1
# What the request above set, taken back (web had no target-role).
lab exec node2 crm_resource --resource web --meta --delete-parameter target-role >/dev/null 2>&1
lab wait --timeout 90 >/dev/null || exit 1
echo "gen-faults: done"
