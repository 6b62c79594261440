"""Draft a brief file from a brief's text: title, byline, and the bullets of its Forecast section.

The draft is checked like any brief before it is written, and every doubt the reading
leaves is kept as a mark: a `# REVIEW:` comment in the file and a line of the summary.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from forecastcli import phrasing
from forecastcli.atomic import new_file_mode, replace_atomically
from forecastcli.config import Horizon, Settings
from forecastcli.dates import NotADate, add, read_date
from forecastcli.errors import DataError, UsageError, shown_path
from forecastcli.scales import Scale, Term, band_text, percent

STDIN = "-"


@dataclass(frozen=True)
class Heading:
    """A horizon heading of the Forecast section and the horizon it sets (None: none fits)."""

    text: str
    key: str | None
    note: str | None = None  # how the heading was read, when a human should check it


@dataclass(frozen=True)
class DraftForecast:
    id: str
    statement: str
    quote: str
    heading: Heading | None
    horizon: str | None
    term: Term | None
    p: float | None
    confidence: str | None
    marks: tuple[str, ...]
    line: int  # the line of its bullet in the text

    @property
    def active(self) -> bool:
        """Written as a forecast; otherwise written commented out, with its marks."""
        return self.horizon is not None and (self.term is not None or self.p is not None)

    @property
    def band(self) -> str | None:
        if self.term is not None:
            return self.term.band_text
        if self.p is not None:
            return band_text(self.p, self.p)
        return None


@dataclass(frozen=True)
class Draft:
    source: str
    title: str
    authors: tuple[str, ...]
    published: dt.date
    scale: Scale
    forecasts: tuple[DraftForecast, ...]
    marks: tuple[str, ...] = ()  # about the brief as a whole

    @property
    def brief_id(self) -> str:
        return f"{self.published.isoformat()}-{phrasing.slug(self.title) or 'brief'}"

    @property
    def file_name(self) -> str:
        return f"{self.brief_id}.yaml"

    def all_marks(self) -> list[tuple[str | None, str]]:
        """(forecast id or None for the brief, mark) in file order."""
        found: list[tuple[str | None, str]] = [(None, m) for m in self.marks]
        for f in self.forecasts:
            found.extend((f.id, m) for m in f.marks)
        return found


# -- reading the input -------------------------------------------------------------------

_LINE_BREAKS = str.maketrans({"\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
# Spaces that look like spaces, and characters that do not show at all.
_ODD_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u2009\u200a\u202f\u3000\x0b\x0c"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\ufffe\uffff"), None)
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)], " ")


def read_input(source: str, stdin: BinaryIO) -> tuple[str, str]:
    """The text of FILE (or of standard input for "-") and the name to show for it."""
    if source == STDIN:
        return decode(stdin.read(), "standard input"), "standard input"
    path = Path(source)
    if path.is_dir():
        raise UsageError(f"{source} is a folder; give the brief's text file, or - for stdin")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {source}: {exc.strerror or exc}") from None
    return decode(data, source), source


def decode(data: bytes, shown: str) -> str:
    """UTF-8 text (a byte-order mark tolerated; UTF-16 with its mark too), plain line ends."""
    codec = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(f"{shown}:{line}: not UTF-8 text; save the brief as UTF-8") from None
    return normalise(text)


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_BREAKS)
    return text.translate(_ODD_SPACES).translate(_INVISIBLE).translate(_CONTROLS)


# -- the parts of the text ---------------------------------------------------------------


def _unmark(line: str) -> str:
    """A line without Markdown heading signs, bold or a trailing colon."""
    text = re.sub(r"^\s*#{1,6}\s*", "", line).strip()
    text = re.sub(r"^(\*\*|__)(.*)\1$", r"\2", text).strip()
    return text.rstrip(":").strip()


_FORECAST_HEADING = re.compile(r"^(?:(?:our|key|main|the)\s+)?forecasts?(?:\s+section)?$", re.I)
_BULLET = re.compile(
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


def _is_forecast_heading(line: str) -> bool:
    return bool(_FORECAST_HEADING.match(_unmark(line)))


def _is_stop(line: str, settings: Settings) -> bool:
    """Boilerplate that ends the Forecast section: navigation, a scale's name, image credits."""
    text = _unmark(line)
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
class _Front:
    title: str | None
    authors: tuple[str, ...]
    published: dt.date | None
    refused: NotADate | None = None  # a date in the header that the reader refused


def _front(lines: list[str], order: str) -> _Front:
    filled = [line.strip() for line in lines if line.strip()]
    if not filled:
        return _Front(None, (), None)
    first = _unmark(filled[0])
    # A first line is a byline only if it dates the brief: "By Land and Sea" is a title.
    by = _BYLINE.match(first)
    title = None if (by and _byline(by["rest"], order)[1]) or _is_forecast_heading(first) else first
    header = filled[1 if title else 0 : _HEADER_LINES + 1]
    authors: tuple[str, ...] = ()
    found: Dated = None
    for line in header:
        by = _BYLINE.match(line)
        if by and not _BULLET.match(line):
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
        return _Front(title or None, authors, found)
    return _Front(title or None, authors, None, found)


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
    shown = " ".join(_unmark(text).split())
    if not shown or len(shown.split()) > 10 or shown.endswith((".", "?", "!")):
        return None
    if scale.find(shown):
        return None
    flat = phrasing.plain_dashes(shown).lower()
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
    if words is not None and phrasing.HORIZON_WORDS[words.group(1)] in horizons:
        key = phrasing.HORIZON_WORDS[words.group(1)]
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
class _Bullet:
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


def _section(
    lines: list[str], start: int, settings: Settings, scale: Scale
) -> tuple[list[_Bullet], list[Heading]]:
    """The bullets (with the heading each stands under) from `start` to the section's end.

    The section ends at boilerplate (Previous, Next, a scale's name) or at plain text that
    follows a blank line without being indented under a bullet: the next section.
    """
    bullets: list[_Bullet] = []
    headings: list[Heading] = []
    heading: Heading | None = None
    current: _Bullet | None = None
    blank = False
    since_heading = 0
    for number, raw in enumerate(lines[start:], start + 1):
        line = raw.expandtabs(4)
        stripped = line.strip()
        if not stripped:
            blank = True
            continue
        indent = len(line) - len(line.lstrip())
        bullet = _BULLET.match(line)
        body = bullet["text"].strip() if bullet else stripped
        found = _heading_in(body, settings, scale)
        if found is not None:
            heading, rest = found
            headings.append(heading)
            current, since_heading = None, 0
            if rest:
                current = _Bullet(heading, indent, number, [rest])
                bullets.append(current)
                since_heading = 1
        elif bullet is not None:
            current = _Bullet(heading, indent, number, [body])
            bullets.append(current)
            since_heading += 1
        elif _is_stop(stripped, settings):
            if bullets or headings:
                break
        elif current is not None and (not blank or indent > current.indent):
            current.lines.append(stripped)
        elif since_heading:
            break
        blank = False
    return bullets, headings


# -- from a bullet to forecasts ----------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    settings: Settings
    scale: Scale
    published: dt.date

    def window(self, key: str) -> str:
        h = self.settings.horizons[key]
        return f"{key}: {add(self.published, h.opens)} to {add(self.published, h.closes)}"


def _quoted_words(items: list[str]) -> str:
    return ", ".join(f'"{i}"' for i in items)


def _hedge_marks(text: str, ctx: _Context) -> list[str]:
    return [
        f'"{h.word}" is a hedge outside scale {ctx.scale.name}: "{h.qualifies}" is '
        + ("left out of the statement" if h.cut else "not a forecast as written")
        + "; give it a term of its own if it is one"
        for h in phrasing.hedges(text, ctx.scale.find(text))
    ]


def _horizon_for(heading: Heading | None, text: str, ctx: _Context) -> tuple[str | None, list[str]]:
    if heading is not None and heading.key is not None:
        return heading.key, []
    if heading is not None:
        return None, [
            f'stands under the heading "{heading.text}", which names no configured horizon: '
            f"give it a horizon ({', '.join(ctx.settings.horizons)}) or a closes date"
        ]
    named = [(p, k) for p, k in phrasing.horizon_words(text) if k in ctx.settings.horizons]
    if named:
        phrase, key = named[0]
        return key, [f'stands under no horizon heading: horizon {key} taken from "{phrase}"']
    return None, [
        "stands under no horizon heading: give it a horizon "
        f"({', '.join(ctx.settings.horizons)}) or a closes date"
    ]


def _one(
    clause: str, horizon: str | None, ctx: _Context
) -> tuple[Term | None, float | None, list[str]]:
    """The term, p and marks of one clause that states a probability."""
    terms = ctx.scale.find(clause)
    term = terms[0].term if terms else None
    marks: list[str] = []
    if terms and phrasing.negated(clause, terms[0]):
        before = clause[max(0, terms[0].start - 24) : terms[0].end].split()
        marks.append(f'the term is negated ("{" ".join(before[-3:])}"): check the term')
    marks.extend(_hedge_marks(clause, ctx))
    p = None
    found = phrasing.numbers(clause)
    if found:
        first = found[0]
        if len(found) > 1:
            marks.append(
                f"several numbers ({_quoted_words([n.text for n in found])}): "
                f"p taken from the first"
            )
        if term is None or term.contains(first.p):
            p = first.p
            if first.is_range:
                marks.append(f'a range ("{first.text}"): p set to its midpoint, {percent(p)} %')
        else:
            marks.append(
                f'the number "{first.text}" lies outside the band of {term.name} '
                f"({term.band_text}): p not set; decide which the brief means"
            )
    for phrase in phrasing.date_phrases(clause):
        where = f" ({ctx.window(horizon)})" if horizon else ""
        marks.append(
            f'names a time ("{phrase}"): the window still comes from the heading{where}; '
            "set opens/closes if the time should decide"
        )
    for phrase, key in phrasing.horizon_words(clause):
        if horizon is not None and key != horizon:
            marks.append(
                f'says "{phrase}" but stands under a {horizon} heading, which sets the horizon'
            )
    for condition in phrasing.conditions(clause):
        marks.append(
            f'condition "{condition}": the statement keeps it; move it to criteria if it '
            "reads better there"
        )
    return term, p, marks


def _read_bullet(bullet: _Bullet, ctx: _Context) -> list[DraftForecast]:
    text = bullet.text
    horizon, horizon_marks = _horizon_for(bullet.heading, text, ctx)

    def draft(
        statement: str,
        quote: str,
        term: Term | None,
        p: float | None,
        confidence: str | None,
        marks: list[str],
    ) -> DraftForecast:
        return DraftForecast(
            "", statement, quote, bullet.heading, horizon, term, p, confidence,
            tuple(dict.fromkeys(marks)), bullet.line,
        )  # fmt: skip

    scale = ctx.scale
    stated = [s for s in phrasing.sentences(text) if scale.find(s) or phrasing.numbers(s)]
    if not stated:
        marks = [*horizon_marks, *_hedge_marks(text, ctx)]
        marks.extend(
            f'"{q}" reads as a quantity, not a probability' for q in phrasing.quantities(text)
        )
        marks.append(
            f"no term of scale {scale.name} and no probability: not a forecast as written; "
            "add a term (or p) and uncomment it"
        )
        return [draft(phrasing.statement(text, scale), text, None, None, None, marks)]
    found: list[DraftForecast] = []
    for sentence in stated:
        terms = scale.find(sentence)
        anchors = [(m.start, m.end) for m in terms] or [
            (n.start, n.end) for n in phrasing.numbers(sentence)
        ]
        parts = phrasing.clauses(sentence, anchors) if len(anchors) > 1 else [sentence]
        split_marks: list[str] = []
        if parts is None:
            parts = [sentence]
            if len(terms) > 1:
                split_marks.append(
                    f"two terms in one sentence ({_quoted_words([m.text for m in terms])}) that "
                    f'do not split cleanly: kept whole with "{terms[0].text}"; split it by hand'
                )
        levels = list(dict.fromkeys(phrasing.confidences(sentence)))
        if len(levels) > 1:
            split_marks.append(f"several confidence levels ({', '.join(levels)}): kept the first")
        for part in parts:
            term, p, marks = _one(part, horizon, ctx)
            found.append(
                draft(
                    phrasing.statement(part, scale),
                    sentence,
                    term,
                    p,
                    levels[0] if levels else None,
                    [*horizon_marks, *split_marks, *marks],
                )
            )
    # A hedge in a sentence left out may be a forecast the scale cannot express.
    for sentence in phrasing.sentences(text):
        if sentence not in stated:
            extra = _hedge_marks(sentence, ctx)
            if extra:
                first = found[0]
                found[0] = replace(first, marks=tuple(dict.fromkeys([*first.marks, *extra])))
    return found


def _with_ids(forecasts: list[DraftForecast]) -> list[DraftForecast]:
    """Ids from a few words of each statement, unique in the brief (-2, -3 when repeated)."""
    taken: set[str] = set()
    out = []
    for f in forecasts:
        base = phrasing.short_slug(f.statement) or "forecast"
        fid, n = base, 1
        while fid in taken:
            n += 1
            fid = f"{base}-{n}"
        taken.add(fid)
        out.append(replace(f, id=fid))
    return out


# -- the draft ---------------------------------------------------------------------------


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
    starts = [i for i, line in enumerate(lines) if _is_forecast_heading(line)]
    front = _front(lines[: starts[0]] if starts else lines, settings.date_order)
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
    bullets: list[_Bullet] = []
    headings: list[Heading] = []
    if not starts:
        missing.append('no Forecast section (a line reading "Forecast" above the forecasts)')
    else:
        for start in starts:
            bullets, headings = _section(lines, start + 1, settings, chosen)
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
    ctx = _Context(settings, chosen, day)
    forecasts = _with_ids([f for b in bullets for f in _read_bullet(b, ctx)])
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


# -- the brief file ----------------------------------------------------------------------

_PLAIN = re.compile(r"[a-z0-9](?:[a-z0-9 -]*[a-z0-9])?")
_WIDTH = 96


def _printable(ch: str) -> bool:
    # The characters YAML lets stand unescaped inside a double-quoted scalar on one line.
    return (
        " " <= ch <= "~"
        or "\xa0" <= ch <= "\ud7ff"
        or ("\ue000" <= ch <= "\ufffd" and ch != "\ufeff")
        or ch >= "\U00010000"
    ) and ch not in "\u2028\u2029"


def quoted(text: str) -> str:
    """A YAML double-quoted scalar that loads back as exactly `text`."""
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif _printable(ch):
            out.append(ch)
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    out.append('"')
    return "".join(out)


def _value(text: str) -> str:
    """Plain where YAML reads it back as the same text ("almost certain"), else quoted."""
    import yaml

    if _PLAIN.fullmatch(text) and yaml.safe_load(text) == text:
        return text
    return quoted(text)


def _comment(text: str, indent: str) -> list[str]:
    lines = textwrap.wrap(
        text,
        width=_WIDTH - len(indent) - 4,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [f"{indent}# {lines[0]}", *(f"{indent}#   {line}" for line in lines[1:])]


def brief_yaml(draft: Draft) -> str:
    """The draft as a brief file: marks as `# REVIEW:` comments above what they are about."""
    out = [
        f"# Drafted by `forecast import` from {Path(draft.source).name or draft.source}.",
        '# Settle each "REVIEW" comment, then delete it; commented-out forecasts need a term.',
    ]
    for mark in draft.marks:
        out.extend(_comment(f"REVIEW: {mark}", ""))
    out.append(f"title: {quoted(draft.title)}")
    if len(draft.authors) == 1:
        out.append(f"author: {quoted(draft.authors[0])}")
    elif draft.authors:
        out.append("author:")
        out.extend(f"  - {quoted(a)}" for a in draft.authors)
    out.append(f"published: {draft.published.isoformat()}")
    out.append(f"scale: {_value(draft.scale.name)}")
    out.append("forecasts:")
    heading = None
    for f in draft.forecasts:
        if f.heading is not None and f.heading != heading:
            out.append(f"  # {f.heading.text}")
        heading = f.heading
        for mark in f.marks:
            out.extend(_comment(f"REVIEW: {mark}", "  "))
        body = [f"- id: {_value(f.id)}"]
        if f.horizon is not None:
            body.append(f"  horizon: {_value(f.horizon)}")
        if f.term is not None:
            body.append(f"  term: {_value(f.term.name)}")
        if f.p is not None:
            body.append(f"  p: {f.p:g}")
        if f.confidence is not None:
            body.append(f"  confidence: {f.confidence}")
        body.append(f"  statement: {quoted(f.statement)}")
        body.append(f"  quote: {quoted(f.quote)}")
        prefix = "  " if f.active else "  # "
        out.extend(prefix + line for line in body)
    return "\n".join(out) + "\n"


def checked_yaml(draft: Draft, settings: Settings) -> str:
    """The brief file's text, loaded back and checked as `forecast check` would check it."""
    from forecastcli.validation import check_text

    text = brief_yaml(draft)
    brief, problems = check_text(draft.file_name, draft.brief_id, text, settings)
    errors = [p for p in problems if not p.warning]
    wanted = [(f.id, f.statement, f.term, f.p) for f in draft.forecasts if f.active]
    got = [(f.id, f.statement, f.term, f.p) for f in brief.forecasts] if brief else []
    if brief is None or errors or wanted != got:
        why = str(errors[0]) if errors else "the file does not load back as drafted"
        raise DataError(
            f"the drafted brief fails its own check ({why}); this is a bug in "
            "`forecast import`, please report it with the brief's text. Nothing was written."
        )
    return text


def write_brief(path: Path, text: str, force: bool) -> bool:
    """Write the file atomically; never replace one without `force`. True if one was replaced."""
    shown = shown_path(path)
    existed = path.exists()
    if existed and not force:
        raise DataError(f"{shown} exists; give --force to replace it. Nothing was written.")
    try:
        replace_atomically(path, text.encode("utf-8"), new_file_mode(), no_clobber=not force)
    except FileExistsError:
        raise DataError(f"{shown} exists; give --force to replace it.") from None
    except OSError as exc:
        raise DataError(f"cannot write {shown}: {exc.strerror or exc}") from None
    return existed


def resolutions_in(path: Path) -> int:
    """How many resolution entries an existing brief file holds (0 when unreadable)."""
    from forecastcli.yamlfile import YAMLProblem, parse

    try:
        data = parse(str(path), path.read_text(encoding="utf-8")).data
    except (OSError, UnicodeDecodeError, YAMLProblem):
        return 0
    entries = data.get("resolutions") if isinstance(data, dict) else None
    return len(entries) if isinstance(entries, list) else 0


def draft_record(draft: Draft, path: str, written: bool) -> dict[str, Any]:
    """The draft for --json."""
    return {
        "brief": draft.brief_id,
        "path": path,
        "written": written,
        "title": draft.title,
        "authors": list(draft.authors),
        "published": draft.published.isoformat(),
        "scale": draft.scale.name,
        "marks": list(draft.marks),
        "forecasts": [
            {
                "id": f.id,
                "line": f.line,
                "horizon": f.horizon,
                "heading": f.heading.text if f.heading else None,
                "term": f.term.name if f.term else None,
                "band": f.band,
                "p": f.p,
                "confidence": f.confidence,
                "statement": f.statement,
                "quote": f.quote,
                "commented_out": not f.active,
                "marks": list(f.marks),
            }
            for f in draft.forecasts
        ],
    }
