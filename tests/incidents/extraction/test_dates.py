"""Date windows: absolute and relative dates, the previous event as anchor, what is no event date, the choice among
several expressions, spans, datelines, years for context, hostile text, and the sample corpus against its reading."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from incidents.extraction.dates import (PRECISIONS, DateWindow, date_window, dateline_spans, publication_date,
                                        years_in)

D = dt.date
PUB = D(2019, 2, 12)  # a Tuesday
SHARED = Path(__file__).resolve().parents[3].parent / "shared"


def brief(w: DateWindow | None):
    """(date_min, date_max, precision, text, month_day) of a window."""
    return None if w is None else (w.date_min, w.date_max, w.precision, w.text, w.month_day)


def day(d: dt.date, text: str):
    return (d, d, "day", text, None)


def unknown(text: str):
    return (None, None, "unknown", text, None)


# ---------------------------------------------------------------- the value object

@pytest.mark.parametrize("kwargs, field", [
    ({"date_min": D(2019, 2, 2), "date_max": D(2019, 2, 1)}, "date_min"),
    ({"precision": "fortnight"}, "precision"),
    ({"precision": ""}, "precision"),
    ({"start": 5, "end": 4}, "start"),
    ({"start": -1, "end": 4}, "start"),
    ({"start": 3}, "start"),
    ({"month_day": "13-01"}, "month_day"),
    ({"month_day": "02-30"}, "month_day"),
    ({"month_day": "2-3"}, "month_day"),
    ({"date_min": "2019-02-01"}, "date_min"),
    ({"date_max": dt.datetime(2019, 2, 1, 12, 0)}, "date_max"),
    ({"text": None}, "text"),
])
def test_window_refuses_inconsistent_values(kwargs, field):
    args = {"date_min": None, "date_max": None, "precision": "day", "text": "x"} | kwargs
    with pytest.raises(ValueError, match=field):
        DateWindow(**args)


@pytest.mark.parametrize("kwargs", [
    {"date_min": D(2019, 2, 1), "date_max": D(2019, 2, 1), "precision": "day", "text": "on 1 February"},
    {"date_min": None, "date_max": D(2018, 12, 16), "precision": "week", "text": "Over the past weeks"},
    {"date_min": None, "date_max": None, "precision": "unknown", "text": "on Friday", "start": 3, "end": 12},
    {"date_min": None, "date_max": None, "precision": "day", "text": "On November 15", "month_day": "11-15"},
    {"date_min": None, "date_max": None, "precision": "day", "text": "on 29 February", "month_day": "02-29"},
    {"date_min": None, "date_max": D(2019, 2, 12), "precision": "before", "text": ""},
])
def test_window_accepts_consistent_values(kwargs):
    w = DateWindow(**kwargs)
    assert w.precision in PRECISIONS
    assert w.dated == (w.date_min is not None or w.date_max is not None)


@pytest.mark.parametrize("kwargs, name", [
    ({"published": D(1066, 10, 14)}, "published"),
    ({"published": "2019-02-12"}, "published"),
    ({"published": PUB, "context_year": 17}, "context_year"),
    ({"published": None, "context_year": "2017"}, "context_year"),
    ({"published": None, "context_year": True}, "context_year"),
])
def test_anchors_no_article_can_have_are_refused(kwargs, name):
    with pytest.raises(ValueError, match=name):
        date_window("on 3 March", **kwargs)


# ---------------------------------------------------------------- absolute dates

@pytest.mark.parametrize("sentence, published, context_year, expected", [
    ("the last of which was on December 16th, 2018, when the warplanes shelled houses", None, None,
     day(D(2018, 12, 16), "on December 16th, 2018")),
    ("On August 1st, 2017, the coalition warplanes committed a massacre", None, None,
     day(D(2017, 8, 1), "On August 1st, 2017")),
    ("Airstrikes killed 12 people on 12 February 2019 in Hajin", None, None, day(PUB, "on 12 February 2019")),
    ("The strike of 2019-01-20 killed 20", None, None, day(D(2019, 1, 20), "2019-01-20")),
    ("A view of the city of Deir ez-Zor, Syria, Friday, Sept. 15, 2017. (AP Photo)", None, None,
     day(D(2017, 9, 15), "Friday, Sept. 15, 2017")),
    ("On May 20th 2017 at least 12 civilians died", None, None, day(D(2017, 5, 20), "On May 20th 2017")),
    ("On 3 March 2017, a raid on al-Mayadin killed nine", None, None, day(D(2017, 3, 3), "On 3 March 2017")),
    ("Coalition aircraft struck Hajin on Nov. 12, 2018", None, None, day(D(2018, 11, 12), "on Nov. 12, 2018")),
    ("strikes on 3 March killed nine", PUB, None, day(D(2018, 3, 3), "on 3 March")),  # after publication: year before
    ("strikes on 3 February killed nine", PUB, None, day(D(2019, 2, 3), "on 3 February")),
    ("strikes on 12 February killed nine", PUB, None, day(PUB, "on 12 February")),
    ("targeting civilians on the 22nd of August through shelling", None, 2017,
     day(D(2017, 8, 22), "on the 22nd of August")),
    ("targeting civilians on the 22nd of August", PUB, None, day(D(2018, 8, 22), "on the 22nd of August")),
    ("targeting civilians on the 22nd of August", PUB, 2017, day(D(2017, 8, 22), "on the 22nd of August")),
    ("strikes on 3 March killed nine", PUB, 2020, day(D(2018, 3, 3), "on 3 March")),  # a context after publication
    ("On November 15, local reports claimed warplanes had killed 23 civilians", None, None,
     (None, None, "day", "On November 15", "11-15")),
    ("a bloody attack on the town of al-Shaafah with 60 casualties on November 13", None, None,
     (None, None, "day", "on November 13", "11-13")),
    ("On November 15, local reports claimed", D(2018, 11, 20), None, day(D(2018, 11, 15), "On November 15")),
    ("on Friday, November 16, jets struck", None, 2018, day(D(2018, 11, 16), "on Friday, November 16")),
    ("on Friday, November 16, jets struck", None, 2014,  # a Sunday in 2014: the year stays open
     (None, None, "day", "on Friday, November 16", "11-16")),
    ("coalition forces conducted 40 strikes between Nov. 12-18, 2018", None, None,
     (D(2018, 11, 12), D(2018, 11, 18), "days", "Nov. 12-18, 2018", None)),
    ("on 3-4 March 2017 raids killed 30", None, None,
     (D(2017, 3, 3), D(2017, 3, 4), "days", "on 3-4 March 2017", None)),
    ("the coalition intensified airstrikes in early May", PUB, None,
     (D(2018, 5, 1), D(2018, 5, 10), "month", "in early May", None)),
    ("raids in mid-May 2017 killed 40", None, None, (D(2017, 5, 11), D(2017, 5, 20), "month", "in mid-May 2017", None)),
    ("raids in late February 2019 killed 40", None, None,
     (D(2019, 2, 21), D(2019, 2, 28), "month", "in late February 2019", None)),
    ("raids at the end of May 2017 killed 40", None, None,
     (D(2017, 5, 21), D(2017, 5, 31), "month", "the end of May 2017", None)),
    ("raids in February killed 40", PUB, None, (D(2019, 2, 1), PUB, "month", "in February", None)),  # ends at pub
    ("raids in late February killed 40", PUB, None,
     (D(2018, 2, 21), D(2018, 2, 28), "month", "in late February", None)),
    ("raids in May killed 40", None, None, (None, None, "month", "in May", None)),
    ("in May 2017 the coalition bombed Raqqa", None, None,
     (D(2017, 5, 1), D(2017, 5, 31), "month", "in May 2017", None)),
    ("in 2016 the coalition bombed Manbij", None, None, (D(2016, 1, 1), D(2016, 12, 31), "year", "in 2016", None)),
    ("in early 2016 the coalition bombed Manbij", None, None,
     (D(2016, 1, 1), D(2016, 4, 30), "month", "in early 2016", None)),
    ("a strike on 12/02/2019 killed five", PUB, None, day(PUB, "on 12/02/2019")),  # 2 December lies after pub
    ("a strike on 13/02/2019 killed five", None, None, day(D(2019, 2, 13), "on 13/02/2019")),
    ("a strike on 02/13/2019 killed five", None, None, day(D(2019, 2, 13), "on 02/13/2019")),
    ("a strike on 12.02.2019 killed five", None, None, day(PUB, "on 12.02.2019")),
    ("a strike on 05/04/2019 killed five", None, None, unknown("on 05/04/2019")),  # 5 April or 4 May: not a guess
    ("a strike on 29 February 2020 killed five", None, None, day(D(2020, 2, 29), "on 29 February 2020")),
])
def test_absolute_dates(sentence, published, context_year, expected):
    assert brief(date_window(sentence, published=published, context_year=context_year)) == expected


# ---------------------------------------------------------------- relative to publication

@pytest.mark.parametrize("sentence, published, expected", [
    ("More than 70 civilians were martyred in airstrikes conducted today", PUB, day(PUB, "today")),
    ("warplanes struck this morning", PUB, day(PUB, "this morning")),
    ("strikes tonight hit Hajin", PUB, day(PUB, "tonight")),
    ("strikes earlier today hit Hajin", PUB, day(PUB, "earlier today")),
    ("yesterday, strikes hit Hajin", PUB, day(D(2019, 2, 11), "yesterday")),
    ("Abu Kamal, where last night’s strikes took place, is a border town", PUB,
     (D(2019, 2, 11), PUB, "days", "last night", None)),
    ("overnight strikes hit Hajin", PUB, (D(2019, 2, 11), PUB, "days", "overnight", None)),
    ("the new massacre committed on Tuesday by the coalition", PUB, day(PUB, "on Tuesday")),
    ("strikes on Monday killed 12", PUB, day(D(2019, 2, 11), "on Monday")),
    ("strikes on Friday killed 12", PUB, day(D(2019, 2, 8), "on Friday")),
    ("Friday’s strikes are a sign", PUB, day(D(2019, 2, 8), "Friday")),
    ("the Friday airstrikes by the US-led coalition", PUB, day(D(2019, 2, 8), "Friday")),
    ("Around midnight on Friday, U.S.-led coalition warplanes conducted airstrikes", PUB,
     day(D(2019, 2, 8), "Around midnight on Friday")),
    ("Airstrikes killed 12 people Sunday in Hajin, SOHR said", PUB, day(D(2019, 2, 10), "Sunday")),
    ("late Friday, jets struck", PUB, day(D(2019, 2, 8), "late Friday")),
    ("strikes on Saturday night killed 12", PUB, day(D(2019, 2, 9), "on Saturday night")),
    ("strikes last Tuesday killed 12", PUB, day(D(2019, 2, 5), "last Tuesday")),  # strictly before
    ("Last week, the coalition killed at least 40 people", PUB,
     (D(2019, 2, 4), D(2019, 2, 10), "week", "Last week", None)),
    ("earlier this week, jets struck", PUB, (D(2019, 2, 11), PUB, "week", "earlier this week", None)),
    ("Earlier this month, jets struck", PUB, (D(2019, 2, 1), PUB, "month", "Earlier this month", None)),
    ("a strike last month killed 9", PUB, (D(2019, 1, 1), D(2019, 1, 31), "month", "last month", None)),
    ("a strike earlier this year killed 9", PUB, (D(2019, 1, 1), PUB, "year", "earlier this year", None)),
    ("a strike last year killed 9", PUB, (D(2018, 1, 1), D(2018, 12, 31), "year", "last year", None)),
    ("over the weekend jets struck", PUB, (D(2019, 2, 9), D(2019, 2, 10), "days", "over the weekend", None)),
    ("A few days ago, the aircrafts carried out airstrikes", PUB,
     (D(2019, 2, 5), D(2019, 2, 11), "days", "A few days ago", None)),
    ("a  few\u00a0days ago, jets struck", PUB, (D(2019, 2, 5), D(2019, 2, 11), "days", "a  few\u00a0days ago", None)),
    ("days ago, the aircrafts carried out airstrikes", PUB, (D(2019, 2, 5), D(2019, 2, 11), "days", "days ago", None)),
    ("the coalition recently bombed Hajin", PUB, (D(2019, 2, 5), D(2019, 2, 11), "days", "recently", None)),
    ("3 days ago, jets struck", PUB, day(D(2019, 2, 9), "3 days ago")),
    ("two days ago, jets struck", PUB, day(D(2019, 2, 10), "two days ago")),
    ("a day ago, jets struck", PUB, day(D(2019, 2, 11), "a day ago")),
    ("48 hours ago, jets struck", PUB, day(D(2019, 2, 10), "48 hours ago")),
    ("hours ago, jets struck", PUB, (D(2019, 2, 11), PUB, "days", "hours ago", None)),
    ("two weeks ago, jets struck", PUB, (D(2019, 1, 26), D(2019, 2, 1), "week", "two weeks ago", None)),
    ("Over the past weeks, tens of civilians were martyred", PUB,
     (D(2019, 1, 1), PUB, "week", "Over the past weeks", None)),
    ("in recent weeks, tens of civilians were martyred", PUB,
     (D(2019, 1, 1), PUB, "week", "in recent weeks", None)),
    ("over the past two weeks, strikes killed 40", PUB,
     (D(2019, 1, 29), PUB, "week", "over the past two weeks", None)),
    ("in the past few days, strikes killed 40", PUB,
     (D(2019, 2, 5), PUB, "days", "in the past few days", None)),
    ("Earlier in the day, SANA reported another strike", PUB, day(PUB, "Earlier in the day")),
    # a span of hours: the days it touches
    ("70 fighters were killed in 24 hours of battle", PUB, (D(2019, 2, 11), PUB, "days", "in 24 hours", None)),
    ("70 fighters were killed in the past 24 hours", PUB,
     (D(2019, 2, 11), PUB, "days", "in the past 24 hours", None)),
    ("strikes over the last 48 hours killed 12", PUB, (D(2019, 2, 10), PUB, "days", "over the last 48 hours", None)),
    ("during the past seventy-two hours 40 were killed", PUB,
     (D(2019, 2, 9), PUB, "days", "during the past seventy-two hours", None)),
    # a weekday whose possessive apostrophe was lost, before an event noun
    ("Fridays bombing raids were the most intense in a week", PUB, day(D(2019, 2, 8), "Fridays")),
    ("the gas used during Tuesdays massacre had never been used", PUB, day(PUB, "during Tuesdays")),
    ("Thursdays air strikes were carried out in Douma", PUB, day(D(2019, 2, 7), "Thursdays")),
    ("after Saturdays strikes the toll rose", PUB, day(D(2019, 2, 9), "Saturdays")),
    ("an area close to yesterdays chemical attack", PUB, day(D(2019, 2, 11), "yesterdays")),
])
def test_relative_to_publication(sentence, published, expected):
    assert brief(date_window(sentence, published=published)) == expected


@pytest.mark.parametrize("sentence, text", [
    ("strikes on Friday killed 12", "on Friday"),
    ("the Friday airstrikes killed 26", "Friday"),
    ("Last week, the so-called coalition killed at least 40 people", "Last week"),
    ("A few days ago, the aircrafts carried out airstrikes", "A few days ago"),
    ("3 days ago, jets struck", "3 days ago"),
    ("More than 70 civilians were martyred in airstrikes conducted today", "today"),
    ("yesterday, strikes hit Hajin", "yesterday"),
    ("last night's strikes", "last night"),
    ("Earlier this month, the ministry sent letters", "Earlier this month"),
    ("Over the past weeks, tens of civilians were martyred", "Over the past weeks"),
    ("Earlier in the day, SANA reported another strike", "Earlier in the day"),
    ("two days before, jets struck", "two days before"),
    ("the coalition recently bombed Hajin", "recently"),
])
def test_without_publication_a_relative_date_is_an_honest_unknown(sentence, text):
    assert brief(date_window(sentence, published=None)) == unknown(text)


@pytest.mark.parametrize("sentence, published, expected", [
    ("In August last year a car bomb killed 27", D(2013, 8, 6),
     (D(2012, 8, 1), D(2012, 8, 31), "month", "In August last year", None)),
    ("a car bomb killed 27 in August of last year", PUB,
     (D(2018, 8, 1), D(2018, 8, 31), "month", "in August of last year", None)),
    ("On 12 March last year a car bomb killed 27", PUB, day(D(2018, 3, 12), "On 12 March last year")),
    ("On March 3 last year five died", PUB, day(D(2018, 3, 3), "On March 3 last year")),
    ("In January this year jets struck", PUB, (D(2019, 1, 1), D(2019, 1, 31), "month", "In January this year", None)),
    # no year after the month: the most recent such month, as before
    ("In August the last year of the siege began", D(2013, 8, 6),
     (D(2013, 8, 1), D(2013, 8, 6), "month", "In August", None)),
    # without a publication date the year is unknown, not guessed
    ("In August last year a bomb killed 3", None, (None, None, "month", "In August last year", None)),
])
def test_a_month_or_day_of_last_year_or_this_year(sentence, published, expected):
    assert brief(date_window(sentence, published=published)) == expected


# ---------------------------------------------------------------- relative to the previous event

AUG1 = DateWindow(D(2017, 8, 1), D(2017, 8, 1), "day", "On August 1st, 2017")
DEC16 = DateWindow(D(2018, 12, 16), D(2018, 12, 16), "day", "on December 16th, 2018")
LATE_JULY = DateWindow(D(2017, 7, 30), D(2017, 7, 31), "days", "in less than 48 hours after")
NOV15 = DateWindow(None, None, "day", "On November 15", month_day="11-15")
UNDATED = DateWindow(None, None, "unknown", "on Saturday")


@pytest.mark.parametrize("sentence, previous, expected", [
    (("This attack took place in less than 48 hours after shelling Aysha Hospital in al-BouKamal city, causing the "
      "death of 6 citizens"), AUG1, (D(2017, 7, 30), D(2017, 7, 31), "days", "in less than 48 hours after", None)),
    ("It came a day after warplanes bombed al-Mayadin, killing 5", AUG1, day(D(2017, 7, 31), "a day after")),
    ("The raid, which killed 12, came two days after the massacre", AUG1, day(D(2017, 8, 3), "two days after")),
    ("Two days later, warplanes killed 5 in Hajin", AUG1, day(D(2017, 8, 3), "Two days later")),
    ("Two days earlier, warplanes killed 5 in Hajin", AUG1, day(D(2017, 7, 30), "Two days earlier")),
    ("A day before, warplanes killed 5 in Hajin", AUG1, day(D(2017, 7, 31), "A day before")),
    ("The day before, warplanes killed 5 in Hajin", AUG1, day(D(2017, 7, 31), "The day before")),
    ("The next day, warplanes killed 5 in Hajin", AUG1, day(D(2017, 8, 2), "The next day")),
    ("Hours later, a second strike killed 5", AUG1, (D(2017, 8, 1), D(2017, 8, 2), "days", "Hours later", None)),
    ("Hours before, a strike killed 5", AUG1, (D(2017, 7, 31), D(2017, 8, 1), "days", "Hours before", None)),
    ("48 hours later, a strike killed 5", AUG1, day(D(2017, 8, 3), "48 hours later")),
    ("The reports come just a day after more than 100 civilians were killed", AUG1,
     day(D(2017, 7, 31), "a day after")),
    ("A day later, a strike killed 5", LATE_JULY, (D(2017, 7, 31), D(2017, 8, 1), "days", "A day later", None)),
    ("Earlier in the day, SANA reported another strike where 11 civilians were killed", DEC16,
     day(D(2018, 12, 16), "Earlier in the day")),
    ("On the same day, a strike killed 5", DEC16, day(D(2018, 12, 16), "On the same day")),
    ("Over the past weeks, tens of the civilians were martyred", DEC16,
     (None, D(2018, 12, 16), "week", "Over the past weeks", None)),
    ("Earlier in the day, SANA reported another strike", NOV15, (None, None, "day", "Earlier in the day", "11-15")),
    ("Earlier in the day, SANA reported another strike", UNDATED, unknown("Earlier in the day")),
    ("Two days later, warplanes killed 5 in Hajin", UNDATED, unknown("Two days later")),
    ("Over the past weeks, tens of the civilians were martyred", UNDATED, unknown("Over the past weeks")),
])
def test_relative_to_the_previous_event(sentence, previous, expected):
    assert brief(date_window(sentence, published=None, previous=previous)) == expected


@pytest.mark.parametrize("sentence, expected", [
    # the earlier event: on or before the day before publication
    ("The raids came a day after a bakery was hit, killing six", (None, D(2019, 2, 11), "before", "a day after",
                                                                  None)),
    ("The raid came two days after the massacre that killed 12", (None, D(2019, 2, 10), "before", "two days after",
                                                                 None)),
    # the later event: on or before publication
    ("Two days later, warplanes killed 5 in the town", (None, PUB, "before", "Two days later", None)),
    ("Hours after the first strike a second one killed 5", (None, PUB, "before", "Hours after", None)),
])
def test_a_shift_from_an_undated_event_is_bounded_by_publication(sentence, expected):
    assert brief(date_window(sentence, published=PUB, previous=None)) == expected
    assert brief(date_window(sentence, published=PUB, previous=UNDATED)) == expected


def test_a_previous_window_at_the_edge_of_the_calendar_gives_unknown():
    edge = DateWindow(D(1, 1, 1), D(1, 1, 1), "day", "x")
    assert brief(date_window("Two days earlier, jets struck", published=None, previous=edge)) == unknown(
        "Two days earlier")


def test_publication_comes_before_the_previous_event_for_past_weeks():
    w = date_window("Over the past weeks, strikes killed 40", published=PUB, previous=DEC16)
    assert (w.date_min, w.date_max) == (D(2019, 1, 1), PUB)


def test_earlier_in_the_day_prefers_the_previous_event_to_publication():
    w = date_window("Earlier in the day, SANA reported another strike", published=PUB, previous=DEC16)
    assert (w.date_min, w.date_max) == (D(2018, 12, 16), D(2018, 12, 16))


# ---------------------------------------------------------------- what is no event date

@pytest.mark.parametrize("sentence", [
    "",
    "Twenty civilians have been killed in airstrikes in the town of Hajin",
    "The US-led coalition has been conducting airstrikes inside Syria since September 2014, without any authorization",
    "since 2014",
    "until March 2017 the town was held by ISIS",
    "The U.S. has trained proxy fighters there for the past several years",
    "The siege has lasted for the past two weeks",
    "His radio show can be found every Monday night 9 pm EST at UCYTV",
    "each Friday, protesters gather",
    "Talks resume next Friday",
    # a date word before a participle and its "by" / "of" / "from" tells when that happened, not the event
    "Shelling has killed dozens in a district recently retaken from the rebels",
    "Two died in a village recently captured by the militia",
    "Talks resume later this week",
    "The UN Security Council should implement resolution No.2253",
    "its occupation of more than 30 percent of Syrian territory",
    "2253",
    "a 34-mile zone surrounding that facility",
    "the second strike within 48 hours",
    "The attack was conducted by 4 U.S. warplanes",
    "More than 256 thousand students take exams",
    "Theresa May said the strikes were legal",
    "the strikes may have killed civilians",
    "troops march on Raqqa",
    "Articles 1159 By Hamda Mustafa",
    "February 30, 2019",
    "on 31 April 2018 jets struck",
    "the 2016 offensive on Manbij",
    "Fridays are quiet in Hajin",
    "day after day the strikes continue",
    "tens of civilians, 1,200 people, 9 pm",
    " date 2019-01-20 The Syrian government has called on the Security Council",
    "Published: 12 February 2019",
    "the siege lasted for 24 hours",
    "Sundays the market is closed",
    "on Mondays the schools close",
])
def test_no_event_date(sentence):
    assert date_window(sentence, published=PUB) is None


# ---------------------------------------------------------------- several expressions

@pytest.mark.parametrize("sentence, published, previous, text, window", [
    (("The Syrian Ministry, in two separate letters addressed to the Security Council on Saturday, stated that the "
      "Friday airstrikes by the US-led coalition against Hajin claimed the lives of at least 26 civilians"),
     D(2018, 11, 24), None, "Friday", (D(2018, 11, 23), D(2018, 11, 23))),
    ("SANA reported on Saturday that warplanes killed 20 people on Friday", PUB, None, "on Friday",
     (D(2019, 2, 8), D(2019, 2, 8))),
    ("The ministry said on Monday that the strike on Sunday killed 12", PUB, None, "on Sunday",
     (D(2019, 2, 10), D(2019, 2, 10))),
    ("Warplanes killed 12 people yesterday (December 16) in Hajin", D(2018, 12, 17), None, "December 16",
     (D(2018, 12, 16), D(2018, 12, 16))),
    ("On Tuesday, 12 February, warplanes struck a market", PUB, None, "On Tuesday, 12 February", (PUB, PUB)),
    ("The coalition, which has bombed Syria since September 2014, killed 12 people on Friday", PUB, None,
     "on Friday", (D(2019, 2, 8), D(2019, 2, 8))),
    ("The strikes, which killed 30 on December 3, came a week after a raid on Hajin", PUB, AUG1, "on December 3",
     (D(2018, 12, 3), D(2018, 12, 3))),
    ("In a statement on Monday, CENTCOM said a strike on 3 February killed four civilians", PUB, None,
     "on 3 February", (D(2019, 2, 3), D(2019, 2, 3))),
    ("Published: 2019-02-12 Airstrikes killed 20 people on Friday", PUB, None, "on Friday",
     (D(2019, 2, 8), D(2019, 2, 8))),
    # the expression nearest a casualty word wins over one nearest an attack word
    ("On Monday and Tuesday nine people died in shelling near the village, the scene of a raid in March", PUB,
     None, "On Monday and Tuesday", (D(2019, 2, 11), PUB)),
    ("A week after the bombing of the bridge a farmer was killed by a mine on Sunday", PUB, None, "on Sunday",
     (D(2019, 2, 10), D(2019, 2, 10))),
    ("Mortars killed six people over the weekend and the district saw more shelling Monday", PUB,
     None, "over the weekend", (D(2019, 2, 9), D(2019, 2, 10))),
    # "X came after Y ...": the sentence dates Y, X was reported before it
    ("Fridays attack came after a car bombing killed at least 100 people on Sunday", PUB, None, "on Sunday",
     (D(2019, 2, 10), D(2019, 2, 10))),
])
def test_the_expression_nearest_the_attack_wins(sentence, published, previous, text, window):
    w = date_window(sentence, published=published, previous=previous)
    assert w is not None and w.text == text and (w.date_min, w.date_max) == window


# ---------------------------------------------------------------- days joined, runs of days

@pytest.mark.parametrize("sentence, published, expected", [
    ("Eight fighters died on Friday and Saturday in clashes", PUB,
     (D(2019, 2, 8), D(2019, 2, 9), "days", "on Friday and Saturday", None)),
    ("The monitor said that on Sunday and on Monday shelling killed 9", PUB,
     (D(2019, 2, 10), D(2019, 2, 11), "days", "on Sunday and on Monday", None)),
    ("Fighting from Saturday to Monday left 40 dead", PUB,
     (D(2019, 2, 9), D(2019, 2, 11), "days", "Saturday to Monday", None)),
    ("Raids killed 20 on Thursday or Friday", PUB,
     (D(2019, 2, 7), D(2019, 2, 8), "days", "on Thursday or Friday", None)),
    ("The toll was 11 between 4 February and 6 February", PUB,
     (D(2019, 2, 4), D(2019, 2, 6), "days", "4 February and 6 February", None)),
    # weekdays are listed in order: published on a Tuesday, "Tuesday and Wednesday" are those of the week before
    ("Forty were wounded on Tuesday and Wednesday", PUB,
     (D(2019, 2, 5), D(2019, 2, 6), "days", "on Tuesday and Wednesday", None)),
    # a run of days whose toll the sentence gives
    ("Shelling hit the old town on Tuesday in a second day of raids that has killed 17 people", PUB,
     (D(2019, 2, 11), PUB, "days", "on Tuesday", None)),
    ("Shelling hit the town on Monday, the third straight day of an assault which has left 50 dead", PUB,
     (D(2019, 2, 9), D(2019, 2, 11), "days", "on Monday", None)),
])
def test_days_joined_or_run_make_one_window(sentence, published, expected):
    assert brief(date_window(sentence, published=published)) == expected


@pytest.mark.parametrize("sentence, published, expected", [
    # each day its own toll: the day nearest the figure
    ("Two died on Monday and three on Tuesday", PUB, day(D(2019, 2, 11), "on Monday")),
    # the toll of the day, not of the run
    ("Shelling killed eight on Thursday, the fourth day of the siege", PUB, day(D(2019, 2, 7), "on Thursday")),
    ("Rockets killed five people on Monday in the third day of heavy fighting", PUB,
     day(D(2019, 2, 11), "on Monday")),
    # a day a source spoke is not joined to the event's
    ("Nine were killed on Sunday the ministry said on Monday", PUB, day(D(2019, 2, 10), "on Sunday")),
])
def test_days_not_joined(sentence, published, expected):
    assert brief(date_window(sentence, published=published)) == expected


# ---------------------------------------------------------------- the day a source spoke

@pytest.mark.parametrize("sentence, published, expected", [
    ("told SANA on Friday that 20 people were killed", D(2019, 1, 20),
     (None, D(2019, 1, 18), "before", "on Friday", None)),
    ("Five civilians were killed a monitoring group said on Tuesday", PUB, (None, PUB, "before", "on Tuesday", None)),
    ("The Observatory said Sunday that the toll had risen", PUB, (None, D(2019, 2, 10), "before", "Sunday", None)),
    ("State news agency SANA on Saturday reported that the army advanced", PUB,
     (None, D(2019, 2, 9), "before", "on Saturday", None)),
    ("Also on Monday state news agency SANA said two people were killed", PUB,
     (None, D(2019, 2, 11), "before", "on Monday", None)),
    ("In a statement on Sunday the ministry said 12 civilians were killed", PUB,
     (None, D(2019, 2, 10), "before", "on Sunday", None)),
    ("the center said in its daily news bulletin posted on the ministry website on Friday", PUB,
     (None, D(2019, 2, 8), "before", "on Friday", None)),
    ("The coalition announced in early May it would intensify airstrikes", PUB,
     (None, D(2018, 5, 10), "before", "in early May", None)),
    ("Reports from earlier this year say fighters joined the militia", PUB,
     (None, PUB, "before", "earlier this year", None)),
    ("On November 15 SANA reported that 23 civilians were killed", None,
     (None, None, "day", "On November 15", "11-15")),  # no year: the day and month kept, still no event day
    # a claim is a statement: its day is no event day
    ("The group claimed on Thursday that its fighters had killed 12 soldiers", PUB,
     (None, D(2019, 2, 7), "before", "on Thursday", None)),
    # a phrase of speaking may end with the lead-in "on"
    ("The council called on Wednesday for an inquiry into the strike", PUB,
     (None, D(2019, 2, 6), "before", "on Wednesday", None)),
    # the addressee and the medium may run to eight words
    ("The envoy told his Jordanian counterpart in a phone call on Monday that 9 died", PUB,
     (None, D(2019, 2, 11), "before", "on Monday", None)),
    ("Speaking on Monday the regional governor of the province said nine people were killed", PUB,
     (None, D(2019, 2, 11), "before", "on Monday", None)),
    # a date opening its sentence, then a long speaker and a verb of speaking
    ("Also on Saturday the relief group, which runs clinics in three provinces of the north, said 11 died", PUB,
     (None, D(2019, 2, 9), "before", "on Saturday", None)),
    ("On Wednesday the health directorate of the southern province said nine patients were killed", PUB,
     (None, D(2019, 2, 6), "before", "On Wednesday", None)),
    # a participle after a noun of speaking describes the statement, not an event
    ("In a statement aired by state radio on Friday the ministry said seven soldiers died", PUB,
     (None, D(2019, 2, 8), "before", "on Friday", None)),
])
def test_the_day_a_source_spoke_bounds_the_event(sentence, published, expected):
    assert brief(date_window(sentence, published=published)) == expected


@pytest.mark.parametrize("sentence, published, expected", [
    ("SANA said that 20 people were killed on Friday", PUB, day(D(2019, 2, 8), "on Friday")),
    ("SOHR said air strikes killed 29 people on Sunday", PUB, day(D(2019, 2, 10), "on Sunday")),
    ("Airstrikes killed 12 people Sunday in Hajin, SOHR said", PUB, day(D(2019, 2, 10), "Sunday")),
    ("It said fierce fighting had broken out on Friday night", PUB, day(D(2019, 2, 8), "on Friday night")),
    ("On November 15, local reports claimed warplanes had killed 23 civilians", D(2018, 11, 20),
     day(D(2018, 11, 15), "On November 15")),
    ("SANA reported on Saturday that warplanes killed 20 people on Friday", PUB, day(D(2019, 2, 8), "on Friday")),
    # the date follows an event verb of its own, not the word of speaking
    ("An official said it happened on Monday", PUB, day(D(2019, 2, 11), "on Monday")),
    ("The monitor said fighters seized the village on Friday", PUB, day(D(2019, 2, 8), "on Friday")),
    ("Residents said they heard three explosions on Sunday evening", PUB,
     day(D(2019, 2, 10), "on Sunday evening")),
    # the date closes a clause of an event, and the speaker comes after the verb
    ("An assault on the checkpoint was beaten back on Sunday morning said an officer", PUB,
     day(D(2019, 2, 10), "on Sunday morning")),
    ("Rebels battled troops near the dam on Thursday a monitoring group said", PUB, day(D(2019, 2, 7), "on Thursday")),
    # a date opening its sentence, then an event before the verb of speaking
    ("On Friday the army pushed into the eastern districts of the town, state media reported", PUB,
     day(D(2019, 2, 8), "On Friday")),
    ("On Sunday rebels and troops fought in the old city of the provincial capital a monitor said", PUB,
     day(D(2019, 2, 10), "On Sunday")),
    # a casualty verb right after the date: the day the fire killed
    ("The agency said mortar fire on the vegetable market on Wednesday killed six people", PUB,
     day(D(2019, 2, 6), "on Wednesday")),
    # a weekday owning the event ("Tuesdays attacks") is the event's day, even after a claim
    ("The militia claimed responsibility for Sundays bombings near the port", PUB, day(D(2019, 2, 10), "Sundays")),
    # a claim word after the date leaves the date to the event
    ("On Monday it is claimed jets hit a bakery killing four", PUB, day(D(2019, 2, 11), "On Monday")),
])
def test_an_event_day_beside_words_of_speaking(sentence, published, expected):
    assert brief(date_window(sentence, published=published)) == expected


def test_the_day_a_source_spoke_anchors_what_it_says_relative_to_now():
    w = date_window("At least 70 fighters have been killed in 24 hours a monitor said Thursday", published=PUB)
    assert brief(w) == (D(2019, 2, 6), D(2019, 2, 7), "days", "in 24 hours", None)


# ---------------------------------------------------------------- datelines

@pytest.mark.parametrize("text, expected", [
    ("Wednesday 27 Jul 2016 Syria regime bombing kills 16 in Aleppo", ["Wednesday 27 Jul 2016"]),
    ("Car bomb kills 34 in Hama AFP Friday 20 Jun 2014 A car bomb killed 34 people", ["Friday 20 Jun 2014"]),
    ("8 persons killed in rocket attacks on Aleppo city 6 October 2016 Aleppo SANA-Terrorists fired shells",
     ["6 October 2016"]),
    ("05-09-2013 Damascus Car bomb Kills Four .", ["05-09-2013"]),
    ("Date of publication 7 April 2017 A salvo of missiles struck an airbase", ["7 April 2017"]),
    ("Last updated at Jun 182016 BEIRUT At least seven people died", ["Jun 182016"]),
    ("Published: 2019-02-12 Airstrikes killed 20 people on Friday", ["2019-02-12"]),
])
def test_dateline_spans(text, expected):
    assert [text[a:b] for a, b in dateline_spans(text)] == expected


@pytest.mark.parametrize("text", [
    "On 3 March 2017, a raid on al-Mayadin killed nine",
    "Since September 2014 the coalition has bombed Syria",
    "Strikes killed 12 people on Friday in Hajin",
    "the raid of 3 March killed nine",  # no year
    "x" * 400 + " 12 February 2019",  # past the head
    "",
])
def test_no_dateline(text):
    assert dateline_spans(text) == []


def test_a_dateline_is_no_event_date():
    text = "Wednesday 27 Jul 2016 Regime bombing kills 16 in Aleppo AFP Air strikes killed 16 civilians a monitor said."
    assert date_window(text, published=D(2016, 7, 27), skip=dateline_spans(text)) is None
    w = date_window(text, published=D(2016, 7, 27), skip=dateline_spans(text, offset=100), offset=100)
    assert w is None
    assert date_window(text, published=D(2016, 7, 27)).text == "Wednesday 27 Jul 2016"  # read when not skipped
    lead = "Wednesday 27 Jul 2016 Air strikes killed 16 civilians on Wednesday a monitor said."
    w = date_window(lead, published=D(2016, 7, 27), skip=dateline_spans(lead))
    assert brief(w) == day(D(2016, 7, 27), "on Wednesday")


# ---------------------------------------------------------------- spans

@pytest.mark.parametrize("sentence", [
    "Around midnight on Friday, U.S.-led coalition warplanes conducted airstrikes",
    "On August 1st, 2017, the international coalition warplanes committed a heinous massacre",
    "This attack took place in less than 48 hours after shelling Aysha Hospital",
    "Friday’s strikes are a sign",
    "A view of Deir ez-Zor, Syria, Friday, Sept. 15, 2017. (AP Photo)",
    "strikes ‘on 3 March’ killed nine",
])
@pytest.mark.parametrize("offset", [0, 1, 977])
def test_spans_index_the_article(sentence, offset):
    article = "x" * offset + sentence + " The end."
    w = date_window(sentence, published=PUB, previous=AUG1, offset=offset)
    assert w is not None and w.start is not None and w.end is not None
    assert sentence[w.start - offset:w.end - offset] == w.text
    assert article[w.start:w.end] == w.text


# ---------------------------------------------------------------- datelines

@pytest.mark.parametrize("text, expected", [
    ("Syria Renews Call for Immediate UNSC Action 12 February 2019 Articles 1159 By Hamda Mustafa", PUB),
    (" date 2019-01-20 The Syrian government has called on the Security Council", D(2019, 1, 20)),
    ("Published: 2019-02-12T10:43:00+00:00\nBEIRUT (Reuters) - Airstrikes killed", PUB),
    ("February 12, 2019 / 10:43 AM / Updated 2 hours ago\nBEIRUT (Reuters) -", PUB),
    ("Tue 12 Feb 2019 10.43 GMT\nAirstrikes on Hajin killed 20", PUB),
    ("Published: 13/02/2019 - 10:43\nBeirut (AFP) - Airstrikes", D(2019, 2, 13)),
    ("Date (dd/mm/yyyy): 12/02/2019\nAirstrikes", PUB),
    ("Date (mm/dd/yyyy): 02/12/2019\nAirstrikes", PUB),
    ("Posted on 12.02.2019 by SOHR", PUB),
    ("Updated: 2019-02-13\nPublished: 2019-02-12\nAirstrikes killed 20", PUB),
    ("Updated: 2019-02-13\nAirstrikes killed 20", D(2019, 2, 13)),
    ("BEIRUT, Feb. 12, 2019 (Xinhua) -- Airstrikes killed 20", PUB),
    ("Last updated at Jun 182016 BEIRUT At least seven people died", D(2016, 6, 18)),  # the space lost
    ("17-05-2016 52 Dead as Rival Groups Clash in Eastern Ghouta", D(2016, 5, 17)),
])
def test_publication_date(text, expected):
    assert publication_date(text) == expected


@pytest.mark.parametrize("text", [
    "",
    "Foreign Ministry: Continued US-led Coalition's crimes against Syrian civilians",
    "On August 1st, 2017, the international coalition warplanes committed a heinous massacre",
    "Since September 2014 the coalition has bombed Syria",
    "Published: 12/02/2019",  # 12 February or 2 December: no label says which
    "Published: February 30, 2019",
    "The coalition announced in early May it would intensify airstrikes",
    "x" * 400 + " Published: 2019-02-12",  # past the head of the text
    "Resolution No.2253 was adopted 17 December",
    "05-11-2014 Mortar Attack Targets School",  # 5 November or 11 May: no label says which
])
def test_no_publication_date(text):
    assert publication_date(text) is None


# ---------------------------------------------------------------- years for context

@pytest.mark.parametrize("text, expected", [
    ("On August 1st, 2017, warplanes struck; the coalition has bombed Syria since September 2014.", [2017, 2014]),
    ("12 February 2019 and 2019-01-20 and 13/02/2019", [2019, 2019, 2019]),
    ("in May 2017 and again in June 2017", [2017, 2017]),
    ("in 2016, resolution No.2253, 30 percent, 1,200 people, 2019", []),  # bare numbers are not dates
    ("February 30, 2019", []),
    ("December 16th, 1999 and January 1st, 2040", []),  # outside 2000-2035
    ("", []),
])
def test_years_in(text, expected):
    assert years_in(text) == expected


def test_years_in_can_leave_out_period_bounds():
    text = "The coalition has bombed Syria since September 2014. On August 1st, 2017, jets struck."
    assert years_in(text) == [2014, 2017]
    assert years_in(text, periods=False) == [2017]


# ---------------------------------------------------------------- hostile text

@pytest.mark.parametrize("text", [
    "",
    " ",
    "\x00\x01\x02",
    "\u202e\u200b\ufeff on Friday \u202c",
    "ﬁ 𝟏𝟐 February ٢٠١٩ — ١٢/٠٢/٢٠١٩",
    "İstanbul on 3 March İİİ",  # lower-casing changes the length of this text
    "دير الزور في ١٢ شباط ٢٠١٩",
    "9" * 10_000,
    "2019 " * 2_000,
    "Friday " * 2_000,
    "days after " * 2_000,
    "Friday the monitor said " * 2_000,  # every date beside a word of speaking
    "said on Friday and Saturday " * 2_000,
    "on 31 February 2019, on 0 March, on 99 May, 2019-13-45, 00/00/2019",
    "(" * 5000 + "May 2017" + ")" * 5000,
])
def test_hostile_text_does_not_crash(text):
    for published in (None, PUB):
        w = date_window(text, published=published, previous=AUG1, offset=5)
        if w is not None:
            assert text[w.start - 5:w.end - 5] == w.text
    assert isinstance(years_in(text), list)
    publication_date(text)


def test_text_whose_lower_case_is_longer_keeps_spans():
    sentence = "İİİ strikes on 3 March killed nine"
    w = date_window(sentence, published=PUB)
    assert w is not None and sentence[w.start:w.end] == w.text == "on 3 March"


def test_odd_spaces_and_quotes():
    w = date_window("strikes on\u00a012\u00a0February\u00a02019 killed", published=None)
    assert w is not None and (w.date_min, w.text) == (PUB, "on\u00a012\u00a0February\u00a02019")
    assert date_window("Friday\u2019s strikes", published=PUB).date_min == D(2019, 2, 8)


def test_a_long_text_is_read_whole():
    sentence = "The coalition struck a market on Friday, 8 February 2019, killing 20 civilians. "
    text = (sentence * (100_000 // len(sentence) + 1))[:100_000]
    w = date_window(text, published=PUB)
    assert w is not None and w.date_min == D(2019, 2, 8)
    assert set(years_in(text)) == {2019}


@pytest.mark.parametrize("sentence, expected", [
    ("Local sources told SANA on Friday that 20 people were killed when US-led warplanes bombarded buildings.",
     (None, D(2019, 2, 8), "before", "on Friday", None)),
    ("The coalition has been conducting airstrikes inside Syria since September 2014 without authorization.", None),
    ("Twenty civilians, including women and children, have been killed in airstrikes in the town of Hajin.", None),
    ("On August 1st, 2017, the international coalition warplanes committed a heinous massacre in al-Kashem.",
     day(D(2017, 8, 1), "On August 1st, 2017")),
])
def test_sentences_of_the_sample_corpus(sentence, expected):
    assert brief(date_window(sentence, published=PUB, context_year=2017)) == expected


# ---------------------------------------------------------------- the sample corpus against its reading

def _corpus() -> Path:
    if not (SHARED / "corpus").is_dir() or not (SHARED / "eval" / "seed_gold.jsonl").is_file():
        pytest.skip("the shared sample data is not beside the repository")
    return SHARED


def _sentence(text: str, locator: str) -> tuple[str, int]:
    """The sentence of the text that holds the locator, and its offset."""
    for m in re.finditer(r"[^\n]+?(?:[.!?](?=\s)|$)", text, re.MULTILINE):
        if locator in m.group(0):
            return m.group(0), m.start()
    raise AssertionError(f"no sentence holds {locator!r}")


#: gold id -> (file prefix, a phrase of the sentence that dates it, context year, gold id of the previous event)
CORPUS_CASES = {
    "S01": ("000", "the new massacre committed on Tuesday", None, None),
    "S02": ("001", "the last of which was on December 16th, 2018", None, None),
    "S03": ("001", "Over the past weeks", None, "S02"),
    "S04": ("002", "told Syria’s official news agency SANA on Friday", None, None),
    "S05": ("003", "A few days ago", "years", None),
    "S06": ("003", "on the 22nd of August", "years", None),
    "S07": ("003", "On August 1st, 2017", "years", None),
    "S08": ("003", "This attack took place", "years", "S07"),
    "S09": ("004", "a local market on Saturday", None, None),
    "S10": ("004", "Earlier in the day, SANA reported", None, "S09"),
    "S11": ("004", "Last week, the so-called coalition", None, None),
    "S12": ("004", "On November 15, local reports", None, None),  # its article states no year but a period bound
    "S13": ("004", "with 60 casualties on November 13", None, None),
    "S14": ("004", "the Friday airstrikes", None, None),
    "S15": ("004", "Around midnight on Friday", None, None),
    "S16": ("004", "in Deir al-Zour on Saturday", None, None),
}


def _overlaps(w: DateWindow, lo: dt.date | None, hi: dt.date | None) -> bool:
    """True when two windows share a day; a missing bound is open."""
    return (w.date_max is None or lo is None or lo <= w.date_max) and (w.date_min is None or hi is None
                                                                          or w.date_min <= hi)


def test_corpus_sentences_agree_with_the_reading():
    shared = _corpus()
    gold = {g["id"]: g for g in map(json.loads, (shared / "eval" / "seed_gold.jsonl").read_text("utf-8").splitlines())}
    manifest = {m["file"][:3]: m for m in map(json.loads, (shared / "corpus" / "manifest.jsonl").read_text("utf-8")
                                              .splitlines())}
    assert set(CORPUS_CASES) == set(gold)
    windows: dict[str, DateWindow] = {}
    for gid, (prefix, locator, context, prev) in CORPUS_CASES.items():
        entry = manifest[prefix]
        text = (shared / "corpus" / entry["file"]).read_text("utf-8")
        published = D.fromisoformat(entry["published"]) if entry["published"] else None
        context_year = max(years_in(text, periods=False)) if context == "years" else None
        sentence, offset = _sentence(text, locator)
        w = date_window(sentence, published=published, context_year=context_year,
                        previous=windows.get(prev) if prev else None, offset=offset)
        assert w is not None, gid
        assert text[w.start:w.end] == w.text, gid
        g = gold[gid]
        lo = D.fromisoformat(g["date_min"]) if g.get("date_min") else None
        hi = D.fromisoformat(g["date_max"]) if g.get("date_max") else None
        assert _overlaps(w, lo, hi), (gid, w, lo, hi)
        if g.get("month_day"):
            assert w.month_day == g["month_day"] and w.date_min is None, (gid, w)
        if lo is None and hi is None and not g.get("month_day") and not g.get("vague_date"):
            assert not w.dated, (gid, w)  # the text alone cannot date it: never a guess
        windows[gid] = w
    # where the reading fixes both ends from the text alone, the window says the same
    for gid in ("S01", "S02", "S06", "S07", "S08"):
        assert (windows[gid].date_min, windows[gid].date_max) == (
            D.fromisoformat(gold[gid]["date_min"]), D.fromisoformat(gold[gid]["date_max"])), gid
    assert (windows["S03"].date_min, windows["S03"].date_max) == (None, D(2018, 12, 16))
    assert (windows["S04"].date_min, windows["S04"].date_max) == (None, D(2019, 1, 18))  # the day SANA was told


def test_corpus_article_chain_dates_the_boukamal_shelling():
    """Read 003 sentence by sentence, each window the next one's `previous`, as an article reader does."""
    shared = _corpus()
    text = next((shared / "corpus").glob("003_*.txt")).read_text("utf-8")
    context_year = max(years_in(text))
    previous = None
    found = {}
    for m in re.finditer(r"[^\n]+?(?:[.!?](?=\s)|$)", text, re.MULTILINE):
        w = date_window(m.group(0), published=None, context_year=context_year, previous=previous, offset=m.start())
        if w is not None:
            found[w.text] = w
            previous = w
    assert (found["in less than 48 hours after"].date_min, found["in less than 48 hours after"].date_max) == (
        D(2017, 7, 30), D(2017, 7, 31))
    assert found["on the 22nd of August"].date_min == D(2017, 8, 22)
    assert not found["A few days ago"].dated
    assert "2253" not in " ".join(found)
