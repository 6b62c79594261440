"""Output of `forecast due`: plain text, written without Rich.

`forecast due` is the command analysts run most, often in a loop or from a script, and
laying out a table with Rich costs more than the rest of the command on a small folder
(and about 0.7 ms a row on a long list). The layout is simple enough to write directly:
fixed columns, and the statement wrapped beneath the forecast's reference.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import textwrap
from collections.abc import Callable

from forecastcli.model import Forecast
from forecastcli.status import DUE, State

_GAP = "  "
_MIN_TEXT = 30  # narrower than this, the statement goes on its own lines, full width


def days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def term_text(f: Forecast) -> str:
    from forecastcli.scales import percent

    if f.term is None:
        return f"p = {percent(f.probability)} %"
    if f.p is not None:
        return f"{f.term.name} (p = {percent(f.p)} %)"
    return f.term.name


def when_text(state: State) -> str:
    return f"{days(state.days)} overdue" if state.status == DUE else f"in {days(state.days)}"


def due(items: list[State], as_of: dt.date, within: int, short: Callable[[Forecast], str]) -> None:
    write = sys.stdout.write
    if not items:
        write(f"Nothing is due as of {as_of}, nor coming due in the next {days(within)}.\n")
        return
    n_due = sum(1 for s in items if s.status == DUE)
    write(
        f"As of {as_of}: {n_due} due, {len(items) - n_due} coming due "
        f"in the next {days(within)}\n\n"
    )
    rows = [(str(s.forecast.closes), when_text(s), term_text(s.forecast)) for s in items]
    headers = ("Closes", "When", "Term")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    lead = sum(widths) + len(_GAP) * len(widths)
    width = shutil.get_terminal_size((80, 24)).columns
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
        for line in textwrap.wrap(state.forecast.statement, max(text_width, 20)):
            write(indent + line + "\n")
