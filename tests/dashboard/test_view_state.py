"""The Map page's view state: the query string both ways, and the filters."""

import datetime as dt

import pandas as pd
import pytest

from incidents.selection import incidents_frame
from dashboard.view_state import DEFAULT, ViewState, filter_frame, from_query, to_query
from gazetteer import Gazetteer, Place
from incidents.model import Account, Incident, PlaceMention

D = dt.date

# -- the query string -------------------------------------------------------------------------------------------

ROUND_TRIPS = [
    ({}, DEFAULT),
    ({"from": "2017-07-01"}, ViewState(date_from=D(2017, 7, 1), undated=False)),
    ({"from": "2017-07-01", "to": "2017-08-31"}, ViewState(date_from=D(2017, 7, 1), date_to=D(2017, 8, 31),
                                                           undated=False)),
    ({"admin1": "SY09,SY11"}, ViewState(admin1=("SY09", "SY11"))),
    ({"outlet": "SANA,Press TV"}, ViewState(outlets=("SANA", "Press TV"))),
    ({"claimant": "SOHR"}, ViewState(claimants=("SOHR",))),
    ({"victims": "civilians,unknown"}, ViewState(victims=("civilians", "unknown"))),
    ({"disputed": "1"}, ViewState(disputed_only=True)),
    ({"undated": "0"}, ViewState(undated=False)),
    ({"from": "2019-01-01"}, ViewState(date_from=D(2019, 1, 1), undated=False)),  # a window leaves undated out
    ({"to": "2018-06-30", "undated": "1"}, ViewState(date_to=D(2018, 6, 30), undated=True)),  # unless asked
    ({"precision": "exact,near"}, ViewState(precision=("exact", "near"))),
    ({"min_killed": "10"}, ViewState(min_killed=10)),
    ({"q": "البوكمال"}, ViewState(search="البوكمال")),
    ({"incident": "Ib9e2857816c"}, ViewState(incident="Ib9e2857816c")),
    ({"center": "34.4500,40.9186", "zoom": "9"}, ViewState(center=(34.45, 40.9186), zoom=9)),
    ({"perpetrator": "US-led coalition,Russian forces"}, ViewState(perpetrators=("US-led coalition", "Russian forces"))),
    ({"text": '"residential buildings" women'}, ViewState(words='"residential buildings" women')),
]


@pytest.mark.parametrize("params, state", ROUND_TRIPS)
def test_query_round_trip(params, state):
    assert from_query(params) == state
    assert to_query(state) == params


LENIENT = [
    ({"from": "yesterday"}, DEFAULT),
    ({"from": "2017-13-40", "to": ""}, DEFAULT),
    ({"from": "2018-01-01", "to": "2017-01-01"}, ViewState(date_from=D(2017, 1, 1), date_to=D(2018, 1, 1), undated=False)),
    ({"victims": "aliens"}, DEFAULT),
    ({"precision": "approximate,exact"}, ViewState(precision=("exact",))),
    ({"min_killed": "-3"}, DEFAULT),
    ({"min_killed": "lots"}, DEFAULT),
    ({"disputed": "maybe"}, DEFAULT),
    ({"center": "91,40"}, DEFAULT),
    ({"center": "nan,40"}, DEFAULT),
    ({"center": "34"}, DEFAULT),
    ({"zoom": "99"}, DEFAULT),
    ({"zoom": ["3", "7"]}, ViewState(zoom=7)),
    ({"admin1": ["sy09", "SY09", " "]}, ViewState(admin1=("SY09",))),
    ({"q": "  Hajin  "}, ViewState(search="Hajin")),
    ({"unknown": "x", "q": None}, DEFAULT),
]


@pytest.mark.parametrize("params, state", LENIENT)
def test_bad_values_fall_back_to_defaults(params, state):
    assert from_query(params) == state


def test_defaults_write_nothing():
    assert to_query(DEFAULT) == {}


# -- filters ----------------------------------------------------------------------------------------------------


def account(claimed_by, killed, *, place="Hajin", lat=34.6927, lon=40.827, admin1="SY09", outlet="SANA",
            date=(D(2018, 12, 16), D(2018, 12, 16)), victims="civilians", text=None, precision="exact"):
    mention = PlaceMention(text or place, 0, 5, name=place, place_id="t:" + place, lat=lat, lon=lon,
                           precision=precision, confidence=1.0, admin1=admin1)
    return Account(document_id="d" + claimed_by + place, file="f.txt", article=0, quote="q", start=0, end=1,
                   claimed_by=claimed_by, outlet=outlet, places=(mention,), date_min=date[0], date_max=date[1],
                   killed_min=killed, killed_max=killed, victims=victims)


def incidents():
    return [
        Incident("hajin", (account("SANA", 20),)),
        Incident("kamal", (account("SANA", 30, place="Abu Kamal", lat=34.45, lon=40.9186, date=(None, None),
                                   text="Albukamal", outlet="MintPress News"),
                           account("SOHR", 54, place="Abu Kamal", lat=34.45, lon=40.9186, date=(None, None),
                                   outlet="MintPress News", victims="unknown"))),
        Incident("raqqa", (account("US-led coalition", 78, place="Ar Raqqah", lat=35.95, lon=39.01, admin1="SY11",
                                   outlet="Press TV", date=(D(2017, 8, 22), D(2017, 8, 22)),
                                   precision="governorate"),)),
        Incident("nofig", (account("local sources", None, place="Mayadin", lat=35.02, lon=40.45,
                                   date=(D(2017, 7, 30), D(2017, 7, 31))),)),
    ]


@pytest.fixture
def frame():
    return incidents_frame(incidents())


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.from_places([
        Place(id="t:kamal", name="Abu Kamal", lat=34.45, lon=40.9186, names=("Albukamal", "البوكمال")),
        Place(id="t:suseh", name="As Susah", lat=34.52, lon=40.97, names=("al-Souseh",)),  # ~8 km from Abu Kamal
        Place(id="t:hajin", name="Hajin", lat=34.6927, lon=40.827, names=("هجين",)),
    ])


FILTERS = [
    (DEFAULT, {"hajin", "kamal", "raqqa", "nofig"}),
    (ViewState(date_from=D(2018, 1, 1)), {"hajin", "kamal"}),  # undated incidents pass a date filter
    (ViewState(date_to=D(2017, 7, 30)), {"kamal", "nofig"}),
    (ViewState(date_from=D(2017, 7, 31), date_to=D(2017, 8, 1)), {"kamal", "nofig"}),
    (ViewState(admin1=("SY11",)), {"raqqa"}),
    (ViewState(outlets=("MintPress News", "Press TV")), {"kamal", "raqqa"}),
    (ViewState(claimants=("SOHR",)), {"kamal"}),
    (ViewState(victims=("unknown",)), {"kamal"}),
    (ViewState(disputed_only=True), {"kamal"}),
    (ViewState(precision=("governorate",)), {"raqqa"}),
    (ViewState(min_killed=50), {"kamal", "raqqa"}),
    (ViewState(min_killed=1), {"hajin", "kamal", "raqqa"}),
    (ViewState(search="mayadin"), {"nofig"}),
    (ViewState(search="ALBUKAMAL"), {"kamal"}),  # the spelling as written
    (ViewState(search="nowhere"), set()),
]


@pytest.mark.parametrize("state, ids", FILTERS)
def test_filters(frame, state, ids):
    assert set(filter_frame(frame, state)["id"]) == ids


SEARCHES = [
    ("البوكمال", {"kamal"}),  # Arabic script, through the gazetteer
    ("al-Souseh", {"kamal"}),  # a village 8 km away
    ("هجين", {"hajin"}),
    ("Raqqa", {"raqqa"}),  # not in this gazetteer, but the name as resolved fold-matches
    ("Palmyra", set()),  # neither
]


@pytest.mark.parametrize("text, ids", SEARCHES)
def test_search_finds_places_in_any_spelling(frame, gaz, text, ids):
    assert set(filter_frame(frame, ViewState(search=text), gaz)["id"]) == ids


def test_filters_combine(frame, gaz):
    state = ViewState(search="البوكمال", disputed_only=True, min_killed=60)
    assert filter_frame(frame, state, gaz).empty


def test_an_empty_frame_filters_to_an_empty_frame(gaz):
    empty = incidents_frame([])
    assert filter_frame(empty, ViewState(search="Hajin", min_killed=3, date_from=D(2017, 1, 1)), gaz).empty
    assert isinstance(filter_frame(empty, DEFAULT), pd.DataFrame)


# -- where the map looks ------------------------------------------------------------------------------------------

from dashboard.view_state import seen_view  # noqa: E402

FIRST = ((34.5, 40.9), 8)


@pytest.mark.parametrize("returned, view", [
    ({"center": {"lat": 34.5, "lng": 40.9}, "zoom": 8}, FIRST),
    ({"center": {"lat": "34.5", "lng": "40.9"}, "zoom": "8"}, FIRST),
    ({"center": {"lat": 34.500004, "lng": 40.89999}, "zoom": 8}, FIRST),  # to the URL's precision
    (None, None), ({}, None), ({"zoom": 8}, None),  # the component has not reported yet
    ({"center": {"lat": 95, "lng": 40.9}, "zoom": 8}, None),  # impossible values are ignored
    ({"center": {"lat": 34.5, "lng": 40.9}, "zoom": 40}, None),
    ({"center": "34.5,40.9", "zoom": 8}, None),
])
def test_seen_view_reads_what_the_map_reports(returned, view):
    assert seen_view(returned) == view


def test_a_reported_view_round_trips_through_the_url():
    (center, zoom) = seen_view({"center": {"lat": 34.712345, "lng": 40.1}, "zoom": 11})
    state = from_query(to_query(ViewState(center=center, zoom=zoom, disputed_only=True)))
    assert (state.center, state.zoom, state.disputed_only) == ((34.7123, 40.1), 11, True)


SAME_VIEWS = [  # (a, b, same)
    (((34.5, 40.9), 8), ((34.5, 40.9), 8), True),
    (((34.5, 40.9), 8), ((34.5027, 40.9027), 8), True),  # within 2 px at zoom 8 (0.0027° is under a pixel and a half)
    (((34.5, 40.9), 8), ((34.52, 40.9), 8), False),  # 0.02° is almost 4 px there
    (((34.5, 40.9), 8), ((34.5, 40.9), 9), False),
    (((34.5, 40.9), 8), (None, None), False),
    (None, ((34.5, 40.9), 8), False),
]


@pytest.mark.parametrize("a, b, same", SAME_VIEWS)
def test_a_view_reported_back_within_a_pixel_or_two_is_the_same(a, b, same):
    from dashboard.view_state import same_view

    assert same_view(a, b) is same
