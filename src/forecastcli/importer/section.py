"""The Forecast section: its horizon headings and its bullets, each under its heading."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from forecastcli.config import Horizon, Settings
from forecastcli.importer import cues
from forecastcli.importer.draft import Heading
from forecastcli.importer.text import BULLET, is_stop, unmark
from forecastcli.scales import Scale

# -- horizon headings --------------------------------------------------------------------

_AMOUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "nine": 9}
_AMOUNTS.update({"twelve": 12, "eighteen": 18, "twenty-four": 24})
_AMOUNT = r"(\d+(?:\.\d+)?|" + "|".join(_AMOUNTS) + r")"
_UNIT = r"(months?|mos?|years?|yrs?|weeks?)\b"
_OVER = r"(?:>|over|beyond|more\s+than|after|longer\s+than|\+)"
_UP_TO = r"(?:next|within|up\s+to|<|under|less\s+than|first)"
_RANGES = [
    ("span", re.compile(rf"(now|{_AMOUNT})\s*(?:{_UNIT})?\s*(?:-|to|until)\s*{_AMOUNT}\s*{_UNIT}")),
    ("over", re.compile(rf"{_OVER}\s*{_AMOUNT}\s*{_UNIT}")),
    ("plus", re.compile(rf"{_AMOUNT}\s*{_UNIT}\s*(?:\+|and\s+beyond|or\s+more|plus|onwards?)")),
    ("upto", re.compile(rf"{_UP_TO}\s*{_AMOUNT}\s*{_UNIT}")),
]
_TERM_WORDS = re.compile(r"\b(short|near|medium|mid|long)\s*-?\s*term\b")
_FILLER = frozenset(
    "horizon outlook forecast forecasts view term the over in within next period "  # noqa: SIM905 (a word list reads best as words)
    "timeframe time frame from now".split()
)


def _months_of(amount: str, unit: str) -> float:
    value = float(_AMOUNTS[amount]) if amount in _AMOUNTS else float(amount)
    if unit.startswith("y"):
        return value * 12
    if unit.startswith("w"):
        return value * 12 / 52
    return value


def _range(text: str) -> tuple[float, float | None, tuple[int, int]] | None:
    """The span of months a heading names: (from, to or None for open-ended, where)."""
    for kind, pattern in _RANGES:
        m = pattern.search(text)
        if not m:
            continue
        g = m.groups()
        if kind == "span":
            unit_two = g[4]
            low = 0.0 if g[0] == "now" else _months_of(g[1], g[2] or unit_two)
            return low, _months_of(g[3], unit_two), m.span()
        if kind in ("over", "plus"):
            return _months_of(g[0], g[1]), None, m.span()
        return 0.0, _months_of(g[0], g[1]), m.span()
    return None


def _horizon_months(h: Horizon) -> tuple[float, float]:
    def months(d: Any) -> float:
        return float(d.years * 12 + d.months + d.days / 30.44)

    return months(h.opens), months(h.closes)


def _months_text(low: float, high: float | None) -> str:
    if high is None:
        return f"over {low:g} months"
    return f"{low:g}–{high:g} months"


def horizon_heading(text: str, settings: Settings, scale: Scale) -> Heading | None:
    """The horizon a heading such as "Short-term (Now - 3 months)" sets, or None if the line
    is not a horizon heading. The words short/medium/long decide; a span of months alone is
    matched to the nearest configured horizon."""
    shown = " ".join(unmark(text).split())
    if not shown or len(shown.split()) > 10 or shown.endswith((".", "?", "!")):
        return None
    if scale.find(shown):
        return None
    flat = cues.plain_dashes(shown).lower()
    words = _TERM_WORDS.search(flat)
    span = _range(flat)
    if words is None and span is None:
        return None
    leftover = flat
    for a, b in [s for s in (words.span() if words else None, span[2] if span else None) if s]:
        leftover = leftover[:a] + " " * (b - a) + leftover[b:]
    if any(w not in _FILLER for w in re.findall(r"[a-z]+", leftover)):
        return None
    horizons = settings.horizons
    key = None
    if words is not None and cues.HORIZON_WORDS[words.group(1)] in horizons:
        key = cues.HORIZON_WORDS[words.group(1)]
    if key is None and span is not None:
        low, high = span[0], span[1]

        def distance(k: str) -> float:
            opens, closes = _horizon_months(horizons[k])
            return abs(opens - low) + (abs(closes - high) if high is not None else 0)

        key = min(horizons, key=distance) if horizons else None
    if key is None:
        keys = ", ".join(horizons)
        return Heading(shown, None, f'heading "{shown}" names no configured horizon ({keys})')
    note = None
    if span is not None:
        opens, closes = _horizon_months(horizons[key])
        low, high = span[0], span[1]
        exact = abs(opens - low) < 0.5 and (high is None or abs(closes - high) < 0.5)
        if not exact:
            theirs = _months_text(low, high)
            ours = _months_text(opens, closes)
            how = "the window follows" if words is not None else "read as"
            note = f'heading "{shown}" spans {theirs}; {how} horizon {key} ({ours})'
    return Heading(shown, key, note)


# -- the Forecast section ----------------------------------------------------------------


@dataclass
class Bullet:
    """One bullet of the Forecast section: its lines, and the heading it stands under."""

    heading: Heading | None
    indent: int
    line: int
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.lines).split())


def _heading_in(body: str, settings: Settings, scale: Scale) -> tuple[Heading, str] | None:
    """A horizon heading, alone or opening the bullet ("Short term (0-3 months): X will")."""
    heading = horizon_heading(body, settings, scale)
    if heading is not None:
        return heading, ""
    before, colon, after = body.partition(":")
    if colon and after.strip():
        heading = horizon_heading(before, settings, scale)
        if heading is not None:
            return heading, after.strip()
    return None


def read_section(
    lines: list[str], start: int, settings: Settings, scale: Scale
) -> tuple[list[Bullet], list[Heading]]:
    """The bullets (with the heading each stands under) from `start` to the section's end.

    The section ends at boilerplate (Previous, Next, a scale's name) or at plain text that
    follows a blank line without being indented under a bullet: the next section.
    """
    bullets: list[Bullet] = []
    headings: list[Heading] = []
    heading: Heading | None = None
    current: Bullet | None = None
    blank = False
    since_heading = 0
    for number, raw in enumerate(lines[start:], start + 1):
        line = raw.expandtabs(4)
        stripped = line.strip()
        if not stripped:
            blank = True
            continue
        indent = len(line) - len(line.lstrip())
        bullet = BULLET.match(line)
        body = bullet["text"].strip() if bullet else stripped
        found = _heading_in(body, settings, scale)
        if found is not None:
            heading, rest = found
            headings.append(heading)
            current, since_heading = None, 0
            if rest:
                current = Bullet(heading, indent, number, [rest])
                bullets.append(current)
                since_heading = 1
        elif bullet is not None:
            current = Bullet(heading, indent, number, [body])
            bullets.append(current)
            since_heading += 1
        elif is_stop(stripped, settings):
            if bullets or headings:
                break
        elif current is not None and (not blank or indent > current.indent):
            current.lines.append(stripped)
        elif since_heading:
            break
        blank = False
    return bullets, headings
