"""The gazetteer: resolve a place name in any spelling to ranked candidate places, offline.

    >>> gaz = Gazetteer.load()
    >>> r = gaz.resolve("Dayr al-Zawr")
    >>> r.place.name, r.precision
    ('Deir ez-Zor', <Precision.EXACT: 'exact'>)
"""

from __future__ import annotations

import csv
import re
from collections import OrderedDict
from dataclasses import dataclass, replace
from functools import lru_cache
from collections.abc import Iterable, Sequence
from pathlib import Path

from rapidfuzz import fuzz, process

from .errors import InvalidQuery
from .fold import fold, has_article, is_arabic, key_skeleton, plain, short_vowels_apart, skeleton, variant_keys
from .index import DATA, NameIndex, build_index, load_index
from .model import Place, Precision, Resolution, check_coordinates, distance_km
from .qualifiers import DIRECTIONS, parse_query
from .compound import PARENT_KM, Attempt, attempts
from .rank import ARTICLE_AGREEMENT, LOOSE_MATCHES, MATCH_QUALITY, THRESHOLD, Context, Hit, confidence, in_admin1, rank

#: Recent answers kept (news repeats the same names in the same context); the oldest go first.
RESOLUTION_CACHE = 20_000
#: Fuzzy matching: shortest key tried, lowest similarity kept (0-100), most keys kept per query.
FUZZY_MIN_LEN, FUZZY_CUTOFF, FUZZY_LIMIT = 4, 80.0, 8
#: Skeleton matches score MATCH_QUALITY["skeleton"] plus this weight times their squared folded-key similarity.
SKELETON_SIMILARITY_WEIGHT = 0.45
#: Fuzzy matches score this weight times their squared folded-key similarity.
FUZZY_WEIGHT = 0.9

#: Shortest key a skeleton match that differs only by short vowels ranks high for (Jdideh / Jadidah, Sakhr / Sakir
#: are other places).
MIN_SHORT_VOWEL_KEY = 8

#: Lowest match quality of a governorate named as a hint ("Idib" still names Idlib).
HINT_QUALITY = 0.65
OUTSIDE_HINT = "outside the hinted governorate (places named beside it agree)"
#: A governorate hint that names several ("Hama or Idlib", "Aleppo / Idlib", "حلب، إدلب") is split here; at most
#: MAX_HINT_PARTS parts are read.
_HINT_LIST = re.compile(r"\s*(?:[,،/|;&]|\bor\b|\band\b|\bأو\b|\sو\s)\s*", re.IGNORECASE)
MAX_HINT_PARTS = 4
#: Admin units whose governorate a hint naming them gives; a locality gives it only when an admin unit is named
#: after it (a district town: Afrin, Manbij), not any village a word of the hint happens to name.
HINT_PLACE_TYPES = frozenset({"district", "subdistrict"})
#: A place written as "A, B" lies at most compound.PARENT_KM from B, or AREA_KM from the centre of B when B is a
#: district or sub-district.
AREA_TYPES = frozenset({"district", "subdistrict"})
AREA_KM = 80.0

Point = tuple[float, float]


@dataclass(frozen=True)
class Hint:
    """A governorate hint as given: a filter (`strict`, the place is known to lie there) or a preference."""

    text: str | None
    strict: bool

    def as_kwargs(self) -> dict[str, str | None]:
        """The keyword of `Gazetteer.resolve` this hint is passed as."""
        return {"admin1": self.text} if self.strict else {"prefer_admin1": self.text}


@lru_cache(maxsize=1)
def _admin1_widening() -> dict[str, frozenset[str]]:
    """Governorate code -> codes a hint naming it also means (data/admin1_hints.csv)."""
    out: dict[str, set[str]] = {}
    with (DATA / "admin1_hints.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out.setdefault(row["code"], {row["code"]}).add(row["also"])
    return {k: frozenset(v) for k, v in out.items()}


def widen_admin1(codes: frozenset[str]) -> frozenset[str]:
    """The governorates a hint means: "Damascus" is the city and the countryside that encloses it."""
    table = _admin1_widening()
    return frozenset(c for code in codes for c in table.get(code, (code,)))


def names_of(place: Place) -> tuple[str, ...]:
    """The names a place is indexed under (its name alone when it lists none)."""
    return place.names or (place.name,)


class Gazetteer:
    """Place names to places: lookup by every spelling, ranked with context, honest when unsure."""

    def __init__(self, index: NameIndex) -> None:
        self._index = index
        self._governorates = [p for p in index.places if p.type == "governorate"]
        self._by_id = {p.id: p for p in index.places}
        self._admin1_cache: dict[str, frozenset[str]] = {}
        self._hint_places: dict[str, frozenset[str]] = {}
        self._resolved: OrderedDict[tuple, Resolution] = OrderedDict()  # answers are frozen: safe to share
        self._user: NameIndex | None = None

    @classmethod
    def load(cls, *, overlay: Path | None = None, use_cache: bool = True) -> Gazetteer:
        """The shipped gazetteer (index cached per user; built on first use)."""
        return cls(load_index(overlay, use_cache=use_cache))

    @classmethod
    def from_places(cls, places: Iterable[Place]) -> Gazetteer:
        """A gazetteer over the given places only (small ones for tests and custom lists)."""
        return cls(build_index(list(places)))

    def with_user_layer(self, places: Sequence[Place]) -> Gazetteer:
        """This gazetteer plus a user layer (names learned from a person's imports and corrections, `user_layer`).

        The shipped index is shared, not copied; the learned places are indexed apart and compete in every answer,
        each saying it is learned (`Place.source == "user"`, its sources in `source_id`).
        """
        governorates = {p.admin1: p.name for p in self._governorates}
        learned = [replace(p, admin1_name=p.admin1_name or governorates.get(p.admin1, "")) for p in places]
        out = Gazetteer(self._index)
        out._user = build_index(learned) if learned else None
        out._by_id.update({p.id: p for p in learned})
        return out

    @property
    def user_places(self) -> tuple[Place, ...]:
        """The user layer's places (none without one)."""
        return self._user.places if self._user is not None else ()

    def __len__(self) -> int:
        return len(self._index.places) + len(self.user_places)

    def get(self, place_id: str) -> Place | None:
        """The place with this id, or None."""
        return self._by_id.get(place_id)

    @property
    def places(self) -> tuple[Place, ...]:
        """Every place."""
        return self._index.places

    def clear_cache(self) -> None:
        """Forget remembered answers (they are kept only for speed; the data does not change under them)."""
        self._resolved.clear()

    def knows(self, name: str) -> bool:
        """True when `name` is, after folding, a name of some place (no fuzzy or skeleton match): for spotting."""
        key = fold(name)
        indexes = (self._index,) if self._user is None else (self._index, self._user)
        return bool(key) and any(key in ix.folded or plain(name) in ix.exact for ix in indexes)

    # -- lookup -------------------------------------------------------------------------------------------------

    def lookup(self, name: str, *, loose: bool = True, within: frozenset[str] = frozenset()) -> list[Hit]:
        """Every place one of whose names meets `name`, best match per place, before ranking (both layers).

        Without `loose`, only exact, folded and variant matches (no skeleton or fuzzy guesses). Loose matches are
        looked for only when no strict one is found; with `within` (governorate codes the place is known to lie in),
        also when every strict one lies outside them, and then only places inside them whose name differs from the
        query by short vowels written or left out (`fold.short_vowels_apart`): a namesake 290 km away does not hide
        the village of the right governorate ("Al Shajra" in Daraa is Ash Shajarah there, not Ash Shajrah in Homs)."""
        key = fold(name)
        if not key:
            return []
        hits = self._lookup_in(self._index, name, key, loose, within)
        return hits + self._lookup_in(self._user, name, key, loose, within) if self._user is not None else hits

    def _lookup_in(self, index: NameIndex, name: str, key: str, loose: bool,
                   within: frozenset[str] = frozenset()) -> list[Hit]:
        """`lookup` in one index."""
        places = index.places
        article = has_article(name)
        best: dict[int, tuple[float, int, str]] = {}  # place index -> (quality, name index, match)

        def add(postings, match: str, quality: float) -> None:
            for i, j in postings:
                q = quality + (ARTICLE_AGREEMENT if article and has_article(names_of(places[i])[j]) else 0.0)
                if i not in best or best[i][0] < q:
                    best[i] = (q, j, match)

        add(index.exact.get(plain(name), ()), "exact", MATCH_QUALITY["exact"])
        add(index.folded.get(key, ()), "folded", MATCH_QUALITY["folded"])
        for alt in (key, *variant_keys(name)):  # Thiban = Dhiban = Ziban; Sabkha = Sabka; Alzour = al-Zour
            add(index.variants.get(alt, ()), "variant", MATCH_QUALITY["variant"])
            if alt != key:
                add(index.folded.get(alt, ()), "variant", MATCH_QUALITY["variant"])

        def found() -> list[Hit]:
            return [Hit(places[i], names_of(places[i])[j], match, q) for i, (q, j, match) in best.items()]

        elsewhere = bool(best) and not any(in_admin1(places[i], within) for i in best) if within else False
        if not loose or (best and not elsewhere):  # a strict match: loose ones (score ≤ 0.95) would rank below it
            return found()
        keys = (key, *variant_keys(name))
        own = skeleton(name)
        similarity: dict[str, float] = {}
        for sk in dict.fromkeys((own, *(key_skeleton(k) for k in keys[1:]))):
            for i, j in index.skeletons.get(sk, ()):
                other = fold(names_of(places[i])[j])
                if other not in similarity:
                    vowels = any(short_vowels_apart(k, other) for k in keys)
                    if vowels and len(other) >= MIN_SHORT_VOWEL_KEY:
                        similarity[other] = MATCH_QUALITY["short vowels"]
                    elif sk == own and (vowels or not elsewhere):  # beside namesakes elsewhere: short vowels only
                        similarity[other] = round(MATCH_QUALITY["skeleton"] + SKELETON_SIMILARITY_WEIGHT
                                                  * (fuzz.ratio(key, other) / 100) ** 2, 4)
                    else:
                        similarity[other] = 0.0
                if similarity[other] and not (elsewhere and not in_admin1(places[i], within)):
                    add(((i, j),), "skeleton", similarity[other])
        if elsewhere:
            return found()
        for other, score, _ in self._fuzzy(index, key):
            add(index.folded[other], "fuzzy", round(FUZZY_WEIGHT * (score / 100) ** 2, 4))
        return found()

    @staticmethod
    def _fuzzy(index: NameIndex, key: str) -> list[tuple[str, float, int]]:
        """Folded keys similar to `key` among those sharing its first letter (bounded)."""
        if len(key) < FUZZY_MIN_LEN:
            return []
        bucket = index.buckets.get(key[0], ())
        return process.extract(key, bucket, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=FUZZY_LIMIT)

    # -- context ------------------------------------------------------------------------------------------------

    def admin1_codes(self, hint: str | None) -> frozenset[str]:
        """Governorate codes a hint names ("Deir ez Zor Governorate", "Dayr az Zawr", "SY09"); empty if none."""
        if not hint or not hint.strip():
            return frozenset()
        hint = hint.strip()
        if hint in self._admin1_cache:
            return self._admin1_cache[hint]
        codes = self._admin1_lookup(hint)
        if len(self._admin1_cache) < 4096:
            self._admin1_cache[hint] = codes
        return codes

    def _admin1_lookup(self, hint: str, depth: int = 0) -> frozenset[str]:
        """`admin1_codes` without its cache: the hint as a governorate name, then as a list of them ("Hama or
        Idlib", "Aleppo / Idlib"), then without direction words ("eastern Hama", "northern Aleppo")."""
        codes = {p.admin1 for p in self._governorates}
        if hint.upper() in codes:
            return widen_admin1(frozenset({hint.upper()}))
        name = parse_query(hint).name
        hits = [h for h in self.lookup(name) if h.place.type == "governorate"]
        if hits:
            top = max(h.quality for h in hits)
            return widen_admin1(frozenset(h.place.admin1 for h in hits
                                          if h.quality >= max(top - 0.05, HINT_QUALITY)))
        if depth > 0:
            return frozenset()
        parts = [p for p in _HINT_LIST.split(hint) if p.strip()]
        if len(parts) > 1:
            found = [self._admin1_lookup(p, depth + 1) for p in parts[:MAX_HINT_PARTS]]
            return frozenset().union(*found) if all(found) else frozenset()
        words = [w for w in hint.split() if w.casefold() not in DIRECTIONS]
        return self._admin1_lookup(" ".join(words), depth + 1) if words and len(words) < len(hint.split()) \
            else frozenset()

    def hint_codes(self, hint: str | None) -> frozenset[str]:
        """Governorate codes of a hint (`admin1_codes`), or, for a hint that names a district or the town it is
        named after ("Afrin", "Kobane"), the governorate it lies in: a dataset's admin1 column sometimes holds the
        nearest town. Only a whole-name, strict match counts."""
        codes = self.admin1_codes(hint)
        if codes or not hint or not hint.strip():
            return codes
        hint = hint.strip()
        if hint not in self._hint_places:
            r = self.resolve(hint)
            place = r.place if r.candidates and r.best.match not in LOOSE_MATCHES and not r.unresolved_part \
                and "resolved by its part" not in r.note else None
            named = place is not None and bool(place.admin1) and (place.type in HINT_PLACE_TYPES or place.seat)
            self._hint_places[hint] = widen_admin1(frozenset({place.admin1})) if named else frozenset()
            if len(self._hint_places) > 4096:
                self._hint_places.pop(next(iter(self._hint_places)))
        return self._hint_places[hint]

    def _near_points(self, near: object) -> tuple[Point, ...]:
        """Normalize `near`: a (lat, lon), a Place, or an iterable of those."""
        if near is None:
            return ()
        if isinstance(near, Place):
            return (near.point,)
        if isinstance(near, Sequence) and len(near) == 2 and all(isinstance(v, (int, float)) for v in near):
            return (check_coordinates(near[0], near[1]),)
        if isinstance(near, Iterable) and not isinstance(near, (str, bytes)):
            return tuple(pt for item in near for pt in self._near_points(item))
        raise InvalidQuery(f"near must be (lat, lon), a Place or a list of them, got {near!r}")

    # -- resolve ------------------------------------------------------------------------------------------------

    def resolve(self, name: str, *, admin1: str | None = None, near: object = None, limit: int = 5,
                prefer_admin1: str | None = None) -> Resolution:
        """Rank the places `name` may be, in context; resolved only when confident.

        `admin1` is a governorate the place is known to lie in (a dataset's column, a person's answer), in any
        spelling: a filter, which an answer outside passes only with places named beside it (and says so).
        `prefer_admin1` is a governorate the surrounding text is mostly about: a preference, not a filter ("Aleppo"
        in an article about Idlib is still Aleppo). `near` is a (lat, lon), a Place or a list of them (the other
        places named in the same sentence or document). The answer keeps up to `limit` candidates.
        """
        if not isinstance(name, str):
            raise InvalidQuery(f"name must be text, got {type(name).__name__}")
        if limit < 1:
            raise InvalidQuery(f"limit must be at least 1, got {limit}")
        points = self._near_points(near)
        key = (name, admin1, points, limit, prefer_admin1)
        cached = self._resolved.get(key)
        if cached is not None:
            self._resolved.move_to_end(key)
            return cached
        hint = Hint(admin1, strict=True) if admin1 and admin1.strip() else Hint(prefer_admin1, strict=False)
        answer = self._resolve(name, hint, points, limit)
        self._resolved[key] = answer
        if len(self._resolved) > RESOLUTION_CACHE:
            self._resolved.popitem(last=False)
        return answer

    def _resolve(self, name: str, hint: Hint, points: tuple[Point, ...], limit: int) -> Resolution:
        """`resolve` without its cache: the string as written, then (when that fails) the parts of a compound."""
        whole = self._resolve_one(name, name, hint, points, limit)
        if whole.resolved or any(c.match not in LOOSE_MATCHES for c in whole.candidates):
            return whole  # the name as written meets places: an honest "ambiguous" is not loosened away
        codes = self.hint_codes(hint.text)
        for attempt in attempts(name):
            if attempt.parent_fallback and self.admin1_codes(attempt.name):
                continue  # "Taftanaz, Aleppo": a governorate says nothing the hint does not
            part = self._resolve_one(name, attempt.name, hint, points, limit, parent=attempt.parent,
                                     strict=attempt.strict, within_km=attempt.within_km)
            if not part.resolved:
                continue
            if attempt.landmark and not (codes and in_admin1(part.candidates[0].place, codes)):
                continue  # "Tishreen Dam", "Al-Shifa Hospital": named after a date or an idea, unless the area agrees
            return self._from_part(part, attempt)
        return whole

    def _resolve_one(self, query_text: str, name: str, hint: Hint, points: tuple[Point, ...], limit: int,
                     *, parent: str = "", strict: bool = False, within_km: float | None = None) -> Resolution:
        """Rank the places one name may be; `parent` is a place named around it, `strict` drops loose matches."""
        query = parse_query(name)
        if not fold(query.name):
            return Resolution(query=query_text, reason="no candidate")
        codes = self.hint_codes(hint.text)
        context = parent or query.context
        anchor = None
        if context:
            named = self.admin1_codes(context)
            codes = codes or named
            above = self.resolve(context, limit=1, **hint.as_kwargs())
            if above.place is not None and above.place.type != "governorate":
                anchor = above.place.point
                points = (*points, anchor)
                if within_km is None and not parent and not named and not above.unresolved_part:
                    within_km = PARENT_KM if above.place.type not in AREA_TYPES else AREA_KM  # "A, B": A is near B
        ctx = Context(admin1=codes, near=points, type_hint=query.type_hint, near_qualifier=query.near,
                      countryside="countryside" in query.qualifier, admin1_filter=hint.strict)
        hits = self.lookup(query.name, loose=not strict, within=codes if hint.strict else frozenset())
        if anchor is not None and within_km is not None:
            hits = [h for h in hits if distance_km(h.place.point, anchor) <= within_km]
        candidates = rank(hits, ctx, limit=limit)
        conf, reason = confidence(candidates)
        resolved = bool(candidates) and conf >= THRESHOLD
        outside = resolved and codes and hint.strict and not in_admin1(candidates[0].place, codes)
        if outside and candidates[0].context <= 0:  # a filter: outside it only with places named beside it
            resolved, reason = False, "outside the hinted governorate"
        notes = [OUTSIDE_HINT] if outside else []
        if candidates and candidates[0].place.source == "user":
            notes.append(f"learned from your data ({candidates[0].place.source_id})")
        note = "; ".join(notes)
        return Resolution(query=query_text, candidates=tuple(candidates[:limit]), confidence=conf, resolved=resolved,
                          qualifier=query.qualifier, reason=reason, note=note)

    @staticmethod
    def _from_part(part: Resolution, attempt: Attempt) -> Resolution:
        """The answer found for one part of a compound: `near` when the part only locates the whole."""
        candidates = part.candidates
        if attempt.near:  # "A, B": B is an area around A (district at best); "B - A", "A Sharqi": near B
            coarse = Precision.DISTRICT if attempt.parent_fallback else Precision.NEAR
            candidates = tuple(replace(c, precision=coarse) if c.precision in (Precision.EXACT, Precision.NEAR)
                               else c for c in candidates)
        said = f"resolved by its part {attempt.name!r}" + (f" (not found: {attempt.leftover!r})" if attempt.leftover
                                                           else "")
        return replace(part, candidates=candidates, unresolved_part=attempt.leftover,
                       qualifier=part.qualifier or ("near" if attempt.near else ""),
                       note="; ".join(n for n in (said, part.note) if n))
