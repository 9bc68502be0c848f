"""The geopy geocoder over the gazetteer: spellings to Locations, reverse lookup, and the opt-in Nominatim fallback.

The fallback is tested against a stub Nominatim on 127.0.0.1; a guard fails any test that connects elsewhere.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from geopy.adapters import URLLibAdapter
from geopy.exc import ConfigurationError, GeocoderQueryError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from gazetteer import Gazetteer, Place, Precision, distance_km
from gazetteer.geocoder import (
    ONLINE_ENV, AtlasGeocoder, ClockedRateLimiter, OnlineCache, OnlineFallback, address, nominatim_precision,
)

HAJIN = (34.6927, 40.827)
RAW_KEYS = {"place_id", "name", "name_ar", "type", "admin1", "admin2", "precision", "score", "confidence", "match",
            "matched_name", "source"}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    """The shipped gazetteer, loaded once for this module."""
    return Gazetteer.load()


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No fallback from the environment, and any connection beyond the loopback fails the test."""
    monkeypatch.delenv(ONLINE_ENV, raising=False)
    connect = socket.socket.connect

    def loopback_only(sock: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else ""
        if host not in ("127.0.0.1", "::1", "localhost") and sock.family in (socket.AF_INET, socket.AF_INET6):
            raise AssertionError(f"a test tried to connect to {address!r}")
        return connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", loopback_only)


@pytest.fixture
def geocoder(gaz: Gazetteer) -> AtlasGeocoder:
    """The geocoder over the shipped gazetteer, offline."""
    return AtlasGeocoder(gaz)


# -- offline geocoding -------------------------------------------------------------------------------------------

#: Spellings of one place: each geocodes within 5 km of the first.
SAME_PLACE = [
    ("Dayr al-Zawr", "Deir Ezzor", "دير الزور", "Deir-ez-Zor city"),
    ("Abu Kamal", "Albu Kamal", "al-Bukamal"),
    ("Hajin", "near Hajin"),
]


@pytest.mark.parametrize("spellings", SAME_PLACE, ids=[s[0] for s in SAME_PLACE])
def test_spellings_geocode_to_the_same_point(geocoder, spellings):
    first = geocoder.geocode(spellings[0])
    assert isinstance(first, Location)
    for spelling in spellings[1:]:
        other = geocoder.geocode(spelling)
        assert other is not None, spelling
        assert distance_km(first.point[:2], other.point[:2]) <= 5, spelling


#: query, expected name, expected address, expected precision.
LOCATIONS = [
    ("Hajin", "Hajin", "Hajin, Abu-Kamal, Deir ez-Zor, Syria", Precision.EXACT),
    ("near Hajin", "Hajin", "Hajin, Abu-Kamal, Deir ez-Zor, Syria", Precision.NEAR),
    ("Deir ez-Zor governorate", "Deir ez-Zor", "Deir ez-Zor Governorate, Syria", Precision.GOVERNORATE),
    ("Abu Kamal district", "Abu Kamal", "Abu Kamal District, Deir ez-Zor, Syria", Precision.DISTRICT),
    ("Syria", "Syria", "Syria", Precision.COUNTRY),
]


@pytest.mark.parametrize(("query", "name", "addr", "precision"), LOCATIONS, ids=[r[0] for r in LOCATIONS])
def test_location_carries_address_and_raw(geocoder, query, name, addr, precision):
    loc = geocoder.geocode(query)
    assert loc.address == addr
    assert loc.raw["name"] == name
    assert loc.raw["precision"] == precision
    assert loc.raw["source"] == "atlas"
    assert RAW_KEYS <= set(loc.raw)
    assert loc.raw["resolved"] is True and loc.raw["confidence"] >= 0.75
    assert (loc.latitude, loc.longitude) == geocoder.gazetteer.get(loc.raw["place_id"]).point
    json.dumps(loc.raw)  # plain data


def test_arabic_name_is_kept(geocoder):
    loc = geocoder.geocode("هجين")
    assert loc.raw["name"] == "Hajin"
    assert loc.raw["matched_name"] == "هجين"


def test_must_not_meet(geocoder):
    fawqani, tahtani = geocoder.geocode("Baghuz Fawqani"), geocoder.geocode("Baghuz Tahtani")
    assert fawqani.raw["place_id"] != tahtani.raw["place_id"]
    assert distance_km(fawqani.point[:2], tahtani.point[:2]) > 3


@pytest.mark.parametrize("query", ["al-Shweit", "Xyzzyqvillé", "!!!"])
def test_unresolved_is_none(geocoder, query):
    assert geocoder.geocode(query) is None
    assert geocoder.geocode(query, exactly_one=False) is None


def test_exactly_one_false_returns_a_ranked_list(geocoder):
    found = geocoder.geocode("Dayr al-Zawr", exactly_one=False, limit=3)
    assert isinstance(found, list) and 1 < len(found) <= 3
    assert all(isinstance(loc, Location) for loc in found)
    assert found[0].raw == geocoder.geocode("Dayr al-Zawr").raw
    assert [loc.raw["resolved"] for loc in found] == [True] + [False] * (len(found) - 1)
    assert [loc.raw["score"] for loc in found] == sorted((loc.raw["score"] for loc in found), reverse=True)
    assert all(loc.raw["score"] >= 0.75 for loc in found)


def test_context_is_passed_to_the_gazetteer():
    places = [("t:1", "Hamra", 34.7, 40.8), ("t:2", "Hamra", 36.0, 37.0)]
    small = Gazetteer.from_places(Place(id=i, name=n, lat=la, lon=lo, names=(n,)) for i, n, la, lo in places)
    geocoder = AtlasGeocoder(small)
    assert geocoder.geocode("Hamra") is None  # two places of that name: unsure
    assert geocoder.geocode("Hamra", near=HAJIN).raw["place_id"] == "t:1"
    assert geocoder.geocode("Hamra", near=(36.01, 37.01)).raw["place_id"] == "t:2"


def test_governorate_hint_defaults_to_the_geocoders(gaz):
    hinted = AtlasGeocoder(gaz, admin1="Deir ez-Zor")
    loc = hinted.geocode("al-Mayadin")
    assert loc.raw["admin1"] == "SY09"


@pytest.mark.parametrize("query", ["", "   ", None, 42, b"Hajin", ["Hajin"]])
def test_bad_queries_raise_geocoder_query_error(geocoder, query):
    with pytest.raises(GeocoderQueryError, match="query") as e:
        geocoder.geocode(query)
    assert isinstance(e.value, ValueError)
    assert repr(query) in str(e.value)


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"limit": 0}, "limit"), ({"near": "beside the river"}, "near"), ({"near": (95.0, 40.0)}, "latitude"),
])
def test_bad_options_raise_geocoder_query_error(geocoder, kwargs, words):
    with pytest.raises(GeocoderQueryError, match=words):
        geocoder.geocode("Hajin", **kwargs)


def test_address_of_a_small_place():
    p = Place(id="t:1", name="Kishma", lat=34.9, lon=40.6, country="SY", admin1_name="Deir ez-Zor")
    assert address(p) == "Kishma, Deir ez-Zor, Syria"


# -- reverse -----------------------------------------------------------------------------------------------------

REVERSE_ACCEPTED = [HAJIN, list(HAJIN), "34.6927, 40.827", "34.6927 40.827", Point(*HAJIN), (34.6927, 40.827, 0.0),
                    "34 41m 33.72s N, 40 49m 37.2s E"]


@pytest.mark.parametrize("query", REVERSE_ACCEPTED, ids=[repr(q) for q in REVERSE_ACCEPTED])
def test_reverse_finds_hajin(geocoder, query):
    loc = geocoder.reverse(query)
    assert loc.raw["name"] == "Hajin"
    assert loc.raw["source"] == "atlas" and loc.raw["match"] == "reverse"
    assert loc.raw["distance_km"] < 0.1


REVERSE_REJECTED = [(95.0, 40.0), (34.0, 200.0), (float("nan"), 40.0), "nowhere", "", None, (34.0,), "91, 40",
                    (True, False), 34.69, b"34,40"]


@pytest.mark.parametrize("query", REVERSE_REJECTED, ids=[repr(q) for q in REVERSE_REJECTED])
def test_reverse_rejects_bad_points(geocoder, query):
    with pytest.raises(GeocoderQueryError) as e:
        geocoder.reverse(query)
    assert isinstance(e.value, ValueError)
    assert repr(query) in str(e.value)


def test_reverse_list_is_nearest_first(geocoder):
    found = geocoder.reverse((34.68, 40.84), exactly_one=False, limit=4)
    assert len(found) == 4
    kms = [loc.raw["distance_km"] for loc in found]
    assert kms == sorted(kms)
    assert all(loc.raw["type"] in {"locality", "neighbourhood", "site", "camp", "mountain"} for loc in found)


def test_reverse_far_from_every_place_is_none(geocoder):
    assert geocoder.reverse((48.8566, 2.3522)) is None  # Paris
    assert geocoder.reverse((34.68, 40.84), max_km=0.01) is None


# -- geopy compatibility -----------------------------------------------------------------------------------------


def test_is_a_geopy_geocoder(gaz):
    geocoder = AtlasGeocoder(gaz)
    assert isinstance(geocoder, Geocoder)
    assert geocoder.headers["User-Agent"] == "incident-atlas"
    assert geocoder.online is None
    with geocoder as same:  # geopy's context manager
        assert same is geocoder


def test_loads_the_shipped_gazetteer_when_none_is_given():
    geocoder = AtlasGeocoder()
    assert isinstance(geocoder, Geocoder)
    assert geocoder.geocode("Hajin").raw["name"] == "Hajin"


def test_works_under_geopys_rate_limiter(geocoder):
    geocode = RateLimiter(geocoder.geocode, min_delay_seconds=0)
    assert [loc and loc.raw["name"] for loc in map(geocode, ["Hajin", "al-Shweit"])] == ["Hajin", None]


# -- the online fallback -----------------------------------------------------------------------------------------

#: Canned Nominatim answers by query: name, class, type, addresstype, lat, lon.
NOMINATIM = {
    "xyzzytown": ("Xyzzytown", "place", "town", "town", "35.1", "40.2"),
    "xyzzyhamlet": ("Xyzzyhamlet", "place", "hamlet", "hamlet", "35.2", "40.3"),
    "xyzzy county": ("Xyzzy County", "boundary", "administrative", "county", "35.3", "40.4"),
    "xyzzy okrug": ("Xyzzy Okrug", "boundary", "administrative", "state_district", "35.3", "40.4"),
    "xyzzy state": ("Xyzzy State", "boundary", "administrative", "state", "35.4", "40.5"),
    "xyzzyland": ("Xyzzyland", "boundary", "administrative", "country", "35.5", "40.6"),
}


class StubNominatim:
    """A Nominatim /search stand-in on 127.0.0.1 that answers from NOMINATIM and counts what it is asked."""

    def __init__(self) -> None:
        self.requests: list[dict[str, list[str]]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                url = urlsplit(self.path)
                params = parse_qs(url.query)
                stub.requests.append(params)
                q = " ".join(params.get("q", [""])[0].casefold().split())
                row = NOMINATIM.get(q)
                body = [] if url.path != "/search" or row is None else [{
                    "place_id": 1000 + len(stub.requests), "osm_type": "node", "osm_id": 42, "name": row[0],
                    "display_name": f"{row[0]}, Stub Governorate, Syria", "class": row[1], "type": row[2],
                    "addresstype": row[3], "lat": row[4], "lon": row[5], "importance": 0.4}]
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.domain = f"127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def stub() -> Iterator[StubNominatim]:
    """A stub Nominatim running for one test."""
    server = StubNominatim()
    yield server
    server.close()


class FakeClock:
    """A clock that moves only when slept on or told to; records every sleep."""

    def __init__(self) -> None:
        self.now, self.sleeps = 0.0, []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def fallback(domain: str, tmp_path, clock: FakeClock | None = None, **kwargs) -> OnlineFallback:
    """Fallback settings for a local stub: no real waiting, the cache in the test's folder."""
    clock = clock or FakeClock()
    options = {"min_delay_seconds": 0.0, "error_wait_seconds": 0.0, **kwargs}
    return OnlineFallback(domain=domain, scheme="http", cache_path=tmp_path / "nominatim.sqlite", clock=clock,
                          sleep=clock.sleep, **options)


def online_geocoder(gaz, settings: OnlineFallback) -> AtlasGeocoder:
    """A geocoder with the fallback on and no system proxies (so loopback stays loopback)."""
    return AtlasGeocoder(gaz, online=settings, proxies={}, timeout=5)


def test_fallback_off_never_makes_a_request(gaz, stub):
    calls = []

    class SpyAdapter(URLLibAdapter):  # sees any request made through geopy's machinery
        def get_json(self, url, *, timeout, headers):
            calls.append(url)
            return super().get_json(url, timeout=timeout, headers=headers)

    geocoder = AtlasGeocoder(gaz, adapter_factory=SpyAdapter, proxies={})
    assert geocoder.online is None
    assert geocoder.geocode("Xyzzytown") is None
    assert geocoder.geocode("al-Shweit", exactly_one=False) is None
    assert calls == [] and stub.requests == []


def test_fallback_answers_unresolved_names(gaz, stub, tmp_path):
    geocoder = online_geocoder(gaz, fallback(stub.domain, tmp_path))
    loc = geocoder.geocode("Xyzzytown")
    assert len(stub.requests) == 1
    assert stub.requests[0]["q"] == ["Xyzzytown"]
    assert stub.requests[0]["format"] == ["json"]
    assert stub.requests[0]["countrycodes"] == ["sy,iq"]
    assert loc.raw["source"] == "nominatim"
    assert loc.raw["precision"] == Precision.EXACT
    assert RAW_KEYS <= set(loc.raw)
    assert (loc.latitude, loc.longitude) == (35.1, 40.2)
    assert loc.address == "Xyzzytown, Stub Governorate, Syria"


def test_fallback_is_not_asked_for_resolved_names(gaz, stub, tmp_path):
    geocoder = online_geocoder(gaz, fallback(stub.domain, tmp_path))
    assert geocoder.geocode("Hajin").raw["source"] == "atlas"
    assert geocoder.geocode("Dayr al-Zawr", exactly_one=False)[0].raw["source"] == "atlas"
    assert stub.requests == []


#: query sent, expected precision.
PRECISIONS = [("Xyzzytown", Precision.EXACT), ("Xyzzyhamlet", Precision.EXACT), ("Xyzzy County", Precision.DISTRICT),
              ("Xyzzy Okrug", Precision.DISTRICT), ("Xyzzy State", Precision.GOVERNORATE),
              ("Xyzzyland", Precision.COUNTRY), ("near Xyzzytown", Precision.NEAR)]


@pytest.mark.parametrize(("query", "precision"), PRECISIONS, ids=[p[0] for p in PRECISIONS])
def test_fallback_maps_precision(gaz, stub, tmp_path, query, precision):
    loc = online_geocoder(gaz, fallback(stub.domain, tmp_path)).geocode(query)
    assert loc.raw["precision"] == precision


@pytest.mark.parametrize(("raw", "precision"), [
    ({"addresstype": "village", "type": "administrative"}, Precision.EXACT),
    ({"class": "place", "type": "city"}, Precision.EXACT),
    ({"addresstype": "state_district"}, Precision.DISTRICT),
    ({"addresstype": "state"}, Precision.GOVERNORATE),
    ({"type": "country"}, Precision.COUNTRY),
    ({"type": "administrative", "place_rank": "8"}, Precision.GOVERNORATE),
    ({"type": "administrative", "place_rank": 12}, Precision.DISTRICT),
    ({"type": "mosque", "place_rank": 30}, Precision.EXACT),
    ({}, Precision.EXACT),
])
def test_nominatim_precision_table(raw, precision):
    assert nominatim_precision(raw) == precision


def test_fallback_caches_answers_and_not_found(gaz, stub, tmp_path):
    settings = fallback(stub.domain, tmp_path)
    geocoder = online_geocoder(gaz, settings)
    first = geocoder.geocode("Xyzzytown")
    assert geocoder.geocode("Xyzzyville") is None
    assert len(stub.requests) == 2
    again = geocoder.geocode("  xyzzytown ")
    assert geocoder.geocode("XYZZYVILLE") is None
    assert len(stub.requests) == 2
    assert again.point == first.point and again.raw["source"] == "nominatim"
    fresh = online_geocoder(gaz, settings)  # a new session reads the file
    assert fresh.geocode("Xyzzytown").point == first.point
    assert len(stub.requests) == 2
    assert (tmp_path / "nominatim.sqlite").is_file()


def test_default_cache_is_in_the_user_cache_folder(gaz, stub, tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path / "cache"))
    clock = FakeClock()
    settings = OnlineFallback(domain=stub.domain, scheme="http", min_delay_seconds=0, error_wait_seconds=0,
                              clock=clock, sleep=clock.sleep)
    assert online_geocoder(gaz, settings).geocode("Xyzzytown") is not None
    assert (tmp_path / "cache" / "nominatim-cache.sqlite").is_file()


def test_service_down_keeps_the_offline_answer(gaz, tmp_path, caplog):
    stub = StubNominatim()
    domain = stub.domain
    stub.close()  # nothing listens there now: connection refused
    clock = FakeClock()
    geocoder = online_geocoder(gaz, fallback(domain, tmp_path, clock, max_retries=1))
    with caplog.at_level(logging.WARNING, logger="gazetteer.geocoder"):
        assert geocoder.geocode("Xyzzytown") is None
    assert any("Xyzzytown" in r.getMessage() and "offline" in r.getMessage() for r in caplog.records
               if r.name == "gazetteer.geocoder")
    assert clock.sleeps == [0.0]  # one retry, after error_wait_seconds
    assert geocoder.geocode("Hajin").raw["source"] == "atlas"
    assert OnlineCache(tmp_path / "nominatim.sqlite").get(OnlineCache.key(domain, ("sy", "iq"), "xyzzytown")) is None


def test_fallback_waits_between_requests(gaz, stub, tmp_path):
    clock = FakeClock()
    geocoder = online_geocoder(gaz, fallback(stub.domain, tmp_path, clock, min_delay_seconds=1.0,
                                             error_wait_seconds=5.0))
    geocoder.geocode("Xyzzytown")
    geocoder.geocode("Xyzzyhamlet")
    geocoder.geocode("Xyzzytown")  # cached: no request, no wait
    assert len(stub.requests) == 2
    assert clock.sleeps == [1.0]


def test_rate_limiter_with_a_fake_clock():
    clock, calls = FakeClock(), []
    limited = ClockedRateLimiter(lambda x: calls.append((x, clock.now)) or x, min_delay_seconds=1.0,
                                 clock=clock, sleep=clock.sleep)
    assert limited("a") == "a"
    clock.now += 0.3
    limited("b")
    clock.now += 2.5
    limited("c")
    assert clock.sleeps == [pytest.approx(0.7)]
    assert [t for _, t in calls] == [0.0, pytest.approx(1.0), pytest.approx(3.5)]


@pytest.mark.parametrize(("value", "on"), [("nominatim", True), ("Nominatim ", True), ("", False), ("off", False)])
def test_environment_variable_turns_the_fallback_on(gaz, monkeypatch, value, on):
    monkeypatch.setenv(ONLINE_ENV, value)
    geocoder = AtlasGeocoder(gaz)
    assert (geocoder.online is not None) is on
    if on:
        assert geocoder.online.domain == "nominatim.openstreetmap.org"
        assert geocoder.online.min_delay_seconds == 1.0
    assert AtlasGeocoder(gaz, online=False).online is None


@pytest.mark.parametrize(("make", "words"), [
    (lambda: OnlineFallback(scheme="ftp"), "scheme"),
    (lambda: OnlineFallback(domain="example.org/search"), "domain"),
    (lambda: OnlineFallback(min_delay_seconds=-1), "min_delay_seconds"),
    (lambda: OnlineFallback(limit=0), "limit"),
    (lambda: AtlasGeocoder(online="yes please"), "online"),
    (lambda: OnlineFallback.from_env({ONLINE_ENV: "google"}), "google"),
])
def test_bad_fallback_settings_are_refused(make, words):
    with pytest.raises(ConfigurationError, match=words) as e:
        make()
    assert isinstance(e.value, ValueError)
