"""Output of `import`: the forecasts found and the marks a human must look at."""

from __future__ import annotations

from forecastcli.importer import Draft, DraftForecast
from forecastcli.render import console, escape
from forecastcli.render.layout import Column, Record, records, width, wrap
from forecastcli.render.words import count, term_text
from forecastcli.safetext import visible


def _term(f: DraftForecast) -> str:
    return term_text(f) if f.active else "— (commented out)"


def summary(draft: Draft, path: str, *, dry_run: bool, exists: bool, replaced: bool) -> None:
    """The table of forecasts and the marks; on stderr for a dry run, whose stdout is YAML."""
    out = console(stderr=dry_run)
    room = width(stderr=dry_run)
    byline = ", ".join(draft.authors) or "no author"
    out.print(f"[bold]{escape(draft.title)}[/bold]")
    lines = wrap(
        visible(f"By {byline}, published {draft.published}, scale {draft.scale.name}"), room
    )
    # Ids are what the user types next (`forecast show ID`): never broken across lines.
    items = [
        Record(
            visible(f.id),
            (
                visible(f.horizon or "—"),
                visible(_term(f)),
                f.band or "—",
                str(len(f.marks)) if f.marks else "",
            ),
        )
        for f in draft.forecasts
    ]
    columns = (
        Column("Horizon"),
        Column("Term", wrap=True),
        Column("Band"),
        Column("Marks", right=True),
    )
    lines += ["", *records(Column("Forecast"), columns, items, room), ""]
    marks = draft.all_marks()
    if marks:
        lines.append(f"To review ({len(marks)}):")
        for fid, mark in marks:
            lines += wrap(visible(f"{fid or 'brief'}: {mark}"), room, "  ", "    ")
    active = sum(1 for f in draft.forecasts if f.active)
    parked = len(draft.forecasts) - active
    counts = count(active, "forecast")
    if parked:
        counts += f", {parked} commented out"
    counts += f", {count(len(marks), 'mark')} to review"
    if dry_run:
        done = f"Dry run: would write {path} ({counts}); nothing written."
        lines += wrap(visible(done), room, "", "  ")
        if exists:
            lines += wrap(visible(f"{path} exists: writing it needs --force."), room, "", "  ")
    else:
        verb = "Replaced" if replaced else "Wrote"
        lines += wrap(visible(f"{verb} {path} ({counts})."), room, "", "  ")
    for line in lines:
        out.print(line, markup=False)
