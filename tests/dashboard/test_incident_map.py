"""The incident map: one marker per drawable incident, styles by dispute and precision, escaped popups, grouping."""

import dataclasses
import datetime as dt

import re

import pandas as pd
import pytest

from dashboard.assets import offline
from dashboard.incident_map import (
    COLOUR, DISPUTED_COLOUR, MAX_CELLS, drawable, figure_range, grid_cells, incident_link, incident_map, marker_style, radius,
)
from incidents.selection import incidents_frame
from incidents.model import Incident

from .test_view_state import account, incidents

HOSTILE = "<script>alert(1)</script>"


def html_of(m) -> str:
    return m.get_root().render()


def test_one_marker_per_located_dated_incident():
    frame = incidents_frame(incidents())
    html = html_of(incident_map(frame))
    assert drawable(frame).sum() == 3  # "kamal" has no date
    assert html.count("L.circleMarker(") == 3


def test_undated_incidents_are_drawn_when_asked():
    html = html_of(incident_map(incidents_frame(incidents()), undated=True))
    assert html.count("L.circleMarker(") == 4


def test_unlocated_incidents_are_not_drawn():
    lost = dataclasses.replace(account("SANA", 5), places=())
    html = html_of(incident_map(incidents_frame([Incident("lost", (lost,))])))
    assert "L.circleMarker(" not in html


def test_an_empty_frame_draws_the_base_map_and_legend():
    html = html_of(incident_map(incidents_frame([])))
    assert "L.circleMarker(" not in html and "atlas-legend" in html


def test_hostile_text_is_escaped_in_popups():
    evil = dataclasses.replace(account(HOSTILE, 3, place=HOSTILE, outlet=HOSTILE), title=HOSTILE, quote=HOSTILE)
    html = html_of(incident_map(incidents_frame([Incident(HOSTILE, (evil,))])))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert incident_link(HOSTILE) == "/?incident=%3Cscript%3Ealert%281%29%3C%2Fscript%3E"


def test_popup_shows_each_account_and_links_to_the_incident():
    html = html_of(incident_map(incidents_frame(incidents()), undated=True))
    assert "SOHR" in html and "54 killed" in html and "at least" not in html
    assert "30\\u201354 killed (claimed, by different accounts)" in html  # as a JavaScript string literal
    assert 'href=\\"/?incident=kamal\\" target=\\"_top\\"' in html


def test_disputed_incidents_have_their_own_colour_and_dash():
    frame = incidents_frame(incidents()).set_index("id", drop=False)
    disputed, agreed = marker_style(frame.loc["kamal"]), marker_style(frame.loc["hajin"])
    assert disputed["color"] == DISPUTED_COLOUR and disputed["dash_array"]
    assert agreed["color"] == COLOUR and "dash_array" not in agreed


PRECISION_STYLES = [("exact", True, 0.75, False), ("near", True, 0.3, False),
                    ("district", False, None, True), ("governorate", False, None, True)]


@pytest.mark.parametrize("precision, filled, opacity, dashed", PRECISION_STYLES)
def test_precision_is_shown_by_fill_and_dash(precision, filled, opacity, dashed):
    row = incidents_frame([Incident("i", (account("SANA", 4, precision=precision),))]).iloc[0]
    style = marker_style(row)
    assert style["fill"] is filled
    assert style.get("fill_opacity") == opacity
    assert ("dash_array" in style) is dashed


@pytest.mark.parametrize("killed, expected", [(None, 5.0), (pd.NA, 5.0), (0, 5.0), (4, 10.0), (100, 30.0)])
def test_radius_grows_with_the_square_root_of_the_largest_claim(killed, expected):
    assert radius(killed) == expected


@pytest.mark.parametrize("lo, hi, text", [(30, 54, "30\u201354 killed (claimed, by different accounts)"),
                                          (20, 20, "20 killed (claimed)"), (None, None, "no killed figure"),
                                          (pd.NA, pd.NA, "no killed figure")])
def test_figure_range(lo, hi, text):
    assert figure_range(lo, hi) == text


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
    markers = html.count("L.circleMarker(")
    size, cells = grid_cells(frame, MAX_CELLS)
    assert markers == len(cells) and cells["count"].sum() == 60
    assert cells["killed_min"].min() == 0 and cells["killed_max"].max() == 59
    assert "incidents; " in html


def test_a_selected_incident_centres_the_map():
    m = incident_map(incidents_frame(incidents()), selected="hajin")
    assert m.location == [34.6927, 40.827]


def test_made_offline_the_map_refers_to_no_other_host():
    html = html_of(offline(incident_map(incidents_frame(incidents())), js=["/l.js"], css=["/l.css"]))
    assert "tile.openstreetmap.org" not in html
    assert re.findall(r"(?:src|href)=\"(?:https?:)?//", html) == []


@pytest.mark.parametrize("base, link", [
    ("", "/?incident=I%2F1"), ("/", "/?incident=I%2F1"), ("atlas", "/atlas/?incident=I%2F1"),
    ("/tools/atlas/", "/tools/atlas/?incident=I%2F1"),
])
def test_incident_links_follow_the_apps_path_prefix(base, link):
    from dashboard.incident_map import incident_link

    assert incident_link("I/1", base_path=base) == link
