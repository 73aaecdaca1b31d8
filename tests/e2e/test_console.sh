# The console as an operator uses it, driven through tmux at 80x24: take
# a group offline and watch it go yellow/pending then offline; bring it
# online and watch a failing start go red; clean the failed resource up
# and watch it retry and fail again; views, dialogs, node pause, resize,
# read-only mode and NO_COLOR. Colours are read from
# `tmux capture-pane -e`.
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
. "$(dirname "$0")/../lib/console.sh"

YELLOW=3 RED=1 GREEN=2 CYAN=6

# web-server's start always fails: the failure is what we want to see.
cat >"$T/demo.conf" <<'CONF'
clusters = (
  { name = "demo"; driver = "sim";
    sim = { fail_start = [ "web-server" ]; online_delay = 2.0; offline_delay = 1.5; }; }
);
CONF

start_console 80 24 --demo --seed 1 --config "$T/demo.conf"
check "the console starts on the groups view" wait_for "GROUP / RESOURCE" 10
check "the web group and its members are listed" wait_for "└─ web-server" 5
row=$(ansi_row "├─ web-ip ")
check "online rows are green" has_fg $GREEN "$row"
check "the status bar names cluster, source node and mode" \
	wait_for "^demo │ alpha │ [0-9]+s │ rw" 5

# UTF-8 names line up: the state column starts at the same screen column
# for "監視-ip" (2 wide characters) as for "web-ip".
# (The key bar takes a line: 監視-ip is brought into view first.)
select_row "├─ 監視-ip " 30 >/dev/null || true
a=$(screen_text | grep -F "├─ web-ip " | sed 's/ONLINE.*//')
b=$(screen_text | grep -F "├─ 監視-ip " | sed 's/ONLINE.*//')
check "wide names line up with the others" [ "${#a}" -eq $((${#b} + 2)) ]
keys g

# Offline, cancelled: nothing happens.
keys x
check "offline asks for confirmation" wait_for "Take group web offline\? \[y/N\]" 3
keys n
check "any other key cancels" wait_for "│ cancelled" 3
check "... and web stays online" wait_for "^.web +ONLINE" 2

# Offline, confirmed: pending in yellow, then offline (dim).
keys x
wait_for "Take group web offline" 3 >/dev/null
keys y
check "the group goes pending" wait_for "^.web +PENDING" 3
check "its last member goes OFFLINE PENDING first" \
	wait_for "└─ web-server +OFFLINE PENDING" 3
row=$(ansi_row "└─ web-server +OFFLINE PENDING")
check "pending rows are yellow" has_fg $YELLOW "$row"
check "pending rows are bold" has_attr 1 "$row"
check "pending rows show a spinner and elapsed seconds" \
	wait_for "OFFLINE PENDING( !?[a-z]{3,4})* [|/\\-] [0-9]+s" 2
check "the status bar answers pending (997 semantics)" \
	wait_for "offline group web: pending" 2
check "the whole group ends offline" wait_for "^.web +OFFLINE( !?[a-z]{3,4})*( {2,}|$)" 15
check "... every member" wait_for "├─ web-ip +OFFLINE( !?[a-z]{3,4})*( {2,}|$)" 2
row=$(ansi_row "├─ web-ip +OFFLINE")
check "offline rows are dim" has_attr 2 "$row"
check "... not coloured" not has_any_fg "$row"

# Online: members start in order; web-server fails and goes red.
keys o
check "online asks first, too" wait_for "Bring group web online\? \[y/N\]" 3
keys y
check "and goes pending" wait_for "├─ web-ip +ONLINE PENDING" 3
row=$(ansi_row "├─ web-ip +ONLINE PENDING")
check "online pending is yellow" has_fg $YELLOW "$row"
check "the failing start shows FAILED" wait_for "└─ web-server +FAILED" 20
row=$(ansi_row "└─ web-server +FAILED")
check "failed rows are red" has_fg $RED "$row"
check "the group is FAILED" wait_for "^.web +FAILED" 3
keys j   # off the row: the selection has its own reverse video
sleep 0.3
row=$(ansi_row "^.web +FAILED")
check "the failed transition's row stands out: white on red" has_bg $RED "$row"

# The events view keeps the failed transition with its reason.
keys 4
check "the events view shows the failed transition" \
	wait_for "online group web FAILED" 3
check "... with its reason" wait_for "start failed" 2
check "... and the request" wait_for "offline group web: done" 2

# Cleanup from the resources view clears the failure; web-server retries
# (and fails again: the injection stays).
keys 2
# (the last of them below the key bar: G brings it into view)
keys G
check "the resources view lists every resource" wait_for "^.admin-ip " 3
keys g
check "web-server is FAILED there with a fail count of 1" \
	wait_for "^.web-server +web +FAILED .* alpha +[^ ]+ +1( |$)" 2
check "j moves the selection to web-server" select_row "web-server +web +FAILED"
keys c
check "c answers the cleanup of web-server" \
	wait_for "│ cleanup resource web-server: success" 3
check "its FAILED state and fail count go: it retries its start" \
	wait_for "^>web-server +web +ONLINE PENDING .* alpha +[^ ]+ +0( |$)" 3
check "the retry fails again: FAILED, fail count 1" \
	wait_for "^>web-server +web +FAILED .* alpha +[^ ]+ +1( |$)" 10
keys 4
check "the events view has it in order: cleanup, retry, failure" \
	wait_until 3 screen_in_order \
		"web-server on alpha: ONLINE PENDING → FAILED" \
		"web-server on alpha: FAILED → ONLINE PENDING" \
		"action +cleanup resource web-server: success" \
		"online group web FAILED"
check "the cleanup is audited" \
	grep -q "cleanup	web-server	0 success" "$XDG_STATE_HOME/ccon/audit.log"

# Nodes: pause alpha (asks first), then resume.
keys 3
check "the nodes view" wait_for "^.alpha +UP" 3
keys p
check "pause asks for confirmation" wait_for "Pause node alpha \(what runs there moves away\)\?" 3
keys y
check "the node shows PAUSED" wait_for "^.alpha +PAUSED" 5
row=$(ansi_row "^.alpha +PAUSED")
check "paused is cyan" has_fg $CYAN "$row"
keys p
check "p again resumes it" wait_for "^.alpha +UP" 5

# Help, and resizing.
keys '?'
# (at 80x24 it is longer than the box: it says how to scroll it)
check "? shows the key help" wait_for "(any key closes|other keys close) this" 3
check "... read from the key table, u and [ ] included" \
	bash -c 'tmux -L '"$TMUX_SOCKET"' capture-pane -t e2e -p | grep -q "│ u  *unpin" &&
		tmux -L '"$TMUX_SOCKET"' capture-pane -t e2e -p | grep -q "│ \[ \]  *previous / next cluster"'
keys Escape
tm resize-window -t "$SESSION" -x 100 -y 30
sleep 0.5
check "after a resize the status bar is on the new last line" \
	eval '[ "$(screen_line 30 | cut -c1-4)" = demo ]'
tm resize-window -t "$SESSION" -x 80 -y 24
sleep 0.5
check "and back at 80x24 too" \
	eval '[ "$(screen_line 24 | cut -c1-4)" = demo ]'
keys 1
check "view 1 is the groups tree again" wait_for "GROUP / RESOURCE" 3

quit_console
check "the audit log has the requests" \
	grep -q "offline	web	997 pending" "$XDG_STATE_HOME/ccon/audit.log"
stop_console

# Read-only: the marker, refused actions, and nothing changes.
start_console 80 24 --demo --seed 1 --calm --readonly
check "read-only shows its marker" wait_for "READ-ONLY" 10
keys x
check "offline answers read-only mode, without a dialog" \
	wait_for "read-only mode: offline group web was not sent" 3
sleep 2.5
check "and the group stays online" wait_for "^.web +ONLINE" 1
check "the refusal is audited" \
	grep -q "offline	web	5 read-only mode" "$XDG_STATE_HOME/ccon/audit.log"
keys q
stop_console

# NO_COLOR: words stay, colours go.
start_console -e NO_COLOR=1 80 24 --demo --seed 1 --calm
check "NO_COLOR: the states are still written" wait_for "^.web +ONLINE" 10
check "NO_COLOR: no colour is set" not has_any_fg "$(screen_ansi)"
keys q
finish
