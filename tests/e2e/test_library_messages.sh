# Library messages never reach the screen: libxml2 prints encoding
# errors to stderr whatever its options say, and used to write them over
# the console on every refresh. A file that declares Shift_JIS and holds
# bytes that are not: the console says why it has no data, in its own
# words, and stays intact; stderr is kept in the console's log.
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
. "$(dirname "$0")/../lib/console.sh"

bad=$CCON_TEST_DATA/pacemaker/crm_mon/bad-encoding.xml
start_console 80 24 --input "$bad"
check "the console says why there is no data" \
	wait_for "no data from input: crm_mon's XML is not readable: line 13" 10
check "... in its own words, with the encoding error" \
	wait_for "line 13: input conversion" 2
sleep 2.5    # a few refreshes, each of which used to print again
check "no library message is on the screen" \
	not screen_has "encoding error|I/O error|parser error"
check "the first line is still the tab bar" \
	bash -c '[[ $1 == " 1 groups"* ]]' _ "$(screen_line 1)"
check "the status bar is still on the last line" \
	bash -c '[[ $1 == "input │"* ]]' _ "$(screen_line 24)"
keys q
console_exited 5 || true
check "q quits with status 0" grep -qx "exit=0" "$T/exit"
check "nothing on the terminal's stderr" [ ! -s "$T/stderr" ]
log=$XDG_STATE_HOME/ccon/ccon.log
check "stderr went to the console's log meanwhile" grep -q "console started" "$log"
check "libxml2's own messages came back to ccon, not even into the log" \
	not grep -q "encoding error" "$log"
check "and no sanitizer spoke there" \
	not grep -Eq "runtime error|AddressSanitizer|LeakSanitizer" "$log"
finish
