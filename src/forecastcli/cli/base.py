"""The `forecast` command: its options, and the one place errors become messages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from forecastcli import clock
from forecastcli.cli.coercion import plain_coercion
from forecastcli.errors import EXIT_DATA, EXIT_OK, ForecastError, UsageError
from forecastcli.safetext import one_line

if TYPE_CHECKING:
    from forecastcli.archive import Archive
    from forecastcli.config import Settings
    from forecastcli.errors import Problem


class _Group(TyperGroup):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        plain_coercion(self, ctx)
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            plain_coercion(command, ctx)
        return name, command, rest

    def invoke(self, ctx: Any) -> Any:
        # The single place where a ForecastError becomes a message and an exit code.
        try:
            return super().invoke(ctx)
        except ForecastError as exc:
            for problem in exc.problems:
                typer.echo(str(problem), err=True)
            if not exc.problems:
                typer.echo(one_line(f"Error: {exc.message}"), err=True)
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


@app.callback()
def _group() -> None:
    # A callback keeps `forecast` a group of commands even when `cli.main` registers a
    # module that declares a single command: Typer would otherwise run that one directly.
    pass


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
NoCacheOpt = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Read every brief file afresh, ignoring the parse cache (FORECAST_CACHE_DIR).",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (replaced whole, folders created) [default: standard output].",
        show_default=False,
    ),
]
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


def day_option(option: str, value: str) -> dt.date:
    """The day given to a command-line option (a date, today or yesterday), or a usage
    error that names the option and says why, with the ISO form where there is one."""
    from forecastcli import dates

    try:
        return dates.read_day(value, clock.today())
    except dates.NotADate as exc:
        refused = exc
    if refused.numeric:
        # Only an all-numeric date (05/01/2026) depends on the settings: forecast.yaml is
        # read for its `date_order` then, and not on every command's way in.
        from forecastcli.config import load_settings

        order = load_settings().date_order
        if order != "iso":
            try:
                return dates.read_day(value, clock.today(), order)
            except dates.NotADate as exc:
                refused = exc
    raise UsageError(f"{option}: {refused}")


def as_of_day(value: str | None) -> dt.date:
    return clock.today() if value is None else day_option("--as-of", value)


def load_briefs(briefs: Path | None, no_cache: bool = False) -> tuple[Settings, Archive]:
    """Settings and every brief, through the parse cache unless --no-cache, with progress."""
    from forecastcli.loading import open_folder
    from forecastcli.render.progress import LoadingBar

    return open_folder(briefs, use_cache=not no_cache, progress=LoadingBar())


def finish(problems: list[Problem]) -> NoReturn:
    """End a read-only command: list the invalid briefs' problems on stderr, by file and
    line as `forecast check` lists them, and exit 1 if there are any."""
    for problem in sorted(problems):
        typer.echo(str(problem), err=True)
    raise typer.Exit(EXIT_DATA if problems else EXIT_OK)
