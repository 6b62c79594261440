"""The one error family of forecastcli, and the exit codes the CLI turns it into."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from forecastcli.safetext import one_line

# Exit codes, documented in the README.
EXIT_OK = 0
EXIT_DATA = 1  # an invalid brief, an unknown reference, a refused write
EXIT_USAGE = 2  # a bad option or argument
EXIT_INTERRUPTED = 130  # the walk stopped with Ctrl-C: the shell's 128 + SIGINT


@dataclass(frozen=True)
class Problem:
    """One problem in one file, pointed at by line and column (both 1-based).

    Problems sort by file, line, column and message, as `check` lists them: `__lt__` is
    written out, since order=True would make four methods at every start for sorting's one.
    """

    path: str
    line: int
    column: int
    message: str
    warning: bool = False

    def __lt__(self, other: Problem) -> bool:
        return (self.path, self.line, self.column, self.message, self.warning) < (
            other.path,
            other.line,
            other.column,
            other.message,
            other.warning,
        )

    def __str__(self) -> str:
        """`PATH:LINE:COL: message` on one line, control characters made visible.

        A problem about the file as a whole, with no line to point at (it cannot be read),
        is `PATH: message`, as compilers write it.
        """
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        kind = "warning: " if self.warning else ""
        return one_line(f"{where}: {kind}{self.message}")


class ForecastError(Exception):
    """Bad input or a refused action: reported as one line, never as a traceback."""

    exit_code = EXIT_DATA

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []


class DataError(ForecastError):
    """The briefs, the settings or a reference are wrong (exit 1)."""

    exit_code = EXIT_DATA


class UsageError(ForecastError):
    """The command was called wrongly (exit 2)."""

    exit_code = EXIT_USAGE


def check_choice(option: str, value: str | None, choices: Collection[str]) -> None:
    """A usage error unless `value` (None: the option was not given) is one of `choices`."""
    if value is not None and value not in choices:
        raise UsageError(f"{option} must be one of {', '.join(choices)}, not {value!r}")


def shown_path(path: Path) -> str:
    """A path as the user knows it: relative to the current folder where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
