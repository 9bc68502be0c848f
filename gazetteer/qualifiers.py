"""Strip feature words and qualifiers from a place query, keeping what they say.

"near Hajin" -> ("Hajin", near); "Hajin countryside" -> ("Hajin", countryside); "the town of Hajin" -> ("Hajin",
type locality); "Deir ez-Zor Governorate" -> ("Deir ez-Zor", type governorate); "Al Soussa: al Boubadran" ->
("al Boubadran", context "Al Soussa"); "Hajin, Deir ez-Zor" -> ("Hajin", context "Deir ez-Zor").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Words before a name that say the point is only near it.
NEAR_PREFIXES = (
    "the outskirts of", "outskirts of", "on the outskirts of", "the vicinity of", "in the vicinity of", "vicinity of",
    "near", "nearby", "close to", "around", "outside", "the surroundings of", "surroundings of", "the suburbs of",
    "suburbs of", "the countryside of", "countryside of", "the area of", "area of", "east of", "west of",
    "north of", "south of", "northeast of", "northwest of", "southeast of", "southwest of",
)
NEAR_PREFIXES += tuple(
    f"{the}{d} countryside of" for d in ("northern", "southern", "eastern", "western", "northeastern", "northwestern",
                                           "southeastern", "southwestern") for the in ("the ", "")
)
#: The same in Arabic: "محيط بلدة X" (the surroundings of the town of X), "بالقرب من X", "أطراف X" (outskirts).
NEAR_PREFIXES += ("محيط", "بالقرب من", "بلقرب من", "قرب", "أطراف", "اطراف", "ضواحي", "جوار", "في جوار")
#: Words before a name that say what kind of place it is.
TYPE_PREFIXES = {
    "the town of": "locality", "town of": "locality", "the village of": "locality", "village of": "locality",
    "the city of": "locality", "city of": "locality", "the villages of": "locality",
    "the province of": "governorate", "province of": "governorate", "the governorate of": "governorate",
    "governorate of": "governorate", "muhafazat": "governorate", "the district of": "district",
    "district of": "district", "nahiyat": "subdistrict", "mantiqat": "district", "mount": "mountain",
    "قرية": "locality", "بلدة": "locality", "مدينة": "locality", "محافظة": "governorate", "ناحية": "subdistrict",
}
#: Words after a name: what they say of the place. Longest first when matching.
SUFFIXES = {
    "countryside": "near", "outskirts": "near", "suburbs": "near", "area": "near", "surroundings": "near",
    "environs": "near", "town": "locality", "village": "locality", "city": "locality", "city center": "locality",
    "city centre": "locality", "neighbourhood": "locality", "neighborhood": "locality", "camp": "locality",
    "governorate": "governorate", "province": "governorate", "muhafazah": "governorate", "muhafaza": "governorate",
    "district": "district", "sub-district": "subdistrict", "subdistrict": "subdistrict", "nahiya": "subdistrict",
    "region": "near",
}
#: Directions that may stand before "countryside": "Deir Ezzor southeastern countryside".
DIRECTIONS = ("northern", "southern", "eastern", "western", "northeastern", "northwestern", "southeastern",
              "southwestern", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest")

_SPACE = r"[\s\-]+"
_PREFIX_RE = re.compile(
    r"^(?:in\s+|at\s+|on\s+)?(?P<p>" + "|".join(
        re.escape(p).replace(r"\ ", _SPACE) for p in sorted([*NEAR_PREFIXES, *TYPE_PREFIXES], key=len, reverse=True)
    ) + r")\s+", re.IGNORECASE)
_SUFFIX_RE = re.compile(
    r"\s+(?:(?P<dir>" + "|".join(DIRECTIONS) + r")\s+)?(?P<s>" + "|".join(
        re.escape(s).replace(r"\ ", _SPACE) for s in sorted(SUFFIXES, key=len, reverse=True)
    ) + r")$", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Query:
    """A place query split into the name to look up and what the words around it said."""

    name: str
    near: bool = False  # the text places the point near the named place, not at it
    qualifier: str = ""  # the qualifier words as written ("near", "countryside", …)
    type_hint: str = ""  # "locality" | "district" | "subdistrict" | "governorate" | "mountain" | ""
    context: str = ""  # a parent named beside it ("Al Soussa: al Boubadran", "Hajin, Deir ez-Zor")


_ANY_QUALIFIER = re.compile(
    r"[:,]|\b(?:" + "|".join(sorted({w for p in (*NEAR_PREFIXES, *TYPE_PREFIXES, *SUFFIXES, "the", "in", "at", "on")
                                    for w in p.split()}, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def parse_query(text: str) -> Query:
    """Split `text` into the core name and its qualifiers; the core keeps its spelling."""
    name = " ".join(text.replace("،", ",").split())  # the Arabic comma is a comma
    if not _ANY_QUALIFIER.search(name):  # the common case: a bare name
        return Query(name=name or text.strip())
    context = ""
    if ":" in name:  # "Subdistrict: Village" in humanitarian lists
        head, _, tail = name.partition(":")
        if tail.strip():
            context, name = head.strip(), tail.strip()
    elif "," in name:  # "Village, Governorate"
        head, _, tail = name.partition(",")
        if head.strip():
            name, context = head.strip(), tail.strip()
    near, type_hint, qualifiers = False, "", []
    for _ in range(3):  # "on the outskirts of the town of X"
        m = _PREFIX_RE.match(name)
        if not m or len(name) == m.end():
            break
        word = " ".join(m.group("p").lower().split())
        qualifiers.append(word)
        near = near or word in NEAR_PREFIXES
        type_hint = TYPE_PREFIXES.get(word, type_hint)
        name = name[m.end():]
    for _ in range(2):  # "Hajin city countryside"
        m = _SUFFIX_RE.search(name)
        if not m or m.start() == 0:
            break
        word = m.group("s").lower()
        qualifiers.append(m.group(0).strip().lower())
        kind = SUFFIXES.get(word, SUFFIXES.get(" ".join(word.split()), ""))
        if kind == "near":
            near = True
        elif not type_hint:
            type_hint = kind
        name = name[: m.start()]
    name = _LEADING_THE.sub("", name).strip(" .;-") or text.strip()
    return Query(name=name, near=near, qualifier=" ".join(qualifiers), type_hint=type_hint, context=context)
