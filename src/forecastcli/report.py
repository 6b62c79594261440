"""The weekly report: what is due, what was resolved in the period, how calibration moved.

A pure function of the briefs, the settings and the as-of day: nothing here reads the
clock, prints or writes, so a report can be made again for any past period, byte for
byte, by the renderers in `forecastcli.render.report`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

from forecastcli.archive import Archive
from forecastcli.config import Settings
from forecastcli.errors import Problem
from forecastcli.model import Brief, Forecast, Outcome, Resolution
from forecastcli.recalibration import Z95, Recalibration
from forecastcli.scoring import Calibration, Counted, exact_sum, scored
from forecastcli.status import State, Status, outcome_at

FORMATS = ("markdown", "html", "text")

# The format an --output file's name asks for when --format is not given.
SUFFIX_FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".text": "text",
}

QUARTERS = 4  # how many quarters the report follows, the as-of day's included


@dataclass(frozen=True)
class Period:
    """The `days` days that end with the as-of day, both ends included."""

    first: dt.date
    last: dt.date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def iso_week(self) -> str:
        """The ISO week of the last day, as `2026-W48`."""
        year, week, _ = self.last.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def before(self) -> dt.date:
        """The last day of the previous period."""
        return self.first - dt.timedelta(days=1)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.first <= day <= self.last


@dataclass(frozen=True)
class Counts:
    briefs: int  # valid briefs
    invalid: int  # briefs left out for errors (listed under problems)
    forecasts: int
    open: int  # no outcome yet, due ones included (as `forecast list --status open`)
    due: int  # of `open`: the window has closed
    resolved: int


@dataclass(frozen=True)
class Item:
    """One forecast in a list of the report, with the reference the report shows."""

    brief: Brief
    forecast: Forecast
    ref: str  # the shortest reference that names it
    days: int  # days overdue (due) or left (coming due)


@dataclass(frozen=True)
class Resolved:
    """A forecast whose outcome was recorded in the period."""

    brief: Brief
    forecast: Forecast
    ref: str
    entry: Resolution  # the entry that is the outcome at the as-of day
    previous: Resolution | None  # the outcome before the period, when this entry corrects it
    scored: bool  # enters the calibration: a yes or no whose window has closed

    @property
    def outcome(self) -> Outcome:
        return self.entry.outcome

    @property
    def brier(self) -> float | None:
        """This forecast's term of the Brier score, (p − o)², for a yes or a no."""
        happened = self.entry.outcome.scored
        if happened is None:
            return None
        return (self.forecast.probability - happened) ** 2


@dataclass(frozen=True)
class Quarter:
    """The forecasts whose window closed in one calendar quarter, scored at the as-of day."""

    name: str  # 2026-Q1
    n: int
    brier: float | None
    brier_interval: tuple[float, float] | None
    recalibration: Recalibration  # its slope, with the slope's Wald interval


def brier_interval(errors: Mapping[float, int]) -> tuple[float, float] | None:
    """A 95 % interval for the mean of the squared errors (`errors`, each with how many
    forecasts have it): mean ± z·sd/√n.

    The normal interval, which a bootstrap over forecasts approaches; computed exactly, so
    the report needs no random numbers to come out the same bytes. Clipped to [0, 1];
    None with fewer than two forecasts.
    """
    n = sum(errors.values())
    if n < 2:
        return None
    mean = exact_sum(errors.items()) / n
    sd = math.sqrt(exact_sum(((e - mean) ** 2, c) for e, c in errors.items()) / (n - 1))
    half = Z95 * sd / math.sqrt(n)
    return max(0.0, mean - half), min(1.0, mean + half)


def quarters_ending(day: dt.date, count: int = QUARTERS) -> list[tuple[str, dt.date, dt.date]]:
    """`count` quarters up to the one that holds `day`, oldest first: each one's name, and
    its first and last days."""
    index = day.year * 4 + (day.month - 1) // 3
    found = []
    for year, q in (divmod(i, 4) for i in range(index - count + 1, index + 1)):
        after = dt.date(year + 1, 1, 1) if q == 3 else dt.date(year, 3 * q + 4, 1)
        found.append(
            (f"{year}-Q{q + 1}", dt.date(year, 3 * q + 1, 1), after - dt.timedelta(days=1))
        )
    return found


def _quarters(archive: Archive, as_of: dt.date) -> list[Quarter]:
    items = []
    for name, first, last in quarters_ending(as_of):
        counted = archive.count(as_of, since=first, until=last)
        c = scored(counted, show_unused=False, part=True, leave_out=False)
        errors = counted.errors()
        items.append(Quarter(name, c.n, c.brier, brier_interval(errors), c.recalibration))
    return items


@dataclass(frozen=True)
class Report:
    period: Period
    within: int  # days ahead that "coming due" looks
    counts: Counts
    due: tuple[Item, ...]
    coming_due: tuple[Item, ...]
    resolved: tuple[Resolved, ...]
    calibration: Calibration  # at the end of the as-of day
    previous: Calibration  # at the end of the previous period
    problems: tuple[Problem, ...]
    quarters: tuple[Quarter, ...] = ()  # the last four, the as-of day's quarter last

    @property
    def brier_change(self) -> float | None:
        """How far the Brier score moved since the previous period (None if either is)."""
        now, then = self.calibration.brier, self.previous.brier
        if now is None or then is None:
            return None
        return now - then


def period_ending(as_of: dt.date, days: int) -> Period:
    if days < 1:
        raise ValueError("a period has at least one day")
    return Period(as_of - dt.timedelta(days=days - 1), as_of)


def format_for(name: str) -> str | None:
    """The format an output file's suffix asks for (`.html` is html), or None."""
    for suffix, fmt in SUFFIX_FORMATS.items():
        if name.lower().endswith(suffix):
            return fmt
    return None


def _counts(archive: Archive, found: Counted) -> Counts:
    return Counts(
        briefs=archive.brief_count,
        invalid=len(archive.invalid),
        forecasts=found.forecasts,
        open=found.forecasts - found.resolved,
        # Due: no outcome, and the window closed by the as-of day (as Status.DUE).
        due=found.left_out.awaiting,
        resolved=found.resolved,
    )


def _resolved(archive: Archive, found: list[State], period: Period) -> list[Resolved]:
    """The forecasts whose outcome in force began to count in the period (`found`)."""
    items = []
    for state in found:
        entry = state.resolution
        assert entry is not None and entry.counts_from in period
        previous = outcome_at(state.brief, state.forecast.id, period.before)
        items.append(
            Resolved(
                state.brief,
                state.forecast,
                archive.short_ref(state.forecast),
                entry,
                previous,
                scored=entry.outcome.scored is not None
                and state.forecast.window.closed_by(period.last),
            )
        )
    # In the order they were recorded, so the list reads as the week went.
    items.sort(key=lambda r: (r.entry.counts_from, r.brief.id, r.forecast.id))
    return items


def build(archive: Archive, settings: Settings, as_of: dt.date, days: int = 7) -> Report:
    """The report on the `days` days ending with `as_of`, as the briefs stood then.

    Each part is computed once: every forecast counted as it stands at the end of the
    as-of day (for the counts and the calibration) and at the end of the previous period,
    each quarter's forecasts counted once; the due list, and the forecasts resolved in the
    period, are asked of the archive, which builds only their briefs.
    """
    period = period_ending(as_of, days)
    found = archive.count(as_of)
    listed = archive.due(as_of, settings.due_within)

    def item(state: State) -> Item:
        return Item(state.brief, state.forecast, archive.short_ref(state.forecast), state.days)

    recent = archive.resolved_between(period.first, period.last)
    return Report(
        period=period,
        within=settings.due_within,
        counts=_counts(archive, found),
        due=tuple(item(s) for s in listed if s.status is Status.DUE),
        coming_due=tuple(item(s) for s in listed if s.status is Status.COMING_DUE),
        resolved=tuple(_resolved(archive, recent, period)),
        calibration=scored(found),
        previous=scored(archive.count(period.before), leave_out=False),
        problems=tuple(sorted(archive.problems)),
        quarters=tuple(_quarters(archive, as_of)),
    )
