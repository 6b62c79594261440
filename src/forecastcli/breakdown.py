"""Breakdowns and filters of `forecast calibration`: one calibration per group of `--by`.

A forecast's groups come from its brief (authors, tags, the brief itself) or from the
forecast (term, horizon, confidence, the year or quarter of its window's close).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from forecastcli.model import CONFIDENCES
from forecastcli.scoring import Calibration, Scorable, calibrate

BY_CHOICES = ("term", "horizon", "confidence", "author", "brief", "tag", "year", "quarter")


@dataclass(frozen=True)
class Group:
    name: str
    calibration: Calibration


NO_TERM = "(own probability)"
OWN_DATES = "(own dates)"
NOT_GIVEN = "(not given)"


def quarter(day: dt.date) -> str:
    """The calendar quarter of `day`, as `2026-Q1`."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _group_names(by: str, several_scales: bool) -> Callable[[Scorable], list[str]]:
    def names(item: Scorable) -> list[str]:
        term = item.term
        if by == "term":
            if term is None:
                return [NO_TERM]
            return [f"{term.name} ({item.scale.name})" if several_scales else term.name]
        if by == "horizon":
            return [item.horizon or OWN_DATES]
        if by == "confidence":
            return [item.confidence or NOT_GIVEN]
        if by == "author":
            return list(item.authors) or [NOT_GIVEN]
        if by == "brief":
            return [item.brief_id]
        if by == "tag":
            return list(item.tags) or [NOT_GIVEN]
        if by == "year":
            return [str(item.closes.year)]
        if by == "quarter":
            return [quarter(item.closes)]
        raise ValueError(f"unknown breakdown {by!r}")

    return names


def breakdown(
    states: Iterable[Scorable],
    as_of: dt.date,
    by: str,
    include_open: bool = False,
    order: Iterable[str] = (),
) -> list[Group]:
    """One calibration per group of `by` (see BY_CHOICES).

    A forecast falls into each of its brief's tags (or authors); `year` and `quarter` are
    those of its window's close. Groups come in `order` first (such as the configured
    horizons), then by name, the placeholder groups "(...)" last. Each block is a part:
    its skill is left to the whole set.
    """
    states = list(states)
    several = len({s.scale.name for s in states if s.term is not None}) > 1
    names = _group_names(by, several)
    members: dict[str, list[Scorable]] = defaultdict(list)
    for state in states:
        for name in dict.fromkeys(names(state)):  # an author listed twice counts once
            members[name].append(state)

    preferred = {name: i for i, name in enumerate(CONFIDENCES if by == "confidence" else order)}
    if by == "term":
        # Terms from the lowest band upwards, as in the table.
        for state in sorted(states, key=lambda s: s.term.low if s.term else 2):
            for name in names(state):
                preferred.setdefault(name, len(preferred))

    def rank(name: str) -> tuple[int, int, str]:
        if name in preferred:
            return (0, preferred[name], name)
        return (2 if name.startswith("(") else 1, 0, name)

    return [
        Group(name, calibrate(members[name], as_of, include_open, show_unused=False, part=True))
        for name in sorted(members, key=rank)
    ]


S = TypeVar("S", bound=Scorable)


def within(
    states: Iterable[S], since: dt.date | None = None, until: dt.date | None = None
) -> list[S]:
    """The forecasts whose window closes between `since` and `until` (both included)."""
    return [
        s
        for s in states
        if (since is None or s.closes >= since) and (until is None or s.closes <= until)
    ]
