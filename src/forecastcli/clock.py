"""The one clock: UTC, the clock of the `recorded` stamps. Tests replace `now` or `today` here.

A resolution counts from the UTC day of its stamp, so "today" is a UTC day too: a local
today would leave an answer just recorded in a New York evening off `forecast due` until
local midnight.
"""

from __future__ import annotations

import datetime as dt


def now() -> dt.datetime:
    """The real time in UTC, to the second and without a zone, for a `recorded` stamp."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def today() -> dt.date:
    """Today's date in UTC: the as-of day when none is given."""
    return now().date()
