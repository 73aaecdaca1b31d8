# shellcheck shell=bash
# Assertions that count and explain themselves, and waiting for a
# condition; sourced by the shell tests (tests/e2e, tests/ssh, tests/lab).
# Sets no shell options: each test chooses its own (set -e or not).
#
#   check "what is true" CMD...   runs CMD: "ok - what" or "FAIL - what"
#   pass "what" / fail "what"     count one result by hand
#   not CMD...                    CMD's status negated (for check: check "x" not grep ...)
#   wait_until [-i S] LIMIT CMD...  retry CMD every S seconds (0.1) until it
#                                 succeeds or LIMIT seconds have passed
#   finish                        prints "N passed, M failed"; status 0 only
#                                 if nothing failed (make it the last command)

PASSES=0
FAILS=0

pass() { PASSES=$((PASSES + 1)); echo "ok - $*"; }
fail() { FAILS=$((FAILS + 1)); echo "FAIL - $*"; }

check() {  # check "description" command...
	local what=$1
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}

not() { ! "$@"; }

# wait_until [-i INTERVAL] LIMIT CMD...: CMD at once, then every INTERVAL
# seconds (default 0.1) until it succeeds (status 0) or LIMIT seconds of wall
# clock have passed (status 1). CMD runs at least once; LIMIT may have a
# fraction (2.5).
wait_until() {
	local interval=0.1 limit whole frac deadline
	if [ "$1" = -i ]; then
		interval=$2
		shift 2
	fi
	limit=$1
	shift
	whole=${limit%%.*}
	frac=
	[[ $limit == *.* ]] && frac=${limit#*.}
	frac=${frac}000000
	# EPOCHREALTIME is "seconds.microseconds": an integer of microseconds.
	deadline=$((${EPOCHREALTIME/[.,]/} + ${whole:-0} * 1000000 + 10#${frac:0:6}))
	while true; do
		"$@" && return 0
		[ "${EPOCHREALTIME/[.,]/}" -ge "$deadline" ] && return 1
		sleep "$interval"
	done
}

finish() {
	echo "$PASSES passed, $FAILS failed"
	[ "$FAILS" -eq 0 ]
}
