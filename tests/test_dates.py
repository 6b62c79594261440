"""The one date reader (SPEC section 3): what it reads, what it refuses and how it says so."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from forecastcli.dates import (
    DAY_NAMES,
    MONTH_NAMES,
    NotADate,
    add,
    parse_duration,
    parse_timestamp,
    read_date,
    read_day,
)

TODAY = dt.date(2026, 11, 27)
DEC8 = dt.date(2025, 12, 8)


@pytest.mark.parametrize(
    "value",
    [
        "2025-12-08",
        "2025-12-8",  # one-digit day: never read as 12 August
        "  2025-12-08 ",
        "8 December 2025",
        "December 8, 2025",
        "december 8 2025",
        "8 Dec 2025",
        "8 Dec. 2025",
        "Dec 8, 2025",
        "8th December 2025",
        "8th of December, 2025",
        "December 8th, 2025",
        "8-Dec-2025",
        "Monday, 8 December 2025",
        "Mon 8 Dec 2025",
        "MONDAY DECEMBER 8, 2025",
        DEC8,
        dt.datetime(2025, 12, 8, 23, 30),  # a YAML timestamp: the day as written
    ],
)
def test_accepted_forms(value: object) -> None:
    assert read_date(value) == DEC8


def test_one_digit_month_and_day_keep_iso_order() -> None:
    assert read_date("2026-1-5") == dt.date(2026, 1, 5)
    assert read_date("2026-3-4") == dt.date(2026, 3, 4)
    assert read_date("Sept 3 2025") == read_date("3 Sep 2025") == dt.date(2025, 9, 3)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-13-01", "'2026-13-01' is not a real date: there is no month 13"),
        ("2026-02-30", "'2026-02-30' is not a real date: February 2026 has 28 days"),
        ("2026-2-29", "'2026-2-29' is not a real date: February 2026 has 28 days"),
        ("31 April 2026", "'31 April 2026' is not a real date: April 2026 has 30 days"),
        ("0000-01-01", "'0000-01-01' is not a real date: there is no year 0"),
        ("December 2025", "'December 2025' gives no day; write the whole date, such as 2025-12-08"),
        ("Dec 2025", "'Dec 2025' gives no day; write the whole date, such as 2025-12-08"),
        ("2025-12", "'2025-12' gives no day; write the whole date, such as 2025-12-08"),
        ("05/01/2026",
         "'05/01/2026' could be 5 January 2026 (2026-01-05) or 1 May 2026 (2026-05-01); write "
         "the one meant in ISO form, or set `date_order: dmy` or `mdy` in forecast.yaml"),
        ("5.1.2026",
         "'5.1.2026' could be 5 January 2026 (2026-01-05) or 1 May 2026 (2026-05-01); write "
         "the one meant in ISO form, or set `date_order: dmy` or `mdy` in forecast.yaml"),
        ("25/12/2025",
         "'25/12/2025' is all numbers; write it as 2025-12-25, or set `date_order: dmy` or "
         "`mdy` in forecast.yaml"),
        ("07/07/2026",
         "'07/07/2026' is all numbers; write it as 2026-07-07, or set `date_order: dmy` or "
         "`mdy` in forecast.yaml"),
        ("13/13/2026", "'13/13/2026' is not a real date in either order, day or month first"),
        ("08/12/25", "'08/12/25' has a two-digit year; write the date as 2025-12-08"),
        ("2026/01/05", "'2026/01/05' is not written in ISO form; write it as 2026-01-05"),
        ("Tuesday 8 December 2025",
         "'Tuesday 8 December 2025' does not agree with itself: 8 December 2025 is a Monday"),
        ("8 Decembre 2025", "'8 Decembre 2025' is not a date; write it as 2025-12-08"),
        ("next tuesday", "'next tuesday' is not a date; write it as 2025-12-08"),
        ("2025-12-08T10:00", "'2025-12-08T10:00' is not a date; write it as 2025-12-08"),
        ("today", "'today' changes meaning every day; write the date itself, such as 2025-12-08"),
        ("", "nothing is given; write a date such as 2025-12-08"),
        (20251208, "20251208 is not a date; write it as 2025-12-08"),
        ("x" * 200, f"'{'x' * 57}...' is not a date; write it as 2025-12-08"),
    ],
)  # fmt: skip
def test_refusals_say_why(value: object, message: str) -> None:
    with pytest.raises(NotADate) as refused:
        read_date(value)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("text", "dmy", "mdy"),
    [
        ("05/01/2026", dt.date(2026, 1, 5), dt.date(2026, 5, 1)),
        ("5.1.2026", dt.date(2026, 1, 5), dt.date(2026, 5, 1)),
        ("05-01-2026", dt.date(2026, 1, 5), dt.date(2026, 5, 1)),
        ("8/12/2025", DEC8, dt.date(2025, 8, 12)),
    ],
)
def test_date_order_reads_all_numeric_dates_one_way(text: str, dmy: dt.date, mdy: dt.date) -> None:
    assert read_date(text, "dmy") == dmy
    assert read_date(text, "mdy") == mdy
    # ISO dates and month names read the same whatever the order.
    assert read_date("2026-1-5", "mdy") == read_date("2026-1-5", "dmy") == dt.date(2026, 1, 5)


def test_date_order_still_refuses_a_date_that_does_not_exist() -> None:
    with pytest.raises(NotADate, match="there is no month 25"):
        read_date("12/25/2025", "dmy")
    assert read_date("12/25/2025", "mdy") == dt.date(2025, 12, 25)


def test_the_iso_setting_marks_only_numeric_refusals_as_numeric() -> None:
    with pytest.raises(NotADate) as refused:
        read_date("05/01/2026")
    assert refused.value.numeric
    with pytest.raises(NotADate) as refused:
        read_date("December 2025")
    assert not refused.value.numeric


def test_read_day_takes_today_and_yesterday_as_utc_days() -> None:
    assert read_day("today", TODAY) == TODAY
    assert read_day(" Yesterday ", TODAY) == TODAY - dt.timedelta(days=1)
    assert read_day("2026-3-4", TODAY) == dt.date(2026, 3, 4)


@pytest.mark.parametrize("text", ["0001-01-01", "1899-12-31", "3000-01-01", "9999-12-31"])
def test_read_day_refuses_days_out_of_range(text: str) -> None:
    with pytest.raises(NotADate) as refused:
        read_day(text, TODAY)
    assert str(refused.value) == f"'{text}' is out of range; give a day from 1900 to 2999"


# -- every real date, in every form ---------------------------------------------------------

DAYS = st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31))


def written(day: dt.date, form: int) -> str:
    """`day` in one of the accepted forms (any case)."""
    name = MONTH_NAMES[day.month - 1]
    weekday = DAY_NAMES[day.weekday()]
    return [
        day.isoformat(),
        f"{day.year}-{day.month}-{day.day}",
        f"{day.day} {name} {day.year}",
        f"{name} {day.day}, {day.year}",
        f"{day.day} {name[:3]} {day.year}",
        f"{name[:3]}. {day.day} {day.year}",
        f"{weekday}, {day.day} {name} {day.year}",
        f"{weekday[:3]} {name} {day.day}, {day.year}".upper(),
        f"{day.day}-{name[:3]}-{day.year}".lower(),
    ][form]


FORMS = 9


@settings(max_examples=400)
@given(DAYS, st.integers(0, FORMS - 1))
def test_every_real_date_in_every_form_reads_back(day: dt.date, form: int) -> None:
    assert read_date(written(day, form)) == day


@settings(max_examples=200)
@given(DAYS)
def test_every_real_date_reads_back_in_each_date_order(day: dt.date) -> None:
    assert read_date(f"{day.day:02d}/{day.month:02d}/{day.year}", "dmy") == day
    assert read_date(f"{day.day}.{day.month}.{day.year}", "dmy") == day
    assert read_date(f"{day.month}/{day.day}/{day.year}", "mdy") == day


def refused_forms(day: dt.date) -> list[str]:
    """Ways of writing (or miswriting) `day` that must be refused, never guessed."""
    name = MONTH_NAMES[day.month - 1]
    last = (day.replace(day=1) + relativedelta(months=1) - dt.timedelta(days=1)).day
    wrong_weekday = DAY_NAMES[(day.weekday() + 1) % 7]
    return [
        f"{day.day:02d}/{day.month:02d}/{day.year}",  # all numbers, no date_order
        f"{day.month}.{day.day}.{day.year}",
        f"{name} {day.year}",  # no day
        f"{name[:3]} {day.year}",
        f"{day.year}-{day.month}-{last + 1}",  # a day past the month's end
        f"{last + 1} {name} {day.year}",
        f"{day.year}-{day.month + 12}-{day.day}",  # no such month
        f"{wrong_weekday}, {day.day} {name} {day.year}",
        f"{day.day:02d}/{day.month:02d}/{day.year % 100:02d}",  # two-digit year
    ]


@settings(max_examples=200)
@given(DAYS)
def test_every_refused_form_is_refused(day: dt.date) -> None:
    for text in refused_forms(day):
        with pytest.raises(NotADate):
            read_date(text)


# -- windows and durations ------------------------------------------------------------------


def test_month_end_arithmetic() -> None:
    jan31 = dt.date(2026, 1, 31)
    assert add(jan31, relativedelta(months=1)) == dt.date(2026, 2, 28)
    assert add(jan31, relativedelta(months=3)) == dt.date(2026, 4, 30)
    assert add(dt.date(2027, 1, 31), relativedelta(months=13)) == dt.date(2028, 2, 29)


@pytest.mark.parametrize(
    ("text", "days_after_dec8"),
    [
        ("2 weeks", 14),  # never 2 days
        ("1 week", 7),
        ("10 days", 10),
        ("1 day", 1),
        ("3 months", 90),
        ("1 year", 365),
        ("2 Years", 730),
        ("4 years", 1461),  # calendar years: 29 February 2028 counts
        (6, 182),  # a bare number counts as months
        (0, 0),
    ],
)
def test_parse_duration(text: object, days_after_dec8: int) -> None:
    delta = parse_duration(text)
    assert delta is not None
    assert (add(DEC8, delta) - DEC8).days == days_after_dec8


@pytest.mark.parametrize(
    "text", ["three months", "2 fortnights", "-1 months", "1.5 months", True, "101 years", 1201]
)
def test_parse_duration_refuses(text: object) -> None:
    assert parse_duration(text) is None


def test_parse_timestamp_is_utc() -> None:
    assert parse_timestamp("2026-11-27T10:04:12Z") == dt.datetime(2026, 11, 27, 10, 4, 12)
    aware = dt.datetime(2026, 11, 27, 1, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    assert parse_timestamp(aware) == dt.datetime(2026, 11, 26, 22, 0)
    assert parse_timestamp("yesterday") is None
