"""The place of each claim decided at the level of the article, the date from the title, captions and links left
out, documents that are not English."""

import datetime as dt

import pytest

from gazetteer import Gazetteer, Place
from incidents.extraction import extract_accounts
from incidents.extraction.pipeline import Claim, distinct, skipped_reason
from incidents.model import Account, Document

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


# ---------------------------------------------------------------- the date of each claim

PUB = dt.date(2019, 2, 12)  # a Tuesday


def dates(body, **kw):
    """(killed, date_min, date_max, precision) of each account."""
    return [(a.killed_min, a.date_min, a.date_max, a.date_precision) for a in extract_accounts(GAZ, doc(body, **kw))]


@pytest.mark.parametrize("body, expected", [
    # its own day
    ("At least 12 people were killed in Hajin on Monday.", [(12, dt.date(2019, 2, 11), dt.date(2019, 2, 11), "day")]),
    # no event day: the publication date bounds it
    ("At least 12 people were killed in Hajin.", [(12, None, PUB, "before")]),
    # the day a source spoke is no event day
    ("At least 12 people were killed in Hajin SANA said on Monday.", [(12, None, PUB, "before")]),
    ("Jets struck Hajin on Sunday. SANA said on Monday that an air strike killed 12 people.",
     [(12, None, PUB, "before")]),
    # ... but a claim a source made of "the attack" reported before takes that attack's day
    ("Jets struck Hajin on Sunday. SANA said on Monday that 12 people were killed in the attack.",
     [(12, dt.date(2019, 2, 10), dt.date(2019, 2, 10), "day")]),
    # a dateline is no event day
    ("Tuesday 12 Feb 2019 At least 12 people were killed in Hajin.", [(12, None, PUB, "before")]),
    # the day of the event the claim continues
    ("Airstrikes hit Hajin on Monday. At least 12 people were killed.",
     [(12, dt.date(2019, 2, 11), dt.date(2019, 2, 11), "day")]),
    # the next sentence dates "the explosion"
    ("At least 12 people were killed in a car bomb explosion in Hajin. The explosion took place near a mosque on "
     "Sunday.", [(12, dt.date(2019, 2, 10), dt.date(2019, 2, 10), "day")]),
    # the next sentence names the event by its day, anywhere in it
    ("At least 12 people were killed in an attack on Hajin a monitor said on Tuesday. \"Our men held the hill\" "
     "a commander said after Sundays assault.", [(12, dt.date(2019, 2, 10), dt.date(2019, 2, 10), "day")]),
    # one more of a list takes the day of the claim before it, however far
    ("At least 12 people were killed in Hajin on Sunday. The strikes hit a market. Residents fled. Shops closed. "
     "Rescue teams worked all night. Another five people were killed in al-Souseh.",
     [(12, dt.date(2019, 2, 10), dt.date(2019, 2, 10), "day"), (5, dt.date(2019, 2, 10), dt.date(2019, 2, 10), "day")]),
    # ... but an event in another governorate is another event
    ("At least 12 people were killed in Hajin on Sunday. Nine people were killed in Saraqib.",
     [(12, dt.date(2019, 2, 10), dt.date(2019, 2, 10), "day"), (9, None, PUB, "before")]),
    # overnight and spans of hours: the days they touch
    ("At least 12 people were killed in Hajin in 24 hours of fighting.", [(12, dt.date(2019, 2, 11), PUB, "days")]),
])
def test_date_of_each_claim(body, expected):
    assert dates(body) == expected


@pytest.mark.parametrize("body, kept", [
    # background: a month, a year or days before the week of publication
    ("In May 2018 more than 300 people were killed in Hajin. At least 12 were killed in Hajin on Monday.", [12]),
    ("At least 12 people were killed in Hajin on Monday. Hundreds of civilians died in a gas attack in Hajin in "
     "August 2013.", [12]),
    # war-wide and multi-week tallies, multi-day totals that are not the lead claim
    ("At least 12 people were killed in Hajin on Monday. More than 300000 people have been killed since the "
     "conflict began.", [12]),
    ("At least 12 people were killed in Hajin on Monday. The war has killed more than 200000 people.", [12]),
    ("At least 12 people were killed in Hajin on Monday. Since Saturday at least 68 civilians have been killed in "
     "Hajin.", [12]),
    ("At least 12 people were killed in Hajin on Monday. At least 86 soldiers were killed in the past four days.",
     [12]),
    ("At least 12 people were killed in Hajin on Monday. The conflict which has lasted five years has killed more "
     "than 280000 people.", [12]),
    ("At least 12 people were killed in Hajin on Monday. Cross-border fire has claimed 21 lives in Hajin this year.",
     [12]),
    ("At least 12 people were killed in Hajin on Monday. Air raids kill thousands.", [12]),
    # a toll without day or place right after a tally continues it; one with a place is a claim
    ("At least 12 people were killed in Hajin on Monday. The Observatory has documented the killing of 5812 "
     "civilians over the past year. Meanwhile rebel fire on regime-held areas killed 1102 people.", [12]),
    ("At least 12 people were killed in Hajin on Monday. More than 300000 people have been killed since the "
     "conflict began. Five people were killed in Saraqib.", [12, 5]),
    # a war's toll (every figure 10,000 or more) is no claim, even as the lead; a large toll beside it is one
    ("The fighting has killed more than 95000 people and wounded at least 120000. At least 12 people were killed in "
     "Hajin on Monday.", [12]),
    ("Rebels said 40000 soldiers have died in the uprising. Five people were killed in Saraqib on Monday.", [5]),
    ("At least 1300 people were killed in the gas attack on eastern Ghouta on Wednesday.", [1300]),
    # ... kept as the lead claim, and a toll since dawn is the day's
    ("Since Saturday at least 68 civilians have been killed in Hajin. At least 12 died on Monday.", [68, 12]),
    ("At least 12 people were killed in Hajin on Monday. 21 others died in strikes on the town since dawn.", [12, 21]),
])
def test_background_and_tallies_give_no_account(body, kept):
    assert [a.killed_min for a in extract_accounts(GAZ, doc(body))] == kept


@pytest.mark.parametrize("body, expected", [
    # a vague toll going on from the claim before it: the same event's injured
    ("At least five civilians were killed in strikes on Hajin on Sunday. Dozens were injured when helicopters "
     "targeted the residential area.", [(5, 24)]),
    # alone, without place or date: a statement, no claim
    ("Dozens were injured when helicopters targeted the residential area.", []),
    # after a claim but with a habit word: still no claim
    ("At least five civilians were killed in strikes on Hajin on Sunday. Dozens are injured every week in such "
     "raids.", [(5, None)]),
    # after a claim of another paragraph: no claim
    ("At least five civilians were killed in strikes on Hajin on Sunday.\n\nDozens were injured when helicopters "
     "targeted the residential area.", [(5, None)]),
])
def test_a_vague_toll_continuing_a_claim_is_read(body, expected):
    assert [(a.killed_min, a.injured_min) for a in extract_accounts(GAZ, doc(body))] == expected


# ---------------------------------------------------------------- one claim, one account

@pytest.mark.parametrize("body, title, expected", [
    # the title's copy glued to the dateline and the lead: the lead's claim
    ("Monday 11 Feb 2019 Strike kills 12 in Hajin AFP At least 12 people were killed in Hajin on Monday SOHR said.",
     "Strike kills 12 in Hajin", [(12, None, "SOHR")]),
    # ... a headline adding a figure the body lacks is a claim of its own
    ("12 dead dozens wounded in Hajin AFP Airstrikes killed 12 people in Hajin.", "12 dead dozens wounded in Hajin",
     [(12, 24, "AFP")]),
    # a lead repeating a credited claim
    ("At least 12 people were killed in Hajin on Monday. SOHR said 12 people were killed in Hajin.", "A report",
     [(12, None, "SOHR")]),
    # the same sentence twice
    ("At least 12 people were killed in Hajin SOHR said. At least 12 people were killed in Hajin SOHR said.",
     "A report", [(12, None, "SOHR")]),
    # two sources giving the same figure: two claims
    ("SANA said 12 people were killed in Hajin. SOHR said 12 people were killed in Hajin.", "A report",
     [(12, None, "SANA"), (12, None, "SOHR")]),
    # the same toll in two villages: two claims
    ("SOHR said strikes killed 7 people in Hajin. Another 7 people were killed in al-Souseh.", "A report",
     [(7, None, "SOHR"), (7, None, "SOHR")]),
    # killed and injured lumped together, then stated apart
    ("On Monday rockets killed and injured five civilians in Hajin. A source told SANA that the rockets killed two "
     "people and injured three in Hajin.", "A report", [(2, 3, "a source via SANA")]),
    # an injured figure of the same event in the next sentence joins the claim
    ("A car bomb killed at least 34 people in Hajin SANA reported. More than 50 people were wounded in the attack.",
     "A report", [(34, 51, "SANA")]),
    # ... not one of another event
    ("A car bomb killed at least 34 people in Hajin SANA reported. In another incident 50 people were wounded in "
     "Saraqib.", "A report", [(34, None, "SANA"), (None, 50, "AFP")]),
    # a headline's total of the body's tolls
    ("Strikes kill 20 in Hajin and Saraqib SANA Twelve people were killed in Hajin. Eight people were killed in "
     "Saraqib.", "Strikes kill 20 in Hajin and Saraqib", [(12, None, "AFP"), (8, None, "AFP")]),
    # an uncredited lead rounding a credited toll
    ("Nearly 30 fighters were killed in Hajin. SOHR said soldiers killed 29 fighters in Hajin.", "A report",
     [(29, None, "SOHR")]),
    # a part of a toll said again
    ("Eleven children were killed in Hajin a monitor said. Fifteen civilians among them 11 children were killed in "
     "Hajin SOHR said.", "A report", [(15, None, "SOHR")]),
    ("US air strikes killed 50 militants and eight civilians in Hajin SOHR said. Most of the 50 militants killed "
     "were foreigners the monitor said.", "A report", [(58, None, "SOHR")]),
    # a source's vague words for what it counts; an outlet's own vague words are its claim
    ("Fighting in Hajin left dozens dead SOHR said. SOHR said at least 35 fighters were killed in Hajin.",
     "A report", [(35, None, "SOHR")]),
    ("Strikes on Hajin killed dozens of people. SOHR said at least 35 people were killed in Hajin.", "A report",
     [(24, None, "AFP"), (35, None, "SOHR")]),
])
def test_one_claim_one_account(body, title, expected):
    """(killed_min, injured_min, claimed_by) of each account."""
    text = f"{title}\n\n{body}"
    d = Document(text=text, file="t.txt", title=title, body_start=len(title) + 2, published=PUB, outlet="AFP")
    assert [(a.killed_min, a.injured_min, a.claimed_by) for a in extract_accounts(GAZ, d)] == expected


def _claim(claimed_by, sentence, **figures):
    account = Account(document_id="d", file="t.txt", article=0, quote="q", start=sentence, end=sentence + 1,
                      claimed_by=claimed_by, outlet="AFP", **figures)
    return Claim(account, (), 0, sentence)


@pytest.mark.parametrize("claims, kept", [
    # an uncredited repeat goes, the credited claim stays
    ([_claim("AFP", 0, killed_min=12), _claim("SOHR", 1, killed_min=12, killed_max=12)], [("SOHR", 12, None)]),
    # ... unless it gives a kind of figure the credited claim lacks
    ([_claim("AFP", 0, killed_min=12, injured_min=24), _claim("SOHR", 1, killed_min=12, killed_max=12)],
     [("AFP", 12, 24), ("SOHR", 12, None)]),
    # a repeat giving less goes whoever credits it
    ([_claim("SOHR", 0, killed_min=12, injured_min=24), _claim("SOHR", 1, killed_min=12)], [("SOHR", 12, 24)]),
    # figures that disagree are two claims
    ([_claim("AFP", 0, killed_min=12), _claim("SOHR", 1, killed_min=13)], [("AFP", 12, None), ("SOHR", 13, None)]),
])
def test_distinct(claims, kept):
    assert [(c.account.claimed_by, c.account.killed_min, c.account.injured_min) for c in distinct(claims)] == kept


@pytest.mark.parametrize("body", [
    "Jets destroyed dozens of houses and buildings though no rebel groups were stationed in Hajin.",
    "Jets destroyed dozens of houses although no rebel groups were there.",
])
def test_things_destroyed_are_no_toll(body):
    assert extract_accounts(GAZ, doc(body)) == []


def test_strikes_near_a_town_take_the_villages_a_later_sentence_names():
    assert places("Airstrikes hit the area near Mayadeen on Friday. SANA said 30 people were killed. The strikes "
                  "targeted the village of Thiban.") == [
        (30, [("Thiban", "other sentence"), ("Mayadeen", "other sentence")])]
