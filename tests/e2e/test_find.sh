# Finding among thousands, in tmux at 80x24: real crm_mon output of 5,000
# resources (bench/gen-large-cib rendered by crm_mon; without crm_mon,
# tests/data's large-500.xml) with two failed resources. / narrows the
# rows to those that match, with their count in the view's header; n
# lands on a failed row; Esc clears the filter and the selection stays;
# Left folds a group; s changes the order; f hides healthy rows; the
# position counter shows at 80 columns in the groups and resources views.
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
. "$(dirname "$0")/../lib/console.sh"

here=$(cd "$(dirname "$0")" && pwd)
data=${CCON_TEST_DATA:-$here/../data}
command -v python3 >/dev/null || { echo "SKIP: needs python3"; exit 77; }

# The input, and the names it uses.
if command -v crm_mon >/dev/null; then
	"$here/../../bench/gen-large-cib" --scale 10 >"$T/cib.xml"
	CIB_file=$T/cib.xml crm_mon --output-as=xml --include=all >"$T/mon.xml"
	N=5000 G=grp0007 S=solo0005 ROWS=5721
else
	cp "$data/pacemaker/crm_mon/large-500.xml" "$T/mon.xml"
	N=500 G=grp07 S=solo5 ROWS=573
fi
# G's third member and S fail, as crm_mon says so.
python3 - "$T/mon.xml" "$G-r3" "$S" <<'PY'
import re, sys
path, *ids = sys.argv[1:]
text = open(path, encoding="utf-8").read()
for rid in ids:
    text, n = re.subn(r'(<resource id="%s" [^>]*?)failed="false"' % re.escape(rid),
                      r'\1failed="true"', text)
    if n != 1:
        sys.exit(f"{rid}: {n} matches")
open(path, "w", encoding="utf-8").write(text)
PY

start_console 80 24 --input "$T/mon.xml"
check "the groups view shows the $N resources" wait_for "^>$G|GROUP / RESOURCE" 20
wait_for "grp.*ONLINE" 20 >/dev/null
check "the position counter shows at 80 columns, with a mark for more below" \
	wait_for "GROUP / RESOURCE .*↓ 1/$ROWS\$" 3
for _ in $(seq 30); do keys j; done
check "... from row 10 on too, scrolled, with marks above and below" \
	wait_for "GROUP / RESOURCE .*↑↓ 31/$ROWS\$" 3
keys 2
check "the resources view has one too" wait_for "RESOURCE .*↓ 1/$N\$" 3
keys 1 g

# / narrows the rows as it is typed.
keys /
check "/ opens the filter line" wait_for "^ /  *$ROWS/$ROWS" 3
keys "$G"
check "the rows narrow to the group and its members, counted" \
	wait_for "^ /$G  *6/$ROWS  *Enter keeps, Esc clears" 3
check "... only those rows show" [ "$(screen_count "$G")" -eq 7 ]
keys Enter
check "Enter keeps the filter, shown in the view's header" \
	wait_for "^ filter: $G  6/$ROWS" 3

# n lands on the failed row.
keys n
check "n lands on the failed member" wait_for "^>├─ $G-r3 +FAILED" 3
check "... and says which of how many" wait_for "failed or pending 2/2" 3

# Esc clears the filter; the selection stays on its row.
keys Escape
check "Esc clears the filter" wait_for "GROUP / RESOURCE .*/$ROWS\$" 3
check "... and the failed row stays selected" wait_for "^>├─ $G-r3 +FAILED" 3

# Left folds the member's group, and selects it; Right opens it.
keys Left
check "Left folds the group, selected, with its member count" \
	wait_for "^>▸ $G \+5 +FAILED" 3
check "... its members hidden" not screen_has "$G-r1"
keys Right
check "Right opens it again" wait_for "├─ $G-r1 " 3

# s: the order changes (state: failed first).
keys g
first=$(screen_line 3)
keys s s
check "s twice sorts by state, said in the header" wait_for "^ sort: state" 3
check "... the failed group first" eval 'screen_line 4 | grep -Eq "^.$G +FAILED"'
check "... the selection stays on its group" wait_for "^>grp0*1 +ONLINE" 3
check "... the order changed" [ "$(screen_line 4)" != "$first" ]
keys s s s
check "s round the sorts back to the cluster's order" \
	wait_until 3 not screen_has "sort:"

# f: only what is not as meant.
keys f
check "f hides healthy rows" wait_for "^ healthy hidden  4/$ROWS" 3
check "... the failed ones are left" wait_for "└─ $S +FAILED" 3
check "... and nothing online" not screen_has " ONLINE "
keys f
check "f again shows them" wait_for "GROUP / RESOURCE .*/$ROWS\$" 3

# In the resources view: its own filter.
keys 2 / "$S" Enter
check "the resources view filters to one row" wait_for "^ filter: $S  1/$N" 3
check "... the failed one" wait_for "^>$S .*FAILED" 3
keys 1
check "the groups view kept its own (none)" \
	wait_until 3 eval 'screen_has "GROUP / RESOURCE" && ! screen_has "filter:"'

quit_console
finish
