# ccon --once --output text: into a pipe nothing is cut (every id, flag and
# failure whole); on a terminal (tmux, 80 columns) every line fits. And what
# the report says of crm_mon files that hold less than a full status: its
# own errors, fewer nodes (--node, --exclude=nodes), an UNCLEAN (online)
# node (tests/data/pacemaker/README.md says how each was made).
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
. "$(dirname "$0")/../lib/console.sh"

DATA=$(cd "$(dirname "$0")/../data/pacemaker/crm_mon" && pwd)
HOSTILE=$DATA/utf8-and-hostile.xml
ELL=$'\xe2\x80\xa6'

# ---- through a pipe: whole -------------------------------------------------
"$CCON" --input "$HOSTILE" --once --output text | cat >"$T/pipe.txt"
check "through a pipe: no value cut (no …)" not grep -q "$ELL" "$T/pipe.txt"
# Every resource id of the fixture, whole, the 200-character one too (its
# non-ASCII ids are character references: python3 decodes them, else only
# the ASCII ones are looked for).
if command -v python3 >/dev/null; then
	python3 -c 'import sys, xml.etree.ElementTree as ET
for i in sorted({r.get("id") for r in ET.parse(sys.argv[1]).iter("resource")}):
    print(i)' "$HOSTILE" >"$T/ids"
else
	grep -o '<resource id="[^"&]*"' "$HOSTILE" | sed 's/.*id="//; s/"$//' |
		sort -u >"$T/ids"
fi
check "the fixture has the 200-character id" \
	grep -qE '^r-[0-9a-z-]{198}$' "$T/ids"
missing=0
while IFS= read -r id; do
	grep -qF -- "$id" "$T/pipe.txt" || { missing=1; echo "missing: $id"; }
done <"$T/ids"
check "through a pipe: every resource id whole" [ "$missing" = 0 ]
check "... and the failure's end" \
	grep -q 'C1 CSI .2J at 2024-03-01 12:10:00Z$' "$T/pipe.txt"
check "... and no line ends in spaces" not grep -q ' $' "$T/pipe.txt"
# Into a file, with COLUMNS set: still not a terminal, still whole.
COLUMNS=40 "$CCON" --input "$HOSTILE" --once >"$T/file.txt"
check "into a file, COLUMNS=40: nothing cut" not grep -q "$ELL" "$T/file.txt"
check "... the same as through a pipe" \
	diff -u <(grep -v '^Data as of' "$T/pipe.txt") \
		<(grep -v '^Data as of' "$T/file.txt")

# ---- on a terminal: fits ---------------------------------------------------
start_console 80 50 --input "$HOSTILE" --once
check "on a terminal: ccon ends" console_exited 10
check "... with status 0" grep -qx "exit=0" "$T/exit"
# -J joins what tmux wrapped: a line wider than 80 shows as it was.
tm capture-pane -t "$SESSION" -p -J -S - >"$T/tty.txt"
stop_console
check "on a terminal: the report is there" \
	grep -q '^GROUP / RESOURCE' "$T/tty.txt"
# wc -L: the widest line in columns, wide characters as two.
widest=$(LC_ALL=C.UTF-8 wc -L <"$T/tty.txt")
check "... every line fits 80 columns (widest: $widest)" [ "$widest" -le 80 ]
check "... some as wide as that (the table fills the width)" [ "$widest" -ge 70 ]
check "... the long id cut with …" grep -q "^r-0123456789abc.*$ELL" "$T/tty.txt"
check "... the state words whole" grep -qE "$ELL +ONLINE +node2" "$T/tty.txt"

# ---- what crm_mon said ------------------------------------------------------
set +e
"$CCON" --input "$DATA/error-cib-invalid.xml" --once >"$T/out" 2>"$T/err"
rc=$?
set -e
check "crm_mon's own error: exit 1" [ "$rc" = 1 ]
check "... in its words" grep -qx "ccon: input: crm_mon: Could not connect to the CIB: Update does not conform to the configured schema" "$T/err"
check "... not 'not crm_mon output'" not grep -q "not crm_mon output" "$T/err"
set +e
"$CCON" --input "$DATA/error-not-available.xml" --once >"$T/out" 2>"$T/err"
set -e
check "Not connected with its errors" grep -q "Not connected (code 102): .*Error: cluster is not available on this node$" "$T/err"

"$CCON" --input "$DATA/exclude-nodes.xml" --once >"$T/out"
check "--exclude=nodes: shown, the DC up" grep -qE '^node1 +UP +4 +dc$' "$T/out"
check "... the nodes resources run on, unknown" \
	grep -qE '^node3 +UNKNOWN +1$' "$T/out"
"$CCON" --input "$DATA/node-only.xml" --once >"$T/out"
check "--node=node2: shown" grep -qE '^node2 +UP +2$' "$T/out"
check "... saying the cluster has more" \
	grep -qF "(3 nodes configured, 2 shown: the source listed only some.)" "$T/out"

"$CCON" --input "$DATA/node-unclean-online.xml" --once >"$T/out"
check "UNCLEAN (online): up and unclean" grep -qE '^node2 +UP +2 +UNCLEAN$' "$T/out"
check "UNCLEAN (offline): down and unclean" grep -qE '^node3 +DOWN +2 +UNCLEAN$' "$T/out"
# The console's nodes view says it in words too (flags.c's table).
start_console 100 30 --input "$DATA/node-unclean-online.xml"
check "console: the resources view" wait_for "GROUP / RESOURCE" 10
keys 3
check "console: node2 up and unclean, in words" \
	wait_for "node2 +UP !unc +unclean +2" 5
check "console: node3 down and unclean" screen_has "node3 +DOWN !unc +unclean +2"
check "console: an unclean node is not counted up" screen_has "nodes 1/4 up"
quit_console
stop_console
finish
