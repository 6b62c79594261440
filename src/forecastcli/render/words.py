"""How forecastcli writes its terms: percents, bands, a forecast's term, windows, counts, days.

One definition of each, shared by the terminal output, the walk, the weekly report, the
importer's summary and the checker's messages, so that a band or a window reads the same
wherever it appears. Plain strings, no Rich: each output escapes and marks them up its
own way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from forecastcli.safetext import visible

if TYPE_CHECKING:
    from forecastcli.scales import Term
    from forecastcli.windows import Window


class Likelihood(Protocol):
    """What a forecast, loaded or drafted, says of its likelihood: a term, a p, or both."""

    @property
    def term(self) -> Term | None: ...

    @property
    def p(self) -> float | None: ...


# -- percents -----------------------------------------------------------------------------


def percent(p: float) -> str:
    """A probability as a percent, its shortest form: 0.55 -> '55', 0.975 -> '97.5'."""
    value = round(p * 100, 6)
    return f"{value:g}"


def tenths(p: float | None) -> str:
    """A rate as a percent to one decimal, '55.0' ("" for none): calibration's columns."""
    return "" if p is None else f"{p * 100:.1f}"


def whole_percent(p: float) -> str:
    """A probability as a whole percent, '95'."""
    return f"{p * 100:.0f}"


def points(difference: float) -> str:
    """A difference of probabilities in percentage points, signed: '+0.6', '-2.1', '0.0'."""
    text = f"{difference * 100:+.1f}"
    return "0.0" if text in ("+0.0", "-0.0") else text


# -- bands and terms ----------------------------------------------------------------------


def band_text(low: float, high: float) -> str:
    """A band, '55–75 %'; a single probability, '60 %'."""
    if low == high:
        return f"{percent(low)} %"
    return f"{percent(low)}–{percent(high)} %"


def band_of(forecast: Likelihood) -> str:
    """The band as printed: the term's band, or the forecast's own probability."""
    if forecast.term is not None:
        return band_text(forecast.term.low, forecast.term.high)
    assert forecast.p is not None  # a forecast gives a term or a p
    return band_text(forecast.p, forecast.p)


def term_text(forecast: Likelihood, band: bool = False, own_p: bool = True) -> str:
    """A forecast's likelihood in words: its term (`likely`), with its band when `band`
    (`likely (55–75 %)`) and its own p where it gives one and `own_p` (`likely (55–75 %,
    p = 60 %)`); without a term, its p (`p = 35 %`). A custom scale's term comes from
    forecast.yaml: its control characters are made visible."""
    if forecast.term is None:
        assert forecast.p is not None  # a forecast gives a term or a p
        return f"p = {percent(forecast.p)} %"
    details = [band_of(forecast)] if band else []
    if own_p and forecast.p is not None:
        details.append(f"p = {percent(forecast.p)} %")
    name = visible(forecast.term.name)
    return f"{name} ({', '.join(details)})" if details else name


# -- windows, counts and days -------------------------------------------------------------


def window_text(window: Window) -> str:
    """`2026-03-08 → 2026-12-08`."""
    return f"{window.opens} → {window.closes}"


def count(n: int, word: str, plural: str | None = None) -> str:
    """`1 brief`, `2 briefs`: a number with its noun in the right number."""
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"


def days(n: int) -> str:
    """`1 day`, `11 days`."""
    return count(n, "day")
