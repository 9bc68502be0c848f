"""Spotting place names: what is a place (known or marked by the text), what is not, the phrase as written."""

import pytest

from gazetteer import Gazetteer, Place
from incidents.extraction.places import mention, spot, vocabulary

#: A small gazetteer whose names collide with English words, people, outlets and organisations on purpose.
GAZ = Gazetteer.from_places([
    Place(id="t:hajin", name="Hajin", lat=34.69, lon=40.83, admin1="SY09", names=("Hajin",)),
    Place(id="t:dez", name="Deir ez-Zor", lat=35.33, lon=40.14, admin1="SY09",
          names=("Deir ez-Zor", "Deir Ezzor", "Der-Ezzor", "Deir ezzor")),
    Place(id="t:dezg", name="Deir ez-Zor", lat=35.2, lon=40.29, type="governorate", admin1="SY09",
          names=("Deir ez-Zor", "Deir Ezzor")),
    Place(id="t:may", name="Al Mayadin", lat=35.02, lon=40.45, admin1="SY09", names=("Al Mayadin", "Mayadeen")),
    Place(id="t:alep", name="Aleppo", lat=36.2, lon=37.16, admin1="SY02", population=1_600_000,
          names=("Aleppo",)),
    Place(id="t:sy", name="Syria", lat=35.0, lon=38.5, type="country", names=("Syria",)),
    Place(id="t:bab", name="al-Bab", lat=36.37, lon=37.52, admin1="SY02", names=("al-Bab", "Bab")),
    Place(id="t:nayrab", name="An Nayrab", lat=36.18, lon=37.22, admin1="SY02", names=("Nayrab",)),
    Place(id="t:harim", name="Harim", lat=36.21, lon=36.52, admin1="SY07", names=("Harim", "Harem")),
    Place(id="t:mare", name="Mari`", lat=36.48, lon=37.19, admin1="SY02", names=("Mare",)),
    # villages whose names an article uses for other things
    *(Place(id=f"t:{n.lower()}", name=n, lat=35.5, lon=38.0 + k / 100, admin1="SY08", names=(n,))
      for k, n in enumerate(("Ten", "Sat", "Tue", "Attack", "Rami", "Assad", "Bashar", "Wasl", "Zaman", "Qaeda",
                             "Khattab", "Russia", "Sheikh", "Saeed", "Islam", "Media", "Hazm", "Insurgent"))),
])


def spotted(text):
    return [(s.text, s.known) for s in spot(GAZ, text)]


@pytest.mark.parametrize("text, expected", [
    ("Airstrikes hit Hajin on Tuesday.", [("Hajin", True)]),
    # a lower-case second word, a glued run, a possessive without its apostrophe
    ("Shells fell on Deir ezzor city.", [("Deir ezzor", True)]),
    ("Clashes in Syria Der-Ezzor countryside.", [("Syria", True), ("Der-Ezzor", True)]),
    ("Strikes on Syrias Aleppo.", [("Syria", True), ("Aleppo", True)]),
    # names the gazetteer lacks, marked as places by a feature word: kept, unknown
    ("The strike hit the village of Abu Hamam at dawn.", [("Abu Hamam", False)]),
    ("Shells fell on Tayyana village.", [("Tayyana", False)]),
    # ... or by an apposition
    ("The attack occurred in Qaboun a district in the east of the city.", [("Qaboun", False)]),
    ("The attack occurred in Qaboun, a district in the east.", [("Qaboun", False)]),
    ("The attack was condemned by Qaboun, a man of peace.", []),
    ("Fighting raged in the al-Jurdi region.", [("al-Jurdi", False)]),
    ("A barrel bomb hit the Bab al-Nayrab neighbourhood.", [("Bab al-Nayrab", False)]),
    ("fighting in the neighborhoods of Sheikh Saeed and Shurfa", [("Sheikh Saeed", False), ("Shurfa", False)]),
    ("Another 40 died in Aleppos Qaryat al-Ansari village.", [("Aleppo", True), ("Qaryat al-Ansari", False)]),
    ("Strikes on al-Kashem, al-Shweit and Hajin.", [("al-Kashem", False), ("al-Shweit", False), ("Hajin", True)]),
    # a name with the Arabic article after "in", "near", "at"
    ("The blast took place in al-Mashi which is near Hajin.", [("al-Mashi", False), ("Hajin", True)]),
    ("The blast hit al-Mashi.", []),
    # a region a direction opens, which the gazetteer lacks
    ("Regime shelling of the rebel-held Eastern Ghouta went on.", [("Eastern Ghouta", False)]),
    ("Regime bombs landed on eastern Ghouta.", [("eastern Ghouta", False)]),
    ("Jets struck in Northern Syria.", [("Syria", True)]),
    ("Jets struck in eastern Aleppo.", [("Aleppo", True)]),
    # an English word that is a town where the text makes it one
    ("Rebels advanced in Harem on Monday.", [("Harem", True)]),
    ("Shells hit the town of Mare.", [("Mare", True)]),
])
def test_spotted(text, expected):
    assert spotted(text) == expected


@pytest.mark.parametrize("text", [
    # outlets and organisations holding a place name, or a word a village is called
    "Deir Ezzor 24 reported the strike.",
    "Zaman al Wasl said five people died.",
    "Deir Ezzor Radio said five people died.",
    "The Aleppo Media Center said five people died.",
    "Jaish al-Islam fighters shelled the road.",
    "Jeish al-Islams positions were hit.",
    "The Western-backed Hazm movement joined the alliance.",
    "The Southern Front said so.",
    "Insurgent-held districts were shelled.",
    "Fighters of Al-Qaedas local affiliate attacked.",
    # people, and what is named after them
    "The Assad regime denied it.",
    "President Bashar al-Assad said nothing.",
    "Rami Abdel Rahman said the toll would rise.",
    "A shell hit the Omar bin al-Khattab mosque.",
    # weekday, month and number words, and English words opening a sentence or a title
    "Tue 12 Jan 2016 Ten people died.",
    "Sat Apr 16 2017 the toll rose.",
    "Attack kills five civilians.",
    # acronyms and possessives of outlets
    "A source told SANAs correspondent.",
    "IDA members said so.",
])
def test_not_spotted(text):
    assert spotted(text) == []


@pytest.mark.parametrize("text, name, phrase, near, province", [
    ("killed in a village south of Mayadeen on Friday", "Mayadeen", "a village south of Mayadeen", True, False),
    ("shelling in Deir Ezzor province", "Deir Ezzor", "Deir Ezzor province", False, True),
    ("shelling in the province of Deir Ezzor", "Deir Ezzor", "the province of Deir Ezzor", False, True),
    ("clashes in the Hajin eastern countryside", "Hajin", "Hajin eastern countryside", True, False),
    ("clashes near Hajin", "Hajin", "near Hajin", True, False),
    ("a raid 10 km east of Hajin", "Hajin", "10 km east of Hajin", True, False),
    ("the strike hit the village of Hajin", "Hajin", "the village of Hajin", False, False),
    ("the strike hit Hajin", "Hajin", "Hajin", False, False),
])
def test_phrase_as_written(text, name, phrase, near, province):
    (s,) = spot(GAZ, text)
    assert (s.text, s.phrase, s.near, s.province) == (name, phrase, near, province)


@pytest.mark.parametrize("text, phrase, query", [
    ("ISIL armed groups battle in Rural Hajin, 13 killed", "Rural Hajin", "Hajin countryside"),
    ("clashes in rural Hajin killed five", "rural Hajin", "Hajin countryside"),
    ("clashes in Hajin countryside killed five", "Hajin countryside", "Hajin countryside"),
    ("clashes in Hajin killed five", "Hajin", "Hajin"),  # no countryside without the word
    ("a rural road near Hajin", "a rural road near Hajin", "near Hajin"),  # "rural" not right before the name
])
def test_rural_before_a_name_is_its_countryside(text, phrase, query):
    (s,) = spot(GAZ, text)
    assert (s.phrase, s.query) == (phrase, query)


def test_spans_index_the_text_with_an_offset():
    text = "x" * 7 + "Strikes hit the village of Hajin."
    (s,) = spot(GAZ, text[7:], offset=7)
    assert text[s.start:s.end] == "Hajin"


def test_mention_keeps_the_phrase_and_resolves_near():
    (s,) = spot(GAZ, "a village south of Mayadeen")
    m = mention(GAZ, s, admin1=None, near=())
    assert (m.name, m.precision, m.phrase) == ("Al Mayadin", "near", "a village south of Mayadeen")


def test_an_unknown_marked_name_is_an_unresolved_mention():
    (s,) = spot(GAZ, "Shells fell on Tayyana village.")
    m = mention(GAZ, s, admin1=None, near=())
    assert (m.text, m.resolved, m.phrase) == ("Tayyana", False, "Tayyana village")


@pytest.mark.parametrize("name", ["spotting_not_places", "spotting_english_words", "spotting_english_names",
                                  "spotting_organisations", "spotting_organisation_words", "spotting_people",
                                  "places_feature_words", "places_name_heads", "places_new_event",
                                  "places_event_words"])
def test_vocabularies_are_data(name):
    words = vocabulary(name)
    assert words and all(w == w.strip().lower() and not w.startswith("#") for w in words)


def test_hostile_text_is_read_in_bounded_time():
    text = ("Al-Aaa Bbb Ccc Ddd " * 5000) + ("the village of " * 2000) + "Hajin"
    found = spot(GAZ, text)
    assert found[-1].text == "Hajin"
