"""Resolving names with the shipped gazetteer: spellings, context, precision and honest "unresolved"."""

import pytest

from gazetteer import Gazetteer, InvalidQuery, Place, Precision, distance_km

HAJIN = (34.6927, 40.827)
ABU_KAMAL = (34.45, 40.9186)
DEIR_EZ_ZOR_CITY = (35.3359, 40.1408)

#: name, governorate hint, expected point, tolerance km.
RESOLVES_TO = [
    ("Dayr al-Zawr", None, DEIR_EZ_ZOR_CITY, 5),
    ("Deir Ezzor", None, DEIR_EZ_ZOR_CITY, 5),
    ("دير الزور", None, DEIR_EZ_ZOR_CITY, 5),
    ("Deir-ez-Zor city", None, DEIR_EZ_ZOR_CITY, 5),
    ("Deirezzor", None, DEIR_EZ_ZOR_CITY, 5),
    ("Abu Kamal", None, ABU_KAMAL, 3),
    ("Albu Kamal", None, ABU_KAMAL, 3),
    ("al-Bukamal", None, ABU_KAMAL, 3),
    ("البوكمال", None, ABU_KAMAL, 3),
    ("Hajin", "Deir ez-Zor", HAJIN, 3),
    ("Hajin town", None, HAJIN, 3),
    ("هجين", None, HAJIN, 3),
    ("al-Baghouz Fowqani", "Deir ez-Zor", (34.461, 40.949), 2),
    ("al-Baghuz al-Tahtani", "Deir ez-Zor", (34.4322, 40.9923), 2),
    ("Albu Badran", "Dayr az Zawr", (34.5535, 40.9532), 2),
    ("al-Boukhatir", "Deir ez Zor Governorate", (34.6738, 40.8719), 2),
    ("Thardeh Mountains", "Deir ez-Zor", (35.2706, 40.1082), 3),
    ("al-Shaafah", "Deir ez-Zor", (34.5789, 40.9344), 3),
    ("al-Mayadin", "Deir ez-Zor", (35.0198, 40.4515), 5),
    ("Raqqa", None, (35.9528, 39.0079), 5),
    ("Tabqa", None, (35.8345, 38.5466), 3),
    ("Al Hasakeh", None, (36.5024, 40.7477), 5),
    ("Al Soussa: al Boubadran", None, (34.5535, 40.9532), 2),
]


@pytest.mark.parametrize(("name", "admin1", "point", "km"), RESOLVES_TO, ids=[r[0] for r in RESOLVES_TO])
def test_spellings_resolve_to_the_place(gazetteer, name, admin1, point, km):
    r = gazetteer.resolve(name, admin1=admin1)
    assert r.resolved, (r.reason, [(c.place.name, c.score) for c in r])
    assert distance_km(r.place.point, point) <= km


def test_the_two_baghuz_villages_stay_apart(gazetteer):
    upper = gazetteer.resolve("Baghuz Fawqani").place
    lower = gazetteer.resolve("Baghuz Tahtani").place
    assert upper.id != lower.id and distance_km(upper.point, lower.point) > 3


def test_the_two_kashma_villages_are_ambiguous_without_context(gazetteer):
    r = gazetteer.resolve("al-Kashma", admin1="Deir ez-Zor")
    assert not r.resolved and r.reason == "ambiguous"
    twins = [c.place for c in r if c.place.name == "Al Kashmah"]
    assert len(twins) == 2 and distance_km(twins[0].point, twins[1].point) > 25


@pytest.mark.parametrize(("neighbour", "expected"), [((34.769, 40.649), (34.8113, 40.601)),  # al-Dweir
                                                     ((34.5337, 40.9582), (34.6211, 40.9375))])  # as-Susah
def test_context_picks_the_kashma_beside_the_other_places(gazetteer, neighbour, expected):
    r = gazetteer.resolve("al-Kashem", admin1="Deir ez-Zor", near=[neighbour])
    assert r.resolved and distance_km(r.place.point, expected) < 2


def test_a_name_no_source_has_is_unresolved_with_candidates(gazetteer):
    r = gazetteer.resolve("al-Shweit", admin1="Deir ez-Zor")
    assert not r.resolved and r.place is None and r.precision is None
    assert r.reason in {"low score", "ambiguous", "no candidate"}


@pytest.mark.parametrize(("query", "precision"), [
    ("Hajin", Precision.EXACT), ("near Hajin", Precision.NEAR), ("outskirts of Hajin", Precision.NEAR),
    ("Hajin countryside", Precision.NEAR), ("Deir ez-Zor Governorate", Precision.GOVERNORATE),
    ("Deir Ezzor countryside", Precision.GOVERNORATE), ("Abu Kamal district", Precision.DISTRICT),
    ("Syria", Precision.COUNTRY),
])
def test_precision_follows_the_words(gazetteer, query, precision):
    r = gazetteer.resolve(query)
    assert r.resolved and r.precision is precision


@pytest.mark.parametrize("hint", ["Deir ez Zor Governorate", "Dayr az Zawr", "Deir Ezzor", "دير الزور", "SY09"])
def test_governorate_hints_in_any_spelling(gazetteer, hint):
    assert gazetteer.admin1_codes(hint) == {"SY09"}


@pytest.mark.parametrize(("hint", "code"), [("Al Hasakeh", "SY08"), ("Ar Raqqa", "SY11"), ("Anbar", "IQ-AN")])
def test_other_governorate_hints(gazetteer, hint, code):
    assert gazetteer.admin1_codes(hint) == {code}


def test_governorate_hint_turns_the_ranking(gazetteer):
    # Two places called Sha'fa(h) in Deir ez-Zor and others elsewhere: a hint for another governorate demotes them.
    r = gazetteer.resolve("Ash Sha`fah", admin1="Deir ez-Zor")
    assert r.place.admin1 == "SY09"
    assert all(c.score < r.best.score for c in r.runners_up if c.place.admin1 != "SY09")


def test_candidates_are_ranked_and_limited(gazetteer):
    r = gazetteer.resolve("Deir ez-Zor", limit=3)
    assert len(r) == 3
    assert [c.score for c in r] == sorted((c.score for c in r), reverse=True)
    assert {c.place.type for c in r} >= {"locality", "governorate"}


def test_same_input_gives_the_same_order(gazetteer):
    a = [c.place.id for c in gazetteer.resolve("Ad Duwayr", limit=10)]
    b = [c.place.id for c in gazetteer.resolve("Ad Duwayr", limit=10)]
    assert a == b


def test_syria_preferred_over_iraq_for_a_shared_name():
    g = Gazetteer.from_places([
        Place(id="iq", name="Al Hamdaniyah", lat=36.27, lon=43.37, country="IQ", names=("Al Hamdaniyah",)),
        Place(id="sy", name="Al Hamdaniyah", lat=36.19, lon=37.12, country="SY", names=("Al Hamdaniyah",)),
    ])
    r = g.resolve("Hamdaniyah")
    assert r.best.place.id == "sy"


@pytest.mark.parametrize("bad", [None, 3, b"Hajin"])
def test_non_text_queries_are_refused(gazetteer, bad):
    with pytest.raises(InvalidQuery):
        gazetteer.resolve(bad)


@pytest.mark.parametrize("near", ["34,40", (91, 40), (34, float("nan"))])
def test_bad_near_points_are_refused(gazetteer, near):
    with pytest.raises(ValueError):
        gazetteer.resolve("Hajin", near=near)


@pytest.mark.parametrize("query", ["", "   ", "---", "x" * 5000, "<script>alert(1)</script>", "🙂"])
def test_hostile_queries_are_answered_not_raised(gazetteer, query):
    r = gazetteer.resolve(query)
    assert not r.resolved or r.place is not None


def test_a_place_listing_no_alternate_names_is_found_by_its_name():
    g = Gazetteer.from_places([Place(id="t:1", name="Hamra", lat=34.7, lon=40.8)])
    assert g.resolve("Hamra").place.id == "t:1"
    assert g.resolve("al-Hamra").best.place.id == "t:1"


def test_remembered_answers_are_the_same_answers(gazetteer):
    first = gazetteer.resolve("al-Kashem", admin1="Deir ez-Zor", near=[(34.769, 40.649)])
    again = gazetteer.resolve("al-Kashem", admin1="Deir ez-Zor", near=[(34.769, 40.649)])
    other_context = gazetteer.resolve("al-Kashem", admin1="Deir ez-Zor", near=[(34.5337, 40.9582)])
    assert again == first and other_context.place.id != first.place.id
    gazetteer.clear_cache()
    assert gazetteer.resolve("al-Kashem", admin1="Deir ez-Zor", near=[(34.769, 40.649)]) == first


@pytest.mark.parametrize(("name", "expected_id"), [("Daraa", "wof:421197257"), ("درعا", "wof:421197257")])
def test_the_town_an_admin_unit_is_named_after_beats_a_village_namesake(gazetteer, name, expected_id):
    r = gazetteer.resolve(name)
    assert r.resolved and r.place.id == expected_id


@pytest.mark.parametrize(("name", "hint"), [("Quneitra", "Raqqa"), ("Hama", "Idlib"), ("Medaya", "Aleppo")])
def test_a_name_outside_a_given_governorate_is_not_answered_without_context(gazetteer, name, hint):
    r = gazetteer.resolve(name, admin1=hint)
    assert not r.resolved and r.reason == "outside the hinted governorate"
    assert gazetteer.resolve(name, prefer_admin1=hint).resolved  # a preference does not filter


def test_an_answer_outside_a_given_governorate_needs_places_beside_it_and_says_so(gazetteer):
    r = gazetteer.resolve("Hama", admin1="Idlib", near=[(35.14, 36.75)])
    assert r.resolved and r.place.admin1 == "SY05" and "outside the hinted governorate" in r.note
