"""Output of `import`: the forecasts found and the marks a human must look at."""

from __future__ import annotations

from forecastcli.importer import Draft, DraftForecast
from forecastcli.render import console, escape, table
from forecastcli.render.words import count, term_text


def _term(f: DraftForecast) -> str:
    return term_text(f) if f.active else "— (commented out)"


def summary(draft: Draft, path: str, *, dry_run: bool, exists: bool, replaced: bool) -> None:
    """The table of forecasts and the marks; on stderr for a dry run, whose stdout is YAML."""
    out = console(stderr=dry_run)
    byline = ", ".join(draft.authors) or "no author"
    out.print(f"[bold]{escape(draft.title)}[/bold]")
    out.print(f"By {escape(byline)}, published {draft.published}, scale {draft.scale.name}")
    t = table("Forecast", "Horizon", "Term", "Band", "Marks")
    # Ids are what the user types next (`forecast show ID`): never broken across lines.
    t.columns[0].no_wrap = True
    t.columns[1].no_wrap = True
    t.columns[2].min_width = 14
    t.columns[3].no_wrap = True
    for f in draft.forecasts:
        t.add_row(
            escape(f.id),
            escape(f.horizon or "—"),
            escape(_term(f)),
            f.band or "—",
            str(len(f.marks)) if f.marks else "",
        )
    out.print(t)
    marks = draft.all_marks()
    if marks:
        out.print(f"To review ({len(marks)}):")
        for fid, mark in marks:
            out.print(f"  {escape(fid or 'brief')}: {escape(mark)}")
    active = sum(1 for f in draft.forecasts if f.active)
    parked = len(draft.forecasts) - active
    counts = count(active, "forecast")
    if parked:
        counts += f", {parked} commented out"
    counts += f", {count(len(marks), 'mark')} to review"
    if dry_run:
        out.print(f"Dry run: would write {escape(path)} ({counts}); nothing written.")
        if exists:
            out.print(f"{escape(path)} exists: writing it needs --force.")
    else:
        verb = "Replaced" if replaced else "Wrote"
        out.print(f"{verb} {escape(path)} ({counts}).")
