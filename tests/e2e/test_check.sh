# ccon --check, the monitoring plugin: on the saved crm_mon files, the
# exit code (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN) and the one line
# "CCON STATUS - text | perfdata"; usage errors exit 3 with --check;
# the thresholds from the options and the configuration.
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
. "$(dirname "$0")/../lib/console.sh"

data=${CCON_TEST_DATA:-$(dirname "$0")/../data}/pacemaker/crm_mon
set +e

# checks NAME WANT_RC PATTERN [ARGS...]: ccon --check --input NAME.xml
# exits WANT_RC and prints one line matching PATTERN (grep -E).
checks() {
	local name=$1 want=$2 pat=$3 rc
	shift 3
	"$CCON" --check --input "$data/$name.xml" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	check "$name $*: exit $want (got $rc)" [ "$rc" -eq "$want" ]
	check "... one line" [ "$(wc -l <"$T/out")" -eq 1 ]
	check "... '$pat'" grep -qE -- "$pat" "$T/out"
	check "... nothing on stderr" [ ! -s "$T/err" ]
}

perf='\| nodes_up=[0-9]+;;;0;[0-9]+ nodes_down=[0-9]+;;0;0 '
checks basic-3node 0 "^CCON OK - input: 3/3 nodes up, 7/7 resources online $perf"
checks basic-3node 0 "failed=0;;0;0 pending=0;;;0 pending_longest=0s;60;;0 "
checks failed 2 "^CCON CRITICAL - input: 2 failed \(web-srv, db\) $perf"
checks failed 2 " failed=2;;0;0 "
checks node-down 2 "^CCON CRITICAL - input: 3 nodes down \(node4, node5, node6\), 1 node unclean \(node6\) \|"
checks node-down 2 "nodes_up=3;;;0;6 nodes_down=3;;0;0 "
checks node-unclean 2 "^CCON CRITICAL - input: 1 node down \(node3\), 1 node unclean \(node3\), 1 node joining \(node4\)"
checks isolated-minority 2 "^CCON CRITICAL - input: no quorum, 2 nodes down \(node2, node3\), "
checks isolated-minority 2 "12 stopped \(web-ip, web-fs, web-srv \+5 more\) \|"
checks standby-maintenance 2 "^CCON CRITICAL - input: 1 failed \(stuck\), 1 node standby \(node2\), 1 node in maintenance \(node3\), "
checks cluster-maintenance 1 "^CCON WARNING - input: maintenance mode $perf"
checks constraints 1 "^CCON WARNING - input: 4 pinned \(solo, ping\) \|"
checks stop-all 1 "^CCON WARNING - input: stop-all-resources \|"
checks disabled 0 "^CCON OK - input: 3/3 nodes up, 3/7 resources online \|"

# The thresholds: options, the file, and options over the file.
checks constraints 0 "^CCON OK - input: 3/3 nodes up, 6/7 resources online, 4 pinned \(solo, ping\) \|" --warn-on standby
checks constraints 0 " pinned=4;;;0 " --warn-on none
checks cluster-maintenance 1 "^CCON WARNING - input: maintenance mode \|" --warn-on pinned,maintenance
# One look cannot tell how long a state has lasted: it counts from the
# look, so only a threshold of 0 warns at it.
checks pending 0 "^CCON OK - input: 3/3 nodes up, 6/11 resources online, 5 pending \(web-srv, solo, stateful \+1 more\) \|"
checks pending 1 "^CCON WARNING - input: 5 pending \(web-srv, solo, stateful \+1 more\) \| .* pending_longest=0s;0;;0 " --warn-pending 0
cat >"$T/check.conf" <<'CONF'
check = { pending = 0; pinned = "critical"; maintenance = "ok"; };
CONF
checks pending 1 "^CCON WARNING - input: 5 pending " --config "$T/check.conf"
checks pending 0 "^CCON OK - " --config "$T/check.conf" --warn-pending 30
checks constraints 2 "^CCON CRITICAL - input: 4 pinned \(solo, ping\) \| .* pinned=4;;0;0 " --config "$T/check.conf"
checks constraints 1 "^CCON WARNING - input: 4 pinned " --config "$T/check.conf" --warn-on pinned
checks cluster-maintenance 0 "^CCON OK - input: 3/3 nodes up, 7/7 resources online, maintenance mode \|" --config "$T/check.conf"

# Hostile names: the line stays one line with one '|'.
checks utf8-and-hostile 2 "^CCON CRITICAL - input: 3 failed \(数据库, esc-raw, esc-text\)"
check "... its only '|' starts the perfdata" \
	[ "$(tr -cd '|' <"$T/out" | wc -c)" -eq 1 ]
check "... no control characters" \
	bash -c "! LC_ALL=C grep -q \$'[\\x01-\\x1f\\x7f]' '$T/out'"

# A WSFC capture: a paused node is standby.
wsfc=${CCON_TEST_DATA:-$(dirname "$0")/../data}/wsfc
"$CCON" --check --input "$wsfc/fileserver.txt" >"$T/out" 2>"$T/err"; rc=$?
check "wsfc fileserver: exit 2 (got $rc)" [ "$rc" -eq 2 ]
check "... a failed resource, the paused node" \
	grep -qE "^CCON CRITICAL - input: 1 failed \(FileServer-\(FS1\)\(Cluster Disk 2\)\), 1 node standby \(NODE2\), " "$T/out"
"$CCON" --check --input "$wsfc/single.txt" >"$T/out" 2>"$T/err"; rc=$?
check "wsfc single: exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "... OK" grep -qE "^CCON OK - input: 1/1 nodes up, 1/1 resources online $perf" "$T/out"

# No data: UNKNOWN, and why.
checks not-crm-mon 3 "^CCON UNKNOWN - input: this is not crm_mon output"
checks empty 3 "^CCON UNKNOWN - input: crm_mon printed nothing$"
checks truncated 3 "^CCON UNKNOWN - input: crm_mon's XML is not readable"
"$CCON" --check --input "$T/no-such-file.xml" >"$T/out" 2>"$T/err"; rc=$?
check "a missing file: exit 3 (got $rc)" [ "$rc" -eq 3 ]
check "... saying so" grep -qE "^CCON UNKNOWN - input: .*no-such-file" "$T/out"

# The simulator, calm: everything up.
"$CCON" --demo --calm --check >"$T/out" 2>"$T/err"; rc=$?
check "--demo --check: exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "... OK, figures and perfdata" \
	grep -qE "^CCON OK - demo: 3/3 nodes up, [0-9]+/[0-9]+ resources online $perf" "$T/out"

# A usage error with --check is UNKNOWN (3), said on stdout too; without
# --check it stays 2.
usage3() {  # usage3 WHAT ARGS...: exit 3, the reason on stderr and stdout
	local what=$1 rc
	shift
	"$CCON" "$@" >"$T/out" 2>"$T/err"; rc=$?
	check "$* exits 3 (got $rc)" [ "$rc" -eq 3 ]
	check "... '$what' on stderr" grep -qF -- "$what" "$T/err"
	check "... one line on stdout" [ "$(wc -l <"$T/out")" -eq 1 ]
	check "... UNKNOWN with the reason" \
		grep -qE -- "^CCON UNKNOWN - .*$(sed 's/[][\.*^$()+?{}|]/\\&/g' <<<"$what")" "$T/out"
}
usage3 "it does not go with --once" --demo --check --once
usage3 "it does not go with --output" --demo --check --output json
usage3 "it does not go with --what-if" --demo --check --what-if offline:web
usage3 "unknown option '--bogus'" --demo --bogus --check
usage3 "unknown option '--bogus'" --demo --bogus --chec
usage3 "--warn-pending wants seconds" --demo --check --warn-pending soon
usage3 "--warn-on takes standby, pinned, maintenance or none, not 'standbi'" \
	--demo --check --warn-on pinned,standbi
usage3 "no clusters configured" --check
usage3 "no cluster named 'nosuch'" --check -c nosuch
printf 'check = { pendng = 5; };\n' >"$T/bad.conf"
usage3 "unknown key 'pendng'" --check --demo --config "$T/bad.conf"
"$CCON" --demo --warn-pending 5 >/dev/null 2>"$T/err"; rc=$?
check "--warn-pending without --check exits 2 (got $rc)" [ "$rc" -eq 2 ]
check "... saying it goes with --check" \
	grep -q "^ccon: --warn-pending goes with --check; try ccon --help$" "$T/err"

cat >"$XDG_CONFIG_HOME/two.conf" <<'CONF'
clusters = ( { name = "a"; driver = "sim"; }, { name = "b"; driver = "sim"; } );
CONF
usage3 "--check looks at one cluster: pick it with -c NAME" \
	--check --config "$XDG_CONFIG_HOME/two.conf"
"$CCON" --check --config "$XDG_CONFIG_HOME/two.conf" -c b >"$T/out" 2>"$T/err"
rc=$?
check "-c picks the one (exit $rc)" grep -q "^CCON [A-Z]* - b: " "$T/out"

"$CCON" --help >"$T/help"
check "--help lists --check, --warn-pending and --warn-on" \
	bash -c "grep -q -- '--check' '$T/help' && grep -q -- '--warn-pending SECONDS' '$T/help' && grep -q -- '--warn-on LIST' '$T/help'"
set -e
finish
