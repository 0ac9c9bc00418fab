"""What a SPARQL request is, read by parsing it (rdflib's SPARQL grammar), never by matching its text: its query form,
and whether it would write or reach outside the graph (SERVICE), both refused before it reaches the engine."""

from __future__ import annotations

import threading
from typing import Any, Literal

from claimgraph.errors import QueryError, ReadOnlyViolation

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]
_FORMS: dict[str, QueryForm] = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}
# Parse-tree nodes that make the engine fetch from elsewhere. pyoxigraph sends a SERVICE clause's pattern to its IRI
# over HTTP (to any host, loopback included); FROM and FROM NAMED only name graphs of the store, fetching nothing.
_OUTWARD = {"ServiceGraphPattern": "SERVICE"}


class OutsideGraph(ReadOnlyViolation):
    """A query asked the engine to reach something outside the graph (SERVICE): refused with 403."""


# rdflib's SPARQL grammar (pyparsing) is not safe to run from two threads at once: the API checks queries from a
# thread pool, and concurrent parses were seen to fail on valid queries («Expected SelectQuery, found 'ORDER'»).
_PARSING = threading.Lock()


def check_query(sparql: str) -> QueryForm:
    """The query's form, once it is known to be a read-only query that reaches only the graph.

    Args:
        sparql: the query text as sent.

    Returns:
        SELECT, ASK, CONSTRUCT or DESCRIBE.

    Raises:
        ReadOnlyViolation: the text is a SPARQL update (INSERT, DELETE, LOAD, CLEAR, ...).
        OutsideGraph: the query holds a SERVICE clause, at any depth (inside OPTIONAL, EXISTS, a subquery ...).
        QueryError: the text parses as neither a query nor an update. A query that the engine would accept but
            rdflib's grammar does not is refused too: what cannot be read cannot be checked.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    with _PARSING:
        try:
            tree = parseQuery(sparql)
        except ParseException as err:
            try:
                parseUpdate(sparql)
            except ParseException:
                raise QueryError(f"SPARQL syntax error: {err}") from err
            raise ReadOnlyViolation("SPARQL updates are refused: this endpoint is read-only") from err
        except Exception as err:  # rdflib raises others on odd input (undefined prefixes, bad escapes ...)
            raise QueryError(f"SPARQL syntax error: {err}") from err
    outward = _outward_parts(tree)
    if outward:
        raise OutsideGraph(
            f"{', '.join(sorted(outward))} is refused: queries here read this graph only, nothing outside it"
        )
    return _FORMS[tree[1].name]


def _outward_parts(node: Any) -> set[str]:
    """The outward-reaching constructs anywhere in a parse tree (CompValue is a dict; ParseResults a list)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name in _OUTWARD:
                found.add(_OUTWARD[item.name])
            stack.extend(item.values())
        elif isinstance(item, ParseResults | list | tuple):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
    return found
