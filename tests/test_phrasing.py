"""Reading forecast sentences: clauses, numbers, hedges, dates and the statement."""

from __future__ import annotations

import pytest

from forecastcli.importer import cues, phrasing
from forecastcli.scales import built_in_scales

BISI = built_in_scales()["bisi"]


def anchors(sentence: str) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in BISI.find(sentence)]


def test_sentences_do_not_break_after_abbreviations() -> None:
    text = (
        "Washington pledged USD 17b with U.S. companies. This would primarily involve "
        "ports, e.g. Haifa. Iran is unlikely to respond!"
    )
    assert phrasing.sentences(text) == [
        "Washington pledged USD 17b with U.S. companies.",
        "This would primarily involve ports, e.g. Haifa.",
        "Iran is unlikely to respond!",
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Iran will likely issue sharp rhetoric and possibly lodge a diplomatic protest, "
            "though economic retaliation will remain unlikely.",
            [
                "Iran will likely issue sharp rhetoric and possibly lodge a diplomatic protest",
                "economic retaliation will remain unlikely.",
            ],
        ),
        (
            "Although a full closure is highly unlikely, partial disruption is a realistic "
            "possibility.",
            ["a full closure is highly unlikely", "partial disruption is a realistic possibility."],
        ),
        (
            "Talks are likely to resume; a deal is unlikely.",
            ["Talks are likely to resume", "a deal is unlikely."],
        ),
        (
            "Exports are likely to grow – but imports are unlikely to.",
            ["Exports are likely to grow", "imports are unlikely to."],
        ),
    ],
)
def test_clauses_split_one_term_each(sentence: str, expected: list[str]) -> None:
    assert phrasing.clauses(sentence, anchors(sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Regional states will likely and almost certainly build pipelines.",
        "It is likely, though unlikely to matter, that talks resume.",
    ],
)
def test_clauses_that_do_not_split_cleanly(sentence: str) -> None:
    assert phrasing.clauses(sentence, anchors(sentence)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran will retaliate (~70%).", [0.7]),
        ("Iran will retaliate (70 per cent).", [0.7]),
        ("Iran will retaliate (p = 0.7).", [0.7]),
        ("There is a 70 percent chance that Iran retaliates.", [0.7]),
        ("Iran is 70% likely to retaliate.", [0.7]),
        ("Iran will retaliate, with a probability of 70 per cent.", [0.7]),
        ("Iran will retaliate: 70 per cent.", [0.7]),
        ("Iran will retaliate (60–80%).", [0.7]),
        ("Exports will rise by 10% this year.", []),
        ("Exports will rise by 10% (~70%), though imports fall (~20%).", [0.7, 0.2]),
        ("Nothing at all (150%).", []),
    ],
)
def test_numbers_read_as_probabilities(text: str, expected: list[float]) -> None:
    assert [n.p for n in cues.numbers(text)] == expected


def test_quantities_are_percentages_that_are_not_probabilities() -> None:
    assert cues.quantities("Exports will rise by 10% (~70%).") == ["10%"]


def test_hedges_skip_words_inside_a_term_and_the_month_may() -> None:
    phia = built_in_scales()["phia"]
    text = "It is realistically possible that talks resume in May 2026, and perhaps sooner."
    found = cues.hedges(text, phia.find(text))
    assert [(h.word, h.qualifies) for h in found] == [("perhaps", "perhaps sooner")]


def test_a_coordinated_hedge_is_cut_from_the_statement() -> None:
    clause = "Iran will likely issue sharp rhetoric and possibly lodge a diplomatic protest"
    (hedge,) = cues.hedges(clause, BISI.find(clause))
    assert hedge.cut is not None
    assert clause[hedge.cut[0] : hedge.cut[1]] == " and possibly lodge a diplomatic protest"
    assert phrasing.statement(clause, BISI) == "Iran will issue sharp rhetoric."


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (
            "Kazakhstan and Israel will almost certainly hold a formal signing ceremony.",
            "Kazakhstan and Israel will hold a formal signing ceremony.",
        ),
        (
            "Azerbaijan is likely to join the Abraham Accords in the medium term",
            "Azerbaijan will join the Abraham Accords in the medium term.",
        ),
        ("economic retaliation will remain unlikely.", "Economic retaliation will happen."),
        (
            "There will be a realistic possibility that Israel becomes a partner.",
            "Israel becomes a partner.",
        ),
        ("It is highly unlikely that the strait closes", "The strait closes."),
        ("Although a full closure is highly unlikely", "A full closure will happen."),
        ("Probably, the talks resume.", "The talks resume."),
        ("There is a 70 per cent chance that freight rates double.", "Freight rates double."),
        ("Iran is 70% likely to retaliate (high confidence).", "Iran will retaliate."),
    ],
)
def test_statement_drops_the_probability_words(clause: str, expected: str) -> None:
    assert phrasing.statement(clause, BISI) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Azerbaijan is likely to join by 2027.", ["by 2027"]),
        ("A deal is likely by March 2026 or in early 2027.", ["by March 2026", "in early 2027"]),
        ("Talks will resume within six months.", ["within six months"]),
        ("Turnout will drop before the election.", ["before the election"]),
        ("Tensions will ease by the end of the year.", ["by the end of the year"]),
        ("Exports will rise in the medium term.", []),
    ],
)
def test_date_phrases(text: str, expected: list[str]) -> None:
    assert cues.date_phrases(text) == expected


def test_horizon_words_conditions_negation_and_confidence() -> None:
    text = "Sanctions will not likely ease in the long term unless talks resume."
    (term,) = BISI.find(text)
    assert cues.negated(text, term)
    assert cues.horizon_words(text) == [("in the long term", "long")]
    assert cues.conditions(text) == ["unless talks resume"]
    assert cues.confidences("It is likely (moderate confidence).") == ["moderate"]
    assert cues.confidences("Medium confidence: it is likely.") == ["moderate"]


def test_slugs() -> None:
    assert phrasing.slug("Kazakhstan Joins the Abraham Accords") == (
        "kazakhstan-joins-the-abraham-accords"
    )
    assert phrasing.slug("Türkiye’s “Middle Corridor”: 2026") == "turkiyes-middle-corridor-2026"
    long_title = "Caribbean Reparations in Focus: Push for Justice, Curriculum Reform, and More"
    assert phrasing.slug(long_title) == "caribbean-reparations-in-focus-push-for-justice-curriculum"
    assert phrasing.short_slug("Kazakhstan’s exports to Israel will modestly increase.") == (
        "kazakhstans-exports-israel-modestly"
    )
