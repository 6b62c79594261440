"""A forecast's window: computed from the horizon in one place, the closing day included."""

from __future__ import annotations

import datetime as dt

import pytest

from forecastcli.config import DEFAULT_HORIZONS
from forecastcli.windows import PastTheEnd, Window

SEED = dt.date(2025, 12, 8)  # the seed brief's publication day (SPEC section 5)


def test_the_seed_windows_of_spec_section_5() -> None:
    short, medium, long = (Window.between(SEED, DEFAULT_HORIZONS[k]) for k in DEFAULT_HORIZONS)
    assert short == Window(SEED, dt.date(2026, 3, 8))
    assert medium == Window(dt.date(2026, 3, 8), dt.date(2026, 12, 8))
    assert long == Window(dt.date(2026, 12, 8), dt.date(2027, 12, 8))


def test_calendar_months_end_on_the_last_day_of_a_shorter_month() -> None:
    window = Window.between(dt.date(2026, 1, 31), DEFAULT_HORIZONS["short"])
    assert window.closes == dt.date(2026, 4, 30)
    assert Window.between(dt.date(2025, 11, 30), DEFAULT_HORIZONS["short"]).closes == dt.date(
        2026, 2, 28
    )


def test_a_window_past_the_calendars_end_is_refused() -> None:
    with pytest.raises(PastTheEnd):
        Window.between(dt.date(9999, 1, 1), DEFAULT_HORIZONS["long"])
    assert Window.between(dt.date(9997, 12, 31), DEFAULT_HORIZONS["long"]).closes == dt.date(
        9999, 12, 31
    )


def test_a_window_has_closed_by_the_end_of_its_closing_day() -> None:
    window = Window(dt.date(2026, 1, 1), dt.date(2026, 3, 8))
    assert not window.closed_by(dt.date(2026, 3, 7))
    assert window.closed_by(dt.date(2026, 3, 8))
    assert window.closed_by(dt.date(2026, 3, 9))
