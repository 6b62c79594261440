"""Every table at 60, 80 and 120 columns, piped and in a terminal (SPEC section 10).

The archive is what an institute's looks like: thirty generated briefs, long generated
ids, two scales, own `p`s, resolutions, plus the brief of `test_cli_calibration.py` (a
bare `p`) and one whose "highly unlikely" forecasts kept happening, so that the longest
verdict, "happens more often (overconfident)", is in the table. Each command must keep every
header and every figure whole, print no `…`, and keep its lines within the width; the
one exception is a single word longer than the line (a generated id), printed whole.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from forecastcli.render.calibration import HEADER
from forecastcli.render.words import band_text, percent, tenths
from tests.docs_sessions import typed_in_a_terminal
from tests.helpers import REPO, TODAY, run, write_brief
from tests.test_benchmarks import generator
from tests.test_cli_calibration import BRIEF as GULF

WIDTHS = (60, 80, 120)
AS_OF = ("--as-of", str(TODAY))
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    generator().generate(30, folder, seed=1, today=TODAY)
    write_brief("2025-01-10-gulf", GULF, folder)
    missed = ["title: Missed", "published: 2025-01-10", "forecasts:"]
    for i in range(8):
        missed.append(f"  - {{id: m{i}, term: highly unlikely, statement: M., closes: 2025-06-30}}")
    missed.append("resolutions:")
    missed += [f"  - {{forecast: m{i}, outcome: yes, date: 2025-06-01}}" for i in range(8)]
    write_brief("2025-01-10-missed", "\n".join(missed) + "\n", folder)
    return folder


@pytest.fixture(params=WIDTHS)
def width(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("COLUMNS", str(request.param))
    return int(request.param)


@pytest.fixture(params=["piped", "terminal", "terminal in colour"])
def where(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """How the output lands: a pipe, a terminal with NO_COLOR set, a terminal in colour."""
    if request.param != "piped":
        monkeypatch.setenv("TTY_COMPATIBLE", "1")  # Rich takes the output for a terminal
    if request.param == "terminal in colour":
        monkeypatch.delenv("NO_COLOR")
    return str(request.param)


def shown(text: str) -> str:
    return ANSI.sub("", text)


def check_fits(text: str, width: int) -> None:
    """No `…`, and no line longer than `width` but one word too long for any line (an id,
    a path), alone or after its label (`File: `)."""
    assert "…" not in text
    for line in text.splitlines():
        if len(line) > width:
            label, _, word = line.rpartition(" ")
            assert len(label) <= 14 and len(word) > width - 14, f"{len(line)} > {width}: {line!r}"


def whole(text: str, figure: str) -> bool:
    """Whether `figure` stands in `text` whole, not as part of a longer figure."""
    return re.search(rf"(?<![\w.–-]){re.escape(figure)}(?![\w.–%-])", text) is not None


def words(text: str) -> str:
    return " ".join(text.split())


def headers_in(text: str, headers: tuple[str, ...]) -> None:
    head = "\n".join(text.splitlines()[:8])
    for name in headers:
        assert re.search(rf"(^|  ){re.escape(name)}(  |$)", head, re.M), (name, head)


# -- due, list, show, check, scales ------------------------------------------------------------


def test_due(archive: Path, width: int, where: str) -> None:
    r = run("due", "--briefs", str(archive), *AS_OF, "--within", "60")
    out = shown(r.out)
    check_fits(out, width)
    headers_in(out, ("Closes", "When", "Term", "Forecast"))
    items = run("due", "--briefs", str(archive), *AS_OF, "--within", "60", "--json").json()
    assert len(items) >= 3
    flat = words(out)
    for item in items:
        assert item["id"] in out.split()
        assert whole(out, item["closes"])
        assert words(item["statement"]) in flat


def test_list(archive: Path, width: int, where: str) -> None:
    out = shown(run("list", "--briefs", str(archive), *AS_OF).out)
    check_fits(out, width)
    headers_in(out, ("Forecast", "Window", "Term", "Band", "Status"))
    items = run("list", "--briefs", str(archive), *AS_OF, "--json").json()
    for item in items:
        assert item["id"] in out
        assert whole(out, item["opens"]) and whole(out, item["closes"])
        assert band_text(item["band_low"], item["band_high"]) in out


def test_show_brief_gives_ids_whole(archive: Path, width: int, where: str) -> None:
    brief = "2025-11-26-thailand-between-blocs-00027"
    out = shown(run("show", brief, "--briefs", str(archive), *AS_OF).out)
    check_fits(out, width)
    headers_in("\n".join(out.splitlines()[9:]), ("Forecast", "Window", "Term", "Status"))
    assert "Statement" in out
    data = run("show", brief, "--briefs", str(archive), *AS_OF, "--json").json()
    lines = out.splitlines()
    flat = words(out)
    for forecast in data["forecasts"]:
        # An id starts its line, whole, in every layout.
        assert any(line.split()[:1] == [forecast["id"]] for line in lines), forecast["id"]
        assert words(forecast["statement"]) in flat


def test_show_forecast(archive: Path, width: int, where: str) -> None:
    ref = "2017-03-23-jordan-elections-and-reform-00001/jordan-expels-diplomats-of-2"
    out = shown(run("show", ref, "--briefs", str(archive), *AS_OF).out)
    check_fits(out, width)
    assert out.splitlines()[0] == ref
    flat = words(out)
    data = run("show", ref, "--briefs", str(archive), *AS_OF, "--json").json()
    assert words(data["quote"]) in flat
    assert "https://example.org/news/850540" in out.split()


def test_check(archive: Path, width: int, where: str) -> None:
    out = shown(run("check", "--briefs", str(archive)).out)
    check_fits(out, width)
    assert words(out) == (
        "Checked 32 briefs (201 forecasts in the valid ones): all valid; 0 errors, 0 warnings."
    )


def test_scales(width: int, where: str) -> None:
    r = run("scales")
    out = shown(r.out)
    check_fits(out, width)
    headers_in(out, ("Term", "Band", "Point", "Phrasings"))
    # Each scale: its title, a blank line, its table with its source under it.
    blocks = out.strip().split("\n\n")[1::2]
    for scale, block in zip(run("scales", "--json").json(), blocks, strict=True):
        # The Phrasings column, read down: its cells wrap within it.
        lines = [line for line in block.splitlines() if not line.startswith("Source: ")]
        start = lines[0].index("Phrasings")
        column = words(" ".join(line[start:] for line in lines[2:]))
        for term in scale["terms"]:
            assert band_text(term["low"], term["high"]) in block
            assert whole(block, f"{percent(term['point'])} %")
            assert words(", ".join(term["phrasings"])) in column


def test_import_summary(width: int) -> None:
    data = REPO / "tests" / "data" / "kazakhstan.txt"
    r = run("import", str(data), "--dry-run")
    assert r.code == 0, r.err
    check_fits(r.err, width)
    headers_in("\n".join(r.err.splitlines()[3:]), ("Forecast", "Horizon", "Term", "Band", "Marks"))
    draft = run("import", str(data), "--dry-run", "--json").json()
    for forecast in draft["forecasts"]:
        assert forecast["id"] in r.err.split()


# -- calibration -------------------------------------------------------------------------------


def figures(row: dict[str, Any]) -> Iterator[str]:
    """The figures of a calibration row (from --json), as the table writes them."""
    yield band_text(row["low"], row["high"]).removesuffix(" %")
    yield percent(round(row["point"], 4))
    yield str(row["n"])
    yield str(row["happened"])
    yield tenths(row["rate"])
    yield f"{tenths(row['wilson_low'])}–{tenths(row['wilson_high'])}"


def verdict_column(table: str) -> str:
    """The Verdict column read down, in either layout (in the narrow one, a group's figures
    are on a line of their own, indented two spaces, which is left out)."""
    lines = table.splitlines()
    start = lines[0].index("Verdict")
    return words(" ".join(line[start:] for line in lines[2:] if not re.match(r"  \d", line)))


def test_calibration(archive: Path, width: int, where: str) -> None:
    out = shown(run("calibration", "--briefs", str(archive), *AS_OF).out)
    check_fits(out, width)
    table = out.split("\n\n")[1]
    headers_in(table, HEADER)
    data = run("calibration", "--briefs", str(archive), *AS_OF, "--json").json()
    assert any(row["leaning"] for row in data["rows"])  # the longest verdict is in the table
    verdicts = verdict_column(table)
    for row in data["rows"]:
        for figure in figures(row):
            assert whole(table, figure), (figure, row)
        verdict = row["verdict"] + (f" ({row['leaning']})" if row["leaning"] else "")
        assert verdict in verdicts
    # The picture: its axis, one line per row, and the legend.
    assert "0        25        50        75       100 %" in out
    assert "95 % interval" in out
    # What to change, every item whole.
    assert "What to change" in out
    assert "Recalibration: logit P(yes)" in words(out)


@pytest.mark.parametrize("by", ["author", "horizon"])
def test_calibration_by(archive: Path, width: int, by: str) -> None:
    out = run("calibration", "--briefs", str(archive), *AS_OF, "--by", by).out
    check_fits(out, width)
    data = run("calibration", "--briefs", str(archive), *AS_OF, "--by", by, "--json").json()
    blocks = out.split("Calibration as of ")[1:]
    assert len(blocks) == len(data["groups"]) >= 2
    for block, group in zip(blocks, data["groups"], strict=True):
        assert words(block.split("\n\n")[0]).endswith(f"; {by} {group['group']}")
        if not group["n"]:
            continue
        table = block.split("\n\n")[1]
        headers_in(table, HEADER)
        for row in group["rows"]:
            for figure in figures(row):
                assert whole(table, figure), (figure, row)
    assert "All groups together" in out


def test_the_picture_keeps_its_band_whenever_colour_is_off(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # NO_COLOR in a terminal: the band, a background colour otherwise, is drawn with `=`.
    # A terminal that has colours, whatever TERM the run inherits (cron and some CI
    # runners say TERM=dumb, where Rich draws no colour at all).
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    out = run("calibration", "--briefs", str(archive), *AS_OF).out
    # Bold and dim stay (NO_COLOR removes colours alone); no colour code, no background.
    assert re.search(r"\x1b\[[0-9;]*\b[349]\d\b", out) is None
    picture = shown(out).split("\n\n")[2].splitlines()
    assert picture[-1].split() == ["=", "band", "-", "95", "%", "interval", "o", "observed", "rate"]
    assert all("=" in line for line in picture[1:-1] if not line.strip().endswith(")"))
    # In colour the band is a background: the colour codes are there.
    monkeypatch.delenv("NO_COLOR")
    coloured = run("calibration", "--briefs", str(archive), *AS_OF).out
    assert re.search(r"\x1b\[[0-9;]*\b44m", coloured)  # on blue
    legend = shown(coloured).split("\n\n")[2].splitlines()[-1]
    assert legend.split() == ["band", "─", "95", "%", "interval", "●", "observed", "rate"]


# -- resolve: the message, and the walk --------------------------------------------------------


def copy_of(archive: Path) -> Path:
    folder = Path("briefs")
    for path in archive.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def test_resolve_message(archive: Path, width: int) -> None:
    folder = copy_of(archive)
    ref = "2025-11-26-thailand-between-blocs-00027/philippines-hosts-a-summit-with-1"
    r = run("resolve", ref, "no", "--briefs", str(folder), *AS_OF, "--by", "A. Analyst")
    assert r.code == 0, r.err
    check_fits(r.err, width)
    assert words(r.err) == (
        "Recorded: philippines-hosts-a-summit-with-1 resolved no on 2026-11-27 "
        "(briefs/2025-11-26-thailand-between-blocs-00027.yaml)."
    )


def test_the_walk(archive: Path, width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("forecastcli.cli.resolve.stdin_is_terminal", lambda: True)
    # The answers show after their questions, as a terminal echoes them.
    monkeypatch.setattr("builtins.input", typed_in_a_terminal)
    folder = copy_of(archive)
    # Skip the first, answer the second `yes` with a date, stop at the third.
    answers = ["s", "y", "2026-11-20", "Seen in the news.", "", "q"]
    r = run("resolve", "--briefs", str(folder), *AS_OF, "--by", "A", input="\n".join(answers))
    assert r.code == 0, r.err
    check_fits(r.out, width)
    flat = words(r.out)
    assert "Answer y yes, n no, a ambiguous (cannot be judged), v void" in flat
    assert "Date it happened (such as 2026-11-26; Enter or q to go back):" in flat
    assert "Stopped: 1 recorded, 1 skipped, 1 not asked." in flat
    # The prompts leave room on their line for the answer.
    prompts = [line for line in r.out.splitlines() if line.endswith(": ")]
    assert prompts and all(len(line) <= max(width - 12, 20) for line in prompts)


# -- the width itself ---------------------------------------------------------------------------


def test_without_a_terminal_the_width_is_80_unless_columns_says(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_terminal(fd: int = 1) -> os.terminal_size:
        raise OSError("not a terminal")

    monkeypatch.delenv("COLUMNS")
    monkeypatch.setattr(os, "get_terminal_size", no_terminal)
    out = run("calibration", "--briefs", str(archive), *AS_OF).out
    assert max(len(line) for line in out.splitlines()) == 80
    monkeypatch.setenv("COLUMNS", "100")
    out = run("calibration", "--briefs", str(archive), *AS_OF).out
    assert 80 < max(len(line) for line in out.splitlines()) <= 100


def test_in_a_terminal_the_width_is_the_terminal_s(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS")
    monkeypatch.setattr(os, "get_terminal_size", lambda fd=1: os.terminal_size((64, 24)))
    out = run("calibration", "--briefs", str(archive), *AS_OF).out
    check_fits(out, 64)
    monkeypatch.setenv("COLUMNS", "64")
    assert run("calibration", "--briefs", str(archive), *AS_OF).out == out
    monkeypatch.setenv("COLUMNS", "80")
    assert run("calibration", "--briefs", str(archive), *AS_OF).out != out


# -- the quick wrap gives textwrap's lines ----------------------------------------------------


def test_the_quick_wrap_breaks_lines_where_textwrap_does() -> None:
    """`layout.wrap` fills lines itself when words are one space apart (a large `due`
    wraps thousands of statements); seeded texts of words, figures, units, arrows and
    over-long words, at every width from 1, give exactly what textwrap gives."""
    import random
    import textwrap

    from forecastcli.render import layout

    words = ["a", "bb", "ccc", "quite-a-long-word-indeed", "75", "%", "p", "=", "→", "-", "x1"]
    words += ["12", "days", "(3", "×", "Ünïcode", "https://example.org/a/very/long/path"]
    chance = random.Random(7)
    for _ in range(5000):
        text = " ".join(chance.choice(words) for _ in range(chance.randint(1, 25)))
        room = chance.randint(1, 50)
        first, rest = chance.choice(["", "  ", "    "]), chance.choice(["", "    "])
        assert layout._plain(text)  # the quick path is the one under test
        expected = textwrap.wrap(
            layout.glue(text),
            room,
            initial_indent=first,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        )
        expected = [line.replace("\u00a0", " ") for line in expected]
        assert layout.wrap(text, room, first, rest) == expected, (text, room, first, rest)
    # Anything else is textwrap's own: several spaces, a tab, a line break.
    assert not layout._plain("a  b") and not layout._plain("a\tb") and not layout._plain(" a")
    assert layout.wrap("one\ttwo  three", 12) == ["one     two", "three"]  # a tab to column 8
