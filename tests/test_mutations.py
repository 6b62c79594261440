"""Seeded mutations of the bundled brief: every command answers, none crashes (SPEC 8).

Each case is the bundled brief with one to three mutations of the kinds an attack run, a
bad merge or a careless editor makes: tags, anchors and aliases, control bytes, invalid
UTF-8, a byte-order mark, CRLF and lone CR, indentation, truncation, duplicated lines,
merge-conflict markers, huge numbers, odd dates and keys. Every case is checked by
`forecast check` and one other command in turn (in process, with CliRunner), a fifth of
them with PyYAML's pure-Python parser. The seed is fixed, so a failure names its case
and can be run again alone (`CASE=1234 pytest tests/test_mutations.py`).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import typer.main
import typer.testing
from typer.testing import CliRunner

from forecastcli import clock, yamlloader
from forecastcli.cli import app
from tests.helpers import SEED_BRIEFS

SEED = 20261127
CASES = 2400
BUNDLED = next(SEED_BRIEFS.glob("2025-12-08-*.yaml")).read_bytes()

# Every line on stderr is a problem in the mutated file, at a line and column.
PROBLEM = re.compile(r"^briefs/b\.yaml:(\d+):(\d+): \S")

TAGS = [
    "!!timestamp", "!!int", "!!float", "!!bool", "!!null", "!!str", "!!binary", "!!set",
    "!!omap", "!!pairs", "!!python/tuple", "!!python/object/apply:os.system", "!local",
    "!", "!<tag:yaml.org,2002:int>", "!!merge", "!!value",
]  # fmt: skip
VALUES = [
    "10" * 300, "1e999", "-1e999", ".nan", "0x_", "0b_", "0o", "1_000_000", "190:20:30",
    "9999-12-31", "9999-12-08", "9998-06-01", "0000-01-01", "0001-01-01", "2025-02-30",
    "2025-13-01", "99999-01-01", "2025-12-8", "8 December 2025", "December 2025",
    "05/01/2026", "2026-11-27T25:00:00Z", "2026-11-27T10:04:12+99:00", "yes", "on", "~",
    "=", "<<", "[]", "{}", "[a, [b, {c: d}]]", '"\\ud800"', '"\\x1b[2J"', "'", '"', "&",
    "*", "|", ">", "- x", "? x", "%TAG ! x", "@x", "`x`", "x: y: z", "!!", "-1", "1.5",
]  # fmt: skip
KEYS = ["on", "yes", "? [a]", "<<", "forecasts", "resolutions", "title", "x" * 2000, "é"]
CONTROL = [chr(c) for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))] + [
    "\u202e", "\u2066", "\ufeff", "\ufffe", "\x1b[2J", "\x1b]8;;http://x\x1b\\",
]  # fmt: skip
BAD_UTF8 = [b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\x80"]
CONFLICT = ["<<<<<<< HEAD", "=======", ">>>>>>> theirs", "||||||| base"]
ALIAS_BOMB = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10)
)


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _join(lines: list[bytes]) -> bytes:
    return b"\n".join(lines)


def _value_line(rng: random.Random, lines: list[bytes]) -> int:
    candidates = [i for i, line in enumerate(lines) if b": " in line]
    return rng.choice(candidates) if candidates else rng.randrange(len(lines))


def _set_value(rng: random.Random, data: bytes, value: bytes) -> bytes:
    lines = _lines(data)
    i = _value_line(rng, lines)
    key, _, _ = lines[i].partition(b": ")
    lines[i] = key + b": " + value
    return _join(lines)


def tag(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i = _value_line(rng, lines)
    key, _, value = lines[i].partition(b": ")
    lines[i] = key + b": " + rng.choice(TAGS).encode() + b" " + value
    return _join(lines)


def anchor(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i, j = _value_line(rng, lines), _value_line(rng, lines)
    key, _, value = lines[i].partition(b": ")
    lines[i] = key + b": &a " + value
    other, _, _ = lines[j].partition(b": ")
    lines[j] = other + b": " + rng.choice([b"*a", b"*missing", b"*a9", b"&a *a"])
    if rng.random() < 0.3:
        lines.insert(0, ALIAS_BOMB.encode().rstrip(b"\n"))
    return _join(lines)


def control(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    char = rng.choice(CONTROL).encode("utf-8", "surrogatepass")
    return data[:at] + char + data[at:]


def bad_utf8(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(BAD_UTF8) + data[at:]


def bom(rng: random.Random, data: bytes) -> bytes:
    mark = "\ufeff".encode()
    return mark + data if rng.random() < 0.7 else mark + mark + data


def crlf(rng: random.Random, data: bytes) -> bytes:
    choice = rng.random()
    if choice < 0.4:
        return data.replace(b"\n", b"\r\n")
    if choice < 0.7:
        return data.replace(b"\n", b"\r")
    lines = _lines(data)
    i = rng.randrange(len(lines))
    lines[i] += b"\r"
    return _join(lines)


def indent(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    how = rng.random()
    if how < 0.4:
        lines[i] = b" " * rng.randint(1, 3) + lines[i]
    elif how < 0.7:
        lines[i] = lines[i][rng.randint(1, 4) :]
    else:
        lines[i] = b"\t" + lines[i].lstrip(b" ")
    return _join(lines)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def duplicate(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    j = min(len(lines), i + rng.randint(1, 6))
    return _join([*lines[:j], *lines[i:j], *lines[j:]])


def conflict(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines) + 1)
    if rng.random() < 0.7:
        block = [
            CONFLICT[0],
            *map(bytes.decode, lines[i : i + 2]),
            CONFLICT[1],
            "  - x",
            CONFLICT[2],
        ]
    else:
        block = [rng.choice(CONFLICT)]
    return _join([*lines[:i], *(b.encode() for b in block), *lines[i + 2 :]])


def value(rng: random.Random, data: bytes) -> bytes:
    return _set_value(rng, data, rng.choice(VALUES).encode())


def key(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    spaces = len(lines[i]) - len(lines[i].lstrip(b" "))
    lines.insert(i, b" " * spaces + rng.choice(KEYS).encode() + b": x")
    return _join(lines)


def noise(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    at = rng.randrange(len(data))
    how = rng.random()
    if how < 0.4:
        return data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]
    if how < 0.7:
        return data[:at] + data[at + rng.randint(1, 40) :]
    lines = _lines(data)
    rng.shuffle(lines)
    return _join(lines)


MUTATIONS: list[Callable[[random.Random, bytes], bytes]] = [
    tag, anchor, control, bad_utf8, bom, crlf, indent, truncate, duplicate, conflict, value,
    key, noise,
]  # fmt: skip

# One command besides `check` per case, in turn.
COMMANDS = [
    ["due", "--as-of", "2026-11-27"],
    ["list", "--json"],
    ["show", "b"],
    ["show", "signing-ceremony"],
    ["export"],
    ["calibration", "--by", "author", "--include-open"],
    ["report", "--as-of", "2026-11-27", "--format", "text"],
    ["report", "--as-of", "2026-11-27", "--format", "html"],
    ["resolve", "b/signing-ceremony", "yes", "--date", "2026-01-20", "--by", "A"],
]


def mutated(case: int) -> tuple[bytes, list[str]]:
    rng = random.Random(SEED * 100_003 + case)
    data = BUNDLED
    names = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        mutation = rng.choice(MUTATIONS)
        data = mutation(rng, data)
        names.append(mutation.__name__)
    return data, names


def _cases() -> range:
    one = os.environ.get("CASE")
    return range(int(one), int(one) + 1) if one else range(CASES)


def test_mutated_briefs_never_crash_a_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 11, 27, 10))
    libyaml = yamlloader.Loader
    pure = yamlloader.pure_python_loader()
    runner = CliRunner()
    # Typer builds the click command again on every invoke (nine-tenths of a small
    # command's time here); the command built once serves every case.
    built = typer.main.get_command(app)
    monkeypatch.setattr(typer.testing, "_get_command", lambda _app: built, raising=False)
    path = tmp_path / "briefs" / "b.yaml"
    codes: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for case in _cases():
        data, names = mutated(case)
        kinds.update(names)
        path.write_bytes(data)
        loader = pure if case % 5 == 0 else libyaml
        monkeypatch.setattr(yamlloader, "Loader", loader)
        lines = data.count(b"\n") + data.count(b"\r") + 2  # any line ending YAML counts
        command = COMMANDS[case % len(COMMANDS)]
        for args in (["check"], command):
            result = runner.invoke(app, args)
            where = f"case {case} ({', '.join(names)}), forecast {' '.join(args)}"
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                raise AssertionError(f"{where} crashed") from result.exception
            assert result.exit_code in (0, 1, 2), where
            for line in result.stderr.splitlines():
                if line.startswith("Error: "):
                    # A command's own refusal (an unknown reference, say), never because the
                    # appended text failed to read back, which would be a bug.
                    assert "read back differently" not in line, f"{where}: {line!r}"
                    continue
                if args[0] == "resolve" and not PROBLEM.match(line):
                    # What resolve wrote, or that it wrote nothing (a whole-file line).
                    assert line.startswith(("Recorded: ", "briefs/b.yaml: not written: ")), (
                        f"{where}: {line!r}"
                    )
                    continue
                found = PROBLEM.match(line)
                assert found, f"{where}: {line!r}"
                assert 1 <= int(found.group(1)) <= lines, f"{where}: {line!r}"
            codes[f"{args[0]} {result.exit_code}"] += 1
        if command[0] == "resolve":
            path.write_bytes(data)  # the next case starts from its own mutation
    if len(_cases()) == CASES:
        # The mutations must reach both sides: briefs that still load, and every kind.
        assert codes["check 0"] >= 100 and codes["check 1"] >= 1000, codes
        assert set(kinds) == {m.__name__ for m in MUTATIONS}
    print(f"\nexit codes of {len(_cases())} mutated briefs: {dict(sorted(codes.items()))}")
