"""Attribution: whom a claim belongs to when the speaker is a person, or a name with a place, a qualifier or an
apposition inside the phrase that credits it. Each mechanism is a table of accepted and rejected sentences."""

import pytest

from incidents.extraction.attribution import find_attributions


def who(sentence, context="", following=""):
    return [a.claimed_by for a in find_attributions(sentence, context=context, following=following)]


# ---------------------------------------------------------------- a person, by the whole name

@pytest.mark.parametrize("sentence, expected", [
    ("Twelve were killed in the shelling, said Yusuf al-Hamdan.", ["Yusuf al-Hamdan"]),
    ("Twelve were killed in the shelling said Yusuf al-Hamdan.", ["Yusuf al-Hamdan"]),  # the comma lost
    ("Twelve were killed in the shelling, said al-Hamdan on Friday.", ["al-Hamdan"]),
    ("Eight died, said Raqqa governor Omar el-Sayed.", ["Raqqa governor Omar el-Sayed"]),
    ("Raqqa's governor Omar el-Sayed said eight people died in the blast.", ["Omar el-Sayed"]),
    ("Veteran opposition figure Karim Nasser said in Geneva that 40 people died.", ["Karim Nasser"]),
    ("Eight died, spokesman Karim Nasser told reporters.", ["spokesman Karim Nasser"]),
])
def test_a_person_is_credited_by_the_whole_name(sentence, expected):
    assert who(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Activists Saturday said 20 were killed.", ["activists"]),  # a day, not a name
    ("In general Hama was calm on Friday.", []),  # a title's word that names no speaker
    ("The leader of the group said 20 were killed.", ["the group"]),
    ("Eight died on Saturday, the governor of Raqqa said.", []),
])
def test_no_person_where_none_is_named(sentence, expected):
    assert who(sentence) == expected


# ---------------------------------------------------------------- a name with where it is, before its verb

@pytest.mark.parametrize("sentence, expected", [
    ("A team of first responders the Syrian Civil Defence in Idlib said 22 people were killed.", ["White Helmets"]),
    ("SANA in Damascus reported that nine people died.", ["SANA"]),
    ("The White Helmets in rural Damascus said 14 bodies were recovered.", ["White Helmets"]),
])
def test_a_name_with_where_it_is_speaks(sentence, expected):
    assert who(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Strikes by the coalition in Raqqa killed 20 civilians.", []),
    ("The Syrian Civil Defence in Idlib pulled 22 bodies from the rubble.", []),
    ("The strike on SANA in Damascus killed two reporters, officials said.", ["officials"]),
])
def test_a_name_with_where_it_is_and_no_claim_verb(sentence, expected):
    assert who(sentence) == expected
