"""Output of `forecast calibration`: the table, the picture and the scores under them."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from forecastcli.breakdown import Group
from forecastcli.render import change, console, layout, say
from forecastcli.render.layout import wrap
from forecastcli.render.words import band_text, percent, tenths
from forecastcli.safetext import visible
from forecastcli.scoring import (
    IN_BAND,
    LESS_OFTEN,
    MORE_OFTEN,
    Calibration,
    LeftOut,
    Row,
)

HEADER = ("Term", "Band %", "Mean p %", "n", "Yes", "Rate %", "95 % CI", "Verdict")
# The table's columns: the term and the verdict wrap at words; the figures never break.
COLUMNS = (
    layout.Column(HEADER[0], wrap=True),
    layout.Column(HEADER[1]),
    *(layout.Column(name, right=True) for name in HEADER[2:7]),
    layout.Column(HEADER[7], wrap=True),
)

AXIS = 41  # cells from 0 to 100 %: 2.5 % each, so 25, 50 and 75 % fall on a cell
TICKS = (0, 10, 20, 30, 40)

BINNED = (
    "Bare probabilities take more than 12 values: they are pooled in 10-point bins, each "
    "scored at its mean p."
)

VERDICT_STYLE = {IN_BAND: "green", MORE_OFTEN: "red", LESS_OFTEN: "red"}


def _glyphs(plain: bool) -> dict[str, str]:
    if plain:
        return {"axis": ".", "tick": ":", "band": "=", "interval": "-", "rate": "o"}
    return {"axis": "·", "tick": "┊", "band": " ", "interval": "─", "rate": "●"}


def _cell(p: float) -> int:
    return max(0, min(AXIS - 1, round(p * (AXIS - 1))))


def row_cells(row: Row, label_text: str) -> list[str]:
    """A table row's cells up to the verdict: shared with the weekly report."""
    interval = row.interval
    return [
        label_text,
        band_text(row.low, row.high).removesuffix(" %"),
        percent(round(row.point, 4)),
        str(row.n),
        str(row.happened) if row.n else "",
        tenths(row.rate),
        f"{tenths(interval[0])}–{tenths(interval[1])}" if interval else "",
    ]


def label(row: Row, name_scale: bool) -> str:
    """The row's name: its term (a custom scale's, from forecast.yaml, made visible)."""
    return visible(_label(row, name_scale))


def _label(row: Row, name_scale: bool) -> str:
    if row.term is None:
        if row.binned:
            return f"p in {band_text(row.low, row.high)}"
        return f"p = {percent(row.point)} %"
    return f"{row.term} ({row.scale})" if name_scale and row.scale else row.term


def _picture_line(row: Row, plain: bool) -> Text:
    g = _glyphs(plain)
    cells = [g["tick"] if i in TICKS else g["axis"] for i in range(AXIS)]
    styles = ["dim"] * AXIS
    band = range(_cell(row.low), _cell(row.high) + 1)
    interval = row.interval
    span = range(_cell(interval[0]), _cell(interval[1]) + 1) if interval else range(0)
    # Plain: the rate over the band over the interval, so a gap between band and interval
    # (a drifting term) shows. In colour the band is a background, the interval drawn on it.
    for i in span:
        cells[i], styles[i] = g["interval"], "yellow"
    for i in band:
        if plain:
            cells[i], styles[i] = g["band"], "cyan"
        else:
            styles[i] = f"{styles[i]} on blue"
            if i not in span:
                cells[i] = g["band"]
    if row.rate is not None:
        i = _cell(row.rate)
        style = VERDICT_STYLE.get(row.verdict or "", "yellow")
        cells[i] = g["rate"]
        styles[i] = f"bold {style} on blue" if (i in band and not plain) else f"bold {style}"
    text = Text()
    for char, style in zip(cells, styles, strict=True):
        text.append(char, style=style)
    return text


def _ticks_text() -> str:
    # The numbers centred on their tick cells; 100 ends on the last cell.
    line = [" "] * AXIS
    for start, name in ((0, "0"), (9, "25"), (19, "50"), (29, "75"), (38, "100")):
        line[start : start + len(name)] = name
    return "".join(line) + " %"


def plain_glyphs(out: Console) -> bool:
    """Whether the picture is drawn in plain characters: whenever colour is off (a pipe,
    TERM=dumb, NO_COLOR), since its band is a coloured background otherwise."""
    return out.color_system is None or out.no_color


def picture(out: Console, rows: list[Row], labels: list[str], room: int) -> None:
    """One line per row: its band, the observed rate and its 95 % interval on 0–100 %.

    Each label stands left of its line where both fit in `room`, else on a line of its
    own above it.
    """
    plain = plain_glyphs(out)
    g = _glyphs(plain)
    width = max(len(text) for text in labels)
    beside = width + 2 + len(_ticks_text()) <= room
    lead = " " * (width + 2 if beside else 2)
    out.print(lead + _ticks_text(), style="dim")
    for row, text in zip(rows, labels, strict=True):
        if beside:
            line = Text(text.ljust(width + 2))
        else:
            for part in wrap(text, room):
                out.print(part, markup=False)
            line = Text(lead)
        line.append_text(_picture_line(row, plain))
        out.print(line)
    legend = Text(lead)
    legend.append(g["band"] if plain else "  ", style="cyan" if plain else "on blue")
    legend.append(" band   ")
    legend.append(g["interval"], style="yellow")
    legend.append(" 95 % interval   ")
    legend.append(g["rate"], style="bold")
    legend.append(" observed rate")
    out.print(legend)


def left_out_text(left: LeftOut) -> str:
    """Why the forecasts not scored were left out, in one sentence."""
    if not left.total:
        return "Left out: none."
    parts = []
    if left.ambiguous:
        parts.append(f"{left.ambiguous} ambiguous")
    if left.void:
        parts.append(f"{left.void} void")
    if left.open:
        still = left.open - left.awaiting
        reasons = []
        if still:
            reasons.append((still, "window still open"))
        if left.awaiting:
            reasons.append((left.awaiting, "due and awaiting an outcome"))
        if len(reasons) == 1:
            detail = reasons[0][1]
        else:
            detail = ", ".join(f"{count} {why}" for count, why in reasons)
        parts.append(f"{left.open} open ({detail})")
    return "Left out: " + ", ".join(parts) + "."


def verdict_text(row: Row) -> str:
    """The verdict, and for one that misses its band, which way: `happens less often
    (overconfident)`."""
    verdict = row.verdict or ""
    return f"{verdict} ({row.leaning})" if row.leaning else verdict


def table_cells(c: Calibration) -> list[list[str]]:
    """Each group of the table as its cells (COLUMNS), every term of the scales in play;
    a verdict that misses the band says which way it leans."""
    name_scale = len(c.scales) > 1
    return [[*row_cells(row, label(row, name_scale)), verdict_text(row)] for row in c.table]


def table_lines(c: Calibration, room: int, rule: str = "─") -> list[Text]:
    """The table, fitted to `room` columns in the first layout that fits: one line per
    group (the term and the verdict wrapping at words), else each group's term and
    verdict on a line, its figures on the line under it. Figures are never cut."""
    cells = table_cells(c)
    styles = [VERDICT_STYLE.get(row.verdict or "", "") for row in c.table]
    term, figures, verdict = COLUMNS[0], COLUMNS[1:7], COLUMNS[7]
    widths = layout.fit(COLUMNS, cells, room)
    if widths is not None:
        head = layout.header(COLUMNS, widths)
        body = [
            _styled(line, {7: style})
            for row, style in zip(cells, styles, strict=True)
            for line in layout.row_cells(COLUMNS, row, widths)
        ]
        return [Text(head), Text(layout.rule([head, *map(str, body)], room, rule)), *body]
    named = [[row[0], row[7]] for row in cells]
    numbers = [row[1:7] for row in cells]
    outer = layout.fit((term, verdict), named, room) or layout.narrowest((term, verdict), named)
    inner = layout.fit(figures, numbers, room - len(_UNDER)) or layout.narrowest(figures, numbers)
    heads = [layout.header((term, verdict), outer), layout.header(figures, inner, _UNDER)]
    stacked: list[Text] = []
    for name, figure, style in zip(named, numbers, styles, strict=True):
        stacked += [
            _styled(line, {1: style}) for line in layout.row_cells((term, verdict), name, outer)
        ]
        stacked += [
            Text(layout.join(line, _UNDER)) for line in layout.row_cells(figures, figure, inner)
        ]
    return [
        *map(Text, heads),
        Text(layout.rule([*heads, *map(str, stacked)], room, rule)),
        *stacked,
    ]


_UNDER = "  "  # a group's figures, under its term


def _styled(cells: list[str], styles: dict[int, str]) -> Text:
    text = Text()
    for i, cell in enumerate(cells):
        if i:
            text.append(layout.GAP)
        text.append(cell, style=styles.get(i, ""))
    text.rstrip()
    return text


def block(c: Calibration, title: str) -> None:
    """The table, the picture and the scores of one calibration."""
    out = console()
    room = layout.width()
    if not c.n:
        say(f"{title}: no forecast to score.")
        say(left_out_text(c.left_out), "", "  ")
        return
    say(title)
    out.print()
    for row in table_lines(c, room):
        out.print(row)
    if c.approximate:
        say(BINNED)
    out.print()
    picture(out, c.table, [label(r, len(c.scales) > 1) for r in c.table], room)
    out.print()
    for text in wrapped_scores(c, room):
        out.print(text, markup=False)
    out.print()
    say(change.HEADING)
    for line in change.change_lines(c):
        say(line, "  ", "    ")
    advice = change.advice_lines(c)
    say(change.ADVICE_HEADING if advice else change.NO_ADVICE, "  ", "    ")
    for line in advice:
        say(line, "    ", "      ")


def wrapped_scores(c: Calibration, room: int) -> list[str]:
    """`score_lines` wrapped to `room` columns, each item's lines under its first."""
    lines = []
    for item in score_lines(c):
        # An item's second line (the within-group terms) is indented already.
        for part in item.split("\n"):
            indent = part[: len(part) - len(part.lstrip())]
            lines += wrap(part.lstrip(), room, indent, indent + "  ")
    return lines


def score_lines(c: Calibration) -> list[str]:
    """The scores under the table: N and base rate, Brier and its parts, skill, left out.

    The within-group terms are shown where some group pools different p's; skill is given
    for the whole set only (a block of `--by` says so).
    """
    assert c.base_rate is not None and c.brier is not None
    lines = [
        f"N {c.n} ({c.happened} happened), base rate {tenths(c.base_rate)} %",
        f"Brier score {c.brier:.4f} = reliability {c.reliability:.4f} "
        f"- resolution {c.resolution:.4f} + uncertainty {c.uncertainty:.4f}",
    ]
    if c.wbv or c.wbc:
        # One item on two lines: Markdown and HTML join it again.
        lines[-1] += (
            f"\n  + within-group variance {c.wbv:.4f} - within-group covariance {c.wbc:.4f}"
        )
    half = f"always saying 50 % scores {c.always_half:.4f}"
    if c.part:
        lines.append(f"Skill: for the whole selection only; {half}")
    elif c.skill is None:
        lines.append(
            f"Skill against the base rate n/a (every forecast had the same outcome); {half}"
        )
    else:
        lines.append(f"Skill against the base rate {c.skill:.3f}; {half}")
    lines.append(left_out_text(c.left_out))
    return lines


def groups(items: list[Group], by: str, title: str, whole: Calibration) -> None:
    """One block per group, then the skill of the whole selection (no block has its own)."""
    out = console()
    if not items:
        say(f"{title}: no forecasts.")
        return
    for i, group in enumerate(items):
        if i:
            out.print()
        # The group's name may be an author's or a tag's, from a brief.
        block(group.calibration, f"{title}; {by} {visible(group.name)}")
    out.print()
    say(whole_text(whole), "", "  ")


def whole_text(c: Calibration) -> str:
    """The whole selection in one line: N, Brier score and skill against the base rate."""
    if c.brier is None:
        return "All groups together: no forecast to score."
    skill = "n/a (every forecast had the same outcome)" if c.skill is None else f"{c.skill:.3f}"
    return (
        f"All groups together: N {c.n}, Brier score {c.brier:.4f}, "
        f"skill against the base rate {skill}."
    )
