# cmake --install puts every file where the FHS (GNUInstallDirs) wants
# it: the binary, the man pages, the completions, the documentation and
# the example configuration; and the installed ccon runs.
#   [CMAKE=cmake] test_install.sh path/to/build-dir
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
TEST_NAME=install
BUILD=${1:?usage: $0 build-dir}
. "$(dirname "$0")/../lib/console.sh" "$BUILD/ccon"

rc=0
"${CMAKE:-cmake}" --install "$BUILD" --prefix "$T/prefix" >"$T/log" 2>&1 || rc=$?
check "cmake --install exits 0" [ "$rc" -eq 0 ]
[ "$rc" -eq 0 ] || cat "$T/log"
for page in man1/ccon.1 man5/ccon.conf.5; do
	check "installs share/man/$page (gzipped or not)" \
		test -s "$T/prefix/share/man/$page.gz" -o -s "$T/prefix/share/man/$page"
done
for f in bin/ccon share/bash-completion/completions/ccon \
	share/zsh/vendor-completions/_ccon \
	share/doc/ccon/README.md share/doc/ccon/examples/ccon.conf.example; do
	check "installs $f" test -s "$T/prefix/$f"
done
check "the installed ccon runs" "$T/prefix/bin/ccon" --version >/dev/null
check "man finds the installed pages by name" \
	env MANPATH="$T/prefix/share/man" man -w ccon ccon.conf >/dev/null
finish
