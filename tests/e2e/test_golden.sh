# Golden screens: the demo cluster (seed 1, calm) at 80x24 in each table
# view, compared line for line with tests/data/golden/*.txt (the status
# line, which shows the data's age, is left out). After an intended change
# of the screen, regenerate with:  CCON_GOLDEN_UPDATE=1 tests/e2e/test_golden.sh build/ccon
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
. "$(dirname "$0")/../lib/console.sh"

golden=$(cd "$(dirname "$0")/../data/golden" && pwd)
start_console 80 24 --demo --seed 1 --calm
wait_for "GROUP / RESOURCE" 10 >/dev/null
wait_for "ping-clone|監視" 5 >/dev/null

compare() {  # compare NAME
	local want=$golden/$1-80x24.txt got=$T/$1.txt
	screen_text | sed -n 1,23p >"$got"
	if [ "${CCON_GOLDEN_UPDATE:-}" = 1 ]; then
		cp "$got" "$want"
	fi
	if diff -u "$want" "$got"; then
		pass "the $1 view matches its golden screen"
	else
		fail "the $1 view differs from $want (diff above)"
	fi
}

compare groups
keys 2
wait_for "RESOURCE +GROUP" 3 >/dev/null
compare resources
keys 3
wait_for "NODE +STATE" 3 >/dev/null
compare nodes
keys q
finish
