"""Output of `due`, `list`, `show`, `check` and `scales`."""

from __future__ import annotations

from forecastcli.model import Brief, Resolution
from forecastcli.render import console, escape, say
from forecastcli.render.layout import Column, Record, overflowing, records, table, width, wrap
from forecastcli.render.plain import status_text
from forecastcli.render.words import band_of, band_text, count, percent, term_text, window_text
from forecastcli.safetext import visible
from forecastcli.scales import Scale
from forecastcli.status import State


def _field(name: str, value: str, room: int) -> list[str]:
    """`Statement:  text`, wrapped with its lines under the first one's text."""
    return wrap(value, room, f"{name + ':':<{_LABEL}} ", " " * (_LABEL + 1))


_LABEL = 11  # "Confidence:"


def forecast(state: State, history: list[tuple[Resolution, bool]], brief: Brief) -> None:
    out = console()
    room = width()
    f = state.forecast
    out.print(f"[bold]{escape(f.ref)}[/bold]")
    rows = [
        ("Brief", f"{brief.title} ({brief.published})"),
        ("Statement", f.statement),
        ("Term", term_text(f)),
        ("Band", f"{band_of(f)} on scale {brief.scale.name}, scored at {percent(f.probability)} %"),
        ("Horizon", f.horizon or "own dates"),
        ("Window", window_text(f.window)),
        ("Confidence", f.confidence or ""),
        ("Criteria", f.criteria or ""),
        ("Quote", f.quote or ""),
        ("Status", status_text(state)),
    ]
    lines = [line for name, value in rows if value for line in _field(name, visible(value), room)]
    if not history:
        lines.append("History:    no resolutions recorded")
    else:
        lines.append("History:    (the last entry that counts is the outcome)")
    for entry, counts in history:
        recorded = f"recorded {entry.recorded:%Y-%m-%d %H:%M}Z" if entry.recorded else ""
        by = f" by {entry.by}" if entry.by else ""
        later = "" if counts else " (after the as-of day: not counted)"
        lines += wrap(
            visible(f"{entry.date}  {entry.outcome:<9}{recorded + by + later}"), room, "  ", " " * 6
        )
        if entry.note:
            lines += wrap(visible(entry.note), room, " " * 6, " " * 6)
        for source in entry.sources:
            # The label is the indent: a long URL stays on its line, whole.
            lines += wrap(visible(source), room, " " * 6 + "Source: ", " " * 14)
    for line in lines:
        out.print(line, markup=False)


def brief(b: Brief, states: list[State]) -> None:
    out = console()
    room = width()
    out.print(f"[bold]{escape(b.title)}[/bold]")
    details = [
        ("Brief", b.id),
        ("File", b.shown),
        ("Author", ", ".join(b.authors)),
        ("Published", str(b.published)),
        ("Scale", b.scale.name),
        ("Tags", ", ".join(b.tags)),
        ("URL", b.url or ""),
    ]
    lines = [line for name, v in details if v for line in wrap(visible(v), room, f"{name}: ", "  ")]
    items = [
        Record(
            visible(s.forecast.id),
            (window_text(s.forecast.window), visible(term_text(s.forecast)), status_text(s)),
            visible(s.forecast.statement),
        )
        for s in states
    ]
    columns = (
        Column("Window", wrap=True, uniform=True),
        Column("Term", wrap=True),
        Column("Status", wrap=True),
    )
    lines += ["", *records(Column("Forecast"), columns, items, room, text="Statement")]
    for line in lines:
        out.print(line, markup=False)


def check_summary(
    n_briefs: int, n_forecasts: int, errors: int, warnings: int, invalid: int
) -> None:
    verdict = "all valid" if not invalid else f"{count(invalid, 'brief')} invalid"
    text = (
        f"Checked {count(n_briefs, 'brief')} ({count(n_forecasts, 'forecast')} in the valid "
        f"ones): {verdict}; {count(errors, 'error')}, {count(warnings, 'warning')}."
    )
    say(text)


def scales(items: list[Scale], default: str) -> None:
    out = console()
    room = width()
    columns = (
        Column("Term", wrap=True),
        Column("Band"),
        Column("Point", right=True),
        Column("Phrasings", wrap=True),
    )
    for scale in items:
        mark = " (default)" if scale.name == default else ""
        lines = [*wrap(visible(f"{scale.name}{mark}: {scale.title}"), room), ""]
        rows = [
            (
                visible(term.name),
                band_text(term.low, term.high),
                f"{percent(term.point)} %",
                visible(", ".join(term.phrasings)),
            )
            for term in scale.terms
        ]
        lines += table(columns, rows, room) or overflowing(columns, rows)
        if scale.source:
            lines += wrap(visible(f"Source: {scale.source}"), room, "", "  ")
        lines.append("")
        for line in lines:
            out.print(line, markup=False)
