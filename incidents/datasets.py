"""How structured event datasets map to accounts: their columns, their precision codes, and mapping files.

Each supported dataset is a `Dataset`: which of its columns feeds each of our fields (header variants accepted,
compared case-insensitively with punctuation and spacing folded: "Civilians killed (min)" = "civilians_killed_min"),
which columns a file must have, and how its precision codes read in our terms. Anything else is imported as
``csv`` with a mapping file (JSON, flat): our field -> their column name (or a list of names, the first found
wins), plus optional constants:

    {"name": "Syrian Archive", "date": "Date", "latitude": "Lat", "longitude": "Lon", "place": "Village",
     "killed": "Deaths", "source": "Source", "notes": "Description",
     "date_format": "%d/%m/%Y", "precision_map": {"A": "exact", "B": "near"}, "default_precision": "near",
     "victims": "civilians", "delimiter": ";"}

With ``--format acled|ucdp|airwars`` a mapping may also be given: its columns and constants override the table's.

Our fields (`FIELDS`): event_id, date, date_end, time_precision, place, place_ar, admin1, admin2, admin3,
latitude, longitude, precision, killed (a count or a range "3-5"), killed_min, killed_max, killed_best,
killed_civilians, injured, injured_min, injured_max, perpetrator, target, event_type, sub_event_type, grading,
status, source, source_article, number_of_sources, source_links, headline, notes.

Precision (ours: exact, near, district, governorate, country):

| dataset | code | ours | why (codebook) |
|---|---|---|---|
| ACLED geo_precision | 1 | exact | the source names the town or village; its coordinates are used |
| | 2 | near | the source names a part of a region or a place near a town ("outskirts"); the nearest town is used |
| | 3 | governorate | only a larger region is named; the provincial capital (or the region's centre) stands for it |
| UCDP GED where_prec | 1 | exact | the exact location is known |
| | 2 | near | within about 25 km of a known point |
| | 3 | district | only the second-order division (adm_2) is known |
| | 4 | governorate | only the first-order division (adm_1) is known |
| | 5 | country | a part of the country larger than a province, or a linear feature (road, river, border) |
| | 6, 7 | country | only the country / international waters or airspace |
| Airwars geolocation accuracy | exact location, within 100 m, within 1 km, neighbourhood, village, town | exact | |
| | nearby landmark, city | near | the point is a landmark or a city centre, not the strike |
| | subdistrict, county, township, district, area | district | |
| | province, governorate | governorate | |
| any | exact / near / district / governorate / country written out | as written | |
| any | blank or unknown code | `default_precision` (near) | noted: "precision: not given, taken as near" |

Dates (our window is date_min..date_max, both inclusive; precision day / days / week / month / year):

| dataset | time precision code | window |
|---|---|---|
| ACLED event_date | 1 | that day |
| | 2 | the week centred on it, date ± 3 days (the codebook records the middle of the reported period) |
| | 3 | its calendar month |
| UCDP GED date_start .. date_end | date_prec 1-5 | as given; date_prec names it: day, days, week, month, year |
| Airwars date | - | the day, or the range written ("2017-03-12 - 2017-03-14", "12-13 March 2017") |

Figures (a blank, "?", "unknown" or "n/a" figure is unknown, never 0):

| dataset | killed | injured | victims |
|---|---|---|---|
| ACLED | fatalities -> killed_min = killed_max | - | unknown (fatalities count everyone killed) |
| UCDP GED | low .. high (best, deaths_civilians in details) | - | civilians only when deaths_civilians = best > 0 |
| Airwars | civilians killed min .. max | civilians injured min .. max | civilians |
| csv | killed, or killed_min .. killed_max | injured, or injured_min .. max | the mapping's `victims`, else as UCDP |
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from .errors import IncidentsError
from .model import PRECISIONS, VICTIMS


class ImportFormatError(IncidentsError, ValueError):
    """A file or mapping that cannot be imported at all: unreadable, no header, a required column missing."""


#: Our fields, and what each holds.
FIELDS = MappingProxyType({
    "event_id": "the dataset's own event id", "date": "the event date (or the start of its window)",
    "date_end": "the end of the date window", "time_precision": "the dataset's date precision code",
    "place": "the place name as written", "place_ar": "the place name in Arabic", "admin1": "governorate as written",
    "admin2": "district as written", "admin3": "subdistrict as written", "latitude": "decimal degrees",
    "longitude": "decimal degrees", "precision": "the dataset's location precision code",
    "killed": "killed: a count or a range", "killed_min": "killed, low", "killed_max": "killed, high",
    "killed_best": "killed, best estimate (kept in details)", "killed_civilians": "civilians among the killed",
    "injured": "injured: a count or a range", "injured_min": "injured, low", "injured_max": "injured, high",
    "perpetrator": "the actor who attacked", "target": "the other side", "event_type": "event type",
    "sub_event_type": "event sub-type", "grading": "the dataset's grading of the claim",
    "status": "strike status", "source": "the row's own sources", "source_article": "the cited article",
    "number_of_sources": "how many sources", "source_links": "links to sources", "headline": "a source headline",
    "notes": "the description",
})
#: Constants a mapping file may set.
CONSTANTS = ("name", "date_format", "precision_map", "default_precision", "victims", "delimiter")
#: Fields whose text becomes the account's quote, in order of preference (else the whole row as rendered).
QUOTE_FIELDS = ("notes", "headline")
#: Fields copied into the account's details, with their labels.
DETAIL_FIELDS = (
    ("event_id", "event id"), ("source", "source"), ("source_article", "source article"),
    ("number_of_sources", "number of sources"), ("event_type", "event type"), ("sub_event_type", "sub-event type"),
    ("killed_best", "best estimate of killed"), ("killed_civilians", "civilians among the killed"),
    ("grading", "grading"), ("status", "strike status"),
)
REQUIRED = ("date", "latitude", "longitude")
DEFAULT_PRECISION = "near"
MEMO_SIZE = 4096  # precision codes remembered per dataset


def fold_header(name: str) -> str:
    """A column name as compared: case folded, punctuation and spacing collapsed ("Civilians killed (min)" ->
    "civilians killed min")."""
    return " ".join(re.sub(r"[\W_]+", " ", name.replace("\ufeff", "")).casefold().split())


def _columns(table: Mapping[str, tuple[str, ...]]) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({k: tuple(fold_header(v) for v in vs) for k, vs in table.items()})


@dataclass(frozen=True)
class Dataset:
    """How one dataset's columns and codes map to our fields."""

    key: str  # the --format name
    name: str  # the claimant and outlet of its accounts
    columns: Mapping[str, tuple[str, ...]]  # our field -> accepted headers (folded), the first found wins
    required: tuple[str, ...] = REQUIRED
    precision_codes: Mapping[str, str] = field(default_factory=dict)  # their code (folded) -> ours
    precision_patterns: tuple[tuple[str, str], ...] = ()  # (regex on the folded value, ours), first match wins
    time_precision: Mapping[str, str] = field(default_factory=dict)  # their date precision code -> day/week/...
    victims: str | None = None  # a constant category; None: civilians when civilian deaths are all the deaths
    date_format: str | None = None  # a strptime format tried first (declares "03/04/2018" as day or month first)
    default_precision: str = DEFAULT_PRECISION
    delimiter: str | None = None  # None: sniffed
    _memo: dict[str, str | None] = field(default_factory=dict, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a dataset needs a name (its accounts' claimant)")
        unknown = [f for f in self.columns if f not in FIELDS]
        if unknown:
            raise ValueError(f"columns: unknown field {unknown[0]!r}")
        bad = [p for p in (*self.precision_codes.values(), *(p for _, p in self.precision_patterns),
                           self.default_precision) if p not in PRECISIONS]
        if bad:
            raise ValueError(f"precision must be one of {PRECISIONS}, got {bad[0]!r}")
        if self.victims is not None and self.victims not in VICTIMS:
            raise ValueError(f"victims must be one of {VICTIMS}, got {self.victims!r}")
        if self.delimiter is not None and len(self.delimiter) != 1:
            raise ValueError(f"delimiter must be one character, got {self.delimiter!r}")

    def precision(self, code: str) -> str | None:
        """Our precision for one of the dataset's codes, or None when the code is blank or unknown."""
        if code in self._memo:
            return self._memo[code]
        ours = self._precision(code)
        if len(self._memo) < MEMO_SIZE:
            self._memo[code] = ours
        return ours

    def _precision(self, code: str) -> str | None:
        key = fold_header(code)
        key = re.sub(r"^(\d+) 0+$", r"\1", key)  # "2.0" as a spreadsheet writes 2
        if not key:
            return None
        if key in self.precision_codes:
            return self.precision_codes[key]
        for pattern, ours in self.precision_patterns:
            if re.search(pattern, key):
                return ours
        return key if key in PRECISIONS else None


ACLED = Dataset(
    key="acled", name="ACLED",
    columns=_columns({
        "event_id": ("event_id_cnty", "event id", "event_id", "data_id"), "date": ("event_date", "date"),
        "time_precision": ("time_precision",), "event_type": ("event_type",), "sub_event_type": ("sub_event_type",),
        "perpetrator": ("actor1",), "target": ("actor2",), "place": ("location",), "admin1": ("admin1",),
        "admin2": ("admin2",), "admin3": ("admin3",), "latitude": ("latitude", "lat"),
        "longitude": ("longitude", "lon", "long"), "precision": ("geo_precision",),
        "killed": ("fatalities",), "source": ("source",), "notes": ("notes",),
    }),
    precision_codes={"1": "exact", "2": "near", "3": "governorate"},
    time_precision={"1": "day", "2": "week", "3": "month"},
    victims="unknown",
)

UCDP = Dataset(
    key="ucdp", name="UCDP GED",
    columns=_columns({
        "event_id": ("id", "event_id", "relid"), "date": ("date_start",), "date_end": ("date_end",),
        "time_precision": ("date_prec",), "place": ("where_coordinates",), "admin1": ("adm_1",),
        "admin2": ("adm_2",), "latitude": ("latitude",), "longitude": ("longitude",), "precision": ("where_prec",),
        "perpetrator": ("side_a",), "target": ("side_b",), "killed_min": ("low",), "killed_max": ("high",),
        "killed_best": ("best",), "killed_civilians": ("deaths_civilians",), "source": ("source_office",),
        "source_article": ("source_article",), "headline": ("source_headline",),
        "number_of_sources": ("number_of_sources",),
    }),
    precision_codes={"1": "exact", "2": "near", "3": "district", "4": "governorate", "5": "country",
                     "6": "country", "7": "country"},
    time_precision={"1": "day", "2": "days", "3": "week", "4": "month", "5": "year"},
)

AIRWARS = Dataset(
    key="airwars", name="Airwars",
    columns=_columns({
        "event_id": ("code", "incident code", "unique reference code", "incident id", "id"),
        "date": ("date", "incident date", "date of incident"),
        "place": ("location name (english)", "location name english", "location name", "location (english)",
                  "location english", "location", "name (english)"),
        "place_ar": ("location name (arabic)", "location name arabic", "location (arabic)", "location arabic",
                     "name (arabic)"),
        "admin1": ("governorate", "province"), "latitude": ("latitude", "lat"),
        "longitude": ("longitude", "lon", "lng", "long"),
        "precision": ("geolocation accuracy", "geolocation precision", "location accuracy", "accuracy"),
        "killed_min": ("civilians killed min", "civilians killed (min)", "min civilians killed",
                       "civilian deaths min", "civilians reported killed min"),
        "killed_max": ("civilians killed max", "civilians killed (max)", "max civilians killed",
                       "civilian deaths max", "civilians reported killed max"),
        "killed": ("civilians killed", "civilian deaths"),
        "injured_min": ("civilians injured min", "civilians injured (min)", "min civilians injured"),
        "injured_max": ("civilians injured max", "civilians injured (max)", "max civilians injured"),
        "injured": ("civilians injured",),
        "grading": ("grading", "civilian harm grading", "civilian harm status"),
        "perpetrator": ("belligerent", "belligerents", "suspected belligerent", "suspected belligerents"),
        "status": ("strike status", "strike status (declared)"),
        "source_links": ("source links", "sources", "source urls", "links", "source"),
        "notes": ("summary", "description", "notes"),
    }),
    precision_patterns=(
        (r"exact", "exact"), (r"100 ?m\b", "exact"), (r"1 ?km\b", "exact"), (r"landmark", "near"),
        (r"neighbou?rhood", "exact"), (r"village", "exact"), (r"\btown\b", "exact"), (r"\bcity\b", "near"),
        (r"district|county|township|\barea\b", "district"), (r"province|governorate", "governorate"),
        (r"country", "country"),
    ),
    victims="civilians",
)

DATASETS = MappingProxyType({d.key: d for d in (ACLED, UCDP, AIRWARS)})
FORMATS = (*DATASETS, "csv")


def read_mapping(mapping: Path | str | Mapping[str, object]) -> tuple[str, dict[str, object]]:
    """A mapping as (where it came from, its JSON object); a path is read, a mapping returned as is."""
    if isinstance(mapping, Mapping):
        return "mapping", dict(mapping)
    path = Path(mapping)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ImportFormatError(f"mapping {path.name}: cannot read it as JSON: {e}") from e
    if not isinstance(data, dict):
        raise ImportFormatError(f"mapping {path.name}: must be a JSON object, got {type(data).__name__}")
    return path.name, data


def _mapped_columns(where: str, data: Mapping[str, object]) -> dict[str, tuple[str, ...]]:
    """Our field -> the mapping's column names (folded)."""
    out: dict[str, tuple[str, ...]] = {}
    for key, value in data.items():
        if key in CONSTANTS:
            continue
        if key not in FIELDS:
            raise ImportFormatError(f"mapping {where}: unknown key {key!r} (fields: {', '.join(FIELDS)}; "
                                    f"constants: {', '.join(CONSTANTS)})")
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
            raise ImportFormatError(f"mapping {where}: {key} must be a column name or a list of them, got {value!r}")
        out[key] = tuple(fold_header(n) for n in names)
    return out


def dataset_for(fmt: str, mapping: Path | str | Mapping[str, object] | None = None) -> Dataset:
    """The dataset description for a format, with a mapping's columns and constants applied."""
    if fmt not in FORMATS:
        raise ImportFormatError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    if mapping is None:
        if fmt == "csv":
            raise ImportFormatError("format csv needs a mapping file (our field -> your column name)")
        return DATASETS[fmt]
    where, data = read_mapping(mapping)
    base = DATASETS.get(fmt) or Dataset(key="csv", name="csv", columns={}, victims=None)
    if fmt == "csv" and not (isinstance(data.get("name"), str) and str(data["name"]).strip()):
        raise ImportFormatError(f"mapping {where}: 'name' (the dataset's name, its accounts' claimant) is required")
    changes: dict[str, object] = {"columns": MappingProxyType({**_mapped_columns(where, data), **{
        k: v for k, v in base.columns.items() if k not in data}})}
    for key in ("name", "date_format", "default_precision", "victims", "delimiter"):
        if key in data:
            if not isinstance(data[key], str):
                raise ImportFormatError(f"mapping {where}: {key} must be text, got {data[key]!r}")
            changes[key] = data[key]
    if "precision_map" in data:
        pm = data["precision_map"]
        if not isinstance(pm, dict) or not all(isinstance(v, str) for v in pm.values()):
            raise ImportFormatError(f"mapping {where}: precision_map must map codes to {PRECISIONS}, got {pm!r}")
        changes["precision_codes"] = {**base.precision_codes, **{fold_header(str(k)): v for k, v in pm.items()}}
    try:
        return replace(base, **changes)
    except ValueError as e:
        raise ImportFormatError(f"mapping {where}: {e}") from e
