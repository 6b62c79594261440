"""A forecast's window: the days inside which its event must happen (SPEC section 5)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from forecastcli.dates import add

if TYPE_CHECKING:
    from forecastcli.config import Horizon


class PastTheEnd(ValueError):
    """A window that would close after 9999-12-31, where the calendar ends."""


class Window(NamedTuple):
    """From the day it opens to the day it closes, both included.

    A named tuple rather than a dataclass: one per distinct window of an archive, made
    and compared in its hot loops and cached with it, where a tuple is the cheapest value.
    """

    opens: dt.date
    closes: dt.date

    def closed_by(self, day: dt.date) -> bool:
        """Whether the window has closed by the end of `day`: its closing day is over."""
        return self.closes <= day

    @classmethod
    def between(cls, published: dt.date, horizon: Horizon) -> Window:
        """The window a horizon gives a brief published on `published`: calendar months
        after it (31 January + 1 month is the last day of February); PastTheEnd when it
        would run past the calendar's end."""
        try:
            return cls(add(published, horizon.opens), add(published, horizon.closes))
        except (OverflowError, ValueError):
            raise PastTheEnd(f"the {horizon.key} window of {published} ends after 9999") from None
