"""A claim placed in a city takes the part of the city the article names (a neighbourhood, a road, a site), even when
the gazetteer lacks it; a part the text names is never a same-named village far from the article's cities."""

import datetime as dt

import pytest

from gazetteer import Gazetteer, Place
from incidents.extraction import extract_accounts
from incidents.extraction.places import names_part, names_within
from incidents.model import Document, PlaceMention

GAZ = Gazetteer.from_places([
    Place(id="t:dam", name="Damascus", lat=33.513, lon=36.292, admin1="SY01", names=("Damascus",), seat=True,
          population=1_500_000),
    Place(id="t:alp", name="Aleppo", lat=36.202, lon=37.134, admin1="SY02", names=("Aleppo",), seat=True,
          population=1_600_000),
    Place(id="t:jobar", name="Jawbar", lat=33.53, lon=36.33, admin1="SY01", names=("Jawbar", "Jobar")),
    Place(id="t:douma", name="Douma", lat=33.57, lon=36.40, admin1="SY03", names=("Douma",), seat=True,
          population=110_000),
    # a village of the same name as an Aleppo neighbourhood, 400 km away
    Place(id="t:marjah", name="Al Marjah", lat=36.98, lon=41.99, admin1="SY08", names=("Al Marjah", "Marjeh")),
    Place(id="t:hajin", name="Hajin", lat=34.69, lon=40.83, admin1="SY09", names=("Hajin",)),
    Place(id="t:tayyana", name="Tayyana", lat=34.82, lon=40.67, admin1="SY09", names=("Tayyana",)),
    Place(id="t:sy", name="Syria", lat=35.0, lon=38.5, type="country", names=("Syria",)),
    # a village in Homs that shares its name with a district of Damascus the gazetteer lacks (Barzeh)
    Place(id="t:barzah", name="Barzah", lat=34.78, lon=36.92, admin1="SY04", names=("Barzah", "Barzeh")),
    Place(id="t:damg", name="Damascus", lat=33.5, lon=36.3, type="governorate", admin1="SY01", names=("Damascus",)),
    Place(id="t:foua", name="Al Fu`ah", lat=35.97, lon=36.70, admin1="SY07", names=("Al Fu`ah", "al-Foua")),
    Place(id="t:kefraya", name="Kafraya", lat=35.99, lon=36.71, admin1="SY07", names=("Kafraya", "Kefraya")),
])


def places(body, title="A report"):
    """(killed, [(mention text, resolved, why), ...]) for each account."""
    text = f"{title}\n\n{body}"
    d = Document(text=text, file="t.txt", title=title, body_start=len(title) + 2, published=dt.date(2016, 8, 12))
    return [(a.killed_min, [(p.text, p.resolved, p.why) for p in a.places]) for a in extract_accounts(GAZ, d)]


@pytest.mark.parametrize("body, expected", [
    # accepted: the next sentence names the neighbourhood the gazetteer lacks
    ("At least 11 people were killed in Damascus on Tuesday. The mortars hit the Sumaria neighbourhood of the "
     "capital.",
     [(11, [("Sumaria", False, "other sentence"), ("Damascus", True, "same sentence")])]),
    # accepted: a road in the claim's own sentence
    ("Strikes on the Castello road killed eight civilians in Aleppo on Tuesday.",
     [(8, [("Castello", False, "same sentence"), ("Aleppo", True, "same sentence")])]),
    # accepted: an area the gazetteer lacks, the sentence before
    ("The shells landed on the Sheikh Maqsoud area on Tuesday. Seven people were killed in Aleppo.",
     [(7, [("Sheikh Maqsoud", False, "other sentence"), ("Aleppo", True, "same sentence")])]),
    # accepted: a town the gazetteer has, inside the city
    ("At least 11 people were killed in Damascus on Tuesday. The shelling targeted Jobar.",
     [(11, [("Jobar", True, "other sentence"), ("Damascus", True, "same sentence")])]),
    # rejected: the next sentence is about another town
    ("At least 11 people were killed in Damascus on Tuesday. In Douma the Tawba neighbourhood was shelled.",
     [(11, [("Damascus", True, "same sentence")])]),
    # rejected: the sentence before the part names a town of another governorate (the part may be of that city)
    ("Barrel bombs killed five people in Hajin. Another 14 were killed in the Baeedeen neighbourhood. Also on Monday "
     "two people were killed in Damascus.",
     [(5, [("Hajin", True, "same sentence")]), (14, [("Hajin", True, "other sentence"),
                                                    ("Baeedeen", False, "same sentence")]),
      (2, [("Damascus", True, "same sentence")])]),
    # rejected: a village named beside a city is no part of it
    ("At least 11 people were killed in Damascus on Tuesday. The strike hit the village of Kafr Bahm.",
     [(11, [("Damascus", True, "same sentence")])]),
    # rejected: a claim in a village takes no neighbourhood from around it
    ("Nine people were killed in Tayyana on Tuesday. The strikes hit the Hamidiya neighbourhood.",
     [(9, [("Tayyana", True, "same sentence")])]),
])
def test_a_claim_in_a_city_takes_the_part_around_it(body, expected):
    assert places(body) == expected


def test_a_neighbourhood_is_not_a_village_of_the_same_name_far_away():
    got = places("At least 13 people were killed in Aleppo on Monday. Airstrikes hit the Marjeh neighbourhood.")
    assert got == [(13, [("Marjeh", False, "other sentence"), ("Aleppo", True, "same sentence")])]


def test_a_village_named_without_a_city_stays_resolved():
    got = places("Five people were killed in the Marjeh neighbourhood on Monday.")
    assert got == [(5, [("Marjeh", True, "same sentence")])]


@pytest.mark.parametrize("phrase, part, within", [
    ("the Sumaria neighbourhood", True, True),
    ("Umayyad square", True, True),
    ("the Castello road", False, True),
    ("Shaar gas field", False, True),
    ("the Sheikh Maqsoud area", False, True),
    ("the village of Kafr Bahm", False, False),
    ("Deir Ezzor province", False, False),
    ("Hajin", False, False),
    ("", False, False),
])
def test_the_words_that_make_a_name_part_of_a_town(phrase, part, within):
    m = PlaceMention("x", 0, 1, phrase=phrase)
    assert (names_part(m), names_within(m)) == (part, within)


@pytest.mark.parametrize("body, expected", [
    # rejected: a village of another governorate, named alone in a Damascus article, is not that village
    ("Mortars fired from Barzeh killed three people in Damascus on Monday. Two more were killed in Damascus "
     "on Tuesday. Damascus was calm on Wednesday.",
     [(3, [("Barzeh", False, "same sentence"), ("Damascus", True, "same sentence")]),
      (2, [("Damascus", True, "same sentence")])]),
    # accepted: an article naming one town of each of two governorates keeps both
    ("Mortars fired from Barzeh killed three people on Monday. Two more were killed in Damascus on Tuesday.",
     [(3, [("Barzeh", True, "same sentence")]), (2, [("Damascus", True, "same sentence")])]),
    # accepted: two villages of another governorate named together support each other
    ("A bomb killed 100 people in Aleppo evacuated from al-Foua and Kefraya on Saturday. Aleppo was calm on "
     "Sunday.",
     [(100, [("Aleppo", True, "same sentence"), ("al-Foua", True, "same sentence"),
             ("Kefraya", True, "same sentence")])]),
])
def test_a_village_of_another_governorate_needs_a_place_beside_it(body, expected):
    assert places(body) == expected
