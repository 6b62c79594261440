"""Where each forecast stands on a given day: open, due or resolved."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from forecastcli.model import Brief, Forecast, Outcome, Resolution, Word, latest

if TYPE_CHECKING:
    from forecastcli.scales import Scale, Term


class Status(Word):
    """Where a forecast stands on a day, as `--json`, exports and `list --status` write it."""

    OPEN = "open"  # the window has not closed
    DUE = "due"  # the window has closed and no outcome is recorded
    COMING_DUE = "coming due"  # open, closing within the due_within days
    RESOLVED = "resolved"


# What `forecast list --status` chooses from; open there means no outcome yet, due included.
FILTERS = (Status.OPEN, Status.DUE, Status.RESOLVED)


class State(NamedTuple):
    """A forecast as it stands at the end of a day.

    A named tuple: `forecast list` makes one per forecast of the archive, and a frozen
    dataclass costs three times as much to make. It is what scoring reads of a forecast
    (`scoring.Scorable`), through the properties below.
    """

    brief: Brief
    forecast: Forecast
    status: Status  # OPEN, DUE or RESOLVED (COMING_DUE in the list of `due`)
    resolution: Resolution | None  # the outcome: the entry in force at the as-of day
    days: int  # days overdue (DUE), days left (OPEN), days since closing (RESOLVED)

    @property
    def outcome(self) -> Outcome | None:
        return self.resolution.outcome if self.resolution else None

    @property
    def probability(self) -> float:
        return self.forecast.probability

    @property
    def closes(self) -> dt.date:
        return self.forecast.window.closes

    @property
    def term(self) -> Term | None:
        return self.forecast.term

    @property
    def scale(self) -> Scale:
        return self.brief.scale

    @property
    def brief_id(self) -> str:
        return self.brief.id

    @property
    def horizon(self) -> str | None:
        return self.forecast.horizon

    @property
    def confidence(self) -> str | None:
        return self.forecast.confidence

    @property
    def authors(self) -> tuple[str, ...]:
        return self.brief.authors

    @property
    def tags(self) -> tuple[str, ...]:
        return self.brief.tags


def outcome_at(brief: Brief, forecast_id: str, as_of: dt.date) -> Resolution | None:
    """The entry in force for the forecast at the end of `as_of`, or None."""
    return latest((e for e in brief.resolutions if e.forecast == forecast_id), as_of).get(
        forecast_id
    )


def states(briefs: list[Brief], as_of: dt.date) -> list[State]:
    """Every forecast's state at the end of `as_of`, in brief then file order."""
    result = []
    # An enum member is a slow class attribute on Python 3.11: looked up once, not per state.
    resolved, overdue, still_open = Status.RESOLVED, Status.DUE, Status.OPEN
    for brief in briefs:
        in_force = latest(brief.resolutions, as_of)
        for forecast in brief.forecasts:
            outcome = in_force.get(forecast.id)
            days = (as_of - forecast.window.closes).days  # from 0: closed by `as_of`
            if outcome is not None:
                status = resolved
            elif days >= 0:
                status = overdue
            else:
                status, days = still_open, -days
            result.append(State(brief, forecast, status, outcome, days))
    return result


def states_of(found: list[tuple[Brief, Forecast]], as_of: dt.date) -> list[State]:
    """The state at the end of `as_of` of each forecast of `found`, in its order (the
    states of each brief worked out once)."""
    by_brief: dict[int, dict[int, State]] = {}
    for brief, _ in found:
        if id(brief) not in by_brief:
            by_brief[id(brief)] = {id(s.forecast): s for s in states([brief], as_of)}
    return [by_brief[id(brief)][id(forecast)] for brief, forecast in found]


def chosen(items: list[State], status: Status) -> list[State]:
    """The states `forecast list --status` keeps: for OPEN, every one without an outcome
    (due ones included); otherwise those whose status it is."""
    if status is Status.OPEN:
        return [s for s in items if s.status is not Status.RESOLVED]
    return [s for s in items if s.status is status]


def due(briefs: list[Brief], as_of: dt.date, within: int) -> list[State]:
    """Unresolved forecasts that are due, then those coming due within `within` days.

    Earliest close first, then brief, then id. A coming-due item has status COMING_DUE.
    """
    items = []
    # Enum members looked up once (see `states`).
    overdue, coming = Status.DUE, Status.COMING_DUE
    # The same test as `states`, without building a state for every forecast of a large
    # archive only to drop nearly all of them.
    for brief in briefs:
        resolved = {e.forecast for e in brief.resolutions if e.counts_from <= as_of}
        for forecast in brief.forecasts:
            if forecast.id in resolved:
                continue
            days = (as_of - forecast.window.closes).days
            if days >= 0:
                items.append(State(brief, forecast, overdue, None, days))
            elif -days <= within:
                items.append(State(brief, forecast, coming, None, -days))
    items.sort(key=lambda s: (s.forecast.window.closes, s.brief.id, s.forecast.id))
    return items
