"""What the Map page computes: presets, playback steps, the brushed window, claimant choices, counts, the table."""

import datetime as dt

import pytest

from dashboard.map_view import (brushed_window, claimant_choices, counts_caption, fit_token, incidents_table,
                                pick_labels, plural, presets, step_window, where_of)
from dashboard.view_state import ViewState
from incidents.model import Incident
from incidents.selection import incidents_frame

from .test_view_state import account, incidents

D = dt.date
BOUNDS = (D(2017, 7, 30), D(2019, 2, 12))


def test_presets_are_everything_and_each_year():
    assert presets(*BOUNDS) == {"All dates": BOUNDS, "2017": (D(2017, 7, 30), D(2017, 12, 31)),
                                "2018": (D(2018, 1, 1), D(2018, 12, 31)), "2019": (D(2019, 1, 1), D(2019, 2, 12))}


STEPS = [  # (window, period, direction, moved window, at the end)
    ((D(2017, 7, 30), D(2017, 12, 31)), "W", 1, (D(2017, 8, 6), D(2018, 1, 7)), False),
    ((D(2017, 8, 6), D(2018, 1, 7)), "W", -1, (D(2017, 7, 30), D(2017, 12, 31)), True),
    ((D(2018, 12, 1), D(2019, 2, 1)), "M", 1, (D(2018, 12, 12), D(2019, 2, 12)), True),  # stops at the last date
    (BOUNDS, "M", 1, (D(2017, 7, 30), D(2017, 8, 28)), False),  # everything: start one step wide
    (BOUNDS, "W", -1, (D(2019, 2, 6), D(2019, 2, 12)), False),
]


@pytest.mark.parametrize("window, period, direction, moved, at_end", STEPS)
def test_a_step_moves_the_window_keeping_its_width(window, period, direction, moved, at_end):
    assert step_window(window, BOUNDS, period, direction) == (moved, at_end)


BRUSHES = [
    ({"period": [1514764800000, 1530403200000]}, (D(2018, 1, 1), D(2018, 7, 1))),  # Vega-Lite's milliseconds
    ({"period": ["2018-07-01T00:00:00", "2018-01-01"]}, (D(2018, 1, 1), D(2018, 7, 1))),
    ({"period": [1262304000000, 1893456000000]}, BOUNDS),  # clipped to the data
    ({"period": [1893456000000, 1924992000000]}, None),  # beyond the data
    ({}, None), (None, None), ({"period": ["x", "y"]}, None), ({"period": [1]}, None),
]


@pytest.mark.parametrize("selection, window", BRUSHES)
def test_a_brushed_span_becomes_the_window(selection, window):
    assert brushed_window(selection, BOUNDS) == window


def test_claimants_are_offered_as_the_registry_groups_them():
    frame = incidents_frame([Incident("a", (account("local sources via SANA", 3),)),
                             Incident("b", (account("Syrian Observatory for Human Rights", 5),)),
                             Incident("c", (account("SOHR", 7), account("SANA", 9)))])
    assert claimant_choices(frame) == ["local sources", "SANA", "SOHR"]


@pytest.mark.parametrize("kwargs, text", [
    (dict(matching=16, total=16, drawn=16, undated_hidden=0, unlocated=0), "16 of 16 incidents match; 16 drawn."),
    (dict(matching=1, total=1, drawn=1, undated_hidden=0, unlocated=0), "1 of 1 incident match; 1 drawn."),
    (dict(matching=11, total=16, drawn=2, undated_hidden=9, unlocated=0),
     "11 of 16 incidents match; 2 drawn; 9 with no date not drawn (tick 'Draw undated incidents')."),
    (dict(matching=3, total=2500, drawn=2, undated_hidden=0, unlocated=1),
     "3 of 2,500 incidents match; 2 drawn; 1 with no resolved place not drawn."),
])
def test_counts_in_words(kwargs, text):
    assert counts_caption(**kwargs) == text


def test_plural():
    assert (plural(1, "incident"), plural(2, "incident"), plural(1200, "incident")) == \
        ("1 incident", "2 incidents", "1,200 incidents")


def test_moving_through_time_does_not_refit_the_map_but_other_filters_do():
    base = fit_token(ViewState())
    assert fit_token(ViewState(date_from=D(2018, 1, 1), undated=False)) == base
    assert fit_token(ViewState(center=(34.5, 40.9), zoom=9)) == base
    assert fit_token(ViewState(disputed_only=True)) != base and fit_token(ViewState(search="Hajin")) != base
    assert where_of(ViewState(search=" Hajin ")) == where_of(ViewState(search="hajin"))
    assert where_of(ViewState(admin1=("SY11", "SY09"))) == where_of(ViewState(admin1=("SY09", "SY11")))


def test_the_table_speaks_words_not_codes():
    frame = incidents_frame(incidents())
    table = incidents_table(frame, link=lambda i: f"/?incident={i}", governorates={"SY09": "Deir ez-Zor / دير الزور (SY)"},
                            window=(D(2018, 1, 1), None))
    kamal = table.loc["kamal"]
    assert kamal["claims"] == "SANA: 30 killed · SOHR: 54 killed" and kamal["disputed"] == "disputed"
    assert kamal["killed"] == "30–54 killed" and kamal["dates"] == "date unknown"
    assert kamal["governorate"] == "Deir ez-Zor" and kamal["open"] == "/?incident=kamal"
    assert table.loc["raqqa", "governorate"] == "SY11"  # a code no name is known for stays as it is
    assert table.loc["raqqa", "place precision"] == "governorate only"
    assert table.loc["nofig", "killed"] == "no killed figure"
    assert table.loc["hajin", "dates"] == "2018-12-16"
    assert not table.isin(["None", "nan", "<NA>"]).any().any()
    assert pick_labels(frame)["kamal"] == "Abu Kamal · date unknown · 30–54 killed (claimed, by different accounts)"


def test_partly_outside_the_window_is_said_in_the_table():
    frame = incidents_frame([Incident("x", (account("SANA", 3, date=(D(2017, 12, 20), D(2018, 1, 5))),))])
    table = incidents_table(frame, link=str, window=(D(2018, 1, 1), None))
    assert table.loc["x", "dates"] == "2017-12-20 … 2018-01-05 (partly outside the window)"
