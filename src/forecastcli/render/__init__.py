"""All terminal output: Rich tables and JSON. The only place that imports Rich.

Rich decides colour from the stream itself, so NO_COLOR, pipes and TERM=dumb come out
plain without any code here.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from forecastcli.safetext import visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

# Rich is imported where it is used, so that `--json` and the start-up do without it.


def escape(text: str) -> str:
    """Text from a file as Rich markup: control characters made visible (SPEC section 8),
    square brackets escaped so that they are shown, not read as styles."""
    from rich.markup import escape as markup

    return markup(visible(text))


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    # Made per call so that the stream in use at that moment (a test's capture) is used.
    return Console(file=sys.stderr if stderr else sys.stdout, highlight=False, soft_wrap=True)


def print_json(data: Any) -> None:
    """Stable JSON (`figures.json_text`): sorted keys, tidy numbers, dates already text."""
    from forecastcli.figures import json_text

    sys.stdout.write(json_text(data))


def table(*columns: str, title: str | None = None) -> Table:
    from rich import box
    from rich.table import Table

    t = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False)
    for name in columns:
        t.add_column(name)
    return t
