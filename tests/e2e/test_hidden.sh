# Nothing important hidden (issue 9), through tmux at 80x24: the flags'
# markers beside the state word in the groups tree and the resources
# view, agents cut from the left, INFINITY, the data's age of a saved
# file by its own time stamp, ASCII tree lines under LANG=C, and the
# events view's columns holding still as events arrive, with a mark for
# those that arrived above the selection.
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
. "$(dirname "$0")/../lib/console.sh"

DATA=${CCON_TEST_DATA:-$(dirname "$0")/../data}/pacemaker/crm_mon

# -- Markers in the groups tree, at 80x24 --------------------------------
start_console 80 24 --input "$DATA/standby-maintenance.xml"
check "the groups tree is drawn" wait_for "GROUP / RESOURCE" 10
# The tree's header comes with the first frame, its rows with the data.
check "a blocked, disabled, unmanaged resource says so beside FAILED" \
	wait_for "└─ stuck +FAILED !blk dis unm " 5
check "an unmanaged resource in maintenance, in the tree" \
	screen_has "├─ ping +ONLINE unm mnt "
check "its clone says what is inside it" \
	screen_has "^ ping-clone \(clone\) +PARTIAL ONLINE unm mnt"
check "unmanaged alone" screen_has "├─ legacy +ONLINE unm "
check "nothing cut with an ellipsis in the state column" \
	not screen_has "(FAILED|ONLINE)[^ ]*…"
# The resources view: the agent goes first and is cut from the left;
# INFINITY in words; the markers stay.
keys 2
check "the resources view is drawn" wait_for "RESOURCE +GROUP +STATE" 3
check "agents are cut from the left, keeping the type" \
	screen_has "…:IPaddr2"
check "a fail count of 1000000 reads INFINITY" \
	screen_has "^ stuck .*INFINITY"
check "... with its markers" screen_has "^ stuck +- +FAILED !blk dis unm "
keys 3
check "the nodes view marks maintenance" wait_for "^ node3 +UP mnt +maintenance" 3
quit_console
stop_console

# -- The age of a saved file is its own ----------------------------------
# crm_mon writes ctime's form in local time; an hour ago is an hour old.
when=$(date -d '-1 hour' '+%a %b %e %H:%M:%S %Y')
sed "s|<last_update time=\"[^\"]*\"|<last_update time=\"$when\"|" \
	"$DATA/basic-3node.xml" >"$T/hour-old.xml"
start_console 80 24 --input "$T/hour-old.xml"
check "a file written an hour ago is an hour old" \
	wait_for "│ (60|61)m │ READ-ONLY" 10
quit_console
stop_console
out=$("$CCON" --input "$T/hour-old.xml" --once)
check "--once says when the data is of" \
	grep -q "^Data as of $(date -d '-1 hour' '+%Y-%m-%d %H'):" <<<"$out"
check "--output json gives its time" \
	bash -c "'$CCON' --input '$T/hour-old.xml' --once --output json |
		grep -Eq '\"data_time\": [0-9]+,'"

# -- LANG=C: ASCII, not UTF-8 forced on the terminal ---------------------
start_console -e LANG=C -e LC_ALL=C 80 24 --input "$DATA/basic-3node.xml"
check "tree lines fall back to ASCII" wait_for '^ \|- web-ip ' 10
check "... the last member too" screen_has '^ `- web-srv '
check "no box drawing or ellipsis is sent" \
	not screen_has '[├└│…›]'
check "the status bar's separators are ASCII" \
	screen_has '^input \| [^ ]+ \| '
quit_console
stop_console

# -- Events: columns that hold still, and "▲ N new" ---------------------
start_console 80 24 --demo --seed 1 --calm
check "the demo starts" wait_for "GROUP / RESOURCE" 10
keys 4
check "the events view" wait_for "TIME +SEV +KIND +EVENT" 3
before=$(screen_line 2)
# Events to read: web taken offline.
keys 1 x
check "offline asks" wait_for "Take group web offline" 3
keys y
check "web goes offline" wait_for "^>web +OFFLINE" 10
# Leave the top of the log, then make more events elsewhere.
keys 4 j
check "the selection leaves the top" wait_until 3 not screen_has "^>[0-9:]+ .*offline group web: pending"
keys 1 o
check "online asks" wait_for "Bring group web online" 3
keys y
keys 4
check "new events above the selection are counted" \
	wait_for "EVENT +▲ [0-9]+ new" 6
check "the header did not move" \
	[ "$(screen_line 2 | cut -c1-28)" = "$(printf '%s' "$before" | cut -c1-28)" ]
# Every event's text starts in the same column, whatever its kind and
# severity: column 24 (gutter, 8 + 5 + 6 and their gaps).
check "the text column is the same on every row" \
	bash -c "tmux -L '$TMUX_SOCKET' capture-pane -t '$SESSION' -p |
		sed -n '3,/^\$/p' | grep -E '^.[0-9]{2}:' |
		awk '{ if (substr(\$0, 23, 1) != \" \" || substr(\$0, 24, 1) == \" \") bad++ }
		     END { exit bad > 0 }'"
keys g
check "the mark goes once the top is read" \
	wait_until 3 not screen_has "▲ [0-9]+ new"
quit_console
stop_console

# -- p: the node drains, counted, until it is empty ---------------------
start_console 80 24 --demo --seed 2 --calm
check "the demo starts again" wait_for "GROUP / RESOURCE" 10
keys 3
check "the nodes view" wait_for "^>alpha +UP" 3
keys p
check "pause asks" wait_for "Pause node alpha" 3
keys y
check "the node drains, with what still runs there" \
	wait_for "^>alpha +PAUSED draining \([0-9]+ left\)" 3
check "until it is empty: then the pause is done" \
	wait_for "pause node alpha: done" 20
check "... and the count goes" wait_for "^>alpha +PAUSED +DC standby +0$" 3
quit_console
stop_console
finish
