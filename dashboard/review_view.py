"""What the Review page and the correction controls show and do, computed without Streamlit.

    kind_counts(queue_counts(store))           # [(kind, label, n)], in the queue's order, kinds with items first
    page_bounds(total, page, per_page)         # which items a page holds, and how many pages there are
    sentence_html(item)                        # the sentence as escaped HTML, the span in <mark>
    place_choices(candidates, gazetteer)       # an item's candidates as places a person can pick
    typed_choices(gazetteer, "Jourah")         # a name typed in any spelling, resolved by the shipped gazetteer
    checked_window(lo, hi)                     # a window a person set, checked (ValueError naming the field)

Everything shown comes from documents and is untrusted: the HTML built here escapes it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from dashboard.account_text import escape_html
from gazetteer import Gazetteer, InvalidQuery

#: Items shown per page of the queue.
PER_PAGE = 10

_RUNNER_UP = re.compile(r"^(?P<name>.*) \((?P<id>[^,()]+), (?P<score>[0-9.]+)\)$")


# -- the queue ------------------------------------------------------------------------------------------------------


def kind_counts(counts: Mapping[str, int], labels: Mapping[str, str]) -> list[tuple[str, str, int]]:
    """(kind, label, number of items) for every kind of the queue, in the labels' order; an unknown kind last."""
    kinds = [*labels, *(k for k in counts if k not in labels)]
    return [(k, labels.get(k, k.replace("_", " ")), int(counts.get(k, 0))) for k in kinds]


def counts_caption(rows: Sequence[tuple[str, str, int]]) -> str:
    """The queue's size in words: "12 items to review" or "Nothing to review"."""
    total = sum(n for _, _, n in rows)
    if not total:
        return "Nothing to review: every account has a place, a date and a confident reading."
    return f"{total:,} item{'' if total == 1 else 's'} to review"


def page_bounds(total: int, page: int, per_page: int = PER_PAGE) -> tuple[int, int, int]:
    """(first, end, pages): the slice of items page `page` (1-based, clamped) shows, and how many pages there are."""
    if per_page < 1:
        raise ValueError(f"per_page must be at least 1, got {per_page}")
    pages = max(1, -(-max(total, 0) // per_page))
    page = min(max(int(page), 1), pages)
    first = (page - 1) * per_page
    return first, min(first + per_page, max(total, 0)), pages


def _span_in(sentence: str, span: Sequence[int] | None, sentence_start: int | None) -> tuple[int, int] | None:
    """The span as offsets in the sentence (document offsets moved by the sentence's start), or None."""
    if not span or len(span) != 2:
        return None
    start, end = int(span[0]), int(span[1])
    if sentence_start:
        start, end = start - sentence_start, end - sentence_start
    return (start, end) if 0 <= start < end <= len(sentence) else None


def sentence_html(sentence: str, span: Sequence[int] | None = None, sentence_start: int | None = None) -> str:
    """The sentence as escaped HTML on one paragraph, the span (the words the item is about) in <mark>."""
    sentence = sentence or ""
    inside = _span_in(sentence, span, sentence_start)
    if inside is None:
        body = escape_html(sentence)
    else:
        a, b = inside
        body = escape_html(sentence[:a]) + f"<mark>{escape_html(sentence[a:b])}</mark>" + escape_html(sentence[b:])
    return f"<p>{body.strip().replace(chr(10), '<br>')}</p>"


def settled_text(settled: int) -> str:
    """What a correction did to the queue, in words."""
    if settled <= 0:
        return "No other item of the queue was settled by it."
    return f"It settled {settled} item{'' if settled == 1 else 's'} of the queue."


# -- places a person can pick ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceChoice:
    """A place a person may pick for a mention: what the correction stores."""

    place_id: str
    name: str
    lat: float
    lon: float
    precision: str
    label: str


def _precision(place) -> str:
    """The precision a picked place gives: a governorate or district is that wide; anything else is exact."""
    return {"governorate": "governorate", "district": "district", "subdistrict": "district",
            "country": "country"}.get(getattr(place, "type", ""), "exact")


def _choice(place, note: str = "") -> PlaceChoice:
    where = f", {place.admin1_name}" if place.admin1_name and place.admin1_name != place.name else ""
    label = f"{place.name} [{place.type}]{where}" + (f" ({note})" if note else "")
    return PlaceChoice(place.id, place.name, float(place.lat), float(place.lon), _precision(place), label)


def place_choices(candidates: Iterable, gazetteer: Gazetteer) -> list[PlaceChoice]:
    """An item's candidates as places: the queue's {place_id, name, …}, gazetteer candidates, places, or runner-up
    strings "Name (id, 0.42)".

    A candidate whose place the gazetteer does not know is left out.
    """
    out: dict[str, PlaceChoice] = {}
    for c in candidates or ():
        place = getattr(c, "place", None) or (c if hasattr(c, "lat") and hasattr(c, "id") else None)
        if place is None and isinstance(c, str):
            m = _RUNNER_UP.match(c.strip())
            place = gazetteer.get(m["id"]) if m else None
        if place is None and isinstance(c, Mapping) and c.get("place_id"):
            place = gazetteer.get(str(c["place_id"]))
        if place is not None and place.id not in out:
            out[place.id] = _choice(place)
    return list(out.values())


def typed_choices(gazetteer: Gazetteer, name: str, admin1: str | None = None, limit: int = 5) -> list[PlaceChoice]:
    """The places a typed name may be (in any spelling or script), best first; [] when nothing matches."""
    name = (name or "").strip()
    if not name:
        return []
    try:
        resolution = gazetteer.resolve(name, prefer_admin1=admin1, limit=limit)
    except InvalidQuery:
        return []
    return [_choice(c.place) for c in resolution.candidates]


# -- a date window --------------------------------------------------------------------------------------------------


def checked_window(lo: dt.date | None, hi: dt.date | None) -> tuple[dt.date, dt.date]:
    """A window a person set: both ends, the first not after the last (ValueError naming the field otherwise)."""
    if not isinstance(lo, dt.date) or not isinstance(hi, dt.date):
        raise ValueError("date window: set both the first and the last day")
    if lo > hi:
        raise ValueError(f"date window: the first day {lo.isoformat()} is after the last {hi.isoformat()}")
    return lo, hi


# -- incidents a person might merge with --------------------------------------------------------------------------

#: How far (km) and how many days apart an incident may be to be offered for a merge.
NEARBY_KM = 30.0
NEARBY_DAYS = 7


def _km(lat1: float, lon1: float, lat2, lon2):
    """Great-circle distance in km (vectorised over lat2, lon2)."""
    import numpy as np

    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2) - np.radians(lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(a))


#: Precisions whose point stands for a whole area: its distance to another point says nothing.
AREA_PRECISIONS = ("district", "governorate", "country")


def _area_only(precision, lat) -> bool:
    """True when an incident is placed no better than an area (or not at all)."""
    return lat != lat or lat is None or precision in AREA_PRECISIONS


def _codes(value) -> tuple[str, ...]:
    """The governorate codes of a frame's cell (a tuple of codes, one code, or nothing)."""
    if isinstance(value, str):
        return (value,) if value else ()
    return tuple(v for v in value if v) if isinstance(value, (tuple, list)) else ()


def nearby_incidents(frame, incident_id: str, *, km: float = NEARBY_KM, days: int = NEARBY_DAYS,
                     limit: int = 10) -> list[tuple[str, str]]:
    """(id, label) of the incidents closest to `incident_id` in place and time (a merge's candidates), nearest first.

    Undated or unplaced incidents on either side match on what is known; so does an incident placed only to a
    district, a governorate or the country (its point is the area's middle, not where it happened), within the
    same governorate when both name one. The incident itself is left out.
    """
    import pandas as pd

    rows = frame[frame["id"] == incident_id]
    if rows.empty:
        return []
    me = rows.iloc[0]
    others = frame[frame["id"] != incident_id]
    lat = float(me["lat"]) if pd.notna(me["lat"]) else float("nan")
    dist = pd.Series(_km(lat, float(me["lon"]) if lat == lat else 0.0, others["lat"].astype(float),
                         others["lon"].astype(float)), index=others.index)
    area = pd.Series([_area_only(p, la) for p, la in zip(others["precision"], others["lat"].astype(float))],
                     index=others.index, dtype=bool) | _area_only(me["precision"], lat)
    mine = set(_codes(me["admin1"]))
    same_gov = pd.Series([not mine or not set(_codes(g)) or bool(mine & set(_codes(g))) for g in others["admin1"]],
                         index=others.index, dtype=bool)
    others = others.assign(km_away=dist.where(~area))[(area & same_gov) | (dist <= km)]
    lo, hi = me["date_min"], me["date_max"]
    if isinstance(lo, dt.date) or isinstance(hi, dt.date):
        lo, hi = lo if isinstance(lo, dt.date) else hi, hi if isinstance(hi, dt.date) else lo
        span = dt.timedelta(days=days)

        def close(row) -> bool:
            a = row.date_min if isinstance(row.date_min, dt.date) else row.date_max
            b = row.date_max if isinstance(row.date_max, dt.date) else row.date_min
            return a is None or (a <= hi + span and b >= lo - span)

        others = others[[close(r) for r in others.itertuples()]] if len(others) else others
    others = others.sort_values(["km_away", "id"], na_position="last").head(limit)
    return [(r.id, incident_label(r)) for r in others.itertuples()]


def incident_label(row) -> str:
    """One line naming an incident of the frame: "Hajin · 2018-10-03 · 17–25 killed · 12 km away"."""
    from incidents.maps.popups import date_window as window_text, figure_range

    away = getattr(row, "km_away", float("nan"))
    where = f" · {away:.0f} km away" if away == away else ""
    return (f"{row.place or 'place unresolved'} · {window_text(row.date_min, row.date_max)} · "
            f"{figure_range(row.killed_min, row.killed_max)}{where}")


# -- the store: the queue and corrections (incidents.review, incidents.corrections) ------------------------------


def queue_page(store_path, kinds: Sequence[str] | None, page: int, per_page: int = PER_PAGE):
    """(items of page `page`, their total, counts per kind) of the store's review queue, read in one connection."""
    from incidents.review import queue_counts, review_queue
    from incidents.store import Store

    with Store(store_path) as store:
        counts = queue_counts(store)
        total = sum(counts.get(k, 0) for k in kinds) if kinds else sum(counts.values())
        first, end, _ = page_bounds(total, page, per_page)
        items = review_queue(store, kinds=list(kinds) if kinds else None, limit=end - first, offset=first)
    return items, total, counts


def sentence_start(text: str | None, sentence: str, span: Sequence[int] | None) -> int | None:
    """Where `sentence` stands in the document's `text` around `span` (its offsets in the text), or None."""
    if not text or not sentence or not span:
        return None
    at = text.find(sentence, max(0, int(span[1]) - len(sentence)))
    return at if 0 <= at <= int(span[0]) else None


def apply_correction(store_path, kind: str, *, author: str, reason: str, **fields):
    """Record a correction in the store; (the correction, how many queue items it settled).

    LookupError or ValueError (naming the field) when the correction does not apply; nothing is then stored.
    """
    from incidents.corrections import correct, settled_by
    from incidents.store import Store

    fields = {k: v for k, v in fields.items() if v is not None}
    with Store(store_path) as store:
        done = correct(store, kind, author=author, reason=reason or "", **fields)
        return done, settled_by(store, done.id)


def undo_correction(store_path, correction_id: int, *, author: str, reason: str = ""):
    """Undo a correction; the undoing correction."""
    from incidents.corrections import undo
    from incidents.store import Store

    with Store(store_path) as store:
        return undo(store, correction_id, author=author, reason=reason)


def incident_history(store_path, incident_id: str) -> list | None:
    """The corrections that touched an incident, oldest first (None when this install keeps no corrections)."""
    try:
        from incidents.corrections import history
    except ImportError:
        return None
    from incidents.store import Store

    with Store(store_path) as store:
        return history(store, incident_id)


@dataclass(frozen=True)
class Target:
    """What a correction control acts on: one account, where its text is, and what a person may pick for it."""

    account_id: str
    document_id: str | None = None
    span: tuple[int, int] | None = None  # the quote's span in the document
    place_span: tuple[int, int] | None = None  # the place mention a place correction is about (else `span`)
    incident_id: str | None = None
    candidates: tuple[PlaceChoice, ...] = ()
    admin1: str | None = None
    date_min: dt.date | None = None
    date_max: dt.date | None = None
    other_incident_id: str | None = None  # a suggested merge
    other_account_id: str | None = None


def account_target(account, incident_id: str | None, gazetteer: Gazetteer) -> Target:
    """What the Incident page's controls correct for one account: its quote, and the place mention a place
    correction is about (the first unresolved one, else the first), with that mention's candidates."""
    mentions = list(account.places)
    mention = next((m for m in mentions if not m.name), mentions[0] if mentions else None)
    candidates: list[PlaceChoice] = []
    if mention is not None:
        if mention.place_id and gazetteer.get(mention.place_id):
            candidates.append(_choice(gazetteer.get(mention.place_id)))
        candidates += place_choices(mention.runners_up, gazetteer)
        candidates += typed_choices(gazetteer, mention.text, mention.admin1)
    unique = {c.place_id: c for c in candidates}
    return Target(account_id=account.id, document_id=account.document_id, span=(account.start, account.end),
                  place_span=(mention.start, mention.end) if mention is not None else None, incident_id=incident_id,
                  candidates=tuple(unique.values()), admin1=mention.admin1 if mention is not None else None,
                  date_min=account.date_min, date_max=account.date_max)
