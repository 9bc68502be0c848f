"""The review queue on both backends: each kind, counts from SQL, pages; and a place correction that teaches the
next article's spelling."""

import pytest

from gazetteer import Gazetteer
from incidents.corrections import correct
from incidents.ingest import ingest
from incidents.model import PlaceMention
from incidents.review import (KIND_LABELS, KINDS, ReviewItem, account_kinds, area_reach, queue_counts,
                              review_queue)
from incidents.store import Store
from tests.incidents.factories import GOVERNORATE, HAJIN, SUSAH, account, document
from tests.incidents.store_backends import postgres_database, store, target  # noqa: F401

AMBIGUOUS = PlaceMention("Hajeen", 40, 46, runners_up=("Hajin (p:hajin, 0.70)", "Hajjin (p:h2, 0.60)"))
UNKNOWN = PlaceMention("Kharbet Zaytouneh", 40, 57, runners_up=("Khirbat Zaynab (p:kz, 0.44)",))
SURE = PlaceMention("Hajin", 0, 5, name="Hajin", place_id="p:hajin", lat=34.6927, lon=40.827, precision="exact",
                    confidence=0.97)
UNSURE = PlaceMention("Hajin", 0, 5, name="Hajin", place_id="p:hajin", lat=34.6927, lon=40.827, precision="exact",
                      confidence=0.78)
FAR = "coordinates 41 km from Hajin (gazetteer)"

KIND_TABLE = [
    (dict(places=(SURE,), day="2018-11-17"), []),
    (dict(places=(), day="2018-11-17"), ["unresolved_place"]),
    (dict(places=(UNKNOWN,), day="2018-11-17"), ["unresolved_place"]),
    (dict(places=(UNKNOWN, GOVERNORATE), day="2018-11-17"), ["unresolved_place"]),  # only the governorate placed
    (dict(places=(UNKNOWN, SURE), day="2018-11-17"), []),  # placed exactly by another name
    (dict(places=(AMBIGUOUS,), day="2018-11-17"), ["ambiguous_place"]),
    (dict(places=(UNSURE,), day="2018-11-17"), ["low_confidence"]),
    (dict(places=(SURE,)), ["undated"]),
    (dict(places=(SURE,), day="2018-11-17", details=(FAR,)), ["imported_far"]),
    (dict(places=(), details=(FAR,)), ["unresolved_place", "undated", "imported_far"]),
]


@pytest.mark.parametrize(("given", "kinds"), KIND_TABLE)
def test_which_queue_an_account_is_in(given, kinds):
    assert account_kinds(account(**given)) == kinds


def test_an_item_checks_its_kind_and_says_it_in_words():
    with pytest.raises(ValueError, match="kind"):
        ReviewItem("odd", None, None, None, None, "", "", "")
    item = ReviewItem("undated", "a", "I1", "d", (0, 5), "s", "t", "why")
    assert item.to_json()["label"] == "Date unknown" and set(KIND_LABELS) == set(KINDS)


@pytest.fixture
def filled(store):
    """The issue's Hajin pair (one article, SANA's place unresolved), an undated claim, a doubtful place."""
    doc = document(text="T\n\nSOHR said 17 died in Hajin. SANA said 25 died in Hajeen.", file="a.txt", title="Hajin")
    other = document(text="U\n\nLocals said 3 died in al-Souseh.", file="b.txt")
    third = document(text="V\n\nA monitor said 5 died in Hajin.", file="c.txt")
    sohr = account(doc.id, start=0, claimed_by="SOHR", places=(SURE,), day="2018-11-17", killed=(17, 17))
    sana = account(doc.id, start=30, claimed_by="SANA", places=(AMBIGUOUS,), day="2018-11-17", killed=(25, 25))
    local = account(other.id, start=0, claimed_by="Locals", places=(SUSAH,), killed=(3, 3))
    unsure = account(third.id, start=0, claimed_by="Monitor", places=(UNSURE,), day="2018-12-01", killed=(5, 5))
    with store.transaction():
        store.add_document(doc, [sohr, sana])
        store.add_document(other, [local])
        store.add_document(third, [unsure])
        store.recluster()
    return store, sohr, sana, local


def test_counts_and_items_of_every_kind(filled):
    store, sohr, sana, local = filled
    counts = queue_counts(store)
    assert list(counts) == list(KINDS)
    assert counts == {"unresolved_place": 0, "ambiguous_place": 1, "low_confidence": 2, "undated": 1,
                      "imported_far": 0, "possible_merge": 1}
    items = review_queue(store)
    assert [i.kind for i in items] == ["ambiguous_place", "low_confidence", "low_confidence", "undated",
                                       "possible_merge"]
    amb = items[0]
    assert (amb.account_id, amb.title, amb.span) == (sana.id, "Hajin", (40, 46))
    assert [c["place_id"] for c in amb.candidates] == ["p:hajin", "p:h2"] and "Hajeen" in amb.detail
    merge = items[-1]
    assert {merge.incident_id, merge.other_incident_id} == {
        store.corrected_accounts([x])[x][1] for x in (sohr.id, sana.id)}
    assert "SOHR" in merge.detail and "SANA" in merge.detail


def test_the_queue_pages(filled):
    store, *_ = filled
    every = review_queue(store)
    pages = [review_queue(store, limit=2, offset=k) for k in range(0, len(every), 2)]
    assert [i for page in pages for i in page] == every
    assert review_queue(store, kinds=["undated"]) == [i for i in every if i.kind == "undated"]
    with pytest.raises(ValueError, match="review kind"):
        review_queue(store, kinds=["nope"])


def test_a_split_settles_a_possible_merge(filled):
    store, sohr, sana, _ = filled
    correct(store, "split", author="R", reason="two strikes", account_id=sana.id, other_account_id=sohr.id)
    assert queue_counts(store)["possible_merge"] == 0


def test_a_place_correction_teaches_the_next_article(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Strike kills 12\n\nDEIR EZ-ZOR, March 3, 2018 — Twelve civilians were killed on Saturday in an "
                     "airstrike on the village of Kharbet Zaytouneh in Deir ez-Zor province, the Syrian Observatory "
                     "for Human Rights said.\n", encoding="utf-8")
    second.write_text("Second strike\n\nDEIR EZ-ZOR, March 9, 2018 — Four civilians were killed on Friday when shells "
                      "hit the village of Kharbet Zaytouneh in Deir ez-Zor province, SANA said.\n", encoding="utf-8")
    gaz = Gazetteer.load()
    with Store(tmp_path / "s.sqlite") as store:
        ingest([first], store, gaz)
        (item,) = review_queue(store)
        assert item.kind == "unresolved_place" and "Kharbet Zaytouneh" in item.detail
        c = correct(store, "place", author="Rana", reason="the village on the survey map",
                    account_id=item.account_id, place_name="Kharbet Zaytouneh", lat=35.05, lon=40.30)
        assert c.settled == 1 and queue_counts(store)["unresolved_place"] == 0
        ingest([second], store, gaz.with_user_layer(store.user_layer()))
        (sana,) = [a for a in store.accounts() if a.claimed_by == "SANA"]
        (m,) = [m for m in sana.places if m.text == "Kharbet Zaytouneh"]
        assert (m.name, m.lat, m.lon) == ("Kharbet Zaytouneh", 35.05, 40.30)  # resolved without help
        assert queue_counts(store)["unresolved_place"] == 0


# -- an account placed only to an area, and an incident within its reach --------------------------------------------

SYRIA = PlaceMention("eastern Syria", 30, 43, name="Syria", place_id="p:sy", lat=35.0, lon=38.5, precision="country")
RAQQA = PlaceMention("Raqqa countryside", 30, 47, name="Raqqa", place_id="p:raqqa", lat=36.02, lon=38.92,
                     precision="governorate", admin1="SY11")


@pytest.mark.parametrize(("precisions", "reach"), [
    (["country"], 450.0), (["governorate"], 150.0), (["country", "governorate"], 150.0), (["district"], 40.0),
    (["exact"], None), (["governorate", "near"], None), ([], None), ([None], None),
])
def test_how_far_an_area_reaches(precisions, reach):
    assert area_reach(precisions) == reach


AREA_PAIRS = [  # SANA's place, SANA's day, the claimant, possibly one incident with SOHR's 17 in Hajin on 2018-10-03
    (SYRIA, "2018-10-03", "SANA", True),  # "a town in eastern Syria", the same day
    (GOVERNORATE, "2018-10-03", "SANA", True),  # "in the province", the same day
    (SYRIA, "2018-10-09", "SANA", False),  # another day
    (SYRIA, "2018-10-03", "SOHR", False),  # the same claimant: its own two claims
    (RAQQA, "2018-10-03", "SANA", False),  # a governorate whose reach stops short of Hajin (190 km)
]


@pytest.mark.parametrize(("place", "day", "who", "offered"), AREA_PAIRS)
@pytest.mark.parametrize("sana_first", [True, False], ids=["area-first", "village-first"])
def test_an_account_placed_only_to_an_area_may_be_an_incident_within_its_reach(store, place, day, who, offered,
                                                                                 sana_first):
    first, second = document(file="sohr.txt"), document(text="T\n\nSANA said 25 died in eastern Syria.", file="s.txt")
    sohr = account(first.id, claimed_by="SOHR", places=(SURE,), day="2018-10-03", killed=(17, 17))
    sana = account(second.id, claimed_by=who, places=(place,), day=day, killed=(25, 25))
    for doc, a in ([(second, sana), (first, sohr)] if sana_first else [(first, sohr), (second, sana)]):
        with store.transaction():  # two ingests, one after the other
            store.add_document(doc, [a])
            store.recluster()
    assert queue_counts(store)["possible_merge"] == int(offered)
    if offered:
        (item,) = review_queue(store, kinds=["possible_merge"])
        assert "placed only to a district, governorate or country" in item.detail
