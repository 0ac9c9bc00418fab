"""One test per grammar pattern of who-claimed-which-number, each on sentences written for it in four or more wars.

The sentences are the team's own (no evaluation text is quoted); they run the real Stanza pipeline with the project's
own models, then the claim rules. A figure is expected as (speaker side, value, measure, qualifier, target side,
target group); ``None`` in the speaker side means the text names no claimant.
"""

from __future__ import annotations

import pytest
from claimgraph.ontology.claim import ArticleInput

Figure = tuple[str | None, int | None, str, str | None, str | None, str]


@pytest.fixture(scope="module")
def extract(pipeline):
    def run(text: str) -> list[dict]:
        return [c.to_interchange() for c in pipeline.process(ArticleInput(name="t", text=text)).claims]

    return run


def figures(claims: list[dict]) -> set[Figure]:
    return {
        (
            c["speaker"]["side"] if c["speaker"] else None,
            c["value"],
            c["measure"],
            c["qualifier"],
            c["target"]["side"] if c["target"] else None,
            c["target"]["group"] if c["target"] else None,
        )
        for c in claims
        if c["measure"] is not None
    }


def check(extract, text: str, expected: list[Figure]) -> list[dict]:
    claims = extract(text)
    found = figures(claims)
    missing = [f for f in expected if f not in found]
    assert not missing, f"missing {missing}; found {sorted(found, key=str)}"
    return claims


# Pattern 1: the figure sits inside the reported clause, away from the reporting verb.
REPORTED_CLAUSE = {
    "ethiopia": (
        "قال الجيش الإثيوبي إن 7 من جنوده قتلوا في كمين نصبه مقاتلو جبهة تحرير شعب تيغراي.",
        [("ET", 7, "killed", "exact", "ET", "soldiers")],
    ),
    "somalia": (
        "أعلنت حركة الشباب أن خسائر العدو في الهجوم بلغت 60 قتيلا.",
        [("ALSHABAAB", 60, "killed", "exact", "SO", "people")],
    ),
    "india-pakistan": (
        "قالت وزارة الدفاع الهندية إن القصف الباكستاني أسفر عن مقتل 4 مدنيين في كشمير.",
        [("IN", 4, "killed", "exact", "IN", "civilians")],
    ),
    "sudan": (
        "أعلن الجيش السوداني أن 14 من جنوده قتلوا في هجوم شنته قوات الدعم السريع على مدينة الأبيض.",
        [("SD", 14, "killed", "exact", "SD", "soldiers")],
    ),
}


@pytest.mark.parametrize("war", sorted(REPORTED_CLAUSE))
def test_pattern_figure_inside_reported_clause(extract, war: str) -> None:
    check(extract, *REPORTED_CLAUSE[war])


# Pattern 2: several figures after one verb; the measure holds until a new loss word; «آخرون» takes the group.
LISTS = {
    "russia-ukraine": (
        "أكدت وزارة الدفاع الروسية أن قواتها دمرت 12 دبابة، و7 منظومات دفاع جوي، و30 طائرة مسيرة، "
        "وقتلت أكثر من 400 جندي أوكراني.",
        [
            ("RU", 12, "destroyed", "exact", "UA", "tanks"),
            ("RU", 7, "destroyed", "exact", "UA", "air_defence_systems"),
            ("RU", 30, "destroyed", "exact", "UA", "drones"),
            ("RU", 400, "killed", "more_than", "UA", "soldiers"),
        ],
    ),
    "sudan": (
        "وقالت قوات الدعم السريع إنها دمرت 8 دبابات و5 عربات مدرعة، وأسرت 40 جنديا من الجيش السوداني.",
        [
            ("RSF", 8, "destroyed", "exact", "SD", "tanks"),
            ("RSF", 5, "destroyed", "exact", "SD", "armoured_vehicles"),
            ("RSF", 40, "captured", "exact", "SD", "soldiers"),
        ],
    ),
    "lebanon": (
        "قالت وزارة الصحة اللبنانية إن غارة إسرائيلية أدت إلى مقتل 5 أشخاص وأصيب 20 آخرون.",
        [("LB", 5, "killed", "exact", "LB", "people"), ("LB", 20, "wounded", "exact", "LB", "people")],
    ),
    "israel-hezbollah": (
        "أعلن الجيش الإسرائيلي أنه قتل 12 عنصرا من حزب الله وأصيب 3 من جنوده.",
        [
            ("IL", 12, "killed", "exact", "HEZBOLLAH", "fighters"),
            ("IL", 3, "wounded", "exact", "IL", "soldiers"),
        ],
    ),
}


@pytest.mark.parametrize("war", sorted(LISTS))
def test_pattern_lists_share_their_verb_until_a_new_one(extract, war: str) -> None:
    check(extract, *LISTS[war])


# Pattern 3: number forms — duals, a singular noun, words, Arabic-Indic digits, digit–word mixes, ranges, vague.
NUMBER_FORMS = {
    "dual-and-singular-pakistan": (
        "أعلن الجيش الباكستاني مقتل جنديين وإصابة مدني في قصف هندي على الحدود.",
        [("PK", 2, "killed", "exact", "PK", "soldiers"), ("PK", 1, "wounded", "exact", "PK", "civilians")],
    ),
    "dual-of-a-phrase-yemen": (
        "قال الحوثيون إن قواتهم أسقطت طائرتين مسيرتين سعوديتين.",
        [("HOUTHI", 2, "destroyed", "exact", "SA", "drones")],
    ),
    "arabic-indic-ukraine": (
        "قالت هيئة الأركان الأوكرانية إن القوات الروسية فقدت ٢٣٠٠ جندي خلال أسبوع.",
        [("UA", 2300, "casualties", "exact", "RU", "soldiers")],
    ),
    "digit-word-mix-syria": (
        "أفاد المرصد السوري لحقوق الإنسان بأن عدد القتلى بلغ 215 ألفا و518 شخصا.",
        [("NGO", 215518, "killed", "exact", None, "people")],
    ),
    "words-and-teens-mali": (
        "أعلنت وزارة الدفاع المالية مقتل أحد عشر مسلحا وثلاثة جنود في هجوم وسط البلاد.",
        [("ML", 11, "killed", "exact", None, "militants"), ("ML", 3, "killed", "exact", "ML", "soldiers")],
    ),
    "range-somalia": (
        "أعلنت حركة الشباب أن مقاتليها قتلوا ما بين 120 و130 جنديا صوماليا.",
        [("ALSHABAAB", 120, "killed", "range", "SO", "soldiers")],
    ),
    "vague-syria": (
        "قال المرصد السوري لحقوق الإنسان إن عشرات المسلحين قتلوا في ريف إدلب.",
        [("NGO", None, "killed", "dozens", None, "militants")],
    ),
    "some-libya": (
        "أعلنت القيادة العامة للجيش الوطني الليبي مقتل بضعة مقاتلين من قوات حكومة الوحدة الوطنية.",
        [("LNA", None, "killed", None, "GNA", "fighters")],
    ),
}


@pytest.mark.parametrize("form", sorted(NUMBER_FORMS))
def test_pattern_number_forms(extract, form: str) -> None:
    check(extract, *NUMBER_FORMS[form])


def test_pattern_range_keeps_its_upper_bound(extract) -> None:
    claims = check(extract, *NUMBER_FORMS["range-somalia"])
    assert {c["value_max"] for c in claims if c["qualifier"] == "range"} == {130}


# Pattern 4: loss words beyond قتل and جرح.
LOSS_WORDS = {
    "lost-ukraine": (
        "قالت هيئة الأركان الأوكرانية إن القوات الروسية فقدت ٢٣٠٠ جندي خلال أسبوع.",
        [("UA", 2300, "casualties", "exact", "RU", "soldiers")],
    ),
    "downed-yemen": (
        "قالت جماعة الحوثي إن قواتها أسقطت طائرة مسيرة أمريكية فوق مأرب.",
        [("HOUTHI", 1, "destroyed", "exact", "US", "drones")],
    ),
    "displaced-sudan": (
        "قالت الأمم المتحدة إن نحو 15 ألف شخص نزحوا من مدينة الفاشر.",
        [("INTL", 15000, "displaced", "about", "SD", "people")],  # people of the town they fled
    ),
    "captured-ethiopia": (
        "أعلن الجيش الإثيوبي أنه قتل 200 من مقاتلي جبهة تحرير شعب تيغراي، وأسر 50 آخرين.",
        [("ET", 200, "killed", "exact", "TPLF", "fighters"), ("ET", 50, "captured", "exact", "TPLF", "fighters")],
    ),
    "neutralised-turkey": (
        "أعلنت وزارة الدفاع التركية تحييد 9 عناصر من حزب العمال الكردستاني شمالي العراق.",
        [("TR", 9, "neutralised", "exact", "PKK", "fighters")],
    ),
}


@pytest.mark.parametrize("word", sorted(LOSS_WORDS))
def test_pattern_loss_words(extract, word: str) -> None:
    check(extract, *LOSS_WORDS[word])


# Pattern 5: whose losses — own («من جنوده»), the opponent («العدو», what one's forces did), a nisba, a group named.
WHOSE_LOSSES = {
    "own-ethiopia": REPORTED_CLAUSE["ethiopia"],
    "enemy-somalia": REPORTED_CLAUSE["somalia"],
    "doer-russia": LISTS["russia-ukraine"],
    "named-group-israel": LISTS["israel-hezbollah"],
    "nisba-gaza": (
        "أعلنت وزارة الصحة في غزة استشهاد ٤٥ فلسطينيا خلال الساعات الماضية.",
        [("PS", 45, "killed", "exact", "PS", "people")],
    ),
}


@pytest.mark.parametrize("case", sorted(WHOSE_LOSSES))
def test_pattern_whose_losses(extract, case: str) -> None:
    check(extract, *WHOSE_LOSSES[case])


# Pattern 6: speakers — the frame that governs the clause, the speaker at the end, continuation, relays.
def test_pattern_speaker_at_the_end(extract) -> None:
    check(
        extract,
        "وأسفرت المعارك عن مقتل 25 جنديا أوكرانيا، حسبما أعلنت وزارة الدفاع الروسية.",
        [("RU", 25, "killed", "exact", "UA", "soldiers")],
    )
    check(
        extract,
        "قتل 35 مدنيا في قصف مدفعي على مدينة الفاشر، بحسب ما أعلنت وزارة الصحة السودانية.",
        [("SD", 35, "killed", "exact", "SD", "civilians")],
    )


def test_pattern_speaker_carried_by_wa_adafa(extract) -> None:
    claims = check(
        extract,
        "أعلنت وزارة الدفاع الأوكرانية إسقاط 40 طائرة مسيرة روسية. وأضافت الوزارة أن الدفاعات الجوية اعترضت "
        "5 صواريخ كروز.",
        [
            ("UA", 40, "destroyed", "exact", "RU", "drones"),
            ("UA", 5, "destroyed", "exact", "RU", "cruise_missiles"),
        ],
    )
    assert {c["speaker"]["id"] for c in claims if c["value"]} == {"ua-ministry-of-defence"}


def test_pattern_relay_outlet_is_via(extract) -> None:
    [claim] = [
        c
        for c in check(
            extract,
            "نقلت وكالة رويترز عن مصدر عسكري باكستاني أن 6 جنود قتلوا في الاشتباكات.",
            [("PK", 6, "killed", "exact", "PK", "soldiers")],
        )
        if c["value"]
    ]
    assert [v["id"] for v in claim["via"]] == ["Q130879"]


def test_pattern_agency_spoken_to_is_via(extract) -> None:
    [claim] = [
        c
        for c in check(
            extract,
            "قال مسؤول في الجيش الإسرائيلي لوكالة فرانس برس إن 3 جنود أصيبوا بجروح.",
            [("IL", 3, "wounded", "exact", "IL", "soldiers")],
        )
        if c["value"]
    ]
    assert [v["id"] for v in claim["via"]] == ["afp"]
    assert claim["speaker"]["side"] == "IL"


def test_pattern_headline_speaker_before_colon(extract) -> None:
    check(
        extract,
        "الصحة الفلسطينية: 12 شهيدا في غارات إسرائيلية على غزة",
        [("PS", 12, "killed", "exact", "PS", "people")],
    )


def test_pattern_clitic_is_not_part_of_a_name(extract) -> None:
    claims = extract("وقال الرئيس الأوكراني فولوديمير زيلينسكي وإيمانويل ماكرون إن الهجوم أدى إلى مقتل 10 أشخاص.")
    speakers = {c["speaker"]["text"] for c in claims if c["speaker"]}
    assert speakers and all(not text.startswith("و") for text in speakers)


# Pattern 7: «نفى X ما أعلنه Y»: X denies, Y claimed, and the denial points at Y's claim.
DENIALS = {
    "sudan": ("نفى الجيش السوداني ما أعلنته قوات الدعم السريع عن إسقاط طائرتين حربيتين.", "SD", "RSF"),
    "india-pakistan": ("نفت وزارة الدفاع الباكستانية ما أعلنته الهند عن إسقاط 3 طائرات مقاتلة باكستانية.", "PK", "IN"),
    # «وهو ما نفته X»: a relative clause after the claim denies it
    "relative-clause-russia-ukraine": (
        "قال الجيش الروسي إن قواته دمرت 5 دبابات أوكرانية، وهو ما نفاه الجيش الأوكراني.",
        "UA",
        "RU",
    ),
    "relative-clause-sudan": (
        "أعلنت قوات الدعم السريع أنها أسقطت طائرة حربية فوق الخرطوم، وهو ما نفته القوات المسلحة السودانية.",
        "SD",
        "RSF",
    ),
    # «المتحدث باسم التحالف» after another side's spokesman is the coalition's, not the one before
    "spokesman-of-another-side-yemen": (
        "قال المتحدث العسكري باسم جماعة الحوثي إن قواتها أسقطت طائرة مسيرة تابعة للتحالف بقيادة السعودية. "
        "وقال المتحدث باسم التحالف إنه لا صحة لهذه الأنباء.",
        "SA",
        "HOUTHI",
    ),
}


@pytest.mark.parametrize("war", sorted(DENIALS))
def test_pattern_denial_direction(extract, war: str) -> None:
    text, denier, claimant = DENIALS[war]
    claims = extract(text)
    [denial] = [c for c in claims if c["type"] == "denial"]
    assert denial["speaker"]["side"] == denier
    denied = [c for c in claims if c["denies"] is None and list(c["span"]) == denial["denies"]]
    assert denied and denied[0]["speaker"]["side"] == claimant


def test_pattern_denial_of_a_claim_in_another_sentence(extract) -> None:
    claims = extract(
        "نفت وزارة الدفاع الروسية ما أعلنه الجيش الأوكراني. وكان الجيش الأوكراني قد أعلن تدمير 15 دبابة روسية."
    )
    [denial] = [c for c in claims if c["type"] == "denial"]
    assert denial["speaker"]["side"] == "RU"
    [figure] = [c for c in claims if c["value"] == 15]
    assert figure["speaker"]["side"] == "UA" and denial["denies"] == figure["span"]


# Pattern 8: figures in the outlet's own voice are nobody's claim; dates, durations and counts of events are no loss.
OWN_VOICE_AND_TRAPS = {
    "own-voice": "وقتل أكثر من 400 جندي منذ بداية الشهر في المعارك، فيما يواصل الجيش عملياته في المنطقة.",
    "durations-and-years": "وقالت وزارة الدفاع الروسية إن المعارك استمرت 9 ساعات في منطقة خاركيف منذ عام 2024.",
    "counts-of-events": "وأعلن الجيش الإسرائيلي أنه نفذ 30 غارة على جنوب لبنان خلال 3 أيام.",
    "definite-numbers": "وقالت الأمم المتحدة إن ولايات دارفور الخمس تشهد قتالا منذ الأشهر الثلاثة الماضية.",
}


@pytest.mark.parametrize("case", sorted(OWN_VOICE_AND_TRAPS))
def test_pattern_no_attributed_figure(extract, case: str) -> None:
    claims = extract(OWN_VOICE_AND_TRAPS[case])
    assert not [c for c in claims if c["value"] is not None and c["speaker"] is not None]


# Pattern 9: a sentence with no cue of its own still has the speaker of the statement it continues.
CONTINUATION = {
    # «الوزارة» stands for the ministry named in an earlier sentence that reported nothing (the head noun starts
    # with و, which is not a clitic there).
    "anaphor-of-a-ministry": (
        "نشرت وزارة الدفاع الأوكرانية صورا جديدة من الجبهة. وقالت الوزارة إن قواتها دمرت 5 دبابات روسية.",
        [("UA", 5, "destroyed", "exact", "RU", "tanks")],
    ),
    # «وأشار إلى أن»: the preposition of the verb is not a subject; the last speaker goes on.
    "verb-with-ila": (
        "أعلن الجيش المالي مقتل 10 مسلحين في وسط البلاد. وأشار إلى أن 3 جنود أصيبوا في الاشتباك.",
        [("ML", 10, "killed", "exact", None, "militants"), ("ML", 3, "wounded", "exact", "ML", "soldiers")],
    ),
    # «في إفادة صحفية» is a noun that shares a cue's letters; «مشيرا» keeps the speaker named before it.
    "setting-noun-and-participle": (
        "وقال المتحدث باسم الجيش الصومالي، في إفادة صحفية اليوم، إن 20 عنصرا من حركة الشباب قتلوا، "
        "مشيرا إلى أن 4 جنود أصيبوا.",
        [("SO", 20, "killed", "exact", "ALSHABAAB", "fighters"), ("SO", 4, "wounded", "exact", "SO", "soldiers")],
    ),
    # «وبين القتلى ...»: the breakdown of the figures the sentence before gave.
    "breakdown-of-the-toll": (
        "قالت وزارة الصحة اللبنانية إن 40 شخصا قتلوا في الغارات الإسرائيلية. وبين القتلى 12 طفلا و5 نساء.",
        [("LB", 40, "killed", "exact", "LB", "people"), ("LB", 12, "killed", "exact", "LB", "children")],
    ),
}


@pytest.mark.parametrize("case", sorted(CONTINUATION))
def test_pattern_continuation_keeps_the_speaker(extract, case: str) -> None:
    check(extract, *CONTINUATION[case])


# Pattern 10: parts of a figure, more of a group, duals in construct and lists extended by «إضافة إلى».
PARTS_AND_FORMS = {
    "part-of-a-toll-sudan": (
        "قالت وزارة الصحة السودانية إن 30 مدنيا قتلوا في قصف على مدينة الفاشر، بينهم 8 أطفال.",
        [("SD", 30, "killed", "exact", "SD", "civilians"), ("SD", 8, "killed", "exact", "SD", "children")],
    ),
    "part-without-a-noun-ukraine": (
        "أعلنت هيئة الأركان الأوكرانية أن القوات الروسية خسرت 1,300 جندي بين قتيل وجريح خلال يوم، "
        "بينهم 1,120 في محور بوكروفسك.",
        [("UA", 1300, "casualties", "exact", "RU", "soldiers"), ("UA", 1120, "casualties", "exact", "RU", "soldiers")],
    ),
    "part-of-an-agent-figure-gaza": (
        "قال الجيش الإسرائيلي إن قواته قتلت 40 مسلحا من حماس في رفح، بينهم 3 قادة.",
        [("IL", 40, "killed", "exact", "HAMAS", "militants"), ("IL", 3, "killed", "exact", "HAMAS", "commanders")],
    ),
    "others-after-a-singular-turkey": (
        "وقالت وزارة الدفاع التركية إن جنديا تركيا قتل وأصيب ثلاثة آخرون في اشتباك مع مسلحي حزب العمال الكردستاني.",
        [("TR", 1, "killed", "exact", "TR", "soldiers"), ("TR", 3, "wounded", "exact", "TR", "soldiers")],
    ),
    "dual-before-its-verb-somalia": (
        "وقال الجيش الصومالي إن 12 عنصرا من حركة الشباب قتلوا في الهجوم. وأضاف أن جنديين أصيبا بجروح.",
        [("SO", 2, "wounded", "exact", "SO", "soldiers")],
    ),
    "construct-dual-ukraine": (
        "أعلنت وزارة الدفاع الروسية أن قواتها سيطرت على قريتي بيرفومايسك وكراسنوغوريفكا في دونيتسك.",
        [("RU", 2, "captured", "exact", "UA", "villages")],
    ),
    "construct-dual-lebanon": (
        "قال حزب الله إن مقاتليه دمروا دبابتي ميركافا عند الحدود.",
        [("HEZBOLLAH", 2, "destroyed", "exact", "IL", "tanks")],
    ),
    "list-extended-by-idafa-russia": (
        "قالت وزارة الدفاع الروسية إن قواتها دمرت 10 دبابات أوكرانية، إضافة إلى 4 مدافع.",
        [("RU", 10, "destroyed", "exact", "UA", "tanks"), ("RU", 4, "destroyed", "exact", "UA", "artillery")],
    ),
    "lost-only-one-india": (
        "قال الجيش الهندي إن القوات الجوية لم تفقد سوى طائرة واحدة.",
        [("IN", 1, "destroyed", "exact", "IN", "aircraft")],
    ),
    "motorcycles-and-suspects-mali": (
        "أعلن الجيش المالي أن قواته دمرت 6 دراجات نارية واعتقلت 15 مشتبها بهم.",
        [("ML", 6, "destroyed", "exact", "JNIM", "vehicles"), ("ML", 15, "captured", "exact", "JNIM", "people")],
    ),
}


@pytest.mark.parametrize("case", sorted(PARTS_AND_FORMS))
def test_pattern_parts_duals_and_added_items(extract, case: str) -> None:
    claims = check(extract, *PARTS_AND_FORMS[case])
    # «بين قتيل وجريح» splits the figure before it: no count of one
    assert not [c for c in claims if c["value"] == 1 and "بين قتيل" in PARTS_AND_FORMS[case][0]]


# Pattern 11: speakers named by an office, a unit, a spokesperson or a national agency's source.
SPEAKERS_NAMED_OTHERWISE = {
    "spokesperson-of-a-sub-office-syria": (
        "وقال المتحدث الرسمي باسم الفرقة الثالثة التابعة للجيش السوري إن 6 جنود قتلوا.",
        [("SY", 6, "killed", "exact", "SY", "soldiers")],
    ),
    # an official described by the place of his office
    "official-of-a-place-niger": (
        "قال مسؤول في اللجنة الوطنية للإغاثة في النيجر إن 3 آلاف شخص نزحوا من قراهم خلال أسبوع.",
        [("NE", 3000, "displaced", "exact", "NE", "people")],
    ),
    # «القائد» for the commander a national agency quoted in the sentence before
    "commander-named-again-iraq": (
        "نقلت وكالة الأنباء العراقية عن قائد الفرقة الخامسة أن 9 إرهابيين قتلوا في الأنبار. "
        "وأضاف القائد أن 4 جنود أصيبوا.",
        [("IQ", 9, "killed", "exact", None, "militants"), ("IQ", 4, "wounded", "exact", "IQ", "soldiers")],
    ),
    "numbered-unit-ukraine": (
        "أعلن اللواء 47 الأوكراني أن وحداته دمرت 3 دبابات روسية.",
        [("UA", 3, "destroyed", "exact", "RU", "tanks")],
    ),
    "source-of-a-national-agency-somalia": (
        "نقلت وكالة الأنباء الصومالية عن مصدر عسكري أن 5 جنود قتلوا في كمين.",
        [("SO", 5, "killed", "exact", "SO", "soldiers")],
    ),
    "relay-inside-a-source-phrase-lebanon": (
        "قتل 20 شخصا في غارات إسرائيلية على جنوب لبنان، وفقا لما نقلته وكالة رويترز عن وزارة الصحة اللبنانية.",
        [("LB", 20, "killed", "exact", "LB", "people")],
    ),
    "wasafa-then-participle-sudan": (
        "ووصف الجيش السوداني هذه المزاعم بأنها كاذبة، مؤكدا أن 3 من جنوده أصيبوا.",
        [("SD", 3, "wounded", "exact", "SD", "soldiers")],
    ),
    "anaphor-of-a-nisba-phrase-iraq": (
        "أعلنت قيادة العمليات المشتركة العراقية مقتل 5 إرهابيين في الأنبار. وأضافت القيادة أن 3 جنود أصيبوا.",
        [("IQ", 5, "killed", "exact", None, "militants"), ("IQ", 3, "wounded", "exact", "IQ", "soldiers")],
    ),
    "pluperfect-kana-subject-verb-russia-ukraine": (
        "وكان الجيش الروسي أعلن في بيان أنه دمر 12 دبابة أوكرانية.",
        [("RU", 12, "destroyed", "exact", "UA", "tanks")],
    ),
    "pluperfect-kana-office-and-name-israel-lebanon": (
        "وكان وزير الدفاع الإسرائيلي يوآف غالانت قال في بيان الأربعاء إن قواته قتلت 40 مقاتلا.",
        [("IL", 40, "killed", "exact", "HEZBOLLAH", "fighters")],
    ),
    "pluperfect-kanat-karabakh": (
        "وكانت وزارة الدفاع الأذربيجانية أعلنت أن قواتها أسقطت طائرتين.",
        [("AZ", 2, "destroyed", "exact", "AM", "aircraft")],
    ),
    "militants-a-party-captured-libya": (
        "قال المتحدث باسم غرفة العمليات المشتركة التابعة لحكومة الوفاق إن قواتها أسرت 7 مسلحين.",
        [("GNA", 7, "captured", "exact", "LNA", "militants")],
    ),
}


@pytest.mark.parametrize("case", sorted(SPEAKERS_NAMED_OTHERWISE))
def test_pattern_speakers_named_otherwise(extract, case: str) -> None:
    claims = check(extract, *SPEAKERS_NAMED_OTHERWISE[case])
    if case.startswith("relay"):
        assert all([v["id"] for v in c["via"]] == ["Q130879"] for c in claims if c["value"])


# Pattern 12: an outlet that quotes a source relays it; a source phrase inside a statement names the relay; a health
# ministry named without its side speaks for the place it counts in.
RELAYS_AND_PLACES = {
    "outlet-quoting-an-official-sudan": (
        "أفادت وكالة رويترز، نقلا عن مسؤول سوداني، بأن 25 مدنيا قتلوا في قصف على أم درمان.",
        [("SD", 25, "killed", "exact", "SD", "civilians")],
    ),
    "source-phrase-inside-a-statement-ukraine": (
        'وقال المتحدث باسم الجيش الأوكراني - حسبما أفادت قناة الجزيرة الإخبارية: "دمرت قواتنا 7 دبابات روسية". '
        "وأضاف أنه تم تدمير 3 مدافع.",
        [("UA", 7, "destroyed", "exact", "RU", "tanks"), ("UA", 3, "destroyed", "exact", "RU", "artillery")],
    ),
    # a source the gazetteer lacks, quoted by a national agency: a speaker of the agency's state, the agency via
    "unnamed-source-of-a-national-agency-saudi": (
        "نقلت وكالة الأنباء السعودية عن قائد القوات المشتركة قوله إن 4 جنود قتلوا في هجوم للحوثيين.",
        [("SA", 4, "killed", "exact", "SA", "soldiers")],
    ),
    "unnamed-source-of-a-named-agency-turkey": (
        "نقلت وكالة الأناضول التركية عن قائد عسكري قوله إن 6 جنود أتراك أصيبوا في شمال العراق.",
        [("TR", 6, "wounded", "exact", "TR", "soldiers")],
    ),
    "health-ministry-of-the-place-lebanon": (
        "قالت وزارة الصحة إن 14 شخصا قتلوا في الغارات الإسرائيلية على جنوب لبنان. وأضافت الوزارة أن 30 آخرين أصيبوا.",
        [("LB", 14, "killed", "exact", "LB", "people"), ("LB", 30, "wounded", "exact", "LB", "people")],
    ),
    "health-ministry-of-the-place-gaza": (
        "أعلنت وزارة الصحة ارتفاع عدد القتلى في قطاع غزة إلى 50 شخصا.",
        [("PS", 50, "killed", "exact", "PS", "people")],
    ),
}


@pytest.mark.parametrize("case", sorted(RELAYS_AND_PLACES))
def test_pattern_relays_and_places(extract, case: str) -> None:
    claims = check(extract, *RELAYS_AND_PLACES[case])
    if case.startswith(("outlet", "source", "unnamed")):  # the outlet is the relay, never the speaker
        assert all(c["speaker"]["text"].find("وكالة") < 0 and c["via"] for c in claims if c["value"])


# A monitor's or an agency's count belongs to the state where the text places it: a town GeoNames knows («في نيالا»،
# «بمدينة تعز»), and later sentences about the same place («وأضافت المنظمة أن بين القتلى 6 أطفال»).
TOWNS = {
    "sudan-nyala": (
        "قال مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية إن 40 مدنيا قتلوا في قصف على مدينة نيالا.",
        [("INTL", 40, "killed", "exact", "SD", "civilians")],
    ),
    "yemen-taiz": (
        "أفادت منظمة الصحة العالمية بأن 12 طفلا أصيبوا في قصف استهدف حيا سكنيا في تعز.",
        [("INTL", 12, "wounded", "exact", "YE", "children")],
    ),
    "drc-goma": (
        "قالت الأمم المتحدة إن 30 مدنيا قتلوا في هجوم قرب غوما. وأضافت المنظمة أن بين القتلى 9 أطفال.",
        [("INTL", 30, "killed", "exact", "CD", "civilians"), ("INTL", 9, "killed", "exact", "CD", "children")],
    ),
    "ukraine-kharkiv": (
        "أعلنت منظمة الصحة العالمية أن 7 مدنيين قتلوا في قصف على خاركوف.",
        [("INTL", 7, "killed", "exact", "UA", "civilians")],
    ),
}


@pytest.mark.parametrize("case", sorted(TOWNS))
def test_pattern_count_belongs_to_the_towns_state(extract, case: str) -> None:
    check(extract, *TOWNS[case])


# «إضافة إلى»، «بالإضافة إلى»، «فضلا عن» add one more item to the list before, under its loss word and doer (and are
# no reporting verb, though «أضافه» has the same letters); an agency's own staff are the agency's; peacekeepers are
# the UN's whoever counts them; «فقدوا» after the counted means they went missing.
ADDED_ITEMS_AND_OWN_STAFF = {
    "added-item-ukraine": (
        "أعلنت وزارة الدفاع الروسية أن قواتها دمرت 15 دبابة أوكرانية، إضافة إلى 6 مدافع.",
        [("RU", 15, "destroyed", "exact", "UA", "tanks"), ("RU", 6, "destroyed", "exact", "UA", "artillery")],
    ),
    "added-item-syria": (
        "قال الجيش الإسرائيلي إن طائراته دمرت 20 دبابة سورية، بالإضافة إلى 4 طائرات مروحية.",
        [("IL", 20, "destroyed", "exact", "SY", "tanks"), ("IL", 4, "destroyed", "exact", "SY", "helicopters")],
    ),
    "own-staff-gaza": (
        "قالت منظمة أطباء بلا حدود إن 3 من موظفيها قتلوا في غارة على مستشفى في خان يونس.",
        [("NGO", 3, "killed", "exact", "NGO", "people")],
    ),
    "staff-went-missing-sudan": (
        "أعلنت الأمم المتحدة أن 5 من موظفيها فقدوا في دارفور.",
        [("INTL", 5, "missing", "exact", "INTL", "people")],
    ),
    "peacekeepers-mali": (
        "أعلنت بعثة الأمم المتحدة في مالي أن 4 من جنود حفظ السلام قتلوا في هجوم قرب غاو.",
        [("INTL", 4, "killed", "exact", "INTL", "soldiers")],
    ),
}


@pytest.mark.parametrize("case", sorted(ADDED_ITEMS_AND_OWN_STAFF))
def test_pattern_added_items_and_own_staff(extract, case: str) -> None:
    claims = check(extract, *ADDED_ITEMS_AND_OWN_STAFF[case])
    assert not [c for c in claims if c["cue"] and "إضافة" in c["cue"]], "«إضافة إلى» is no reporting verb"


# Whose members: a unit between the members and their group («عناصر من خلية تابعة لـ X»); «عنصر من قوات الأمن» is one
# of the security forces, and «آخران» right after it are more of them; «بينهم طفل» is one of the figure before;
# «لم تتجاوز خسائره N» bounds the speaker's own losses from above.
MEMBERS_PARTS_AND_BOUNDS = {
    "unit-between-iraq": (
        "أعلنت وزارة الداخلية العراقية أن قواتها قتلت 4 عناصر من خلية تابعة لتنظيم داعش في الأنبار.",
        [("IQ", 4, "killed", "exact", "ISIS", "fighters")],
    ),
    "unit-between-somalia": (
        "قال الجيش الصومالي إن قواته قتلت 9 مسلحين من مجموعة تابعة لحركة الشباب.",
        [("SO", 9, "killed", "exact", "ALSHABAAB", "militants")],
    ),
    "ranks-of-one-syria": (
        "أعلنت وزارة الداخلية السورية أن 6 مسلحين قتلوا، فيما قتل عنصر من قوات الأمن وجرح اثنان آخران.",
        [("SY", 1, "killed", "exact", "SY", "security_forces"), ("SY", 2, "wounded", "exact", "SY", "security_forces")],
    ),
    "one-of-them-pakistan": (
        "أعلن الجيش الباكستاني أن القصف الهندي أدى إلى مقتل 5 مدنيين وإصابة 8 آخرين، بينهم طفل.",
        [("PK", 8, "wounded", "exact", "PK", "civilians"), ("PK", 1, "wounded", "exact", "PK", "children")],
    ),
    "one-of-them-lebanon": (
        "قالت وزارة الصحة اللبنانية إن الغارات الإسرائيلية أدت إلى مقتل 12 شخصا، بينهم امرأة.",
        [("LB", 12, "killed", "exact", "LB", "people"), ("LB", 1, "killed", "exact", "LB", "women")],
    ),
    "own-losses-bounded-russia": (
        "قالت وزارة الدفاع الروسية إن خسائر العدو بلغت 300 جندي، في حين لم تتجاوز خسائرها 20 جنديا.",
        [("RU", 300, "casualties", "exact", "UA", "soldiers"), ("RU", 20, "casualties", "at_most", "RU", "soldiers")],
    ),
    "own-losses-bounded-sudan": (
        "أعلن الجيش السوداني أنه قتل 150 من عناصر الدعم السريع، في حين لم تتجاوز خسائره 9 جنود.",
        [("SD", 150, "killed", "exact", "RSF", "fighters"), ("SD", 9, "casualties", "at_most", "SD", "soldiers")],
    ),
}


@pytest.mark.parametrize("case", sorted(MEMBERS_PARTS_AND_BOUNDS))
def test_pattern_members_parts_and_bounds(extract, case: str) -> None:
    check(extract, *MEMBERS_PARTS_AND_BOUNDS[case])


# Short names that stand for an actor only in one war (ontology/conflicts.yaml): «الشباب» in an article on Somalia,
# «تنظيم القاعدة» in the Sahel, «القيادة العامة» in Libya; elsewhere «الشباب» are young men.
WAR_ALIASES = {
    "somalia": (
        "قال الجيش الصومالي إن قواته قتلت 14 من مقاتلي الشباب في هجوم قرب مقديشو.",
        [("SO", 14, "killed", "exact", "ALSHABAAB", "fighters")],
    ),
    "mali": (
        "أعلن تنظيم القاعدة في بيان أن مقاتليه قتلوا 30 جنديا ماليا قرب موبتي.",
        [("JNIM", 30, "killed", "exact", "ML", "soldiers")],
    ),
    "libya": (
        "قال الجيش الوطني الليبي إن قواته أسقطت طائرة مسيرة تركية. "
        "وأعلنت القيادة العامة أن قواتها دمرت 4 مركبات لقوات الوفاق.",
        [("LNA", 1, "destroyed", "exact", "TR", "drones"), ("LNA", 4, "destroyed", "exact", "GNA", "vehicles")],
    ),
}


@pytest.mark.parametrize("war", sorted(WAR_ALIASES))
def test_pattern_short_names_of_one_war(extract, war: str) -> None:
    check(extract, *WAR_ALIASES[war])


def test_pattern_short_name_of_another_war_is_a_word(extract) -> None:
    claims = extract("قالت وزارة الدفاع الأوكرانية إن 40 من الشباب الروس قتلوا في المعارك.")
    assert not [c for c in claims if "ALSHABAAB" in {(c["speaker"] or {}).get("side"), (c["target"] or {}).get("side")}]


# A long list after one loss word: each item joined by «، و» right after the one before keeps the measure and doer,
# however far the verb; a number after «الحرب» is a year only when it reads as one.
LONG_LISTS = {
    "ukraine-general-staff": (
        "قالت هيئة الأركان العامة الأوكرانية إن روسيا خسرت منذ بداية الحرب 8 آلاف و120 دبابة، و16 ألفا و300 مركبة "
        "مدرعة من مختلف الأنواع، و9 آلاف و40 من أنظمة المدفعية الثقيلة والمتوسطة، و330 طائرة مقاتلة.",
        [
            ("UA", 8120, "destroyed", "exact", "RU", "tanks"),
            ("UA", 16300, "destroyed", "exact", "RU", "armoured_vehicles"),
            ("UA", 9040, "destroyed", "exact", "RU", "artillery"),
            ("UA", 330, "destroyed", "exact", "RU", "aircraft"),
        ],
    ),
    "karabakh": (
        "أعلنت وزارة الدفاع الأذربيجانية أن القوات الأرمينية خسرت خلال أسبوع من المعارك العنيفة في محيط مدينة أغدام "
        "120 دبابة، و45 مدفعا من عيارات مختلفة، و30 منظومة دفاع جوي.",
        [
            ("AZ", 120, "destroyed", "exact", "AM", "tanks"),
            ("AZ", 45, "destroyed", "exact", "AM", "artillery"),
            ("AZ", 30, "destroyed", "exact", "AM", "air_defence_systems"),
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(LONG_LISTS))
def test_pattern_long_list_keeps_its_loss_word(extract, case: str) -> None:
    check(extract, *LONG_LISTS[case])


# Accusations: a statement that lays a hostile deed at another party's door, whoever is named and however: after the
# deed («هجوم شنه مسلحون من X»، «من قبل X»), as its nisba («استفزازات إيرانية»), as the subject of its verb («القوات
# الباكستانية هي التي بادرت بإطلاق النار»), or charged by «اتهم ... X بـ»; a party's own deed accuses nobody.
ACCUSATIONS = {
    "named-after-the-deed-iraq": (
        "قال مصدر أمني عراقي إن 3 جنود قتلوا في هجوم شنه مسلحون من تنظيم داعش قرب الموصل.",
        ("IQ", "ISIS"),
    ),
    "subject-of-the-deed-india": (
        "قالت وزارة الدفاع الهندية إن القوات الباكستانية هي التي بادرت بإطلاق النار على طول خط المراقبة.",
        ("IN", "PK"),
    ),
    "nisba-of-the-deed-israel-iran": ("قال الجيش الإسرائيلي إنه رد على استفزازات إيرانية متكررة.", ("IL", "IR")),
    "by-the-hand-of-somalia": (
        "أعلنت وزارة الداخلية الصومالية أن قاعدة عسكرية تعرضت لهجوم من قبل حركة الشباب.",
        ("SO", "ALSHABAAB"),
    ),
    "charged-by-a-spokesman-sudan": (
        "واتهم المتحدث باسم الجيش السوداني، نبيل عبد الله، قوات الدعم السريع بقصف مستشفى في أم درمان.",
        ("SD", "RSF"),
    ),
}


@pytest.mark.parametrize("case", sorted(ACCUSATIONS))
def test_pattern_accusation_names_the_accused(extract, case: str) -> None:
    text, (accuser, accused) = ACCUSATIONS[case]
    found = {(c["speaker"]["side"], c["target"]["side"]) for c in extract(text) if c["type"] == "accusation"}
    assert found == {(accuser, accused)}, found


def test_pattern_own_deed_accuses_nobody(extract) -> None:
    claims = extract("قال الجيش الأوكراني إن قواته شنت هجوما على مواقع روسية.")
    assert not [c for c in claims if c["type"] == "accusation"]


# A place taken is one place, named or not («سيطرت على البلدة»); a figure inside what a party denies is the claim of
# the party it names («نفت أرمينيا أن تكون القوات الأذربيجانية قد سيطرت على 5 قرى»: Baku's, denied by Yerevan);
# «بيان لـX قال فيه» is X speaking; a town of another state in an article clearly on one war is not a place of it.
PLACES_TAKEN_AND_DENIED = {
    "definite-town-ukraine": (
        "قال الجيش الروسي إن قواته سيطرت على البلدة بعد معارك عنيفة.",
        [("RU", 1, "captured", "exact", "UA", "towns")],
    ),
    "definite-base-somalia": (
        "أعلنت حركة الشباب أن مقاتليها استولوا على القاعدة العسكرية في إقليم جوبا السفلى.",
        [("ALSHABAAB", 1, "captured", "exact", "SO", "bases")],
    ),
    "figure-inside-a-denial-karabakh": (
        "نفت أرمينيا أن تكون القوات الأذربيجانية قد سيطرت على 5 قرى في المنطقة.",
        [("AZ", 5, "captured", "exact", "AM", "villages")],
    ),
    "statement-in-which-gaza": (
        "وجاء ذلك بعد بيان للجيش الإسرائيلي قال فيه إنه قتل 12 مسلحا من حماس.",
        [("IL", 12, "killed", "exact", "HAMAS", "militants")],
    ),
}


@pytest.mark.parametrize("case", sorted(PLACES_TAKEN_AND_DENIED))
def test_pattern_places_taken_and_figures_denied(extract, case: str) -> None:
    check(extract, *PLACES_TAKEN_AND_DENIED[case])


# A body the gazetteer lacks, named with what it belongs to («X، الجناح العسكري لـY،»), speaks for Y's side;
# «قوات الدفاع» with a place is that place's force, not a ministry of defence.
BODIES_OF_A_SIDE = {
    "wing-turkey-pkk": (
        "قالت قوات الدفاع الشعبي، الجناح العسكري لحزب العمال الكردستاني، إن مقاتليها قتلوا 7 جنود أتراك.",
        [("PKK", 7, "killed", "exact", "TR", "soldiers")],
    ),
    "arm-gaza": (
        "قالت سرايا الفجر، الذراع المسلحة لحركة الجهاد الإسلامي، إن مقاتليها دمروا 3 دبابات إسرائيلية.",
        [("PIJ", 3, "destroyed", "exact", "IL", "tanks")],
    ),
    "defence-forces-of-a-place-karabakh": (
        "أعلنت قوات الدفاع في إقليم قره باغ مقتل 12 جنديا في معارك مع الجيش الأذربيجاني.",
        [("NK", 12, "killed", "exact", "NK", "soldiers")],
    ),
}


@pytest.mark.parametrize("case", sorted(BODIES_OF_A_SIDE))
def test_pattern_bodies_speak_for_their_side(extract, case: str) -> None:
    check(extract, *BODIES_OF_A_SIDE[case])


# Of two attacks in a sentence, the one nearest the figure is its cause: a retaliation's victims are not the first
# attacker's.
NEAREST_CAUSE = {
    "israel-iran": (
        "ردت إيران على الهجوم الإسرائيلي بضربات صاروخية أسفرت عن مقتل 14 شخصا، بحسب وزارة الصحة الإسرائيلية.",
        [("IL", 14, "killed", "exact", "IL", "people")],
    ),
    "india-pakistan": (
        "ردت الهند على القصف الباكستاني بغارات أسفرت عن مقتل 9 مدنيين، بحسب الجيش الباكستاني.",
        [("PK", 9, "killed", "exact", "PK", "civilians")],
    ),
}


@pytest.mark.parametrize("war", sorted(NEAREST_CAUSE))
def test_pattern_nearest_attack_is_the_cause(extract, war: str) -> None:
    check(extract, *NEAREST_CAUSE[war])


# A figure that names no people counts those of the figure just before: a bare number after a new loss word, or the
# toll an increment of soldiers raises.
SAME_PEOPLE = {
    "bare-number-india": (
        "قال الجيش الهندي إن 6 جنود قتلوا وأصيب 14 بجروح في قصف باكستاني.",
        [("IN", 6, "killed", "exact", "IN", "soldiers"), ("IN", 14, "wounded", "exact", "IN", "soldiers")],
    ),
    "toll-ukraine": (
        "أعلنت وزارة الدفاع الأوكرانية مقتل 30 جنديا آخر في المعارك، ما يرفع الحصيلة إلى 420 قتيلا منذ بداية الهجوم.",
        [("UA", 30, "killed", "exact", "UA", "soldiers"), ("UA", 420, "killed", "exact", "UA", "soldiers")],
    ),
}


@pytest.mark.parametrize("case", sorted(SAME_PEOPLE))
def test_pattern_figure_without_people_counts_those_before(extract, case: str) -> None:
    check(extract, *SAME_PEOPLE[case])


# Pattern 13: whose losses when the text leaves it to context, and words that qualify or carry a figure.
CONTEXT_AND_QUALIFIERS = {
    # a monitor's count of people in a war with one state: that state's people
    "monitor-in-a-one-state-war-sudan": (
        "قالت المنظمة الدولية للهجرة إن 12 ألف شخص نزحوا من شمال دارفور، حيث تقاتل قوات الدعم السريع الجيش السوداني.",
        [("INTL", 12000, "displaced", "exact", "SD", "people")],
    ),
    # a party's own soldiers killed by the enemy's strikes
    "own-soldiers-under-enemy-strikes-syria": (
        "قالت وزارة الدفاع السورية إن غارات إسرائيلية على ريف درعا أدت إلى مقتل أربعة عسكريين.",
        [("SY", 4, "killed", "exact", "SY", "soldiers")],
    ),
    # civilians a non-state authority counts are the state's people
    "civilians-in-sanaa-yemen": (
        "قالت وزارة الصحة في صنعاء إن 20 مدنيا قتلوا في غارات أمريكية على الحديدة.",
        [("HOUTHI", 20, "killed", "exact", "YE", "civilians")],
    ),
    "qualifying-verbs-russia-ukraine": (
        "قال الجيش الروسي إن خسائر القوات الأوكرانية تجاوزت 300 عسكري خلال يوم، وإن قواته أصابت ما يصل إلى 15 آخرين.",
        [
            ("RU", 300, "casualties", "more_than", "UA", "soldiers"),
            ("RU", 15, "wounded", "at_most", "UA", "soldiers"),
        ],
    ),
    "others-still-missing-ukraine": (
        "قال الجيش الأوكراني إن 11 جنديا روسيا آخرين لا يزالون في عداد المفقودين.",
        [("UA", 11, "missing", "exact", "RU", "soldiers")],
    ),
    "fell-as-dead-israel": (
        'وقالت وزارة الصحة الإسرائيلية إن 3 أشخاص "سقطوا قتلى" في الهجوم الصاروخي.',
        [("IL", 3, "killed", "exact", "IL", "people")],
    ),
    "one-more-mali": (
        "أعلن الجيش المالي مقتل جندي وإصابة آخر في هجوم لجماعة نصرة الإسلام والمسلمين.",
        [("ML", 1, "killed", "exact", "ML", "soldiers"), ("ML", 1, "wounded", "exact", "ML", "soldiers")],
    ),
    "dead-in-the-ranks-lebanon": (
        "أعلن حزب الله سقوط 5 قتلى في صفوف مقاتليه خلال المعارك.",
        [("HEZBOLLAH", 5, "killed", "exact", "HEZBOLLAH", "fighters")],
    ),
    "kinds-of-people-in-one-figure-iran": (
        "وقالت وزارة الصحة الإيرانية إن الغارات أسفرت عن مقتل 30 امرأة ورجلا وطفلا.",
        [("IR", 30, "killed", "exact", "IR", "people")],
    ),
    "owner-of-a-list-russia-ukraine": (
        "وقال الجيش الأوكراني إن القوات الروسية فقدت 200 جندي روسي، و7 دبابات و12 مدرعة خلال يوم.",
        [("UA", 7, "destroyed", "exact", "RU", "tanks"), ("UA", 12, "destroyed", "exact", "RU", "armoured_vehicles")],
    ),
    # attackers a state's army killed belong to the armed group the article names, else to no one named
    "attackers-of-a-named-group-somalia": (
        "أعلن الجيش الصومالي مقتل 15 من المهاجمين في هجوم شنته حركة الشباب على قاعدة عسكرية.",
        [("SO", 15, "killed", "exact", "ALSHABAAB", "militants")],
    ),
    "attackers-unnamed-mali": (
        "أعلن الجيش المالي مقتل 11 من المهاجمين في وسط البلاد.",
        [("ML", 11, "killed", "exact", None, "militants")],
    ),
    # a state's army in a war where a party holds that state's ground speaks for that party
    "army-of-held-ground-yemen": (
        "شنت إسرائيل غارات على مواقع لجماعة الحوثي في الحديدة. "
        "وقالت القوات المسلحة اليمنية إن دفاعاتها أسقطت طائرتين مسيرتين إسرائيليتين.",
        [("HOUTHI", 2, "destroyed", "exact", "IL", "drones")],
    ),
    # «بلدة» begins with ب of its own (not «بطائرة», a weapon)
    "a-town-taken-sudan": (
        "قالت قوات الدعم السريع إنها سيطرت على بلدة أم كدادة في شمال دارفور.",
        [("RSF", 1, "captured", "exact", "SD", "towns")],
    ),
    "damage-after-the-noun-israel": (
        "قال الجيش الإسرائيلي إن دبابة تعرضت لأضرار طفيفة في جنوب لبنان.",
        [("IL", 1, "damaged", "exact", "IL", "tanks")],
    ),
    "people-destroyed-are-killed-russia": (
        "قال الجيش الروسي إن قواته قامت بتدمير 40 جنديا أوكرانيا في خاركيف.",
        [("RU", 40, "killed", "exact", "UA", "soldiers")],
    ),
}


@pytest.mark.parametrize("case", sorted(CONTEXT_AND_QUALIFIERS))
def test_pattern_context_and_qualifiers(extract, case: str) -> None:
    claims = check(extract, *CONTEXT_AND_QUALIFIERS[case])
    if case.startswith("kinds-of-people"):  # one figure, not one per kind
        assert len([c for c in claims if c["value"] is not None]) == 1


def test_pattern_outlet_spoken_to_is_no_speaker(extract) -> None:
    """«وأضاف لقناة X القطرية، أن»: the speaker goes on; neither the outlet nor its nisba's state speaks."""
    claims = extract(
        "قال الجيش السوداني إن 10 من جنوده قتلوا في الفاشر. وأضاف لقناة الجزيرة القطرية، أن 5 آخرين أصيبوا."
    )
    sides = {c["value"]: c["speaker"]["side"] for c in claims if c["value"] and c["speaker"]}
    assert sides == {10: "SD", 5: "SD"}


FALSITY = {
    # the denial points at the first figure of the denied list, not its last item
    "russia-ukraine": (
        "قالت وزارة الدفاع الروسية إن قواتها دمرت 5 دبابات و3 مركبات أوكرانية. "
        "لكن الجيش الأوكراني وصف هذه الأرقام بأنها عارية عن الصحة.",
        "UA",
        "RU",
    ),
    "sudan": (
        "أعلنت قوات الدعم السريع إسقاط طائرة حربية. ووصف الجيش السوداني هذه المزاعم بأنها عارية عن الصحة.",
        "SD",
        "RSF",
    ),
    "karabakh": (
        "قالت وزارة الدفاع الأذربيجانية إن قواتها دمرت 5 دبابات أرمينية. وقالت أرمينيا إن هذه الأنباء كاذبة.",
        "AM",
        "AZ",
    ),
}


@pytest.mark.parametrize("war", sorted(FALSITY))
def test_pattern_calling_a_claim_false_is_a_denial(extract, war: str) -> None:
    """«وصف X هذه المزاعم بأنها عارية عن الصحة»: X denies the claim before, never the other way round."""
    text, denier, claimant = FALSITY[war]
    claims = extract(text)
    [denial] = [c for c in claims if c["type"] == "denial"]
    assert denial["speaker"]["side"] == denier
    denied = [c for c in claims if c["type"] != "denial" and list(c["span"]) == denial["denies"]]
    assert denied and denied[0]["speaker"]["side"] == claimant
    if war == "russia-ukraine":
        assert [c["value"] for c in denied if c["value"]] == [5]


# A share of the counted («نصف قادة») is a claim with no value and its fraction; a share of a scale word is a count.
SHARES = {
    "israel-lebanon": (
        "قال الجيش الإسرائيلي إن قواته قتلت نصف قادة حزب الله في الجنوب.",
        ("IL", "killed", "HEZBOLLAH", "commanders", 0.5),
    ),
    "russia-ukraine": (
        "أعلنت وزارة الدفاع الروسية أن قواتها دمرت ثلث الدبابات الأوكرانية في المنطقة.",
        ("RU", "destroyed", "UA", "tanks", 1 / 3),
    ),
    # the denied statement's author is its speaker; «الحركة» is the movement named earlier in the sentence
    "israel-gaza-denied-statement": (
        "كذبت حركة حماس تصريحات وزير الدفاع الإسرائيلي عن قتل نصف قادة الحركة في رفح.",
        ("IL", "killed", "HAMAS", "commanders", 0.5),
    ),
    "somalia-denied-statement": (
        "نفت حركة الشباب بيان الجيش الصومالي عن مقتل ثلث عناصر الحركة في الهجوم.",
        ("SO", "killed", "ALSHABAAB", "fighters", 1 / 3),
    ),
}


@pytest.mark.parametrize("case", sorted(SHARES))
def test_pattern_a_share_is_no_count(extract, case: str) -> None:
    text, (speaker, measure, side, group, share) = SHARES[case]
    shares = [c for c in extract(text) if c["fraction"] is not None]
    assert [
        (c["speaker"]["side"], c["measure"], c["target"]["side"], c["target"]["group"], c["value"]) for c in shares
    ] == [(speaker, measure, side, group, None)]
    assert shares[0]["fraction"] == pytest.approx(share)


def test_pattern_share_of_a_scale_word_is_a_count_and_of_time_nothing(extract) -> None:
    check(
        extract,
        "قالت المفوضية إن نصف مليون شخص نزحوا من دارفور، وإن مليونا ونصف مليون شخص نزحوا من الخرطوم.",
        [(None, 500000, "displaced", "exact", "SD", "people"), (None, 1500000, "displaced", "exact", "SD", "people")],
    )
    assert figures(extract("وقال المرصد السوري إن المعارك استمرت نصف ساعة قرب حلب.")) == set()


# One place taken: the claim's words run to the end of its name (a construct chain and its adjectives), so that a
# denial naming the place («لم تدخل مقر وزارة الدفاع») finds the claim it answers.
PLACE_NAMES = {
    "sudan": ("قال الجيش السوداني إن قواته استعادت مبنى الإذاعة والتلفزيون.", "استعادت مبنى الإذاعة"),
    "russia-ukraine": (
        "أعلن الجيش الروسي أن قواته سيطرت على مبنى بلدية المدينة بعد معارك عنيفة.",
        "سيطرت على مبنى بلدية المدينة",
    ),
    "somalia": (
        "أعلنت حركة الشباب أنها سيطرت على قاعدة الجيش الصومالي قرب مقديشو.",
        "سيطرت على قاعدة الجيش الصومالي",
    ),
}


@pytest.mark.parametrize("war", sorted(PLACE_NAMES))
def test_pattern_a_place_taken_is_quoted_with_its_name(extract, war: str) -> None:
    text, quote = PLACE_NAMES[war]
    assert [(c["quote"], c["value"]) for c in extract(text) if c["type"] == "territory"] == [(quote, 1)]


# «عدد من قتلوا»، «عدد الذين قتلوا»: the number of those who were killed, bounded by the figure after it; the
# speaker's own dead when the counted are its own («من عناصرها»). «عدد من الجنود» is still a vague count.
TOLL_OF_THOSE_KILLED = {
    "israel-gaza": (
        "وقالت حركة حماس إن عدد من قتلوا من عناصرها لا يتجاوز عشرة.",
        [("HAMAS", 10, "killed", "at_most", "HAMAS", "fighters")],
    ),
    "sudan": (
        "وقال الجيش السوداني إن عدد الذين قتلوا من جنوده لم يتجاوز 12.",
        [("SD", 12, "killed", "at_most", "SD", "soldiers")],
    ),
    "russia-ukraine": (
        "قالت وزارة الدفاع الأوكرانية إن عدد الذين قتلوا من جنودها في المعركة لم يتجاوز 20.",
        [("UA", 20, "killed", "at_most", "UA", "soldiers")],
    ),
}


@pytest.mark.parametrize("war", sorted(TOLL_OF_THOSE_KILLED))
def test_pattern_toll_of_those_killed_is_bounded_by_the_figure_after(extract, war: str) -> None:
    claims = check(extract, *TOLL_OF_THOSE_KILLED[war])
    assert all(c["value"] is not None for c in claims if c["measure"])  # no vague count read in «عدد من قتلوا»


# «من عناصرهم»: a state's or an organisation's own are «عناصرها، جنوده»; «هم» points at the plural named before.
THEIRS = {
    "russia-ukraine": (
        "أعلن الجيش الروسي أنه صد هجوما للوحدات الأوكرانية وقتل 60 من عناصرهم.",
        [("RU", 60, "killed", "exact", "UA", "soldiers")],
    ),
    "sudan": (
        "أعلن الجيش السوداني أنه صد هجوم قوات الدعم السريع على الفاشر وقتل 45 من عناصرهم.",
        [("SD", 45, "killed", "exact", "RSF", "fighters")],
    ),
    "karabakh": (
        "أعلن الجيش الأذربيجاني أنه صد هجوما أرمنيا وأسر 20 من جنودهم.",
        [("AZ", 20, "captured", "exact", "AM", "soldiers")],
    ),
}


@pytest.mark.parametrize("war", sorted(THEIRS))
def test_pattern_their_members_are_not_the_speakers_own(extract, war: str) -> None:
    check(extract, *THEIRS[war])


# «المسلحين هاجموا القاعدة ... وقتلوا أربعة جنود»: a plural verb joined by و to the one before shares its subject,
# so the speaker's own soldiers were the ones killed (not the enemy's, as «قتلوا» in the speaker's voice would be).
DONE_BY_THE_SUBJECT_BEFORE = {
    "somalia": (
        "وقال الجيش الصومالي إن المسلحين هاجموا القاعدة العسكرية في وقت مبكر وقتلوا أربعة جنود.",
        [("SO", 4, "killed", "exact", "SO", "soldiers")],
    ),
    "sudan": (
        "أعلنت وزارة الدفاع السودانية أن عناصر الدعم السريع اقتحموا القرية وقتلوا 12 جنديا.",
        [("SD", 12, "killed", "exact", "SD", "soldiers")],
    ),
    "ethiopia": (
        "قال الجيش الإثيوبي إن مقاتلي جبهة تحرير شعب تيغراي هاجموا المعسكر وأسروا 9 جنود.",
        [("ET", 9, "captured", "exact", "ET", "soldiers")],
    ),
}


@pytest.mark.parametrize("war", sorted(DONE_BY_THE_SUBJECT_BEFORE))
def test_pattern_a_joined_verb_is_done_by_the_subject_before(extract, war: str) -> None:
    check(extract, *DONE_BY_THE_SUBJECT_BEFORE[war])


# «سبعة مسلحين على الأقل قتلوا»: a bound between the counted and its verb does not hide the verb, which is the measure
# (not a deed named earlier in the sentence: «قصفت 14 هدفا، وإن سبعة مسلحين على الأقل قتلوا»).
BOUND_BEFORE_THE_VERB = {
    "turkey-pkk": (
        "قالت وزارة الدفاع التركية إن مقاتلاتها قصفت 14 هدفا لحزب العمال الكردستاني، وإن سبعة مسلحين على الأقل قتلوا.",
        [("TR", 7, "killed", "at_least", "PKK", "militants")],
    ),
    "lebanon": (
        "وقالت وزارة الصحة اللبنانية إن 12 شخصا على الأقل قتلوا في الغارة الإسرائيلية.",
        [("LB", 12, "killed", "at_least", "LB", "people")],
    ),
    "russia-ukraine": (
        "وقال الجيش الأوكراني إن 40 جنديا روسيا تقريبا قتلوا في الهجوم.",
        [("UA", 40, "killed", "about", "RU", "soldiers")],
    ),
}


@pytest.mark.parametrize("war", sorted(BOUND_BEFORE_THE_VERB))
def test_pattern_a_bound_before_the_verb_keeps_the_verb(extract, war: str) -> None:
    check(extract, *BOUND_BEFORE_THE_VERB[war])


# «عدد قتلى قوات الجيش السوري»: the forces named after the loss word are the army's, whoever counts them.
FORCES_OF_AN_ARMY = {
    "syria-monitor": (
        "قال المرصد السوري لحقوق الإنسان إن عدد قتلى قوات الجيش السوري في المعارك بلغ 30 عسكريا.",
        [("NGO", 30, "killed", "exact", "SY", "soldiers")],
    ),
    "mali-united-nations": (
        "قالت الأمم المتحدة إن عدد قتلى قوات الجيش المالي في الهجوم لا يتجاوز 12 جنديا.",
        [("INTL", 12, "killed", "at_most", "ML", "soldiers")],
    ),
}


@pytest.mark.parametrize("case", sorted(FORCES_OF_AN_ARMY))
def test_pattern_forces_named_after_the_loss_word_are_the_armys(extract, case: str) -> None:
    check(extract, *FORCES_OF_AN_ARMY[case])


# «أوقعت المئات من القتلى في صفوفها»: losses inflicted are the other side's, «صفوفها» there its ranks, not the
# speaker's (and the dead in an armed group's ranks are that group's, not the people of the land it holds).
INFLICTED = {
    "sudan": (
        "قال مصدر عسكري في الجيش السوداني إن الطيران قصف مواقع لقوات الدعم السريع قرب الفاشر، وأوقع المئات من "
        "القتلى في صفوفها.",
        [("SD", None, "killed", "hundreds", "RSF", "people")],
    ),
    "russia-ukraine": (
        "قال الجيش الروسي إن قصفه المدفعي أوقع العشرات من القتلى في صفوفهم.",
        [("RU", None, "killed", "dozens", "UA", "people")],
    ),
    "sudan-rsf": (
        "أعلنت قوات الدعم السريع أنها صدت الهجوم وألحقت 40 قتيلا في صفوفه.",
        [("RSF", 40, "killed", "exact", "SD", "people")],
    ),
}


@pytest.mark.parametrize("war", sorted(INFLICTED))
def test_pattern_losses_inflicted_are_the_other_sides(extract, war: str) -> None:
    check(extract, *INFLICTED[war])
