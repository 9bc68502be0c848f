"""Rank candidate places for a query: match quality, type, population, governorate hint, nearby places, Syria.

Scores are in [0, 1]. The weights are a table here so a misranking found in use becomes one reviewed change.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .fold import fold, is_arabic
from .model import Candidate, Place, Precision, distance_km

#: Match quality by how the name met a place's name.
MATCH_QUALITY = {"exact": 1.0, "folded": 0.97, "variant": 0.93, "skeleton": 0.5, "fuzzy": 0.0,
                 "short vowels": 0.9}  # a skeleton match whose key differs only by short vowels (fold.short_vowels_apart)
#: Added when the query and the matched name both carry the article (al-Sha'fah is not Sha'fa).
ARTICLE_AGREEMENT = 0.03
#: Added for each feature type: a named village is likelier meant than an admin unit of the same name.
TYPE_WEIGHT = {"locality": 0.0, "mountain": 0.0, "camp": 0.0, "neighbourhood": -0.02, "site": -0.02,
               "district": -0.06, "subdistrict": -0.08, "governorate": -0.04, "country": -0.05}
#: Types each hint ("province", "district", "town", …) asks for; others lose HINT_MISMATCH.
HINT_TYPES = {"governorate": {"governorate"}, "district": {"district", "subdistrict"},
              "subdistrict": {"subdistrict", "district"}, "locality": {"locality", "neighbourhood", "site", "camp"},
              "mountain": {"mountain"}}
HINT_MISMATCH = -0.25
POPULATION_WEIGHT = 0.04  # at a population of a million
NOT_CURRENT = -0.04
OUTSIDE_SYRIA = -0.03
#: A governorate hint is a filter: inside it (or within a few km of its boundary) a small bonus; outside it, a
#: penalty that keeps even an exact name below THRESHOLD unless places named beside it are close (strong evidence).
ADMIN1_MATCH, ADMIN1_MISMATCH = 0.04, -0.3
#: Within a few km of the hinted governorate's boundary but outside it: no bonus (a place of the same name inside
#: the governorate comes first).
ADMIN1_BORDER = 0.0
#: Outside a governorate the text is only mostly about (a preference): an exact name still resolves.
ADMIN1_ELSEWHERE = -0.2
#: Added for the town an admin unit of the same name is named after (Daraa, not the village of Darat also "Dara").
SEAT_WEIGHT = 0.05
#: Added for each further independent source that gives the place (names and points agreeing), at most two.
SUPPORT_WEIGHT = 0.02
#: (within km, added) for the distance to the nearest place named beside the query.
NEAR_STEPS = ((10.0, 0.08), (30.0, 0.05), (80.0, 0.02), (200.0, 0.0))
FAR_FROM_CONTEXT = -0.05
#: Below this confidence the answer is "unresolved".
THRESHOLD = 0.75
#: Two candidates of the same precision further apart than this, scoring within AMBIGUITY_GAP: ambiguous.
DISTINCT_KM, AMBIGUITY_GAP, AMBIGUITY_PENALTY = 10.0, 0.025, 0.3
#: A loose (skeleton or fuzzy) best match is ambiguous beside any distinct rival scoring within this much: two
#: places that only sound alike leave the spelling no way to choose.
LOOSE_AMBIGUITY_GAP = 0.15
LOOSE_MATCHES = frozenset({"skeleton", "fuzzy"})
#: A fuzzy match of Latin letters (letters alike, consonants not) is no answer alone: measured on real place lists, a
#: confident one was wrong by over 25 km nearly twice in five (Ma'arrat al-Nasan read as Ma'arrat an-Nu'man), against
#: one in ten for a skeleton match and one in five for an Arabic-script fuzzy match (whose spellings differ by a letter
#: or a space: كفرزتيا, كفر زيتا). A place named beside it (a near context) can still make it one.
GUESSES = frozenset({"fuzzy"})
GUESS_CONFIDENCE = 0.7
#: Admin units of one type, governorate and name are one unit described by two sources.
ADMIN_TYPES = frozenset({"district", "subdistrict", "governorate"})


@dataclass(frozen=True)
class Hit:
    """A place a name lookup found, before ranking."""

    place: Place
    name: str  # the alternate name that matched
    match: str  # "exact" | "folded" | "variant" | "skeleton" | "fuzzy"
    quality: float  # 0..1


@dataclass(frozen=True)
class Context:
    """What is known around a query: governorate codes, nearby points, the type the words ask for, a qualifier."""

    admin1: frozenset[str] = frozenset()
    near: tuple[tuple[float, float], ...] = ()
    type_hint: str = ""
    near_qualifier: bool = False
    countryside: bool = False
    admin1_filter: bool = True  # the governorates are known (a filter), not only preferred


def near_weight(place: Place, near: Sequence[tuple[float, float]]) -> float:
    """Bonus for lying close to the places named beside the query; a penalty for lying far from all of them."""
    if not near:
        return 0.0
    d = min(distance_km(place.point, p) for p in near)
    for km, bonus in NEAR_STEPS:
        if d <= km:
            return bonus
    return FAR_FROM_CONTEXT


def in_admin1(place: Place, codes: frozenset[str]) -> bool:
    """True when the place lies in one of the governorates, or within a few km of one's boundary."""
    return place.admin1 in codes or not codes.isdisjoint(place.admin1_near)


def score(hit: Hit, ctx: Context) -> float:
    """The raw score of one hit in its context (may pass 1; clipped for display by `rank`)."""
    p = hit.place
    s = hit.quality + TYPE_WEIGHT.get(p.type, 0.0)
    if p.population > 0 and p.type not in ADMIN_TYPES:  # an admin unit's population says nothing of its name
        s += POPULATION_WEIGHT * min(1.0, math.log10(p.population + 1) / 6)
    s += 0.0 if p.current else NOT_CURRENT
    s += 0.0 if p.country == "SY" else OUTSIDE_SYRIA
    if ctx.admin1 and p.admin1:
        if p.admin1 in ctx.admin1:
            s += ADMIN1_MATCH
        elif in_admin1(p, ctx.admin1):
            s += ADMIN1_BORDER
        else:
            s += ADMIN1_MISMATCH if ctx.admin1_filter else ADMIN1_ELSEWHERE
    s += SUPPORT_WEIGHT * min(2, p.support - 1) + (SEAT_WEIGHT if p.seat and not ctx.countryside else 0.0)
    if ctx.type_hint and p.type not in HINT_TYPES.get(ctx.type_hint, {p.type}):
        s += HINT_MISMATCH
    if ctx.countryside and p.type == "governorate":
        s += 0.1  # "Deir Ezzor countryside": the governorate's countryside, not the city's
    s += near_weight(p, ctx.near)
    return s


def precision(place: Place, ctx: Context) -> Precision:
    """The precision a candidate gives: the place's own, or "near" when the words say near a point place."""
    own = place.precision
    return Precision.NEAR if ctx.near_qualifier and own is Precision.EXACT else own


def rank(hits: Sequence[Hit], ctx: Context, limit: int | None = None) -> list[Candidate]:
    """Candidates sorted best first (ties: larger population, then id, so the order is stable).

    With a `limit`, only that many are built, and any more that score within AMBIGUITY_GAP of the best (which the
    confidence needs to see).
    """
    scored = [(score(h, ctx), h) for h in hits]
    scored.sort(key=lambda sh: (-sh[0], -sh[1].place.population, sh[1].place.id))
    if limit is not None and len(scored) > limit:
        top, gap = scored[0][0], ambiguity_gap(scored[0][1].match)
        scored = scored[:limit] + [sh for sh in scored[limit:] if top - sh[0] <= gap]
    return [Candidate(place=h.place, score=round(max(0.0, min(1.0, s)), 4), matched_name=h.name, match=h.match,
                      precision=precision(h.place, ctx), raw=round(s, 4), context=near_weight(h.place, ctx.near))
            for s, h in scored]


def ambiguity_gap(match: str) -> float:
    """How close a rival must score to make the best answer ambiguous: wider when the best only sounds alike."""
    return LOOSE_AMBIGUITY_GAP if match in LOOSE_MATCHES else AMBIGUITY_GAP


def same_unit(a: Place, b: Place) -> bool:
    """True for two records of one admin unit (a district from two sources, or a district and its centre sub-district)."""
    return ({a.type, b.type} <= {"district", "subdistrict"} or a.type == b.type == "governorate") \
        and a.admin1 == b.admin1 and fold(a.name) == fold(b.name)


def confidence(candidates: Sequence[Candidate]) -> tuple[float, str]:
    """Confidence in the top candidate and, when too low, why ("low score", "ambiguous")."""
    if not candidates:
        return 0.0, "no candidate"
    top = candidates[0]
    conf, gap = top.score, ambiguity_gap(top.match)
    if top.match in GUESSES and top.context <= 0 and not is_arabic(top.matched_name):
        conf = min(conf, GUESS_CONFIDENCE)  # a name only like the query's: a candidate to show, not an answer
    for other in candidates[1:]:
        if top.raw - other.raw > gap:
            break
        if top.context > other.context and top.raw - other.raw > AMBIGUITY_GAP:
            continue  # the places named beside it choose between two that sound alike
        if top.match == "skeleton" and other.match == "fuzzy" and top.raw - other.raw > AMBIGUITY_GAP:
            continue  # the same consonants beat a name that only shares letters
        if other.precision == top.precision and not same_unit(top.place, other.place) \
                and distance_km(top.place.point, other.place.point) > DISTINCT_KM:
            conf = max(0.0, conf - AMBIGUITY_PENALTY)
            return round(conf, 4), "ambiguous" if conf < THRESHOLD else ""
    return round(conf, 4), "low score" if conf < THRESHOLD else ""
