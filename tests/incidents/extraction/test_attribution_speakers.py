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


# ---------------------------------------------------------------- a claimant phrase with a place or a qualifier inside

OBSERVATORY = "The Syrian Observatory for Human Rights said five died.\n"
HRW = "Mines killed dozens, HRW says\n"


@pytest.mark.parametrize("sentence, context, expected", [
    ("The Rural Health Office in Western Qalamoun said that four people were killed.", "",
     ["Rural Health Office in Western Qalamoun"]),
    ("The Local Relief Committees in Syria said 30 died.", "", ["Local Relief Committees in Syria"]),
    ("A baby died in the raid the Free Doctors Union a network of Syrian medics that runs clinics in the province "
     "said.", "", ["Free Doctors Union"]),
    ("A leading international rights group says that mines have killed hundreds of civilians.", HRW,
     ["Human Rights Watch"]),
    ("A leading international rights group says that mines have killed hundreds of civilians.", "",
     ["a leading international rights group"]),
    ("A prominent Syrian war monitor said 30 died.", OBSERVATORY, ["SOHR"]),
    ("The Britain-based monitor which relies on a network of sources inside Syria said the death toll was 20.",
     OBSERVATORY, ["SOHR"]),
    ("Five were killed the Britain-based Syria Observatory for Human Rights (SOHR) monitoring group said.", "",
     ["SOHR"]),
    ("Ten were killed when jets struck a town according to local civil defence sources.", "", ["White Helmets"]),
    ("Thirty people were killed on Monday according to a senior civil defense official.", "", ["White Helmets"]),
])
def test_a_claimant_phrase_with_a_place_or_a_qualifier(sentence, context, expected):
    assert who(sentence, context) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("A major offensive killed 20 people, a monitor said.", ["a monitor"]),  # "major" qualifies the offensive
    ("The monitor which activists said was wrong reported 20 dead.", ["activists"]),  # the clause's own speaker
    ("The coalition which Damascus said bombed the market killed 20.", ["Syrian government"]),
    ("Thirty people were killed in the strike on civil defence workers according to activists.", ["activists"]),
    ("The Syrian Observatory for Human Rights (SOHR) group members were killed.", []),
])
def test_a_phrase_around_a_name_that_does_not_make_it_the_speaker(sentence, expected):
    assert who(sentence) == expected


# ---------------------------------------------------------------- speakers listed before one verb

@pytest.mark.parametrize("sentence, context, expected", [
    ("Strikes killed at least 32 people a war monitor medics and emergency workers said.", OBSERVATORY,
     ["SOHR", "medics", "emergency workers"]),
    ("Strikes killed at least 32 people, a monitor, medics and aid workers said.", "",
     ["a monitor", "medics", "aid workers"]),
    ("Residents and activists said 20 died.", "", ["residents", "activists"]),
])
def test_speakers_listed_before_one_verb(sentence, context, expected):
    assert who(sentence, context) == expected


@pytest.mark.parametrize("sentence", [
    "Strikes on SANA and residents killed 20.",
    "A monitor medics trusted counted the dead.",
])
def test_names_listed_without_a_claim_verb(sentence):
    assert who(sentence) == []


# ---------------------------------------------------------------- credit carried from the sentence before

def carried(sentence, context, following=" The town was quiet by noon."):
    return [a.claimed_by for a in find_attributions(sentence, offset=len(context), context=context,
                                                    following=following)]


QUOTED = 'Jets bombed the town on Monday. "The helicopters came at dawn" Umm Khaled, a resident, told AFP. '
REPORTED = "Activists said 12 civilians were killed in strikes on the town on Friday. "


@pytest.mark.parametrize("sentence, context, expected", [
    ('"Two women were killed."', QUOTED, ["Umm Khaled via AFP"]),  # a new quotation after a quoted speaker
    ("Two women were killed near the bakery.", QUOTED + '"This morning was bad. ', ["Umm Khaled via AFP"]),
    ('"Two women were killed."', 'Jets bombed the town on Monday. SANA reported strikes on the town. ', []),
    ('"Two women were killed."', QUOTED.replace("AFP. ", "AFP.\n"), []),  # another paragraph
])
def test_a_quotation_goes_on_with_the_speaker_before(sentence, context, expected):
    assert carried(sentence, context) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Two more civilians were killed in a rocket attack on the town of Kafr Nabl.", []),
    ("A bus was also hit on the road, killing seven.", []),
    ("More than a dozen people were also killed in a besieged neighbourhood to the east.", []),
    ("Two more civilians died of their wounds.", ["activists"]),
    ("Another five were killed in the strike on a school.", ["activists"]),  # "the strike" refers back
    ("Another five were also killed in the clash.", ["activists"]),
    ("Three more bodies were found under the rubble.", ["activists"]),
    ("Another man and a woman were killed in rocket fire in the nearby town of Kafr Nabl.", []),
    ("Two more were killed in another village.", []),
    ("Another attack killed five people.", []),
    ("Another five died in the attack.", ["activists"]),
])
def test_going_on_with_the_figures_of_a_scene_of_its_own_does_not_carry_the_credit(sentence, expected):
    assert carried(sentence, REPORTED) == expected


# ---------------------------------------------------------------- "the source" is a source named before

SOURCED = ("A police source told SANA that two shells hit the market. "
           "The source added that a sniper shot at the locals of the old quarter. ")


@pytest.mark.parametrize("sentence, context, expected", [
    ("Also five people were killed on the square according to the source.", SOURCED, ["a police source"]),
    ("The sources said five people were killed.", "Witnesses and a hospital source said shells hit the market. "
     "Locals fled. ", ["a hospital source"]),
    # no source named before: the nearest speaker of its kind, as before
    ("Also five people were killed on the square according to the source.",
     "Residents said two shells hit the market. ", ["residents"]),
])
def test_the_source_is_a_source_named_before(sentence, context, expected):
    assert carried(sentence, context) == expected


# ---------------------------------------------------------------- organisations: glued tags, offices in lower case

@pytest.mark.parametrize("sentence, expected", [
    ("Tags Syria Nusra Front Idlib The Hawks Brigade announced on Monday that it had killed six fighters.",
     ["Hawks Brigade"]),  # "The" opens the speaker's own name, after tags glued to the sentence
    ("At least 400 people were injured according to the citys monitoring and documentation office.",
     ["monitoring and documentation office"]),
    ("Ten died according to the local council.", ["local council"]),
    ("Ten died according to its media office.", ["media office"]),
])
def test_organisations_the_registry_does_not_list(sentence, expected):
    assert who(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Ten died according to the group.", ["the group"]),  # an anaphor, not an office
    ("Ten died according to reports from the local council.", ["reports"]),
])
def test_offices_behind_other_credits(sentence, expected):
    assert who(sentence) == expected


# ---------------------------------------------------------------- blame is no credit for a toll told before it

@pytest.mark.parametrize("sentence, expected", [
    ("An attack on aid trucks killed around 20 civilians on Monday after Washington accused Moscow of it.", []),
    ("Twelve died in the raid and the ministry blamed the coalition.", []),
    ("The Syrian Observatory for Human Rights accused the regime of killing 20 civilians.", ["SOHR"]),
    ("The ministry accused the coalition of the strike, saying it killed 20 people.", ["the ministry"]),
    ("The ministry blamed the coalition, and said that 20 people died.", ["the ministry"]),
])
def test_blame_credits_the_figures_after_it(sentence, expected):
    assert who(sentence) == expected


# ---------------------------------------------------------------- a headline takes the credit only of what it repeats

BODY = "\nThe Syrian Observatory for Human Rights said 12 people were killed in strikes on the city on Friday."


@pytest.mark.parametrize("headline, expected", [
    ("Twelve killed in strikes on Hama", ["SOHR"]),
    ("Twelve killed, 40 wounded in strikes on Hama", []),  # says more than the credited sentence: the outlet's
    ("12 dead, dozens wounded in strikes on Hama", []),
])
def test_a_headline_takes_the_credit_of_the_sentence_that_gives_all_its_figures(headline, expected):
    assert who(headline, following=BODY) == expected


# ---------------------------------------------------------------- a vague credit the next sentence names

OVERNIGHT = "Strikes hit the town overnight. "
VAGUE = "At least 15 civilians have been killed in strikes on the town a report says."
LATER = " Reuters could not verify the toll."  # another claimant a report may stand for, named later


@pytest.mark.parametrize("context, following, expected", [
    (OVERNIGHT, " The Syrian Observatory for Human Rights said on Wednesday that the strikes hit the town." + LATER,
     ["SOHR"]),
    (OVERNIGHT, " The town was quiet." + LATER + " SANA did not report it.", ["a report"]),
    (OVERNIGHT, "\nThe Syrian Observatory for Human Rights said on Wednesday that the strikes hit the town." + LATER,
     ["a report"]),  # another paragraph
    (OVERNIGHT, " The Syrian Observatory for Human Rights and SANA said the strikes hit the town." + LATER,
     ["a report"]),
    ("Reuters and SANA covered the strikes. ",  # named before: no guess
     " The Syrian Observatory for Human Rights said on Wednesday that the strikes hit the town.", ["a report"]),
])
def test_a_description_of_several_possible_claimants_takes_the_one_the_next_sentence_names(context, following,
                                                                                         expected):
    assert [a.claimed_by for a in find_attributions(VAGUE, offset=len(context), context=context,
                                                    following=following)] == expected


# ---------------------------------------------------------------- "there were no injuries" goes on with the report

HELMETS = "The White Helmets said one of their buildings was hit by an air strike on Saturday. "


@pytest.mark.parametrize("sentence, expected", [
    ("There were no injuries.", ["White Helmets"]),
    ("No casualties were reported.", ["White Helmets"]),
    ("Meanwhile there were no injuries in the town.", []),
])
def test_no_casualties_goes_on_with_the_report_before(sentence, expected):
    assert carried(sentence, HELMETS) == expected


# ---------------------------------------------------------------- a person called by the family name

NAMED = "Ten people were killed in the blast, said Talal al-Barazi. "


@pytest.mark.parametrize("sentence, context, expected", [
    ("Barazi had earlier reported a toll of eight while the Syrian Observatory for Human Rights gave a death toll "
     "of 12.", NAMED, ["Talal al-Barazi", "SOHR"]),
    ("The toll rose to 12, Barazi said.", NAMED, ["Talal al-Barazi"]),
    ("Barazi had earlier reported a toll of eight.", "Ten died in the blast. ", []),  # no one of that name before
    ("Aleppo said eight died.", "Ten people were killed in Aleppo. ", []),
    ("Monday said eight died.", NAMED, []),
])
def test_a_person_called_by_the_family_name(sentence, context, expected):
    assert carried(sentence, context) == expected


# ---------------------------------------------------------------- a sentence telling of another event takes no credit

SHELLED = "SANA said shells hit the old city, killing one civilian. "


@pytest.mark.parametrize("sentence, expected", [
    ("The attacks came one day after militants shelled two neighbourhoods, leading to four deaths.", []),
    ("The attack came just hours before talks opened, and four people had died in the city.", []),
    ("The dead included two children.", ["SANA"]),
    ("The attack killed four people, the day after talks opened.", ["SANA"]),
])
def test_a_sentence_telling_of_another_event_takes_no_credit(sentence, expected):
    assert carried(sentence, SHELLED) == expected
