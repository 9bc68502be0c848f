"""Whom a sentence credits with its claim, and who it says attacked what with what.

Claimants (`find_attributions`): a claimant is a name from the `CLAIMANTS` table (or a speaker the text names) tied
to a claim by the sentence's grammar, never a name standing alone:
- before a claim verb, past an apposition, a parenthesis or an aside: "SANA reported", "the Ministry of Foreign
  Affairs and Expatriates said", "The Syrian Observatory for Human Rights (SOHR), often cited by ... media, has
  asserted" (also glued to "that", as the corpus has it), "the ministry, which has stated", "CENTCOM said in a
  statement", "the White Helmets rescue group said", "Some outlets put the death toll ...";
- after a sourcing phrase, or after a claim verb that follows a comma or a quote: "according to local sources",
  "according to various sources including Human Rights Watch" (the named one), "..., added the ministry", "as
  reported by SANA", and a named speaker outside the table ("..., said Russian General Viktor Poznikhir");
- chains: "local sources ... told SANA", "residents told AFP", "SANA reported, citing local sources", "According
  to local sources, ..., SANA reported", "SANA reported that local sources said ..." give "local sources via SANA"
  (`via` "SANA"); "According to Airwars, local media reported" gives "local media via Airwars". An outlet closing
  the sentence ("..., SANA reported.") relays every claim before it. The relay kept is the one nearest the speaker:
  in "Local sources told SANA ..., Presstv reported" Press TV is the outlet of the report, not a second claimant.
  Only outlets, monitors, rights groups and UN agencies relay ("the ministry told the Security Council" does not).
A name that is only addressed ("letters addressed to ... Guterres", "called on the Security Council"), cited ("often
cited by Western media") or said to act ("the coalition killed 20") is no claimant. "others" names a claimant only
after "some outlets/sources/reports" in the same sentence ("Some outlets put ... while others suggest ..." ->
"some outlets", "other outlets").

Names are normalised by the table: "Syria's official news agency SANA" -> "SANA", "the Britain-based monitor" ->
"SOHR", "the Foreign and Expatriates Ministry" -> "Syrian Ministry of Foreign Affairs", "CJTF-OIR" / "the
coalition" -> "US-led coalition" (the name `perpetrator` uses). A ministry without a nation takes the nation of
the last ministry of its portfolio named before it; a foreign ministry otherwise is the Syrian one (the corpus's
convention); another ministry otherwise keeps no nation ("Ministry of Defence"). Anaphors ("the ministry", "the
monitor", "the sources", "the agency", "the letters") take the nearest name of the kind they stand for (for "the
letters": a ministry, else a government ...) earlier in the sentence, else in `context` (the article text before
the sentence; the last CONTEXT_CHARS are read), else stay as written ("the ministry"). Generic speakers keep
their words, lower-cased where the sentence start capitalised them ("Medical sources" -> "medical sources", "US
officials").

Spans index the article: `sentence[start - offset:end - offset] == text`.

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

Speed: names, actors and weapons are looked for only around their head words (each table row lists them, and how
far before its head a match may start), sourcing phrases are matched as lower-case literals, every pattern is
compiled at import, and no scan goes back over the sentence more than a bounded distance. Hostile text is read up
to MAX_NAMES names per sentence.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

CONTEXT_CHARS = 6000  # how much of the preceding article an anaphor may reach back into
NEAR_CHARS = 1500  # context is read this far back first, and further only when that holds no fitting name
CACHED_CHARS = 3000  # sentences up to this length are prepared once for find_attributions, perpetrator, ...
WINDOW = 160  # a sourcing phrase ("according to various sources including") ends at most this far before a name
MAX_ASIDE = 250  # the longest aside between a speaker and its verb
MAX_NAMES = 200  # names and phrases read per sentence: a real sentence holds a handful, hostile text no more is read

# ---------------------------------------------------------------- claimant table

AS_WRITTEN = ""  # a table name that keeps the words of the text
OTHERS = "<others>"  # "others" / "other outlets": the counterpart of an earlier "some ..."
MINISTRY = "<ministry>"  # a ministry: nation and portfolio read from the words

_NATION = (r"(?:Syrian|Syria|Russian|Russia|Turkish|Turkey|Iraqi|Iraq|Iranian|Iran|Israeli|Israel|US|U\.S\.|American|"
           r"United\s+States|French|France|British|Britain|UK|U\.K\.|Jordanian|Jordan|Lebanese|Lebanon|Saudi|Qatari|"
           r"Chinese|China|German|Germany)")
_PORTFOLIO = r"(?i:foreign(?:\s+and\s+expatriates)?(?:\s+affairs)?|defen[cs]e|health|interior|information)"
_MINISTRY = (rf"(?:{_NATION}(?:['’]s)?\s+)?{_PORTFOLIO}\s+(?i:ministry)"
             rf"|(?:{_NATION}(?:['’]s)?\s+)?(?i:ministry\s+of)\s+{_PORTFOLIO}(?i:\s+and\s+expatriates)?"
             rf"(?:\s+of\s+(?:the\s+)?{_NATION})?")
_US = r"(?:US|U\.S\.|United\s+States|American)"
_UN = r"(?:UN|U\.N\.|United\s+Nations)"
_STATE_AGENCY = r"(?i:(?:(?:official|state(?:-run|-owned)?|government|national)\s+)+(?:news|media|press)\s+agency)"
_PEOPLE = ("activist", "activists", "resident", "residents", "locals", "witnesses", "eyewitness", "eyewitnesses",
           "survivor", "survivors", "official", "officials", "doctor", "doctors", "medic", "medics", "nurse", "nurses",
           "paramedic", "paramedics", "rescuers", "workers", "journalist", "journalists", "correspondent",
           "correspondents", "spokesman", "spokeswoman", "spokesperson", "commander", "commanders", "monitor",
           "monitors", "group", "groups", "observers", "leaders", "elders", "relatives", "villagers")


@dataclass(frozen=True)
class Claimant:
    """A row of the claimant table: a pattern, the one name it stands for, its kind, the words that signal it."""

    pattern: str
    name: str  # AS_WRITTEN, OTHERS, MINISTRY or a normalised name
    kind: str  # agency, monitor, ngo, un, un body, military, government, ministry, people, sources, anaphor
    heads: tuple[str, ...]  # a match always holds one of these words, at most `lead` characters after its start
    lead: int = 0  # how far before its head word a match may start (0: it opens with it, "the" aside)
    resolves: tuple[str, ...] = ()  # for anaphors: the kinds of earlier names they may stand for, preferred first


CLAIMANTS: tuple[Claimant, ...] = (
    # news agencies and outlets
    Claimant(r"Syrian\s+Arab\s+News\s+Agency", "SANA", "agency", ("arab",), 8),
    Claimant(rf"(?:Syria['’]s\s+|(?i:the\s+)?Syrian\s+|(?<!['’]s\s)){_STATE_AGENCY}(?:\s*,?\s*SANA\b)?", "SANA",
             "agency", ("agency",), 45),
    Claimant(r"(?:Syrian\s+)?state(?:-run)?\s+(?i:media|television|TV)\s+(?:outlet\s+|agency\s+)?SANA", "SANA",
             "agency", ("sana",), 40),
    Claimant(r"SANA", "SANA", "agency", ("sana",)),
    Claimant(r"Press\s*TV|Presstv|PressTV", "Press TV", "agency", ("tv", "presstv"), 8),
    Claimant(r"Reuters", "Reuters", "agency", ("reuters",)),
    Claimant(r"AFP|Agence\s+France[-\s]Presse|France[-\s]Presse", "AFP", "agency",
             ("afp", "agence", "france-presse", "france")),
    Claimant(r"Associated\s+Press|AP", "AP", "agency", ("ap", "associated")),
    Claimant(r"(?:Turkey['’]s\s+state(?:-run)?\s+)?Anadolu(?:\s+(?:[Nn]ews\s+)?Agency)?", "Anadolu Agency", "agency",
             ("turkey", "anadolu")),
    Claimant(r"(?:Iran['’]s\s+(?:official\s+|state\s+)?(?:news\s+agency\s+)?)?IRNA", "IRNA", "agency",
             ("iran", "irna")),
    Claimant(r"TASS|RIA(?:\s+Novosti)?|Sputnik|RT|Xinhua|DPA|BBC|CNN|Al\s+Jazeera|Al\s+Arabiya|Rudaw|Tasnim",
             AS_WRITTEN, "agency",
             ("tass", "ria", "sputnik", "rt", "xinhua", "dpa", "bbc", "cnn", "al", "rudaw", "tasnim")),
    Claimant(r"(?i:al[-\s]Masdar)(?:\s+News)?", "Al-Masdar News", "agency", ("al-masdar", "al")),
    Claimant(r"(?i:al[-\s]Mayadeen)", "Al Mayadeen", "agency", ("al-mayadeen", "al")),
    Claimant(r"Hawar\s+News(?:\s+Agency)?|ANHA", "Hawar News Agency", "agency", ("hawar", "anha")),
    Claimant(r"Mint\s*Press(?:\s+News)?", "MintPress News", "agency", ("mintpress", "mint")),
    Claimant(r"Syria\s*Times", "Syria Times", "agency", ("syriatimes", "syria")),
    Claimant(r"Amaq(?:\s+(?:News\s+)?Agency)?", "Amaq", "agency", ("amaq",)),
    Claimant(r"Step\s+News(?:\s+Agency)?|Enab\s+Baladi|Syria\s+Direct|Deir\s+Ezzor\s+24|Euphrates\s+Post|"
             r"Smart\s+News(?:\s+Agency)?|Orient\s+News", AS_WRITTEN, "agency",
             ("step", "enab", "syria", "deir", "euphrates", "smart", "orient")),
    Claimant(r"Raqqa\s+is\s+Being\s+Slaughtered\s+Silently|RBSS", "RBSS", "monitor", ("raqqa", "rbss")),
    # monitors, rights groups, rescuers
    Claimant(r"(?:(?:Britain|UK|U\.K\.|London|Coventry)-based\s+)?Syrian\s+Observatory(?i:\s+for\s+human\s+rights)?",
             "SOHR", "monitor", ("observatory",), 35),
    Claimant(r"SOHR", "SOHR", "monitor", ("sohr",)),
    Claimant(r"(?:Britain|UK|U\.K\.|London|Coventry)-based\s+(?i:(?:war\s+)?monitor(?:ing\s+group)?|observatory|"
             r"rights\s+group)", "SOHR", "monitor",
             ("britain-based", "uk-based", "u.k.-based", "london-based", "coventry-based")),
    Claimant(r"(?<=[Tt]he\s)Observatory", "SOHR", "monitor", ("observatory",)),
    Claimant(r"Rami\s+Abd(?:el|ul|al)?[-\s]?Rahman", "SOHR", "monitor", ("rami",)),
    Claimant(r"Syrian\s+Network\s+for\s+Human\s+Rights|SNHR", "SNHR", "monitor", ("network", "snhr"), 8),
    Claimant(r"Violations\s+Documentation\s+Cent(?:er|re)|VDC", "VDC", "monitor", ("violations", "vdc")),
    Claimant(r"Airwars", "Airwars", "monitor", ("airwars",)),
    Claimant(r"White\s+Helmets|Syria(?:n)?\s+Civil\s+Defen[cs]e|(?i:civil\s+defen[cs]e)", "White Helmets", "ngo",
             ("white", "civil"), 8),
    Claimant(r"Human\s+Rights\s+Watch|HRW", "Human Rights Watch", "ngo", ("human", "hrw")),
    Claimant(r"Amnesty(?:\s+International)?", "Amnesty International", "ngo", ("amnesty",)),
    Claimant(r"M[ée]decins\s+Sans\s+Fronti[èe]res|Doctors\s+Without\s+Borders|MSF", "MSF", "ngo",
             ("médecins", "medecins", "doctors", "msf")),
    Claimant(r"Syrian\s+American\s+Medical\s+Society|SAMS", "SAMS", "ngo", ("society", "sams"), 32),
    Claimant(r"(?:International\s+Committee\s+of\s+the\s+)?Red\s+Cross|ICRC", "ICRC", "ngo",
             ("international", "red", "icrc")),
    # United Nations
    Claimant(rf"{_UN}\s+Human\s+Rights\s+Council", "UN Human Rights Council", "un body", ("council",), 35),
    Claimant(rf"OHCHR|Office\s+of\s+the\s+(?:{_UN}\s+)?High\s+Commissioner\s+for\s+Human\s+Rights|"
             rf"{_UN}\s+(?:High\s+Commissioner\s+for\s+Human\s+Rights|(?i:human\s+rights|rights)(?:\s+office)?)",
             "UN OHCHR", "un", ("ohchr", "office", "rights", "commissioner"), 35),
    Claimant(rf"(?:{_UN}\s+)?(?:Independent\s+International\s+)?Commission\s+of\s+Inquiry"
             rf"(?:\s+on\s+(?:the\s+)?Syria(?:n\s+Arab\s+Republic)?)?", "UN Commission of Inquiry", "un",
             ("commission",), 40),
    Claimant(rf"OCHA|{_UN}\s+(?:Office\s+for\s+the\s+Coordination\s+of\s+Humanitarian\s+Affairs|"
             rf"(?i:humanitarian\s+(?:office|agency)))", "UN OCHA", "un", ("ocha", "office", "humanitarian"), 20),
    Claimant(r"UNICEF", "UNICEF", "un", ("unicef",)),
    Claimant(rf"{_UN}\s+(?:Secretary[-\s]General|[Cc]hief)(?:\s+Antonio\s+Guterres)?|Antonio\s+Guterres|Guterres",
             "UN Secretary-General", "un body", ("secretary-general", "secretary", "chief", "antonio", "guterres"), 20),
    Claimant(rf"(?:{_UN}\s+)?Security\s+Council", "UN Security Council", "un body", ("security",), 20),
    Claimant(_UN, "United Nations", "un", ("un", "u.n", "united")),
    # militaries
    Claimant(rf"{_US}\s+Central\s+Command|CENTCOM|Centcom|Central\s+Command", "US Central Command", "military",
             ("centcom", "central"), 20),
    Claimant(rf"Pentagon|{_US}\s+(?:Department\s+of\s+Defen[cs]e|Defen[cs]e\s+Department)",
             "US Department of Defense", "military", ("pentagon", "department", "defense", "defence"), 20),
    Claimant(r"CJTF[-\s]OIR|Combined\s+Joint\s+Task\s+Force(?:\s*[-–—]?\s*Operation\s+Inherent\s+Resolve)?|"
             r"Operation\s+Inherent\s+Resolve", "US-led coalition", "military",
             ("cjtf-oir", "cjtf", "combined", "operation")),
    Claimant(rf"{_US}[-\s]led\s+(?:(?i:international|military|anti-\w+)\s+)?[\"“‘']?(?i:coalition)[\"”’']?",
             "US-led coalition", "military", ("us-led", "u.s.-led", "american-led", "states-led", "led"), 20),
    Claimant(r"(?:Saudi|Russian|Turkish|Arab)-led\s+(?i:coalition)", AS_WRITTEN, "military",
             ("saudi-led", "russian-led", "turkish-led", "arab-led")),
    Claimant(r"(?:[\"“‘']?(?i:so-called|international|int['’]l|anti-(?:ISIS|IS|ISIL|Daesh))\s+)*"
             r"[\"“‘']?[Cc]oalition[\"”’']?", "US-led coalition", "military", ("coalition",), 40),
    Claimant(r"Russian\s+(?:Cent(?:re|er)\s+for\s+(?:the\s+)?Reconciliation(?:\s+of\s+(?:the\s+)?\w+\s+\w+)?|"
             r"(?i:reconciliation)\s+Cent(?:re|er))", "Russian Reconciliation Centre", "military",
             ("centre", "center", "reconciliation"), 12),
    Claimant(r"Russian\s+(?:military|army|General\s+Staff)", "Russian military", "military",
             ("military", "army", "general"), 10),
    Claimant(r"Syrian\s+Democratic\s+Forces|(?:Kurdish-led\s+)?SDF|Kurdish-led\s+(?:forces|fighters)", "SDF",
             "military", ("democratic", "sdf", "kurdish-led"), 12),
    Claimant(rf"{_US}\s+(?:military|army|forces|troops)", "US military", "military",
             ("military", "army", "forces", "troops"), 20),
    Claimant(r"General\s+Command\s+of\s+the\s+(?:Syrian\s+)?(?:Army|Armed\s+Forces)|Syrian\s+(?:Arab\s+)?Army|SAA",
             "Syrian army", "military", ("general", "army", "saa"), 12),
    Claimant(r"IDF|Israel(?:i)?\s+Defen[cs]e\s+Forces|Israeli\s+(?:military|army)", "Israeli military", "military",
             ("idf", "defense", "defence", "military", "army"), 10),
    # ministries and governments
    Claimant(_MINISTRY, MINISTRY, "ministry", ("ministry",), 45),
    Claimant(rf"{_US}\s+State\s+Department|State\s+Department", "US State Department", "government", ("state",), 20),
    Claimant(rf"(?:{_NATION}|Kurdish)\s+(?:(?i:military|defen[cs]e|security|government|senior)\s+)?"
             r"(?i:officials?|sources?)", AS_WRITTEN, "people", ("officials", "official", "sources", "source"), 35),
    Claimant(r"Syrian\s+(?:Arab\s+Republic|government|regime)|Assad\s+(?:regime|government)|Damascus|Syria",
             "Syrian government", "government", ("syrian", "assad", "damascus", "syria")),
    Claimant(r"Russian\s+government|Russia|Moscow|Kremlin|(?<=[Tt]he\s)Russians", "Russian government", "government",
             ("russian", "russia", "moscow", "kremlin", "russians")),
    Claimant(rf"{_US}\s+(?:government|administration)|United\s+States|Washington|White\s+House|US|U\.S\.",
             "US government", "government", ("us", "u.s", "united", "american", "washington", "white")),
    Claimant(r"Turkish\s+government|Turkey|Ankara", "Turkish government", "government",
             ("turkish", "turkey", "ankara")),
    Claimant(r"Iranian\s+government|Iran|Tehran", "Iranian government", "government", ("iranian", "iran", "tehran")),
    Claimant(r"Israeli\s+government|Israel", "Israeli government", "government", ("israeli", "israel")),
    Claimant(r"Iraqi\s+government|Iraq|Baghdad", "Iraqi government", "government", ("iraqi", "iraq", "baghdad")),
    # anaphors: "the ministry", "the monitor" ...
    Claimant(r"(?<=[Tt]he\s)(?i:ministry)", "the ministry", "anaphor", ("ministry",), 0, ("ministry",)),
    Claimant(r"(?<=[Tt]he\s)(?i:(?:war\s+)?monitor(?:ing\s+group)?)", "the monitor", "anaphor", ("monitor", "war"), 0,
             ("monitor",)),
    Claimant(r"(?<=[Tt]he\s)(?i:sources?)", "the sources", "anaphor", ("sources", "source"), 0, ("sources",)),
    Claimant(r"(?<=[Tt]he\s)(?i:(?:news\s+)?agency)", "the agency", "anaphor", ("agency", "news"), 0, ("agency",)),
    Claimant(r"(?<=[Tt]he\s)(?i:letters?|statement|communiqu[ée])", AS_WRITTEN, "anaphor",
             ("letters", "letter", "statement", "communiqué", "communique"), 0,
             ("ministry", "government", "ngo", "monitor")),
    Claimant(r"(?<=[Tt]he\s)(?i:group|organi[sz]ation)", "the group", "anaphor",
             ("group", "organization", "organisation"), 0, ("monitor", "ngo")),
    # generic speakers
    Claimant(r"(?i:some\s+(?:media\s+|news\s+)?(?:outlets|media|reports|sources|monitors|activists))", AS_WRITTEN,
             "sources", ("some",)),
    Claimant(r"(?i:other\s+(?:media\s+|news\s+)?(?:outlets|media|reports|sources|monitors|activists)|others)", OTHERS,
             "sources", ("other", "others")),
    Claimant(r"(?i:(?:(?:a|an|one|two|three|several|multiple|various|numerous|local|medical|hospital|health|security|"
             r"military|police|field|tribal|opposition|government|official|informed|activist|humanitarian|rescue|"
             r"private|"
             r"reliable|credible|same)\s+){0,3}sources?)", AS_WRITTEN, "sources", ("sources", "source"), 40),
    Claimant(r"(?i:(?:(?:local|media|news|press|initial|unconfirmed|early|western|arabic|arab|kurdish|opposition|"
             r"syrian|pro-government|pro-regime|state|official|activist|several|multiple|various)\s+){1,3}"
             r"(?:reports|media(?:\s+outlets)?|outlets|television|TV|websites?|pages|networks?)|reports)", AS_WRITTEN,
             "sources", ("reports", "media", "outlets", "television", "tv", "websites", "website", "pages",
                         "networks", "network"), 40),
    Claimant(r"(?i:(?:(?:a|an|one|two|several|local|media|citizen|anti-government|pro-government|senior|military|"
             r"security|government|health|hospital|medical|rescue|human\s+rights|war|opposition|kurdish|arab|"
             r"syrian|eyewitness)\s+){0,3}(?:activists?|residents?|locals|witnesses|eyewitness(?:es)?|survivors?|"
             r"officials?|doctors?|medics?|nurses?|paramedics?|rescuers|rescue\s+workers|journalists?|"
             r"correspondents?|spokes(?:man|woman|person)|commanders?|monitors?|monitoring\s+groups?|observers|"
             r"tribal\s+(?:leaders|elders)|relatives|villagers))", AS_WRITTEN, "people", _PEOPLE, 45),
)

#: Kinds a "told X" / "speaking to X" may relay a claim through (not "the ministry told the Security Council").
RELAY_KINDS = frozenset({"agency", "monitor", "ngo", "un"})
#: Words lower-cased when they open a generic speaker ("Local sources" -> "local sources").
_COMMON_OPENERS = re.compile(
    r"(?:A|An|One|Two|Three|Several|Multiple|Various|Numerous|Local|Medical|Hospital|Health|Security|Military|Field|"
    r"Tribal|Opposition|Government|Official|Informed|Activist|Activists|Humanitarian|Rescue|Private|Reliable|Credible|"
    r"Same|Media|News|Press|Initial|Unconfirmed|Early|State|Some|Other|Others|Reports|Sources|Residents|Locals|"
    r"Witnesses|Eyewitnesses|Survivors|Officials|Doctors|Medics|Nurses|Paramedics|Rescuers|Journalists|Correspondents|"
    r"Monitors|Observers|Relatives|Villagers|Senior|Citizen|War|Resident|Activist|Witness|Doctor|Medic)\b")
NATIONS = MappingProxyType({
    "syrian": "Syrian", "syria": "Syrian", "russian": "Russian", "russia": "Russian", "turkish": "Turkish",
    "turkey": "Turkish", "iraqi": "Iraqi", "iraq": "Iraqi", "iranian": "Iranian", "iran": "Iranian",
    "israeli": "Israeli", "israel": "Israeli", "us": "US", "u.s.": "US", "american": "US", "united states": "US",
    "french": "French", "france": "French", "british": "British", "britain": "British", "uk": "British",
    "u.k.": "British", "jordanian": "Jordanian", "jordan": "Jordanian", "lebanese": "Lebanese", "lebanon": "Lebanese",
    "saudi": "Saudi", "qatari": "Qatari", "chinese": "Chinese", "china": "Chinese", "german": "German",
    "germany": "German"})
PORTFOLIOS = MappingProxyType({"foreign": "Foreign Affairs", "defence": "Defence", "defense": "Defence",
                               "health": "Health", "interior": "Interior", "information": "Information"})
_MINISTRY_PARTS = re.compile(
    rf"(?:(?P<n1>{_NATION})(?:['’]s)?\s+)?(?P<k1>{_PORTFOLIO})?(?:\s+(?i:ministry))?"
    rf"(?:\s*(?i:ministry\s+of)\s+(?P<k2>{_PORTFOLIO}))?(?P<exp>(?i:\s+and\s+expatriates))?"
    rf"(?:\s+of\s+(?:the\s+)?(?P<n2>{_NATION}))?")

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
         r"underlined|warned|condemned|denounced|censured|accused|blamed|found|saw|made\s+(?:it\s+)?clear|"
         r"put\s+(?:the|its|their)\s+(?:\w+\s+){0,2}(?:toll|number|figure|count|tally)|put\s+it\s+at|"
         r"placed\s+the\s+(?:\w+\s+)?toll)")
#: Words between a speaker and its verb: auxiliaries, adverbs, a day, "in a statement".
_AUX = (r"(?:has|have|had|also|later|earlier|then|again|further|previously|separately|officially|only|now|is|was|"
        r"were|are|been|recently|already|subsequently|initially|first|reportedly|itself|today|yesterday|both|"
        r"on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
        r"in\s+(?:a|an|its|their)\s+(?:\w+\s+){0,2}(?:statement|report|tweet|post|update|release|letter|letters))")
#: Nouns after a speaker's name that keep it the speaker ("SANA's correspondent", "the White Helmets rescue group").
_ROLE = (r"(?:(?:rescue|monitoring|rights|human\s+rights|war|aid|humanitarian|volunteer|news|media|press|civil|"
         r"civilian\s+casualty|monthly|weekly|daily|latest|official|local)\s+)*"
         r"(?:statement|report|spokes(?:man|woman|person)|officials?|data|figures|tally|count|website|"
         r"correspondents?|reporters?|monitor|group|organi[sz]ation|service|agency|network|workers|volunteers|teams?|"
         r"activists|sources?|director|head|chief|representative|office|account|channel|release|chairman|"
         r"commander|media\s+office|press\s+office)")
#: A person's name as written (original case).
_NAME = r"(?:(?:[A-Z][\w’'.-]*|al-\w+|el-\w+|bin|ibn|of|for|the|and)\s+){0,4}[A-Z][\w’'-]*"
_SPEAKER_TAIL = re.compile(
    rf"(?P<role>(?:['’]s?\s+(?:[\w-]+\s+){{0,2}}?|\s+){_ROLE}(?:\s*,?\s+(?!(?:said|told|says|reported)\b)"
    rf"(?-i:{_NAME}))?)?"
    rf"(?:\s*\([^()\n]{{1,80}}\))?"
    rf"(?P<aside>(?:(?:\s*,[^,;!?\n]{{1,{MAX_ASIDE}}}){{1,3}}\s*,)?)"
    rf"(?:\s*,?\s*(?:which|who)\b)?"
    rf"(?:\s+{_AUX}\b){{0,4}}"
    rf"\s+(?P<verb>{_VERB})(?:(?=that\b)|\b)", re.IGNORECASE)
_ROLE_AFTER = re.compile(rf"['’]s?\s+{_ROLE}\b", re.IGNORECASE)
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
    "told": "relay", "tells": "relay", "telling": "relay", "speaking to": "relay", "talking to": "relay",
    "in an interview with": "relay", "in comments to": "relay", "in remarks to": "relay", "quoted by": "relay",
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
    r"\s*,?\s*(?:including|such\s+as|among\s+them|notably)\s+)?(?:the\s+)?")
_INCLUDING = re.compile(r"\s*,?\s*(?:including|such\s+as|among\s+them|notably)\s")
_INVERTED_BEFORE = (",", "”", '"', "’", "'", "—", "–")
_INVERTED_END = re.compile(r"\s*(?:[,.;:!?)\"”’—–]|$)|\s+(?:on|in|late|earlier|later|today|yesterday|last)\b")
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
    r"stress|emphasi|underlin|warn|condemn|denounc|accus|blam|censur|interview|comments|remarks|found|saw")


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


def _index(rows: Sequence[tuple[str, Iterable[str], int]]) -> _Index:
    """Compile rows (pattern, head words, lead); each pattern may open with "the" and must end a word."""
    heads: dict[str, list[int]] = {}
    for i, (_, words, _) in enumerate(rows):
        for w in words:
            heads.setdefault(_norm(w), []).append(i)
    patterns = tuple(re.compile(rf"(?:[Tt]he\s+)?(?:{p})(?![\w-])") for p, _, _ in rows)
    head_rx = {h: re.compile(rf"{re.escape(h)}(?![\w-])") for h in heads}  # literal first: a fast search
    leads = {h: THE + max(rows[i][2] for i in rs) for h, rs in heads.items()}
    return _Index(patterns, MappingProxyType({k: tuple(v) for k, v in heads.items()}), MappingProxyType(head_rx),
                  MappingProxyType(leads), frozenset(heads))


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
    """The match covering the head word that starts earliest: word starts are tried from the head backwards, up to
    the first one that no longer matches once one has."""
    best = None
    lead = index.lead[head]
    if lead <= THE:  # the head opens the name: try it, and "the" before it
        starts: Iterable[int] = (h_start, h_start - THE) if text[h_start - THE:h_start].lower() == "the " \
            else (h_start,)
    else:
        starts = _word_starts(text, h_start, max(0, h_start - lead))
    for start in starts:
        hit = None
        for r in rows:
            m = index.patterns[r].match(text, start)
            if m and m.end() >= h_end:
                hit = (m.start(), m.end(), r)
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


_CLAIMANT_INDEX = _index([(c.pattern, c.heads, c.lead) for c in CLAIMANTS])
_MINISTRY_ROWS = frozenset(i for i, c in enumerate(CLAIMANTS) if c.name == MINISTRY)


# ---------------------------------------------------------------- value object

@dataclass(frozen=True)
class Attribution:
    """Whom a sentence credits with a claim, with the phrase that says so and its span in the article."""

    claimed_by: str  # normalised claimant: "SANA", "SOHR", "local sources via SANA", "some outlets" ...
    text: str  # the phrase as written ("according to local sources", "told SANA", "SOHR ... has asserted")
    start: int  # span in the article: sentence[start - offset:end - offset] == text
    end: int
    via: str | None = None  # the relaying source of a chain ("local sources via SANA" -> "SANA")

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
    """A table name found in the text, its normalised name and kind."""

    start: int
    end: int
    name: str
    kind: str
    row: int


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


NationOf = Callable[[str], "str | None"]  # portfolio -> the nation of the last such ministry named before


def _ministry_name(text: str, nation_of: NationOf, default_nation: bool = True) -> str:
    """"Syrian Ministry of Foreign Affairs" from any spelling; a missing nation comes from the text before."""
    m = _MINISTRY_PARTS.match(text[4:] if text[:4].lower() == "the " else text)
    if m is None:
        return "the ministry"
    nation_word = m.group("n1") or m.group("n2")
    portfolio_word = " ".join((m.group("k1") or m.group("k2") or "").lower().split())
    portfolio = PORTFOLIOS.get(portfolio_word.split()[0] if portfolio_word else "", "Foreign Affairs")
    nation = NATIONS.get(" ".join(nation_word.lower().split())) if nation_word else None
    if nation is None and ("expatriates" in portfolio_word or m.group("exp")):
        nation = "Syrian"
    if nation is None:
        nation = nation_of(portfolio)
    if nation is None and portfolio == "Foreign Affairs" and default_nation:
        nation = "Syrian"
    return f"{nation} Ministry of {portfolio}" if nation else f"Ministry of {portfolio}"


def _no_nation(_: str) -> str | None:
    return None


def _mention(text: str, start: int, end: int, row: int, nation_of: NationOf, default_nation: bool = True) -> _Mention:
    """A match of a table row, with its name."""
    claimant = CLAIMANTS[row]
    written = text[start:end]
    if claimant.name == MINISTRY:
        name = _ministry_name(written, nation_of, default_nation)
    elif claimant.kind == "anaphor":
        name = claimant.name or " ".join(written.lower().split())
    elif claimant.name == AS_WRITTEN:
        name = _generic_name(written)
    else:
        name = claimant.name
    return _Mention(start, end, name, claimant.kind, row)


@functools.lru_cache(maxsize=64)
def _heads_of(rows: frozenset[int]) -> frozenset[str]:
    """The head words of the given claimant rows."""
    return frozenset(h for h, rs in _CLAIMANT_INDEX.by_head.items() if rows.intersection(rs))


def _before(text: str, rows: frozenset[int], default_nation: bool = True) -> list[_Mention]:
    """Mentions of the given rows in text, in text order: the nearest NEAR_CHARS first, the rest of the last
    CONTEXT_CHARS only when those hold none."""
    for reach in (NEAR_CHARS, CONTEXT_CHARS):
        part = text[-reach:]
        found = _find(_CLAIMANT_INDEX, part, _lower(part), _heads_of(rows), rows)
        if found or len(part) == len(text):  # a "Source:" header line names no claimant
            return [_mention(part, s, e, r, _no_nation, default_nation) for s, e, r in found if part[e:e + 1] != ":"]
    return []


def _nation_before(before: str) -> NationOf:
    """For a ministry named without a nation: the nation of the last ministry of that portfolio named before."""
    @functools.cache
    def nation(portfolio: str) -> str | None:
        for m in reversed(_before(before, _MINISTRY_ROWS, default_nation=False)):
            if m.name.endswith(f"Ministry of {portfolio}") and not m.name.startswith("Ministry"):
                return m.name.split(" Ministry")[0]
        return None
    return nation


_ROWS_OF_KIND = MappingProxyType({kind: frozenset(i for i, c in enumerate(CLAIMANTS) if c.kind == kind)
                                  for kind in {c.kind for c in CLAIMANTS}})


def _resolve(m: _Mention, sentence: str, earlier: Sequence[_Mention],
             in_context: Callable[[frozenset[int]], list[_Mention]]) -> _Mention | None:
    """An anaphor replaced by the nearest name of the kind it prefers (earlier in the sentence, else in the
    context); "others" by the counterpart of "some ..."; None for an "others" that has none."""
    if m.name == OTHERS:
        some = [p for p in earlier if sentence[p.start:p.end].lower().startswith("some ")]
        if some:
            return replace(m, name=f"other {sentence[some[-1].start:some[-1].end].split()[-1].lower()}")
        written = " ".join(sentence[m.start:m.end].lower().split())
        return replace(m, name=written) if written.startswith("other ") else None
    if m.kind != "anaphor":
        return m
    wanted = CLAIMANTS[m.row].resolves
    rows = frozenset().union(*(_ROWS_OF_KIND.get(k, frozenset()) for k in wanted))
    for kind in wanted:  # the preferred kind first, then the nearest name of it
        for pool in (earlier, in_context(rows)):
            fitting = [p for p in pool if p.kind == kind]
            if fitting:
                return replace(m, name=fitting[-1].name, kind=fitting[-1].kind)
    return replace(m, kind="unresolved")


def _mentions(sentence: str, prepared: _Prepared, context: str) -> list[_Mention]:
    """The sentence's table names, normalised, anaphors resolved."""
    found = _find(_CLAIMANT_INDEX, sentence, prepared.low, prepared.words & _CLAIMANT_INDEX.heads)[:MAX_NAMES]
    if not found:
        return []
    before = context[-CONTEXT_CHARS:]
    nation_of = _nation_before(before + "\n" + sentence) if _MINISTRY_ROWS & {r for _, _, r in found} else _no_nation
    in_context = functools.cache(lambda rows: _before(before, rows))
    out: list[_Mention] = []
    for s, e, r in found:
        resolved = _resolve(_mention(sentence, s, e, r, nation_of), sentence, out, in_context)
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
    """The phrase that introduces the name ("according to various sources including" before "Human Rights Watch")."""
    k = bisect.bisect_right([lead.end for lead in leads], m.start)
    for lead in reversed(leads[:k]):
        if m.start - lead.end > WINDOW:
            break
        if _FILLER.fullmatch(low, lead.end, m.start):
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
            return m if m.kind in RELAY_KINDS else None
        if m.start > pos + gap:
            break
    return None


def _aside_relay(span: tuple[int, int], mentions: Sequence[_Mention], low: str,
                 leads: Sequence[_Lead]) -> str | None:
    """The outlet an aside says the speaker spoke to ("A resident, speaking to Reuters, said")."""
    for r in mentions:
        if span[0] <= r.start and r.end <= span[1] and r.kind in RELAY_KINDS:
            lead = _lead_of(low, r, leads)
            if lead is not None and lead.role == "relay" and lead.start >= span[0]:
                return r.name
    return None


def _speaker(sentence: str, low: str, m: _Mention, mentions: Sequence[_Mention],
             leads: Sequence[_Lead]) -> _Hit | None:
    """A hit for a name followed by its claim verb ("SANA reported", "Local sources ... told SANA")."""
    t = _SPEAKER_TAIL.match(sentence, m.end)
    if t is None:
        return None
    verb = " ".join(low[t.start("verb"):t.end("verb")].split())
    if verb in _NOUN_VERBS and (low[max(0, m.start - 12):m.start].split() or [""])[-1] in _NOUN_BEFORE:
        return None  # "that U.S. claims that ...": a noun, not a verb
    end, via = t.end("verb"), None
    if verb in _RELAY_VERBS:
        relay = _relay_after(sentence, end, mentions)
        if relay is not None:
            end, via = relay.end, relay.name
    else:
        via = _aside_relay(t.span("aside"), mentions, low, leads)
    if via == m.name:
        via = None
    return _Hit(m.start, end, f"{m.name} via {via}" if via else m.name, "speaker", verb, via)


def _lead_hit(sentence: str, m: _Mention, lead: _Lead) -> _Hit | None:
    """A hit for a name after "according to", a claim verb after a comma, "told" or "citing"."""
    end = m.end
    role_tail = _ROLE_AFTER.match(sentence, end)
    if role_tail:
        end = role_tail.end()
    if lead.role == "relay":
        return _told_without_speaker(sentence, lead, m, end)
    if lead.role == "cited":
        return _Hit(lead.start, end, m.name, "cited", lead.phrase)
    if lead.role == "inverted" and not (_after_punctuation(sentence, lead.start)
                                        and _INVERTED_END.match(sentence, end)):
        return None
    return _Hit(lead.start, end, m.name, lead.role, lead.phrase)


_SUBJECT = re.compile(rf"(?P<np>{_NAME})\s*(?:,[^,;!?\n]{{1,120}},)?\s*")


def _told_without_speaker(sentence: str, lead: _Lead, relay: _Mention, end: int) -> _Hit | None:
    """"Abu Omar, a resident, told Reuters": the named speaker, or an unidentified one, via the outlet."""
    if relay.kind not in RELAY_KINDS or lead.phrase == "quoted by":
        return None
    speaker, start = None, lead.start
    for k in range(max(0, lead.start - WINDOW), lead.start):
        if (k == 0 or not sentence[k - 1].isalnum()) and sentence[k].isupper():
            s = _SUBJECT.fullmatch(sentence, k, lead.start)
            if s and s.group("np").split()[0].lower() not in _NOT_NAMES:
                speaker, start = s.group("np"), k
                break
    who = speaker or "unidentified source"
    return _Hit(start, end, f"{who} via {relay.name}", "speaker", "told", relay.name)


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
        if lead is not None and m.kind in ("sources", "people") and _INCLUDING.match(low, m.end):
            continue  # "various sources including Human Rights Watch": the named one is the claimant
        hit = _lead_hit(sentence, m, lead) if lead else None
        if hit is None and hits and hits[-1].role in ("according", "inverted") \
                and _AND.fullmatch(sentence, hits[-1].end, m.start):
            hit = replace(hits[-1], start=m.start, end=m.end, name=m.name)
        if hit is None:
            hit = _speaker(sentence, low, m, mentions, leads)
        if hit is None and i + 1 < len(mentions) and (a := _AND.match(sentence, m.end)) \
                and mentions[i + 1].start == a.end():
            partner = _speaker(sentence, low, mentions[i + 1], mentions, leads)  # "residents and activists said"
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
        n = _NAME_AFTER.match(sentence, lead.end)
        if n is None or n.start("name") in starts:
            continue
        words = n.group("name").split()
        first = words[1] if words[0] == "the" and len(words) > 1 else words[0]
        k = bisect.bisect_right(taken_starts, lead.start) - 1
        if first.lower() in _NOT_NAMES or (k >= 0 and lead.start < taken[k].end):
            continue
        if lead.phrase != "according to" and not (_after_punctuation(sentence, lead.start)
                                                  and _INVERTED_END.match(sentence, n.end())):
            continue
        org = _organisation_after(sentence, n.end(), mentions)
        out.append(_Hit(lead.start, org.end, org.name, "named", lead.phrase) if org
                   else _Hit(lead.start, n.end(), n.group("name"), "named", lead.phrase))
    return out


_APPOSITION = re.compile(r"\s*,\s+(?:(?:a|an|the)\s+)?(?:(?:[\w-]+\s+){0,2}(?:of|for|with|at|from)\s+)?")
_ORGANISATIONS = frozenset({"agency", "monitor", "ngo", "un", "un body", "military", "government", "ministry"})


def _organisation_after(sentence: str, pos: int, mentions: Sequence[_Mention]) -> _Mention | None:
    """The organisation an apposition puts a named speaker in ("Mohammed, a White Helmets volunteer")."""
    a = _APPOSITION.match(sentence, pos)
    if a is None:
        return None
    return next((m for m in mentions if m.start == a.end() and m.kind in _ORGANISATIONS), None)


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


def find_attributions(sentence: str, *, offset: int = 0, context: str = "") -> list[Attribution]:
    """Every claimant the sentence credits, in text order (two for "Some outlets put the toll as high as 80 while
    others suggest 62"); [] when it credits no one."""
    if not sentence:
        return []
    prepared = _prepare(sentence)
    low = prepared.low
    if not _CUE.search(low):
        return []
    mentions = _mentions(sentence, prepared, context)
    leads = _leads(low)
    hits = _hits(sentence, low, mentions, leads)
    hits = sorted(hits + _named_hits(sentence, leads, hits, mentions), key=lambda h: h.start)
    hits = _fold_frame(sentence, low, _fold_citations(low, hits))
    out, seen = [], set()
    for h in hits:
        if (h.start, h.end, h.name) not in seen:
            seen.add((h.start, h.end, h.name))
            out.append(Attribution(h.name, sentence[h.start:h.end], offset + h.start, offset + h.end, h.via))
    return out


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
