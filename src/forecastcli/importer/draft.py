"""What the importer makes of a brief's text: a draft of the brief, forecast by forecast."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from forecastcli.importer import phrasing
from forecastcli.render.words import band_text
from forecastcli.scales import Scale, Term


@dataclass(frozen=True)
class Heading:
    """A horizon heading of the Forecast section and the horizon it sets (None: none fits)."""

    text: str
    key: str | None
    note: str | None = None  # how the heading was read, when a human should check it


@dataclass(frozen=True)
class DraftForecast:
    id: str
    statement: str
    quote: str
    heading: Heading | None
    horizon: str | None
    term: Term | None
    p: float | None
    confidence: str | None
    marks: tuple[str, ...]
    line: int  # the line of its bullet in the text

    @property
    def active(self) -> bool:
        """Written as a forecast; otherwise written commented out, with its marks."""
        return self.horizon is not None and (self.term is not None or self.p is not None)

    @property
    def band(self) -> str | None:
        if self.term is not None:
            return self.term.band_text
        if self.p is not None:
            return band_text(self.p, self.p)
        return None


@dataclass(frozen=True)
class Draft:
    source: str
    title: str
    authors: tuple[str, ...]
    published: dt.date
    scale: Scale
    forecasts: tuple[DraftForecast, ...]
    marks: tuple[str, ...] = ()  # about the brief as a whole

    @property
    def brief_id(self) -> str:
        return f"{self.published.isoformat()}-{phrasing.slug(self.title) or 'brief'}"

    @property
    def file_name(self) -> str:
        return f"{self.brief_id}.yaml"

    def all_marks(self) -> list[tuple[str | None, str]]:
        """(forecast id or None for the brief, mark) in file order."""
        found: list[tuple[str | None, str]] = [(None, m) for m in self.marks]
        for f in self.forecasts:
            found.extend((f.id, m) for m in f.marks)
        return found
