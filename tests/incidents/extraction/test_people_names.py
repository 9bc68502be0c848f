"""A name the article writes out as a person's (a given name or a title before it) is that person when it stands
alone later, not a same-named village; a locative or a city keeps it a place."""

import datetime as dt

import pytest

from gazetteer import Gazetteer, Place
from incidents.extraction import extract_accounts
from incidents.extraction.places import people_words, surname_key
from incidents.model import Document

GAZ = Gazetteer.from_places([
    Place(id="t:homs", name="Homs", lat=34.73, lon=36.71, admin1="SY04", names=("Homs",), seat=True,
          population=700_000),
    # villages that share their names with people's family names
    Place(id="t:barazi", name="Barazi", lat=35.40, lon=36.90, admin1="SY05", names=("Barazi", "al-Barazi")),
    Place(id="t:saleh", name="Saleh", lat=36.10, lon=37.60, admin1="SY02", names=("Saleh",)),
    Place(id="t:hama", name="Hama", lat=35.13, lon=36.75, admin1="SY05", names=("Hama",), seat=True,
          population=850_000),
])


@pytest.mark.parametrize(("text", "words"), [
    ("said Talal al-Barazi the governor of Homs", {"Barazi"}),  # a given name opens it, after a verb
    ("Homs Governor Talal Barazi said", {"Barazi"}),
    ("President Bashar al-Assad", {"Assad"}),  # a title opens it
    ("Rami Abdel Rahman who heads the Observatory", {"Rahman"}),
    ("Minister Haider al-Abadi and Dr Ahmad Saleh", {"Abadi", "Saleh"}),
])
def test_people_words_are_the_last_words_of_names_a_given_name_or_title_opens(text, words):
    assert people_words(text) == frozenset(surname_key(w) for w in words)


@pytest.mark.parametrize(("spotted", "name"), [("al-Barazi", "Barazi"), ("Barazi", "al-Barazi"),
                                               ("el-Assad", "Assad")])
def test_a_spotted_name_and_a_family_name_meet_with_or_without_their_article(spotted, name):
    assert surname_key(spotted) == surname_key(name)


@pytest.mark.parametrize("text", [
    "airstrikes hit Barazi and Hama on Monday",  # no given name or title before the names
    "in the village of Saleh near Aleppo",
    "the Syrian Observatory for Human Rights said",
    "",
])
def test_no_person_without_a_given_name_or_a_title(text):
    assert people_words(text) == frozenset()


def accounts(body):
    d = Document(text=body, file="t.txt", outlet="Outlet", published=dt.date(2017, 4, 7))
    return [(a.killed_min, [p.text for p in a.places if p.resolved]) for a in extract_accounts(GAZ, d)]


def test_a_family_name_standing_alone_later_is_the_person_not_a_village():
    found = accounts("Ten people were killed in a car bomb in Homs on Sunday said Talal al-Barazi the governor of "
                     "Homs. Barazi had earlier reported a toll of eight.")
    assert all("Barazi" not in names for _, names in found)
    assert {k for k, _ in found} == {10, 8}


def test_without_the_person_the_same_name_is_the_village():
    found = accounts("Eight people were killed in an airstrike on Barazi on Sunday, activists said.")
    assert found == [(8, ["Barazi"])]


def test_a_locative_keeps_the_name_a_place_even_when_a_person_bears_it():
    found = accounts("Governor Ahmad Saleh said on Sunday that six civilians were killed in Saleh on Saturday.")
    assert found and all(names == ["Saleh"] for _, names in found)


def test_a_city_is_never_taken_for_a_person():
    found = accounts("Twelve people were killed in Hama on Monday said Ahmad Hama a local official. "
                     "Hama was shelled again on Tuesday, killing three.")
    assert any("Hama" in names for _, names in found)
