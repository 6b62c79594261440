"""`forecast due`: what has reached its horizon, and what is coming due."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import SEED_BRIEFS, SIMPLE, run, write_brief

SEED = "2025-12-08-kazakhstan-joins-the-abraham-accords"
# The conftest fixes the width at 100 columns.
DUE_TABLE = """\
As of 2026-11-27: 3 due, 2 coming due in the next 14 days

Closes      When              Term            Forecast
──────────────────────────────────────────────────────────────────────────────────────────────────
2026-03-08  264 days overdue  unlikely        iran-economic-retaliation
                                              Iran takes economic retaliation against Kazakhstan
                                              over its accession to the Abraham Accords.

2026-03-08  264 days overdue  likely          iran-sharp-rhetoric
                                              Iran issues sharp rhetoric against Kazakhstan's
                                              accession to the Abraham Accords.

2026-03-08  264 days overdue  almost certain  signing-ceremony
                                              Kazakhstan and Israel hold a formal signing ceremony
                                              finalising Kazakhstan's accession to the Abraham
                                              Accords.

2026-12-08  in 11 days        likely          azerbaijan-joins
                                              Azerbaijan joins the Abraham Accords.

2026-12-08  in 11 days        likely          exports-to-israel-increase
                                              Kazakhstan's exports to Israel, especially oil and
                                              petroleum products, increase modestly.
"""
DUE_KEYS = {"ref", "brief", "id", "statement", "term", "probability", "horizon", "opens",
            "closes", "status", "days"}  # fmt: skip


def test_seed_due_at_2026_11_27_json() -> None:
    result = run("due", "--briefs", str(SEED_BRIEFS), "--as-of", "2026-11-27", "--json")
    assert result.code == 0, result.err
    items = result.json()
    assert all(set(item) == DUE_KEYS for item in items)
    assert [(i["id"], i["status"], i["days"], i["closes"]) for i in items] == [
        ("iran-economic-retaliation", "due", 264, "2026-03-08"),
        ("iran-sharp-rhetoric", "due", 264, "2026-03-08"),
        ("signing-ceremony", "due", 264, "2026-03-08"),
        ("azerbaijan-joins", "coming due", 11, "2026-12-08"),
        ("exports-to-israel-increase", "coming due", 11, "2026-12-08"),
    ]
    first = items[0]
    assert first["ref"] == f"{SEED}/iran-economic-retaliation"
    assert (first["brief"], first["term"], first["probability"]) == (SEED, "unlikely", 0.3)
    assert (first["horizon"], first["opens"]) == ("short", "2025-12-08")


def test_seed_due_table() -> None:
    result = run("due", "--briefs", str(SEED_BRIEFS), "--as-of", "2026-11-27")
    assert result.code == 0
    assert result.err == ""
    assert result.out == DUE_TABLE


def test_narrow_terminal_puts_the_id_on_its_own_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    lines = run("due", "--briefs", str(SEED_BRIEFS), "--as-of", "2026-11-27").out.splitlines()
    assert lines[3:11] == [
        "Forecast",
        "    Closes      When              Term",
        "─" * 50,
        "iran-economic-retaliation",
        "    2026-03-08  264 days overdue  unlikely",
        "    Iran takes economic retaliation against",
        "    Kazakhstan over its accession to the Abraham",
        "    Accords.",
    ]


def test_today_is_the_default_as_of() -> None:
    # The conftest fixes today at 2026-11-27.
    dated = run("due", "--briefs", str(SEED_BRIEFS), "--as-of", "2026-11-27", "--json")
    assert run("due", "--briefs", str(SEED_BRIEFS), "--json").out == dated.out


def test_within_overrides_due_within() -> None:
    result = run("due", "--briefs", str(SEED_BRIEFS), "--as-of", "2026-11-27", "--within", "5",
                 "--json")  # fmt: skip
    assert [i["status"] for i in result.json()] == ["due"] * 3
    result = run("due", "--briefs", str(SEED_BRIEFS), "--as-of", "2026-11-27", "--within", "11",
                 "--json")  # fmt: skip
    assert len(result.json()) == 5


def test_window_includes_its_closing_day() -> None:
    write_brief("b", SIMPLE)  # alpha closes 2026-04-30
    on_day = run("due", "--as-of", "2026-04-30", "--within", "0", "--json").json()
    assert [(i["id"], i["status"], i["days"]) for i in on_day] == [("alpha", "due", 0)]
    before = run("due", "--as-of", "2026-04-29", "--within", "0", "--json").json()
    assert before == []


def test_empty_result_prints_empty_list_and_message() -> None:
    write_brief("b", SIMPLE)
    assert run("due", "--as-of", "2026-02-01", "--json").out == "[]\n"
    result = run("due", "--as-of", "2026-02-01")
    assert result.out.strip() == (
        "Nothing is due as of 2026-02-01, nor coming due in the next 14 days."
    )


def test_resolved_forecasts_are_not_due() -> None:
    write_brief("b", SIMPLE + (
        "resolutions:\n"
        "  - {forecast: alpha, outcome: yes, date: 2026-03-01, recorded: 2026-05-02T09:00:00Z}\n"
    ))  # fmt: skip
    # Recorded on 2 May: on 1 May alpha is still due, from 2 May it is resolved.
    assert [i["id"] for i in run("due", "--as-of", "2026-05-01", "--json").json()] == ["alpha"]
    assert run("due", "--as-of", "2026-05-02", "--json").json() == []


def test_filters_by_brief_and_tag() -> None:
    write_brief("one", SIMPLE)
    write_brief("two", SIMPLE.replace("tags: [testing]", "tags: [other]"))
    by_brief = run("due", "--as-of", "2026-05-01", "--brief", "two", "--json").json()
    assert [i["ref"] for i in by_brief] == ["two/alpha"]
    by_tag = run("due", "--as-of", "2026-05-01", "--tag", "Testing", "--json").json()
    assert [i["ref"] for i in by_tag] == ["one/alpha"]
    unknown = run("due", "--brief", "three")
    assert unknown.code == 1
    assert unknown.err == "Error: no brief 'three' in " + str(Path.cwd() / "briefs") + "\n"


def test_invalid_brief_is_listed_and_valid_ones_still_shown() -> None:
    write_brief("good", SIMPLE)
    write_brief("bad", "title: T\npublished: 2026-01-01\nforecasts: []\n")
    result = run("due", "--as-of", "2026-05-01", "--json")
    assert result.code == 1
    assert [i["ref"] for i in result.json()] == ["good/alpha"]
    assert result.err == "briefs/bad.yaml:3:12: `forecasts` must be a non-empty list\n"


def test_briefs_option_env_and_config() -> None:
    folder = Path("elsewhere")
    folder.mkdir()
    write_brief("b", SIMPLE, folder)
    assert run("due", "--briefs", "elsewhere", "--as-of", "2026-05-01", "--json").code == 0
    Path("forecast.yaml").write_text("briefs: elsewhere\ndue_within: 0\n")
    sub = Path("deep/er")
    sub.mkdir(parents=True)
    import os

    os.chdir(sub)  # forecast.yaml is found in a parent folder, as git finds .git
    items = run("due", "--as-of", "2026-04-25", "--json").json()
    assert items == []  # due_within 0: alpha (closing 30 April) is not yet listed
    items = run("due", "--as-of", "2026-04-30", "--json").json()
    assert [i["id"] for i in items] == ["alpha"]


def test_briefs_env_variable(monkeypatch: object) -> None:
    import pytest

    mp = pytest.MonkeyPatch()
    try:
        Path("env-briefs").mkdir()
        write_brief("b", SIMPLE, Path("env-briefs"))
        mp.setenv("FORECAST_BRIEFS", "env-briefs")
        assert [i["ref"] for i in run("due", "--as-of", "2026-05-01", "--json").json()] == [
            "b/alpha"
        ]
    finally:
        mp.undo()


def test_missing_folder_and_bad_as_of_are_usage_errors() -> None:
    shutil.rmtree("briefs")
    result = run("due")
    assert result.code == 2
    assert result.err.startswith("Error: no briefs folder at ")
    Path("briefs").mkdir()
    result = run("due", "--as-of", "next tuesday")
    assert result.code == 2
    assert result.err == "Error: --as-of: 'next tuesday' is not a date; write it as 2025-12-08\n"


def test_as_of_reads_iso_order_with_one_digit_month_and_day() -> None:
    # Once read day first as 3 April; 4 March is what ISO order says.
    result = run("due", "--as-of", "2026-3-4")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("Nothing is due as of 2026-03-04")
    assert run("due", "--as-of", "4 March 2026").out == result.out


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-13-01", "'2026-13-01' is not a real date: there is no month 13"),
        ("March 2026", "'March 2026' gives no day; write the whole date, such as 2025-12-08"),
        ("0001-01-01", "'0001-01-01' is out of range; give a day from 1900 to 2999"),
        ("9999-12-31", "'9999-12-31' is out of range; give a day from 1900 to 2999"),
        ("05/01/2026",
         "'05/01/2026' could be 5 January 2026 (2026-01-05) or 1 May 2026 (2026-05-01); write "
         "the one meant in ISO form, or set `date_order: dmy` or `mdy` in forecast.yaml"),
    ],
)  # fmt: skip
def test_as_of_refusals_are_usage_errors(value: str, message: str) -> None:
    result = run("due", "--as-of", value)
    assert (result.code, result.out, result.err) == (2, "", f"Error: --as-of: {message}\n")


def test_within_is_at_most_a_century() -> None:
    write_brief("b", SIMPLE)
    result = run("due", "--within", "99999999")
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith(
        "Error: Invalid value for '--within': Input should be less than or equal to 36525\n"
    )
    widest = run("due", "--within", "36525", "--as-of", "2999-12-31", "--json")
    assert widest.code == 0
    assert [d["status"] for d in widest.json()] == ["due", "due"]


@pytest.mark.parametrize(("order", "day"), [("dmy", "2026-01-05"), ("mdy", "2026-05-01")])
def test_as_of_reads_all_numeric_dates_by_date_order(order: str, day: str) -> None:
    Path("forecast.yaml").write_text(f"date_order: {order}\n")
    result = run("due", "--as-of", "05/01/2026")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith(f"Nothing is due as of {day}")


def test_python_dash_m_runs_the_same_command() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "forecastcli", "due", "--briefs", str(SEED_BRIEFS),
         "--as-of", "2026-11-27", "--json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert len(__import__("json").loads(proc.stdout)) == 5
