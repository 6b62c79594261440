"""The text around the forecasts: its lines as read, the kinds of line, and the front of the
brief (title, byline, date)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from forecastcli.config import Settings
from forecastcli.dates import NotADate, read_date

# -- the text as read ---------------------------------------------------------------------

_LINE_BREAKS = str.maketrans({"\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
# Spaces that look like spaces, and characters that do not show at all.
_ODD_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u2009\u200a\u202f\u3000\x0b\x0c"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\ufffe\uffff"), None)
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)], " ")


def normalise(text: str) -> str:
    """Plain line ends and plain spaces; characters that do not show are dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_BREAKS)
    return text.translate(_ODD_SPACES).translate(_INVISIBLE).translate(_CONTROLS)


# -- the parts of the text ---------------------------------------------------------------


def unmark(line: str) -> str:
    """A line without Markdown heading signs, bold or a trailing colon."""
    text = re.sub(r"^\s*#{1,6}\s*", "", line).strip()
    text = re.sub(r"^(\*\*|__)(.*)\1$", r"\2", text).strip()
    return text.rstrip(":").strip()


_FORECAST_HEADING = re.compile(r"^(?:(?:our|key|main|the)\s+)?forecasts?(?:\s+section)?$", re.I)
BULLET = re.compile(
    r"^(?P<indent>\s*)(?:[•●○◦▪▫■□‣⁃∙·*+\-–—\uf0b7\uf0a7]|o(?=\s)|\(?\d{1,3}[.)])\s+(?P<text>\S.*)$"
)
_STOP_WORDS = (
    r"previous|next|share|share\s+this|sources?|references?|notes|endnotes|footnotes|"
    r"bibliography|about\s+the\s+authors?|related|tags|disclaimer|comments|subscribe|"
    r"read\s+more|further\s+reading|appendix"
)
_STOP_LINE = re.compile(
    rf"^(?:[←→<>«»]\s*)?(?:{_STOP_WORDS})(?:\s+(?:post|article|brief|page))?\s*(?:[:→>»].*)?$",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"\bprobability\s+(?:scale|yardstick)\b|\bunsplash\b|\bgetty\s+images\b|\bshutterstock\b|"
    r"\bphoto(?:graph)?\s*(?:credit|:)",
    re.IGNORECASE,
)


def is_forecast_heading(line: str) -> bool:
    """A line that opens the Forecast section ("Forecast", "## Key forecasts:")."""
    return bool(_FORECAST_HEADING.match(unmark(line)))


def is_stop(line: str, settings: Settings) -> bool:
    """Boilerplate that ends the Forecast section: navigation, a scale's name, image credits."""
    text = unmark(line)
    titles = {s.title.lower() for s in settings.scales.values()}
    return bool(_STOP_LINE.match(text) or _BOILERPLATE.search(text)) or text.lower() in titles


_BYLINE = re.compile(r"^(?:written\s+)?by[:\s]\s*(?P<rest>\S.*)$", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"^(?:(?:first\s+)?published|posted|date|updated)?\s*(?:on)?\s*:?\s*(?P<date>.+)$",
    re.IGNORECASE,
)
_DATE_FORMS = (
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+\d{4}"
    r"|[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}(?P<sep>[-./])\d{1,2}(?P=sep)\d{2}(?:\d{2})?)"
)
_DATE_SHAPE = re.compile(_DATE_FORMS, re.IGNORECASE)
_DATE_AT_END = re.compile(rf"(?P<date>{_DATE_FORMS})\s*$", re.IGNORECASE)

# What looks like a date in a byline: the day, or why the date reader refused it.
Dated = dt.date | NotADate | None


def _date(text: str, order: str) -> Dated:
    """A date written as briefs write them, read by the one date reader (with forecast.yaml's
    `date_order`); why it was refused, for text shaped like a date; None for other text."""
    text = text.strip(" ,;")
    if not _DATE_SHAPE.fullmatch(text):
        return None
    try:
        return read_date(text, order)
    except NotADate as exc:
        return exc


_BYLINE_PARTS = re.compile(r"\s*[|•·]\s*|\s+[-–—]\s+")
_AUTHOR_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", re.IGNORECASE)
_HEADER_LINES = 8  # the byline stands within this many lines under the title


@dataclass(frozen=True)
class Front:
    """What stands above the Forecast section: title, authors, the date if one was read."""

    title: str | None
    authors: tuple[str, ...]
    published: dt.date | None
    refused: NotADate | None = None  # a date in the header that the reader refused


def read_front(lines: list[str], order: str) -> Front:
    """The title (the first line), and the authors and date of a byline under it."""
    filled = [line.strip() for line in lines if line.strip()]
    if not filled:
        return Front(None, (), None)
    first = unmark(filled[0])
    # A first line is a byline only if it dates the brief: "By Land and Sea" is a title.
    by = _BYLINE.match(first)
    title = None if (by and _byline(by["rest"], order)[1]) or is_forecast_heading(first) else first
    header = filled[1 if title else 0 : _HEADER_LINES + 1]
    authors: tuple[str, ...] = ()
    found: Dated = None
    for line in header:
        by = _BYLINE.match(line)
        if by and not BULLET.match(line):
            authors, found = _byline(by["rest"], order)
            break
    if not isinstance(found, dt.date):
        for line in header:
            m = _DATE_LINE.match(line)
            day = _date(m["date"], order) if m else None
            if isinstance(day, dt.date):
                found = day
                break
            found = found or day
    if isinstance(found, dt.date):
        return Front(title or None, authors, found)
    return Front(title or None, authors, None, found)


def _byline(rest: str, order: str) -> tuple[tuple[str, ...], Dated]:
    """'Erlan Benedis-Grab | 8 December 2025' -> the authors and the date."""
    parts = _BYLINE_PARTS.split(rest.strip())
    names = parts[0]
    found: Dated = None
    for part in parts[1:]:
        found = _date(part, order)
        if found is not None:
            break
    if found is None:
        m = _DATE_AT_END.search(rest)
        if m and (found := _date(m["date"], order)) is not None:
            names = rest[: m.start()].rstrip(" ,;|-–—")
    authors = tuple(a.strip(" .,;") for a in _AUTHOR_SPLIT.split(names) if a.strip(" .,;"))
    return authors, found
