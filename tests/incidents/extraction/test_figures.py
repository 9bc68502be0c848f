"""Casualty figures in one sentence: numbers, kinds, victims, breakdowns, spans, what is not a figure, hostile text."""

import json
import re

import pytest

from incidents.extraction.figures import (
    MAX_COUNT,
    MAX_QUANTITIES,
    VOCABULARY_FILE,
    Breakdown,
    Figure,
    breakdowns,
    find_figures,
    load_vocabulary,
    parse_quantity,
    read_quantity,
)


def brief(figures):
    """(kind, min, max, victims, text, qualifier) of each figure."""
    return [(f.kind, f.min, f.max, f.victims, f.text, f.qualifier) for f in figures]


# ---------------------------------------------------------------- numbers

@pytest.mark.parametrize("text, expected", [
    ("20", (20, 20)),
    ("Twenty", (20, 20)),
    ("twenty-three", (23, 23)),
    ("twenty three", (23, 23)),
    ("one hundred and twenty-five", (125, 125)),
    ("a hundred", (100, 100)),
    ("1,200", (1200, 1200)),
    ("400,000", (400_000, 400_000)),
    ("256 thousand", (256_000, 256_000)),
    ("1.5 million", (1_500_000, 1_500_000)),
    ("two thousand", (2000, 2000)),
    ("fifteen hundred", (1500, 1500)),
    ("a thousand and twenty", (1020, 1020)),
    ("Sixty-two", (62, 62)),
    ("zero", (0, 0)),
    ("at least 30", (30, None)),
    ("no fewer than 30", (30, None)),
    ("30 or more", (30, None)),
    ("30+", (30, None)),
    ("more than 70", (71, None)),
    ("More than 70", (71, None)),
    ("over 60", (61, None)),
    ("in excess of 60", (61, None)),
    ("more than a dozen", (13, None)),
    ("up to 12", (None, 12)),
    ("at most 12", (None, 12)),
    ("less than 10", (None, 9)),
    ("fewer than 10", (None, 9)),
    ("about 40", (40, 40)),
    ("nearly 40", (40, 40)),
    ("some 40", (40, 40)),
    ("an estimated 40", (40, 40)),
    ("40 or so", (40, 40)),
    ("as high as 80", (80, 80)),
    ("as many as 80", (80, 80)),
    ("tens", (20, None)),
    ("dozens", (24, None)),
    ("several dozen", (24, None)),
    ("a few dozen", (24, None)),
    ("a dozen", (12, 12)),
    ("half a dozen", (6, 6)),
    ("two dozen", (24, 24)),
    ("scores", (40, None)),
    ("hundreds", (200, None)),
    ("thousands", (2000, None)),
    ("tens of thousands", (20_000, None)),
    ("hundreds of thousands", (200_000, None)),
    ("at least dozens", (24, None)),
    ("30 to 54", (30, 54)),
    ("30-54", (30, 54)),
    ("30–54", (30, 54)),
    ("between 30 and 54", (30, 54)),
    ("between 54 and 30", (30, 54)),
    ("ranging from 30 to 54", (30, 54)),
    ("from 30 to 54", (30, 54)),
    ("three or four", (3, 4)),
    ("a total of 61", (61, 61)),
    ("another 12", (12, 12)),
])
def test_parse_quantity(text, expected):
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text, qualifier", [
    ("20", None), ("at least 30", "at least"), ("30 or more", "at least"), ("more than 70", "more than"),
    ("over 60", "more than"), ("up to 12", "up to"), ("less than 10", "less than"), ("about 40", "about"),
    ("nearly 40", "about"), ("as high as 80", "as high as"), ("30 to 54", "range"), ("between 30 and 54", "range"),
    ("ranging from 30 to 54", "range"), ("dozens", None),
])
def test_read_quantity_qualifier(text, qualifier):
    assert read_quantity(text).qualifier == qualifier


@pytest.mark.parametrize("text", [
    "", " ", "hello", "the", "percent", "several", "many", "numerous", "a number of", "a", "twenty percent of",
    "2.5", "99999999999999999999", "9" * 5000, str(MAX_COUNT + 1), "up to dozens", "less than 0",
    "between 1 and 99999999999", "16th", "No.2253", "twenty-thirty", "at least", "30 killed", None, 30,
    "eleven hundred thousand", "seventeen thousand and zero",  # the number parser refuses what no one writes
])
def test_parse_quantity_refuses_what_is_no_count(text):
    assert parse_quantity(text) is None


# ---------------------------------------------------------------- the brief's cases and the corpus' phrasing

CASES = [
    ("Twenty civilians, including women and children, have been killed in airstrikes",
     [("killed", 20, 20, "civilians", "Twenty civilians", None)]),
    ("claiming the lives of 17 civilians and causing material damage",
     [("killed", 17, 17, "civilians", "17 civilians", None)]),
    ("carried out airstrikes in al-Mayadin city killing 7 civilians, mostly women and children.",
     [("killed", 7, 7, "civilians", "7 civilians", None)]),
    ("Last week, the so-called coalition killed at least 40 people after its warplanes struck the village.",
     [("killed", 40, None, "unknown", "at least 40 people", "at least")]),
    ("causing the death of more than 60 civilians and the injury of dozens, the most of whom were children",
     [("killed", 61, None, "civilians", "more than 60 civilians", "more than"),
      ("injured", 24, None, "civilians", "dozens", None)]),
    ("claiming the lives of 78 civilians, injuring tens others, most of them were women and children",
     [("killed", 78, 78, "civilians", "78 civilians", None),
      ("injured", 20, None, "civilians", "tens others", None)]),
    ("causing the death of 6 citizens and the injury of 10 others, including women and children.",
     [("killed", 6, 6, "civilians", "6 citizens", None), ("injured", 10, 10, "civilians", "10 others", None)]),
    ("Syrian state media agency SANA has claimed that at least 30 were killed and that most of the dead were "
     "women and children.",
     [("killed", 30, None, "civilians", "at least 30", "at least")]),
    ("The Syrian Observatory for Human Rights (SOHR) has assertedthat 54 were killed.",
     [("killed", 54, 54, "unknown", "54", None)]),
    ("Some outlets put the death toll as high as 80 while others suggest 62 soldiers were killed.",
     [("killed", 80, 80, "soldiers", "as high as 80", "as high as"),
      ("killed", 62, 62, "soldiers", "62 soldiers", None)]),
    ("More than 70 civilians, most of them women and children, were martyred and injured in airstrikes",
     [("casualties", 71, None, "civilians", "More than 70 civilians", "more than")]),
    ("The regular strikes on Syrian civilians, notably a bloody attack on the town of al-Shaafah with 60 casualties "
     "on November 13, have prompted the response",
     [("casualties", 60, 60, "civilians", "60 casualties", None)]),
    ("70 martyred and injured in the coalition massacre",
     [("casualties", 70, 70, "unknown", "70", None)]),
    ("Over the past weeks, tens of the civilians were martyred , others were injured, mostly children and women",
     [("killed", 20, None, "civilians", "tens of the civilians", None)]),
    ("SANA reported another coalition strike in the same province, where 11 civilians, including three women and "
     "five children, were killed.",
     [("killed", 11, 11, "civilians", "11 civilians", None)]),
    ("the death toll rose to 35", [("killed", 35, 35, "unknown", "35", None)]),
    ("35 dead and 50 wounded", [("killed", 35, 35, "unknown", "35", None), ("injured", 50, 50, "unknown", "50", None)]),
    ("a second strike hit the market, wounding 12", [("injured", 12, 12, "unknown", "12", None)]),
    ("The strike left 9 people dead.", [("killed", 9, 9, "unknown", "9 people", None)]),
    ("with air strikes against Syrian military forces killing “dozens” of Syrian soldiers, allowing ISIS to advance.",
     [("killed", 24, None, "soldiers", "“dozens” of Syrian soldiers", None)]),
    ("A family of five was killed when the house collapsed.",
     [("killed", 5, 5, "civilians", "A family of five", None)]),
    ("airstrikes near Abu Kamal, with estimates of civilian casualties ranging from 30 to 54.",
     [("casualties", 30, 54, "civilians", "ranging from 30 to 54", "range")]),
    ("Local sources told SANA on Friday that 20 people were killed when US-led warplanes bombarded buildings.",
     [("killed", 20, 20, "unknown", "20 people", None)]),
    ("On November 15, local reports claimed coalition warplanes had killed 23 civilians, including 17 people of the "
     "same family, after firing missiles at buildings.",
     [("killed", 23, 23, "civilians", "23 civilians", None)]),
    ("the Friday airstrikes, which claimed the lives of at least 26 local civilians, including 14 children, exposed",
     [("killed", 26, None, "civilians", "at least 26 local civilians", "at least")]),
]

# Wire services, monitors, rescuers, state media, coalition statements: phrasing no corpus article uses.
STYLES = [
    ("Air strikes killed at least 15 civilians, including six children, in the town of Hajin, the Syrian "
     "Observatory for Human Rights said.",
     [("killed", 15, None, "civilians", "at least 15 civilians", "at least")]),
    ("The toll from the strikes rose to 43, including 12 children, the Britain-based monitor said.",
     [("killed", 43, 43, "unknown", "43", None)]),
    ("At least 23 people were killed and dozens wounded in the raids on Baghouz.",
     [("killed", 23, None, "unknown", "At least 23 people", "at least"),
      ("injured", 24, None, "unknown", "dozens", None)]),
    ("The strikes killed 12 people and wounded 30 others, according to the White Helmets.",
     [("killed", 12, 12, "unknown", "12 people", None), ("injured", 30, 30, "unknown", "30 others", None)]),
    ("Twelve people, among them four children, died in the attack.",
     [("killed", 12, 12, "unknown", "Twelve people", None)]),
    ("Airwars estimates that between 45 and 60 civilians were likely killed in the strike.",
     [("killed", 45, 60, "civilians", "between 45 and 60 civilians", "range")]),
    ("Coalition assesses that 2 civilians were unintentionally killed and 1 injured during a strike near Abu Kamal.",
     [("killed", 2, 2, "civilians", "2 civilians", None), ("injured", 1, 1, "civilians", "1", None)]),
    ("The Coalition assessed that it is more likely than not that one civilian was unintentionally killed.",
     [("killed", 1, 1, "civilians", "one civilian", None)]),
    ("Up to 12 civilians may have been killed in the strike, the statement said.",
     [("killed", None, 12, "civilians", "Up to 12 civilians", "up to")]),
    ("The coalition said it had killed 37 ISIS militants in the operation.",
     [("killed", 37, 37, "fighters", "37 ISIS militants", None)]),
    ("CJTF-OIR said it had conducted 14 strikes, killing 35 ISIS terrorists.",
     [("killed", 35, 35, "fighters", "35 ISIS terrorists", None)]),
    ("Civil Defence teams recovered 14 bodies from the rubble.", [("killed", 14, 14, "unknown", "14 bodies", None)]),
    ("Activists said the bodies of 20 people were pulled from the rubble.",
     [("killed", 20, 20, "unknown", "20 people", None)]),
    ("The number of martyrs rose to 25, SANA reported.", [("killed", 25, 25, "unknown", "25", None)]),
    ("The strikes caused dozens of casualties among civilians.",
     [("casualties", 24, None, "civilians", "dozens of casualties", None)]),
    ("Five civilians died and 12 others were injured.",
     [("killed", 5, 5, "civilians", "Five civilians", None), ("injured", 12, 12, "civilians", "12 others", None)]),
    ("The death toll has climbed to 60, with more than 100 wounded.",
     [("killed", 60, 60, "unknown", "60", None), ("injured", 101, None, "unknown", "more than 100", "more than")]),
    ("The raid left at least 20 people dead and 40 injured.",
     [("killed", 20, None, "unknown", "at least 20 people", "at least"), ("injured", 40, 40, "unknown", "40", None)]),
    ("Thirty people were killed or injured in the bombing.",
     [("casualties", 30, 30, "unknown", "Thirty people", None)]),
    ("The strikes killed or wounded 30 people.", [("casualties", 30, 30, "unknown", "30 people", None)]),
    ("The massacre claimed 15 lives, local sources said.", [("killed", 15, 15, "unknown", "15 lives", None)]),
    ("A war monitor reported 23 civilian deaths in the province.",
     [("killed", 23, 23, "civilians", "23 civilian deaths", None)]),
    ("Airwars tracked between 3 and 5 civilian deaths.",
     [("killed", 3, 5, "civilians", "between 3 and 5 civilian deaths", "range")]),
    ("SOHR documented the death of 12 civilians, among them 3 women.",
     [("killed", 12, 12, "civilians", "12 civilians", None)]),
    ("The coalition killed 12 civilians and 3 soldiers in the strike.",
     [("killed", 15, 15, "unknown", "12 civilians and 3 soldiers", None)]),
    ("Nine children and eight women were killed in the strike.",
     [("killed", 17, 17, "civilians", "Nine children and eight women", None)]),
    ("The strike killed 8 pro-government fighters and 5 Iraqi militiamen.",
     [("killed", 13, 13, "unknown", "8 pro-government fighters and 5 Iraqi militiamen", None)]),
    ("The raid killed 30 members of the Syrian army, state media said.",
     [("killed", 30, 30, "soldiers", "30 members of the Syrian army", None)]),
    ("Twelve members of one family were killed.",
     [("killed", 12, 12, "civilians", "Twelve members of one family", None)]),
    ("The Russian ministry said 5 Syrian servicemen were killed and 12 wounded.",
     [("killed", 5, 5, "soldiers", "5 Syrian servicemen", None), ("injured", 12, 12, "soldiers", "12", None)]),
    ("CENTCOM said 3 civilians were killed on 15 November 2017 in a strike.",
     [("killed", 3, 3, "civilians", "3 civilians", None)]),
    ("An estimated 40 people have been killed in the past week.",
     [("killed", 40, 40, "unknown", "An estimated 40 people", "about")]),
    ("Some 30 civilians were reportedly killed.", [("killed", 30, 30, "civilians", "Some 30 civilians", "about")]),
    ("The strikes killed three or four people.", [("killed", 3, 4, "unknown", "three or four people", "range")]),
    ("Dozens killed in US-led strikes on Raqqa.", [("killed", 24, None, "unknown", "Dozens", None)]),
    ("More than a dozen civilians were killed.",
     [("killed", 13, None, "civilians", "More than a dozen civilians", "more than")]),
    ("The death toll rose from 12 to 30 on Sunday.", [("killed", 30, 30, "unknown", "30", None)]),
    ("Over 1,000 civilians have been killed since the campaign began in 2014.",
     [("killed", 1001, None, "civilians", "Over 1,000 civilians", "more than")]),
    ("In 2016 coalition strikes killed 300 civilians.", [("killed", 300, 300, "civilians", "300 civilians", None)]),
    ("The death toll stood at 16 on Monday.", [("killed", 16, 16, "unknown", "16", None)]),
    ("He said 7 people were killed at 9 pm on 12 May.", [("killed", 7, 7, "unknown", "7 people", None)]),
    ("The attack killed 12, most of them civilians.", [("killed", 12, 12, "civilians", "12", None)]),
    ("At least 15 civilians, among them 6 children, were killed, the Syrian Observatory said, bringing the toll "
     "since Monday to 45.",
     [("killed", 15, None, "civilians", "At least 15 civilians", "at least"),
      ("killed", 45, 45, "civilians", "45", None)]),
    ("Local activists said at least 14 civilians had been killed, while SOHR put the toll at 19.",
     [("killed", 14, None, "civilians", "at least 14 civilians", "at least"),
      ("killed", 19, 19, "civilians", "19", None)]),
    ("The UN said 400,000 people have been killed since 2011.",
     [("killed", 400_000, 400_000, "unknown", "400,000 people", None)]),
    ("The raid killed an estimated 40 to 50 civilians.",
     [("killed", 40, 50, "civilians", "an estimated 40 to 50 civilians", "range")]),
    ("Some 20 people were killed and at least 40 others wounded in the blast.",
     [("killed", 20, 20, "unknown", "Some 20 people", "about"),
      ("injured", 40, None, "unknown", "at least 40 others", "at least")]),
    ("killed a total of at least 12 people", [("killed", 12, None, "unknown", "a total of at least 12 people",
                                              "at least")]),
    ("killing half a dozen civilians", [("killed", 6, 6, "civilians", "half a dozen civilians", None)]),
    ("Press TV said 20 people, the ministry said, were killed.", [("killed", 20, 20, "unknown", "20 people", None)]),
    ("Two were killed, 5 were injured.", [("killed", 2, 2, "unknown", "Two", None),
                                          ("injured", 5, 5, "unknown", "5", None)]),
    ("The Observatory said 2 children were among 9 civilians killed.",
     [("killed", 9, 9, "civilians", "9 civilians", None)]),
    ("killed ٣٠ civilians", [("killed", 30, 30, "civilians", "٣٠ civilians", None)]),
    ("Between 2000 and 3000 civilians were killed.",
     [("killed", 2000, 3000, "civilians", "Between 2000 and 3000 civilians", "range")]),
    ("Thousands were killed between 2014 and 2019.", [("killed", 2000, None, "unknown", "Thousands", None)]),
    ("He was one of 12 people killed in the raid.", [("killed", 12, 12, "unknown", "12 people", None)]),
    ('"We buried 14 bodies," the father said.', [("killed", 14, 14, "unknown", "14 bodies", None)]),
    ("The strike killed 3 people in 2 villages.", [("killed", 3, 3, "unknown", "3 people", None)]),
    ("3 killed, 7 wounded in Raqqa", [("killed", 3, 3, "unknown", "3", None), ("injured", 7, 7, "unknown", "7", None)]),
    ("A UN report found that 500 civilians were killed in the first 3 months.",
     [("killed", 500, 500, "civilians", "500 civilians", None)]),
    ("The attack on the 17th Division killed 12 soldiers.", [("killed", 12, 12, "soldiers", "12 soldiers", None)]),
]


# ---------------------------------------------------------------- phrasings, one kind per row group
# (sentence, [(kind, min, max, victims, text, qualifier), ...]); the rejected inputs of each kind follow below.

PHRASINGS = [
    # "eliminated" is killing: a verb after the noun, before it, and its noun
    ("Eleven militants were eliminated in the operation.",
     [("killed", 11, 11, "fighters", "Eleven militants", None)]),
    ("The army eliminated over 75 militants near the town.",
     [("killed", 76, None, "fighters", "over 75 militants", "more than")]),
    ("The army announced the elimination of 34 terrorists.",
     [("killed", 34, 34, "fighters", "34 terrorists", None)]),
    # losing lives, claiming lives ("life" for one), dying a violent death
    ("Five civilians lost their lives in the shelling.", [("killed", 5, 5, "civilians", "Five civilians", None)]),
    ("A soldier lost his life in the ambush.", [("killed", 1, 1, "soldiers", "A soldier", None)]),
    ("The raid claimed the lives of eight people.", [("killed", 8, 8, "unknown", "eight people", None)]),
    ("The rocket claimed lives of 23 civilians in the market.",
     [("killed", 23, 23, "civilians", "23 civilians", None)]),
    ("The shell claimed the life of a girl.", [("killed", 1, 1, "civilians", "a girl", None)]),
    ("Two women were stoned to death in the square.", [("killed", 2, 2, "civilians", "Two women", None)]),
    # one person a determiner counts: "a man", "its pilot", "a 14-year-old", two when "a woman and child"
    ("The shelling caused the death of a man in the town.", [("killed", 1, 1, "unknown", "a man", None)]),
    ("The helicopter crashed, killing its pilot.", [("killed", 1, 1, "soldiers", "its pilot", None)]),
    ("A 12-year-old boy was killed.", [("killed", 1, 1, "civilians", "A 12-year-old boy", None)]),
    ("A 14-year-old was killed by a sniper.", [("killed", 1, 1, "unknown", "A 14-year-old", None)]),
    ("A woman and child were killed when the shell hit.", [("killed", 2, 2, "civilians", "A woman and child", None)]),
    ("Five medics were killed and a nurse critically wounded.",
     [("killed", 5, 5, "civilians", "Five medics", None), ("injured", 1, 1, "civilians", "a nurse", None)]),
    ("The army killed one of its leaders in the raid.",
     [("killed", 1, 1, "unknown", "one of its leaders", None)]),
    # a count noun put at a number, or a number brought to a count noun
    ("A local doctor placed the toll at 10.", [("killed", 10, 10, "unknown", "10", None)]),
    ("The monitor put the death toll from the air raids at 50.", [("killed", 50, 50, "unknown", "50", None)]),
    ("The agency said the blast killed 12, putting the number killed at 13.",
     [("killed", 12, 12, "unknown", "12", None), ("killed", 13, 13, "unknown", "13", None)]),
    ("WHO said in a statement putting the death toll at at least 70.",
     [("killed", 70, None, "unknown", "at least 70", "at least")]),
    ("The bombardment brought to 49 the number killed in two days.", [("killed", 49, 49, "unknown", "49", None)]),
    ("The raids took to 89 the number of civilians killed this week.",
     [("killed", 89, 89, "civilians", "89", None)]),
    ("The death count could be over 50.", [("killed", 51, None, "unknown", "over 50", "more than")]),
    ("Death toll from bomb attack at least 112", [("killed", 112, None, "unknown", "at least 112", "at least")]),
    ("Those killed included 11 people from one family.",
     [("killed", 11, None, "unknown", "11 people", "at least")]),
    # ranges with a floor and a top, or an open top
    ("Activists said at least 10 and as many as 60 people were killed.",
     [("killed", 10, 60, "unknown", "at least 10 and as many as 60 people", "range")]),
    ("Opponents said the attack killed from 500 to well over 1000 people.",
     [("killed", 500, None, "unknown", "from 500 to well over 1000 people", "at least")]),
    ("Activists cited tolls ranging from about 500 to some 1300.",
     [("killed", 500, 1300, "unknown", "ranging from about 500 to some 1300", "range")]),
    ("The army killed an estimated at least 50 militants.",
     [("killed", 50, None, "fighters", "an estimated at least 50 militants", "at least")]),
    # what stands between a number and its verb: totals, reporting, asides, phrases, clauses
    ("The Observatory said 38 in total had died.", [("killed", 38, 38, "unknown", "38", None)]),
    ("165 people total have been wounded since yesterday.", [("injured", 165, 165, "unknown", "165 people", None)]),
    ("Four people were alleged killed in the raid.", [("killed", 4, 4, "unknown", "Four people", None)]),
    ("Six people were also reported killed in the shelling.", [("killed", 6, 6, "unknown", "Six people", None)]),
    ("Around 130 people are reported to have died in the camp.",
     [("killed", 130, 130, "unknown", "Around 130 people", "about")]),
    ("Sixteen civilians - including three children - were killed on Monday.",
     [("killed", 16, 16, "civilians", "Sixteen civilians", None)]),
    ("17 government troops including a commander were killed in fighting.",
     [("killed", 17, 17, "soldiers", "17 government troops", None)]),
    ("More than 100 fighters from the armed groups have been killed in the clashes.",
     [("killed", 101, None, "fighters", "More than 100 fighters", "more than")]),
    ("14 residents of the village in the northern countryside were killed.",
     [("killed", 14, 14, "civilians", "14 residents", None)]),
    ("20 fighters who guarded the buses were killed as well.", [("killed", 20, 20, "fighters", "20 fighters", None)]),
    ("Six civilians from one family were killed in airstrikes.",
     [("killed", 6, 6, "civilians", "Six civilians", None)]),
    ("At least 14 members of the terrorist group were killed during the shelling.",
     [("killed", 14, None, "fighters", "At least 14 members of the terrorist", "at least")]),
    ("The monitor said the 83 extremists died while more than 100 were left wounded.",
     [("killed", 83, 83, "fighters", "the 83 extremists", None),
      ("injured", 101, None, "fighters", "more than 100", "more than")]),
    # a second figure in the sentence: its own verb, or the verb left out ("and another five outside X")
    ("The strikes killed 14 jihadists in Raqqa and five civilians in the villages nearby.",
     [("killed", 14, 14, "fighters", "14 jihadists", None), ("killed", 5, 5, "civilians", "five civilians", None)]),
    ("30 militants were killed around the town and another five outside the border crossing.",
     [("killed", 30, 30, "fighters", "30 militants", None), ("killed", 5, 5, "fighters", "another five", None)]),
    ("Five more civilians were killed in the town and one in the next village.",
     [("killed", 5, 5, "civilians", "Five more civilians", None), ("killed", 1, 1, "civilians", "one", None)]),
    # parts that make one claim: summed, the parts kept
    ("The strike killed 17 militants and a child.",
     [("killed", 18, 18, "unknown", "17 militants and a child", None)]),
    ("At least 50 fighters and two civilians were killed Tuesday in clashes.",
     [("killed", 52, None, "unknown", "At least 50 fighters and two civilians", "at least")]),
    ("Five women and a child have been killed in the camp.",
     [("killed", 6, 6, "civilians", "Five women and a child", None)]),
    ("Another man and a woman were killed in rocket fire.",
     [("killed", 2, 2, "unknown", "Another man and a woman", None)]),
    ("Syria air strikes kill 10 children 5 women in Aleppo",
     [("killed", 15, 15, "civilians", "10 children 5 women", None)]),
    ("The raid killed 20 people, 12 soldiers and 8 civilians.",  # the first is the total of the others
     [("killed", 20, 20, "unknown", "20 people", None)]),
    # a count noun a few words back is tried last; a verb of its own comes first
    ("Tags: civilian casualties Hama At least 25 civilians have been killed by airstrikes.",
     [("killed", 25, None, "civilians", "At least 25 civilians", "at least")]),
    ("Twenty-five people fell as martyrs and more than 107 others were wounded.",
     [("killed", 25, 25, "unknown", "Twenty-five people", None),
      ("injured", 108, None, "unknown", "more than 107 others", "more than")]),
    ("Of the 45 civilians killed the most were in the old city.",
     [("killed", 45, 45, "civilians", "the 45 civilians", None)]),
    ("At least 223 fighters and 28 troops had been killed as well as 41 civilians.",
     [("killed", 292, None, "unknown", "At least 223 fighters and 28 troops had been killed as well as 41 civilians",
       "at least")]),
    # a casualty adjective before the noun, unless a verb before it says more; a quoted noun phrase
    ("Hundreds of badly injured civilians are at hospitals throughout the city.",
     [("injured", 200, None, "civilians", "Hundreds of badly injured civilians", None)]),
    ("The group left behind scores of dead and wounded members.",
     [("casualties", 40, None, "unknown", "scores of dead and wounded members", None)]),
    ("The rebels executed 3 wounded soldiers.", [("killed", 3, 3, "soldiers", "3 wounded soldiers", None)]),
    ('State television said "tens of terrorists" had been killed in the attack.',
     [("killed", 20, None, "fighters", "tens of terrorists", None)]),
    # a person noun that modifies another is no person; people in brackets after a figure are its parts
    ("The death toll of a terrorist attack near the city surpasses 130 people.",
     [("killed", 130, 130, "unknown", "130 people", None)]),
    ("The blast took the lives of 2 women (a nurse and a hospital employee) as well as 2 soldiers.",
     [("killed", 4, 4, "unknown", "2 women (a nurse and a hospital employee) as well as 2 soldiers", None)]),
    # text whose commas and datelines are glued: headlines, "SANA-14", "killed 47 the Observatory said"
    ("Damascus SANA-14 people were killed when shells hit the school.",
     [("killed", 14, 14, "unknown", "14 people", None)]),
    ("Aleppo SANA-One civilian was killed while 16 others were injured.",
     [("killed", 1, 1, "civilians", "One civilian", None), ("injured", 16, 16, "civilians", "16 others", None)]),
    ("The blast killed 47 the opposing UK-based Observatory reported.", [("killed", 47, 47, "unknown", "47", None)]),
    ("Nine persons killed 12 injured in terrorist attack",
     [("killed", 9, 9, "unknown", "Nine persons", None), ("injured", 12, 12, "unknown", "12", None)]),
    ("60 Terrorists Killed Tens Injured in the ambush",
     [("killed", 60, 60, "fighters", "60 Terrorists", None), ("injured", 20, None, "fighters", "Tens", None)]),
    ("Syria air strikes kill 32 Monitor", [("killed", 32, 32, "unknown", "32", None)]),
    ("18 IS jihadists killed fighting Kurds Monitor", [("killed", 18, 18, "fighters", "18 IS jihadists", None)]),
    ("At least 23 ISIS (Daesh) militants have been killed by artillery fire.",
     [("killed", 23, None, "fighters", "At least 23 ISIS (Daesh) militants", "at least")]),
    ("The shells fell on the market leaving eight people injured a police source said.",
     [("injured", 8, 8, "unknown", "eight people", None)]),
    # nobody hurt is a claim of 0
    ("No one was killed in the strike.", [("killed", 0, 0, "unknown", "No one", None)]),
    ("There were no casualties, the coalition said.",
     [("killed", 0, 0, "unknown", "no casualties", None), ("injured", 0, 0, "unknown", "no casualties", None)]),
    ("The explosions caused no human casualties but left huge damage.",
     [("killed", 0, 0, "unknown", "no human casualties", None),
      ("injured", 0, 0, "unknown", "no human casualties", None)]),
    ("There were no injuries.", [("injured", 0, 0, "unknown", "no injuries", None)]),
    ("No civilians were hurt in the raid.", [("injured", 0, 0, "civilians", "No civilians", None)]),
    ("Five people died and no one was injured.",
     [("killed", 5, 5, "unknown", "Five people", None), ("injured", 0, 0, "unknown", "no one", None)]),
    # a month before a qualifier dates nothing; a word before a number written out is no reference
    ("In May more than 60 civilians were killed by barrel bombs.",
     [("killed", 61, None, "civilians", "more than 60 civilians", "more than")]),
    ("Earlier on the day four people were injured in mortar fire.",
     [("injured", 4, 4, "unknown", "four people", None)]),
    ("The Kremlin said all five people on board were assumed dead.",
     [("killed", 5, 5, "unknown", "all five people", None)]),
    ("Peshmerga shoot dead six ISIS suicide bombers west of Kirkuk",
     [("killed", 6, 6, "fighters", "six ISIS suicide bombers", None)]),
    # verbs that count only people ("destroyed over 60 terrorists", "lost 15 militants")
    ("The forces destroyed over 60 terrorists.", [("killed", 61, None, "fighters", "over 60 terrorists", "more than")]),
    ("ISIL also lost 15 militants in the attack.", [("killed", 15, 15, "fighters", "15 militants", None)]),
    # more parts of one claim: "and their father", "along with", "tens of others"
    ("Chlorine gas killed the four siblings and their father.",
     [("killed", 5, 5, "civilians", "the four siblings and their father", None)]),
    ("At least 29 fighters were killed along with six terrorists, the monitor said.",
     [("killed", 35, None, "fighters", "At least 29 fighters were killed along with six terrorists", "at least")]),
    ("Over 60 terrorists were killed and tens of others were wounded.",
     [("killed", 61, None, "fighters", "Over 60 terrorists", "more than"),
      ("injured", 20, None, "fighters", "tens of others", None)]),
    ("The attacks caused material damage only without any human casualties.",
     [("killed", 0, 0, "unknown", "without any human casualties", None),
      ("injured", 0, 0, "unknown", "without any human casualties", None)]),
]

PHRASINGS_REJECTED = [
    # numbers that are no counts of people: years, ages, ids, money, percentages, units, times, measures
    "The 2017 attack killed civilians.",
    "A 14-year-old girl was not harmed; civilians were killed.",
    "Security Council Resolution 2254 condemned the killing.",
    "Traffic on Route 4 stopped after civilians were killed.",
    "Brigade 47 killed civilians in the village.",
    "The 17th Division lost soldiers killed.",
    "It cost $5 million to bury those killed.",
    "The strikes killed 40% of the residents.",
    "Unit 8200 reported that civilians were killed.",
    "He was killed by 2 F-16s.",
    "The SU-24 jets killed civilians.",
    "The strike destroyed 60 vehicles and killed civilians.",
    "The US has lost 4 drones and its allies were killed.",
    "The army destroyed 60 and killed civilians.",  # "destroyed" counts people only before a person noun
    # parts of a toll are not tolls, identifications are not counts
    "One of the dead was a child.",
    "One of those killed was a local doctor.",
    "Five children were among the dead.",
    "17 of the dead were children.",
    "The dead included a child, the monitor said.",
    # people no casualty word governs
    "A man carries an injured girl after an airstrike.",
    "The soldier told reporters that civilians were killed.",
    "Three suicide bombers attacked the base and were repelled by guards who killed civilians.",
    "Three suicide bombers killed the guards near the headquarters.",
    # nobody hurt? not claimed
    "There were no immediate reports of casualties.",
    "There was no word on casualties.",
    "Three civilians were not killed, the coalition said.",
    # a number with a verb of its own that is no casualty verb
    "Civilians were killed and at least 60000 are missing.",
]

# A figure these sentences give must not take the number named: (sentence, number)
NUMBERS_REJECTED = [
    ("Three suicide bombers killed at least two people near the headquarters.", 3),  # the agents are no victims
    ("25 militants including one of its leaders were killed.", 1),  # a part, not a second toll
    ("More than 200000 people have died and at least 60000 are missing.", 260001),
    ("The death toll rose to 32 and more than 115 wounded persons were taken to hospital.", 115),
    ("Published February 23 2015 A suicide bomber killed four people.", 2015),
    ("The blast killed 12 people, 5 of them children.", 17),
]


@pytest.mark.parametrize("sentence, expected", PHRASINGS)
def test_phrasings(sentence, expected):
    assert brief(find_figures(sentence)) == expected


@pytest.mark.parametrize("sentence", PHRASINGS_REJECTED)
def test_phrasings_that_give_no_figure(sentence):
    assert find_figures(sentence) == []


@pytest.mark.parametrize("sentence, number", NUMBERS_REJECTED)
def test_numbers_that_are_not_the_figure(sentence, number):
    figures = find_figures(sentence)
    assert figures and all(number not in (f.min, f.max) for f in figures)


def test_a_summed_toll_keeps_its_parts():
    (f,) = find_figures("The strike killed 17 militants and a child, the monitor said.")
    assert (f.min, f.max, f.victims) == (18, 18, "unknown")
    assert [(p.min, p.victims, p.text) for p in f.parts] == [(17, "fighters", "17 militants"),
                                                             (1, "civilians", "a child")]


def test_a_total_before_its_parts_keeps_them():
    (f,) = find_figures("The raid killed 20 people, 12 soldiers and 8 civilians.")
    assert (f.min, [p.min for p in f.parts]) == (20, [12, 8])


@pytest.mark.parametrize("sentence, spans", [(s, None) for s, _ in PHRASINGS])
def test_phrasing_spans_point_into_the_article(sentence, spans):
    offset = 99
    article = "y" * offset + sentence
    for f in find_figures(sentence, offset=offset):
        assert article[f.start:f.end] == f.text
        assert all(article[p.start:p.end] == p.text for p in f.parts)


@pytest.mark.parametrize("sentence, expected", CASES + STYLES)
def test_find_figures(sentence, expected):
    assert brief(find_figures(sentence)) == expected


@pytest.mark.parametrize("sentence, details", [
    ("Twenty civilians, including women and children, have been killed", [("including women and children",)]),
    ("killing 7 civilians, mostly women and children", [("mostly women and children",)]),
    ("11 civilians, including three women and five children, were killed",
     [("including three women and five children",)]),
    ("had killed 23 civilians, including 17 people of the same family, after firing",
     [("including 17 people of the same family",)]),
    ("causing the death of more than 60 civilians and the injury of dozens, the most of whom were children, women "
     "and elderly men.", [(), ("the most of whom were children, women and elderly men",)]),
    ("at least 30 were killed and that most of the dead were women and children.",
     [("most of the dead were women and children",)]),
    ("12 civilians were killed, among them 4 children, and 20 others injured",
     [("among them 4 children",), ()]),
    ("killing 12 civilians, 5 of them children", [("5 of them children",)]),
    ("Some outlets put the death toll as high as 80 while others suggest 62 soldiers were killed.", [(), ()]),
])
def test_details_are_the_breakdowns_as_written(sentence, details):
    assert [f.details for f in find_figures(sentence)] == details


# ---------------------------------------------------------------- breakdowns are not totals

@pytest.mark.parametrize("sentence, expected", [
    ("Local sources told SANA that nine children and eight women were among the dead after an airstrike.",
     [("nine children and eight women", "killed", "civilians")]),
    ("Among the dead were seven children, the monitor said.",
     [("Among the dead were seven children", "killed", "civilians")]),
    ("17 of the dead were children, the monitor said.", [("17 of the dead were children", "killed", "civilians")]),
    ("Western media reports have claimed that Daesh militants were among the dead.",
     [("Daesh militants", "killed", "fighters")]),
    ("Three soldiers were among the wounded.", [("Three soldiers", "injured", "soldiers")]),
    ("killing 7 civilians, mostly women and children", [("mostly women and children", None, "civilians")]),
    ("its use of internationally banned weapons, including white phosphorus bombs.", []),
    ("according to various sources including Human Rights Watch.", []),
    ("", []),
])
def test_breakdowns(sentence, expected):
    assert [(b.text, b.kind, b.victims) for b in breakdowns(sentence)] == expected


@pytest.mark.parametrize("sentence", [
    "Local sources told SANA that nine children and eight women were among the dead after an airstrike.",
    "Among the dead were seven children, the monitor said.",
    "17 of the dead were children, the monitor said.",
    "Four of them were children.",
    "No statement has been made about the number of wounded people.",
])
def test_a_breakdown_alone_is_no_figure(sentence):
    assert find_figures(sentence) == []


def test_breakdown_spans_carry_the_offset():
    sentence = "killing 7 civilians, mostly women and children"
    (b,) = breakdowns(sentence, offset=1000)
    assert sentence[b.start - 1000:b.end - 1000] == b.text == "mostly women and children"


def test_breakdown_numbers_are_never_added_to_the_total():
    (f,) = find_figures("11 civilians, including three women and five children, were killed")
    assert (f.min, f.max) == (11, 11)
    (f,) = find_figures("killed 23 civilians, including 17 people of the same family")
    assert (f.min, f.max) == (23, 23)


# ---------------------------------------------------------------- victims

@pytest.mark.parametrize("noun, victims", [
    ("civilians", "civilians"), ("citizens", "civilians"), ("women", "civilians"), ("children", "civilians"),
    ("residents", "civilians"), ("displaced people", "civilians"), ("displaced", "civilians"),
    ("members of one family", "civilians"), ("family members", "civilians"), ("rescuers", "civilians"),
    ("soldiers", "soldiers"), ("troops", "soldiers"), ("servicemen", "soldiers"), ("army soldiers", "soldiers"),
    ("pro-government forces", "soldiers"), ("government forces", "soldiers"), ("SAA soldiers", "soldiers"),
    ("army personnel", "soldiers"), ("regime forces", "soldiers"),
    ("fighters", "fighters"), ("militants", "fighters"), ("jihadists", "fighters"), ("ISIS members", "fighters"),
    ("members of ISIS", "fighters"), ("Daesh terrorists", "fighters"), ("insurgents", "fighters"),
    ("combatants", "fighters"), ("SDF fighters", "fighters"), ("rebels", "fighters"),
    ("people", "unknown"), ("persons", "unknown"), ("men", "unknown"), ("members", "unknown"),
    ("victims", "unknown"),
])
def test_victims_from_the_figures_own_noun(noun, victims):
    (f,) = find_figures(f"The strike killed 14 {noun} on Friday.")
    assert f.victims == victims and f.text == f"14 {noun}"


@pytest.mark.parametrize("sentence, victims", [
    ("Some outlets put the death toll as high as 80 while others suggest 62 soldiers were killed.",
     ["soldiers", "soldiers"]),
    ("at least 30 were killed and most of the dead were women and children.", ["civilians"]),
    ("at least 30 were killed, including 5 children.", ["unknown"]),  # some children: not all civilians
    ("The strikes on Syrian civilians left 40 dead.", ["civilians"]),
    ("The strikes on civilians and fighters left 40 dead.", ["unknown"]),  # the sentence names two: no guess
    ("killed 12 civilians and 3 soldiers, bringing the toll to 15", ["unknown", "unknown"]),  # a sum of two kinds
    ("the civilian death toll rose to 19", ["civilians"]),
    ("20 people were killed, mostly women and children.", ["unknown"]),  # "people" is the figure's own word
])
def test_victims_when_the_figure_names_none(sentence, victims):
    assert [f.victims for f in find_figures(sentence)] == victims


# ---------------------------------------------------------------- what is not a figure

@pytest.mark.parametrize("sentence", [
    "More than 256 thousand students take secondary education certificate final exams",
    "Damascus, SANA- More than 256 thousand students started on Wednesday to take their exams, killing time.",
    "The UN Security Council should implement its resolutions, especially resolution No.2253, to stop the killing.",
    "The U.S. has occupied a 34-mile zone surrounding that facility where soldiers were killed.",
    "its occupation of more than 30 percent of Syrian territory, killing civilians",
    "The attack was conducted by 4 U.S. warplanes that killed soldiers.",
    "The airstrikes targeted a camp containing hundreds of civilians who fled the coalition’s shelling, killing many.",
    "The bombings resulted in dozens of houses in the towns collapsing, resulting in numerous civilian deaths.",
    "the US-led warplanes had targeted dozens of families, who were fleeing from areas where people were killed.",
    "The coalition has been conducting airstrikes since September 2014, killing civilians.",
    "The Difference it Makes: 36 Reasons Why Hillary Clinton Should Never Be President, on killings.",
    "His radio show can be found every Monday night 9 pm EST, on the dead.",
    "Turbeville has published over 850 articles on killings.",
    "the last of which was on December 16th, 2018, when the strikes killed civilians.",
    "Article 1159 of the law on killings.",
    "In two letters sent by the Ministry, the dead were named.",
    "This is the second time this year that the U.S. Air Force has killed soldiers.",
    "This attack took place in less than 48 hours after shelling, killing civilians.",
    "On the 22nd of August the strikes killed civilians.",
    "Three civilians were not killed, the coalition said.",
    "Rescuers saved 30 lives after the strike.",
    "The bombing killed 5 ISIS positions.",
    "A 12-year-old boy was not killed.",
    "killing several soldiers",
    "resulting in numerous civilian deaths",
    "He said 150 families fled the town, before the killing.",
    "The strike on 12 May killed civilians.",
    "killed in 2 strikes on the town",
    "It costs $5 million to rebuild after the killings.",
    "The F-16 strike killed civilians.",
    "In 2017 civilians were killed.",
    "The US-led Coalition has carried out 34,000 strikes and killed civilians.",
    "The strike on 15/11/2018 killed civilians.",
    "Civilians were killed at 10:30 on Friday.",
    "Thousands of strikes killed civilians 2014-2019.",
    "The strikes killed civilians from 2014 to 2019.",
    "killing 40% of the residents",
    "20 percent of the dead were children",
    "Two strikes killed civilians in 3 villages.",
    "He was killed by 2 F-16s.",
    "The US has lost 4 drones and its allies were killed.",
])
def test_must_not_find_a_figure(sentence):
    assert find_figures(sentence) == []


def test_a_sentence_without_casualty_words_has_no_figure():
    assert find_figures("20 people gathered in the square and 30 soldiers watched.") == []


# ---------------------------------------------------------------- spans, order, values

@pytest.mark.parametrize("sentence, _", CASES + STYLES)
def test_spans_point_into_the_article(sentence, _):
    offset = 4321
    article = "x" * offset + sentence
    figures = find_figures(sentence, offset=offset)
    for f in figures:
        assert article[f.start:f.end] == f.text
        assert f.min is None or f.max is None or f.min <= f.max
    assert [f.start for f in figures] == sorted(f.start for f in figures)


def test_figure_validates_itself():
    ok = dict(kind="killed", min=1, max=2, victims="civilians", text="x", start=0, end=1)
    Figure(**ok)
    for field, bad in [("kind", "dead"), ("victims", "women"), ("min", -1), ("max", -3), ("start", 5),
                       ("qualifier", "roughly"), ("details", ["a list"]), ("min", 1.5)]:
        with pytest.raises(ValueError, match=field):
            Figure(**{**ok, field: bad})
    with pytest.raises(ValueError, match="min"):
        Figure(**{**ok, "min": 3, "max": 2})
    for bad_parts in (["a list"], ("a string",)):
        with pytest.raises(ValueError, match="parts"):
            Figure(**{**ok, "parts": bad_parts})
    assert Figure(**{**ok, "parts": (Figure(**ok),)}).parts[0].min == 1


def test_breakdown_validates_itself():
    Breakdown("x", 0, 1, "killed", "civilians")
    with pytest.raises(ValueError, match="kind"):
        Breakdown("x", 0, 1, "dead")
    with pytest.raises(ValueError, match="victims"):
        Breakdown("x", 0, 1, None, "women")


# ---------------------------------------------------------------- the sample corpus

def _gold(shared):
    """(incident id, account) for every account of the person's reading of the corpus."""
    path = shared / "eval" / "seed_gold.jsonl"
    if not path.is_file():
        pytest.skip("no gold file beside the corpus")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row["id"], a) for row in rows for a in row["accounts"]]


def test_every_gold_account_figure_is_found(shared):
    exact_victims = 0
    for incident, a in _gold(shared):
        figures = find_figures(a["quote"])
        got = {(f.kind, f.min, f.max) for f in figures}
        for kind in ("killed", "injured"):
            if a[f"{kind}_min"] is not None or a[f"{kind}_max"] is not None:
                assert (kind, a[f"{kind}_min"], a[f"{kind}_max"]) in got, (incident, a["quote"])
        if a["casualties_min"] is not None:
            assert any(k == "casualties" and lo == a["casualties_min"] for k, lo, _ in got), incident
        victims = {f.victims for f in figures}
        assert victims <= {a["victims"], "unknown"}, (incident, victims)  # unknown is honest, a wrong class is not
        exact_victims += a["victims"] in victims
    assert exact_victims >= 15


def test_corpus_numbers_that_are_not_casualties_stay_out(shared):
    corpus = shared / "corpus"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    if not texts:
        pytest.skip("no corpus texts")
    found = [f.text for text in texts for line in text.splitlines() for f in find_figures(line)]
    assert found, "the corpus reports casualties"
    for bad in ("256", "2253", "34", "30 percent", "4 U.S.", "850", "36", "2014", "2017", "2018", "9 pm", "48",
                "hundreds of civilians", "dozens of houses", "dozens of families", "22", "16"):
        assert not any(text.startswith(bad) for text in found), bad


# ---------------------------------------------------------------- hostile text

HOSTILE = [
    "", " ", "\n\n", "\x00killed 12\x00", "9" * 100_000, "killed " + "9" * 100_000, "killed " * 20_000,
    "1," * 50_000 + " killed", "killed 12 civilians, including 3 children, " * 2_500,
    "\u202e\u200bkilled 30 civilians", "killed \ud800 12", "x" * 100_000, "killed 99999999999999999999 people",
    "killed twenty " * 10_000, "and " * 30_000 + "killed", "“" * 50_000 + "dozens” killed", "killed " + "a " * 40_000,
    ", " * 40_000 + "were killed", "( " * 30_000 + "12 killed",
    "including " + "women and " * 20_000 + "children were among the dead", "killed " + " " * 100_000 + "12",
    "most of the dead were " + "women, " * 20_000, "12 " * 30_000 + "killed", "killed one " * 10_000,
    "of the dead were children " * 4_000, "İİİ killed 12 ǅ civilians ﬃ", "ß" * 1000 + " killed 3",
    "killed\t12\u00a0civilians", "killed 1,2,3,4,5,6,7,8,9 people", "killed -5 people", "killed 0 people",
    "killed 𝟏𝟐 people", "killed ١٢٣٤٥٦٧٨٩٠١٢٣ people", "12 were killed and most of the dead were women. " * 3_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_does_not_break_anything(text):
    figures = find_figures(text, offset=7)
    parts = breakdowns(text)
    parse_quantity(text)
    assert isinstance(figures, list) and isinstance(parts, list)
    for f in figures:
        assert text[f.start - 7:f.end - 7] == f.text
        assert f.min is None or f.min <= MAX_COUNT


# 100,000 repeats of a phrase: every pattern is linear, and a sentence's first MAX_QUANTITIES numbers are read
REPEATED = [
    ("killed 12 civilians and ", 12), ("no casualties ", 0), ("killing its pilot and ", 1),
    ("brought to 49 the number killed ", 49), ("those killed included 11 people ", 11), ("no one was killed ", 0),
    ("14 residents of the village in the countryside ", None), ("at least 10 and as many as 60 ", None),
    ("the death toll from the attack ", None), ("SANA-14 ", None), ("a woman and ", None),
    ("including one of its leaders ", None), ("and another five outside ", None), ("(daesh) ", None),
    ("a 12-year-old ", None), ("put the toll at ", None), ("IS ", None), ("reportedly ", None),
    ("dozens of badly injured civilians, ", 24), ("2 women (a nurse and ", None),
]


@pytest.mark.parametrize("phrase, value", REPEATED, ids=[p.strip() for p, _ in REPEATED])
def test_a_phrase_repeated_100k_times(phrase, value):
    text = phrase * 100_000
    figures = find_figures(text, offset=3)
    assert isinstance(breakdowns(text), list) and parse_quantity(text) is None
    assert len(figures) <= 2 * MAX_QUANTITIES
    assert all(text[f.start - 3:f.end - 3] == f.text for f in figures)
    if value is None:
        assert figures == []
    else:
        assert figures and {f.min for f in figures} == {value}


def test_huge_numbers_are_refused_not_capped():
    assert find_figures("killed 99999999999999999999 people") == []
    assert find_figures(f"killed {MAX_COUNT + 1:,} people") == []
    (f,) = find_figures(f"killed {MAX_COUNT:,} people")
    assert f.min == MAX_COUNT


def test_non_strings_give_nothing():
    assert find_figures(None) == [] and breakdowns(None) == []  # type: ignore[arg-type]


# ---------------------------------------------------------------- the vocabulary file

def test_the_vocabulary_loads_without_its_notes():
    vocab = load_vocabulary()
    assert {"forms", "qualifiers", "victims", "governors", "after", "count_nouns", "breakdowns"} <= set(vocab)

    def keys(value):
        return [k for k, v in value.items() for k in [k, *keys(v)]] if isinstance(value, dict) else []
    assert not [k for k in keys(vocab) if k.startswith("_")]


def test_every_vocabulary_word_is_lower_case_and_trimmed():
    def words(value):
        if isinstance(value, dict):
            return [w for v in value.values() for w in words(v)]
        if isinstance(value, list):
            return [w for v in value for w in words(v)]
        return [value] if isinstance(value, str) else []
    vocab = load_vocabulary()
    vocab["stop_words"].pop("names_in_capitals")  # "IS", the group, is written in capitals
    found = words({k: v for k, v in vocab.items() if k != "not_figures"})
    assert found and all(w == w.strip() and w == w.lower() and "  " not in w for w in found)


@pytest.mark.parametrize("content, reason", [
    ("{not json", "cannot read"),
    ("[1, 2]", "JSON object"),
])
def test_an_unusable_vocabulary_file_is_named(tmp_path, content, reason):
    path = tmp_path / "figures.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=reason) as e:
        load_vocabulary(path)
    assert str(path) in str(e.value)


def test_a_missing_vocabulary_file_is_named(tmp_path):
    with pytest.raises(ValueError, match=re.escape(str(tmp_path / "none.json"))):
        load_vocabulary(tmp_path / "none.json")


def test_the_vocabulary_ships_beside_the_module():
    assert VOCABULARY_FILE.is_file() and VOCABULARY_FILE.parent.name == "vocab"
