"""The review queue: what the machine read that a person should check before it is published.

    queue_counts(store)                       # {"unresolved_place": 12, "ambiguous_place": 3, …}: SQL counts
    review_queue(store, kinds=["ambiguous_place"], limit=50)   # one page of ReviewItem, oldest account first

The kinds (`KINDS`), each decided once per account when it is stored or corrected (`account_kinds`, kept in the
store's ``review_flags`` table), so counting and paging never decode an account:

- ``unresolved_place``: the account has no point (the text names no place, or none the gazetteer could place), or
  only a district or wider one while a name it gives is unresolved.
- ``ambiguous_place``: the same, where an unresolved name has a candidate scoring `AMBIGUOUS_SCORE` or more that
  the gazetteer would not choose alone (the item lists the candidates).
- ``low_confidence``: the account is placed, but a place it names was resolved with a gazetteer confidence below
  `LOW_CONFIDENCE` (the gazetteer resolves from 0.75; the extractor keeps the confidence on each place mention).
  Places a person set or a dataset gave are never low.
- ``undated``: neither end of the account's date window is known.
- ``imported_far``: an imported dataset row whose coordinates lie far from the place it names (the importer's
  "coordinates N km from X (gazetteer)" note), until a person sets its place.
- ``possible_merge``: two incidents a person might want to merge: their claimants differ, and either their accounts
  lie within `MERGE_KM` on overlapping days (asked of the store's spatial and temporal index when an incident is
  written), or one account is placed only to an area (district, governorate, country) and the other lies within
  its reach (`AREA_KM`) on overlapping days, or they come from one article and one of them has no point. A split
  between them settles it.

A correction (`incidents.corrections`) settles items: the account's flags are worked out again from the account as
corrected.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache

from gazetteer import distance_km

from .learning import FROM_CORRECTION, FROM_DATASET
from .model import Account, PlaceMention

KINDS = ("unresolved_place", "ambiguous_place", "low_confidence", "undated", "imported_far", "possible_merge")
KIND_LABELS = {
    "unresolved_place": "Place unresolved",
    "ambiguous_place": "Place ambiguous",
    "low_confidence": "Place uncertain",
    "undated": "Date unknown",
    "imported_far": "Imported coordinates far from the named place",
    "possible_merge": "Possibly the same incident",
}
#: A resolved place below this gazetteer confidence is worth a look.
LOW_CONFIDENCE = 0.85
#: An unresolved name whose best candidate scores this much is ambiguous (a person picks), else unresolved.
AMBIGUOUS_SCORE = 0.5
#: Incidents with different claimants this close, on overlapping days, might be one.
MERGE_KM = 10.0
#: How far (km) from its point an account placed only to an area may have happened: such an account ("a town in
#: eastern Syria") and an incident of another claimant within this reach on overlapping days might be one.
AREA_KM = {"district": 40.0, "governorate": 150.0, "country": 450.0}
#: The importer's note of coordinates far from the place a row names.
FAR_NOTE = re.compile(r"^coordinates \d+ km from .+ \(gazetteer\)$")
_RUNNER_UP = re.compile(r"^(?P<name>.*) \((?P<id>[^,()]+), (?P<score>[\d.]+)\)$")
_ACCOUNT_KINDS = KINDS[:-1]


@dataclass(frozen=True)
class ReviewItem:
    """One thing for a person to check, with the text it is about and why it is in the queue."""

    kind: str
    account_id: str | None
    incident_id: str | None
    document_id: str | None
    span: tuple[int, int] | None  # of the mention (place kinds) or the sentence in the document's text
    sentence: str
    title: str
    detail: str
    candidates: tuple[dict, ...] = ()  # {place_id, name, lat, lon, admin1, score}
    other_incident_id: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"review item kind must be one of {', '.join(KINDS)}, got {self.kind!r}")

    @property
    def label(self) -> str:
        """The kind in words."""
        return KIND_LABELS[self.kind]

    def to_json(self) -> dict:
        """The item as JSON-ready values (the span a list, the kind's label added)."""
        d = asdict(self)
        d["span"] = list(self.span) if self.span else None
        d["candidates"] = [dict(c) for c in self.candidates]
        d["label"] = self.label
        return d


# -- deciding the kinds of one account ------------------------------------------------------------------------


def _unplaced(a: Account) -> list[PlaceMention]:
    return [m for m in a.places if not m.resolved]


def _score(runner_up: str) -> float:
    found = _RUNNER_UP.match(runner_up)
    return float(found["score"]) if found else 0.0


def account_kinds(a: Account) -> list[str]:
    """The queues an account (as corrected) belongs to, in the order of KINDS."""
    kinds = []
    coarse = not any(m.resolved and m.precision in ("exact", "near") for m in a.places)
    unplaced = _unplaced(a)
    if a.point is None or (coarse and unplaced):
        close = any(m.runners_up and _score(m.runners_up[0]) >= AMBIGUOUS_SCORE for m in unplaced)
        kinds.append("ambiguous_place" if close else "unresolved_place")
    elif any(m.resolved and m.why not in (FROM_CORRECTION, FROM_DATASET) and m.confidence < LOW_CONFIDENCE
             for m in a.places):
        kinds.append("low_confidence")
    if a.date_min is None and a.date_max is None:
        kinds.append("undated")
    if any(FAR_NOTE.match(d) for d in a.details) and not any(m.why == FROM_CORRECTION for m in a.places):
        kinds.append("imported_far")
    return kinds


def area_reach(precisions: Iterable[str | None]) -> float | None:
    """How far (km) an account placed only to an area may have happened from its point (the finest area it names);
    None when it names a village or a point (`precisions`: its resolved mentions')."""
    found = [p for p in precisions if p]
    if not found or any(p not in AREA_KM for p in found):
        return None
    return min(AREA_KM[p] for p in found)


def merge_pairs(near: Iterable[tuple], same: Iterable[tuple], claimants: dict[str, set[str]],
                apart: set[frozenset], area: Iterable[tuple] = ()) -> dict[tuple[str, str], float | None]:
    """Pairs of incidents a person might merge, with the km between their closest accounts (None: one unplaced or
    placed only to an area).

    `near`: (incident, point, other incident, other point) of accounts the index found close on overlapping days;
    `same`: (incident, point, window, other incident, other point, other window) of accounts of one article;
    `area`: (incident, point, reach, other incident, other point, other reach) of accounts on overlapping days, a
    reach (km, `area_reach`) where an account is placed only to an area;
    `claimants`: each incident's claimants (folded); `apart`: pairs of incidents a person split."""
    out: dict[tuple[str, str], float | None] = {}

    def add(a: str | None, b: str | None, km: float | None) -> None:
        if not a or not b or a == b or claimants.get(a, set()) & claimants.get(b, set()) or \
                frozenset((a, b)) in apart:
            return
        key = (a, b) if a < b else (b, a)
        if key not in out or (km is not None and (out[key] is None or km < out[key])):
            out[key] = None if km is None else round(km, 1)

    for a, p, b, q in near:
        km = distance_km(p, q)
        if km <= MERGE_KM:
            add(a, b, km)
    for a, p, (a0, a1), b, q, (b0, b1) in same:
        if (a1 and b0 and a1 < b0) or (b1 and a0 and b1 < a0):
            continue
        if p is None or q is None:
            add(a, b, None)
        elif distance_km(p, q) <= MERGE_KM:
            add(a, b, distance_km(p, q))
    for a, p, reach, b, q, other_reach in area:
        widest = max(reach or 0.0, other_reach or 0.0)
        if widest and distance_km(p, q) <= widest:
            add(a, b, None)
    return out


# -- the queue ------------------------------------------------------------------------------------------------


def queue_counts(store) -> dict[str, int]:
    """How many items of each kind wait (every kind present, 0 when none): counted in SQL."""
    counts = dict.fromkeys(KINDS, 0)
    counts.update(store.review_counts())
    return counts


def review_queue(store, *, kinds: Iterable[str] | None = None, limit: int | None = None, offset: int = 0,
                 gazetteer=None) -> list[ReviewItem]:
    """The items waiting, kind by kind in the order of KINDS (accounts by id within a kind), one page of `limit`
    from `offset`. Only the page's accounts are decoded; `gazetteer` (loaded when needed) gives the candidates'
    points of an ambiguous place."""
    wanted = list(KINDS) if kinds is None else list(dict.fromkeys(kinds))
    bad = [k for k in wanted if k not in KINDS]
    if bad:
        raise ValueError(f"review kind must be one of {', '.join(KINDS)}, got {bad[0]!r}")
    if limit is not None and limit < 0 or offset < 0:
        raise ValueError(f"limit and offset must not be negative, got {limit} and {offset}")
    items: list[ReviewItem] = []
    skip = offset
    for kind in wanted:
        room = None if limit is None else limit - len(items)
        if room is not None and room <= 0:
            break
        n = store.review_counts().get(kind, 0)
        if skip >= n:
            skip -= n
            continue
        if kind == "possible_merge":
            items.extend(_merge_items(store, store.merge_candidates(limit=room, offset=skip)))
        else:
            items.extend(_account_items(store, kind, store.flagged(kind, limit=room, offset=skip), gazetteer))
        skip = 0
    return items


def _title(doc) -> str:
    if doc is None:
        return "unknown article"
    return doc["title"] or f"{doc['file']}, article {doc['article'] + 1}"


def _account_items(store, kind: str, rows: Sequence[tuple], gazetteer) -> list[ReviewItem]:
    """Items of one account kind; rows: (account as corrected, incident id, document's title/file/article)."""
    out = []
    for a, incident_id, doc in rows:
        span: tuple[int, int] = (a.start, a.end)
        candidates: tuple[dict, ...] = ()
        if kind in ("unresolved_place", "ambiguous_place"):
            m = next(iter(_unplaced(a)), None)
            if m is not None:
                span = (m.start, m.end)
                candidates = _candidates(m, a, gazetteer)
            detail = _place_detail(kind, a, m, candidates)
        elif kind == "low_confidence":
            m = min((m for m in a.places if m.resolved), key=lambda m: m.confidence)
            span = (m.start, m.end)
            candidates = _candidates(m, a, gazetteer)
            detail = f"“{m.text}” read as {m.name} with confidence {m.confidence:.2f}"
        elif kind == "undated":
            detail = (f"the date as written, “{a.date_text}”, gives no day" if a.date_text else
                      "no date found in the sentence or the article")
        else:
            detail = next((d for d in a.details if FAR_NOTE.match(d)), "coordinates far from the named place")
        out.append(ReviewItem(kind, a.id, incident_id, a.document_id, span, a.quote, _title(doc), detail,
                              candidates))
    return out


def _place_detail(kind: str, a: Account, m: PlaceMention | None, candidates: Sequence[dict]) -> str:
    if m is None:
        return f"{a.claimed_by}'s claim names no place the text gives"
    if kind == "ambiguous_place":
        names = ", ".join(f"{c['name']}" + (f" ({c['admin1']})" if c.get("admin1") else "") for c in candidates)
        return f"“{m.text}” may be {len(candidates)} places: {names}"
    return f"no place found for “{m.text}”"


@lru_cache(maxsize=1)
def _shipped_gazetteer():
    from gazetteer import Gazetteer

    return Gazetteer.load()


def _candidates(m: PlaceMention, a: Account, gazetteer) -> tuple[dict, ...]:
    """The places a mention may be: the runners-up the extractor kept, else the gazetteer's answer for the name as
    written in the governorate of the account's other places."""
    out = []
    for text in m.runners_up:
        found = _RUNNER_UP.match(text)
        if found:
            out.append({"place_id": found["id"], "name": found["name"], "score": float(found["score"])})
    if out or m.resolved:
        gaz = gazetteer or _shipped_gazetteer()
        for c in out:
            p = gaz.get(c["place_id"])
            c.update(lat=p.lat if p else None, lon=p.lon if p else None, admin1=p.admin1 if p else None)
        return tuple(out)
    gaz = gazetteer or _shipped_gazetteer()
    admin1 = next((p.admin1 for p in a.places if p.admin1), None)
    r = gaz.resolve(m.text, prefer_admin1=admin1)
    return tuple({"place_id": c.place.id, "name": c.place.name, "lat": c.place.lat, "lon": c.place.lon,
                  "admin1": c.place.admin1, "score": round(c.score, 2)} for c in r.candidates)


def _merge_items(store, pairs: Sequence[tuple[str, str, float | None]]) -> list[ReviewItem]:
    """Items of incidents that might be one: what each claims, how far apart."""
    incidents = {i.id: i for i in store.incidents_by_ids(sorted({x for a, b, _ in pairs for x in (a, b)}))}
    out = []
    for a, b, km in pairs:
        first, second = incidents.get(a), incidents.get(b)
        if first is None or second is None:
            continue
        who = " and ".join(", ".join(dict.fromkeys(x.claimed_by for x in i.accounts)) for i in (first, second))
        where = f"{km:.1f} km apart" if km is not None else (
            "from one article, one of them unplaced" if _one_article(first, second) else
            "one of them placed only to a district, governorate or country")
        acc = first.accounts[0]
        docs = store.document_titles([acc.document_id])
        out.append(ReviewItem("possible_merge", acc.id, a, acc.document_id, (acc.start, acc.end), acc.quote,
                              _title(docs.get(acc.document_id)),
                              f"{where}, days that do not conflict, claimed by {who}: "
                              f"{first.place or 'place unresolved'} / {second.place or 'place unresolved'}",
                              other_incident_id=b))
    return out


def _one_article(first, second) -> bool:
    return bool({a.document_id for a in first.accounts} & {a.document_id for a in second.accounts})


def day(value) -> dt.date | None:
    """A day from a column (ISO text on SQLite, a date on PostgreSQL)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def by_document(rows: Iterable[tuple]) -> dict[str, list[tuple]]:
    """Rows grouped by their first value."""
    out: dict[str, list[tuple]] = defaultdict(list)
    for r in rows:
        out[r[0]].append(r[1:])
    return out
