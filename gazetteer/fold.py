"""Fold place names so that real-world spellings of one Arabic name meet.

Three keys, from strict to loose:

``plain(name)``
    lower case, no diacritics or apostrophes, single spaces. "Hajīn" == "Hajin".
``fold(name)``
    the transliteration key: the article (al-, el-, and its assimilated forms ad-, ar-, as-, ash-, at-, az-, …) and
    the Arabic ``ال`` dropped, generic words made canonical (Deir/Dayr/Dair, Tal/Tell, Jabal/Jebel/"X mountains",
    Albu/Abu/Bu), vowel spellings reduced to one per class (ou/oo/o/u, ee/i, ei/ai/ay, a/e), doubled consonants
    single, the ending -a/-ah/-eh one form, spaces removed. "Dayr al-Zawr" == "Deir ez-Zor" == "Deirezzor".
``skeleton(name)``
    the consonants of the transliteration key (vowels and the glides w/y inside a word dropped). Loose: used only
    to gather candidates, which are then scored.

Arabic-script names are folded to their own key (tashkeel, tatweel, alef forms, ة/ه, ى/ي, the article ال and a
leading و are normalized); they meet other Arabic spellings, not Latin ones.

The rules are tables at the top of this module; each spelling the tests found wrong became a row.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# -- Latin script -----------------------------------------------------------------------------------------------

#: Characters that stand for ʿayn, hamza or an apostrophe; they are dropped.
_APOSTROPHES = "ʿʾʼʻʽ'’‘`´ʹ′ʹ"

#: Letters without a decomposition that NFKD would strip.
_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ħ": "h"})

#: The article and its assimilated forms, as separate tokens ("al-Bukamal", "Deir ez-Zor", "Ash Sha`fah").
ARTICLES = frozenset(
    "al el il ul ad ed ar er as es ash esh at et ath eth az ez adh edh an en al' l".split()
)

#: Whole-token synonyms: generic words of place names written several ways.
TOKEN_SYNONYMS: dict[str, str] = {
    **dict.fromkeys(["deir", "dayr", "dair", "der", "deyr", "dier"], "dayr"),
    **dict.fromkeys(["tal", "tall", "tel", "tell", "til"], "tal"),
    **dict.fromkeys(["jabal", "jebel", "jbel", "jabl", "djebel", "gebel", "jibal", "jebal"], "jabal"),
    **dict.fromkeys(["ain", "ayn", "ein", "ayin", "aine"], "ayn"),
    **dict.fromkeys(["khirbat", "khirbet", "khirbit", "kherbet", "khirba", "kharbat"], "khirbat"),
    **dict.fromkeys(["qaryat", "qaryet", "qariyat", "qarya"], "qaryat"),
    **dict.fromkeys(["albu", "abu", "abou", "albou", "elbu", "elbou", "bu", "bou", "abo", "aboo"], "bu"),
    **dict.fromkeys(["bin", "ben", "ibn"], "bin"),
    **dict.fromkeys(["kafr", "kafar", "kfar", "kafer", "kefr", "kefer", "kfr", "kefar"], "kafr"),
    **dict.fromkeys(["jubb", "jub", "jeb", "jebb", "jib", "jibb", "joubb", "joub", "jobb"], "jubb"),
}

#: Tokens meaning "mountain(s)" after the name ("Thardeh mountains" -> "jabal thardeh").
MOUNTAIN_WORDS = frozenset({"mountain", "mountains", "mount", "mt", "mts", "hills", "hill", "range"})

#: Position words of a name, written in English before it ("Eastern Ghariyah", "Big Khwein") or in Arabic after it
#: ("Ghariyah ash-Sharqiyah", "Khuwayn al-Kabir"), in either gender (Sharqi, Sharqiyah): each is one word, put last.
#: Keys are the Arabic word as the key uses it; values the words (English and Arabic spellings) that mean it.
QUALIFIER_WORDS: dict[str, tuple[str, ...]] = {
    "sharqi": ("east", "eastern", "sharqi", "sharqiyah", "sharki", "sharkiyeh"),
    "gharbi": ("west", "western", "gharbi", "gharbiyah"),
    "shamali": ("north", "northern", "shamali", "shamaliyah"),
    "janubi": ("south", "southern", "janubi", "janubiyah", "jenoubi"),
    "fawqani": ("upper", "fawqani", "fawqaniyah", "foqani"),
    "tahtani": ("lower", "tahtani", "tahtaniyah"),
    "wastani": ("middle", "wastani", "wastaniyah"),
    "kabir": ("big", "great", "large", "kabir", "kabirah", "kbir", "kbireh"),
    "saghir": ("small", "little", "saghir", "saghirah", "zghir", "sghir", "sghireh"),
}
#: English words of QUALIFIER_WORDS: they are only read as qualifiers beside another word.
_ENGLISH_QUALIFIERS = frozenset(
    "east eastern west western north northern south southern upper lower middle big great large small little".split())

#: Consonant spellings made one (French and English transliterations, q/k).
_CONSONANTS: tuple[tuple[str, str], ...] = (
    ("dj", "j"),
    ("tch", "ch"),
    ("ch", "sh"),
    ("ph", "f"),
    ("q", "k"),
    ("gh", "g"),
    ("th", "t"),
    ("dh", "d"),
    ("zh", "z"),
    ("c", "k"),
    ("x", "ks"),
    ("v", "w"),
)

#: Vowel clusters and their class. Longest first; applied left to right.
_VOWELS: tuple[tuple[str, str], ...] = (
    ("ayy", "ay"),
    ("aou", "u"),
    ("aw", "u"),  # diphthong: Zawr / Zor / Zour
    ("ow", "u"),
    ("ou", "u"),
    ("oo", "u"),
    ("uw", "w"),  # Duwayr / Dweir
    ("o", "u"),
    ("ey", "ay"),
    ("ei", "ay"),
    ("ai", "ay"),
    ("ee", "i"),
    ("ie", "i"),
    ("iy", "i"),
    ("e", "a"),
)

#: A word-initial "ow" before a vowel is ʿu and the consonant w (Oweinat, Uwaynat; Oweis, Uways), not the
#: diphthong of Fowqani / Fawqani nor the a of Towahin / Tawahin.
_OW_VOWEL_RE = re.compile(r"^ow(?=[aeiy])")
_VOWEL_RE = re.compile("|".join(re.escape(a) for a, _ in _VOWELS))
_VOWEL_MAP = dict(_VOWELS)
_CONSONANT_RE = re.compile("|".join(re.escape(a) for a, _ in _CONSONANTS))
_CONSONANT_MAP = dict(_CONSONANTS)
_DOUBLE_RE = re.compile(r"([a-z])\1+")
_NON_WORD_RE = re.compile(r"[^0-9a-z\u0600-\u06ff]+")
#: An article glued to a word by assimilation: "Ezzor", "Assusah", "Ashsha'fah" -> "zor", "susah", "sha'fah".
_GLUED_ARTICLE_RE = re.compile(r"^[ae](sh|th|dh|[tdrzsnl])(?=\1)")
_ENDING_RE = re.compile(r"(?<=[a-z])(?:ah|a|at)$")
#: The Albu/Abu family glued to its name: "Albukamal", "Abukamal".
_GLUED_BU = ("albou", "albu", "abou", "abu")
_SKELETON_RE = re.compile(r"(?<!^)[aeiouwy]")
#: The diminutive (fuʿayl: Humayrat, Mushayrifah, Sulaym, Qusayr) written without its first vowel, as Levantine
#: spellings do (Hmeirat, Msheirfeh, Sleim, Qseir): the key leaves that u out, as it does in Duwayr / Dweir.
_DIMINUTIVE_RE = re.compile(r"^((?:sh|kh|[b-df-hj-np-tv-z]))u((?:sh|kh|[b-df-hj-np-tv-z])ay)")
#: The nisba ending in its spellings (-iyah, -iyeh, -iyya, -eyyeh, -ieh, -ia): one form before vowels are folded.
_NISBA_RE = re.compile(r"(?<=[b-df-hj-np-tv-z])(?:i|e)y*(?:a|e)h?$")

#: Variant keys: letters that transliterations of one Arabic letter share only sometimes. A name is also indexed
#: (and a query also looked up) under the key with these replaced; a match on a variant key ranks a little below a
#: folded one. ذ/ظ as th, dh or z (Thiban, Dhiban; Mathlum, Mazlum); خ inside a word as kh, h or k (Sabkha,
#: Sabka, Sabha; a word-initial Kh is kept: Khasham is not Kashma). Patterns are regular expressions.
LATIN_VARIANTS: tuple[tuple[tuple[str, str], ...], ...] = (
    ((r"th", "z"), (r"dh", "z")),
    ((r"\Bkh", "h"),),
    ((r"\Bkh", "k"),),
    # The vowel after a word-initial ʿayn or hamza, written i or a (Iblin, Ablin; Ibta, Abtaa).
    ((r"\bi(?=[b-df-hj-np-tv-z])", "a"),),
    # French spellings end a name in a silent e (El Hamrâne, Sorane, Qoubeïbâte): Hamran, Suran, Qubaybat.
    ((r"(?<=[b-df-hj-np-tv-z]{2})e\b|(?<=[aiou][b-df-hj-np-tv-z])e\b", ""),),
    # A doubled first consonant after a or e that is the name's own, not an assimilated article (Azzaz, A'zaz).
    ((r"^([ae])(?=(sh|th|dh|[tdrzsnl])\2)", r"\1 "),),
)
_LATIN_VARIANT_RES = tuple(tuple((re.compile(a), b) for a, b in rules) for rules in LATIN_VARIANTS)
#: Arabic letters written for one another (emphatic and plain: صبيخان / سبيخان; ذ/ز/ظ; ث/ت; ك for ق as the
#: name is spoken: تل الطوكان / تل الطوقان, أم الكراميل / أم القراميل).
ARABIC_VARIANTS = str.maketrans({"ص": "س", "ض": "د", "ط": "ت", "ظ": "ز", "ذ": "ز", "ث": "ت", "ك": "ق"})
_ARABIC_LONG_VOWELS_RE = re.compile("[اوي]")
#: A name ending in alef (or alef-hamza) written for the ta marbuta, as spoken: عين السودا / عين السودة.
_ARABIC_ENDING_RE = re.compile(r"(?<=[\u0621-\u064a]{3})ا$")
#: An article glued to a name that starts with a consonant ("Alzour", "Albab"): tried without it, as a variant.
_GLUED_AL_RE = re.compile(r"^(?:al|el)(?=[b-df-hj-np-tv-z]{1,2}[aeiouy])")
#: The same after the first word, before any letter ("Deir Eladas", "Ein Eldananir", "Shweihet Elbu Issa"): a word
#: inside a name that starts with al/el is nearly always the article.
_GLUED_AL_INNER_RE = re.compile(r"^(?:al|el)(?=[a-z]{3,})")


_DROP_APOSTROPHES = {ord(c): None for c in _APOSTROPHES}


def _strip_marks(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def plain(name: str) -> str:
    """Lower case, no diacritics or apostrophes, words separated by single spaces."""
    text = _strip_marks(name.casefold()).translate(_LETTERS)
    text = text.translate(_DROP_APOSTROPHES)
    return " ".join(_NON_WORD_RE.sub(" ", text).split())


@lru_cache(maxsize=65536)
def _latin_token(token: str) -> str:
    """Fold one Latin token: synonyms, glued article, consonants, vowels, doubles."""
    if token in TOKEN_SYNONYMS:
        return TOKEN_SYNONYMS[token]
    if len(token) > 5:
        token = _NISBA_RE.sub("iya", token)
    for prefix in _GLUED_BU:
        if token.startswith(prefix) and len(token) > len(prefix) + 3:
            return "bu" + _latin_token(token[len(prefix):])
    glued = _GLUED_ARTICLE_RE.match(token)
    if glued and len(token) > 4:
        token = token[1 + len(glued.group(1)):]
    token = _CONSONANT_RE.sub(lambda m: _CONSONANT_MAP[m.group(0)], token)
    if token.startswith("ow"):
        token = _OW_VOWEL_RE.sub("uw", token)
    token = _VOWEL_RE.sub(lambda m: _VOWEL_MAP[m.group(0)], token)
    token = _DOUBLE_RE.sub(r"\1", token)
    if "u" in token[1:3] and "ay" in token:
        token = _DIMINUTIVE_RE.sub(r"\1\2", token)
    return _ENDING_RE.sub("a", token) if len(token) > 3 else token


def latin_tokens(name: str) -> list[str]:
    """The folded tokens of a Latin-script name, articles dropped, "X mountains" turned into "jabal X"."""
    words = plain(name).split()
    if len(words) > 1 and words[-1] in MOUNTAIN_WORDS:
        words = ["jabal", *words[:-1]]
    elif len(words) > 1 and words[0] in MOUNTAIN_WORDS:
        words = ["jabal", *words[1:]]
    kept = [w for w in words if w not in ARTICLES] or words
    tokens = [_latin_token(w) for w in kept]
    if len(tokens) < 2 or (_ENGLISH_QUALIFIERS.isdisjoint(kept) and _qualifier_keys().keys().isdisjoint(tokens)):
        return tokens
    position = [_qualifier_of(w, t) for w, t in zip(kept, tokens)]
    if all(position):
        return tokens
    return [t for t, q in zip(tokens, position) if not q] + [q for q in position if q]


@lru_cache(maxsize=1)
def _qualifier_keys() -> dict[str, str]:
    """Folded key of every word of QUALIFIER_WORDS -> the folded key of the word it means."""
    return {_latin_token(w): _latin_token(canonical) for canonical, words in QUALIFIER_WORDS.items() for w in words
            if w not in _ENGLISH_QUALIFIERS}


def _qualifier_of(word: str, token: str) -> str:
    """The canonical folded qualifier a word of a longer name stands for ("" when it is no qualifier)."""
    if word in _ENGLISH_QUALIFIERS:
        return next(_latin_token(c) for c, words in QUALIFIER_WORDS.items() if word in words)
    return _qualifier_keys().get(token, "")


# -- Arabic script ----------------------------------------------------------------------------------------------

_ARABIC_RE = re.compile(r"[\u0600-\u06ff]")
_TASHKEEL_RE = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # harakat, tatweel
_ARABIC_LETTERS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك", "ؤ": "و", "ئ": "ي", "ء": None}
)


#: Position words after an Arabic name in their feminine form (الشرقية), read as the masculine (الشرقي) as Latin
#: spellings are (QUALIFIER_WORDS): "العاكولة شرقية" is "العاكولة الشرقي" as far as the key goes.
ARABIC_QUALIFIERS = {f"{w}ه": w for w in ("شرقي", "غربي", "شمالي", "جنوبي", "فوقاني", "تحتاني", "وسطاني", "كبير", "صغير")}


def is_arabic(name: str) -> bool:
    """True when the name holds Arabic script."""
    return bool(_ARABIC_RE.search(name))


def arabic_tokens(name: str) -> list[str]:
    """Arabic tokens normalized: tashkeel and tatweel removed, alef/ta marbuta/alef maqsura unified, ال dropped."""
    return list(_arabic_tokens(name))


@lru_cache(maxsize=65536)
def _arabic_tokens(name: str) -> tuple[str, ...]:
    """`arabic_tokens`, remembered (the keys, variants and skeleton of a name all start from them)."""
    text = _TASHKEEL_RE.sub("", unicodedata.normalize("NFKC", name)).translate(_ARABIC_LETTERS)
    out: list[str] = []
    for word in re.findall(r"[\u0621-\u064a\u0660-\u0669]+", text):
        if word.startswith("و") and len(word) > 4 and word[1:3] == "ال":
            word = word[1:]  # a leading و ("and") before the article
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        elif word.startswith("لل") and len(word) > 4:
            word = word[2:]
        if word.startswith("ابو"):  # أبو = البو ("Abu Kamal" = "Albu Kamal"), as Latin Abu/Albu/Bu
            word = word[1:]
        out.append(ARABIC_QUALIFIERS.get(word, word) if out else word)
    return tuple(out)


@lru_cache(maxsize=65536)
def has_article(name: str) -> bool:
    """True when the name starts with the article: "al-Sha'fah", "Ash Sha`fah", "الشعفة"."""
    if is_arabic(name):
        return name.strip().startswith("ال")
    words = plain(name).split()
    return len(words) > 1 and words[0] in ARTICLES


# -- Keys -------------------------------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """The transliteration key of a name: spellings of one place give one key ("" for nothing usable)."""
    if is_arabic(name):
        return "".join(_arabic_tokens(name))
    return "".join(latin_tokens(name))


@lru_cache(maxsize=65536)
def variant_keys(name: str) -> tuple[str, ...]:
    """Other keys the name may be written under (see LATIN_VARIANTS, ARABIC_VARIANTS); the fold key excluded."""
    key = fold(name)
    if not key:
        return ()
    if is_arabic(name):
        ending = "".join(_ARABIC_ENDING_RE.sub("ه", t) for t in _arabic_tokens(name))
        alts = {key.translate(ARABIC_VARIANTS), ending, ending.translate(ARABIC_VARIANTS)}
        return tuple(sorted(a for a in alts if a and a != key))
    text = plain(name)
    out: list[str] = []
    for rules in _LATIN_VARIANT_RES:
        alt = text
        for pattern, b in rules:
            alt = pattern.sub(b, alt)
        if alt != text:
            out.append(alt)
    words = text.split()
    glued = [w for w in words if w not in ARTICLES]
    unglued = [(_GLUED_AL_INNER_RE if k else _GLUED_AL_RE).sub("", w) for k, w in enumerate(glued)]
    if unglued != glued:
        out.append(" ".join(unglued))
    keys = {fold(v) for v in out}
    return tuple(sorted(k for k in keys if k and k != key))


def key_skeleton(key: str) -> str:
    """The skeleton of a Latin-script key (a variant key, which has no name of its own to fold)."""
    return _SKELETON_RE.sub("", key) if key and not is_arabic(key) else key


@lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """The consonant skeleton of a name's key: in Latin script the vowels and the glides w/y inside it dropped; in
    Arabic script the long vowels ا و ي inside each word, which spellings write or leave out (معارة / معرة,
    ماريامين / مريمين)."""
    key = fold(name)
    if not key:
        return key
    if is_arabic(key):
        return "".join(t[:1] + _ARABIC_LONG_VOWELS_RE.sub("", t[1:]) for t in _arabic_tokens(name))
    return _SKELETON_RE.sub("", key)



_SHORT_VOWELS = frozenset("aiu")
_VOWEL_LETTERS = frozenset("aeiou")


def short_vowels_apart(a: str, b: str) -> bool:
    """True when two keys differ only by short vowels written inside a word in one and left out in the other.

    "shajra" / "shajara" (Al Shajra, Ash Shajarah), "knaytra" / "knaytira": yes. Not a changed vowel ("mantar" /
    "muntar"), a glide ("tal" / "tawil"), an ending ("jatal" / "jatala"), a vowel that splits a letter written
    with two ("shara" / "sahara"), nor a vowel beside another ("shara" / "shiara").
    """
    short, long = sorted((a, b), key=len)
    if not short or len(short) == len(long) or len(long) > 2 * len(short) or short[0] != long[0]:
        return False
    i = 0
    for k, c in enumerate(long):
        if i < len(short) and c == short[i]:
            i += 1
            continue
        if c not in _SHORT_VOWELS or k == 0 or k == len(long) - 1 or i == len(short):
            return False
        if long[k - 1] in _VOWEL_LETTERS or long[k + 1] in _VOWEL_LETTERS:
            return False  # a short vowel stands between two consonants
        if long[k - 1] in "skgcz" and long[k + 1] == "h":
            return False  # "s-a-h" is not "sh" with a vowel inside
    return i == len(short)
