"""Denials linked to what they deny, and parts of a toll never read as the whole: one test per class of wrong or
missing pair seen on real news (issue 16). Every claim is written for the test, in several wars."""

from __future__ import annotations

from claimgraph.graph.compare import compare_new, compare_pair, interval, partitive

from tests.samples import compared_claim

ETHIOPIA = {"text": "الجيش الإثيوبي", "side": "ET", "id": "et-army"}
TPLF = {"text": "جبهة تحرير تيغراي", "side": "TPLF", "id": "tplf"}
KYIV = {"text": "هيئة الأركان الأوكرانية", "side": "UA", "id": "ua-general-staff"}
MOSCOW = {"text": "وزارة الدفاع الروسية", "side": "RU", "id": "ru-ministry-of-defence"}
SANAA = {"text": "وزارة الصحة في صنعاء", "side": "HOUTHI", "id": "houthi-ministry-of-health"}


def claim(cid: str, article: str = "a1", **fields) -> dict:
    return compared_claim(cid, article, **fields)


def pairs(relations) -> set[tuple[str, str, str]]:
    return {(r.reason, r.a, r.b) for r in relations if r.kind == "contradicts"}


# ---------------------------------------------------------------- which claim a denial denies


def test_a_singular_pointer_denies_the_latest_report_about_the_deniers_side() -> None:
    """«ونفت هيئة الأركان صحة هذا الخبر» after Moscow's claim of downed Ukrainian jets and a remark about the
    weather: the jets, whatever span extraction guessed (the report just before)."""
    jets = claim(
        "jets", type="equipment", measure="destroyed", value=4, speaker=MOSCOW, span=[0, 40], sentence=[0, 60],
        target={"side": "UA", "group": "aircraft"}, quote="إسقاط أربع مقاتلات أوكرانية",
    )  # fmt: skip
    aside = claim("aside", type="statement", measure=None, speaker=MOSCOW, span=[61, 100], sentence=[61, 110])
    denial = claim(
        "den", type="denial", measure=None, speaker=KYIV, span=[111, 140], sentence=[111, 170], denies=[61, 100],
        quote="ونفت هيئة الأركان الأوكرانية صحة هذا الخبر",
    )  # fmt: skip
    assert pairs(compare_new([jets, aside, denial], [])) == {("denial", "jets", "den")}


def test_a_plural_pointer_covers_the_other_camps_earlier_reports_of_the_deniers_losses() -> None:
    """«نفى الجيش هذه الأنباء» after two sentences of the TPLF's claims (a lead and its continuation): both
    reports of the army's losses, not only those of the nearest sentence; the TPLF's words about itself are not
    denied."""
    tanks = claim(
        "tanks", type="equipment", measure="captured", value=12, speaker=TPLF, span=[0, 30], sentence=[0, 50],
        target={"side": "ET", "group": "tanks"}, quote="الاستيلاء على 12 دبابة",
    )  # fmt: skip
    own = claim(
        "own", type="casualty", value=3, speaker=TPLF, span=[31, 45], sentence=[0, 50],
        target={"side": "TPLF", "group": "fighters"}, quote="مقتل ثلاثة من مقاتليها",
    )  # fmt: skip
    more = claim(
        "more", type="casualty", value=40, speaker=TPLF, span=[51, 80], sentence=[51, 90],
        target={"side": "ET", "group": "soldiers"}, quote="وأسر 40 جنديا",
    )  # fmt: skip
    denial = claim(
        "den", type="denial", measure=None, speaker=ETHIOPIA, span=[91, 110], sentence=[91, 130],
        quote="ونفى الجيش الإثيوبي هذه الأنباء",
    )  # fmt: skip
    assert pairs(compare_new([tanks, own, more, denial], [])) == {("denial", "tanks", "den"), ("denial", "more", "den")}


def test_the_denials_own_words_overrule_a_span_that_is_only_the_report_next_to_it() -> None:
    """«... وأشارت إلى أن جبهة تيغراي نفت وجود مقاتليها في البلدة»: extraction's span is the sentence before (the
    outlet's background, about nothing of the TPLF's); the denial's words name the army's claim of the TPLF's
    positions."""
    positions = claim(
        "pos", type="territory", measure="captured", value=15, speaker=ETHIOPIA, span=[0, 50], sentence=[0, 60],
        target={"side": "TPLF", "group": "positions"}, quote="السيطرة على 15 موقعا لمقاتلي جبهة تيغراي في البلدة",
    )  # fmt: skip
    background = claim("bg", type="statement", measure=None, speaker=ETHIOPIA, span=[61, 120], sentence=[61, 130])
    denial = claim(
        "den", type="denial", measure=None, speaker=TPLF, span=[131, 160], sentence=[131, 200], denies=[61, 120],
        quote="جبهة تيغراي نفت وجود مقاتليها",
        context="جبهة تيغراي نفت وجود مقاتليها في البلدة وطالبت بوقف القصف.",
    )  # fmt: skip
    assert pairs(compare_new([positions, background, denial], [])) == {("denial", "pos", "den")}


def test_a_span_on_a_claim_about_the_deniers_side_is_kept() -> None:
    """Two coordinated denials, each with its own span («لم تستولِ على أي دبابات ولم تسقط أي طائرات»): each keeps
    its own, though the words of the sentence after it name the other."""
    tanks = claim(
        "tanks", type="equipment", measure="captured", value=30, speaker=TPLF, span=[200, 230], sentence=[200, 280],
        target={"side": "ET", "group": "tanks"}, quote="الاستيلاء على 30 دبابة",
    )  # fmt: skip
    jets = claim(
        "jets", type="equipment", measure="destroyed", value=2, speaker=TPLF, span=[231, 270], sentence=[200, 280],
        target={"side": "ET", "group": "aircraft"}, quote="وإسقاط طائرتين مقاتلتين للجيش",
    )  # fmt: skip
    no_tanks = claim(
        "d1", type="denial", measure=None, speaker=ETHIOPIA, span=[0, 30], sentence=[0, 80], denies=[200, 230],
        quote="لم تستول على أي دبابات", context="لم تستول على أي دبابات ولم تسقط أي طائرات مقاتلة.",
    )  # fmt: skip
    no_jets = claim(
        "d2", type="denial", measure=None, speaker=ETHIOPIA, span=[31, 60], sentence=[0, 80], denies=[231, 270],
        quote="ولم تسقط أي طائرات مقاتلة", context="ولم تسقط أي طائرات مقاتلة.",
    )  # fmt: skip
    assert pairs(compare_new([no_tanks, no_jets, tanks, jets], [])) == {
        ("denial", "tanks", "d1"),
        ("denial", "jets", "d2"),
    }


def test_a_denial_naming_one_item_of_a_list_denies_that_item() -> None:
    """«قالت جبهة تيغراي إن مقاتليها دمروا ثلاث دبابات وأسقطوا مروحية. ونفى الجيش إسقاط أي مروحية، مكتفيا بالقول
    إن دبابة تضررت»: extraction points the denial at the list's first figure; its own words (to the comma) name the
    helicopter."""
    tanks = claim(
        "tanks", type="equipment", measure="destroyed", value=3, speaker=TPLF, span=[30, 50], sentence=[0, 80],
        target={"side": "ET", "group": "tanks"}, quote="دمروا ثلاث دبابات",
    )  # fmt: skip
    heli = claim(
        "heli", type="equipment", measure="destroyed", value=1, speaker=TPLF, span=[51, 70], sentence=[0, 80],
        target={"side": "ET", "group": "helicopters"}, quote="وأسقطوا مروحية",
    )  # fmt: skip
    denial = claim(
        "den", type="denial", measure=None, speaker=ETHIOPIA, span=[81, 120], sentence=[81, 200], denies=[30, 50],
        quote="ونفى الجيش الإثيوبي إسقاط أي مروحية",
        context="ونفى الجيش الإثيوبي إسقاط أي مروحية، مكتفيا بالقول إن دبابة تضررت.",
    )  # fmt: skip
    assert pairs(compare_new([tanks, heli, denial], [])) == {("denial", "heli", "den")}
    # Words that name no item leave extraction's span as it was.
    vague = dict(denial, quote="ونفى الجيش الإثيوبي ذلك", context="ونفى الجيش الإثيوبي ذلك.")
    assert pairs(compare_new([tanks, heli, vague], [])) == {("denial", "tanks", "den")}


def test_a_second_denial_that_only_calls_it_false_denies_what_the_first_did() -> None:
    """«نفت هيئة الأركان صحة هذا الخبر ووصفته بأنه "دعاية كاذبة"»: the second phrase is the same act."""
    jets = claim(
        "jets", type="equipment", measure="destroyed", value=4, speaker=MOSCOW, span=[0, 40], sentence=[0, 60],
        target={"side": "UA", "group": "aircraft"}, quote="إسقاط أربع مقاتلات أوكرانية",
    )  # fmt: skip
    aside = claim("aside", type="statement", measure=None, speaker=MOSCOW, span=[61, 100], sentence=[61, 110])
    first = claim(
        "d1", type="denial", measure=None, speaker=KYIV, span=[111, 140], sentence=[111, 190],
        quote="نفت هيئة الأركان صحة هذا الخبر",
    )  # fmt: skip
    second = claim(
        "d2", type="denial", measure=None, speaker=KYIV, span=[160, 180], sentence=[111, 190], denies=[61, 100],
        quote="دعاية كاذبة",
    )  # fmt: skip
    assert pairs(compare_new([jets, aside, first, second], [])) == {("denial", "jets", "d1"), ("denial", "jets", "d2")}


# ---------------------------------------------------------------- parts of a toll


def test_a_figure_opened_by_among_them_is_a_part_never_the_whole() -> None:
    """«قتل 60 شخصا، بينهم 25 طفلا ومسعف» (Sanaa's toll): the medic (one, in the list after «بينهم») is no
    toll of all the dead that 60 or 25 could exceed."""
    toll = claim("toll", speaker=SANAA, value=60, target={"side": "YE", "group": "people"}, quote="قتل 60 شخصا")
    medic = claim(
        "medic", speaker=SANAA, value=1, target={"side": None, "group": "people"}, quote="ومسعف",
        lead="وأعلنت الوزارة أنه قتل 60 شخصا، بينهم 25 طفلا ",
    )  # fmt: skip
    assert partitive(medic)
    assert interval(medic) == (1, float("inf"))
    assert compare_new([toll, medic], []) == []
    # Far from its opener (a new clause after a comma), a figure is read as it stands.
    later = dict(medic, lead="بينهم 25 طفلا، وأصيب ")
    assert not partitive(later) and interval(later) == (1, 1)


def test_a_figure_of_the_dead_is_a_part_of_the_dead() -> None:
    """«أعلن الجيش مقتل 75 من جنوده ... وأفادت وزارة الصحة بأن 70 من القتلى كانوا من الجيش»: 75 soldiers do not
    exceed "70 of the dead" (a part, not everyone's dead)."""
    soldiers = claim(
        "s", speaker=MOSCOW, value=75, target={"side": "RU", "group": "soldiers"}, quote="مقتل 75 من جنوده"
    )
    part = claim(
        "p", speaker={"text": "وزارة الصحة الروسية", "side": "RU", "id": "ru-moh"}, value=70,
        target={"side": "RU", "group": "people"}, quote="70 من القتلى",
    )  # fmt: skip
    assert partitive(part)
    assert compare_pair(soldiers, part) == []
    whole = dict(part, quote="70 قتيلا")
    assert [r.reason for r in compare_pair(soldiers, whole)] == ["exceeds_total"]


def test_among_the_dead_one_commander_does_not_conflict_with_the_enemys_count() -> None:
    """«وقالت الحكومة إن من بين القتلى ضابطا» against the rebels' «قتلنا 85 جنديا»: one of the dead, not a count
    of the soldiers killed."""
    rebels = claim("r", article="a2", speaker=TPLF, value=85, target={"side": "ET", "group": "soldiers"})
    officer = claim(
        "o", speaker=ETHIOPIA, value=1, target={"side": "ET", "group": "soldiers"}, quote="القتلى ضابطا",
        lead="وقالت الحكومة إن من بين ",
    )  # fmt: skip
    assert compare_pair(rebels, dict(officer, article="a2", article_id="a2")) == []


def test_items_of_one_list_are_counted_apart() -> None:
    """«خسرت القوات الحكومية 4200 جندي و900 من عناصر الشرطة» (Myanmar's junta, one list): the second item, even read
    as people of no side, is no whole the first could exceed."""
    junta = {"text": "المجلس العسكري", "side": "MM", "id": "mm-junta"}
    soldiers = claim(
        "s", speaker=junta, value=4200, target={"side": "MM", "group": "soldiers"}, span=[20, 38], sentence=[0, 80],
        quote="خسرت 4200 جندي",
    )  # fmt: skip
    police = claim(
        "p", speaker=junta, value=900, target={"side": None, "group": "people"}, span=[39, 45], sentence=[0, 80],
        quote="و900",
    )  # fmt: skip
    assert compare_pair(soldiers, police) == []
    # The same whole in another sentence is a toll, and a part above it is flagged.
    toll = dict(police, id="t", span=[120, 140], sentence=[100, 160], quote="مقتل 900 شخص")
    assert [r.reason for r in compare_pair(soldiers, toll)] == ["exceeds_total"]


def test_a_part_given_among_them_belongs_to_the_toll_of_its_own_sentence() -> None:
    """«قتل 9000 شخص منذ بدء الحرب، بينهم 3100 طفل» and, paragraphs later, «وأضافت أن العشرات قتلوا» in one raid:
    the children are part of the war's toll, not of the raid's."""
    children = claim(
        "c", speaker=SANAA, value=3100, target={"side": "YE", "group": "children"}, span=[40, 52], sentence=[0, 60],
        quote="3100 طفل", lead="قتل 9000 شخص منذ بدء الحرب، بينهم ",
    )  # fmt: skip
    raid = claim(
        "r", value=None, qualifier="dozens", target={"side": "YE", "group": "people"}, span=[300, 320],
        sentence=[280, 330], quote="العشرات قتلوا",
    )  # fmt: skip
    assert compare_pair(children, raid) == []


# ---------------------------------------------------------------- measures inside others


def test_more_killed_than_all_the_losses_is_a_conflicting_count() -> None:
    """Kyiv: «خسائرنا لا تتجاوز 3000»; Moscow: «قتل نحو 6000 جندي أوكراني». The killed are part of the losses."""
    losses = claim(
        "l", speaker=KYIV, measure="casualties", value=3000, qualifier="at_most",
        target={"side": "UA", "group": "soldiers"},
    )  # fmt: skip
    killed = claim("k", speaker=MOSCOW, value=6000, qualifier="about", target={"side": "UA", "group": "soldiers"})
    [rel] = compare_pair(losses, killed)
    assert (rel.kind, rel.reason, rel.a, rel.b) == ("contradicts", "conflicting_count", "k", "l")
    # Fewer killed than the losses is no conflict; nor is the same speaker's breakdown.
    assert compare_pair(losses, dict(killed, value=2000)) == []
    assert compare_pair(losses, dict(killed, speaker=KYIV)) == []


def test_a_denial_that_names_the_claimant_needs_one_word_of_the_claim() -> None:
    """«وأكد الجيش أن جبهة تحرير تيغراي لم تستول على أي دبابات», the front's claim two sentences later: the
    claimant named and one word in common (دبابات, دبابة) link them; its other claim shares no word."""
    tanks = claim(
        "tanks", type="equipment", measure="captured", value=30, speaker=TPLF, span=[200, 230], sentence=[200, 280],
        target={"side": "ET", "group": "tanks"}, quote="الاستيلاء على 30 دبابة",
    )  # fmt: skip
    town = claim(
        "town", type="territory", measure="captured", value=1, speaker=TPLF, span=[231, 270], sentence=[200, 280],
        target={"side": "ET", "group": "towns"}, quote="والسيطرة على بلدة",
    )  # fmt: skip
    denial = claim(
        "den", type="denial", measure=None, speaker=ETHIOPIA, span=[0, 60], sentence=[0, 80],
        quote="جبهة تحرير تيغراي لم تستول على أي دبابات",
    )  # fmt: skip
    assert pairs(compare_new([denial, tanks, town], [])) == {("denial", "tanks", "den")}
    unnamed = dict(denial, quote="لم تستول على أي دبابات")
    assert pairs(compare_new([unnamed, tanks, town], [])) == set()


# ---------------------------------------------------------------- a denial that names something else


DAMASCUS = {"text": "وزارة الدفاع السورية", "side": "SY", "id": "sy-ministry-of-defence"}
IDF = {"text": "الجيش الإسرائيلي", "side": "IL", "id": "idf"}


def _toll_then_denial(group: str, toll_quote: str, denial_context: str) -> set[tuple[str, str, str]]:
    """A toll in one sentence; in the next, the other side's participle denial that names what it denies
    (extraction guessed the toll before as what it denies)."""
    toll = claim(
        "toll", value=6, speaker=DAMASCUS, span=[60, 80], sentence=[0, 100], quote=toll_quote,
        target={"side": "SY", "group": group},
    )  # fmt: skip
    denial = claim(
        "den", type="denial", measure=None, speaker=IDF, span=[160, 166], sentence=[101, 200], denies=[60, 80],
        quote=denial_context.split()[0], cue=denial_context.split()[0], context=denial_context,
    )  # fmt: skip
    return pairs(compare_new([toll, denial], []))


def test_a_denial_naming_another_deed_does_not_deny_the_toll_before() -> None:
    """«نافيا استهداف أي مواقع مدنية» after six soldiers killed: it denies hitting civilian sites, not the toll."""
    assert _toll_then_denial("soldiers", "مقتل ستة عسكريين", "نافيا استهداف أي مواقع مدنية") == set()


def test_a_denial_of_hitting_civilians_denies_a_civilian_toll() -> None:
    """«نافيا استهداف أي مناطق سكنية» after civilians killed by shelling: the same deed told by the other side."""
    found = _toll_then_denial("civilians", "مقتل ستة مدنيين", "نافيا استهداف أي مناطق سكنية")
    assert found == {("denial", "toll", "den")}


def test_a_denial_of_the_figure_announced_denies_it() -> None:
    """«نافية الرقم الذي أعلنه الطرف الآخر»: it names the report, not a deed of its own."""
    found = _toll_then_denial("soldiers", "أسر ستة عسكريين", "نافية الرقم الذي أعلنه الطرف الآخر")
    assert found == {("denial", "toll", "den")}
