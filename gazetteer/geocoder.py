"""A geopy geocoder over the offline gazetteer, with an opt-in online fallback through Nominatim.

Code written against geopy can swap it in::

    from gazetteer.geocoder import AtlasGeocoder
    geocoder = AtlasGeocoder()
    location = geocoder.geocode("Deir Ezzor")      # a geopy Location, or None when unresolved
    location.address                                 # 'Deir ez-Zor, Markaz Dayr az-Zawr, Deir ez-Zor, Syria'
    location.raw["precision"], location.raw["source"]   # ('exact', 'atlas')
    geocoder.reverse((34.6927, 40.827)).raw["name"]  # 'Hajin'

Offline by default: nothing leaves the machine. A person may opt in to asking Nominatim when the gazetteer cannot
resolve a name, with ``AtlasGeocoder(online=OnlineFallback())`` or by setting the environment variable
``ATLAS_ONLINE_GEOCODER=nominatim``. Online answers are rate-limited (one request a second by default) and cached,
"not found" included, in ``nominatim-cache.sqlite`` in the per-user cache folder (``$ATLAS_CACHE_DIR`` overrides it),
so a name is sent at most once. ``reverse`` never goes online.
"""

from __future__ import annotations

import heapq
import json
import logging
import math
import os
import re
import sqlite3
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geopy.exc import ConfigurationError, GeocoderQueryError, GeocoderServiceError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from .errors import GazetteerError
from .gazetteer import Gazetteer
from .index import cache_dir
from .model import Candidate, Place, Precision, Resolution, check_coordinates, distance_km
from .qualifiers import parse_query
from .rank import THRESHOLD

logger = logging.getLogger(__name__)

#: The environment variable that turns the online fallback on: "nominatim" (or empty / "off" for none).
ONLINE_ENV = "ATLAS_ONLINE_GEOCODER"
_OFF_VALUES = frozenset({"", "0", "off", "no", "none", "false"})
COUNTRY_NAMES = {"SY": "Syria", "IQ": "Iraq"}
#: Place types that are points on the ground; `reverse` answers with these only.
POINT_TYPES = frozenset({"locality", "neighbourhood", "site", "camp", "mountain"})
#: Admin unit types, named with their type in an address ("Abu Kamal District").
_ADMIN_LABEL = {"district": "District", "subdistrict": "Subdistrict", "governorate": "Governorate"}
#: Nominatim addresstype / type -> our precision.
NOMINATIM_PRECISION = {
    **dict.fromkeys(("city", "town", "village", "hamlet", "suburb", "neighbourhood", "quarter", "locality",
                     "isolated_dwelling", "farm", "borough", "city_district", "square", "peak", "hill"),
                    Precision.EXACT),
    **dict.fromkeys(("county", "state_district", "district", "municipality", "region"), Precision.DISTRICT),
    "state": Precision.GOVERNORATE, "province": Precision.GOVERNORATE,
    "country": Precision.COUNTRY,
}
#: Nominatim place_rank upper bounds -> precision, for types not in the table.
_RANK_PRECISION = ((4, Precision.COUNTRY), (8, Precision.GOVERNORATE), (15, Precision.DISTRICT))


# -- the online fallback ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OnlineFallback:
    """Settings of the opt-in Nominatim fallback: where to ask, how often, and where answers are cached.

    `scheme` None takes the geocoder's scheme (https). `clock` and `sleep` drive the rate limiter (tests pass fakes).
    `cache_path` None is ``nominatim-cache.sqlite`` in the per-user cache folder.
    """

    domain: str = "nominatim.openstreetmap.org"
    scheme: str | None = None
    country_codes: tuple[str, ...] = ("sy", "iq")
    limit: int = 5
    min_delay_seconds: float = 1.0
    max_retries: int = 2
    error_wait_seconds: float = 5.0
    cache_path: Path | None = None
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep

    def __post_init__(self) -> None:
        if not self.domain or "/" in self.domain:
            raise ConfigurationError(f"domain must be a host name (and port), got {self.domain!r}")
        if self.scheme not in (None, "http", "https"):
            raise ConfigurationError(f"scheme must be 'http' or 'https', got {self.scheme!r}")
        if self.limit < 1 or self.max_retries < 0:
            raise ConfigurationError(f"limit must be >= 1 and max_retries >= 0, got {self.limit!r}, "
                                     f"{self.max_retries!r}")
        if not 0 <= self.min_delay_seconds <= self.error_wait_seconds:
            raise ConfigurationError(f"need 0 <= min_delay_seconds <= error_wait_seconds, got "
                                     f"{self.min_delay_seconds!r}, {self.error_wait_seconds!r}")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> OnlineFallback | None:
        """The fallback ATLAS_ONLINE_GEOCODER asks for: default settings for "nominatim", None when unset or off."""
        value = (os.environ if environ is None else environ).get(ONLINE_ENV, "").strip().lower()
        if value in _OFF_VALUES:
            return None
        if value == "nominatim":
            return cls()
        raise ConfigurationError(f"{ONLINE_ENV} must be 'nominatim' or empty, got {value!r}")


class ClockedRateLimiter(RateLimiter):
    """geopy's RateLimiter with its clock and sleep passed in, so the waiting can be tested without waiting."""

    def __init__(self, func: Callable[..., Any], *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep, **kwargs: Any) -> None:
        super().__init__(func, **kwargs)
        self._clock_fn, self._sleep_fn = clock, sleep

    def _clock(self) -> float:
        return self._clock_fn()

    def _sleep(self, seconds: float) -> None:
        logger.debug("rate limiter: waiting %.2f s", seconds)
        self._sleep_fn(seconds)


class OnlineCache:
    """Answers of the online geocoder, "not found" included, kept in a small SQLite file keyed by query."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @staticmethod
    def key(domain: str, country_codes: Sequence[str], query: str) -> str:
        """The cache key: service, countries and the query with case and spacing normalized."""
        return f"{domain}|{','.join(country_codes)}|{' '.join(query.casefold().split())}"

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=5.0)
        db.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, results TEXT NOT NULL, fetched REAL)")
        return db

    def get(self, key: str) -> list[dict[str, Any]] | None:
        """The cached results for `key` ([] for "not found"), or None when never asked or unreadable."""
        try:
            with closing(self._connect()) as db:
                row = db.execute("SELECT results FROM answers WHERE key = ?", (key,)).fetchone()
            return None if row is None else list(json.loads(row[0]))
        except (OSError, sqlite3.Error, ValueError) as e:
            logger.warning("cannot read the online geocoder cache %s: %s", self.path, e)
            return None

    def put(self, key: str, results: list[dict[str, Any]]) -> None:
        """Remember the results for `key`; a failure to write is logged, not raised."""
        try:
            with closing(self._connect()) as db, db:
                db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)",
                           (key, json.dumps(results, ensure_ascii=False), time.time()))
        except (OSError, sqlite3.Error) as e:
            logger.warning("cannot write the online geocoder cache %s: %s", self.path, e)


class NominatimClient:
    """Asks Nominatim through geopy, at most once per query (cached) and no faster than the rate limit."""

    def __init__(self, settings: OnlineFallback, nominatim: Nominatim) -> None:
        self.settings = settings
        self.nominatim = nominatim
        self.cache = OnlineCache(settings.cache_path or cache_dir() / "nominatim-cache.sqlite")
        self._search = ClockedRateLimiter(
            nominatim.geocode, min_delay_seconds=settings.min_delay_seconds, max_retries=settings.max_retries,
            error_wait_seconds=settings.error_wait_seconds, swallow_exceptions=False,
            clock=settings.clock, sleep=settings.sleep)

    def search(self, query: str, *, timeout: Any = DEFAULT_SENTINEL) -> list[dict[str, Any]]:
        """Nominatim's raw results for `query` ([] for none); raises GeocoderServiceError when it cannot be asked."""
        s = self.settings
        key = OnlineCache.key(s.domain, s.country_codes, query)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        logger.info("asking %s for %r (online fallback)", s.domain, query)
        found = self._search(query, exactly_one=False, limit=s.limit, timeout=timeout,
                             country_codes=list(s.country_codes) or None)
        results = [dict(loc.raw) for loc in found or ()]
        self.cache.put(key, results)
        return results


def nominatim_precision(raw: Mapping[str, Any]) -> Precision:
    """Our precision for a Nominatim result, from its addresstype or type, else its place_rank."""
    for field in ("addresstype", "type"):
        kind = str(raw.get(field) or "").lower()
        if kind in NOMINATIM_PRECISION:
            return NOMINATIM_PRECISION[kind]
    try:
        rank = int(raw.get("place_rank", ""))
    except (TypeError, ValueError):
        return Precision.EXACT
    return next((p for top, p in _RANK_PRECISION if rank <= top), Precision.EXACT)


def _nominatim_location(raw: Mapping[str, Any], *, near: bool) -> Location:
    """A geopy Location in our raw form for one Nominatim result (ValueError/KeyError when malformed)."""
    lat, lon = check_coordinates(raw["lat"], raw["lon"])
    display = str(raw.get("display_name") or "")
    name = str(raw.get("name") or display.split(",")[0]).strip()
    precision = Precision.NEAR if near else nominatim_precision(raw)
    osm = f"{raw.get('osm_type', '')}/{raw.get('osm_id', '')}" if raw.get("osm_id") else raw.get("place_id", "")
    ours = {
        "source": "nominatim", "place_id": f"nominatim:{osm}", "name": name, "name_ar": "",
        "type": str(raw.get("addresstype") or raw.get("type") or ""), "country": "", "admin1": "",
        "admin1_name": "", "admin2": "", "precision": precision.value, "score": None, "confidence": None,
        "resolved": True, "match": "online", "matched_name": name, "nominatim": dict(raw),
    }
    return Location(display or name, (lat, lon), ours)


def _online_settings(online: OnlineFallback | bool | None) -> OnlineFallback | None:
    """The fallback asked for: an OnlineFallback, True (defaults), False (off), or None (ATLAS_ONLINE_GEOCODER)."""
    if online is None:
        return OnlineFallback.from_env()
    if online is True:
        return OnlineFallback()
    if online is False:
        return None
    if isinstance(online, OnlineFallback):
        return online
    raise ConfigurationError(f"online must be an OnlineFallback, True, False or None, got {online!r}")


# -- offline answers as geopy Locations ------------------------------------------------------------------------


def address(place: Place) -> str:
    """A readable address: "Name, District, Governorate, Country", admin units labelled with their type."""
    country = COUNTRY_NAMES.get(place.country, place.country)
    if place.type == "country":
        return place.name
    label = _ADMIN_LABEL.get(place.type, "")
    head = place.name if not label or place.name.lower().endswith(label.lower()) else f"{place.name} {label}"
    parents = {"governorate": [], "district": [place.admin1_name]}.get(
        place.type, [place.admin2, place.admin1_name])
    parts: list[str] = []
    for part in (head, *parents, country):
        if part and (not parts or part.casefold() != parts[-1].casefold()):
            parts.append(part)
    return ", ".join(parts)


def _place_raw(place: Place) -> dict[str, Any]:
    """The gazetteer fields of a place, as plain data for Location.raw."""
    return {"source": "atlas", "place_id": place.id, "name": place.name, "name_ar": place.name_ar,
            "type": place.type, "country": place.country, "admin1": place.admin1,
            "admin1_name": place.admin1_name, "admin2": place.admin2}


def _candidate_location(candidate: Candidate, resolution: Resolution, *, top: bool) -> Location:
    """A geopy Location for one ranked candidate of a resolution."""
    place = candidate.place
    raw = {**_place_raw(place), "precision": candidate.precision.value, "score": candidate.score,
           "confidence": resolution.confidence, "resolved": top and resolution.resolved, "match": candidate.match,
           "matched_name": candidate.matched_name, "qualifier": resolution.qualifier, "query": resolution.query}
    return Location(address(place), (place.lat, place.lon), raw)


def _reverse_location(place: Place, km: float) -> Location:
    """A geopy Location for a place found near a point."""
    raw = {**_place_raw(place), "precision": place.precision.value, "score": None, "confidence": None,
           "resolved": True, "match": "reverse", "matched_name": place.name, "distance_km": round(km, 3)}
    return Location(address(place), (place.lat, place.lon), raw)


_TWO_NUMBERS = re.compile(r"^\s*([-+]?[\d.]+(?:[eE][-+]?\d+)?)\s*[,;\s]\s*([-+]?[\d.]+(?:[eE][-+]?\d+)?)\s*$")


def parse_point(query: object) -> tuple[float, float]:
    """(lat, lon) from a geopy Point, a (lat, lon) pair or a "lat, lon" string; GeocoderQueryError when bad."""
    try:
        if isinstance(query, Point):
            return check_coordinates(query.latitude, query.longitude)
        if isinstance(query, str):
            m = _TWO_NUMBERS.match(query)
            if m:
                return check_coordinates(m.group(1), m.group(2))
            if query.strip():
                p = Point(query)  # degrees-minutes-seconds and other forms geopy reads
                return check_coordinates(p.latitude, p.longitude)
        elif (isinstance(query, Sequence) and not isinstance(query, (bytes, bytearray)) and len(query) in (2, 3)
              and not any(isinstance(v, bool) for v in query)):
            return check_coordinates(query[0], query[1])
    except (GazetteerError, ValueError, TypeError) as e:
        raise GeocoderQueryError(f"not a valid point: {query!r} ({e})") from e
    raise GeocoderQueryError(f"a point must be (lat, lon), 'lat, lon' or a geopy Point, got {query!r}")


# -- the geocoder ----------------------------------------------------------------------------------------------


class AtlasGeocoder(Geocoder):
    """A geopy Geocoder over the offline gazetteer: spellings in Latin or Arabic script to places, offline.

    "No result" is None (geopy's convention), also when the gazetteer is unsure (ambiguous or a weak match):
    `Gazetteer.resolve` gives the ranked candidates of such answers. Bad input raises geopy's GeocoderQueryError
    (a ValueError). `online` turns on the Nominatim fallback for unresolved names: an OnlineFallback, True for its
    defaults, False for never, or None to follow the ATLAS_ONLINE_GEOCODER environment variable.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, admin1: str | None = None,
                 online: OnlineFallback | bool | None = None, timeout: float = 10.0,
                 user_agent: str = "incident-atlas", scheme: str | None = None, proxies: Any = DEFAULT_SENTINEL,
                 ssl_context: Any = DEFAULT_SENTINEL, adapter_factory: Any = None) -> None:
        super().__init__(scheme=scheme, timeout=timeout, proxies=proxies, user_agent=user_agent,
                         ssl_context=ssl_context, adapter_factory=adapter_factory)
        self._gazetteer = gazetteer
        self._points: list[tuple[float, float, float, Place]] | None = None
        self.admin1 = admin1
        self.online = _online_settings(online)
        self._client = None if self.online is None else NominatimClient(self.online, Nominatim(
            domain=self.online.domain, scheme=self.online.scheme or self.scheme, timeout=self.timeout,
            proxies=self.proxies, user_agent=self.headers["User-Agent"], ssl_context=self.ssl_context,
            adapter_factory=adapter_factory))

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer answers come from (the shipped one, loaded on first use, unless one was passed in)."""
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.load()
        return self._gazetteer

    def geocode(self, query: str, exactly_one: bool = True, *, admin1: str | None = None, near: object = None,
                limit: int = 5, timeout: Any = DEFAULT_SENTINEL) -> Location | list[Location] | None:
        """The place `query` names: a Location, a list of up to `limit` (exactly_one=False), or None if unresolved.

        `admin1` is a governorate hint in any spelling (default: the geocoder's); `near` a (lat, lon), a Place or a
        list of them. The list holds the resolved place first, then other candidates scoring above the threshold.
        """
        if not isinstance(query, str) or not query.strip():
            raise GeocoderQueryError(f"query must be a non-empty place name, got {query!r}")
        if not isinstance(limit, int) or limit < 1:
            raise GeocoderQueryError(f"limit must be a whole number >= 1, got {limit!r} (query {query!r})")
        try:
            resolution = self.gazetteer.resolve(query, admin1=self.admin1 if admin1 is None else admin1,
                                                near=near, limit=limit)
        except GazetteerError as e:
            raise GeocoderQueryError(f"cannot geocode {query!r}: {e}") from e
        if resolution.resolved:
            found = [_candidate_location(c, resolution, top=i == 0)
                     for i, c in enumerate(resolution) if i == 0 or c.score >= THRESHOLD]
        else:
            found = self._ask_online(query, timeout)[:limit]
        if not found:
            return None
        return found[0] if exactly_one else found

    def _ask_online(self, query: str, timeout: Any) -> list[Location]:
        """Nominatim's answers for an unresolved query; [] when the fallback is off, finds nothing, or fails."""
        if self._client is None:
            return []
        parsed = parse_query(query)
        text = f"{parsed.name}, {parsed.context}" if parsed.context else parsed.name
        try:
            results = self._client.search(text, timeout=timeout)
        except GeocoderServiceError as e:
            logger.warning("online geocoder %s failed for %r, keeping the offline answer (unresolved): %s",
                           self._client.settings.domain, query, e)
            return []
        found = []
        for raw in results:
            try:
                found.append(_nominatim_location(raw, near=parsed.near))
            except (GazetteerError, KeyError, TypeError, ValueError) as e:
                logger.warning("skipping a malformed online result for %r: %s", query, e)
        return found

    def reverse(self, query: object, exactly_one: bool = True, *, limit: int = 5, max_km: float = 25.0,
                timeout: Any = DEFAULT_SENTINEL) -> Location | list[Location] | None:
        """The gazetteer place(s) nearest a point, within `max_km`; None when none is that close. Never online.

        `query` is a geopy Point, a (lat, lon) pair or a "lat, lon" string. Only places on the ground (towns,
        villages, neighbourhoods, sites, mountains) answer, nearest first.
        """
        lat, lon = parse_point(query)
        if not isinstance(limit, int) or limit < 1:
            raise GeocoderQueryError(f"limit must be a whole number >= 1, got {limit!r} (point {query!r})")
        if not (isinstance(max_km, (int, float)) and max_km > 0):
            raise GeocoderQueryError(f"max_km must be a positive number, got {max_km!r} (point {query!r})")
        found = [_reverse_location(p, km) for p, km in self._nearest(lat, lon, limit, max_km)]
        if not found:
            return None
        return found[0] if exactly_one else found

    def _nearest(self, lat: float, lon: float, limit: int, max_km: float) -> list[tuple[Place, float]]:
        """Up to `limit` point places within `max_km` of (lat, lon), nearest first (current, populous on ties)."""
        if self._points is None:
            self._points = [(math.radians(p.lat), math.radians(p.lon), math.cos(math.radians(p.lat)), p)
                            for p in self.gazetteer.places if p.type in POINT_TYPES]
        la, lo = math.radians(lat), math.radians(lon)

        def approx(row: tuple[float, float, float, Place]) -> float:  # equirectangular, for preselection
            dlon = (row[1] - lo + math.pi) % (2 * math.pi) - math.pi
            return (row[0] - la) ** 2 + (dlon * row[2]) ** 2

        near = heapq.nsmallest(limit + 20, self._points, key=approx)
        scored = [(distance_km((lat, lon), row[3].point), row[3]) for row in near]
        scored = [(km, p) for km, p in scored if km <= max_km]
        scored.sort(key=lambda kp: (round(kp[0], 2), not kp[1].current, -kp[1].population, kp[1].id))
        return [(p, km) for km, p in scored[:limit]]
