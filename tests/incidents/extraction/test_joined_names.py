"""Names of several words are spotted whole: words joined by the Arabic article are one name, kept unresolved when
the gazetteer knows only their first word; a name glued to a direction word by lost spacing is still found."""

import datetime as dt

import pytest

from gazetteer import Gazetteer, Place
from incidents.extraction import extract_accounts
from incidents.extraction.places import mention, spot
from incidents.model import Document

#: Made-up places: two villages, a city that names its governorate, a village whose name ends in "s".
GAZ = Gazetteer.from_places([
    Place(id="t:zahwan", name="Zahwan", lat=35.71, lon=36.62, admin1="SY07", names=("Zahwan",)),
    Place(id="t:qorbel", name="Qorbel", lat=35.74, lon=36.58, admin1="SY07", names=("Qorbel",)),
    Place(id="t:marw", name="Marwaniya", lat=36.1, lon=37.2, admin1="SY02", seat=True, population=300_000,
          names=("Marwaniya",)),
    Place(id="t:marwg", name="Marwaniya", lat=36.0, lon=37.3, type="governorate", admin1="SY02",
          names=("Marwaniya",)),
    Place(id="t:haris", name="Haris", lat=35.8, lon=36.5, admin1="SY07", names=("Haris",)),
    Place(id="t:sy", name="Syria", lat=35.0, lon=38.5, type="country", names=("Syria",)),
])


def spotted(text):
    return [(s.text, s.known) for s in spot(GAZ, text)]


@pytest.mark.parametrize("text, expected", [
    # a village's name followed by the article and another word: one name the gazetteer lacks
    ("Shells fell on Zahwan al-Gharbi at dawn.", [("Zahwan al-Gharbi", False)]),
    ("A blast hit the Zahwan al-Jadida neighbourhood.", [("Zahwan al-Jadida", False)]),
    ("Five died in the Qorbel el-Kabir district of Marwaniya.", [("Qorbel el-Kabir", False), ("Marwaniya", True)]),
    ("Clashes in Zahwan ad-Dahir and Qorbel went on.", [("Zahwan ad-Dahir", False), ("Qorbel", True)]),
    ("Clashes in Zahwan al Dahir went on.", [("Zahwan al Dahir", False)]),
])
def test_names_joined_by_the_article_are_one(text, expected):
    assert spotted(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a city or a governorate before the article is a name of its own (a glued run of two names)
    ("Shelling hit Marwaniya al-Sharqi on Monday.", [("Marwaniya", True)]),
    # the words from the article on are a known name: two names of a list that lost its commas
    ("Shells hit Zahwan al-Qorbel and Haris.", [("Zahwan", True), ("al-Qorbel", True), ("Haris", True)]),
    # a word that is no name before the article
    ("In al-Zahwan the shelling went on.", [("al-Zahwan", True)]),
    # no article: two names
    ("Strikes hit Zahwan Qorbel and Haris.", [("Zahwan", True), ("Qorbel", True), ("Haris", True)]),
    # a capitalised article opens a name more often than it joins one (a list that lost its commas)
    ("Raids on Zahwan Al Dahir went on.", [("Zahwan", True)]),
    ("Raids on Haris Zahwan Al Qorbel went on.", [("Haris", True), ("Zahwan", True), ("Al Qorbel", True)]),
    # an article with no word after it
    ("Strikes hit Zahwan al.", [("Zahwan", True)]),
])
def test_names_not_joined(text, expected):
    assert spotted(text) == expected


def test_a_joined_name_keeps_its_text_unresolved():
    (s,) = spot(GAZ, "A blast hit the Zahwan al-Mahatta neighbourhood.")
    m = mention(GAZ, s, admin1=None, near=())
    assert (m.text, m.resolved, m.phrase) == ("Zahwan al-Mahatta", False, "Zahwan al-Mahatta neighbourhood")


@pytest.mark.parametrize("text, expected", [
    ("Jets struck near Zahwannorth Syria on Friday.", [("Zahwan", True), ("Syria", True)]),
    ("Raids hit Qorbelsoutheast of the city.", [("Qorbel", True)]),
    ("Shelling of Zahwanwestern countryside went on.", [("Zahwan", True)]),
    ("Shells hit Marwaniyas old market.", [("Marwaniya", True)]),  # a possessive "s" is still cut
])
def test_a_name_glued_to_a_direction_is_found(text, expected):
    assert spotted(text) == expected


@pytest.mark.parametrize("text", [
    "The Northeast was quiet on Friday.",
    "Mideast talks went on.",
    "The Feast ended on Sunday.",
    "Zahwanis northern units withdrew.",  # no direction at the end of the word
    "Burnorth said the toll rose.",  # what is left is no known name
])
def test_a_direction_at_the_end_of_a_word_alone_is_no_place(text):
    assert spotted(text) == []


def test_a_known_name_ending_in_s_stays_whole():
    (s,) = spot(GAZ, "Shells hit Haris on Monday.")
    assert (s.text, s.known, s.near) == ("Haris", True, False)
    (s,) = spot(GAZ, "Shells hit near Haris.")
    assert (s.text, s.near) == ("Haris", True)


def test_hostile_joined_runs_are_read_in_bounded_time():
    text = "Zahwan al-Aaa " * 4000 + "Qorbelnorth " * 4000 + "near Haris"
    found = spot(GAZ, text)
    assert found[-1].text == "Haris"


def claim_places(body):
    title = "A report"
    text = f"{title}\n\n{body}"
    d = Document(text=text, file="t.txt", title=title, body_start=len(title) + 2, published=dt.date(2016, 8, 12))
    return [[(p.text, p.name) for p in a.places] for a in extract_accounts(GAZ, d)]


@pytest.mark.parametrize("body", [
    "Rockets hit the Qorbel al-Mahatta district of Marwaniya on Tuesday killing five civilians.",
    "Rockets hit Marwaniyas Qorbel al-Mahatta neighbourhood on Tuesday killing five civilians.",
])
def test_a_part_of_a_city_the_gazetteer_lacks_keeps_its_name_and_the_city(body):
    # not the village Qorbel: the part of the city, unresolved, and the city for a point
    assert sorted(claim_places(body)[0]) == [("Marwaniya", "Marwaniya"), ("Qorbel al-Mahatta", None)]
