"""Output of `due`, `list`, `show`, `check` and `scales`."""

from __future__ import annotations

from forecastcli.model import Brief, Resolution
from forecastcli.render import console, escape, table
from forecastcli.render.plain import status_text
from forecastcli.render.words import band_of, band_text, count, percent, term_text, window_text
from forecastcli.scales import Scale
from forecastcli.status import State


def forecast(state: State, history: list[tuple[Resolution, bool]], brief: Brief) -> None:
    out = console()
    f = state.forecast
    out.print(f"[bold]{escape(f.ref)}[/bold]")
    out.print(f"Brief:      {escape(brief.title)} ({brief.published})")
    out.print(f"Statement:  {escape(f.statement)}")
    rows = [
        ("Term", term_text(f)),
        ("Band", f"{band_of(f)} on scale {brief.scale.name}, scored at {percent(f.probability)} %"),
        ("Horizon", f.horizon or "own dates"),
        ("Window", window_text(f.window)),
        ("Confidence", f.confidence or ""),
        ("Criteria", f.criteria or ""),
        ("Quote", f.quote or ""),
        ("Status", status_text(state)),
    ]
    for name, value in rows:
        if value:
            out.print(f"{name + ':':<11} {escape(value)}")
    if not history:
        out.print("History:    no resolutions recorded")
        return
    out.print("History:    (the last entry that counts is the outcome)")
    for entry, counts in history:
        recorded = f"recorded {entry.recorded:%Y-%m-%d %H:%M}Z" if entry.recorded else ""
        by = f" by {entry.by}" if entry.by else ""
        later = "" if counts else " (after the as-of day: not counted)"
        out.print(f"  {entry.date}  {entry.outcome:<9}{escape(recorded + by + later)}")
        if entry.note:
            out.print(f"      {escape(entry.note)}")
        for source in entry.sources:
            out.print(f"      Source: {escape(source)}")


def brief(b: Brief, states: list[State]) -> None:
    out = console()
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
    for name, value in details:
        if value:
            out.print(f"{name}: {escape(value)}")
    t = table("Forecast", "Window", "Term", "Status", "Statement")
    for s in states:
        f = s.forecast
        t.add_row(
            escape(f.id),
            window_text(f.window),
            escape(term_text(f)),
            status_text(s),
            escape(f.statement),
        )
    out.print(t)


def check_summary(
    n_briefs: int, n_forecasts: int, errors: int, warnings: int, invalid: int
) -> None:
    verdict = "all valid" if not invalid else f"{count(invalid, 'brief')} invalid"
    console().print(
        f"Checked {count(n_briefs, 'brief')} ({count(n_forecasts, 'forecast')} in the valid "
        f"ones): {verdict}; {count(errors, 'error')}, {count(warnings, 'warning')}."
    )


def scales(items: list[Scale], default: str) -> None:
    out = console()
    for scale in items:
        mark = " (default)" if scale.name == default else ""
        t = table(
            "Term", "Band", "Point", "Phrasings", title=escape(f"{scale.name}{mark}: {scale.title}")
        )
        for term in scale.terms:
            t.add_row(
                escape(term.name),
                band_text(term.low, term.high),
                f"{percent(term.point)} %",
                escape(", ".join(term.phrasings)),
            )
        out.print(t)
        if scale.source:
            out.print(f"Source: {escape(scale.source)}")
        out.print()
