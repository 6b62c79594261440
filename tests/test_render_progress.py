"""The loading bar: on a terminal after a second, never on a pipe, gone when done."""

from __future__ import annotations

import io

import pytest

from forecastcli.render.progress import DELAY, LoadingBar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def feed(bar: LoadingBar, clock: Clock, total: int, step: float) -> None:
    for done in range(1, total + 1):
        bar(done, total)
        clock.now += step
    bar(total, total)


@pytest.fixture(autouse=True)
def a_real_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")


def test_a_slow_load_on_a_terminal_shows_a_bar() -> None:
    stream, clock = Terminal(), Clock()
    bar = LoadingBar(stream, clock)
    feed(bar, clock, 50, DELAY / 10)
    shown = stream.getvalue()
    assert "Reading briefs" in shown
    assert "/50" in shown
    assert bar.finished


def test_a_quick_load_shows_nothing() -> None:
    stream, clock = Terminal(), Clock()
    feed(LoadingBar(stream, clock), clock, 50, DELAY / 100)
    assert stream.getvalue() == ""


def test_a_pipe_shows_nothing() -> None:
    stream, clock = io.StringIO(), Clock()
    feed(LoadingBar(stream, clock), clock, 50, DELAY)
    assert stream.getvalue() == ""


def test_a_dumb_terminal_shows_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    stream, clock = Terminal(), Clock()
    feed(LoadingBar(stream, clock), clock, 50, DELAY)
    assert stream.getvalue() == ""
