"""Output of `forecast due` and `forecast list`: plain text, written without Rich.

These are the commands analysts run most, often in a loop or from a script, and laying
out a table with Rich costs more than the rest of the command on a small folder (and
about 0.7 ms a row on a long list). Their layout is simple enough to write directly:
fixed columns padded to their widest cell, wrapped onto a second line when the terminal
is too narrow.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import textwrap
from collections.abc import Callable

from forecastcli.model import Forecast
from forecastcli.render.words import band_of, days, term_text, window_text
from forecastcli.safetext import visible
from forecastcli.status import State, Status

_GAP = "  "
_MIN_TEXT = 30  # narrower than this, the statement goes on its own lines, full width


def status_text(state: State) -> str:
    if state.status is Status.RESOLVED:
        return f"resolved: {state.outcome}"
    if state.status is Status.DUE:
        return f"due, {days(state.days)} overdue"
    if state.status is Status.COMING_DUE:
        return f"coming due in {days(state.days)}"
    return "open"


def _width() -> int:
    return shutil.get_terminal_size((80, 24)).columns


def _line(values: tuple[str, ...], widths: list[int]) -> str:
    return _GAP.join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip() + "\n"


def when_text(state: State) -> str:
    return f"{days(state.days)} overdue" if state.status is Status.DUE else f"in {days(state.days)}"


def due(items: list[State], as_of: dt.date, within: int, short: Callable[[Forecast], str]) -> None:
    write = sys.stdout.write
    if not items:
        write(f"Nothing is due as of {as_of}, nor coming due in the next {days(within)}.\n")
        return
    n_due = sum(1 for s in items if s.status is Status.DUE)
    write(
        f"As of {as_of}: {n_due} due, {len(items) - n_due} coming due "
        f"in the next {days(within)}\n\n"
    )
    rows = [(str(s.forecast.window.closes), when_text(s), term_text(s.forecast)) for s in items]
    headers = ("Closes", "When", "Term")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    lead = sum(widths) + len(_GAP) * len(widths)
    width = _width()
    beside = width - lead >= _MIN_TEXT
    text_width = width - lead if beside else width - 4
    indent = " " * lead if beside else " " * 4

    def cells(values: tuple[str, ...]) -> str:
        return "".join(v.ljust(w) + _GAP for v, w in zip(values, widths, strict=True))

    write(cells(headers) + "Forecast\n")
    write("─" * min(width, lead + text_width) + "\n")
    for n, (state, row) in enumerate(zip(items, rows, strict=True)):
        if n:
            write("\n")
        write((cells(row) + short(state.forecast)).rstrip() + "\n")
        # Line breaks and tabs in a statement are spaces here (textwrap folds them).
        for line in textwrap.wrap(visible(state.forecast.statement), max(text_width, 20)):
            write(indent + line + "\n")


def listing(items: list[State], as_of: dt.date, short: Callable[[Forecast], str]) -> None:
    """One line per forecast; on a narrow terminal, its window, term and band beneath."""
    write = sys.stdout.write
    if not items:
        write(f"No forecasts match (as of {as_of}).\n")
        return
    headers = ("Forecast", "Window", "Term", "Band", "Status")
    rows = [
        (
            short(s.forecast),
            window_text(s.forecast.window),
            term_text(s.forecast),
            band_of(s.forecast),
            f"due ({days(s.days)})" if s.status is Status.DUE else status_text(s),
        )
        for s in items
    ]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    width = _width()
    write(f"As of {as_of}\n\n")
    if sum(widths) + len(_GAP) * (len(widths) - 1) <= width:
        write(_line(headers, widths))
        write("─" * (sum(widths) + len(_GAP) * (len(widths) - 1)) + "\n")
        for row in rows:
            write(_line(row, widths))
        return
    first = [max(len(headers[0]), *(len(r[0]) for r in rows)), widths[4]]
    second = widths[1:4]
    write(_line((headers[0], headers[4]), first))
    write("    " + _line(headers[1:4], second))
    write("─" * min(width, max(sum(first) + 2, sum(second) + 8)) + "\n")
    for row in rows:
        write(_line((row[0], row[4]), first))
        write("    " + _line(row[1:4], second))
