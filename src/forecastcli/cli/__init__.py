"""The command line: declares commands and renders their results. No logic lives here."""

from forecastcli.cli import importing as _importing  # noqa: F401  (registers import)
from forecastcli.cli import tracking as _tracking  # noqa: F401  (registers the commands)
from forecastcli.cli.base import app, main

__all__ = ["app", "main"]
