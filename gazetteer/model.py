"""Value objects of the gazetteer: places, scored candidates and the answer to a query.

They check themselves: a coordinate out of range or NaN is refused at construction.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from .errors import InvalidCoordinates


class Precision(str, Enum):
    """How precisely a resolved point locates what the text names (after ACLED geo_precision, UCDP where_prec)."""

    EXACT = "exact"  # a village, town or neighbourhood
    NEAR = "near"  # the text says "near X", "outskirts of X", "X countryside"
    DISTRICT = "district"  # a district or sub-district
    GOVERNORATE = "governorate"
    COUNTRY = "country"

    def __str__(self) -> str:
        return self.value


#: The precision a place of each type gives when a text names it.
TYPE_PRECISION = {
    "locality": Precision.EXACT, "neighbourhood": Precision.EXACT, "site": Precision.EXACT,
    "mountain": Precision.EXACT, "camp": Precision.EXACT,
    "subdistrict": Precision.DISTRICT, "district": Precision.DISTRICT,
    "governorate": Precision.GOVERNORATE, "country": Precision.COUNTRY,
}


def check_coordinates(lat: object, lon: object) -> tuple[float, float]:
    """Return (lat, lon) as floats, or raise InvalidCoordinates naming the bad value."""
    try:
        la, lo = float(lat), float(lon)  # type: ignore[arg-type]
    except (TypeError, ValueError) as e:
        raise InvalidCoordinates(f"coordinates must be numbers, got lat={lat!r}, lon={lon!r}") from e
    if not (math.isfinite(la) and -90.0 <= la <= 90.0):
        raise InvalidCoordinates(f"latitude must be within [-90, 90], got {lat!r}")
    if not (math.isfinite(lo) and -180.0 <= lo <= 180.0):
        raise InvalidCoordinates(f"longitude must be within [-180, 180], got {lon!r}")
    return la, lo


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True, slots=True)
class Place:
    """A place of the gazetteer: a point with names, a type and its administrative parents."""

    id: str
    name: str
    lat: float
    lon: float
    type: str = "locality"
    name_ar: str = ""
    country: str = "SY"
    admin1: str = ""  # governorate code: OCHA P-code (SY09) or ISO 3166-2 (IQ-AN)
    admin1_name: str = ""
    admin2: str = ""  # district name
    population: int = 0
    current: bool = True
    source: str = ""
    source_id: str = ""
    names: tuple[str, ...] = ()
    admin1_near: tuple[str, ...] = ()  # other governorates whose boundary lies within a few km
    support: int = 1  # how many independent sources give this place (names folding together, points ≤ 2 km apart)
    seat: bool = False  # the town an admin unit of the same name is named after (Daraa of Daraa governorate)

    def __post_init__(self) -> None:
        lat, lon = check_coordinates(self.lat, self.lon)
        object.__setattr__(self, "lat", lat)
        object.__setattr__(self, "lon", lon)
        if not self.id:
            raise ValueError("a place needs an id")

    @property
    def point(self) -> tuple[float, float]:
        """(lat, lon)."""
        return (self.lat, self.lon)

    @property
    def precision(self) -> Precision:
        """The precision this place gives when named."""
        return TYPE_PRECISION.get(self.type, Precision.EXACT)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place that may be what a query names, with how well it matches."""

    place: Place
    score: float  # 0..1, higher is better
    matched_name: str  # the alternate name that matched
    match: str  # "exact" | "folded" | "variant" | "skeleton" | "fuzzy"
    precision: Precision
    raw: float = 0.0  # the unclipped ranking score, for ordering and ambiguity
    context: float = 0.0  # the part of the score the places named beside the query gave

    def __post_init__(self) -> None:
        if not (0.0 <= self.score <= 1.0) or math.isnan(self.score):
            raise ValueError(f"score must be within [0, 1], got {self.score!r}")


@dataclass(frozen=True)
class Resolution:
    """The answer to a query: the best candidate if confident enough, else unresolved, with all candidates ranked."""

    query: str
    candidates: tuple[Candidate, ...] = ()
    confidence: float = 0.0
    resolved: bool = False
    qualifier: str = ""  # "near", "countryside", … as stripped from the query
    reason: str = ""  # why unresolved: "no candidate", "low score", "ambiguous"
    note: str = ""  # what the answer should be read with ("outside the hinted governorate", "near: the part X …")
    unresolved_part: str = ""  # the part of a compound name no place was found for, kept as written

    @property
    def place(self) -> Place | None:
        """The resolved place, or None when unresolved."""
        return self.candidates[0].place if self.resolved and self.candidates else None

    @property
    def best(self) -> Candidate | None:
        """The top candidate, resolved or not."""
        return self.candidates[0] if self.candidates else None

    @property
    def precision(self) -> Precision | None:
        """Precision of the resolved point, or None when unresolved."""
        return self.candidates[0].precision if self.resolved and self.candidates else None

    @property
    def runners_up(self) -> tuple[Candidate, ...]:
        """Candidates after the first."""
        return self.candidates[1:]

    def __iter__(self) -> Iterator[Candidate]:
        return iter(self.candidates)

    def __len__(self) -> int:
        return len(self.candidates)

    def __getitem__(self, i: int) -> Candidate:
        return self.candidates[i]
