"""What a brief holds, once loaded and checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from forecastcli.scales import Scale, Term

OUTCOMES = ("yes", "no", "ambiguous", "void")
CONFIDENCES = ("high", "moderate", "low")


@dataclass(frozen=True)
class Forecast:
    brief: str
    id: str
    statement: str
    term: Term | None
    p: float | None  # the forecast's own probability, when it gives one
    horizon: str | None
    opens: dt.date
    closes: dt.date
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
    forecast: str
    outcome: str
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


@dataclass(frozen=True)
class Brief:
    id: str
    path: str
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

    def forecast(self, forecast_id: str) -> Forecast | None:
        return self._by_id.get(forecast_id)

    def history(self, forecast_id: str) -> list[Resolution]:
        """Every entry for the forecast, in file order (the last counting one is the outcome)."""
        return [r for r in self.resolutions if r.forecast == forecast_id]
