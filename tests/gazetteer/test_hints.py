"""Governorate hints as datasets write them: with a direction word, as a list, or naming a town instead; tested as
tables of accepted and rejected hints."""

import pytest

#: hint -> governorate codes it names.
ACCEPTED = [
    ("eastern Hama", {"SY05"}), ("Northern Aleppo", {"SY02"}), ("south Idlib", {"SY07"}),
    ("Hama or Idlib", {"SY05", "SY07"}), ("Aleppo / Raqqa", {"SY02", "SY11"}), ("Homs and Hama", {"SY04", "SY05"}),
    ("حماة أو إدلب", {"SY05", "SY07"}), ("western countryside of Aleppo", {"SY02"}),
    ("Rural Damascus", {"SY03"}),  # a governorate whose name holds a word that reads like a qualifier
]
#: hints that name no governorate: nothing is filtered on them.
REJECTED = ["Syria", "eastern", "Hama or Nowhereville", "36.3847", "north south", ""]
#: hint naming a town or district -> the governorate it lies in (only as a hint, not as a governorate name).
TOWNS = [("Afrin", {"SY02"}), ("Kobane", {"SY02"}), ("Manbij", {"SY02"}), ("Tadmur", {"SY04"}), ("Jisr al-Shughur", {"SY07"})]


@pytest.mark.parametrize(("hint", "codes"), ACCEPTED)
def test_hints_that_name_governorates(gazetteer, hint, codes):
    assert gazetteer.admin1_codes(hint) == codes
    assert gazetteer.hint_codes(hint) == codes


@pytest.mark.parametrize("hint", REJECTED)
def test_hints_that_name_none(gazetteer, hint):
    assert gazetteer.admin1_codes(hint) == frozenset()
    assert gazetteer.hint_codes(hint) == frozenset()


@pytest.mark.parametrize(("hint", "codes"), TOWNS)
def test_a_town_as_hint_gives_its_governorate(gazetteer, hint, codes):
    assert gazetteer.hint_codes(hint) == codes
    assert gazetteer.admin1_codes(hint) == frozenset()  # a town is not a governorate where one is asked for


def test_a_hint_with_a_direction_filters_like_the_governorate(gazetteer):
    plain = gazetteer.resolve("Hajin", admin1="Deir ez-Zor")
    assert gazetteer.resolve("Hajin", admin1="eastern Deir ez-Zor").place == plain.place
    assert not gazetteer.resolve("Hama", admin1="northern Idlib").resolved  # a filter, as the bare name is


def test_a_town_hint_filters_to_its_governorate(gazetteer):
    r = gazetteer.resolve("Hama", admin1="Jisr al-Shughur")
    assert not r.resolved and r.reason == "outside the hinted governorate"
