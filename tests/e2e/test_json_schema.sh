# `--once --output json` against docs/json-output.schema.json: the demo,
# every saved crm_mon file and WSFC capture (the error object for those
# that do not load), a cluster nobody answers, what-if previews; the
# schema refuses what it must; docs/json-output.md names every property
# of the schema and no other. Validator: python3-jsonschema.
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
. "$(dirname "$0")/../lib/console.sh"

here=$(cd "$(dirname "$0")" && pwd)
data=${CCON_TEST_DATA:-$here/../data}
schema=$here/../../docs/json-output.schema.json
doc=$here/../../docs/json-output.md
checker=$here/../lib/json_schema_check.py

PY=
for py in ${PYTHON:-} /usr/bin/python3 python3; do
	if "$py" -c 'import jsonschema' 2>/dev/null; then
		PY=$py
		break
	fi
done
if [ -z "$PY" ]; then
	fail "python3-jsonschema is installed (scripts/install-deps)"
	finish
fi
valid() { "$PY" "$checker" validate "$schema" "$@"; }    # valid KIND FILE...
refused() { "$PY" "$checker" reject "$schema" "$@"; }   # refused FILE...
jqe() { jq -e "$@" >/dev/null; }

# The demo.
"$CCON" --demo --once --output json >"$T/demo.json"
check "the demo's snapshot is valid" valid snapshot "$T/demo.json"

# Every saved file: a snapshot when it loads (status 0), else the error
# object on stdout, the same message on stderr, status 1.
loaded=0 refusals=0
one_input() {  # one_input FILE
	local f=$1 name rc msg
	name=$(basename "$f")
	set +e
	"$CCON" --input "$f" --once --output json >"$T/out.json" 2>"$T/err"
	rc=$?
	set -e
	case $rc in
	0)
		loaded=$((loaded + 1))
		check "$name: a valid snapshot" valid snapshot "$T/out.json"
		;;
	1)
		refusals=$((refusals + 1))
		check "$name: the error object" valid error "$T/out.json"
		msg=$(jq -r .error "$T/out.json")
		check "$name: stderr says the same" \
			grep -qxF "ccon: input: $msg" "$T/err"
		;;
	*)
		fail "$name: exit status $rc (0 or 1 expected)"
		;;
	esac
}
for f in "$data"/pacemaker/crm_mon/*.xml "$data"/wsfc/*.txt; do
	one_input "$f"
done
# The fixtures hold both kinds; a run that loaded none checked nothing.
check "most saved files load ($loaded)" [ "$loaded" -ge 20 ]
check "some are refused ($refusals)" [ "$refusals" -ge 5 ]

# What the files say, through the new fields.
"$CCON" --input "$data/pacemaker/crm_mon/constraints.xml" --once \
	--output json >"$T/cons.json"
j() { jq -e "$1" "$T/cons.json" >/dev/null; }
check "a ban pins by its constraint's id" \
	j '.resources[] | select(.id == "solo") | .pinned and .pinned_by == ["cli-ban-solo-on-node2"]'
check "a clone's ban pins each instance" \
	j '[.resources[] | select(.id == "ping") | .pinned_by == ["cli-ban-ping-clone-on-node3-rule"]] | length == 3 and all'
check "what nothing pins says so" \
	j '.resources[] | select(.id == "web-ip") | (.pinned | not) and .pinned_by == []'
check "a saved file's age by its own time" \
	j '.data_time > 0 and ((.data_age_s - (now - .data_time)) | fabs) < 5'
"$CCON" --input "$data/pacemaker/crm_mon/disabled.xml" --once \
	--output json >"$T/dis.json"
check "a disabled resource is meant to be stopped" \
	jqe '[.resources[] | select(.disabled)] | length > 0 and all(.target == "stopped")' "$T/dis.json"
check "... the others to be started" \
	jqe '[.resources[] | select(.disabled | not)] | all(.target == "started")' "$T/dis.json"
"$CCON" --input "$data/pacemaker/crm_mon/stop-all.xml" --once \
	--output json >"$T/stop.json"
check "stop-all-resources is stop_all" jqe '.stop_all' "$T/stop.json"
"$CCON" --input "$data/pacemaker/crm_mon/cluster-maintenance.xml" --once \
	--output json >"$T/mm.json"
check "cluster maintenance is maintenance_mode" \
	jqe '.maintenance_mode and (.stop_all | not)' "$T/mm.json"
"$CCON" --input "$data/pacemaker/crm_mon/isolated-minority.xml" --once \
	--output json >"$T/minority.json"
check "a partition without quorum says so" \
	jqe '.quorum == false' "$T/minority.json"
"$CCON" --input "$data/pacemaker/crm_mon/node-down.xml" --once \
	--output json >"$T/down.json"
check "nodes_online counts the nodes up" \
	jqe '.nodes_total == (.nodes | length) and .nodes_online == ([.nodes[] | select(.state == "up")] | length) and .nodes_online < .nodes_total' "$T/down.json"
check "dc names the DC node" \
	jqe '.dc as $d | [.nodes[] | select(.dc) | .name] == [$d]' "$T/down.json"

# A file that is not there, and a cluster no node of which answers.
set +e
"$CCON" --input "$T/nosuch.xml" --once --output json >"$T/out.json" 2>"$T/err"
rc=$?
set -e
check "a missing --input file: status 1" [ "$rc" -eq 1 ]
check "... and the error object" valid error "$T/out.json"
mkdir -p "$XDG_CONFIG_HOME/ccon"
cat >"$XDG_CONFIG_HOME/ccon/ccon.conf" <<'CONF'
clusters = (
  { name = "prod"; driver = "pacemaker"; nodes = [ "127.0.0.1:1" ];
    connect_timeout = 2; }
);
CONF
set +e
"$CCON" --once -c prod --output json >"$T/out.json" 2>"$T/err"
rc=$?
set -e
check "a cluster nobody answers: status 1" [ "$rc" -eq 1 ]
check "... the error object on stdout" valid error "$T/out.json"
check "... naming the cluster and why" \
	jqe '.cluster == "prod" and (.error | contains("127.0.0.1:1: cannot connect"))' "$T/out.json"
check "... and the reason on stderr too" \
	grep -q '^ccon: prod: .*127.0.0.1:1: cannot connect' "$T/err"
set +e
"$CCON" --once -c prod >"$T/out.txt" 2>/dev/null
rc=$?
set -e
check "the text report prints nothing on stdout then" \
	bash -c "[ $rc -eq 1 ] && [ ! -s '$T/out.txt' ]"

# What-if previews: one that would do something, one refused.
"$CCON" --demo --once --output json --what-if offline:web >"$T/wi.json"
check "a what-if preview is valid" valid what_if "$T/wi.json"
set +e
"$CCON" --demo --once --output json --what-if move:web:nosuch >"$T/wi2.json"
rc=$?
set -e
check "a refused what-if: status 1, and valid" \
	bash -c "[ $rc -eq 1 ] && '$PY' '$checker' validate '$schema' what_if '$T/wi2.json'"

# The schema can fail: a field it does not describe, one missing, a word
# it does not know, an error object with more than it says.
jq '. + {"bogus": 1}' "$T/demo.json" >"$T/bad1.json"
jq '.resources[0] += {"bogus": true}' "$T/demo.json" >"$T/bad2.json"
jq 'del(.resources[0].pinned_by)' "$T/demo.json" >"$T/bad3.json"
jq '.resources[0].target = "running"' "$T/demo.json" >"$T/bad4.json"
jq '.nodes[0] += {"bogus": 0}' "$T/demo.json" >"$T/bad5.json"
jq 'del(.quorum)' "$T/demo.json" >"$T/bad6.json"
printf '{"cluster": "c", "error": "e", "stale": true}\n' >"$T/bad7.json"
printf '{"cluster": "c", "error": ""}\n' >"$T/bad8.json"
for n in 1 2 3 4 5 6 7 8; do
	check "the schema refuses bad$n.json" refused "$T/bad$n.json"
done

# The document names every property of the schema, and no other.
check "docs/json-output.md names every field of the schema" \
	"$PY" "$checker" doc-paths "$schema" "$doc"
grep -v '^| `resources\[\]\.target` |' "$doc" >"$T/doc.md"
check "... a row left out is found" \
	not "$PY" "$checker" doc-paths "$schema" "$T/doc.md" 2>/dev/null
{ cat "$doc"; printf '\n| `nodes[].bogus` | x |\n'; } >"$T/doc.md"
check "... and a field the schema does not have" \
	not "$PY" "$checker" doc-paths "$schema" "$T/doc.md" 2>/dev/null
finish
