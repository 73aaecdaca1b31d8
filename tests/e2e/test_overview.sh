# Several clusters at once, driven through tmux at 80x24: four simulated
# clusters open on the clusters overview (view 0); Enter opens one; a
# start that fails in staging while prod is shown is said once in prod's
# status line and marked in the tab line, and view 0 marks staging BAD;
# the key bar names the keys of the selected row; a click selects a row
# or a tab, the wheel scrolls; M shows the last message whole, which the
# status line gives up after a while. Then one cluster with key_bar and
# mouse off: no key bar, no mouse reports, and 0 still shows one line.
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
TEST_NAME=overview
. "$(dirname "$0")/../lib/console.sh"

RED=1

cat >"$T/four.conf" <<'CONF'
clusters = (
  { name = "lab"; driver = "sim"; sim = { calm = true; }; },
  { name = "staging"; driver = "sim";
    sim = { calm = true; fail_start = [ "web-server" ];
            online_delay = 2.0; offline_delay = 0.5; }; },
  { name = "prod"; driver = "sim"; readonly = true; sim = { calm = true; }; },
  { name = "dev"; driver = "sim"; sim = { calm = true; }; }
);
CONF

# A mouse event as xterm's X10 encoding that ncurses reads (tmux-256color
# has kmous=\E[M): button code, then 1-based column and line, each + 32.
# click LINE COL (0-based): press and release of button 1.
mouse() { keys -H 1b 5b 4d "$(printf %x $(($1 + 32)))" \
	"$(printf %x $(($2 + 33)))" "$(printf %x $(($3 + 33)))"; }
# A hand's pace between press, release and the next key, as a terminal
# sends them.
click() { mouse 0 "$2" "$1"; sleep 0.2; mouse 3 "$2" "$1"; sleep 0.2; }
wheel_down() { mouse 65 10 "$1"; }

start_console 80 24 --config "$T/four.conf"
check "with several clusters, the console opens on the overview" \
	wait_for "^ CLUSTER +HEALTH +NODES +FAILED +PENDING +NOT MEANT +QUORUM +DATA +MODE" 10
check "one line per cluster, the first selected" wait_for "^>lab +● ok +3/3 +0 +0 +0 +ok" 5
check "prod says READ-ONLY" screen_has "^ prod .*READ-ONLY"
check "the tab line has view 0 and the other clusters' marks" \
	screen_has "^lab● › 0 clusters .*│ staging● prod● dev●"
check "the key bar names Enter on the overview" screen_has "^Enter open  .*\? help"
check "tmux was asked for mouse reports" \
	[ "$(tm display -p -t "$SESSION" '#{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag}')" != 000 ]

keys j Enter
check "Enter opens the selected cluster on its groups view" wait_for "^ GROUP / RESOURCE" 5
check "... staging's" wait_for "^staging │ alpha │" 3
check "the key bar names the keys of the selected group" \
	screen_has "^o online  x offline  m move  c cleanup  u unpin  d detail  / filter  \? help"
check "the key bar takes the line above the status line" \
	[ "$(screen_line 23 | cut -c1-8)" = "o online" ]

# web offline, then online (web-server's start fails), and away to prod
# before the failure comes.
keys x
wait_for "Take group web offline" 3 >/dev/null
keys y
check "web goes offline" wait_for "^.web +OFFLINE( !?[a-z]{3})*( {2,}|$)" 10
keys o
wait_for "Bring group web online" 3 >/dev/null
keys y
keys ']'
check "] steps to prod" wait_for "^prod● ›" 3
check "staging's failure is said in prod's status line" \
	wait_for "^prod │ .*READ-ONLY │ staging: 1 failed \(web-server\)" 15
check "staging is marked failed in prod's tab line" screen_has "│ lab● staging✖ dev●"
row=$(screen_ansi | sed -n 1p)
check "... in red" has_fg $RED "$(printf '%s' "$row" | grep -o $'\x1b\[[0-9;]*m[^\x1b]*staging✖' || printf '%s' "$row")"
n=$(screen_count "staging: 1 failed")
check "said once, in the status line only" [ "$n" -eq 1 ]

keys M
check "M shows the message whole in a box" wait_for "│ staging: 1 failed \(web-server\) +│" 3
check "... which any key closes" wait_for "any key closes this" 1
keys Escape
check "... closed" wait_until 3 not screen_has "any key closes this"

keys 0
check "0 shows the overview again, on prod" wait_for "^>prod " 3
check "staging is BAD with 1 failed and 1 not as meant" \
	screen_has "^ staging +✖ BAD +3/3 +1 +0 +1 +ok"
row=$(ansi_row "^ staging ")
check "... its health in red" has_fg $RED "$row"

# The mouse: a click selects a row, the wheel moves the selection, a
# click on a tab opens its view.
# (line 0 the tab line, 1 the header, 2 lab ... 5 dev)
click 5 3
check "a click selects the row under it" wait_for "^>dev " 3
click 3 3
check "... and another" wait_for "^>staging " 3
keys Enter
wait_for "^staging │" 3 >/dev/null
keys 2
check "view 2 of staging" wait_for "^ RESOURCE +GROUP" 3
seg=$(screen_ansi | sed -n 1p | grep -oE $'(\x1b\[[0-9;]*m)+[^\x1b]*failed 1' || true)
check "staging's summary says failed 1 in red" has_fg $RED "$seg"
check "... and bold" has_attr 1 "$seg"
wheel_down 5
check "the wheel moves the selection 3 rows down" wait_for "^>db-ip " 3
line=$(screen_line 1)
prefix=${line%%" 1 "*}                  # in characters: the locale is UTF-8
click 0 "$((${#prefix} + 1))"
check "a click on tab 1 opens the groups view" wait_for "^ GROUP / RESOURCE" 3

# The message gives way after 10 s: then the selected row's last
# failure (web-server's, from the snapshot) is what the line says.
check "select web-server" select_row "└─ web-server" 10
check "after a while the message gives way to the row's last failure" \
	wait_for "^staging │ .* │ web-server last failed at [0-9-]+ [0-9:]+: " 15
quit_console
stop_console

# One cluster, the key bar and the mouse off.
cat >"$T/one.conf" <<'CONF'
key_bar = false;
mouse = false;
clusters = ( { name = "solo"; driver = "sim"; sim = { calm = true; }; } );
CONF
start_console 80 24 --config "$T/one.conf"
check "one cluster opens on its groups view" wait_for "^ GROUP / RESOURCE" 10
check "no key bar: the list goes down to the status line" \
	not screen_has "^0 clusters +"
check "no mouse reports asked of the terminal" \
	[ "$(tm display -p -t "$SESSION" '#{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag}')" = 000 ]
keys 0
check "0 shows the overview with its one line" wait_for "^>solo +● ok" 3
check "... and a tab for it" screen_has "^ 0 clusters "
quit_console
finish
