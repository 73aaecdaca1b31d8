# Shared by the benchmarks that run against the Pacemaker lab
# (bench/idle-node, bench/pcmk-change-detection), sourced under
# tests/lab/with-lab: the lab's variables are set.

hz=$(getconf CLK_TCK)

# CPU ticks of every process of node1 so far (utime + stime + the
# children's), from its own /proc (lab exec sees that node's PID
# namespace).
node_cpu_ticks() {
	"$LAB_LAB" exec "${1:-node1}" sh -c 'cat /proc/[0-9]*/stat 2>/dev/null' |
		awk '{ s += $14 + $15 + $16 + $17 } END { print s }'
}

# A configuration for ccon reading the lab through node1 only, in FILE.
lab_ccon_conf() {
	cat >"$1" <<CONF
clusters = ( { name = "lab"; driver = "pacemaker";
  nodes = [ "127.0.0.1:$LAB_SSH_PORT_node1" ]; user = "root";
  identity = "$LAB_SSH_KEY"; known_hosts = "$LAB_KNOWN_HOSTS";
  host_key_check = "strict"; } );
CONF
}

# Milliseconds of CPU a minute, from ticks over seconds.
ms_per_minute() {  # TICKS SECONDS
	echo "$1 * 1000 / $hz * 60 / $2" | bc -l
}
