"""Smoke tests of the dashboard through Streamlit's AppTest: the router, the Gazetteer page and the About page."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
TIMEOUT = 30  # the first run loads the gazetteer


def app(**params: str) -> AppTest:
    """The app, run once, with these query-string parameters."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(params)
    return at.run()


def map_args(at: AppTest) -> dict:
    """The arguments the page sent to the map component (what the browser receives)."""
    maps = [e for e in at.main if getattr(e, "type", "") == "component_instance"
            and e.proto.component_name.endswith("st_folium")]
    assert len(maps) == 1
    return json.loads(maps[0].proto.json_args)


def frame(at: AppTest, first_column: str):
    """The frame of the one dataframe on the page whose first column is `first_column`."""
    frames = [d.value for d in at.dataframe if d.value.columns[0] == first_column]
    assert len(frames) == 1
    return frames[0]


def table(at: AppTest):
    """The candidates table."""
    return frame(at, "rank")


def names(at: AppTest):
    """The names of the picked candidate."""
    return frame(at, "name")


def test_app_opens_on_the_gazetteer():
    at = app()
    assert not at.exception
    assert at.title[0].value == "Gazetteer"
    assert at.text_input(key="gaz_query").value == ""
    assert at.selectbox(key="gaz_admin1").value == "Any"
    assert len(at.selectbox(key="gaz_admin1").options) == 17
    assert at.number_input(key="gaz_limit").value == 10
    assert "Type a place name" in at.info[0].value


def test_typing_a_name_shows_its_candidates():
    at = app()
    at.text_input(key="gaz_query").input("Deir Ezzor").run()
    assert not at.exception
    rows = table(at)
    assert rows.iloc[0]["name"] == "Deir ez-Zor" and rows.iloc[0]["type"] == "locality"
    assert list(rows["rank"]) == list(range(1, len(rows) + 1))
    assert at.success[0].value.startswith("Resolved")
    assert at.query_params["q"] == "Deir Ezzor"
    assert {"Dayr al-Zawr", "دير الزور"} <= set(names(at)["name"])


def test_arabic_spelling_finds_the_same_place():
    at = app(q="دير الزور")
    assert not at.exception
    assert table(at).iloc[0]["id"] == "wof:421202167"


def test_the_url_reproduces_a_lookup():
    at = app(q="al-Shweit", admin1="SY09", limit="3")
    assert not at.exception
    assert at.text_input(key="gaz_query").value == "al-Shweit"
    assert at.selectbox(key="gaz_admin1").value == "SY09"
    assert at.number_input(key="gaz_limit").value == 3
    assert "Unresolved" in at.warning[0].value
    assert 0 < len(table(at)) <= 3


def test_hint_and_limit_go_to_the_url_and_the_table():
    at = app(q="al-Kashma")
    at.selectbox(key="gaz_admin1").select("SY09")
    at.number_input(key="gaz_limit").set_value(2).run()
    assert not at.exception
    assert len(table(at)) == 2
    assert set(table(at)["governorate"]) == {"Deir ez-Zor"}
    assert at.query_params == {"q": "al-Kashma", "admin1": "SY09", "limit": "2"}


def test_picking_a_candidate_shows_its_names_and_highlights_it():
    at = app(q="Deir Ezzor")
    at.selectbox(key="gaz_pick").select(1).run()
    assert not at.exception
    assert names(at)["name"].iloc[0] == table(at).iloc[1]["name"]
    script = map_args(at)["script"]
    last = script.rindex("L.circleMarker(")
    assert str(table(at).iloc[1]["lat"]) in script[last:last + 120]


def test_a_new_lookup_starts_from_the_top_candidate():
    at = app(q="Deir Ezzor")
    at.selectbox(key="gaz_pick").select(3).run()
    at.text_input(key="gaz_query").input("Hajin").run()
    assert at.selectbox(key="gaz_pick").value == 0


def test_untrusted_text_is_escaped_in_the_summary():
    at = app(q="![x](https://example.invalid/t.png)")
    assert not at.exception
    summary = (at.success or at.warning)[0].value
    assert "\\!\\[x\\]\\(https\\:" in summary


def test_the_map_has_one_marker_per_candidate_and_no_tiles_by_default():
    at = app(q="Hajin")
    args = map_args(at)
    assert args["script"].count("L.circleMarker(") == len(table(at))
    assert "tile.openstreetmap.org" not in args["script"]
    assert at.toggle(key="online_tiles").value is False


def test_online_tiles_are_opt_in():
    at = app(q="Hajin")
    at.toggle(key="online_tiles").set_value(True).run()
    assert not at.exception
    assert "tile.openstreetmap.org" in map_args(at)["script"]
    assert any("OpenStreetMap" in c.value for c in at.caption)


def test_the_map_loads_no_asset_from_a_cdn():
    args = map_args(app(q="Hajin"))
    assert all(link.startswith("/") for link in args["js_links"] + args["css_links"])


def test_the_about_page_credits_the_data():
    at = app()
    at.switch_page("views/about.py").run()
    assert not at.exception
    assert at.title[0].value == "About Incident Atlas"
    text = " ".join(m.value for m in at.markdown)
    for source in ("Who's On First", "OCHA", "GeoNames", "OpenSyria", "Natural Earth", "OpenStreetMap"):
        assert source in text
    assert "CC BY 3.0 IGO" in text
