"""The reliability diagrams of the HTML report: inline SVG, every piece of text escaped.

One diagram per scale, so that one scale's bands are drawn at a time (PHIA's and ICD
203's overlap), and one for the bare probabilities. x is the probability forecast, y the
rate observed. Each term's band is a shaded square on the diagonal: a term whose dot falls
inside its square is in band. The dot is the observed rate at the term's point, the
vertical line its Wilson 95 % interval.

Dots carry numbers, not names: a number is placed beside its dot where it overlaps no
other number, dot or interval, and left out where no place is free; the key under the
diagram (HTML, so it wraps on a phone) names every number. The drawing keeps a margin
round the plot, so a dot at 0 or 100 % is drawn whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from forecastcli.render.words import tenths
from forecastcli.scoring import CONSISTENT, IN_BAND, LESS_OFTEN, MORE_OFTEN, Calibration, Row

LEFT, TOP, SIZE = 50, 14, 360  # the plot: a square, so the diagonal is at 45 degrees
RIGHT, BOTTOM = 14, 44
WIDTH, HEIGHT = LEFT + SIZE + RIGHT, TOP + SIZE + BOTTOM
FONT = 13
DIGIT = 7.4  # the width of a digit of the number font, bold, to keep numbers apart
DOT = 5.5

BAND = "#4c78a8"
VERDICT_COLOURS = {
    IN_BAND: "#2e7d32",
    CONSISTENT: "#9a6700",
    MORE_OFTEN: "#c62828",
    LESS_OFTEN: "#c62828",
}
# Each verdict's CSS class, for the key here and the report's tables.
VERDICT_CLASSES = {
    IN_BAND: "in-band",
    CONSISTENT: "consistent",
    MORE_OFTEN: "off-band",
    LESS_OFTEN: "off-band",
}

Box = tuple[float, float, float, float]  # left, top, right, bottom


def _x(p: float) -> float:
    return LEFT + p * SIZE


def _y(rate: float) -> float:
    return TOP + (1 - rate) * SIZE


def _n(value: float) -> str:
    """A coordinate: two decimals at most, no trailing zeros, never "-0"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _text(x: float, y: float, text: str, **attributes: str) -> str:
    extra = "".join(f' {key.replace("_", "-")}="{value}"' for key, value in attributes.items())
    return f'<text x="{_n(x)}" y="{_n(y)}"{extra}>{escape(text)}</text>'


def _axes() -> list[str]:
    parts = [
        f'<rect x="{LEFT}" y="{TOP}" width="{SIZE}" height="{SIZE}" fill="#fff" stroke="#8c959f"/>'
    ]
    for tenth in range(11):
        p = tenth / 10
        grid = "#d8dee4" if tenth % 5 else "#afb8c1"
        if 0 < tenth < 10:
            parts.append(
                f'<line x1="{_n(_x(p))}" y1="{TOP}" x2="{_n(_x(p))}" y2="{TOP + SIZE}" '
                f'stroke="{grid}" stroke-width="0.6"/>'
            )
            parts.append(
                f'<line x1="{LEFT}" y1="{_n(_y(p))}" x2="{LEFT + SIZE}" y2="{_n(_y(p))}" '
                f'stroke="{grid}" stroke-width="0.6"/>'
            )
        if tenth % 2 == 0:  # every 20 %: legible when the drawing is shrunk on a phone
            parts.append(_text(_x(p), TOP + SIZE + 17, str(tenth * 10), text_anchor="middle"))
            parts.append(_text(LEFT - 7, _y(p) + 4, str(tenth * 10), text_anchor="end"))
    parts.append(
        _text(
            LEFT + SIZE / 2,
            TOP + SIZE + 38,
            "Forecast probability (%)",
            text_anchor="middle",
            font_weight="600",
        )
    )
    middle = TOP + SIZE / 2
    parts.append(
        _text(
            14,
            middle,
            "Observed rate (%)",
            text_anchor="middle",
            font_weight="600",
            transform=f"rotate(-90 14 {_n(middle)})",
        )
    )
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP + SIZE}" x2="{LEFT + SIZE}" y2="{TOP}" '
        'stroke="#57606a" stroke-width="1.2" stroke-dasharray="5 4"/>'
    )
    return parts


def _band(row: Row) -> str:
    # A bare probability is a band of one point: the diagonal already marks it.
    if row.high <= row.low:
        return ""
    x, y = _x(row.low), _y(row.high)
    side = (row.high - row.low) * SIZE
    opacity = "0.16" if row.n else "0.06"  # a term no scored forecast used, fainter
    return (
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(side)}" height="{_n(side)}" '
        f'fill="{BAND}" fill-opacity="{opacity}" stroke="{BAND}" stroke-opacity="0.55" '
        'stroke-width="0.8"/>'
    )


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@dataclass(frozen=True)
class _Dot:
    number: int
    row: Row
    name: str

    @property
    def x(self) -> float:
        return _x(self.row.point)

    @property
    def y(self) -> float:
        assert self.row.rate is not None
        return _y(self.row.rate)

    @property
    def box(self) -> Box:
        return (self.x - DOT - 1, self.y - DOT - 1, self.x + DOT + 1, self.y + DOT + 1)

    @property
    def interval(self) -> Box:
        assert self.row.interval is not None
        low, high = self.row.interval
        return (self.x - 4, _y(high), self.x + 4, _y(low))


def place(dots: Sequence[_Dot]) -> dict[int, tuple[float, float]]:
    """Where each dot's number goes (the middle of its text), or nowhere: the first of the
    places round its dot that stays in the drawing and overlaps no other number, no dot
    and no other dot's interval."""
    taken: list[Box] = []
    obstacles = [d.box for d in dots] + [d.interval for d in dots]
    placed: dict[int, tuple[float, float]] = {}
    for dot in dots:
        width, height = DIGIT * len(str(dot.number)) + 2, FONT
        gap = DOT + 3 + width / 2
        for dx, dy in (
            (gap, 0),
            (-gap, 0),
            (0, -(DOT + 3 + height / 2)),
            (0, DOT + 3 + height / 2),
            (gap, -height * 0.8),
            (-gap, -height * 0.8),
            (gap, height * 0.8),
            (-gap, height * 0.8),
            (2 * gap, 0),
            (-2 * gap, 0),
        ):
            cx, cy = dot.x + dx, dot.y + dy
            box = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= WIDTH and box[3] <= HEIGHT
            own = (dot.box, dot.interval)
            blocked = any(_overlaps(box, other) for other in taken) or any(
                _overlaps(box, other) for other in obstacles if other not in own
            )
            if inside and not blocked:
                taken.append(box)
                placed[dot.number] = (cx, cy)
                break
    return placed


def _rate(dot: _Dot) -> list[str]:
    """The interval line and dot of one row."""
    row = dot.row
    rate, interval = row.rate, row.interval
    assert rate is not None and interval is not None
    colour = VERDICT_COLOURS[row.verdict or CONSISTENT]
    x, y = dot.x, dot.y
    low, high = _y(interval[0]), _y(interval[1])
    tip = (
        f"{dot.number}. {dot.name}: {row.happened} of {row.n} happened ({tenths(rate)} %), "
        f"95 % interval {tenths(interval[0])}–{tenths(interval[1])} %, {row.verdict}"
    )
    return [
        "<g>",
        f"<title>{escape(tip)}</title>",
        f'<line x1="{_n(x)}" y1="{_n(low)}" x2="{_n(x)}" y2="{_n(high)}" stroke="{colour}" '
        'stroke-width="2"/>',
        f'<line x1="{_n(x - 4)}" y1="{_n(low)}" x2="{_n(x + 4)}" y2="{_n(low)}" '
        f'stroke="{colour}" stroke-width="2"/>',
        f'<line x1="{_n(x - 4)}" y1="{_n(high)}" x2="{_n(x + 4)}" y2="{_n(high)}" '
        f'stroke="{colour}" stroke-width="2"/>',
        f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{DOT}" fill="{colour}" stroke="#fff" '
        'stroke-width="1.5"/>',
        "</g>",
    ]


def _dots(rows: Sequence[Row], names: Sequence[str]) -> list[_Dot]:
    """The rows with forecasts scored, numbered from 1 in their order: the diagram's dots
    and its key's entries alike."""
    scored = [(row, name) for row, name in zip(rows, names, strict=True) if row.n]
    return [_Dot(number, row, name) for number, (row, name) in enumerate(scored, start=1)]


def diagram(rows: Sequence[Row], names: Sequence[str], title: str, ident: str) -> str:
    """One reliability diagram of `rows` (named `names`, numbered from 1 in this order
    among those scored) as an <svg> element, with `title` for screen readers."""
    dots = _dots(rows, names)
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-labelledby="{ident}" font-family="inherit" font-size="{FONT}" fill="#1f2328">',
        f'<title id="{ident}">{escape(title)}</title>',
        *_axes(),
    ]
    parts += [band for band in (_band(row) for row in rows) if band]
    for dot in dots:
        parts += _rate(dot)
    for number, (cx, cy) in place(dots).items():
        colour = VERDICT_COLOURS[dots[number - 1].row.verdict or CONSISTENT]
        parts.append(
            _text(
                cx,
                cy + FONT * 0.35,
                str(number),
                text_anchor="middle",
                font_weight="700",
                fill=colour,
                stroke="#fff",
                stroke_width="3",
                paint_order="stroke",
            )
        )
    parts.append("</svg>")
    return "\n".join(parts)


def key(rows: Sequence[Row], names: Sequence[str]) -> list[str]:
    """The diagram's key: each number with its group's name, how many of how many
    happened, and its verdict's colour. Plain strings and classes, escaped."""
    items = []
    for dot in _dots(rows, names):
        number, row, name = dot.number, dot.row, dot.name
        kind = VERDICT_CLASSES.get(row.verdict or "", "consistent")
        items.append(
            f'<li><span class="mark {kind}">{number}</span> {escape(name)} '
            f'<span class="quiet">{row.happened}/{row.n}</span></li>'
        )
    return items


def groups(c: Calibration, names: Sequence[str]) -> list[tuple[str, list[Row], list[str]]]:
    """The diagrams to draw: one per scale in the table, then one for bare probabilities;
    each with its title and its rows and names, in the table's order."""
    out = []
    for scale in [*c.scales, None]:
        chosen = [(r, n) for r, n in zip(c.table, names, strict=True) if r.scale == scale]
        if not any(r.n for r, _ in chosen):
            continue
        title = scale if scale is not None else "Bare probabilities"
        out.append((title, [r for r, _ in chosen], [n for _, n in chosen]))
    return out
