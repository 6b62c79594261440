"""The `forecast` command: its options, and the one place errors become messages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from forecastcli.errors import EXIT_DATA, EXIT_OK, ForecastError, UsageError


class _Group(TyperGroup):
    def invoke(self, ctx: Any) -> Any:
        # The single place where a ForecastError becomes a message and an exit code.
        try:
            return super().invoke(ctx)
        except ForecastError as exc:
            for problem in exc.problems:
                typer.echo(str(problem), err=True)
            if not exc.problems:
                typer.echo(f"Error: {exc.message}", err=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    name="forecast",
    cls=_Group,
    help="Hold analysis briefs to account: what is due, what happened, what the terms mean.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

BriefsOpt = Annotated[
    Path | None,
    typer.Option(
        "--briefs",
        envvar="FORECAST_BRIEFS",
        metavar="DIR",
        help="Folder of brief files [default: forecast.yaml's `briefs`, else ./briefs].",
        show_default=False,
        show_envvar=True,
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="See the briefs as they stood at the end of this day (a date, today or "
        "yesterday) [default: today].",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
BriefFilter = Annotated[
    list[str] | None,
    typer.Option("--brief", metavar="ID", help="Only this brief (repeatable).", show_default=False),
]
TagFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--tag", metavar="TAG", help="Only briefs with this tag (repeatable).", show_default=False
    ),
]


def today() -> dt.date:
    """Today's date in UTC, the clock of the `recorded` stamps; tests replace it.

    A resolution counts from the UTC day of its stamp, so a local "today" would leave an
    answer just recorded in a New York evening off `forecast due` until local midnight.
    """
    return dt.datetime.now(dt.timezone.utc).date()


def day_option(option: str, value: str) -> dt.date:
    """The date given to a command-line option, or a usage error that names the option."""
    from forecastcli.dates import parse_date

    day = parse_date(value)
    if day is None:
        raise UsageError(f"{option}: {value!r} is not a date; write it as 2026-11-27")
    return day


# Relative days for --as-of, so a crontab line can say "the week that ended yesterday".
RELATIVE_DAYS = {"today": 0, "yesterday": 1}


def as_of_day(value: str | None) -> dt.date:
    if value is None:
        return today()
    relative = RELATIVE_DAYS.get(value.strip().lower())
    if relative is not None:
        return today() - dt.timedelta(days=relative)
    return day_option("--as-of", value)


def finish(problems: list[Any]) -> None:
    """End a read-only command: list the invalid briefs on stderr and exit 1 if any."""
    for problem in problems:
        typer.echo(str(problem), err=True)
    raise typer.Exit(EXIT_DATA if problems else EXIT_OK)


def main() -> None:
    app(prog_name="forecast")
