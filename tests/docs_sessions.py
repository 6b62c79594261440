"""Run the terminal sessions of README.md and docs/*.md, and compare them with their text.

Every ```console block in those files begins with `$ forecast ...` and is run here, in
process, on a scratch folder, so the docs cannot drift from what the commands print. The
convention (setups, answers, cuts, the fixed day and clock) is written once, in
docs/development.md, "Terminal sessions in the docs".

    python -m tests.docs_sessions [PAGE ...]            # compare, print the differences
    python -m tests.docs_sessions --update [PAGE ...]   # rewrite the blocks from real output
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import shlex
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import REPO, TODAY, write_brief

DATA = REPO / "tests" / "data"
CLOCK_START = dt.datetime(2026, 11, 27, 9, 0, 0)
COLUMNS = "100"
CUT = "[...]"

FENCE = re.compile(r"^```(\S*)\s*$")
SESSION = re.compile(r"^<!-- session: ([a-z0-9-]+) -->$")
INPUT = re.compile(r"^<!-- input: (\[.*\]) -->$")


def pages() -> list[Path]:
    """The files whose sessions are run: the README and every page under docs/."""
    return [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


# -- the setups a session starts from ---------------------------------------------------------


def copy_bundled(folder: Path) -> None:
    shutil.copytree(REPO / "briefs", folder / "briefs")


def setup_import(folder: Path) -> None:
    """An empty briefs folder, and the texts that docs/importing.md imports beside it."""
    (folder / "briefs").mkdir()
    for name in ("kazakhstan.txt", "gulf.txt", "notes.txt"):
        shutil.copy(DATA / name, folder / name)


def setup_bad_brief(folder: Path) -> None:
    """The bundled brief and one with four mistakes."""
    copy_bundled(folder)
    shutil.copy(DATA / "2026-02-01-bad.yaml", folder / "briefs")


def setup_bad_settings(folder: Path) -> None:
    """The bundled brief, under a forecast.yaml with five mistakes."""
    copy_bundled(folder)
    shutil.copy(DATA / "bad-settings.yaml", folder / "forecast.yaml")


def setup_calibration(folder: Path) -> None:
    """The brief 2025-01-10-gulf of tests/test_cli_calibration.py: 13 forecasts, 12 outcomes."""
    from tests.test_cli_calibration import BRIEF

    (folder / "briefs").mkdir()
    write_brief("2025-01-10-gulf", BRIEF, folder / "briefs")


def setup_advice(folder: Path) -> None:
    """The two briefs of 60 forecasts of the worked example of the advice."""
    from tests.test_cli_calibration import write_advice_example

    (folder / "briefs").mkdir()
    write_advice_example()  # writes into ./briefs, and the session runs in `folder`


def setup_mandel(folder: Path) -> None:
    """The 1,514 forecasts of Mandel & Barnes (2014), from the reference data in ../shared."""
    from tests.test_cli_calibration import MANDEL, write_mandel_briefs

    if not MANDEL.is_file():
        pytest.skip("the shared reference data is not here")
    (folder / "briefs").mkdir()
    write_mandel_briefs(MANDEL)


def setup_report(folder: Path) -> None:
    """The two briefs of tests/test_cli_report.py's golden files, without the invalid one."""
    from tests.test_cli_report import CENTRAL_ASIA, GULF

    (folder / "briefs").mkdir()
    write_brief("2025-06-02-gulf-levant", GULF, folder / "briefs")
    write_brief("2026-03-01-central-asia", CENTRAL_ASIA, folder / "briefs")


SETUPS: dict[str, Callable[[Path], None]] = {
    "bundled": copy_bundled,
    "import": setup_import,
    "bad-brief": setup_bad_brief,
    "bad-settings": setup_bad_settings,
    "calibration": setup_calibration,
    "advice": setup_advice,
    "mandel": setup_mandel,
    "report": setup_report,
}


# -- reading the pages -------------------------------------------------------------------------


@dataclass
class Block:
    """One ```console block: `start` and `end` are the indexes of its first and fence lines."""

    path: Path
    start: int
    end: int
    lines: list[str]
    answers: list[str] | None = None

    def where(self, index: int = -1) -> str:
        """FILE:LINE of the block's line `index`, or of its opening fence."""
        return f"{shown(self.path)}:{self.start + 1 + index}"


@dataclass
class Session:
    """Blocks of one page that share one scratch folder, in order."""

    path: Path
    setup: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.blocks[0].where()} ({self.setup})"


def shown(path: Path) -> str:
    """A page's path as the messages give it: from the repository's top where it is inside."""
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


class PageError(Exception):
    """A page breaks the convention: the message names the file and line."""


def read_page(path: Path) -> list[Session]:
    lines = path.read_text(encoding="utf-8").splitlines()
    sessions: list[Session] = []
    setup = "bundled"
    fresh = True  # whether the next block starts a new scratch folder
    answers: list[str] | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        where = f"{shown(path)}:{i + 1}"
        if match := SESSION.match(line):
            setup, fresh = match.group(1), True
            if setup not in SETUPS:
                raise PageError(f"{where}: unknown session {setup!r}; known: {sorted(SETUPS)}")
        elif match := INPUT.match(line):
            answers = json.loads(match.group(1))
        elif match := FENCE.match(line):
            end = next((j for j in range(i + 1, len(lines)) if lines[j].startswith("```")), None)
            if end is None:
                raise PageError(f"{where}: a code block that is never closed")
            if match.group(1) == "console":
                body = lines[i + 1 : end]
                if not body or not body[0].startswith("$ forecast "):
                    raise PageError(
                        f"{where}: a console block must begin with `$ forecast ...`; give a "
                        "session that cannot run here another fence (```text, ```sh)"
                    )
                if fresh:
                    sessions.append(Session(path, setup))
                    fresh = False
                sessions[-1].blocks.append(Block(path, i + 1, end, body, answers))
            elif answers is not None:
                raise PageError(f"{where}: `input` stands before a block that is not run")
            answers = None
            i = end
        elif line.strip() and answers is not None:
            raise PageError(f"{where}: `input` must stand right before its console block")
        i += 1
    return sessions


def collect(paths: list[Path] | None = None) -> list[Session]:
    return [s for path in (paths or pages()) for s in read_page(path)]


# -- running the commands ----------------------------------------------------------------------


@dataclass
class Step:
    """A command of a block and the lines the block says it prints."""

    command: str
    shown: list[str]
    index: int  # of the command's line in its block


def steps_of(block: Block) -> list[Step]:
    steps: list[Step] = []
    for i, line in enumerate(block.lines):
        if line.startswith("$ "):
            steps.append(Step(line[2:], [], i))
        else:
            steps[-1].shown.append(line)
    return steps


def options_of(name: str) -> set[str]:
    import typer

    from forecastcli.cli import app

    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    return {opt for param in command.params for opt in param.opts}


def typed_in_a_terminal(prompt: object = "") -> str:
    """`input()` as a terminal shows it: the answer typed appears after the question."""
    sys.stdout.write(str(prompt))
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    sys.stdout.write(line if line.endswith("\n") else line + "\n")
    return line.rstrip("\n")


class Shell:
    """The few shell words a session uses, around `forecast` run in process."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder = folder
        self.monkeypatch = monkeypatch
        self.code = 0
        self.commands = 0

    def clock(self) -> dt.datetime:
        """The `recorded` stamp: a minute later for each `forecast` command of the session."""
        return CLOCK_START + dt.timedelta(minutes=self.commands - 1)

    def run(self, command: str, answers: list[str] | None, where: str) -> list[str]:
        lexer = shlex.shlex(command, posix=True, punctuation_chars="|")
        lexer.whitespace_split = True
        words = list(lexer)
        pipeline: list[list[str]] = [[]]
        for word in words:
            if word == "|":
                pipeline.append([])
            else:
                pipeline[-1].append(word)
        first, filters = pipeline[0], pipeline[1:]
        if first[0] == "forecast":
            out, err = self.forecast(first[1:], answers, where, piped=bool(filters))
        else:
            out, err = self.builtin(first, where), ""
        for words in filters:
            out = self.filter(words, out, where)
        text = err + out
        return [line.rstrip() for line in text.splitlines()]

    def forecast(
        self, args: list[str], answers: list[str] | None, where: str, piped: bool
    ) -> tuple[str, str]:
        from forecastcli.cli import app

        name = args[0] if args else ""
        if "--as-of" in options_of(name) and "--as-of" not in args and "--help" not in args:
            raise PageError(
                f"{where}: `forecast {name}` takes --as-of; give it, so that the "
                "session is the same on any day"
            )
        terminal = answers is not None
        self.monkeypatch.setattr("forecastcli.cli.resolve.stdin_is_terminal", lambda: terminal)
        self.monkeypatch.setattr("builtins.input", typed_in_a_terminal)
        self.commands += 1
        typed = "".join(f"{answer}\n" for answer in answers) if answers is not None else None
        result = CliRunner().invoke(app, args, input=typed, catch_exceptions=False)
        self.code = result.exit_code
        if piped:
            # The pipe takes standard output; messages reach the terminal straight away.
            return result.stdout, result.stderr
        return result.output, ""

    def builtin(self, words: list[str], where: str) -> str:
        match words:
            case ["echo", "$?"]:
                return f"{self.code}\n"
            case ["cat", name]:
                return self.read(name)
            case ["head", count, name] | ["head", "-n", count, name]:
                return self.filter(["head", count], self.read(name), where)
            case ["tail", count, name] | ["tail", "-n", count, name]:
                return self.filter(["tail", count], self.read(name), where)
        raise PageError(f"{where}: cannot run `{' '.join(words)}` in a docs session")

    def read(self, name: str) -> str:
        self.code = 0
        return (self.folder / name).read_text(encoding="utf-8")

    def filter(self, words: list[str], text: str, where: str) -> str:
        match words:
            case ["head", count] | ["head", "-n", count]:
                lines = text.splitlines(keepends=True)[: int(count.lstrip("-"))]
            case ["tail", count] | ["tail", "-n", count]:
                lines = text.splitlines(keepends=True)[-int(count.lstrip("-")) :]
            case _:
                raise PageError(f"{where}: cannot pipe into `{' '.join(words)}` in a docs session")
        return "".join(lines)


@contextmanager
def scratch(session: Session, folder: Path | None = None) -> Iterator[Shell]:
    """A scratch folder made by the session's setup, and the fixed world its commands see."""
    with ExitStack() as stack:
        mp = stack.enter_context(pytest.MonkeyPatch.context())
        root = folder or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        work = root / "session"
        work.mkdir(parents=True)
        mp.chdir(work)
        mp.setenv("NO_COLOR", "1")
        mp.setenv("COLUMNS", COLUMNS)
        mp.delenv("FORECAST_BRIEFS", raising=False)
        mp.setenv("FORECAST_CACHE_DIR", str(root / "cache"))
        shell = Shell(work, mp)
        mp.setattr("forecastcli.clock.today", lambda: TODAY)
        mp.setattr("forecastcli.clock.now", shell.clock)
        SETUPS[session.setup](work)
        yield shell


# -- comparing ---------------------------------------------------------------------------------


def matches(shown: list[str], real: list[str]) -> bool:
    """Whether `real` is `shown`, where each `[...]` line in `shown` stands for any lines."""
    parts = split_cut(shown)
    if len(parts) == 1:
        return shown == real
    head, *middle, tail = parts
    if real[: len(head)] != head or len(real) < len(head) + len(tail):
        return False
    at, stop = len(head), len(real) - len(tail)
    if tail and real[stop:] != tail:
        return False
    for part in middle:
        found = find(real, part, at, stop)
        if found is None:
            return False
        at = found + len(part)
    return True


def split_cut(lines: list[str]) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    for line in lines:
        if line == CUT:
            parts.append([])
        else:
            parts[-1].append(line)
    return parts


def find(real: list[str], part: list[str], start: int, stop: int) -> int | None:
    for i in range(start, stop - len(part) + 1):
        if real[i : i + len(part)] == part:
            return i
    return None


def recut(shown: list[str], real: list[str]) -> list[str]:
    """The real output, cut where `shown` was cut: each part keeps its length and first line.

    When a part's first line is no longer there, the whole output is given, to be cut again.
    """
    parts = split_cut(shown)
    if len(parts) == 1:
        return real
    head, *middle, tail = parts
    new: list[str] = real[: len(head)]
    at, stop = len(head), len(real) - len(tail)
    for part in middle:
        anchor = next((i for i in range(at, stop) if part and real[i] == part[0]), None)
        if anchor is None or anchor + len(part) > stop:
            return real
        new += [CUT, *real[anchor : anchor + len(part)]]
        at = anchor + len(part)
    return [*new, CUT, *(real[stop:] if tail else [])]


@dataclass
class Difference:
    block: Block
    step: Step
    real: list[str]

    def report(self) -> str:
        where = self.block.where(self.step.index)
        diff = difflib.unified_diff(
            self.step.shown, self.real, "the docs", "the command", lineterm="", n=2
        )
        return f"{where}: $ {self.step.command}\n" + "\n".join(diff)


def run_session(session: Session, folder: Path | None = None) -> list[Difference]:
    differences: list[Difference] = []
    with scratch(session, folder) as shell:
        for block in session.blocks:
            for step in steps_of(block):
                real = shell.run(step.command, block.answers, block.where(step.index))
                if not matches(step.shown, real):
                    differences.append(Difference(block, step, real))
    return differences


def update(differences: list[Difference]) -> None:
    """Write the real output into the blocks, last block first so indexes stay true."""
    by_path: dict[Path, list[Difference]] = {}
    for difference in differences:
        by_path.setdefault(difference.block.path, []).append(difference)
    for path, found in by_path.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        order = sorted(found, key=lambda d: (d.block.start, d.step.index), reverse=True)
        for d in order:
            first = d.block.start + d.step.index + 1
            lines[first : first + len(d.step.shown)] = recut(d.step.shown, d.real)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    rewrite = "--update" in argv
    names = [a for a in argv if not a.startswith("--")]
    paths = [Path(n).resolve() for n in names] or None
    found: list[Difference] = []
    for session in collect(paths):
        try:
            found += run_session(session)
        except pytest.skip.Exception as exc:
            print(f"{session.name}: skipped: {exc}", file=sys.stderr)
    for difference in found:
        print(difference.report(), end="\n\n")
    if rewrite and found:
        update(found)
        done = "1 command prints" if len(found) == 1 else f"{len(found)} commands print"
        print(f"Rewrote what {done} from real output; review the diff.", file=sys.stderr)
        return 0
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
