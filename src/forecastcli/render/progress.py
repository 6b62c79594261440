"""A progress bar while a large briefs folder loads: on a terminal, once it takes a while."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import IO, Any

# A load that ends sooner shows nothing: a bar that flashes past is only noise.
DELAY = 1.0
REFRESH = 0.1


class LoadingBar:
    """A progress callback (`done`, `total`) that draws a Rich bar on stderr.

    Nothing is drawn when stderr is not a terminal (a pipe, a file, cron) or before DELAY
    seconds have passed; the bar is removed when loading ends, so no output is left behind.
    """

    def __init__(
        self, stream: IO[str] | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.stream = stream
        self.clock = clock
        self.started: float | None = None
        self.shown: Any = None  # the rich Progress, once drawn
        self.task: Any = None
        self.refreshed = 0.0
        self.finished = False
        self.wanted: bool | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.finished:
            return
        if done >= total:
            self.finished = True
            if self.shown is not None:
                self.shown.update(self.task, completed=total, total=total)
                self.shown.stop()
            return
        now = self.clock()
        if self.started is None:
            self.started = now
            return
        if self.shown is None:
            if now - self.started < DELAY or not self._wanted():
                return
            self._start(total)
        if now - self.refreshed >= REFRESH:
            self.shown.update(self.task, completed=done, total=total)
            self.shown.refresh()
            self.refreshed = now

    def _wanted(self) -> bool:
        if self.wanted is None:
            stream = self.stream or sys.stderr
            self.wanted = bool(getattr(stream, "isatty", lambda: False)())
            if self.wanted:
                from rich.console import Console

                probe = Console(file=stream)
                self.wanted = probe.is_terminal and not probe.is_dumb_terminal
        return self.wanted

    def _start(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.shown = Progress(
            TextColumn("Reading briefs"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(file=self.stream or sys.stderr),
            transient=True,
            auto_refresh=False,
        )
        self.task = self.shown.add_task("briefs", total=total)
        self.shown.start()
