"""The weekly report in words: what the three formats share, and the choice between them.

Every renderer returns a string built from the report alone: no clock, no locale, no
terminal, no colour, so the same briefs and as-of day give the same bytes on any machine.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable

from rich.console import Console

from forecastcli.render.calibration import HEADER, label, picture, table_cells
from forecastcli.render.words import count, days
from forecastcli.report import Quarter, Report, Resolved
from forecastcli.safetext import visible
from forecastcli.scoring import Calibration, Row

# strftime("%A") follows the locale; the report must not.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# {check} is the command, set as code by each format.
PROBLEMS_NOTE = (
    "These briefs are left out of the report until they are fixed; {check} lists every "
    "problem, warnings included."
)

# {command} is the command that makes the report again, set as code by each format.
FOOTER = "Made by {command}, which gives this report again, byte for byte, from the same briefs."

TABLE_HEADER = HEADER
# Columns of the calibration table whose figures are aligned to the right.
NUMERIC = (2, 3, 4, 5, 6)

QUARTERS_HEADING = "The last four quarters"
QUARTER_HEADER = ("Quarter", "n", "Brier", "95 % CI", "Slope", "95 % CI")
QUARTER_NUMERIC = (1, 2, 3, 4, 5)
QUARTERS_NOTE = (
    "The Brier score's interval is mean ± 1.96 sd/√n over the quarter's forecasts; the "
    "slope is the recalibration's, with its Wald interval, and n/a for a quarter with "
    "fewer than 20 forecasts, one outcome only, or no fit."
)


def render(report: Report, fmt: str) -> str:
    """The whole report in `fmt` (markdown, html or text)."""
    from forecastcli.render import report_html, report_markdown, report_text

    renderers: dict[str, Callable[[Report], str]] = {
        "markdown": report_markdown.render,
        "html": report_html.render,
        "text": report_text.render,
    }
    return renderers[fmt](report)


def emit(text: str) -> None:
    """Write the report to standard output as UTF-8, whatever the locale says."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        buffer.write(text.encode("utf-8"))
        buffer.flush()


# -- wording shared by the formats ---------------------------------------------------------


def one_line(text: str) -> str:
    """Brief text on one line, its control characters made visible (SPEC section 8): line
    breaks and tabs (a folded YAML block keeps its line breaks) become single spaces."""
    return " ".join(visible(text).split())


def title(report: Report) -> str:
    """The report's title, true to its period: one day; a week, with its ISO week only when
    the period is that whole week, Monday to Sunday; otherwise its length in days."""
    period = report.period
    last = period.last
    day = f"{WEEKDAYS[last.weekday()]} {last}"
    if period.days == 1:
        return f"Forecast report: {day}"
    if period.days == 7:
        iso = f" ({period.iso_week})" if last.weekday() == 6 else ""
        return f"Forecast report: week ending {day}{iso}"
    return f"Forecast report: {count(period.days, 'day')} ending {day}"


def subtitle(report: Report) -> str:
    period = report.period
    if period.days == 1:
        return f"The day {period.last}, as the briefs stood at its end."
    return f"From {period.first} to {period.last}, as the briefs stood at the end of {period.last}."


def counts_text(report: Report) -> str:
    c = report.counts
    text = (
        f"{count(c.briefs, 'brief')}, {count(c.forecasts, 'forecast')}: "
        f"{c.open} open ({c.due} of them due), {c.resolved} resolved."
    )
    if c.invalid:
        verb = "is" if c.invalid == 1 else "are"
        text += f" {count(c.invalid, 'more brief')} {verb} invalid and left out: see Problems."
    return text


def due_text(days_overdue: int) -> str:
    return "due today" if days_overdue == 0 else f"{days(days_overdue)} overdue"


def coming_text(days_left: int) -> str:
    return f"in {days(days_left)}"


def brier_value(item: Resolved) -> str:
    """The forecast's part of the Brier score, (p − o)², to four places ("–" if none)."""
    return "–" if item.brier is None else f"{item.brier:.4f}"


def brier_note(item: Resolved) -> str:
    """Why the calibration does not count the forecast (yet), or nothing."""
    if item.brier is None:
        return f"not scored ({item.outcome})"
    if not item.scored:
        return f"scored once the window closes on {item.forecast.window.closes}"
    return ""


def brier_text(item: Resolved) -> str:
    if item.brier is None:
        return brier_note(item)
    note = brier_note(item)
    return f"{brier_value(item)}, {note}" if note else brier_value(item)


def known_text(item: Resolved) -> str:
    """When the outcome became known and was written down, and who wrote it."""
    entry = item.entry
    parts = [f"Known {entry.date}"]
    if entry.recorded is not None:
        parts.append(f"recorded {entry.recorded:%Y-%m-%d}")
    text = ", ".join(parts)
    if entry.by:
        text += f" by {one_line(entry.by)}"
    if item.previous is not None:
        text += f"; corrects {item.previous.outcome} (known {item.previous.date})"
    return text


def brier_move(report: Report) -> str:
    """How the Brier score moved since the end of the previous period (lower is better)."""
    now, then = report.calibration, report.previous
    before = report.period.before
    if now.brier is None:
        return "No forecast is scored yet, so there is no Brier score to follow."
    since = f"At the end of the previous period, {before}, the Brier score"
    if then.brier is None:
        return f"{since} had no forecast to score; it is {now.brier:.4f} now."
    change = report.brier_change
    assert change is not None
    # Four places are shown: a smaller move would read as "up 0.0000", and -0.0 exists.
    if abs(change) < 0.00005:
        moved = "unchanged"
    elif change > 0:
        moved = f"up {change:.4f}: worse"
    else:
        moved = f"down {-change:.4f}: better"
    return (
        f"{since} was {then.brier:.4f} over {count(then.n, 'forecast')}; now "
        f"{now.brier:.4f} over {now.n}, {moved} (lower is better)."
    )


def calibration_intro(report: Report) -> str:
    return (
        f"Forecasts whose window had closed by {report.period.last} and whose outcome "
        "is yes or no, per probability used."
    )


def table_rows(c: Calibration) -> list[tuple[Row, list[str]]]:
    """The calibration table as text cells (TABLE_HEADER), every term of the scales in play;
    a verdict that misses the band says which way: overconfident or not."""
    return list(zip(c.table, table_cells(c), strict=True))


def quarters_intro(report: Report) -> str:
    return (
        "Forecasts by the quarter in which their window closed, scored as of "
        f"{report.period.last}: is the team improving? The Brier score (lower is better) "
        "and the recalibration slope (above 1 underconfident, below 1 overconfident)."
    )


def quarter_cells(q: Quarter) -> list[str]:
    """One quarter's cells (QUARTER_HEADER)."""
    fit = q.recalibration.fit
    interval = q.brier_interval
    return [
        q.name,
        str(q.n),
        "–" if q.brier is None else f"{q.brier:.4f}",
        f"{interval[0]:.4f}–{interval[1]:.4f}" if interval else "",
        f"{fit.slope:.2f}" if fit else "n/a",
        f"{fit.slope_low:.2f}–{fit.slope_high:.2f}" if fit else "",
    ]


def picture_text(c: Calibration, room: int = 78) -> str:
    """`forecast calibration`'s picture in plain characters: band, interval, rate per row,
    its labels beside the lines where both fit in `room`."""
    rows = c.table
    labels = [label(row, len(c.scales) > 1) for row in rows]
    buffer = io.StringIO()
    # A console of its own, fixed width and no colour: the terminal and environment must
    # not change a byte of the report.
    out = Console(
        file=buffer,
        width=200,
        color_system=None,
        force_terminal=False,
        force_jupyter=False,
        force_interactive=False,
        legacy_windows=False,
        highlight=False,
        soft_wrap=True,
        emoji=False,
    )
    picture(out, rows, labels, room)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines())


def command(report: Report, fmt: str) -> str:
    """The command that makes this report again."""
    return (
        f"forecast report --as-of {report.period.last} --days {report.period.days} --format {fmt}"
    )
