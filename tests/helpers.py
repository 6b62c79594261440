"""What the tests share: the repository's places, the fixed day, a brief writer, the
command runner and the briefs several tests start from."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from forecastcli.cli import app

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_BRIEFS = REPO / "briefs"
TODAY = dt.date(2026, 11, 27)


def write_brief(name: str, text: str, folder: Path | None = None) -> Path:
    """Write briefs/NAME.yaml (dedented) in the test's folder and return its path."""
    folder = folder or Path.cwd() / "briefs"
    path = folder / f"{name}.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


class Run:
    def __init__(self, result: Any) -> None:
        self.result = result
        self.code: int = result.exit_code
        self.out: str = result.stdout
        self.err: str = result.stderr

    def json(self) -> Any:
        return json.loads(self.out)


def run(*args: str, input: str | None = None) -> Run:
    result = CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)
    return Run(result)


SIMPLE = textwrap.dedent("""
    title: A simple brief
    author: A. Analyst
    published: 2026-01-31
    tags: [testing]
    forecasts:
      - id: alpha
        horizon: short
        term: likely
        statement: Alpha happens.
      - id: beta
        horizon: medium
        term: unlikely
        statement: Beta happens.
""").lstrip("\n")


def own_list(*lines: str, indent: str = "    ", key: bool = True) -> str:
    """A forecast's own `resolutions:` list holding one entry of `lines` (`key: value`), as
    `forecast resolve` writes it under a forecast whose keys stand at `indent`; without
    `key`, the entry alone, as added to a list that is there already."""
    first, *rest = lines
    item = [f"{indent}  - {first}\n", *(f"{indent}    {line}\n" for line in rest)]
    return (f"{indent}resolutions:\n" if key else "") + "".join(item)


def insert_after(text: str, line: str, added: str) -> str:
    """`text` with `added` right after its (first) line `line`."""
    at = text.index(line + "\n") + len(line) + 1
    return text[:at] + added + text[at:]


def resolve_at_once(folder: Path, count: int = 20) -> None:
    """Run `forecast resolve fNN yes` for NN in 0..count-1 as `count` processes at once in
    `folder` (whose briefs folder holds forecasts f00, f01...), each by "Analyst NN"; every
    one must succeed."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "NO_COLOR": "1"}
    command = [sys.executable, "-m", "forecastcli", "resolve"]
    processes = [
        subprocess.Popen(
            [*command, f"f{i:02d}", "yes", "--date", "2025-03-01", "--by", f"Analyst {i}"],
            cwd=folder,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(count)
    ]
    results = [(p.wait(), *p.communicate()) for p in processes]
    assert [code for code, _, _ in results] == [0] * count, [err for _, _, err in results]
