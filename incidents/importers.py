"""Import structured event data (ACLED, UCDP GED, Airwars, any CSV with a mapping) as accounts in the store.

    from gazetteer import Gazetteer
    from incidents.importers import import_file
    from incidents.store import Store

    with Store("atlas.sqlite") as store:
        report = import_file("acled_syria.csv", "acled", store, Gazetteer.load())
    print(report.summary())
    # acled_syria.csv (ACLED): 7 rows: 5 imported, 0 duplicate, 2 bad; place check: 1 flagged, 2 not checked;
    # accounts: 5 stored; incidents: 5
    for bad in report.bad:
        print(bad)  # acled_syria.csv row 2 (line 3): latitude 'north' is not a number

Conventions:
- Each row becomes one Document (its text is the row rendered as "column: value" lines in file order, the notes
  or headline last, under a title "ACLED SYR12345"; file = the input file's name, article = the row number, url =
  the first http(s) link of the row's sources) and one Account claimed by the dataset ("ACLED", "UCDP GED",
  "Airwars", or the mapping's name), with the row's own sources kept verbatim in its details ("source: SOHR; SANA").
  The account's quote is the notes (or headline), else the whole rendering, with its span in the text.
- The place: the name as written, the dataset's coordinates, its precision code in our terms (table in
  `incidents.datasets`), confidence 1.0, admin1 = the code of the governorate outline holding the point (the
  gazetteer's ``admin1.geojson``), else the dataset's admin1 when the gazetteer reads it as one governorate, else
  the governorate of the place the name resolves to (when the check passed); none for a country-wide point.
- The gazetteer cross-checks the name as written (the dataset's admin1 as hint): coordinates more than `FLAG_KM`
  from the place it names are flagged, not dropped ("coordinates 41 km from Hajin (gazetteer)" in the details).
  Names it cannot resolve, blank names and rows placed only to a district or wider are "not checked" (also noted).
- Row numbers: "row N" is the 1-based data row (blank lines not counted), "line L" the physical line it starts on.
  A bad row (a required value blank or unreadable, impossible coordinates, an ambiguous date) is reported with its
  reason and the rest proceed; a missing required column, an unreadable file or a bad mapping fails the whole
  file (ImportFormatError naming the file and the column) and stores nothing.
- Dates: ISO (with or without a time), "12 March 2018", "12-March-2018", "12-Mar-18" (two-digit years are 20xx),
  "March 12, 2018", "2018/03/12", "March 2018" (a month), ranges ("A - B", "12-13 March 2018"). "03/12/2018" only
  when unambiguous (a part above 12, or both equal) or when the mapping declares `date_format`.
- Figures: "1,234" and "1 234" are thousands; "12.0" is 12; "3-5" is a range, "10+" at least 10; blank, "?",
  "unknown", "n/a" are unknown (None), never 0.
- Files: UTF-8 (with or without a BOM) or UTF-16 with a BOM; the separator is the one the header line uses most
  among , ; tab | (csv.Sniffer breaks ties), unless the mapping sets `delimiter`.
- Idempotent: document ids are content hashes, so a row imported again (from any file) is a duplicate, not new.
"""

from __future__ import annotations

import calendar
import codecs
import csv
import datetime as dt
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple, TextIO

from gazetteer import Gazetteer, Place, distance_km

from .datasets import DETAIL_FIELDS, QUOTE_FIELDS, Dataset, ImportFormatError, dataset_for, fold_header
from .learning import FROM_DATASET
from .model import Account, Document, PlaceMention
from .reading import MAX_DETECT_BYTES, detect_encoding
from .store import Store

__all__ = ["BadRow", "ImportFormatError", "ImportReport", "ImportedRow", "import_file", "read_rows"]

FLAG_KM = 25.0  # coordinates farther than this from the place they name are flagged
CHECKED_PRECISIONS = ("exact", "near")  # coarser rows stand for an area: their point is not the named place's
MAX_FIGURE = 1_000_000  # a larger count of people is a data error
PROGRESS_EVERY = 1000  # rows between progress calls
ADD_EVERY = 1000  # rows handed to the store at once
MEMO_POINTS = 65_536  # points whose governorate is remembered
SAMPLE_CHARS = 65_536  # read to choose the separator
DELIMITERS = ",;\t|"
UNKNOWN_VALUES = frozenset({"", "?", "??", "unknown", "unk", "n/a", "na", "nan", "none", "null", "-", "–", "—",
                            "not known", "unclear", "tbc"})
#: Date windows around one day, by the dataset's date precision: (days before, days after), or a calendar unit.
WINDOWS = {"day": (0, 0), "days": (3, 3), "week": (3, 3), "month": "month", "year": "year"}
MONTHS = {**{m.casefold(): i for i, m in enumerate(calendar.month_name) if m},
          **{m.casefold(): i for i, m in enumerate(calendar.month_abbr) if m}, "sept": 9}

_N = r"\d+(?:,\d{3})*(?:\.0+)?"
_FIGURE = re.compile(rf"(?P<n>{_N})|(?P<lo>{_N})\s*(?:-|–|—|to)\s*(?P<hi>{_N})|"
                     rf"(?:>=?|≥|at least|over|more than)\s*(?P<least>{_N})|(?P<plus>{_N})\s*\+", re.IGNORECASE)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_YMD = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_DMY_NAME = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s/.-]+([A-Za-z]+)\.?,?[\s/.-]+(\d{4}|\d{2})")
_MDY_NAME = re.compile(r"([A-Za-z]+)\.?[\s-]+(\d{1,2})(?:st|nd|rd|th)?,?[\s-]+(\d{4})")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_MONTH = re.compile(r"([A-Za-z]+)\.?[\s-]+(\d{4})|(\d{4})-(\d{2})")
_DAYS_DMY = re.compile(r"(\d{1,2})\s*[-–—]\s*(\d{1,2})[\s-]+([A-Za-z]+)\.?,?[\s-]+(\d{4})")
_DAYS_MDY = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})\s*[-–—]\s*(\d{1,2}),?\s+(\d{4})")
_RANGE_SPLIT = re.compile(r"\s+(?:-|–|—|to|until)\s+|\s*[–—]\s*|(?<=\d)/(?=\d{4}-)", re.IGNORECASE)
_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, kept as escapes (surrogateescape)
_URL = re.compile(r"https?://[^\s;,<>\"'|)\]]+", re.IGNORECASE)


# -- results ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BadRow:
    """A row that could not be imported, and why."""

    file: str
    row: int  # 1-based data row
    line: int  # physical line the row starts on
    reason: str

    def __str__(self) -> str:
        return f"{self.file} row {self.row} (line {self.line}): {self.reason}"


@dataclass(frozen=True)
class ImportedRow:
    """A row read as a document and its account, with the gazetteer's verdict on its place."""

    row: int
    line: int
    document: Document
    account: Account
    check: str  # "ok", "flagged" or "not checked"

    def __post_init__(self) -> None:
        if self.check not in ("ok", "flagged", "not checked"):
            raise ValueError(f"check must be 'ok', 'flagged' or 'not checked', got {self.check!r}")


@dataclass(frozen=True)
class ImportReport:
    """The summary of one import: counts, the bad rows with reasons, and the store's totals after it."""

    file: str
    dataset: str
    rows: int = 0
    imported: int = 0
    duplicates: int = 0
    bad: tuple[BadRow, ...] = ()
    flagged: int = 0
    not_checked: int = 0
    incidents: int = 0
    totals: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """One line: rows imported / duplicate / bad, the place check, accounts and incidents stored."""
        return (f"{self.file} ({self.dataset}): {self.rows} rows: {self.imported} imported, {self.duplicates} "
                f"duplicate, {len(self.bad)} bad; place check: {self.flagged} flagged, {self.not_checked} not "
                f"checked; accounts: {self.totals.get('accounts', 0)} stored; incidents: {self.incidents}")


# -- values ----------------------------------------------------------------------------------------------------------


class When(NamedTuple):
    """A date window, both ends inclusive, and its precision (day, days, week, month, year)."""

    date_min: dt.date
    date_max: dt.date
    precision: str


def _day(y: int, m: int, d: int, text: str) -> dt.date:
    if not 1900 <= y <= 2100:
        raise ValueError(f"{text!r} has an implausible year")
    try:
        return dt.date(y, m, d)
    except ValueError as e:
        raise ValueError(f"{text!r} is not a date ({e})") from e


def _month(name: str, text: str) -> int:
    m = MONTHS.get(name.casefold())
    if m is None:
        raise ValueError(f"{text!r}: {name!r} is not a month")
    return m


def _numeric(a: int, b: int, y: int, text: str) -> dt.date:
    """D/M/Y or M/D/Y, only when the numbers say which."""
    if a > 12 >= b or a == b:
        return _day(y, b, a, text)
    if b > 12 >= a:
        return _day(y, a, b, text)
    if a > 12 and b > 12:
        raise ValueError(f"{text!r} is not a date")
    raise ValueError(f"{text!r} is ambiguous (day or month first?): declare date_format in a mapping")


def _calendar(y: int, m: int | None, text: str) -> When:
    """The whole month (or year) as a window."""
    if m is None:
        return When(_day(y, 1, 1, text), _day(y, 12, 31, text), "year")
    if not 1 <= m <= 12:
        raise ValueError(f"{text!r} is not a date")
    return When(_day(y, m, 1, text), _day(y, m, calendar.monthrange(y, m)[1], text), "month")


def _one(text: str, fmt: str | None) -> When:
    """One date (or a month, or a year) as written."""
    if fmt:
        try:
            d = dt.datetime.strptime(text, fmt).date()
            return When(d, d, "day")
        except ValueError:
            pass
    d = None
    if m := _ISO.fullmatch(text) or _YMD.fullmatch(text):
        d = _day(int(m[1]), int(m[2]), int(m[3]), text)
    elif m := _DMY_NAME.fullmatch(text):
        y = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        d = _day(y, _month(m[2], text), int(m[1]), text)
    elif m := _MDY_NAME.fullmatch(text):
        d = _day(int(m[3]), _month(m[1], text), int(m[2]), text)
    elif m := _NUMERIC.fullmatch(text):
        d = _numeric(int(m[1]), int(m[2]), int(m[3]), text)
    elif m := _MONTH.fullmatch(text):
        return _calendar(int(m[2] or m[3]), _month(m[1], text) if m[1] else int(m[4]), text)
    elif re.fullmatch(r"\d{4}", text):
        return _calendar(int(text), None, text)
    if d is None:
        raise ValueError(f"{text!r} is not a date")
    return When(d, d, "day")


@lru_cache(maxsize=8192)
def parse_when(text: str, fmt: str | None = None) -> When:
    """A date or a range of dates as written, as a window; ValueError saying why when it is none."""
    text = " ".join(text.split())
    if not text:
        raise ValueError("blank")
    try:
        return _one(text, fmt)
    except ValueError as single:
        if m := _DAYS_DMY.fullmatch(text):
            mo, y = _month(m[3], text), int(m[4])
            lo, hi = _day(y, mo, int(m[1]), text), _day(y, mo, int(m[2]), text)
        elif m := _DAYS_MDY.fullmatch(text):
            mo, y = _month(m[1], text), int(m[4])
            lo, hi = _day(y, mo, int(m[2]), text), _day(y, mo, int(m[3]), text)
        else:
            parts = _RANGE_SPLIT.split(text)
            if len(parts) != 2:
                raise single
            lo, hi = _one(parts[0], fmt).date_min, _one(parts[1], fmt).date_max
        if lo > hi:
            raise ValueError(f"{text!r} ends before it starts") from None
        return When(lo, hi, "day" if lo == hi else "days")


def widen(when: When, precision: str | None) -> When:
    """A one-day window widened to what the dataset's date precision says (a week around it, its month...)."""
    rule = WINDOWS.get(precision or "day")
    if when.precision != "day" or rule is None or rule == (0, 0):
        return when
    d = when.date_min
    if rule == "month":
        return _calendar(d.year, d.month, d.isoformat())
    if rule == "year":
        return _calendar(d.year, None, d.isoformat())
    before, after = rule
    return When(d - dt.timedelta(days=before), d + dt.timedelta(days=after), precision)  # type: ignore[arg-type]


def _count(text: str, label: str) -> int:
    n = int(text.replace(",", "").partition(".")[0])  # "1,234" -> 1234, "12.0" -> 12
    if n > MAX_FIGURE:
        raise ValueError(f"{label} {text!r} is implausibly large")
    return n


def parse_figure(text: str, label: str) -> tuple[int | None, int | None]:
    """A count of people as (low, high): "12" -> (12, 12), "3-5" -> (3, 5), "10+" -> (10, None), "" -> unknown."""
    if not text:
        return None, None
    if text.isascii() and text.isdigit():  # the common cases: blank or digits
        n = _count(text, label)
        return n, n
    t = re.sub(r"(?<=\d)[\s\u00a0\u202f](?=\d{3}\b)", "", text.strip())
    if t.casefold() in UNKNOWN_VALUES:
        return None, None
    m = _FIGURE.fullmatch(t)
    if m is None:
        raise ValueError(f"{label} {text!r} is not a number")
    if m["n"]:
        n = _count(m["n"], label)
        return n, n
    if m["lo"]:
        lo, hi = _count(m["lo"], label), _count(m["hi"], label)
        if lo > hi:
            raise ValueError(f"{label} {text!r}: the range ends below its start")
        return lo, hi
    return _count(m["least"] or m["plus"], label), None


def parse_coordinate(text: str, label: str, limit: float) -> float:
    """A latitude (limit 90) or longitude (limit 180) in decimal degrees; "34,45" reads as 34.45."""
    t = text.strip().rstrip("°").strip()
    if not t:
        raise ValueError(f"{label} is blank")
    if re.fullmatch(r"-?\d+,\d+", t):
        t = t.replace(",", ".")
    try:
        v = float(t)
    except ValueError:
        raise ValueError(f"{label} {text!r} is not a number") from None
    if not math.isfinite(v):
        raise ValueError(f"{label} {text!r} is not a number")
    if abs(v) > limit:
        raise ValueError(f"{label} {text!r} is out of range")
    return v


# -- governorates ----------------------------------------------------------------------------------------------------


class Governorates:
    """The governorate outlines shipped with the gazetteer: the admin1 code of the one holding a point."""

    def __init__(self, features: Sequence[Mapping]) -> None:
        import shapely
        from shapely.geometry import shape

        self._shapes = []
        for f in features:
            geom = shape(f["geometry"])
            shapely.prepare(geom)
            self._shapes.append((f["properties"]["code"], geom.bounds, geom))
        self._contains = shapely.contains_xy
        self._memo: dict[tuple[float, float], str | None] = {}

    @classmethod
    @lru_cache(maxsize=1)
    def shipped(cls) -> Governorates:
        """The outlines of ``gazetteer/data/admin1.geojson`` (read once)."""
        import json

        text = resources.files("gazetteer").joinpath("data", "admin1.geojson").read_text(encoding="utf-8")
        return cls(json.loads(text)["features"])

    def code_at(self, lat: float, lon: float) -> str | None:
        """The code of the governorate holding (lat, lon), or None outside them all (a point asked again is
        answered from memory: datasets give one place's coordinates on many rows)."""
        key = (lat, lon)
        if key in self._memo:
            return self._memo[key]
        if len(self._memo) >= MEMO_POINTS:
            self._memo.clear()
        code = self._memo[key] = self._lookup(lat, lon)
        return code

    def _lookup(self, lat: float, lon: float) -> str | None:
        for code, (x0, y0, x1, y1), geom in self._shapes:
            if x0 <= lon <= x1 and y0 <= lat <= y1 and self._contains(geom, lon, lat):
                return code
        return None


# -- one row ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Parsed:
    """A row's values in our terms, before the gazetteer has a say."""

    event_id: str
    when: When
    date_text: str
    place: str
    admin1_hint: str
    lat: float
    lon: float
    precision: str
    killed: tuple[int | None, int | None]
    injured: tuple[int | None, int | None]
    victims: str
    perpetrator: str | None
    target: str | None
    details: tuple[str, ...]
    url: str | None


class _Row:
    """One row's values by our field name, with the file's header for messages."""

    __slots__ = ("fields", "values", "labels")

    def __init__(self, fields: Sequence[str], columns: Mapping[str, int], labels: Mapping[str, str]) -> None:
        self.fields, self.labels = fields, labels
        if len(fields) > max(columns.values(), default=-1):
            self.values = {f: fields[i].strip() for f, i in columns.items()}
        else:  # a short row: the columns past its end are blank
            n = len(fields)
            self.values = {f: fields[i].strip() for f, i in columns.items() if i < n}

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def label(self, name: str) -> str:
        return self.labels.get(name, name)


def _dated(row: _Row, name: str, ds: Dataset) -> When:
    """The window of one date column; ValueError naming the column."""
    try:
        return parse_when(row.get(name), ds.date_format)
    except ValueError as e:
        raise ValueError(f"{row.label(name)}: {e}") from None


def _when(row: _Row, ds: Dataset) -> tuple[When, str, list[str]]:
    """The date window, the date as written, and a note of the dataset's date precision."""
    start, end, code = row.get("date"), row.get("date_end"), row.get("time_precision")
    when = _dated(row, "date", ds)
    label = (ds.time_precision.get(code) or ds.time_precision.get(fold_header(code).split(" ")[0])) if code else None
    if end and end != start:
        last = _dated(row, "date_end", ds)
        if last.date_max < when.date_min:
            raise ValueError(f"{row.label('date_end')} {end!r} is before {row.label('date')} {start!r}")
        one_day = when.date_min == last.date_max
        when = When(when.date_min, last.date_max, "day" if one_day else label if label not in (None, "day") else "days")
    else:
        when = widen(when, label)
    notes = [f"date precision: {row.label('time_precision')} {code} -> {label or 'unknown code'}"] if code else []
    return when, (f"{start} - {end}" if end and end != start else start), notes


def _point(row: _Row, ds: Dataset) -> tuple[float, float, str, list[str]]:
    """Coordinates, our precision, and a note of the dataset's precision code."""
    lat = parse_coordinate(row.get("latitude"), row.label("latitude"), 90.0)
    lon = parse_coordinate(row.get("longitude"), row.label("longitude"), 180.0)
    if lat == 0 and lon == 0:
        raise ValueError("coordinates 0, 0 (a blank point, not a place)")
    code = row.get("precision")
    ours = ds.precision(code)
    if ours is None:
        given = f"{row.label('precision')} {code!r} unknown" if code else "not given"
        return lat, lon, ds.default_precision, [f"precision: {given}, taken as {ds.default_precision}"]
    return lat, lon, ours, [f"precision: {row.label('precision')} {code} -> {ours}"]


def _figure(row: _Row, name: str) -> tuple[int | None, int | None]:
    """killed or injured as (low, high): the min and max columns when the row fills them, else the single one."""
    lo_text, hi_text = row.get(f"{name}_min"), row.get(f"{name}_max")
    if lo_text or hi_text:
        lo = parse_figure(lo_text, row.label(f"{name}_min"))[0]
        hi_lo, hi_hi = parse_figure(hi_text, row.label(f"{name}_max"))
        hi = hi_hi if hi_hi is not None else hi_lo
        if lo is not None and hi is not None and lo > hi:
            raise ValueError(f"{row.label(f'{name}_min')} {lo} exceeds {row.label(f'{name}_max')} {hi}")
        return lo, hi
    return parse_figure(row.get(name), row.label(name))


def _victims(row: _Row, ds: Dataset, killed: tuple[int | None, int | None]) -> str:
    """The dataset's constant category, else civilians only when the civilian deaths are all the deaths."""
    if ds.victims is not None:
        return ds.victims
    civilians = parse_figure(row.get("killed_civilians"), row.label("killed_civilians"))[0]
    best = parse_figure(row.get("killed_best"), row.label("killed_best"))[0]
    total = best if best is not None else killed[1]
    return "civilians" if civilians and total and civilians == total else "unknown"


def parse_row(row: _Row, ds: Dataset) -> Parsed:
    """A row's values in our terms; ValueError with the reason when a required one cannot be read."""
    when, date_text, date_notes = _when(row, ds)
    lat, lon, precision, place_notes = _point(row, ds)
    killed, injured = _figure(row, "killed"), _figure(row, "injured")
    values = row.values
    details = [f"{label}: {v}" for f, label in DETAIL_FIELDS if (v := values.get(f))]
    links = " ".join(values.get(f, "") for f in ("source_links", "source", "source_article"))
    url = _URL.search(links)
    return Parsed(event_id=row.get("event_id"), when=when, date_text=date_text,
                  place=row.get("place") or row.get("place_ar"), admin1_hint=row.get("admin1"), lat=lat, lon=lon,
                  precision=precision, killed=killed, injured=injured, victims=_victims(row, ds, killed),
                  perpetrator=row.get("perpetrator") or None, target=row.get("target") or None,
                  details=(*details, *date_notes, *place_notes), url=url.group(0) if url else None)


def layout(header: Sequence[str], last: Sequence[int]) -> tuple[tuple[int, str], ...]:
    """The order the columns are rendered in (the `last` ones at the end), with their names."""
    order = [i for i in range(len(header)) if i not in last] + [i for i in last if i < len(header)]
    return tuple((i, header[i].strip() or f"column {i + 1}") for i in order)


def render(title: str, columns: Sequence[tuple[int, str]], fields: Sequence[str]) -> tuple[str, dict[int, int]]:
    """The row as readable text (a title, then "column: value" lines in `columns` order, blanks left out) and where
    each value starts in it."""
    lines, starts = [title], {}
    at = len(title) + 1
    n = len(fields)
    for i, name in columns:
        value = fields[i].strip() if i < n else ""
        if value:
            starts[i] = at + len(name) + 2
            line = f"{name}: {value}"
            lines.append(line)
            at += len(line) + 1
    return "\n".join(lines), starts


@dataclass(frozen=True)
class PlaceCheck:
    """The gazetteer's verdict on a row's place: "ok", "flagged" or "not checked", a note, the place it found."""

    status: str
    note: str | None = None
    place: Place | None = None


def check_place(gazetteer: Gazetteer, p: Parsed) -> PlaceCheck:
    """Resolve the name as written (the dataset's admin1 as hint); flag coordinates far from the place it names."""
    if not p.place:
        return PlaceCheck("not checked", "place not checked: no place name")
    if p.precision not in CHECKED_PRECISIONS:
        return PlaceCheck("not checked", f"place not checked: {p.precision} precision")
    r = gazetteer.resolve(p.place, admin1=p.admin1_hint or None)
    if r.place is None:
        return PlaceCheck("not checked", f"place not checked: the gazetteer cannot resolve {p.place!r} "
                                         f"({r.reason or 'unsure'})")
    km = distance_km((p.lat, p.lon), r.place.point)
    if km > FLAG_KM:
        return PlaceCheck("flagged", f"coordinates {km:.0f} km from {r.place.name} (gazetteer)", r.place)
    return PlaceCheck("ok", None, r.place)


def _admin1(gazetteer: Gazetteer, p: Parsed, check: PlaceCheck) -> str | None:
    """The governorate code: the outline holding the point, else the hint read as one governorate, else the
    checked place's; none for a point that stands for a whole country."""
    if p.precision == "country":
        return None
    code = Governorates.shipped().code_at(p.lat, p.lon)
    if code:
        return code
    hinted = gazetteer.admin1_codes(p.admin1_hint)
    if len(hinted) == 1:
        return next(iter(hinted))
    return (check.place.admin1 or None) if check.status == "ok" and check.place else None


class _Context(NamedTuple):
    """What every row of one file shares."""

    file: str
    dataset: Dataset
    gazetteer: Gazetteer
    header: Sequence[str]
    columns: Mapping[str, int]
    labels: Mapping[str, str]  # our field -> its column's name as written
    layout: tuple[tuple[int, str], ...]  # the rendering's column order: the quote columns last


def build_row(ctx: _Context, n: int, line: int, fields: Sequence[str]) -> ImportedRow | BadRow:
    """One data row as a document and its account, or a bad row with the reason."""
    extra = [f for f in fields[len(ctx.header):] if f.strip()]
    if extra:
        return BadRow(ctx.file, n, line, f"the row has {len(fields)} values, the header {len(ctx.header)} columns")
    row = _Row(fields, ctx.columns, ctx.labels)
    try:
        p = parse_row(row, ctx.dataset)
        return _assemble(ctx, n, line, row, p)
    except ValueError as e:
        return BadRow(ctx.file, n, line, str(e))


def _assemble(ctx: _Context, n: int, line: int, row: _Row, p: Parsed) -> ImportedRow:
    """The document and account of a parsed row."""
    ds = ctx.dataset
    title = f"{ds.name} {p.event_id}" if p.event_id else f"{ds.name} (no event id)"
    text, starts = render(title, ctx.layout, row.fields)
    doc = Document(text=text, file=ctx.file, article=n, outlet=ds.name, title=title, url=p.url)
    check = check_place(ctx.gazetteer, p)
    place_col = ctx.columns.get("place") if row.get("place") else ctx.columns.get("place_ar")
    ps = starts.get(place_col, 0) if place_col is not None else 0
    mention = PlaceMention(p.place, ps, ps + len(p.place) if p.place else ps, name=p.place or None,
                           place_id=check.place.id if check.status == "ok" and check.place else None,
                           lat=p.lat, lon=p.lon, precision=p.precision, confidence=1.0,
                           admin1=_admin1(ctx.gazetteer, p, check), why=FROM_DATASET)
    quote_field = next((f for f in QUOTE_FIELDS if row.get(f)), None)
    quote = row.get(quote_field) if quote_field else text
    qs = starts[ctx.columns[quote_field]] if quote_field else 0
    account = Account(
        document_id=doc.id, file=ctx.file, article=n, quote=quote, start=qs, end=qs + len(quote), claim_start=qs,
        claimed_by=ds.name, outlet=ds.name, title=title, places=(mention,), date_min=p.when.date_min,
        date_max=p.when.date_max, date_text=p.date_text, date_precision=p.when.precision, killed_min=p.killed[0],
        killed_max=p.killed[1], injured_min=p.injured[0], injured_max=p.injured[1], victims=p.victims,
        perpetrator=p.perpetrator, target=p.target, details=(*p.details, *([check.note] if check.note else [])),
        confidence=1.0)
    return ImportedRow(n, line, doc, account, check.status)


# -- files -----------------------------------------------------------------------------------------------------------


def _open(path: Path) -> TextIO:
    """The file as text: UTF-16 when it starts with its BOM; UTF-8 (a BOM skipped) when its first megabyte is UTF-8,
    bytes that are not kept as escapes so the row holding them is reported (see `_undecodable`); else the legacy
    encoding charset-normalizer finds (Windows-1256, Latin-1, …)."""
    try:
        with path.open("rb") as f:
            head = f.read(MAX_DETECT_BYTES)
    except OSError as e:
        raise ImportFormatError(f"{path.name}: cannot read it: {e.strerror or e}") from e
    if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return path.open(encoding="utf-16", newline="")
    if b"\x00" in head[:4096]:
        raise ImportFormatError(f"{path.name}: looks binary (NUL bytes), not a CSV file")
    bad = _utf8_errors(head)
    if bad > max(3, len(head) // 2000):  # not a stray byte or two: the file is in another encoding
        encoding = detect_encoding(head)
        if encoding is None:
            raise ImportFormatError(f"{path.name}: neither UTF-8 nor any text encoding recognised; is it a CSV file?")
        return path.open(encoding=encoding, errors="replace", newline="")
    return path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")


def _utf8_errors(raw: bytes) -> int:
    """How many bytes of `raw` are not UTF-8 (a character cut at the end is not counted)."""
    text = raw.decode("utf-8", errors="surrogateescape")
    return len(_ESCAPED.findall(text[:-3]))


def _undecodable(fields: Sequence[str]) -> str | None:
    """Why a row cannot be read as text (bytes that are not UTF-8 in it), or None."""
    try:
        "".join(fields).encode("utf-8")  # the common case, in C: no byte kept as an escape
        return None
    except UnicodeEncodeError:
        pass
    for f in fields:
        for c in f:
            if "\udc80" <= c <= "\udcff":
                return f"bytes that are not UTF-8 text (0x{ord(c) - 0xdc00:02x}); the rest of the file is read"
    return None


def choose_delimiter(sample: str, declared: str | None = None) -> str:
    """The separator: declared, else the one the header line uses most (csv.Sniffer breaks a tie), else a comma."""
    if declared:
        return declared
    header = next((ln for ln in sample.splitlines() if ln.strip()), "")
    counts = {d: header.count(d) for d in DELIMITERS}
    top = max(counts.values())
    tied = "".join(d for d, c in counts.items() if c == top)
    if top == 0:
        return ","
    if len(tied) == 1:
        return tied
    try:
        return csv.Sniffer().sniff(sample, delimiters=tied).delimiter
    except csv.Error:
        return tied[0]


def _records(stream: TextIO, delimiter: str, name: str) -> Iterator[tuple[int, list[str] | None, str | None]]:
    """(line the record starts on, its values or None, the csv error) for each non-blank record."""
    reader = csv.reader(stream, delimiter=delimiter)
    while True:
        line = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as e:
            raise ImportFormatError(f"{name} line {line}: not UTF-8 text ({e.reason} at byte {e.start}); "
                                    "save it as UTF-8") from e
        except csv.Error as e:
            if reader.line_num < line:
                return
            yield line, None, f"unreadable CSV record: {e}"
            continue
        if any(f.strip() for f in fields):
            undecodable = _undecodable(fields)
            yield (line, None, undecodable) if undecodable else (line, fields, None)


def locate(header: Sequence[str], ds: Dataset, name: str) -> dict[str, int]:
    """Our field -> the column index holding it; ImportFormatError naming the file and column when a required one
    is missing."""
    folded: dict[str, int] = {}
    for i, h in enumerate(header):
        folded.setdefault(fold_header(h), i)
    columns = {f: next(folded[a] for a in aliases if a in folded)
               for f, aliases in ds.columns.items() if any(a in folded for a in aliases)}
    for f in ds.required:
        if f not in columns:
            looked = ", ".join(repr(a) for a in ds.columns.get(f, (f,)))
            raise ImportFormatError(f"{name}: required column {f!r} is missing (looked for {looked} in a header of "
                                    f"{len(header)} columns)")
    return columns


def read_rows(path: str | Path, fmt: str, gazetteer: Gazetteer,
              mapping: Path | str | Mapping[str, object] | None = None) -> Iterator[ImportedRow | BadRow]:
    """Each data row of a file as an ImportedRow or a BadRow, in order; no store involved.

    Raises ImportFormatError: at once for an unknown format or a bad mapping, on iteration (naming the file) for a
    file that cannot be imported at all.
    """
    return _read(Path(path), dataset_for(fmt, mapping), gazetteer)


def _read(path: Path, ds: Dataset, gazetteer: Gazetteer) -> Iterator[ImportedRow | BadRow]:
    """`read_rows` for a dataset already described."""
    with _open(path) as stream:
        try:
            sample = stream.read(SAMPLE_CHARS)
            stream.seek(0)
        except UnicodeDecodeError as e:
            raise ImportFormatError(f"{path.name}: not UTF-8 text ({e.reason}); save it as UTF-8") from e
        records = _records(stream, choose_delimiter(sample, ds.delimiter), path.name)
        first = next(records, None)
        if first is None or first[1] is None:
            raise ImportFormatError(f"{path.name}: no header row")
        header = [h.replace("\ufeff", "") for h in first[1]]
        columns = locate(header, ds, path.name)
        last = tuple(columns[f] for f in QUOTE_FIELDS if f in columns)
        ctx = _Context(path.name, ds, gazetteer, header, columns, {f: header[i].strip() for f, i in columns.items()},
                       layout(header, last))
        for n, (line, fields, error) in enumerate(records, start=1):
            yield BadRow(path.name, n, line, error) if fields is None else build_row(ctx, n, line, fields)


def import_file(path: str | Path, fmt: str, store: Store, gazetteer: Gazetteer, *,
                mapping: Path | str | Mapping[str, object] | None = None,
                progress: Callable[[int, int, Path], None] | None = None) -> ImportReport:
    """Import one file into the store in one transaction and re-cluster; return the report.

    `progress(line, lines, path)` is called every PROGRESS_EVERY rows and at the end (lines: the file's physical
    lines). A failure half-way (ImportFormatError, a store error) leaves the store as it was.
    """
    path = Path(path)
    ds = dataset_for(fmt, mapping)
    lines = _count_lines(path) if progress else 0
    rows = imported = duplicates = flagged = not_checked = 0
    bad: list[BadRow] = []
    seen: set[str] = set()
    waiting: list[ImportedRow] = []

    def add() -> None:  # the rows read so far, a batch at once (one query asks which documents are stored)
        nonlocal imported, duplicates, flagged, not_checked
        for item, added in zip(waiting, store.add_documents([(i.document, [i.account]) for i in waiting])):
            if added:
                imported += 1
                flagged += item.check == "flagged"
                not_checked += item.check == "not checked"
            else:
                duplicates += 1  # a document stored before
        waiting.clear()

    with store.transaction():
        for item in _read(path, ds, gazetteer):
            rows += 1
            if progress and rows % PROGRESS_EVERY == 0:
                progress(item.line, lines, path)
            if isinstance(item, BadRow):
                bad.append(item)
            elif item.document.id in seen:
                duplicates += 1  # the same row twice in this file
            else:
                seen.add(item.document.id)
                waiting.append(item)
                if len(waiting) >= ADD_EVERY:
                    add()
        add()
        incidents = len(store.recluster()) if imported else None
    totals = store.counts()
    if progress:
        progress(lines, lines, path)
    return ImportReport(file=path.name, dataset=ds.name, rows=rows, imported=imported, duplicates=duplicates,
                        bad=tuple(bad), flagged=flagged, not_checked=not_checked,
                        incidents=totals["incidents"] if incidents is None else incidents, totals=totals)


def _count_lines(path: Path) -> int:
    """Physical lines of a file (for progress), without decoding it."""
    with path.open("rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
