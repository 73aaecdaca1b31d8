"""The scripts ccon sends, as the fake node recognises them.

Each script is the frame (HEAD, then a body, then TAIL) and the body is
the fetch, the doorbell or one action statement. The frame's lines and
the fetch and doorbell bodies must be exactly these: the fake is a copy
of what ccon's wsfc_scripts.c writes, so a change there that the fake
does not know fails its tests instead of passing unchecked. An action
statement is tokenised as PowerShell would, and every cluster object's
name must be one single-quoted literal.
"""

import re

HEAD = [
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    "$WarningPreference = 'SilentlyContinue'",
    "$VerbosePreference = 'SilentlyContinue'",
    'try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch { }',
    "function ConvertTo-CconJson($o) { [regex]::Replace((ConvertTo-Json -InputObject $o -Depth 4 -Compress), '[^\\x00-\\x7f]', { param($m) '\\u{0:x4}' -f [int][char]$m.Value }) }",
    'try {',
]

# First in the try of a fetch or an action (never of the doorbell): a
# second runspace that ends the process at the end of stdin.
WATCHDOG = ('$cconWatch = [PowerShell]::Create().AddScript({ $s = '
            '[Console]::OpenStandardInput(); $b = New-Object byte[] 1; '
            'while ($s.Read($b, 0, 1) -gt 0) { }; [Environment]::Exit(1) }); '
            '$null = $cconWatch.BeginInvoke()')

TAIL = [
    '} catch { $r = [ordered]@{ ok = $false; error = [ordered]@{ message = [string]$_.Exception.Message; fqid = [string]$_.FullyQualifiedErrorId; category = [string]$_.CategoryInfo.Category } } }',
    "'<<CCON-BEGIN>>'",
    'ConvertTo-CconJson $r',
    "'<<CCON-END>>'",
    'if (-not $r.ok) { exit 1 }',
]

# A watched script (fetch, action) ends its process itself, the same
# status: the watchdog's thread would keep it otherwise.
TAIL_WATCHED = TAIL[:-1] + ['[Environment]::Exit([int](-not $r.ok))']

FETCH = [
    'function ConvertTo-CconFlat($o, $p) { $h = [ordered]@{}; foreach ($k in $p) { $v = $o.$k; if ($v -is [enum]) { $v = [int64]$v } elseif ($null -ne $v -and $v -isnot [string] -and $v -isnot [ValueType]) { $v = [string]$v.Name }; $h[$k] = $v }; $h }',
    '$c = Get-Cluster',
    "$n = @(Get-ClusterNode | ForEach-Object { ConvertTo-CconFlat $_ @('Name', 'Id', 'State', 'DrainStatus', 'StatusInformation', 'NodeWeight', 'DynamicWeight') })",
    "$g = @(Get-ClusterGroup | ForEach-Object { ConvertTo-CconFlat $_ @('Name', 'Id', 'State', 'OwnerNode', 'GroupType', 'IsCoreGroup', 'Priority', 'StatusInformation', 'PersistentState') })",
    '$a = @(Get-ClusterResource)',
    "$s = @($a | ForEach-Object { ConvertTo-CconFlat $_ @('Name', 'Id', 'State', 'OwnerGroup', 'OwnerNode', 'ResourceType', 'IsCoreResource', 'MaintenanceMode', 'StatusInformation', 'LastOperationStatusCode') })",
    "$d = @($a | Get-ClusterResourceDependency | ForEach-Object { ConvertTo-CconFlat $_ @('Resource', 'DependencyExpression') })",
    '$r = [ordered]@{ ok = $true; cluster = [string]$c.Name; node = [string]$env:COMPUTERNAME; ps = [string]$PSVersionTable.PSVersion; nodes = $n; groups = $g; resources = $s; dependencies = $d }',
]

DOORBELL = [
    FETCH[0],
    '$in = [Console]::OpenStandardInput()',
    '$buf = New-Object byte[] 4096',
    '$t = $in.ReadAsync($buf, 0, $buf.Length)',
    "$p = ''",
    '$last = $null',
    '$j = 0',
    '$d = $null',
    'while ($true) {',
    '$a = @(Get-ClusterResource)',
    "if ($j % 30 -eq 0) { $d = @($a | Get-ClusterResourceDependency | ForEach-Object { ConvertTo-CconFlat $_ @('Resource', 'DependencyExpression') }) }",
    '$j++',
    "$k = ConvertTo-Json -Compress -Depth 4 -InputObject @(@(Get-ClusterNode | ForEach-Object { ConvertTo-CconFlat $_ @('Name', 'Id', 'State', 'DrainStatus', 'StatusInformation', 'NodeWeight', 'DynamicWeight') }), @(Get-ClusterGroup | ForEach-Object { ConvertTo-CconFlat $_ @('Name', 'Id', 'State', 'OwnerNode', 'GroupType', 'IsCoreGroup', 'Priority', 'StatusInformation', 'PersistentState') }), @($a | ForEach-Object { ConvertTo-CconFlat $_ @('Name', 'Id', 'State', 'OwnerGroup', 'OwnerNode', 'ResourceType', 'IsCoreResource', 'MaintenanceMode', 'StatusInformation', 'LastOperationStatusCode') }), $d)",
    "if ($k -ne $last) { '<<CCON-CHANGED>>'; $last = $k }",
    'while ($t.IsCompleted) { if ($t.Result -le 0) { exit 0 }; $p += [Text.Encoding]::UTF8.GetString($buf, 0, $t.Result); $t = $in.ReadAsync($buf, 0, $buf.Length) }',
    'while ($p.Contains("`n")) { $i = $p.IndexOf("`n"); \'ccon-pong \' + $p.Substring(0, $i).TrimEnd("`r"); $p = $p.Substring($i + 1) }',
    '[void]$t.Wait(1000)',
    '}',
]

# The detail scripts (wsfc_script_detail): the fetch's flattening, the
# parameter function, one read of the object by a single-quoted name,
# then the kind's fixed lines. Get- cmdlets only: see MUTATING.
SECRET_RE = 'pass|pwd|secret|token|credential|private|key$'
PARAM_FUNCTION = (
    "function ConvertTo-CconParam($p) { $n = [string]$p.Name; $v = "
    "$p.Value; $s = $n -match '" + SECRET_RE + "'; if ($s -or $null -eq "
    "$v) { $v = $null } elseif ($v -is [byte[]]) { $v = '(' + $v.Length + "
    "' bytes)' } elseif ($v -is [string]) { } elseif ($v -is "
    "[Collections.IEnumerable]) { $v = @(foreach ($x in $v) { [string]$x "
    "}) -join ', ' } else { $v = [string]$v }; [ordered]@{ Name = $n; "
    "Value = $v; Secret = $s } }")

RESOURCE_DETAIL_PROPS = [
    'Name', 'Id', 'State', 'OwnerGroup', 'OwnerNode', 'ResourceType',
    'IsCoreResource', 'MaintenanceMode', 'StatusInformation',
    'LastOperationStatusCode', 'PersistentState', 'RestartAction',
    'RestartThreshold', 'RestartPeriod', 'RestartDelay',
    'RetryPeriodOnFailure', 'PendingTimeout', 'DeadlockTimeout',
    'IsAlivePollInterval', 'LooksAlivePollInterval', 'SeparateMonitor',
    'Description']
GROUP_DETAIL_PROPS = [
    'Name', 'Id', 'State', 'OwnerNode', 'GroupType', 'IsCoreGroup',
    'Priority', 'StatusInformation', 'PersistentState', 'FailoverThreshold',
    'FailoverPeriod', 'AutoFailbackType', 'FailbackWindowStart',
    'FailbackWindowEnd', 'Description']
NODE_DETAIL_PROPS = [
    'Name', 'Id', 'State', 'DrainStatus', 'StatusInformation', 'NodeWeight',
    'DynamicWeight', 'DrainTarget', 'DrainErrorCode', 'FailbackStatus',
    'MajorVersion', 'MinorVersion', 'BuildNumber', 'CSDVersion',
    'NodeHighestVersion', 'NodeLowestVersion', 'Manufacturer', 'Model',
    'Description']
MEMBER_PROPS = ['Name', 'State', 'ResourceType', 'OwnerNode']
OWNED_GROUP_PROPS = ['Name', 'State', 'IsCoreGroup']


def _ps_list(props):
    return "@(" + ", ".join("'%s'" % p for p in props) + ")"


_OWNERS = ("@(foreach ($x in ($o | Get-ClusterOwnerNode).OwnerNodes) { "
           "[string]$x.Name })")

# cmdlet -> (kind, the lines after "$o = <cmdlet> -Name '...'").
DETAIL = {
    "Get-ClusterResource": ("resource", [
        "$r = [ordered]@{ ok = $true; kind = 'resource'; resource = "
        "ConvertTo-CconFlat $o " + _ps_list(RESOURCE_DETAIL_PROPS) +
        "; dependency = [string]($o | Get-ClusterResourceDependency)."
        "DependencyExpression; owners = " + _OWNERS + "; parameters = "
        "@($o | Get-ClusterParameter | ForEach-Object { ConvertTo-CconParam "
        "$_ }) }"]),
    "Get-ClusterGroup": ("group", [
        "$m = @($o | Get-ClusterResource)",
        "$r = [ordered]@{ ok = $true; kind = 'group'; group = "
        "ConvertTo-CconFlat $o " + _ps_list(GROUP_DETAIL_PROPS) +
        "; owners = " + _OWNERS + "; resources = @($m | ForEach-Object { "
        "ConvertTo-CconFlat $_ " + _ps_list(MEMBER_PROPS) + " }); "
        "dependencies = @($m | Get-ClusterResourceDependency | "
        "ForEach-Object { ConvertTo-CconFlat $_ @('Resource', "
        "'DependencyExpression') }) }"]),
    "Get-ClusterNode": ("node", [
        "$r = [ordered]@{ ok = $true; kind = 'node'; node = "
        "ConvertTo-CconFlat $o " + _ps_list(NODE_DETAIL_PROPS) +
        "; groups = @($o | Get-ClusterGroup | ForEach-Object { "
        "ConvertTo-CconFlat $_ " + _ps_list(OWNED_GROUP_PROPS) + " }) }"]),
}

# What a detail script must never hold outside a quoted name: a cmdlet
# that changes something (or runs text as code). A detail is a query,
# asked in read-only mode too; the fake refuses the whole script and
# logs it, so that a test fails.
MUTATING = re.compile(
    r"(?<![A-Za-z0-9-])(Start|Stop|Move|Suspend|Resume|Set|Remove|Add|New|"
    r"Clear|Update|Reset|Enable|Disable|Grant|Revoke|Block|Rename|Restart|"
    r"Repair|Register|Unregister|Install|Uninstall|Invoke|Test)-[A-Za-z]+",
    re.I)


class Mutating(Exception):
    """A detail script with a cmdlet that changes something."""


def code_of(line):
    """line without its single-quoted literals (what PowerShell would
    run as code rather than take as text)."""
    out, i = [], 0
    while i < len(line):
        c = line[i]
        if c in QUOTES:
            i += 1
            while i < len(line):
                if line[i] in QUOTES:
                    if i + 1 < len(line) and line[i + 1] in QUOTES:
                        i += 2
                        continue
                    break
                i += 1
            i += 1
            out.append("''")
        else:
            out.append(c)
            i += 1
    return "".join(out)


def parse_detail(body, first):
    """(kind, name) of a detail script's body, which must be ccon's."""
    for n, line in enumerate(body):
        m = MUTATING.search(code_of(line))
        if m:
            raise Mutating("line %d of a detail script runs %s: a detail "
                           "changes nothing" % (first + n, m.group(0)))
    t = tokens(body[2])
    if (len(t) != 5 or t[0] != ("var", "$o") or t[1] != ("op", "=")
            or t[2][0] != "word" or t[3][0] != "param"
            or t[3][1].lower() != "-name" or t[4][0] != "lit"):
        raise ParseError("line %d: a detail reads its object as '$o = "
                         "<Get-cmdlet> -Name <literal>': %s"
                         % (first + 2, body[2]))
    cmdlet = next((c for c in DETAIL if c.lower() == t[2][1].lower()), None)
    if cmdlet is None:
        raise ParseError("line %d: no detail reads with %r"
                         % (first + 2, t[2][1]))
    kind, tail = DETAIL[cmdlet]
    if body[3:] != tail:
        for n, (got, want) in enumerate(zip(body[3:], tail)):
            if got != want:
                raise ParseError("line %d is not a statement of ccon's %s "
                                 "detail: %s" % (first + 3 + n, kind, got))
        raise ParseError("the %s detail has %d lines after its read, not %d"
                         % (kind, len(body) - 3, len(tail)))
    return kind, t[4][1]


ACTION_RESULT = ("$r = [ordered]@{ ok = $true; name = [string]$o.Name; "
                 "state = [int]$o.State }")

# The action cmdlets: the parameters each takes from ccon, and the one
# way it must end (-Wait 0 for the calls that wait by default; the drain
# switch; nothing).
ACTIONS = {
    "Stop-ClusterResource": ("resource", False, "-Wait 0"),
    "Start-ClusterResource": ("resource", False, "-Wait 0"),
    "Stop-ClusterGroup": ("group", False, "-Wait 0"),
    "Start-ClusterGroup": ("group", False, "-Wait 0"),
    "Move-ClusterGroup": ("group", True, "-Wait 0"),
    "Suspend-ClusterNode": ("node", False, "-Drain -Confirm:$false"),
    "Resume-ClusterNode": ("node", False, ""),
}

# The characters PowerShell takes for a single quote.
QUOTES = "'\u2018\u2019\u201a\u201b"


class ParseError(Exception):
    """A script or statement the fake does not know."""


def tokens(line):
    """PowerShell's tokens of one statement, as far as ccon's action
    statements need them: ('var', name), ('op', '='), ('word', text),
    ('param', name), ('lit', value) for a single-quoted literal, whose
    doubled quote characters stand for one. Anything else (a double-
    quoted string, $(, ;, |, a brace...) is refused."""
    out, i = [], 0
    while i < len(line):
        c = line[i]
        if c in " \t":
            i += 1
        elif c in QUOTES:
            val, i = [], i + 1
            while True:
                if i >= len(line):
                    raise ParseError("the string starting at column %d "
                                     "has no closing quote" % (len(out) + 1))
                if line[i] in QUOTES:
                    if i + 1 < len(line) and line[i + 1] in QUOTES:
                        val.append(line[i + 1])
                        i += 2
                        continue
                    i += 1
                    break
                val.append(line[i])
                i += 1
            if i < len(line) and line[i] not in " \t":
                raise ParseError("text right after a quoted string "
                                 "(column %d) makes it part of a bare word"
                                 % (i + 1))
            out.append(("lit", "".join(val)))
        elif c == "$":
            m = re.match(r"\$[A-Za-z_][A-Za-z0-9_]*", line[i:])
            if not m:
                raise ParseError("'$' at column %d starts no plain variable"
                                 % (i + 1))
            out.append(("var", m.group(0)))
            i += len(m.group(0))
        elif c == "=":
            out.append(("op", "="))
            i += 1
        else:
            # A switch may carry its value: -Confirm:$false.
            m = re.match(r"-[A-Za-z]+:\$(?:true|false)\b|"
                         r"-?[A-Za-z0-9][A-Za-z0-9-]*", line[i:])
            if not m:
                raise ParseError("unexpected character %r at column %d"
                                 % (c, i + 1))
            w = m.group(0)
            end = i + len(w)
            if end < len(line) and line[end] not in " \t":
                raise ParseError("unexpected character %r at column %d"
                                 % (line[end], end + 1))
            out.append(("param" if w.startswith("-") and not w[1:].isdigit()
                        else "word", w))
            i = end
    return out


def parse_action(line):
    """(cmdlet, name, node or None, ignore_locked) of an action statement
    $o = Cmdlet -Name 'x' [-Node 'y'] [-IgnoreLocked] <ending>."""
    t = tokens(line)
    if len(t) < 3 or t[0] != ("var", "$o") or t[1] != ("op", "="):
        raise ParseError("an action must be '$o = <cmdlet> ...'")
    if t[2][0] != "word":
        raise ParseError("no cmdlet after '$o ='")
    cmdlet = next((c for c in ACTIONS if c.lower() == t[2][1].lower()), None)
    if cmdlet is None:
        raise ParseError("the fake node knows no cmdlet %r" % t[2][1])
    kind, has_node, ending = ACTIONS[cmdlet]
    want_end = [("param", w) if w.startswith("-") else ("word", w)
                for w in ending.split()]
    rest, args = t[3:], {}
    if want_end:
        if [(k, v.lower()) for k, v in rest[-len(want_end):]] != \
                [(k, v.lower()) for k, v in want_end]:
            raise ParseError("%s must end with %s here" % (cmdlet, ending))
        rest = rest[:-len(want_end)]
    i = 0
    while i < len(rest):
        kind_t, val = rest[i]
        if kind_t != "param":
            raise ParseError("%r is no parameter of %s (a name must be "
                             "one single-quoted literal)" % (val, cmdlet))
        p = val.lower()
        if p in ("-name", "-node"):
            if p == "-node" and not has_node:
                raise ParseError("%s has no -Node" % cmdlet)
            if i + 1 >= len(rest) or rest[i + 1][0] != "lit":
                raise ParseError("%s %s needs a single-quoted literal"
                                 % (cmdlet, val))
            if p in args:
                raise ParseError("%s given twice" % val)
            args[p] = rest[i + 1][1]
            i += 2
        elif p == "-ignorelocked" and kind != "node":
            if p in args:
                raise ParseError("%s given twice" % val)
            args[p] = True
            i += 1
        else:
            raise ParseError("%s takes no %s here" % (cmdlet, val))
    if "-name" not in args:
        raise ParseError("%s without -Name" % cmdlet)
    return cmdlet, args["-name"], args.get("-node"), \
        bool(args.get("-ignorelocked"))


def parse(script):
    """('fetch', unforced variables), ('doorbell', None), ('action',
    (cmdlet, name, node, ignore_locked)) or ('detail', (kind, name));
    ParseError names the first line that is not one of ccon's, Mutating
    a detail script that would change something."""
    lines = script.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for n, want in enumerate(HEAD):
        if n >= len(lines) or lines[n] != want:
            raise ParseError("line %d is not the frame ccon's scripts "
                             "start with: %s" % (n + 1, _shown(lines, n)))
    # A fetch or an action starts with the watchdog and ends its process
    # itself (TAIL_WATCHED); the doorbell has neither.
    watched = len(lines) > len(HEAD) and lines[len(HEAD)] == WATCHDOG
    tail = TAIL_WATCHED if watched else TAIL
    if not watched and lines[-len(TAIL_WATCHED):] == TAIL_WATCHED:
        raise ParseError("line %d is not the watchdog ccon's fetch and "
                         "action scripts start with: %s"
                         % (len(HEAD) + 1, _shown(lines, len(HEAD))))
    if len(lines) < len(HEAD) + watched + len(tail):
        raise ParseError("the script ends before its frame does")
    for n, want in enumerate(tail):
        k = len(lines) - len(tail) + n
        if lines[k] != want:
            raise ParseError("line %d is not the frame ccon's scripts end "
                             "with: %s" % (k + 1, _shown(lines, k)))
    body = lines[len(HEAD) + watched:len(lines) - len(tail)]
    first = len(HEAD) + watched + 1
    if body == DOORBELL and not watched:
        return "doorbell", None
    # ccon watches every fetch and action: one without the watchdog
    # would run on after its channel is gone, so it is not ccon's.
    if not watched:
        raise ParseError("line %d is not the watchdog ccon's fetch and "
                         "action scripts start with: %s"
                         % (first, _shown(body, 0)))
    if len(body) == len(FETCH) and body[:2] == FETCH[:2]:
        unforced = []
        for n, (got, want) in enumerate(zip(body, FETCH)):
            if got == want:
                continue
            # The same list without @(): PowerShell unrolls it.
            m = re.match(r"^(\$[a-z]) = (.*)$", got)
            if m and "%s = @(%s)" % (m.group(1), m.group(2)) == want:
                unforced.append(m.group(1))
                continue
            raise ParseError("line %d is not a statement of ccon's fetch: "
                             "%s" % (first + n, got))
        return "fetch", unforced
    if len(body) >= 3 and body[1] == PARAM_FUNCTION:
        if body[0] != FETCH[0]:
            raise ParseError("line %d is not the flattening function: %s"
                             % (first, body[0]))
        return "detail", parse_detail(body, first)
    if len(body) == 2 and body[1] == ACTION_RESULT:
        try:
            return "action", parse_action(body[0])
        except ParseError as e:
            raise ParseError("line %d: %s: %s" % (first, e, body[0]))
    raise ParseError("lines %d to %d are none of ccon's scripts (fetch, "
                     "doorbell, action, detail): %s" % (first, first + len(body) - 1,
                                                _shown(body, 0)))


def _shown(lines, n):
    return lines[n] if n < len(lines) else "(end of script)"
