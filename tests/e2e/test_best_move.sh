# A move to the best node through the console at 80x24 on the simulator:
# the chooser offers it first, the question names it, and the group ends
# on a node other than the one it left, done and audited as such.
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
. "$(dirname "$0")/../lib/console.sh"

cat >"$T/best.conf" <<'CONF'
clusters = (
  { name = "demo"; driver = "sim";
    sim = { calm = true; online_delay = 0.5; offline_delay = 0.5; }; }
);
CONF

start_console 80 24 --config "$T/best.conf"
check "the console starts" wait_for "└─ web-server" 10
check "group files runs on alpha" select_row "files +ONLINE +alpha"
keys m
check "the chooser offers the best node first" \
	wait_for "best node \(the cluster chooses\)" 3
keys Enter
check "the question names it" \
	wait_for "Move group files to the best node\? \[y/N\]" 3
keys y
check "the move is done" \
	wait_for "move group files to the best node: done" 10
check "it runs elsewhere now" wait_for "^>files +ONLINE( !?[a-z]{3,4})* +(bravo|charlie) " 3
check "the audit log has it, with no node named" \
	grep -q "move	files -> the best node	997 pending	sent: move group files to the best node: pending" \
	"$XDG_STATE_HOME/ccon/audit.log"

quit_console
finish
