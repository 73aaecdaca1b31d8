# A configuration that others can write is refused, as ssh refuses such a
# ~/.ssh/config: the one named with --config, the default one, and one it
# @includes; exit 2 with the file's name and the fix. One of the user's
# own (or root's), writable by nobody else, is read.
# shellcheck source-path=SCRIPTDIR source=../lib/console.sh
. "$(dirname "$0")/../lib/console.sh"

conf=$T/ccon.conf
cat >"$conf" <<'CONF'
clusters = ( { name = "lab"; driver = "sim"; } );
CONF
chmod 0644 "$conf"
chmod 0700 "$T"

set +e
"$CCON" --config "$conf" --once >/dev/null 2>"$T/err"; rc=$?
check "a 0644 file of one's own is read" [ "$rc" -eq 0 ]
check "... silently" [ ! -s "$T/err" ]

chmod 0666 "$conf"
"$CCON" --config "$conf" --once >"$T/out" 2>"$T/err"; rc=$?
check "a world-writable --config file exits 2" [ "$rc" -eq 2 ]
check "... in one line" [ "$(wc -l <"$T/err")" -eq 1 ]
check "... naming the file and the fix" grep -qxF \
	"ccon: $conf: bad owner or permissions: writable by group and others (mode 0666); others could change what ccon runs on your clusters; fix: chmod go-w $conf" \
	"$T/err"
check "... and shows nothing of it" [ ! -s "$T/out" ]
chmod go-w "$conf"
"$CCON" --config "$conf" --once >/dev/null 2>&1; rc=$?
check "the fix it names works" [ "$rc" -eq 0 ]

# A directory others can write: the file could be swapped.
mkdir "$T/shared"
cp "$conf" "$T/shared/ccon.conf"
chmod 0777 "$T/shared"
"$CCON" --config "$T/shared/ccon.conf" --once >/dev/null 2>"$T/err"; rc=$?
check "a file in a world-writable directory exits 2" [ "$rc" -eq 2 ]
check "... naming the directory and the fix" grep -qE \
	"its directory $T/shared is writable by group and others \(mode 0777\).*; fix: chmod go-w $T/shared\$" \
	"$T/err"
chmod 1777 "$T/shared"
"$CCON" --config "$T/shared/ccon.conf" --once >/dev/null 2>&1; rc=$?
check "a sticky one (as /tmp) is good" [ "$rc" -eq 0 ]

# The default file, $XDG_CONFIG_HOME/ccon/ccon.conf.
mkdir -p "$XDG_CONFIG_HOME/ccon"
chmod 0755 "$XDG_CONFIG_HOME/ccon"
printf '@include "clusters.conf"\n' >"$XDG_CONFIG_HOME/ccon/ccon.conf"
cp "$conf" "$XDG_CONFIG_HOME/ccon/clusters.conf"
chmod 0644 "$XDG_CONFIG_HOME/ccon/ccon.conf"
chmod 0664 "$XDG_CONFIG_HOME/ccon/clusters.conf"
# In a group others may be in (nogroup): in the owner's own one, group
# write is allowed, as Debian's ssh allows it.
chgrp 65534 "$XDG_CONFIG_HOME/ccon/clusters.conf"
"$CCON" --once >/dev/null 2>"$T/err"; rc=$?
check "a group-writable @include of the default file exits 2" [ "$rc" -eq 2 ]
check "... naming the included file" grep -qF \
	"ccon: $XDG_CONFIG_HOME/ccon/clusters.conf: bad owner or permissions: writable by group (mode 0664)" \
	"$T/err"
chmod 0644 "$XDG_CONFIG_HOME/ccon/clusters.conf"
"$CCON" --once >"$T/out" 2>&1; rc=$?
check "made 0644, it is read" [ "$rc" -eq 0 ]
check "... with its cluster" grep -q "lab" "$T/out"
finish
