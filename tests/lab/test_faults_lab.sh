#!/usr/bin/env bash
# ccon when a node fails under it (issue 13), every case on one lab:
#   (a) stack killed, (b) partition without quorum, (c) sshd killed,
#   (e) a hanging crm_mon, (f) a request in flight: through the ccon
#       libraries, by test_faults (tests/lab/test_faults.c);
#   (d) a slow link to node1 (2 s each way, tests/lab/slowrelay): the
#       console in tmux, its keys timed.
# Each case prints the time to detect and to recover and puts the lab back;
# a table of them all comes last.
# Run as: tests/lab/with-lab tests/lab/test_faults_lab.sh CCON TEST_FAULTS SLOWRELAY
# FAULT_CASES="a d" runs those cases only.
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
# shellcheck disable=SC2154 # the lab's variables, from with-lab
TEST_NAME=lab-faults
. "$(dirname "$0")/../lib/console.sh"

FAULTS=${2:?usage: $0 CCON TEST_FAULTS SLOWRELAY}
export CCON_SLOWRELAY=${3:?usage: $0 CCON TEST_FAULTS SLOWRELAY}
export FAULT_TIMES=$T/times FAULT_TMP=$T
CASES=${FAULT_CASES:-abcdef}
: >"$FAULT_TIMES"

lab() { "$LAB_LAB" "$@"; }

# Whatever a case left broken is mended, and the console's tmux goes.
faults_cleanup() {
	lab heal >/dev/null 2>&1 || true
	console_cleanup
}
trap faults_cleanup EXIT

ms_now() { echo $((${EPOCHREALTIME/[.,]/} / 1000)); }
secs() {  # secs MS: "1.2 s", or "never" for -1
	if [ "$1" -lt 0 ]; then echo never; else awk -v m="$1" 'BEGIN { printf "%.1f s", m / 1000 }'; fi
}

# --- (a) (b) (c) (e) (f): the libraries --------------------------------------
c_cases=$(tr -cd 'abcef' <<<"$CASES")
if [ -n "$c_cases" ]; then
	if FAULT_CASES=$c_cases "$FAULTS"; then
		pass "cases ($c_cases) through the ccon libraries"
	else
		fail "cases ($c_cases) through the ccon libraries (test_faults: see above)"
	fi
fi

# --- (d): a slow link, in the console --------------------------------------
# The delay each way, and how long a command then takes at least: a
# channel is opened (one round trip) before the command is sent (another).
SLOW_MS=2000
KEY_LIMIT_MS=50

# key_ms KEY ERE: sends KEY and prints how many ms passed until the screen
# matched ERE (captures in a tight loop; 5000 if it never did).
key_ms() {
	local t0 i
	t0=$(ms_now)
	keys "$1"
	for ((i = 0; i < 2000; i++)); do
		screen_has "$2" && { echo $(($(ms_now) - t0)); return 0; }
	done
	echo 5000
}

# Tool processes running on node1 for requests (the doorbell, a crm_mon
# with --interval, is a stream and not counted).
node1_requests() {
	lab exec node1 ps -eo comm=,args= |
		awk '$1 ~ /^(crm_mon|cibadmin|crm_resource|crm_attribute)$/ && !/--interval/' | wc -l
}

bar() { screen_line 24; }
# The status bar's fields: "cluster │ source │ age │ rw".
bar_source() { awk -F' │ ' '{ print $2 }' <<<"$1"; }
bar_age() { awk -F' │ ' '{ print $3 }' <<<"$1"; }

case_d() {
	local t0 detect=-1 moved=-1 marked=-1 t now line max_req=0 n i
	local lat=() sorted median max opened log_before log_after cmds elapsed
	eval "$(lab slow node1 0)"
	cat >"$T/slow.conf" <<CONF
clusters = (
  { name = "lab"; driver = "pacemaker";
    nodes = [ "127.0.0.1:$LAB_SLOW_PORT_node1", "127.0.0.1:$LAB_SSH_PORT_node2",
              "127.0.0.1:$LAB_SSH_PORT_node3" ];
    user = "root"; identity = "$LAB_SSH_KEY"; known_hosts = "$LAB_KNOWN_HOSTS";
    host_key_check = "strict"; refresh = 1.0; }
);
CONF
	echo "# case (d): slow link to node1 ($SLOW_MS ms each way), the console in tmux"
	start_console 80 24 --config "$T/slow.conf"
	check "(d) the console shows the cluster through node1's relay" \
		wait_for "^lab │ 127.0.0.1:$LAB_SLOW_PORT_node1 │" 20
	wait_for "^.web +ONLINE" 10 >/dev/null || true
	sleep 4
	opened=$(grep -c '^slowrelay: open' "$LAB_DIR/node1/slowrelay.log" || true)
	log_before=$(wc -l <"$LAB_COMMAND_LOG_node1")

	lab slow node1 "$SLOW_MS" >/dev/null
	t0=$(ms_now)
	# The keys, while a command of ccon's crawls over the link.
	sleep 1
	for i in $(seq 5); do
		wait_for "^ GROUP / RESOURCE" 2 >/dev/null || true
		lat+=("$(key_ms 3 '^ NODE +STATE')")
		lat+=("$(key_ms 1 '^ GROUP / RESOURCE')")
	done
	# Then what the console says, twice a second, for a minute at most.
	while now=$(ms_now); t=$((now - t0)); [ "$t" -lt 60000 ]; do
		line=$(bar)
		if [ "$marked" -lt 0 ] && grep -Eiq 'stale|slow' <<<"$line"; then marked=$t; fi
		# Fresh data from node2 or node3 (what the source adds about
		# node1, "slow" or "down", is fine).
		if [ "$moved" -lt 0 ] &&
			grep -Eq "^127\.0\.0\.1:($LAB_SSH_PORT_node2|$LAB_SSH_PORT_node3)( |$)" <<<"$(bar_source "$line")" &&
			! grep -Eiq 'stale|slow|no data|connecting' <<<"$(bar_age "$line")"; then
			moved=$t
		fi
		n=$(node1_requests || echo 0)
		[ "$n" -gt "$max_req" ] && max_req=$n
		[ "$moved" -ge 0 ] && [ "$t" -gt $((moved + 3000)) ] && break
		sleep 0.5
	done
	log_after=$(wc -l <"$LAB_COMMAND_LOG_node1")
	elapsed=$(($(ms_now) - t0))
	cmds=$((log_after - log_before))
	opened=$(($(grep -c '^slowrelay: open' "$LAB_DIR/node1/slowrelay.log" || true) - opened))
	# Marked, or already gone to a node that answers fast.
	detect=$marked
	if [ "$moved" -ge 0 ] && { [ "$detect" -lt 0 ] || [ "$moved" -lt "$detect" ]; }; then detect=$moved; fi
	mapfile -t sorted < <(printf '%s\n' "${lat[@]}" | sort -n)
	median=$(((sorted[4] + sorted[5]) / 2))
	max=${sorted[9]}
	echo "#   view switches (ms): ${lat[*]}; median $median, max $max"
	echo "#   marked slow/stale after $(secs "$marked"), node2/node3 preferred after $(secs "$moved");" \
		"on node1 meanwhile: $cmds commands in $(secs "$elapsed"), at most $max_req at once; $opened new connection(s) through the relay"
	echo "#   status bar now: $(bar)"

	check "(d) the keys answer while the link is slow: median view switch $median ms < $KEY_LIMIT_MS ms" \
		test "$median" -lt "$KEY_LIMIT_MS"
	check "(d) ... and none took 5 times that (max $max ms)" test "$max" -lt $((5 * KEY_LIMIT_MS))
	check "(d) the data is marked slow or stale, or ccon has left node1, within 8 s: $(secs "$detect")" \
		test "$detect" -ge 0 -a "$detect" -le 8000
	check "(d) ccon prefers node2 or node3 once they answer faster (within 60 s): $(secs "$moved")" \
		test "$moved" -ge 0
	# One command at a time: a round trip is 2 x $SLOW_MS ms, and a
	# command needs two. Commands that pile up show as several running
	# at once on node1, or as many more than the link can carry.
	check "(d) requests do not pile up on node1: at most 2 at once ($max_req)" test "$max_req" -le 2
	check "(d) ... $cmds commands in $(secs "$elapsed"), no more than one per round trip and 3" \
		test "$cmds" -le $((elapsed / (2 * SLOW_MS) + 3))
	check "(d) ... and new connections through the slow link at most one per 5 s and 1 ($opened)" \
		test "$opened" -le $((elapsed / 5000 + 1))
	# Quitting must not wait for a command crawling over the link.
	t=$(ms_now)
	keys q
	console_exited 30 || true
	t=$(($(ms_now) - t))
	check "(d) q quits within 5 s ($(secs "$t")), with status 0" \
		bash -c '[ "$1" -le 5000 ] && grep -qx "exit=0" "$2"' _ "$t" "$T/exit"
	check "(d) nothing on stderr, nor in the console's log (sanitizers included)" console_quiet
	stop_console
	lab fast node1 >/dev/null
	local st=ok
	[ "$FAILS" -gt "${fails_before_d:-0}" ] && st=FAIL
	echo "d|slow link to node1 (2 s each way), console|$(secs "$detect")|$(secs "$moved")|-|from the slowing, marked slow/stale or moved|node2/node3 preferred|none (keys: median $median ms, max $max ms)|$st" >>"$FAULT_TIMES"
}

if [[ $CASES == *d* ]]; then
	fails_before_d=$FAILS
	case_d
	check "(d) the lab settles again" lab wait --timeout 120
fi

# --- the table ---------------------------------------------------------------
echo "#"
echo "# Times to detect and to recover (what each column means per case below)"
printf '# %-4s %-52s %8s %8s %8s  %s\n' case fault detect recover back result
sort "$FAULT_TIMES" | while IFS='|' read -r id what d r b _ _ _ st; do
	printf '# (%s)  %-52s %8s %8s %8s  %s\n' "$id" "${what:0:52}" "$d" "$r" "$b" "$st"
done
sort "$FAULT_TIMES" | while IFS='|' read -r id _ _ _ _ dw rw bw _; do
	echo "#   ($id) detect: $dw; recover: $rw; back: $bw"
done
finish
