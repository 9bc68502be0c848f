"""Which incidents a view holds: the incidents as a frame, and the filters the dashboard and the exports share.

    frame = incidents_frame(store.incidents())         # one row per incident, what filters and maps read
    filters = Filters(date_from=dt.date(2017, 6, 1), claimants=("SOHR",), disputed_only=True)
    filter_frame(frame, filters, gazetteer)             # the rows the filters keep
    select(store.incidents(), filters, gazetteer)       # the incidents themselves, in the same order
    describe(filters)                                   # "from 2017-06-01; claimed by SOHR; disputed only"

A filter left at its default keeps everything. A date filter keeps incidents whose window meets it, and undated
incidents too (a date filter cannot say they fall outside it), unless `undated` is off.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import TypeVar

import numpy as np
import pandas as pd

from gazetteer import Gazetteer, distance_km, fold

from . import claimants as registry
from .export import figures_in_words
from .model import PRECISIONS, VICTIMS, Account, Incident

#: A search keeps incidents within this distance of the place it resolves to.
SEARCH_RADIUS_KM = 10.0
#: Candidates of a search at least this good count as the place searched for (an ambiguous name finds them all).
SEARCH_MIN_SCORE = 0.9

#: The columns of the incidents frame, in order. admin1, outlets, claimants and victims hold tuples; claims holds
#: text (`claims_text`), put in words for the rows shown (`claims_of`).
FRAME_COLUMNS = ("id", "lat", "lon", "place", "precision", "date_min", "date_max", "killed_min", "killed_max",
                 "sources", "disputed", "accounts", "admin1", "outlets", "claimants", "victims", "names", "claims")

H = TypeVar("H", bound=Hashable)
T = TypeVar("T")


@dataclass(frozen=True)
class Filters:
    """What a person narrowed the incidents to; the defaults keep everything."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    admin1: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    claimants: tuple[str, ...] = ()
    victims: tuple[str, ...] = ()
    disputed_only: bool = False
    undated: bool = True  # keep incidents whose date no account gives
    precision: tuple[str, ...] = ()
    min_killed: int = 0
    search: str = ""

    def __post_init__(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"date_from {self.date_from} is after date_to {self.date_to}")
        for name, allowed in (("victims", VICTIMS), ("precision", PRECISIONS)):
            bad = [v for v in getattr(self, name) if v not in allowed]
            if bad:
                raise ValueError(f"{name} must be among {allowed}, got {bad}")
        if self.min_killed < 0:
            raise ValueError(f"min_killed must be >= 0, got {self.min_killed}")

    @classmethod
    def of(cls, view: object) -> Filters:
        """The filters of any object with the same attribute names (the dashboard's view state)."""
        return cls(**{f.name: getattr(view, f.name) for f in fields(cls)})


# -- the incidents frame ------------------------------------------------------------------------------------------


def _unique(values) -> tuple[str, ...]:
    """The non-empty values once each, in first-seen order."""
    return tuple(dict.fromkeys(v for v in values if v))


def incident_row(i: Incident) -> dict[str, object]:
    """One row of the incidents frame."""
    lat, lon = i.point or (None, None)
    mentions = [p for a in i.accounts for p in a.places]
    return {
        "id": i.id, "lat": lat, "lon": lon, "place": i.place or "", "precision": i.precision,
        "date_min": i.date_min, "date_max": i.date_max, "killed_min": i.killed_min, "killed_max": i.killed_max,
        "sources": i.sources, "disputed": i.disputed, "accounts": len(i.accounts),
        "admin1": _unique(p.admin1 for p in mentions),
        "outlets": _unique(a.outlet for a in i.accounts),
        "claimants": _unique(a.claimed_by for a in i.accounts),
        "victims": _unique(a.victims for a in i.accounts),
        "names": " | ".join(_unique([*(p.name for p in mentions), *(p.text for p in mentions)])),
        "claims": claims_text(i.accounts),
    }


#: Compact JSON with non-ASCII text kept, as the store writes it: a stored incident's claims are the same text.
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def claims_text(accounts: Sequence[Account]) -> str:
    """The accounts' claims as the claims column holds them (as the store keeps them): JSON text, one list per
    account: claimant, outlet, publication date (ISO), killed min and max, injured min and max, killed or injured
    min and max. Put in words only when shown: `claims_of`."""
    return _ENCODE([[a.claimed_by, a.outlet, a.published.isoformat() if a.published else None, a.killed_min,
                     a.killed_max, a.injured_min, a.injured_max, a.casualties_min, a.casualties_max]
                    for a in accounts])


def claims_of(text: str) -> tuple[tuple[str, str, str, str], ...]:
    """An incident's claims from its claims column, each in four strings for a popup or a table: claimant, figures
    in words, outlet, published.

    ("SANA", "at least 30 killed", "unknown outlet", "date of publication unknown")
    """
    return tuple((who, figures_in_words(*figures), outlet or "unknown outlet",
                  published or "date of publication unknown") for who, outlet, published, *figures in json.loads(text))


def per_distinct(values: Sequence[H], fn: Callable[[H | None], T]) -> np.ndarray:
    """`fn` of each value, called once per distinct value (None included), as an array of objects: the rows
    share its result (a frame's columns repeat a few governorates, claimant lists and days many times)."""
    if not isinstance(values, np.ndarray):
        values = pd.Series(values, dtype=object).to_numpy()  # a list of tuples stays one value per row
    codes, distinct = pd.factorize(values)  # None (and NaN) get the code -1
    results = np.empty(len(distinct) + 1, dtype=object)
    for k, v in enumerate(distinct):
        results[k] = fn(v)
    if len(codes) and codes.min() < 0:
        results[-1] = fn(None)
    return results[codes]


def incidents_frame(incidents: Sequence[Incident]) -> pd.DataFrame:
    """One row per incident with the columns of FRAME_COLUMNS; figures are nullable integers, dates `date`s or None."""
    return frame_of_rows([incident_row(i) for i in incidents])


class FrameColumns(Sequence[dict]):
    """Rows of the incidents frame held as columns (name -> values, in FRAME_COLUMNS), as the store reads them:
    `frame_of_rows` builds the frame from the columns at once, without a dict per row."""

    def __init__(self, columns: Mapping[str, Sequence[object]]) -> None:
        missing = [c for c in FRAME_COLUMNS if c not in columns]
        if missing:
            raise ValueError(f"frame columns missing: {missing}")
        self.columns = {c: columns[c] for c in FRAME_COLUMNS}
        sizes = {len(v) for v in self.columns.values()}
        if len(sizes) > 1:
            raise ValueError(f"frame columns of different lengths: {sorted(sizes)}")
        self._n = sizes.pop() if sizes else 0

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(self._n))]
        return {c: v[k] for c, v in self.columns.items()}


def frame_of_rows(rows: Sequence[Mapping[str, object]]) -> pd.DataFrame:
    """The incidents frame from rows as `incident_row` gives them (or the store keeps them: `FrameColumns`)."""
    if isinstance(rows, FrameColumns):
        columns = rows.columns
    else:
        rows = list(rows)
        columns = {c: [r.get(c) for r in rows] for c in FRAME_COLUMNS}
    return pd.DataFrame({c: _typed(c, columns[c]) for c in FRAME_COLUMNS}, columns=list(FRAME_COLUMNS))


def _typed(name: str, values: Sequence[object]) -> object:
    """A column of the frame in its type (told, not guessed: guessing costs a pass over 100,000 values each):
    points as floats, figures as nullable integers, counts as integers, `disputed` as booleans; text, dates and
    tuples as pandas reads them."""
    if name in ("lat", "lon"):
        return np.array(values, dtype=float)
    if name in ("killed_min", "killed_max"):
        return pd.array(np.array(values, dtype=float), dtype="Int64")
    if name in ("sources", "accounts"):
        return np.array(values, dtype=np.int64)
    if name == "disputed":
        return np.array(values, dtype=bool)
    return values


def _each_row(values: pd.Series, test: Callable[[tuple[str, ...]], object]) -> pd.Series:
    """Whether `test` holds for each row's tuple of values, asked once per distinct tuple."""
    kept = per_distinct(values.to_numpy(dtype=object), lambda vs: bool(test(vs or ())))
    return pd.Series(kept.astype(bool), index=values.index)


def _overlaps(values: pd.Series, wanted: Iterable[str]) -> pd.Series:
    """Rows whose tuple of values shares at least one item with `wanted`."""
    wanted = set(wanted)
    return _each_row(values, wanted.intersection)


def _in_window(frame: pd.DataFrame, start: dt.date | None, end: dt.date | None) -> pd.Series:
    """Rows whose date window meets [start, end]; an open end of a window meets everything on that side.

    Undated rows pass: a date filter cannot say they fall outside it (pages count them apart).
    """
    lo = pd.to_datetime(frame["date_min"], errors="coerce")
    hi = pd.to_datetime(frame["date_max"], errors="coerce")
    keep = pd.Series(True, index=frame.index)
    if start is not None:
        start_ts = pd.Timestamp(start)
        keep &= hi.isna() | (hi >= start_ts) | (lo >= start_ts)
    if end is not None:
        end_ts = pd.Timestamp(end)
        keep &= lo.isna() | (lo <= end_ts) | (hi <= end_ts)
    return keep


def search_points(text: str, gazetteer: Gazetteer | None) -> list[tuple[float, float]]:
    """The points a search names: the resolved place, or every near-exact candidate of an ambiguous name."""
    if gazetteer is None or not text.strip():
        return []
    try:
        resolution = gazetteer.resolve(text)
    except ValueError:  # an unusable query (gazetteer.InvalidQuery) finds nothing
        return []
    if resolution.resolved and resolution.place is not None:
        return [resolution.place.point]
    return [c.place.point for c in resolution.candidates if c.score >= SEARCH_MIN_SCORE]


def search_mask(frame: pd.DataFrame, text: str, gazetteer: Gazetteer | None = None) -> pd.Series:
    """Rows near the place `text` resolves to, or whose place names (as resolved or as written) fold-match it."""
    needle = fold(text)
    if not needle:
        return pd.Series(True, index=frame.index)
    names = frame["names"] if "names" in frame else frame["place"]
    keep = names.map(lambda n: needle in fold(str(n or "")))
    points = search_points(text, gazetteer)
    if points:
        def near(row) -> bool:
            if pd.isna(row["lat"]) or pd.isna(row["lon"]):
                return False
            return any(distance_km((row["lat"], row["lon"]), p) <= SEARCH_RADIUS_KM for p in points)
        keep |= frame.apply(near, axis=1).astype(bool) if len(frame) else keep
    return keep


def filter_frame(frame: pd.DataFrame, filters: Filters, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """The rows of the incidents frame that `filters` keep (undated rows kept: see `select`)."""
    keep = _in_window(frame, filters.date_from, filters.date_to)
    for column, wanted in (("admin1", filters.admin1), ("outlets", filters.outlets), ("victims", filters.victims)):
        if wanted:
            keep &= _overlaps(frame[column], wanted)
    if filters.claimants:  # any name of a claimant finds it, also where it relays ("local sources via SANA")
        keep &= _each_row(frame["claimants"], lambda vs: any(registry.credits(v, filters.claimants) for v in vs))
    if filters.disputed_only:
        keep &= frame["disputed"].astype(bool)
    if filters.precision:
        keep &= frame["precision"].isin(filters.precision)
    if filters.min_killed:
        keep &= pd.to_numeric(frame["killed_max"], errors="coerce").fillna(-1) >= filters.min_killed
    if filters.search.strip():
        keep &= search_mask(frame, filters.search, gazetteer)
    return frame[keep.astype(bool)]


def dated(frame: pd.DataFrame) -> pd.Series:
    """Rows with some end of their date window known."""
    return frame["date_min"].map(lambda d: isinstance(d, dt.date)) | frame["date_max"].map(
        lambda d: isinstance(d, dt.date))


def select(incidents: Sequence[Incident], filters: Filters, gazetteer: Gazetteer | None = None) -> list[Incident]:
    """The incidents `filters` keep, in their order (undated ones dropped when `filters.undated` is off)."""
    frame = filter_frame(incidents_frame(incidents), filters, gazetteer)
    if not filters.undated and len(frame):
        frame = frame[dated(frame)]
    keep = set(frame["id"])
    return [i for i in incidents if i.id in keep]


def describe(filters: Filters, names: Mapping[str, str] | None = None) -> str:
    """The filters in words, for titles and metadata ("" when nothing is filtered); `names` spells admin1 codes."""
    names = names or {}
    parts = []
    if filters.date_from or filters.date_to:
        parts.append(f"dates {_window(filters.date_from, filters.date_to)}")
    for label, values in (("governorate", tuple(names.get(c, c) for c in filters.admin1)),
                          ("outlet", filters.outlets), ("claimed by", filters.claimants),
                          ("victims", filters.victims), ("place precision", filters.precision)):
        if values:
            parts.append(f"{label}: {', '.join(values)}")
    if filters.disputed_only:
        parts.append("disputed only")
    if filters.min_killed:
        parts.append(f"at least {filters.min_killed} killed (largest claim)")
    if filters.search.strip():
        parts.append(f"near {filters.search.strip()!r}")
    if not filters.undated:
        parts.append("undated incidents left out")
    return "; ".join(parts)


def _window(lo: dt.date | None, hi: dt.date | None) -> str:
    """A date window in words: "2017-05-25 … 2018-12-16", "from 2017-05-25", "until 2018-12-16", ""."""
    if lo and hi:
        return f"{lo.isoformat()} … {hi.isoformat()}"
    return f"from {lo.isoformat()}" if lo else (f"until {hi.isoformat()}" if hi else "")


def title_of(incidents: Sequence[Incident], filters: Filters) -> str:
    """A title for an export: how many incidents, over which dates.

    "Incident Atlas: 16 incidents, 2017-05-25 … 2018-12-16"
    """
    return _title(len(incidents), [d for i in incidents for d in (i.date_min, i.date_max) if d], filters)


def title_of_frame(frame: pd.DataFrame, filters: Filters) -> str:
    """`title_of` for the incidents of a frame."""
    known = [d for col in ("date_min", "date_max") for d in frame[col] if isinstance(d, dt.date)]
    return _title(len(frame), known, filters)


def _title(n: int, known: Sequence[dt.date], filters: Filters) -> str:
    lo = filters.date_from or min(known, default=None)
    hi = filters.date_to or max(known, default=None)
    return f"Incident Atlas: {n} incident{'s' if n != 1 else ''}, {_window(lo, hi) or 'dates unknown'}"
