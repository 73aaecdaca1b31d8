# The manual pages ccon.1 and ccon.conf.5 that ccon_mangen writes at build
# time: they render without a warning, and they name every option and
# key that ccon has. The references come from elsewhere than the pages'
# generator: the options and keys from ccon --help, the configuration
# keys from conf/ccon.conf.example (which a unit test holds to the
# schema), so that a row the generator dropped fails here.
#   test_man.sh path/to/ccon path/to/man-dir
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
TEST_NAME="man"
. "$(dirname "$0")/../lib/console.sh"
MANDIR=${2:?usage: $0 ccon man-dir}
example=$(dirname "$0")/../../conf/ccon.conf.example

if ! command -v groff >/dev/null || ! command -v man >/dev/null; then
	echo "SKIP: groff and man are needed (scripts/install-deps: groff-base man-db)"
	exit 77
fi

# Plain text, one paragraph a line, nothing hyphenated: what is looked
# for is found whole.
text() { groff -man -Tascii -rLL=2000n -rHY=0 -P-cbou "$1" 2>/dev/null; }

# Prints the lines (not comments) with a '-' not written '\-'.
unescaped_dash() { grep -vE '^\.\\"' "$1" | grep -nE '(^|[^\\])-'; }

for page in ccon.1 ccon.conf.5; do
	f=$MANDIR/$page
	check "$page is there" test -s "$f"
	groff -man -Tutf8 -ww -z "$f" 2>"$T/warn" || echo "groff failed" >>"$T/warn"
	check "$page renders with no groff warning" not test -s "$T/warn"
	cat "$T/warn"
	man -l "$f" >"$T/out" 2>"$T/err" </dev/null || echo "man -l failed" >>"$T/err"
	check "man -l $page renders it" test -s "$T/out"
	check "... with nothing on stderr" not test -s "$T/err"
	# whatis and apropos read the NAME line.
	check "lexgrog reads the NAME of $page" lexgrog "$f" >/dev/null
	# A '-' the page did not escape renders as a hyphen in UTF-8 (and
	# cannot be searched for or pasted as an option).
	check "$page: every '-' is escaped" not unescaped_dash "$f"
	check "$page: no line starts with a ' or a stray ." \
		not grep -nE "^'|^\.[^A-Za-z\\\\]" "$f"
done

page=$(text "$MANDIR/ccon.1")
for s in NAME SYNOPSIS DESCRIPTION OPTIONS KEYS FILES ENVIRONMENT \
	"EXIT STATUS" EXAMPLES "SEE ALSO"; do
	check "ccon.1 has $s" grep -qx "$s" <<<"$page"
done
help=$("$CCON" --help)
# "  -c, --cluster NAME     only this cluster..." : each option's names.
mapfile -t opts < <(sed -n 's/^  \(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p' <<<"$help")
check "--help lists options (the test's own reading)" [ "${#opts[@]}" -ge 10 ]
for o in "${opts[@]}"; do
	check "ccon.1 describes $o" grep -qE -- "^ +(-[a-zA-Z], )?$o( |$)" <<<"$page"
	check "ccon.1's synopsis has $o" \
		grep -qE -- "\[($o|-[a-zA-Z])( [^]]*)?\]" <<<"$(sed -n '/^SYNOPSIS$/,/^DESCRIPTION$/p' <<<"$page")"
done
# The rules of what goes together, said in the page from the same table.
check "ccon.1: --seed goes with --demo" \
	grep -q -- "Goes with --demo" <<<"$(grep -A1 -- '^ *--seed' <<<"$page")"
check "ccon.1: --input does not go with --demo" \
	grep -q -- "Does not go with --demo" <<<"$(grep -A1 -- '^ *--input' <<<"$page")"
# Keys: "  Up Down j k        move the selection" in --help.
n=0
while IFS= read -r line; do
	what=$(sed -E 's/^  .{18} //' <<<"$line")
	first=$(sed -E 's/^  ([^ ]+).*/\1/' <<<"$line")
	n=$((n + 1))
	check "ccon.1 has the key '$first' ($what)" \
		grep -qiF -- "$what" <<<"$page"
done < <(sed -n '/^Keys in the console:$/,$p' <<<"$help" | sed 1d)
check "--help lists keys (the test's own reading)" [ "$n" -ge 20 ]

conf=$(text "$MANDIR/ccon.conf.5")
for s in NAME SYNOPSIS DESCRIPTION KEYS EXAMPLE FILES "SEE ALSO"; do
	check "ccon.conf.5 has $s" grep -qx "$s" <<<"$conf"
done
mapfile -t keys < <(sed -n 's/^[[:space:]]*\([a-z_]*\) = .*/\1/p' "$example" | sort -u)
check "the example has keys (the test's own reading)" [ "${#keys[@]}" -ge 25 ]
for k in "${keys[@]}"; do
	check "ccon.conf.5 describes $k" grep -qE "^ +$k = " <<<"$conf"
done
check "ccon.conf.5 gives defaults" grep -q "Default: 120\." <<<"$conf"
check "ccon.conf.5 gives ranges" grep -q "1 to 65535" <<<"$conf"
check "ccon.conf.5 names the drivers" grep -q '"sim", "pacemaker"' <<<"$conf"

# The page's example is a configuration ccon reads.
sed -n '/^\.SH EXAMPLE/,/^\.SH/p' "$MANDIR/ccon.conf.5" |
	sed -n '/^\.EX/,/^\.EE/p' | sed '1d;$d' |
	sed -e 's/\\-/-/g' -e 's/\\(dq/"/g' -e 's/\\&//g' -e 's/\\e/\\/g' >"$T/example.conf"
check "ccon.conf.5's example is there" test -s "$T/example.conf"
out=$("$CCON" --config "$T/example.conf" --list-clusters 2>"$T/err") || true
check "ccon reads ccon.conf.5's example" [ "$out" = "$(printf 'prod\nlab')" ]
cat "$T/err"
finish
