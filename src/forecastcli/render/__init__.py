"""All terminal output: text through Rich, and JSON. The only place that imports Rich.

Rich decides colour from the stream itself, so NO_COLOR, pipes and TERM=dumb come out
plain without any code here.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from forecastcli.safetext import visible

if TYPE_CHECKING:
    from rich.console import Console

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


def say(text: str, first: str = "", rest: str = "", err: bool = False) -> None:
    """Text wrapped at words to the width of stdout (or stderr), each line printed as it
    is (no markup): never cut mid-word at the terminal's edge."""
    from forecastcli.render.layout import width, wrap

    out = console(stderr=err)
    for line in wrap(text, width(err), first, rest):
        out.print(line, markup=False)


def print_json(data: Any) -> None:
    """Stable JSON (`figures.json_text`): sorted keys, tidy numbers, dates already text."""
    from forecastcli.figures import json_text

    sys.stdout.write(json_text(data))
