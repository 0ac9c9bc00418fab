"""How many independent sources stand behind a claim: copies of one text and reports through one relay count once.

Three outlets repeating one Russian statement are one source, not three. The reports of a claim are its
corroboration cluster (claims linked by same_statement); two reports fall in one group when their articles are
near-copies of each other or when they came through the same relay. Groups are networkx connected components.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from claimgraph.ontology.text import fold

COPY_SIMILARITY = 0.5  # Jaccard similarity of word 4-gram sets above which two articles are copies
_SHINGLE = 4


def shingles(text: str, n: int = _SHINGLE) -> set[tuple[str, ...]]:
    words = ["".join(ch for ch in w if ch.isalnum()) for w in fold(text).split()]
    words = [w for w in words if w]
    return {tuple(words[k : k + n]) for k in range(max(0, len(words) - n + 1))}


def copy_similarity(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


def source_groups(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Group reports that are not independent of each other.

    Args:
        reports: one per claim in the cluster: ``claim_id``, ``article_id``, ``article`` (name), ``text`` (the
            article's text), ``via`` (relay ids), ``outlet``.

    Returns:
        One group per independent source: its reports' article names and why they were joined.
    """
    graph = nx.Graph()
    for r in reports:
        graph.add_node(r["claim_id"])
    texts = {r["article_id"]: shingles(r["text"]) for r in reports}
    for k, a in enumerate(reports):
        for b in reports[k + 1 :]:
            reasons = []
            if a["article_id"] == b["article_id"]:
                reasons.append("same article")
            else:
                sa, sb = texts[a["article_id"]], texts[b["article_id"]]
                if sa and sb and len(sa & sb) / len(sa | sb) >= COPY_SIMILARITY:
                    reasons.append("near-identical wording")
            shared = set(a.get("via") or []) & set(b.get("via") or [])
            if shared:
                reasons.append("same relay: " + ", ".join(sorted(shared)))
            if reasons:
                graph.add_edge(a["claim_id"], b["claim_id"], reasons=reasons)
    by_claim = {r["claim_id"]: r for r in reports}
    groups = []
    for component in sorted(nx.connected_components(graph), key=lambda c: sorted(c)):
        members = sorted(component)
        reasons = sorted({reason for u, v in graph.subgraph(component).edges for reason in graph[u][v]["reasons"]})
        groups.append(
            {
                "articles": sorted({by_claim[c]["article"] for c in members}),
                "claims": members,
                "joined_because": reasons,
            }
        )
    return groups
