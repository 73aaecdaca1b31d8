#!/bin/sh
# Build cib/large-500.xml (16 nodes, 500 resource instances: 60 groups of 5
# primitives, 12 anonymous clones x 16 instances, 8 standalone primitives),
# let crm_simulate start everything, then render crm_mon/large-500.xml.
# For benchmarks; the state is plain (all Started, node1 DC, quorum).
set -eu
cd "$(dirname "$0")"
export TZ=UTC LC_ALL=C.UTF-8
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

prim() {  # id
    printf '<primitive id="%s" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="%s-monitor-10s" name="monitor" interval="10s"/></operations></primitive>\n' "$1" "$1"
}
{
    echo '<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0" have-quorum="1" dc-uuid="1" cib-last-written="Fri Mar  1 12:00:00 2024" update-origin="node1" update-client="crmd" update-user="hacluster">'
    echo '<configuration><crm_config><cluster_property_set id="cib-bootstrap-options">'
    echo '<nvpair id="o1" name="stonith-enabled" value="false"/><nvpair id="o2" name="cluster-name" value="big"/>'
    echo '<nvpair id="o3" name="dc-version" value="2.1.5-a3f44794f94"/><nvpair id="o4" name="cluster-infrastructure" value="corosync"/>'
    echo '</cluster_property_set></crm_config><nodes>'
    for n in $(seq 1 16); do echo "<node id=\"$n\" uname=\"node$n\"/>"; done
    echo '</nodes><resources>'
    for g in $(seq -w 1 60); do
        echo "<group id=\"grp$g\">"
        for m in 1 2 3 4 5; do prim "grp$g-r$m"; done
        echo '</group>'
    done
    for c in $(seq -w 1 12); do echo "<clone id=\"cl$c-clone\">"; prim "cl$c"; echo '</clone>'; done
    for s in $(seq -w 1 8); do prim "solo$s"; done
    echo '</resources><constraints>'
    for g in $(seq -w 1 60); do
        n=$(( ($(echo "$g" | sed "s/^0*//") - 1) % 16 + 1 ))
        echo "<rsc_location id=\"grp$g-prefers-node$n\" rsc=\"grp$g\" node=\"node$n\" score=\"100\"/>"
    done
    echo '</constraints></configuration><status/></cib>'
} >"$tmp/in.xml"

up=""
for n in $(seq 1 16); do up="$up -u node$n"; done
# shellcheck disable=SC2086
crm_simulate -x "$tmp/in.xml" $up -S -O "$tmp/out.xml" >/dev/null
# pin crm_simulate's "now" to 2024-03-01 12:00:00 UTC
sed -E 's/last-rc-change="[0-9]+"/last-rc-change="1709294400"/g; s/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx/6c1a2b9e-0000-4000-8000-00000000cc01/g' \
    "$tmp/out.xml" >cib/large-500.xml
CIB_file=cib/large-500.xml crm_mon --output-as=xml --include=all >crm_mon/large-500.xml
echo "large-500: $(grep -c '<resource ' crm_mon/large-500.xml) resource instances, $(wc -c <crm_mon/large-500.xml) bytes"
