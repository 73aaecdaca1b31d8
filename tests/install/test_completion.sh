# The shell completions ccon_mangen writes at build time, and
# ccon --list-clusters, which they ask for cluster names. The bash one is
# sourced in bash and asked as bash asks it (COMP_WORDS, COMP_CWORD);
# the options it offers are held to ccon --help's.
#   test_completion.sh path/to/ccon path/to/completions-dir
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
TEST_NAME=completion
. "$(dirname "$0")/../lib/console.sh"
DIR=$(cd "${2:?usage: $0 ccon completions-dir}" && pwd)
CCON=$(cd "$(dirname "$CCON")" && pwd)/$(basename "$CCON")

mkdir -p "$XDG_CONFIG_HOME/ccon"
cat >"$XDG_CONFIG_HOME/ccon/ccon.conf" <<'CONF'
clusters = (
	{ name = "prod"; driver = "sim"; },
	{ name = "prod-dr"; driver = "sim"; },
	{ name = "lab"; driver = "sim"; }
);
CONF
cat >"$T/other.conf" <<'CONF'
clusters = ( { name = "staging"; driver = "sim"; } );
CONF

# --list-clusters: the names, one a line, in the file's order.
rc=0
out=$("$CCON" --list-clusters) || rc=$?
check "--list-clusters exits 0" [ "$rc" -eq 0 ]
check "... with the names one a line" [ "$out" = "$(printf 'prod\nprod-dr\nlab')" ]
out=$("$CCON" --config "$T/other.conf" --list-clusters)
check "--list-clusters reads the --config file" [ "$out" = staging ]
rc=0
out=$(XDG_CONFIG_HOME=$T/none "$CCON" --list-clusters) || rc=$?
check "no configuration: nothing, and 0" test "$rc" -eq 0 -a -z "$out"
echo 'clusters = ( { name = "x"; drivr = "sim"; } );' >"$T/bad.conf"
rc=0
"$CCON" --config "$T/bad.conf" --list-clusters >/dev/null 2>"$T/err" || rc=$?
check "a bad configuration exits 2" [ "$rc" -eq 2 ]
check "... and says where" grep -q "bad.conf:1" "$T/err"

# bash: the completion as bash runs it, ccon found in PATH.
cat >"$T/complete.bash" <<'SH'
set -u
. "$1"
shift
COMP_WORDS=("$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
_ccon
printf '%s\n' "${COMPREPLY[@]}" | sort
SH
complete() {  # complete WORDS...: what TAB offers for the last word
	(cd "$T" && PATH=$(dirname "$CCON"):$PATH \
		bash --norc --noprofile "$T/complete.bash" "$DIR/ccon" "$@")
}
expect() {  # expect "WHAT" "EXPECTED (one a line)" WORDS...
	local what=$1 want=$2 got
	shift 2
	got=$(complete "$@" 2>"$T/err") || true
	check "bash: $what" [ "$got" = "$want" ]
	[ "$got" = "$want" ] || printf 'got: %s\nwant: %s\n' "$got" "$want"
	check "... with nothing on stderr" not test -s "$T/err"
	cat "$T/err"
}
check "the bash completion is there" test -s "$DIR/ccon"
check "... and is bash" bash -n "$DIR/ccon"
expect "ccon --de<TAB> is --demo" "--demo" ccon --de
expect "ccon -c <TAB> names the clusters" "$(printf 'lab\nprod\nprod-dr')" ccon -c ""
expect "ccon --cluster pr<TAB>" "$(printf 'prod\nprod-dr')" ccon --cluster pr
expect "ccon --cluster=<TAB>" "$(printf 'lab\nprod\nprod-dr')" ccon --cluster = ""
expect "ccon --config F -c <TAB>: the clusters of F" staging \
	ccon --config other.conf -c ""
expect "ccon --config=F -c <TAB>" staging ccon --config = other.conf -c ""
expect "ccon --config oth<TAB> is a file" other.conf ccon --config oth
expect "ccon --input oth<TAB> is a file" other.conf ccon --input oth
expect "ccon --output <TAB>" "$(printf 'json\ntext')" ccon --output ""
expect "ccon --seed <TAB> offers nothing" "" ccon --seed ""
# Every option of --help, and nothing else.
"$CCON" --help | sed -n 's/^  \(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p' | sort >"$T/help"
check "--help lists options (the test's own reading)" [ "$(wc -l <"$T/help")" -ge 10 ]
expect "ccon --<TAB> offers every option of --help" "$(cat "$T/help")" ccon --
# The formats offered are those ccon takes.
for f in $(complete ccon --output ""); do
	check "--output $f is taken" "$CCON" --demo --once --output "$f" >/dev/null
done

# zsh: the same options; parsed by zsh where it is installed.
check "the zsh completion is there" test -s "$DIR/_ccon"
check "... for ccon" grep -qx '#compdef ccon' "$DIR/_ccon"
while read -r o; do
	check "zsh completes $o" grep -qE -- "[{'(,]${o}[=+'},]" "$DIR/_ccon"
done <"$T/help"
if command -v zsh >/dev/null; then
	check "the zsh completion is zsh" zsh -n "$DIR/_ccon"
	# An interactive zsh in a pty (zsh/zpty), with compinit and this
	# _ccon, its compadd made to print what it adds.
	mkdir -p "$T/zdot"
	cat >"$T/zdot/.zshrc" <<'ZSH'
PS1='> '
fpath=("$CCON_ZSH_FPATH" $fpath)
autoload -U compinit
compinit -u -D
compadd() {
	builtin compadd -O __hits "$@"
	(( ${#__hits} )) && print -rl -- "<<${^__hits[@]}>>"
	builtin compadd "$@"
}
ZSH
	cat >"$T/zcomplete.zsh" <<'ZSH'
zmodload zsh/zpty || exit 1
zpty z zsh -i
zpty -n -w z "$1"$'\t'
out= t=0 quiet=0
# Until what it offers has been quiet for half a second (30 s at most).
while (( t < 300 && quiet < 5 )); do
	sleep 0.1
	(( t++ ))
	if zpty -r -t z chunk; then
		out+=$chunk
		quiet=0
	elif [[ $out == *'<<'* ]]; then
		(( quiet++ ))
	fi
done
print -r -- "$out" | grep -ao '<<[^>]*>>' | sed 's/^<<//; s/>>$//' | sort -u
zpty -w z $'\C-u'exit
zpty -d z
ZSH
	zexpect() {  # zexpect "WHAT" "EXPECTED (one a line)" LINE
		local got
		got=$(cd "$T" && ZDOTDIR=$T/zdot CCON_ZSH_FPATH=$DIR \
			PATH=$(dirname "$CCON"):$PATH timeout 60 \
			zsh -f "$T/zcomplete.zsh" "$3" 2>&1) || true
		check "zsh: $1" [ "$got" = "$2" ]
		[ "$got" = "$2" ] || printf 'got: %s\nwant: %s\n' "$got" "$2"
	}
	zexpect "ccon --de<TAB> is --demo" "--demo" "ccon --de"
	zexpect "ccon -c <TAB> names the clusters" \
		"$(printf 'lab\nprod\nprod-dr')" "ccon -c "
	zexpect "ccon --config F --cluster=<TAB>: the clusters of F" staging \
		"ccon --config other.conf --cluster="
	zexpect "ccon --config oth<TAB> is a file" other.conf "ccon --config oth"
	zexpect "ccon --output <TAB>" "$(printf 'json\ntext')" "ccon --output "
	# What does not go with --demo is not offered after it.
	zexpect "ccon --demo --c<TAB>: not --cluster" \
		"$(printf -- '--calm\n--check\n--config')" "ccon --demo --c"
else
	echo "# zsh is not installed: its completion is not tried"
fi
finish
