"""How terms, bands, windows, counts, days and percents are written: one module, every output."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from forecastcli.render.words import (
    band_of,
    band_text,
    count,
    days,
    percent,
    points,
    tenths,
    term_text,
    whole_percent,
    window_text,
)
from forecastcli.scales import Term, built_in_scales
from forecastcli.windows import Window

LIKELY = built_in_scales()["phia"].term("likely")


@dataclass(frozen=True)
class Said:
    term: Term | None
    p: float | None


def test_percents() -> None:
    assert [percent(p) for p in (0.55, 0.975, 0.15000000000000002, 1.0)] == [
        "55",
        "97.5",
        "15",
        "100",
    ]
    assert (tenths(0.55), tenths(None), whole_percent(0.954)) == ("55.0", "", "95")
    assert (points(0.006), points(-0.021), points(-0.0001)) == ("+0.6", "-2.1", "0.0")


def test_bands() -> None:
    assert band_text(0.55, 0.75) == "55–75 %"
    assert band_text(0.6, 0.6) == "60 %"
    assert band_of(Said(LIKELY, None)) == "55–75 %"
    assert band_of(Said(None, 0.35)) == "35 %"


def test_a_term_is_written_with_what_the_output_asks_for() -> None:
    own = Said(LIKELY, 0.6)
    assert [term_text(own), term_text(own, band=True)] == [
        "likely (p = 60 %)",
        "likely (55–75 %, p = 60 %)",
    ]
    assert term_text(own, band=True, own_p=False) == "likely (55–75 %)"
    assert [term_text(Said(LIKELY, None)), term_text(Said(LIKELY, None), band=True)] == [
        "likely",
        "likely (55–75 %)",
    ]
    assert term_text(Said(None, 0.35), band=True) == "p = 35 %"


def test_a_custom_terms_control_characters_are_made_visible() -> None:
    odd = Term("likely\x1b[2J", 0.5, 0.7, 0.6, ())
    assert term_text(Said(odd, None)) == "likely\\x1b[2J"


def test_windows_counts_and_days() -> None:
    assert window_text(Window(dt.date(2026, 3, 8), dt.date(2026, 12, 8))) == (
        "2026-03-08 → 2026-12-08"
    )
    assert (count(1, "brief"), count(2, "brief"), count(3, "more brief")) == (
        "1 brief",
        "2 briefs",
        "3 more briefs",
    )
    assert (count(2, "entry", "entries"), days(1), days(11)) == ("2 entries", "1 day", "11 days")
