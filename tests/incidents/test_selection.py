"""The filters the exports share with the dashboard: which incidents a view holds, and the filters in words."""

import datetime as dt

import pytest

from incidents.model import Incident
from incidents.selection import (Filters, claims_of, claims_text, describe, filter_frame, incidents_frame,
                                 per_distinct, select, title_of)

from .factories import GOVERNORATE, HAJIN, SUSAH, account

D = dt.date


def incidents():
    return [
        Incident("hajin", (account("d1", claimed_by="SOHR", places=(HAJIN,), day="2018-11-20", killed=(12, 12),
                                   victims="civilians", outlet="SOHR"),)),
        Incident("susah", (account("d2", claimed_by="SANA", places=(SUSAH,), day="2017-08-01", killed=(30, None)),
                           account("d3", claimed_by="SOHR", places=(SUSAH,), day="2017-08-01", killed=(54, 54)))),
        Incident("province", (account("d4", claimed_by="Press TV", places=(GOVERNORATE,), killed=(None, None)),)),
    ]


SELECTIONS = [
    (Filters(), ["hajin", "susah", "province"]),
    (Filters(date_from=D(2018, 1, 1)), ["hajin", "province"]),  # an undated incident passes a date filter…
    (Filters(date_from=D(2018, 1, 1), undated=False), ["hajin"]),  # …unless undated ones are left out
    (Filters(disputed_only=True), ["susah"]),
    (Filters(claimants=("SANA",)), ["susah"]),
    (Filters(victims=("civilians",)), ["hajin"]),
    (Filters(precision=("governorate",)), ["province"]),
    (Filters(min_killed=40), ["susah"]),
    (Filters(search="hajin"), ["hajin"]),
    (Filters(outlets=("nobody",)), []),
]


@pytest.mark.parametrize("filters, ids", SELECTIONS)
def test_select_keeps_what_the_filters_say_in_order(filters, ids):
    assert [i.id for i in select(incidents(), filters)] == ids


def test_select_returns_the_incidents_with_their_accounts():
    (chosen,) = select(incidents(), Filters(disputed_only=True))
    assert [a.claimed_by for a in chosen.accounts] == ["SANA", "SOHR"]


@pytest.mark.parametrize("kwargs, field", [
    ({"date_from": D(2018, 2, 1), "date_to": D(2018, 1, 1)}, "date_from"),
    ({"victims": ("aliens",)}, "victims"),
    ({"precision": ("street",)}, "precision"),
    ({"min_killed": -1}, "min_killed"),
])
def test_impossible_filters_are_refused_naming_the_field(kwargs, field):
    with pytest.raises(ValueError, match=field):
        Filters(**kwargs)


DESCRIPTIONS = [
    (Filters(), ""),
    (Filters(date_from=D(2017, 6, 1)), "dates from 2017-06-01"),
    (Filters(date_from=D(2017, 6, 1), date_to=D(2017, 6, 30)), "dates 2017-06-01 … 2017-06-30"),
    (Filters(admin1=("SY09",), claimants=("SOHR", "SANA"), disputed_only=True),
     "governorate: Deir ez-Zor; claimed by: SOHR, SANA; disputed only"),
    (Filters(min_killed=10, search="Abu Kamal", undated=False),
     "at least 10 killed (largest claim); near 'Abu Kamal'; undated incidents left out"),
]


@pytest.mark.parametrize("filters, text", DESCRIPTIONS)
def test_describe_says_the_filters_in_words(filters, text):
    assert describe(filters, {"SY09": "Deir ez-Zor"}) == text


def test_title_gives_the_count_and_the_date_window():
    assert title_of(incidents(), Filters()) == "Incident Atlas: 3 incidents, 2017-08-01 … 2018-11-20"
    assert title_of(incidents()[:1], Filters(date_to=D(2019, 1, 1))) == \
        "Incident Atlas: 1 incident, 2018-11-20 … 2019-01-01"
    assert title_of([], Filters()) == "Incident Atlas: 0 incidents, dates unknown"


def test_the_frame_holds_claims_as_text_and_puts_them_in_words_when_shown():
    frame = incidents_frame(incidents())
    susah = frame.set_index("id").loc["susah"]
    assert isinstance(susah["claims"], str)
    assert claims_of(susah["claims"]) == (("SANA", "at least 30 killed", "unknown outlet", "date of publication unknown"),
                                         ("SOHR", "54 killed", "unknown outlet", "date of publication unknown"))


def test_claims_keep_every_figure_the_outlet_and_the_publication_date():
    shown = claims_of(claims_text([
        account("d1", claimed_by="المرصد السوري", killed=(None, 40), injured_min=10, injured_max=10,
                outlet='Enab "Baladi"', published=D(2018, 11, 21)),
        account("d2", claimed_by="SANA", killed=(None, None), casualties_min=71),
        account("d3", claimed_by="SOHR", killed=(12, 15)),
    ]))
    assert shown == (("المرصد السوري", "up to 40 killed, 10 injured", 'Enab "Baladi"', "2018-11-21"),
                     ("SANA", "at least 71 killed or injured", "unknown outlet", "date of publication unknown"),
                     ("SOHR", "12–15 killed", "unknown outlet", "date of publication unknown"))
    assert claims_of(claims_text([])) == ()


def test_per_distinct_asks_once_per_value_and_gives_every_row_its_answer():
    asked = []

    def upper(v):
        asked.append(v)
        return v.upper() if v else "none"

    values = ["sohr", None, "sana", "sohr", "sohr", None]
    assert list(per_distinct(values, upper)) == ["SOHR", "none", "SANA", "SOHR", "SOHR", "none"]
    assert sorted(asked, key=str) == [None, "sana", "sohr"]
    pairs = [("SANA", "SOHR"), ("SOHR", "SANA"), ("SANA", "SOHR")]  # tuples of one length are still one value each
    assert list(per_distinct(pairs, len)) == [2, 2, 2]


def test_filters_on_lists_of_values_keep_the_same_rows_for_repeated_lists():
    many = [Incident(f"{k}-{i.id}", i.accounts) for k in range(3) for i in incidents()]
    frame = incidents_frame(many)
    assert list(filter_frame(frame, Filters(claimants=("SOHR",)))["id"]) == \
        [f"{k}-{i}" for k in range(3) for i in ("hajin", "susah")]
    assert list(filter_frame(frame, Filters(victims=("civilians",), outlets=("SOHR",)))["id"]) == \
        ["0-hajin", "1-hajin", "2-hajin"]
