"""The layer for the area in view: only what is inside (with a margin), markers when few, grid cells when many."""

import pandas as pd
import pytest
from branca.element import Figure

from dashboard.viewport import MapView, fit_zoom, in_view, view_bounds, view_zoom, visible_layer
from incidents.model import Incident, PlaceMention
from incidents.selection import incidents_frame

from ..incidents.factories import account
from .drawn import markers, payloads


def grid(n_side: int, lat0=34.0, lon0=40.0, step=0.01):
    """n_side² incidents on a regular grid, each with its own place."""
    out = []
    for i in range(n_side):
        for j in range(n_side):
            lat, lon = lat0 + i * step, lon0 + j * step
            p = PlaceMention("P", 0, 1, name=f"P{i}-{j}", lat=lat, lon=lon, precision="exact")
            out.append(Incident(f"i{i}-{j}", (account(f"d{i}-{j}", places=(p,), day="2018-01-01"),)))
    return incidents_frame(out)


def rendered(group) -> str:
    fig = Figure()
    import folium

    m = folium.Map()
    group.add_to(m)
    fig.add_child(m)
    return fig.render()


REPORTED = {"bounds": {"_southWest": {"lat": 34.0, "lng": 40.0}, "_northEast": {"lat": 34.1, "lng": 40.2}}}


@pytest.mark.parametrize("returned, bounds", [
    (REPORTED, ((34.0, 40.0), (34.1, 40.2))),
    ({"bounds": {"_southWest": {"lat": "34", "lng": "40"}, "_northEast": {"lat": "35", "lng": "41"}}},
     ((34.0, 40.0), (35.0, 41.0))),
    (None, None), ({}, None), ({"bounds": None}, None),
    ({"bounds": {"_southWest": {"lat": None, "lng": 40}, "_northEast": {"lat": 34.1, "lng": 40.2}}}, None),
    ({"bounds": {"_southWest": {"lat": 35, "lng": 40}, "_northEast": {"lat": 34, "lng": 41}}}, None),  # upside down
    ({"bounds": {"_southWest": {"lat": "nan", "lng": 40}, "_northEast": {"lat": 34, "lng": 41}}}, None),
])
def test_view_bounds_reads_what_the_map_reports(returned, bounds):
    assert view_bounds(returned) == bounds


def test_in_view_keeps_the_view_and_a_margin_around_it():
    frame = grid(30)  # 34.00 … 34.29, 40.00 … 40.29
    inside = in_view(frame, ((34.1, 40.1), (34.15, 40.15)), margin=0.0)
    assert len(inside) == 6 * 6 and inside["lat"].between(34.1, 34.15).all()
    wider = in_view(frame, ((34.1, 40.1), (34.15, 40.15)), margin=0.2)  # 0.01° on each side
    assert len(wider) == 8 * 8
    assert len(in_view(frame, None)) == len(frame)
    assert in_view(frame, ((0, 0), (1, 1))).empty
    assert len(in_view(frame, ((-80, -180), (80, 180)))) == len(frame)  # the whole world


def test_few_incidents_in_view_are_markers_with_popups():
    frame = grid(50)  # 2,500 incidents: too many for markers at once
    group, count = visible_layer(frame, None, max_markers=2000)
    (payload,) = payloads(rendered(group))
    assert count == 2500 and not payload["grouped"] and "incidents;" in payload["markers"][0]["popup"]
    assert len(payload["markers"]) < 2000  # cells say how many they hold
    group, count = visible_layer(frame, ((34.0, 40.0), (34.1, 40.1)), max_markers=2000)
    (payload,) = payloads(rendered(group))
    assert count == len(in_view(frame, ((34.0, 40.0), (34.1, 40.1)))) < 2000
    assert len(payload["markers"]) == count and payload["grouped"]
    assert "Open the accounts side by side" in payload["markers"][0]["popup"]


def test_the_layer_links_popups_where_the_page_says():
    frame = grid(2)
    group, _ = visible_layer(frame, None, link=lambda i: f"/atlas/?incident={i}")
    assert 'href="/atlas/?incident=i0-0"' in markers(rendered(group))[0]["popup"]


def test_the_selected_incident_is_sent_even_outside_the_view():
    frame = grid(10)
    group, count = visible_layer(frame, ((34.0, 40.0), (34.01, 40.01)), selected="i9-9")
    (payload,) = payloads(rendered(group))
    assert "i9-9" in {m["id"] for m in payload["markers"]} and payload["selected"] == "i9-9"


def test_view_instructions_go_with_the_layer():
    frame = grid(3)
    view = MapView.follow(frame, token="t1", reset=2)
    assert view.fit == ((34.0, 40.0), (34.02, 40.02)) and not view.kept
    group, _ = visible_layer(frame, None, view=view, focus={"id": "i1-1", "token": "i1-1"})
    (payload,) = payloads(rendered(group))
    assert payload["view"]["fit"] == [[34.0, 40.0], [34.02, 40.02]] and payload["view"]["reset"] == 2
    assert payload["view"]["token"] == "t1" and payload["focus"] == {"id": "i1-1", "token": "i1-1"}
    kept = MapView(kept=True, center=(34.5, 40.5), zoom=9).payload()
    assert kept["kept"] and kept["center"] == [34.5, 40.5] and kept["fit"] is None
    assert MapView.follow(frame.iloc[0:0], token="t").fit is None


@pytest.mark.parametrize("bounds, zoom", [
    (((34.0, 40.0), (34.0, 40.0)), 10),  # one point: the fit's most
    (((34.0, 38.0), (36.0, 41.0)), 8),  # the Euphrates valley on a 900 × 560 px map
    (((30.0, 30.0), (40.0, 50.0)), 5),
    (None, None),
])
def test_the_zoom_a_fit_reaches(bounds, zoom):
    assert fit_zoom(bounds) == zoom


def test_undated_incidents_are_left_out_unless_asked_for():
    frame = grid(2)
    frame.loc[0, ["date_min", "date_max"]] = None
    assert visible_layer(frame, None)[1] == 3
    assert visible_layer(frame, None, undated=True)[1] == 4
    assert visible_layer(pd.DataFrame(columns=frame.columns), None)[1] == 0


def test_cells_are_sized_to_the_zoom_and_few():
    from incidents.maps.incident_map import MAX_CELLS, cell_degrees

    frame = grid(60, step=0.05)  # 3,600 incidents over 3° × 3°
    assert cell_degrees(7) == pytest.approx(4 * cell_degrees(9))
    _, count = visible_layer(frame, None, zoom=7)
    coarse = len(markers(rendered(visible_layer(frame, None, zoom=7)[0])))
    fine = len(markers(rendered(visible_layer(frame, None, zoom=9)[0])))
    assert count == 3600 and 0 < coarse < fine <= MAX_CELLS
    assert view_zoom({"zoom": 7}) == 7 and view_zoom({"zoom": "x"}) is None and view_zoom(None) is None
