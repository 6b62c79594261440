"""Output of `forecast due` and `forecast list`: plain text, written without Rich.

These are the commands analysts run most, often in a loop or from a script, and laying
out a table with Rich costs more than the rest of the command on a small folder (and
about 0.7 ms a row on a long list). `render.layout` lays them out: columns padded to
their widest cell, a forecast's id on a line of its own when the terminal is too narrow
for it beside the rest.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable

from forecastcli.model import Forecast
from forecastcli.render.layout import Column, Record, records, width, wrap
from forecastcli.render.words import band_of, days, term_text, window_text
from forecastcli.safetext import visible
from forecastcli.status import State, Status


def status_text(state: State) -> str:
    if state.status is Status.RESOLVED:
        return f"resolved: {state.outcome}"
    if state.status is Status.DUE:
        return f"due, {days(state.days)} overdue"
    if state.status is Status.COMING_DUE:
        return f"coming due in {days(state.days)}"
    return "open"


def when_text(state: State) -> str:
    return f"{days(state.days)} overdue" if state.status is Status.DUE else f"in {days(state.days)}"


def due(items: list[State], as_of: dt.date, within: int, short: Callable[[Forecast], str]) -> None:
    write = sys.stdout.write
    if not items:
        write(f"Nothing is due as of {as_of}, nor coming due in the next {days(within)}.\n")
        return
    n_due = sum(1 for s in items if s.status is Status.DUE)
    room = width()
    lines = wrap(
        f"As of {as_of}: {n_due} due, {len(items) - n_due} coming due in the next {days(within)}",
        room,
    )
    rows = [
        Record(
            visible(short(s.forecast)),
            (str(s.forecast.window.closes), when_text(s), term_text(s.forecast)),
            # Line breaks and tabs in a statement are spaces here (wrapping folds them).
            visible(s.forecast.statement),
        )
        for s in items
    ]
    columns = (Column("Closes"), Column("When"), Column("Term", wrap=True))
    lines += ["", *records(Column("Forecast"), columns, rows, room, key_last=True)]
    write("\n".join(lines) + "\n")


def listing(items: list[State], as_of: dt.date, short: Callable[[Forecast], str]) -> None:
    """One line per forecast; on a narrow terminal, its window, term and band beneath."""
    write = sys.stdout.write
    if not items:
        write(f"No forecasts match (as of {as_of}).\n")
        return
    rows = [
        Record(
            visible(short(s.forecast)),
            (
                window_text(s.forecast.window),
                term_text(s.forecast),
                band_of(s.forecast),
                f"due ({days(s.days)})" if s.status is Status.DUE else status_text(s),
            ),
        )
        for s in items
    ]
    columns = (
        Column("Window", wrap=True, uniform=True),
        Column("Term", wrap=True),
        Column("Band"),
        Column("Status", wrap=True),
    )
    lines = [f"As of {as_of}", "", *records(Column("Forecast"), columns, rows, width())]
    write("\n".join(lines) + "\n")
