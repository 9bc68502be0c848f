"""Corrections on both backends: accepted and rejected ones, undo, history, survival of re-ingestion and
re-extraction, the export's flag and sidecar, and what a place correction teaches the next article."""

import csv
import datetime as dt

import pytest

from incidents.corrections import check_anchors, correct, corrections, history, settled_by, undo
from incidents.export import write_export
from incidents.model import PlaceMention
from incidents.reextract import reextract
from incidents.review import queue_counts
from tests.incidents.factories import SUSAH, account, document
from tests.incidents.store_backends import postgres_database, store, target  # noqa: F401

UNRESOLVED = PlaceMention("Hajeen", 40, 46, runners_up=("Hajin (p:hajin, 0.70)", "Hajjin (p:h2, 0.60)"))
HAJIN_AT = dict(place_id="p:hajin", place_name="Hajin", lat=34.6927, lon=40.827)


@pytest.fixture
def pair(store):
    """The issue's pair: SOHR 17 in Hajin and SANA 25 with its place unresolved, from one article; and an undated
    claim of another article."""
    doc = document(text="T\n\nSOHR said 17 died in Hajin. SANA said 25 died in Hajeen.", file="a.txt")
    other = document(text="U\n\nLocals said 3 died in al-Souseh.", file="b.txt")
    sohr = account(doc.id, start=0, claimed_by="SOHR", day="2018-11-17", killed=(17, 17))
    sana = account(doc.id, start=30, claimed_by="SANA", places=(UNRESOLVED,), day="2018-11-17", killed=(25, 25))
    local = account(other.id, start=0, claimed_by="Locals", places=(SUSAH,), killed=(3, 3))
    with store.transaction():
        store.add_document(doc, [sohr, sana])
        store.add_document(other, [local])
        store.recluster()
    return store, sohr, sana, local


def incident_of(store, account_id):
    return store.corrected_accounts([account_id])[account_id][1]


ACCEPTED = [
    ("place", "sana", HAJIN_AT, "place changed from unresolved “Hajeen” to Hajin by Rana"),
    ("date", "local", dict(date_min="2018-11-16", date_max="2018-11-18"),
     "date changed from date unknown to 2018-11-16 … 2018-11-18 by Rana"),
    ("figure", "sohr", dict(figure_field="killed", figure_min=27, figure_max=27),
     "figure changed from SOHR: 17 killed to SOHR: 27 killed by Rana"),
    ("not_casualty", "local", {}, "Locals: 3 killed marked not a casualty claim by Rana"),
    ("merge", "sohr", dict(other="sana"), "SOHR: 17 killed and SANA: 25 killed merged into one incident by Rana"),
]


@pytest.mark.parametrize(("kind", "who", "values", "said"), ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_accepted_corrections_are_applied_and_described(pair, kind, who, values, said):
    store, sohr, sana, local = pair
    accounts = {"sohr": sohr, "sana": sana, "local": local}
    values = dict(values)
    if "other" in values:
        values["other_account_id"] = accounts[values.pop("other")].id
    c = correct(store, kind, author="Rana", reason="read the article", account_id=accounts[who].id, **values)
    assert c.status == "applied" and c.describe().startswith(said) and c.describe().endswith("(read the article)")
    assert c.author == "Rana" and dt.date.fromisoformat(c.created_at[:10])
    assert [x.id for x in corrections(store)] == [c.id]


def test_what_a_correction_changes_is_what_the_incidents_say(pair):
    store, sohr, sana, local = pair
    correct(store, "figure", author="R", reason="misread", account_id=sohr.id, figure_field="killed", figure_min=27,
            figure_max=27)
    inc = store.incident(incident_of(store, sohr.id))
    (a,) = [x for x in inc.accounts if x.claimed_by == "SOHR"]
    assert (a.killed_min, inc.killed_max) == (27, 27) and a.quote == sohr.quote  # the quote stays
    correct(store, "date", author="R", reason="dateline", account_id=local.id, date_min="2018-11-16",
            date_max="2018-11-16")
    assert store.incident(incident_of(store, local.id)).date_min == dt.date(2018, 11, 16)
    correct(store, "place", author="R", reason="same town", account_id=sana.id, **HAJIN_AT)
    assert incident_of(store, sana.id) == incident_of(store, sohr.id)  # now at one place, one day: one incident
    (row,) = [r for r in store.incident_rows() if r["id"] == incident_of(store, sohr.id)]
    assert row["disputed"] and row["accounts"] == 2


REJECTED = [
    (dict(kind="rename"), ValueError, "kind must be one of"),
    (dict(author=" "), ValueError, "author"),
    (dict(reason=""), ValueError, "reason"),
    (dict(account_id="nope"), LookupError, "nope"),
    (dict(kind="merge", other_account_id="gone"), LookupError, "gone"),
    (dict(kind="merge"), ValueError, "other_account_id"),
    (dict(kind="date"), ValueError, "date_min and date_max"),
    (dict(kind="date", date_min="2018-11-20", date_max="2018-11-01"), ValueError, "after"),
    (dict(kind="date", date_min="17 Nov"), ValueError, "date_min: not a day"),
    (dict(kind="figure", figure_field="wounded", figure_min=1), ValueError, "figure_field"),
    (dict(kind="figure", figure_field="killed", figure_min=-1), ValueError, "negative"),
    (dict(kind="figure", figure_field="killed", figure_min=9, figure_max=3), ValueError, "exceeds"),
    (dict(kind="place", lat=95.0, lon=40.0, place_name="X"), ValueError, "lat"),
    (dict(kind="place", lat=35.0, lon=40.0), ValueError, "place_name"),
    (dict(kind="place", lat=35.0), ValueError, "lat and lon"),
    (dict(kind="place", place_name="X", lat=35.0, lon=40.0, precision="street"), ValueError, "precision"),
    (dict(kind="split"), ValueError, "alone"),
]


@pytest.mark.parametrize(("given", "error", "message"), REJECTED, ids=[r[2] for r in REJECTED])
def test_rejected_corrections_name_the_field_and_change_nothing(pair, given, error, message):
    store, sohr, sana, local = pair
    values = dict(kind="figure", author="Rana", reason="why", account_id=local.id)
    values.update(given)
    before = (queue_counts(store), [r["id"] for r in store.incident_rows()])
    with pytest.raises(error, match=message):
        correct(store, values.pop("kind"), **values)
    assert corrections(store) == [] and (queue_counts(store), [r["id"] for r in store.incident_rows()]) == before


def test_undo_is_recorded_and_restores_what_was_read(pair):
    store, sohr, sana, _ = pair
    c = correct(store, "merge", author="Rana", reason="same strike", account_id=sohr.id, other_account_id=sana.id)
    assert incident_of(store, sohr.id) == incident_of(store, sana.id)
    u = undo(store, c.id, author="Omar", reason="two strikes")
    assert u.status == "undone" and u.undone_by == "Omar" and u.undone_at
    assert u.describe().endswith("; undone by Omar on " + u.undone_at[:10] + " (two strikes)")
    assert incident_of(store, sohr.id) != incident_of(store, sana.id)
    with pytest.raises(ValueError, match="already undone"):
        undo(store, c.id, author="Omar")
    with pytest.raises(LookupError, match="#99"):
        undo(store, 99, author="Omar")


def test_history_lists_an_incidents_corrections_oldest_first(pair):
    store, sohr, sana, _ = pair
    first = correct(store, "place", author="Rana", reason="same town", account_id=sana.id, **HAJIN_AT)
    second = correct(store, "figure", author="Omar", reason="misread", account_id=sohr.id, figure_field="killed",
                     figure_min=18, figure_max=18)
    lines = [c.describe() for c in history(store, incident_of(store, sohr.id))]
    assert [c.id for c in history(store, incident_of(store, sohr.id))] == [first.id, second.id]
    assert lines[0].startswith("place changed from unresolved “Hajeen” to Hajin by Rana on ")
    assert lines[1].startswith("figure changed from SOHR: 17 killed to SOHR: 18 killed by Omar on ")


def test_a_merged_incident_stands_where_its_village_is_not_halfway_to_the_countrys_middle(store):
    """SANA's "a town in eastern Syria" is placed at the country's middle: merged with SOHR's Hajin, the incident
    stays at Hajin, in the stored row and in the incident alike."""
    syria = PlaceMention("eastern Syria", 30, 43, name="Syria", place_id="p:sy", lat=35.0, lon=38.5,
                         precision="country")
    first, second = document(file="sohr.txt"), document(text="T\n\nSANA said 25 died in eastern Syria.",
                                                         file="sana.txt")
    sohr = account(first.id, claimed_by="SOHR", day="2018-10-03", killed=(17, 17))
    sana = account(second.id, claimed_by="SANA", places=(syria,), day="2018-10-03", killed=(25, 25))
    with store.transaction():
        store.add_document(first, [sohr])
        store.add_document(second, [sana])
        store.recluster()
    assert incident_of(store, sohr.id) != incident_of(store, sana.id)
    correct(store, "merge", author="Rana", reason="same strike", account_id=sohr.id, other_account_id=sana.id)
    merged = incident_of(store, sohr.id)
    (row,) = [r for r in store.incident_rows() if r["id"] == merged]
    assert (row["lat"], row["lon"]) == pytest.approx((34.6927, 40.827))
    assert store.incident(merged).point == pytest.approx((34.6927, 40.827))
    assert row["disputed"] and row["precision"] == "exact"


def test_undoing_a_place_after_reextraction_takes_back_what_the_article_was_read_with(store, tmp_path):
    """Re-extraction reads the village through the lesson the place correction taught; undoing the correction takes
    the lesson back, and the village with it: the account is again ambiguous, in the queue, not at the undone place."""
    from gazetteer import Gazetteer
    from incidents.extraction import extract_accounts
    from incidents.ingest import ingest

    (tmp_path / "farm.txt").write_text("Strike on a farm\n\nJune 2, 2018\n\nActivists said 3 civilians were killed in "
                                       "an air strike on the village of Kharayej in Raqqa countryside on Saturday.\n",
                                       encoding="utf-8")
    ingest([tmp_path / "farm.txt"], store, Gazetteer.load())
    (a,) = store.stored_accounts()
    assert queue_counts(store)["ambiguous_place"] == 1
    c = correct(store, "place", author="Rana", reason="the farm is near Hajin", account_id=a.id,
                place_id="wof:1243451031")
    reextract(store, lambda d: extract_accounts(Gazetteer.load().with_user_layer(store.user_layer()), d))
    (read,) = store.stored_accounts()
    assert any((m.place_id or "").startswith("user:") for m in read.places)  # read through the lesson
    undo(store, c.id, author="Omar", reason="wrong village")
    (again,) = [x for x, _ in store.document_accounts(a.document_id)]
    assert not any((m.place_id or "").startswith("user:") for m in again.places)
    assert again.point == pytest.approx((36.02304, 38.92059))  # Raqqa governorate's middle, as first read
    assert queue_counts(store)["ambiguous_place"] == 1 and store.user_layer() == []


def test_a_merge_naming_an_unknown_account_is_refused_not_dropped(pair):
    store, sohr, _, _ = pair
    with pytest.raises(LookupError, match="'missing'"):
        store.add_correction("merge", sohr.id, other_account_id="missing")
    assert store.link_corrections() == []


def test_corrections_survive_reingestion_and_reextraction(pair):
    store, sohr, sana, local = pair
    correct(store, "place", author="R", reason="same town", account_id=sana.id, **HAJIN_AT)
    correct(store, "figure", author="R", reason="misread", account_id=sohr.id, figure_field="killed",
            figure_min=27, figure_max=27)
    correct(store, "date", author="R", reason="dateline", account_id=local.id, date_min="2018-11-16",
            date_max="2018-11-16")
    doc = store.document(sohr.document_id)
    with store.transaction():  # the same article again: one document, nothing changes
        assert not store.add_document(doc, [sohr, sana])
        store.recluster()

    def reads_anew(d):  # the extractor now reads SOHR's figure as 71: a new account id, the same sentence
        return [x if x.claimed_by != "SOHR" else account(d.id, start=0, claimed_by="SOHR", day="2018-11-17",
                                                         killed=(71, 71)) for x in store_accounts[d.id]]

    store_accounts = {}
    for a in store.stored_accounts():
        store_accounts.setdefault(a.document_id, []).append(a)
    report = reextract(store, reads_anew)
    assert report.stale == ()
    (inc,) = [i for i in store.incidents() if any(a.claimed_by == "SOHR" for a in i.accounts)]
    by = {a.claimed_by: a for a in inc.accounts}
    assert by["SOHR"].killed_min == 27 and by["SANA"].places[0].name == "Hajin"  # both corrections hold
    assert store.incident(incident_of(store, local.id)).date_min == dt.date(2018, 11, 16)
    assert {c.status for c in corrections(store)} == {"applied"}


def test_a_correction_that_no_longer_applies_is_listed(pair):
    store, sohr, sana, local = pair
    c = correct(store, "date", author="R", reason="dateline", account_id=local.id, date_min="2018-11-16",
                date_max="2018-11-16")
    report = reextract(store, lambda d: [] if d.id == local.document_id else
                       [a for a in store.stored_accounts() if a.document_id == d.id])
    assert len(report.stale) == 1 and f"date #{c.id}" in report.stale[0]
    (kept,) = corrections(store)
    assert kept.status == "no longer applies" and "no longer applies" in kept.describe()
    assert [x.id for x in check_anchors(store)] == [c.id]


def test_a_correction_settles_queue_items(pair):
    store, sohr, sana, local = pair
    before = queue_counts(store)
    assert before["ambiguous_place"] == 1 and before["possible_merge"] == 1
    c = correct(store, "place", author="R", reason="same town", account_id=sana.id, **HAJIN_AT)
    after = queue_counts(store)
    assert after["ambiguous_place"] == 0 and after["possible_merge"] == 0
    assert settled_by(store, c.id) == c.settled == 2


def test_exports_carry_the_flag_and_the_corrections(pair, tmp_path):
    store, sohr, sana, local = pair
    correct(store, "place", author="Rana", reason="same town", account_id=sana.id, **HAJIN_AT)
    every = corrections(store)
    write_export(store.incidents(), tmp_path / "out.csv", "csv", corrections=every)
    rows = list(csv.DictReader(open(tmp_path / "out.csv", encoding="utf-8")))
    assert {r["claimed_by"]: r["corrected"] for r in rows} == {"SOHR": "False", "SANA": "True", "Locals": "False"}
    (side,) = list(csv.DictReader(open(tmp_path / "out.corrections.csv", encoding="utf-8")))
    assert side["author"] == "Rana" and side["status"] == "applied" and side["after"] == "Hajin"
    write_export(store.incidents(), tmp_path / "out.gpkg", "gpkg", corrections=every)
    import pyogrio

    table = pyogrio.read_dataframe(tmp_path / "out.gpkg", layer="corrections")
    layer = pyogrio.read_dataframe(tmp_path / "out.gpkg", layer="incidents")
    assert list(table["reason"]) == ["same town"] and sorted(layer["corrected"]) == [False, True]
