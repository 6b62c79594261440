"""How forecastcli writes its terms: bands, probabilities, windows, counts and days."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecastcli.scales import band_text

if TYPE_CHECKING:
    from forecastcli.model import Forecast


def band_of(forecast: Forecast) -> str:
    """The band as printed: the term's band, or the forecast's own probability."""
    if forecast.term is not None:
        return band_text(forecast.term.low, forecast.term.high)
    return band_text(forecast.probability, forecast.probability)
