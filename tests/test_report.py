"""The report's data: the period, what it lists, Brier parts, and the score it moved from."""

from __future__ import annotations

import datetime as dt
import itertools
import math

import pytest

from forecastcli.loading import open_folder
from forecastcli.recalibration import Z95
from forecastcli.report import (
    Period,
    Report,
    brier_interval,
    build,
    format_for,
    period_ending,
    quarters_ending,
)
from tests.helpers import write_brief

BRIEF = """
    title: Week
    published: 2026-01-01
    forecasts:
      - {id: before, term: likely, closes: 2026-06-30, statement: B.}
      - {id: first-day, term: unlikely, closes: 2026-06-30, statement: F.}
      - {id: last-day, term: likely, closes: 2026-06-30, statement: L.}
      - {id: after, term: likely, closes: 2026-06-30, statement: A.}
      - {id: dated-only, p: 0.2, closes: 2026-06-30, statement: D.}
      - {id: early-yes, term: likely, closes: 2027-01-31, statement: E.}
      - {id: voided, term: likely, closes: 2026-06-30, statement: V.}
      - {id: due-today, term: likely, closes: 2026-11-22, statement: T.}
      - {id: coming, term: likely, closes: 2026-12-06, statement: C.}
      - {id: too-far, term: likely, closes: 2026-12-07, statement: X.}
    resolutions:
      - {forecast: before, outcome: no, date: 2026-06-30, recorded: 2026-11-15T23:59:59Z}
      - {forecast: first-day, outcome: yes, date: 2026-06-01, recorded: 2026-11-16T00:00:00Z}
      - {forecast: last-day, outcome: yes, date: 2026-06-01, recorded: 2026-11-22T23:59:59Z}
      - {forecast: after, outcome: yes, date: 2026-06-01, recorded: 2026-11-23T00:00:00Z}
      - {forecast: dated-only, outcome: no, date: 2026-11-18}
      - {forecast: early-yes, outcome: yes, date: 2026-11-19, recorded: 2026-11-19T12:00:00Z}
      - {forecast: voided, outcome: yes, date: 2026-06-01, recorded: 2026-07-01T00:00:00Z}
      - {forecast: voided, outcome: void, date: 2026-06-01, recorded: 2026-11-20T00:00:00Z}
"""

AS_OF = dt.date(2026, 11, 22)


def made(as_of: dt.date = AS_OF, days: int = 7) -> Report:
    write_brief("week", BRIEF)
    settings, archive = open_folder(None)
    return build(archive, settings, as_of, days)


def test_period_is_the_days_ending_on_the_as_of_day() -> None:
    period = period_ending(AS_OF, 7)
    assert (period.first, period.last, period.days, period.before) == (
        dt.date(2026, 11, 16),
        AS_OF,
        7,
        dt.date(2026, 11, 15),
    )
    assert period.iso_week == "2026-W47"
    assert dt.date(2026, 11, 16) in period and AS_OF in period
    assert dt.date(2026, 11, 15) not in period and dt.date(2026, 11, 23) not in period
    # ISO weeks belong to the year of their Thursday: 3 January 2027 is in 2026's week 53.
    assert Period(dt.date(2027, 1, 3), dt.date(2027, 1, 3)).iso_week == "2026-W53"
    assert period_ending(dt.date(2027, 1, 4), 1).iso_week == "2027-W01"
    with pytest.raises(ValueError):
        period_ending(AS_OF, 0)


def test_resolved_in_the_period_counts_from_the_recorded_day() -> None:
    report = made()
    assert [(r.ref, r.outcome) for r in report.resolved] == [
        ("first-day", "yes"),
        ("dated-only", "no"),  # no recorded stamp: it counts from its date
        ("early-yes", "yes"),
        ("voided", "void"),
        ("last-day", "yes"),
    ]
    by_ref = {r.ref: r for r in report.resolved}
    assert by_ref["first-day"].brier == pytest.approx((0.3 - 1) ** 2)
    assert by_ref["dated-only"].brier == pytest.approx(0.2**2)
    assert by_ref["last-day"].brier == pytest.approx((0.65 - 1) ** 2)
    assert by_ref["voided"].brier is None
    # The void corrects an earlier yes; the calibration drops it.
    previous = by_ref["voided"].previous
    assert previous is not None and previous.outcome == "yes"
    assert by_ref["first-day"].previous is None
    # A yes before the window closes is listed, but not scored until it closes.
    assert [r.ref for r in report.resolved if not r.scored] == ["early-yes", "voided"]


def test_due_coming_due_counts_and_the_previous_score() -> None:
    report = made()
    assert [(i.ref, i.days) for i in report.due] == [("after", 145), ("due-today", 0)]
    assert [(i.ref, i.days) for i in report.coming_due] == [("coming", 14)]
    assert report.within == 14
    c = report.counts
    assert (c.briefs, c.invalid, c.forecasts, c.open, c.due, c.resolved) == (1, 0, 10, 4, 2, 6)
    assert c.open + c.resolved == c.forecasts
    # Then: before (no, 0.65) and voided (yes, 0.65). Now: before, first-day, dated-only,
    # last-day; voided is void and early-yes's window is open.
    assert report.previous.n == 2
    assert report.previous.brier == pytest.approx((0.65**2 + 0.35**2) / 2)
    assert report.calibration.n == 4
    now = (0.65**2 + 0.7**2 + 0.2**2 + 0.35**2) / 4
    assert report.calibration.brier == pytest.approx(now)
    assert report.brier_change == pytest.approx(now - (0.65**2 + 0.35**2) / 2)


def test_an_earlier_as_of_sees_only_what_was_recorded_by_then() -> None:
    report = made(dt.date(2026, 11, 19), days=3)
    assert report.period.first == dt.date(2026, 11, 17)
    assert [r.ref for r in report.resolved] == ["dated-only", "early-yes"]
    assert "last-day" in [i.ref for i in report.due]


def test_nothing_scored_then_means_no_change() -> None:
    report = made(dt.date(2026, 11, 16), days=200)
    assert report.previous.brier is None
    assert report.calibration.brier is not None
    assert report.brier_change is None


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("week.html", "html"),
        ("WEEK.HTM", "html"),
        ("week.md", "markdown"),
        ("week.markdown", "markdown"),
        ("week.txt", "text"),
        ("week", None),
        ("week.pdf", None),
    ],
)
def test_format_for_a_file_name(name: str, fmt: str | None) -> None:
    assert format_for(name) == fmt


def test_quarters_ending_the_as_of_day() -> None:
    def names(day: dt.date, count: int = 4) -> list[str]:
        return [name for name, _, _ in quarters_ending(day, count)]

    assert names(dt.date(2026, 11, 22)) == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert names(dt.date(2027, 2, 1)) == ["2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"]
    assert names(dt.date(2026, 1, 1), 1) == ["2026-Q1"]
    # Each quarter's days: from its first to its last, the next one starting the day after.
    days = quarters_ending(dt.date(2027, 2, 1))
    assert [(first, last) for _, first, last in days[2:]] == [
        (dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
        (dt.date(2027, 1, 1), dt.date(2027, 3, 31)),
    ]
    assert all(a[2] + dt.timedelta(days=1) == b[1] for a, b in itertools.pairwise(days))


def test_brier_interval_by_hand() -> None:
    # Squared errors 0.1225, 0.1225, 0.7225: mean 0.3225, sd √0.12, so the half-width is
    # 1.96 · √0.12 / √3 = 0.392; the low end is clipped to 0.
    low, high = brier_interval({0.1225: 2, 0.7225: 1}) or (-1.0, -1.0)
    half = Z95 * math.sqrt(0.12) / math.sqrt(3)
    assert low == 0.0
    assert high == pytest.approx(0.3225 + half, abs=1e-12)
    assert brier_interval({0.04: 2}) == (0.04, 0.04)
    assert brier_interval({0.3: 1}) is None
    assert brier_interval({}) is None


def test_the_last_four_quarters() -> None:
    # 2026-Q2: 30 "likely" forecasts, 27 happened; 2026-Q3: 10 "unlikely", 2 happened.
    lines = ["title: Quarters", "published: 2026-01-01", "forecasts:"]
    entries = ["resolutions:"]
    for i in range(40):
        term, closes = ("likely", "2026-06-30") if i < 30 else ("unlikely", "2026-09-30")
        outcome = "yes" if i < 27 or 30 <= i < 32 else "no"
        lines.append(f"  - {{id: f{i}, term: {term}, statement: S., closes: {closes}}}")
        entries.append(f"  - {{forecast: f{i}, outcome: {outcome}, date: {closes}}}")
    write_brief("quarters", "\n".join(lines + entries) + "\n")
    settings, archive = open_folder(None)
    report = build(archive, settings, dt.date(2026, 11, 22))
    assert [(q.name, q.n) for q in report.quarters] == [
        ("2026-Q1", 0),
        ("2026-Q2", 30),
        ("2026-Q3", 10),
        ("2026-Q4", 0),
    ]
    q2, q3 = report.quarters[1], report.quarters[2]
    assert q2.brier == pytest.approx((27 * 0.35**2 + 3 * 0.65**2) / 30, abs=1e-12)
    assert q2.brier_interval is not None and q2.brier is not None
    assert q2.brier_interval[0] < q2.brier < q2.brier_interval[1]
    # One p in the quarter: no slope to fit; ten forecasts: too few.
    assert q2.recalibration.fit is None and q3.recalibration.fit is None
    assert q3.brier == pytest.approx((2 * 0.7**2 + 8 * 0.3**2) / 10, abs=1e-12)
    assert report.quarters[0].brier is None and report.quarters[0].brier_interval is None
    # All forty together have two p's: the fit gives back each p's rate, 90 % and 20 %.
    fit = report.calibration.recalibration.fit
    assert fit is not None
    assert fit(0.65) == pytest.approx(0.9, abs=1e-9)
    assert fit(0.3) == pytest.approx(0.2, abs=1e-9)
