"""`forecast list` and `forecast show`."""

from __future__ import annotations

import pytest

from tests.helpers import SEED_BRIEFS, SIMPLE, run, write_brief

RESOLVED = (
    SIMPLE
    + """
resolutions:
  - forecast: alpha
    outcome: no
    date: 2026-04-30
    recorded: 2026-05-01T08:00:00Z
    by: A. Analyst
  - forecast: alpha
    outcome: yes
    date: 2026-04-20
    recorded: 2026-06-01T08:00:00Z
    by: B. Editor
    note: Correction after a late report.
    sources: [https://example.org/report]
"""
)


def test_list_json_statuses() -> None:
    write_brief("b", RESOLVED)
    items = run("list", "--as-of", "2026-05-15", "--json").json()
    assert [(i["id"], i["status"], i["outcome"], i["days"]) for i in items] == [
        ("alpha", "resolved", "no", 15),
        ("beta", "open", None, 261),
    ]
    assert (items[1]["band_low"], items[1]["band_high"]) == (0.25, 0.35)
    later = run("list", "--as-of", "2026-06-01", "--json").json()
    assert (later[0]["outcome"], later[0]["outcome_date"]) == ("yes", "2026-04-20")


def test_list_status_filter() -> None:
    write_brief("b", RESOLVED)

    def ids(*a: str) -> list[str]:
        return [i["id"] for i in run("list", "--json", *a).json()]

    assert ids("--as-of", "2026-04-30", "--status", "due") == ["alpha"]
    assert ids("--as-of", "2026-04-30", "--status", "open") == ["alpha", "beta"]
    assert ids("--as-of", "2026-05-01", "--status", "open") == ["beta"]
    assert ids("--as-of", "2026-05-01", "--status", "resolved") == ["alpha"]
    bad = run("list", "--status", "closed")
    assert bad.code == 2
    assert bad.err == "Error: --status must be one of open, due, resolved, not 'closed'\n"


def test_list_table_on_seed() -> None:
    result = run("list", "--briefs", str(SEED_BRIEFS), "--as-of", "2026-11-27")
    assert result.code == 0
    assert "signing-ceremony" in result.out
    assert "due (264 days)" in result.out
    assert result.out.count("open") == 4


WIDE = """\
As of 2026-11-27

Forecast                        Window                   Term                   Band      Status
────────────────────────────────────────────────────────────────────────────────────────────────────────
signing-ceremony                2025-12-08 → 2026-03-08  almost certain         95–100 %  due (264 days)
iran-sharp-rhetoric             2025-12-08 → 2026-03-08  likely                 55–75 %   due (264 days)
iran-economic-retaliation       2025-12-08 → 2026-03-08  unlikely               25–35 %   due (264 days)
azerbaijan-joins                2026-03-08 → 2026-12-08  likely                 55–75 %   open
exports-to-israel-increase      2026-03-08 → 2026-12-08  likely                 55–75 %   open
more-middle-east-states-join    2026-12-08 → 2027-12-08  unlikely               25–35 %   open
israel-middle-corridor-partner  2026-12-08 → 2027-12-08  realistic possibility  40–50 %   open
"""
NARROW = """\
As of 2026-11-27

Forecast                        Window                   Term            Band      Status
─────────────────────────────────────────────────────────────────────────────────────────────────
signing-ceremony                2025-12-08 → 2026-03-08  almost certain  95–100 %  due (264 days)
iran-sharp-rhetoric             2025-12-08 → 2026-03-08  likely          55–75 %   due (264 days)
iran-economic-retaliation       2025-12-08 → 2026-03-08  unlikely        25–35 %   due (264 days)
azerbaijan-joins                2026-03-08 → 2026-12-08  likely          55–75 %   open
exports-to-israel-increase      2026-03-08 → 2026-12-08  likely          55–75 %   open
more-middle-east-states-join    2026-12-08 → 2027-12-08  unlikely        25–35 %   open
israel-middle-corridor-partner  2026-12-08 → 2027-12-08  realistic       40–50 %   open
                                                         possibility
"""


def test_list_table_wide_and_narrow(monkeypatch: pytest.MonkeyPatch) -> None:
    args = ("list", "--briefs", str(SEED_BRIEFS), "--as-of", "2026-11-27")
    assert run(*args).out == NARROW  # 100 columns: a long term wraps in its column
    monkeypatch.setenv("COLUMNS", "120")
    assert run(*args).out == WIDE


def test_show_forecast_history() -> None:
    write_brief("b", RESOLVED)
    data = run("show", "alpha", "--as-of", "2026-05-15", "--json").json()
    assert data["ref"] == "b/alpha"
    assert data["outcome"] == "no"
    assert [(h["outcome"], h["counts"], h["by"]) for h in data["history"]] == [
        ("no", True, "A. Analyst"),
        ("yes", False, "B. Editor"),
    ]
    text = run("show", "b/alpha", "--as-of", "2026-06-02")
    assert text.code == 0
    assert "resolved: yes" in text.out
    assert (
        "      Correction after a late report.\n      Source: https://example.org/report\n"
        in text.out
    )


def test_show_brief() -> None:
    data = run("show", "2025-12-08-kazakhstan-joins-the-abraham-accords", "--briefs",
               str(SEED_BRIEFS), "--json").json()  # fmt: skip
    assert data["title"] == "Kazakhstan Joins the Abraham Accords"
    assert data["authors"] == ["Erlan Benedis-Grab"]
    assert len(data["forecasts"]) == 7


def test_show_unknown_and_ambiguous_refs() -> None:
    write_brief("one", SIMPLE)
    write_brief("two", SIMPLE)
    ambiguous = run("show", "alpha")
    assert ambiguous.code == 1
    assert ambiguous.err == (
        "Error: 'alpha' names forecasts in several briefs; say which: one/alpha, two/alpha\n"
    )
    unknown = run("show", "alpah")
    assert unknown.code == 1
    assert unknown.err == "Error: no forecast 'alpah'; did you mean alpha?\n"
    assert run("show", "one/alpha", "--json").json()["ref"] == "one/alpha"
