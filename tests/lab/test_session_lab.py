#!/usr/bin/env python3
"""A long operator session against the real lab loses nothing and leaves
nothing behind.

The real console runs in a private tmux server at 80x24 against the real
three-node lab (tests/lab/with-lab) for MINUTES, and every EVERY seconds
(20) an operator's request goes through its keys and dialogs, in turn:
offline group web, online web, move group db to another node (the
chooser, then the question), unpin db (u: the move's constraint), pause
node3 (Pacemaker's standby), resume it (the undo), cleanup web. Before
each request the script waits (at most until the request is due) for
the header to say "pend 0", so that each one finds the cluster settled;
one that does not is sent all the same and its outcome counted (a
refusal is an outcome). Between requests it looks around the views.
Every SAMPLE seconds (10) it reads ccon's resident memory, descriptors
and threads from /proc, and counts the processes on each node that are
not the cluster's own.

At the end, once every tracked request has its outcome (or
OUTCOME_WAIT seconds have passed), ccon is asked to quit, and:
1. no request lost: the audit log holds one request line per request
   sent, in order (action and target), and each has exactly one final
   outcome: its own line's (immediate, nothing to do, refused) or, for
   a tracked one, one "outcome of request N" line (done, failed, timed
   out; a time-out followed by "done late" counts as done late); the
   tally is printed;
2. no orphans: after q (status 0, nothing on stderr nor a sanitizer
   report in the console's log) every node runs, within 10 s, the same
   processes outside the cluster's own as before ccon started (none):
   no crm_mon doorbell, no sh -c of ccon's wrappers, no sshd session;
3. flat: descriptors and threads grow by at most SLACK (2) after the
   warm-up (the first fifth of the samples); RSS first, last, most and
   its least-squares slope after the warm-up are printed, and the slope
   is judged (under --max-rss-per-hour MiB, default 1) only for runs of
   20 minutes or more.

Prints "ok - ..." / "FAIL - ..." lines and "N passed, M failed"; exits
1 if anything failed.

Usage: tests/lab/with-lab tests/lab/test_session_lab.py [--ccon PATH]
           [--every S] [--sample S] [--slack N] [--max-rss-per-hour MIB]
           MINUTES
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "bench"))
from ccon_tmux import ANON, Console, growth_lines, lab_conf, proc_figures, sample, slope_per_hour, warmed  # noqa: E402,E501

# RSS is judged only on a run long enough for a slope to mean something.
JUDGE_RSS_MINUTES = 20
# Longer than transition_timeout (120 s by default): a request that
# never settles still gets its "timed out" line before ccon is asked to
# quit.
OUTCOME_WAIT = 150
# A request waits at most this long past its time for "pend 0".
SETTLE_WAIT = 5
PASSES, FAILS = [0], [0]


def ok(what):
    PASSES[0] += 1
    print(f"ok - {what}", flush=True)


def bad(what):
    FAILS[0] += 1
    print(f"FAIL - {what}", flush=True)


def check(what, cond):
    (ok if cond else bad)(what)
    return cond


# --- the nodes' processes ------------------------------------------------

def node_ps(node):
    """[(pid, ppid, args)] of every process of the node (its own PID
    namespace), or None if the node could not be asked."""
    r = subprocess.run([os.environ["LAB_LAB"], "exec", node, "ps", "-eo",
                        "pid=,ppid=,args="], capture_output=True, text=True)
    if r.returncode != 0:
        return None
    out = []
    for line in r.stdout.splitlines():
        f = line.split(None, 2)
        if len(f) >= 2:
            out.append((int(f[0]), int(f[1]), f[2] if len(f) > 2 else ""))
    return out


def foreign(procs):
    """The processes that are neither the node's init and its sleep, nor
    Corosync, Pacemaker and what they run (resource agents, which call
    crm_attribute and the like), nor sshd's listener, nor the ps that
    listed them: what an SSH client such as ccon leaves running.
    [(kind, pid, args)], kind one of crm_mon, sshd, sh -c, other."""
    kids = {}
    for pid, ppid, _ in procs:
        kids.setdefault(ppid, []).append(pid)
    own = {1}
    todo = []
    for pid, ppid, args in procs:
        argv0 = os.path.basename(args.split()[0]) if args.split() else ""
        # The listener alone: its children are the sessions.
        if "[listener]" in args or (ppid == 1 and argv0 == "sleep") or argv0 == "ps":
            own.add(pid)
        elif argv0 in ("corosync", "pacemakerd"):
            todo.append(pid)
    while todo:
        pid = todo.pop()
        if pid not in own:
            own.add(pid)
            todo.extend(kids.get(pid, []))
    out = []
    for pid, _, args in procs:
        if pid in own:
            continue
        argv = args.split()
        argv0 = os.path.basename(argv[0]) if argv else ""
        if argv0 == "crm_mon":
            kind = "crm_mon"
        elif args.startswith("sshd:"):
            kind = "sshd"
        elif argv0 in ("sh", "bash", "dash") and len(argv) > 1 and argv[1] == "-c":
            kind = "sh -c"
        else:
            kind = "other"
        out.append((kind, pid, args))
    return out


def tally_kinds(procs):
    """"crm_mon=1 sshd=2" (or "none") of foreign()'s list."""
    n = {}
    for kind, _, _ in procs:
        n[kind] = n.get(kind, 0) + 1
    return " ".join(f"{k}={v}" for k, v in sorted(n.items())) or "none"


def foreign_all(nodes):
    """{node: foreign() list}; a node that could not be asked maps to
    None."""
    out = {}
    for n in nodes:
        procs = node_ps(n)
        out[n] = None if procs is None else foreign(procs)
    return out


# --- the audit log -------------------------------------------------------

def audit_records(path):
    """The audit log's records: dicts of action, target, code, message
    (tab-separated fields: time, user, cluster, node, action, target,
    "CODE WORD", message)."""
    if not os.path.exists(path):
        return []
    out = []
    with open(path, errors="replace") as f:
        for line in f:
            fld = line.rstrip("\n").split("\t")
            if len(fld) != 8:
                out.append({"bad": line.rstrip("\n")})
                continue
            out.append({"time": fld[0], "node": fld[3], "action": fld[4],
                        "target": fld[5], "code": fld[6], "message": fld[7],
                        "line": line.rstrip("\n")})
    return out


OUTCOME_RE = re.compile(r"^outcome of request (\d+): (.*)$")
TRACKED_RE = re.compile(r"; request (\d+)$")


def requests_of(records):
    """The request lines (not the outcome lines), in order."""
    return [r for r in records if "bad" not in r and not OUTCOME_RE.match(r["message"])]


def pending_ids(records):
    """Numbers of the tracked requests that have no outcome line yet."""
    done = {int(m.group(1)) for r in records if "bad" not in r
            for m in [OUTCOME_RE.match(r["message"])] if m}
    return [int(m.group(1)) for r in requests_of(records)
            for m in [TRACKED_RE.search(r["message"])] if m and int(m.group(1)) not in done]


def own_outcome(r):
    """The outcome an untracked request line gives itself."""
    code = int(r["code"].split()[0]) if r["code"].split() else -1
    msg = r["message"]
    if msg.startswith("not sent") and code == 0:
        return "nothing to do"
    if msg.startswith("not sent") or ": refused: " in msg:
        return "refused"
    if code == 0:
        return "done"
    return "failed"


def outcome_word(text):
    """done / done late / failed / timed out / replaced, from the text of
    an outcome line after "outcome of request N: "."""
    for word in ("done late", "done", "failed", "timed out", "replaced"):
        if text.startswith(word):
            return word
    return "unknown"


def reconcile(sent, records):
    """Matches the requests the script sent with the audit log. Returns
    (tally {outcome: n}, problems [text], notes [text]: the requests that
    did not end done, with their lines)."""
    problems, notes, tally = [], [], {}
    for r in records:
        if "bad" in r:
            problems.append(f"a line that is not a record: {r['bad']!r}")
    reqs = requests_of(records)
    outcomes = {}
    for r in records:
        m = "bad" not in r and OUTCOME_RE.match(r["message"])
        if m:
            outcomes.setdefault(int(m.group(1)), []).append(r)
    claimed = set()
    for i, want in enumerate(sent):
        if i >= len(reqs):
            problems.append(f"request {i + 1} ({want[0]} {want[1]}, sent "
                            f"{want[2]}) has no line in the audit log: lost")
            continue
        r = reqs[i]
        target = re.split(r" -> | !", r["target"])[0]
        if (r["action"], target) != (want[0], want[1]):
            problems.append(f"request {i + 1}: sent {want[0]} {want[1]}, the "
                            f"audit log's line {i + 1} is {r['action']} "
                            f"{r['target']}: {r['line']}")
            continue
        m = TRACKED_RE.search(r["message"])
        if m is None:
            word, lines = own_outcome(r), [r]
        else:
            n = int(m.group(1))
            claimed.add(n)
            got = outcomes.get(n, [])
            words = [outcome_word(OUTCOME_RE.match(o["message"]).group(2)) for o in got]
            lines = [r] + got
            if not got:
                problems.append(f"request {i + 1} ({want[0]} {want[1]}, audit "
                                f"number {n}) has no outcome: {r['line']}")
                tally["no outcome"] = tally.get("no outcome", 0) + 1
                continue
            if words == ["timed out", "done late"]:
                word = "done late"
            elif len(words) == 1:
                word = words[0]
            else:
                problems.append(f"request {i + 1} (audit number {n}) has "
                                f"{len(got)} outcomes: " +
                                " | ".join(o["line"] for o in got))
                word = words[-1]
        tally[word] = tally.get(word, 0) + 1
        if word != "done":
            notes.append(f"request {i + 1} {want[0]} {want[1]}: {word}\n      " +
                         "\n      ".join(x["line"] for x in lines))
    for r in reqs[len(sent):]:
        problems.append(f"an audit line for no request the script sent: {r['line']}")
    for n in sorted(set(outcomes) - claimed):
        problems.append(f"an outcome for no request line: {outcomes[n][0]['line']}")
    return tally, problems, notes


# --- the operator --------------------------------------------------------

class StepError(Exception):
    """The console did not show what a step waits for (its screen is in
    the message)."""


class Operator:
    """The requests, through the console's keys and dialogs."""

    def __init__(self, tm, audit):
        self.tm = tm
        self.audit = audit
        self.moves = 0

    def fail(self, what):
        raise StepError(f"{what}; screen:\n{self.tm.screen()}")

    def view(self, key, header):
        self.tm.keys(key)
        if not self.tm.wait_for(header, 5):
            self.fail(f"view {key} did not open")

    def select(self, pattern, rows=40):
        """Moves the selection to the row matching ^>pattern."""
        self.tm.keys("g")
        for _ in range(rows):
            if self.tm.wait_for("^>" + pattern, 0.5):
                return
            self.tm.keys("j")
        self.fail(f"no row matches {pattern!r}")

    def requests_logged(self):
        return len(requests_of(audit_records(self.audit)))

    def confirm(self, question, before):
        """Answers y to the question, or sees the console submit without
        asking (a request refused or with nothing to do goes to the
        cluster's queue at once, and is audited)."""
        end = time.monotonic() + 10
        while time.monotonic() < end:
            if re.search(question, self.tm.screen(), re.M):
                self.tm.keys("y")
                return
            if self.requests_logged() > before:
                return
            time.sleep(0.05)
        self.fail(f"neither the question /{question}/ nor an audit line")

    def group_request(self, key, question, action):
        """A request on group web through its key and its question."""
        self.view("1", "GROUP / RESOURCE")
        self.select("web ")
        before = self.requests_logged()
        self.tm.keys(key)
        self.confirm(question, before)
        return (action, "web")

    def offline(self):
        return self.group_request("x", r"Take group web offline\? \[y/N\]", "offline")

    def online(self):
        return self.group_request("o", r"Bring group web online\? \[y/N\]", "online")

    def move(self):
        """db to a node it does not run on, node1 and node3 in turn
        when it runs on node2 (its home)."""
        self.view("1", "GROUP / RESOURCE")
        self.select("db ")
        before = self.requests_logged()
        self.tm.keys("m")
        end = time.monotonic() + 10
        while time.monotonic() < end:
            screen = self.tm.screen()
            if "Move group db to" in screen or self.requests_logged() > before:
                break
            time.sleep(0.05)
        else:
            self.fail("the move chooser did not open")
        if self.requests_logged() > before:
            return ("move", "db")
        lines = screen.splitlines()
        top = next(i for i, s in enumerate(lines) if "Move group db to" in s)
        items = []
        for s in lines[top + 1:]:
            if "Enter picks" in s:
                break
            m = re.search(r"│\s*(\S.*?)\s*│", s)
            if m:
                items.append(m.group(1))
        nodes = [x for x in items if re.fullmatch(r"node\d", x)]
        if not nodes:
            self.fail(f"the chooser offers no node ({items})")
        to = nodes[self.moves % len(nodes)]
        self.moves += 1
        self.tm.keys("g")
        for _ in range(items.index(to)):
            self.tm.keys("j")
        self.tm.keys("Enter")
        self.confirm(rf"Move group db to {to}\? \[y/N\]", before)
        return ("move", "db")

    def unpin(self):
        self.view("1", "GROUP / RESOURCE")
        self.select("db ")
        self.tm.keys("u")
        return ("clear", "db")

    def pause(self):
        """p on node3 when it is up: Pacemaker's standby."""
        self.view("3", "NODE +STATE")
        self.select("node3 ")
        # p on a paused node resumes it, without a question.
        if not self.tm.wait_for("^>node3 +UP", 1):
            print("# node3 is not up: no pause this time", flush=True)
            return None
        before = self.requests_logged()
        self.tm.keys("p")
        self.confirm(r"Pause node node3 .*\[y/N\]", before)
        return ("pause", "node3")

    def resume(self):
        """p on the paused node3 (no question); nothing if it is not
        paused (its pause was refused or failed: that is counted)."""
        self.view("3", "NODE +STATE")
        self.select("node3 ")
        if not self.tm.wait_for("^>node3 +PAUSED", 1):
            print("# node3 is not paused: no resume this time", flush=True)
            return None
        self.tm.keys("p")
        return ("resume", "node3")

    def cleanup(self):
        self.view("1", "GROUP / RESOURCE")
        self.select("web ")
        self.tm.keys("c")
        return ("cleanup", "web")

    def look_around(self, k):
        """What an operator does between requests: the other views,
        the selection moved, a detail opened and closed."""
        what = k % 4
        if what == 0:
            self.tm.keys("4")
        elif what == 1:
            self.tm.keys("2", "j", "j", "j")
        elif what == 2:
            self.tm.keys("1", "g", "d")
            time.sleep(0.5)
            self.tm.keys("Escape")
        else:
            self.tm.keys("3", "j")


def selftest():
    """The audit log's reading and matching on made-up logs, without a
    lab: what it must find (a request lost, one without an outcome, one
    with two, a line for no request) and what it must accept (a time-out
    then done late, a refusal, nothing to do). Returns 0 if all hold."""
    def rec(action, target, code, msg):
        return "\t".join(("2026-12-03T08:00:00.000Z", "root", "lab", "127.0.0.1:22",
                          action, target, code, msg))
    good = [
        rec("offline", "web", "997 pending", "sent: offline group web: pending (x); request 1"),
        rec("offline", "web", "0 success", "outcome of request 1: done after 6.1 s"),
        rec("move", "db -> node3", "997 pending", "sent: move group db to node3: pending (x); "
            "request 2"),
        rec("move", "db -> node3", "1460 timed out", "outcome of request 2: timed out after "
            "120.0 s"),
        rec("move", "db -> node3", "0 success", "outcome of request 2: done late, after 130.0 s"),
        rec("clear", "db", "0 success", "sent: clear group db: success (cleared)"),
        rec("online", "web", "997 pending", "not sent: online group web: refused: web is still "
            "going offline"),
        rec("cleanup", "web", "0 success", "not sent: cleanup group web: success (no failure)"),
        rec("pause", "node3", "997 pending", "sent: pause node node3: pending (x); request 3"),
        rec("pause", "node3", "1001 failed", "outcome of request 3: failed after 4.0 s: drain"),
    ]
    sent = [("offline", "web", ""), ("move", "db", ""), ("clear", "db", ""),
            ("online", "web", ""), ("cleanup", "web", ""), ("pause", "node3", "")]
    cases = [
        ("a clean log", good, sent, {"done": 2, "done late": 1, "refused": 1,
                                     "nothing to do": 1, "failed": 1}, None),
        ("a request without its line", good[:-2], sent, None, "lost"),
        ("a tracked request without its outcome", good[:-1], sent, None, "has no outcome"),
        ("two outcomes", good[:2] + [good[1]] + good[2:], sent, None, "has 2 outcomes"),
        ("a line for no request", good, sent[:-1], None, "for no request the script sent"),
        ("another target", good, [("offline", "db", "")] + sent[1:], None, "the audit log's line 1"),
        ("an outcome for no request", good + [rec("online", "web", "0 success",
                                                  "outcome of request 9: done after 1 s")],
         sent, None, "an outcome for no request line"),
    ]
    work = tempfile.mkdtemp(prefix="ccon-session-selftest.")
    for name, lines, snt, want_tally, want_problem in cases:
        with open(f"{work}/audit.log", "w") as f:
            f.write("".join(x + "\n" for x in lines))
        tally, problems, _ = reconcile(snt, audit_records(f"{work}/audit.log"))
        if want_problem is None:
            check(f"{name}: {tally}", not problems and tally == want_tally)
        else:
            check(f"{name} is found", any(want_problem in x for x in problems))
        for x in problems if (want_problem is None) else []:
            print("#   " + x)
    with open(f"{work}/audit.log", "w") as f:
        f.write("".join(x + "\n" for x in good[:-1]))
    check("the pending request is the one awaited", pending_ids(audit_records(f"{work}/audit.log"))
          == [3])
    shutil.rmtree(work, ignore_errors=True)
    print(f"{PASSES[0]} passed, {FAILS[0]} failed")
    return 0 if FAILS[0] == 0 else 1


ROTATION = ("offline", "online", "move", "unpin", "pause", "resume", "cleanup")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("minutes", type=float, nargs="?")
    ap.add_argument("--selftest", action="store_true",
                    help="check the audit log's matching on made-up logs (no lab)")
    ap.add_argument("--ccon", default=os.path.join(HERE, "..", "..", "build", "ccon"))
    ap.add_argument("--every", type=float, default=20.0, help="seconds between requests")
    ap.add_argument("--sample", type=float, default=10.0)
    ap.add_argument("--slack", type=int, default=2)
    ap.add_argument("--max-rss-per-hour", type=float, default=1.0)
    a = ap.parse_args()
    if a.selftest:
        return selftest()
    if a.minutes is None:
        ap.error("MINUTES is needed")
    if "LAB_LAB" not in os.environ:
        sys.exit("test_session_lab: run it under tests/lab/with-lab")
    if shutil.which("tmux") is None:
        sys.exit("test_session_lab: tmux is missing (apt-get install tmux)")
    nodes = os.environ["LAB_NODES"].split()
    ccon = os.path.abspath(a.ccon)
    work = tempfile.mkdtemp(prefix="ccon-session.")
    audit = f"{work}/audit.log"
    lab_conf(f"{work}/lab.conf", ["node1", "node2", "node3"],
             f'audit_log = "{audit}";\n')

    before = foreign_all(nodes)
    print("# processes outside the cluster's own, before: " +
          ", ".join(f"{n} {tally_kinds(p or [])}" for n, p in before.items()), flush=True)
    if not check("every node lists its processes", all(p is not None for p in before.values())):
        return 1

    tm = Console(ccon, ["--config", f"{work}/lab.conf"], work, 80, 24)
    op = Operator(tm, audit)
    sent, samples, most = [], [], {n: 0 for n in nodes}
    code, stderr = "none", ""
    try:
        if not check("the console shows the cluster", tm.wait_for(r"^.web +ONLINE", 30)):
            print(tm.screen())
            return 1
        pid = tm.pid()
        if not check("the console's process is found", pid is not None):
            return 1
        t0 = time.monotonic()
        end = t0 + a.minutes * 60
        next_sample, next_request, k, looks = t0, t0, 0, 0
        step_errors = 0
        while time.monotonic() < end:
            now = time.monotonic()
            if now >= next_sample:
                fig = proc_figures(pid)
                if fig is None:
                    bad("ccon ended by itself during the session")
                    break
                samples.append(sample(now - t0, fig))
                for n, p in foreign_all(nodes).items():
                    if p is not None:
                        most[n] = max(most[n], len(p))
                next_sample += a.sample
                op.look_around(looks)
                looks += 1
            # Due, and settled (or settled enough: at most SETTLE_WAIT
            # seconds late, then it goes all the same).
            if now >= next_request and (now >= next_request + SETTLE_WAIT or
                                        re.search(r"pend 0\b", tm.screen())):
                name = ROTATION[k % len(ROTATION)]
                when = time.strftime("%H:%M:%S", time.gmtime())
                try:
                    got = getattr(op, name)()
                except StepError as e:
                    bad(f"{name} (request slot {k + 1}): {e}")
                    step_errors += 1
                    tm.keys("Escape")
                    got = None
                if got is not None:
                    sent.append((got[0], got[1], when))
                    print(f"# {when} request {len(sent)}: {got[0]} {got[1]}", flush=True)
                k += 1
                next_request = t0 + k * a.every
                if step_errors > 3:
                    bad("more than 3 steps went wrong: the session stops")
                    break
            time.sleep(0.1)
        fig = proc_figures(pid)
        if fig is not None:
            samples.append(sample(time.monotonic() - t0, fig))
        # Every tracked request gets its outcome before the quit: one
        # still pending when ccon ends would have none, and that is no
        # loss of this test's making.
        wait_end = time.monotonic() + OUTCOME_WAIT
        while pending_ids(audit_records(audit)) and time.monotonic() < wait_end:
            time.sleep(0.5)
        code, stderr = tm.quit()
    finally:
        tm.close()
    elapsed = samples[-1][0] if samples else 0.0

    # 1. No request lost.
    records = audit_records(audit)
    tally, problems, notes = reconcile(sent, records)
    order = ["done", "done late", "nothing to do", "refused", "failed", "timed out",
             "replaced", "no outcome", "unknown"]
    words = ", ".join(f"{tally[w]} {w}" for w in order if tally.get(w))
    print(f"# {len(sent)} requests in {elapsed / 60:.1f} min: {words or 'none'}"
          f" ({len(records)} audit lines)", flush=True)
    for n in notes:
        print("#   " + n)
    check(f"every request sent ({len(sent)}) has one line in the audit log and exactly "
          "one outcome", not problems and sent)
    for p in problems:
        print("#   " + p)

    # 2. No orphans.
    check("q quits with status 0", code == "0")
    log = f"{work}/ccon/ccon.log"
    sanitized = os.path.exists(log) and re.search(
        r"runtime error|Sanitizer|^==[0-9]+==", open(log, errors="replace").read(), re.M)
    if not check("nothing on stderr, nor a sanitizer report in the console's log",
                 not stderr.strip() and not sanitized):
        print(stderr[-2000:])
    deadline = time.monotonic() + 10
    while True:
        after = foreign_all(nodes)
        same = all(after[n] is not None and before[n] is not None and
                   sorted(p[2] for p in after[n]) == sorted(p[2] for p in before[n])
                   for n in nodes)
        if same or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    print("# processes outside the cluster's own, after the quit: " +
          ", ".join(f"{n} {tally_kinds(after[n] or [])}" for n in nodes) +
          "; most during the session: " + ", ".join(f"{n} {most[n]}" for n in nodes))
    if not check("every node runs what it ran before ccon started (no crm_mon, sh -c or "
                 "sshd session of ccon's)", same):
        for n in nodes:
            left = [p for p in (after[n] or []) if p not in (before[n] or [])]
            for kind, pid, args in left:
                print(f"#   {n}: {kind} pid {pid}: {args[:300]}")

    # 3. Flat.
    warm = warmed(samples)
    print(f"# {len(samples)} samples, every {a.sample:g} s; growth per hour after the "
          "warm-up (the first fifth); anon: the anonymous part of RSS (heap, stacks)")
    print("\n".join(growth_lines(samples, "#   ")))
    for kk, name in ((2, "descriptors"), (3, "threads")):
        vals = [s[kk] for s in warm]
        check(f"{name} stay flat after the warm-up (at most +{a.slack})",
              vals and max(vals) - vals[0] <= a.slack)
    if a.minutes >= JUDGE_RSS_MINUTES:
        growth = slope_per_hour(warm, ANON) / 1024
        check(f"anonymous RSS grows under {a.max_rss_per_hour:g} MiB an hour "
              f"({growth:+.2f})", growth < a.max_rss_per_hour)
    else:
        print(f"# RSS's slope is judged on runs of {JUDGE_RSS_MINUTES} minutes or more")
    shutil.rmtree(work, ignore_errors=True)
    print(f"{PASSES[0]} passed, {FAILS[0]} failed")
    return 0 if FAILS[0] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
