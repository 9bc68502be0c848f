"""Spelling classes the fold key does not meet, met through variant keys and fold rules; tested as tables."""

import pytest

from gazetteer import Gazetteer, Place
from gazetteer.fold import fold, variant_keys


def keys(name: str) -> set[str]:
    return {fold(name), *variant_keys(name)}


#: Pairs that must share a key (fold or variant): one Arabic letter written several ways, endings, glued articles.
MUST_MEET = [
    ("Thiban", "Dhiban"), ("Thiban", "Ziban"), ("Mathlum", "Mazlum"), ("Madhlum", "Mazlum"),
    ("Sabka", "Sabkhah"), ("Sabkha", "Sabha"),
    ("Alzour", "al-Zour"), ("Albab", "Al Bab"),
    ("Salamiyeh", "Salamiyah"), ("Salamiyya", "Salameyyeh"), ("Hamidiyeh", "al-Hamidiyah"), ("Salamieh", "Salamia"),
    ("صبيخان", "سبيخان"), ("الضمير", "الدمير"), ("البوكمال", "أبو كمال"), ("البو بدران", "أبو بدران"),
]
#: Pairs that must not meet: different places that a too-loose rule would join.
MUST_NOT_MEET = [
    ("Baghuz Fawqani", "Baghuz Tahtani"), ("Aleppo", "Eppo"), ("Hasakeh", "Hasakiya"), ("Tabqa", "Tabqiya"),
    ("Khan Shaykhun", "Shaykhun"), ("الرقة", "الرقم"), ("Khasham", "Kashem"), ("Khan", "Kan"),
]


@pytest.mark.parametrize(("a", "b"), MUST_MEET)
def test_spellings_of_one_letter_meet(a, b):
    assert keys(a) & keys(b), (a, keys(a), b, keys(b))


@pytest.mark.parametrize(("a", "b"), MUST_NOT_MEET)
def test_different_places_stay_apart(a, b):
    assert not keys(a) & keys(b)


def test_a_variant_match_ranks_below_a_folded_one():
    thiban = Place(id="t", name="Thiban", lat=35.0, lon=40.5, admin1="SY09")
    ziban = Place(id="z", name="Ziban", lat=35.5, lon=40.0, admin1="SY09")
    gaz = Gazetteer.from_places([thiban, ziban])
    hits = {h.place.id: h.match for h in gaz.lookup("Ziban")}
    assert hits == {"z": "exact", "t": "variant"}
    assert gaz.resolve("Ziban").place.id == "z"
    assert gaz.resolve("Dhiban").best.match == "variant"
