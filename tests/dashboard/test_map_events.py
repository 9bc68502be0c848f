"""What the map in the browser tells the page: a popup's link asking for an incident, the person moving the map."""

import pytest

from dashboard.map_events import FIELD, RETURNED, MapEvent, map_event, moved_by_person

READ = [  # (the component's report, the event read)
    (None, MapEvent()),
    ({}, MapEvent()),
    ({"zoom": 8}, MapEvent()),  # a report before the map said anything
    ({FIELD: None}, MapEvent()),
    ({FIELD: "open Ib9e"}, MapEvent()),  # not a message
    ({FIELD: {"moved": False, "reset": 0, "nonce": "n1", "seq": 0}}, MapEvent(reset=0)),
    ({FIELD: {"moved": True, "reset": 2, "nonce": "n1", "seq": 0}}, MapEvent(moved=True, reset=2)),
    ({FIELD: {"moved": "yes", "reset": "2"}}, MapEvent()),  # only true is true; a reset is a number
    ({FIELD: {"open": "Ib9e2857816c", "nonce": "n1", "seq": 3, "moved": False, "reset": 0}},
     MapEvent(open="Ib9e2857816c", token="n1:3", reset=0)),
    ({FIELD: {"open": "  ", "nonce": "n1", "seq": 3}}, MapEvent()),
    ({FIELD: {"open": ["I1"], "nonce": "n1", "seq": 3}}, MapEvent()),
    ({FIELD: {"open": "I" * 100, "nonce": "n", "seq": 1}}, MapEvent(open="I" * 64, token="n:1")),
]


@pytest.mark.parametrize("returned, event", READ)
def test_reading_a_report(returned, event):
    assert map_event(returned) == event


@pytest.mark.parametrize("event, reset, moved", [
    (MapEvent(moved=True, reset=3), 3, True),
    (MapEvent(moved=True, reset=2), 3, False),  # moved before the page gave the map back to the filters
    (MapEvent(moved=False, reset=3), 3, False),
    (MapEvent(moved=True, reset=None), 0, False),
])
def test_a_move_counts_after_the_latest_reset_only(event, reset, moved):
    assert moved_by_person(event, reset) is moved


def test_the_page_asks_for_the_field_that_carries_the_messages():
    assert FIELD in RETURNED and {"center", "zoom", "bounds"} <= set(RETURNED)
