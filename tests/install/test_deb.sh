# The Debian package that cpack -G DEB builds: its control fields, the
# shared libraries it depends on (found by dpkg-shlibdeps), and what it
# holds, unpacked into a scratch root: the ccon there runs on the
# system's libraries, and its man pages render.
#   [CPACK=cpack] test_deb.sh path/to/build-dir [sanitizers]
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
TEST_NAME=deb
BUILD=${1:?usage: $0 build-dir [sanitizers]}
. "$(dirname "$0")/../lib/console.sh" "$BUILD/ccon"

if [ -n "${2:-}" ]; then
	echo "SKIP: a build with sanitizers ($2) is not the one to package"
	exit 77
fi
CPACK=${CPACK:-cpack}
for tool in "$CPACK" dpkg-deb dpkg-shlibdeps man; do
	if ! command -v "$tool" >/dev/null; then
		echo "SKIP: no $tool (scripts/install-deps installs dpkg-dev, man-db)"
		exit 77
	fi
done

rc=0

(cd "$BUILD" && "$CPACK" -G DEB -B "$T/pkg") >"$T/cpack.log" 2>&1 || rc=$?
check "cpack -G DEB exits 0" [ "$rc" -eq 0 ]
[ "$rc" -eq 0 ] || cat "$T/cpack.log"
debs=("$T"/pkg/ccon_*.deb)
check "it writes one ccon_VERSION_ARCH.deb" test "${#debs[@]}" -eq 1 -a -f "${debs[0]}"
deb=${debs[0]}
version=$("$CCON" --version | sed -n 's/^ccon \([^ ]*\) .*/\1/p')
check "Package: ccon" [ "$(dpkg-deb -f "$deb" Package)" = ccon ]
check "Version: the project's ($version)" [ "$(dpkg-deb -f "$deb" Version)" = "$version" ]
check "Architecture: this machine's" \
	[ "$(dpkg-deb -f "$deb" Architecture)" = "$(dpkg --print-architecture)" ]
check "Section: admin" [ "$(dpkg-deb -f "$deb" Section)" = admin ]
check "a Maintainer" grep -qE '.+ <.+@.+>' <<<"$(dpkg-deb -f "$deb" Maintainer)"
check "a Description with a long part" \
	[ "$(dpkg-deb -f "$deb" Description | wc -l)" -ge 3 ]
depends=$(dpkg-deb -f "$deb" Depends)
echo "# Depends: $depends"
for lib in libc6 libssh libncursesw libconfig libxml2 libjansson; do
	check "Depends names $lib" grep -qE "(^|, )${lib}[^,]*(,|$)" <<<"$depends"
done

dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|' >"$T/files"
# The man pages compressed, as the policy says.
for f in /usr/bin/ccon /usr/share/man/man1/ccon.1.gz /usr/share/man/man5/ccon.conf.5.gz \
	/usr/share/bash-completion/completions/ccon \
	/usr/share/zsh/vendor-completions/_ccon /usr/share/doc/ccon/README.md \
	/usr/share/doc/ccon/examples/ccon.conf.example; do
	check "the package holds $f" grep -qx "$f" "$T/files"
done
check "nothing outside /usr" not grep -vE '^/(usr(/.*)?)?$' "$T/files"

dpkg -x "$deb" "$T/root"
check "the packaged ccon runs: --version" "$T/root/usr/bin/ccon" --version >/dev/null
rc=0
"$T/root/usr/bin/ccon" --demo --once --output json >"$T/demo.json" 2>"$T/err" || rc=$?
check "the packaged ccon --demo --once --output json exits 0" [ "$rc" -eq 0 ]
cat "$T/err"
if command -v jq >/dev/null; then
	check "... and prints JSON" jq -e . "$T/demo.json" >/dev/null
else
	check "... and prints JSON" grep -q '^{' "$T/demo.json"
fi
# No symbol table (binutils' readelf, as build-essential brings).
if command -v readelf >/dev/null; then
	check "the packaged ccon is stripped" \
		not grep -q '\.symtab' <<<"$(readelf -S "$T/root/usr/bin/ccon")"
fi
for page in man1/ccon.1.gz man5/ccon.conf.5.gz; do
	rc=0
	man -l "$T/root/usr/share/man/$page" >"$T/page" 2>"$T/err" </dev/null || rc=$?
	check "man -l renders the packaged $page" test "$rc" -eq 0 -a -s "$T/page"
	check "... with nothing on stderr" not test -s "$T/err"
	cat "$T/err"
done
finish
