"""Casualty figures in one sentence: killed, injured, or both lumped together, as the text claims them.

A figure is a claim: every claim a sentence makes is its own `Figure`; numbers are never averaged or corrected. A
number is a casualty figure only when a casualty word governs it locally:
- a word right before it: a verb ("killing 7", "eliminated over 75", "claiming the lives of 17"), a noun ("the death
  of 6", "the elimination of 34"), a count noun put at or brought to it ("the death toll rose to 35", "placed the
  toll from the raids at 10", "putting the number killed at 13", "bringing the toll to 45"), one that makes it a
  floor ("those killed included 11 people" -> at least 11), or one that counts only people ("destroyed over 60
  terrorists");
- a count noun after it ("brought to 49 the number killed");
- a casualty noun as its head ("60 casualties", "15 civilian deaths", "14 bodies");
- a verb after its noun phrase: past an aside ("11 civilians, including three women ..., were killed", "16
  civilians - including three children - were killed", "17 troops including a commander were killed"), a phrase
  describing the noun when an auxiliary follows ("14 residents of X in the Hama countryside were killed", "20 fighters
  who guarded the buses were killed", "38 in total had died"), reporting words ("were reported killed", "were alleged
  killed", "are estimated to have been killed"), or none ("35 dead", "lost their lives", "stoned to death"). A
  transitive verb with no auxiliary and an object is active, its noun the agent: "three bombers killed two people".
  A verb after one figure is not also the verb before the next ("Nine persons killed 12 injured": 9 killed, 12 injured).
Numbers joined by "and" / "," (or a bare space, in text that lost its commas) share the verb of the list.

Kinds: "killed"; "injured"; "casualties" for killed and injured lumped together ("martyred and injured", "killed or
wounded", "Kills Injures over 70", "60 casualties").

Reading of numbers (`parse_quantity`), as (min, max) with max None for an open upper bound:
- "20", "Twenty", "twenty-three", "1,200", "256 thousand", "1.5 million" -> (n, n); "a dozen" -> (12, 12). Number
  words are valued by the text2num parser (what it refuses, like "eleven hundred thousand", is no number).
- "at least 30", "no fewer than 30", "30 or more", "30+" -> (30, None), qualifier "at least".
- "more than 70", "over 70", "in excess of 70" -> (71, None), qualifier "more than".
- "up to 12", "at most 12", "no more than 12" -> (None, 12), qualifier "up to": a claim of at most 12, no floor.
- "fewer than 10", "less than 10", "under 10" -> (None, 9), qualifier "less than".
- "about 40", "around", "nearly", "almost", "some", "roughly", "an estimated", "40 or so" -> (40, 40), qualifier
  "about": the stated number stands as the claim, the qualifier marks it as approximate ("nearly 40" is not read as 39).
  Of two qualifiers the second bounds: "an estimated at least 50" -> (50, None).
- "as high as 80", "as many as 80" -> (80, 80), qualifier "as high as": a claim of 80.
- "30 to 54", "30-54", "between 30 and 54", "ranging from 30 to 54", "three or four" -> (30, 54), qualifier "range";
  "at least 10 and as many as 60" -> (10, 60); "from 500 to well over 1000", "at least 10 and more than 60" -> (500,
  None) and (10, None), qualifier "at least". After "rose/climbed/increased", "from 12 to 30" is an update: only the
  new figure, 30, is read.
- Vague plurals are open floors: "tens" 20, "dozens" (also "several/a few dozen") 24, "scores" 40, "hundreds" (also
  "several hundred") 200, "thousands" 2,000, "tens of thousands" 20,000, "hundreds of thousands" 200,000. "up to
  dozens" is no quantity.
- Vague words without a numeric floor ("several", "many", "numerous", "a number of") are not quantities: no figure.
- Counts above 10,000,000, decimals without "thousand"/"million", and digit strings over 12 digits are refused.
- One person a determiner counts is 1: "the death of a man", "killing its pilot", "a 14-year-old was killed" (not
  14); "a woman and child" is 2. "the pilot" is not counted: it may be one counted already.
- Nobody hurt is a claim of 0: "no casualties" (killed 0 and injured 0), "no injuries", "no one was killed", "no
  civilians were hurt"; "no reports of casualties" and "no immediate casualties" claim nothing.

Parts that make one claim are one figure, their sum, the parts kept in `parts`: "killing 17 militants and a child" is
killed 18 (victims "unknown": two categories), "at least 50 fighters and two civilians were killed" is at least 52,
"nine children and eight women were killed" is 17 civilians. A first number set off by a comma that is the sum of the
rest is the figure, the rest its parts ("20 people, 12 soldiers and 8 civilians" -> 20). Numbers each with a casualty
word of its own stay apart ("35 dead and 50 wounded"), so does a number after a phrase with the verb left out ("30
militants were killed around X and another five outside Y" -> 30 and 5), and a later cumulative toll ("..., bringing
the toll to 45").

Victims: the figure's own noun decides ("civilians", "citizens", "women", "residents", "a family of five" ->
civilians; "soldiers", "troops", "pro-government forces", "army personnel" -> soldiers; "militants", "ISIS members",
"terrorists" -> fighters; "people", "persons" -> unknown). A figure with no noun of its own ("54 were killed", "the
death toll as high as 80", "10 others") takes, in order: a victim word on its casualty noun ("civilian casualties"),
its breakdowns ("most of the dead were women and children" -> civilians), the other figures of the sentence when they
agree, then the sentence's victim nouns when they agree; else "unknown".

Breakdowns are not totals: "including 14 children", "mostly women and children", "nine children and eight women were
among the dead", "17 of the dead were children", "including one of its leaders". Their numbers never become figures;
`breakdowns` returns them and a figure carries the ones that follow it (or, for "among/of the dead" clauses, the
nearest figure of that kind) as `details`, as written.

Not figures: dates ("December 16th, 2018", "November 15", "since September 2014", the year of "February 23 2015"),
ordinals, times ("9 pm"), measures ("34-mile", "30 percent", "48 hours"), references ("resolution No.2253", "Article
1159", "Brigade 47", "Route 4"), things ("4 U.S. warplanes", "850 articles", "dozens of houses"), people no casualty
word governs ("hundreds of civilians who fled"), and identifications ("one of those killed was ..."). Negated verbs
("were not killed") give nothing.

Text as news sites store it: a dateline glued to the lead is read apart ("SANA-14 people were killed"), a number with
nothing after it but "the ..." or a headline's credit stands alone ("killed 47 the Observatory said", "kill 32
Monitor"), and "IS" written in capitals is a name ("18 IS jihadists"), not the verb.

Hostile text: every pattern runs in linear time, and a sentence's first MAX_QUANTITIES numbers (and as many one-person
and nobody-hurt phrases) are read.

Vocabulary: the words and phrasings (number words, qualifiers, vague quantities, victim nouns, casualty verbs and
nouns, count nouns like "death toll", stop words, breakdown markers, the phrases of nobody hurt) live in
`vocab/figures.json`, read once by `load_vocabulary`; the patterns here are built from it. Adding a phrasing is a
data change and a test row.
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from text_to_num import text2num

KINDS = ("killed", "injured", "casualties")
VICTIMS = ("civilians", "soldiers", "fighters", "unknown")
QUALIFIERS = ("at least", "more than", "up to", "less than", "about", "as high as", "range")
MAX_COUNT = 10_000_000  # larger claimed counts are refused, not capped
MAX_DIGITS = 12
MAX_PHRASE = 200  # parse_quantity reads phrases up to this length
MAX_QUANTITIES = 400  # hostile text: a sentence's first 400 numbers (and as many "a woman", "no casualties") are read

# ---------------------------------------------------------------- the vocabulary
# Every word list lives in vocab/figures.json, read once by `load_vocabulary`; the patterns below are built from it.
# Patterns are matched against the lower-cased sentence (same length, so the same spans); only the month check
# reads the text as written, where "May" is a month and "may" is not.

VOCABULARY_FILE = Path(__file__).with_name("vocab") / "figures.json"


def _without_notes(value: object) -> object:
    """The data with every "_about" note left out."""
    if isinstance(value, dict):
        return {k: _without_notes(v) for k, v in value.items() if not k.startswith("_")}
    return value


def load_vocabulary(path: Path = VOCABULARY_FILE) -> dict:
    """The phrasings of figures: the JSON file's sections, notes left out; ValueError naming the file if unusable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ValueError(f"cannot read the figures vocabulary {path}: {e}") from e
    if not isinstance(data, dict):
        raise ValueError(f"the figures vocabulary {path} must hold a JSON object, got {type(data).__name__}")
    return _without_notes(data)  # type: ignore[return-value]


VOCAB = load_vocabulary()
FORMS: dict[str, list[str]] = VOCAB["forms"]


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of words or phrases, longest first, spaces matching any whitespace."""
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


def _token_words(token: str) -> list[str]:
    """The words one phrase token stands for: "{a|<kill>}" -> a, kill, kills, ...; "<kill>" -> its forms."""
    choices = token[1:-1].split("|") if token.startswith("{") and token.endswith("}") else [token]
    words: list[str] = []
    for choice in choices:
        if choice.startswith("<") and choice.endswith(">"):
            if choice[1:-1] not in FORMS:
                raise ValueError(f"the figures vocabulary {VOCABULARY_FILE} has no forms for {choice!r}")
            words.extend(FORMS[choice[1:-1]])
        else:
            words.append(choice)
    return words


def _phrase(phrase: str) -> str:
    """The regex of one vocabulary phrase (syntax in the file's note): words apart by any whitespace."""
    out, joined = "", False
    for raw in phrase.split():
        optional = raw.endswith("?") and len(raw) > 1
        token = raw[:-1] if optional else raw
        pattern = r"[^\W\d_][\w’'-]*" if token == "*" else f"(?:{_alt(_token_words(token))})"
        if optional:
            out += rf"(?:\s+{pattern})?" if joined else rf"(?:{pattern}\s+)?"
        else:
            out += rf"\s+{pattern}" if joined else pattern
            joined = True
    return out


def _phrases(phrases: Iterable[str]) -> str:
    """One alternation of vocabulary phrases."""
    return "|".join(_phrase(p) for p in phrases)


def _last_words(phrases: Iterable[str]) -> frozenset[str]:
    """Every word a phrase may end with (its last token that cannot be left out)."""
    found: set[str] = set()
    for phrase in phrases:
        tokens = [t for t in phrase.split() if not (t.endswith("?") and len(t) > 1)]
        found.update(_token_words(tokens[-1]))
    return frozenset(found)


def _by_category(table: dict[str, list[str]]) -> dict[str, str]:
    """A {category: [words]} table turned into {word: category}."""
    return {word: category for category, words in table.items() for word in words}


# ---------------------------------------------------------------- numbers

UNITS = {w: i for i, w in enumerate(VOCAB["numbers"]["units"])}
TENS = {w: 10 * (i + 2) for i, w in enumerate(VOCAB["numbers"]["tens"])}
SCALES: dict[str, int] = VOCAB["numbers"]["scales"]
VAGUE_FLOORS: dict[str, int] = VOCAB["vague_floors"]  # vague plurals -> open lower bound
EXACT_VAGUE: dict[str, int] = VOCAB["exact_vague"]  # "two dozen" and the like are counted
QUALIFIER_WORDS: dict[str, str] = VOCAB["qualifiers"]  # prefix -> qualifier
SUFFIX_QUALIFIERS: dict[str, str] = VOCAB["suffix_qualifiers"]
NEUTRAL_PREFIXES: tuple[str, ...] = tuple(VOCAB["neutral_prefixes"])
RANGE_STARTERS: tuple[str, ...] = tuple(VOCAB["range_starters"])
RANGE_TOPS: dict[str, str] = VOCAB["range_tops"]  # "at least 10 and as many as 60": "max" 60, or "open" (no top)

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _lower(text: str) -> str:
    """The text lower-cased with its length kept, so spans carry over (ASCII letters only when lower() would not)."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


_U19 = _alt(w for w, v in UNITS.items() if 1 <= v <= 9)
_W99 = rf"(?:(?:{_alt(TENS)})(?:[-\s](?:{_U19}))?|{_alt(UNITS)})"
_W999 = rf"(?:(?:{_W99}|a)\s+hundred(?:\s+(?:and\s+)?{_W99})?|{_W99})"
WORD_NUMBER = rf"(?:(?:{_W999}|a)\s+(?:thousand|million)(?:\s+(?:and\s+)?{_W999})?|{_W999})"
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_DIGITS_END = r"(?![\w%/]|[.,:]\d|[-–](?!odd\b|plus\b)[^\W\d_])"
NUMBER = rf"(?:{DIGITS}(?:\s+(?:thousand|million))?{_DIGITS_END}|\b{WORD_NUMBER}\b(?![-’']\w))"
VAGUE = rf"(?:{_alt([*VAGUE_FLOORS, *EXACT_VAGUE])}|(?:{_W99}|a)\s+dozen)"
_QUAL = _alt(QUALIFIER_WORDS)
QUANTITY_RE = re.compile(
    rf"(?<![\w$€£#.,/:\-–])(?P<neutral>(?:{_alt(NEUTRAL_PREFIXES)})\s+)?(?P<qual>(?:{_QUAL})\s+)?"
    rf"(?P<qual2>(?:{_QUAL})\s+)?"  # "an estimated at least 50": the second one bounds
    rf"(?P<core>(?:rang(?:ing|ed|es)\s+)?from\s+(?:(?:{_QUAL})\s+)?(?P<from>{NUMBER})"
    rf"\s+to\s+(?P<toq>(?:{_QUAL})\s+)?(?P<to>{NUMBER})"
    rf"|between\s+(?:(?:{_QUAL})\s+)?(?P<between>{NUMBER})\s+and\s+(?P<andq>(?:{_QUAL})\s+)?(?P<and>{NUMBER})"
    rf"|\b(?P<vague>{VAGUE})\b"
    rf"|(?P<number>{NUMBER})(?:\s+(?:to|or)\s+(?P<upper>{NUMBER})|\s*[-–—]\s*(?P<dash>{DIGITS}){_DIGITS_END}"
    rf"|\s+and\s+(?P<topq>{_alt(RANGE_TOPS)})\s+(?P<top>{NUMBER}))?)"
    rf"(?P<suffix>\s+or\s+more\b|\s+or\s+so\b|\s*\+|-plus\b|-odd\b|\s+odd\b)?")
# Where a number itself begins; a qualifier, a "from"/"between" or a neutral prefix before it is found looking back.
_COUNT_WORDS = [*UNITS, *TENS, "tens", "dozens", "dozen", "scores", "hundreds", "thousands"]
_CORE_TRIGGER_RE = re.compile(
    rf"(?<![\w$€£#.,/:\-–])(?:\d|(?:{_alt(_COUNT_WORDS)})\b"
    r"|(?:a|several|half)\s+(?:a\s+)?(?:dozen|hundred|thousand|couple|few))")
PREFIX_LAST_WORDS = frozenset(  # last words of what may stand before a number within a quantity
    phrase.split()[-1].rstrip(".") for phrase in (*NEUTRAL_PREFIXES, *QUALIFIER_WORDS, *RANGE_STARTERS))
PREFIX_BEFORE_RE = re.compile(
    rf"(?<![\w$€£#.,/:\-–])(?:(?:(?:{_alt(NEUTRAL_PREFIXES)})\s+)?(?:(?:{_QUAL})\s+)?(?:(?:{_QUAL})\s+)?"
    rf"|(?:rang(?:ing|ed|es)\s+)?(?:from|between)\s+(?:(?:{_QUAL})\s+)?)$")
NAMES_IN_CAPITALS: list[str] = VOCAB["stop_words"]["names_in_capitals"]
CAPITAL_STOP_RE = re.compile(rf"\b(?:{'|'.join(map(re.escape, NAMES_IN_CAPITALS))})\b")  # "18 IS jihadists"
# Datelines glued to the lead ("SANA-14 people", "(ST)-Five civilians"): read as if the dash were a space.
DATELINE_GLUE_RE = re.compile(r"-(?:(?<=[A-Z][A-Z]-)|(?<=\)-))(?=\d|[A-Z][a-z])")
_N_DOZEN_RE = re.compile(rf"(?P<n>{_W99}|a) dozen\Z")

# ---------------------------------------------------------------- victims

_HEADS = VOCAB["victims"]
HEAD_VICTIMS: dict[str, str | None] = {  # a figure's head noun -> victims; None: the noun names no category
    word: (None if category == "none" else category) for category, words in _HEADS.items() for word in words}
CASUALTY_HEADS: dict[str, str] = VOCAB["casualty_heads"]  # head nouns that are themselves casualty words -> kind
MODIFIER_VICTIMS = _by_category(VOCAB["modifiers"])  # modifiers that decide a neutral head ("pro-government forces")
SENTENCE_VICTIMS = _by_category(VOCAB["sentence_victims"])  # nouns that may lend a figure with none their category
LIST_NOUNS: list[str] = VOCAB["list_nouns"]  # nouns of a breakdown list ("three women and five children")
LIST_ADJECTIVES: list[str] = VOCAB["list_adjectives"]
_PERSON_HEAD_WORDS = _alt(HEAD_VICTIMS)
_SINGULAR = VOCAB["singular_heads"]
SINGULAR_HEADS: list[str] = _SINGULAR["words"]  # counted as one after a determiner ("killing its pilot")

# ---------------------------------------------------------------- the noun phrase a quantity counts

STOP_WORDS: list[str] = VOCAB["stop_words"]["words"]  # words that end a noun phrase
_STOP = _alt(STOP_WORDS)
_WORD = r"[^\W\d_][\w’'.-]*"
BARE_FOLLOWERS: list[str] = VOCAB["stop_words"]["bare_followers"]  # "killed 47 the Observatory said" (commas lost)
_MOD = rf"(?:(?!(?:{_STOP}|{_alt(BARE_FOLLOWERS)})\b){_WORD})"
_ASIDE = r"(?:\([^()\s]{1,30}\)|\[[^\[\]\s]{1,30}\])"  # "23 ISIS (Daesh) militants", "22 SARC [Red Crescent] staff"
NP_RE = re.compile(
    rf"(?P<close>[”\"’']?)(?P<of>\s+of(?:\s+(?:the|those|these|its|their|his|her))?)?"
    rf"(?P<mods>(?:\s+(?:and\s+)?(?:{_MOD}|{_ASIDE})){{0,5}}?)"
    rf"\s+(?P<head>{_alt([*HEAD_VICTIMS, *CASUALTY_HEADS])})\b(?![’'-]\w)")
HEADLINE_CREDITS: list[str] = VOCAB["stop_words"]["headline_credits"]  # "Air strikes kill 32 Monitor"
BARE_RE = re.compile(
    rf"(?P<close>[”\"’']?)(?P<tail>\s+(?:others|more|of\s+(?:them|others)|other\s+ones))?"
    rf"(?=\s{{0,20}}(?:$|[^\w\s]|(?:{_STOP}|{_alt(BARE_FOLLOWERS)})\b)"
    rf"|\s+(?:{_MOD}\s+){{0,2}}?(?:{_alt(HEADLINE_CREDITS)})\b)")
CASUALTY_ADJECTIVE_NP_RE = re.compile(  # "hundreds of badly injured civilians", "scores of dead and wounded members"
    rf"(?P<close>[”\"’']?)(?:\s+of)?\s+(?:\w+ly\s+)?"
    rf"(?P<adj>(?:dead|killed)\s+(?:and|or)\s+(?:injured|wounded)|dead|injured|wounded)"
    rf"(?P<mods>(?:\s+{_MOD}){{0,2}}?)\s+(?P<head>{_alt(HEAD_VICTIMS)})\b(?![’'-]\w)")
NEXT_HEAD_RE = re.compile(rf"\s+(?P<head>{_alt([*HEAD_VICTIMS, *CASUALTY_HEADS])})\b(?![’'-]\w)")
OF_GROUP_RE = re.compile(rf"\s+of\s+(?:(?:the|a|an|one|same|single|syrian|entire|whole)\s+){{0,3}}(?P<w>{_WORD})")
COORDINATED_RE = re.compile(
    rf"\s+(?:and|or)\s+(?:(?:{_alt(LIST_ADJECTIVES)})\s+)?(?P<head>{_alt(set(HEAD_VICTIMS) - set(SINGULAR_HEADS))})"
    rf"\b(?![’'-]\w)")  # "12 women and children"; "four siblings and their father" is five
FAMILY_OF_RE = re.compile(r"\b(?:(?:a|an|one|the|entire|whole|same)\s+)*family\s+of\s+$")  # "a family of five"
CHAIN_SEPARATOR_RE = re.compile(  # between members of a list; a bare space where commas were lost
    r"\s*(?:,\s*(?:and\s+|or\s+)?|(?P<and>and|as\s+well\s+as|along\s+with|in\s+addition\s+to|plus)\s+|or\s+)|\s+")
SINGULAR_RE = re.compile(  # "a woman", "its pilot", "a 12-year-old boy", "a woman and child" (two)
    rf"(?<![\w’'-])(?P<det>{_alt(_SINGULAR['determiners'])})\s+"
    rf"(?P<mods>(?:(?:{_MOD}|\d{{1,3}}[-\s]years?[-\s]old)\s+){{0,3}}?)"
    rf"(?P<head>{_alt(SINGULAR_HEADS)}|\d{{1,3}}-years?-old(?!\s+{_MOD}))\b(?![’'-]\w)"
    rf"(?P<second>\s+and\s+(?:(?:{_alt(LIST_ADJECTIVES)})\s+)?(?:{_alt(SINGULAR_HEADS)})\b(?![’'-]\w))?")
SINGULAR_END_RE = re.compile(  # what may follow one person: punctuation, a stop word, another person, the end
    rf"[”\"’']?\s*(?:$|[^\w\s]|(?:{_STOP}|{_alt(BARE_FOLLOWERS)}|{_PERSON_HEAD_WORDS}|\w+ly)\b)")
_SINGULAR_LAST_WORDS = frozenset([*(w.split()[-1] for w in SINGULAR_HEADS), "old"])  # a cheap look first
_LETTERS_RE = re.compile(r"[a-z]+")

# ---------------------------------------------------------------- governing casualty words

_QUOTE = r"[“\"‘']?"
_GOVERNORS = VOCAB["governors"]
PRE_PATTERNS = tuple((kind, _phrases(_GOVERNORS[kind])) for kind in ("casualties", "killed", "injured"))  # lumped first
PRE_RES = tuple((kind, re.compile(rf"\b(?:{p})\s*{_QUOTE}\s*$")) for kind, p in PRE_PATTERNS)
PERSON_ONLY_RES = tuple(  # verbs that count casualties only before a person noun ("destroyed over 60 terrorists")
    (kind, re.compile(rf"\b(?:{_phrases(phrases)})\s*$")) for kind, phrases in _GOVERNORS["person_only"].items())
COUNT_NOUNS: dict[str, str] = VOCAB["count_nouns"]  # nouns that count casualties ("the death toll rose to") -> kind
COUNT_ADJECTIVES: dict[str, str] = VOCAB["count_adjectives"]
_COUNT_VERBS = VOCAB["count_verbs"]
_COUNT_NOUN = (rf"(?:(?P<adj>{_alt(COUNT_ADJECTIVES)})['’]?\s+)?"
               rf"(?:number\s+of\s+(?:the\s+)?(?:civilian\s+)?)?(?P<noun>{_alt(COUNT_NOUNS)})")
_LINK_VERB = (rf"(?:(?:{_alt(_COUNT_VERBS['link_adverbs'])})\s+)*(?:{_alt(_COUNT_VERBS['link'])})"
              rf"(?:\s+(?:{_alt(_COUNT_VERBS['link_particles'])}))?")
COUNT_RES = (
    re.compile(rf"\b{_COUNT_NOUN}\s+(?:(?:now|so\s+far)\s+)?(?:to|at|of)\s*{_QUOTE}\s*$"),
    re.compile(rf"\b{_COUNT_NOUN}(?:\s+[^\s.;:,]+){{0,10}}?\s+{_LINK_VERB}\s*{_QUOTE}\s*$"),
    re.compile(rf"\b(?:{_alt(_COUNT_VERBS['bring'])})\s+(?:the\s+)?{_COUNT_NOUN}(?:\s+[^\s.;:,]+){{0,8}}?"
               rf"\s+to\s*{_QUOTE}\s*$"),  # "bringing the toll since Monday to 45"
    re.compile(rf"\b(?:{_alt(_COUNT_VERBS['put'])})\s+(?:(?:the|its|their|a|an)\s+)?(?:[^\s.;:,]+\s+){{0,3}}?"
               rf"{_COUNT_NOUN}(?:\s+[^\s.;:,]+){{0,8}}?\s+at\s*{_QUOTE}\s*$"),  # "put the toll from the raids at"
)
BROUGHT_TO_RE = re.compile(rf"\b(?:{_alt(_COUNT_VERBS['bring'])})\s+to\s*$")  # "brought to 49 the number killed"
INVERTED_COUNT_RE = re.compile(
    rf"\s+(?:the|its|their)\s+(?:[^\s.;:,]+\s+){{0,3}}?{_COUNT_NOUN}\b(?:\s+(?:of|for)\s+(?:the\s+)?"
    rf"(?:[^\s.;:,]+\s+){{0,3}}?(?P<after>{_alt(COUNT_NOUNS)})\b)?")
FLOOR_RES = tuple(  # "those killed included 11 people": at least 11
    (kind, re.compile(rf"\b(?:{_phrases(phrases)})\s*$")) for kind, phrases in _GOVERNORS["floor"].items())
COUNT_BARE_RE = re.compile(rf"\b{_COUNT_NOUN}\s*$")  # only before a qualified or ranged quantity
_TOLL_NOUN = _COUNT_NOUN.replace(  # the nouns, not the participles ("killed", "dead"), of a headline's toll
    _alt(COUNT_NOUNS), _alt(n for n in COUNT_NOUNS if n.split()[-1] not in ("killed", "dead", "injured", "wounded",
                                                                            "martyred")))
COUNT_HEADLINE_RE = re.compile(rf"\b{_TOLL_NOUN}(?:\s+[^\s.;:,]+){{1,6}}?\s*$")  # "Death toll from X at least 112"
GOVERNOR_LAST_WORDS = frozenset((  # the last word before a quantity that a casualty word before it can end with
    *(w for kind, _ in PRE_PATTERNS for w in _last_words(_GOVERNORS[kind])),
    *(w for group in ("person_only", "floor") for phrases in _GOVERNORS[group].values() for w in _last_words(phrases)),
    *(phrase.split()[-1] for phrase in (*COUNT_NOUNS, *_COUNT_VERBS["link"], *_COUNT_VERBS["link_particles"])), "to"))
LIVES_VERB_RE = re.compile(rf"\b(?:{_alt(_COUNT_VERBS['lives_stems'])})\w*\s+(?:\w+\s+)?$")
UPDATE_RE = re.compile(rf"\b(?:{_alt(_COUNT_VERBS['update'])})\s+$")

_AFTER = VOCAB["after"]
_AUX = rf"(?:(?:{_phrases(_AFTER['auxiliaries'])}|\w+ly)\s+)"
_POST_KILLED = rf"(?:{_phrases(_AFTER['killed'])})"
_POST_INJURED = rf"(?:{_phrases(_AFTER['injured'])})"
POST_RE = re.compile(
    rf"[”\"’']?\s*(?:,\s*[^,.;:()]{{1,120}}?\s*,|\([^()]{{1,120}}\)"
    rf"|[-–—]\s*[^-–—.;:()]{{1,120}}?\s*[-–—])?"
    rf"\s*,?\s*(?:(?:who|that|which)\s+)?{_AUX}{{0,4}}"
    rf"(?:(?P<cas>{_POST_KILLED}\s*(?:and|or|and/or|/)\s*{_AUX}{{0,2}}{_POST_INJURED}"
    rf"|{_POST_INJURED}\s*(?:and|or|and/or|/)\s*{_AUX}{{0,2}}{_POST_KILLED})"
    rf"|(?P<killed>{_POST_KILLED})|(?P<injured>{_POST_INJURED}))\b")
_VERB = rf"(?:{_POST_KILLED}|{_POST_INJURED})"
GAP_RE = re.compile(  # "14 residents of X in the Hama countryside were killed": a phrase between noun and verb
    rf"\s+(?=(?:\w+ly\s+)?(?:{_phrases(_AFTER['gap_openers'])})\b)"
    rf"(?:(?!(?:{_alt(_AFTER['gap_stops'])})\b)[^\s.;:!?()\[\]\"“”]+\s+)"
    rf"{{1,12}}?(?={_AUX}{{1,4}}{_VERB}\b)")
GAP_CLAUSE_RE = re.compile(rf"\b(?:{_alt(_AFTER['gap_stops'])}|{_VERB}|reported|according)\b")
GAPPED_BEFORE_RE = re.compile(r"\b(?:and|while|whereas)\s+$")  # "... and another five outside Kobane"
GAPPED_AFTER_RE = re.compile(  # what may follow a figure whose verb is left out: a place, a time, or nothing
    r"\s*(?:$|[.,;:)]|(?:in|at|on|near|outside|inside|around|across|from|during|elsewhere|east|west|north|south|"
    r"overnight|today|yesterday)\b)")
OR_RE = re.compile(r"\bor\b")
_NONE = VOCAB["none"]
NONE_NOUNS: dict[str, list[str]] = _NONE["nouns"]  # "no casualties" -> killed 0 and injured 0
NONE_HINT_RE = re.compile(r"no(?:\s|-|body\b|ne\b)|without\s")  # a cheap look first; word starts are checked later
NONE_NOUN_RE = re.compile(
    rf"(?:no|{_alt(_NONE['without'])})\s+(?:(?P<adj>{_alt(_NONE['adjectives'])})\s+)?(?P<noun>{_alt(NONE_NOUNS)})"
    rf"\b(?![’'-]\w)")
NONE_PERSON_RE = re.compile(  # "no one was killed", "no civilians were hurt": a verb must follow
    rf"(?:{_alt(_NONE['persons'])}|no\s+(?P<head>{_alt(w for w, v in HEAD_VICTIMS.items() if v)}))\b")
BRACKET_RE = re.compile(r"\s*\([^()]{0,120}\)")  # "2 women (a nurse and a doctor) as well as 2 soldiers"
JOINED_AFTER_VERB_RE = re.compile(r"\s+(?:along\s+with|as\s+well\s+as|in\s+addition\s+to|together\s+with)\s+")
OTHER_VERB_RE = re.compile(r"\s+(?:are|is|were|was|have|has|had|remain|remained|went|fled)\b")
POST_VERB_RE = re.compile(rf"\s+{_VERB}\b")
LEFT_RE = re.compile(r"\b(?:leav(?:e|es|ing)|left)\s+$")  # "leaving 8 people injured": no active verb follows
_PASSIVE_RE = re.compile(r"\b(?:were|was|are|is|been|be|being|got|get|gets)\b")
_TRANSITIVE = frozenset(_AFTER["transitive"])
_PERSON_HEAD = _PERSON_HEAD_WORDS
ACTIVE_OBJECT_RE = re.compile(  # what makes "killed" after a noun phrase active: an object ("bombers killed 2 people")
    rf"\s+(?:(?:{_alt(QUALIFIER_WORDS)})\s+)?(?:(?:several|many|dozens|scores|hundreds|tens|thousands)\b"
    rf"|(?:{NUMBER}|a|an|the|his|her|their|its)(?:\s+{_MOD}){{0,3}}?\s+(?:{_PERSON_HEAD})\b|(?:{_PERSON_HEAD})\b)")
CASUALTY_HINT_RE = re.compile(_alt(VOCAB["hints"]))  # a sentence without any of these words has no figure
_PERSON_ONLY_WORDS = [w for phrases in _GOVERNORS["person_only"].values() for p in phrases for w in _token_words(p)]
_PERSON_ONLY_STEMS = tuple(sorted({w[:4] for w in _PERSON_ONLY_WORDS}))  # a cheap look before the pattern
PERSON_ONLY_HINT_RE = re.compile(  # or these verbs of people only, a number close after ("lost 15 militants")
    rf"\b(?:{_alt(_PERSON_ONLY_WORDS)})\s+(?:[^\W\d_]+\s+){{0,2}}?(?:\d|(?:{_alt(_COUNT_WORDS)})\b)")

# ---------------------------------------------------------------- not figures

_NOT = VOCAB["not_figures"]
MONTHS = frozenset(_NOT["months"])  # as written: "May", not "may"
MONTH_AFTER_RE = re.compile(rf"\s*(?:of\s+)?(?:{_alt(MONTHS)})\b")
REFERENCE_WORDS = frozenset(_NOT["reference_words"])  # a number right after these is a reference, measure or age
YEAR_WORDS = frozenset(  # a 1900-2099 number right after these is a year even before a noun ("in 2016 civilians")
    [*_NOT["year_words"], *(m.lower() for m in MONTHS)])
YEAR_RE = re.compile(r"(?:19|20)\d\d")
NOT_ONE_WORDS = frozenset(_NOT["not_one_words"])  # "no one was killed"
_WORD_PUNCTUATION = "“”\"‘’'.,;:()#\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e"

# ---------------------------------------------------------------- breakdowns

_LIST_NUMBER = rf"(?:\d+|{_W99})"
_ITEM = (rf"(?:(?:a|an|the|her|his|their|its)\s+)?(?:{_LIST_NUMBER}\s+(?:of\s+(?:the|its|their|his|her)\s+)?)?"
         rf"(?:(?:{_alt(LIST_ADJECTIVES)}|"
         rf"{_LIST_NUMBER}[-\s]years?[-\s]old)\s+){{0,2}}(?:{_alt(LIST_NOUNS)})\b"
         rf"(?:\s+(?:of|from)\s+(?:(?:the|a|one|same|single)\s+){{0,2}}famil(?:y|ies)\b)?")
_LIST = rf"{_ITEM}(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s+as\s+well\s+as\s+){_ITEM})*"
_BREAKDOWNS = VOCAB["breakdowns"]
GROUP_KINDS: dict[str, str] = _BREAKDOWNS["group_kinds"]
_GROUP_KIND = rf"(?P<k>{_alt(GROUP_KINDS)})"
APPOSITIVE_MARKER_RE = re.compile(rf"\b(?:{_phrases(_BREAKDOWNS['markers'])})\b")
NUMBER_OF_THEM_RE = re.compile(r"\b(?:\d+|[a-z]+(?:-[a-z]+)?)\s+of\s+(?:them|whom)\b")  # "five of them children"


def _key_words(phrase: str) -> list[str]:
    """Words one of which any match of the phrase contains: its required token with the longest shortest word."""
    tokens = [_token_words(t) for t in phrase.split() if not (t.endswith("?") and len(t) > 1)]
    return max(tokens, key=lambda words: min(map(len, words)))


APPOSITIVE_KEYS = frozenset(  # a sentence without any has no appositive breakdown
    w for p in _BREAKDOWNS["markers"] for w in _key_words(p))
APPOSITIVE_LIST_RE = re.compile(rf"(?:\s+(?:were|was|are|being))?\s+{_LIST}")  # after a marker
AMONG_TAIL_RE = re.compile(  # "... were among the dead": the list stands before it
    rf"\s+(?:were|was|are|is)\s+(?:(?:also|reportedly|reported)\s+)?(?:said\s+to\s+be\s+)?among\s+the\s+{_GROUP_KIND}\b")
LIST_BEFORE_RE = re.compile(rf"(?<![\w-])(?:{_LIST})$")
AMONG_FIRST_RE = re.compile(rf"\bamong\s+the\s+{_GROUP_KIND}\s+(?:were|are|was|is)\s+{_LIST}")
SHARE_TAIL_RE = re.compile(  # "most of the dead were women and children", "17 of the dead were children"
    rf"of\s+(?:the|those)\s+(?:civilian\s+)?{_GROUP_KIND}\s+(?:were|are|was|is)\s+(?:(?:also|reportedly)\s+)?{_LIST}")
SHARE_HEAD_RE = re.compile(rf"\b(?:most|many|all|half|some|the\s+majority|{_LIST_NUMBER})\s+$")
MAJORITY_RE = re.compile(rf"(?:{_phrases(_BREAKDOWNS['majority'])})\b")  # breakdowns that speak for most of a toll
_LIST_NOUN_RE = re.compile(rf"\b(?:{_alt(LIST_NOUNS)})\b")
_SENTENCE_NOUN_RE = re.compile(rf"\b(?:{_alt(SENTENCE_VICTIMS)})\b")


@dataclass(frozen=True)
class Figure:
    """One casualty figure a sentence claims: kind, bounds, victims, and the phrase as written with its span."""

    kind: str  # "killed" | "injured" | "casualties" (killed and injured lumped together)
    min: int | None  # lower bound claimed
    max: int | None  # upper bound claimed (None = open)
    victims: str  # "civilians" | "soldiers" | "fighters" | "unknown"
    text: str  # the figure phrase as written, e.g. "at least 26 local civilians"
    start: int  # span of `text` in the article
    end: int
    qualifier: str | None = None  # see QUALIFIERS
    details: tuple[str, ...] = ()  # breakdowns as written: "including 14 children"
    parts: tuple[Figure, ...] = ()  # the parts a summed toll was stated in ("17 militants and a child")

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {self.kind!r}")
        if self.victims not in VICTIMS:
            raise ValueError(f"victims must be one of {VICTIMS}, got {self.victims!r}")
        if self.qualifier is not None and self.qualifier not in QUALIFIERS:
            raise ValueError(f"qualifier must be one of {QUALIFIERS} or None, got {self.qualifier!r}")
        for name in ("min", "max"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or value < 0):
                raise ValueError(f"{name} must be a non-negative int or None, got {value!r}")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min must not exceed max, got min={self.min}, max={self.max}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"span must satisfy 0 <= start <= end, got start={self.start}, end={self.end}")
        if not isinstance(self.details, tuple):
            raise ValueError(f"details must be a tuple, got {type(self.details).__name__}")
        if not isinstance(self.parts, tuple) or not all(isinstance(p, Figure) for p in self.parts):
            raise ValueError(f"parts must be a tuple of Figure, got {self.parts!r}")


@dataclass(frozen=True)
class Breakdown:
    """A part of a toll as written ("including 14 children", "nine children and eight women"): never a total."""

    text: str
    start: int
    end: int
    kind: str | None = None  # the toll it breaks down when the text says ("among the dead" -> killed)
    victims: str = "unknown"  # the category its nouns name, "unknown" when mixed or none

    def __post_init__(self) -> None:
        if self.kind is not None and self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS} or None, got {self.kind!r}")
        if self.victims not in VICTIMS:
            raise ValueError(f"victims must be one of {VICTIMS}, got {self.victims!r}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"span must satisfy 0 <= start <= end, got start={self.start}, end={self.end}")


@dataclass(frozen=True)
class Quantity:
    """A number phrase read as bounds: (min, max) with its qualifier."""

    min: int | None
    max: int | None
    qualifier: str | None = None

    def __post_init__(self) -> None:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min must not exceed max, got min={self.min}, max={self.max}")
        if self.qualifier is not None and self.qualifier not in QUALIFIERS:
            raise ValueError(f"qualifier must be one of {QUALIFIERS} or None, got {self.qualifier!r}")


# ---------------------------------------------------------------- reading numbers

def _words_value(text: str) -> int | None:
    """The value of number words ("twenty-three", "one hundred and five", "a thousand"), None if not one."""
    words = ["one" if w == "a" else w for w in text.casefold().split()]
    if not words or words == ["and"]:
        return None
    try:
        return text2num(" ".join(words), "en")
    except ValueError:
        return None


def _number_value(text: str) -> int | None:
    """The value of one number ("1,200", "256 thousand", "1.5 million", "Twenty"), None if not a count."""
    text = text.strip()
    if not text or not text[0].isdigit():
        return _words_value(text)
    digits, _, scale = text.partition(" ")
    scale = scale.strip().lower()
    plain = digits.replace(",", "")
    if len(plain) > MAX_DIGITS or (scale and scale not in SCALES):
        return None
    try:
        if "." in plain:
            value = float(plain) * SCALES.get(scale, 0)
            return int(value) if value == int(value) and value > 0 else None
        return int(plain) * SCALES.get(scale, 1)
    except ValueError:
        return None


def _vague_value(text: str) -> tuple[int, bool] | None:
    """The floor of a vague quantity and whether it is exact ("a dozen" is 12; "dozens" is 24 or more)."""
    text = " ".join(text.split())
    if text in EXACT_VAGUE:
        return EXACT_VAGUE[text], True
    if text in VAGUE_FLOORS:
        return VAGUE_FLOORS[text], False
    if m := _N_DOZEN_RE.match(text):
        n = 1 if m.group("n") == "a" else _words_value(m.group("n"))
        return (n * 12, True) if n else None
    return None


def _bounds(value: int, exact: bool, qualifier: str | None) -> Quantity | None:
    """Bounds of a value under a qualifier (see the module docstring)."""
    if value > MAX_COUNT:
        return None
    if qualifier == "more than":
        return Quantity(value + 1 if exact else value, None, qualifier)
    if qualifier == "at least" or not exact:
        if qualifier in ("up to", "less than"):
            return None
        return Quantity(value, None, qualifier)
    if qualifier == "up to":
        return Quantity(None, value, qualifier)
    if qualifier == "less than":
        return Quantity(None, value - 1, qualifier) if value > 0 else None
    return Quantity(value, value, qualifier)


def _qualifier(match: re.Match[str]) -> str | None:
    """The qualifier a quantity match carries, from its prefix ("at least") or its suffix ("or more")."""
    if prefix := match.group("qual2") or match.group("qual"):  # "an estimated at least 50": the bound counts
        return QUALIFIER_WORDS.get(" ".join(prefix.split()))
    suffix = match.group("suffix")
    return SUFFIX_QUALIFIERS.get(" ".join(suffix.split())) if suffix else None


def _range(low_text: str, high_text: str, qualifier: str | None, top: str | None = None) -> Quantity | None:
    """A range's bounds, low first ("between 30 and 54"), None when an end is no count; an upper end that is
    itself open ("from 500 to well over 1000") leaves the range open."""
    low, high = _number_value(low_text), _number_value(high_text)
    if low is None or high is None or max(low, high) > MAX_COUNT:
        return None
    if top and QUALIFIER_WORDS.get(" ".join(top.split())) in ("more than", "at least"):
        return Quantity(min(low, high), None, "at least")
    return Quantity(min(low, high), max(low, high), "range") if low != high else Quantity(low, low, qualifier)


def _topped(match: re.Match[str], qualifier: str | None) -> Quantity | None:
    """ "at least 10 and as many as 60" -> (10, 60); "at least 10 and more than 60" -> (10, open)."""
    first, top = _number_value(" ".join(match.group("number").split())), _number_value(match.group("top"))
    floor = None if first is None else _bounds(first, True, qualifier)
    if floor is None or floor.min is None or top is None or top > MAX_COUNT:
        return None
    if RANGE_TOPS[" ".join(match.group("topq").split())] == "open" or top < floor.min:
        return Quantity(floor.min, None, "at least")
    return Quantity(floor.min, top, "range") if top > floor.min else Quantity(top, top, qualifier)


def _read(match: re.Match[str]) -> Quantity | None:
    """The quantity a QUANTITY_RE match states, None when it states no usable count."""
    qualifier = _qualifier(match)
    if match.group("top"):
        return _topped(match, qualifier)
    for low, high, top in (("from", "to", "toq"), ("between", "and", "andq"), ("number", "upper", None),
                           ("number", "dash", None)):
        if match.group(high):
            return _range(match.group(low), match.group(high), qualifier, match.group(top) if top else None)
    if vague_text := match.group("vague"):
        vague = _vague_value(vague_text)
        return None if vague is None else _bounds(vague[0], vague[1], qualifier)
    value = _number_value(" ".join(match.group("number").split()))
    return None if value is None else _bounds(value, True, qualifier)


def parse_quantity(text: str) -> tuple[int | None, int | None] | None:
    """A number phrase -> (min, max): '20' -> (20, 20); 'more than 70' -> (71, None); None when not a quantity.

    Conventions are in the module docstring: 'up to 12' -> (None, 12); 'about 40' / 'nearly 40' -> (40, 40);
    'tens' -> (20, None); 'dozens' -> (24, None); '30 to 54' -> (30, 54); counts above MAX_COUNT -> None.
    """
    quantity = read_quantity(text)
    return None if quantity is None else (quantity.min, quantity.max)


def read_quantity(text: str) -> Quantity | None:
    """A number phrase -> its `Quantity` (bounds and qualifier), None when the whole text is not one quantity."""
    if not isinstance(text, str) or len(text) > MAX_PHRASE:
        return None
    match = QUANTITY_RE.fullmatch(_lower(text.strip()))
    return _read(match) if match else None


# ---------------------------------------------------------------- breakdowns

def _list_victims(low: str) -> str:
    """The one category a breakdown's nouns name ("women and children" -> civilians), else "unknown"."""
    found = set()
    for m in _LIST_NOUN_RE.finditer(low):
        word = m.group(0)
        category = "civilians" if word in ("elderly", "family", "families") else HEAD_VICTIMS.get(word)
        if category and category != "unknown":
            found.add(category)
    return found.pop() if len(found) == 1 else "unknown"


def _breakdown(sentence: str, low: str, start: int, end: int, kind: str | None) -> Breakdown:
    """A breakdown over a span of the sentence."""
    return Breakdown(sentence[start:end], start, end, kind, _list_victims(low[start:end]))


def _found_breakdowns(sentence: str, low: str) -> list[Breakdown]:
    """Every breakdown phrase the patterns find, overlaps included, spans relative to the sentence."""
    found = []
    markers = list(APPOSITIVE_MARKER_RE.finditer(low)) if any(k in low for k in APPOSITIVE_KEYS) else []
    if " of them" in low or " of whom" in low:
        markers.extend(NUMBER_OF_THEM_RE.finditer(low))
    for m in markers:
        if tail := APPOSITIVE_LIST_RE.match(low, m.end()):
            found.append(_breakdown(sentence, low, m.start(), tail.end(), None))
    if "among" in low:
        for m in AMONG_TAIL_RE.finditer(low):
            if head := LIST_BEFORE_RE.search(low, max(0, m.start() - 150), m.start()):
                found.append(_breakdown(sentence, low, head.start(), m.start(), GROUP_KINDS[m.group("k")]))
        for m in AMONG_FIRST_RE.finditer(low):
            found.append(_breakdown(sentence, low, m.start(), m.end(), GROUP_KINDS[m.group("k")]))
    if " of th" in low:
        for m in SHARE_TAIL_RE.finditer(low):
            if head := SHARE_HEAD_RE.search(low, max(0, m.start() - 40), m.start()):
                found.append(_breakdown(sentence, low, head.start(), m.end(), GROUP_KINDS[m.group("k")]))
    return found


def _breakdowns(sentence: str, low: str) -> list[Breakdown]:
    """Breakdown phrases of a sentence, spans relative to it, in text order, none overlapping."""
    kept: list[Breakdown] = []
    for b in sorted(_found_breakdowns(sentence, low), key=lambda b: (b.start, -b.end)):
        if not kept or b.start >= kept[-1].end:
            kept.append(b)
    return kept


def breakdowns(sentence: str, offset: int = 0) -> list[Breakdown]:
    """The breakdowns a sentence gives ("including 14 children", "nine children and eight women" among the dead).

    A breakdown is a part of a toll, never a total: its numbers are not figures and are never summed.
    """
    if not isinstance(sentence, str) or not sentence:
        return []
    return [Breakdown(b.text, b.start + offset, b.end + offset, b.kind, b.victims)
            for b in _breakdowns(sentence, _lower(sentence))]


def _covering(parts: list[Breakdown], starts: list[int], pos: int) -> bool:
    """True when a position lies inside one of the (sorted, disjoint) breakdowns."""
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < parts[i].end


def _following(parts: list[Breakdown], starts: list[int], low: str, anchor: int) -> Breakdown | None:
    """The breakdown that follows a position with nothing but commas, spaces or a bracket between, if any."""
    i = bisect.bisect_left(starts, anchor)
    if i == len(parts) or parts[i].start - anchor > 8:
        return None
    return parts[i] if not low[anchor:parts[i].start].strip(" \t\n\r\u00a0,(–—-") else None


# ---------------------------------------------------------------- candidates

@dataclass(frozen=True)
class _Candidate:
    """A quantity with the noun phrase it counts, before any casualty word is checked."""

    start: int  # start of the figure's text (opening quote, "a family of", or the quantity)
    end: int  # end of the figure's text (the head noun, or the quantity)
    np_end: int  # where the noun phrase ends (closing quote, "others"): verbs after it are read from here
    governor_end: int  # where a governing word before the figure must end ("rose from 12 to 30": before "from")
    quantity: Quantity
    own: str | None  # the victims the figure's own words name; None when they name none
    head_kind: str | None = None  # the kind a casualty head noun gives ("60 casualties")
    headed: bool = False  # a noun heads the figure ("12 soldiers"), not a bare number ("12 were killed")
    head_end: int = -1  # where its head noun ends, before "of ..." ("14 members" of "14 members of the group")
    implicit: bool = False  # one person a determiner counts ("a woman"), no number written
    adjectival: bool = False  # the casualty word is an adjective before the noun ("dozens of injured children")


def _words_before(text: str, pos: int, n: int = 2) -> list[str]:
    """The last n words before a position, stripped of quotes and punctuation (a cheap look-behind)."""
    words = [w.strip(_WORD_PUNCTUATION) for w in text[max(0, pos - 48):pos].split()[-n - 1:]]
    return [w for w in words if w][-n:]


def _rejected_by_context(sentence: str, low: str, m: re.Match[str]) -> bool:
    """True when the number is part of a date, a reference or an amount, or is the "one" of "no one"."""
    before = _words_before(sentence, m.start("core"), 2)  # "In May more than 60 civilians": no date
    if (before and before[-1] in MONTHS) or MONTH_AFTER_RE.match(sentence, m.end()):
        return True
    if len(before) == 2 and before[0] in MONTHS and before[1].isdigit() and len(before[1]) <= 2:
        return True  # the year of "February 23 2015"
    raw = low[max(0, m.start() - 8):m.start()].split()
    reference = bool(raw) and raw[-1].strip(".:") in REFERENCE_WORDS and m.group("core")[:1].isdigit()
    if reference or (raw and raw[-1][-1] in "$€£¥#"):
        return True  # "Route 4", "Resolution 2254" (and "$5"), but "on the day four people were injured" counts
    return m.group("core") == "one" and bool(set(_words_before(low, m.start("core"), 1)) & NOT_ONE_WORDS)


def _is_year(low: str, m: re.Match[str], counts_people: bool) -> bool:
    """True when the quantity is a bare 1900-2099 number, or two, read as years ("2014", "2014-2019")."""
    numbers = [n for n in m.group("number", "dash", "upper", "top", "from", "to", "between", "and") if n]
    if m.group("qual") or not numbers or not all(YEAR_RE.fullmatch(n) for n in numbers):
        return False
    return not counts_people or bool(set(_words_before(low, m.start(), 1)) & YEAR_WORDS)


def _family_start(low: str, qstart: int) -> int | None:
    """Where "a family of" begins when it stands right before the number ("a family of five"), else None."""
    if _words_before(low, qstart) != ["family", "of"]:
        return None
    m = FAMILY_OF_RE.search(low, max(0, qstart - 40), qstart)
    return m.start() if m else None


def _modifier_victims(words: str, head_category: str | None) -> str | None:
    """The victims modifiers name for a neutral head ("pro-government forces" -> soldiers), else the head's."""
    if head_category not in (None, "unknown", "fighters"):
        return head_category
    found = None
    for word in re.findall(r"[^\s,;:()]+", words):
        found = MODIFIER_VICTIMS.get(word.strip("’'.\"“”"), found)
    if head_category == "fighters":
        return "soldiers" if found == "soldiers" else head_category
    return found or head_category


def _head_phrase(low: str, qstart: int, m: re.Match[str]) -> tuple[int, str | None, str | None, int] | None:
    """(end, own victims, head kind, head end) of a noun phrase with a person or casualty head; None for "saved 30
    lives"."""
    head, mods, end = " ".join(m.group("head").split()), m.group("mods"), m.end()
    if after := NEXT_HEAD_RE.match(low, end):  # "23 civilian deaths", "14 displaced people": the last noun heads
        head, mods, end = " ".join(after.group("head").split()), f"{mods} {head}", after.end()
    kind = CASUALTY_HEADS.get(head)
    if head in ("lives", "victims"):
        kind = "killed" if LIVES_VERB_RE.search(low, max(0, qstart - 40), qstart) else None
        if head == "lives" and kind is None:
            return None
    own = _modifier_victims(mods, HEAD_VICTIMS.get(head))
    head_end = end
    if own in (None, "unknown", "fighters") and (g := OF_GROUP_RE.match(low, end)):
        of_victims = _modifier_victims(g.group("w"), own)
        if of_victims != own:
            own, end = of_victims, g.end()
    if own not in (None, "unknown") and (c := COORDINATED_RE.match(low, end)):  # "women and children"
        other = HEAD_VICTIMS.get(" ".join(c.group("head").split()))
        own, end = (own if other in (own, None) else "unknown"), c.end()
    return end, own, kind, head_end


def _noun_phrase(low: str, qstart: int, qend: int) -> tuple[int, int, str | None, str | None, int] | None:
    """(text end, noun-phrase end, own victims, head kind, head end) of what a quantity counts; None for a thing.
    The head end is -1 for a bare number ("12 were killed")."""
    if m := CASUALTY_ADJECTIVE_NP_RE.match(low, qend):
        adjective, head = " ".join(m.group("adj").split()), " ".join(m.group("head").split())
        kind = "casualties" if " " in adjective else "injured" if adjective in ("injured", "wounded") else "killed"
        return m.end(), m.end(), _modifier_victims(m.group("mods"), HEAD_VICTIMS.get(head)), kind, m.end()
    if m := NP_RE.match(low, qend):
        phrase = _head_phrase(low, qstart, m)
        return None if phrase is None else (phrase[0], phrase[0], phrase[1], phrase[2], phrase[3])
    b = BARE_RE.match(low, qend)
    if b is None:
        return None
    return (b.end() if b.group("tail") else qend), b.end(), None, None, -1


def _update_target(low: str, m: re.Match[str], quantity: Quantity) -> tuple[Quantity | None, int]:
    """For "(the toll) rose from 12 to 30", the new figure alone and where it starts; else the quantity as read."""
    if not m.group("to") or not UPDATE_RE.search(low, max(0, m.start() - 30), m.start()):
        return quantity, m.start()
    value = _number_value(" ".join(m.group("to").split()))
    return (_bounds(value, True, None) if value is not None else None), m.start("to")


def _candidate(sentence: str, low: str, m: re.Match[str]) -> _Candidate | None:
    """The candidate a quantity match makes, or None when the number counts no people or is no count."""
    read = _read(m)
    if read is None or _rejected_by_context(sentence, low, m):
        return None
    quantity, qstart = _update_target(low, m, read)
    phrase = _noun_phrase(low, qstart, m.end()) if quantity else None
    if quantity is None or phrase is None or _is_year(low, m, phrase[2] is not None or phrase[3] is not None):
        return None
    end, np_end, own, head_kind, head_end = phrase
    adjectival = head_kind is not None and CASUALTY_ADJECTIVE_NP_RE.match(low, m.end()) is not None
    start = qstart
    if (family := _family_start(low, qstart)) is not None:
        start, own = family, own if own not in (None, "unknown") else "civilians"
    if start > 0 and low[start - 1] in "“\"‘'" and low[m.end():np_end][:1] in "”\"’'":
        start -= 1
    return _Candidate(start, max(end, m.end()), np_end, min(start, m.start()), quantity, own, head_kind,
                      head_end >= 0, head_end, adjectival=adjectival)


def _quantity_start(low: str, pos: int) -> int:
    """Where the quantity whose number begins at pos begins: before its qualifier, prefix or "from"/"between"."""
    before = _words_before(low, pos, 1)
    if not before or before[0] not in PREFIX_LAST_WORDS:
        return pos
    m = PREFIX_BEFORE_RE.search(low, max(0, pos - 60), pos)
    return m.start() if m else pos


def _quantities(low: str, parts: list[Breakdown], starts: list[int]) -> list[re.Match[str]]:
    """Every quantity phrase of the text outside breakdowns, left to right, tried only where a number begins."""
    found: list[re.Match[str]] = []
    resume = 0
    for w in _CORE_TRIGGER_RE.finditer(low):
        if w.start() < resume or _covering(parts, starts, w.start()):
            continue
        start = _quantity_start(low, w.start())
        m = QUANTITY_RE.match(low, start) if start < w.start() else None
        if (m is None or m.end() <= w.start()) and (m := QUANTITY_RE.match(low, w.start())) is None:
            continue
        if m.group("top") and not (m.group("qual") or m.group("qual2")):  # "32 and more than 115": two numbers
            m = QUANTITY_RE.match(low, m.start(), m.end("number"))
            if m is None:
                continue
        found.append(m)
        resume = m.end()
        if len(found) >= MAX_QUANTITIES:
            break
    return found


def _occurrences(low: str, word: str) -> Iterator[tuple[int, int]]:
    """The spans of a word where it stands as a whole word (letters neither before nor after)."""
    i = low.find(word)
    while i >= 0:
        end = i + len(word)
        if (i == 0 or not low[i - 1].isalpha()) and (end == len(low) or not low[end].isalpha()):
            yield i, end
        i = low.find(word, end)


def _singulars(low: str, parts: list[Breakdown], starts: list[int]) -> list[_Candidate]:
    """One person a determiner counts ("a woman", "its pilot", "a woman and child" two), outside breakdowns."""
    found: list[_Candidate] = []
    resume = 0
    heads = _SINGULAR_LAST_WORDS.intersection(_LETTERS_RE.findall(low))
    for h_start, h_end in sorted(span for word in heads for span in _occurrences(low, word)):
        if h_start < resume or _covering(parts, starts, h_start):
            continue
        window = max(0, h_start - 80, resume)
        m = next((m for m in SINGULAR_RE.finditer(low, window, h_end + 60) if m.end("head") == h_end), None)
        if m is None or not SINGULAR_END_RE.match(low, m.end()):  # "a terrorist attack": a modifier, no person
            continue
        own = _modifier_victims(m.group("mods"), HEAD_VICTIMS.get(" ".join(m.group("head").split())))
        n = 2 if m.group("second") else 1
        end = m.end()
        found.append(_Candidate(m.start(), end, end, m.start(), Quantity(n, n), own, None, True, end, True))
        resume = end
        if len(found) >= MAX_QUANTITIES:
            break
    return found


def _candidates(sentence: str, low: str, parts: list[Breakdown]) -> list[_Candidate]:
    """Every quantity of the sentence that counts people or casualties, outside breakdowns, in text order."""
    starts = [b.start for b in parts]
    found = [c for m in _quantities(low, parts, starts) if (c := _candidate(sentence, low, m)) is not None]
    spans = [(c.start, c.end) for c in found]
    for c in _singulars(low, parts, starts):
        if not any(s < c.end and c.start < e for s, e in spans):
            found.append(c)
    found.sort(key=lambda c: c.start)
    kept: list[_Candidate] = []
    closing = -1  # the end of brackets right after a kept figure: what they hold are its parts
    for c in found:
        if c.start < closing:
            continue
        if kept and (opening := _bracket_after(low, kept[-1], c)) >= 0:
            closing = low.find(")", opening)
            closing = len(low) if closing < 0 else closing
            continue
        kept.append(c)
    return kept


def _bracket_after(low: str, before: _Candidate, c: _Candidate) -> int:
    """Where a bracket opens right after another figure and before this one ("2 women (a nurse and a doctor)")."""
    opening = low.rfind("(", before.np_end, c.start)
    if opening < 0 or low[before.np_end:opening].strip() or ")" in low[opening:c.start]:
        return -1
    return opening


# ---------------------------------------------------------------- governing casualty words

def _pre_kind(low: str, c: _Candidate, floor: int, weak: bool = False) -> tuple[str, str | None, bool] | None:
    """(kind, victims adjective, floor only) of a casualty word right before the figure ("killing", "the death toll
    rose to", "those killed included"), starting at or after `floor` (a verb the figure before took is not this one's).
    `weak`: a count noun a few words back, tried when nothing else governs ("Death toll from X attack at least 112").
    """
    before = _words_before(low, c.governor_end, 1)
    window = max(0, c.governor_end - 120, floor)
    if weak or not before or before[0] not in GOVERNOR_LAST_WORDS:
        m = COUNT_HEADLINE_RE.search(low, window, c.governor_end) if weak and c.quantity.qualifier and before else None
        return (COUNT_NOUNS[" ".join(m.group("noun").split())], COUNT_ADJECTIVES.get(m.group("adj") or ""),
                False) if m else None
    for kind, pattern in PRE_RES:
        if pattern.search(low, window, c.governor_end):
            return kind, None, False
    for kind, pattern in FLOOR_RES:
        if pattern.search(low, window, c.governor_end):
            return kind, None, True
    if c.own is not None:
        for kind, pattern in PERSON_ONLY_RES:
            if pattern.search(low, window, c.governor_end):
                return kind, None, False
    count_res = COUNT_RES + ((COUNT_BARE_RE,) if c.quantity.qualifier else ())
    for pattern in count_res:
        if m := pattern.search(low, window, c.governor_end):
            return COUNT_NOUNS[" ".join(m.group("noun").split())], COUNT_ADJECTIVES.get(m.group("adj") or ""), False
    return None


def _inverted_kind(low: str, c: _Candidate) -> tuple[str, str | None, int] | None:
    """(kind, victims adjective, end) for "brought to 49 the number (of civilians) killed": the count noun after."""
    if not BROUGHT_TO_RE.search(low, max(0, c.governor_end - 40), c.governor_end):
        return None
    m = INVERTED_COUNT_RE.match(low, c.np_end)
    if m is None:
        return None
    noun = " ".join((m.group("after") or m.group("noun")).split())
    victims = next((v for w in low[m.start():m.end()].split() if (v := HEAD_VICTIMS.get(w))), None)
    return COUNT_NOUNS[noun], COUNT_ADJECTIVES.get(m.group("adj") or "") or victims, m.end()


def _active(low: str, pos: int, m: re.Match[str], verb: int) -> bool:
    """True for a transitive verb with no auxiliary and an object after it: "3 bombers killed 2 people" (not "60
    Terrorists Killed Tens Injured", where what follows has a verb of its own)."""
    word = low[verb:m.end()].split()[0]
    if word not in _TRANSITIVE or _PASSIVE_RE.search(low, pos, verb):
        return False
    obj = ACTIVE_OBJECT_RE.match(low, m.end())
    return obj is not None and not POST_VERB_RE.match(low, obj.end())


def _gap_allowed(gap: str) -> bool:
    """True for a phrase that may stand between a noun and its verb: no number but "one" ("from one family") and no
    casualty word in it."""
    if any(ch.isdigit() for ch in gap) or CASUALTY_HINT_RE.search(gap):
        return False
    return all(m.group(0) == "one" for m in _CORE_TRIGGER_RE.finditer(gap))


def _post_kind(low: str, pos: int, headed: bool, left: bool = False, head_end: int = -1) -> tuple[str, int] | None:
    """(kind, end) of a casualty verb right after a noun phrase ("were killed", "dead", "martyred and injured"), or
    after a phrase describing a headed one ("14 residents of X in Hama countryside were killed")."""
    m = POST_RE.match(low, pos)
    for start in dict.fromkeys((pos, head_end)) if m is None and headed else ():
        if start >= 0 and (gap := GAP_RE.match(low, start)) and _gap_allowed(gap.group(0)):
            m = POST_RE.match(low, gap.end())
            break
    if m is None:
        return None
    verb = m.start("cas") if m.group("cas") else m.start("killed") if m.group("killed") else m.start("injured")
    if headed and not left and _active(low, pos, m, verb):
        return None  # "three suicide bombers killed at least two people": the figure is the agent
    kind = "casualties" if m.group("cas") else "killed" if m.group("killed") else "injured"
    return kind, m.end()


@dataclass(frozen=True)
class _Governed:
    """A candidate with the casualty word that governs it."""

    candidate: _Candidate
    kind: str | None
    adjective: str | None  # victims named on the governing casualty noun ("civilian casualties")
    claim_end: int  # end of the claim: the governing verb after the figure, else its noun phrase
    own_word: bool = True  # the kind comes from the figure's own casualty word, not from its list's
    floor: bool = False  # the number is a floor of the toll ("those killed included 11 people")
    after: bool = False  # the governing word stands after the figure


def _govern(low: str, c: _Candidate, parts: list[Breakdown], starts: list[int], floor: int) -> _Governed:
    """The casualty word governing a candidate: its head noun, a word before it, or a verb after it."""
    if c.head_kind and not c.adjectival:
        return _Governed(c, c.head_kind, None, c.np_end)
    if (pre := _pre_kind(low, c, floor)) and not (pre[2] and c.implicit):  # "the dead included a child": a part
        return _Governed(c, pre[0], pre[1], c.np_end, floor=pre[2])
    if c.head_kind:  # "hundreds of injured civilians", unless a verb before says more ("executed 3 wounded men")
        return _Governed(c, c.head_kind, None, c.np_end)
    if inverted := _inverted_kind(low, c):
        return _Governed(c, inverted[0], inverted[1], inverted[2])
    after = _following(parts, starts, low, c.np_end)
    for anchor in (c.np_end, after.end if after else None):
        left = bool(LEFT_RE.search(low, max(0, c.governor_end - 12), c.governor_end))
        if anchor is not None and (post := _post_kind(low, anchor, c.headed, left, c.head_end)):
            return _Governed(c, post[0], None, post[1], after=True)
    if weak := _pre_kind(low, c, floor, weak=True):
        return _Governed(c, weak[0], weak[1], c.np_end)
    return _Governed(c, None, None, c.np_end)


def _governed(low: str, candidates: list[_Candidate], parts: list[Breakdown]) -> list[_Governed]:
    """Each candidate governed in text order; a verb after one figure is not also the verb before the next."""
    starts = [b.start for b in parts]
    out: list[_Governed] = []
    floor = 0
    for c in candidates:
        g = _govern(low, c, parts, starts, floor)
        out.append(g)
        if g.after:
            floor = max(floor, g.claim_end)
    return out


def _chains(low: str, governed: list[_Governed]) -> list[list[_Governed]]:
    """The figures in lists ("12 civilians and 3 soldiers", "six women five children and three officers"); a bare
    number with a verb of its own that is no casualty verb is no member ("200000 killed and 60000 are missing")."""
    groups: list[list[_Governed]] = []
    for g in governed:
        c = g.candidate
        last = groups[-1][-1] if groups else None
        aside = BRACKET_RE.match(low, last.candidate.np_end) if last is not None else None
        if last is not None and (CHAIN_SEPARATOR_RE.fullmatch(low, aside.end() if aside else last.candidate.np_end,
                                                               c.start) or (
                last.after and JOINED_AFTER_VERB_RE.fullmatch(low, last.claim_end, c.start))) \
                and not (not c.headed and not g.kind and OTHER_VERB_RE.match(low, c.np_end)):
            groups[-1].append(g)
        else:
            groups.append([g])
    return groups


def _share_in_chains(groups: list[list[_Governed]]) -> list[list[_Governed]]:
    """Kinds after coordination: "killing 12 civilians and 3 soldiers" gives the verb to every member."""
    shared: list[list[_Governed]] = []
    for group in groups:
        source = group[0] if group[0].kind else group[-1] if group[-1].kind else next(
            (g for g in group if g.kind), group[0])
        if not source.kind:
            shared.append(group)
            continue
        shared.append([g if g.kind else replace(g, kind=source.kind, adjective=None, own_word=False,
                                                 floor=source.floor) for g in group])
    return shared


def _gapped(low: str, governed: list[_Governed]) -> list[_Governed]:
    """A figure with no verb of its own after a governed one: "30 militants were killed around X and another five
    outside Y" (the verb left out). It takes the kind of the one before when only a phrase with no number, no
    casualty word and no clause lies between, and a place or nothing follows it."""
    out: list[_Governed] = []
    before: _Governed | None = None  # the last figure with a kind
    for g in governed:
        c = g.candidate
        joined = None if g.kind or before is None else GAPPED_BEFORE_RE.search(low, max(0, c.start - 20), c.start)
        if joined is not None and before is not None and joined.start() - before.claim_end <= 160:
            between = low[before.claim_end:joined.start()]
            if _gap_allowed(between) and not GAP_CLAUSE_RE.search(between) and GAPPED_AFTER_RE.match(low, c.np_end):
                g = replace(g, kind=before.kind, own_word=False)
        out.append(g)
        before = g if g.kind else before
    return out


# ---------------------------------------------------------------- details and victims

def _details(low: str, governed: list[_Governed], parts: list[Breakdown]) -> list[list[Breakdown]]:
    """The breakdowns each figure carries: those right after it, then "among the dead" ones by kind."""
    starts = [b.start for b in parts]
    out: list[list[Breakdown]] = [[] for _ in governed]
    used: set[int] = set()
    for i, g in enumerate(governed):
        for anchor in (g.candidate.np_end, g.claim_end):
            b = _following(parts, starts, low, anchor)
            if b is not None and b.start not in used:
                out[i].append(b)
                used.add(b.start)
    by_kind: dict[str, list[int]] = {}
    for i, g in enumerate(governed):
        by_kind.setdefault(g.kind or "", []).append(i)
    kind_starts = {kind: [governed[i].candidate.start for i in indices] for kind, indices in by_kind.items()}
    for b in parts:
        if not b.kind or b.start in used:
            continue
        kind = b.kind if b.kind in by_kind else "casualties"
        if kind in by_kind:  # the nearest figure of its kind before it, else the first after it
            k = bisect.bisect_left(kind_starts[kind], b.start) - 1
            out[by_kind[kind][max(k, 0)]].append(b)
    return [sorted(d, key=lambda b: b.start) for d in out]


def _one_category(counts: dict[str, int]) -> str | None:
    """The single category counted (ignoring "unknown"), None when there is none or several."""
    found = [c for c, n in counts.items() if n > 0 and c != "unknown"]
    return found[0] if len(found) == 1 else None


def _count(categories: Iterable[str]) -> dict[str, int]:
    """How often each category occurs."""
    counts: dict[str, int] = {}
    for c in categories:
        counts[c] = counts.get(c, 0) + 1
    return counts


def _figure(sentence: str, g: _Governed, details: list[Breakdown], victims: str, offset: int) -> Figure:
    """The figure one governed candidate claims."""
    c, q = g.candidate, g.candidate.quantity
    low_bound, high, qualifier = q.min, q.max, q.qualifier
    if g.floor and high is not None:  # "those killed included 11 people": at least 11
        low_bound, high, qualifier = low_bound if low_bound is not None else high, None, "at least"
    return Figure(kind=g.kind or "", min=low_bound, max=high, victims=victims, text=sentence[c.start:c.end],
                  start=offset + c.start, end=offset + c.end, qualifier=qualifier,
                  details=tuple(b.text for b in details))


def _sum_qualifier(parts: list[Figure], low_bound: int | None, high: int | None) -> str | None:
    """The qualifier of a sum of parts: the parts' own when they share it, else what the bounds say."""
    qualifiers = {p.qualifier for p in parts} - {None}
    if not qualifiers:
        return None
    if len(qualifiers) == 1 and (q := qualifiers.pop()) != "range":
        return q
    if low_bound is None:
        return "up to"
    if high is None:
        return "at least"
    return "range" if low_bound < high else "about"


def _bound_sum(values: list[int | None]) -> int | None:
    """The sum of bounds, None when one is open; None when it exceeds MAX_COUNT too."""
    if any(v is None for v in values):
        return None
    total = sum(v for v in values if v is not None)
    return total if total <= MAX_COUNT else None


def _summed(sentence: str, parts: list[Figure], offset: int, appositive: bool) -> list[Figure]:
    """One figure for a toll the text states in parts ("17 militants and a child" = 18), the parts kept in it.

    When the first part, set off by a comma or a colon, is the sum of the others ("20 people, 12 soldiers and 8
    civilians"), it is the figure and the others are its parts."""
    first, rest = parts[0], parts[1:]
    exact = all(p.min is not None and p.min == p.max for p in parts)
    if appositive and exact and first.min == sum(p.min or 0 for p in rest):
        return [replace(first, parts=tuple(rest), details=tuple(d for p in parts for d in p.details))]
    low_bound, high = _bound_sum([p.min for p in parts]), _bound_sum([p.max for p in parts])
    if low_bound is None and high is None:
        return parts
    categories = {p.victims for p in parts}  # the parts' own words (find_figures passes unknown for none)
    start, end = first.start, parts[-1].end
    return [Figure(kind=first.kind, min=low_bound, max=high,
                   victims=categories.pop() if len(categories) == 1 else "unknown",
                   text=sentence[start - offset:end - offset], start=start, end=end,
                   qualifier=_sum_qualifier(parts, low_bound, high), details=tuple(d for p in parts for d in p.details),
                   parts=tuple(parts))]


def _sums_one_toll(low: str, group: list[_Governed]) -> bool:
    """True when a list's numbers are parts of one toll: one casualty word for all, joined by "and" or commas."""
    if len(group) < 2 or len({g.kind for g in group}) != 1 or sum(g.own_word for g in group) > 1:
        return False
    return not any(OR_RE.search(low, a.candidate.np_end, b.candidate.start) for a, b in zip(group, group[1:]))


def _word_starts(low: str, matches: Iterable[re.Match[str]]) -> Iterator[re.Match[str]]:
    """The matches that begin a word ("no one", not "casino one")."""
    return (m for m in matches if m.start() == 0 or not (low[m.start() - 1].isalnum() or low[m.start() - 1] in "-_"))


def _none_figures(sentence: str, low: str, offset: int) -> list[Figure]:
    """Figures of 0 for claims that nobody was hurt: "no casualties", "no one was killed", "no civilians were hurt"."""
    if not NONE_HINT_RE.search(low):
        return []
    found: list[Figure] = []
    for m in itertools.islice(_word_starts(low, NONE_NOUN_RE.finditer(low)), MAX_QUANTITIES):
        victims = "civilians" if m.group("adj") == "civilian" else "unknown"
        for kind in NONE_NOUNS[" ".join(m.group("noun").split())]:
            found.append(Figure(kind=kind, min=0, max=0, victims=victims, text=sentence[m.start():m.end()],
                                start=offset + m.start(), end=offset + m.end()))
    for m in itertools.islice(_word_starts(low, NONE_PERSON_RE.finditer(low)), MAX_QUANTITIES):
        post = _post_kind(low, m.end(), False)
        if post is None:
            continue
        head = " ".join((m.group("head") or "").split())
        victims = HEAD_VICTIMS.get(head) or "unknown"
        for kind in (("killed", "injured") if post[0] == "casualties" else (post[0],)):
            found.append(Figure(kind=kind, min=0, max=0, victims=victims, text=sentence[m.start():m.end()],
                                start=offset + m.start(), end=offset + m.end()))
    return found


def _victims(g: _Governed, details: list[Breakdown], owns: dict[str, int], nouns: dict[str, int]) -> str:
    """The figure's victims: its own words, else its casualty noun's, breakdowns', the sentence's figures', nouns'."""
    own = g.candidate.own
    if own is not None:
        return own
    majority = _count(b.victims for b in details if MAJORITY_RE.match(b.text.lower()))
    others = {c: n - (c == "unknown") for c, n in owns.items()}  # this figure's own is None, counted as unknown
    for choice in (g.adjective, _one_category(majority), _one_category(others), _one_category(nouns)):
        if choice is not None:
            return choice
    return "unknown"


def _reading(sentence: str, low: str) -> str:
    """The lower-cased text as the patterns read it, spans kept: datelines glued to the lead read apart ("SANA-14
    people"), and names in capitals that spell a stop word keep their case ("18 IS jihadists" is no "is")."""
    names = CAPITAL_STOP_RE.finditer(sentence) if any(n in sentence for n in NAMES_IN_CAPITALS) else ()
    glued = DATELINE_GLUE_RE.finditer(sentence) if "-" in sentence else ()
    chars: list[str] | None = None
    for m in names:
        chars = chars or list(low)
        chars[m.start():m.end()] = m.group(0)
    for m in glued:
        chars = chars or list(low)
        chars[m.start()] = " "
    return low if chars is None else "".join(chars)


def find_figures(sentence: str, offset: int = 0) -> list[Figure]:
    """Every casualty figure the sentence claims, in text order (conventions in the module docstring)."""
    if not isinstance(sentence, str) or not sentence:
        return []
    low = _lower(sentence)
    if not CASUALTY_HINT_RE.search(low) and not (any(w in low for w in _PERSON_ONLY_STEMS)
                                                  and PERSON_ONLY_HINT_RE.search(low)):
        return []
    low = _reading(sentence, low)
    parts = _breakdowns(sentence, low)
    starts = [b.start for b in parts]
    groups = _share_in_chains(_chains(low, _governed(low, _candidates(sentence, low, parts), parts)))
    flat = iter(_gapped(low, [g for group in groups for g in group]))
    groups = [[next(flat) for _ in group] for group in groups]
    governed = [g for group in groups for g in group if g.kind]
    none = _none_figures(sentence, low, offset)
    if not governed:
        return none
    details = dict(zip(map(id, governed), _details(low, governed, parts), strict=True))
    owns = _count(g.candidate.own or "unknown" for g in governed)
    nouns = _count(SENTENCE_VICTIMS[m.group(0)] for m in _SENTENCE_NOUN_RE.finditer(low)
                   if not _covering(parts, starts, m.start()))
    figures: list[Figure] = []
    for group in groups:
        found = [_figure(sentence, g, details[id(g)], _victims(g, details[id(g)], owns, nouns), offset)
                 for g in group if g.kind]
        live = [g for g in group if g.kind]
        if _sums_one_toll(low, live):
            appositive = low[live[0].candidate.np_end:live[1].candidate.start].strip()[:1] in (",", ":", "-", "–")
            figures.extend(_summed(sentence, found, offset, appositive))
        else:
            figures.extend(found)
    return sorted(figures + none, key=lambda f: f.start)
