"""What the Review page and the correction controls show and do, computed without Streamlit.

    kind_counts(queue_counts(store))           # [(kind, label, n)], in the queue's order, kinds with items first
    page_bounds(total, page, per_page)         # which items a page holds, and how many pages there are
    sentence_html(item)                        # the sentence as escaped HTML, the span in <mark>
    place_choices(candidates, gazetteer)       # an item's candidates as places a person can pick
    typed_choices(gazetteer, "Jourah")         # a name typed in any spelling, resolved by the shipped gazetteer
    date_window(lo, hi)                        # a window a person set, checked (ValueError naming the field)

Everything shown comes from documents and is untrusted: the HTML built here escapes it.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

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
        body = html.escape(sentence)
    else:
        a, b = inside
        body = html.escape(sentence[:a]) + f"<mark>{html.escape(sentence[a:b])}</mark>" + html.escape(sentence[b:])
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
    """An item's candidates as places: gazetteer candidates, places, or runner-up strings "Name (id, 0.42)".

    A candidate whose place the gazetteer does not know is left out.
    """
    out: dict[str, PlaceChoice] = {}
    for c in candidates or ():
        place = getattr(c, "place", None) or (c if hasattr(c, "lat") and hasattr(c, "id") else None)
        if place is None and isinstance(c, str):
            m = _RUNNER_UP.match(c.strip())
            place = gazetteer.get(m["id"]) if m else None
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


def date_window(lo: dt.date | None, hi: dt.date | None) -> tuple[dt.date, dt.date]:
    """A window a person set: both ends, the first not after the last (ValueError naming the field otherwise)."""
    if not isinstance(lo, dt.date) or not isinstance(hi, dt.date):
        raise ValueError("date window: set both the first and the last day")
    if lo > hi:
        raise ValueError(f"date window: the first day {lo.isoformat()} is after the last {hi.isoformat()}")
    return lo, hi
