"""The `forecast` command: its options, and the one place errors become messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

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


class _Command(TyperCommand):
    """A command whose usage line names its arguments as a user types them: `REF` when
    required, `[REF]` when not (Typer writes `{REF}` and, for a metavar in brackets,
    `[[REF]]`), and whose help lists them without Typer's `<str>`."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(_argument_name(param, usage=True))
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((_argument_name(param), record[1]))
            else:
                options.append(record)
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)


def _argument_name(param: Any, usage: bool = False) -> str:
    name = str(param.metavar or param.name.upper())
    if usage and not param.required:
        name = f"[{name}]"
    return name + ("..." if param.nargs != 1 else "")


_F = TypeVar("_F", bound=Callable[..., Any])


class _Typer(typer.Typer):
    """Every command of the app is a `_Command`."""

    def command(
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[_F], _F]:
        return super().command(name, cls=cls or _Command, **kwargs)


app = _Typer(
    name="forecast",
    cls=_Group,
    help="Hold analysis briefs to account: what is due, what happened, what the terms mean.",
    no_args_is_help=True,
    # Typer's completion for bash, zsh and fish: `--install-completion` and
    # `--show-completion`; it answers through the _FORECAST_COMPLETE variable.
    add_completion=True,
    # -h as well as --help, on every command: a command's context inherits it.
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from forecastcli import __version__

        typer.echo(f"forecast {__version__}")
        raise typer.Exit()


@app.callback()
def _group(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print the version and exit.",
            callback=_version,
            is_eager=True,
            expose_value=False,
        ),
    ] = False,
) -> None:
    # A callback keeps `forecast` a group of commands even when `cli.main` registers a
    # module that declares a single command: Typer would otherwise run that one directly.
    pass


def _command_group() -> None:
    pass


def without_group_options() -> None:
    """Leave the group's own options off, for a process that runs a command (`forecast
    due`): --version and the completion options belong before any command, and building
    them costs half a millisecond of every start. `forecast --version`, `forecast -h` and
    the shell's completion (which runs `forecast` with no word) still have them."""
    assert app.registered_callback is not None
    app.registered_callback.callback = _command_group
    # Typer reads this attribute when it builds the group; if a release renamed it, the
    # completion options would only be built for nothing.
    app._add_completion = False


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


def offer(*words: str) -> Callable[[str], list[str]]:
    """What shell completion offers for an option's value: the words that start with what
    is typed."""

    def complete(incomplete: str) -> list[str]:
        return [word for word in words if word.startswith(incomplete)]

    return complete


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
