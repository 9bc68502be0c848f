"""The place of each claim decided at the level of the article, the date from the title, captions and links left
out, documents that are not English."""

import datetime as dt

import pytest

from gazetteer import Gazetteer, Place
from incidents.extraction import extract_accounts
from incidents.extraction.pipeline import skipped_reason
from incidents.model import Document

GAZ = Gazetteer.from_places([
    Place(id="t:hajin", name="Hajin", lat=34.69, lon=40.83, admin1="SY09", names=("Hajin",)),
    Place(id="t:susah", name="As Susah", lat=34.53, lon=40.96, admin1="SY09", names=("As Susah", "al-Souseh")),
    Place(id="t:may", name="Al Mayadin", lat=35.02, lon=40.45, admin1="SY09", names=("Al Mayadin", "Mayadeen")),
    Place(id="t:thiban", name="Dhiban", lat=35.0, lon=40.51, admin1="SY09", names=("Dhiban", "Thiban")),
    Place(id="t:dezg", name="Deir ez-Zor", lat=35.2, lon=40.29, type="governorate", admin1="SY09",
          names=("Deir ez-Zor", "Deir Ezzor")),
    Place(id="t:idlibg", name="Idlib", lat=35.8, lon=36.6, type="governorate", admin1="SY07", names=("Idlib",)),
    Place(id="t:saraqib", name="Saraqib", lat=35.86, lon=36.8, admin1="SY07", names=("Saraqib", "Saraqeb")),
    Place(id="t:sy", name="Syria", lat=35.0, lon=38.5, type="country", names=("Syria",)),
    Place(id="t:ru", name="Ar Rusiyah", lat=35.5, lon=38.1, admin1="SY08", names=("Ar Rusiyah", "Russia")),
])


def doc(body, title="A report", published=dt.date(2019, 2, 12)):
    text = f"{title}\n\n{body}"
    return Document(text=text, file="t.txt", title=title, body_start=len(title) + 2, published=published)


def places(body, **kw):
    """(killed, [(mention text, why), ...]) for each account."""
    return [(a.killed_min, [(p.text, p.why) for p in a.places]) for a in extract_accounts(GAZ, doc(body, **kw))]


@pytest.mark.parametrize("body, expected", [
    # the claim's own village
    ("At least 12 civilians were killed in an airstrike on Hajin on Tuesday.", [(12, [("Hajin", "same sentence")])]),
    # the country in the claim, the village in the next sentence (an elaboration of the event)
    ("At least 12 civilians were killed in airstrikes in eastern Syria on Tuesday. The strikes hit the village of "
     "Hajin.", [(12, [("Hajin", "other sentence"), ("Syria", "same sentence")])]),
    # no place in the claim: the sentence before names it
    ("Airstrikes hit Hajin on Tuesday. State news agency SANA said 20 people were killed.",
     [(20, [("Hajin", "other sentence")])]),
    # the governorate in the claim, a village of that governorate beside it
    ("Airstrikes killed 9 people in Deir Ezzor province on Tuesday. The raids hit al-Souseh.",
     [(9, [("al-Souseh", "other sentence"), ("Deir Ezzor", "same sentence")])]),
    # ... but not a village of another governorate
    ("Airstrikes killed 9 people in Deir Ezzor province on Tuesday. The raids also hit Saraqib.",
     [(9, [("Deir Ezzor", "same sentence")])]),
    # a name the gazetteer lacks is taken inside the governorate only beside a place known to lie there
    ("Airstrikes killed 9 people in Deir Ezzor province on Tuesday. The raids also hit Tayyana village.",
     [(9, [("Deir Ezzor", "same sentence")])]),
    ("Airstrikes killed 9 people in Deir Ezzor province on Tuesday. The raids hit Tayyana village near Hajin.",
     [(9, [("Tayyana", "other sentence"), ("Hajin", "other sentence"), ("Deir Ezzor", "same sentence")])]),
    # "a village near X": the village named in the next sentence, close to X
    ("Five medics were killed when a strike hit a clinic in a village near Mayadeen. The clinic in the village of "
     "Thiban was levelled.", [(5, [("Thiban", "other sentence"), ("Mayadeen", "same sentence")])]),
    # ... not a village far from X
    ("Five medics were killed when a strike hit a clinic in a village near Mayadeen. The clinic in the village of "
     "Hajin was levelled.", [(5, [("Mayadeen", "same sentence")])]),
    # another event: its place is not the claim's
    ("At least 5 people were killed in Hajin on Monday. In another incident 7 people were killed on Tuesday.",
     [(5, [("Hajin", "same sentence")]), (7, [])]),
    # only the country named anywhere
    ("At least 12 people were killed in Syria on Tuesday.", [(12, [("Syria", "same sentence")])]),
    # a village the gazetteer lacks, marked by a feature word: kept unresolved, with a point from around it
    ("Shelling killed 4 people in Tayyana village in Deir Ezzor province.",
     [(4, [("Tayyana", "same sentence"), ("Deir Ezzor", "same sentence")])]),
    # a dictionary name the gazetteer makes only a village is no place
    ("Russia said 30 fighters were killed in Hajin.", [(30, [("Hajin", "same sentence")])]),
])
def test_place_of_each_claim(body, expected):
    assert places(body) == expected


def test_headline_when_the_body_names_no_place():
    assert places("At least 12 people were killed on Tuesday the monitor said.",
                  title="Strike kills 12 in Hajin") == [(12, [("Hajin", "headline")])]


def test_headline_before_the_country():
    assert places("At least 12 people were killed in Syria on Tuesday.", title="Strike kills 12 in Hajin") == [
        (12, [("Hajin", "headline"), ("Syria", "same sentence")])]


def test_dateline_when_nothing_else_names_a_place():
    assert places("HAJIN (Reuters) At least 12 people were killed on Tuesday.") == [(12, [("HAJIN", "dateline")])]


def test_the_phrase_as_written_is_kept():
    (a,) = extract_accounts(GAZ, doc("Strikes killed 6 people in a village south of Mayadeen."))
    assert [(p.text, p.phrase, p.precision) for p in a.places] == [("Mayadeen", "a village south of Mayadeen",
                                                                     "near")]


@pytest.mark.parametrize("body, expected", [
    # a caption closed by a picture credit is not a claim, and its place is nobody's
    ("Strikes hit the east. A man carries a child killed in Saraqib (File photo) At least 12 people were killed "
     "in Hajin on Tuesday.", [(12, [("Hajin", "same sentence")])]),
    ("At least 12 people were killed in Hajin on Tuesday. Read more: 40 killed in Saraqib market strike",
     [(12, [("Hajin", "same sentence")])]),
    # a list of keywords glued before the lead is the article's keywords, like the headline's
    ("Date of publication 5 October 2016 An air raid hit a village. Tags Hajin Syria At least 12 people were "
     "killed on Tuesday.",
     [(12, [("Hajin", "headline")])]),
])
def test_captions_links_and_keywords_are_not_the_article(body, expected):
    assert places(body) == expected


def test_date_from_the_title_when_the_body_gives_none():
    (a,) = extract_accounts(GAZ, doc("At least 12 people were killed in Hajin.",
                                     title="Strike kills 12 in Hajin on 10 February 2019"))
    assert (a.date_min, a.date_max) == (dt.date(2019, 2, 10), dt.date(2019, 2, 10))


ARABIC = "قتل 12 مدنيا في غارة جوية على بلدة هجين في ريف دير الزور الشرقي يوم الثلاثاء بحسب المرصد السوري"
FRENCH = ("Au moins douze civils ont été tués mardi dans une frappe aérienne sur la ville de Hajin, selon "
          "l'Observatoire syrien des droits de l'homme, qui dispose d'un réseau de sources dans le pays en guerre.")


@pytest.mark.parametrize("body, reason", [
    (ARABIC, "not English: Arabic text"),
    (FRENCH, "not English"),
    ("At least 12 civilians were killed in an airstrike on Hajin on Tuesday, the monitor said.", None),
    ("12 killed in Hajin.", None),  # too short to judge: read
])
def test_skipped_reason(body, reason):
    assert skipped_reason(doc(body)) == reason


def test_a_document_that_is_not_english_gives_no_accounts():
    assert extract_accounts(GAZ, doc(ARABIC)) == []


def test_ingest_names_the_documents_it_does_not_read(tmp_path):
    from incidents.ingest import ingest
    from incidents.store import Store

    (tmp_path / "ar.txt").write_text(f"عنوان\n\n{ARABIC}\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("Strike\n\nAt least 12 civilians were killed in an airstrike on Hajin.\n",
                                     encoding="utf-8")
    with Store(tmp_path / "s.sqlite") as store:
        report = ingest([tmp_path / "ar.txt", tmp_path / "en.txt"], store, GAZ)
    by_name = {f.path.rsplit("/", 1)[-1]: f for f in report.files}
    assert by_name["ar.txt"].skipped == ("article 0: not English: Arabic text",)
    assert by_name["en.txt"].skipped == () and by_name["en.txt"].accounts == 1
    assert report.skipped == 1 and "1 not read: not English" in report.summary()
