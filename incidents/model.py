"""The data model, claims first: documents, the accounts they carry, and incidents that group accounts.

An account is one source's claim about one event: whom the text credits, where, when, how many killed or injured,
with the quoted sentence and its span. Incidents hold accounts side by side; their figures are derived, never typed
over the accounts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

VICTIMS = ("civilians", "soldiers", "fighters", "unknown")
PRECISIONS = ("exact", "near", "district", "governorate", "country")


def normalized_text(text: str) -> str:
    """Text as compared for duplicates: NFKC, typographic quotes made plain, whitespace collapsed, case folded."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split()).casefold()  # str.split's whitespace is the \s of `re`


def content_hash(text: str) -> str:
    """The id of a text: a hash of its normalized form (the same article twice has one id)."""
    return hashlib.sha256(normalized_text(text).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Document:
    """One article as read: its text and what is known of where it came from."""

    text: str
    file: str  # the source file's name
    article: int = 0  # index of the article within its file
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str = "en"
    body_start: int = 0  # where the body begins after the header lines (title, byline, "Source:")
    id: str = ""  # hash of the normalized body: the same article twice has one id
    encoding: str = "utf-8"  # the encoding the file was read in (detected when it was not UTF-8)

    def __post_init__(self) -> None:
        if not self.text[self.body_start:].strip():
            raise ValueError(f"{self.file}: article {self.article} has no text")
        if not self.id:
            object.__setattr__(self, "id", content_hash(self.text[self.body_start:]))


@dataclass(frozen=True)
class PlaceMention:
    """A place as the text names it, and what the gazetteer made of it."""

    text: str  # as written
    start: int  # span in the article's text
    end: int
    name: str | None = None  # the resolved place's name, None when unresolved
    place_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None  # exact / near / district / governorate / country, None when unresolved
    confidence: float = 0.0
    admin1: str | None = None
    runners_up: tuple[str, ...] = ()  # "name (place_id, score)" of the other candidates
    phrase: str = ""  # the place phrase as written, qualifiers included ("a village south of Mayadeen")
    why: str = ""  # where the claim's text names it: same sentence / other sentence / headline / dateline

    def __post_init__(self) -> None:
        if self.precision is not None and self.precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, got {self.precision!r}")
        if (self.lat is None) != (self.lon is None):
            raise ValueError(f"place mention {self.text!r}: lat and lon must both be set or both be None")
        if self.lat is not None and not (-90 <= self.lat <= 90 and -180 <= self.lon <= 180):  # type: ignore[operator]
            raise ValueError(f"place mention {self.text!r}: impossible coordinates {self.lat}, {self.lon}")

    @property
    def resolved(self) -> bool:
        """True when the mention has a point."""
        return self.lat is not None


@dataclass(frozen=True)
class Account:
    """One source's claim about one event, with the sentence it came from."""

    document_id: str
    file: str
    article: int
    quote: str
    start: int  # span of the quote in the article's text
    end: int
    claimed_by: str
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    places: tuple[PlaceMention, ...] = ()
    date_min: dt.date | None = None
    date_max: dt.date | None = None
    date_text: str | None = None
    date_precision: str = "unknown"
    killed_min: int | None = None
    killed_max: int | None = None
    injured_min: int | None = None
    injured_max: int | None = None
    casualties_min: int | None = None
    casualties_max: int | None = None
    victims: str = "unknown"
    perpetrator: str | None = None
    target: str | None = None
    weapon: str | None = None
    details: tuple[str, ...] = ()
    confidence: float = 0.5
    claim_start: int = 0  # where the claim's first figure stands in the article: orders claims of one sentence
    id: str = field(default="")

    def __post_init__(self) -> None:
        if self.victims not in VICTIMS:
            raise ValueError(f"victims must be one of {VICTIMS}, got {self.victims!r}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"account span must satisfy 0 <= start <= end, got {self.start}, {self.end}")
        for lo, hi in ((self.killed_min, self.killed_max), (self.injured_min, self.injured_max),
                       (self.casualties_min, self.casualties_max)):
            if lo is not None and hi is not None and lo > hi:
                raise ValueError(f"a figure's min {lo} exceeds its max {hi}")
        if self.date_min and self.date_max and self.date_min > self.date_max:
            raise ValueError(f"date_min {self.date_min} is after date_max {self.date_max}")
        if not self.id:
            key = f"{self.document_id}:{self.start}:{self.end}:{self.claimed_by}:{self.killed_min}:{self.killed_max}"
            object.__setattr__(self, "id", hashlib.sha256(key.encode()).hexdigest()[:16])

    @property
    def order(self) -> tuple[str, int, int]:
        """Text order: document, sentence, then the claim within the sentence."""
        return (self.document_id, self.start, self.claim_start)

    @cached_property
    def point(self) -> tuple[float, float] | None:
        """The centroid of the account's resolved places (the finest ones), or None (worked out once)."""
        pts: list = []
        for level in (("exact",), ("near",), ("district", "governorate", "country")):
            pts = pts or [(p.lat, p.lon) for p in self.places if p.resolved and p.precision in level]
        if not pts:
            return None
        return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))  # type: ignore[misc]


@dataclass(frozen=True)
class Incident:
    """A cluster of accounts about one event; its figures are derived from the accounts (once: both are frozen)."""

    id: str
    accounts: tuple[Account, ...]

    @cached_property
    def point(self) -> tuple[float, float] | None:
        """The centroid of the accounts' points (several villages named: their centroid); an account placed only to
        a district, governorate or country moves it only when no account is placed better."""
        pts = [a.point for a in self.accounts if a.point and any(p.resolved and p.precision in ("exact", "near")
                                                                  for p in a.places)]
        pts = pts or [a.point for a in self.accounts if a.point]
        if not pts:
            return None
        return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))  # type: ignore[index]

    @cached_property
    def place(self) -> str | None:
        """The names of the places the accounts name, joined."""
        names: dict[str, None] = {}
        for a in self.accounts:
            for p in a.places:
                names[p.name or p.text] = None
        return ", ".join(names) or None

    @cached_property
    def precision(self) -> str | None:
        """The finest precision any account gives."""
        found = [p.precision for a in self.accounts for p in a.places if p.precision]
        return min(found, key=PRECISIONS.index) if found else None

    @cached_property
    def date_min(self) -> dt.date | None:
        """The latest start among the accounts' windows (their shared window), or the earliest known."""
        starts = [a.date_min for a in self.accounts if a.date_min]
        return max(starts) if starts else None

    @cached_property
    def date_max(self) -> dt.date | None:
        """The earliest end among the accounts' windows."""
        ends = [a.date_max for a in self.accounts if a.date_max]
        return min(ends) if ends else None

    @cached_property
    def killed_min(self) -> int | None:
        """The lowest killed figure any account claims."""
        vals = [a.killed_min for a in self.accounts if a.killed_min is not None]
        return min(vals) if vals else None

    @cached_property
    def killed_max(self) -> int | None:
        """The highest killed figure any account claims (its max, else its min)."""
        vals = [v for a in self.accounts for v in (a.killed_max, a.killed_min) if v is not None]
        return max(vals) if vals else None

    @cached_property
    def sources(self) -> int:
        """How many distinct claimants the accounts credit."""
        return len({a.claimed_by.casefold() for a in self.accounts})

    @cached_property
    def disputed(self) -> bool:
        """True when different claimants give different killed figures or different victim categories."""
        by_claimant: dict[str, set] = {}
        victims: dict[str, set] = {}
        for a in self.accounts:
            who = a.claimed_by.casefold()
            if a.killed_min is not None or a.killed_max is not None:
                by_claimant.setdefault(who, set()).add((a.killed_min, a.killed_max))
            if a.victims != "unknown":
                victims.setdefault(who, set()).add(a.victims)
        figures = {frozenset(v) for v in by_claimant.values()}
        kinds = {frozenset(v) for v in victims.values()}
        return len(figures) > 1 or len(kinds) > 1
