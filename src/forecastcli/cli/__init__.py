"""The command line: declares commands and renders their results. No logic lives here."""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Any

# The modules that declare commands, in the order `forecast --help` lists them: the order
# of an analyst's loop. Importing a module registers its commands.
MODULES = ("init", "importing", "tracking", "resolve", "calibration", "report")
# Which module declares each command, so that running one imports only what it needs.
COMMANDS = {
    "init": "init",
    "import": "importing",
    "due": "tracking",
    "list": "tracking",
    "show": "tracking",
    "check": "tracking",
    "scales": "tracking",
    "resolve": "resolve",
    "calibration": "calibration",
    "export": "calibration",
    "report": "report",
}


def register(modules: tuple[str, ...] = MODULES) -> Any:
    """Register the commands of `modules` on the app, and return the app."""
    for module in modules:
        import_module(f"forecastcli.cli.{module}")
    from forecastcli.cli.base import app

    return app


def __getattr__(name: str) -> Any:
    # `from forecastcli.cli import app` gives the app with every command on it.
    if name == "app":
        return register()
    raise AttributeError(name)


def main() -> None:
    """The `forecast` command: registers the command asked for alone, else all of them."""
    words = [a for a in sys.argv[1:2] if not a.startswith("-")]
    module = COMMANDS.get(words[0]) if words else None
    app = register((module,) if module else MODULES)
    if module is not None:
        from forecastcli.cli.base import without_group_options

        without_group_options()
        # Typer builds every registered command before it runs one (a few milliseconds
        # each); a module declares several, and this process runs one.
        app.registered_commands = [
            info
            for info in app.registered_commands
            if (info.name or getattr(info.callback, "__name__", None)) == words[0]
        ]
    app(prog_name="forecast")


__all__ = ["COMMANDS", "MODULES", "app", "main", "register"]
