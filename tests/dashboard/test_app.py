"""Smoke tests of the dashboard through Streamlit's AppTest: the router and every page."""

import datetime as dt
import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from .drawn import markers as drawn_markers

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
TIMEOUT = 30  # the first run loads the gazetteer


GAZETTEER_PAGE = "views/gazetteer.py"




def app(page: str | None = GAZETTEER_PAGE, **params: str) -> AppTest:
    """The app on `page` (None: the router's default), run once, with these query-string parameters."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(params)
    if page:
        at.switch_page(page)
    return at.run()


def map_args(at: AppTest, index: int = 0, count: int = 1) -> dict:
    """The arguments the page sent to its map component number `index` (what the browser receives)."""
    maps = [e for e in at.main if getattr(e, "type", "") == "component_instance"
            and e.proto.component_name.endswith("st_folium")]
    assert len(maps) == count
    return json.loads(maps[index].proto.json_args)


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


def test_the_gazetteer_page_starts_empty():
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
    at.selectbox(key="gaz_pick").select_index(1).run()
    assert not at.exception
    assert names(at)["name"].iloc[0] == table(at).iloc[1]["name"]
    script = map_args(at)["script"]
    last = script.rindex("L.circleMarker(")
    assert str(table(at).iloc[1]["lat"]) in script[last:last + 120]


def test_a_new_lookup_starts_from_the_top_candidate():
    at = app(q="Deir Ezzor")
    at.selectbox(key="gaz_pick").select_index(3).run()
    at.text_input(key="gaz_query").input("Hajin").run()
    picker = at.selectbox(key="gaz_pick")
    assert picker.index == 0 and picker.value == table(at).iloc[0]["id"]
    assert all(label.split(". ", 1)[1].startswith(name) for label, name in zip(picker.options, table(at)["name"]))


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
    at = app(page="views/about.py")
    assert not at.exception
    assert at.title[0].value == "About Incident Atlas"
    text = " ".join(m.value for m in at.markdown)
    for source in ("Who's On First", "OCHA", "GeoNames", "OpenSyria", "Natural Earth", "OpenStreetMap"):
        assert source in text
    assert "CC BY 3.0 IGO" in text


# -- the Map and Incident pages ------------------------------------------------------------------------------------


def kamal_id(store_file) -> str:
    """The id of the sample's Abu Kamal strike (SANA: at least 30 killed, SOHR: 54), building the store if needed."""
    from dashboard.incident_view import ensure_sample_store
    from gazetteer import Gazetteer
    from incidents.store import Store

    ensure_sample_store(store_file, Gazetteer.load())
    with Store(store_file) as store:
        found = [i for i in store.incidents() if {a.claimed_by for a in i.accounts} == {"SANA", "SOHR"}]
    assert len(found) == 1
    return found[0].id


def matching(at: AppTest):
    """The table of the incidents on the map, on the Map page."""
    return frame(at, "place")


def markers(at: AppTest) -> int:
    """Incidents the map page sends: in the map's own script, or in the layer for the area in view."""
    args = map_args(at)
    return len(drawn_markers(args["script"] + (args.get("feature_group") or "")))


def counts(at: AppTest) -> str:
    """The line under the title saying how many incidents match and are drawn."""
    return next(c.value for c in at.caption if " incidents match" in c.value or " incident match" in c.value)


def test_the_app_opens_on_the_map_built_from_the_sample(sample_store):
    at = app(page=None)
    assert not at.exception
    assert at.title[0].value == "Map"
    assert "Incident Atlas" in at.markdown[0].value and "Click a circle" in at.markdown[0].value  # what and how
    assert sample_store.is_file()
    assert len(matching(at)) == 16
    assert markers(at) == 16  # every incident with a place, dated or not
    assert "not drawn" not in counts(at)
    for key in ("f_admin1", "f_outlets", "f_claimants", "f_victims", "f_precision"):
        assert at.multiselect(key=key).value == []
    assert at.checkbox(key="f_disputed").value is False
    assert at.checkbox(key="f_undated").value is True
    assert at.number_input(key="f_min_killed").value == 0
    assert at.text_input(key="f_search").value == ""
    assert at.slider(key="f_dates").value == (dt.date(2017, 7, 30), dt.date(2019, 2, 12))
    assert at.query_params == {} or dict(at.query_params) == {}


def test_the_map_loads_nothing_from_a_cdn_on_the_map_page():
    args = map_args(app(page=None))
    assert all(link.startswith("/") for link in args["js_links"] + args["css_links"])
    assert "tile.openstreetmap.org" not in args["script"]
    assert "/app/static/atlas/labels-" in args["script"]  # the names come from this server


def test_the_table_is_what_the_map_draws_in_words():
    at = app(page=None)
    table = matching(at)
    assert list(table.columns) == ["place", "dates", "killed", "claims", "sources", "disputed", "governorate",
                                   "place precision", "open"]
    assert "SY09" not in set(table["governorate"]) and "Deir ez-Zor" in set(table["governorate"])
    assert not table.isin(["None", "nan"]).any().any()
    assert "SANA: at least 30 killed · SOHR: 54 killed" in set(table["claims"])


def test_filters_narrow_the_map_and_go_to_the_url():
    at = app(page=None)
    at.checkbox(key="f_undated").uncheck().run()
    assert markers(at) == 7 and len(matching(at)) == 7  # the dated ones; the table is what the map draws
    assert "9 with no date not drawn" in counts(at)
    assert at.query_params["undated"] == "0"
    at.checkbox(key="f_undated").check().run()
    at.checkbox(key="f_disputed").check().run()
    assert not at.exception
    assert len(matching(at)) == 2 and markers(at) == 2
    assert at.query_params["disputed"] == "1" and "undated" not in at.query_params
    at.number_input(key="f_min_killed").set_value(70).run()
    assert len(matching(at)) == 1 and at.query_params["min_killed"] == "70"


def test_search_finds_a_place_in_arabic_script():
    at = app(page=None)
    at.text_input(key="f_search").input("البوكمال").run()
    assert not at.exception
    places = set(matching(at)["place"])
    assert places and all("Abu Kamal" in p or "Baghuz" in p for p in places)
    assert at.query_params["q"] == "البوكمال"


def test_the_url_reproduces_the_filters():
    at = app(page=None, **{"from": "2018-01-01", "claimant": "Syrian Ministry of Foreign Affairs", "victims":
                           "civilians", "bogus": "x", "min_killed": "many", "undated": "1"})
    assert not at.exception
    assert at.slider(key="f_dates").value == (dt.date(2018, 1, 1), dt.date(2019, 2, 12))
    assert at.multiselect(key="f_claimants").value == ["Syrian Ministry of Foreign Affairs"]
    assert at.multiselect(key="f_victims").value == ["civilians"]
    assert at.number_input(key="f_min_killed").value == 0
    assert at.checkbox(key="f_undated").value is True
    assert set(matching(at)["claims"].str.split(":").str[0]) == {"Syrian Ministry of Foreign Affairs"}
    assert at.query_params["from"] == "2018-01-01" and at.query_params["undated"] == "1"


def test_claimants_are_grouped_as_the_registry_says():
    named = app(page=None, claimant="Syrian Observatory for Human Rights")  # a link may use any of its names
    assert not named.exception and named.multiselect(key="f_claimants").value == ["SOHR"]
    at = app(page=None)
    assert "local sources via SANA" not in at.multiselect(key="f_claimants").options
    at.multiselect(key="f_claimants").select("SANA").run()
    claims = set(matching(at)["claims"])
    assert any(c.startswith("local sources via SANA") for c in claims)  # SANA finds what it relays
    assert any("SANA: at least 30" in c for c in claims)


def test_filters_on_what_the_accounts_say():
    at = app(page=None)
    assert not at.exception
    at.toggle(key="f_accounts_on").set_value(True).run()
    assert "US-led coalition" in at.multiselect(key="f_perpetrators").options
    at.text_input(key="f_words").input('"state media"').run()
    assert len(matching(at)) == 1 and "SOHR: 54 killed" in matching(at)["claims"].iloc[0]
    assert at.query_params["text"] == '"state media"'
    at.text_input(key="f_words").input("").run()
    at.multiselect(key="f_perpetrators").select("US-led coalition").run()
    assert 0 < len(matching(at)) < 16 and at.query_params["perpetrator"] == "US-led coalition"
    again = app(page=None, perpetrator="US-led coalition")  # a link turns the account filters on
    assert again.toggle(key="f_accounts_on").value is True and len(matching(again)) == len(matching(at))


def test_a_search_that_finds_nothing_says_so():
    at = app(page=None, q="Palmyra", disputed="1")
    assert not at.exception
    assert counts(at).startswith("0 of 16 incidents match") and markers(at) == 0
    assert len(matching(at)) == 0 and any("No dated incident" in i.value for i in at.info)


def test_a_date_window_leaves_undated_incidents_out_until_asked():
    at = app(page=None)
    at.selectbox(key="f_preset").select("2019").run()
    assert not at.exception
    assert at.slider(key="f_dates").value == (dt.date(2019, 1, 1), dt.date(2019, 2, 12))
    assert at.checkbox(key="f_undated").value is False
    assert len(matching(at)) == markers(at) == 2  # the two 2019 incidents, not the 9 undated ones
    assert all("2019-" in d for d in matching(at)["dates"])
    assert "9 with no date not drawn" in counts(at)
    assert dict(at.query_params) == {"from": "2019-01-01"}
    at.checkbox(key="f_undated").check().run()
    assert markers(at) == 11 and at.query_params["undated"] == "1"
    at.selectbox(key="f_preset").select("2018").run()
    assert at.checkbox(key="f_undated").value is True  # the person's choice stands


def test_presets_and_the_step_buttons_move_the_date_window():
    at = app(page=None)
    at.selectbox(key="f_preset").select("2017").run()
    assert at.slider(key="f_dates").value == (dt.date(2017, 7, 30), dt.date(2017, 12, 31))
    assert set(at.query_params) == {"to"}
    at.radio(key="f_period").set_value("W").run()
    at.button(key="f_next").click().run()
    assert not at.exception
    assert at.slider(key="f_dates").value == (dt.date(2017, 8, 6), dt.date(2018, 1, 7))
    assert at.query_params["from"] == "2017-08-06"
    at.button(key="f_back").click().run()
    assert at.slider(key="f_dates").value == (dt.date(2017, 7, 30), dt.date(2017, 12, 31))


def test_play_starts_with_a_step_and_pauses():
    at = app(page=None)
    at.selectbox(key="f_preset").select("2017").run()
    at.button(key="f_play").click().run()
    assert not at.exception
    assert at.session_state["f_playing"] is True
    assert at.slider(key="f_dates").value == (dt.date(2017, 8, 29), dt.date(2018, 1, 30))  # one month on at once
    assert at.button(key="f_play").label.startswith("Pause")
    at.button(key="f_play").click().run()
    assert at.session_state["f_playing"] is False


def test_the_timeline_can_be_brushed():
    at = app(page=None)
    assert any(h.value.startswith("Incidents per") for h in at.subheader)
    assert any("Drag across the bars" in c.value for c in at.caption)


def test_an_incident_link_opens_the_incident_view(sample_store):
    at = app(page=None, incident=kamal_id(sample_store))
    assert not at.exception
    assert at.title[0].value == "Incident"
    assert "SANA\\: at least 30 killed · SOHR\\: 54 killed" in at.warning[0].value
    accounts = frame(at, "1. SANA")
    assert list(accounts.columns) == ["1. SANA", "2. SOHR"]
    assert list(accounts.loc["figures"]) == ["at least 30 killed", "54 killed"]
    marked = [m.value for m in at.markdown if "<mark>" in m.value]
    assert len(marked) == 4  # per account: its line above, the whole article in an expander
    assert "SANA has claimed that at least 30" in marked[0] and len(marked[0]) < len(marked[1])
    places = [d.value for d in at.dataframe if d.value.columns[0] == "as written"]
    assert len(places) == 2 and "runners-up" in places[0].columns
    assert "Abu Kamal" in set(places[0]["resolved to"])


def test_an_unknown_incident_is_said_so_and_another_can_be_picked():
    at = app(page=None, incident="<b>nope</b>")
    assert not at.exception
    assert "No incident" in at.warning[0].value and "<b>" not in at.warning[0].value
    assert at.selectbox(key="incident_pick").value


def test_the_open_button_switches_to_the_incident(sample_store):
    at = app(page=None)
    at.selectbox(key="open_incident").select(kamal_id(sample_store))
    at.button(key="open_incident_go").click().run()
    assert not at.exception
    assert at.title[0].value == "Incident"
    assert at.query_params["incident"] == kamal_id(sample_store)
