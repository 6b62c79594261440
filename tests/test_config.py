"""forecast.yaml: `config._apply` turns the parsed file into Settings, or into problems.

Each problem is reported at its line and column, and every problem of the file at once,
except that a scale or a horizon is not checked past its first mistake.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta

from forecastcli import config
from forecastcli.config import Horizon, Settings
from forecastcli.dates import MAX_DAYS, add
from forecastcli.errors import DataError
from forecastcli.scales import built_in_scales
from forecastcli.yamlfile import parse
from tests.helpers import REPO, run, write_brief

DEFAULT = Settings(briefs=Path("briefs"))
DURATION = (
    "must be a duration such as '3 months', '2 weeks', '10 days' or '1 year' (a bare number "
    "is months), at most a century"
)


def applied(text: str) -> Settings:
    """The settings that forecast.yaml holding `text` gives."""
    doc = parse("forecast.yaml", textwrap.dedent(text).lstrip("\n"))
    return config._apply(DEFAULT, doc, doc.data or {})


def problems(text: str) -> list[str]:
    """Every problem that forecast.yaml holding `text` gives, as the commands print them."""
    with pytest.raises(DataError) as caught:
        applied(text)
    found = [str(p) for p in caught.value.problems]
    assert caught.value.message == found[0]  # the error's own message is the first problem
    return found


def test_nothing_given_is_the_defaults() -> None:
    assert applied("{}\n") == DEFAULT
    assert applied("briefs: elsewhere\n") == DEFAULT  # load_settings reads `briefs` itself


def test_the_defaults_written_out_in_the_docs_are_the_defaults() -> None:
    page = (REPO / "docs" / "settings.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", page, re.DOTALL)
    assert block is not None
    assert applied(block.group(1)) == DEFAULT


# -- scales ----------------------------------------------------------------------------------


def test_a_custom_scale_is_built_and_can_be_the_default() -> None:
    settings = applied("""
        scale: house
        scales:
          house:
            title: House scale
            source: The style guide
            terms:
              - {name: good bet, band: [60, 80], phrasings: [a good bet]}
              - {name: long shot, band: [5, 20], point: 10}
    """)
    house = settings.scales["house"]
    assert settings.scale == "house"
    assert (house.title, house.source) == ("House scale", "The style guide")
    assert [(t.name, t.low, t.high, t.point, t.phrasings) for t in house.terms] == [
        ("good bet", 0.6, 0.8, pytest.approx(0.7), ("a good bet",)),  # the band's midpoint
        ("long shot", 0.05, 0.2, 0.1, ()),
    ]
    assert set(settings.scales) == {"bisi", "icd203", "kent", "phia", "house"}


def test_a_built_in_scale_can_be_redefined() -> None:
    settings = applied("""
        scales:
          bisi:
            title: BISI Probability Scale
            terms: [{name: likely, band: [60, 70]}]
    """)
    assert [t.name for t in settings.scales["bisi"].terms] == ["likely"]
    assert settings.scales["phia"] == built_in_scales()["phia"]


def test_same_as_takes_the_terms_of_a_scale_above_it() -> None:
    settings = applied("""
        scales:
          house: {same_as: phia, title: Our house scale}
          annex: {same_as: house}
    """)
    phia = built_in_scales()["phia"]
    house, annex = settings.scales["house"], settings.scales["annex"]
    assert (house.title, house.source, house.terms) == ("Our house scale", phia.source, phia.terms)
    assert (annex.title, annex.terms) == ("annex", phia.terms)


def test_same_as_names_a_built_in_scale_or_one_above_it() -> None:
    assert problems("""
        scales:
          annex: {same_as: house}
          house: {same_as: phia}
          other: {same_as: nato}
    """) == [
        "forecast.yaml:2:20: scale 'annex': unknown scale 'house'",
        "forecast.yaml:4:20: scale 'other': unknown scale 'nato'",
    ]


BAND = "`band` must be [low, high] in percent, 0–100"
POINT = "`point` must be a percent inside the band"
PHRASINGS = "`phrasings` must be a list of strings"
NAME = "a term needs a `name`"


@pytest.mark.parametrize(
    ("term", "at", "message"),
    [
        ("{name: likely, band: [75, 55]}", "[75", BAND),
        ("{name: likely, band: [55]}", "[55", BAND),
        ("{name: likely, band: [0, 101]}", "[0", BAND),
        ("{name: likely, band: [-5, 5]}", "[-5", BAND),
        ("{name: likely, band: [a, b]}", "[a", BAND),
        ("{name: likely, band: [true, 50]}", "[true", BAND),
        ("{name: likely, band: 55-75}", "55-75", BAND),
        ("{name: likely}", "{", BAND),  # no band: the term itself
        ("{name: likely, band: [55, 75], point: 80}", "80", POINT),
        ("{name: likely, band: [55, 75], point: high}", "high", POINT),
        ("{name: likely, band: [55, 75], phrasings: likely}", "likely}", PHRASINGS),
        ("{name: likely, band: [55, 75], phrasings: [1, 2]}", "[1", PHRASINGS),
        ("{band: [55, 75]}", "{", NAME),
        ("likely", "likely", NAME),
    ],
)
def test_a_bad_term_is_reported_at_its_value(term: str, at: str, message: str) -> None:
    column = len("      - ") + term.index(at) + 1
    assert problems(f"""
        scales:
          house:
            terms:
              - {term}
    """) == [f"forecast.yaml:4:{column}: scale 'house': {message}"]


def test_a_bad_scale_is_reported_at_its_line() -> None:
    assert problems("""
        scales:
          empty: {title: Empty, terms: []}
          none: {title: No terms}
          text: a scale
    """) == [
        "forecast.yaml:2:32: scale 'empty': a scale needs a non-empty list `terms`",
        "forecast.yaml:3:9: scale 'none': a scale needs a non-empty list `terms`",
        "forecast.yaml:4:9: scale 'text': a scale must be a mapping with `terms`",
    ]
    assert problems("scales: [house]\n") == [
        "forecast.yaml:1:9: `scales` must be a mapping of scale names to scales"
    ]


def test_only_the_first_mistake_of_a_scale_is_reported() -> None:
    # The scale is not built past its first mistake; the next scale is checked all the same.
    assert problems("""
        scales:
          house:
            terms:
              - {name: a, band: [75, 55]}
              - {name: b, band: [10, 20], point: 30}
          annex: {same_as: nato}
    """) == [
        "forecast.yaml:4:25: scale 'house': `band` must be [low, high] in percent, 0–100",
        "forecast.yaml:6:20: scale 'annex': unknown scale 'nato'",
    ]


@pytest.mark.parametrize("value", ["nato", "3", "[bisi]", "BISI"])
def test_the_scale_must_be_known(value: str) -> None:
    (found,) = problems(f"scale: {value}\n")
    assert found.startswith("forecast.yaml:1:8: unknown scale ")
    assert found.endswith("; known: bisi, icd203, kent, phia")


# -- horizons --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "delta"),
    [
        ("3 months", relativedelta(months=3)),
        ("2 weeks", relativedelta(days=14)),
        ("2 Weeks", relativedelta(days=14)),
        ("1 week", relativedelta(days=7)),
        ("10 days", relativedelta(days=10)),
        ("1 day", relativedelta(days=1)),
        ("1 year", relativedelta(months=12)),
        ("  18 months ", relativedelta(months=18)),
        ("6", relativedelta(months=6)),  # a bare number counts as months
        ("0", relativedelta()),
        ("1200 months", relativedelta(years=100)),  # a century is the most
        ("100 years", relativedelta(years=100)),
        (f"{MAX_DAYS} days", relativedelta(days=MAX_DAYS)),
        (f"{MAX_DAYS // 7} weeks", relativedelta(weeks=MAX_DAYS // 7)),
    ],
)
def test_durations(written: str, delta: relativedelta) -> None:
    value = written if written.strip().isdigit() else f'"{written}"'
    settings = applied(f"horizons:\n  next: {{opens: 0, closes: {value}}}\n")
    assert settings.horizons["next"].closes == delta


def test_two_weeks_are_fourteen_days_on_the_calendar() -> None:
    settings = applied("horizons:\n  fortnight: {closes: 2 weeks}\n")
    fortnight = settings.horizons["fortnight"]
    assert add(dt.date(2026, 1, 31), fortnight.closes) == dt.date(2026, 2, 14)
    assert add(dt.date(2026, 1, 31), settings.horizons["short"].closes) == dt.date(2026, 4, 30)


@pytest.mark.parametrize(
    "value",
    [
        "1201 months",
        "101 years",
        f"{MAX_DAYS + 1} days",
        f"{MAX_DAYS // 7 + 1} weeks",
        "-1",
        "-1 months",
        "three months",
        "3 fortnights",
        "3.5",
        "3.5 months",
        "true",
        "[3, months]",
        "{months: 3}",
        "''",
        "2026-03-01",
    ],
)
def test_a_bad_duration_is_reported_at_its_value(value: str) -> None:
    assert problems(f"horizons:\n  next: {{opens: 0, closes: {value}}}\n") == [
        f"forecast.yaml:2:28: `closes` {DURATION}"
    ]


def test_a_new_horizon_needs_closes_and_is_added_after_the_others() -> None:
    settings = applied("horizons:\n  week: {label: This week, closes: 1 week}\n")
    assert list(settings.horizons) == ["short", "medium", "long", "week"]
    assert settings.horizons["week"] == Horizon(
        "week", "This week", relativedelta(), relativedelta(days=7)
    )
    # Without `closes`, the problem points at the horizon itself.
    assert problems("horizons:\n  week: {label: This week}\n") == [
        f"forecast.yaml:2:9: `closes` {DURATION}"
    ]
    assert problems("horizons:\n  week:\n    label: This week\n") == [
        f"forecast.yaml:3:5: `closes` {DURATION}"
    ]


def test_a_new_horizon_without_a_label_is_named_by_its_key() -> None:
    assert applied("horizons:\n  week: {closes: 7 days}\n").horizons["week"].label == "week"


def test_a_horizon_given_in_part_keeps_its_label_opens_and_closes() -> None:
    settings = applied("horizons:\n  medium: {closes: 18 months}\n")
    medium = settings.horizons["medium"]
    assert (medium.label, medium.closes) == ("Medium-term (3-12 months)", relativedelta(months=18))
    # Only what is given changes: medium still opens 3 months after publication.
    assert medium.opens == relativedelta(months=3)
    assert applied("horizons:\n  long: {opens: 6 months}\n").horizons["long"].closes == (
        relativedelta(months=24)
    )
    assert applied("horizons:\n  week: {closes: 7 days}\n").horizons["week"].opens == (
        relativedelta()
    )
    assert settings.horizons["short"] == config.DEFAULT_HORIZONS["short"]


def test_a_bad_opens_is_reported_before_closes_is_looked_at() -> None:
    assert problems("horizons:\n  next: {opens: soon, closes: later}\n") == [
        f"forecast.yaml:2:17: `opens` {DURATION}"
    ]


def test_every_bad_horizon_is_reported_at_once() -> None:
    assert problems("""
        horizons:
          short: 3 months
          next: {opens: 1 week, closes: a while}
          later: [12, 24]
    """) == [
        "forecast.yaml:2:10: horizon 'short' must be a mapping with opens and closes",
        f"forecast.yaml:3:33: `closes` {DURATION}",
        "forecast.yaml:4:10: horizon 'later' must be a mapping with opens and closes",
    ]
    assert problems("horizons: [short, medium]\n") == [
        "forecast.yaml:1:11: `horizons` must be a mapping of horizon names to windows"
    ]


# -- due_within and date_order ------------------------------------------------------------------


@pytest.mark.parametrize("days", [0, 1, 14, MAX_DAYS])
def test_due_within_from_none_to_a_century(days: int) -> None:
    assert applied(f"due_within: {days}\n").due_within == days


@pytest.mark.parametrize("value", ["-1", str(MAX_DAYS + 1), "'14'", "14.0", "true", "two weeks"])
def test_due_within_must_be_whole_days(value: str) -> None:
    assert problems(f"due_within: {value}\n") == [
        f"forecast.yaml:1:13: `due_within` must be a whole number of days from 0 to {MAX_DAYS}"
    ]


@pytest.mark.parametrize("order", ["iso", "dmy", "mdy"])
def test_date_order(order: str) -> None:
    assert applied(f"date_order: {order}\n").date_order == order


@pytest.mark.parametrize(("value", "shown"), [("DMY", "'DMY'"), ("ymd", "'ymd'"), ("1", "1")])
def test_date_order_must_be_one_of_three(value: str, shown: str) -> None:
    assert problems(f"date_order: {value}\n") == [
        "forecast.yaml:1:13: `date_order` must be iso, dmy or mdy (how to read 05/01/2026: "
        f"refused, day first, month first), not {shown}"
    ]


# -- unknown keys, and every problem at once ---------------------------------------------------


def test_unknown_keys_are_errors_at_the_key() -> None:
    assert problems("scale: bisi\ncolour: blue\nhorizon:\n  short: {closes: 3 months}\n1: x\n") == [
        "forecast.yaml:2:1: unknown setting 'colour'",
        "forecast.yaml:3:1: unknown setting 'horizon'",
        "forecast.yaml:5:1: unknown setting '1'",
    ]


def test_every_problem_at_once_in_the_order_of_the_file() -> None:
    text = (REPO / "tests" / "data" / "bad-settings.yaml").read_text(encoding="utf-8")
    assert problems(text) == [
        "forecast.yaml:3:13: `due_within` must be a whole number of days from 0 to 36525",
        "forecast.yaml:4:13: `date_order` must be iso, dmy or mdy (how to read 05/01/2026: "
        "refused, day first, month first), not 'DMY'",
        f"forecast.yaml:7:37: `closes` {DURATION}",
        "forecast.yaml:9:20: scale 'house': unknown scale 'bisy'",
        "forecast.yaml:10:1: unknown setting 'colour'",
    ]


def test_a_problem_stops_every_command_before_it_reads_a_brief() -> None:
    write_brief("b", """
        title: T
        published: 2026-01-31
        forecasts:
          - {id: a, statement: S, term: likely, horizon: short}
    """)  # fmt: skip
    Path("forecast.yaml").write_text("due_within: 14\nhorizons:\n  short: {closes: soon}\n")
    for command in (["due"], ["list"], ["check"], ["scales"]):
        result = run(*command)
        assert (result.code, result.out) == (1, ""), command
        assert result.err == f"forecast.yaml:3:19: `closes` {DURATION}\n", command
