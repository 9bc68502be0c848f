"""The Gazetteer page's pure functions: URL state, summary, tables, the escaped map on the offline base layer."""

import json
import re

import pytest

from dashboard.gazetteer_view import (
    ANY, COLUMNS, DATA_SOURCES, DEFAULT_LIMIT, MAX_LIMIT, OTHER_STYLE, REASONS, TOP_STYLE, Lookup, alternate_names,
    candidate_label, candidates_map, candidates_table, escape_markdown, governorates, lookup_from_params,
    params_from_lookup, resolution_summary,
)
from gazetteer import Gazetteer, Place, Resolution
from incidents.maps import basemap

HOSTILE = "<script>alert(1)</script>"
TEMPLATE_BREAKER = "Hajin `${alert(2)}` \"q\" 'a' \\u0041"
OSM = "tile.openstreetmap.org"


@pytest.fixture(scope="module")
def small() -> Gazetteer:
    """Three places all named Hajin, two of them with hostile primary names."""
    return Gazetteer.from_places([
        Place(id="t:1", name=HOSTILE, lat=34.69, lon=40.83, name_ar="هجين", names=(HOSTILE, "Hajin")),
        Place(id="t:2", name=TEMPLATE_BREAKER, lat=34.75, lon=40.90, names=("Hajin",)),
        Place(id="t:3", name="Hajin", lat=35.0, lon=41.0, names=("Hajin", "هجين")),
    ])


@pytest.fixture(scope="module")
def deir(gazetteer: Gazetteer) -> Resolution:
    return gazetteer.resolve("Deir Ezzor", limit=5)


def render(m) -> str:
    return m.get_root().render()


def marker_count(page: str) -> int:
    return page.count("L.circleMarker(")


# -- the lookup in the URL ----------------------------------------------------------------------------------------

CODES = ("SY09", "SY11", "IQ-AN")


@pytest.mark.parametrize("params, expected", [
    ({}, Lookup()),
    ({"q": "Deir Ezzor"}, Lookup(query="Deir Ezzor")),
    ({"q": "  دير الزور "}, Lookup(query="دير الزور")),
    ({"q": ["old", "Hajin"]}, Lookup(query="Hajin")),
    ({"q": "Hajin", "admin1": "SY09", "limit": "3"}, Lookup(query="Hajin", admin1="SY09", limit=3)),
    ({"admin1": "sy09"}, Lookup(admin1="SY09")),
    ({"admin1": "IQ-AN"}, Lookup(admin1="IQ-AN")),
    ({"limit": str(MAX_LIMIT)}, Lookup(limit=MAX_LIMIT)),
])
def test_lookup_from_params_accepts(params, expected):
    assert lookup_from_params(params, CODES) == expected


@pytest.mark.parametrize("params", [
    {"admin1": "SY99"}, {"admin1": "Deir ez-Zor"}, {"admin1": ""}, {"limit": "0"}, {"limit": "-2"},
    {"limit": str(MAX_LIMIT + 1)}, {"limit": "ten"}, {"limit": "2.5"}, {"limit": ""},
])
def test_lookup_from_params_falls_back_to_defaults(params):
    assert lookup_from_params(params, CODES) == Lookup()


@pytest.mark.parametrize("lookup", [
    Lookup(), Lookup(query="Hajin"), Lookup(query="al-Kashma", admin1="SY09"), Lookup(query="هجين", limit=3),
])
def test_params_round_trip(lookup):
    assert lookup_from_params(params_from_lookup(lookup), CODES) == lookup


def test_params_leave_defaults_out():
    assert params_from_lookup(Lookup(query="  ", admin1=ANY, limit=DEFAULT_LIMIT)) == {}


def test_admin1_hint_is_none_for_any():
    assert Lookup().admin1_hint is None
    assert Lookup(admin1="SY09").admin1_hint == "SY09"


def test_governorates_lists_the_sixteen_syrian_first(gazetteer):
    govs = governorates(gazetteer.places)
    assert len(govs) == 16
    assert govs["SY09"] == "Deir ez-Zor / دير الزور (SY)"
    countries = [label.rsplit("(", 1)[1] for label in govs.values()]
    assert countries == sorted(countries, key=lambda c: c != "SY)")


# -- the summary --------------------------------------------------------------------------------------------------


def test_summary_of_a_resolved_name(deir):
    summary = resolution_summary(deir)
    assert summary.startswith("Resolved: 'Deir Ezzor' is Deir ez-Zor (locality;")
    assert "precision exact" in summary and "confidence 1.00" in summary


def test_summary_of_al_shweit_says_unresolved_and_why(gazetteer):
    r = gazetteer.resolve("al-Shweit")
    summary = resolution_summary(r)
    assert not r.resolved and r.reason
    assert summary.startswith("Unresolved: 'al-Shweit'")
    assert f"({r.reason}: {REASONS[r.reason]})" in summary
    assert f"Best score {r.best.score:.2f}" in summary


def test_summary_names_the_qualifier(gazetteer):
    r = gazetteer.resolve("near Hajin")
    assert r.resolved
    assert "precision near ('near' read from the query)" in resolution_summary(r)


@pytest.mark.parametrize("reason", sorted(REASONS))
def test_summary_explains_every_reason(reason):
    summary = resolution_summary(Resolution(query="Qaryat X", reason=reason))
    assert summary == f"Unresolved: 'Qaryat X' ({reason}: {REASONS[reason]})."


# -- tables -------------------------------------------------------------------------------------------------------


def test_table_columns_and_rows_follow_the_ranking(deir):
    table = candidates_table(deir)
    assert tuple(table.columns) == COLUMNS
    assert list(table["id"]) == [c.place.id for c in deir.candidates]
    assert list(table["rank"]) == list(range(1, len(deir) + 1))
    assert list(table["score"]) == sorted(table["score"], reverse=True)
    top = table.iloc[0]
    assert (top["name"], top["Arabic name"], top["type"], top["governorate"]) == (
        "Deir ez-Zor", "دير الزور", "locality", "Deir ez-Zor")
    assert (top["precision"], top["match"], top["source"]) == ("exact", "folded", "wof")
    assert (top["lat"], top["lon"]) == (deir.best.place.lat, deir.best.place.lon)


def test_table_of_no_candidate_is_empty_with_the_columns():
    table = candidates_table(Resolution(query="zzz", reason="no candidate"))
    assert table.empty and tuple(table.columns) == COLUMNS


def test_candidate_label(deir):
    assert candidate_label(deir, 0) == "1. Deir ez-Zor [locality]"
    assert candidate_label(deir, 1) == "2. Deir ez-Zor [governorate]"


def test_alternate_names_once_each_with_their_script():
    place = Place(id="t:9", name="Hajin", lat=34.69, lon=40.83, name_ar="هجين",
                  names=("Hajin", "هجين", "Hajeen", "Hajin"))
    names = alternate_names(place)
    assert list(names["name"]) == ["Hajin", "هجين", "Hajeen"]
    assert list(names["script"]) == ["Latin", "Arabic", "Latin"]


# -- the map ------------------------------------------------------------------------------------------------------


def test_map_has_one_marker_per_candidate(deir, small):
    assert marker_count(render(candidates_map(deir))) == len(deir) == 5
    hajin = small.resolve("Hajin")
    assert marker_count(render(candidates_map(hajin))) == len(hajin) == 3


def test_map_of_no_candidate_is_the_base_map():
    page = render(candidates_map(Resolution(query="zzz", reason="no candidate")))
    assert marker_count(page) == 0
    assert page.count("L.geoJson(") == 4


def test_map_text_is_escaped(small):
    r = small.resolve("Hajin")
    assert {c.place.name for c in r} == {HOSTILE, TEMPLATE_BREAKER, "Hajin"}
    page = render(candidates_map(r))
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    string = r'"(?:[^"\\]|\\.)*"'
    popups = re.findall(rf"\.bindPopup\(({string})\)\.bindTooltip\(({string})\);", page)
    assert len(popups) == 3
    texts = [json.loads(p) for pair in popups for p in pair]
    assert any("Hajin `${alert(2)}` &quot;q&quot; &#x27;a&#x27; \\u0041" in t for t in texts)
    assert all("<script" not in t for t in texts)


def test_popups_need_no_jquery(small):
    page = render(candidates_map(small.resolve("Hajin")))
    assert "$(`" not in page and "$(" not in page.split("<body>", 1)[1]


def test_the_selected_candidate_is_highlighted_and_drawn_last(small):
    r = small.resolve("Hajin")
    for selected in range(len(r)):
        page = render(candidates_map(r, selected=selected))
        assert page.count(TOP_STYLE["fill_color"]) == 1
        assert page.count(OTHER_STYLE["fill_color"]) == len(r) - 1
        last = page.rindex("L.circleMarker(")
        assert f"[{r[selected].place.lat}, {r[selected].place.lon}]" in page[last:last + 80]


@pytest.mark.parametrize("online, tiles", [(False, False), (True, True)])
def test_online_tiles_only_when_asked(deir, online, tiles):
    page = render(candidates_map(deir, online_tiles=online))
    assert (OSM in page) is tiles
    assert ("L.tileLayer(" in page) is tiles


def test_offline_map_carries_the_base_layer_without_its_text(deir):
    page = render(candidates_map(deir))
    assert page.count("L.geoJson(") == 4
    credits = {json.loads(c) for c in re.findall(r'"attribution": ("(?:[^"\\]|\\.)*")', page)}
    assert {basemap.NATURAL_EARTH_CREDIT, basemap.ADMIN1_CREDIT} < credits
    assert "Euphrates" not in page and "Hasakeh" not in page


# -- the base map -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("layer, geometry", [
    ("country", {"Polygon", "MultiPolygon"}), ("lake", {"Polygon", "MultiPolygon"}),
    ("river", {"LineString", "MultiLineString"}), ("admin1", {"Polygon", "MultiPolygon"}),
])
def test_base_layers_are_read_from_the_shipped_files(layer, geometry):
    data = json.loads(basemap.layer_geojson(layer))
    assert data["features"]
    assert {f["geometry"]["type"] for f in data["features"]} <= geometry
    assert all(f["properties"] == {} for f in data["features"])


def test_governorate_outlines_are_all_there():
    assert len(json.loads(basemap.layer_geojson("admin1"))["features"]) == 16


@pytest.mark.parametrize("layer", ["tiles", "", "Country", "places"])
def test_unknown_base_layer_is_refused(layer):
    with pytest.raises(ValueError, match=repr(layer)):
        basemap.layer_geojson(layer)


def test_countries_are_unfilled_under_online_tiles():
    filled = basemap.base_layers(filled=True)[0]
    unfilled = basemap.base_layers(filled=False)[0]
    assert filled.style_function({})["fillOpacity"] == 1.0
    assert unfilled.style_function({})["fillOpacity"] == 0.0


# -- escaping Markdown --------------------------------------------------------------------------------------------

_ESCAPED = re.compile(r"\\(.)")


@pytest.mark.parametrize("text", [
    "Deir ez-Zor", "![x](https://example.invalid/p.png)", "[link](javascript:alert(1))", "**bold** _it_ `code`",
    ":red[alarm] :material/warning:", "$x^2$", "<img src=x onerror=alert(1)>", "# heading", "1. list", "a\\b",
    "دير الزور", "Who's On First",
])
def test_escape_markdown_keeps_the_text_and_escapes_its_syntax(text):
    escaped = escape_markdown(text)
    assert _ESCAPED.sub(r"\1", escaped) == text.replace("\n", " ")
    unescaped = _ESCAPED.sub("", escaped)
    assert not re.search(r"[\\`*_\[\]()#!<>:$]", unescaped)


# -- attribution --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["Who's On First", "GeoNames", "OpenSyria", "OCHA", "Natural Earth"])
def test_every_shipped_source_is_credited(source):
    assert any(source in s.name and s.licence and s.credit for s in DATA_SOURCES)
