"""Who fights whom, as data (ontology/conflicts.yaml): each war's two camps and the groups that fight for a camp.

Extraction reads it to give a count a side when the text only names who did the killing; the graph reads it only to
label a pair of sides as allies or enemies.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

CONFLICTS_YAML = Path(__file__).resolve().parent / "conflicts.yaml"


@dataclass(frozen=True)
class War:
    """One war: two camps of sides, groups that fight for a camp whatever their nationality, and short names that
    stand for an actor only in this war (actor id → names: «الشباب» is al-Shabaab in Somalia, youth elsewhere)."""

    name: str
    camps: tuple[tuple[str, ...], tuple[str, ...]]
    allies: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _weight(war: War, sides: dict[str, int]) -> int:
    """How much an article (``sides``: side → mentions) names this war's sides."""
    return sum(sides.get(s, 0) for camp in war.camps for s in camp)


@dataclass(frozen=True)
class Wars:
    """Every war of conflicts.yaml, in file order."""

    wars: tuple[War, ...] = ()

    def same_camp(self, side_a: str | None, side_b: str | None) -> bool:
        """Whether two sides fight on the same side (or are the same side)."""
        if side_a is None or side_b is None:
            return False
        return side_a == side_b or any(side_a in camp and side_b in camp for camp in self.camps)

    def clear_war_of(self, sides: dict[str, int]) -> War | None:
        """The article's war when no other war is named as much (``sides``: side → mentions), else None."""
        scored = sorted((_weight(war, sides) for war in self.wars), reverse=True)
        war = self.war_of(sides)
        return war if war is not None and (len(scored) < 2 or scored[0] > scored[1]) else None

    def war_of(self, sides: dict[str, int]) -> War | None:
        """The war an article is about: the one whose sides it names most (``sides``: side → mentions)."""
        scored = [(_weight(war, sides), -k, war) for k, war in enumerate(self.wars)]
        best = max(scored, default=None, key=lambda row: row[:2])
        return best[2] if best and best[0] > 0 else None

    def opponent(self, side: str | None, sides: dict[str, int], prefer_state: bool = False) -> str | None:
        """``side``'s opponent in the article's war (``sides``: side → mentions in the article): the enemy camp's
        side the article names most, else that camp's first side. ``prefer_state``: a state of that camp first
        (whose civilians they are: PS rather than HAMAS)."""
        if side is None:
            return None
        wars = [w for w in self.wars if any(side in camp for camp in w.camps)]
        if not wars:
            return None
        # The enemy camp's most prominent side that the article names, in the war the article names most.
        wars.sort(key=lambda w: -_weight(w, sides))
        for war in wars:
            enemy = next(camp for camp in war.camps if side not in camp)
            if prefer_state:
                enemy = tuple(sorted(enemy, key=lambda s: len(s) != 2))
            named = next((s for s in enemy if sides.get(s, 0)), None)
            if named:
                return named
        return next(camp for camp in wars[0].camps if side not in camp)[0]

    @property
    def camps(self) -> list[frozenset[str]]:
        return [frozenset(camp) for war in self.wars for camp in war.camps]

    @property
    def opponents(self) -> dict[str, list[str]]:
        """Each side's opponents over every war, most prominent first."""
        out: dict[str, list[str]] = {}
        for war in self.wars:
            for camp, enemy in zip(war.camps, war.camps[::-1], strict=True):
                for side in camp:
                    out.setdefault(side, []).extend(s for s in enemy if s not in out[side])
        return out


@functools.cache
def load_wars(path: Path = CONFLICTS_YAML) -> Wars:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return Wars(
        tuple(
            War(
                w["name"],
                (tuple(w["camps"][0]), tuple(w["camps"][1])),
                dict(w.get("allies") or {}),
                {actor: tuple(names) for actor, names in (w.get("aliases") or {}).items()},
            )
            for w in data.get("conflicts") or []
        )
    )
