#!/bin/sh
# Regenerate the crm_mon-made fixtures in crm_mon/ from cib/*.xml with the
# installed Pacemaker tools (2.1.5 when these files were made).  No running
# cluster is needed: CIB_file makes crm_mon read the CIB (configuration +
# <status>) from a file.
#
#   ./gen.sh            every cib/*.xml (except large-500: see gen-large.sh),
#                       plus error-not-connected, constraints-cib, not-crm-mon
#   ./gen.sh NAME...    only cib/NAME.xml
#
# Flags: crm_mon --output-as=xml --include=all
#   For XML, crm_mon's default section set already is everything (summary,
#   nodes, resources, node attributes, node history with operations and fail
#   counts, failures, fencing, tickets, bans); --include=all only makes that
#   explicit.  -r -f -o -t -A -R -L change nothing in XML output (checked with
#   2.1.5).  TZ=UTC pins rendered times; <last_update time="..."> always holds
#   the moment crm_mon ran, so it differs on every run: tests must not assert it.
set -u
cd "$(dirname "$0")"
export TZ=UTC LC_ALL=C.UTF-8
FLAGS="--output-as=xml --include=all"
all=0
if [ $# -eq 0 ]; then
    all=1
    set -- $(cd cib && ls *.xml | sed 's/\.xml$//' | grep -v '^large-500$')
fi
for name in "$@"; do
    CIB_file="cib/$name.xml" crm_mon $FLAGS >"crm_mon/$name.xml" 2>"crm_mon/$name.stderr"
    rc=$?
    [ -s "crm_mon/$name.stderr" ] || rm -f "crm_mon/$name.stderr"
    echo "$name: exit $rc"
done
[ "$all" = 1 ] || exit 0

# The cluster-down case: no CIB_file and no cluster running on this machine.
env -u CIB_file crm_mon $FLAGS >crm_mon/error-not-connected.xml 2>crm_mon/error-not-connected.stderr
echo $? >crm_mon/error-not-connected.exitcode
[ -s crm_mon/error-not-connected.stderr ] || rm -f crm_mon/error-not-connected.stderr
echo "error-not-connected: exit $(cat crm_mon/error-not-connected.exitcode)"

# crm_mon's own errors with code 0 and no status at all: a CIB it cannot
# read (CIB_file of no file), and one that does not validate (basic-3node
# with an element the schema does not know, made on the fly). Their stderr
# (libxml2's schema complaints, naming the temporary file) is not kept.
CIB_file=/nonexistent/cib.xml crm_mon $FLAGS >crm_mon/error-no-cib.xml 2>/dev/null
echo $? >crm_mon/error-no-cib.exitcode
echo "error-no-cib: exit $(cat crm_mon/error-no-cib.exitcode)"
invalid=$(mktemp "${TMPDIR:-/tmp}/ccon-invalid-cib.XXXXXX") || exit 1
sed 's|<nodes>|<nodes><not-a-node/>|' cib/basic-3node.xml >"$invalid"
CIB_file="$invalid" crm_mon $FLAGS >crm_mon/error-cib-invalid.xml 2>/dev/null
echo $? >crm_mon/error-cib-invalid.exitcode
rm -f "$invalid"
echo "error-cib-invalid: exit $(cat crm_mon/error-cib-invalid.exitcode)"

# crm_mon asked for fewer nodes: none (--exclude=nodes: no <nodes> at
# all, resources still say where they run) and one (--node: the node and
# what runs there only); <nodes_configured> still counts them all.
CIB_file=cib/basic-3node.xml crm_mon $FLAGS --exclude=nodes >crm_mon/exclude-nodes.xml
echo "exclude-nodes: exit $?"
CIB_file=cib/basic-3node.xml crm_mon $FLAGS --node=node2 >crm_mon/node-only.xml
echo "node-only: exit $?"

# crm_mon XML has no positive location constraints (cli-prefer-*), only
# negative ones in <bans>: the raw constraints as the parser would fetch them.
CIB_file=cib/constraints.xml cibadmin -Q -o constraints >crm_mon/constraints-cib.xml
echo "constraints-cib: exit $?"

# What the driver asks cibadmin of the configuration (CONFIG_QUERY_XPATH in
# backend/drivers/pacemaker/pacemaker.c): the move and ban constraints and
# the primitives stopped by their own target-role, elements without children.
# One match is printed alone, several inside <xpath-query>.
config_query="/cib/configuration/constraints/rsc_location[starts-with(@id,'cli-')]"
config_query="$config_query | /cib/configuration/resources//primitive[meta_attributes/nvpair"
config_query="$config_query[@name='target-role'][translate(@value,'STOPED','stoped')='stopped']]"
for name in constraints disabled member-stopped; do
    CIB_file=cib/$name.xml cibadmin --query --no-children --xpath "$config_query" \
        >crm_mon/$name-config.xml
    echo "$name-config: exit $?"
done

# Well-formed Pacemaker XML of another kind: crm_resource's resource list has
# the same <pacemaker-result><resources> shape but no <summary>/<nodes>.
CIB_file=cib/basic-3node.xml crm_resource --output-as=xml --list >crm_mon/not-crm-mon.xml
echo "not-crm-mon: exit $?"

# basic-3node cut in the middle (inside a <resource> element)
size=$(wc -c <crm_mon/basic-3node.xml)
head -c $((size / 2)) crm_mon/basic-3node.xml >crm_mon/truncated.xml
echo "truncated: $((size / 2)) of $size bytes"
