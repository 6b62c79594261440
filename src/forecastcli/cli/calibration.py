"""The commands that score and export: calibration, export."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from forecastcli.cli.base import (
    AsOfOpt,
    BriefFilter,
    BriefsOpt,
    JsonOpt,
    NoCacheOpt,
    OutputOpt,
    TagFilter,
    app,
    as_of_day,
    day_option,
    finish,
    load_briefs,
    offer,
)
from forecastcli.errors import UsageError, check_choice

BY_HELP = "One block per group: term, horizon, confidence, author, brief, tag, year or quarter."


def _day_option(name: str, value: str | None) -> dt.date | None:
    return None if value is None else day_option(name, value)


@app.command()
def calibration(
    briefs: BriefsOpt = None,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="term|horizon|confidence|author|brief|tag|year|quarter",
            autocompletion=offer(
                "term", "horizon", "confidence", "author", "brief", "tag", "year", "quarter"
            ),
            help=BY_HELP,
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="Only forecasts whose window closes on or after DATE.",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="DATE",
            help="Only forecasts whose window closes on or before DATE.",
            show_default=False,
        ),
    ] = None,
    include_open: Annotated[
        bool,
        typer.Option(
            "--include-open",
            help="Also score forecasts resolved before their window closed.",
        ),
    ] = False,
    brief: BriefFilter = None,
    tag: TagFilter = None,
    json: JsonOpt = False,
) -> None:
    """Score calibration: does each term mean what it says? Brier score and its parts.

    Example: forecast calibration --by horizon
    """
    from forecastcli import breakdown, scoring

    check_choice("--by", by, breakdown.BY_CHOICES)
    day = as_of_day(as_of)
    first, last = _day_option("--since", since), _day_option("--until", until)
    if first and last and first > last:
        raise UsageError(f"--since {first} is after --until {last}")
    settings, archive = load_briefs(briefs, no_cache)
    chosen = archive.choose(brief, tag)
    found = []
    if by is None:
        # Counted straight from the index's columns on a large archive: nothing is built.
        overall = scoring.scored(archive.count(day, chosen, include_open, first, last))
    else:
        states = breakdown.within(archive.standings(day, chosen), first, last)
        overall = scoring.calibrate(states, day, include_open)
        found = breakdown.breakdown(states, day, by, include_open, order=settings.horizons)
    if json:
        from forecastcli.records import calibration_report
        from forecastcli.render import print_json

        print_json(calibration_report(overall, by, found))
    else:
        from forecastcli.render import calibration as render

        windows = "any window" if include_open else "windows closed by then"
        title = f"Calibration as of {day} ({windows}"
        if first or last:
            title += f"; closing {first or 'any time'} to {last or 'any time'}"
        title += ")"
        if by is None:
            render.block(overall, title)
        else:
            render.groups(found, by, title, overall)
    finish(archive.problems)


@app.command()
def export(
    briefs: BriefsOpt = None,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    format_: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="csv|json",
            autocompletion=offer("csv", "json"),
            help="The file format.",
        ),
    ] = "csv",
    output: OutputOpt = None,
    brief: BriefFilter = None,
    tag: TagFilter = None,
) -> None:
    """Export every forecast with its brief, window, term and outcome, one row each.

    Example: forecast export --format csv --output forecasts.csv
    """
    from forecastcli import export as exporting
    from forecastcli import status
    from forecastcli.archive import select
    from forecastcli.atomic import write_file
    from forecastcli.records import export_record

    check_choice("--format", format_, exporting.FORMATS)
    day = as_of_day(as_of)
    _, archive = load_briefs(briefs, no_cache)
    records = [export_record(s) for s in status.states(select(archive, brief, tag), day)]
    text = exporting.to_csv(records) if format_ == "csv" else exporting.to_json(records)
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_file(output, text)
        count = "1 forecast" if len(records) == 1 else f"{len(records)} forecasts"
        typer.echo(f"Wrote {count} to {output}.", err=True)
    finish(archive.problems)
