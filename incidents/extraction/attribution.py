"""Whom a sentence credits with its claim, and who it says attacked what with what.

Claimants (`find_attributions`): a claimant is a name the claimant registry knows (`incidents.claimants`, its
vocabulary in `incidents/data/claimants.json`), a generic speaker, or a speaker the text names, tied to a claim by
the sentence's grammar, never a name standing alone:
- before a claim verb, past an apposition, a parenthesis or an aside: "SANA reported", "the Ministry of Foreign
  Affairs and Expatriates said", "The Syrian Observatory for Human Rights (SOHR), often cited by ... media, has
  asserted", "the ministry, which has stated", "CENTCOM said in a statement", "the White Helmets rescue group
  said", "Some outlets put the death toll ...", a generic speaker with where it is ("a source at the Police Command
  said" -> "a police source", "activists in rural Idlib said"), a name with where it is ("the Syrian Civil Defence
  in Idlib said"), a description with qualifiers ("A leading international rights group says"), a name, "which" and
  a clause ("the monitor which relies on sources inside Syria said the toll ..."), speakers listed before one verb
  ("a war monitor medics and emergency workers said": each), an organisation or a titled person the registry does
  not list ("the Idlib Medical Committee said", "the Unified Medical Office in Eastern Ghouta said", "Homs Governor
  Ahmad Saleh said", "opposition figure Karim Nasser said in Geneva ..." -> "Karim Nasser"), a single speaker the
  text names ("spokesman Karim Nasser told"), a person called by the family name the article gave in full before
  ("Barazi had earlier reported" -> "Talal al-Barazi");
- after a sourcing phrase, or after a claim verb that follows a comma or a quote, or that ends the sentence (a comma
  lost: "... were killed said the Observatory on Friday"): "according to local sources", "according to various
  sources including Human Rights Watch" (the named one), "according to local civil defence sources" (a name's
  people: "White Helmets"), "according to the city's monitoring office" ("monitoring office"), "..., added the
  ministry", "as reported by SANA", and a named speaker outside the registry ("..., said Russian General Viktor
  Poznikhir", "said Talal al-Barazi", "said Rami Abdel Rahman director of the Observatory");
- chains: "local sources ... told SANA", "residents told AFP", "SANA reported, citing local sources", "According
  to local sources, ..., SANA reported", "SANA reported that local sources said ...", "SANA quoted local sources as
  saying", "In a statement to SANA, local sources said", "local sources said in a statement to SANA" give "local
  sources via SANA" (`via` "SANA"); "According to Airwars, local media reported" gives "local media via Airwars".
  An outlet closing
  the sentence ("..., SANA reported.") relays every claim before it. The relay kept is the one nearest the speaker:
  in "Local sources told SANA ..., Presstv reported" Press TV is the outlet of the report, not a second claimant.
  Only outlets, monitors, rights groups and UN agencies relay ("the ministry told the Security Council" does not).
A name that is only addressed ("letters addressed to ... Guterres", "called on the Security Council"), cited ("often
cited by Western media"), said to act ("the coalition killed 20") or to blame someone after a toll is told ("...
killed 20 after Washington accused Moscow") is no claimant. "others" names a claimant only
after "some outlets/sources/reports" in the same sentence ("Some outlets put ... while others suggest ..." ->
"some outlets", "other outlets").

Names are normalised by the registry: "Syria's official news agency SANA" -> "SANA", "the Foreign and Expatriates
Ministry" -> "Syrian Ministry of Foreign Affairs", "CJTF-OIR" / "the coalition" -> "US-led coalition" (the name
`perpetrator` uses). A ministry without a country takes the country of a ministry of its portfolio the article names
(the nearest before it, else the first after it), else keeps none ("Ministry of Foreign Affairs": no country is
assumed). A description stands for a claimant named elsewhere in the article (`context` before the sentence,
`following` after it): one claimant's description for that claimant when the article names it anywhere ("the
Britain-based monitor" -> "SOHR"), a description of a kind for the only claimant of that kind the article names ("a
monitor", "state media"), or, of several, the one the next sentence names when none is named before ("... a report
says. The Syrian Observatory said ..."); otherwise it is kept as written ("the Britain-based monitor"). Anaphors
("the ministry", "the monitor", "the sources", "the agency", "the letters") take the nearest name of the kind they
stand for (for "the letters": a ministry, else a government ...) earlier in the sentence, else before it (the last
CONTEXT_CHARS are read), else stay as written ("the ministry"); "the source" takes a source named before ("a police
source") rather than a nearer speaker of another noun. Generic speakers keep their words, lower-cased where the
sentence start capitalised them ("Medical sources" -> "medical sources", "US officials").

Kinds of damage the text may carry are read through: a comma lost before an inverted speaker (above), a space lost
after a verb ("assertedthat", "reportedthe"), an apostrophe lost in a possessive ("SANAs correspondent", "Syrias
foreign ministry"), a capital lost inside a name ("the Syrian army", "the Russian center for reconciliation").

A sentence that credits no one takes the credit of the sentences around it (`inherited`, see `_borrowed`): a
quotation takes the credit of the sentence that closes it, or of the quoted speaker of the sentence before; a
pronoun speaking ("It added that ...") and a sentence going on with the report of the sentence before in its
paragraph, about the same event ("The dead included ...", "Another five were killed in the attack", "There were no
injuries", not "Meanwhile ...", "On Monday ...", nor "Two more were killed in a rocket attack on ...", which brings
a scene of its own), take the credit of the sentence before; a lead or a headline whose figures the next sentence
all gives again, crediting it as a whole, takes that credit. A credit only written in a later sentence about
something else is not carried back: the claim stays the outlet's (the caller's default).

Spans index the article: `article[start:end] == text`; `sentence[start - offset:end - offset]` for the sentence's
own credit, the neighbouring sentence's text for an inherited one.

`perpetrator`, `target` and `weapon` read the sentence alone:
- perpetrator: the first actor of the `ACTORS` table the sentence makes an agent: its own weapon or platform noun
  ("Russian warplanes", "coalition aircraft", "the coalition's shelling"), an attack verb after it ("ISIS militants
  shelled", "the coalition has been conducting"), or "by"/"of" after an attack word ("airstrikes conducted today by
  the so-called international coalition", "the warplanes of the international alliance"). An actor that is attacked
  ("strikes against Syrian military forces", "positions of ISIS") or merely named is not one. None when no actor is.
- target: the struck thing as written, determiner included, when its head is a facility or a structure ("a local
  market", "residential buildings", "the citizens’ houses", "Aysha Hospital"); people and place names are not
  targets (places have their own stage).
- weapon: the most specific weapon the sentence names (`WEAPONS` order): "white phosphorus" before "missiles" before
  "drone" before "airstrike" before "artillery" ("warplanes shelled" is an airstrike).

Speed: names, actors and weapons are looked for only around their head words (each row lists them, and how far
before its head a match may start), sourcing phrases are matched as lower-case literals, every pattern is compiled
at import, and no scan goes back over the sentence more than a bounded distance; the sentences around are read only
for a sentence that credits no one, at most NEIGHBOUR_CHARS of text on each side. Hostile text is read up to
MAX_NAMES names per sentence.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from .. import claimants
from .figures import find_figures
from .sentences import split_sentences

CONTEXT_CHARS = 6000  # how much of the preceding article an anaphor may reach back into
NEAR_CHARS = 1500  # context is read this far back first, and further only when that holds no fitting name
CACHED_CHARS = 3000  # sentences up to this length are prepared once for find_attributions, perpetrator, ...
WINDOW = 160  # a sourcing phrase ("according to various sources including") ends at most this far before a name
MAX_ASIDE = 250  # the longest aside between a speaker and its verb
MAX_CLAUSE = 12  # words of a clause between a speaker and its verb ("a group of doctors that supports ...")
MAX_NAMES = 200  # names and phrases read per sentence: a real sentence holds a handful, hostile text no more is read

# ---------------------------------------------------------------- verbs and phrases

#: Claim verbs after a speaker. "claimed the lives", "claimed responsibility", "added a new crime" are not claims.
_VERB = (r"(?:said|says|say|saying|told|tells|telling|reported|reports|reporting|"
         r"claim(?:ed|s|ing)?(?!\s+(?:the\s+)?(?:lives|life|responsibility|credit))|"
         r"stated|states|stating|asserted|asserts|asserting|"
         r"add(?:ed|s)(?!\s+(?:a|an|the|to|its|their|new|more|another)\b)|"
         r"announced|announces|announcing|confirmed|confirms|confirming|documented|documents|recorded|records|noted|"
         r"notes|noting|wrote|writes|tweeted|posted|published|pointed\s+out|points\s+out|went\s+on\s+to\s+say|"
         r"concluded|concludes|explained|affirmed|affirms|alleged|alleges|alleging|acknowledged|acknowledges|"
         r"admitted|admits|estimated|estimates|counted|tallied|assessed|assesses|verified|tracked|suggested|"
         r"suggests|suggest|indicated|indicates|revealed|reveals|insisted|highlighted|stressed|emphasi[sz]ed|"
         r"underlined|warned|condemned|denounced|censured|accused|accuses|blamed|found|saw|made\s+(?:it\s+)?clear|"
         r"put\s+(?:the|its|their)\s+(?:\w+\s+){0,2}(?:toll|number|figure|count|tally)|put\s+it\s+at|"
         r"placed\s+the\s+(?:\w+\s+)?toll|mentioned|mentions|quoted|quotes|"
         r"gave\s+(?:a|an|the|its|their)\s+(?:\w+\s+){0,2}(?:toll|number|figure|count|tally))")
#: Words between a speaker and its verb: auxiliaries, adverbs, a day, "in a statement".
_AUX = (r"(?:has|have|had|also|however|later|earlier|then|again|further|previously|separately|officially|only|now|"
        r"is|was|were|are|been|recently|already|subsequently|initially|first|reportedly|itself|today|yesterday|both|"
        r"on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
        r"in\s+(?:a|an|its|their)\s+(?:\w+\s+){0,2}(?:statement|report|tweet|post|update|release|letter|letters))")
#: Nouns after a speaker's name that keep it the speaker ("SANA's correspondent", "the White Helmets rescue group").
_ROLE = (r"(?:(?:rescue|monitoring|rights|human\s+rights|war|aid|humanitarian|volunteer|news|media|press|civil|"
         r"civilian\s+casualty|monthly|weekly|daily|latest|official|local)\s+)*"
         r"(?:statement|report|spokes(?:man|woman|person)|officials?|data|figures|tally|count|website|"
         r"correspondents?|reporters?|monitor|group|organi[sz]ation|service|agency|network|workers?|volunteers?|teams?|"
         r"activists|sources?|director|head|chief|representative|office|account|channel|release|chairman|"
         r"commander|media\s+office|press\s+office)")
#: A person's name as written (original case), its last word perhaps a family name ("Talal al-Barazi").
_NAME = (r"(?:(?:[A-Z][\w’'.-]*|al-\w+|el-\w+|bin|ibn|of|for|the|and)\s+){0,4}"
         r"(?:[A-Z][\w’'-]*|(?:al|el)-[A-Z][\w’'-]*)")
#: An apposition saying what a speaker is, its commas perhaps lost ("the Observatory a Britain-based monitor said").
_APPOSITION_NOUN = (r"(?:group|monitor|monitoring\s+group|organi[sz]ation|network|collective|body|agency|NGO|watchdog|"
                    r"observatory|charity|coalition|service)")
_DESCRIBED_AS = rf"\s*,?\s+(?:a|an)\s+(?:[\w’'-]+\s+){{0,3}}?{_APPOSITION_NOUN}\b"
_SPEAKER_TAIL = re.compile(
    rf"(?P<role>(?:['’]s?\s+(?:[\w-]+\s+){{0,2}}?|\s+){_ROLE}(?:\s*,?\s+(?!(?:said|told|says|reported)\b)"
    rf"(?-i:{_NAME}))?)?"
    rf"(?:\s*\([^()\n]{{1,80}}\)(?:\s+{_ROLE}\b)?)?(?P<described>{_DESCRIBED_AS}(?=\s+(?:{_AUX}\s+){{0,3}}{_VERB}\b))?"
    rf"(?P<aside>(?:(?:\s*,[^,;!?\n]{{1,{MAX_ASIDE}}}){{1,3}}\s*,)?)"
    rf"(?:\s*,?\s*(?:which|who)\b)?"
    rf"(?:\s+{_AUX}\b){{0,4}}"
    rf"\s+(?P<verb>{_VERB})(?:(?=(?:that|the)\b)|\b)", re.IGNORECASE)  # glued words: "assertedthat"
_ROLE_AFTER = re.compile(rf"['’]s?\s+{_ROLE}\b", re.IGNORECASE)
#: People of an organisation after its name ("civil defence sources", "a White Helmets official").
_PEOPLE_OF = re.compile(r"(?i)\s+(?:sources?|officials?|spokes(?:man|woman|person)|workers?|volunteers?|members?|"
                        r"teams?|medics?|doctors?|staff|personnel|correspondents?|reporters?)\b")
#: An article and up to two words that qualify the people of a name ("a local", "the senior").
_QUALIFIED = re.compile(r"\s+(?:(?:a|an|the|one|two|several)\s+)?"
                        r"(?:(?!(?:that|which|who|of|in|on|at|and|or|to|by|from|with|reports?|sources?)\b)"
                        r"[a-z][a-z-]*\s+){0,2}")
_RELAY_VERBS = frozenset({"told", "tells", "telling"})
#: Verbs that are also plural nouns ("U.S. claims"), and the words that make them nouns when before the name.
_NOUN_VERBS = frozenset({"claims", "reports", "states", "estimates", "notes", "records", "documents"})
_NOUN_BEFORE = frozenset({"that", "the", "of", "on", "about", "and", "to", "with", "these", "those", "such", "its",
                          "their", "by", "despite"})
#: Phrases before a name, as lower-case literals, and what they make of it.
LEADS = MappingProxyType({
    "according to": "according", "as reported by": "according", "reported by": "according",
    "as stated by": "according", "as documented by": "according",
    "said": "inverted", "says": "inverted", "added": "inverted", "adds": "inverted", "reported": "inverted",
    "reports": "inverted", "stated": "inverted", "wrote": "inverted", "noted": "inverted", "claimed": "inverted",
    "confirmed": "inverted", "announced": "inverted", "explained": "inverted", "concluded": "inverted",
    "mentioned": "inverted",
    "told": "relay", "tells": "relay", "telling": "relay", "speaking to": "relay", "talking to": "relay",
    "in an interview with": "relay", "in comments to": "relay", "in remarks to": "relay", "quoted by": "relay",
    "in a statement to": "relay", "in statements to": "relay", "in a phone call with": "relay",
    "in a phone call to": "relay", "in a telephone interview with": "relay",
    "citing": "cited", "quoting": "cited",
    "cited by": "address", "addressed to": "address", "sent to": "address", "written to": "address",
    "delivered to": "address", "submitted to": "address", "directed to": "address", "appealed to": "address",
    "called on": "address", "calls on": "address", "calling on": "address", "urged": "address", "urges": "address",
    "urging": "address", "relied on": "address", "relies on": "address", "blamed": "address", "accused": "address",
    "asked": "address", "informed": "address", "letter to": "address", "letters to": "address",
    "message to": "address", "appeal to": "address", "request to": "address", "complaint to": "address",
})


def _alternation(phrases: Iterable[str]) -> str:
    """A pattern matching any of the lower-case phrases (spaces match any whitespace), grouped by first letter so
    that the regex engine skips most of them at each position; longer phrases first."""
    groups: dict[str, list[str]] = {}
    for p in sorted(set(phrases), key=len, reverse=True):
        groups.setdefault(p[0], []).append(r"\s+".join(map(re.escape, p[1:].split(" "))))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in groups.items())


_LEAD = re.compile(_alternation(LEADS))
#: What may stand between a sourcing phrase and the name: "a statement by", "various sources including".
_FILLER = re.compile(
    r"\s*,?\s*(?:(?:a|an|the)\s+)?"
    r"(?:(?:[\w-]+\s+){0,2}(?:statement|report|tally|count|toll|figures?|data|documentation|monitoring|reports|"
    r"estimates?|records?)\s+(?:by|from|of|issued\s+by|released\s+by|published\s+by|compiled\s+by)\s+)?"
    r"(?:(?:various|several|multiple|other|different|numerous|some)\s+(?:sources|reports|outlets|accounts|groups)"
    r"\s*,?\s*(?:including|such\s+as|among\s+them|notably)\s+)?(?:the\s+)?"
    r"(?:(?:[\w-]+\s+){0,3}?(?:group|organi[sz]ation|monitor|network|movement|militia|body|agency|outlet)\s+)?")
_INCLUDING = re.compile(r"\s*,?\s*(?:including|such\s+as|among\s+them|notably)\s")
_INVERTED_BEFORE = (",", "”", '"', "’", "'", "—", "–")
_INVERTED_END = re.compile(r"\s*(?:[,.;:!?)\"”’—–]|$)|\s+(?:on|in|late|earlier|later|today|yesterday|last)\b")
#: Nouns of a person's role in an apposition after a speaker ("Rami Abdel Rahman director of ...").
_ROLE_NOUN = (r"(?:director|head|chief|founder|spokes(?:man|woman|person)|member|official|commander|representative|"
              r"president|chairman|coordinator|activist|resident|doctor|volunteer|leader|governor|minister|"
              r"correspondent|reporter)")
#: What may follow a speaker named after its verb, up to the end of the sentence ("... said the Observatory on
#: Friday", "... said Rami Abdel Rahman director of the Observatory", "... said the source adding that ..."): the
#: speaker closes the sentence, so it is one even when the comma before the verb was lost.
_CLOSING = re.compile(
    r"(?:\s+(?:on\s+\w+|in\s+a\s+statement|late\s+\w+|earlier|later|today|yesterday|on\s+its\s+website|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day))*"
    r"(?:\s*,?\s+(?:which|who|adding|noting|pointing|saying|explaining|stressing|citing)\b[^\n]*"
    rf"|\s*,?\s+(?:(?:a|an|the)\s+)?(?:[\w’'-]+\s+){{0,2}}{_ROLE_NOUN}\s+(?:of|for|at|with|from|in)\s+[^\n]*"
    rf"|\s+{_ROLE_NOUN}(?-i:(?:\s+(?:[A-Z][\w’'-]*|al-\w+)){{1,5}})|(?-i:(?:\s+(?:[A-Z][\w’'-]*|al-\w+)){{1,4}})"
    rf"|{_DESCRIBED_AS}[^\n]*)?"
    r"\s*[.!?…\"”’)\]]*\s*$", re.IGNORECASE)
_NAME_AFTER = re.compile(rf"\s+(?P<name>(?:the\s+)?{_NAME}(?:\s+\d+)?)")
_NOT_NAMES = frozenset(
    "the it he she they we this that these those there his her their its a an monday tuesday wednesday thursday "
    "friday saturday sunday january february march april may june july august september october november december on "
    "in at".split())
_AND = re.compile(r"\s*,?\s+(?:and|or|as\s+well\s+as)\s+")
_CONTRAST = re.compile(r"\b(?:while|whereas|but|however|although|though|meanwhile|instead|others?)\b|;")
_FRAME_TAIL = re.compile(
    r"(?:\s+(?:on\s+\w+|in\s+a\s+statement|late\s+\w+|earlier|later|today|yesterday|on\s+its\s+website))*"
    r"\s*[.!?…\"”’)]*\s*$")
_FRAME_LEAD = re.compile(r"\s*(?:that\b|,|:)")
_FRAME_VERBS = frozenset({"reported", "reports", "said", "says", "wrote", "added", "stated"})
#: A cheap first test: a sentence without any of these credits no one.
_CUE = re.compile(
    r"said|says|say|told|tell|report|claim|stat|assert|add|announc|confirm|document|record|note|noting|wrote|write|"
    r"tweet|post|publish|point|went on|conclud|explain|affirm|alleg|acknowledg|admit|estimat|count|tall|assess|"
    r"verif|track|suggest|indicat|reveal|insist|made|put|placed|according|citing|quoting|speaking|talking|highlight|"
    r"stress|emphasi|underlin|warn|condemn|denounc|accus|blam|censur|interview|comments|remarks|found|saw|mention|"
    r"quot|gave")


# ---------------------------------------------------------------- text helpers and the head-word index

def _lower(text: str) -> str:
    """The text lower-cased, character for character (spans stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


_WORD = re.compile(r"[^\W\d_][\w’'.-]*")
THE = 4  # "the " before a name belongs to it


def _norm(word: str) -> str:
    """A word as the head index keys it: lower-case, without trailing dots, quotes and possessive "'s"."""
    w = word.lower().rstrip(".,’'-")
    if w[-2:] in ("’s", "'s"):
        w = w[:-2]
    return w.rstrip(".’'")


@dataclass(frozen=True)
class _Index:
    """Table rows compiled for lookup around their head words."""

    patterns: tuple[re.Pattern[str], ...]
    by_head: Mapping[str, tuple[int, ...]]  # head word -> rows
    head_rx: Mapping[str, re.Pattern[str]]  # head word -> its pattern on the lower-cased text
    lead: Mapping[str, int]  # head word -> how far before it a match may start
    heads: frozenset[str]
    longest: bool = False  # of the rows matching at one start, the longest (else the first) is taken
    openers: Mapping[int, frozenset[str]] = field(default_factory=dict)  # row -> the only words a match opens with


def _index(rows: Sequence[tuple[str, Iterable[str], int]], longest: bool = False, suffix: str = "",
           openers: Mapping[int, frozenset[str]] | None = None) -> _Index:
    """Compile rows (pattern, head words, lead); each pattern may open with "the", may take `suffix`, and must end a
    word. `openers`: for rows that reach back from their head ("a leading rights group"), the words a match opens
    with, so that other word starts are not tried."""
    heads: dict[str, list[int]] = {}
    for i, (_, words, _) in enumerate(rows):
        for w in words:
            heads.setdefault(_norm(w), []).append(i)
    patterns = tuple(re.compile(rf"(?:[Tt]he\s+)?(?:{p}){suffix}(?![\w-])") for p, _, _ in rows)
    head_rx = {h: re.compile(rf"{re.escape(h)}(?![\w-])") for h in heads}  # literal first: a fast search
    leads = {h: THE + max(rows[i][2] for i in rs) for h, rs in heads.items()}
    return _Index(patterns, MappingProxyType({k: tuple(v) for k, v in heads.items()}), MappingProxyType(head_rx),
                  MappingProxyType(leads), frozenset(heads), longest,
                  MappingProxyType({r: w | {"the"} for r, w in (openers or {}).items()}))


@dataclass(frozen=True)
class _Prepared:
    """A sentence lower-cased, and the words it holds as the head index keys them."""

    low: str
    words: frozenset[str]


def _prepare_uncached(sentence: str) -> _Prepared:
    low = _lower(sentence)
    words = set(_WORD.findall(low))
    return _Prepared(low, frozenset(w if w[-1].isalnum() and w[-2:] not in ("’s", "'s") else _norm(w) for w in words))


_prepare_cached = functools.lru_cache(maxsize=256)(_prepare_uncached)


def _prepare(sentence: str) -> _Prepared:
    """The sentence prepared once for all four readers (short sentences are remembered)."""
    return _prepare_cached(sentence) if len(sentence) <= CACHED_CHARS else _prepare_uncached(sentence)


def _word_starts(text: str, pos: int, floor: int) -> Iterator[int]:
    """Where the words start, from pos (a word start) back to floor, nearest first."""
    yield pos
    k = pos
    while True:
        k -= 1
        while k >= floor and not text[k].isalnum():
            k -= 1
        if k < floor:
            return
        cut = max(text.rfind(" ", max(0, floor - 1), k), text.rfind("\n", max(0, floor - 1), k))
        if cut < 0 and floor > 0:
            return
        start = cut + 1
        while start <= k and not text[start].isalpha():
            start += 1
        if start <= k:
            yield start
        k = min(start, k)


def _is_word_start(low: str, pos: int) -> bool:
    """True when no letter, digit, apostrophe or hyphen glues position pos to the word before."""
    return pos == 0 or not (low[pos - 1].isalnum() or low[pos - 1] in "’'-_")


def _widest(index: _Index, text: str, head: str, h_start: int, h_end: int,
            rows: Sequence[int]) -> tuple[int, int, int] | None:
    """The match covering the head word that starts earliest (of the rows matching there, the first, or the longest
    when the index says so): word starts are tried from the head backwards, up to the first one that no longer
    matches once one has."""
    best = None
    lead = index.lead[head]
    if lead <= THE:  # the head opens the name: try it, and "the" before it
        starts: Iterable[int] = (h_start, h_start - THE) if text[h_start - THE:h_start].lower() == "the " \
            else (h_start,)
    else:
        starts = _word_starts(text, h_start, max(0, h_start - lead))
    openers = index.openers
    gated = bool(openers) and any(r in openers for r in rows)
    for start in starts:
        hit = None
        word = text[start:start + 12].split(None, 1)[0].lower() if gated else ""
        for r in rows:
            if gated and r in openers and word not in openers[r]:
                continue
            m = index.patterns[r].match(text, start)
            if m and m.end() >= h_end and (hit is None or m.end() > hit[1]):
                hit = (m.start(), m.end(), r)
                if not index.longest:
                    break
        if hit:
            best = hit
        elif best:
            break
    return best


def _find(index: _Index, text: str, low: str, heads: Iterable[str],
          allowed: frozenset[int] | None = None) -> list[tuple[int, int, int]]:
    """Non-overlapping (start, end, row) matches of the rows signalled by the given head words, in text order;
    where matches overlap, the earliest, then the longest, then the first row."""
    found = []
    for head in heads:
        rows = index.by_head.get(head, ())
        if allowed is not None:
            rows = tuple(r for r in rows if r in allowed)
        if not rows:
            continue
        for occurrence in index.head_rx[head].finditer(low):
            if not _is_word_start(low, occurrence.start()):
                continue
            hit = _widest(index, text, head, occurrence.start(), occurrence.end(), rows)
            if hit:
                found.append(hit)
    found.sort(key=lambda h: (h[0], h[0] - h[1], h[2]))
    out: list[tuple[int, int, int]] = []
    for h in found:
        if not out or h[0] >= out[-1][1]:
            out.append(h)
    return out


# ---------------------------------------------------------------- claimant rows, built from the registry

REGISTRY = claimants.registry()
#: What a match of a row names: a registered claimant, a ministry (country and portfolio read from the words), a
#: description standing for a claimant named elsewhere, an anaphor ("the ministry"), a generic speaker kept as
#: written ("local sources"), or "others" (the counterpart of an earlier "some ...").
NAME, MINISTRY, DESCRIBED, ANAPHOR, GENERIC, OTHERS = "name", "ministry", "described", "anaphor", "generic", "others"
#: Kinds a "told X" / "speaking to X" may relay a claim through (not "the ministry told the Security Council").
RELAY_KINDS = frozenset({"outlet", "state media", "monitor", "NGO", "UN agency"})
#: Kinds of organisations (a named speaker may speak for one: "Mohammed, a White Helmets volunteer").
ORGANISATION_KINDS = frozenset(claimants.KINDS) - {"local sources"}


@dataclass(frozen=True)
class _Row:
    """A pattern searched for around its head words, and what a match of it names."""

    pattern: str
    heads: tuple[str, ...]  # a match always holds one of these words, at most `lead` characters after its start
    lead: int
    role: str  # NAME, MINISTRY, DESCRIBED, ANAPHOR, GENERIC, OTHERS
    name: str = ""  # NAME: the canonical name; ANAPHOR: what it is called unresolved ("": as written)
    kinds: tuple[str, ...] = ("local sources",)
    stands_for: tuple[str, ...] = ()  # DESCRIBED, ANAPHOR: the kinds of the names it may stand for
    claimant: str | None = None  # DESCRIBED: the one claimant it describes (None: any of `stands_for`)
    nearest: bool = False  # ANAPHOR: the nearest name of any kind it stands for, not the first kind's
    openers: frozenset[str] = frozenset()  # a row opening with an article ("a monitor"): the words it opens with


def _alias_row(alias: str, role: str, **fields) -> _Row:
    """A row for an alias in the registry's syntax: indexed by its first words, or by its last words (and reaching
    back) when it opens with an article ("a monitor")."""
    p = claimants.compile_alias(alias)
    if p.opens_with_article:
        return _Row(p.regex, tuple(sorted(p.last_words)), p.longest, role, openers=p.first_words, **fields)
    return _Row(p.regex, tuple(sorted(p.first_words)), 0, role, **fields)


def _words(words: Iterable[str]) -> str:
    """An alternation of lower-case phrases, longest first, spaces matching any whitespace."""
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(set(words), key=len, reverse=True))


def _generic_rows(reg: claimants.Registry) -> list[_Row]:
    """Generic speakers kept as written: "some outlets", "others", "local sources", "local reports", "residents"."""
    sp = reg.speakers
    some, sources, reports, people = (sp.get(k, claimants.Speakers(())) for k in ("some", "sources", "reports",
                                                                                   "people"))
    nation = "|".join(claimants.compile_alias(w).regex for c in reg.countries for w in c.words)
    last = lambda nouns: tuple(sorted({n.split()[-1].lower() for n in nouns}))  # noqa: E731
    rows = [
        _Row(rf"(?i:some\s+(?:(?:{_words(some.modifiers)})\s+)?(?:{_words(some.nouns)}))", ("some",), 0, GENERIC),
        _Row(rf"(?i:other\s+(?:(?:{_words(some.modifiers)})\s+)?(?:{_words(some.nouns)})|others)", ("other", "others"),
             0, OTHERS),
        _Row(rf"(?:{nation}|Kurdish)\s+(?:(?i:military|defen[cs]e|security|government|senior)\s+)?"
             r"(?i:officials?|sources?)", ("officials", "official", "sources", "source"), 35, GENERIC),
        _Row(rf"(?i:(?:(?:{_words(sources.modifiers)})\s+){{0,3}}(?:{_words(sources.nouns)}))", last(sources.nouns),
             40, GENERIC),
        _Row(r"(?i:a|an|one)\s+(?:[A-Z][a-z][\w’'-]*\s+){1,3}(?i:source)", ("a", "an", "one"), 0, GENERIC),
        _Row(rf"(?i:(?:(?:{_words(reports.modifiers)})\s+){{1,3}}(?:{_words(reports.nouns)})"
             rf"|{_words(reports.alone) or 'reports'})", last((*reports.nouns, *reports.alone)), 40, GENERIC),
        _Row(rf"(?i:(?:(?:{_words(people.modifiers)})\s+){{0,3}}(?:{_words(people.nouns)}))", last(people.nouns), 45,
             GENERIC),
    ]
    return rows


def _rows(reg: claimants.Registry) -> tuple[_Row, ...]:
    """Every row, in the order that breaks ties between matches of one span: names, ministries, descriptions,
    anaphors, generic speakers."""
    rows = [_alias_row(a, NAME, name=c.name, kinds=c.kinds) for c in reg.claimants for a in (*c.full_names,
                                                                                                 *c.aliases)]
    rows.append(_Row(reg.ministry_regex, ("ministry",), 70, MINISTRY, kinds=("ministry",)))
    rows += [_alias_row(d, DESCRIBED, kinds=c.kinds, stands_for=c.kinds, claimant=c.name)
             for c in reg.claimants for d in c.descriptions]
    rows += [_alias_row(d.phrase, DESCRIBED, kinds=d.stands_for, stands_for=d.stands_for) for d in reg.descriptions]
    for a in reg.anaphors:
        p = claimants.compile_alias(a.phrase)
        rows.append(_Row(rf"(?<=[Tt]he\s)(?:{p.regex})", tuple(sorted(p.first_words)), 0, ANAPHOR, a.name or "",
                         ("unresolved",), a.stands_for, nearest=a.nearest))
    return tuple(rows + _generic_rows(reg))


ROWS = _rows(REGISTRY)
#: A possessive whose apostrophe was lost, before a role: "the Observatorys chief", "The New Arabs correspondent".
_GLUED_POSSESSIVE = rf"(?:(?<![sS])s(?=\s+(?:[\w-]+\s+){{0,2}}?(?i:{_ROLE})\b))?"
_CLAIMANT_INDEX = _index([(r.pattern, r.heads, r.lead) for r in ROWS], longest=True, suffix=_GLUED_POSSESSIVE,
                         openers={i: r.openers for i, r in enumerate(ROWS) if r.openers})
_MINISTRY_ROWS = frozenset(i for i, r in enumerate(ROWS) if r.role == MINISTRY)
#: Rows whose matches name someone by themselves (what context and the rest of the article are searched for).
_NAMING_ROWS = frozenset(i for i, r in enumerate(ROWS) if r.role in (NAME, MINISTRY, GENERIC))
_ROWS_OF_KIND = MappingProxyType({k: frozenset(i for i in _NAMING_ROWS if k in ROWS[i].kinds)
                                  for k in {k for r in ROWS for k in r.kinds}})
_ROWS_OF_CLAIMANT = MappingProxyType({c.name: frozenset(i for i, r in enumerate(ROWS)
                                                        if r.role == NAME and r.name == c.name)
                                      for c in REGISTRY.claimants})
#: What sources work for ("police", "hospital"): "a source at the Police Command" is "a police source".
_SOURCE_TYPES = frozenset(w.lower() for w in REGISTRY.speakers.get("sources", claimants.Speakers(())).modifiers)
#: Words lower-cased when they open a generic speaker ("Local sources" -> "local sources").
_COMMON_OPENERS = re.compile("(?:" + "|".join(sorted(
    {re.escape(w.split()[0].capitalize()) for s in REGISTRY.speakers.values() for w in (*s.modifiers, *s.nouns,
                                                                                        *s.alone) if w.islower()}
    | {"Some", "Other", "Others", "The", "A", "An"}, key=len, reverse=True)) + r")\b")


# ---------------------------------------------------------------- value object

@dataclass(frozen=True)
class Attribution:
    """Whom a sentence credits with a claim, with the phrase that says so and its span in the article."""

    claimed_by: str  # normalised claimant: "SANA", "SOHR", "local sources via SANA", "some outlets" ...
    text: str  # the phrase as written ("according to local sources", "told SANA", "SOHR ... has asserted")
    start: int  # span in the article: article[start:end] == text
    end: int
    via: str | None = None  # the relaying source of a chain ("local sources via SANA" -> "SANA")
    inherited: bool = False  # the credit is written in a sentence next to this one (the span lies there)

    def __post_init__(self) -> None:
        if not self.claimed_by.strip():
            raise ValueError(f"claimed_by must not be empty, got {self.claimed_by!r}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"attribution span must satisfy 0 <= start <= end, got {self.start}, {self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"attribution text length {len(self.text)} does not match span {self.start}..{self.end}")
        if self.via is not None and not self.via.strip():
            raise ValueError(f"via must be None or a name, got {self.via!r}")


@dataclass(frozen=True)
class _Mention:
    """A name found in the text: its normalised name, main kind, all kinds, and the role of its row."""

    start: int
    end: int
    name: str
    kind: str
    row: int
    kinds: tuple[str, ...] = ()
    role: str = "name"


@dataclass(frozen=True)
class _Lead:
    """A phrase before a name: "according to", "said", "told", "citing", "addressed to"."""

    start: int
    end: int
    phrase: str
    role: str


@dataclass(frozen=True)
class _Hit:
    """A claimant tied to the sentence, before chains are folded."""

    start: int
    end: int
    name: str
    role: str  # "speaker" (before its verb), "according", "inverted" (after its verb), "cited", "named"
    verb: str = ""
    via: str | None = None


# ---------------------------------------------------------------- names

def _generic_name(text: str) -> str:
    """A generic speaker as written, its first word lower-cased when a capital only marks the sentence start."""
    text = " ".join(text.split())
    if text[:4].lower() == "the ":
        text = text[4:]
    return _COMMON_OPENERS.sub(lambda m: m.group(0).lower(), text, count=1) if _COMMON_OPENERS.match(text) else text


#: Lower-case words of descriptions: capitalised at the start of a sentence only ("State media" -> "state media").
_COMMON_WORDS = frozenset(w for d in (*REGISTRY.descriptions, *REGISTRY.anaphors,
                                      *(claimants.Description(p, c.kinds) for c in REGISTRY.claimants
                                        for p in c.descriptions))
                          for spelling in claimants.spellings(d.phrase, 500) for w in spelling.split() if w.islower())


def _typed(name: str) -> str:
    """A source named with capitalised words saying what it works for, named by that type ("a Police Command
    source" -> "a police source"); other names as they are."""
    words = name.split()
    if len(words) < 3 or words[-1].lower() not in ("source", "sources") or not any(w[:1].isupper() for w in words):
        return name
    kind = next((w.lower() for w in words[1:-1] if w.lower() in _SOURCE_TYPES), None)
    return f"{words[0]} {kind} {words[-1]}" if kind else name


def _as_written(text: str) -> str:
    """A description as written, a first word capitalised only by the sentence start lower-cased ("The
    Britain-based monitor" -> "the Britain-based monitor", "State media" -> "state media")."""
    words = text.split()
    if words and (words[0] in ("The", "A", "An") or words[0][:1].isupper() and words[0].lower() in _COMMON_WORDS):
        words[0] = words[0].lower()
    return " ".join(words)


NationOf = Callable[[str], "str | None"]  # portfolio -> the country of a ministry of it the article names


def _no_nation(_: str) -> str | None:
    return None


def _ministry_name(text: str, nation_of: NationOf) -> str:
    """"Syrian Ministry of Foreign Affairs" from any spelling; a ministry named without its country takes the
    country of a ministry of the same portfolio the article names, else none ("Ministry of Defence")."""
    found = REGISTRY.ministry_named(text)
    if found is None:
        return _as_written(text)
    if found.country is None:
        portfolio = found.name.removeprefix("Ministry of ")
        country = nation_of(portfolio)
        if country:
            return REGISTRY.ministry(country, portfolio).name
    return found.name


def _mention(text: str, start: int, end: int, row: int, nation_of: NationOf = _no_nation) -> _Mention:
    """A match of a row, with its name (descriptions and anaphors as written until resolved)."""
    r = ROWS[row]
    written = text[start:end]
    if r.role == NAME:
        name = r.name
    elif r.role == MINISTRY:
        name = _ministry_name(written, nation_of)
    elif r.role == GENERIC:
        name = _typed(_generic_name(written))
    elif r.role == ANAPHOR:
        name = r.name or " ".join(written.lower().split())
    elif r.role == OTHERS:
        name = OTHERS
    else:
        name = _as_written(_without_possessive(written, row))
    return _Mention(start, end, name, r.kinds[0], row, r.kinds, r.role)


@functools.lru_cache(maxsize=64)
def _whole(row: int) -> re.Pattern[str]:
    return re.compile(rf"(?:[Tt]he\s+)?(?:{ROWS[row].pattern})")


def _without_possessive(written: str, row: int) -> str:
    """The words of a match without a possessive "s" glued to them ("the Observatorys chief" -> "the Observatory")."""
    if written[-1:] == "s" and not _whole(row).fullmatch(written) and _whole(row).fullmatch(written[:-1]):
        return written[:-1]
    return written


@functools.lru_cache(maxsize=64)
def _heads_of(rows: frozenset[int]) -> frozenset[str]:
    """The head words of the given rows."""
    return frozenset(h for h, rs in _CLAIMANT_INDEX.by_head.items() if rows.intersection(rs))


@functools.lru_cache(maxsize=256)
def _names_in(text: str, rows: frozenset[int]) -> tuple[_Mention, ...]:
    """Mentions of the given naming rows in text, in text order (a "Source:" header line names no claimant)."""
    rows = rows & _NAMING_ROWS
    prepared = _prepare(text)  # the words once, then only the head words present are looked for
    present = prepared.words & _heads_of(rows)
    found = _find(_CLAIMANT_INDEX, text, prepared.low, present, rows)[:MAX_NAMES] if present else []
    return tuple(_mention(text, s, e, r) for s, e, r in found if text[e:e + 1] != ":")


@dataclass(frozen=True)
class _Article:
    """The article around a sentence: the text before it (`context`) and after it (`following`), as far as names
    are looked for."""

    before: str
    after: str

    def before_near(self, rows: frozenset[int]) -> tuple[_Mention, ...]:
        """Names before the sentence: the nearest NEAR_CHARS, or all CONTEXT_CHARS when those hold none."""
        return _names_in(self.before[-NEAR_CHARS:], rows) or (
            _names_in(self.before, rows) if len(self.before) > NEAR_CHARS else ())

    def next_sentence(self) -> str:
        """The sentence after, when it follows in the same paragraph."""
        found = split_sentences(self.after[:NEIGHBOUR_CHARS])
        return found[0].text if found and "\n" not in self.after[:found[0].start] else ""

    def names(self, rows: frozenset[int]) -> set[str]:
        """Every name of the rows the article holds around the sentence."""
        return {m.name for text in (self.before, self.after) for m in _names_in(text, rows)}

    def nation_of(self, portfolio: str, sentence: str) -> str | None:
        """The country of a ministry of the portfolio named before (the nearest) or else after the sentence."""
        def country(m: _Mention) -> str | None:
            c = REGISTRY.canonical(m.name)
            return c.country if c and m.name.endswith(f"Ministry of {portfolio}") else None
        for text, order in ((self.before + "\n" + sentence, reversed), (self.after, iter)):
            for m in order(_names_in(text, _MINISTRY_ROWS)):
                if country(m):
                    return country(m)
        return None


def _rows_for(kinds: Iterable[str]) -> frozenset[int]:
    return frozenset().union(*(_ROWS_OF_KIND.get(k, frozenset()) for k in kinds))


def _described(m: _Mention, mentions: Sequence[_Mention], article: _Article) -> _Mention:
    """A description named for whom it describes when the article names them: its one claimant anywhere ("the
    Britain-based monitor" -> SOHR), or the only claimant of its kinds ("a monitor"); else kept as written."""
    r = ROWS[m.row]
    if r.claimant is not None:
        named = any(p.name == r.claimant for p in mentions) or article.names(_ROWS_OF_CLAIMANT[r.claimant])
        return replace(m, name=r.claimant, role=NAME) if named else m
    rows = _rows_for(r.stands_for)
    names = {p.name for p in mentions if p.role == NAME and set(p.kinds) & set(r.stands_for)} | article.names(rows)
    if len(names) > 1 and not any(p.role == NAME for p in _names_in(article.before, rows)):
        # "... a report says. The Syrian Observatory said ...": none named before, the one the next sentence names
        names = {p.name for p in _names_in(article.next_sentence(), rows) if p.role == NAME}
    return replace(m, name=names.pop(), role=NAME) if len(names) == 1 else m


def _resolve(m: _Mention, sentence: str, earlier: Sequence[_Mention], article: _Article) -> _Mention | None:
    """An anaphor replaced by the nearest name of the kind it prefers (earlier in the sentence, else before it);
    "others" by the counterpart of "some ..."; None for an "others" that has none."""
    if m.role == OTHERS:
        some = [p for p in earlier if sentence[p.start:p.end].lower().startswith("some ")]
        if some:
            return replace(m, name=f"other {sentence[some[-1].start:some[-1].end].split()[-1].lower()}", role=GENERIC)
        written = " ".join(sentence[m.start:m.end].lower().split())
        return replace(m, name=written, role=GENERIC) if written.startswith("other ") else None
    if m.role != ANAPHOR:
        return m
    r = ROWS[m.row]
    naming = [p for p in earlier if p.role in (NAME, MINISTRY, GENERIC)]
    noun = _noun(sentence[m.start:m.end])
    for kinds in ([r.stands_for] if r.nearest else [[k] for k in r.stands_for]):
        rows = _rows_for(kinds)
        if kinds == ["local sources"]:  # "the source": a source named before, not "locals" nearer to it
            for pool in (naming, article.before_near(rows), _names_in(article.before, rows)):
                fitting = [p for p in pool if p.role == GENERIC and _noun(p.name) == noun
                           and len(p.name.split()) > 1]  # not "the source" itself
                if fitting:
                    return replace(m, name=fitting[-1].name, kind=fitting[-1].kind, kinds=fitting[-1].kinds, role=NAME)
        for pool in (naming, article.before_near(rows)):
            fitting = [p for p in pool if set(p.kinds) & set(kinds)]
            if fitting:
                return replace(m, name=fitting[-1].name, kind=fitting[-1].kind, kinds=fitting[-1].kinds, role=NAME)
    return replace(m, kind="unresolved", kinds=("unresolved",))


def _noun(name: str) -> str:
    """The head noun of a speaker's name, singular ("a police source" -> "source", "the sources" -> "source")."""
    words = name.lower().split()
    last = words[-1] if words else ""
    return last[:-1] if last.endswith("s") and not last.endswith("ss") else last


def _mentions(sentence: str, prepared: _Prepared, article: _Article) -> list[_Mention]:
    """The sentence's names, normalised: descriptions and anaphors resolved against the article."""
    found = _find(_CLAIMANT_INDEX, sentence, prepared.low, prepared.words & _CLAIMANT_INDEX.heads)[:MAX_NAMES]
    if not found:
        return []
    nation_of = functools.cache(lambda p: article.nation_of(p, sentence)) \
        if _MINISTRY_ROWS & {r for _, _, r in found} else _no_nation
    first = [_mention(sentence, s, e, r, nation_of) for s, e, r in found]
    out: list[_Mention] = []
    for m in first:
        if m.role == DESCRIBED:
            m = _described(m, first, article)
        resolved = _resolve(m, sentence, out, article)
        if resolved is not None:
            out.append(resolved)
    return out


# ---------------------------------------------------------------- hits

def _leads(low: str) -> list[_Lead]:
    """Sourcing phrases and verbs that may introduce a name, whole words only (at most 2 * MAX_NAMES)."""
    out: list[_Lead] = []
    for m in _LEAD.finditer(low):
        if len(out) >= 2 * MAX_NAMES:
            break
        s, e = m.span()
        if (s and low[s - 1].isalnum()) or (e < len(low) and low[e].isalnum()):
            continue
        phrase = " ".join(m.group(0).split())
        out.append(_Lead(s, e, phrase, LEADS[phrase]))
    return out


def _lead_of(low: str, m: _Mention, leads: Sequence[_Lead]) -> _Lead | None:
    """The phrase that introduces the name ("according to various sources including" before "Human Rights Watch"),
    or a name's people ("according to local civil defence sources", "told a senior SANA reporter")."""
    k = bisect.bisect_right([lead.end for lead in leads], m.start)
    people = None
    for lead in reversed(leads[:k]):
        if m.start - lead.end > WINDOW:
            break
        if _FILLER.fullmatch(low, lead.end, m.start):
            return lead
        if m.role == NAME and _QUALIFIED.fullmatch(low, lead.end, m.start):
            people = _PEOPLE_OF.match(low, m.end) if people is None else people
            if people:
                return lead
    return None


def _after_punctuation(sentence: str, pos: int) -> bool:
    """True when a comma, a dash or a closing quote stands right before position pos (spaces aside)."""
    k = pos
    while k > 0 and sentence[k - 1].isspace() and pos - k < 10:
        k -= 1
    return k > 0 and sentence[k - 1] in _INVERTED_BEFORE


def _relay_after(sentence: str, pos: int, mentions: Sequence[_Mention]) -> _Mention | None:
    """The relaying outlet right after position pos ("told [Syria's official news agency] SANA")."""
    gap = len(sentence[pos:pos + 8]) - len(sentence[pos:pos + 8].lstrip())
    for m in mentions:
        if m.start == pos + gap:
            return m if RELAY_KINDS.intersection(m.kinds) else None
        if m.start > pos + gap:
            break
    return None


def _aside_relay(span: tuple[int, int], mentions: Sequence[_Mention], low: str,
                 leads: Sequence[_Lead]) -> str | None:
    """The outlet an aside says the speaker spoke to ("A resident, speaking to Reuters, said")."""
    for r in mentions:
        if span[0] <= r.start and r.end <= span[1] and RELAY_KINDS.intersection(r.kinds):
            lead = _lead_of(low, r, leads)
            if lead is not None and lead.role == "relay" and lead.start >= span[0]:
                return r.name
    return None


#: Where a generic speaker is or works ("a source at Aleppo Police Command", "activists in rural Idlib"), or what
#: it does ("rescue workers responding to the attacks").
_COMPLEMENT = re.compile(r"\s+(?:(?:at|in|from|of|inside|within|near)\s+|(?=[a-z]+ing\s))", re.IGNORECASE)
_COMPLEMENT_WORD = re.compile(r"\s*[\w’'.-]+")
_NOT_COMPLEMENT = frozenset({"said", "says", "told", "tells", "reported", "that", "who", "which", "and"})
MAX_COMPLEMENT = 8  # words
#: After a speaker's verb, the outlet it spoke to ("said in a statement to SANA", "said to AFP").
_RELAY_AFTER = re.compile(r"\s+(?:in\s+(?:a|an)\s+(?:\w+\s+){0,2}(?:statement|interview|call)\s+(?:to|with)|to)\s+",
                          re.IGNORECASE)
#: Verbs of blame: a speaker blaming someone claims the figures after the verb ("SOHR accused the regime of killing
#: 20"), not a toll told before it.
_BLAMING = frozenset({"accused", "accuses", "blamed", "condemned", "denounced", "censured"})
_THAT = re.compile(r"\s+that\b", re.IGNORECASE)
_QUOTED = frozenset({"quoted", "quotes"})  # "SANA quoted a police source as saying": the source via SANA
#: Words before a place, which a government's city is then ("east of Damascus said the monitor").
_PLACE_BEFORE = frozenset({"of", "in", "near", "from", "at", "to", "outside", "inside", "around", "into", "toward",
                           "towards"})
_AS_SAYING = re.compile(r"\s+as\s+say(?:ing|s)\b", re.IGNORECASE)


_RELATIVE = re.compile(r"\s+(?:that|which|who)\s+", re.IGNORECASE)
_PERSON_AFTER = re.compile(r"(?:\s+(?:[A-Z][\w’'-]*|al-\w+|el-\w+|bin|ibn|abu)){1,4}")


def _a_place(sentence: str, m: _Mention) -> bool:
    """True when a government's name is a place ("sources inside Syria", "east of Damascus")."""
    return m.kind == "government" and \
        (sentence[max(0, m.start - 12):m.start].lower().split() or [""])[-1] in _PLACE_BEFORE


def _after_relative(sentence: str, m: _Mention, mentions: Sequence[_Mention]) -> re.Match[str] | None:
    """The claim verb after a relative clause whose commas were lost: closing the sentence ("the aid group that
    supports it said."), or after "which"/"who" going on with the claim ("the monitor which relies on sources
    inside Syria said the toll rose"). The clause names no other speaker (that one would speak): a name in it, or a
    generic speaker followed by its verb, ends the search."""
    r = _RELATIVE.match(sentence, m.end)
    if r is None:
        return None
    at = {x.start: x for x in mentions}
    which = r.group(0).split()[0].lower() in ("which", "who")
    pos = r.end()
    for _ in range(MAX_CLAUSE if which else MAX_COMPLEMENT):
        w = _COMPLEMENT_WORD.match(sentence, pos)
        if w is None:
            break
        inner = at.get(w.end() - len(w.group(0).lstrip()))
        if inner is not None and (inner.role != GENERIC or _SPEAKER_TAIL.match(sentence, inner.end)) \
                and not _a_place(sentence, inner):
            break
        pos = w.end()
        t = _SPEAKER_TAIL.match(sentence, pos)
        if t is not None and t.group("verb").lower() in _FRAME_VERBS and (
                which or _CLOSING.match(sentence, t.end("verb"))):
            return t
    return None


def _tail(sentence: str, m: _Mention, mentions: Sequence[_Mention] = ()) -> tuple[re.Match[str] | None, str]:
    """The claim verb after a name (past a role, an aside, auxiliaries, where it is) and, for a generic speaker, the
    words that say where it is ("a source at Aleppo Police Command"), when they name somewhere, or the person it
    names ("local journalist Ahmad Saleh")."""
    t = _SPEAKER_TAIL.match(sentence, m.end) or _after_relative(sentence, m, mentions)
    if t is None and m.role != GENERIC and (r := _ROLE_THEN.match(sentence, m.end)):
        t, _ = _complemented(sentence, r.end())  # "SANA's correspondent in Aleppo said"
    if t is None and m.role != GENERIC and (where := _PLACE_AFTER.match(sentence, m.end)):
        t = _SPEAKER_TAIL.match(sentence, where.end())  # "the Syrian Civil Defence in Idlib said"
    if t is not None or m.role != GENERIC:
        return t, ""
    named = _PERSON_AFTER.match(sentence, m.end)  # "local journalist Ahmad Saleh placed the toll at 50"
    if named and named.group(0).split()[0].lower() not in _NOT_NAMES \
            and (t := _SPEAKER_TAIL.match(sentence, named.end())) is not None:
        return t, " ".join(named.group(0).split()) if _one_person(m.name) else ""
    t, pos = _complemented(sentence, m.end)
    return (t, " ".join(sentence[m.end:pos].split())) if t is not None else (None, "")


#: Where a named speaker is, between it and its verb: "in Idlib", "in rural Damascus", "at the Aleppo office".
_PLACE_AFTER = re.compile(r"\s+(?:in|at|inside|from)\s+(?:(?:the|rural|eastern|western|northern|southern|central|"
                          r"besieged)\s+){0,2}(?:[A-Z][\w’'-]*|al-\w+)(?:\s+(?:[A-Z][\w’'-]*|al-\w+)){0,3}")


def _one_person(name: str) -> bool:
    """True when a generic speaker is one person ("spokesman", "a local journalist"), who a name after it names."""
    last = name.split()[-1].lower()
    return not last.endswith("s") or last.endswith(("ss", "man", "person"))


_ROLE_THEN = re.compile(rf"(?:['’]s?)?\s+(?:[\w-]+\s+){{0,2}}?{_ROLE}\b", re.IGNORECASE)


def _complemented(sentence: str, pos: int) -> tuple[re.Match[str] | None, int]:
    """The claim verb after where a speaker is or what it does ("at the Police Command", "in Aleppo",
    "responding to the attacks"), and where that complement ends."""
    c = _COMPLEMENT.match(sentence, pos)
    pos = c.end() if c else -1
    for _ in range(MAX_COMPLEMENT if c else 0):
        w = _COMPLEMENT_WORD.match(sentence, pos)
        if w is None or w.group(0).strip().lower() in _NOT_COMPLEMENT:
            break
        pos = w.end()
        t = _SPEAKER_TAIL.match(sentence, pos)
        if t is not None:
            return t, pos
    return None, pos




def _placed(name: str, where: str) -> str:
    """A generic source with where it works: of a known type, named for it ("a source at Aleppo Police Command" ->
    "a police source", "a source at the hospital" -> "a hospital source"); else with the place when it names one
    ("a source at Aleppo province"); other speakers without it ("activists in rural Idlib" -> "activists"); one
    person with the name the text gives ("spokesman Ahmad Saleh")."""
    words = name.split()
    if where and words[-1].lower() not in ("source", "sources") \
            and where[:1].isupper() and _one_person(name):
        return f"{name} {where}"
    if not where or words[-1].lower() not in ("source", "sources", "official", "officials"):
        return name
    kind = next((w.lower() for w in where.split()[1:] if w.lower().strip(".,") in _SOURCE_TYPES), None)
    if kind and kind not in (w.lower() for w in words):
        return " ".join([*words[:-1], kind, words[-1]])
    return f"{name} {where}" if any(x[:1].isupper() for x in where.split()[1:]) else name


def _same_one(sentence: str, m: _Mention, t: re.Match[str], mentions: Sequence[_Mention]) -> bool:
    """False when what looked like an apposition describes someone else: "... held by the Islamic State group a
    monitoring group said" (a monitor is not an armed group; it is the speaker)."""
    if t.group("described") is None:
        return True
    d = _mention_at(sentence, t.start("described") + len(t.group("described")) - len(t.group("described").lstrip(" ,")),
                    mentions)
    return d is None or d.role not in (DESCRIBED, NAME) or bool(set(d.kinds) & set(m.kinds))


def _mention_at(sentence: str, pos: int, mentions: Sequence[_Mention]) -> _Mention | None:
    """The name starting at pos, spaces skipped."""
    gap = len(sentence[pos:pos + 8]) - len(sentence[pos:pos + 8].lstrip())
    return next((x for x in mentions if x.start == pos + gap), None)


def _speaker(sentence: str, low: str, m: _Mention, mentions: Sequence[_Mention],
             leads: Sequence[_Lead]) -> _Hit | None:
    """A hit for a name followed by its claim verb ("SANA reported", "Local sources ... told SANA")."""
    t, where = _tail(sentence, m, mentions)
    if t is None or not _same_one(sentence, m, t, mentions):
        return None
    verb = " ".join(low[t.start("verb"):t.end("verb")].split())
    word_before = (low[max(0, m.start - 12):m.start].split() or [""])[-1]
    if verb in _NOUN_VERBS and word_before in _NOUN_BEFORE:
        return None  # "that U.S. claims that ...": a noun, not a verb
    if m.kind == "government" and word_before in _PLACE_BEFORE:
        return None  # "east of Damascus said the Observatory": a place, not a government speaking
    if verb in _BLAMING and not _THAT.match(sentence, t.end("verb")) and not _figures_of(sentence[t.end("verb"):]):
        return None  # "... killed 20 civilians after Washington accused Moscow": blame, not the toll
    name, end, via = _placed(m.name, where), t.end("verb"), None
    if verb in _QUOTED:
        quoted = _mention_at(sentence, end, mentions)
        if quoted is None:
            return None
        said = _AS_SAYING.match(sentence, quoted.end)
        end = said.end() if said else quoted.end
        return _Hit(m.start, end, quoted.name if quoted.name == name else f"{quoted.name} via {name}", "speaker",
                    verb, None if quoted.name == name else name)
    if verb in _RELAY_VERBS:
        relay = _relay_after(sentence, end, mentions)
        if relay is not None:
            end, via = relay.end, relay.name
    else:
        via = _aside_relay(t.span("aside"), mentions, low, leads)
        after = _RELAY_AFTER.match(sentence, end) if via is None else None
        relay = _relay_after(sentence, after.end(), mentions) if after else None
        if relay is not None:
            end, via = relay.end, relay.name
    if via == m.name:
        via = None
    return _Hit(m.start, end, f"{name} via {via}" if via else name, "speaker", verb, via)


def _lead_hit(sentence: str, m: _Mention, lead: _Lead) -> _Hit | None:
    """A hit for a name after "according to", a claim verb after a comma, "told" or "citing"."""
    end = m.end
    role_tail = _ROLE_AFTER.match(sentence, end) or (_PEOPLE_OF.match(sentence, end) if lead.role == "according"
                                                     else None)
    if role_tail:
        end = role_tail.end()
    if lead.role == "relay":
        return _told_without_speaker(sentence, lead, m, end)
    if lead.role == "cited":
        return _Hit(lead.start, end, m.name, "cited", lead.phrase)
    if lead.role == "inverted" and not (_after_punctuation(sentence, lead.start)
                                        and _INVERTED_END.match(sentence, end) or _CLOSING.match(sentence, end)):
        return None
    return _Hit(lead.start, end, m.name, lead.role, lead.phrase)


_SUBJECT = re.compile(rf"(?P<np>{_NAME})\s*(?:,[^,;!?\n]{{1,120}},)?\s*")


def _told_without_speaker(sentence: str, lead: _Lead, relay: _Mention, end: int) -> _Hit | None:
    """"Abu Omar, a resident, told Reuters": the named speaker, or an unidentified one, via the outlet."""
    if not RELAY_KINDS.intersection(relay.kinds) or lead.phrase == "quoted by":
        return None
    speaker, start = None, lead.start
    for k in range(max(0, lead.start - WINDOW), lead.start):
        if (k == 0 or not sentence[k - 1].isalnum()) and sentence[k].isupper():
            s = _SUBJECT.fullmatch(sentence, k, lead.start)
            if s and s.group("np").split()[0].lower() not in _NOT_NAMES:
                speaker, start = s.group("np"), k
                break
    who = speaker or UNIDENTIFIED
    return _Hit(start, end, f"{who} via {relay.name}", "speaker", "told", relay.name)


UNIDENTIFIED = "unidentified source"


def _relayed_speakers(sentence: str, hits: list[_Hit]) -> list[_Hit]:
    """"In a statement to SANA, a source at the police said ...": the speaker after the relay, via it."""
    out: list[_Hit] = []
    for h in hits:
        if out and out[-1].name.startswith(f"{UNIDENTIFIED} via ") and h.role == "speaker" and h.via is None \
                and not sentence[out[-1].end:h.start].strip(" ,:"):
            relay = out.pop()
            h = replace(h, start=relay.start, name=f"{h.name} via {relay.via}", via=relay.via)
        out.append(h)
    return out


_ORG_WORD = "|".join(re.escape(w) for w in sorted(REGISTRY.organisation_words, key=len, reverse=True))
#: A speaker the registry does not know, named as an organisation before its verb ("the Local Coordination
#: Committees said", "the Sawaiq al-Rahman brigade announced"), perhaps with a person after it.
_ORG_SPEAKER = re.compile(
    rf"(?<![\w’'-])(?P<org>(?!The\b)(?:[A-Z][\w’'.-]*|al-\w+)"
    rf"(?:\s+(?:(?:of|for|on)(?:\s+the)?|and|al-\w+|(?!The\b)[A-Z][\w’'.-]*)){{0,6}}?"
    rf"\s+(?i:{_ORG_WORD})(?![\w-])(?:\s+(?:of|for)(?:\s+the)?(?:\s+(?:[A-Z][\w’'-]*|al-\w+|and)){{1,4}})?"
    rf")(?P<where>\s+(?:in|at)\s+(?:the\s+)?(?:[A-Z][\w’'-]*|al-\w+)(?:\s+(?:[A-Z][\w’'-]*|al-\w+)){{0,3}}"
    rf"(?=\s+[a-z]))?"
    rf"(?:\s+(?:(?!The\b)[A-Z][\w’'-]*|al-\w+)){{0,4}}?(?P<described>(?i:{_DESCRIBED_AS}))?"
    rf"(?P<clause>\s+(?:of|that|which|who|with|based)(?:\s+[\w’'-]+){{1,{MAX_CLAUSE}}}?(?=\s+(?i:said|says)\b))?"
    rf"(?i:(?:\s+{_AUX}\b){{0,3}}\s+(?P<verb>{_VERB}))\b")
#: A person the registry does not know, named with a title before a verb that closes the sentence or opens the
#: claim ("..., Homs Governor Ahmad Saleh said Friday", "Health Minister Ahmad Saleh said that ...").
_TITLE = "(?:" + "|".join(re.escape(t) for t in sorted(REGISTRY.titles, key=len, reverse=True)) + ")"
_TITLED_SPEAKER = re.compile(
    rf"(?<![\w’'-])(?P<org>(?:[A-Z][\w’'.-]*\s+){{0,3}}(?i:{_TITLE})(?:\s+(?:[A-Z][\w’'-]*|al-\w+)){{1,4}})"
    rf"(?i:(?:\s+{_AUX}\b){{0,3}}\s+(?P<verb>said|says|told|added|stated|announced|reported|confirmed))"
    r"(?=\s+that\b|[\s,.;:\"”’)]*$|\s+(?i:on\s+)?(?i:mon|tues|wednes|thurs|fri|satur|sun)day\W*$)")
#: A person named with a title or a description of a role at the opening of the sentence, before a claim verb
#: ("Syria's health minister Ahmad Saleh said 20 ...", "Leading opposition figure Ahmad Saleh said in Paris ..."):
#: the person is credited, by name.
_TITLED_OPENING = re.compile(
    rf"[\s\"“‘']*(?:[\w’'.-]+\s+){{0,4}}?(?i:{_TITLE})\s+"
    rf"(?P<org>(?:[A-Z][\w’'-]*|al-\w+)(?:\s+(?:[A-Z][\w’'-]*|al-\w+|el-\w+|bin|ibn)){{0,3}})"
    rf"(?i:(?:\s+{_AUX}\b){{0,3}}\s+(?P<verb>said|says|told|added|stated|announced|reported|confirmed))\b")
#: A person named with a title after a claim verb ("..., said Homs governor Ahmad Saleh", "said spokesman Ali").
_TITLED_AFTER = re.compile(
    rf"\s+(?P<name>(?:[A-Z][\w’'.-]*\s+){{0,3}}(?i:{_TITLE})(?:\s+(?:[A-Z][\w’'-]*|al-\w+|el-\w+|bin|ibn)){{1,4}})")
_ORG_ROLE = re.compile(rf"(?i:{_ROLE_NOUN})\s+(?:of|at)\s+(?:the\s+)?")


_ORG_WORDS = frozenset(w.lower() for w in REGISTRY.organisation_words)
#: Heads of armed forces: a monitor described after one is no apposition of it but the speaker.
_ARMED_WORDS = frozenset({"forces", "army", "brigade", "brigades", "front", "battalion", "battalions", "militia",
                          "command"})
_TITLE_WORDS = frozenset(t.rstrip(".") for t in REGISTRY.titles)


def _organisation_hits(sentence: str, words: frozenset[str], mentions: Sequence[_Mention],
                       taken: Sequence[_Hit]) -> list[_Hit]:
    """Speakers named as organisations or titled people the registry does not know, where no name it knows stands
    (looked for only in sentences holding an organisation's or a title's word)."""
    out = []
    spans = [(m.start, m.end) for m in mentions if m.role != GENERIC] + [(h.start, h.end) for h in taken]
    titled = words & _TITLE_WORDS
    opening = _TITLED_OPENING.match(sentence) if titled else None
    found = [*(_ORG_SPEAKER.finditer(sentence) if words & _ORG_WORDS else ()),
             *(_TITLED_SPEAKER.finditer(sentence) if titled else ()), *([opening] if opening else [])]
    for k, m in enumerate(sorted(found, key=lambda m: m.start())):
        if k >= MAX_NAMES:
            break
        s, e = m.span("org")
        if m.re is _ORG_SPEAKER and m.group("clause") and not (m.group("described")
                                                              and _CLOSING.match(sentence, m.end("verb"))):
            continue  # "... a group of doctors that supports clinics in the city said.": only a closing verb
        if any(a < e and s < b for a, b in spans) or ("described" in m.re.groupindex and m.group("described") and (
                _ARMED_WORDS.intersection(sentence[s:e].lower().split()) and any(
                    m.start("described") <= x.start < m.end("described") and x.role != GENERIC for x in mentions))):
            continue  # a name the registry knows, or an apposition naming the speaker ("... forces a monitor said")
        spans.append((s, e))
        role = _ORG_ROLE.match(sentence, s)
        if "where" in m.re.groupindex and m.group("where"):
            e = m.end("where")  # "the Unified Medical Office in Eastern Ghouta": the place is part of its name
        name = " ".join(sentence[role.end() if role else s:e].split())
        out.append(_Hit(s, m.end("verb"), name, "speaker", " ".join(m.group("verb").lower().split())))
    return out


_LISTED = re.compile(r"\s*,?\s+(?:(?P<and>and|or|as\s+well\s+as)\s+)?")
MAX_LISTED = 4  # speakers listed before one verb


def _listed_with(sentence: str, mentions: Sequence[_Mention], i: int) -> _Mention | None:
    """The last of the speakers listed from mention i on before one verb, when "and" joins the last two ("a monitor,
    medics and rescue workers said", the commas perhaps lost); None when the mention is not listed."""
    for j in range(i, min(i + MAX_LISTED, len(mentions) - 1)):
        sep = _LISTED.match(sentence, mentions[j].end)
        if sep is None or mentions[j + 1].start != sep.end():
            return None
        if sep.group("and"):
            return mentions[j + 1]
    return None


def _hits(sentence: str, low: str, mentions: Sequence[_Mention], leads: Sequence[_Lead]) -> list[_Hit]:
    """Every name tied to a claim, in text order."""
    hits: list[_Hit] = []
    last_end = -1
    for i, m in enumerate(mentions):
        if m.start < last_end:
            continue
        lead = _lead_of(low, m, leads)
        if lead is not None and lead.role == "address":
            continue
        if lead is not None and m.role == GENERIC and _INCLUDING.match(low, m.end):
            continue  # "various sources including Human Rights Watch": the named one is the claimant
        hit = _lead_hit(sentence, m, lead) if lead else None
        if hit is None and hits and hits[-1].role in ("according", "inverted") \
                and _AND.fullmatch(sentence, hits[-1].end, m.start):
            hit = replace(hits[-1], start=m.start, end=m.end, name=m.name)
        if hit is None:
            hit = _speaker(sentence, low, m, mentions, leads)
        if hit is None and (last := _listed_with(sentence, mentions, i)) is not None:
            partner = _speaker(sentence, low, last, mentions, leads)  # "residents and activists said"
            if partner is not None:
                hits.append(replace(partner, start=m.start, name=m.name, via=None))
                continue
        if hit is not None:
            hits.append(hit)
            last_end = hit.end
    return hits


def _named_hits(sentence: str, leads: Sequence[_Lead], taken: Sequence[_Hit],
                mentions: Sequence[_Mention]) -> list[_Hit]:
    """Speakers outside the table after "according to" or ", said" ("said Russian General Viktor Poznikhir")."""
    out = []
    starts = {m.start for m in mentions}
    taken_starts = [h.start for h in taken]
    for lead in leads:
        if lead.phrase not in ("according to", "said", "added", "wrote"):
            continue
        n = _TITLED_AFTER.match(sentence, lead.end) or _NAME_AFTER.match(sentence, lead.end) or (
            _OFFICE_AFTER.match(sentence, lead.end) if lead.phrase == "according to" else None)
        if n is None or n.start("name") in starts:
            continue
        words = n.group("name").split()
        first = words[1] if words[0] == "the" and len(words) > 1 else words[0]
        k = bisect.bisect_right(taken_starts, lead.start) - 1
        if first.lower() in _NOT_NAMES or (k >= 0 and lead.start < taken[k].end):
            continue
        if lead.phrase != "according to" and not (_after_punctuation(sentence, lead.start)
                                                  and _INVERTED_END.match(sentence, n.end())
                                                  or _CLOSING.match(sentence, n.end())):
            continue
        org = _organisation_after(sentence, n.end(), mentions)
        out.append(_Hit(lead.start, org.end, org.name, "named", lead.phrase) if org
                   else _Hit(lead.start, n.end(), n.group("name"), "named", lead.phrase))
    return out


#: An office written in lower case after "according to", its owner left out when a pronoun or a place's possessive
#: ("according to the city's monitoring and documentation office" -> "monitoring and documentation office").
_OFFICE_AFTER = re.compile(
    r"\s+(?:the\s+)?(?:(?:its|their|(?:city|town|village|province|governorate|region|area|district|country)['’]?s)"
    r"\s+)?(?P<name>(?:(?!(?:the|a|an|of|to|by|in|on|that|which|who|reports?|sources?)\b)[a-z][a-z-]*\s+"
    r"(?:and\s+)?){0,4}(?:" + "|".join(re.escape(w.lower()) for w in sorted(REGISTRY.organisation_words, key=len,
                                                                             reverse=True)) + r"))(?![\w’'-])")
#: One capitalised word before a claim verb, opening the sentence or a clause: a person called by the family name
#: ("Barazi had earlier reported a toll of eight while ...").
_SURNAME_SPEAKER = re.compile(
    rf"(?:^|[,;:]\s*|\b(?:while|and|but|whereas)\s+)[\"“‘']?(?P<org>(?:al-|el-)?[A-Z][a-z][\w’'-]*)"
    rf"(?i:(?:\s+{_AUX}\b){{0,3}}\s+(?P<verb>said|says|told|added|reported|stated|confirmed|announced|wrote))\b")


def _surname_hits(sentence: str, context: str, mentions: Sequence[_Mention], taken: Sequence[_Hit]) -> list[_Hit]:
    """A person called by the family name ("Barazi had earlier reported ..."), credited by the whole name the
    article gave before ("Talal al-Barazi"); a word no person before it is named by is no speaker."""
    out = []
    spans = [(m.start, m.end) for m in mentions] + [(h.start, h.end) for h in taken]
    for k, m in enumerate(_SURNAME_SPEAKER.finditer(sentence)):
        if k >= MAX_NAMES:
            break
        s, e = m.span("org")
        word = m.group("org")
        if word.lower() in _NOT_NAMES or any(a < e and s < b for a, b in spans):
            continue
        family = re.sub(r"^(?:al|el)-", "", word)
        named = re.findall(rf"(?<![\w’'-])(?:[A-Z][\w’'-]*\s+){{1,3}}(?:(?:al|el)-)?{re.escape(family)}"
                           r"(?![\w’'-])", context[-CONTEXT_CHARS:])
        whole = named[-1] if named else None  # the nearest before
        if whole is None or whole.split()[0].lower() in _NOT_NAMES:
            continue
        out.append(_Hit(s, m.end("verb"), " ".join(whole.split()), "speaker", m.group("verb").lower()))
    return out


_APPOSITION = re.compile(r"\s*,\s+(?:(?:a|an|the)\s+)?(?:(?:[\w-]+\s+){0,2}(?:of|for|with|at|from)\s+)?")


def _organisation_after(sentence: str, pos: int, mentions: Sequence[_Mention]) -> _Mention | None:
    """The organisation an apposition puts a named speaker in ("Mohammed, a White Helmets volunteer")."""
    a = _APPOSITION.match(sentence, pos)
    if a is None:
        return None
    return next((m for m in mentions if m.start == a.end() and ORGANISATION_KINDS.intersection(m.kinds)), None)


# ---------------------------------------------------------------- chains

def _chain(inner: _Hit, outer: _Hit, span: tuple[int, int] | None = None) -> _Hit:
    """The inner claim relayed by the outer source; an inner chain keeps its nearest relay."""
    start, end = span or (inner.start, inner.end)
    if inner.via or inner.name == outer.name:
        return replace(inner, start=start, end=end)
    return replace(inner, start=start, end=end, name=f"{inner.name} via {outer.name}", via=outer.name)


def _fold_citations(low: str, hits: list[_Hit]) -> list[_Hit]:
    """"SANA reported, citing local sources" -> "local sources via SANA"."""
    out: list[_Hit | None] = list(hits)
    for k, h in enumerate(hits):
        if h.role != "cited":
            continue
        before = next((j for j in range(k - 1, -1, -1) if hits[j].role != "cited"), None)
        after = next((j for j in range(k + 1, len(hits)) if hits[j].role != "cited"), None)
        if before is not None and (out[before] is None or _CONTRAST.search(low, hits[before].end, h.start)):
            before = None
        if after is not None and (out[after] is None or _CONTRAST.search(low, h.end, hits[after].start)):
            after = None
        j = before if before is not None else after
        if j is None:
            continue
        frame = hits[j]
        out[k] = _chain(h, frame, (min(h.start, frame.start), max(h.end, frame.end)))
        out[j] = None
    return [h for h in out if h is not None]


def _fold_frame(sentence: str, low: str, hits: list[_Hit]) -> list[_Hit]:
    """An outlet reporting the sentence's other claims ("..., Presstv reported", "SANA reported that ... local
    sources said ...", "According to Airwars, local media reported ...") relays them: not another claim."""
    if len(hits) < 2:
        return hits
    first, last = hits[0], hits[-1]
    if last.role in ("speaker", "inverted") and last.verb in _FRAME_VERBS and _FRAME_TAIL.match(sentence, last.end) \
            and _after_punctuation(sentence, last.start):
        return [_chain(h, last) for h in hits[:-1]]
    if len(hits) == 2 and not _CONTRAST.search(low, first.end, last.start) and (
            first.role == "speaker" and first.verb in _FRAME_VERBS
            and (_FRAME_LEAD.match(sentence, first.end)
                 or first.end < last.start and not sentence[first.end:last.start].strip())
            or first.role == "according" and last.role == "speaker" and not sentence[first.end:last.start].strip(" ,")):
        return [_chain(last, first)]
    return hits


# ---------------------------------------------------------------- the sentences around

NEIGHBOUR_CHARS = 1200  # how much text around a sentence is split to find the sentences next to it
MAX_BACK = 3  # sentences a credit may be carried over, one after the other
MAX_QUOTE = 4  # sentences a quotation may run on before the one naming its speaker


def _phrases(key: str) -> str:
    return "|".join(claimants.compile_alias(p).regex for p in REGISTRY.credit.get(key, ()))


#: A sentence opening on another event ("Meanwhile", "In another incident", "On Monday").
_NEW_EVENT = re.compile(rf"[\s\"“‘'(]*(?:{_phrases('new_event') or '(?!)'})(?![\w-])")
_EVENT_NOUNS = "|".join(r"\s+".join(map(re.escape, w.split()))
                        for w in sorted(REGISTRY.credit.get("event_nouns", ("(?!)",)), key=len, reverse=True))
#: A sentence telling of another event anywhere in it ("The attacks came one day after ...").
_OTHER_EVENT = re.compile(rf"(?<![\w-])(?:{_phrases('other_event') or '(?!)'})(?![\w-])")
#: A sentence referring back to the event ("the attack", "the dead").
_BACK_TO_EVENT = re.compile(
    r"(?<![\w-])(?i:the|this|that|these|those|its|their)\s+(?:[\w’'-]+\s+){0,2}?(?i:" + _EVENT_NOUNS + r")(?![\w-])")
#: A sentence going on with a report ("Another ...", "Two more ...", "More shells ...").
_GOES_ON = re.compile(
    rf"(?:(?<![\w-])\d+\s+more(?!\s+than)|(?i:more)\s+(?:[\w’'-]+\s+)?(?i:{_EVENT_NOUNS})"
    rf"|{_phrases('continuations') or '(?!)'})(?![\w-])")
_SCENES = "|".join(r"\s+".join(map(re.escape, w.split()))
                   for w in sorted(REGISTRY.credit.get("scenes", ("(?!)",)), key=len, reverse=True))
#: An event or a scene of the sentence's own, introduced as new: "in a rocket attack", "a bus", "in a besieged
#: neighbourhood", "in the nearby town of ...", "another village".
_NEW_SCENE = re.compile(rf"(?<![\w’'-])(?i:a|an|another|the\s+(?:nearby|neighbou?ring|adjacent))\s+"
                        rf"(?:[\w’'-]+\s+){{0,3}}?(?i:{_SCENES})(?![\w-])")
#: A pronoun speaking: "It added that ...", "..., he said.", "They said ...".
_PRONOUN = re.compile(rf"(?<![\w’'-])(?:[Ii]t|[Hh]e|[Ss]he|[Tt]hey)(?i:(?:\s+{_AUX}\b){{0,3}}\s+(?:{_VERB}))"
                      r"(?:(?=(?:that|the)\b)|\b)")
_QUOTES = re.compile(r"[\"“”]")


@dataclass(frozen=True)
class _Near:
    """A sentence next to the one read: its text, its start in the article, the article before and after it."""

    text: str
    start: int
    before: str
    after: str


def _sentence_before(sentence: str, offset: int, context: str, following: str) -> _Near | None:
    """The sentence before, when it stands in the same paragraph (no line break between them)."""
    cut = max(0, len(context) - NEIGHBOUR_CHARS)
    found = split_sentences(context[cut:])
    if not found or (cut and len(found) == 1) or "\n" in context[cut + found[-1].end:]:
        return None
    p = found[-1]
    start = offset - len(context) + cut + p.start
    if start < 0:
        return None
    return _Near(p.text, start, context[:cut + p.start], context[cut + p.end:] + sentence + following)


def _sentences_after(sentence: str, offset: int, context: str, following: str) -> list[_Near]:
    """The sentences after, to the end of the paragraph; or to the end of the next paragraph when the sentence
    stands alone in its own (a lead on its line)."""
    found = split_sentences(following[:NEIGHBOUR_CHARS])
    if not found:
        return []
    alone = not context.strip() or context.rstrip(" \t").endswith("\n")
    if "\n" in following[:found[0].start] and not alone:
        return []
    out = []
    for k, n in enumerate(found):
        if n.paragraph != found[0].paragraph or (k + 1 == len(found) and len(following) > NEIGHBOUR_CHARS):
            break
        out.append(_Near(n.text, offset + len(sentence) + n.start, context + sentence + following[:n.start],
                         following[n.end:]))
    return out


def _open_quote(text: str) -> bool:
    """True when a quotation opened in the text is not closed by its end."""
    marks = _QUOTES.findall(text)
    straight = marks.count('"')
    return straight % 2 == 1 or marks.count("“") > marks.count("”")


def _single(found: Sequence[Attribution]) -> Attribution | None:
    """The one claimant a sentence credits (several naming one claimant count as one)."""
    return found[0] if found and all(a.claimed_by == found[0].claimed_by for a in found) else None


def _frames(near: _Near, a: Attribution) -> bool:
    """True when the credit covers the whole sentence: it opens it, or closes it."""
    s, e = a.start - near.start, a.end - near.start
    opens = not near.text[:s].strip(" \"“”'‘’,:-—")
    return opens or bool(_FRAME_TAIL.match(near.text, e) or _CLOSING.match(near.text, e))


@functools.lru_cache(maxsize=256)
def _figures_of(text: str) -> frozenset[int]:
    """The lower bounds of the figures a sentence gives ("50" and "at least 50" give the same)."""
    return frozenset(f.min for f in find_figures(text) if f.min)


def _spoken_by_pronoun(sentence: str) -> bool:
    """True when a pronoun is the sentence's speaker: "It added that ...", "..., he said.", "They said ..."."""
    p = _PRONOUN.search(sentence)
    if p is None:
        return False
    return not sentence[:p.start()].strip(" \"“”'‘’") or bool(_FRAME_TAIL.match(sentence, p.end())) \
        or sentence[p.end():p.end() + 6].strip().lower().startswith("that")


def _from_quote(sentence: str, context: str, after: Sequence[_Near]) -> Attribution | None:
    """A quotation the sentence opens or goes on with: the credit after the quote mark of the sentence closing it."""
    para = context[context.rfind("\n") + 1:]
    for k, n in enumerate(after[:MAX_QUOTE]):
        if not _open_quote(para + sentence + "".join(x.text for x in after[:k + 1])):
            close = max(n.text.rfind('"'), n.text.rfind("”"))
            credit = _single(_own(n.text, n.start, n.before, n.after))
            return credit if credit is not None and credit.start - n.start > close else None
    return None


def _quote_goes_on(sentence: str, before: str) -> bool:
    """True when the sentence goes on quoting the speaker of the sentence before: a new quotation after a sentence
    that quotes ('"..." a resident told AFP. "Five died."'), or the words inside a quotation the sentence before
    opened and left open ('"This morning was bad. Five died.'); quote marks the text lost aside."""
    if not _QUOTES.search(before):
        return False
    return bool(_OPENS_QUOTE.match(sentence)) or bool(_OPENS_QUOTE.match(before)) and _open_quote(before)


_OPENS_QUOTE = re.compile(r"\s*[\"“]")


def _continues(sentence: str) -> bool:
    """True when a pronoun speaks, or the sentence goes on with the event of the one before."""
    if _spoken_by_pronoun(sentence):
        return True
    if _NEW_EVENT.match(sentence) or _OTHER_EVENT.search(sentence):
        return False
    return bool(_BACK_TO_EVENT.search(sentence)) or bool(_GOES_ON.search(sentence)) and not _NEW_SCENE.search(sentence)


def _from_before(before: _Near, depth: int) -> Attribution | None:
    """The credit of the sentence before (its own, or what it takes from the ones before it)."""
    return _single(_credit(before.text, before.start, before.before, before.after, depth + 1))


def _from_lead(sentence: str, after: Sequence[_Near]) -> Attribution | None:
    """The credit of the next sentence when it gives the sentence's figures again, crediting it as a whole; a lead
    or a headline giving a figure the next sentence does not give says more than that credit: it keeps none."""
    if not after or _NEW_EVENT.match(after[0].text):
        return None
    n = after[0]
    mine = _figures_of(sentence)
    if not mine or not mine <= _figures_of(n.text):
        return None
    credit = _single(_own(n.text, n.start, n.before, n.after))
    return credit if credit is not None and _frames(n, credit) else None


def _borrowed(sentence: str, offset: int, context: str, following: str, depth: int = 0,
              forward: bool = True) -> list[Attribution]:
    """The credit a sentence that credits no one takes from the sentences around it:
    - a quotation it opens or goes on with takes the credit of the sentence that closes it ('"... 200 wounded.' /
      'All this was shocking" the envoy told reporters.');
    - a pronoun speaking ("It added that ...", "..., he said.") takes the credit of the sentence before;
    - a sentence continuing the report of the sentence before in its paragraph, about the same event (it refers
      back to it, "the attack", "the dead", or goes on with its figures, "Another ...", and does not open on another
      event, "Meanwhile", "On Monday"), takes its credit;
    - a sentence whose figure the next sentence gives again, crediting it as a whole, takes that credit (a lead or
      a headline summing up the claim the next sentence credits).
    A credit written only in a later sentence about something else is not carried back: the claim is the outlet's."""
    if depth > MAX_BACK:
        return []
    para = context[context.rfind("\n") + 1:]  # the paragraph before the sentence
    quoting = forward and bool(following) and _open_quote(para + sentence)
    lead = forward and bool(following)
    after = _sentences_after(sentence, offset, context, following) if quoting or lead else []
    credit = _from_quote(sentence, context, after) if quoting else None
    if credit is None and para.strip() and (_continues(sentence) or _QUOTES.search(para[-NEIGHBOUR_CHARS:])) and \
            (before := _sentence_before(sentence, offset, context, following)) is not None and \
            (_continues(sentence) or _quote_goes_on(sentence, before.text)):
        credit = _from_before(before, depth)
    if credit is None and lead and not (para.strip() and _continues(sentence)):
        credit = _from_lead(sentence, after)
    return [replace(credit, inherited=True)] if credit is not None else []


def _credit(sentence: str, offset: int, context: str, following: str, depth: int) -> list[Attribution]:
    """A sentence's own credit, else (looking back only) the credit it takes from the sentences before."""
    return _own(sentence, offset, context, following) or _borrowed(sentence, offset, context, following, depth,
                                                                    forward=False)


def _own(sentence: str, offset: int, context: str, following: str) -> list[Attribution]:
    """Every claimant the sentence itself credits, in text order (a sentence read again as the neighbour of the
    next one is remembered)."""
    return list(_own_cached(sentence, offset, context[-CONTEXT_CHARS:], following[:CONTEXT_CHARS]))


@functools.lru_cache(maxsize=512)
def _own_cached(sentence: str, offset: int, context: str, following: str) -> tuple[Attribution, ...]:
    return tuple(_own_uncached(sentence, offset, context, following))


def _own_uncached(sentence: str, offset: int, context: str, following: str) -> list[Attribution]:
    if not sentence:
        return []
    prepared = _prepare(sentence)
    low = prepared.low
    if not _CUE.search(low):
        return []
    mentions = _mentions(sentence, prepared, _Article(context, following))
    leads = _leads(low)
    hits = _hits(sentence, low, mentions, leads)
    hits = sorted(hits + _named_hits(sentence, leads, hits, mentions), key=lambda h: h.start)
    orgs = _organisation_hits(sentence, prepared.words, mentions, hits)  # their appositions are no speakers
    orgs += _surname_hits(sentence, context, mentions, hits + orgs) if context else []
    hits = [h for h in hits if not any(o.start <= h.start < o.end for o in orgs)]
    hits = _relayed_speakers(sentence, sorted(hits + orgs, key=lambda h: h.start))
    hits = _fold_frame(sentence, low, _fold_citations(low, hits))
    out, seen = [], set()
    for h in hits:
        if (h.start, h.end, h.name) not in seen:
            seen.add((h.start, h.end, h.name))
            out.append(Attribution(h.name, sentence[h.start:h.end], offset + h.start, offset + h.end, h.via))
    return out


def find_attributions(sentence: str, *, offset: int = 0, context: str = "", following: str = "") -> list[Attribution]:
    """Every claimant the sentence credits, in text order (two for "Some outlets put the toll as high as 80 while
    others suggest 62"); a sentence that credits no one may take the credit of the sentences around it (see
    `_borrowed`; `inherited` is then set and the span lies in that sentence); [] when none does.

    `context` is the article before the sentence (ending where it starts), `following` the article after it
    (starting where it ends); names elsewhere in the article resolve descriptions and anaphors."""
    if not sentence:
        return []
    return _own(sentence, offset, context, following) or (
        _borrowed(sentence, offset, context, following) if context or following else [])


# ---------------------------------------------------------------- perpetrator, target, weapon

#: Weapons and platforms: an actor named with one of them is an agent ("Russian warplanes", "coalition strikes").
_PLATFORM = (r"(?i:war\s*planes?|aircrafts?|air\s*crafts?|jets?|fighter\s+jets|planes|drones?|helicopters?|"
             r"gunships?|bombers?|artillery|air[-\s]*strikes?|strikes?|raids?|air\s+raids?|shelling|bombardment|"
             r"bombings?|missiles?|rockets?|air\s+force)")
PLATFORM_WORDS = frozenset(
    "warplanes warplane planes aircraft aircrafts jets jet drones drone helicopters helicopter gunships bombers "
    "artillery airstrikes airstrike strikes strike raids raid shelling bombardment bombing bombings missiles "
    "rockets".split())
#: Attack words: an actor before one (or named by "by" after one) is an agent.
ATTACK_WORDS = frozenset(
    "struck strike strikes hit hits hitting bombed bombs bombing bombarded bombards bombarding shelled shells shelling "
    "targeted targets targeting target attacked attacks attacking killed kills killing pounded pounds raided raids "
    "dropped drops dropping launched launches launching conducted conducts conducting committed commits committing "
    "carried carries carrying fired fires firing used uses using destroyed destroys levelled leveled razed stormed "
    "executed massacred slaughtered swooped hammered blasted detonated perpetrated perpetrating".split())
_ATTACK = r"(?i:" + "|".join(sorted(ATTACK_WORDS - {"carried", "carries", "carrying"}, key=len, reverse=True)) \
    + r"|carried\s+out|carries\s+out|carrying\s+out|opened\s+fire|added\s+a\s+new\s+crime)"
_ACTOR_AUX = (r"(?i:has|have|had|also|reportedly|allegedly|then|again|repeatedly|recently|once\s+again|"
              r"continued\s+to|continues\s+to|continue\s+to|been|on\s+\w+|today|yesterday|later|earlier|\w+ly)")
#: Words before an actor that make it the one attacked, fought or merely named.
PATIENT_WORDS = frozenset(
    "against on at targeting targeted target struck hit attacked attacking bombed shelled fight fighting combat "
    "combating combatting defeat defeating between with and to from".split())
#: Nouns that make "of X" the attacker ("the warplanes of the international alliance").
AGENT_OF_WORDS = PLATFORM_WORDS | frozenset(
    "massacre massacres crimes crime attack attacks aggression assault assaults operations".split())


@dataclass(frozen=True)
class Actor:
    """A row of the actor table: a pattern, the one name it stands for, the words that signal it."""

    pattern: str
    name: str
    heads: tuple[str, ...]  # a match always holds one of these words, at most `lead` characters after its start
    lead: int = 0


_LED = r"(?:US|U\.S\.|American|America)[-\s]led"
_LED_BY = r"(?:\s+led\s+by\s+(?:the\s+)?(?:United\s+States|US|U\.S\.|Washington))?"
_INTL = r"[\"“‘']?(?i:international|int['’]l|global)\s+(?i:coalition|alliance)[\"”’']?"
_SO_CALLED = r"(?:[\"“‘']?(?i:so-called|alleged|illegitimate|illegal|anti-(?:ISIS|IS|ISIL|Daesh))\s+)*"
ACTORS: tuple[Actor, ...] = (
    Actor(rf"{_SO_CALLED}{_LED}\s+(?:{_INTL}|(?:(?i:military|anti-\w+)\s+)?[\"“‘']?(?i:coalition|alliance)"
          rf"[\"”’']?|{_PLATFORM})", "US-led coalition",
          ("us-led", "u.s.-led", "american-led", "america-led", "us", "u.s", "american", "america"), 40),
    Actor(rf"{_SO_CALLED}{_INTL}{_LED_BY}", "US-led coalition", ("international", "int’l", "int'l", "global"), 40),
    Actor(r"(?:Saudi|Russian|Turkish|Arab)-led\s+(?i:coalition)", "other coalition",
          ("saudi-led", "russian-led", "turkish-led", "arab-led")),
    Actor(rf"{_SO_CALLED}[\"“‘']?[Cc]oalition[\"”’']?{_LED_BY}", "US-led coalition", ("coalition",), 40),
    Actor(r"CJTF[-\s]OIR|Operation\s+Inherent\s+Resolve", "US-led coalition", ("cjtf-oir", "cjtf", "inherent")),
    Actor(r"(?i:unknown|unidentified)\s+(?i:war\s*planes?|aircrafts?|jets|planes|drones?|helicopters)",
          "unknown aircraft", ("unknown", "unidentified")),
    Actor(rf"(?:US|U\.S\.|American|United\s+States)\s+(?:{_PLATFORM}|(?i:forces|troops|military|special\s+forces|"
          r"marines|army))|United\s+States|(?<=[Tt]he\s)(?:US|U\.S\.)|Washington|Pentagon", "US forces",
          ("us", "u.s", "american", "united", "washington", "pentagon")),
    Actor(rf"Russian\s+(?:and\s+Syrian\s+)?(?:{_PLATFORM}|(?i:forces|troops|military|army))|Russia|"
          r"(?<=[Tt]he\s)Russians", "Russian forces", ("russian", "russia", "russians")),
    Actor(r"Turkish-backed\s+(?:\w+\s+)?(?i:factions|rebels|fighters|militias|forces|groups)|Syrian\s+National\s+Army",
          "Turkish-backed factions", ("turkish-backed", "national")),
    Actor(r"Syrian\s+Democratic\s+Forces|(?:Kurdish-led\s+)?SDF|Qasad|QSD|YPG|Kurdish(?:-led)?\s+(?i:forces|fighters|"
          r"militias?)", "SDF", ("democratic", "sdf", "qasad", "qsd", "ypg", "kurdish", "kurdish-led")),
    Actor(r"(?:ISIS|ISIL|Daesh|Islamic\s+State(?:\s+of\s+Iraq\s+and\s+(?:the\s+)?(?:Levant|Syria|[Aa]l-Sham))?)"
          r"(?:\s+(?i:militants|fighters|terrorists|jihadists|members|group|terrorist\s+(?:group|organi[sz]ation)))?"
          r"|IS\s+(?i:militants|fighters|jihadists|group)", "ISIS", ("isis", "isil", "daesh", "islamic", "is")),
    Actor(r"Hay(?:at|'at|’at)\s+Tahrir\s+al-Sham|HTS|(?:al-)?Nusra(?:\s+Front)?|Jabhat\s+(?:al-)?Nusra", "HTS",
          ("hayat", "hay'at", "hay’at", "hts", "nusra", "al-nusra", "jabhat")),
    Actor(rf"Turkish\s+(?:{_PLATFORM}|(?i:forces|troops|military|army))|Turkey|(?<=[Tt]he\s)Turks", "Turkish forces",
          ("turkish", "turkey", "turks")),
    Actor(rf"Israeli\s+(?:{_PLATFORM}|(?i:forces|military|army))|Israel|IDF", "Israel", ("israeli", "israel", "idf")),
    Actor(r"(?:Iran|Iranian)(?:-backed|-aligned)?\s+(?i:militias|forces|fighters)|IRGC|Hezbollah",
          "Iran-backed militias", ("iran", "iranian", "iran-backed", "iranian-backed", "iran-aligned", "irgc",
                                   "hezbollah")),
    Actor(rf"Iraqi\s+(?:{_PLATFORM}|(?i:forces|army|military))|Popular\s+Mobili[sz]ation\s+(?:Forces|Units)|PMF|PMU",
          "Iraqi forces", ("iraqi", "popular", "pmf", "pmu")),
    Actor(rf"(?:Syrian\s+)?(?i:regime|government|pro-government|pro-regime|army|arab\s+army|air\s+force|military)\s+"
          rf"(?:{_PLATFORM}|(?i:forces|troops|soldiers))|Syrian\s+(?:{_PLATFORM}|(?i:government|regime|army|"
          r"arab\s+army|military|troops|forces))|Assad(?:\s+regime|['’]s\s+forces)?|SAA|(?<=[Tt]he\s)regime",
          "Syrian government forces", ("syrian", "regime", "government", "pro-government", "pro-regime", "army",
                                       "arab", "air", "military", "assad", "saa")),
    Actor(r"(?i:rebels?|rebel\s+(?:groups|fighters|factions)|opposition\s+(?:fighters|groups|factions)|"
          r"armed\s+(?:groups|opposition))", "armed opposition groups", ("rebel", "rebels", "opposition", "armed")),
    Actor(r"(?i:(?:takfiri\s+)?terrorists|terrorist\s+groups|terrorist\s+organi[sz]ations)", "terrorist groups",
          ("terrorists", "terrorist", "takfiri")),
)
_ACTOR_INDEX = _index([(a.pattern, a.heads, a.lead) for a in ACTORS])
_OWN_PLATFORM = re.compile(rf"(?<![\w-]){_PLATFORM}(?![\w-])")
_AGENT_AFTER = re.compile(
    rf"(?:['’]s?\s+(?:\w+\s+)?{_PLATFORM}(?![\w-])"
    rf"|\s*[\"”’']?\s*{_PLATFORM}(?![\w-])"
    rf"|(?:\s+(?i:fighters|militants|forces|troops|members|units|militias|soldiers|jihadists|gunmen|terrorists))?"
    rf"(?:\s*,[^,;!?\n]{{1,80}},)?(?:\s+{_ACTOR_AUX}){{0,3}}\s+(?:(?i:been)\s+)?{_ATTACK}(?![\w-]))")
_PUNCT = ",.;:“”\"'‘’()[]"


def _words_before(low: str, pos: int) -> list[str]:
    """The last few words before pos, punctuation stripped, a trailing "the"/"so-called" dropped."""
    words = [w.strip(_PUNCT) for w in low[max(0, pos - 60):pos].split()[1:] or low[:pos].split()]
    words = [w for w in words if w]
    while words and words[-1] in ("the", "so-called"):
        words.pop()
    return words[-4:]


def _is_agent(sentence: str, low: str, start: int, end: int) -> bool:
    """True when the actor at sentence[start:end] acts: not attacked, and with a weapon, an attack verb or "by"."""
    before = _words_before(low, start)
    if before and (before[-1] in PATIENT_WORDS or before[-2:] == ["positions", "of"]):
        return False
    if _OWN_PLATFORM.search(sentence, start, end) or _AGENT_AFTER.match(sentence, end):
        return True
    if before and before[-1] == "by":
        return any(w in ATTACK_WORDS or w in AGENT_OF_WORDS for w in before[:-1])
    return len(before) >= 2 and before[-1] == "of" and before[-2] in AGENT_OF_WORDS


def perpetrator(sentence: str) -> str | None:
    """The actor the sentence says carried out the attack, normalised ("US-led coalition"); None when it names none."""
    if not sentence:
        return None
    prepared = _prepare(sentence)
    low = prepared.low
    for start, end, row in _find(_ACTOR_INDEX, sentence, low, prepared.words & _ACTOR_INDEX.heads):
        if _is_agent(sentence, low, start, end):
            return ACTORS[row].name
    return None


#: Heads of a struck thing: facilities and structures, not people or places.
_TARGET_HEAD = (r"(?:market(?:place)?s?|buildings?|houses?|homes?|camps?|hospitals?|clinics?|schools?|mosques?|"
                r"bakery|bakeries|neighbou?rhoods?|residential\s+areas?|districts?|bridges?|refinery|refineries|"
                r"oil\s+fields?|gas\s+fields?|facilities|facility|infrastructure|power\s+(?:stations?|plants?)|"
                r"water\s+(?:stations?|plants?)|stations?|dams?|convoys?|vehicles?|cars?|buses|bus|boats?|ferry|"
                r"crossings?|checkpoints?|positions?|headquarters|bases?|airports?|air\s*bases?|depots?|"
                r"warehouses?|gatherings?|farms?|shelters?|shops?|stores?|factory|factories|universit(?:y|ies)|"
                r"churches|church|compounds?|apartments?|blocks?|tents?|encampments?|silos?|mills?|"
                r"power\s+lines?|properties|property)")
_MODIFIER = r"(?!(?:and|or|in|of|at|on|with|by|to|for|near|from|that|which|who|as|after)\b)[\w’'-]+"
_NP = rf"(?:(?:a|an|the|two|three|four|several|\d+)\s+)?(?:{_MODIFIER}\s+){{0,3}}?{_TARGET_HEAD}"
TARGET_VERBS = ("targeted", "targeting", "targets", "target", "struck", "striking", "hit", "hitting", "hits",
                "bombarded", "bombarding", "bombed", "bombing", "shelled", "shelling", "attacked", "attacking",
                "raided", "destroyed", "destroying", "levelled", "leveled", "flattened", "pounded", "pounding")
TARGET_NOUNS = ("strikes", "strike", "airstrikes", "airstrike", "air", "raids", "raid", "attacks", "attack",
                "shelling", "bombing", "bombardment", "assaults", "assault")
_TARGET_ROWS = (
    (rf"(?:{'|'.join(TARGET_VERBS)})(?:\s+with\s+\w+(?:\s+(?!(?:a|an|the)\b)\w+)?)?\s+(?P<np>{_NP})", TARGET_VERBS, 0),
    (r"(?:strikes?|airstrikes?|air\s+strikes?|raids?|attacks?|shelling|bombing|bombardment|assaults?)"
     rf"\s+(?:on|against|targeting|that\s+(?:hit|targeted|struck))\s+(?P<np>{_NP})", TARGET_NOUNS, 0),
)
_TARGET_INDEX = _index(_TARGET_ROWS)


def target(sentence: str) -> str | None:
    """The struck facility or structure as written, short ("a local market", "Aysha Hospital"); None when none."""
    if not sentence:
        return None
    prepared = _prepare(sentence)
    low = prepared.low
    found = _find(_TARGET_INDEX, low, low, prepared.words & _TARGET_INDEX.heads)
    for start, _, row in found:
        m = _TARGET_INDEX.patterns[row].match(low, start)
        if m and not (row == 0 and low[max(0, start - 4):start].split()[-1:] in (["the"], ["a"], ["an"])):
            # a verb after a determiner is an adjective: "the destroyed building"
            return " ".join(sentence[m.start("np"):m.end("np")].split())
    return None


@dataclass(frozen=True)
class Weapon:
    """A row of the weapon table: a lower-case pattern, the name it stands for, the words that open it; earlier rows
    are more specific."""

    pattern: str
    name: str
    heads: tuple[str, ...]


WEAPONS: tuple[Weapon, ...] = (
    Weapon(r"chemical\s+(?:weapons?|attacks?|agents?|munitions)|chlorine|sarin|toxic\s+gas|nerve\s+agents?|"
           r"mustard\s+gas", "chemical weapons", ("chemical", "chlorine", "sarin", "toxic", "nerve", "mustard")),
    Weapon(r"white\s+phosph(?:orous|orus|or)", "white phosphorus", ("white",)),
    Weapon(r"phosph(?:orous|orus|or)\s+(?:bombs?|munitions|shells|weapons)", "phosphorus munitions",
           ("phosphor", "phosphorus", "phosphorous")),
    Weapon(r"barrel[-\s]+bombs?", "barrel bombs", ("barrel", "barrel-bombs", "barrel-bomb")),
    Weapon(r"cluster\s+(?:munitions?|bombs?|rockets?)", "cluster munitions", ("cluster",)),
    Weapon(r"thermobaric(?:\s+\w+)?|vacuum\s+bombs?", "thermobaric bombs", ("thermobaric", "vacuum")),
    Weapon(r"incendiary(?:\s+\w+)?|napalm", "incendiary weapons", ("incendiary", "napalm")),
    Weapon(r"car\s+bombs?|vbieds?|vehicle[-\s]borne|booby[-\s]trapped\s+(?:car|vehicle|truck)s?", "car bomb",
           ("car", "vbied", "vbieds", "vehicle-borne", "vehicle", "booby-trapped", "booby")),
    Weapon(r"suicide\s+(?:bomb\w*|attack\w*|vests?)", "suicide bombing", ("suicide",)),
    Weapon(r"(?:cruise\s+|guided\s+|ballistic\s+|hellfire\s+|tomahawk\s+)?missiles?", "missiles",
           ("missile", "missiles", "cruise", "guided", "ballistic", "hellfire", "tomahawk")),
    Weapon(r"rocket\s+launchers?|rockets?|mlrs", "rockets", ("rocket", "rockets", "mlrs")),
    Weapon(r"mortars?(?:\s+(?:shells?|rounds?|bombs?))?", "mortars", ("mortar", "mortars")),
    Weapon(r"drones?(?:\s+strikes?)?|uavs?|unmanned\s+aerial\s+vehicles?", "drone",
           ("drone", "drones", "uav", "uavs", "unmanned")),
    Weapon(r"air[-\s]*strikes?|air\s+raids?|aerial\s+(?:bombardment|attacks?|assaults?|strikes?|bombing|raids?)|"
           r"war\s*planes?|(?:fighter\s+)?jets?|air\s*crafts?|aircrafts?|bombers?|helicopters?|gunships?|"
           r"bombing\s+raids?", "airstrike",
           ("air", "airstrike", "airstrikes", "air-strike", "air-strikes", "aerial", "warplane", "warplanes", "war",
            "jet", "jets", "fighter", "aircraft", "aircrafts", "bomber", "bombers", "helicopter", "helicopters",
            "gunship", "gunships", "bombing")),
    Weapon(r"artillery|shelling|shelled|shells|howitzers?|tank\s+(?:fire|shells?)", "artillery",
           ("artillery", "shelling", "shelled", "shells", "howitzer", "howitzers", "tank")),
    Weapon(r"ieds?|improvised\s+explosive\s+devices?|landmines?|land\s+mines?", "explosive device",
           ("ied", "ieds", "improvised", "landmine", "landmines", "land")),
    Weapon(r"gunfire|snipers?|shot\s+dead|opened\s+fire|machine[-\s]?guns?", "gunfire",
           ("gunfire", "sniper", "snipers", "shot", "opened", "machine", "machine-gun", "machine-guns", "machinegun",
            "machineguns")),
)
_WEAPON_INDEX = _index([(w.pattern, w.heads, 0) for w in WEAPONS])


def weapon(sentence: str) -> str | None:
    """The most specific weapon the sentence names ("white phosphorus", "missiles", "airstrike"); None when none."""
    if not sentence:
        return None
    prepared = _prepare(sentence)
    found = _find(_WEAPON_INDEX, prepared.low, prepared.low, prepared.words & _WEAPON_INDEX.heads)
    return WEAPONS[min(row for _, _, row in found)].name if found else None
