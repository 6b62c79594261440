"""The commands that read briefs: due, list, show, check, scales."""

from __future__ import annotations

from typing import Annotated

import typer

from forecastcli.cli.base import (
    AsOfOpt,
    BriefFilter,
    BriefsOpt,
    JsonOpt,
    NoCacheOpt,
    TagFilter,
    app,
    as_of_day,
    finish,
    load_briefs,
    offer,
)
from forecastcli.dates import MAX_DAYS
from forecastcli.errors import DataError, check_choice


@app.command()
def due(
    briefs: BriefsOpt = None,
    as_of: AsOfOpt = None,
    within: Annotated[
        int | None,
        typer.Option(
            "--within",
            metavar="DAYS",
            min=0,
            max=MAX_DAYS,
            show_default=False,
            help="Also list forecasts closing within DAYS [default: due_within, 14].",
        ),
    ] = None,
    brief: BriefFilter = None,
    tag: TagFilter = None,
    json: JsonOpt = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """List forecasts that have reached their horizon and await an outcome.

    Example: forecast due --as-of 2026-11-27
    """
    day = as_of_day(as_of)
    settings, archive = load_briefs(briefs, no_cache)
    days = settings.due_within if within is None else within
    items = archive.due(day, days, archive.choose(brief, tag))
    if json:
        from forecastcli.records import due_record
        from forecastcli.render import print_json

        print_json([due_record(s) for s in items])
    else:
        from forecastcli.render.plain import due as show_due

        show_due(items, day, days, archive.short_ref)
    finish(archive.problems)


@app.command("list")
def list_(
    briefs: BriefsOpt = None,
    as_of: AsOfOpt = None,
    status_: Annotated[
        str | None,
        typer.Option(
            "--status",
            metavar="open|due|resolved",
            autocompletion=offer("open", "due", "resolved"),
            show_default=False,
            help="open: no outcome yet (due included); due: window closed, no "
            "outcome; resolved: outcome recorded.",
        ),
    ] = None,
    brief: BriefFilter = None,
    tag: TagFilter = None,
    json: JsonOpt = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """List every forecast with its window, term, band and status.

    Example: forecast list --status open
    """
    from forecastcli import status
    from forecastcli.archive import select
    from forecastcli.records import state_record

    check_choice("--status", status_, status.FILTERS)
    day = as_of_day(as_of)
    _, archive = load_briefs(briefs, no_cache)
    items = status.states(select(archive, brief, tag), day)
    if status_ is not None:
        items = status.chosen(items, status.Status(status_))
    if json:
        from forecastcli.render import print_json

        print_json([state_record(s) for s in items])
    else:
        from forecastcli.render.plain import listing

        listing(items, day, archive.short_ref)
    finish(archive.problems)


@app.command()
def show(
    ref: Annotated[
        str, typer.Argument(metavar="REF", help="BRIEF/ID, a unique ID, or a brief id.")
    ],
    briefs: BriefsOpt = None,
    as_of: AsOfOpt = None,
    json: JsonOpt = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """Show one forecast with its history of resolutions, or a whole brief.

    Example: forecast show signing-ceremony
    """
    from forecastcli import records, status

    day = as_of_day(as_of)
    _, archive = load_briefs(briefs, no_cache)
    whole = archive.brief(ref)
    if whole is not None:
        states = status.states([whole], day)
        if json:
            from forecastcli.render import print_json

            print_json(records.brief_record(whole, states))
        else:
            from forecastcli.render import tracking

            tracking.brief(whole, states)
        finish(archive.problems)
    try:
        found_brief, forecast = archive.find(ref)
    except DataError:
        # The reference may name a forecast of a brief left out: say which are invalid.
        for problem in archive.problems:
            typer.echo(str(problem), err=True)
        raise
    state = next(s for s in status.states([found_brief], day) if s.forecast.id == forecast.id)
    history = [(r, r.counts_from <= day) for r in found_brief.history(forecast.id)]
    if json:
        from forecastcli.render import print_json

        print_json(records.forecast_record(state, history))
    else:
        from forecastcli.render import tracking

        tracking.forecast(state, history, found_brief)
    finish(archive.problems)


@app.command()
def check(
    briefs: BriefsOpt = None,
    json: JsonOpt = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """Check every brief file and print every problem, with its file and line.

    Errors make a brief invalid (exit 1); warnings are printed but leave the exit code at 0.

    Example: forecast check
    """

    _, archive = load_briefs(briefs, no_cache)
    problems = sorted(archive.problems + archive.warnings)
    n_forecasts = archive.forecast_count
    if json:
        from forecastcli.records import problem_record
        from forecastcli.render import print_json

        print_json([problem_record(p) for p in problems])
    for p in problems:
        typer.echo(str(p), err=True)
    if not json:
        from forecastcli.render import tracking

        tracking.check_summary(
            archive.brief_count + len(archive.invalid),
            n_forecasts,
            len(archive.problems),
            len(archive.warnings),
            len(archive.invalid),
        )
    raise typer.Exit(1 if archive.problems else 0)


@app.command()
def scales(
    name: Annotated[
        str | None, typer.Argument(metavar="SCALE", help="Show only this scale.")
    ] = None,
    briefs: BriefsOpt = None,
    json: JsonOpt = False,
) -> None:
    """Show the probability scales, their terms, bands and phrasings.

    Example: forecast scales phia
    """
    from forecastcli.config import load_settings
    from forecastcli.errors import DataError

    settings = load_settings(briefs)
    chosen = list(settings.scales.values())
    if name is not None:
        if name not in settings.scales:
            raise DataError(f"no scale {name!r}; known: {', '.join(sorted(settings.scales))}")
        chosen = [settings.scales[name]]
    if json:
        from forecastcli.records import scale_record
        from forecastcli.render import print_json

        print_json([scale_record(s, settings.scale) for s in chosen])
        return
    from forecastcli.render import tracking

    tracking.scales(chosen, settings.scale)
