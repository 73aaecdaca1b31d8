"""A fake Windows Server Failover Clustering node, for ccon's tests.

What tests/wsfc/README.md describes: powershell.exe (Windows PowerShell
5.1) as Win32-OpenSSH starts it, recognising only the scripts ccon sends
and answering them from a cluster kept in a JSON state file, with the
failover cluster's documented semantics and 5.1's output quirks.
Standard library only.

Environment:
  CCON_FAKE_WSFC_STATE       the state file (default: fake-wsfc.json in
                             the current directory); created if missing
  CCON_FAKE_WSFC_LOG         every script run is appended here (decoded)
  CCON_FAKE_WSFC_NODE        the node this powershell.exe runs on (NODE1)
  CCON_FAKE_WSFC_PENDING_MS  how long OnlinePending/OfflinePending/drains
                             last (default: the state's pending_ms, 2000)
  CCON_FAKE_WSFC_POLL_MS     the doorbell's poll (default 1000)
  CCON_FAKE_WSFC_OEM         the OEM code page of stderr (default cp437)
"""

import fcntl
import json
import os
import re
import sys
import time

CMD_MAX = 8191

# ---- the cluster's numbers (the FailoverClusters enums, clusapi.h) ----

RES_ONLINE, RES_OFFLINE, RES_FAILED = 2, 3, 4
RES_ONLINE_PENDING, RES_OFFLINE_PENDING = 129, 130
RES_PENDING_STATES = (1, 128, 129, 130)
GRP_ONLINE, GRP_OFFLINE, GRP_FAILED, GRP_PARTIAL, GRP_PENDING = 0, 1, 2, 3, 4
NODE_UP, NODE_DOWN, NODE_PAUSED = 0, 1, 2
DRAIN_NONE, DRAIN_RUNNING, DRAIN_DONE, DRAIN_FAILED = 0, 1, 2, 3
NODE_INFO_DRAINING, NODE_INFO_DRAINED, NODE_INFO_DRAIN_FAILED = 4, 8, 16
LOCKED = 1
ERROR_TIMEOUT = 1460

PREFIX = "Microsoft.FailoverClusters.PowerShell."
# The class behind each cmdlet's FullyQualifiedErrorId. GetNodeCommand,
# GetResourceCommand, GetClusterCommand and MoveClusterGroupCommand are
# recorded; the others follow them and are guesses.
CMDLET_CLASS = {
    "Get-Cluster": "GetClusterCommand",
    "Get-ClusterNode": "GetNodeCommand",
    "Get-ClusterGroup": "GetClusterGroupCommand",
    "Get-ClusterResource": "GetResourceCommand",
    "Get-ClusterResourceDependency": "GetResourceDependencyCommand",
    "Start-ClusterResource": "StartResourceCommand",
    "Stop-ClusterResource": "StopResourceCommand",
    "Start-ClusterGroup": "StartClusterGroupCommand",
    "Stop-ClusterGroup": "StopClusterGroupCommand",
    "Move-ClusterGroup": "MoveClusterGroupCommand",
    "Suspend-ClusterNode": "SuspendClusterNodeCommand",
    "Resume-ClusterNode": "ResumeClusterNodeCommand",
    # Recorded (WSFC-NOTES §4): GetClusterOwnerNodeCommand,
    # GetParameterCommand.
    "Get-ClusterOwnerNode": "GetClusterOwnerNodeCommand",
    "Get-ClusterParameter": "GetParameterCommand",
}

SERVICE_DOWN_TEXT = (
    "The cluster service is not running.  Make sure that the service is "
    "running on all nodes in the cluster.\r\n"
    "    There are no more endpoints available from the endpoint mapper")
LOCKED_TEXT = ("The requested operation cannot be completed because a "
               "resource has locked status.")


class ClusterError(Exception):
    """A cluster cmdlet's terminating error, as the catch sees it."""

    def __init__(self, message, fqid, category):
        super().__init__(message)
        self.message, self.fqid, self.category = message, fqid, category


class Refused(Exception):
    """What powershell.exe (or cmd.exe before it) would not run."""

    def __init__(self, lines, code=1, clixml=True):
        super().__init__("\n".join(lines))
        self.lines, self.code, self.clixml = lines, code, clixml


def cmdlet_error(cmdlet, message, category="NotSpecified", fqid=None):
    return ClusterError(message, (fqid or cmdlet) + "," + PREFIX +
                        CMDLET_CLASS[cmdlet], category)


# ---- the default cluster ---------------------------------------------

def guid(n):
    return "cc0%05x-0000-4000-8000-%012x" % (n, n)


def default_state():
    """Two nodes, the core groups and one file server role, all up."""
    def res(n, name, group, rtype, state, core=False, deps=""):
        return {"Name": name, "Id": guid(100 + n), "State": state,
                "OwnerGroup": group, "ResourceType": rtype,
                "IsCoreResource": core, "MaintenanceMode": False,
                "StatusInformation": 0, "LastOperationStatusCode": 0,
                "DependencyExpression": deps}

    def grp(n, name, gtype, core, priority):
        return {"Name": name, "Id": guid(200 + n), "OwnerNode": "NODE1",
                "GroupType": gtype, "IsCoreGroup": core,
                "Priority": priority, "StatusInformation": 0,
                "PersistentState": 1}

    def node(n, name):
        return {"Name": name, "Id": str(n), "State": NODE_UP,
                "DrainStatus": DRAIN_NONE, "StatusInformation": 0,
                "NodeWeight": 1, "DynamicWeight": 1,
                "ServiceRunning": True}

    st = {
        "cluster": "FAKECLU",
        "ps": "5.1.17763.316",
        "pending_ms": 2000,
        "missing": {},
        "nodes": [node(1, "NODE1"), node(2, "NODE2")],
        "groups": [grp(1, "Cluster Group", 1, True, 3000),
                   grp(2, "Available Storage", 2, True, 1000),
                   grp(3, "FS1", 100, False, 2000)],
        "resources": [
            res(1, "Cluster IP Address", "Cluster Group", "IP Address",
                RES_ONLINE, True),
            res(2, "Cluster Name", "Cluster Group", "Network Name",
                RES_ONLINE, True, "[Cluster IP Address]"),
            res(3, "Cluster Disk 1", "Cluster Group", "Physical Disk",
                RES_ONLINE, True),
            res(4, "Cluster Disk 3", "Available Storage", "Physical Disk",
                RES_OFFLINE),
            res(5, "IP Address 10.0.0.50", "FS1", "IP Address", RES_ONLINE),
            res(6, "FS1", "FS1", "Network Name", RES_ONLINE,
                False, "[IP Address 10.0.0.50]"),
            res(7, "Cluster Disk 2", "FS1", "Physical Disk", RES_ONLINE),
            res(8, "File Server (\\\\FS1)", "FS1", "File Server",
                RES_ONLINE, False, "[FS1] and [Cluster Disk 2]"),
        ],
    }
    # What only a detail reads (Get-ClusterParameter's Name and Value,
    # as the script turns them into strings; owners by name).
    params = {
        "Cluster IP Address": [["Address", "10.0.0.10"],
                               ["SubnetMask", "255.255.255.0"],
                               ["EnableDhcp", "0"]],
        "IP Address 10.0.0.50": [["Address", "10.0.0.50"],
                                 ["SubnetMask", "255.255.255.0"],
                                 ["EnableDhcp", "0"],
                                 ["Network", "Cluster Network 1"]],
        "FS1": [["Name", "FS1"], ["DnsName", "FS1"],
                ["RegisterAllProvidersIP", "0"],
                ["HostRecordTTL", "1200"]],
        "Cluster Disk 2": [["DiskIdType", "1"],
                           ["DiskSignature", "0x7A1B2C3D"],
                           ["MaintenanceMode", "0"]],
    }
    for r in st["resources"]:
        r["Parameters"] = params.get(r["Name"], [])
    st["groups"][2]["PreferredOwners"] = ["NODE1", "NODE2"]
    return st


# ---- the state file ----------------------------------------------------

class State:
    """The state file, locked from open to close (the doorbell and the
    fetch may run at once, as on a node)."""

    def __init__(self, path=None):
        self.path = path or os.environ.get("CCON_FAKE_WSFC_STATE",
                                           "fake-wsfc.json")
        self.lock = open(self.path + ".lock", "a")
        fcntl.flock(self.lock, fcntl.LOCK_EX)
        try:
            with open(self.path, encoding="utf-8") as f:
                self.data = json.load(f)
        except FileNotFoundError:
            self.data = default_state()
        self.now = time.time()

    def save(self):
        tmp = self.path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(self.data, f, indent=1, ensure_ascii=False)
        os.replace(tmp, self.path)

    def close(self):
        fcntl.flock(self.lock, fcntl.LOCK_UN)
        self.lock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- lookups (cluster names compare without case, as Windows does)

    def pending_s(self):
        ms = os.environ.get("CCON_FAKE_WSFC_PENDING_MS")
        return int(ms if ms else self.data.get("pending_ms", 2000)) / 1000.0

    def find(self, kind, name):
        for o in self.data[kind]:
            if o["Name"].lower() == name.lower():
                return o
        return None

    def group_resources(self, group):
        return [r for r in self.data["resources"]
                if r["OwnerGroup"].lower() == group["Name"].lower()]

    def group_of(self, res):
        return self.find("groups", res["OwnerGroup"])

    def depends_on(self, res):
        """The resources res's expression names (and/or alike: starting
        brings all of them up)."""
        out = []
        for name in re.findall(r"\[([^\[\]]+)\]",
                               res.get("DependencyExpression", "")):
            r = self.find("resources", name)
            if r is not None:
                out.append(r)
        return out

    def closure(self, res, up):
        """res and, transitively, what it depends on (up) or what
        depends on it (not up)."""
        seen, todo = [], [res]
        while todo:
            r = todo.pop()
            if any(r is s for s in seen):
                continue
            seen.append(r)
            if up:
                todo.extend(self.depends_on(r))
            else:
                todo.extend(o for o in self.data["resources"]
                            if any(d is r for d in self.depends_on(o)))
        return seen

    # -- what the cluster reports

    def group_state(self, group):
        """CLUSAPI's definitions: Offline when all are (or there are
        none), Failed when one is, Pending when one is and none failed,
        PartialOnline when some are online and none pending or failed."""
        states = [r["State"] for r in self.group_resources(group)]
        if not states or all(s == RES_OFFLINE for s in states):
            return GRP_OFFLINE
        if RES_FAILED in states:
            return GRP_FAILED
        if any(s in RES_PENDING_STATES for s in states):
            return GRP_PENDING
        if all(s == RES_ONLINE for s in states):
            return GRP_ONLINE
        return GRP_PARTIAL

    def this_node(self):
        return os.environ.get("CCON_FAKE_WSFC_NODE", "NODE1")

    def check_service(self, cmdlet):
        node = self.find("nodes", self.this_node())
        if node is None or not node.get("ServiceRunning", True):
            raise cmdlet_error(cmdlet, SERVICE_DOWN_TEXT, "ConnectionError",
                               "ClusterEndpointNotRegistered")

    # -- time passes

    def pend(self, res, to):
        res["State"] = (RES_ONLINE_PENDING if to == RES_ONLINE
                        else RES_OFFLINE_PENDING)
        res["SettleAt"] = self.now + self.pending_s()
        res["SettleTo"] = to

    def advance(self):
        """Settles what was due by now: pending resources, drains, and
        the groups of nodes that went down."""
        for r in self.data["resources"]:
            if "SettleAt" in r and r["SettleAt"] <= self.now:
                to = r.pop("SettleTo")
                del r["SettleAt"]
                if to == RES_ONLINE and r.get("FailOnline"):
                    r["State"] = RES_FAILED
                    r["LastOperationStatusCode"] = ERROR_TIMEOUT
                else:
                    r["State"] = to
                    r["LastOperationStatusCode"] = 0
        for n in self.data["nodes"]:
            if not n.get("ServiceRunning", True):
                n["State"] = NODE_DOWN
            elif n["State"] == NODE_DOWN:
                n["State"] = NODE_UP
            if "DrainAt" in n and n["DrainAt"] <= self.now:
                del n["DrainAt"]
                self.finish_drain(n)
        for g in self.data["groups"]:
            owner = self.find("nodes", g["OwnerNode"])
            if owner is not None and owner["State"] == NODE_DOWN:
                # Failover: the role comes up on a node that is up.
                to = self.other_node(owner, allow_paused=True)
                if to is not None:
                    self.move(g, to)

    def other_node(self, node, allow_paused=False):
        for n in self.data["nodes"]:
            if n is node or n["State"] == NODE_DOWN:
                continue
            if n["State"] == NODE_PAUSED and not allow_paused:
                continue
            return n
        return None

    def move(self, group, node):
        group["OwnerNode"] = node["Name"]
        for r in self.group_resources(group):
            if r["State"] in (RES_ONLINE, RES_ONLINE_PENDING):
                self.pend(r, RES_ONLINE)

    def finish_drain(self, node):
        target = self.other_node(node)
        if node.get("FailDrain") or target is None:
            node["DrainStatus"] = DRAIN_FAILED
            node["StatusInformation"] = NODE_INFO_DRAIN_FAILED
            return
        for g in self.data["groups"]:
            if (g["OwnerNode"].lower() == node["Name"].lower()
                    and not g["IsCoreGroup"]):
                self.move(g, target)
        node["DrainStatus"] = DRAIN_DONE
        node["StatusInformation"] = NODE_INFO_DRAINED


# ---- the cmdlets -------------------------------------------------------

def _locked(st, res=None, group=None):
    if res is not None:
        group = st.group_of(res)
        if res["StatusInformation"] & LOCKED:
            return True
    return group is not None and bool(group["StatusInformation"] & LOCKED)


def _not_found(cmdlet, kind, name):
    # Win32 5007/5013/5042 texts; the cmdlets' own wording is not
    # recorded anywhere.
    text = {"resources": "The cluster resource could not be found.",
            "groups": "The cluster group could not be found.",
            "nodes": "The cluster node was not found."}[kind]
    return cmdlet_error(cmdlet, "%s '%s'" % (text.rstrip("."), name) + ".",
                        "ObjectNotFound")


def _get(st, cmdlet, kind, name):
    o = st.find(kind, name)
    if o is None:
        raise _not_found(cmdlet, kind, name)
    return o


def run_action(st, cmdlet, name, node=None, ignore_locked=False):
    """The cmdlet on name; returns (name, state) of its output object."""
    st.check_service(cmdlet)
    if cmdlet in ("Stop-ClusterResource", "Start-ClusterResource"):
        res = _get(st, cmdlet, "resources", name)
        if _locked(st, res=res) and not ignore_locked:
            raise cmdlet_error(cmdlet, LOCKED_TEXT, "InvalidOperation")
        if cmdlet == "Stop-ClusterResource":
            # Dependents go first; a failed resource just ends Offline
            # (CLUSAPI OfflineClusterResource, 2008 R2 and later).
            for r in st.closure(res, up=False):
                if r["State"] == RES_FAILED:
                    r["State"] = RES_OFFLINE
                    r.pop("SettleAt", None)
                    r.pop("SettleTo", None)
                elif r["State"] in (RES_ONLINE, RES_ONLINE_PENDING):
                    st.pend(r, RES_OFFLINE)
        else:
            _check_onlinable(st, cmdlet, st.group_of(res))
            for r in st.closure(res, up=True):
                if r["State"] in (RES_OFFLINE, RES_FAILED,
                                  RES_OFFLINE_PENDING):
                    st.pend(r, RES_ONLINE)
        return res["Name"], res["State"]
    if cmdlet in ("Stop-ClusterGroup", "Start-ClusterGroup",
                  "Move-ClusterGroup"):
        group = _get(st, cmdlet, "groups", name)
        if _locked(st, group=group) and not ignore_locked:
            raise cmdlet_error(cmdlet, LOCKED_TEXT, "InvalidOperation")
        members = st.group_resources(group)
        if cmdlet == "Stop-ClusterGroup":
            for r in members:
                if r["State"] == RES_FAILED:
                    r["State"] = RES_OFFLINE
                elif r["State"] in (RES_ONLINE, RES_ONLINE_PENDING):
                    st.pend(r, RES_OFFLINE)
        elif cmdlet == "Start-ClusterGroup":
            _check_onlinable(st, cmdlet, group)
            for r in members:
                if r["State"] in (RES_OFFLINE, RES_FAILED,
                                  RES_OFFLINE_PENDING):
                    st.pend(r, RES_ONLINE)
        else:
            owner = st.find("nodes", group["OwnerNode"])
            to = (st.find("nodes", node) if node is not None
                  else st.other_node(owner))
            if to is None or to["State"] != NODE_UP:
                raise cmdlet_error(cmdlet, (
                    "An error occurred while moving the clustered role "
                    "'%s'.\r\n    The operation failed because either the "
                    "specified cluster node is not the owner of the group, "
                    "or the node is not a possible owner of the group")
                    % group["Name"])
            if to is not owner:
                st.move(group, to)
        return group["Name"], st.group_state(group)
    if cmdlet in ("Suspend-ClusterNode", "Resume-ClusterNode"):
        n = _get(st, cmdlet, "nodes", name)
        if n["State"] == NODE_DOWN:
            raise cmdlet_error(cmdlet, "The cluster node is not up.",
                               "InvalidOperation")
        if cmdlet == "Suspend-ClusterNode":
            if n["State"] != NODE_PAUSED:
                # Paused at once, then the roles move (the drain).
                n["State"] = NODE_PAUSED
                n["DrainStatus"] = DRAIN_RUNNING
                n["StatusInformation"] = NODE_INFO_DRAINING
                n["DrainAt"] = st.now + st.pending_s()
        else:
            n["State"] = NODE_UP
            n["StatusInformation"] = 0
            n.pop("DrainAt", None)
        return n["Name"], n["State"]
    raise AssertionError(cmdlet)


def _check_onlinable(st, cmdlet, group):
    # A paused node keeps its groups but cannot bring them online
    # (CLUSAPI PauseClusterNode).
    owner = st.find("nodes", group["OwnerNode"]) if group else None
    if owner is not None and owner["State"] == NODE_PAUSED:
        raise cmdlet_error(cmdlet, "The cluster node is paused.",
                           "InvalidOperation")


# What a detail reads that the default cluster does not set: the
# recorded values of DOC12's Format-List (WSFC-NOTES §1).
RESOURCE_DETAIL_DEFAULTS = {
    "PersistentState": 1, "RestartAction": 2, "RestartThreshold": 1,
    "RestartPeriod": 900000, "RestartDelay": 500,
    "RetryPeriodOnFailure": 3600000, "PendingTimeout": 180000,
    "DeadlockTimeout": 300000, "IsAlivePollInterval": 4294967295,
    "LooksAlivePollInterval": 4294967295, "SeparateMonitor": False,
    "Description": "",
}
GROUP_DETAIL_DEFAULTS = {
    "FailoverThreshold": 4294967295, "FailoverPeriod": 6,
    "AutoFailbackType": 0, "FailbackWindowStart": 4294967295,
    "FailbackWindowEnd": 4294967295, "Description": "",
}
NODE_DETAIL_DEFAULTS = {
    "DrainTarget": 4294967295, "DrainErrorCode": 0, "FailbackStatus": 0,
    "MajorVersion": 10, "MinorVersion": 0, "BuildNumber": 17763,
    "CSDVersion": "", "NodeHighestVersion": 0x000b4000,
    "NodeLowestVersion": 0x000a4000, "Manufacturer": "ccon",
    "Model": "fake node", "Description": "",
}


def detail(st, kind, name, props):
    """The detail script's object for kind's object called name: the
    script's own read first (Get-ClusterResource -Name ... and the
    others, which fail for an unknown name as the actions do), then what
    each cmdlet of the kind's lines gives. props: psscripts' lists."""
    missing = st.data.get("missing", {})

    def flat(mkind, obj, names, defaults=None):
        out = []
        for p in names:
            v = obj.get(p, (defaults or {}).get(p))
            out.append((p, None if p in missing.get(mkind, []) else v))
        return out

    def owner_node(res):
        grp = st.group_of(res)
        return grp["OwnerNode"] if grp else None

    def group_row(g):
        return dict(g, State=st.group_state(g))

    if kind == "resource":
        cmdlets = ["Get-ClusterResource", "Get-ClusterResourceDependency",
                   "Get-ClusterOwnerNode", "Get-ClusterParameter"]
    elif kind == "group":
        cmdlets = ["Get-ClusterGroup", "Get-ClusterResource",
                   "Get-ClusterOwnerNode", "Get-ClusterResourceDependency"]
    else:
        cmdlets = ["Get-ClusterNode", "Get-ClusterGroup"]
    st.check_service(cmdlets[0])
    o = _get(st, cmdlets[0], kind + "s", name)
    for c in cmdlets[1:]:
        st.check_service(c)
    if kind == "resource":
        row = dict(o, OwnerNode=owner_node(o))
        owners = o.get("PossibleOwners")
        if owners is None:
            owners = [n["Name"] for n in st.data["nodes"]]
        params = []
        for pname, value in o.get("Parameters", []):
            secret = bool(re.search(props["secret"], pname, re.I))
            if isinstance(value, list):
                value = ", ".join(value)
            params.append([("Name", pname),
                           ("Value", None if secret else value),
                           ("Secret", secret)])
        return [("ok", True), ("kind", "resource"),
                ("resource", flat("resources", row, props["resource"],
                                  RESOURCE_DETAIL_DEFAULTS)),
                ("dependency", o.get("DependencyExpression", "")),
                ("owners", owners), ("parameters", params)]
    if kind == "group":
        members = st.group_resources(o)
        return [("ok", True), ("kind", "group"),
                ("group", flat("groups", group_row(o), props["group"],
                               GROUP_DETAIL_DEFAULTS)),
                ("owners", list(o.get("PreferredOwners", []))),
                ("resources", [flat("resources",
                                    dict(r, OwnerNode=owner_node(r)),
                                    props["member"]) for r in members]),
                ("dependencies", [
                    [("Resource", r["Name"]),
                     ("DependencyExpression",
                      r.get("DependencyExpression", ""))]
                    for r in members])]
    owned = [g for g in st.data["groups"]
             if g["OwnerNode"].lower() == o["Name"].lower()]
    return [("ok", True), ("kind", "node"),
            ("node", flat("nodes", o, props["node"], NODE_DETAIL_DEFAULTS)),
            ("groups", [flat("groups", group_row(g), props["owned"])
                        for g in owned])]


def fetch(st):
    """The fetch script's object, key for key and in its order."""
    for cmdlet in ("Get-Cluster", "Get-ClusterNode", "Get-ClusterGroup",
                   "Get-ClusterResource", "Get-ClusterResourceDependency"):
        st.check_service(cmdlet)
    missing = st.data.get("missing", {})

    def flat(kind, obj, props):
        out = {}
        for p in props:
            out[p] = None if p in missing.get(kind, []) else obj.get(p)
        return out

    nodes = [flat("nodes", n, ["Name", "Id", "State", "DrainStatus",
                               "StatusInformation", "NodeWeight",
                               "DynamicWeight"])
             for n in st.data["nodes"]]
    groups = []
    for g in st.data["groups"]:
        g = dict(g, State=st.group_state(g))
        groups.append(flat("groups", g, [
            "Name", "Id", "State", "OwnerNode", "GroupType", "IsCoreGroup",
            "Priority", "StatusInformation", "PersistentState"]))
    resources = []
    for r in st.data["resources"]:
        grp = st.group_of(r)
        r = dict(r, OwnerNode=grp["OwnerNode"] if grp else None)
        resources.append(flat("resources", r, [
            "Name", "Id", "State", "OwnerGroup", "OwnerNode", "ResourceType",
            "IsCoreResource", "MaintenanceMode", "StatusInformation",
            "LastOperationStatusCode"]))
    deps = [{"Resource": r["Name"],
             "DependencyExpression": r.get("DependencyExpression", "")}
            for r in st.data["resources"]]
    return [("ok", True), ("cluster", st.data["cluster"]),
            ("node", st.this_node()), ("ps", st.data["ps"]),
            ("nodes", nodes), ("groups", groups), ("resources", resources),
            ("dependencies", deps)]


# The doorbell reads the dependencies at every this many polls (the
# script's $j % 30).
DEPENDENCY_POLLS = 30


def digest(st, deps):
    """What the doorbell compares: the fetch's nodes, groups and
    resources, and deps (the dependencies as last read), as its
    ConvertTo-Json writes them."""
    cap = dict(fetch(st))
    return to_json([cap["nodes"], cap["groups"], cap["resources"], deps])


def dependencies(st):
    """The fetch's dependency list, as the doorbell reads it."""
    return dict(fetch(st))["dependencies"]


# ---- ConvertTo-Json as 5.1 writes it (-Compress) ----------------------

def jss_string(s):
    """HttpUtility.JavaScriptStringEncode: the short escapes, \\u00xx
    for other controls and for ' < > & U+0085 U+2028 U+2029, every other
    character raw."""
    out = ['"']
    short = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t",
             "\n": "\\n", "\f": "\\f", "\r": "\\r"}
    for c in s:
        if c in short:
            out.append(short[c])
        elif ord(c) < 0x20 or c in "'<>&\u0085\u2028\u2029":
            out.append("\\u%04x" % ord(c))
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def to_json(v):
    """JavaScriptSerializer's compact form; pairs lists keep their order
    ([ordered] hashtables)."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return jss_string(v)
    if isinstance(v, dict):
        v = list(v.items())
        return "{" + ",".join(jss_string(k) + ":" + to_json(x)
                              for k, x in v) + "}"
    if isinstance(v, list) and v and isinstance(v[0], tuple):
        return "{" + ",".join(jss_string(k) + ":" + to_json(x)
                              for k, x in v) + "}"
    if isinstance(v, list):
        return "[" + ",".join(to_json(x) for x in v) + "]"
    raise TypeError(type(v))


def escape_non_ascii(text):
    """The script's own step: each UTF-16 unit past ASCII as \\uxxxx."""
    out = []
    for c in text:
        o = ord(c)
        if o < 0x80:
            out.append(c)
        elif o > 0xffff:
            o -= 0x10000
            out.append("\\u%04x\\u%04x" % (0xd800 | (o >> 10),
                                           0xdc00 | (o & 0x3ff)))
        else:
            out.append("\\u%04x" % o)
    return "".join(out)


# ---- CLIXML on stderr --------------------------------------------------

def clixml_escape(s):
    """XML text as PowerShell's serializer writes it: & < > as entities,
    controls and surrogates as _xHHHH_, and an _ that starts _x as
    _x005F_ so that it is not read as an escape."""
    out = []
    for i, c in enumerate(s):
        if c == "&":
            out.append("&amp;")
        elif c == "<":
            out.append("&lt;")
        elif c == ">":
            out.append("&gt;")
        elif c == "_" and s[i + 1:i + 2] == "x":
            out.append("_x005F_")
        elif ord(c) < 0x20 or 0xd800 <= ord(c) <= 0xdfff:
            out.append("_x%04X_" % ord(c))
        else:
            out.append(c)
    return "".join(out)


def wrap(line, width=80):
    """The host wraps error lines at its width (80 here: a guess)."""
    out = []
    while len(line) > width:
        out.append(line[:width])
        line = line[width:]
    out.append(line)
    return out


def clixml_error(message_lines, category, fqid):
    """The formatted error view, one <S S="Error"> per displayed line."""
    shown = []
    for m in message_lines:
        shown.extend(wrap(m))
    shown.extend(wrap("    + CategoryInfo          : " + category))
    shown.extend(wrap("    + FullyQualifiedErrorId : " + fqid))
    shown.append(" ")
    body = "".join('<S S="Error">%s</S>' % clixml_escape(s + "\r\n")
                   for s in shown)
    return ('#< CLIXML\r\n<Objs Version="1.1.0.1" '
            'xmlns="http://schemas.microsoft.com/powershell/2004/04">'
            + body + "</Objs>")


def write_stderr(text):
    enc = os.environ.get("CCON_FAKE_WSFC_OEM", "cp437")
    sys.stderr.buffer.write(text.encode(enc, errors="replace"))
    sys.stderr.buffer.flush()


def write_stdout_line(text):
    # Every output string ends with CRLF; UTF-8 because every script
    # ccon sends sets it (and escapes to ASCII anyway).
    sys.stdout.buffer.write((text + "\r\n").encode("utf-8"))
    sys.stdout.buffer.flush()
