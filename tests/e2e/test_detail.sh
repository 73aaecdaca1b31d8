# The detail pane ("why did it fail"), driven through tmux at 80x24: the
# failed resource of a saved crm_mon file shows its exit reason and its
# time, from the snapshot at once and from the file's failures and
# operations; Esc and q close it; the simulator's detail lists the
# operations and hides the database's password; read-only mode shows
# it too; d opens it as Enter does, and a is the acknowledgement.
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
. "$(dirname "$0")/../lib/console.sh"

data=${CCON_TEST_DATA:-$(dirname "$0")/../data}
failed=$data/pacemaker/crm_mon/failed.xml

start_console 80 24 --input "$failed"
check "the file is shown" wait_for "GROUP / RESOURCE" 10
keys 2
check "the resources view lists web-srv as failed" \
	wait_for "web-srv +web +FAILED" 5
check "web-srv can be selected" select_row "web-srv "
keys Enter
check "Enter opens the detail of the selected resource" \
	wait_for "detail: resource web-srv" 3
check "... with its state in words" wait_for "state +FAILED" 2
check "... and what it is meant to be" \
	wait_for "meant to be +running \(it is not\)" 2
check "... and its last failure's exit reason, at once" \
	wait_for "last failure +monitor on node1: not running \(7\): pid file" 2
check "... and its time, as a UTC date" \
	wait_for "failed at +2024-03-01 12:12:00 UTC" 2
check "the key line says how to scroll and close" wait_for "Esc q close" 2
keys Down Down Down Down Down Down
check "Down scrolls to the file's failed operations" \
	wait_for "failed op +monitor on node1: rc=7 \(not running\)" 3
check "... with the exit reason" \
	wait_for "exit reason +pid file /run/web-srv.pid is stale" 2
keys NPage
check "PgDn: the operations newest first" \
	wait_for "monitor +every 10000ms on node1: rc=7 \(not running\), call 4" 3
check "what a crm_mon file cannot say is said" \
	wait_for "not in a crm_mon file" 3
keys Escape
check "Esc closes the pane" wait_for "RESOURCE +GROUP +STATE" 3
check "... and the view is back" not screen_has "detail: resource"
check "d opens it too" select_row "db  "
keys d
check "... on db, INFINITY fail count in words" \
	wait_for "fail count +INFINITY" 3
keys q
check "q closes the pane and does not quit" \
	wait_for "RESOURCE +GROUP +STATE" 3
check "... ccon still runs" not test -e "$T/exit"
keys 3
check "the nodes view" wait_for "NODE +STATE" 3
keys Enter
check "a node's detail says what runs there" wait_for "runs here" 3
check "... web-srv among them" wait_for "web-srv +FAILED in web" 2
keys q
quit_console
stop_console

# The simulator: operations, constraints, parameters with the password
# hidden; in read-only mode.
for mode in rw ro; do
	args=(--demo --seed 1 --calm)
	[ "$mode" = ro ] && args+=(--readonly)
	start_console 80 24 "${args[@]}"
	check "$mode: the demo starts" wait_for "GROUP / RESOURCE" 10
	keys 2
	check "$mode: db-pgsql can be selected" select_row "db-pgsql "
	keys Enter
	check "$mode: the detail of db-pgsql opens" \
		wait_for "detail: resource db-pgsql" 3
	check "$mode: no error in the pane" not screen_has "error"
	keys NPage
	check "$mode: its operations" \
		wait_for "start +on [a-z]+: rc=0 \(ok\)" 3
	check "$mode: its group's order" \
		wait_for "order +starts after db-fs \(group db\)" 3
	keys End
	check "$mode: the password is hidden" wait_for "password +\*\*\*" 3
	check "$mode: ... its value is nowhere" not screen_has "s3cret"
	keys Escape
	check "$mode: Esc closes it" wait_for "RESOURCE +GROUP +STATE" 3
	[ "$mode" = ro ] && check "ro: READ-ONLY is shown" screen_has "READ-ONLY"
	keys a
	check "$mode: a is the acknowledgement now" \
		wait_for "no mark to acknowledge on this row" 3
	quit_console
	stop_console
done
finish
