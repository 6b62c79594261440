"""Output and prompts of `forecast resolve`: the confirmation, and the walk's questions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from rich.prompt import Confirm, Prompt
from rich.text import Text

from forecastcli.dates import NotADate, read_day
from forecastcli.model import Forecast, Outcome, Resolution
from forecastcli.render import console, say
from forecastcli.render.layout import width, wrap
from forecastcli.render.plain import status_text
from forecastcli.render.words import term_text, window_text
from forecastcli.safetext import visible
from forecastcli.status import State

SKIP = "skip"
QUIT = "quit"
# The key of each answer: an outcome's first letter (y, n, a, v), s and q.
KEYS: dict[str, Outcome | str] = {o.value[0]: o for o in Outcome} | {"s": SKIP, "q": QUIT}


@dataclass(frozen=True)
class Answer:
    outcome: Outcome
    date: dt.date
    note: str | None
    sources: tuple[str, ...]
    early: bool  # the analyst confirmed a `no` before the window closes


def recorded(
    ref: str, entry: Resolution, shown: str, was: Resolution | None, err: bool = True
) -> None:
    """One line saying what was written where; on stderr for a single resolve."""
    correcting = f", correcting {was.outcome} dated {was.date}" if was is not None else ""
    say(
        visible(f"Recorded: {ref} resolved {entry.outcome} on {entry.date}{correcting} ({shown})."),
        rest="  ",
        err=err,
    )


def committed(commit: str, message: str, err: bool = True) -> None:
    """One line naming the commit that holds the entry (`resolve --commit`)."""
    say(visible(f"Committed {commit}: {message}"), rest="  ", err=err)


def walk_start(count: int, as_of: dt.date) -> None:
    due = "forecast" if count == 1 else "forecasts"
    say(f"{count} {due} due or coming due as of {as_of}, earliest close first.")
    say(
        "Answer y yes, n no, a ambiguous (cannot be judged), v void (the question lost its "
        "meaning), s skip, q quit. Each answer is saved at once."
    )


def nothing_due(as_of: dt.date, within: int) -> None:
    say(f"Nothing awaits an outcome as of {as_of} (due, or coming due within {within} days).")


def show(state: State, index: int, total: int, short: Callable[[Forecast], str]) -> None:
    f = state.forecast
    console().print()
    say(visible(f"[{index}/{total}] {short(f)} ({status_text(state)})"), rest="  ")
    rows = [
        ("Brief", f"{state.brief.title} ({state.brief.published})"),
        ("Forecast", f.statement),
        # The band, as a reminder of what the term claims; its own p is left to `show`.
        ("Term", term_text(f, band=True, own_p=False)),
        ("Window", window_text(f.window)),
    ]
    if f.criteria:
        rows.append(("Criteria", f.criteria))
    for name, value in rows:
        say(visible(value), f"{name + ':':<10}", " " * 10)


# Room kept after a question's last line for the answer, so that a date fits beside it.
ANSWER = 12


def _question(text: str) -> Text:
    """A question wrapped at words: every line but the last is printed; the last is the
    prompt, short enough to leave room for the answer."""
    lines = wrap(text, max(width() - ANSWER, 20))
    out = console()
    for line in lines[:-1]:
        out.print(line, markup=False)
    return Text(lines[-1] + " ")


def ask(forecast: Forecast, as_of: dt.date, today: dt.date, order: str) -> Answer | str:
    """Ask for one forecast's outcome; SKIP or QUIT, or the answer to write.

    EOFError (input closed) and KeyboardInterrupt (Ctrl-C) pass through to the caller,
    after a line break: the terminal leaves its cursor after the question (and `^C`).
    """
    try:
        return _ask(forecast, as_of, today, order)
    except (EOFError, KeyboardInterrupt):
        console().print()
        raise


def _ask(forecast: Forecast, as_of: dt.date, today: dt.date, order: str) -> Answer | str:
    out = console()
    choices = list(KEYS)
    while True:
        key = _Asking.ask(
            _question(f"Outcome [{'/'.join(choices)}]:"),
            console=out,
            choices=choices,
            case_sensitive=False,
            show_choices=False,
        )
        outcome = KEYS[key.lower()]
        if not isinstance(outcome, Outcome):
            return outcome  # SKIP or QUIT
        day = _ask_day(outcome, date_hint(forecast, as_of), today, order)
        if day is None:  # the analyst went back to the outcome
            continue
        early = outcome is Outcome.NO and day < forecast.window.closes
        if early and not _Confirming.ask(
            _question(
                f"The window closes on {forecast.window.closes}; record no already, as it "
                "cannot happen? [y/n] (n):"
            ),
            console=out,
            default=False,
            show_choices=False,
            show_default=False,
        ):
            continue
        note = _Asking.ask(
            _question("Note (optional):"), console=out, default="", show_default=False
        )
        sources = _Asking.ask(
            _question("Source URLs (optional, separated by spaces):"),
            console=out,
            default="",
            show_default=False,
        )
        return Answer(outcome, day, note.strip() or None, tuple(sources.split()), early)


BACK = ("", "q")


def date_hint(forecast: Forecast, as_of: dt.date) -> dt.date:
    """The example day the date prompt shows: the window's closing day once it has closed.

    Only an example: the prompt has no default, so an overdue `yes` is never dated today
    (or any day) without the analyst typing it.
    """
    return min(forecast.window.closes, as_of)


def _ask_day(outcome: Outcome, hint: dt.date, today: dt.date, order: str) -> dt.date | None:
    """The day typed (a date, today or yesterday), or None to go back to the outcome."""
    out = console()
    # For `yes` the day that counts is the day it happened (SPEC section 6).
    what = "Date it happened" if outcome is Outcome.YES else "Date it became known"
    while True:
        text = _Asking.ask(
            _question(f"{what} (such as {hint}; Enter or q to go back):"),
            console=out,
            default="",
            show_default=False,
        )
        if text.strip().lower() in BACK:
            return None
        try:
            day = read_day(text, today, order)
        except NotADate as exc:
            say(f"{exc}.")
            continue
        if day > today:
            say(f"That is after today ({today}).")
        else:
            return day


def refused(message: str) -> None:
    """A forecast the walk could not record (someone resolved it meanwhile): on stderr."""
    say(message, rest="  ", err=True)


def walk_end(recorded_n: int, skipped_n: int, left: int, stopped: bool) -> None:
    how = "Stopped" if stopped else "Done"
    say(f"{how}: {recorded_n} recorded, {skipped_n} skipped, {left} not asked.")


class _Asking(Prompt):
    # The question carries its own choices and colon (see `_question`).
    prompt_suffix = ""


class _Confirming(Confirm):
    prompt_suffix = ""
