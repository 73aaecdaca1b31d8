#!/usr/bin/env python3
"""Build the CIB files in cib/ (configuration + status) for the crm_mon fixtures.

Needs crm_simulate (Pacemaker 2.1.5 here). The output is committed, so this
only has to run again when a scenario changes.  Every scenario starts from a
configuration written below, lets crm_simulate compute a settled status
(--node-up, -S), then injects the events of the scenario, either with
crm_simulate (--op-inject, --node-fail, ...) or by patching <status> the way a
live cluster records it (pending ops: op-status="-1" rc-code="193").
Timestamps are pinned (T0 = 2024-03-01 12:00:00 UTC) so the files are stable.

Usage: ./build-cibs.py            (writes cib/*.xml next to this script)
       ./build-cibs.py node-unclean-online   (that one, from cib/node-unclean.xml)
"""
import copy
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cib")
T0 = 1709294400          # 2024-03-01 12:00:00 UTC: everything settled
T_FAIL = T0 + 600        # 12:10:00: failures
T_PEND = T0 + 900        # 12:15:00: in-flight operations
TK = "6c1a2b9e-0000-4000-8000-00000000cc01"   # transition-key UUID

ENV = dict(os.environ, TZ="UTC", LC_ALL="C.UTF-8")


# --------------------------------------------------------------- configuration
def prim(rid, typ="Dummy", prov="pacemaker", klass="ocf", meta=None, mon="10s",
         params=None, desc=None, on_fail=None):
    """A <primitive> as XML text."""
    attrs = f'id="{rid}" class="{klass}"'
    if prov:
        attrs += f' provider="{prov}"'
    attrs += f' type="{typ}"'
    if desc is not None:
        attrs += f' description="{desc}"'
    s = f"<primitive {attrs}>"
    if params:
        s += f'<instance_attributes id="{rid}-ia">' + "".join(
            f'<nvpair id="{rid}-ia-{k}" name="{k}" value="{v}"/>' for k, v in params.items()) \
            + "</instance_attributes>"
    if meta:
        s += f'<meta_attributes id="{rid}-meta">' + "".join(
            f'<nvpair id="{rid}-meta-{k}" name="{k}" value="{v}"/>' for k, v in meta.items()) \
            + "</meta_attributes>"
    if mon:
        of = f' on-fail="{on_fail}"' if on_fail else ""
        s += (f'<operations><op id="{rid}-monitor-{mon}" name="monitor" '
              f'interval="{mon}"{of}/></operations>')
    return s + "</primitive>"


def meta_block(rid, meta):
    if not meta:
        return ""
    return f'<meta_attributes id="{rid}-meta">' + "".join(
        f'<nvpair id="{rid}-meta-{k}" name="{k}" value="{v}"/>' for k, v in meta.items()) \
        + "</meta_attributes>"


def group(gid, members, meta=None):
    return f'<group id="{gid}">' + meta_block(gid, meta) + "".join(members) + "</group>"


def clone(cid, child, meta=None):
    return f'<clone id="{cid}">' + meta_block(cid, meta) + child + "</clone>"


def base_resources(web_meta=None, solo_meta=None, clone_meta=None):
    return [
        group("web", [
            prim("web-ip", "IPaddr2", "heartbeat", params={"ip": "192.0.2.10"}),
            prim("web-fs"),
            prim("web-srv"),
        ], meta=web_meta),
        prim("solo", meta=solo_meta),
        clone("ping-clone", prim("ping"), meta=clone_meta),
    ]


BASE_CONSTRAINTS = [
    '<rsc_location id="web-prefers-node1" rsc="web" node="node1" score="100"/>',
    '<rsc_location id="solo-prefers-node2" rsc="solo" node="node2" score="100"/>',
]


def cib(nodes, resources, constraints=(), props=None, node_attrs=None, dc="1"):
    p = {"stonith-enabled": "false", "cluster-name": "lab",
         "dc-version": "2.1.5-a3f44794f94", "cluster-infrastructure": "corosync"}
    p.update(props or {})
    node_attrs = node_attrs or {}
    nx = ""
    for i, n in enumerate(nodes, 1):
        a = node_attrs.get(n)
        if a:
            nx += (f'<node id="{i}" uname="{n}"><instance_attributes id="nodes-{i}">' +
                   "".join(f'<nvpair id="nodes-{i}-{k}" name="{k}" value="{v}"/>'
                           for k, v in a.items()) + "</instance_attributes></node>")
        else:
            nx += f'<node id="{i}" uname="{n}"/>'
    return (
        '<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" '
        f'num_updates="0" admin_epoch="0" have-quorum="1" dc-uuid="{dc}">'
        "<configuration><crm_config>"
        '<cluster_property_set id="cib-bootstrap-options">' +
        "".join(f'<nvpair id="cib-bootstrap-options-{k}" name="{k}" value="{v}"/>'
                for k, v in p.items()) +
        "</cluster_property_set></crm_config>"
        f"<nodes>{nx}</nodes>"
        f'<resources>{"".join(resources)}</resources>'
        f'<constraints>{"".join(constraints)}</constraints>'
        "</configuration><status/></cib>")


# --------------------------------------------------------------- tools
def run(cmd, **kw):
    r = subprocess.run(cmd, env=kw.pop("env", ENV), capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.stderr.write(f"FAILED ({r.returncode}): {' '.join(cmd)}\n{r.stdout}{r.stderr}")
        sys.exit(1)
    return r.stdout


def sim(xml_text, *args):
    """Run crm_simulate on xml_text with args; return the saved output CIB."""
    with tempfile.TemporaryDirectory() as d:
        src, dst = os.path.join(d, "in.xml"), os.path.join(d, "out.xml")
        with open(src, "w", encoding="utf-8") as f:
            f.write(xml_text)
        run(["crm_simulate", "-x", src, "-O", dst, *args])
        with open(dst, encoding="utf-8") as f:
            return f.read()


def settle(xml_text, nodes, rounds=2):
    x = sim(xml_text, *sum((["-u", n] for n in nodes), []), "-S")
    for _ in range(rounds - 1):
        x = sim(x, "-S")
    return x


def parse(x):
    return ET.fromstring(x)


def text(root):
    return ET.tostring(root, encoding="unicode")


def node_state(root, uname):
    return [n for n in root.iter("node_state") if n.get("uname") == uname][0]


def lrm_resource(root, uname, rid, klass="ocf", prov="pacemaker", typ="Dummy"):
    ns = node_state(root, uname)
    for lr in ns.iter("lrm_resource"):
        if lr.get("id") == rid:
            return lr
    lrs = ns.find("lrm/lrm_resources")
    return ET.SubElement(lrs, "lrm_resource", {"id": rid, "class": klass,
                                                "provider": prov, "type": typ})


def set_op(root, uname, rid, op, interval=0, rc=0, status=0, reason="", when=T_FAIL,
           failure=False, drop=(), exec_ms=0, extra=None):
    """Record an operation result in <status> the way the controller does.

    status: 0 done, 1 cancelled, 2 timed out, 4 error, -1 pending (rc 193).
    failure=True also writes the <rsc>_last_failure_0 record.
    drop: op ids to remove first (e.g. the recurring monitor of a stopped rsc).
    """
    lr = lrm_resource(root, uname, rid)
    for o in list(lr):
        if o.get("id") in drop:
            lr.remove(o)
    opid = f"{rid}_last_0" if interval == 0 else f"{rid}_{op}_{interval}"
    calls = [int(o.get("call-id")) for o in lr if int(o.get("call-id")) > 0] or [0]
    for o in list(lr):
        if o.get("id") == opid:
            lr.remove(o)
    call = -1 if status == -1 else max(calls) + 1
    magic_rc = "193" if status == -1 else str(rc)
    tkey = f"{40 + call % 50}:7:0:{TK}"
    a = {
        "id": opid, "operation_key": f"{rid}_{op}_{interval}", "operation": op,
        "crm-debug-origin": "do_update_resource", "crm_feature_set": "3.16.1",
        "transition-key": tkey, "transition-magic": f"{status}:{magic_rc};{tkey}",
        "exit-reason": reason, "on_node": uname, "call-id": str(call),
        "rc-code": magic_rc, "op-status": str(status), "interval": str(interval),
        "last-rc-change": str(when), "exec-time": str(exec_ms), "queue-time": "0",
        "op-digest": "f2317cad3d54cec5d7d7aa7d0bf35cf8",
    }
    if extra:
        a.update(extra)
    ET.SubElement(lr, "lrm_rsc_op", a)
    if failure:
        for o in list(lr):
            if o.get("id") == f"{rid}_last_failure_0":
                lr.remove(o)
        f = dict(a, id=f"{rid}_last_failure_0")
        f.pop("op-digest")
        ET.SubElement(lr, "lrm_rsc_op", f)


def running_on(root, rid):
    """The node whose last op for rid left it running (start/promote/migrate ok)."""
    for ns in root.iter("node_state"):
        for lr in ns.iter("lrm_resource"):
            if lr.get("id") != rid:
                continue
            for o in lr:
                if (o.get("id") == f"{rid}_last_0" and o.get("rc-code") == "0"
                        and o.get("operation") in ("start", "promote", "migrate_from")):
                    return ns.get("uname")
    raise KeyError(rid)


def set_transient(root, uname, name, value):
    ns = node_state(root, uname)
    ta = ns.find("transient_attributes")
    if ta is None:
        ta = ET.SubElement(ns, "transient_attributes", {"id": ns.get("id")})
        ET.SubElement(ta, "instance_attributes", {"id": f"status-{ns.get('id')}"})
    ia = ta.find("instance_attributes")
    for nv in list(ia):
        if nv.get("name") == name:
            ia.remove(nv)
    ET.SubElement(ia, "nvpair", {"id": f"status-{ns.get('id')}-{name.replace('#', '.')}",
                                 "name": name, "value": str(value)})


def fail_count(root, uname, rid, op, interval, value, when=T_FAIL):
    set_transient(root, uname, f"fail-count-{rid}#{op}_{interval}", value)
    set_transient(root, uname, f"last-failure-{rid}#{op}_{interval}", when)


def pin(x, origin="node1", client="crmd", user="hacluster"):
    """Pin times and tidy crm_simulate's placeholders; return pretty XML text."""
    root = parse(x) if isinstance(x, str) else x
    for el in root.iter():
        if el.tag == "lrm_rsc_op":
            if int(el.get("last-rc-change", "0")) > 1750000000:   # crm_simulate's "now"
                el.set("last-rc-change", str(T0))
            for k in ("transition-key", "transition-magic"):
                if el.get(k):
                    el.set(k, el.get(k).replace("xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", TK))
            if el.get("exit-reason") == "Simulated action result":
                el.set("exit-reason", "")
            if el.get("crm-debug-origin") == "crm_simulate":
                el.set("crm-debug-origin", "do_update_resource")
        elif el.tag == "nvpair" and el.get("name", "").startswith("last-failure-"):
            if int(el.get("value")) > 1750000000:
                el.set("value", str(T_FAIL))
        elif el.tag == "node_state" and el.get("crm-debug-origin") == "crm_simulate":
            el.set("crm-debug-origin", "do_state_transition")
    root.set("cib-last-written", "Fri Mar  1 12:00:00 2024")
    root.set("update-origin", origin)
    root.set("update-client", client)
    root.set("update-user", user)
    ET.indent(root, "  ")
    return text(root) + "\n"


def save(name, x):
    path = os.path.join(OUT, name + ".xml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(x)
    print("wrote", os.path.relpath(path, HERE))


N3 = ["node1", "node2", "node3"]


# --------------------------------------------------------------- scenarios
def basic():
    x = settle(cib(N3, base_resources(), BASE_CONSTRAINTS), N3)
    save("basic-3node", pin(x))
    return x


def promote_scores(x, scores):
    """Set the promotion scores (master-<rsc> node attributes, as crm_master does), run -S."""
    root = parse(x)
    for n, v in scores.items():
        set_transient(root, n, "master-stateful", v)
    return sim(sim(text(root), "-S"), "-S")


def pending():
    res = base_resources() + [
        clone("stateful-clone", prim("stateful", "Stateful", mon=None) .replace(
            "</primitive>",
            '<operations><op id="stateful-mon-p" name="monitor" interval="10s" role="Promoted"/>'
            '<op id="stateful-mon-u" name="monitor" interval="11s" role="Unpromoted"/>'
            "</operations></primitive>"),
            meta={"promotable": "true", "promoted-max": "2", "clone-max": "3"}),
        prim("mig", meta={"allow-migrate": "true"}),
    ]
    cons = BASE_CONSTRAINTS + [
        '<rsc_location id="mig-prefers-node3" rsc="mig" node="node3" score="100"/>']
    root = parse(promote_scores(settle(cib(N3, res, cons), N3),
                                {"node1": 10, "node2": 10, "node3": 5}))
    # web-srv (node1): stop in flight -> role Stopping
    set_op(root, "node1", "web-srv", "stop", status=-1, when=T_PEND)
    # solo (node2): start in flight, its monitor not yet there -> role Starting
    set_op(root, "node2", "solo", "start", status=-1, when=T_PEND,
           drop=("solo_monitor_10000",))
    # web-ip (node1): first recurring monitor in flight -> pending="Monitoring"
    set_op(root, "node1", "web-ip", "monitor", interval=10000, status=-1, when=T_PEND)
    # stateful: find the promoted and unpromoted instances
    roles = {}
    for n in N3:
        lr = lrm_resource(root, n, "stateful")
        ops = {o.get("operation") for o in lr}
        roles[n] = "Promoted" if "promote" in ops else "Unpromoted"
    prom = [n for n in N3 if roles[n] == "Promoted"]
    unprom = [n for n in N3 if roles[n] == "Unpromoted"]
    set_op(root, prom[0], "stateful", "demote", status=-1, when=T_PEND)
    set_op(root, unprom[0], "stateful", "promote", status=-1, when=T_PEND)
    # mig (node3): live migration to node1 in flight
    set_op(root, "node3", "mig", "migrate_to", status=-1, when=T_PEND,
           extra={"migrate_source": "node3", "migrate_target": "node1"})
    save("pending", pin(root))
    return prom[0], unprom[0]


def failed():
    res = base_resources() + [
        prim("db", meta={"target-role": "Stopped"}),
        prim("logger", on_fail="ignore"),
    ]
    cons = BASE_CONSTRAINTS + [
        '<rsc_location id="db-prefers-node3" rsc="db" node="node3" score="200"/>',
        '<rsc_location id="logger-prefers-node3" rsc="logger" node="node3" score="100"/>']
    x = settle(cib(N3, res, cons), N3)
    # solo: its monitor failed earlier on node2, Pacemaker recovered it in place
    x = sim(x, "-i", "solo_monitor_10000@node2=7", "-S")
    x = x.replace('name="target-role" value="Stopped"', 'name="target-role" value="Started"')
    # db: the start fails on every node, one after the other
    # (crm_simulate counts a failed start as fail-count 1; the controller sets
    # INFINITY when start-failure-is-fatal, so raise it between transitions)
    for _ in range(5):
        x = sim(x, "-F", "db_start_0@node1=1", "-F", "db_start_0@node2=5",
                "-F", "db_start_0@node3=1", "-S")
        x = re.sub(r'(name="fail-count-db#start_0" value=")[^"]*"', r'\1INFINITY"', x)
    # web-srv: the monitor just failed on node1, recovery not run yet
    x = sim(x, "-i", "web-srv_monitor_10000@node1=7", "-i", "logger_monitor_10000@node3=1")
    root = parse(x)
    # real exit reasons, op status and fail counts (crm_simulate writes placeholders)
    for n in N3:
        lr = lrm_resource(root, n, "db")
        for o in lr:
            if o.get("operation") == "start" and o.get("rc-code") != "0":
                o.set("last-rc-change", str(T_FAIL + N3.index(n) * 20))
                if n == "node3":
                    o.set("exit-reason", "Failed to start: /var/lib/db is not writable")
                    o.set("exec-time", "1534")
                elif n == "node1":   # timed out: op-status 2, rc 1, empty reason
                    o.set("op-status", "2")
                    o.set("exit-reason", "")
                    o.set("exec-time", "20002")
                    o.set("transition-magic", "2:1;" + o.get("transition-magic").split(";", 1)[1])
                else:                # rc 5 = not installed
                    o.set("exit-reason", "Binary /usr/sbin/dbd not found")
            elif o.get("operation") == "stop":
                o.set("last-rc-change", str(T_FAIL + N3.index(n) * 20 + 5))
        fail_count(root, n, "db", "start", 0, "INFINITY", T_FAIL + N3.index(n) * 20)
    for o in lrm_resource(root, "node2", "solo"):
        if o.get("id") == "solo_last_failure_0":
            o.set("exit-reason", "Process 4242 not found")
            o.set("last-rc-change", str(T_FAIL - 300))
    for o in lrm_resource(root, "node2", "solo"):
        if o.get("operation") in ("start", "stop") or o.get("id") == "solo_monitor_10000":
            o.set("last-rc-change", str(T_FAIL - 290))
    fail_count(root, "node2", "solo", "monitor", 10000, 1, T_FAIL - 300)
    for o in lrm_resource(root, "node1", "web-srv"):
        if o.get("id") in ("web-srv_monitor_10000", "web-srv_last_failure_0"):
            o.set("exit-reason", "pid file /run/web-srv.pid is stale")
            o.set("last-rc-change", str(T_FAIL + 120))
    fail_count(root, "node1", "web-srv", "monitor", 10000, 1, T_FAIL + 120)
    for o in lrm_resource(root, "node3", "logger"):
        if o.get("id") in ("logger_monitor_10000", "logger_last_failure_0"):
            o.set("exit-reason", "log spool 97% full")
            o.set("last-rc-change", str(T_FAIL + 60))
    fail_count(root, "node3", "logger", "monitor", 10000, 1, T_FAIL + 60)
    save("failed", pin(root))


def standby_maintenance():
    res = base_resources() + [
        prim("legacy", meta={"is-managed": "false"}),
        prim("batch", meta={"maintenance": "true"}),
        prim("stuck"),
    ]
    cons = BASE_CONSTRAINTS + [
        '<rsc_location id="legacy-prefers-node1" rsc="legacy" node="node1" score="100"/>',
        '<rsc_location id="batch-prefers-node1" rsc="batch" node="node1" score="100"/>',
        '<rsc_location id="stuck-prefers-node1" rsc="stuck" node="node1" score="100"/>',
    ]
    # settle with everything managed, then apply the admin changes
    x0 = cib(N3, [r.replace('name="is-managed" value="false"', 'name="is-managed" value="true"')
                  .replace('name="maintenance" value="true"', 'name="maintenance" value="false"')
                  for r in res], cons)
    x = settle(x0, N3)
    root = parse(x)
    conf = parse(cib(N3, res, cons, node_attrs={"node2": {"standby": "on"},
                                                "node3": {"maintenance": "on"}}))
    root.remove(root.find("configuration"))
    root.insert(0, conf.find("configuration"))
    x = sim(text(root), "-S")
    # stuck: an admin stopped it, the stop timed out; no fencing -> blocked
    root = parse(x)
    for p in root.iter("primitive"):
        if p.get("id") == "stuck":
            m = ET.SubElement(p, "meta_attributes", {"id": "stuck-meta"})
            ET.SubElement(m, "nvpair", {"id": "stuck-meta-target-role",
                                        "name": "target-role", "value": "Stopped"})
    set_op(root, "node1", "stuck", "stop", rc=1, status=2, reason="", failure=True,
           exec_ms=20003)
    fail_count(root, "node1", "stuck", "stop", 0, "INFINITY")
    save("standby-maintenance", pin(root))


def cluster_maintenance(basic_x):
    root = parse(basic_x)
    for ps in root.iter("cluster_property_set"):
        ET.SubElement(ps, "nvpair", {"id": "cib-bootstrap-options-maintenance-mode",
                                     "name": "maintenance-mode", "value": "true"})
    save("cluster-maintenance", pin(sim(text(root), "-S")))


def stop_all(basic_x):
    root = parse(basic_x)
    for ps in root.iter("cluster_property_set"):
        ET.SubElement(ps, "nvpair", {"id": "cib-bootstrap-options-stop-all-resources",
                                     "name": "stop-all-resources", "value": "true"})
    save("stop-all", pin(sim(text(root), "-S")))


def node_down():
    nodes = [f"node{i}" for i in range(1, 7)]
    cons = BASE_CONSTRAINTS[:1] + [
        '<rsc_location id="solo-prefers-node5" rsc="solo" node="node5" score="100"/>']
    x = settle(cib(nodes, base_resources(), cons), nodes)
    # node4 shut down cleanly; node5 lost (killed) with fencing disabled
    x = sim(x, "-d", "node4", "-f", "node5", "-S")
    x = sim(x, "-S")
    root = parse(x)
    # node6: corosync still up, its pacemaker controller died -> unclean
    ns = node_state(root, "node6")
    ns.set("crmd", "offline")
    ns.set("join", "down")
    save("node-down", pin(root))


def node_unclean():
    nodes = ["node1", "node2", "node3", "node4"]
    res = base_resources() + [prim("fence-all", "fence_xvm", None, "stonith", mon="60s")]
    x = settle(cib(nodes, res, BASE_CONSTRAINTS, props={"stonith-enabled": "true"}), nodes)
    x = sim(x, "-f", "node3")                 # lost, not fenced yet (no -S)
    root = parse(x)
    ns = node_state(root, "node4")            # rejoining, join not finished
    ns.set("join", "pending")
    save("node-unclean", pin(root))
    return root


def node_unclean_online(root=None):
    """node-unclean with node2 asked to be fenced while it runs: the transient
    attribute terminate=true (what `crm_attribute --node node2 --name terminate
    --update true --lifetime reboot` writes) makes a node that is fully up
    unclean: crm_mon prints online="true" unclean="true", "UNCLEAN (online)"."""
    if root is None:
        with open(os.path.join(OUT, "node-unclean.xml"), encoding="utf-8") as f:
            root = parse(f.read())
    root = copy.deepcopy(root)
    set_transient(root, "node2", "terminate", "true")
    save("node-unclean-online", pin(root))


def constraints(basic_x):
    with tempfile.TemporaryDirectory() as d:
        f = os.path.join(d, "cib.xml")
        with open(f, "w") as fh:
            fh.write(basic_x)
        env = dict(ENV, CIB_file=f)
        run(["crm_resource", "--move", "--resource", "web", "--node", "node2"], env=env)
        run(["crm_resource", "--ban", "--resource", "solo", "--node", "node2"], env=env)
        run(["crm_resource", "--ban", "--resource", "ping-clone", "--node", "node3",
             "--lifetime", "PT1H"], env=env)
        with open(f) as fh:
            x = fh.read()
    # pin the lifetime far in the future so the rule stays in force
    x = re.sub(r'end="[^"]*"', 'end="2099-01-01 00:00:00Z"', x)
    root = parse(x)
    cons = root.find("configuration/constraints")
    ET.SubElement(cons, "rsc_location", {"id": "solo-avoids-node3", "rsc": "solo",
                                         "node": "node3", "score": "-5000"})
    x = sim(text(root), "-S")
    save("constraints", pin(x, client="crm_resource", user="root"))
    return x


def promotable():
    res = [clone("stateful-clone", prim("stateful", "Stateful", mon=None).replace(
        "</primitive>",
        '<operations><op id="stateful-mon-p" name="monitor" interval="10s" role="Promoted"/>'
        '<op id="stateful-mon-u" name="monitor" interval="11s" role="Unpromoted"/>'
        "</operations></primitive>"),
        meta={"promotable": "true", "promoted-max": "1", "clone-max": "2"}),
        prim("solo")]
    cons = ['<rsc_location id="stateful-prefers-node1" rsc="stateful-clone" '
            'role="Promoted" node="node1" score="100"/>']
    save("promotable", pin(promote_scores(settle(cib(N3, res, cons), N3),
                                          {"node1": 10, "node2": 5, "node3": 5})))


def bundle():
    b = ('<bundle id="httpd-bundle"><podman image="localhost/httpd:latest" replicas="2" '
         'run-command="/usr/sbin/pacemaker-remoted"/>'
         '<network ip-range-start="192.0.2.100" control-port="3121">'
         '<port-mapping id="httpd-port" port="80"/></network>' +
         prim("httpd", "apache", "heartbeat", mon="30s") + "</bundle>")
    x = settle(cib(N3, [prim("solo"), b]), N3)
    x = sim(x, "-u", "httpd-bundle-0", "-u", "httpd-bundle-1", "-S")
    x = sim(x, "-S")
    root = parse(x)
    for ns in root.iter("node_state"):
        if ns.get("uname", "").startswith("httpd-bundle-"):
            ns.set("remote_node", "true")
    save("bundle", pin(root))


def orphaned(basic_x):
    root = parse(basic_x)
    res = root.find("configuration/resources")
    for p in list(res):
        if p.get("id") == "solo":
            res.remove(p)
    cons = root.find("configuration/constraints")
    for c in list(cons):
        if c.get("rsc") == "solo":
            cons.remove(c)
    # the status still says solo runs on node2: not yet stopped by the scheduler
    save("orphaned", pin(root, client="cibadmin", user="root"))


def disabled():
    x = settle(cib(N3, base_resources(web_meta={"target-role": "Stopped"},
                                      solo_meta={"target-role": "Stopped"}),
                   BASE_CONSTRAINTS), N3)
    save("disabled", pin(x))


def member_stopped():
    """Members stopped by their own target-role: web-fs in the running group
    web (crm_mon alone can tell: the group is not stopped), and app-srv in
    the stopped group app, where crm_mon prints the group's Stopped for
    every member alike and only the configuration tells whose it is;
    app-ip's own Started outweighs its group's Stopped."""
    res = base_resources() + [group("app", [
        prim("app-ip", meta={"target-role": "Started"}),
        prim("app-data"),
        prim("app-srv", meta={"target-role": "Stopped"}),
    ], meta={"target-role": "Stopped"})]
    res[0] = res[0].replace(
        '<primitive id="web-fs" class="ocf" provider="pacemaker" type="Dummy">',
        '<primitive id="web-fs" class="ocf" provider="pacemaker" type="Dummy">' +
        meta_block("web-fs", {"target-role": "Stopped"}))
    x = settle(cib(N3, res, BASE_CONSTRAINTS), N3)
    save("member-stopped", pin(x))


def utf8_hostile():
    long_id = ("r" + "-0123456789abcdefghijklmnopqrstuvwxyz" * 6)[:200]
    res = [
        group("веб-группа", [
            prim("веб-ip", "IPaddr2", "heartbeat", params={"ip": "192.0.2.20"},
                 desc="quote &quot; apos &apos; lt &lt; gt &gt; amp &amp;"),
            prim("数据库", desc="中文描述 with tab&#9;and newline&#10;second line"),
        ]),
        prim(long_id),
        prim("ñandú_Ω.ελληνικά", desc="RTL &#x202E;override, C1 CSI &#x9B;2J"),
        clone("クローン", prim("インスタンス")),
        prim("esc-raw", desc="DESC_ESC_PLACEHOLDER"),
        prim("esc-text"),
    ]
    x = settle(cib(N3, res), N3)
    # (crm_simulate -i cannot take non-ASCII ids: glib rejects them in the C
    # locale crm_simulate runs in, so the failed monitors are written directly)
    root = parse(x)
    for _, rid, reason in (
        ("node1", "数据库", 'Ошибка: <b>"bold"</b> & \'q\'\nsecond line\ttab, CJK 数据库, '
                          "emoji \U0001F600, RTL \u202egnp.exe, C1 CSI \u009b2J"),
        # what pacemaker-based stores for an agent that printed ESC [ 2 J: its
        # XML writer turns control characters into octal text (\033)
        ("node2", "esc-text", "agent said: \\033[2J\\033]0;pwned\\007 done"),
        ("node3", "esc-raw", "ESCAPE_PLACEHOLDER"),
    ):
        n = running_on(root, rid)
        set_op(root, n, rid, "monitor", interval=10000, rc=1, reason=reason, failure=True)
        fail_count(root, n, rid, "monitor", 10000, 1)
    x = pin(root)
    # an exit-reason holding ESC/BEL as character references: not legal XML 1.0;
    # Pacemaker parses CIBs with libxml2 recovery, so crm_mon still runs
    x = x.replace("ESCAPE_PLACEHOLDER", "before&#x1b;[2J&#x1b;]0;pwned&#x7;after")
    x = x.replace("DESC_ESC_PLACEHOLDER", "ESC as char ref: &#x1b;[2J")
    save("utf8-and-hostile", x)


def main():
    os.makedirs(OUT, exist_ok=True)
    b = basic()
    pending()
    failed()
    standby_maintenance()
    cluster_maintenance(b)
    stop_all(b)
    node_down()
    node_unclean_online(node_unclean())
    constraints(b)
    promotable()
    bundle()
    orphaned(b)
    disabled()
    member_stopped()
    utf8_hostile()


if __name__ == "__main__":
    if sys.argv[1:] == ["node-unclean-online"]:   # from cib/node-unclean.xml
        node_unclean_online()
    else:
        main()
