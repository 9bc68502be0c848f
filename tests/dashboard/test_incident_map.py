"""The incident map: one circle per drawable incident, one encoding per property, escaped popups, grid cells."""

import dataclasses
import datetime as dt
import math
import re

import pandas as pd
import pytest

from incidents.maps.assets import offline
from incidents.maps.incident_map import (
    COLOUR, DISPUTED_COLOUR, MAX_CELLS, PARTIAL_OPACITY, UNDATED_COLOUR, drawable, figure_range, grid_cells,
    incident_base_map, incident_link, incident_map, legend_rows, marker_style, partly_outside, radius,
)
from incidents.model import Incident
from incidents.selection import incidents_frame

from .drawn import markers, payloads
from .test_view_state import account, incidents

D = dt.date
HOSTILE = "<script>alert(1)</script>"


def html_of(m) -> str:
    return m.get_root().render()


def test_one_marker_per_located_dated_incident():
    frame = incidents_frame(incidents())
    drawn = markers(html_of(incident_map(frame)))
    assert drawable(frame).sum() == 3  # "kamal" has no date
    assert sorted(m["id"] for m in drawn) == ["hajin", "nofig", "raqqa"]


def test_undated_incidents_are_drawn_when_asked():
    drawn = markers(html_of(incident_map(incidents_frame(incidents()), undated=True)))
    assert len(drawn) == 4


def test_unlocated_incidents_are_not_drawn():
    lost = dataclasses.replace(account("SANA", 5), places=())
    assert markers(html_of(incident_map(incidents_frame([Incident("lost", (lost,))])))) == []


def test_an_empty_frame_draws_the_base_map_and_legend():
    html = html_of(incident_map(incidents_frame([])))
    assert markers(html) == [] and "atlas.legend(" in html and "atlas-legend" in html


def test_the_base_map_of_a_page_holds_no_incident_but_the_library_and_legend():
    html = html_of(incident_base_map(labels="/app/static/atlas/labels.json"))
    assert payloads(html) == [] and "window.atlas" in html and "atlas.legend(" in html
    assert 'atlas.labels(map_' in html and '"/app/static/atlas/labels.json"' in html


def test_hostile_text_is_escaped_in_popups():
    evil = dataclasses.replace(account(HOSTILE, 3, place=HOSTILE, outlet=HOSTILE), title=HOSTILE, quote=HOSTILE)
    html = html_of(incident_map(incidents_frame([Incident(HOSTILE, (evil,))])))
    assert "<script>alert" not in html
    (drawn,) = markers(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in drawn["popup"] and "<script>" not in drawn["line"]
    assert drawn["label"].startswith(HOSTILE)  # plain text: the browser escapes it when it binds the tooltip
    assert incident_link(HOSTILE) == "/?incident=%3Cscript%3Ealert%281%29%3C%2Fscript%3E"


def test_popup_shows_each_account_and_links_to_the_incident():
    drawn = {m["id"]: m for m in markers(html_of(incident_map(incidents_frame(incidents()), undated=True)))}
    kamal = drawn["kamal"]
    assert "SOHR" in kamal["popup"] and "54 killed" in kamal["popup"] and "at least" not in kamal["popup"]
    assert "30\u201354 killed (claimed, by different accounts)" in kamal["popup"]
    link = re.search(r"<a [^>]*>", kamal["popup"]).group(0)
    assert 'href="/?incident=kamal"' in link and 'data-incident="kamal"' in link
    assert 'target="_blank"' in link and "_top" not in link  # the map's frame may open a tab, not leave the page
    assert "SANA: 30 killed · SOHR: 54 killed" in kamal["line"] and 'data-incident="kamal"' in kamal["line"]
    assert kamal["label"] == "Abu Kamal, date unknown: 30\u201354 killed (claimed, by different accounts), disputed"


def test_a_standalone_page_links_without_a_target():
    (drawn,) = markers(html_of(incident_map(incidents_frame(incidents()[:1]), target=None,
                                            link=lambda i: f"#incident-{i}")))
    assert 'href="#incident-hajin"' in drawn["popup"] and "target=" not in drawn["popup"]


def test_disputed_incidents_have_their_own_colour_and_dash():
    frame = incidents_frame(incidents()).set_index("id", drop=False)
    disputed, agreed = marker_style(frame.loc["kamal"]), marker_style(frame.loc["hajin"])
    assert disputed["dash_array"] and agreed["color"] == COLOUR and "dash_array" not in agreed
    dated_dispute = incidents_frame([Incident("k", (account("SANA", 30), account("SOHR", 54)))]).iloc[0]
    assert marker_style(dated_dispute)["color"] == DISPUTED_COLOUR


PRECISION_STYLES = [("exact", True, 0.75), ("near", True, 0.3), ("district", False, None),
                    ("governorate", False, None)]


@pytest.mark.parametrize("precision, filled, opacity", PRECISION_STYLES)
def test_precision_is_shown_by_fill_alone(precision, filled, opacity):
    row = incidents_frame([Incident("i", (account("SANA", 4, precision=precision),))]).iloc[0]
    style = marker_style(row)
    assert style["fill"] is filled and style.get("fill_opacity") == opacity
    assert "dash_array" not in style and style["color"] == COLOUR  # colour and dash say only "disputed"


def test_undated_incidents_are_grey_and_hollow():
    row = incidents_frame(incidents()).set_index("id", drop=False).loc["kamal"]
    style = marker_style(row)
    assert style["color"] == UNDATED_COLOUR and style["fill"] is False


WINDOWS = [  # (incident's window, the window chosen, partly outside)
    ((D(2018, 12, 16), D(2018, 12, 16)), (D(2018, 1, 1), D(2018, 12, 31)), False),
    ((D(2018, 12, 20), D(2019, 1, 10)), (D(2019, 1, 1), None), True),
    ((D(2018, 12, 20), D(2019, 1, 10)), (None, D(2018, 12, 31)), True),
    ((None, D(2018, 12, 16)), (D(2018, 1, 1), None), True),  # an unknown start may lie before the window
    ((None, D(2018, 12, 16)), (None, D(2018, 12, 31)), False),
    ((None, None), (D(2018, 1, 1), None), False),  # undated: drawn as such, not as partly outside
    ((D(2018, 12, 20), D(2019, 1, 10)), None, False),
]


@pytest.mark.parametrize("dates, window, partial", WINDOWS)
def test_an_incident_partly_outside_the_window_is_marked(dates, window, partial):
    row = incidents_frame([Incident("i", (account("SANA", 4, date=dates),))]).iloc[0]
    assert partly_outside(row, window) is partial
    (drawn,) = markers(html_of(incident_map(incidents_frame([Incident("i", (account("SANA", 4, date=dates),))]),
                                            undated=True, window=window)))
    assert ("partly inside the window" in drawn["popup"]) is partial
    assert (drawn["style"].get("opacity") == PARTIAL_OPACITY) is partial


@pytest.mark.parametrize("killed, expected", [(None, 5.0), (pd.NA, 5.0), (0, 5.0), (4, 10.0), (100, 30.0)])
def test_radius_grows_with_the_square_root_of_the_largest_claim(killed, expected):
    assert radius(killed) == expected


@pytest.mark.parametrize("lo, hi, text", [(30, 54, "30\u201354 killed (claimed, by different accounts)"),
                                          (20, 20, "20 killed (claimed)"), (None, None, "no killed figure"),
                                          (pd.NA, pd.NA, "no killed figure")])
def test_figure_range(lo, hi, text):
    assert figure_range(lo, hi) == text


def test_the_legend_has_one_encoding_per_row():
    words = [w for _, w in legend_rows()]
    assert len(words) == len(set(words)) == 7
    assert words[0] == "claimants agree · disagree" and words[1].startswith("place exact")
    assert words[2].startswith("size")


def many(n: int) -> list[Incident]:
    """n incidents spread over a grid of villages."""
    out = []
    for k in range(n):
        lat, lon = 34.0 + (k % 20) * 0.1, 39.0 + (k // 20) * 0.1
        out.append(Incident(f"i{k}", (account("SANA", k, place=f"v{k}", lat=lat, lon=lon,
                                              date=(dt.date(2017, 1, 1), dt.date(2017, 1, 1))),)))
    return out


def test_more_incidents_than_max_markers_are_grouped_into_cells():
    frame = incidents_frame(many(60))
    html = html_of(incident_map(frame, max_markers=10))
    (payload,) = payloads(html)
    size, cells = grid_cells(frame, MAX_CELLS)
    assert len(payload["markers"]) == len(cells) and cells["count"].sum() == 60 and payload["grouped"] is False
    assert cells["killed_min"].min() == 0 and cells["killed_max"].max() == 59
    assert "incidents; " in payload["markers"][0]["popup"]


def test_a_selected_incident_centres_the_map_and_is_named_to_the_browser():
    m = incident_map(incidents_frame(incidents()), selected="hajin")
    assert m.location == [34.6927, 40.827]
    assert payloads(html_of(m))[0]["selected"] == "hajin"


def test_made_offline_the_map_refers_to_no_other_host():
    html = html_of(offline(incident_map(incidents_frame(incidents())), js=["/l.js"], css=["/l.css"]))
    assert "tile.openstreetmap.org" not in html
    assert re.findall(r"(?:src|href)=\"(?:https?:)?//", html) == []


@pytest.mark.parametrize("base, link", [
    ("", "/?incident=I%2F1"), ("/", "/?incident=I%2F1"), ("atlas", "/atlas/?incident=I%2F1"),
    ("/tools/atlas/", "/tools/atlas/?incident=I%2F1"),
])
def test_incident_links_follow_the_apps_path_prefix(base, link):
    assert incident_link("I/1", base_path=base) == link


def test_grid_cells_group_points_by_row_and_column_of_the_grid_in_row_order():
    points = [(34.01, 39.01), (34.02, 39.03), (34.01, 39.26), (33.99, 39.01), (-0.01, -0.01), (0.01, -0.01),
              (34.01, -120.5)]
    frame = pd.DataFrame({"lat": [p[0] for p in points], "lon": [p[1] for p in points],
                          "killed_min": pd.array([1, 2, 3, 4, 5, 6, 7], dtype="Int64"),
                          "killed_max": pd.array([1, 9, 3, 4, 5, 6, 7], dtype="Int64")})
    size, cells = grid_cells(frame, max_cells=100, first_size=0.1)
    groups: dict[tuple[int, int], list[int]] = {}
    for k, (lat, lon) in enumerate(points):
        groups.setdefault((math.floor(lat / size), math.floor(lon / size)), []).append(k)
    expected = [(sum(points[k][0] for k in ks) / len(ks), sum(points[k][1] for k in ks) / len(ks), len(ks))
                for _, ks in sorted(groups.items())]
    assert size == 0.1 and len(cells) == 6
    assert [(round(r.lat, 9), round(r.lon, 9), r.count) for r in cells.itertuples()] == \
        [(round(lat, 9), round(lon, 9), n) for lat, lon, n in expected]
    assert cells["killed_max"].tolist() == [5, 6, 4, 7, 9, 3]  # by row, then column: (-1, -1), (0, -1), (339, 390)…
