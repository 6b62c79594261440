"""A brief's text read into a draft, or refused with what is missing."""

from __future__ import annotations

import datetime as dt

from forecastcli.config import Settings
from forecastcli.errors import DataError, UsageError
from forecastcli.importer.bullets import Context, forecasts_of, with_ids
from forecastcli.importer.draft import Draft, Heading
from forecastcli.importer.section import Bullet, read_section
from forecastcli.importer.text import is_forecast_heading, normalise, read_front


def read_draft(
    text: str,
    settings: Settings,
    *,
    source: str,
    published: dt.date | None = None,
    scale: str | None = None,
) -> Draft:
    """Read a brief's text into a draft, or refuse with a DataError naming what is missing."""
    scale_name = scale or settings.scale
    chosen = settings.scales.get(scale_name)
    if chosen is None:
        known = ", ".join(sorted(settings.scales))
        raise UsageError(f"--scale: unknown scale {scale_name!r}; known: {known}")
    lines = normalise(text).split("\n")
    starts = [i for i, line in enumerate(lines) if is_forecast_heading(line)]
    front = read_front(lines[: starts[0]] if starts else lines, settings.date_order)
    day = published or front.published
    missing = []
    if front.title is None:
        missing.append("no title (the first line of the text)")
    if day is None and front.refused is not None:
        missing.append(f"no date it can read ({front.refused}): give --published DATE")
    elif day is None:
        missing.append(
            'no date (a byline such as "By NAME | 8 December 2025"; or give --published DATE)'
        )
    bullets: list[Bullet] = []
    headings: list[Heading] = []
    if not starts:
        missing.append('no Forecast section (a line reading "Forecast" above the forecasts)')
    else:
        for start in starts:
            bullets, headings = read_section(lines, start + 1, settings, chosen)
            if bullets:
                break
        if not bullets:
            missing.append(
                "no bullets in the Forecast section (lines starting with •, -, * or a number)"
            )
    if missing:
        raise DataError(f"cannot import {source}: {'; '.join(missing)}. Nothing was written.")
    assert front.title is not None and day is not None
    marks = []
    if not front.authors:
        marks.append('no author found (a byline such as "By NAME | 8 December 2025")')
    if published is not None and front.published is not None and published != front.published:
        marks.append(
            f"published is {published} from --published; the byline says {front.published}"
        )
    if published is not None and front.refused is not None:
        marks.append(
            f"published is {published} from --published; the byline's date is not read "
            f"({front.refused})"
        )
    marks.extend(dict.fromkeys(h.note for h in headings if h.note))
    ctx = Context(settings, chosen, day)
    forecasts = with_ids([f for b in bullets for f in forecasts_of(b, ctx)])
    if not any(f.active for f in forecasts):
        reasons = []
        if any(f.horizon is None for f in forecasts):
            reasons.append(
                "bullets that stand under no horizon heading (add a line such as "
                '"Short-term (Now - 3 months)" above them)'
            )
        if any(f.term is None and f.p is None for f in forecasts):
            reasons.append(f"bullets with no term of scale {chosen.name} and no probability")
        raise DataError(
            f"cannot import {source}: no bullet of the Forecast section gives a forecast: "
            f"{'; '.join(reasons)}. Nothing was written."
        )
    return Draft(source, front.title, front.authors, day, chosen, tuple(forecasts), tuple(marks))
