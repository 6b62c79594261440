"""Dates as analysts write them, and the calendar arithmetic of windows.

One reader for every date the tool is given: in brief files, on the command line, at the
walk's prompt and in a brief's byline. It reads a date one way only and refuses what could
be read two ways (SPEC section 3); nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from dateutil.relativedelta import relativedelta

# How an all-numeric date with the year last (05/01/2026) is read: not at all (iso),
# day first (dmy) or month first (mdy). Set by forecast.yaml's `date_order`.
ORDERS = ("iso", "dmy", "mdy")
EXAMPLE = "2025-12-08"

# Days that options (--as-of, --date, --since, --until, --published) and the walk's
# prompt take: any year an analyst means, with room for the period and look-ahead
# arithmetic around it (a century at most) to stay inside the calendar.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2999, 12, 31)
MAX_DAYS = 36525  # a century: the largest --days, --within or due_within

# Words that stand for a day where a date is typed: UTC days, the clock of `recorded`.
RELATIVE_DAYS = {"today": 0, "yesterday": 1}

# English names, spelt out here: calendar's names follow the locale, if one is set.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = {name.lower(): i for i, name in enumerate(MONTH_NAMES, 1)}
MONTHS.update({name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, 1)})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(DAY_NAMES)}
WEEKDAYS.update({name[:3].lower(): i for i, name in enumerate(DAY_NAMES)})
WEEKDAYS.update({"tues": 1, "thur": 3, "thurs": 3})

# Patterns, compiled by `re` on first use (and kept): a start that reads one ISO date
# need not compile the rest.
_ISO = r"(\d{4})-(\d{1,2})-(\d{1,2})"
_YEAR_LAST = r"(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})"
_YEAR_FIRST = r"(\d{4})([/.])(\d{1,2})\2(\d{1,2})"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_NAME = r"([a-z]+)\.?"
_WITH_NAME = (
    rf"(?:{_NAME},?\s+)?"  # a weekday, checked against the date
    rf"(?:{_DAY}(?:\s+of)?[\s-]+{_NAME}|{_NAME}[\s-]+{_DAY}),?[\s-]+(\d{{4}})"
)
# Longer than any date form ("Wednesday, 30th of September, 2025" has 34 characters).
_LONGEST = 60
_MONTH_ONLY = rf"{_NAME},?[\s-]+(\d{{4}})|(\d{{4}})-(\d{{1,2}})"


class NotADate(ValueError):
    """Why a value is not read as a date: one sentence for the analyst, naming the value.

    `numeric` says it was refused only because all-numeric dates need `date_order`.
    """

    def __init__(self, message: str, numeric: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.numeric = numeric

    def __str__(self) -> str:
        return self.message


def read_date(value: Any, order: str = "iso") -> dt.date:
    """The date a brief file or an analyst gives, or NotADate saying why it is not one.

    Read: a YAML date (the day of a YAML timestamp), ISO order with one- or two-digit
    month and day (2026-1-5), a day with a month name in either order (8 December 2025,
    Dec 8, 2025, Monday 8 December 2025: the weekday must agree). All-numeric dates with
    the year last (05/01/2026) only with `order` dmy or mdy. Everything else is refused,
    with the ISO form where the text gives one.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise NotADate(f"{value!r} is not a date; write it as {EXAMPLE}")
    text = " ".join(value.split())
    folded = text.lower()
    if not folded:
        raise NotADate(f"nothing is given; write a date such as {EXAMPLE}")
    if len(folded) > _LONGEST:
        return _refuse(text)
    if folded in RELATIVE_DAYS:
        raise NotADate(
            f"{text!r} changes meaning every day; write the date itself, such as {EXAMPLE}"
        )
    m = re.fullmatch(_ISO, folded, re.ASCII)
    if m:
        return _real(text, int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(_YEAR_LAST, folded, re.ASCII)
    if m:
        return _year_last(text, m[1], m[3], m[4], order)
    m = re.fullmatch(_YEAR_FIRST, folded, re.ASCII)
    if m:
        day = _real(text, int(m[1]), int(m[3]), int(m[4]))
        raise NotADate(f"{text!r} is not written in ISO form; write it as {day.isoformat()}")
    m = re.fullmatch(_WITH_NAME, folded, re.ASCII)
    if m:
        weekday, d1, n1, n2, d2, year = m.groups()
        name = n1 or n2
        if name not in MONTHS:
            return _refuse(text)
        day = _real(text, int(year), MONTHS[name], int(d1 or d2))
        if weekday is not None:
            _same_weekday(text, day, weekday)
        return day
    m = re.fullmatch(_MONTH_ONLY, folded, re.ASCII)
    if m and (m[1] is None or m[1] in MONTHS):
        raise NotADate(f"{text!r} gives no day; write the whole date, such as {EXAMPLE}")
    return _refuse(text)


def read_day(text: str, today: dt.date, order: str = "iso") -> dt.date:
    """A day typed on the command line or at a prompt: a date, `today` or `yesterday`.

    Refused (NotADate) outside FIRST_DAY..LAST_DAY, a typo such as 0026 for 2026.
    """
    relative = RELATIVE_DAYS.get(text.strip().lower())
    day = today - dt.timedelta(days=relative) if relative is not None else read_date(text, order)
    if not FIRST_DAY <= day <= LAST_DAY:
        raise NotADate(
            f"{_quote(text.strip())} is out of range; give a day from {FIRST_DAY.year} to "
            f"{LAST_DAY.year}"
        )
    return day


def _refuse(text: str) -> dt.date:
    raise NotADate(f"{_quote(text)} is not a date; write it as {EXAMPLE}")


def _quote(text: str) -> str:
    """The text as a message shows it: quoted, and cut short when long."""
    return repr(text if len(text) <= _LONGEST else text[: _LONGEST - 3] + "...")


def _real(text: str, year: int, month: int, day: int) -> dt.date:
    """The date, or NotADate saying what does not exist."""
    if not 1 <= year <= 9999:
        raise NotADate(f"{text!r} is not a real date: there is no year {year}")
    if not 1 <= month <= 12:
        raise NotADate(f"{text!r} is not a real date: there is no month {month}")
    last = _days_in(year, month)
    if not 1 <= day <= last:
        raise NotADate(
            f"{text!r} is not a real date: {MONTH_NAMES[month - 1]} {year} has {last} days"
        )
    return dt.date(year, month, day)


def _days_in(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _year_last(text: str, first: str, second: str, year_text: str, order: str) -> dt.date:
    if len(year_text) == 2:
        raise NotADate(f"{text!r} has a two-digit year; write the date as {EXAMPLE}")
    year = int(year_text)
    if order == "dmy":
        return _real(text, year, int(second), int(first))
    if order == "mdy":
        return _real(text, year, int(first), int(second))
    readings = []
    for month, day in ((int(second), int(first)), (int(first), int(second))):
        try:
            readings.append(_real(text, year, month, day))
        except NotADate:
            continue
    readings = list(dict.fromkeys(readings))
    setting = "or set `date_order: dmy` or `mdy` in forecast.yaml"
    if len(readings) == 2:
        a, b = readings
        raise NotADate(
            f"{text!r} could be {_spoken(a)} ({a.isoformat()}) or {_spoken(b)} "
            f"({b.isoformat()}); write the one meant in ISO form, {setting}",
            numeric=True,
        )
    if len(readings) == 1:
        raise NotADate(
            f"{text!r} is all numbers; write it as {readings[0].isoformat()}, {setting}",
            numeric=True,
        )
    raise NotADate(f"{text!r} is not a real date in either order, day or month first")


def _spoken(day: dt.date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _same_weekday(text: str, day: dt.date, weekday: str) -> None:
    if weekday not in WEEKDAYS:
        _refuse(text)
    if WEEKDAYS[weekday] != day.weekday():
        raise NotADate(
            f"{text!r} does not agree with itself: {_spoken(day)} is a {DAY_NAMES[day.weekday()]}"
        )


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


_DURATION = r"(\d+)\s*(day|week|month|year)s?"
# The longest window a horizon may give, in each unit: a century, as for --days.
_MAX_AMOUNT = {"day": MAX_DAYS, "week": MAX_DAYS // 7, "month": 1200, "year": 100}


def parse_duration(value: Any) -> relativedelta | None:
    """'3 months', '1 year', '2 weeks', '10 days'; a bare whole number counts as months.

    None for anything else, or for more than a century.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        n, unit = value, "month"
    elif isinstance(value, str) and (
        m := re.fullmatch(_DURATION, value.strip(), re.IGNORECASE | re.ASCII)
    ):
        n, unit = int(m.group(1)), m.group(2).lower()
    else:
        return None
    if not 0 <= n <= _MAX_AMOUNT[unit]:
        return None
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
