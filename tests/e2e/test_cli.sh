# The command line: --help, --version, usage errors, configuration errors
# with file:line, and --once snapshots in text and JSON.
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
. "$(dirname "$0")/../lib/console.sh"

out=$("$CCON" --version)
check "--version names the version and the commit" \
	grep -qxE 'ccon 0\.1\.0 \(([0-9a-f]{7,}(-dirty)?|unknown)\)' <<<"$out"
out=$("$CCON" --help)
check "--help lists --demo and the keys" grep -q -- "--demo" <<<"$out"
check "--help lists u (unpin), from the key table" \
	grep -qE '^  u +unpin' <<<"$out"
check "--help lists [ and ] (clusters)" \
	grep -qE '^  \[ \] +previous / next cluster' <<<"$out"
# The README's list of keys is --help's, from the same table: one that
# drifted from the code would fail here.
readme=$(dirname "$0")/../../README.md
sed -n '/^Keys in the console:$/,$p' <<<"$out" | sed 1d >"$T/help-keys"
awk '/^### Keys$/ {keys = 1} keys && /^```$/ {n++; if (n == 2) exit; next}
     keys && n == 1' "$readme" >"$T/readme-keys"
check "the README lists the keys as --help does" \
	diff -u "$T/help-keys" "$T/readme-keys"
set +e
"$CCON" --bogus >/dev/null 2>&1; rc=$?
check "an unknown option exits 2" [ "$rc" -eq 2 ]
"$CCON" --seed 3 >/dev/null 2>"$T/err"; rc=$?
check "--seed without --demo exits 2" [ "$rc" -eq 2 ]
"$CCON" --demo --seed -1 --once >/dev/null 2>"$T/err"; rc=$?
check "a negative seed exits 2" [ "$rc" -eq 2 ]
# A usage error is one line that says what is wrong and where to look;
# options that do not go together are refused with the reason.
usage_error() {  # usage_error WHAT ARGS...: exit 2, one line, its words
	local what=$1 rc
	shift
	"$CCON" "$@" >/dev/null 2>"$T/err"; rc=$?
	check "$* exits 2" [ "$rc" -eq 2 ]
	check "... in one line" [ "$(wc -l <"$T/err")" -eq 1 ]
	check "... saying $what and try ccon --help" \
		grep -qE "^ccon: .*$what.*; try ccon --help$" "$T/err"
}
usage_error "unknown option '--bogus'" --bogus
usage_error "unknown option '-x'" -x
usage_error "--seed wants a value" --seed
usage_error "-c wants a value" -c
usage_error "unexpected argument 'extra'" extra
usage_error "it does not go with -c" --demo -c prod
usage_error "it does not go with --local" --demo --local
usage_error "it does not go with --local" --input f.xml --local
usage_error "it does not go with --demo" --input f.xml --demo
usage_error "--output goes with --once" --demo --output json
usage_error "--what-if goes with --once" --demo --what-if offline:web
usage_error "--output is text or json, not 'xml'" --demo --once --output xml

"$CCON" >/dev/null 2>"$T/err"; rc=$?
check "no clusters configured exits 2" [ "$rc" -eq 2 ]
check "... and says to try --demo" grep -q -- "--demo" "$T/err"
"$CCON" --demo </dev/null >/dev/null 2>"$T/err"; rc=$?
check "the console without a terminal exits 2" [ "$rc" -eq 2 ]
check "... and points to --once" grep -q -- "--once" "$T/err"

# A bad file: the error names file:line, and the exit status is 2.
cat >"$T/bad.conf" <<'CONF'
refresh = 2.0;
clusters = (
  { name = "lab"; driver = "sim";
    refesh = 1.0; }
);
CONF
"$CCON" --config "$T/bad.conf" --once >/dev/null 2>"$T/err"; rc=$?
check "an unknown key exits 2" [ "$rc" -eq 2 ]
check "... naming file:line and the right key" \
	grep -q "^ccon: $T/bad.conf:4: unknown key 'refesh' .*(did you mean 'refresh'?)" "$T/err"
printf 'refresh = ;\n' >"$T/syntax.conf"
"$CCON" --config "$T/syntax.conf" --once >/dev/null 2>"$T/err"; rc=$?
check "a syntax error exits 2 with file:line" \
	bash -c "[ $rc -eq 2 ] && grep -q '$T/syntax.conf:1:' '$T/err'"
"$CCON" --config "$T/missing.conf" --once >/dev/null 2>"$T/err"; rc=$?
check "a missing --config file exits 2" [ "$rc" -eq 2 ]

# The default file is found through XDG_CONFIG_HOME.
mkdir -p "$XDG_CONFIG_HOME/ccon"
cat >"$XDG_CONFIG_HOME/ccon/ccon.conf" <<'CONF'
clusters = (
  { name = "prod"; driver = "pacemaker"; nodes = [ "127.0.0.1:1" ];
    connect_timeout = 2; },
  { name = "win"; driver = "wsfc"; nodes = [ "127.0.0.1:1" ]; },
  { name = "lab"; driver = "sim"; sim = { seed = 5; calm = true; }; }
);
CONF
"$CCON" --once >/dev/null 2>"$T/err"; rc=$?
check "--once with two clusters asks for -c" \
	bash -c "[ $rc -eq 2 ] && grep -q -- '-c NAME' '$T/err'"
"$CCON" --once -c nosuch >/dev/null 2>"$T/err"; rc=$?
check "no such cluster: exit 2, with the names there are" \
	bash -c "[ $rc -eq 2 ] && grep -q \"no cluster named 'nosuch' .*there are: prod, win, lab\" '$T/err'"
"$CCON" --once -c win >/dev/null 2>"$T/err"; rc=$?
check "a wsfc cluster no node of which answers: exit 1, and why" \
	bash -c "[ $rc -eq 1 ] && grep -q '127.0.0.1:1: cannot connect' '$T/err'"
"$CCON" --once --local -c win >/dev/null 2>"$T/err"; rc=$?
check "--local with a wsfc cluster is refused, saying why" \
	bash -c "[ $rc -eq 1 ] && grep -q 'leave out --local' '$T/err'"
"$CCON" --once -c prod >/dev/null 2>"$T/err"; rc=$?
check "a cluster no node of which answers: exit 1, and why" \
	bash -c "[ $rc -eq 1 ] && grep -q '127.0.0.1:1: cannot connect' '$T/err'"
"$CCON" --once -c nosuch >/dev/null 2>"$T/err"; rc=$?
check "an unknown cluster name exits 2" [ "$rc" -eq 2 ]
"$CCON" --once -c lab --output json >"$T/lab.json"; rc=$?
check "--once -c lab prints JSON" \
	bash -c "[ $rc -eq 0 ] && jq -e '.cluster == \"lab\" and .driver == \"sim\"' '$T/lab.json' >/dev/null"
set -e

# The JSON schema of docs/json-output.md, on the demo cluster.
"$CCON" --demo --once --output json >"$T/demo.json"
j() { jq -e "$1" "$T/demo.json" >/dev/null; }
check "top-level keys in order" \
	j '[keys_unsorted[]] == ["cluster","driver","source","stale","data_time","data_age_s","quorum","maintenance_mode","stop_all","dc","nodes_total","nodes_online","nodes","groups","resources"]'
check "three nodes, all up, one DC" \
	j '(.nodes | length) == 3 and all(.nodes[]; .state == "up") and ([.nodes[] | select(.dc)] | length) == 1'
check "node keys" \
	j 'all(.nodes[]; keys_unsorted == ["name","state","drain","dc","standby","maintenance","unclean"])'
check "six groups of 2 to 4 resources and one clone" \
	j '([.groups[] | select(.kind == "group" and (.resources | length) >= 2 and (.resources | length) <= 4)] | length) == 6 and ([.groups[] | select(.kind == "clone")] | length) == 1'
check "group keys and states" \
	j 'all(.groups[]; keys_unsorted == ["id","kind","state","locked","core","resources"] and .state == "online")'
check "resource keys" \
	j 'all(.resources[]; keys_unsorted[0:13] == ["id","group","agent","state","nodes","role","disabled","managed","blocked","maintenance","locked","core","failcount"])'
check "resources outside groups have group null" \
	j '([.resources[] | select(.group == null)] | length) >= 2'
check "clone instances share their id, one entry each" \
	j '([.resources[] | select(.id == "ping")] | length) == 3 and ([.resources[] | select(.id == "ping") | .nodes[0]] | unique | length) == 3'
check "the disabled resource is offline and disabled" \
	j '.resources[] | select(.id == "license-srv") | .state == "offline" and .disabled'
check "UTF-8 names come through" j '.groups[] | select(.id == "監視")'
check "not stale" j '.stale == false'

"$CCON" --demo --once >"$T/demo.txt"
check "the text report lists the nodes" grep -q "alpha" "$T/demo.txt"
check "... and the groups" grep -q "dépôt" "$T/demo.txt"
check "the text report has no control characters" \
	bash -c "! LC_ALL=C grep -q \$'[\\x01-\\x08\\x0b-\\x1f\\x7f]' '$T/demo.txt'"

# A terminal that cannot move the cursor is refused as an unknown one:
# a message and status 1, not a garbled screen (a real tty, in tmux).
exit_is() {  # exit_is N: ccon ended with status N; else what it did say
	grep -qx "exit=$1" "$T/exit" && return 0
	echo "# $(cat "$T/exit" 2>&1); stderr: $(head -c 300 "$T/stderr")"
	return 1
}
for term in dumb xterm-of-nowhere; do
	start_console -e TERM=$term 80 24 --demo
	check "TERM=$term: ccon ends" console_exited 5
	check "TERM=$term: with status 1" exit_is 1
	check "TERM=$term: and says why" \
		grep -q "^ccon: cannot use terminal type '$term'" "$T/stderr"
	stop_console
done
finish
