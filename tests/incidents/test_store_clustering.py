"""Incremental clustering in the store, on both backends: the same incidents as clustering everything at once, only
the touched incidents rewritten, corrections honoured, undated accounts met by their articles' publication days, two
writers at once losing and duplicating nothing."""

from __future__ import annotations

import datetime as dt
import random
import threading

import pytest

from incidents.cluster import UNDATED_PUBLISHED_DAYS, cluster
from incidents.model import Account, Document, PlaceMention
from incidents.sql import NO_END, NO_START
from incidents.store import Store

from .factories import HAJIN, account, document
from .store_backends import postgres_database, store, target  # noqa: F401 (fixtures)

#: Sites a few km apart (some within JOIN_KM of each other, so incidents chain), a coarse one and none.
SITES = [(35.0, 40.0), (35.01, 40.01), (35.02, 40.0), (35.2, 40.3), (35.5, 40.5), (35.5, 40.52)]
WORDS = ["airstrikes hit the town", "shelling of the market", "a car bomb near the mosque", "clashes at the bridge"]


def _mention(rng: random.Random, start: int) -> tuple[PlaceMention, ...]:
    r = rng.random()
    if r < 0.1:
        return ()
    if r < 0.2:
        return (PlaceMention("the province", start, start + 12, name="Deir ez-Zor", place_id="p:dez", lat=35.3,
                             lon=40.1, precision="governorate", admin1="SY09"),)
    lat, lon = rng.choice(SITES)
    jitter = rng.uniform(-0.004, 0.004)
    why = rng.choice(["", "", "dataset"])
    return (PlaceMention("Village", start, start + 7, name=f"Village {SITES.index((lat, lon))}", place_id="p:v",
                         lat=lat + jitter, lon=lon - jitter, precision=rng.choice(["exact", "exact", "near"]),
                         admin1="SY09", why=why),)


def _document(rng: random.Random, n: int) -> tuple[Document, list[Account]]:
    published = rng.choice([dt.date(2018, 1, 1) + dt.timedelta(n % 40), None,  # close, unknown, or years apart
                            dt.date(2016, 1, 1) + dt.timedelta(rng.randrange(1500))])
    doc = Document(text=f"Report {n}\n\n" + " ".join(rng.choices(WORDS, k=3)) + f" number {n}.", file=f"f{n}.txt",
                   outlet=rng.choice(["SANA", "AFP", None]), published=published)
    accounts = []
    for k in range(rng.choice([1, 1, 2, 3])):
        start = rng.choice([0, 0, 100, 1000]) + k
        day = dt.date(2018, 1, 1) + dt.timedelta(rng.randrange(30))
        window = rng.choice([(day, day), (day, day + dt.timedelta(2)), (None, None), (day, None)])
        quote = rng.choice(WORDS) + (" in the village" if rng.random() < 0.5 else "")
        accounts.append(Account(document_id=doc.id, file=doc.file, article=0, quote=quote, start=start,
                                end=start + 20, claim_start=start, claimed_by=rng.choice(["SOHR", "SANA", "AFP"]),
                                outlet=doc.outlet, published=doc.published, places=_mention(rng, start),
                                date_min=window[0], date_max=window[1], killed_min=rng.choice([None, 1, 5]),
                                killed_max=rng.choice([None, 5, 9]) if rng.random() < 0.5 else None,
                                victims=rng.choice(["civilians", "unknown"])))
    return doc, [a for a in accounts if a.killed_min is None or a.killed_max is None or a.killed_min <= a.killed_max]


def _snapshot(store: Store) -> tuple:
    """Everything clustering derives: the incidents table, which incident each account is in, the user layer."""
    incidents = store.db.rows("SELECT id, component, lat, lon, place, precision, date_min, date_max, killed_min, "
                              "killed_max, sources, disputed, accounts, admin1, outlets, claimants, victims, names "
                              "FROM incidents ORDER BY id")
    incidents = [tuple(v.isoformat() if isinstance(v, dt.date) else v for v in row) for row in incidents]
    members = store.db.rows("SELECT id, incident_id FROM accounts ORDER BY id")
    return incidents, members, [(p.id, p.names, p.support) for p in store.user_layer()]


def _grow(store: Store, rng: random.Random, documents: int, batch: int) -> list[Account]:
    """Add random documents in batches of `batch`, with merges, splits and place corrections in between."""
    added: list[Account] = []
    for first in range(0, documents, batch):
        with store.transaction():
            for n in range(first, min(documents, first + batch)):
                doc, accounts = _document(rng, n)
                store.add_document(doc, accounts)
                added.extend(accounts)
            store.recluster()
        if len(added) > 4 and rng.random() < 0.7:
            a, b = rng.sample(added, 2)
            store.add_correction(rng.choice(["merge", "split", "split"]), a.id, other_account_id=b.id)
        placed = [a for a in added if a.places]
        if placed and rng.random() < 0.3:
            a = rng.choice(placed)
            lat, lon = rng.choice(SITES)
            store.correct_place(a.document_id, a.places[0].start, place_id="p:fix", name="Fixed", lat=lat, lon=lon)
    return added


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_clustering_gives_the_incidents_of_clustering_everything(store, seed):
    rng = random.Random(seed)
    _grow(store, rng, documents=60, batch=rng.choice([1, 3, 7]))
    incremental = _snapshot(store)
    assert len(incremental[0]) > 5
    store.recluster_all()
    assert _snapshot(store) == incremental
    merges, splits = store.links()
    expected = cluster(store.accounts(), merges=merges, splits=splits)
    assert [(i.id, [a.id for a in i.accounts]) for i in store.incidents()] == \
        [(i.id, [a.id for a in i.accounts]) for i in expected]


def test_one_store_built_in_batches_and_one_built_at_once_agree(tmp_path):
    built = []
    for batch in (1, 60):
        with Store(tmp_path / f"b{batch}.sqlite") as s:
            rng = random.Random(9)
            with s.transaction():
                docs = [_document(rng, n) for n in range(60)]
            for first in range(0, 60, batch):
                with s.transaction():
                    for doc, accounts in docs[first:first + batch]:
                        s.add_document(doc, accounts)
                    s.recluster()
            built.append(_snapshot(s))
    assert built[0] == built[1]


def test_only_the_incidents_a_new_account_touches_are_rewritten(store, monkeypatch):
    docs = [document(text=f"Report {k}\n\nStrike number {k}.", file=f"{k}.txt") for k in range(4)]
    with store.transaction():
        for k, doc in enumerate(docs):
            place = PlaceMention("V", 0, 1, name=f"V{k}", lat=35.0 + k * 0.2, lon=40.0, precision="exact")
            store.add_document(doc, [account(doc.id, places=(place,), day="2018-11-17")])
        store.recluster()
    before = dict((r[0], r) for r in store.db.rows("SELECT * FROM incidents"))
    written: list[str] = []
    insert = store.db.insert

    def spy(table, columns, rows):
        if table == "incidents":
            written.extend(r[0] for r in rows)
        return insert(table, columns, rows)

    monkeypatch.setattr(store.db, "insert", spy)
    new = document(text="Another report\n\nSOHR said the strike killed 30.", file="n.txt")
    near_second = PlaceMention("V", 0, 1, name="V1", lat=35.2005, lon=40.0, precision="exact")
    with store.transaction():
        store.add_document(new, [account(new.id, places=(near_second,), day="2018-11-17", claimed_by="SOHR")])
        store.recluster()
    after = dict((r[0], r) for r in store.db.rows("SELECT * FROM incidents"))
    (touched,) = written  # one incident written: the one the new account joined (now two accounts)
    assert len(after) == len(before) and after[touched][12] == 2
    untouched = set(after) - {touched}
    assert len(untouched) == 3 and all(after[i] == before[i] for i in untouched)


def test_a_split_is_honoured_whichever_account_comes_first(store):
    doc_a, doc_b, doc_c = (document(text=f"Report {k}\n\nStrike.", file=f"{k}.txt") for k in "abc")
    a, b, c = (account(d.id, day="2018-11-17", claimed_by=w) for d, w in ((doc_a, "SANA"), (doc_b, "SOHR"),
                                                                           (doc_c, "AFP")))
    with store.transaction():
        store.add_document(doc_a, [a])
        store.add_document(doc_b, [b])
        store.recluster()
    store.add_correction("split", a.id, other_account_id=b.id)
    with store.transaction():
        store.add_document(doc_c, [c])  # joins both: one of them keeps it
        store.recluster()
    groups = sorted(sorted(x.claimed_by for x in i.accounts) for i in store.incidents())
    assert groups == sorted(cluster([a, b, c], splits=[(a.id, b.id)]) and
                            [sorted(x.claimed_by for x in i.accounts) for i in cluster([a, b, c],
                                                                                        splits=[(a.id, b.id)])])
    assert all(not ({"SANA", "SOHR"} <= set(g)) for g in groups)


def test_accounts_added_without_a_recluster_are_clustered_by_the_next(store):
    doc = document()
    with store.transaction():
        store.add_document(doc, [account(doc.id, day="2018-11-17")])
    assert store.counts()["incidents"] == 0
    with store.transaction():
        assert len(store.recluster()) == 1


ALIKE = ("Twenty civilians were killed in airstrikes on the town of Hajin",
         "twenty civilians were killed in airstrikes on the town of Hajin, SANA said")


def _undated_article(n: int, published: dt.date | None) -> tuple[Document, list[Account]]:
    """An article published on `published` telling of an undated strike on Hajin in ALIKE's words."""
    doc = document(text=f"Report {n}\n\n{ALIKE[n % 2]}.", file=f"u{n}.txt", published=published)
    return doc, [account(doc.id, quote=ALIKE[n % 2], published=published, claimed_by=f"u{n}")]


def _groups(store: Store) -> list[list[str]]:
    """The incidents as the sorted claimants of their accounts (each article its own claimant)."""
    return sorted(sorted(a.claimed_by for a in i.accounts) for i in store.incidents())


def test_undated_accounts_join_stored_ones_only_of_articles_published_close(store):
    days = {0: dt.date(2018, 1, 1), 1: dt.date(2018, 1, 11), 2: dt.date(2018, 2, 20), 3: dt.date(2019, 3, 1)}
    for n, day in days.items():  # one article per clustering: each meets the stored ones through the index
        with store.transaction():
            store.add_document(*_undated_article(n, day))
            store.recluster()
    assert _groups(store) == [["u0", "u1"], ["u2"], ["u3"]]  # 10 days apart join; 40 and more do not
    with store.transaction():
        store.add_document(*_undated_article(4, dt.date(2018, 3, 15)))  # 23 days after u2
        store.add_document(*_undated_article(5, None))  # publication unknown: meets them all
        store.recluster()
    assert _groups(store) == [["u0", "u1", "u2", "u3", "u4", "u5"]]
    merges, splits = store.links()
    assert [[a.id for a in i.accounts] for i in store.incidents()] == \
        [[a.id for a in i.accounts] for i in cluster(store.accounts(), merges=merges, splits=splits)]


def test_the_index_proposes_only_undated_accounts_of_articles_published_close(store):
    """A new undated account's probe reads the stored undated accounts published within UNDATED_PUBLISHED_DAYS of
    its article (and those whose publication is unknown), never the years of others at the same place."""
    days = [dt.date(2016, 1, 1) + dt.timedelta(days=10 * k) for k in range(100)]
    with store.transaction():
        for n, day in enumerate([*days, None]):
            store.add_document(*_undated_article(n, day))
        store.recluster()
    published = dt.date(2017, 1, 1)
    day = (published - dt.date(1970, 1, 1)).days
    close = {f"u{n}.txt" for n, d in enumerate(days) if abs((d - published).days) <= UNDATED_PUBLISHED_DAYS}
    unknown = f"u{len(days)}.txt"
    lat, lon = HAJIN.lat, HAJIN.lon
    for (day0, day1), expected in [((day - UNDATED_PUBLISHED_DAYS, day + UNDATED_PUBLISHED_DAYS), close | {unknown}),
                                   ((NO_START, NO_END), {f"u{n}.txt" for n in range(len(days) + 1)})]:
        rows = store.db.near([(0, lat - 0.01, lat + 0.01, lon - 0.01, lon + 0.01, day0, day1, 0)], "a.document_id")
        assert {store.document(doc_id).file for _, doc_id in rows} == expected
    assert len(close) == 6  # of 100 articles at the same place, ten days apart


def _ingest(target: str, docs: list[tuple[Document, list[Account]]], barrier: threading.Barrier | None,
            errors: list) -> None:
    try:
        with Store(target) as s:
            if barrier:
                barrier.wait(timeout=30)
            with s.transaction():
                for doc, accounts in docs:
                    s.add_document(doc, accounts)
                s.recluster()
    except Exception as e:  # reported by the test
        errors.append(e)


def test_two_writers_at_once_store_exactly_what_one_after_the_other_would(target, tmp_path):
    rng = random.Random(5)
    docs = [_document(rng, n) for n in range(80)]
    first, second = docs[:50], docs[30:]  # twenty documents both bring
    errors: list = []
    barrier = threading.Barrier(2)
    threads = [threading.Thread(target=_ingest, args=(target, part, barrier, errors)) for part in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    sequential = str(tmp_path / "sequential.sqlite")
    _ingest(sequential, first, None, errors)
    _ingest(sequential, second, None, errors)
    with Store(target) as together, Store(sequential) as apart:
        assert together.counts() == apart.counts()
        assert sorted(a.id for a in together.accounts()) == sorted(a.id for a in apart.accounts())
        assert _snapshot(together) == _snapshot(apart)


def test_a_large_clustering_batch_leaves_the_planner_statistics_that_know_accounts_have_incidents(store, monkeypatch):
    """Statistics taken while no account had an incident (autovacuum after a large write) made PostgreSQL walk every
    probe for each clustered account (minutes for 9,000 accounts): a batch that rewrites many incidents takes them
    again. SQLite's plans do not depend on them, and its store clusters the same."""
    import incidents.store as store_module

    monkeypatch.setattr(store_module, "REFRESH_AFTER", 5)
    with store.transaction():
        for k in range(12):
            doc = document(text=f"Title\n\nReport {k}: twenty civilians were killed in Hajin.", file=f"r{k}.txt")
            store.add_document(doc, [account(doc=doc.id, day=f"2017-06-{k + 1:02d}")])
    if store.backend == "postgresql":
        store.db.execute("ANALYZE accounts")  # as autovacuum does once the write commits: no incident yet
    with store.transaction():
        store.recluster()
    assert store.counts()["incidents"] == 12
    if store.backend == "postgresql":
        unclustered = store.db.value("SELECT null_frac FROM pg_stats WHERE schemaname = current_schema() AND "
                                     "tablename = 'accounts' AND attname = 'incident_id'")
        assert unclustered == 0
