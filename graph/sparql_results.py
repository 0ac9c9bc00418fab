"""SPARQL results written in the standard formats, cut at a row cap and a byte cap as they are written.

SELECT: SPARQL 1.1 Query Results JSON, XML, CSV and TSV (https://www.w3.org/TR/sparql11-results-csv-tsv/). ASK: JSON
and XML, and CSV/TSV as Jena writes them (the specification defines none). CONSTRUCT/DESCRIBE: Turtle, N-Triples,
N3, RDF/XML and JSON-LD by pyoxigraph's own writers. Imported by the query processes: pyoxigraph and the standard
library only.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
SOLUTION_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_MEDIA = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "n3": "text/n3",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
_RDF_FORMATS = {
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
    "n3": pyoxigraph.RdfFormat.N3,
    "rdfxml": pyoxigraph.RdfFormat.RDF_XML,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
}
PREFIXES = {
    "cg": "https://claimgraph.org/ontology#",
    "id": "https://claimgraph.org/id/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def write_solutions(
    fmt: str, variables: list[str], solutions: Iterable[Any], limit: int, max_bytes: int
) -> tuple[bytes, bool]:
    """SELECT results as ``fmt`` (json, xml, csv, tsv): the body and whether rows were cut (row or byte cap)."""
    head, row_of, between, tail = _LAYOUT[fmt](variables)
    parts, used, truncated = [head], len(head) + len(tail), False
    for n, solution in enumerate(solutions):
        if n == limit:
            truncated = True
            break
        row = (between if n else b"") + row_of([solution[v] for v in variables])
        if used + len(row) > max_bytes:
            truncated = True
            break
        parts.append(row)
        used += len(row)
    parts.append(tail)
    return b"".join(parts), truncated


def write_boolean(fmt: str, value: bool) -> bytes:
    word = "true" if value else "false"
    if fmt == "xml":
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{word}</boolean></sparql>\n"
        ).encode()
    if fmt == "csv":
        return f"_askResult\r\n{word}\r\n".encode()
    if fmt == "tsv":
        return f"?_askResult\n{word}\n".encode()
    return json.dumps({"head": {}, "boolean": value}).encode()


def write_triples(fmt: str, triples: Iterable[Any], limit: int, max_bytes: int) -> tuple[bytes, bool]:
    """CONSTRUCT/DESCRIBE results as ``fmt``; the byte cap counts each triple as its N-Triples line (Turtle is
    shorter, RDF/XML and JSON-LD a little longer)."""
    kept, used, truncated = [], 0, False
    for n, triple in enumerate(triples):
        size = len(str(triple).encode()) + 3
        if n == limit or used + size > max_bytes:
            truncated = True
            break
        kept.append(triple)
        used += size
    prefixes = PREFIXES if fmt in ("turtle", "n3", "rdfxml") else None
    body = pyoxigraph.serialize(kept, format=_RDF_FORMATS[fmt], prefixes=prefixes)
    return body or b"", truncated


def json_term(term: Any) -> dict[str, str]:
    """One RDF term in the SPARQL 1.1 Query Results JSON format."""
    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _json_layout(variables: list[str]):
    head = b'{"head":{"vars":' + json.dumps(variables).encode() + b'},"results":{"bindings":['

    def row(terms: list[Any]) -> bytes:
        binding = {v: json_term(t) for v, t in zip(variables, terms, strict=True) if t is not None}
        return json.dumps(binding, ensure_ascii=False).encode()

    return head, row, b",", b"]}}"


def _xml_layout(variables: list[str]):
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>'
        + "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
        + "</head>\n<results>\n"
    ).encode()

    def row(terms: list[Any]) -> bytes:
        out = ["<result>"]
        for name, term in zip(variables, terms, strict=True):
            if term is None:
                continue
            kind = json_term(term)
            if kind["type"] == "uri":
                value = f"<uri>{escape(kind['value'])}</uri>"
            elif kind["type"] == "bnode":
                value = f"<bnode>{escape(kind['value'])}</bnode>"
            else:
                attrs = "".join(f" {key}={quoteattr(kind[key])}" for key in ("xml:lang", "datatype") if key in kind)
                value = f"<literal{attrs}>{escape(kind['value'])}</literal>"
            out.append(f"<binding name={quoteattr(name)}>{value}</binding>")
        out.append("</result>\n")
        return "".join(out).encode()

    return head, row, b"", b"</results>\n</sparql>\n"


def _csv_layout(variables: list[str]):
    """CSV by the specification: plain values (IRIs without <>, a literal's lexical form), RFC 4180 quoting, CRLF."""

    def line(values: list[str]) -> bytes:
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerow(values)
        return out.getvalue().encode()

    def row(terms: list[Any]) -> bytes:
        return line(["" if t is None else _csv_value(t) for t in terms])

    return line(variables), row, b"", b""


def _csv_value(term: Any) -> str:
    return f"_:{term.value}" if isinstance(term, pyoxigraph.BlankNode) else term.value


def _tsv_layout(variables: list[str]):
    """TSV by the specification: ``?var`` headers, every term in Turtle syntax (<iri>, "literal"^^<type>), LF."""

    def row(terms: list[Any]) -> bytes:
        return ("\t".join("" if t is None else tsv_term(t) for t in terms) + "\n").encode()

    return ("\t".join(f"?{v}" for v in variables) + "\n").encode(), row, b"", b""


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def tsv_term(term: Any) -> str:
    if isinstance(term, pyoxigraph.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, pyoxigraph.BlankNode):
        return f"_:{term.value}"
    text = f'"{term.value.translate(_TSV_ESCAPES)}"'
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype and term.datatype.value != XSD_STRING:
        return f"{text}^^<{term.datatype.value}>"
    return text


_LAYOUT = {"json": _json_layout, "xml": _xml_layout, "csv": _csv_layout, "tsv": _tsv_layout}
