"""The console in a private tmux server, for the benchmarks (bench/soak,
bench/console): start it, read its screen, send keys, find its process
and what /proc says of it."""
import os
import re
import subprocess
import time


class Console:
    """ccon ARGS in a detached tmux session of COLS x ROWS, with a private
    home under work; its stderr in work/stderr, its status in work/exit."""

    def __init__(self, ccon, args, work, cols=80, rows=24, env=""):
        self.sock = f"ccon-bench-{os.getpid()}"
        self.work = work
        prefix = (f"env HOME={work} XDG_CONFIG_HOME={work} XDG_STATE_HOME={work} "
                  f"TERM=xterm-256color LANG=C.UTF-8 {env}")
        self.t0 = time.monotonic()
        self.tmux("-f", "/dev/null", "new-session", "-d", "-s", "b", "-x", str(cols),
                  "-y", str(rows),
                  f"{prefix} {ccon} {' '.join(args)} 2>{work}/stderr; "
                  f"echo $? >{work}/exit.new; mv {work}/exit.new {work}/exit; sleep 600")

    def tmux(self, *args, check=True):
        return subprocess.run(["tmux", "-L", self.sock, *args], check=check,
                              capture_output=True, text=True).stdout

    def screen(self):
        return self.tmux("capture-pane", "-t", "b", "-p", check=False)

    def keys(self, *keys):
        self.tmux("send-keys", "-t", "b", *keys, check=False)

    def wait_for(self, pattern, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if re.search(pattern, self.screen(), re.M):
                return True
            time.sleep(0.02)
        return False

    def pid(self):
        """ccon's process: the pane shell's child, whatever its name."""
        shell = self.tmux("list-panes", "-t", "b", "-F", "#{pane_pid}").split()[0]
        kids = subprocess.run(["pgrep", "-P", shell], capture_output=True,
                              text=True).stdout.split()
        return int(kids[0]) if kids else None

    def quit(self, seconds=10):
        """q, then ccon's exit status as a string ("none" if it did not
        end) and its stderr."""
        self.keys("Escape")
        self.keys("q")
        path = f"{self.work}/exit"
        end = time.monotonic() + seconds
        while not os.path.exists(path) and time.monotonic() < end:
            time.sleep(0.1)
        code = open(path).read().strip() if os.path.exists(path) else "none"
        stderr = open(f"{self.work}/stderr", errors="replace").read()
        return code, stderr

    def close(self):
        self.tmux("kill-server", check=False)


def proc_figures(pid):
    """(RSS KiB, peak RSS KiB, open fds, threads, CPU ticks, anonymous RSS
    KiB) of pid, or None once it is gone. The anonymous part is the
    process's own memory (heap, stacks); the rest of RSS is file pages,
    mostly the libraries' code, paged in as code paths first run."""
    try:
        with open(f"/proc/{pid}/status") as f:
            status = f.read()
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read().rsplit(")", 1)[1].split()
        fds = len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return None
    field = lambda name: int(re.search(rf"^{name}:\s+(\d+)", status, re.M).group(1))  # noqa: E731
    return (field("VmRSS"), field("VmHWM"), fds, field("Threads"),
            int(stat[11]) + int(stat[12]), field("RssAnon"))


# A sample of a long run: (seconds since the start, RSS KiB, fds, threads,
# anonymous RSS KiB), from proc_figures.
def sample(seconds, fig):
    return (seconds, fig[0], fig[2], fig[3], fig[5])


# The fields of a sample that a long run prints: index, name, unit, scale.
GROWTH_FIELDS = ((1, "RSS", "MiB", 1 / 1024), (4, "anon", "MiB", 1 / 1024),
                 (2, "fds", "", 1), (3, "threads", "", 1))
ANON = 4


def slope_per_hour(samples, k):
    """Least-squares slope of field k over time (field 0), per hour."""
    n = len(samples)
    if n < 2:
        return 0.0
    mt = sum(s[0] for s in samples) / n
    mv = sum(s[k] for s in samples) / n
    num = sum((s[0] - mt) * (s[k] - mv) for s in samples)
    den = sum((s[0] - mt) ** 2 for s in samples)
    return num / den * 3600.0 if den else 0.0


def warmed(samples):
    """The samples after the warm-up, the first fifth."""
    return samples[len(samples) // 5:] if len(samples) >= 5 else samples


def growth_lines(samples, prefix="  "):
    """A line per field: first, last, least, most, and the growth per hour
    after the warm-up."""
    warm, lines = warmed(samples), []
    for k, name, unit, scale in GROWTH_FIELDS:
        vals = [s[k] * scale for s in samples]
        if vals:
            lines.append(f"{prefix}{name:8} first {vals[0]:8.1f} last {vals[-1]:8.1f} "
                         f"least {min(vals):8.1f} most {max(vals):8.1f} {unit:3}  growth "
                         f"{slope_per_hour(warm, k) * scale:+9.2f} {unit}/hour")
    return lines


def lab_conf(path, nodes, extra=""):
    """A configuration for ccon reading the Pacemaker lab (tests/lab,
    whose variables are in the environment) through nodes, in path;
    extra is appended (an audit_log line)."""
    specs = ", ".join(f'"127.0.0.1:{os.environ["LAB_SSH_PORT_" + n]}"' for n in nodes)
    with open(path, "w") as f:
        f.write(f"""clusters = (
  {{ name = "lab"; driver = "pacemaker"; nodes = [ {specs} ];
    user = "root"; identity = "{os.environ['LAB_SSH_KEY']}";
    known_hosts = "{os.environ['LAB_KNOWN_HOSTS']}"; host_key_check = "strict"; }}
);
{extra}""")
