"""Where `forecast resolve` puts an entry: under its forecast, and nothing else changes."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecastcli import placing
from forecastcli.config import Settings
from forecastcli.errors import DataError
from forecastcli.model import Outcome, Resolution
from forecastcli.validation import check_text
from tests.helpers import SIMPLE, insert_after, own_list

STAMP = dt.datetime(2026, 11, 27, 10, 4, 12)
ENTRY = Resolution(
    forecast="alpha",
    outcome=Outcome.YES,
    date=dt.date(2026, 3, 1),
    recorded=STAMP,
    by="A. Analyst",
    note="Ceremony held in Washington.",
    sources=("https://example.org/news/1",),
)
LINES = (
    "outcome: yes",
    "date: 2026-03-01",
    "recorded: 2026-11-27T10:04:12Z",
    "by: A. Analyst",
    "note: Ceremony held in Washington.",
    "sources: [https://example.org/news/1]",
)
TOP_TEXT = (
    "  - forecast: alpha\n"
    "    outcome: yes\n"
    "    date: 2026-03-01\n"
    "    recorded: 2026-11-27T10:04:12Z\n"
    "    by: A. Analyst\n"
    "    note: Ceremony held in Washington.\n"
    "    sources: [https://example.org/news/1]\n"
)
BRIEF = textwrap.dedent(SIMPLE).lstrip("\n")
ALPHA_END = "    statement: Alpha happens."
# Both forecasts of SIMPLE in braces: they cannot take a list under them.
IN_BRACES = BRIEF.split("  - id: alpha")[0] + (
    "  - {id: alpha, horizon: short, term: likely, statement: Alpha happens.}\n"
    "  - {id: beta, horizon: medium, term: unlikely, statement: Beta happens.}\n"
)


def placed(text: str, entry: Resolution = ENTRY) -> str:
    return placing.placement("b.yaml", text, entry).apply(text)


def check(text: str) -> None:
    brief, problems = check_text("b.yaml", "b", text, Settings(briefs=Path("briefs")))
    assert brief is not None, problems


def test_entry_text_is_the_format_example() -> None:
    assert placing.entry_text(ENTRY) == TOP_TEXT
    assert placing.entry_text(ENTRY, "", "\r\n") == (
        TOP_TEXT.replace("\n  ", "\n").removeprefix("  ").replace("\n", "\r\n")
    )
    # In a forecast's own list, the entry does not name its forecast.
    assert placing.entry_text(ENTRY, "      ", own=True) == own_list(*LINES, key=False)


@settings(max_examples=300, deadline=None)
@given(
    by=st.text(),
    note=st.text(),
    sources=st.lists(st.text(min_size=1), max_size=3),
    forecast=st.sampled_from(["alpha", "beta"]),
)
def test_any_entry_reads_back_as_written(
    by: str, note: str, sources: list[str], forecast: str
) -> None:
    entry = Resolution(
        forecast=forecast,
        outcome=Outcome.AMBIGUOUS,
        date=dt.date(2026, 3, 1),
        recorded=STAMP,
        by=by.strip() or None,
        note=note.strip() or None,
        sources=tuple(sources),
    )
    for text in (BRIEF, IN_BRACES):
        new_text = placed(text, entry)
        brief, problems = check_text("b.yaml", "b", new_text, Settings(briefs=Path("briefs")))
        assert brief is not None, problems
        (read,) = brief.resolutions
        assert (read.forecast, read.by, read.note, read.sources) == (
            forecast,
            entry.by,
            entry.note,
            entry.sources,
        )
        assert read.recorded == STAMP
        new_text.encode("utf-8")  # nothing that cannot be saved


# -- under the forecast ---------------------------------------------------------------------


def test_a_forecast_gets_its_own_list_right_after_its_last_line() -> None:
    assert placed(BRIEF) == insert_after(BRIEF, ALPHA_END, own_list(*LINES))
    beta = Resolution("beta", Outcome.VOID, dt.date(2026, 2, 1))
    assert placed(BRIEF, beta) == BRIEF + own_list("outcome: void", "date: 2026-02-01")


def test_a_second_entry_follows_the_first_in_the_forecasts_list() -> None:
    once = placed(BRIEF)
    twice = placed(once)
    assert twice == insert_after(BRIEF, ALPHA_END, own_list(*LINES) + own_list(*LINES, key=False))
    check(twice)


def test_comments_after_a_forecast_stay_with_what_follows() -> None:
    # A comment right after alpha's last line, and blank lines, most often introduce the
    # next forecast: the entry goes above them, right after the line that holds YAML.
    text = BRIEF.replace(
        "  - id: beta", "    # checked again in March\n\n  # Beta: the medium term\n  - id: beta"
    )
    assert placed(text) == insert_after(text, ALPHA_END, own_list(*LINES))
    trailing = text.replace(ALPHA_END, ALPHA_END + "   # as the brief says")
    assert placed(trailing) == insert_after(
        trailing, ALPHA_END + "   # as the brief says", own_list(*LINES)
    )


def test_the_entry_follows_the_indentation_of_the_forecast_and_of_its_entries() -> None:
    text = (
        "title: T\npublished: 2026-01-31\nforecasts:\n"
        "- id: alpha\n  horizon: short\n  term: likely\n  statement: A.\n"
        "  resolutions:\n"
        "  -   outcome: no\n      date: 2026-01-01\n"
        "- id: beta\n  horizon: short\n  term: likely\n  statement: B.\n"
    )
    new = placed(text)
    # The dash where the existing entries have theirs, the keys two further.
    entry = own_list(*LINES, indent="", key=False)
    assert new == insert_after(text, "      date: 2026-01-01", entry)
    check(new)


def test_crlf_files_stay_crlf_and_a_missing_final_newline_is_added() -> None:
    text = BRIEF.replace("\n", "\r\n")
    new = placed(text)
    assert new == insert_after(BRIEF, ALPHA_END, own_list(*LINES)).replace("\n", "\r\n")
    beta = Resolution("beta", Outcome.VOID, dt.date(2026, 2, 1))
    cut = text.removesuffix("\r\n") + "  # last line"
    expected = cut + "\r\n" + own_list("outcome: void", "date: 2026-02-01").replace("\n", "\r\n")
    assert placed(cut, beta) == expected
    check(expected)


def test_an_own_list_that_is_not_the_forecasts_last_key_still_gets_the_entry() -> None:
    text = insert_after(
        BRIEF,
        "    term: likely",
        "    resolutions:   # none yet\n    criteria: Reported by two agencies.\n",
    )
    new = placed(text)
    assert new == insert_after(text, "    resolutions:   # none yet", own_list(*LINES, key=False))
    check(new)


@pytest.mark.parametrize(
    ("last", "after"),
    [
        # Folded and literal text end at their last line; their blank lines stay below.
        ("    quote: >\n      Folded\n      text.\n\n", "      text."),
        # Kept trailing blank lines (`|+`) are part of the value: the entry goes after them.
        ("    quote: |+\n      Kept.\n\n", "      Kept.\n"),
        ("    criteria: *c\n", "    criteria: *c"),
        ("    sub: {a: [1,\n      2]}\n", "      2]}"),
    ],
)
def test_the_forecasts_last_line_is_found_whatever_its_last_value(last: str, after: str) -> None:
    # `c:` and `sub:` are unknown keys: warnings, which leave the brief valid.
    text = "c: &c Two sources.\n" + insert_after(BRIEF, ALPHA_END, last)
    new = placed(text)
    assert new == insert_after(text, after, own_list(*LINES))
    brief, problems = check_text("b.yaml", "b", new, Settings(briefs=Path("briefs")))
    assert brief is not None, problems
    assert [(e.forecast, e.line) for e in brief.resolutions] == [
        ("alpha", new[: new.index("      - outcome: yes")].count("\n") + 1)
    ]


def test_a_forecast_in_braces_gets_its_entry_in_the_top_level_list() -> None:
    assert placed(IN_BRACES) == IN_BRACES + "resolutions:\n" + TOP_TEXT
    whole = BRIEF.split("forecasts:")[0] + (
        "forecasts: [{id: alpha, horizon: short, term: likely, statement: A.}]\n"
    )
    assert placed(whole) == whole + "resolutions:\n" + TOP_TEXT


@pytest.mark.parametrize(
    ("own", "message"),
    [
        (
            "    resolutions: []\n",
            "b.yaml:11:5: the `resolutions:` of forecast alpha must be a list with one "
            "`- outcome: ...` item per entry (or empty); rewrite it in that form (a `[]` can "
            "simply be deleted)",
        ),
        (
            "    resolutions: [{outcome: no, date: 2026-01-01}]\n",
            "b.yaml:11:5: the `resolutions:` of forecast alpha must be a list",
        ),
        (
            "    resolutions: *r\n",
            "b.yaml:11:5: the `resolutions:` of forecast alpha refers to a list written "
            "elsewhere (an alias); write its entries out under the key",
        ),
        (
            "    resolutions:\n      -\n        outcome: no\n        date: 2026-01-01\n",
            "b.yaml:11:5: the `resolutions:` of forecast alpha: cannot tell where its last "
            "entry ends; write each entry as `- outcome: ...`",
        ),
    ],
)
def test_an_own_list_that_cannot_take_an_entry_is_refused_with_the_fix(
    own: str, message: str
) -> None:
    text = "r: &r [{outcome: no, date: 2026-01-01}]\n" + insert_after(BRIEF, ALPHA_END, own)
    with pytest.raises(DataError) as caught:
        placed(text)
    assert caught.value.message.startswith(message)


def test_a_brief_written_as_one_flow_mapping_is_refused() -> None:
    text = (
        "{title: T, published: 2026-01-31, forecasts: [{id: alpha, term: likely, "
        "statement: S, horizon: short}]}\n"
    )
    with pytest.raises(DataError, match=r"one \{\.\.\.\} mapping; write it one key per line"):
        placed(text)


# -- the top-level list of older files, for forecasts in braces -----------------------------


def test_entries_follow_the_indentation_of_the_existing_top_level_ones() -> None:
    text = IN_BRACES + (
        "resolutions:   # added by `forecast resolve`; never rewritten\n"
        "    -   forecast: beta\n"
        "        outcome: void\n"
        "        date: 2026-02-01\n"
        "# trailing comment\n"
    )
    assert placed(text) == text + textwrap.indent(TOP_TEXT, "  ")
    indentless = IN_BRACES + "resolutions:\n- {forecast: beta, outcome: void, date: 2026-02-01}\n"
    assert placed(indentless) == indentless + textwrap.dedent(TOP_TEXT)
    empty = IN_BRACES + "resolutions:  # none yet\n\n# the end\n"
    assert placed(empty) == empty + TOP_TEXT


@pytest.mark.parametrize(
    ("tail", "message"),
    [
        (
            "resolutions: []\n",
            "b.yaml:8:1: `resolutions:` must be a list with one `- forecast: ...` item per "
            "entry (or empty); rewrite it in that form (a `[]` can simply be deleted)",
        ),
        ("resolutions: null\n", "b.yaml:8:1: `resolutions:` must be a list"),
        (
            "resolutions:\n  - {forecast: beta, outcome: void, date: 2026-02-01}\nurl: x\n",
            "b.yaml:8:1: `resolutions:` is not the last block of the file; move it (with its "
            "entries) below `url:` so that new entries can be added",
        ),
        (
            "...\n",
            "b.yaml:8:1: the file goes on after the brief (a `...` or `---` line); remove it "
            "so that resolutions can be added at the end",
        ),
        (
            "resolutions:\n  -\n    forecast: beta\n    outcome: void\n    date: 2026-02-01\n",
            "b.yaml:8:1: cannot tell how the entries of `resolutions:` are indented",
        ),
    ],
)
def test_a_top_level_list_that_cannot_take_an_entry_is_refused(tail: str, message: str) -> None:
    with pytest.raises(DataError) as caught:
        placed(IN_BRACES + tail)
    assert caught.value.message.startswith(message)


def test_a_top_level_list_written_as_an_alias_is_refused() -> None:
    listed = "  - {forecast: beta, outcome: void, date: 2026-02-01}\n"
    with pytest.raises(DataError, match=r"b.yaml:10:1: `resolutions:` refers to a list written"):
        placed(f"x: &r\n{listed}{IN_BRACES}resolutions: *r\n")


# -- from the forecast's own lines ----------------------------------------------------------

FORECAST = st.fixed_dictionaries(
    {
        "comment": st.sampled_from(["", "  # the next one\n", "\n\n", "    # a note\n\n"]),
        "last": st.sampled_from(
            [
                "",
                "    confidence: low  # as written\n",
                "    quote: |\n      {name}\n      said.\n\n",
                "    quote: |+\n      {name} said.\n\n",
                "    criteria: >-\n      {name}\n",
                "    tags: [a,\n      b]\n",
            ]
        ),
        "own": st.sampled_from(
            [
                "",
                "    resolutions:\n",
                "    resolutions:\n      - outcome: no\n        date: 2026-01-01\n",
            ]
        ),
        "braces": st.booleans(),
    }
)


@settings(max_examples=200, deadline=None)
@given(
    forecasts=st.lists(FORECAST, min_size=1, max_size=4),
    target=st.integers(min_value=0, max_value=3),
    crlf=st.booleans(),
    top=st.booleans(),
)
def test_the_quick_placement_is_the_full_one_or_none(
    forecasts: list[dict[str, object]], target: int, crlf: bool, top: bool
) -> None:
    """Found from the forecast's lines alone, the place is the one a full parse finds."""
    parts = ["title: T\npublished: 2026-01-31\nforecasts:\n"]
    lines = []
    for i, f in enumerate(forecasts):
        name = f"f{i}"
        lines.append("".join(parts).count("\n") + 1)
        if f["braces"]:
            parts.append(f"  - {{id: {name}, horizon: short, term: likely, statement: S.}}\n")
        else:
            last = str(f["last"]).format(name=name)
            parts.append(
                f"  - id: {name}\n    horizon: short\n    statement: S.\n    term: likely\n"
                f"{last}{f['own']}"
            )
        parts.append(str(f["comment"]))
    if top:
        parts.append("resolutions:\n  - {forecast: f0, outcome: void, date: 2026-02-01}\n")
    text = "".join(parts)
    if crlf:
        text = text.replace("\n", "\r\n")
    index = target % len(forecasts)
    entry = Resolution(f"f{index}", Outcome.NO, dt.date(2026, 4, 30), STAMP, "A")
    full = placing.placement("b.yaml", text, entry)
    quick = placing.quick_placement(text, entry, lines[index])
    assert quick is None or quick == full
    if not forecasts[index]["braces"]:
        assert quick == full
    check(full.apply(text))
