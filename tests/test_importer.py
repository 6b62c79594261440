"""Drafting brief files from briefs' text: structure, variants, marks, refusals, writing."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecastcli import importer
from forecastcli.cli.importing import decode, resolutions_in, write_brief
from forecastcli.config import load_settings
from forecastcli.errors import DataError
from forecastcli.loading import load_archive
from forecastcli.validation import check_text
from tests.helpers import REPO, SEED_BRIEFS, SHARED

SEED_TEXT = SHARED / "seed" / "000_1e29eaebdbae5260.txt"
BUNDLED = "2025-12-08-kazakhstan-joins-the-abraham-accords"


def text_of(body: str) -> str:
    return textwrap.dedent(body).lstrip("\n")


def draft_of(body: str, **options: Any) -> importer.Draft:
    return importer.read_draft(text_of(body), load_settings(), source="brief.txt", **options)


def rows(draft: importer.Draft) -> list[tuple[str | None, str | None, float | None, bool]]:
    return [(f.horizon, f.term.name if f.term else None, f.p, f.active) for f in draft.forecasts]


def loaded(draft: importer.Draft) -> Any:
    """The brief that the drafted file loads as, checked as `forecast check` checks it."""
    settings = load_settings()
    text = importer.checked_yaml(draft, settings)
    brief, problems = check_text(draft.file_name, draft.brief_id, text, settings)
    assert problems == []
    return brief


def brief_with(forecast_lines: str, heading: str = "Short-term (Now - 3 months)") -> str:
    return (
        "A Test Brief\n\nBy A. Analyst | 8 December 2025\n\nForecast\n\n"
        f"{heading}\n\n{forecast_lines}\n"
    )


# -- the seed brief ------------------------------------------------------------------------

# The bundled brief as text, made only of what its file holds (title, byline, the Forecast
# section's headings and its bullets as the `quote:` fields give them): it never skips.
DATA_TEXT = REPO / "tests" / "data" / "kazakhstan.txt"


@pytest.fixture(params=["data", "shared"])
def seed_text(request: pytest.FixtureRequest) -> str:
    """The seed brief's text: from tests/data, and the whole article from ../shared too."""
    path = DATA_TEXT if request.param == "data" else SEED_TEXT
    if not path.is_file():
        pytest.skip("the shared seed text is not here")
    return decode(path.read_bytes(), path.name)


def test_the_data_text_holds_only_what_the_bundled_brief_holds() -> None:
    settings = load_settings(SEED_BRIEFS)
    (bundled,) = load_archive(settings).briefs
    quotes = list(dict.fromkeys(f.quote for f in bundled.forecasts))
    lines = [line.strip(" •") for line in DATA_TEXT.read_text(encoding="utf-8").splitlines()]
    labels = [h.label for h in settings.horizons.values()]
    assert [line for line in lines if line] == [
        bundled.title,
        f"By {bundled.authors[0]} | 8 December 2025",
        "Forecast",
        labels[0],
        *quotes[0:2],
        labels[1],
        *quotes[2:4],
        labels[2],
        *quotes[4:6],
    ]
    assert bundled.published == dt.date(2025, 12, 8)


def test_seed_text_gives_the_forecasts_of_the_bundled_brief(seed_text: str) -> None:
    settings = load_settings(SEED_BRIEFS)
    (bundled,) = load_archive(settings).briefs
    draft = importer.read_draft(seed_text, settings, source="seed.txt")
    text = importer.checked_yaml(draft, settings)
    imported, problems = check_text(draft.file_name, draft.brief_id, text, settings)
    assert problems == []
    assert imported is not None
    assert draft.file_name == f"{BUNDLED}.yaml"
    assert (imported.title, imported.authors, imported.published, imported.scale.name) == (
        bundled.title,
        bundled.authors,
        bundled.published,
        "bisi",
    )

    def shape(brief: Any) -> list[tuple[Any, ...]]:
        return [(f.horizon, f.term.name, f.window.opens, f.window.closes) for f in brief.forecasts]

    assert shape(imported) == shape(bundled)
    # The article writes its apostrophes curly (’), the bundled file straight (').
    assert [(f.quote or "").replace("’", "'") for f in imported.forecasts] == [
        f.quote for f in bundled.forecasts
    ]


def test_seed_text_marks_the_hedge_and_the_condition(seed_text: str) -> None:
    draft = importer.read_draft(seed_text, load_settings(SEED_BRIEFS), source="seed.txt")
    assert draft.marks == ()
    assert draft.all_marks() == [
        (
            "iran-issue-sharp-rhetoric",
            '"possibly" is a hedge outside scale bisi: "possibly lodge a diplomatic protest" is '
            "left out of the statement; give it a term of its own if it is one",
        ),
        (
            "additional-middle-eastern-states",
            'condition "until there is a clearer resolution to the status of Gaza": the '
            "statement keeps it; move it to criteria if it reads better there",
        ),
    ]
    iran = draft.forecasts[1]
    assert iran.statement == "Iran will issue sharp rhetoric."
    assert draft.forecasts[2].statement == "Economic retaliation will happen."


# -- bullets, headings and the end of the section --------------------------------------------


@pytest.mark.parametrize("marker", ["•", "-", "*", "1.", "2)", "(3)", "–", "o", "▪"])
def test_bullet_markers(marker: str) -> None:
    draft = draft_of(
        brief_with(
            f"    {marker} Talks are likely to resume.\n    {marker} A deal is unlikely.",
        )
    )
    assert rows(draft) == [("short", "likely", None, True), ("short", "unlikely", None, True)]
    assert [f.statement for f in draft.forecasts] == ["Talks will resume.", "A deal will happen."]


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Short-term (Now - 3 months)", "short"),
        ("Short term (0–3 months)", "short"),
        ("SHORT-TERM (NOW – 3 MONTHS)", "short"),
        ("short—term", "short"),
        ("• Short‑term (Now – 3 months)", "short"),
        ("Near term:", "short"),
        ("Medium–term (3–12 months)", "medium"),
        ("MID-TERM", "medium"),
        ("### Medium term (3-12 months)", "medium"),
        ("Long term (1 year+)", "long"),
        ("**Long-term (>1 year)**", "long"),
        ("(0-3 months)", "short"),
        ("Next 3 months", "short"),
        ("3 – 12 months", "medium"),
        ("Beyond 12 months", "long"),
        ("Over one year:", "long"),
        ("12-24 months", "long"),
    ],
)
def test_horizon_heading_variants(heading: str, key: str) -> None:
    draft = draft_of(brief_with("- Talks are likely to resume.", heading))
    assert rows(draft) == [(key, "likely", None, True)]
    assert draft.marks == ()


def test_headings_set_the_horizon_of_the_bullets_under_them() -> None:
    draft = draft_of(
        """
        Title
        By A. Analyst | 8 December 2025
        Forecast
        Short term (0-3 months)
        - Talks are likely to resume.
        Medium term (3-12 months)
        - A deal is unlikely by 2027.
        - Sanctions will almost certainly stay.
        Long term (>1 year)
        - A treaty is a realistic possibility.
        """
    )
    assert [(f.horizon, f.heading.text if f.heading else None) for f in draft.forecasts] == [
        ("short", "Short term (0-3 months)"),
        ("medium", "Medium term (3-12 months)"),
        ("medium", "Medium term (3-12 months)"),
        ("long", "Long term (>1 year)"),
    ]
    brief = loaded(draft)
    assert [(f.window.opens, f.window.closes) for f in brief.forecasts][1] == (
        dt.date(2026, 3, 8),
        dt.date(2026, 12, 8),
    )


def test_a_heading_whose_months_differ_from_the_horizon_is_marked() -> None:
    draft = draft_of(brief_with("- Talks are likely to resume.", "Short term (0–6 months)"))
    assert rows(draft) == [("short", "likely", None, True)]
    assert draft.marks == (
        'heading "Short term (0–6 months)" spans 0–6 months; the window follows horizon short '
        "(0–3 months)",
    )
    draft = draft_of(brief_with("- Talks are likely to resume.", "(0–4 months)"))
    assert rows(draft) == [("short", "likely", None, True)]
    assert draft.marks == (
        'heading "(0–4 months)" spans 0–4 months; read as horizon short (0–3 months)',
    )


def test_a_sentence_starting_with_horizon_words_is_not_a_heading() -> None:
    draft = draft_of(
        brief_with(
            "- Short-term pressure on Iran is likely to grow.\n- Long-term deals are unlikely."
        )
    )
    assert rows(draft) == [("short", "likely", None, True), ("short", "unlikely", None, True)]


def test_inline_heading_and_continuation_lines() -> None:
    draft = draft_of(
        """
        Title
        By A. Analyst | 8 December 2025

        Forecast

        - Short term (0-3 months): Talks are likely
          to resume after the summit,
        and to end before the winter.

        - Medium term: A deal is unlikely.
        """
    )
    assert rows(draft) == [("short", "likely", None, True), ("medium", "unlikely", None, True)]
    assert draft.forecasts[0].quote == (
        "Talks are likely to resume after the summit, and to end before the winter."
    )


@pytest.mark.parametrize(
    "after",
    [
        "Previous\nPrevious\n\nAn Older Brief\n\nNext\nNext\n\n- A newer brief is likely.",
        "BISI Probability Scale\n- Remote chance\n- Unlikely",
        "Next\n- Unrelated bullet that is likely.",
        "\nConclusion\n\nMore prose that is likely to continue.\n\n- A bullet of another section "
        "is unlikely.",
        "\nVeronika Shabrikhina / Unsplash\n- Caption that is likely.",
        "\nSources\n- Something likely.",
    ],
)
def test_the_section_ends_before_other_sections_and_boilerplate(after: str) -> None:
    text = brief_with("  • Talks are likely to resume.\n  • A deal is unlikely.") + after
    draft = importer.read_draft(text, load_settings(), source="brief.txt")
    assert [f.statement for f in draft.forecasts] == ["Talks will resume.", "A deal will happen."]


def test_text_inside_the_section_before_the_bullets_is_skipped() -> None:
    draft = draft_of(
        """
        Title
        By A. Analyst | 8 December 2025

        Forecasts:

        Our forecasts use the BISI Probability Scale, read with care.

        Short-term (Now - 3 months)

        Within this horizon we expect:

        - Talks are likely to resume.
        """
    )
    assert rows(draft) == [("short", "likely", None, True)]


def test_windows_line_ends_and_a_byte_order_mark_read_the_same() -> None:
    text = brief_with("• Talks are likely to resume.\n• A deal is unlikely.")
    crlf = ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")
    old_mac = text.replace("\n", "\r").encode("utf-8")
    utf16 = text.encode("utf-16")
    settings = load_settings()
    expected = importer.brief_yaml(importer.read_draft(text, settings, source="b.txt"))
    for data in (crlf, old_mac, utf16):
        decoded = decode(data, "b.txt")
        assert "\r" not in decoded
        draft = importer.read_draft(decoded, settings, source="b.txt")
        assert importer.brief_yaml(draft) == expected


def test_text_that_is_not_utf8_is_refused_with_its_line() -> None:
    with pytest.raises(DataError, match=r"^b.txt:3: not UTF-8 text; save the brief as UTF-8$"):
        decode(b"Title\nBy A\n\xe9t\xe9\n", "b.txt")


# -- terms, numbers, hedges and marks -------------------------------------------------------


def test_two_terms_split_into_two_forecasts_when_the_clauses_split() -> None:
    draft = draft_of(
        brief_with(
            "- Iran will likely protest, though economic retaliation will remain unlikely.\n"
            "- Although a full closure is highly unlikely, partial disruption is a realistic "
            "possibility."
        )
    )
    assert rows(draft) == [
        ("short", "likely", None, True),
        ("short", "unlikely", None, True),
        ("short", "highly unlikely", None, True),
        ("short", "realistic possibility", None, True),
    ]
    assert [f.id for f in draft.forecasts] == [
        "iran-protest",
        "economic-retaliation",
        "full-closure",
        "partial-disruption",
    ]
    assert all(f.marks == () for f in draft.forecasts)
    assert draft.forecasts[0].quote == draft.forecasts[1].quote


def test_two_terms_that_do_not_split_are_kept_whole_and_marked() -> None:
    draft = draft_of(brief_with("- States will likely and almost certainly build pipelines."))
    (f,) = draft.forecasts
    assert (f.term.name if f.term else None, f.active) == ("likely", True)
    assert f.marks == (
        'two terms in one sentence ("likely", "almost certainly") that do not split cleanly: '
        'kept whole with "likely"; split it by hand',
    )


def test_two_sentences_with_terms_give_two_forecasts_with_their_own_quotes() -> None:
    draft = draft_of(brief_with("- Talks are likely to resume. A deal is unlikely. It may help."))
    assert [(f.term.name if f.term else None, f.quote) for f in draft.forecasts] == [
        ("likely", "Talks are likely to resume."),
        ("unlikely", "A deal is unlikely."),
    ]
    # The hedge of the sentence left out is still shown.
    assert draft.forecasts[0].marks == (
        '"may" is a hedge outside scale bisi: "may help" is not a forecast as written; give it '
        "a term of its own if it is one",
    )


def test_numbers_with_and_without_terms() -> None:
    draft = draft_of(
        brief_with(
            "- Freight rates will double (~70%).\n"
            "- There is a 70 per cent chance that ports close.\n"
            "- Insurers are highly likely to raise premiums (85 percent).\n"
            "- Iran is likely (90%) to seize a vessel.\n"
            "- Exports will rise by 10% this year."
        )
    )
    assert rows(draft) == [
        ("short", None, 0.7, True),
        ("short", None, 0.7, True),
        ("short", "highly likely", 0.85, True),
        ("short", "likely", None, True),
        ("short", None, None, False),
    ]
    assert draft.forecasts[3].marks == (
        'the number "90%" lies outside the band of likely (55–75 %): p not set; decide which '
        "the brief means",
    )
    assert draft.forecasts[4].marks == (
        '"10%" reads as a quantity, not a probability',
        "no term of scale bisi and no probability: not a forecast as written; add a term (or p) "
        "and uncomment it",
    )
    brief = loaded(draft)
    assert [(f.id, f.probability) for f in brief.forecasts] == [
        ("freight-rates-double", 0.7),
        ("ports-close", 0.7),
        ("insurers-raise-premiums", 0.85),
        ("iran-seize-vessel", pytest.approx(0.65)),
    ]


def test_a_bullet_with_neither_term_nor_number_is_written_commented_out() -> None:
    draft = draft_of(
        brief_with("- Talks are likely to resume.\n- Tanker traffic could possibly fall.")
    )
    assert rows(draft) == [("short", "likely", None, True), ("short", None, None, False)]
    text = importer.checked_yaml(draft, load_settings())
    assert text.endswith(
        '  # REVIEW: "could" is a hedge outside scale bisi: "could possibly fall" is not a '
        "forecast as\n"
        "  #   written; give it a term of its own if it is one\n"
        "  # REVIEW: no term of scale bisi and no probability: not a forecast as written; add a "
        "term\n"
        "  #   (or p) and uncomment it\n"
        "  # - id: tanker-traffic-possibly-fall\n"
        "  #   horizon: short\n"
        '  #   statement: "Tanker traffic could possibly fall."\n'
        '  #   quote: "Tanker traffic could possibly fall."\n'
    )
    assert [f.id for f in loaded(draft).forecasts] == ["talks-resume"]


def test_a_date_in_the_sentence_is_a_mark_not_a_window() -> None:
    draft = draft_of(brief_with("- Azerbaijan is likely to join by 2027.", "Medium term"))
    (f,) = draft.forecasts
    assert f.horizon == "medium"
    assert f.marks == (
        'names a time ("by 2027"): the window still comes from the heading (medium: 2026-03-08 '
        "to 2026-12-08); set opens/closes if the time should decide",
    )
    (forecast,) = loaded(draft).forecasts
    assert forecast.window.closes == dt.date(2026, 12, 8)


def test_a_sentence_naming_another_horizon_and_a_negated_term_are_marked() -> None:
    draft = draft_of(brief_with("- Sanctions will not likely ease in the long term."))
    assert draft.forecasts[0].marks == (
        'the term is negated ("will not likely"): check the term',
        'says "in the long term" but stands under a short heading, which sets the horizon',
    )


def test_bullets_under_no_heading_take_the_horizon_their_sentence_names() -> None:
    draft = draft_of(
        """
        Title
        By A. Analyst | 8 December 2025
        Forecast
        - Talks are likely to resume in the medium term.
        - A deal is unlikely.
        """
    )
    assert rows(draft) == [("medium", "likely", None, True), (None, "unlikely", None, False)]
    assert draft.forecasts[0].marks == (
        'stands under no horizon heading: horizon medium taken from "in the medium term"',
    )
    assert draft.forecasts[1].marks == (
        "stands under no horizon heading: give it a horizon (short, medium, long) or a closes date",
    )


def test_confidence_is_kept_apart_from_the_term() -> None:
    draft = draft_of(brief_with("- Talks are likely to resume (moderate confidence)."))
    (f,) = draft.forecasts
    assert (f.confidence, f.statement) == ("moderate", "Talks will resume.")
    assert loaded(draft).forecasts[0].confidence == "moderate"


def test_other_scales_read_their_own_terms() -> None:
    draft = draft_of(brief_with("- Talks are very likely to resume."), scale="icd203")
    assert rows(draft) == [("short", "very likely", None, True)]
    assert "scale: icd203\n" in importer.brief_yaml(draft)
    assert loaded(draft).scale.name == "icd203"


def test_ids_are_short_and_unique() -> None:
    draft = draft_of(
        brief_with(
            "- Talks are likely to resume.\n- Talks are unlikely to resume.\n"
            "- Talks will almost certainly resume."
        )
    )
    assert [f.id for f in draft.forecasts] == ["talks-resume", "talks-resume-2", "talks-resume-3"]


# -- the front matter and refusals ----------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "authors", "day"),
    [
        ("By Erlan Benedis-Grab | 8 December 2025", ("Erlan Benedis-Grab",), "2025-12-08"),
        ("By Ana Lopez and Tom Reed - 3 March 2026", ("Ana Lopez", "Tom Reed"), "2026-03-03"),
        ("By: A. One, B. Two & C. Three, December 8, 2025", ("A. One", "B. Two", "C. Three"),
         "2025-12-08"),
        ("BY MIRA STONE · 12 Jan. 2026", ("MIRA STONE",), "2026-01-12"),
        ("By Mira Stone\nPublished: 2026-01-12", ("Mira Stone",), "2026-01-12"),
        ("By Mira Stone | Monday, 12th January 2026", ("Mira Stone",), "2026-01-12"),
        ("By Mira Stone, 2026-1-12", ("Mira Stone",), "2026-01-12"),
    ],
)  # fmt: skip
def test_bylines(byline: str, authors: tuple[str, ...], day: str) -> None:
    text = f"The Title\n\n{byline}\n\nForecast\nShort term\n- Talks are likely to resume.\n"
    draft = importer.read_draft(text, load_settings(), source="b.txt")
    assert (draft.title, draft.authors, draft.published.isoformat()) == ("The Title", authors, day)


@pytest.mark.parametrize(
    ("order", "day"), [("dmy", "2026-01-12"), ("mdy", "2026-12-01")]
)  # fmt: skip
def test_an_all_numeric_byline_date_follows_date_order(order: str, day: str) -> None:
    Path("forecast.yaml").write_text(f"date_order: {order}\n", encoding="utf-8")
    text = "The Title\nBY MIRA STONE · 12/01/2026\n\nForecast\nShort term\n- Talks are likely.\n"
    draft = importer.read_draft(text, load_settings(), source="b.txt")
    assert (draft.authors, draft.published.isoformat()) == (("MIRA STONE",), day)


def test_an_all_numeric_byline_date_is_refused_with_both_readings() -> None:
    text = "The Title\nBy Mira Stone · 12/01/2026\n\nForecast\nShort term\n- Talks are likely.\n"
    with pytest.raises(DataError) as caught:
        importer.read_draft(text, load_settings(), source="b.txt")
    assert caught.value.message == (
        "cannot import b.txt: no date it can read ('12/01/2026' could be 12 January 2026 "
        "(2026-01-12) or 1 December 2026 (2026-12-01); write the one meant in ISO form, or set "
        "`date_order: dmy` or `mdy` in forecast.yaml): give --published DATE. Nothing was written."
    )
    # With --published the draft is made, and says why the byline's date was not used.
    draft = importer.read_draft(
        text, load_settings(), source="b.txt", published=dt.date(2026, 1, 12)
    )
    assert draft.published == dt.date(2026, 1, 12)
    assert draft.marks == (
        "published is 2026-01-12 from --published; the byline's date is not read ('12/01/2026' "
        "could be 12 January 2026 (2026-01-12) or 1 December 2026 (2026-12-01); write the one "
        "meant in ISO form, or set `date_order: dmy` or `mdy` in forecast.yaml)",
    )


@pytest.mark.parametrize(
    ("byline", "why"),
    [
        ("By A | 30 February 2026", "'30 February 2026' is not a real date: February 2026 has 28 days"),
        ("By A | Tuesday 8 December 2025",
         "'Tuesday 8 December 2025' does not agree with itself: 8 December 2025 is a Monday"),
        ("By A | 8/12/25", "'8/12/25' has a two-digit year; write the date as 2025-12-08"),
    ],
)  # fmt: skip
def test_a_byline_date_the_reader_refuses_is_never_guessed(byline: str, why: str) -> None:
    text = f"The Title\n{byline}\n\nForecast\nShort term\n- Talks are likely.\n"
    with pytest.raises(DataError) as caught:
        importer.read_draft(text, load_settings(), source="b.txt")
    assert f"no date it can read ({why}): give --published DATE" in caught.value.message


def test_published_option_fills_or_overrides_the_byline_date() -> None:
    body = "Title\nBy A. Analyst{date}\n\nForecast\nShort term\n- Talks are likely to resume.\n"
    settings = load_settings()
    given = dt.date(2026, 1, 5)
    draft = importer.read_draft(body.format(date=""), settings, source="b", published=given)
    assert (draft.published, draft.marks) == (given, ())
    draft = importer.read_draft(
        body.format(date=" | 8 December 2025"), settings, source="b", published=given
    )
    assert draft.published == given
    assert draft.marks == ("published is 2026-01-05 from --published; the byline says 2025-12-08",)
    assert draft.file_name == "2026-01-05-title.yaml"


def test_a_brief_without_author_is_marked() -> None:
    draft = draft_of(
        "Title\n8 December 2025\n\nForecast\nShort term\n- Talks are likely to resume.\n"
    )
    assert draft.authors == ()
    assert draft.marks == ('no author found (a byline such as "By NAME | 8 December 2025")',)
    assert "\nauthor:" not in importer.brief_yaml(draft)


NO_DATE = 'no date (a byline such as "By NAME | 8 December 2025"; or give --published DATE)'
NO_SECTION = 'no Forecast section (a line reading "Forecast" above the forecasts)'
NO_BULLETS = "no bullets in the Forecast section (lines starting with •, -, * or a number)"


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("Title\nBy A | 8 December 2025\n\nSummary\n- X is likely.\n", [NO_SECTION]),
        ("Title\nBy A\n\nForecast\nShort term\n- X is likely.\n", [NO_DATE]),
        ("Title\nBy A | 8 December 2025\n\nForecast\n\nX is likely.\n\nNext\n", [NO_BULLETS]),
        ("Title\nBy A\n\nNothing else.\n", [NO_DATE, NO_SECTION]),
        ("", ["no title (the first line of the text)", NO_DATE, NO_SECTION]),
    ],
)
def test_refusals_say_what_is_missing(text: str, missing: list[str]) -> None:
    with pytest.raises(DataError) as caught:
        importer.read_draft(text, load_settings(), source="b.txt")
    assert caught.value.message == (
        f"cannot import b.txt: {'; '.join(missing)}. Nothing was written."
    )


def test_a_section_without_any_forecast_is_refused() -> None:
    with pytest.raises(DataError) as caught:
        importer.read_draft(
            "Title\nBy A | 8 December 2025\nForecast\n- X could happen.\n",
            load_settings(),
            source="b.txt",
        )
    assert caught.value.message == (
        "cannot import b.txt: no bullet of the Forecast section gives a forecast: bullets that "
        'stand under no horizon heading (add a line such as "Short-term (Now - 3 months)" '
        "above them); bullets with no term of scale bisi and no probability. Nothing was written."
    )


# -- the file --------------------------------------------------------------------------------


def test_awkward_text_is_quoted_so_it_loads_back_unchanged() -> None:
    title = 'Yes: "Quotes", #hash, back\\slash, tab\there, \u0085 and \U0001f600 — no'
    draft = importer.read_draft(
        f"{title}\nBy A | 8 December 2025\nForecast\nShort term\n"
        '- On: Iran\'s "red line" # is likely to hold: 100% {sure}.\n',
        load_settings(),
        source="b.txt",
    )
    brief = loaded(draft)
    assert brief.title == draft.title
    assert brief.forecasts[0].quote == draft.forecasts[0].quote


def test_a_file_name_with_a_line_break_stays_in_its_comment() -> None:
    text = brief_with("- Talks are likely to resume.")
    draft = importer.read_draft(text, load_settings(), source="a\nb.txt")
    assert importer.brief_yaml(draft).startswith(
        '# Drafted by `forecast import` from "a\\nb.txt".\n'
    )
    assert [f.id for f in loaded(draft).forecasts] == ["talks-resume"]


@settings(max_examples=150, deadline=None)
@given(
    title=st.text(min_size=1, max_size=40),
    bullet=st.text(max_size=120),
)
def test_any_text_gives_a_loadable_draft_or_a_clean_refusal(title: str, bullet: str) -> None:
    text = f"{title}\nBy A | 8 December 2025\nForecast\nShort term\n- {bullet} is likely.\n"
    try:
        draft = importer.read_draft(text, load_settings(Path("briefs")), source="b.txt")
    except DataError as exc:
        assert exc.message.startswith("cannot import b.txt: ")
        return
    loaded(draft)


def test_write_refuses_an_existing_file_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "briefs" / "b.yaml"
    assert write_brief(path, "one\n", force=False) is False
    with pytest.raises(DataError, match=r"^briefs/b.yaml exists; give --force to replace it"):
        write_brief(path, "two\n", force=False)
    assert path.read_text(encoding="utf-8") == "one\n"
    assert write_brief(path, "three\n", force=True) is True
    assert path.read_text(encoding="utf-8") == "three\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["b.yaml"]


def test_resolutions_in_an_existing_file_are_counted(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text("title: T\nresolutions:\n  - {forecast: a}\n  - {forecast: b}\n")
    assert resolutions_in(path) == 2
    own = (
        "  - id: a\n    resolutions:\n      - {outcome: yes}\n  - {id: b, resolutions: [{}, {}]}\n"
    )
    path.write_text("title: T\nforecasts:\n" + own + "resolutions:\n  - {forecast: a}\n")
    assert resolutions_in(path) == 4
    path.write_text("title: [broken\n")
    assert resolutions_in(path) == 0


@pytest.mark.parametrize(
    "heading",
    ["Forecast", "FORECASTS", "## Forecast", "**Forecast**", "Forecast:", "Key Forecasts"],
)
def test_forecast_section_heading_variants(heading: str) -> None:
    draft = draft_of(
        brief_with("- Talks are likely to resume.").replace("Forecast\n", heading + "\n")
    )
    assert rows(draft) == [("short", "likely", None, True)]


def test_a_range_sets_p_to_its_midpoint_and_is_marked() -> None:
    draft = draft_of(brief_with("- There is a 60–80% chance that talks resume."))
    (f,) = draft.forecasts
    assert (f.p, f.statement) == (0.7, "Talks resume.")
    assert f.marks == ('a range ("60–80%"): p set to its midpoint, 70 %',)


def test_phrase_hedges_are_marked() -> None:
    draft = draft_of(brief_with("- Talks are likely to resume; a coup cannot be ruled out."))
    (f,) = draft.forecasts
    assert f.marks == (
        '"cannot be ruled out" is a hedge outside scale bisi: "cannot be ruled out" is not a '
        "forecast as written; give it a term of its own if it is one",
    )


def test_a_title_starting_with_by_is_still_the_title() -> None:
    draft = draft_of(
        brief_with("- Talks are likely to resume.").replace("A Test Brief", "By Land and Sea")
    )
    assert (draft.title, draft.authors) == ("By Land and Sea", ("A. Analyst",))
