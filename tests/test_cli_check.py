"""`forecast check` and `forecast scales`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import SEED_BRIEFS, SIMPLE, run, write_brief


def test_check_seed_is_valid() -> None:
    result = run("check", "--briefs", str(SEED_BRIEFS))
    assert result.code == 0
    assert result.out == (
        "Checked 1 brief (7 forecasts in the valid ones): all valid; 0 errors, 0 warnings.\n"
    )
    assert result.err == ""


def test_check_lists_every_problem_and_exits_1() -> None:
    write_brief("good", SIMPLE.replace("author: A. Analyst", "author: A. Analyst\nmood: calm"))
    write_brief("bad", """
        title: T
        published: 2026-13-01
        forecasts:
          - {id: a, statement: S, term: maybe, horizon: short}
    """)  # fmt: skip
    result = run("check")
    assert result.code == 1
    assert result.err.splitlines() == [
        "briefs/bad.yaml:2:12: `published`: '2026-13-01' is not a real date: there is no month 13",
        "briefs/bad.yaml:4:33: unknown term 'maybe' for scale 'bisi'; known terms: remote "
        "chance, highly unlikely, unlikely, realistic possibility, likely, highly likely, "
        "almost certain",
        "briefs/good.yaml:3:1: warning: unknown key 'mood' in the brief (ignored)",
    ]
    assert result.out == (
        "Checked 2 briefs (2 forecasts in the valid ones): 1 brief invalid; 2 errors, 1 warning.\n"
    )
    data = run("check", "--json").json()
    assert [(p["severity"], p["line"], p["column"]) for p in data] == [
        ("error", 2, 12), ("error", 4, 33), ("warning", 3, 1)
    ]  # fmt: skip


def test_warnings_alone_exit_0() -> None:
    write_brief("good", SIMPLE.replace("author: A. Analyst", "author: A. Analyst\nmood: calm"))
    assert run("check").code == 0


def test_bad_settings_file_is_reported_with_line() -> None:
    Path("forecast.yaml").write_text("scale: nato\ndue_within: soon\n")
    result = run("check")
    assert result.code == 1
    assert result.err.splitlines() == [
        "forecast.yaml:1:8: unknown scale 'nato'; known: bisi, icd203, kent, phia",
        "forecast.yaml:2:13: `due_within` must be a whole number of days from 0 to 36525",
    ]


def test_custom_scale_and_horizon_from_settings() -> None:
    Path("forecast.yaml").write_text(
        "scale: house\n"
        "horizons:\n  quarter: {label: Next quarter, opens: 0 months, closes: 3 months}\n"
        "scales:\n  house:\n    title: House scale\n    terms:\n"
        "      - {name: good bet, band: [60, 80], phrasings: [a good bet]}\n"
        "      - {name: long shot, band: [5, 20], point: 10}\n"
    )
    write_brief("b", """
        title: T
        published: 2026-01-31
        forecasts:
          - {id: a, statement: S, term: A Good Bet, horizon: quarter}
    """)  # fmt: skip
    item = run("list", "--json").json()[0]
    assert (item["term"], item["probability"], item["closes"]) == ("good bet", 0.7, "2026-04-30")
    scales = {s["name"]: s for s in run("scales", "--json").json()}
    assert scales["house"]["default"] is True
    assert scales["house"]["terms"][1]["point"] == 0.1


def test_horizon_durations_in_days_weeks_months_years_and_bare_months() -> None:
    Path("forecast.yaml").write_text(
        "horizons:\n"
        "  fortnight: {opens: 1 week, closes: 2 weeks}\n"
        "  ten: {opens: 0, closes: 10 days}\n"
        "  year: {opens: 6, closes: 1 year}\n"
    )
    write_brief("b", """
        title: T
        published: 2026-01-31
        forecasts:
          - {id: a, statement: S, term: likely, horizon: fortnight}
          - {id: b, statement: S, term: likely, horizon: ten}
          - {id: c, statement: S, term: likely, horizon: year}
    """)  # fmt: skip
    windows = [(f["id"], f["opens"], f["closes"]) for f in run("list", "--json").json()]
    assert windows == [
        ("a", "2026-02-07", "2026-02-14"),  # 2 weeks are 14 days, never 2
        ("b", "2026-01-31", "2026-02-10"),
        ("c", "2026-07-31", "2027-01-31"),  # a bare 6 is six months
    ]


def test_date_order_and_oversized_settings_are_refused_at_their_line() -> None:
    Path("forecast.yaml").write_text(
        "date_order: ymd\ndue_within: 99999999\nhorizons:\n  far: {closes: 1000 years}\n"
    )
    result = run("check")
    assert result.code == 1
    assert result.err.splitlines() == [
        "forecast.yaml:1:13: `date_order` must be iso, dmy or mdy (how to read 05/01/2026: "
        "refused, day first, month first), not 'ymd'",
        "forecast.yaml:2:13: `due_within` must be a whole number of days from 0 to 36525",
        "forecast.yaml:4:17: `closes` must be a duration such as '3 months', '2 weeks', "
        "'10 days' or '1 year' (a bare number is months), at most a century",
    ]


@pytest.mark.parametrize(("order", "day"), [("dmy", "2026-01-05"), ("mdy", "2026-05-01")])
def test_date_order_reads_numeric_dates_in_briefs(order: str, day: str) -> None:
    write_brief("b", """
        title: T
        published: 05/01/2026
        forecasts:
          - {id: a, statement: S, term: likely, horizon: short}
    """)  # fmt: skip
    refused = run("check")
    assert refused.code == 1
    assert refused.err.startswith(
        "briefs/b.yaml:2:12: `published`: '05/01/2026' could be 5 January 2026 (2026-01-05) or "
        "1 May 2026 (2026-05-01); write the one meant in ISO form"
    )
    Path("forecast.yaml").write_text(f"date_order: {order}\n")
    assert run("check").code == 0
    assert run("list", "--json").json()[0]["opens"] == day


def test_scales_table_and_unknown_scale() -> None:
    result = run("scales", "icd203")
    assert result.code == 0
    assert "roughly even chance" in result.out
    assert "45–55 %" in result.out
    unknown = run("scales", "nato")
    assert unknown.code == 1
    assert unknown.err == "Error: no scale 'nato'; known: bisi, icd203, kent, phia\n"


def test_unreadable_settings_file_is_one_plain_problem_line() -> None:
    Path("forecast.yaml").write_text("scale: [oops\n")
    result = run("due")
    assert (result.code, result.out) == (1, "")
    assert result.err == "forecast.yaml:2:1: not valid YAML: did not find expected ',' or ']'\n"
    Path("forecast.yaml").write_text("- a list\n")
    assert (
        run("check").err == "forecast.yaml:1:1: the settings must be a mapping of keys to values\n"
    )
