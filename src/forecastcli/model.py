"""What a brief holds, once loaded and checked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import NamedTuple

from forecastcli.scales import Scale, Term
from forecastcli.windows import Window

CONFIDENCES = ("high", "moderate", "low")


class Word(str, Enum):
    """An enum whose members are words: each is its value wherever text is wanted (files,
    JSON, CSV, messages), compares equal to it, and is written as it, never `Outcome.YES`."""

    # enum.StrEnum is Python 3.11+; forecastcli supports 3.10, so the str mix-in and
    # these two say how a member is written.
    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class Outcome(Word):
    """What happened to a forecast (SPEC section 6), as files, JSON and the command line
    write it."""

    YES = "yes"  # the event happened in the window
    NO = "no"
    AMBIGUOUS = "ambiguous"  # cannot be judged: not scored
    VOID = "void"  # the question lost its meaning: not scored

    @property
    def scored(self) -> int | None:
        """What it scores as: yes 1, no 0; None for ambiguous and void, which are not scored."""
        return _SCORES.get(self)

    @staticmethod
    def read(value: object) -> Outcome | None:
        """The outcome a brief file gives: a word, `y` or `n`, or the true or false that
        YAML 1.1 makes of an unquoted yes or no; None for anything else."""
        if isinstance(value, bool):
            return Outcome.YES if value else Outcome.NO
        return _WORDS.get(value) if isinstance(value, str) else None

    @staticmethod
    def typed(text: str) -> Outcome | None:
        """The outcome an analyst types: a word, `y` or `n`, in any case; None otherwise."""
        return _WORDS.get(text.strip().lower())

    @staticmethod
    def words() -> str:
        """`yes, no, ambiguous, void`: the outcomes, for messages."""
        return ", ".join(outcome.value for outcome in Outcome)


_WORDS = {outcome.value: outcome for outcome in Outcome} | {"y": Outcome.YES, "n": Outcome.NO}
_SCORES = {Outcome.YES: 1, Outcome.NO: 0}


class Forecast(NamedTuple):
    """One forecast of a brief, checked: what is forecast, how likely, and its window.

    A named tuple: the parse cache builds the forecasts of every brief it lists, and a
    frozen dataclass of eleven fields costs six times as much to make.
    """

    brief: str
    id: str
    statement: str
    term: Term | None
    p: float | None  # the forecast's own probability, when it gives one
    horizon: str | None
    window: Window
    confidence: str | None = None
    criteria: str | None = None
    quote: str | None = None
    line: int = 0

    @property
    def ref(self) -> str:
        return f"{self.brief}/{self.id}"

    @property
    def probability(self) -> float:
        """The probability scored: the forecast's own `p`, else its term's point."""
        if self.p is not None:
            return self.p
        assert self.term is not None  # validation requires a term or a p
        return self.term.point


@dataclass(frozen=True)
class Resolution:
    """One entry of a forecast's history: an outcome, when it became known, who wrote it."""

    forecast: str
    outcome: Outcome
    date: dt.date
    recorded: dt.datetime | None = None  # UTC, naive
    by: str | None = None
    note: str | None = None
    sources: tuple[str, ...] = ()
    line: int = 0

    @property
    def counts_from(self) -> dt.date:
        """The day from which this entry counts: its recorded day, else its date."""
        return self.recorded.date() if self.recorded is not None else self.date

    @property
    def rank(self) -> tuple[dt.datetime, int]:
        """Which of a forecast's entries is later (SPEC section 6): the `recorded` stamp,
        else the start of its `date`; then the place in the file."""
        stamp = self.recorded
        if stamp is None:
            stamp = dt.datetime(self.date.year, self.date.month, self.date.day)
        return (stamp, self.line)


def in_order(entries: Iterable[Resolution]) -> list[Resolution]:
    """Entries from the earliest to the latest by `Resolution.rank`; the last one wins.

    Entries of equal rank keep the order given. Where the entries come from (one list of
    a file or several) does not matter: only their stamps, dates and lines do.
    """
    return sorted(entries, key=lambda e: e.rank)


def latest(entries: Iterable[Resolution], as_of: dt.date | None = None) -> dict[str, Resolution]:
    """The entry in force for each forecast named in `entries`: the latest of those that
    count by the end of `as_of` (of all of them when `as_of` is None)."""
    found: dict[str, Resolution] = {}
    for entry in entries:
        if as_of is not None and entry.counts_from > as_of:
            continue
        held = found.get(entry.forecast)
        # `>=`: of two entries of equal rank, the one given later wins, as in `in_order`.
        if held is None or entry.rank >= held.rank:
            found[entry.forecast] = entry
    return found


@dataclass(frozen=True)
class Brief:
    """A brief file that loaded cleanly: its metadata, forecasts and resolution entries."""

    id: str
    # Where it was read from, which is not what it holds: equal briefs may lie in two places.
    # The path is kept as text: a Path per brief would cost the parse cache a tenth of its
    # reading time (see `path`).
    file: str = field(compare=False)
    shown: str = field(compare=False)  # `file` as messages show it: from the current folder
    title: str
    published: dt.date
    scale: Scale
    authors: tuple[str, ...] = ()
    url: str | None = None
    tags: tuple[str, ...] = ()
    forecasts: tuple[Forecast, ...] = ()
    resolutions: tuple[Resolution, ...] = ()
    _by_id: dict[str, Forecast] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update((f.id, f) for f in self.forecasts)

    @property
    def path(self) -> Path:
        """The brief file's path."""
        return Path(self.file)

    def forecast(self, forecast_id: str) -> Forecast | None:
        return self._by_id.get(forecast_id)

    def history(self, forecast_id: str) -> list[Resolution]:
        """Every entry for the forecast, earliest first (`in_order`): the last one that counts
        by a day is the outcome on that day."""
        return in_order(r for r in self.resolutions if r.forecast == forecast_id)
