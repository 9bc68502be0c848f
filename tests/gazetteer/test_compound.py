"""Compound place strings: split into parts, feature words from the data file, fallbacks marked `near`."""

import pytest

from gazetteer import Gazetteer, Place, Precision
from gazetteer.compound import Attempt, attempts, feature_variants, feature_words

#: text -> names that must be among the attempts (in this order).
SPLITS = [
    ("Kafrah/Kesra village", ["Kafrah village", "Kafrah", "Kesra village", "Kesra"]),
    ("Ar-Raqqa - Al-Rasheed", ["Al-Rasheed", "Ar-Raqqa"]),
    ("Ar Raqqah: Mr. Sufi's bakery", ["Mr. Sufi's bakery", "Ar Raqqah"]),
    ("Abu Naytal (Farraj) village", ["Abu Naytal village", "Abu Naytal", "Farraj village", "Farraj"]),
    ("al-Abbas and Hajeen", ["al-Abbas", "Hajeen"]),
    ("Abirha near Al Busaira", ["Abirha", "Al Busaira"]),
    ("هجين/الشعفة", ["هجين", "الشعفة"]),
    ("Afes Cemetery", ["Afes"]),
    ("Barissa village west of Abual Duhur", ["Barissa village", "Barissa", "Abual Duhur"]),
    ("Al Mentar village, 12 km south of Jisr Al Shoughour", ["Al Mentar village", "Al Mentar"]),
    ("Area between Douma and Misraba", ["Douma", "Misraba"]),
    ("Tal Jijan", ["Jijan"]),
    ("Jijan", ["Tall Jijan"]),
    ("قرية الحسينية", ["الحسينية"]),
    ("مخيم الهول", ["الهول"]),
    ("Shayrat Airfield", ["Shayrat"]),
    ("Tabqa military airfield", ["Tabqa"]),
    # a landmark named with words of its own before the landmark word ("central", "international", "military")
    ("Homs Central Prison", ["Homs"]),
    ("Deir ez-Zor International Airport", ["Deir ez-Zor"]),
    ("Kuweires Military Air Base", ["Kuweires"]),
    ("Tabqa Army Base", ["Tabqa"]),
    ("سجن حماة المركزي", ["حماة"]),
    ("حاجز الحسكة", ["الحسكة"]),
    # Arabic script: the Arabic comma, "في" (in), "قرب" (near), a direction before the parent ("جنوب" south of)
    ("حي الميدان، دمشق", ["حي الميدان", "الميدان", "دمشق"]),
    ("خان شيخون٫ إدلب", ["خان شيخون", "إدلب"]),
    ("قرية الجينة في ريف حلب الغربي", ["قرية الجينة", "الجينة", "ريف حلب الغربي"]),
    ("تل رفعت شمال حلب", ["تل رفعت", "حلب"]),
    ("الهول قرب الحسكة", ["الهول", "الحسكة"]),
    ("مزرعة بالقرب من منبج", ["مزرعة", "منبج"]),
]
#: text -> names that must NOT be tried (a rule that would throw away what makes the name).
NOT_TRIED = [
    ("Western Deir", "Deir"),  # too little left once the qualifier goes
    ("Hajin", "Hajin"),  # a bare name gives nothing but itself (already tried)
    ("!!!", "Tall !!!"),
    ("الغارية الشرقية", "الغارية"),  # a position word after a name is part of it, not "east of"
    ("وادي بردى", "ادي بردى"),  # a word starting with و is not "and"
]


@pytest.mark.parametrize(("text", "names"), SPLITS, ids=[s[0] for s in SPLITS])
def test_compound_strings_give_their_parts_in_order(text, names):
    tried = [a.name for a in attempts(text)]
    positions = [tried.index(n) for n in names]
    assert positions == sorted(positions), tried


@pytest.mark.parametrize(("text", "name"), NOT_TRIED)
def test_parts_that_lose_the_name_are_not_tried(text, name):
    assert name not in [a.name for a in attempts(text)]


def test_a_landmark_leaves_its_town_near_with_the_rest_kept():
    (a, *_) = [a for a in feature_variants("Al Bab Police Station") if a.name == "Al Bab"]
    assert a.near and a.landmark and a.leftover == "Police Station" and a.strict


def test_a_settlement_word_is_dropped_without_loosening():
    (a, *_) = feature_variants("Al Mentar village")
    assert a == Attempt("Al Mentar")


def test_hostile_compounds_are_bounded():
    assert len(attempts(" / ".join(["a b c"] * 10_000))) <= 24
    assert len(attempts("(" * 5000 + "x" + ")" * 5000)) <= 24


def test_every_feature_word_has_a_known_kind():
    assert set(feature_words().values()) <= {"settlement", "landmark", "qualifier", "head"}
    assert feature_words()["village"] == "settlement" and feature_words()["مخيم"] == "landmark"


HAJIN = Place(id="hajin", name="Hajin", lat=34.6927, lon=40.827, admin1="SY09", names=("Hajin", "هجين"))
SHAFAH = Place(id="shafah", name="al-Sha'fah", lat=34.5789, lon=40.9344, admin1="SY09", names=("al-Sha'fah", "الشعفة"))
RAQQA = Place(id="raqqa", name="Ar Raqqah", lat=35.95, lon=39.01, admin1="SY11", population=200000)
TISHRIN = Place(id="tishrin", name="Tishrin", lat=35.6, lon=40.2, admin1="SY09")
GOV = Place(id="gov9", name="Deir ez-Zor", lat=35.2, lon=40.3, type="governorate", admin1="SY09")


@pytest.fixture(scope="module")
def small() -> Gazetteer:
    return Gazetteer.from_places([HAJIN, SHAFAH, RAQQA, TISHRIN, GOV])


def test_a_neighbourhood_the_data_lacks_falls_back_to_its_town_near(small):
    r = small.resolve("Ar-Raqqa - Al-Rasheed")
    assert r.place.id == "raqqa" and r.precision is Precision.NEAR and r.unresolved_part == "Al-Rasheed"


def test_either_part_of_a_pair_resolves(small):
    assert small.resolve("هجين/الشعفة").place.id == "hajin"
    assert small.resolve("Kesra/al-Sha'fah village").place.id == "shafah"


def test_a_landmark_named_after_an_idea_needs_the_governorate_to_agree(small):
    assert not small.resolve("Tishreen Dam").resolved  # no hint: "Tishreen" may be the month
    r = small.resolve("Tishreen Dam", admin1="Deir ez-Zor")
    assert r.place.id == "tishrin" and r.precision is Precision.NEAR and r.unresolved_part == "Dam"


def test_a_governorate_after_a_comma_is_no_fallback_point(small):
    assert not small.resolve("Unknownville, Deir ez-Zor").resolved


def test_a_bare_village_name_is_still_the_whole_answer(small):
    r = small.resolve("Hajin village")
    assert r.place.id == "hajin" and r.precision is Precision.EXACT and not r.unresolved_part


#: "A, B": a village of A's name lies within compound.PARENT_KM of the town B, or it is not the one the text means.
KASRA_NEAR = Place(id="kasra-near", name="Kasra", lat=34.72, lon=40.80, admin1="SY09")  # 3 km from Hajin
KASRA_FAR = Place(id="kasra-far", name="Kasrah", lat=35.60, lon=39.90, admin1="SY09")  # 130 km from Hajin
#: head, parent -> the answer (None: unresolved), every place in one governorate.
NEAR_PARENT = [
    ("Kasra, Hajin", [KASRA_NEAR, KASRA_FAR], "kasra-near"),  # the namesake beside the town, not the other
    ("Kasrah, Hajin", [KASRA_FAR], "hajin"),  # the only namesake is 130 km off: the town, coarsely
    ("Kasrah, Deir ez-Zor", [KASRA_FAR], "kasra-far"),  # a governorate after the comma: no distance to keep
]


@pytest.mark.parametrize(("text", "places", "expected"), NEAR_PARENT, ids=[t[0] for t in NEAR_PARENT])
def test_the_head_of_a_compound_lies_near_its_town(text, places, expected):
    gaz = Gazetteer.from_places([HAJIN, GOV, *places])
    r = gaz.resolve(text)
    assert r.resolved and r.place.id == expected
    if expected == "hajin":
        assert r.unresolved_part == "Kasrah" and r.precision is Precision.DISTRICT
