"""The process a SPARQL query runs in: it opens the view read-only, answers one query at a time, and can be killed.

pyoxigraph evaluates a query without giving control back to Python (a sort or an aggregate may run for minutes
before its first row), so a query is run where it can be stopped: here. The parent kills this process at the
query's time limit; if the parent is gone, a pending alarm (SIGALRM, default action: end the process) does it.
The process also gives itself a network of its own with no interface up (a Linux user and network namespace, where
the kernel allows it), so that even a query the guard failed to read could not reach a listener on this machine,
and an address-space limit so that one query cannot take the machine's memory.
"""

from __future__ import annotations

import ctypes
import math
import os
import resource
import signal
import sys
from multiprocessing.connection import Connection
from typing import Any

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


def isolate_network() -> bool:
    """Move this process into a new user and network namespace (only loopback, and down): no socket can reach any
    address. Must run before any thread starts. False where the kernel refuses (then the guard alone holds)."""
    uid, gid = os.getuid(), os.getgid()
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) != 0:
        return False
    try:  # keep our own uid and gid inside, so the view's files (ours, mode 0700) stay readable
        with open("/proc/self/setgroups", "w") as f:
            f.write("deny")
        with open("/proc/self/uid_map", "w") as f:
            f.write(f"{uid} {uid} 1")
        with open("/proc/self/gid_map", "w") as f:
            f.write(f"{gid} {gid} 1")
    except OSError:
        return False
    return True


def main(fd: int, memory_mb: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when this ends (Ctrl-C reaches the group)
    isolated = isolate_network()
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    import pyoxigraph

    conn = Connection(fd)
    conn.send(("ready", isolated))
    store, opened = None, None
    while True:
        try:
            request = conn.recv()
        except EOFError:  # the parent is gone
            return
        if request.get("close"):  # the view is about to be written: no reader may hold it open
            store, opened = None, None
            conn.send(("closed",))
            continue
        key = (request["path"], request["generation"])
        try:
            if opened != key:
                store, opened = None, None
                store, opened = pyoxigraph.Store.read_only(request["path"]), key
            signal.alarm(math.ceil(request["timeout_s"]) + 2)
            reply = _answer(store, request)
        except SyntaxError as err:
            reply = ("error", "syntax", str(err))
        except MemoryError:
            reply = ("error", "memory", "the query needed more memory than a query may use")
        except (OSError, ValueError, TypeError) as err:
            reply = ("error", "engine", str(err))
        finally:
            signal.alarm(0)
        conn.send(reply)


def _answer(store: Any, request: dict[str, Any]) -> tuple:
    import pyoxigraph
    from claimgraph.graph import sparql_results as out

    graphs = {}
    if request.get("default_graph"):
        graphs["default_graph"] = [pyoxigraph.NamedNode(g) for g in request["default_graph"]]
    if request.get("named_graphs"):
        graphs["named_graphs"] = [pyoxigraph.NamedNode(g) for g in request["named_graphs"]]
    result = store.query(request["query"], **graphs)
    limit, max_bytes = request["limit"], request["max_bytes"]
    if request["table"]:
        return _table(result, limit)
    if isinstance(result, pyoxigraph.QueryBoolean):
        fmt = request["fmt"]
        return ("ok", out.write_boolean(fmt, bool(result)), out.SOLUTION_MEDIA[fmt], False)
    if isinstance(result, pyoxigraph.QueryTriples):
        fmt = request["graph_fmt"]
        body, truncated = out.write_triples(fmt, result, limit, max_bytes)
        return ("ok", body, out.GRAPH_MEDIA[fmt], truncated)
    fmt = request["fmt"]
    variables = [v.value for v in result.variables]
    body, truncated = out.write_solutions(fmt, variables, result, limit, max_bytes)
    return ("ok", body, out.SOLUTION_MEDIA[fmt], truncated)


def _table(result: Any, limit: int) -> tuple:
    """Rows of plain values (the command line's table and JSON)."""
    import pyoxigraph

    if isinstance(result, pyoxigraph.QueryBoolean):
        return ("table", ["ask"], [[bool(result)]], False)
    if isinstance(result, pyoxigraph.QuerySolutions):
        columns = [v.value for v in result.variables]
        rows = _first(([_value(s[c]) for c in columns] for s in result), limit)
    else:
        columns = ["subject", "predicate", "object"]
        rows = _first(([_value(t.subject), _value(t.predicate), _value(t.object)] for t in result), limit)
    return ("table", columns, rows[:limit], len(rows) > limit)


def _first(rows: Any, limit: int) -> list:
    out = []
    for row in rows:
        out.append(row)
        if len(out) > limit:
            break
    return out


def _value(term: Any) -> Any:
    import pyoxigraph

    if term is None:
        return None
    if isinstance(term, pyoxigraph.Literal):
        datatype = term.datatype.value if term.datatype else ""
        if datatype.endswith(("#integer", "#nonNegativeInteger", "#int", "#long")):
            return int(term.value)
    return term.value


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
