"""Filters on what the accounts say: the alleged perpetrator, and words in the quotes or the titles."""

import pytest

from dashboard.account_text import account_mask, perpetrator_choices, search_terms, texts_frame
from incidents.selection import incidents_frame

from .test_view_state import incidents

ROWS = [
    ("hajin", "US-led coalition", "Twenty civilians were killed in residential buildings.", "Strikes on Hajin"),
    ("hajin", "  US-led   coalition ", "Women and children among the dead.", None),
    ("kamal", None, "SANA said at least 30 were killed.", "US Airstrike Kills 54 Civilians Near Abu Kamal"),
    ("raqqa", "Russian forces", "The city’s market was hit.", ""),
]


@pytest.fixture
def texts():
    return texts_frame(ROWS)


def test_one_row_per_incident_with_its_perpetrators_once(texts):
    assert list(texts.index) == ["hajin", "kamal", "raqqa"]
    assert texts.loc["hajin", "perpetrators"] == ("US-led coalition",) and texts.loc["kamal", "perpetrators"] == ()
    assert perpetrator_choices(texts) == ["Russian forces", "US-led coalition"]


@pytest.mark.parametrize("words, terms", [
    ("women children", ["women", "children"]),
    ('"residential buildings" Women', ["residential buildings", "women"]),
    ("“city’s market”", ["city's market"]),  # typographic quotes and apostrophes read as plain ones
    ('"unclosed phrase', ["unclosed", "phrase"]),
    ("   ", []),
])
def test_search_terms(words, terms):
    assert search_terms(words) == terms


KEEPS = [  # (perpetrators, words, incidents kept)
    ((), "", {"hajin", "kamal", "raqqa", "nofig"}),
    (("US-led coalition",), "", {"hajin"}),
    (("US-led coalition", "Russian forces"), "", {"hajin", "raqqa"}),
    ((), "killed", {"hajin", "kamal"}),
    ((), '"residential buildings" women', {"hajin"}),  # words from two accounts of one incident
    ((), "abu kamal", {"kamal"}),  # in a title
    ((), "city's", {"raqqa"}),
    ((), '"buildings residential"', set()),
    (("US-led coalition",), "SANA", set()),
]


@pytest.mark.parametrize("perpetrators, words, kept", KEEPS)
def test_what_the_accounts_say_narrows_the_incidents(texts, perpetrators, words, kept):
    frame = incidents_frame(incidents())  # "nofig" has no text: kept only when nothing is asked
    assert set(frame[account_mask(frame, texts, perpetrators=perpetrators, words=words)]["id"]) == kept
