# A configuration that says everything wrong at once: every error in one
# run, each as "ccon: file:line: ...", by line, exit 2; nodes required for
# pacemaker and wsfc clusters (unless --local); SSH settings only for
# them, 'sim' only for the simulator; fail_start names the simulator's
# resources. And the shipped example loads.
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
. "$(dirname "$0")/../lib/console.sh"

# conf_errors FILE ARGS...: ccon --config FILE --once ARGS; its status in
# $rc, its stderr in $T/err.
conf_errors() {
	local file=$1
	shift
	set +e
	"$CCON" --config "$file" --once "$@" >"$T/out" 2>"$T/err"
	rc=$?
	set -e
}

cat >"$T/all.conf" <<'CONF'
refesh = 2;
readonly = 1;
colors = { failed = "orange"; };
clusters = (
  { name = "prod"; driver = "pacemaker"; },
  { name = "demo"; driver = "sim";
    identity = "~/.ssh/id_ed25519"; port = 22;
    sim = { fail_start = [ "web-sever", "db-pgsql" ]; }; },
  { name = "win"; driver = "wsfc"; nodes = [ ]; },
  { name = "pm"; driver = "pacemaker"; nodes = [ "db1:0" ];
    sim = { seed = 3; }; }
);
transition_timeout = 0;
CONF
conf_errors "$T/all.conf"
f=$T/all.conf
cat >"$T/want" <<WANT
ccon: $f:1: unknown key 'refesh' (did you mean 'refresh'?)
ccon: $f:2: 'readonly' must be true or false
ccon: $f:3: colour 'orange' for 'failed' is not one of black, red, green, yellow, blue, magenta, cyan, white, default, or a number 0 to 255
ccon: $f:5: cluster 'prod' has no 'nodes', which clusters reached over SSH need: nodes = [ "db1", "admin@db2:2222", "[fe80::1]:22" ];
ccon: $f:7: 'identity' is only for clusters reached over SSH, and cluster 'demo' uses driver "sim"
ccon: $f:7: 'port' is only for clusters reached over SSH, and cluster 'demo' uses driver "sim"
ccon: $f:8: resource 'web-sever' in 'fail_start' is not one of the simulator's (did you mean 'web-server'?)
ccon: $f:9: cluster 'win' has no 'nodes', which clusters reached over SSH need: nodes = [ "db1", "admin@db2:2222", "[fe80::1]:22" ];
ccon: $f:10: node 'db1:0' in 'nodes': port must be 1 to 65535
ccon: $f:11: 'sim' is only for the simulator, and cluster 'pm' uses driver "pacemaker"
ccon: $f:13: 'transition_timeout' must be 1 to 86400 seconds, not 0
WANT
check "a file with eleven errors exits 2" [ "$rc" -eq 2 ]
check "... telling each, with file:line, in the order of the lines" \
	diff -u "$T/want" "$T/err"
check "... and nothing on stdout" [ ! -s "$T/out" ]
# Whichever cluster is asked for: the file is wrong.
conf_errors "$T/all.conf" -c demo
check "-c of another cluster: still exit 2, the same errors" \
	bash -c "[ $rc -eq 2 ] && diff -q '$T/want' '$T/err' >/dev/null"

# A cluster without nodes is a configuration error, not "no data"; a
# sim cluster needs none.
cat >"$T/nonodes.conf" <<'CONF'
clusters = (
  { name = "lab"; driver = "sim"; },
  { name = "here"; driver = "pacemaker"; command_timeout = 2; }
);
CONF
conf_errors "$T/nonodes.conf" -c here
check "a pacemaker cluster without nodes exits 2" [ "$rc" -eq 2 ]
check "... naming its group's line" \
	grep -qx "ccon: $T/nonodes.conf:3: cluster 'here' has no 'nodes', .*" "$T/err"
check "... one error only" [ "$(wc -l <"$T/err")" -eq 1 ]
conf_errors "$T/nonodes.conf" -c lab
check "... whichever cluster is asked for" [ "$rc" -eq 2 ]
# --local: ccon runs on a node, the cluster needs no nodes.
conf_errors "$T/nonodes.conf" -c lab --local --output json
check "with --local the same file loads" \
	bash -c "[ $rc -eq 0 ] && jq -e '.cluster == \"lab\"' '$T/out' >/dev/null"
conf_errors "$T/nonodes.conf" -c here --local
# (No cluster runs here: exit 1, "no data", with the tools' reason.)
check "... and its pacemaker cluster is read here: no config error" \
	bash -c "[ $rc -eq 1 ] && ! grep -q \"has no 'nodes'\" '$T/err'"

# Past twenty errors, the rest are counted.
for i in $(seq 1 26); do printf 'bogus%d = 1;\n' "$i"; done >"$T/many.conf"
conf_errors "$T/many.conf"
check "26 errors: exit 2" [ "$rc" -eq 2 ]
check "... twenty told, then how many more" \
	bash -c "[ \$(wc -l <'$T/err') -eq 21 ] &&
		 [ \"\$(tail -n 1 '$T/err')\" = 'ccon: $T/many.conf: and 6 more errors' ]"
check "... the twentieth is the file's twentieth" \
	grep -qx "ccon: $T/many.conf:20: unknown key 'bogus20'.*" "$T/err"

# A syntax error stops libconfig: it is the one error told.
printf 'bogus = 1;\nreadonly = ;\n' >"$T/syntax.conf"
conf_errors "$T/syntax.conf"
check "a syntax error is told alone, exit 2" \
	bash -c "[ $rc -eq 2 ] && [ \$(wc -l <'$T/err') -eq 1 ] &&
		 grep -q '^ccon: $T/syntax.conf:2: syntax error' '$T/err'"

# The shipped example is a good file: its sim cluster runs.
example=$(dirname "$0")/../../conf/ccon.conf.example
conf_errors "$example" -c lab --output json
check "conf/ccon.conf.example loads, every check on" \
	bash -c "[ $rc -eq 0 ] && [ ! -s '$T/err' ] &&
		 jq -e '.cluster == \"lab\" and .driver == \"sim\"' '$T/out' >/dev/null"
finish
