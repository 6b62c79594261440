"""The reliability diagram of the HTML report: inline SVG, every piece of text escaped.

x is the probability forecast, y the rate observed. Each term's band is a shaded square on
the diagonal: a term whose dot falls inside its square is in band. The dot is the observed
rate at the term's point, the vertical line its Wilson 95 % interval.
"""

from __future__ import annotations

from html import escape

from forecastcli.render.words import tenths
from forecastcli.scoring import CONSISTENT, IN_BAND, LESS_OFTEN, MORE_OFTEN, Calibration, Row

WIDTH, HEIGHT = 720, 480
LEFT, TOP, SIZE = 70, 20, 400  # the plot: a square, so the diagonal is at 45 degrees
LEGEND_X = LEFT + SIZE + 30
FONT = 12
CHAR = 6.6  # a rough width of one character of the label font, to keep labels apart

BAND = "#4c78a8"
VERDICT_COLOURS = {
    IN_BAND: "#2e7d32",
    CONSISTENT: "#9a6700",
    MORE_OFTEN: "#c62828",
    LESS_OFTEN: "#c62828",
}


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
        parts.append(_text(_x(p), TOP + SIZE + 16, str(tenth * 10), text_anchor="middle"))
        parts.append(_text(LEFT - 8, _y(p) + 4, str(tenth * 10), text_anchor="end"))
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
            LEFT - 44,
            middle,
            "Observed rate (%)",
            text_anchor="middle",
            font_weight="600",
            transform=f"rotate(-90 {LEFT - 44} {_n(middle)})",
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
    return (
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(side)}" height="{_n(side)}" '
        f'fill="{BAND}" fill-opacity="0.16" stroke="{BAND}" stroke-opacity="0.55" '
        'stroke-width="0.8"/>'
    )


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _place(
    x: float, y: float, width: float, taken: list[tuple[float, float, float, float]]
) -> tuple[float, float, str]:
    """Where a dot's label goes: beside the dot, nudged up or down off other labels."""
    # Right of the dot where the label fits inside the plot, else left, else the roomier.
    room_right, room_left = LEFT + SIZE - (x + 9), x - 9 - LEFT
    right = room_right >= width or (room_left < width and room_right >= room_left)
    start = x + 9 if right else x - 9 - width
    for step in (0, 1, -1, 2, -2, 3, -3, 4, -4):
        top = y - FONT / 2 - 2 + step * (FONT + 2)
        box = (start, top, start + width, top + FONT + 2)
        inside = box[1] >= TOP and box[3] <= TOP + SIZE
        if inside and not any(_overlaps(box, other) for other in taken):
            break
    taken.append(box)
    return (x + 9 if right else x - 9), top + FONT - 1, "start" if right else "end"


def _rate(
    row: Row, name: str, taken: list[tuple[float, float, float, float]]
) -> tuple[list[str], str]:
    """The interval line and dot of one row, and its label (drawn last, over everything)."""
    rate, interval = row.rate, row.interval
    assert rate is not None and interval is not None
    colour = VERDICT_COLOURS[row.verdict or CONSISTENT]
    x, y = _x(row.point), _y(rate)
    low, high = _y(interval[0]), _y(interval[1])
    tip = (
        f"{name}: {row.happened} of {row.n} happened ({tenths(rate)} %), "
        f"95 % interval {tenths(interval[0])}–{tenths(interval[1])} %, {row.verdict}"
    )
    parts = [
        "<g>",
        f"<title>{escape(tip)}</title>",
        f'<line x1="{_n(x)}" y1="{_n(low)}" x2="{_n(x)}" y2="{_n(high)}" stroke="{colour}" '
        'stroke-width="2"/>',
        f'<line x1="{_n(x - 4)}" y1="{_n(low)}" x2="{_n(x + 4)}" y2="{_n(low)}" '
        f'stroke="{colour}" stroke-width="2"/>',
        f'<line x1="{_n(x - 4)}" y1="{_n(high)}" x2="{_n(x + 4)}" y2="{_n(high)}" '
        f'stroke="{colour}" stroke-width="2"/>',
        f'<circle cx="{_n(x)}" cy="{_n(y)}" r="5" fill="{colour}" stroke="#fff" '
        'stroke-width="1.5"/>',
        "</g>",
    ]
    label = f"{name} ({row.happened}/{row.n})"
    lx, ly, anchor = _place(x, y, len(label) * CHAR, taken)
    text = _text(
        lx,
        ly,
        label,
        text_anchor=anchor,
        fill=colour,
        stroke="#fff",
        stroke_width="3",
        paint_order="stroke",
    )
    return parts, text


def _legend() -> list[str]:
    x, y = LEGEND_X, TOP + 6
    parts = [_text(x, y + 4, "Legend", font_weight="600")]
    y += 22
    parts.append(
        f'<rect x="{x}" y="{y - 9}" width="16" height="12" fill="{BAND}" fill-opacity="0.16" '
        f'stroke="{BAND}" stroke-opacity="0.55" stroke-width="0.8"/>'
    )
    parts.append(_text(x + 24, y + 1, "a term's band: in-band zone"))
    y += 22
    parts.append(
        f'<line x1="{x}" y1="{y - 3}" x2="{x + 16}" y2="{y - 3}" stroke="#57606a" '
        'stroke-width="1.2" stroke-dasharray="5 4"/>'
    )
    parts.append(_text(x + 24, y + 1, "perfect calibration"))
    y += 22
    parts.append(f'<circle cx="{x + 8}" cy="{y - 3}" r="5" fill="#57606a"/>')
    parts.append(_text(x + 24, y + 1, "observed rate (yes/n)"))
    y += 22
    parts.append(
        f'<line x1="{x + 8}" y1="{y - 11}" x2="{x + 8}" y2="{y + 5}" stroke="#57606a" '
        'stroke-width="2"/>'
    )
    parts.append(_text(x + 24, y + 1, "its 95 % interval"))
    y += 30
    parts.append(_text(x, y, "Colour: the verdict", font_weight="600"))
    for verdict in (IN_BAND, CONSISTENT, f"{MORE_OFTEN} / less often"):
        y += 20
        colour = VERDICT_COLOURS.get(verdict, VERDICT_COLOURS[MORE_OFTEN])
        parts.append(f'<circle cx="{x + 8}" cy="{y - 4}" r="5" fill="{colour}"/>')
        parts.append(_text(x + 24, y, verdict))
    return parts


def diagram(c: Calibration, labels: list[str]) -> str:
    """The reliability diagram of `c.table` (whose rows `labels` name) as an <svg> element."""
    rows = c.table
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-labelledby="diagram-title" font-family="inherit" font-size="{FONT}" '
        'fill="#1f2328">',
        '<title id="diagram-title">Reliability diagram: observed rate against forecast '
        "probability, per term</title>",
        *_axes(),
    ]
    parts += [band for band in (_band(row) for row in rows) if band]
    taken: list[tuple[float, float, float, float]] = []
    texts = []
    for row, name in zip(rows, labels, strict=True):
        if row.n:
            shapes, text = _rate(row, name, taken)
            parts += shapes
            texts.append(text)
    parts += texts
    parts += _legend()
    parts.append("</svg>")
    return "\n".join(parts)
