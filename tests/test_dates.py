import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta

from forecastcli.dates import add, parse_date, parse_duration, parse_timestamp


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-12-08", dt.date(2025, 12, 8)),
        ("8 December 2025", dt.date(2025, 12, 8)),
        ("December 8, 2025", dt.date(2025, 12, 8)),
        ("08/12/2025", dt.date(2025, 12, 8)),  # day first
        (dt.date(2025, 12, 8), dt.date(2025, 12, 8)),
        (dt.datetime(2025, 12, 8, 10, 0), dt.date(2025, 12, 8)),
    ],
)
def test_parse_date(text: object, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["December 2025", "soon", "", "2025-02-30", 20251208, None])
def test_parse_date_refuses_incomplete_or_unreal(text: object) -> None:
    assert parse_date(text) is None


def test_month_end_arithmetic() -> None:
    jan31 = dt.date(2026, 1, 31)
    assert add(jan31, relativedelta(months=1)) == dt.date(2026, 2, 28)
    assert add(jan31, relativedelta(months=3)) == dt.date(2026, 4, 30)
    assert add(dt.date(2027, 1, 31), relativedelta(months=13)) == dt.date(2028, 2, 29)


def test_parse_duration() -> None:
    assert parse_duration("3 months") == relativedelta(months=3)
    assert parse_duration("1 year") == relativedelta(years=1)
    assert parse_duration("10 days") == relativedelta(days=10)
    assert parse_duration(6) == relativedelta(months=6)
    assert parse_duration("three months") is None


def test_parse_timestamp_is_utc() -> None:
    assert parse_timestamp("2026-11-27T10:04:12Z") == dt.datetime(2026, 11, 27, 10, 4, 12)
    aware = dt.datetime(2026, 11, 27, 1, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    assert parse_timestamp(aware) == dt.datetime(2026, 11, 26, 22, 0)
    assert parse_timestamp("yesterday") is None
