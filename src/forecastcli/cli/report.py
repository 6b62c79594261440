"""The command that writes the weekly report: report."""

from __future__ import annotations

from typing import Annotated

import typer

from forecastcli.cli.base import (
    AsOfOpt,
    BriefsOpt,
    NoCacheOpt,
    OutputOpt,
    app,
    as_of_day,
    finish,
    load_briefs,
    offer,
)
from forecastcli.dates import MAX_DAYS
from forecastcli.errors import UsageError, check_choice


@app.command()
def report(
    briefs: BriefsOpt = None,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    days: Annotated[
        int,
        typer.Option(
            "--days",
            metavar="DAYS",
            min=1,
            max=MAX_DAYS,
            help="The period: this many days, ending with the as-of day.",
        ),
    ] = 7,
    format_: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="markdown|html|text",
            autocompletion=offer("markdown", "html", "text"),
            help="The format [default: from the --output file's extension (.md, .html or "
            ".htm, .txt), else markdown].",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
) -> None:
    """Write the weekly report: due, coming due, resolved, calibration, problems.

    The same briefs and --as-of give the same report, byte for byte. Exit 0: written;
    1: written, but some briefs are invalid (listed on stderr and under Problems), or
    the file could not be written; 2: a usage error. With --output nothing is printed
    when all is well, so cron mails only what needs attention.

    Example: forecast report --as-of 2026-11-29 --format html --output reports/2026-W48.html
    """
    from forecastcli import report as reporting

    fmt = format_
    if fmt is None and output is not None:
        # `-o r.pdf` must not write Markdown into a file its name says is something else.
        fmt = reporting.format_for(output.name)
        if fmt is None:
            what = f"{output.suffix} is none of them" if output.suffix else "it has none"
            raise UsageError(
                f"--output {output}: the format comes from the file's extension (.md, .html "
                f"or .htm, .txt), and {what}; rename the file or give --format "
                "markdown|html|text"
            )
    fmt = fmt or "markdown"
    check_choice("--format", fmt, reporting.FORMATS)
    day = as_of_day(as_of)
    settings, archive = load_briefs(briefs, no_cache)
    made = reporting.build(archive, settings, day, days)

    from forecastcli.render import report as render

    text = render.render(made, fmt)
    if output is None:
        render.emit(text)
    else:
        from forecastcli.atomic import write_file

        write_file(output, text)
    finish(archive.problems)
