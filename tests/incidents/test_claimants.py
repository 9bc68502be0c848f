"""The claimant registry: names to claimants, kinds, chains, the alias syntax, and the data's own checks."""

import json
import re

import pytest

from incidents import claimants
from incidents.claimants import ClaimantDataError, compile_alias, from_data, spellings


# ---------------------------------------------------------------- names

@pytest.mark.parametrize("name, expected", [
    ("SOHR", "SOHR"), ("Syrian Observatory for Human Rights", "SOHR"), ("the Syrian Observatory", "SOHR"),
    ("UK-based Syrian Observatory for Human Rights", "SOHR"), ("Rami Abdel Rahman", "SOHR"), ("sohr", "SOHR"),
    ("SANA", "SANA"), ("Syrian Arab News Agency", "SANA"), ("Syria's official news agency SANA", "SANA"),
    ("Syrian state TV", "Syrian state media"), ("Syrian state television", "Syrian state media"),
    ("Agence France-Presse", "AFP"), ("Associated Press", "AP"), ("Doctors Without Borders", "MSF"),
    ("CJTF-OIR", "US-led coalition"), ("the U.S.-led coalition", "US-led coalition"),
    ("Turkish General Staff", "Turkish military"), ("Syrian Civil Defence", "White Helmets"),
    # outlets as datasets and manifests code them
    ("reuters", "Reuters"), ("sana", "SANA"), ("ahram", "Al-Ahram"), ("Ahram Online", "Al-Ahram"),
    ("manar", "Al-Manar"), ("Al-Manar", "Al-Manar"), ("alalam", "Al-Alam"), ("alaraby", "Al-Araby Al-Jadeed"),
    ("dailysabah", "Daily Sabah"), ("etilaf", "Etilaf"), ("trt", "TRT"), ("sputnik", "Sputnik"),
    ("jordantimes", "Jordan Times"), ("arabiya", "Al Arabiya"), ("Al Arabiya", "Al Arabiya"), ("nna", "NNA"),
    ("asharqalawsat", "Asharq Al-Awsat"), ("tass", "TASS"), ("Anadolu", "Anadolu Agency"),
    ("Presstv", "Press TV"), ("SyriaTimes", "Syria Times"), ("Paris", "French government"),
    ("Downing Street", "British government"), ("Russian center for reconciliation", "Russian Ministry of Defence"),
    # chains by their first part
    ("SOHR via AFP", "SOHR"), ("Rami Abdel Rahman via Reuters", "SOHR"),
    # ministries from their words
    ("Syrian Ministry of Foreign Affairs", "Syrian Ministry of Foreign Affairs"),
    ("the Ministry of Foreign Affairs and Expatriates", "Syrian Ministry of Foreign Affairs"),
    ("Russia's defense ministry", "Russian Ministry of Defence"),
    ("Russias Defence Ministry", "Russian Ministry of Defence"),
    ("Turkish Ministry of Defence", "Turkish Ministry of Defence"),
    ("the foreign ministry", "Ministry of Foreign Affairs"),
    ("Ministry of Health", "Ministry of Health"),
])
def test_canonical(name, expected):
    assert claimants.canonical(name).name == expected


@pytest.mark.parametrize("name", [
    "", "   ", "the Britain-based monitor", "a monitor", "state media", "the Observatory", "local sources",
    "medical sources", "activists", "Abu Omar", "local sources via SANA", "the ministry", "Ministry of Truth",
])
def test_not_a_registered_name(name):
    assert claimants.canonical(name) is None


@pytest.mark.parametrize("name, kind", [
    ("SANA", "state media"), ("Reuters", "outlet"), ("SOHR", "monitor"), ("White Helmets", "NGO"),
    ("UNICEF", "UN agency"), ("UN Security Council", "UN body"), ("Russian Ministry of Defence", "ministry"),
    ("Ministry of Foreign Affairs", "ministry"), ("US Central Command", "military"), ("ISIS", "armed group"),
    ("Syrian government", "government"), ("the Britain-based monitor", "monitor"), ("a monitor", "monitor"),
    ("a war monitor", "monitor"), ("state media", "state media"), ("the state news agency", "state media"),
    ("the Observatory", "monitor"), ("local sources", "local sources"), ("medical sources", "local sources"),
    ("residents", "local sources"), ("local sources via SANA", "local sources"), ("SOHR via AFP", "monitor"),
    ("Abu Omar", None), ("", None),
])
def test_kind_of(name, kind):
    assert claimants.kind_of(name) == kind


def test_outlets_and_state_media():
    for name in ("Reuters", "AFP", "AP", "SANA", "Al Arabiya", "Sputnik", "TASS", "Anadolu Agency", "Daily Sabah",
                 "Al-Manar", "Al-Alam", "NNA", "Jordan Times", "Asharq Al-Awsat", "Al-Araby Al-Jadeed", "Al-Ahram",
                 "TRT", "Etilaf"):
        assert claimants.registry().get(name).is_a("outlet"), name
    sana = claimants.canonical("SANA")
    assert sana.kinds == ("state media", "outlet") and sana.country == "Syria"


@pytest.mark.parametrize("claimed_by, wanted, expected", [
    ("SOHR", ["Syrian Observatory for Human Rights"], True),
    ("local sources via SANA", ["SANA"], True),
    ("local sources via SANA", ["local sources"], True),
    ("SOHR via AFP", ["Agence France-Presse"], True),
    ("local sources via SANA", ["SOHR"], False),
    ("the Britain-based monitor", ["SOHR"], False),  # a description is not the claimant it may describe
    ("Syrian Ministry of Foreign Affairs", ["Ministry of Foreign Affairs"], False),
    ("medical sources", ["Medical sources"], True),
])
def test_credits(claimed_by, wanted, expected):
    assert claimants.credits(claimed_by, wanted) is expected


# ---------------------------------------------------------------- alias syntax

@pytest.mark.parametrize("alias, text", [
    ("SANA", "SANA"), ("SANA", "SANAs"), ("SANA", "SANA’s"),
    ("Syria's official news agency", "Syria’s official news agency"),
    ("Syria's official news agency", "Syrias official news agency"),
    ("[Britain-based] Syrian Observatory [for Human Rights]", "Syrian Observatory"),
    ("[Britain-based] Syrian Observatory [for Human Rights]", "Britain-based Syrian Observatory for Human Rights"),
    ("[Britain-based] Syrian Observatory [for Human Rights]", "Britain based Syrian  Observatory\nfor Human Rights"),
    ("(UN|U.N.|United Nations) Security Council", "U.N. Security Council"),
    ("Syria[n] Civil (Defence|Defense)", "Syrian Civil Defense"),
    ("Syria[n] Civil (Defence|Defense)", "Syria Civil Defence"),
    ("Rami Abd(el|ul)-Rahman", "Rami Abdel-Rahman"), ("Rami Abd(el|ul)-Rahman", "Rami Abdulrahman"),
    ("observatory", "Observatory"), ("observatory", "OBSERVATORY"), ("Reuters", "REUTERS"),
    ("Syrian [Arab] Army", "Syrian army"),
    ("Russian (Centre|Center) for Reconciliation", "Russian center for reconciliation"),
    ("[(so-called|international)] [(international|int'l)] coalition", "so-called international coalition"),
])
def test_alias_matches(alias, text):
    assert re.fullmatch(compile_alias(alias).regex, text)


@pytest.mark.parametrize("alias, text", [
    ("SANA", "Sana"), ("SANA", "sana"), ("Reuters", "reuters"), ("Syrian Army", "syrian Army"),
    ("Syria's official news agency", "Syria official"),
    ("[Britain-based] Syrian Observatory [for Human Rights]", "Britain-based"),
    ("Syria[n] Civil (Defence|Defense)", "Syrians Civil Defence"), ("(UN|U.N.) Security Council", "UNSecurity Council"),
    ("Sputnik", "Sputniks"),  # a glued possessive only after a capital
])
def test_alias_does_not_match(alias, text):
    assert not re.fullmatch(compile_alias(alias).regex, text)


@pytest.mark.parametrize("alias, first, last", [
    ("SANA", {"sana", "sanas"}, {"sana", "sanas"}),
    ("[Britain-based] Syrian Observatory", {"britain-based", "britainbased", "britain", "syrian"}, {"observatory"}),
    ("(a|an) [war] monitor", {"a", "an"}, {"monitor"}),
    ("Syria's state media", {"syria's", "syria", "syrias"}, {"media"}),
])
def test_alias_words(alias, first, last):
    p = compile_alias(alias)
    assert first <= p.first_words and last <= p.last_words


def test_spellings():
    assert spellings("(UN|U.N.) [Security] Council") == ["UN Council", "UN Security Council", "U.N. Council",
                                                          "U.N. Security Council"]


@pytest.mark.parametrize("alias", ["", "  ", "[unclosed", "(a|b", "a]", "b)", "a|b"])
def test_bad_alias(alias):
    with pytest.raises(ValueError):
        compile_alias(alias)


# ---------------------------------------------------------------- the data checks itself

GOOD = {"name": "X News", "kind": ["outlet"], "aliases": ["X News"]}


@pytest.mark.parametrize("data, message", [
    ({}, "claimants"),
    ({"claimants": [{"kind": ["outlet"]}]}, "name"),
    ({"claimants": [{"name": "X", "kind": ["newspaper"]}]}, "kinds must be among"),
    ({"claimants": [{"name": "X", "kind": []}]}, "kinds must be among"),
    ({"claimants": [{"name": "X", "kind": ["outlet"], "aliases": ["(broken"]}]}, "unclosed"),
    ({"claimants": [{"name": "X", "kind": ["outlet"], "aliases": [""]}]}, "non-empty"),
    ({"claimants": [GOOD, {"name": "Y", "kind": ["outlet"], "aliases": ["X news"]}]}, "names both"),
    ({"claimants": [{**GOOD, "country": "Atlantis"}]}, "not among the countries"),
    ({"claimants": [GOOD], "descriptions": [{"phrase": "a paper", "stands_for": ["press"]}]}, "stands_for"),
])
def test_bad_data_is_named(data, message):
    with pytest.raises(ClaimantDataError, match=message) as e:
        from_data(data, "test.json")
    assert isinstance(e.value, ValueError) and "test.json" in str(e.value)


def test_small_registry():
    reg = from_data({"claimants": [GOOD], "countries": [{"name": "Xland", "adjective": "Xish", "words": ["Xland"]}],
                     "portfolios": [{"name": "Defence", "words": ["defence"]}]})
    assert reg.canonical("x news").name == "X News"
    assert reg.canonical("the Xish defence ministry").name == "Xish Ministry of Defence"
    assert reg.canonical("SOHR") is None


def test_load_reports_the_file(tmp_path):
    bad = tmp_path / "claimants.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ClaimantDataError, match="claimants.json"):
        claimants.load(bad)
    good = tmp_path / "small.json"
    good.write_text(json.dumps({"claimants": [GOOD]}), encoding="utf-8")
    assert claimants.load(good).canonical("X News").name == "X News"


def test_shipped_registry_is_consistent():
    reg = claimants.registry()
    names = [c.name for c in reg.claimants]
    assert len(names) == len(set(names))
    for c in reg.claimants:
        assert reg.canonical(c.name) == c
        for full in c.full_names:
            assert reg.canonical(full) == c, full


# ---------------------------------------------------------------- the claimant filter

def _incidents():
    from incidents.model import Incident

    from .factories import HAJIN, SUSAH, account
    return [
        Incident("hajin", (account("d1", claimed_by="SOHR", places=(HAJIN,)),)),
        Incident("susah", (account("d2", claimed_by="local sources via SANA", places=(SUSAH,)),)),
        Incident("other", (account("d3", claimed_by="the Britain-based monitor", places=(SUSAH,)),)),
    ]


@pytest.mark.parametrize("wanted, ids", [
    (("SOHR",), ["hajin"]),
    (("Syrian Observatory for Human Rights",), ["hajin"]),
    (("SANA",), ["susah"]),
    (("Syrian Arab News Agency",), ["susah"]),
    (("local sources",), ["susah"]),
    (("the Britain-based monitor",), ["other"]),
    (("SOHR", "sana"), ["hajin", "susah"]),
    (("Reuters",), []),
])
def test_the_claimant_filter_knows_every_name(wanted, ids):
    from incidents.selection import Filters, select
    assert [i.id for i in select(_incidents(), Filters(claimants=wanted))] == ids


@pytest.mark.parametrize("name, expected", [
    ("Syrian Observatory for Human Rights", "SOHR"), ("manar", "Al-Manar"), ("local sources", "local sources"),
    ("the Britain-based monitor", "the Britain-based monitor"),
    ("Russia's defence ministry", "Russian Ministry of Defence"),
])
def test_normalize(name, expected):
    assert claimants.normalize(name) == expected
