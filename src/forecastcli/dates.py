"""Dates as analysts write them, and the calendar arithmetic of windows."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from dateutil.relativedelta import relativedelta

_DURATION = re.compile(r"^\s*(\d+)\s*(day|week|month|year)s?\s*$", re.IGNORECASE)


def parse_date(value: Any) -> dt.date | None:
    """A date from YAML or the command line: a date, an ISO string or '8 December 2025'.

    Returns None when the value is not a complete, real date. Numeric dates with slashes
    are read day first (08/12/2025 is 8 December), as the briefs' British and European
    authors write them; ISO dates (2025-12-08) are never ambiguous.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    from dateutil import parser

    try:
        # Parsing with two different defaults shows whether the text gave a whole date:
        # "December 2025" would otherwise silently become the 1st or today's day.
        one = parser.parse(text, dayfirst=True, default=dt.datetime(2000, 1, 1))
        two = parser.parse(text, dayfirst=True, default=dt.datetime(2001, 2, 2))
    except (ValueError, OverflowError, TypeError):
        return None
    if one.date() != two.date():
        return None
    return one.date()


def parse_timestamp(value: Any) -> dt.datetime | None:
    """A UTC timestamp (the `recorded` stamp); a bare date counts as its midnight UTC."""
    if isinstance(value, dt.datetime):
        stamp: dt.datetime = value
        if stamp.tzinfo is not None:
            stamp = stamp.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return stamp
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            stamp = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        return parse_timestamp(stamp)
    return None


def parse_duration(value: Any) -> relativedelta | None:
    """'3 months', '1 year', '2 weeks', '10 days' (a bare number counts as months)."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return relativedelta(months=value)
    if not isinstance(value, str):
        return None
    m = _DURATION.match(value)
    if not m:
        return None
    n, unit = int(m.group(1)), m.group(2).lower()
    if unit == "day":
        return relativedelta(days=n)
    if unit == "week":
        return relativedelta(weeks=n)
    if unit == "month":
        return relativedelta(months=n)
    return relativedelta(years=n)


def add(day: dt.date, delta: relativedelta) -> dt.date:
    """Calendar arithmetic: 31 January + 1 month is the last day of February."""
    result: dt.date = day + delta
    return result
