"""Every Cypher statement claimgraph runs, written once for both engines (the openCypher both accept).

Labels and relationship types here must exist in ontology/claimgraph.ttl (tests/graph/test_cypher_vocabulary.py).
Engine differences (index and constraint DDL) live in graph/dialect.py, nowhere else.
"""

from __future__ import annotations

from claimgraph.ontology.claim import CLAIM_PROPERTIES as STORED_CLAIM_PROPERTIES
from claimgraph.ontology.text import SEARCH_FOLD

# Node labels and relationship types, mapped to their ontology terms.
LABELS = {"Article": "Article", "Actor": "Actor", "Claim": "Claim", "Event": "Event"}
RELATIONSHIPS = {
    "REPORTED_IN": "reportedIn",
    "CLAIMED_BY": "claimedBy",
    "RELAYED_BY": "relayedBy",
    "PUBLISHED_BY": "publishedBy",
    "DENIES": "denies",
    "CONTRADICTS": "contradicts",
    "CORROBORATES": "corroborates",
    "REVISES": "revisionOf",
    "ABOUT": "about",
}
INDEXED = [
    ("Article", "id"),
    ("Article", "name"),
    ("Actor", "id"),
    ("Claim", "id"),
    ("Claim", "article_id"),
    ("Claim", "speaker_id"),
    ("Claim", "value"),
    ("Claim", "date"),
    ("Claim", "series_key"),
    ("Claim", "count_key"),
    ("Claim", "target_key"),
    ("Event", "id"),
    ("Event", "day_key"),
    ("Event", "place_key"),  # the place filter of /events
]

# ------------------------------------------------------------------ writes (one article = one batch)

MERGE_ACTORS = """
UNWIND $rows AS row
MERGE (x:Actor {id: row.id})
ON CREATE SET x.name = row.name, x.side = row.side, x.kind = row.kind, x.en = row.en
"""

# An article is created once; ``write_id`` marks the write that created it, so that the claims below are created
# only under articles this very write created. Two writers racing on one article (two ingests of the same folder)
# cannot both add its claims: the engine runs one write at a time (FalkorDB) or makes the second MERGE wait for the
# first one's commit (Neo4j, unique constraint), after which the article is not new to it.
MERGE_ARTICLES = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
ON CREATE SET a += row, a.write_id = $write_id
"""

ARTICLE_WRITE_ID = "MATCH (a:Article {id: $id}) RETURN a.write_id AS write_id"

LINK_PUBLISHERS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id}), (o:Actor {id: row.outlet_id})
MERGE (a)-[:PUBLISHED_BY]->(o)
"""

# A claim's node properties (declared once, in ontology/claim.py) and its indexed keys, in the order
# graph/store.py:claim_values lists them (rows are sent as lists: the engine parses a list of values about three times
# faster than a map that repeats every key).
CLAIM_PROPERTIES = [*STORED_CLAIM_PROPERTIES, "series_key", "count_key", "target_key"]
_LINKS = len(CLAIM_PROPERTIES)  # after the properties, a claim row holds its links: [[actor id, kind, text, position]]

# Claims with their edges, in one pass: each article is looked up once (not once per claim) and must have been
# created by this write; each actor is looked up once per batch (its links are grouped by actor first), and the
# speaker and relay edges are created from the grouped links.
CREATE_CLAIMS = f"""
UNWIND $articles AS article
MATCH (a:Article {{id: article[0]}}) WHERE a.write_id = $write_id
UNWIND article[1] AS row
CREATE (c:Claim {{{", ".join(f"{name}: row[{k}]" for k, name in enumerate(CLAIM_PROPERTIES))}}})-[:REPORTED_IN]->(a)
WITH c, row[{_LINKS}] AS links
UNWIND links AS link
WITH link[0] AS actor_id, collect([c, link]) AS edges
MATCH (x:Actor {{id: actor_id}})
UNWIND edges AS edge
WITH x, edge[0] AS c, edge[1] AS link
FOREACH (_ IN CASE WHEN link[1] = 'speaker' THEN [1] ELSE [] END | CREATE (c)-[:CLAIMED_BY {{text: link[2]}}]->(x))
FOREACH (_ IN CASE WHEN link[1] = 'relay' THEN [1] ELSE [] END |
  CREATE (c)-[:RELAYED_BY {{text: link[2], position: link[3]}}]->(x))
"""

LINK_DENIALS = """
UNWIND $rows AS row
MATCH (c:Claim {id: row.claim}), (d:Claim {id: row.denied})
MERGE (c)-[:DENIES]->(d)
"""

MERGE_RELATIONS = {
    kind: f"""
UNWIND $rows AS row
MATCH (a:Claim {{id: row.a}}), (b:Claim {{id: row.b}})
MERGE (a)-[r:{kind}]->(b)
SET r.reason = row.reason, r.explanation = row.explanation, r.explanation_ar = row.explanation_ar
"""
    for kind in ("CONTRADICTS", "CORROBORATES", "REVISES")
}

# An article's events that no other article's claims are about go with it (found from its claims, not by a scan).
DELETE_ARTICLE_EVENTS = """
MATCH (c:Claim {article_id: $id})-[:ABOUT]->(e:Event)
WITH DISTINCT e
OPTIONAL MATCH (o:Claim)-[:ABOUT]->(e) WHERE o.article_id <> $id
WITH e, count(o) AS others
WHERE others = 0
DETACH DELETE e
"""

DELETE_ARTICLE = """
MATCH (a:Article {id: $id})
OPTIONAL MATCH (c:Claim)-[:REPORTED_IN]->(a)
DETACH DELETE c, a
"""

# ------------------------------------------------------------------ reads

ARTICLE_EXISTS = "MATCH (a:Article {id: $id}) RETURN a.name AS name"

ARTICLES = """
MATCH (a:Article)
RETURN a.id AS id, a.name AS name, a.headline AS headline, a.url AS url, a.outlet AS outlet,
       a.published AS published, a.claim_count AS claim_count, a.ingested_at AS ingested_at
ORDER BY a.name SKIP $offset LIMIT $limit
"""

ARTICLE = """
MATCH (a:Article)
WHERE a.id = $key OR a.name = $key
RETURN a.id AS id, a.name AS name, a.headline AS headline, a.url AS url, a.outlet AS outlet,
       a.published AS published, a.claim_count AS claim_count, a.ingested_at AS ingested_at, a.text AS text
LIMIT 1
"""

# What claims show of their article: outlet, headline and date (no text), for many articles in one query.
ARTICLE_LABELS = """
UNWIND $ids AS aid
MATCH (a:Article {id: aid})
RETURN a.id AS id, a.name AS name, a.headline AS headline, a.outlet AS outlet, a.published AS published
"""

# Claims with their speaker and relays.

CLAIM_FIELDS = """
OPTIONAL MATCH (c)-[s:CLAIMED_BY]->(sp:Actor)
OPTIONAL MATCH (c)-[r:RELAYED_BY]->(v:Actor)
WITH c, s, sp, r, v ORDER BY r.position
WITH c, s, sp, collect(CASE WHEN v IS NULL THEN NULL ELSE {id: v.id, text: r.text, name: v.name} END) AS via
RETURN c {.*} AS claim, CASE WHEN sp IS NULL THEN NULL ELSE
       {id: sp.id, text: s.text, name: sp.name, side: sp.side, kind: sp.kind} END AS speaker, via
"""


# Claim filters: parameter name → indexed property. Only the filters given go into the MATCH pattern, so the
# engine looks them up in an index instead of testing every claim against "$x IS NULL OR ...". Range and text
# filters go into a WHERE on what the pattern found.
CLAIM_FILTERS = {
    "article_id": "article_id",
    "speaker": "speaker_id",
    "side": "speaker_side",
    "type": "type",
    "measure": "measure",
    "value": "value",
    "target_side": "target_side",
    "target_group": "target_group",
    "event": "event",
}
CLAIM_CONDITIONS = {
    "date_from": "c.date >= $date_from",
    "date_to": "c.date <= $date_to",
    "q": "",  # set below, folded as the query is
}


# The stored text folded as the query is (extract/normalize.py:search_fold), one replace() per pair, in a reduce()
# over a parameter: the same replace()s nested in the query text cost FalkorDB time exponential in their depth
# (16 levels: 2.4 s per query on five articles).
FOLD_PAIRS = [[char, replacement] for char, replacement in SEARCH_FOLD.items()]


def folded(expression: str) -> str:
    """``expression`` with $fold_pairs applied: a search for «مروحيه» finds «مروحية»."""
    return f"reduce(s = {expression}, p IN $fold_pairs | replace(s, p[0], p[1]))"


CLAIM_CONDITIONS["q"] = "({} CONTAINS $q OR {} CONTAINS $q)".format(
    folded("c.quote"), folded("coalesce(c.speaker_text, '')")
)


def _claim_match(filters: list[str]) -> str:
    unknown = set(filters) - set(CLAIM_FILTERS) - set(CLAIM_CONDITIONS)
    if unknown:
        raise ValueError(f"unknown claim filters: {sorted(unknown)}")
    props = ", ".join(f"{CLAIM_FILTERS[name]}: ${name}" for name in sorted(filters) if name in CLAIM_FILTERS)
    match = f"MATCH (c:Claim {{{props}}})" if props else "MATCH (c:Claim)"
    conditions = [CLAIM_CONDITIONS[name] for name in sorted(filters) if name in CLAIM_CONDITIONS]
    return match + (" WHERE " + " AND ".join(conditions) if conditions else "")


def find_claims(filters: list[str]) -> str:
    """Claims matching the given filters (parameters named as in CLAIM_FILTERS), a page at a time."""
    return (
        _claim_match(filters)
        + "\nWITH c ORDER BY c.article_name, c.span_start SKIP $offset LIMIT $limit"
        + CLAIM_FIELDS
    )


def count_claims(filters: list[str]) -> str:
    return _claim_match(filters) + "\nRETURN count(c) AS n"


CLAIM_BY_ID = "MATCH (c:Claim {id: $id})" + CLAIM_FIELDS

# "Who said 2300?": the speakers of the claims of one number (unattributed figures as a null speaker), most
# claims first, with when they said it and a few claim ids to open. Aggregated in the engine from the value index,
# and only the first $limit speakers are looked up and returned, so the answer stays small however many reports
# repeat the number.
WHO_CLAIMED = """
MATCH (c:Claim {value: $value})
WHERE $measure IS NULL OR c.measure = $measure
WITH c.speaker_id AS speaker, count(c) AS claims, min(c.date) AS first_date, max(c.date) AS last_date,
     collect(c.id) AS ids
ORDER BY claims DESC, speaker
LIMIT $limit
OPTIONAL MATCH (a:Actor {id: speaker})
RETURN speaker, a.name AS name, a.side AS side, claims, first_date, last_date, ids[0..5] AS claim_ids
ORDER BY claims DESC, speaker
"""

# Claims as compared: their own properties only (speaker and relays are denormalised onto the claim), no traversal,
# returned as a list (the client parses lists about three times faster than maps); every property but the lookup
# keys and those comparisons never read.
COMPARABLE_FIELDS = [
    p for p in CLAIM_PROPERTIES if p not in {"cue", "event", "place", "series_key", "count_key", "target_key"}
]
# Quotes are read by the statement and denial rules: a count's quote only when it has a target side (a denial in a
# later article is matched on the words of the claim about the denier's side).
COMPARABLE_CLAIMS = (
    "UNWIND $ids AS cid MATCH (c:Claim {id: cid}) RETURN ["
    + ", ".join(
        "CASE WHEN c.type = 'statement' OR c.target_side IS NOT NULL THEN c.quote ELSE NULL END"
        if f == "quote"
        else f"c.{f}"
        for f in COMPARABLE_FIELDS
    )
    + "] AS fields"
)

CLAIMS_BY_IDS = "UNWIND $ids AS cid MATCH (c:Claim {id: cid})" + CLAIM_FIELDS

# Candidates to compare with a new article's claims: found through indexed keys, never by scanning the graph, for
# all the article's claims in one query. Counts are compared within one period: claims of the same measure and
# target group reported on the same date, looked up by count key (date|measure|group: graph/store.py:count_key), so
# the index yields those claims only, not the whole day's.
CANDIDATES_BY_COUNT = """
UNWIND $keys AS key
MATCH (c:Claim {count_key: key})
WHERE c.article_id <> $article_id
RETURN DISTINCT c.id AS id
"""

# What a denial in a new article may deny in earlier ones: claims about the denier's side (its losses, its forces,
# an accusation against it) reported on the days before, looked up by target key (date|side:
# graph/store.py:target_key), at most $cap of them.
CANDIDATES_BY_TARGET = """
UNWIND $keys AS key
MATCH (c:Claim {target_key: key})
WHERE c.article_id <> $article_id AND c.type <> 'denial'
WITH DISTINCT c ORDER BY c.date DESC
RETURN c.id AS id LIMIT $cap
"""

# The same speaker's other reports: statements of the same days (the same statement in other outlets), and the
# latest counts of the same measure and group (revisions). They are looked up by series key (speaker, type, measure,
# group and month; graph/store.py:series_key), so a lookup reads one or two months of one series, whatever the
# length of the speaker's history; each new claim ($queries: its keys and date window) keeps its latest $cap.
CANDIDATES_BY_SPEAKER = """
UNWIND $queries AS q
UNWIND q.keys AS key
MATCH (c:Claim {series_key: key})
WHERE c.article_id <> $article_id AND (c.date IS NULL OR ((q.date_from IS NULL OR c.date >= q.date_from)
  AND (q.date_to IS NULL OR c.date <= q.date_to)))
WITH q.n AS n, c ORDER BY c.date DESC
WITH n, collect(c.id)[0..$cap] AS ids
UNWIND ids AS id
RETURN DISTINCT id
"""

# Claims stored before count keys existed get theirs when a store opens (graph/store.py:ClaimStore.ensure_schema),
# in slices of 100k: each slice scans again the claims the slices before it filled (0.23 s a scan at 1M claims), but
# one query over a million claims needs more memory than the engine lets one query use (falkor_engine.EngineLimits).
CLAIM_WITHOUT_COUNT_KEY = (
    "MATCH (c:Claim) WHERE c.count_key IS NULL AND c.measure IS NOT NULL AND c.date IS NOT NULL RETURN c.id LIMIT 1"
)
BACKFILL_COUNT_KEYS = """
MATCH (c:Claim) WHERE c.count_key IS NULL AND c.measure IS NOT NULL AND c.date IS NOT NULL
WITH c LIMIT 100000
SET c.count_key = c.date + '|' + c.measure + '|' + coalesce(c.target_group, '')
"""

ARTICLE_CLAIM_IDS = "MATCH (c:Claim {article_id: $article_id}) RETURN c.id AS id ORDER BY c.span_start"

RELATIONS = """
MATCH (x:Claim)-[r:CONTRADICTS|CORROBORATES|REVISES]->(y:Claim)
WITH r, x, y ORDER BY x.article_name, x.span_start, y.article_name, y.span_start
RETURN type(r) AS kind, r.reason AS reason, r.explanation AS explanation, r.explanation_ar AS explanation_ar,
       x.id AS a, y.id AS b
"""

# The relations with a claim of the given articles at either end (the SPARQL view loads them with the articles).
RELATIONS_OF_ARTICLES = """
UNWIND $ids AS aid
MATCH (:Claim {article_id: aid})-[r:CONTRADICTS|CORROBORATES|REVISES]-(:Claim)
WITH DISTINCT r
RETURN type(r) AS kind, r.reason AS reason, r.explanation AS explanation, r.explanation_ar AS explanation_ar,
       startNode(r).id AS a, endNode(r).id AS b
"""

# The reports of one statement: claims linked to it through same_statement corroborations.
CORROBORATION_CLUSTER = """
MATCH (c:Claim {id: $id})-[:CORROBORATES*1..6]-(o:Claim)
RETURN DISTINCT o.id AS id
"""

RELATIONS_OF_CLAIM = """
MATCH (x:Claim {id: $id})-[r:CONTRADICTS|CORROBORATES|REVISES]->(y:Claim)
RETURN type(r) AS kind, r.reason AS reason, r.explanation AS explanation, r.explanation_ar AS explanation_ar,
       x.id AS a, y.id AS b
UNION
MATCH (x:Claim)-[r:CONTRADICTS|CORROBORATES|REVISES]->(y:Claim {id: $id})
RETURN type(r) AS kind, r.reason AS reason, r.explanation AS explanation, r.explanation_ar AS explanation_ar,
       x.id AS a, y.id AS b
"""

STATS = {
    "articles": "MATCH (a:Article) RETURN count(a) AS n",
    "claims": "MATCH (c:Claim) RETURN count(c) AS n",
    "actors": "MATCH (x:Actor) RETURN count(x) AS n",
    # Without node labels (these edges only ever join claims): the engines then count from the relationship type's
    # own count instead of visiting every claim (FalkorDB at 1M claims: 0.3 ms against 580 ms).
    "contradictions": "MATCH ()-[r:CONTRADICTS]->() RETURN count(r) AS n",
    "corroborations": "MATCH ()-[r:CORROBORATES]->() RETURN count(r) AS n",
    "revisions": "MATCH ()-[r:REVISES]->() RETURN count(r) AS n",
    "events": "MATCH (e:Event) RETURN count(e) AS n",
}

CLAIMS_BY_SPEAKER = """
MATCH (c:Claim)-[:CLAIMED_BY]->(x:Actor)
RETURN x.id AS speaker, x.name AS name, x.side AS side, count(c) AS claims
ORDER BY claims DESC, speaker
"""

ANY_NODE = "MATCH (n) RETURN 1 AS found LIMIT 1"

ACTOR = "MATCH (x:Actor {id: $id}) RETURN x {.*} AS actor"

ALL_ACTORS = "MATCH (x:Actor) RETURN x {.*} AS actor ORDER BY x.id"
ARTICLES_BY_IDS = (
    "UNWIND $ids AS aid MATCH (a:Article {id: aid}) OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Actor) "
    "RETURN a {.*} AS article, o.id AS outlet_id"
)
ARTICLE_IDS = "MATCH (a:Article) RETURN a.id AS id ORDER BY id"
ARTICLE_IDS_SINCE = "MATCH (a:Article) WHERE a.ingested_at >= $since RETURN a.id AS id ORDER BY id"
CLAIMS_OF_ARTICLES = "UNWIND $ids AS aid MATCH (c:Claim {article_id: aid})" + CLAIM_FIELDS

# ------------------------------------------------------------------ events (graph/events.py, graph/event_store.py)

# Stored events a new article's events may join: same type and place, started on one of the days that could reach
# the reading (day_key: type|place|first day, indexed), with days that touch its window ($queries: one
# {keys, low, high} per reading: graph/events.py:lookup).
EVENT_CANDIDATES = """
UNWIND $queries AS q
UNWIND q.keys AS key
MATCH (e:Event {day_key: key})
WHERE e.date_start <= q.high AND e.date_end >= q.low
RETURN DISTINCT e.id AS id, e.key AS key, e.date_start AS date_start, e.date_end AS date_end
"""

# An article's events, new or joined, with its claims ABOUT them: a joined event's days widen to the new report's
# and its participants gain the new sides. The ABOUT edge is merged: a writer that lost the race for the same
# article (graph/store.py:write_article) must not link its claims twice.
MERGE_EVENTS = """
UNWIND $rows AS row
MERGE (e:Event {id: row.id})
ON CREATE SET e.type = row.type, e.place = row.place, e.place_key = row.place_key, e.key = row.key,
  e.day_key = row.day_key, e.date_start = row.date_start, e.date_end = row.date_end, e.participants = row.participants
ON MATCH SET
  e.date_start = CASE WHEN row.date_start IS NOT NULL AND (e.date_start IS NULL OR row.date_start < e.date_start)
                 THEN row.date_start ELSE e.date_start END,
  e.date_end = CASE WHEN row.date_end IS NOT NULL AND (e.date_end IS NULL OR row.date_end > e.date_end)
               THEN row.date_end ELSE e.date_end END,
  e.participants = e.participants + [p IN row.participants WHERE NOT p IN e.participants]
WITH e, row
SET e.day_key = CASE WHEN e.key IS NULL OR e.date_start IS NULL THEN NULL ELSE e.key + '|' + e.date_start END
WITH e, row
UNWIND row.claims AS cid
MATCH (c:Claim {id: cid})
MERGE (c)-[:ABOUT]->(e)
"""

# Events filters: the actor's claims are found through the speaker index; the others test what that (or the event
# label) found.
EVENT_CONDITIONS = {
    "place": "e.place_key = $place",
    "date_from": "e.date_end >= $date_from",
    "date_to": "e.date_start <= $date_to",
    "side": "$side IN e.participants",
    "type": "e.type = $type",
}


def _event_match(filters: list[str]) -> str:
    unknown = set(filters) - set(EVENT_CONDITIONS) - {"actor"}
    if unknown:
        raise ValueError(f"unknown event filters: {sorted(unknown)}")
    match = (
        "MATCH (:Claim {speaker_id: $actor})-[:ABOUT]->(e:Event) WITH DISTINCT e"
        if "actor" in filters
        else "MATCH (e:Event)"
    )
    conditions = [EVENT_CONDITIONS[name] for name in sorted(filters) if name in EVENT_CONDITIONS]
    return match + (" WHERE " + " AND ".join(conditions) if conditions else "")


def find_events(filters: list[str]) -> str:
    """A page of events (latest first) with their numbers of claims, articles and contradictions."""
    return (
        _event_match(filters)
        + """
WITH e ORDER BY e.date_start DESC, e.id SKIP $offset LIMIT $limit
OPTIONAL MATCH (c:Claim)-[:ABOUT]->(e)
WITH e, count(c) AS claims, count(DISTINCT c.article_id) AS articles
OPTIONAL MATCH (x:Claim)-[:ABOUT]->(e)
OPTIONAL MATCH (x)-[r:CONTRADICTS]-(:Claim)
WITH e, claims, articles, count(DISTINCT r) AS contradictions
RETURN e {.*} AS event, claims, articles, contradictions
"""
    )


def count_events(filters: list[str]) -> str:
    return _event_match(filters) + "\nRETURN count(e) AS n"


EVENT = "MATCH (e:Event {id: $id}) RETURN e {.*} AS event"
EVENT_OF_CLAIM = "MATCH (:Claim {id: $id})-[:ABOUT]->(e:Event) RETURN e {.*} AS event"

CLAIMS_OF_EVENT = (
    "MATCH (c:Claim)-[:ABOUT]->(:Event {id: $id}) WITH c ORDER BY c.article_name, c.span_start" + CLAIM_FIELDS
)

# The relations with a claim of the event at either end.
RELATIONS_OF_EVENT = """
MATCH (:Event {id: $id})<-[:ABOUT]-(:Claim)-[r:CONTRADICTS|CORROBORATES|REVISES]-(:Claim)
WITH DISTINCT r
RETURN type(r) AS kind, r.reason AS reason, r.explanation AS explanation, r.explanation_ar AS explanation_ar,
       startNode(r).id AS a, endNode(r).id AS b
"""

# Splitting a wrong merge: the claims of the given articles leave the event for a new one ($row: its properties).
SPLIT_EVENT = """
MATCH (c:Claim)-[a:ABOUT]->(e:Event {id: $id})
WHERE c.article_id IN $articles
DELETE a
WITH collect(c) AS moved
MERGE (n:Event {id: $row.id})
ON CREATE SET n.type = $row.type, n.place = $row.place, n.place_key = $row.place_key, n.key = $row.key,
  n.day_key = $row.day_key, n.split_from = $id
WITH n, moved
UNWIND moved AS c
CREATE (c)-[:ABOUT]->(n)
"""

# An event's days and participants set again from the claims about it (after a split).
SET_EVENT_SPAN = """
MATCH (e:Event {id: $id})
SET e.date_start = $date_start, e.date_end = $date_end, e.participants = $participants, e.day_key = $day_key
"""

# The events the claims of the given articles are about, with those claims (the SPARQL view loads them).
EVENTS_OF_ARTICLES = """
UNWIND $ids AS aid
MATCH (c:Claim {article_id: aid})-[:ABOUT]->(e:Event)
RETURN e {.*} AS event, collect(c.id) AS claims
"""
