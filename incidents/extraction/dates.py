"""The date window of the event a sentence reports, and the dates an article states about itself.

A window is a span of whole days, both ends inclusive (`DateWindow.date_min` .. `date_max`), with a precision:
"day" (one day), "days" (a few days), "week", "month", "year", "before" (no day is given for the event: it happened
on or before `date_max`, the day a source spoke of it or the publication date) or "unknown" (the text dates the
event, but nothing in hand can turn that into days). Unknown is an honest answer: a relative expression ("on
Friday", "last week") in an article whose publication date is unknown gives `DateWindow(None, None, "unknown",
text)`, never a guess.

Conventions:
- Absolute dates are read as written: "December 16th, 2018", "12 February 2019", "Sept. 15, 2017", "2019-01-20",
  "the 22nd of August", "Nov. 12-18", "in May 2017", "in early May" (early 1-10, mid 11-20, late 21-end of month),
  "in 2016". Month and weekday names count only when capitalised ("in May", not "may" nor "MAY"). Impossible dates
  ("February 30, 2019") are ignored.
- A day and month without a year take `context_year` (when it is not after the publication year), else the
  publication year; a date that would fall after publication goes to the year before. With neither, the window
  has no bounds, precision "day", and `month_day` "MM-DD". A stated weekday that contradicts an inferred year
  ("Friday, November 16" in a year where that is a Sunday) also leaves the year open.
- Relative to the publication date: "today", "this morning", "tonight" -> that day; "yesterday" -> the day before;
  "last night", "overnight" -> [pub-1, pub]; "in 24 hours", "over the past 48 hours" -> [pub-1, pub], [pub-2, pub];
  "on Friday", "Friday's strikes", "the Friday airstrikes", "Fridays bombing raids" (an apostrophe lost before an
  event noun, `vocab/dates_event_nouns.txt`) -> the latest Friday on or before publication ("last Friday": strictly
  before); "last week" -> the previous Monday..Sunday;
  "earlier this week" -> Monday..pub; "earlier this month" -> the 1st..pub; "last month" -> that month;
  "recently", "a few days ago" -> [pub-7, pub-1]; "N days ago" -> pub-N; "over the past weeks", "in recent
  weeks" -> [pub-42, pub] ("week").
- Relative to `previous`, the window of the article's previous dated event: "earlier in the day", "the same day",
  "the day before", "two days later", "hours before", "less than 48 hours after" (hours H >= 24 shift by 1 ..
  ceil(H/24) days). In "This attack took place less than 48 hours after shelling X", where an event verb ("took
  place", "came") stands before the shift and no casualty word does, the shift dates X, the earlier event.
  Without `published`, "over the past weeks" is bounded by the previous event: [None, previous.date_max].
  Without a dated previous event, a shift counts back from publication: "The attacks came one day after X" dates X
  on or before the day before publication (`DateWindow(None, pub - 1, "before", ...)`), "Two days later" on or
  before publication.
- Not event dates: a date after "since", "until", "every", "each", "throughout", "next" ("since September 2014",
  "every Monday night"), durations after "for" ("for the past two weeks"), future periods ("later this week"), and
  datelines after a label ("Published: 2019-02-12", "date 2019-01-20").
  Numbers alone are never dates ("resolution No.2253", "30 percent", "48 hours"). "Recently" before a participle
  and its agent tells when that happened ("a town recently freed of the militants", "an area recently seized by").
- The day a source spoke is no event day: a date up to eight words after a word of speaking ("a monitor said on
  Tuesday", "told SANA on Friday", "in a statement on Sunday", "the group claimed on Thursday", "called on Wednesday
  for") or just before a verb of speaking ("SANA on Saturday reported"; a date opening its sentence, before a
  speaker of up to twenty words: "On Saturday the Observatory, which monitors ..., said"),
  `vocab/dates_speech_words.txt`. Not when an event stands between the word of speaking and the date ("said it took
  place Tuesday", "said fighters seized the town on Friday", "said rebel fire on Wednesday killed 13"), nor when the
  date closes a clause of an event and the speaker follows the verb ("the raid was repelled on Saturday, said the
  commander"). It is used only when the sentence dates nothing else, and then bounds the event from above:
  `DateWindow(None, that day, "before", text)`.
  A stated day a source spoke before publication anchors the sentence's expressions relative to publication
  ("killed in 24 hours ... a monitor said Thursday" counts back from Thursday).
- A dateline is no event date either: `dateline_spans` finds the full dates at the head of an article that are not
  introduced by a preposition ("Wednesday 27 Jul 2016 Syria regime bombing kills 16", "6 October 2016 Aleppo
  SANA-"), and `date_window(..., skip=spans)` leaves them out.
- Several expressions in a sentence: the one nearest a casualty word (killed, died, wounded, ...) wins, or in a
  sentence without one, the one nearest an attack word (struck, shelled, airstrike, massacre, ...); ties go to
  absolute dates, then to dates relative to publication, then to the earlier one. An absolute date beside the
  winner (or inside its window) replaces a relative one: both describe the same thing.
  Two days joined ("on Friday and Saturday", "from Monday to Wednesday", "between Nov. 14 to Nov. 17") make one
  window over both; weekdays listed in order ("Tuesday and Wednesday" published on a Tuesday: the week before). A
  day in a run whose toll the sentence gives ("on Wednesday in a second day of bombing that has killed 32") widens
  to the run: Tuesday and Wednesday.
  A shift relative to the previous event yields to any absolute date in the same sentence.
- Spans index the article: `sentence[start - offset:end - offset] == text`. The text includes a leading "on", "in"
  or "around midnight on" ("On November 15", "Around midnight on Friday").
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import math
import re
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .sentences import vocabulary, vocabulary_table

PRECISIONS = ("day", "days", "week", "month", "year", "before", "unknown")
HEAD_CHARS = 400  # publication_date reads the first characters only
DATE_YEARS = range(1900, 2100)  # years accepted in a full date, and for `published` / `context_year`
BARE_YEARS = range(1990, 2036)  # years accepted alone ("in 2016")
CONTEXT_YEARS = range(2000, 2036)  # years years_in reports
NEAR_CHARS = 20  # an absolute date this close to a relative one describes the same thing
LOOKBEHIND_CHARS = 40  # how far back a lead-in ("around midnight on") or a count ("less than 48") is read

# ---------------------------------------------------------------- tables

MONTHS = {m.lower()[:3]: i for i, m in enumerate(calendar.month_name) if m}
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}  # Monday = 0, as date.weekday()
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "twenty-four": 24,
    "thirty": 30, "thirty-six": 36, "forty-eight": 48, "seventy-two": 72,
}
VAGUE_COUNTS = ("a few", "few", "several", "some", "a couple of", "couple of")
MONTH_PARTS = {  # part of a month -> (first day, last day), clipped to the month's length
    "early": (1, 10), "beginning": (1, 10), "start": (1, 10),
    "mid": (11, 20), "middle": (11, 20),
    "late": (21, 31), "end": (21, 31),
}
YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}  # part of a year -> (first month, last month)

#: A participle and its agent after a date word: the date tells when that happened ("an area recently seized by").
PASSIVE_AFTER = re.compile(r"\s+[a-z]+(?:ed|en)\s+(?:by|of|from)(?![a-z])")
#: Words that make the date after them no event date: period bounds, habits, the future.
NON_EVENT_WORDS = frozenset({"since", "until", "till", "every", "each", "throughout", "next", "coming", "upcoming"})
DURATION_WORDS = frozenset({"for"})  # "for the past two weeks" is a duration
FUTURE_WORDS = frozenset({"later"})  # "later this week" lies ahead
LABEL_WORDS = frozenset({"published", "posted", "date", "dated", "issued", "updated", "modified", "pubdate"})
WEEKDAY_WORDS = frozenset(WEEKDAYS)
#: Lead-ins kept in the expression's text (read on the lower-cased text).
LEAD_WORDS = frozenset({"on", "in", "during"})
LEAD_IN = re.compile(
    r"(?:(?<![a-z])(?:(?:around|about|at|shortly\s+(?:after|before)|just\s+(?:after|before))\s+)?"
    r"(?:midnight|noon|dawn|dusk|daybreak)\s+on|(?<![a-z])(?:on|in|during))\s+$")
#: Attack and casualty words: the event a sentence reports sits near them.
ATTACK_WORDS = re.compile(
    r"\b(?:kill(?:s|ed|ing)?|struck|strik(?:e|es|ing)|shell(?:s|ed|ing)?|target(?:s|ed|ing)?|"
    r"bombard(?:s|ed|ing|ments?)?|bomb(?:s|ed|ing|ings)?|air[\s-]*strikes?|air\s+raids?|raids?|massacres?|died|"
    r"dead|deaths?|attack(?:s|ed|ing)?|martyr(?:s|ed|dom)?|wounded|injur(?:ed|ing|ies)|casualt(?:y|ies)|hit)\b")
CASUALTY_WORDS = re.compile(
    r"\b(?:kill(?:s|ed|ing)?|dead|deaths?|died|casualt(?:y|ies)|injur\w*|wounded|martyr\w*|lives)\b")
#: An event verb before "after"/"before": its subject is the event already dated ("This attack took place ...").
EVENT_VERB = re.compile(r"\b(?:took\s+place|takes\s+place|came|comes?|happened|occurred|followed|"
                        r"was\s+carried\s+out)\b")


def _words_pattern(words: Sequence[str]) -> str:
    """An alternation of vocabulary entries, longest first, spaces matching any run of spaces."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


#: After a weekday that lost its possessive apostrophe ("Fridays bombing raids"): an event noun within two words.
POSSESSED = re.compile(r"\s+(?:[a-z-]+\s+){0,2}?(?:" + _words_pattern(vocabulary("dates_event_nouns")) + ")")
_SPEECH = vocabulary_table("dates_speech_words")
SPEECH_WORDS = frozenset(w for kind in _SPEECH.values() for w in kind)
SPEAKER_WORDS = 8  # words between a word of speaking and the day it was said ("told ... in a telephone call on")
SPEAKER_CHARS = 100  # characters read back from a date for a word of speaking
#: Before a date: a word of speaking, then at most SPEAKER_WORDS words (a speaker, "in a statement"), read backwards.
_SPOKEN_AFTER = [*_SPEECH["verb"], *_SPEECH["noun"], *_SPEECH["claim"]]  # words a spoken date may follow
_SPOKEN_AFTER_SET = frozenset(_SPOKEN_AFTER)
_SPOKEN_AFTER_FIRST = frozenset(w.split()[0] for w in _SPOKEN_AFTER)  # first words, for a quick look
_VERB_FIRST = frozenset(w.split()[0] for w in _SPEECH["verb"])
SPEECH_AFTER_CHARS = 400  # characters read after a date for a verb of speaking (the long speaker of an opener)
SPEECH_BEFORE = re.compile(rf"(?<![a-z])(?P<word>{_words_pattern(_SPOKEN_AFTER)})"
                           rf"(?:\s+[^\s]+){{0,{SPEAKER_WORDS}}}?\s*,?\s*$")
#: After a date: a verb of speaking, at most four words (the speaker) on ("SANA on Saturday reported", "Also on
#: Monday state news agency SANA said").
SPEECH_AFTER = re.compile(rf"\s*,?\s*(?P<speaker>(?:[^\s]+\s+){{0,4}}?)(?:{_words_pattern(_SPEECH['verb'])})(?![a-z])")
#: After a date opening its sentence: a verb of speaking after a long speaker ("On Saturday the Observatory, which
#: monitors the war through a network of sources, said").
OPENER_SPEAKER_WORDS = 20
SPEECH_AFTER_OPENER = re.compile(rf"\s*,?\s*(?P<speaker>(?:[^\s]+\s+){{0,{OPENER_SPEAKER_WORDS}}}?)"
                                 rf"(?:{_words_pattern(_SPEECH['verb'])})(?![a-z])")
#: Words that may stand before a date opening its sentence ("But on Saturday", "Also Monday", "Earlier on Friday").
OPENER_CHARS = 30  # a date opening its sentence starts within these characters
OPENERS = frozenset({"but", "also", "and", "meanwhile", "earlier", "later", "separately", "elsewhere"})
#: A verb in the past tense, written in lower case (so no name): "said fighters seized the town on Friday" tells
#: of an event between the word of speaking and the date.
PAST_TENSE = re.compile(r"(?<![\w-])[a-z]{2,}ed(?![\w-])")
#: Nouns of an event ("two blasts", "the attack"), `vocab/dates_event_nouns.txt`.
EVENT_NOUN = re.compile(r"(?<![a-z])(?:" + _words_pattern(vocabulary("dates_event_nouns")) + r")(?:s|es)?(?![a-z])")
#: Attack and casualty words, event verbs and nouns, in one pass.
EVENTFUL = re.compile("|".join(f"(?:{p.pattern})" for p in (ATTACK_WORDS, EVENT_VERB, EVENT_NOUN)))
#: A casualty or attack verb right after a date: the date is the event's ("fire on Hamdaniyeh on Wednesday killed").
DONE_ON_THE_DAY = re.compile(r"\s*,?\s*(?:kill(?:s|ed)?|wound(?:s|ed)?|injur(?:e|es|ed)|left|struck|hit|"
                             r"claimed\s+the\s+lives?)(?![a-z])")
#: Words ending in "ed" that are no verb of an event.
NOT_PAST_TENSE = frozenset({"hundred", "indeed", "armed", "based", "speed", "need", "seed", "feed", "red"})
#: Between two days of one window: "on Friday and Saturday", "from Monday to Wednesday", "on Friday or Saturday".
DAY_JOIN = re.compile(r"\s*,?\s*(?:and|or|to|through|into)\s+(?:(?:on|late|early)\s+)?")
JOINED_DAYS = 7  # two days joined this far apart at most make one window
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
            "tenth": 10}
#: A toll over the days a run of attacks has lasted: "in a second day of renewed bombing that has killed at least
#: 32", "the fifth consecutive day of an offensive which has left dozens dead".
RUN_OF_DAYS = re.compile(
    r"(?<![a-z0-9])(?P<n>" + "|".join(ORDINALS) + r"|[0-9]{1,2}(?:st|nd|rd|th))\s+"
    r"(?:(?:straight|consecutive|successive)\s+)?day\s+(?:in\s+a\s+row\s+)?of\s+(?:[a-z-]+\s+){0,4}?"
    r"(?:that|which)\s+(?:has|have|had)\s+(?:now\s+)?(?:killed|left|claimed)(?![a-z])")
#: "X came after Y ...": X is the event already reported, the sentence dates Y.
CAME_AFTER = re.compile(r"\b(?:came|comes|come|took\s+place|happened|occurred)\s+(?:just\s+|only\s+)?"
                        r"(?:after|before)\b")
#: Words that end a speaker: a date after them is the event's ("said that 20 were killed on Friday").
NOT_SPEAKER = re.compile(r"(?<![a-z])(?:that|when|as|after|before|while|and|but|had|has|have|was|were|is|are|been|"
                         r"will|would)(?![a-z])|[0-9]")
#: The kinds of date a source may be said to have spoken on (a shift from another event is no such day).
SPOKEN_KINDS = frozenset({"dmy", "mdy", "iso", "numeric", "month", "year", "weekday", "rule"})

# ---------------------------------------------------------------- patterns
# Month and weekday names are matched as written (capitalised); everything else on the lower-cased text (same
# length, so the same spans). Each pattern starts with a literal so that scanning stays fast; what may stand before
# it ("Friday, ", "the", "early", "in", "less than 48") is read by a second pattern anchored at the match's start.

_MON = (r"(?P<mon>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|"
        r"Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)(?![A-Za-z])")
_WD = r"(?P<wd>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
_DAY = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?(?![0-9])"
_DAY2 = r"(?:\s*[-\u2013\u2014]\s*(?P<day2>[0-9]{1,2})(?:st|nd|rd|th)?(?![0-9]))?"
_YEAR = r"(?P<year>(?:19|20)[0-9]{2})(?![0-9])"
#: A year said relative to publication after a month or a day ("August last year", "12 May of this year").
_REL_YEAR = r"\s+(?:of\s+)?(?P<rel>last|this)\s+year(?![A-Za-z])"
_NUM = r"(?P<n>[0-9]{1,4}|" + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True)) + ")"
_VAGUE = "(?P<vague>" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in VAGUE_COUNTS) + ")"
_COUNT_BEFORE = rf"(?<![a-z0-9-])(?:{_NUM}|{_VAGUE})\s+$"
MONTH_KEYS = tuple(m[:3] for m in calendar.month_name[1:])  # "Jan" ... "Dec", as written
YEAR_KEYS = ("19", "20")
SHIFT_KEYS = ("before", "after", "earlier", "later")
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


@dataclass(frozen=True)
class _Rule:
    """How a fixed relative expression becomes a window."""

    anchor: str  # "published" or "previous": the date it counts from
    shape: str  # "offset" (lo..hi days from the anchor) or a calendar shape ("this_week", "last_month", ...)
    lo: int = 0
    hi: int = 0
    precision: str = "day"
    fallback: str | None = None  # when the anchor is missing: "published", "previous", or "previous_max"


@dataclass(frozen=True)
class _Family:
    """One kind of date expression: its pattern, the substrings without which it cannot match, what may precede it."""

    kind: str
    core: re.Pattern[str]
    keys: tuple[str, ...]  # substrings one of which the text must have (as written when `cased`, else lower-cased)
    cased: bool = False  # the core matches the text as written (month and weekday names)
    before: re.Pattern[str] | None = None  # read backwards from the core's start
    before_words: frozenset[str] | None = None  # ... only when the word before the core is one of these
    before_cased: bool = False
    needs_before: bool = False
    rule: _Rule | None = None


_P, _V = "published", "previous"
ABSOLUTE_KINDS = ("dmy", "mdy", "month", "year", "iso", "numeric")
FAMILIES: tuple[_Family, ...] = (
    _Family("mdy", re.compile(rf"{_MON}\s+(?:the\s+)?{_DAY}{_DAY2}(?:,?\s+{_YEAR}|{_REL_YEAR})?"), MONTH_KEYS, cased=True,
            before=re.compile(rf"{_WD},?\s+$"), before_words=WEEKDAY_WORDS, before_cased=True),
    # the space between day and year lost ("Last updated at Jun 182016")
    _Family("mdy", re.compile(rf"{_MON}\s+(?P<day>[0-3]?[0-9]){_YEAR}"), MONTH_KEYS, cased=True),
    _Family("dmy", re.compile(rf"{_DAY}{_DAY2}(?:\s+of)?\s+{_MON}(?:,?\s+{_YEAR}|{_REL_YEAR})?"), MONTH_KEYS, cased=True,
            before=re.compile(rf"(?:{_WD},?\s+)?(?:[Tt]he\s+)?$"), before_words=WEEKDAY_WORDS | {"the"},
            before_cased=True),
    _Family("month", re.compile(rf"{_MON}(?:,?\s+{_YEAR}|{_REL_YEAR})?"), MONTH_KEYS, cased=True,
            before=re.compile(r"(?<![a-z])(?P<part>early|mid|late|the\s+(?:beginning|start|middle|end)\s+of)[\s-]*$"),
            before_words=frozenset({"early", "mid", "late", "of"})),
    _Family("year", re.compile(_YEAR), YEAR_KEYS, cased=True,
            before=re.compile(r"(?<![a-z])(?:in|during)\s+(?:(?P<part>early|mid|late)[\s-]*)?$"),
            before_words=frozenset({"in", "during", "early", "mid", "late"}), needs_before=True),
    _Family("iso", re.compile(r"(?P<year>(?:19|20)[0-9]{2})(?P<sep>[-/.])(?P<mon>[01]?[0-9])(?P=sep)"
                              r"(?P<day>[0-3]?[0-9])(?![0-9])"), YEAR_KEYS, cased=True),
    _Family("numeric", re.compile(r"(?P<a>[0-9]{1,2})(?P<sep>[/.-])(?P<b>[0-9]{1,2})(?P=sep)"
                                  r"(?P<year>(?:19|20)[0-9]{2})(?![0-9])"), YEAR_KEYS, cased=True),
    _Family("weekday", re.compile(rf"{_WD}(?P<poss>s)?(?:\s+(?:morning|afternoon|evening|night))?(?![A-Za-z])"),
            ("day",),
            cased=True, before=re.compile(r"(?<![a-z])(?:(?P<mod>last|this\s+past|past|this)\s+)?"
                                          r"(?:(?:late|early)\s+)?$"),
            before_words=frozenset({"last", "past", "this", "late", "early"})),
    _Family("ago", re.compile(r"(?P<unit>hour|day|week|month|year)s?\s+ago(?![a-z])"), ("ago",),
            before=re.compile(_COUNT_BEFORE)),
    _Family("hours", re.compile(rf"{_NUM}\s+hours(?![a-z])"), ("hours",),
            before=re.compile(r"(?<![a-z])(?:in|over|during)\s+(?:the\s+)?(?:(?:past|last)\s+)?$"),
            before_words=frozenset({"in", "over", "during", "the", "past", "last"}), needs_before=True),
    _Family("past_n", re.compile(rf"(?:past|last)\s+{_NUM}\s+(?P<unit>day|week|month)s(?![a-z])"), ("past", "last"),
            before=re.compile(r"(?<![a-z])(?:(?:in|over|during)\s+)?the\s+$"), before_words=frozenset({"the"}),
            needs_before=True),
    _Family("shift", re.compile(r"(?P<unit>hour|day|week)(?P<plural>s)?\s+(?P<dir>before|after|earlier|later)"
                                r"(?![a-z])"), SHIFT_KEYS,
            before=re.compile(r"(?<![a-z0-9-])(?P<q>(?:in\s+)?(?:less\s+than|fewer\s+than|under|within|"
                              rf"no\s+more\s+than)\s+)?(?:{_NUM}|{_VAGUE})\s+$")),
    *(_Family("rule", re.compile(p), keys, rule=r) for p, keys, r in (
        (r"\b(?:(?:earlier|later)\s+)?today\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b",
         ("today", "tonight", "morning", "afternoon", "evening"), _Rule(_P, "offset", 0, 0, "day")),
        (r"\byesterday(?P<poss>s)?(?:\s+(?:morning|afternoon))?\b", ("yesterday",),
         _Rule(_P, "offset", -1, -1, "day")),
        (r"\b(?:last|yesterday)\s+(?:night|evening)\b|\bovernight\b", ("night", "evening"),
         _Rule(_P, "offset", -1, 0, "days")),
        (r"\brecently\b|\bthe\s+other\s+day\b", ("recently", "other day"), _Rule(_P, "offset", -7, -1, "days")),
        (rf"\b(?:(?:in|over|during)\s+)?the\s+(?:past|last)\s+(?:{_VAGUE}\s+)?days\b|\bin\s+recent\s+days\b",
         ("days",), _Rule(_P, "offset", -7, 0, "days")),
        (r"\b(?:(?:in|over|during)\s+)?the\s+(?:past|last)\s+week\b", ("past week", "last week"),
         _Rule(_P, "offset", -7, 0, "week")),
        (rf"\b(?:(?:in|over|during)\s+)?the\s+(?:past|last|recent)\s+(?:{_VAGUE}\s+)?weeks\b|\bin\s+recent\s+weeks\b",
         ("weeks",), _Rule(_P, "offset", -42, 0, "week", fallback="previous_max")),
        (rf"\b(?:(?:in|over|during)\s+)?the\s+(?:past|last|recent)\s+(?:{_VAGUE}\s+)?months\b|\bin\s+recent\s+months\b",
         ("months",), _Rule(_P, "offset", -183, 0, "month", fallback="previous_max")),
        (r"\b(?:earlier\s+)?this\s+week\b", ("this week",), _Rule(_P, "this_week", precision="week")),
        (r"\blast\s+week\b", ("last week",), _Rule(_P, "last_week", precision="week")),
        (r"\b(?:(?:over|at|during)\s+the|last|this\s+past)\s+weekend\b", ("weekend",),
         _Rule(_P, "weekend", precision="days")),
        (r"\b(?:earlier\s+)?this\s+month\b", ("this month",), _Rule(_P, "this_month", precision="month")),
        (r"\blast\s+month\b", ("last month",), _Rule(_P, "last_month", precision="month")),
        (r"\b(?:earlier\s+)?this\s+year\b", ("this year",), _Rule(_P, "this_year", precision="year")),
        (r"\blast\s+year\b", ("last year",), _Rule(_P, "last_year", precision="year")),
        (r"\b(?:earlier|later)\s+(?:in|on)\s+the\s+day\b", ("the day",), _Rule(_V, "offset", fallback=_P)),
        (r"\b(?:earlier|later)\s+that\s+day\b|\b(?:on\s+)?(?:the|that)\s+(?:very\s+)?same\s+(?:day|night)\b",
         ("that day", "same"), _Rule(_V, "offset")),
        (r"\bthe\s+(?:previous|preceding)\s+(?:day|night)\b|\bthe\s+(?:day|night)\s+before\b",
         ("previous", "preceding", "before"), _Rule(_V, "offset", -1, -1)),
        (r"\bthe\s+(?:next|following)\s+day\b|\bthe\s+day\s+after\b", ("next day", "following day", "day after"),
         _Rule(_V, "offset", 1, 1)),
    )),
)
CALENDAR_THIS = ("this_week", "this_month", "this_year")


_KeyTree = tuple[tuple[str, frozenset[int], tuple[tuple[str, frozenset[int]], ...]], ...]


def _key_tree(cased: bool, groups: tuple[str, ...]) -> _KeyTree:
    """Trigger substrings -> the positions in FAMILIES of the families they may start, as a tree: a key holding a
    group word ("yesterday" holds "day") is looked for only when that word is there."""
    index: dict[str, set[int]] = {}
    for i, family in enumerate(FAMILIES):
        if family.cased == cased:
            for k in family.keys:
                index.setdefault(k, set()).add(i)
    tree: dict[str, list[str]] = {}
    for k in index:
        tree.setdefault(next((g for g in groups if g in k), k), []).append(k)
    return tuple((root, frozenset(index.get(root, ())), tuple((k, frozenset(index[k])) for k in keys if k != root))
                 for root, keys in tree.items())


KEY_GROUPS = ("day", "week", "month", "year", "night", "after", "before", "last", "past")
CASED_KEYS, LOWER_KEYS = _key_tree(True, ()), _key_tree(False, KEY_GROUPS)

# publication_date
PUBLISHED_LABEL = re.compile(
    r"\b(?:published|posted|date[d]?|issued|first\s+published|pubdate)\b(?:\s+(?:on|at))?\s*[:|\-\u2013]?\s*$")
UPDATED_LABEL = re.compile(r"\b(?:updated|modified|last\s+updated)\b(?:\s+(?:on|at))?\s*[:|\-\u2013]?\s*$")
EVENT_PREPOSITION = re.compile(
    r"\b(?:on|since|in|until|till|by|from|of|before|after|during|through|to|and|between)\s+$")
DAY_FIRST_HINT = re.compile(r"\bdd?[/.-]mm?[/.-]yy(?:yy)?\b")
MONTH_FIRST_HINT = re.compile(r"\bmm?[/.-]dd?[/.-]yy(?:yy)?\b")

# ---------------------------------------------------------------- the value object


@dataclass(frozen=True)
class DateWindow:
    """The days an event may have happened on, as the text dates it."""

    date_min: dt.date | None
    date_max: dt.date | None
    precision: str  # one of PRECISIONS
    text: str  # the expression as written ("" if none)
    start: int | None = None  # span of `text` in the article
    end: int | None = None
    month_day: str | None = None  # "MM-DD" when day and month are stated but no year can be fixed

    def __post_init__(self) -> None:
        for name in ("date_min", "date_max"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
                raise ValueError(f"{name} must be a datetime.date or None, got {value!r}")
        if self.date_min is not None and self.date_max is not None and self.date_min > self.date_max:
            raise ValueError(f"date_min {self.date_min} is after date_max {self.date_max}")
        if self.precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, got {self.precision!r}")
        if not isinstance(self.text, str):
            raise ValueError(f"text must be a string, got {self.text!r}")  # noqa: TRY004 - a value object's field
        if (self.start is None) != (self.end is None):
            raise ValueError(f"start and end must both be set or both be None, got {self.start!r}, {self.end!r}")
        if self.start is not None and self.end is not None and not 0 <= self.start <= self.end:
            raise ValueError(f"start must satisfy 0 <= start <= end, got start {self.start!r}, end {self.end!r}")
        if self.month_day is not None and not _valid_month_day(self.month_day):
            raise ValueError(f"month_day must be 'MM-DD', got {self.month_day!r}")

    @property
    def dated(self) -> bool:
        """True when at least one bound is known."""
        return self.date_min is not None or self.date_max is not None


def _valid_month_day(value: object) -> bool:
    """True for an "MM-DD" string naming a day that exists in some year."""
    if not isinstance(value, str) or not re.fullmatch(r"[01][0-9]-[0-3][0-9]", value):
        return False
    return _date(2000, int(value[:2]), int(value[3:])) is not None


# ---------------------------------------------------------------- calendar helpers

_When = tuple[dt.date | None, dt.date | None, str, str | None]  # date_min, date_max, precision, month_day
UNKNOWN: _When = (None, None, "unknown", None)


def _date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist."""
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _shift(d: dt.date | None, days: int) -> dt.date | None:
    """The date `days` later (earlier when negative), None stays None."""
    return None if d is None else d + dt.timedelta(days=days)


def _month_window(year: int, month: int, first: int = 1, last: int = 31) -> tuple[dt.date, dt.date]:
    """Days `first`..`last` of a month, clipped to its length."""
    length = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(first, length)), dt.date(year, month, min(last, length))


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """The (year, month) `n` months after (before when negative)."""
    k = year * 12 + month - 1 + n
    return k // 12, k % 12 + 1


def _year_for(month: int, day: int, published: dt.date | None, context_year: int | None) -> int | None:
    """The year of a day and month stated without one; a day after publication goes to the year before."""
    if context_year is not None and (published is None or context_year <= published.year):
        year = context_year
    elif published is not None:
        year = published.year
    else:
        return None
    if published is not None and year == published.year and (month, day) > (published.month, published.day):
        year -= 1
    return year


def _clip(window: tuple[dt.date, dt.date], published: dt.date | None) -> tuple[dt.date, dt.date]:
    """A window whose year was inferred ends at publication at the latest."""
    lo, hi = window
    return (lo, published) if published is not None and lo <= published < hi else (lo, hi)


def _number(word: str) -> int | None:
    """A count written in digits or words."""
    w = " ".join(word.lower().split())
    return int(w) if w.isdigit() else NUMBER_WORDS.get(w)


# ---------------------------------------------------------------- matches


class _Match(NamedTuple):
    """A date expression found in a text, before overlaps are settled."""

    start: int  # including what was read before the core ("Friday, ", "the", "early", "less than 48")
    end: int
    family: _Family
    core: re.Match[str]
    before: re.Match[str] | None = None

    def group(self, name: str) -> str | None:
        """A named group of the core or of what stands before it."""
        for m in (self.core, self.before):
            if m is not None and name in m.re.groupindex and m.group(name) is not None:
                return m.group(name)
        return None

    @property
    def kind(self) -> str:
        return self.family.kind


def _lower(text: str) -> str:
    """The text lower-cased, with the same length (so the same spans)."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(ASCII_LOWER)


_PUNCTUATION = ",;:.-()[]\"'\u2013\u2014\u2018\u2019\u201c\u201d"


def _words_before(low: str, at: int, n: int = 1) -> list[str]:
    """The last n words before position `at`, without punctuation."""
    return [w.strip(_PUNCTUATION) for w in low[max(0, at - 30):at].split()[-n:]]


def _last_word(low: str, at: int) -> str:
    """The word before position `at`, without punctuation ("" at the start)."""
    words = _words_before(low, at)
    return words[0] if words else ""


def _starts_word(text: str, i: int, kind: str) -> bool:
    """True when position i begins a word (and, for numeric dates, no longer number)."""
    if i == 0:
        return True
    c = text[i - 1]
    return not (c.isalnum() or (kind in ("iso", "numeric") and c in "./-"))


def _found(text: str, low: str, family: _Family) -> Iterator[_Match]:
    """The family's expressions in the text."""
    hay = text if family.cased else low
    for m in family.core.finditer(hay):
        start = m.start()
        if not _starts_word(hay, start, family.kind):
            continue
        before = None
        if family.before is not None and (family.before_words is None or _last_word(low, start) in family.before_words):
            b = family.before.search(text if family.before_cased else low, max(0, start - LOOKBEHIND_CHARS), start)
            before = b if b is not None and b.start() < start else None
        if family.needs_before and before is None:
            continue
        x = _Match(before.start() if before else start, m.end(), family, m, before)
        if family.kind == "month" and not (x.group("part") or x.group("year")
                                           or _last_word(low, start) in ("in", "during")):
            continue  # a month alone is a date only after "in"/"during" ("in May", not "Theresa May")
        yield x


def _triggered(hay: str, tree: _KeyTree) -> set[int]:
    """The families whose trigger substrings the text has."""
    todo: set[int] = set()
    for root, families, children in tree:
        if root in hay:
            todo |= families
            for key, more in children:
                if key in hay:
                    todo |= more
    return todo


def _matches(text: str, low: str, *, absolute_only: bool = False) -> list[_Match]:
    """The date expressions of a text in text order; of overlapping ones, the longest."""
    todo = _triggered(text, CASED_KEYS)
    if not absolute_only:
        todo |= _triggered(low, LOWER_KEYS)
    found: list[_Match] = []
    for i in sorted(todo):
        family = FAMILIES[i]
        if not absolute_only or family.kind in ABSOLUTE_KINDS:
            found.extend(_found(text, low, family))
    if len(found) < 2:
        return found
    found.sort(key=lambda x: (x.start - x.end, x.start))
    kept: list[_Match] = []
    taken: list[tuple[int, int]] = []  # sorted spans already kept
    for x in found:
        i = bisect.bisect_left(taken, (x.start, x.start))
        if (i > 0 and taken[i - 1][1] > x.start) or (i < len(taken) and taken[i][0] < x.end):
            continue
        taken.insert(i, (x.start, x.end))
        kept.append(x)
    return sorted(kept, key=lambda x: x.start)


# ---------------------------------------------------------------- absolute dates


def _day_month(x: _Match, published: dt.date | None, context_year: int | None) -> _When | None:
    """A "12 February 2019" / "December 16th" / "Nov. 12-18" window; None when the day does not exist."""
    month, day = MONTHS[(x.group("mon") or "")[:3].lower()], int(x.group("day") or 0)
    day2 = int(x.group("day2") or day)
    if _date(2000, month, day) is None or _date(2000, month, day2) is None or day2 < day:
        return None
    precision, month_day = ("day" if day2 == day else "days"), f"{month:02d}-{day:02d}"
    stated = _stated_year(x, published)
    year = int(stated) if stated else None if x.group("rel") else _year_for(month, day, published, context_year)
    if year is None:
        return None, None, precision, month_day
    lo, hi = _date(year, month, day), _date(year, month, day2)
    if lo is None or hi is None:  # February 29 in a year without one
        return None if stated else (None, None, precision, month_day)
    weekday = x.group("wd")
    if weekday and not stated and WEEKDAYS[weekday.lower()] != lo.weekday():
        return None, None, precision, month_day  # the weekday contradicts the inferred year: leave it open
    return lo, hi, precision, None


def _stated_year(x: _Match, published: dt.date | None) -> str | None:
    """The year written after a month or a day: as digits, or relative to publication ("last year", "this year";
    none without a publication date)."""
    if x.group("year"):
        return x.group("year")
    rel = x.group("rel")
    if rel and published:
        return str(published.year - (rel.lower() == "last"))
    return None


def _month(x: _Match, published: dt.date | None, context_year: int | None) -> _When:
    """An "in early May" / "May 2017" / "the end of May" window."""
    month = MONTHS[(x.group("mon") or "")[:3].lower()]
    words = (x.group("part") or "").lower().split()
    first, last = MONTH_PARTS.get(words[1] if len(words) > 1 else (words[0] if words else ""), (1, 31))
    if stated := _stated_year(x, published):
        return (*_month_window(int(stated), month, first, last), "month", None)
    year = None if x.group("rel") else _year_for(month, first, published, context_year)
    if year is None:
        return None, None, "month", None
    return (*_clip(_month_window(year, month, first, last), published), "month", None)


def _year(x: _Match) -> _When | None:
    """An "in 2016" / "in early 2016" window."""
    year = int(x.group("year") or 0)
    if year not in BARE_YEARS:
        return None
    part = (x.group("part") or "").lower()
    first, last = YEAR_PARTS.get(part, (1, 12))
    return dt.date(year, first, 1), _month_window(year, last)[1], "month" if part else "year", None


def _numeric(x: _Match, published: dt.date | None, day_first: bool | None = None) -> _When | None:
    """A "12/02/2019" window: read when only one order gives a date (or only one lies on or before publication)."""
    a, b, year = int(x.group("a") or 0), int(x.group("b") or 0), int(x.group("year") or 0)
    if day_first is None and x.group("sep") == ".":
        day_first = True
    readings = {d for d in (_date(year, b, a) if day_first is not False else None,
                            _date(year, a, b) if day_first is not True else None) if d is not None}
    if len(readings) > 1 and published is not None:
        readings = {d for d in readings if d <= published}
    if len(readings) == 1:
        d = readings.pop()
        return d, d, "day", None
    return UNKNOWN if readings else None


def _iso(x: _Match) -> _When | None:
    """A "2019-01-20" window."""
    d = _date(int(x.group("year") or 0), int(x.group("mon") or 0), int(x.group("day") or 0))
    return (d, d, "day", None) if d is not None else None


def _absolute(x: _Match, published: dt.date | None, context_year: int | None) -> _When | None:
    """The window of an absolute date, None when it names no real date."""
    if x.kind in ("dmy", "mdy"):
        return _day_month(x, published, context_year)
    if x.kind == "month":
        return _month(x, published, context_year)
    if x.kind == "year":
        return _year(x)
    if x.kind == "iso":
        return _iso(x)
    return _numeric(x, published)


# ---------------------------------------------------------------- relative dates


def _calendar(shape: str, pub: dt.date) -> tuple[dt.date, dt.date]:
    """Calendar windows around the publication date."""
    monday = pub - dt.timedelta(days=pub.weekday())
    if shape == "this_week":
        return monday, pub
    if shape == "last_week":
        return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
    if shape == "weekend":
        saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
        return saturday, min(pub, saturday + dt.timedelta(days=1))
    if shape == "this_month":
        return pub.replace(day=1), pub
    if shape == "last_month":
        return _month_window(*_add_months(pub.year, pub.month, -1))
    if shape == "this_year":
        return dt.date(pub.year, 1, 1), pub
    return dt.date(pub.year - 1, 1, 1), dt.date(pub.year - 1, 12, 31)  # last_year


def _from_previous(previous: DateWindow | None, lo: int, hi: int) -> _When:
    """A window lo..hi days from the previous event's window (unknown without one)."""
    if previous is None or not previous.dated:
        return UNKNOWN
    try:
        d_min, d_max = _shift(previous.date_min, lo), _shift(previous.date_max, hi)
    except OverflowError:  # a previous window at the edge of the calendar
        return UNKNOWN
    if previous.precision in ("week", "month", "year"):
        precision = previous.precision
    else:
        precision = "day" if (lo == hi and previous.date_min == previous.date_max) else "days"
    return d_min, d_max, precision, None


def _rule(rule: _Rule, published: dt.date | None, previous: DateWindow | None) -> _When:
    """The window a fixed relative expression gives, or an honest unknown."""
    anchor = rule.anchor if (published if rule.anchor == _P else previous) is not None else rule.fallback
    if anchor == _P and published is not None:
        if rule.shape == "offset":
            return _shift(published, rule.lo), _shift(published, rule.hi), rule.precision, None
        return (*_calendar(rule.shape, published), rule.precision, None)
    if anchor == _V and previous is not None:
        if not previous.dated:
            return (None, None, previous.precision, previous.month_day) if previous.month_day else UNKNOWN
        return _from_previous(previous, rule.lo, rule.hi)
    if anchor == "previous_max" and previous is not None and previous.date_max is not None:
        return None, previous.date_max, rule.precision, None
    return UNKNOWN


def _weekday(x: _Match, published: dt.date | None) -> _When:
    """The latest such weekday on or before publication ("last Friday": strictly before)."""
    if published is None:
        return UNKNOWN
    back = (published.weekday() - WEEKDAYS[(x.group("wd") or "").lower()]) % 7
    if back == 0 and (x.group("mod") or "").split()[-1:] in (["last"], ["past"]):
        back = 7
    d = published - dt.timedelta(days=back)
    return d, d, "day", None


VAGUE_AGO = {"hour": (-1, 0, "days"), "day": (-7, -1, "days"), "week": (-42, -7, "week"),
             "month": (-365, -30, "month")}  # "a few days ago" -> [pub-7, pub-1]


def _ago(x: _Match, published: dt.date | None) -> _When | None:
    """ "N days ago" -> that day; hours, weeks, months, years ago -> those days, that week, month, year."""
    unit = (x.group("unit") or "").lower()
    n = _number(x.group("n") or "")
    if n is None:
        if unit not in VAGUE_AGO:
            return None  # "years ago": no event date
        if published is None:
            return UNKNOWN
        lo, hi, precision = VAGUE_AGO[unit]
        return _shift(published, lo), _shift(published, hi), precision, None
    if published is None or n > 400:
        return UNKNOWN
    if unit == "hour":
        first, last = published - dt.timedelta(days=math.ceil(n / 24)), published - dt.timedelta(days=n // 24)
        return first, last, "day" if first == last else "days", None
    if unit == "day":
        d = published - dt.timedelta(days=n)
        return d, d, "day", None
    if unit == "week":
        return _shift(published, -7 * n - 3), _shift(published, -max(7 * n - 3, 0)), "week", None
    if unit == "month":
        return (*_month_window(*_add_months(published.year, published.month, -n)), "month", None)
    return dt.date(published.year - n, 1, 1), dt.date(published.year - n, 12, 31), "year", None


def _hours(x: _Match, published: dt.date | None) -> _When:
    """ "in 24 hours", "over the past 48 hours" -> [pub - ceil(N / 24), pub]."""
    n = _number(x.group("n") or "")
    if published is None or n is None or not 0 < n <= 400:
        return UNKNOWN
    return _shift(published, -math.ceil(n / 24)), published, "days", None


def _past_n(x: _Match, published: dt.date | None) -> _When:
    """ "over the past two weeks" -> [pub - 14, pub]."""
    n = _number(x.group("n") or "")
    if published is None or n is None or n > 400:
        return UNKNOWN
    unit = (x.group("unit") or "").lower()
    days = {"day": 1, "week": 7, "month": 31}[unit]
    precision = {"day": "days", "week": "week", "month": "month"}[unit]
    return _shift(published, -n * days), published, precision, None


def _shift_days(x: _Match) -> tuple[int, int] | None:
    """The lo..hi days a "less than 48 hours" / "two days" / "hours" shift spans (unsigned)."""
    unit, n = (x.group("unit") or "").lower(), _number(x.group("n") or "")
    if n is None and not (x.group("vague") or x.group("plural")):
        return None  # "day after day"
    if n is not None and n > 1000:
        return None
    qualified = x.group("q") is not None
    if unit == "hour":
        if n is None:
            return 0, 1
        top = math.ceil(n / 24)
        return (0 if n <= 24 else 1, top) if qualified else (n // 24, top)
    if unit == "day":
        if n is None:
            return 1, 7
        return (0 if n <= 1 else 1, n) if qualified else (n, n)
    if n is None:
        return 7, 42
    return (1, 7 * n) if qualified else (7 * n - 3, 7 * n + 3)


def _flip_zone(low: str) -> tuple[int, int] | None:
    """Where a shift dates the event after "after"/"before": past the first event verb ("This attack took place"),
    up to the first casualty word. As (from, to); None when the sentence has no such verb."""
    verb = EVENT_VERB.search(low)
    if verb is None:
        return None
    casualty = CASUALTY_WORDS.search(low)
    return verb.end(), casualty.start() if casualty is not None else len(low)


def _shifted(x: _Match, zone: tuple[int, int] | None, previous: DateWindow | None,
             published: dt.date | None) -> _When | None:
    """A window shifted from the previous event's; "X took place ... after <new event>" dates the new one. Without a
    dated previous event, the shift counts back from publication ("The attacks came one day after ...": on or before
    the day before publication)."""
    span = _shift_days(x)
    if span is None:
        return None
    lo, hi = span
    direction = (x.group("dir") or "").lower()
    sign = -1 if direction in ("before", "earlier") else 1
    if direction in ("after", "before") and zone is not None and zone[0] <= x.start <= zone[1]:
        sign = -sign
    if (previous is None or not previous.dated) and published is not None:
        # from an event not dated but reported by publication: on or before publication, less the days back
        return None, _shift(published, -lo if sign < 0 else 0), "before", None
    return _from_previous(previous, lo, hi) if sign > 0 else _from_previous(previous, -hi, -lo)


# ---------------------------------------------------------------- choosing among expressions


class _Candidate(NamedTuple):
    """One date expression of a sentence and its window."""

    start: int
    end: int
    rank: int  # 0 absolute, 1 relative to publication, 2 relative to the previous event
    when: _When
    speech: bool = False  # the day a source spoke, not the event's


def _non_event(low: str, start: int) -> bool:
    """True when the word before (past a "the") is a period bound, a habit or the future ("since", "every")."""
    words = _words_before(low, start, 2)
    if words[-1:] == ["the"]:
        words = words[:-1]
    return bool(words) and words[-1] in NON_EVENT_WORDS


def _excluded(low: str, start: int, x: _Match) -> bool:
    """True for a date that is no event date: a period bound, a habit, a duration, the future."""
    if _non_event(low, start):
        return True
    last = _last_word(low, start)
    if x.kind in ("rule", "past_n") and last in DURATION_WORDS:
        return True
    if x.kind in ABSOLUTE_KINDS and last in LABEL_WORDS:  # "Published: 2019-02-12" dates the article
        return True
    if x.kind == "rule" and x.core.group(0) == "recently" and PASSIVE_AFTER.match(low, x.end):
        return True  # "a town recently freed of the militants": when the town was freed, not the event
    rule = x.family.rule
    return rule is not None and rule.shape in CALENDAR_THIS and last in FUTURE_WORDS


def _window(x: _Match, zone: tuple[int, int] | None, published: dt.date | None, context_year: int | None,
            previous: DateWindow | None) -> tuple[int, _When | None]:
    """(rank, window) of one expression."""
    if x.kind in ABSOLUTE_KINDS:
        return 0, _absolute(x, published, context_year)
    if x.kind == "weekday":
        return 1, _weekday(x, published)
    if x.kind == "ago":
        return 1, _ago(x, published)
    if x.kind == "past_n":
        return 1, _past_n(x, published)
    if x.kind == "hours":
        return 1, _hours(x, published)
    if x.kind == "shift":
        return 2, _shifted(x, zone, previous, published)
    rule = x.family.rule
    assert rule is not None
    return (1 if rule.anchor == _P else 2), _rule(rule, published, previous)


class _Read:
    """A sentence as the checks of speaking read it: as written, lower-cased, and (found once, on first use) the
    spans that tell of an event."""

    __slots__ = ("text", "low", "_starts", "_ends")

    def __init__(self, text: str, low: str) -> None:
        self.text, self.low = text, low
        self._starts: list[int] | None = None
        self._ends: list[int] = []

    def _index(self) -> list[int]:
        """Where the sentence tells of an event: an attack or casualty word, an event noun or verb ("blasts", "took
        place"), a verb in the past tense ("fighters seized the town") other than one of speaking or a participle
        after a noun of speaking ("a statement carried by NTV"); the first end of each start."""
        spans: dict[int, int] = {}
        for m in EVENTFUL.finditer(self.low):
            spans[m.start()] = m.end()
        for m in PAST_TENSE.finditer(self.text):
            word = m.group(0)
            if word not in SPEECH_WORDS and word not in NOT_PAST_TENSE and \
                    _last_word(self.low, m.start()) not in _SPEECH["noun"]:
                spans[m.start()] = min(m.end(), spans.get(m.start(), m.end()))
        self._starts = sorted(spans)
        self._ends = [spans[i] for i in self._starts]
        return self._starts

    def eventful(self, a: int, b: int) -> bool:
        """True when text[a:b] tells of an event (see `_index`)."""
        starts = self._starts if self._starts is not None else self._index()
        i = bisect.bisect_left(starts, a)
        return i < len(starts) and self._ends[i] <= b


def _spoken_after(r: _Read, start: int, end: int) -> bool:
    """True when a verb of speaking follows the date at [start, end) as the day its source spoke: "SANA on Saturday
    reported", "Also on Monday state news agency SANA said". Not when the date closes a clause that tells of an event
    and the speaker comes after the verb ("the attack was foiled Saturday morning said the commander")."""
    low = r.low
    near = low[end:end + SPEECH_AFTER_CHARS].split()
    if not any(w.strip(_PUNCTUATION) in _VERB_FIRST for w in near[:OPENER_SPEAKER_WORDS + 2]):
        return False  # no verb of speaking after the date: spare the regular expressions
    after = SPEECH_AFTER.match(low, end)
    if after is None and start <= OPENER_CHARS and all(w.strip(_PUNCTUATION) in OPENERS for w in low[:start].split()):
        after = SPEECH_AFTER_OPENER.match(low, end)  # the date opens the sentence: the speaker may be long
        if after is not None and any(m.group(0) not in SPEECH_WORDS and m.group(0) not in NOT_PAST_TENSE
                                     for m in PAST_TENSE.finditer(r.text, end, after.end())):
            return False
    if after is None or ATTACK_WORDS.search(low, end, after.end()) or NOT_SPEAKER.search(low, end, after.end()):
        return False
    if after.group("speaker"):  # a speaker between date and verb only where the date opens its clause
        return not r.eventful(0, start)
    word = r.text[max(0, start - 40):start].split()[-1:]  # a name before the date: the speaker ("SANA on Saturday")
    return not (word and word[0][:1].islower() and r.eventful(0, start))


def _spoken_before(r: _Read, start: int) -> bool:
    """True when the nearest word of speaking a few words before `start` ("said on", "told AFP in a telephone call
    on", "claimed on") has no event, figure or conjunction between it and the date."""
    lo = max(0, start - SPEAKER_CHARS)
    if not any(w.strip(_PUNCTUATION) in _SPOKEN_AFTER_FIRST for w in r.low[lo:start].split()):
        return False  # no word of speaking near: spare the regular expression
    found = None
    while (m := SPEECH_BEFORE.search(r.low, lo, start)) is not None:
        found, lo = m, m.end("word")
    if found is None:
        return False
    return not (NOT_SPEAKER.search(r.low, found.end("word"), start) or r.eventful(found.end("word"), start))


def _spoken(r: _Read, start: int, core: int, end: int) -> bool:
    """True when the date at [start, end) (its lead-in "on" before `core`) is the day a source spoke: a few words
    after a word of speaking, or a few words before a verb of speaking, with no event, figure or conjunction
    between. A phrase of speaking may end with the lead-in ("called on Wednesday for a meeting")."""
    if DONE_ON_THE_DAY.match(r.low, end):  # "rebel fire on Hamdaniyeh on Wednesday killed 13": the event's day
        return False
    return (_spoken_after(r, start, end) or _spoken_before(r, start)
            or (core != start and f"{_last_word(r.low, start)} {r.low[start:core].strip()}" in _SPOKEN_AFTER_SET
                and _spoken_before(r, core)))


def _candidates(sentence: str, low: str, published: dt.date | None, context_year: int | None,
                previous: DateWindow | None, skip: Sequence[tuple[int, int]] = ()) -> list[_Candidate]:
    """Every event-date expression of the sentence with its window (none overlapping a `skip` span)."""
    out = []
    found = _matches(sentence, low)
    read = _Read(sentence, low)
    zone = _flip_zone(low) if any(x.kind == "shift" for x in found) else None
    for x in found:
        if any(a < x.end and x.start < b for a, b in skip):
            continue
        if x.group("poss") and not POSSESSED.match(low, x.end):
            continue  # "Fridays are quiet": a plural, no date
        lead = LEAD_IN.search(low, max(0, x.start - LOOKBEHIND_CHARS), x.start) \
            if _last_word(low, x.start) in LEAD_WORDS else None
        start = lead.start() if lead else x.start
        if _excluded(low, start, x):
            continue
        rank, when = _window(x, zone, published, context_year, previous)
        if when is not None:
            spoken = (x.kind in SPOKEN_KINDS and rank < 2 and not x.group("poss")  # "Tuesdays attacks"
                      and _spoken(read, start, x.start, x.end))
            out.append(_Candidate(start, x.end, rank, when, spoken))
    return out


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, a[0] - b[1], b[0] - a[1])


def _nearest_hit(c: _Candidate, hits: list[tuple[int, int]], starts: list[int]) -> int:
    """Characters from the candidate to the nearest attack word (0 when the sentence has none)."""
    if not hits:
        return 0
    i = bisect.bisect_left(starts, c.start)
    return min(_gap((c.start, c.end), hits[j]) for j in (i - 1, i) if 0 <= j < len(hits))


def _same_thing(rel: _Candidate, ab: _Candidate, low: str) -> bool:
    """True when an absolute date describes what a relative one does: side by side, or inside its window."""
    first, second = sorted(((rel.start, rel.end), (ab.start, ab.end)))
    if _gap(first, second) <= NEAR_CHARS and not ATTACK_WORDS.search(low, first[1], max(first[1], second[0])):
        return True
    r_min, r_max, r_precision, _ = rel.when
    a_min, a_max = ab.when[0], ab.when[1]
    if r_precision not in ("day", "days") or r_min is None or r_max is None or a_min is None or a_max is None:
        return False
    return r_min <= a_min and a_max <= r_max


def _select(cands: list[_Candidate], low: str) -> _Candidate:
    """The expression the reported event refers to (a day a source spoke only when nothing else dates it)."""
    events = [c for c in cands if not c.speech]
    if events and len(events) < len(cands):
        cands = events
    came = CAME_AFTER.search(low) if len(cands) > 1 else None
    if came is not None and any(c.start >= came.end() for c in cands):
        cands = [c for c in cands if c.start >= came.end()]
    if len(cands) == 1:
        return cands[0]
    absolute = [c for c in cands if c.rank == 0]
    pool = [c for c in cands if c.rank < 2] if absolute else cands
    hits = [m.span() for m in CASUALTY_WORDS.finditer(low)] or [m.span() for m in ATTACK_WORDS.finditer(low)]
    starts = [h[0] for h in hits]
    best = min(pool, key=lambda c: (_nearest_hit(c, hits, starts), c.rank, c.start))
    if best.rank > 0:
        same = [c for c in absolute if _same_thing(best, c, low)]
        if same:
            best = min(same, key=lambda c: _gap((c.start, c.end), (best.start, best.end)))
    return best


def _one_day(c: _Candidate) -> bool:
    """True for an event's expression dating one known day."""
    return not c.speech and c.rank < 2 and c.when[2] == "day" and c.when[0] is not None and c.when[0] == c.when[1]


def _joined(c: _Candidate, cands: list[_Candidate], low: str) -> _Candidate:
    """The chosen day with a day joined to it ("on Friday and Saturday", "from Monday to Wednesday"): one window
    over both; else the chosen day as it is."""
    if not _one_day(c):
        return c
    for o in cands:
        first, second = (c, o) if c.start < o.start else (o, c)
        if o is c or not _one_day(o) or DAY_JOIN.fullmatch(low, first.end, second.start) is None:
            continue
        lo, hi = first.when[0], second.when[1]
        assert lo is not None and hi is not None
        if lo > hi:  # "on Tuesday and Wednesday" published on a Tuesday: the week before, the closer reading
            lo, hi = (lo - dt.timedelta(days=7), hi) if (lo - hi).days > 3 else (hi, lo)
        if (hi - lo).days <= JOINED_DAYS:
            return _Candidate(first.start, second.end, c.rank, (lo, hi, "days" if lo != hi else "day", None))
    return c


def _run_of_days(c: _Candidate, low: str) -> _Candidate:
    """The chosen day widened to the run of days whose toll the sentence gives ("on Wednesday in a second day of
    bombing that has killed 32": Tuesday and Wednesday); else the chosen day as it is."""
    if not ("day of" in low or "row of" in low) or not _one_day(c) or (run := RUN_OF_DAYS.search(low)) is None:
        return c
    word = run.group("n")
    n = ORDINALS.get(word) or int(word.rstrip("stndrh"))
    if not 1 < n <= 31:
        return c
    hi = c.when[1]
    assert hi is not None
    return c._replace(when=(hi - dt.timedelta(days=n - 1), hi, "days", None))


# ---------------------------------------------------------------- public API


def _check_anchor(published: dt.date | None, context_year: int | None) -> None:
    """Reject anchors no article can have."""
    if published is not None and (not isinstance(published, dt.date) or published.year not in DATE_YEARS):
        raise ValueError(f"published must be a date in years {DATE_YEARS.start}-{DATE_YEARS.stop - 1}, "
                         f"got {published!r}")
    if context_year is not None and (isinstance(context_year, bool) or not isinstance(context_year, int)
                                     or context_year not in DATE_YEARS):
        raise ValueError(f"context_year must be a year in {DATE_YEARS.start}-{DATE_YEARS.stop - 1}, "
                         f"got {context_year!r}")


def date_window(sentence: str, *, published: dt.date | None, context_year: int | None = None,
                previous: DateWindow | None = None, offset: int = 0,
                skip: Sequence[tuple[int, int]] = ()) -> DateWindow | None:
    """The window for the event the sentence reports; None when the sentence states no date at all. Dates
    overlapping a `skip` span (article offsets: a dateline) are not read. A sentence dated only by the day a source
    spoke gives `DateWindow(None, that day, "before", ...)`."""
    _check_anchor(published, context_year)
    if isinstance(published, dt.datetime):
        published = published.date()
    if not sentence:
        return None
    low = _lower(sentence)
    local = [(a - offset, b - offset) for a, b in skip if a - offset < len(sentence) and b - offset > 0]
    cands = _candidates(sentence, low, published, context_year, previous, local)
    if not cands:
        return None
    spoke = next((c.when[1] for c in cands if c.speech and c.when[0] is not None and c.when[0] == c.when[1]), None)
    if published is not None and spoke is not None and spoke < published and any(
            c.rank == 1 and not c.speech for c in cands):  # "in 24 hours ... a monitor said Thursday": from Thursday
        cands = _candidates(sentence, low, spoke, context_year, previous, local)
    c = _run_of_days(_joined(_select(cands, low), cands, low), low)
    d_min, d_max, precision, month_day = c.when
    if c.speech:  # the day a source spoke: the event happened on or before it
        d_min, precision = None, "before" if d_max is not None else precision
    return DateWindow(d_min, d_max, precision, sentence[c.start:c.end], offset + c.start, offset + c.end, month_day)


def dateline_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """The spans (offset added) of the datelines at the head of a text: full dates (with day, month and year, a
    weekday before them included) in its first HEAD_CHARS characters that no preposition introduces ("Friday 3 Jun
    2016", "6 October 2016 Aleppo SANA-", "05-09-2013 Damascus", "Date of publication 7 April 2017")."""
    head = text[:HEAD_CHARS]
    low = _lower(head)
    spans = []
    for x in _matches(head, low, absolute_only=True):
        full = (x.kind in ("dmy", "mdy") and x.group("year") and not x.group("day2")) or x.kind in ("iso", "numeric")
        if full and not EVENT_PREPOSITION.search(low, max(0, x.start - 40), x.start):
            spans.append((offset + x.start, offset + x.end))
    return spans


def _full_dates(text: str) -> Iterator[tuple[int, dt.date | None]]:
    """(start, date) of each date with day, month and year; date None when it is ambiguous."""
    low = _lower(text)
    day_first = True if DAY_FIRST_HINT.search(low) else (False if MONTH_FIRST_HINT.search(low) else None)
    for x in _matches(text, low, absolute_only=True):
        if x.kind in ("dmy", "mdy") and x.group("year") and not x.group("day2"):
            when = _day_month(x, None, None)
        elif x.kind == "iso":
            when = _iso(x)
        elif x.kind == "numeric":
            when = _numeric(x, None, day_first)
        else:
            continue
        if when is not None:
            yield x.start, when[0]


def publication_date(text: str) -> dt.date | None:
    """The dateline date in the first ~400 characters ("12 February 2019", "date 2019-01-20", ...); None if none.

    A labelled date ("Published: 2019-02-12", "date 2019-01-20") wins, then the first unlabelled full date not
    introduced by a preposition ("on August 1st, 2017" is an event), then an "Updated:" date. Slashed dates are read
    only when unambiguous (a day above 12, or both orders agreeing) or with a format label ("dd/mm/yyyy",
    "mm/dd/yyyy"); dotted ones ("12.02.2019") are day-first.
    """
    head = text[:HEAD_CHARS]
    low = _lower(head)
    plain: dt.date | None = None
    updated: dt.date | None = None
    for start, d in _full_dates(head):
        if d is None or d.year not in DATE_YEARS:
            continue
        lo = max(0, start - 40)
        if PUBLISHED_LABEL.search(low, lo, start):
            return d
        if UPDATED_LABEL.search(low, lo, start):
            updated = updated or d
        elif plain is None and not EVENT_PREPOSITION.search(low, lo, start):
            plain = d
    return plain or updated


def years_in(text: str, *, periods: bool = True) -> list[int]:
    """Four-digit years 2000-2035 stated in dates in the text ("August 1st, 2017", "September 2014"), in order.

    Every mention counts (a year stated twice appears twice). Bare numbers ("in 2016", "No.2253") are not dates
    here. With `periods=False`, years of period bounds ("since September 2014") are left out.
    """
    low = _lower(text)
    years = []
    for x in _matches(text, low, absolute_only=True):
        year = x.group("year")
        if x.kind == "year" or year is None or int(year) not in CONTEXT_YEARS:
            continue
        if not periods and _non_event(low, x.start):
            continue
        if (x.kind in ("dmy", "mdy") and _day_month(x, None, None) is None) or (x.kind == "iso" and _iso(x) is None):
            continue  # "February 30, 2019"
        years.append(int(year))
    return years
