# Actions that mean what the operator asked, seen through the console at
# 80x24 on the simulator: a dialog that names the real scope, a request
# that is refused without a dialog, a request that times out and then
# ends "done late", and intent: taking offline what is stopped for the
# moment sets it to stay stopped.
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
. "$(dirname "$0")/../lib/console.sh"

YELLOW=3 RED=1

# Stops take 5 s and a request times out after 3 s: admin-ip's offline
# times out first and ends late. web-fs never starts.
cat >"$T/actions.conf" <<'CONF'
transition_timeout = 3;
clusters = (
  { name = "demo"; driver = "sim";
    sim = { calm = true; online_delay = 1.0; offline_delay = 5.0;
            fail_start = [ "web-fs" ]; }; }
);
CONF

start_console 80 24 --config "$T/actions.conf"
check "the console starts" wait_for "└─ web-server" 10

# A clone's instance row stands for the whole clone: the dialog says so.
check "an instance row of the clone" select_row "├─ ping +ONLINE"
keys x
check "the dialog names the clone and every node it runs on" \
	wait_for "Stop clone ping-clone on all 3 nodes: alpha, bravo, charlie\? \[y/N\]" 3
keys n
check "n cancels" wait_for "│ cancelled" 3

# Offline of admin-ip: TIMED OUT after 3 s, in words; then done late.
check "admin-ip" select_row "├─ admin-ip +ONLINE"
keys x
check "offline asks first" wait_for "Take resource admin-ip offline\? \[y/N\]" 3
keys y
check "it goes pending" wait_for "admin-ip +OFFLINE PENDING" 3
check "after its deadline the state column says TIMED OUT" \
	wait_for "admin-ip +OFFLINE PENDING dis TIMED OUT" 5
row=$(ansi_row "admin-ip +OFFLINE PENDING dis TIMED OUT")
check "... in white on red" has_bg $RED "$row"
check "when it gets there after all, the mark clears" \
	wait_for "admin-ip +OFFLINE( !?[a-z]{3,4})*( {2,}|$)" 8
keys 4
check "and the events view says done late" \
	wait_for "offline resource admin-ip: done late, after [0-9]+ s" 3
check "the TIMED OUT came before it" \
	screen_in_order "done late" "offline resource admin-ip TIMED OUT after 3"
keys 1

# Found before: after an offline that timed out, o answered "already
# online" and sent nothing, and the resource then finished stopping and
# stayed stopped. Now o asks it to run again, and it does.
check "files" select_row "files +ONLINE"
keys x
wait_for "Take group files offline\? \[y/N\]" 3 >/dev/null
keys y
keys j       # onto nfs-ip, the row below: no time lost looking for it
check "files times out while its first members still run" \
	wait_for "^ files +PENDING( !?[a-z]{3,4})* TIMED OUT" 6
check "nfs-ip still runs, asked to stop" wait_for "^>├─ nfs-ip +ONLINE" 1
keys o
check "online of it is not 'already online': it asks" \
	wait_for "Bring resource nfs-ip online\? \[y/N\]" 3
keys y
check "and is sent" wait_for "│ online resource nfs-ip: success" 3
sleep 12    # nfs-ip's own stop would have come by now
check "nfs-ip still runs once files' other stops are over" \
	wait_for "├─ nfs-ip +ONLINE( !?[a-z]{3,4})*( {2,}|$)" 3
check "... while the members after it are stopped" \
	wait_for "└─ nfs-server +OFFLINE( !?[a-z]{3,4})*( {2,}|$)" 3

# A refusal without a dialog: web is going offline; a second x is
# refused at once, and says so in words.
check "web" select_row "web +ONLINE"
keys x
wait_for "Take group web offline\? \[y/N\]" 3 >/dev/null
check "the dialog shows what the cluster would do: web's members stop" \
	wait_for "stops on alpha: web-ip, web-fs, web-server" 3
check "... and nothing else" not screen_has "also (stops|moves|starts)"
keys y
check "web goes pending" wait_for "^>web +PENDING" 3
keys x
check "a second request is refused at once, without a dialog" \
	wait_for "│ offline group web: refused: web is still going offline" 3
check "... and no dialog opened" not screen_has "\[y/N\]"
check "no internal state names in the answer" not screen_has "_pending"
check "web ends offline" wait_for "^>web +OFFLINE( !?[a-z]{3,4})*( {2,}|$)" 20

# Intent: web-fs cannot start, so web-server stays stopped for the moment
# after an online of web. Taking web-server offline now is sent (it was
# not meant to be stopped): it is set to stay stopped.
keys o
wait_for "Bring group web online\? \[y/N\]" 3 >/dev/null
check "the preview of online starts web (web-fs's failure is not foreseen)" \
	wait_for "starts on [a-z]+: web-ip, web-fs, web-server" 3
keys y
check "web-fs fails to start" wait_for "├─ web-fs +FAILED" 10
check "web-server is stopped behind it" wait_for "└─ web-server +OFFLINE" 3
keys 2
check "web-server in the resources view, not disabled" \
	select_row "web-server +web +OFFLINE"
check "... its flags say nothing" not screen_has "^>web-server .*disabled"
keys x
check "offline of it asks" wait_for "Take resource web-server offline\? \[y/N\]" 3
keys y
check "and is sent: success" \
	wait_for "│ offline resource web-server: success" 3
check "its flags say disabled" wait_for "^>web-server .*disabled" 3
check "the audit log has it as sent, to stay offline" \
	grep -q "offline	web-server	0 success	sent: offline resource web-server: success (web-server is offline, and now stays so)" \
	"$XDG_STATE_HOME/ccon/audit.log"

quit_console
finish
