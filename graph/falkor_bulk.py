"""FalkorDB's bulk loader: a new graph written from binary rows (GRAPH.BULK), without the Cypher parser.

The Cypher path parses every value of every claim as query text; on two cores that caps a load at about 13,000
claims a second. GRAPH.BULK takes the same rows packed in binary and creates nodes and edges directly. It only
builds a graph from nothing (its first call says BEGIN, refused when the graph exists), so FalkorStore.load uses it
for an empty graph and the Cypher path otherwise. Indexes are created after the data, as FalkorDB's own loader does.

Wire format (FalkorDB src/bulk_insert/bulk_insert.c), one command per batch:
    GRAPH.BULK <graph> [BEGIN] <nodes> <edges> <node tokens> <edge tokens> <token>...
A token holds one label (or relationship type): its name and property names, NUL-terminated, after a 4-byte count;
then each entity: for an edge, source and destination node ids (8 bytes each); then one value per property: a type
byte and its payload (null: none; bool: 1 byte; double, long: 8 bytes; string: UTF-8, NUL-terminated; array: an
8-byte length and the values). Null values are not stored, as with Cypher. Nodes are numbered in creation order from
0, so edges refer to the nodes of earlier batches by the numbers this writer gave them (checked at the end).
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from typing import Any

from claimgraph.graph import cypher
from claimgraph.graph.rows import BatchRows
from claimgraph.ontology.claim import Relation

from claimgraph.errors import StoreError

_COUNT = struct.Struct("=I")
_LONG = struct.Struct("=Bq")
_DOUBLE = struct.Struct("=Bd")
_BOOL = struct.Struct("=B?")
_EDGE = struct.Struct("=QQ")
_NULL, _STRING, _ARRAY, _INT, _FLOAT, _TRUE_OR_FALSE = b"\x00", b"\x03", 5, 4, 2, 1

RELATION_PROPERTIES = ["reason", "explanation", "explanation_ar"]
EVENT_PROPERTIES = ["id", "type", "place", "place_key", "key", "day_key", "date_start", "date_end", "participants"]


def pack_value(value: Any) -> bytes:
    """One property value in the bulk format."""
    kind = type(value)
    if kind is str:
        data = value.encode("utf-8")
        if b"\x00" in data:  # the format ends strings at NUL: the rest would be read as the next values
            raise StoreError("a text value holds the NUL character (U+0000), which the bulk format cannot carry")
        return _STRING + data + _NULL
    if value is None:
        return _NULL
    if kind is int:
        return _LONG.pack(_INT, value)
    if kind is bool:
        return _BOOL.pack(_TRUE_OR_FALSE, value)
    if kind is float:
        return _DOUBLE.pack(_FLOAT, value)
    if kind is list or kind is tuple:
        return _LONG.pack(_ARRAY, len(value)) + b"".join(map(pack_value, value))
    raise StoreError(f"the bulk format has no type for {kind.__name__} values")


class _Packer:
    """pack_value for rows, with the packed form of each recent text kept: most of a claim's texts (its type,
    measure, sides, speaker, date, article) repeat from claim to claim, and a dictionary lookup is cheaper than
    encoding them again."""

    def __init__(self, size: int = 100_000) -> None:
        self.size = size
        self.texts: dict[str, bytes] = {}

    def row(self, values: list[Any]) -> bytes:
        texts = self.texts
        parts = []
        for value in values:
            if type(value) is str:
                packed = texts.get(value)
                if packed is None:
                    if len(texts) >= self.size:
                        texts.clear()
                    packed = texts[value] = pack_value(value)
                parts.append(packed)
            elif value is None:
                parts.append(_NULL)
            else:
                parts.append(pack_value(value))
        return b"".join(parts)


def _header(name: str, properties: list[str]) -> bytes:
    return name.encode() + _NULL + _COUNT.pack(len(properties)) + b"".join(p.encode() + _NULL for p in properties)


class _Token:
    """The entities of one label or relationship type in one batch."""

    def __init__(self, name: str, properties: list[str]) -> None:
        self.header = _header(name, properties)
        self.entities: list[bytes] = []

    def bytes(self) -> bytes:
        return self.header + b"".join(self.entities)


class BulkWriter:
    """Writes batches of rows into a graph that does not exist yet, numbering nodes as FalkorDB will."""

    def __init__(self, connection: Any, graph: str) -> None:
        self.connection = connection
        self.graph = graph
        self.nodes = 0
        self.actors: dict[str, int] = {}
        self.articles: dict[str, int] = {}
        self.claims: dict[str, int] = {}
        self.events: dict[str, int] = {}
        self.begun = False
        self.packer = _Packer()

    def _node(self, index: dict[str, int], key: str) -> int:
        index[key] = number = self.nodes
        self.nodes += 1
        return number

    def pack(self, rows: BatchRows, relations: Iterable[Relation], write_id: str) -> list[Any] | None:
        """One batch as the arguments of one GRAPH.BULK command (the first one creates the graph); None when the
        batch has nothing new. Batches must then be sent in the order they were packed."""
        # Actor and article properties are those of graph/store.py:batch_rows's rows (the same for every row).
        actor_properties = list(next(iter(rows.actors.values()), {}))
        article_properties = [*(rows.articles[0] if rows.articles else {}), "write_id"]
        actors = _Token("Actor", actor_properties)
        articles = _Token("Article", article_properties)
        claims = _Token("Claim", cypher.CLAIM_PROPERTIES)
        events = _Token("Event", EVENT_PROPERTIES)
        edges = {
            "ABOUT": _Token("ABOUT", []),
            "REPORTED_IN": _Token("REPORTED_IN", []),
            "CLAIMED_BY": _Token("CLAIMED_BY", ["text"]),
            "RELAYED_BY": _Token("RELAYED_BY", ["text", "position"]),
            "PUBLISHED_BY": _Token("PUBLISHED_BY", []),
            "DENIES": _Token("DENIES", []),
            **{kind: _Token(kind, RELATION_PROPERTIES) for kind in ("CONTRADICTS", "CORROBORATES", "REVISES")},
        }
        first_node = self.nodes

        for actor_id, actor in rows.actors.items():
            if actor_id not in self.actors:
                self._node(self.actors, actor_id)
                actors.entities.append(b"".join(pack_value(actor[p]) for p in actor_properties))
        new_articles = set()
        for article in rows.articles:
            if article["id"] in self.articles:  # already loaded: left as it is, as the Cypher path does
                continue
            new_articles.add(article["id"])
            self._node(self.articles, article["id"])
            article = {**article, "write_id": write_id}
            articles.entities.append(b"".join(pack_value(article[p]) for p in article_properties))
        for publisher in rows.publishers:
            if publisher["article_id"] in new_articles:
                src, dst = self.articles[publisher["article_id"]], self.actors[publisher["outlet_id"]]
                edges["PUBLISHED_BY"].entities.append(_EDGE.pack(src, dst))
        links = len(cypher.CLAIM_PROPERTIES)
        for article_id, claim_rows in rows.claims:
            if article_id not in new_articles:
                continue
            article_node = self.articles[article_id]
            for values in claim_rows:
                if values[0] in self.claims:
                    continue
                node = self._node(self.claims, values[0])
                claims.entities.append(self.packer.row(values[:links]))
                edges["REPORTED_IN"].entities.append(_EDGE.pack(node, article_node))
                for actor_id, kind, text, position in values[links]:
                    edge = _EDGE.pack(node, self.actors[actor_id]) + self.packer.row([text])
                    if kind == "speaker":
                        edges["CLAIMED_BY"].entities.append(edge)
                    else:
                        edges["RELAYED_BY"].entities.append(edge + pack_value(position))
        for denial in rows.denials:
            if denial["claim"] in self.claims and denial["denied"] in self.claims:
                edges["DENIES"].entities.append(_EDGE.pack(self.claims[denial["claim"]], self.claims[denial["denied"]]))
        for rel in relations:
            a, b = self.claims.get(rel.a), self.claims.get(rel.b)
            if a is None or b is None:  # as MERGE_RELATIONS: a relation to a claim that is not there is not made
                continue
            edges[rel.kind.upper()].entities.append(
                _EDGE.pack(a, b) + pack_value(rel.reason) + pack_value(rel.explanation) + pack_value(rel.explanation_ar)
            )

        # Events as a load makes them (graph/events.py:load_rows): one node per id, the same event in a later batch
        # only gains its claims (its first batch's days and participants stay).
        for event in rows.events:
            if event["id"] not in self.events:
                self._node(self.events, event["id"])
                events.entities.append(self.packer.row([event[p] for p in EVENT_PROPERTIES]))
            node = self.events[event["id"]]
            for claim_id in event["claims"]:
                if claim_id in self.claims:
                    edges["ABOUT"].entities.append(_EDGE.pack(self.claims[claim_id], node))

        node_tokens = [t.bytes() for t in (actors, articles, claims, events) if t.entities]
        edge_tokens = [t.bytes() for t in edges.values() if t.entities]
        edge_count = sum(len(t.entities) for t in edges.values())
        if not node_tokens and not edge_tokens:
            return None
        begin = [] if self.begun else ["BEGIN"]
        self.begun = True
        counts = [self.nodes - first_node, edge_count, len(node_tokens), len(edge_tokens)]
        return ["GRAPH.BULK", self.graph, *begin, *counts, *node_tokens, *edge_tokens]

    def send(self, command: list[Any] | None) -> None:
        if command is None:
            return
        try:
            self.connection.execute_command(*command)
        except Exception as err:
            # FalkorDB drops the whole graph when a bulk batch fails: numbering cannot go on from here.
            raise StoreError(f"FalkorDB refused a bulk batch, and dropped the graph it was building: {err}") from err
