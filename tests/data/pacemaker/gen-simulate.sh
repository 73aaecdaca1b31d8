#!/bin/sh
# Regenerate crm_simulate/*.xml: what `crm_simulate --run --output-as=xml`
# (Pacemaker 2.1.5) prints for a copy of cib/NAME.xml before (NAME.before.xml)
# and after (NAME.after.xml) the commands of a request are applied to the
# copy with CIB_file, as the driver's preview does on a node
# (backend/drivers/pacemaker/pacemaker.c, preview_script).  No cluster is
# needed.  The request attribute names the copy: it is rewritten to a fixed
# path so that the files stay the same from one run to the next.
#
#   ./gen-simulate.sh
set -eu
cd "$(dirname "$0")"
export TZ=UTC LC_ALL=C.UTF-8
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CIB_shadow_dir=$tmp
export CIB_shadow_dir

simulate() {
	crm_simulate --run --xml-file "$tmp/cib.xml" --output-as=xml |
		sed "s|$tmp/cib.xml|/tmp/ccon-preview.XXXXXX/cib.xml|" >"$1"
}

# apply CMD...: one command on the copy
apply() {
	CIB_file=$tmp/cib.xml "$@" >/dev/null 2>&1
}

# scenario NAME CIB CMD...  (commands separated by +, split as the
# preview script does)
scenario() {
	name=$1 cib=$2
	shift 2
	cp "cib/$cib.xml" "$tmp/cib.xml"
	simulate "crm_simulate/$name.before.xml"
	n=0
	for a in "$@"; do
		if [ $n = 0 ]; then set --; n=1; fi
		if [ "$a" = + ]; then apply "$@"; set --; else set -- "$@" "$a"; fi
	done
	if [ $# -gt 0 ]; then apply "$@"; fi
	simulate "crm_simulate/$name.after.xml"
	echo "$name"
}

role() { echo crm_resource --resource "$1" --meta --set-parameter target-role --parameter-value "$2"; }

# offline of group web: its three members stop
scenario offline-web basic-3node $(role web Stopped)
# move of group web to node2
scenario move-web basic-3node crm_resource --move --resource web --node node2
# offline of the clone: one stop per instance (ping:0 ping:1 ping:2)
scenario offline-ping basic-3node $(role ping-clone Stopped)
# online of the failed db: its failure records deleted (the preview's
# cleanup), then Started; web-srv's recovery is under way before and after
scenario online-db failed \
	cibadmin --delete --force --delete-all --xpath \
	"/cib/status//lrm_resource[@id='db' or starts-with(@id,'db:')] | /cib/status//transient_attributes//nvpair[starts-with(@name,'fail-count-db#') or starts-with(@name,'last-failure-db#') or starts-with(@name,'fail-count-db:') or starts-with(@name,'last-failure-db:')]" \
	+ $(role db Started)
# online of app-data in the stopped group app: app-srv stays stopped,
# app-ip (already running) and app-data run, then the group
scenario online-app-data member-stopped $(role app-srv Stopped) + \
	$(role app-ip Started) + $(role app-data Started) + $(role app Started) --force
# ban of the bundle from node2: its parts move
scenario ban-bundle bundle crm_resource --ban --resource httpd-bundle --node node2
# promote and demote (not a request ccon makes: a promoted move)
scenario promoted-move promotable crm_resource --move --promoted --resource stateful-clone --node node2
