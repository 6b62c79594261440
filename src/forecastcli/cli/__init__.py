"""The command line: declares commands and renders their results. No logic lives here."""

from importlib import import_module

from forecastcli.cli.base import app, main

# Importing a module registers its commands; `forecast --help` lists them in this order,
# the order of an analyst's loop.
for _module in ("importing", "tracking", "resolve", "calibration", "report"):
    import_module(f"forecastcli.cli.{_module}")

__all__ = ["app", "main"]
