"""Grouping accounts into incidents: place and days, undated accounts (and their articles' publication days), a
person's corrections, stable ids."""

import datetime as dt
import random
from dataclasses import replace

import pytest

from incidents.cluster import UNDATED_PUBLISHED_DAYS, Node, cluster, edges, joinable, joins

from .factories import BAGHUZ, GOVERNORATE, HAJIN, SUSAH, account


def groups(incidents):
    return sorted(sorted(a.claimed_by for a in i.accounts) for i in incidents)


def test_same_place_overlapping_days_is_one_incident():
    a = account("d1", claimed_by="SANA", day="2018-11-17", killed=(30, None))
    b = account("d2", claimed_by="SOHR", days=("2018-11-16", "2018-11-18"), killed=(54, 54))
    (inc,) = cluster([a, b])
    assert inc.killed_min == 30 and inc.killed_max == 54 and inc.sources == 2 and inc.disputed


def test_different_days_are_different_incidents():
    a = account("d1", day="2018-11-17")
    b = account("d2", day="2018-12-16")
    assert len(cluster([a, b])) == 2


def test_places_more_than_a_few_km_apart_are_different_incidents():
    a = account("d1", places=(SUSAH,), day="2018-11-17")
    b = account("d2", places=(BAGHUZ,), day="2018-11-17")  # ~8 km apart
    assert len(cluster([a, b])) == 2


def test_two_claimants_in_one_sentence_are_one_incident_even_unplaced():
    a = account("d1", start=100, claimed_by="some outlets", places=(), killed=(80, 80))
    b = account("d1", start=100, claimed_by="other outlets", places=(), killed=(62, 62))
    (inc,) = cluster([a, b])
    assert inc.point is None and inc.disputed


def test_undated_accounts_join_only_when_place_and_wording_agree():
    near_in_article = [account("d1", start=0, claimed_by="SANA", killed=(30, None)),
                       account("d1", start=300, claimed_by="SOHR", killed=(54, 54))]
    assert len(cluster(near_in_article)) == 1
    other_article = [account("d1", start=0, quote="Twenty civilians were killed in airstrikes on Hajin"),
                     account("d2", start=0, quote="The Friday airstrikes on Hajin claimed 26 lives")]
    assert len(cluster(other_article)) == 2
    same_words = [account("d1", quote="Twenty civilians were killed in airstrikes on the town of Hajin"),
                  account("d2", quote="twenty civilians were killed in airstrikes on the town of Hajin, SANA said")]
    assert len(cluster(same_words)) == 1


def test_governorate_precision_does_not_join_a_village():
    a = account("d1", start=0, places=(HAJIN,), day="2018-11-17")
    b = account("d1", start=200, places=(GOVERNORATE,), day="2018-11-17")
    assert len(cluster([a, b])) == 2


def test_corrections_merge_and_split():
    a = account("d1", day="2018-11-17")
    b = account("d2", day="2018-12-20")
    c = account("d3", day="2018-11-17", claimed_by="SOHR")
    assert len(cluster([a, b])) == 2
    assert len(cluster([a, b], merges=[(a.id, b.id)])) == 1
    assert len(cluster([a, c])) == 1
    assert len(cluster([a, c], splits=[(a.id, c.id)])) == 2


def test_incident_ids_are_stable_whatever_the_input_order():
    accounts = [account(f"d{k}", day=f"2018-11-{10 + k % 5:02d}", killed=(k, k)) for k in range(12)]
    first = [(i.id, [a.id for a in i.accounts]) for i in cluster(accounts)]
    random.Random(7).shuffle(accounts)
    assert [(i.id, [a.id for a in i.accounts]) for i in cluster(accounts)] == first


def test_derived_figures_never_overwrite_accounts():
    a = account("d1", claimed_by="SANA", day="2018-11-17", killed=(30, None))
    b = account("d2", claimed_by="SOHR", day="2018-11-17", killed=(54, 54))
    (inc,) = cluster([a, b])
    assert [(x.claimed_by, x.killed_min, x.killed_max) for x in inc.accounts] == [("SANA", 30, None),
                                                                                   ("SOHR", 54, 54)]


# -- undated accounts: the articles' publication days -------------------------------------------------------------

ALIKE = ("Twenty civilians were killed in airstrikes on the town of Hajin",
         "twenty civilians were killed in airstrikes on the town of Hajin, SANA said")


def undated(doc, published, quote, start=0, **kw):
    """An undated account of article `doc` published on `published` (an ISO date or None)."""
    return account(doc, start=start, quote=quote, published=published and dt.date.fromisoformat(published), **kw)


#: Pairs of accounts that join: (why, a, b).
JOINED = [
    ("same article, published a year apart, close in its text",
     undated("d1", "2018-01-01", "Shelling of the market", start=0),
     undated("d1", "2019-01-01", "Clashes at the bridge", start=300)),
    ("same article, published a year apart, worded alike far apart in its text",
     undated("d1", "2018-01-01", ALIKE[0], start=0), undated("d1", "2019-01-01", ALIKE[1], start=5000)),
    ("different articles published 10 days apart, worded alike",
     undated("d1", "2018-01-01", ALIKE[0]), undated("d2", "2018-01-11", ALIKE[1])),
    (f"different articles published {UNDATED_PUBLISHED_DAYS} days apart, worded alike",
     undated("d1", "2018-01-01", ALIKE[0]), undated("d2", "2018-01-31", ALIKE[1])),
    ("one publication day unknown",
     undated("d1", None, ALIKE[0]), undated("d2", "2019-06-01", ALIKE[1])),
    ("both publication days unknown",
     undated("d1", None, ALIKE[0]), undated("d2", None, ALIKE[1])),
    ("half-open windows of articles published 10 days apart",
     replace(undated("d1", "2018-01-01", ALIKE[0]), date_min=dt.date(2017, 12, 30)),
     replace(undated("d2", "2018-01-11", ALIKE[1]), date_max=dt.date(2018, 1, 10))),
    ("dated accounts on one day, their articles published a year apart",
     account("d1", day="2018-01-01", published=dt.date(2018, 1, 2)),
     account("d2", day="2018-01-01", published=dt.date(2019, 1, 2))),
]

#: Pairs of accounts that do not join: (why, a, b).
APART = [
    ("different articles published 40 days apart, worded alike",
     undated("d1", "2018-01-01", ALIKE[0]), undated("d2", "2018-02-10", ALIKE[1])),
    (f"different articles published {UNDATED_PUBLISHED_DAYS + 1} days apart, worded alike",
     undated("d1", "2018-01-01", ALIKE[0]), undated("d2", "2018-02-01", ALIKE[1])),
    ("different articles published 10 days apart, worded differently",
     undated("d1", "2018-01-01", "Twenty civilians were killed in airstrikes on Hajin"),
     undated("d2", "2018-01-11", "The Friday airstrikes on Hajin claimed 26 lives")),
    ("different articles published 10 days apart, worded alike, 8 km apart",
     undated("d1", "2018-01-01", ALIKE[0], places=(SUSAH,)),
     undated("d2", "2018-01-11", ALIKE[1], places=(BAGHUZ,))),
    ("an undated account and a dated one of articles published the same day",
     undated("d1", "2018-01-01", ALIKE[0]),
     account("d2", quote=ALIKE[1], day="2017-12-31", published=dt.date(2018, 1, 1))),
]


@pytest.mark.parametrize(("why", "a", "b"), JOINED, ids=[row[0] for row in JOINED])
def test_accounts_that_join(why, a, b):
    assert joinable(a, b) and joinable(b, a)
    assert len(cluster([a, b])) == 1


@pytest.mark.parametrize(("why", "a", "b"), APART, ids=[row[0] for row in APART])
def test_accounts_that_do_not_join(why, a, b):
    assert not joinable(a, b) and not joinable(b, a)
    assert len(cluster([a, b])) == 2


def test_a_person_merging_undated_accounts_published_far_apart_wins():
    a, b = undated("d1", "2018-01-01", ALIKE[0]), undated("d2", "2019-01-01", ALIKE[1])
    assert len(cluster([a, b])) == 2
    assert len(cluster([a, b], merges=[(a.id, b.id)])) == 1


def test_undated_accounts_published_far_apart_join_through_one_published_between():
    first, middle, last = (undated(f"d{k}", day, ALIKE[k % 2]) for k, day in
                           enumerate(["2018-01-01", "2018-01-25", "2018-02-18"]))
    assert not joinable(first, last)
    assert len(cluster([first, middle, last])) == 1  # an incident is what joining pairs connect


def test_pairs_found_in_memory_are_every_joining_pair():
    """`edges` (grid cells, a sweep over days, undated accounts bisected by publication day) finds exactly the pairs
    that comparing every account with every other would."""
    rng = random.Random(3)
    words = ["airstrikes hit the town", "shelling of the market", "a car bomb near the mosque"]
    nodes = []
    for k in range(300):
        day = dt.date(2018, 1, 1) + dt.timedelta(rng.randrange(60))
        window = rng.choice([(day, day), (None, None), (None, None), (day, None)])
        published = rng.choice([None, dt.date(2017, 1, 1) + dt.timedelta(rng.randrange(900))])
        nodes.append(Node(f"a{k}", f"d{k // 2}", rng.choice([0, 100, 2000]), (35.0 + rng.uniform(0, 0.05),
                          40.0 + rng.uniform(0, 0.05)), *window, False, rng.choice(words), published))
    every = {(i, j) for i in range(len(nodes)) for j in range(i + 1, len(nodes)) if joins(nodes[i], nodes[j])}
    assert sorted(edges(nodes)) == sorted(every)
    assert any(not nodes[i].dated and nodes[i].document_id != nodes[j].document_id for i, j in every)
