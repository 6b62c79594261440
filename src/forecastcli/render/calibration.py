"""Output of `forecast calibration`: the table, the picture and the scores under them."""

from __future__ import annotations

import textwrap

from rich.console import Console
from rich.text import Text

from forecastcli.breakdown import Group
from forecastcli.render import change, console, escape, table
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


def picture(out: Console, rows: list[Row], labels: list[str]) -> None:
    """One line per row: its band, the observed rate and its 95 % interval on 0–100 %."""
    plain = out.color_system is None
    g = _glyphs(plain)
    width = max(len(text) for text in labels)
    out.print(" " * (width + 2) + _ticks_text(), style="dim")
    for row, text in zip(rows, labels, strict=True):
        line = Text(text.ljust(width + 2))
        line.append_text(_picture_line(row, plain))
        if row.leaning:
            line.append(f"  {row.leaning}", style=VERDICT_STYLE[row.verdict or ""])
        out.print(line)
    legend = Text(" " * (width + 2))
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


def block(c: Calibration, title: str) -> None:
    """The table, the picture and the scores of one calibration."""
    out = console()
    rows = c.table
    if not c.n:
        out.print(f"{title}: no forecast to score.", markup=False)
        out.print(left_out_text(c.left_out), markup=False)
        return
    name_scale = len(c.scales) > 1
    labels = [label(r, name_scale) for r in rows]
    t = table(*HEADER, title=escape(title))
    for column in t.columns:
        column.no_wrap = True
    for column in t.columns[2:7]:
        column.justify = "right"
    if c.approximate:
        t.caption = BINNED
        t.caption_justify = "left"
    for row, text in zip(rows, labels, strict=True):
        t.add_row(
            *row_cells(row, escape(text)),
            Text(row.verdict or "", style=VERDICT_STYLE.get(row.verdict or "", "")),
        )
    out.print(t)
    picture(out, rows, labels)
    out.print()
    for line in score_lines(c):
        out.print(line, markup=False)
    out.print()
    width = max(out.width, 60)
    out.print(change.HEADING, markup=False)
    for line in change.change_lines(c):
        out.print(_wrapped(line, width, "  "), markup=False)
    advice = change.advice_lines(c)
    out.print(
        _wrapped(change.ADVICE_HEADING if advice else change.NO_ADVICE, width, "  "), markup=False
    )
    for line in advice:
        out.print(_wrapped(line, width, "    "), markup=False)


def _wrapped(text: str, width: int, indent: str) -> str:
    # Wrapped lines hang under the first, so each item reads as one.
    return "\n".join(
        textwrap.wrap(
            text,
            width,
            initial_indent=indent,
            subsequent_indent=indent + "  ",
            break_long_words=False,
            break_on_hyphens=False,
        )
    )


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
        out.print(f"{title}: no forecasts.", markup=False)
        return
    for i, group in enumerate(items):
        if i:
            out.print()
        # The group's name may be an author's or a tag's, from a brief.
        block(group.calibration, f"{title}; {by} {visible(group.name)}")
    out.print()
    out.print(whole_text(whole), markup=False)


def whole_text(c: Calibration) -> str:
    """The whole selection in one line: N, Brier score and skill against the base rate."""
    if c.brier is None:
        return "All groups together: no forecast to score."
    skill = "n/a (every forecast had the same outcome)" if c.skill is None else f"{c.skill:.3f}"
    return (
        f"All groups together: N {c.n}, Brier score {c.brier:.4f}, "
        f"skill against the base rate {skill}."
    )
