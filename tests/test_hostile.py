"""Hostile and odd input (SPEC section 8): never a crash, a hidden brief or a leak."""

from __future__ import annotations

import datetime as dt
import errno
import functools
import os
import re
from pathlib import Path
from typing import Any

import pytest

from forecastcli import clock, resolving, yamlfile, yamlloader
from tests.helpers import SIMPLE, insert_after, own_list, run, write_brief

STAMP = dt.datetime(2026, 11, 27, 10, 4, 12)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: STAMP)


def brief_with(line: str) -> str:
    """SIMPLE with alpha's horizon or statement line (whichever `line` sets) replaced."""
    key = line.split(":")[0]
    old = {"    horizon": "    horizon: short", "    statement": "    statement: Alpha happens."}
    return SIMPLE.replace(old[key], line, 1)


def line_of(line: str) -> int:
    """The line of the file where `brief_with(line)` put `line`."""
    return brief_with(line).splitlines().index(line) + 1


# -- explicit YAML tags (SPEC section 3) ----------------------------------------------------

TAGGED = [
    ("    horizon: !!timestamp short", "!!timestamp"),
    ("    statement: !!int Israel joins", "!!int"),
    ('    statement: !!int ""', "!!int"),
    ("    horizon: !!float medium", "!!float"),
    ("    statement: !!bool Israel joins", "!!bool"),
    ("    statement: !!binary aGVsbG8=", "!!binary"),
    ("    statement: !!set {a, b}", "!!set"),
    ("    statement: !!omap [a: 1]", "!!omap"),
    ("    statement: !!python/object/apply:os.system [echo hi]", "!!python/object/apply:os.system"),
    ("    horizon: &h !!int 0x_", "!!int"),
    ("    horizon: !local short", "!local"),
]


@pytest.mark.parametrize(("line", "tag"), TAGGED)
def test_a_tag_on_any_value_is_a_problem_at_its_line_in_every_command(
    line: str, tag: str, tmp_path: Path
) -> None:
    write_brief("bad", brief_with(line))
    write_brief("good", SIMPLE.replace("id: alpha", "id: gamma").replace("id: beta", "id: delta"))
    column = line.index(": ") + 3  # where the value (with its anchor, if any) starts
    expected = (
        f"briefs/bad.yaml:{line_of(line)}:{column}: a YAML tag ({tag}) is not allowed; delete it (put the "
        "value in quotes if it must be read as text)"
    )
    check = run("check")
    assert (check.code, check.err) == (1, expected + "\n")
    due = run("due", "--as-of", "2026-11-27")
    assert due.code == 1 and "gamma" in due.out
    assert due.err == expected + "\n"
    # Resolving a forecast of the valid brief beside it still works.
    resolve = run("resolve", "gamma", "yes", "--date", "2026-03-01")
    assert resolve.code == 0, resolve.err
    assert "Recorded: gamma resolved yes" in resolve.err
    report = run("report", "--as-of", "2026-11-27", "-o", "week.md")
    assert report.code == 1
    assert report.err == expected + "\n"
    assert expected in (tmp_path / "week.md").read_text(encoding="utf-8")


def test_str_alone_is_read_as_the_quotes_would() -> None:
    write_brief("b", brief_with("    statement: !!str 2026"))
    shown = run("show", "alpha", "--json")
    assert shown.code == 0 and shown.json()["statement"] == "2026"


@pytest.mark.parametrize("text", ["a: 0x_\n", "a: 0b_\n", "a: =\n", "a: <<\n"])
def test_plain_values_yaml_cannot_build_are_kept_for_the_checker(text: str) -> None:
    # PyYAML's own constructor raises ValueError for `0x_` and refuses a bare `=`.
    value = yamlfile.parse("x.yaml", text).data["a"]
    assert isinstance(value, yamlloader.BadScalar) and value.text == text[3:-1]
    write_brief("b", brief_with(f"    horizon: {text[3:-1]}"))
    r = run("check")
    assert r.code == 1
    assert (
        r.err == f"briefs/b.yaml:7:14: unknown horizon {text[3:-1]!r}; known: short, medium, long\n"
    )


# -- PyYAML without libyaml -----------------------------------------------------------------


@pytest.fixture
def pure_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read YAML as a PyYAML built without libyaml does."""
    monkeypatch.setattr(yamlloader, "Loader", yamlloader.pure_python_loader())


@pytest.mark.usefixtures("pure_python")
@pytest.mark.parametrize("char", ["\x08", "\x1b", "\x7f", "\ufffe"])
def test_pure_python_reader_words_a_control_character_as_a_problem(char: str) -> None:
    write_brief("b", SIMPLE.replace("Alpha happens.", f"Alpha ééé {char}happens."))
    r = run("check")
    assert r.code == 1
    shown = {"\x08": "\\x08", "\x1b": "\\x1b", "\x7f": "\\x7f", "\ufffe": "\\ufffe"}[char]
    assert (
        r.err
        == f"briefs/b.yaml:9:26: not valid YAML: the character {shown} is not allowed; delete it\n"
    )


def test_both_readers_place_a_control_character_after_non_ascii_text_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # libyaml counts the offset of a bad character in bytes of UTF-8, PyYAML in characters.
    text = "title: ééééé\nnote: ab\x08\n"
    with pytest.raises(yamlfile.YAMLProblem) as libyaml:
        yamlfile.parse("x.yaml", text)
    monkeypatch.setattr(yamlloader, "Loader", yamlloader.pure_python_loader())
    with pytest.raises(yamlfile.YAMLProblem) as pure:
        yamlfile.parse("x.yaml", text)
    assert (libyaml.value.line, libyaml.value.column) == (pure.value.line, pure.value.column)
    assert (pure.value.line, pure.value.column) == (2, 9)


@pytest.mark.usefixtures("pure_python")
def test_pure_python_reader_refuses_half_a_character() -> None:
    write_brief("b", SIMPLE.replace("Alpha happens.", '"Alpha \\ud800 happens."'))
    r = run("check")
    assert r.code == 1
    assert r.err == (
        "briefs/b.yaml:9:16: not valid YAML: a \\u escape names half of a character (a surrogate)\n"
    )


@pytest.mark.usefixtures("pure_python")
@pytest.mark.parametrize(("line", "tag"), TAGGED[:4])
def test_pure_python_reader_refuses_tags_too(line: str, tag: str) -> None:
    write_brief("b", brief_with(line))
    r = run("check")
    assert r.code == 1 and f"a YAML tag ({tag})" in r.err


# -- merge conflicts left by git ------------------------------------------------------------

CONFLICT = """\
title: A simple brief
author: A. Analyst
published: 2026-01-31
forecasts:
  - id: alpha
<<<<<<< HEAD
    horizon: short
=======
    horizon: medium
>>>>>>> their-branch
    term: likely
    statement: Alpha happens.
"""


def test_a_merge_conflict_is_named_at_its_marker_line() -> None:
    write_brief("b", CONFLICT)
    r = run("check")
    assert r.code == 1
    assert r.err == (
        "briefs/b.yaml:6:1: unresolved merge conflict (lines 6-10, left by git): keep the "
        "lines that are right and delete the `<<<<<<<`, `=======` and `>>>>>>>` lines\n"
    )


def test_stray_markers_and_diff3_conflicts_are_named_too() -> None:
    text = CONFLICT.replace("=======\n", "||||||| base\n    horizon: long\n=======\n")
    text = text.replace("    term: likely\n", "    term: likely\n=======\n", 1)
    text += ">>>>>>>\n"
    write_brief("b", text)
    r = run("check")
    assert [line.split(": unresolved")[0] for line in r.err.splitlines()] == [
        "briefs/b.yaml:6:1",
        "briefs/b.yaml:14:1",
        "briefs/b.yaml:16:1",
    ]
    assert "(lines 6-12, left by git)" in r.err
    assert "a `=======` line left from git" in r.err


def test_resolve_refuses_a_brief_with_a_merge_conflict() -> None:
    path = write_brief("b", CONFLICT)
    before = path.read_bytes()
    r = run("resolve", "b/alpha", "yes", "--date", "2026-03-01")
    assert r.code == 1
    assert "briefs/b.yaml:6:1: unresolved merge conflict" in r.err
    assert path.read_bytes() == before


def test_seven_equals_signs_inside_text_are_not_a_marker() -> None:
    write_brief("b", SIMPLE.replace("Alpha happens.", "Alpha ======= happens."))
    assert run("check").code == 0


# -- alias bombs: work bounded by the input's size ------------------------------------------


def bomb(levels: int, field: str) -> str:
    """A brief of under a kilobyte whose `field` expands to 9**levels leaves."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels + 1)]
    entry = {"forecast": "alpha", "outcome": "yes", "date": "2026-03-01", field: f"*a{levels}"}
    text = "\n".join(lines) + "\n" + SIMPLE + "resolutions:\n"
    return text + "".join(
        f"{'  - ' if i == 0 else '    '}{key}: {value}\n"
        for i, (key, value) in enumerate(entry.items())
    )


@pytest.mark.parametrize(
    "field", ["forecast", "outcome", "date", "recorded", "by", "note", "sources"]
)
def test_an_alias_bomb_is_named_by_its_kind_never_expanded(
    field: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 9**12 leaves: any attempt to write the value out, or to search with it, never ends.
    text = bomb(12, field)
    assert len(text) < 1500
    write_brief("b", text)
    searched: list[object] = []
    import difflib

    real = difflib.get_close_matches

    def get_close_matches(word: str, *a: Any, **k: Any) -> list[str]:
        searched.append(word)
        return real(word, *a, **k)

    monkeypatch.setattr(difflib, "get_close_matches", get_close_matches)
    r = run("check")
    assert r.code == 1
    errors = [line for line in r.err.splitlines() if "warning" not in line]
    assert len(errors) == 1 and "a list" in errors[0] and len(errors[0]) < 200
    assert searched == []


def test_did_you_mean_is_asked_a_bounded_number_of_times(monkeypatch: pytest.MonkeyPatch) -> None:
    from forecastcli import validation

    entries = "".join(
        f"  - forecast: alpah{i}\n    outcome: yes\n    date: 2026-03-01\n" for i in range(50)
    )
    write_brief("b", SIMPLE + "resolutions:\n" + entries)
    r = run("check")
    assert r.code == 1
    lines = r.err.splitlines()
    assert len(lines) == 50
    assert sum("did you mean 'alpha'?" in line for line in lines) == validation.HINTS


# -- at most 60 characters of a file's content in a message ---------------------------------

SECRET = "API_TOKEN=" + "s3cr3t" * 200_000  # 1.2 MB on one line


@pytest.mark.parametrize(
    "content",
    [
        SECRET + "\n",
        f"title: {SECRET}\n",
        f"title: T\n{SECRET[:1000]}: x\n",  # an unknown key, as long as YAML allows
        f"title: *{SECRET[:5000].replace('=', '_')}\n",  # PyYAML names the undefined alias
        f"forecasts:\n  - id: {SECRET[:5000].replace('=', '-').lower()}\n",
    ],
)
def test_a_symlinked_secret_is_quoted_at_most_60_characters(content: str, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / ".env").write_text(content, encoding="utf-8")
    (tmp_path / "briefs" / "env.yaml").symlink_to(Path("..") / "secret" / ".env")
    write_brief("good", SIMPLE)
    r = run("check")
    assert r.code == 1
    assert longest_quote(r.err) <= 60, r.err[:500]
    report = run("report", "--as-of", "2026-11-27", "-o", "week.html")
    assert report.code == 1
    html = (tmp_path / "week.html").read_text(encoding="utf-8")
    assert "secret/.env:" in html
    assert longest_quote(html) <= 60


def longest_quote(shown: str) -> int:
    """The length of the longest run of the secret's repeated body in `shown`."""
    return max((len(run_) for run_ in re.findall("(?:s3cr3t)+", shown)), default=0)


# -- control characters made visible --------------------------------------------------------

# An erase-screen, an OSC 8 link, a bell, a C1 escape (CSI) and a right-to-left override.
HOSTILE = "\x1b[2J\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\\x07\x9b31m\u202eX"
SHOWN = (
    HOSTILE.replace("\x1b", "\\x1b")
    .replace("\x07", "\\x07")
    .replace("\x9b", "\\x9b")
    .replace("\u202e", "\\u202e")
)
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def hostile_brief() -> None:
    # YAML's double-quoted escapes put the raw characters into the loaded text.
    escaped = HOSTILE.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    text = (
        SIMPLE.replace("title: A simple brief", f'title: "Title {escaped}"')
        .replace("author: A. Analyst", f'author: "Ann {escaped}"')
        .replace("tags: [testing]", f'tags: ["tag {escaped}"]')
        .replace("statement: Alpha happens.", f'statement: "Alpha {escaped}"')
    )
    text += (
        "resolutions:\n"
        "  - forecast: alpha\n"
        "    outcome: yes\n"
        "    date: 2026-03-01\n"
        "    recorded: 2026-11-25T10:00:00Z\n"
        f'    by: "By {escaped}"\n'
        f'    note: "Note {escaped}"\n'
        f'    sources: ["http://example.org/{escaped}"]\n'
    )
    write_brief("b", text)


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--as-of", "2026-05-01"],
        ["list"],
        ["show", "alpha"],
        ["show", "b"],
        ["export"],
        ["export", "--format", "json"],
        ["list", "--json"],
        ["calibration", "--by", "author"],
        ["calibration", "--by", "tag", "--as-of", "2026-05-01"],
        ["report", "--as-of", "2026-11-27", "--days", "30", "--format", "text"],
        ["report", "--as-of", "2026-11-27", "--days", "30", "--format", "markdown"],
        ["report", "--as-of", "2026-11-27", "--days", "30", "--format", "html"],
    ],
)
def test_control_characters_never_reach_the_output_raw(args: list[str]) -> None:
    hostile_brief()
    r = run(*args)
    assert r.code == 0, r.err
    assert RAW.search(r.out) is None, repr(r.out)
    assert RAW.search(r.err) is None
    if args[0] != "list" and "json" not in args:
        assert "\\x1b" in r.out  # shown, not dropped


def test_each_piece_of_brief_text_is_shown_with_its_escapes() -> None:
    hostile_brief()
    shown = run("show", "alpha").out
    for field in ("Brief:      Title ", "Statement:  Alpha ", "      Note ", "      Source: http"):
        line = next(line for line in shown.splitlines() if line.startswith(field))
        assert SHOWN in line, line
    text = run("report", "--as-of", "2026-11-27", "--days", "30", "--format", "text").out
    assert f"Note: Note {SHOWN}" in text.replace("\n  ", " ")


def test_a_problem_shows_the_control_characters_of_a_file_name_and_value() -> None:
    write_brief("x\x1b[2Jy", SIMPLE.replace("horizon: short", 'horizon: "sh\\x07ort"'))
    r = run("check")
    assert r.code == 1
    assert r.err.splitlines() == [
        "briefs/x\\x1b[2Jy.yaml:1:1: the file name 'x\\x1b[2Jy' is not a brief id: use "
        "lowercase letters, digits and hyphens, such as 2025-12-08-kazakhstan",
        "briefs/x\\x1b[2Jy.yaml:7:14: unknown horizon 'sh\\x07ort'; known: short, medium, long",
    ]


# -- CSV cells a spreadsheet would run ------------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "cell"),
    [
        (
            '"=HYPERLINK(\\"http://evil.example\\", \\"x\\")"',
            '"\'=HYPERLINK(""http://evil.example"", ""x"")"',
        ),
        ("\"+cmd|' /C calc'!A0\"", "'+cmd|' /C calc'!A0"),
        ('"-2+3+cmd|x"', "'-2+3+cmd|x"),
        ('"@SUM(1+1)"', "'@SUM(1+1)"),
        # The checker strips the statement: what would lead is the = after the tab.
        ('"\\t=1+1"', "'=1+1"),
        ('"\\r=1+1"', "'=1+1"),
        ("Plain words.", "Plain words."),
    ],
)
def test_a_csv_cell_that_would_start_a_formula_gets_a_quote(statement: str, cell: str) -> None:
    write_brief("b", SIMPLE.replace("Alpha happens.", statement))
    r = run("export")
    assert r.code == 0, r.err
    row = r.out.splitlines()[1]
    assert f",{cell},likely,0.65,0.55,0.75," in row


def test_csv_guards_every_text_cell_but_leaves_numbers_alone() -> None:
    import csv
    import io

    text = SIMPLE.replace("author: A. Analyst", 'author: ["\\t=A", "B"]')
    text = text.replace("tags: [testing]", 'tags: ["\\r+1", "-x"]')
    text = text.replace("title: A simple brief", 'title: "@title"')
    write_brief("b", text)
    rows = list(csv.DictReader(io.StringIO(run("export").out)))
    assert rows[0]["authors"] == "'\t=A; B"  # a tab that leads the cell is guarded too
    assert rows[0]["tags"] == "\\x0d+1; -x"  # a carriage return is shown, so nothing leads
    assert rows[0]["title"] == "'@title"
    assert (rows[0]["probability"], rows[0]["band_low"]) == ("0.65", "0.55")


# -- dates whose windows run past the calendar's end ----------------------------------------


@pytest.mark.parametrize(
    ("published", "horizon"),
    [("9999-12-08", "short"), ("9998-06-01", "long"), ("9999-12-31", "medium")],
)
@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["due"],
        ["list"],
        ["calibration"],
        ["export"],
        ["report", "--as-of", "2026-11-27"],
    ],
)
def test_a_window_past_year_9999_is_a_problem_at_published(
    published: str, horizon: str, args: list[str]
) -> None:
    text = SIMPLE.replace("published: 2026-01-31", f"published: {published}")
    write_brief("far", text.replace("horizon: short", f"horizon: {horizon}"))
    write_brief("good", SIMPLE.replace("id: alpha", "id: gamma").replace("id: beta", "id: delta"))
    r = run(*args)
    assert r.code == 1
    assert (
        f"briefs/far.yaml:3:12: `published` {published}: the '{horizon}' window would close "
        "after the year 9999, where the calendar ends; check the date"
    ) in r.err.splitlines()
    if args[0] in ("list", "export"):
        assert "gamma" in r.out  # the valid brief beside it still loads


def test_explicit_dates_near_the_end_of_the_calendar_load() -> None:
    text = SIMPLE.replace("    horizon: short\n", "    closes: 9999-12-31\n", 1)
    write_brief("b", text.replace("published: 2026-01-31", "published: 9999-01-01"))
    r = run("check")
    assert r.code == 1  # beta's medium-term window is past the end, alpha's own dates are not
    assert r.err.count("the year 9999") == 1 and "'medium'" in r.err


# -- folder entries that cannot be read -----------------------------------------------------


def test_unreadable_entries_are_problems_and_the_rest_still_load(tmp_path: Path) -> None:
    folder = tmp_path / "briefs"
    write_brief("good", SIMPLE)
    (folder / "loop.yaml").symlink_to("loop.yaml")
    (folder / "dangling.yaml").symlink_to("gone.yaml")
    (folder / "old.yaml").mkdir()
    os.mkfifo(folder / "pipe.yaml")
    for args in (["check"], ["due", "--as-of", "2026-11-27"], ["check", "--no-cache"]):
        r = run(*args)
        assert r.code == 1
        assert sorted(r.err.splitlines()) == [
            "briefs/dangling.yaml: cannot read the file: it is a symbolic link to gone.yaml, "
            "which does not exist",
            "briefs/loop.yaml: cannot read the file: it is a symbolic link that leads back to "
            "itself (a loop)",
            "briefs/old.yaml: a folder, not a brief file; rename it or move it out of the "
            "briefs folder",
            "briefs/pipe.yaml: not a regular file (a pipe, socket or device); move it out of "
            "the briefs folder",
        ]
    assert "alpha" in run("due", "--as-of", "2026-11-27").out


def test_unreadable_entries_stay_problems_through_the_parse_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from forecastcli import cache

    monkeypatch.setattr(cache, "MIN_FILES", 1)
    folder = tmp_path / "briefs"
    write_brief("good", SIMPLE)
    (folder / "loop.yaml").symlink_to("loop.yaml")
    first, again = run("check"), run("check")
    assert (first.code, again.code) == (1, 1)
    assert first.err == again.err and "loop.yaml" in again.err
    assert (
        first.out
        == again.out
        == (
            "Checked 2 briefs (2 forecasts in the valid ones): 1 brief invalid; 1 error, 0 warnings.\n"
        )
    )


def test_a_file_that_cannot_be_opened_is_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    write_brief("good", SIMPLE)
    write_brief("locked", SIMPLE)
    real_open = builtins.open

    def deny(file: object, *args: object, **kwargs: object) -> object:
        if str(file).endswith("locked.yaml"):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", deny)  # root may read anything: the refusal is made
    r = run("check")
    assert r.code == 1
    assert r.err == "briefs/locked.yaml: cannot read the file: permission denied\n"


def test_a_folder_that_cannot_be_listed_is_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def deny(path: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", deny)
    r = run("check")
    assert r.code == 1
    assert r.err == "briefs: cannot read the folder: permission denied\n"


# -- resolve through a symbolic link --------------------------------------------------------


def test_resolve_writes_through_a_link_and_keeps_it(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "b.yaml"
    target.write_text(SIMPLE, encoding="utf-8")
    link = tmp_path / "briefs" / "b.yaml"
    link.symlink_to(Path("..") / "shared" / "b.yaml")
    r = run("resolve", "b/alpha", "yes", "--date", "2026-03-01", "--by", "A. Analyst")
    assert r.code == 0, r.err
    assert r.err == "Recorded: alpha resolved yes on 2026-03-01 (shared/b.yaml).\n"
    assert link.is_symlink() and link.readlink() == Path("..") / "shared" / "b.yaml"
    assert target.read_text(encoding="utf-8") == insert_after(
        SIMPLE,
        "    statement: Alpha happens.",
        own_list(
            "outcome: yes", "date: 2026-03-01", "recorded: 2026-11-27T10:04:12Z", "by: A. Analyst"
        ),
    )
    # The lock and any temporary file belong to the target's folder; the briefs folder
    # holds the link alone.
    assert [p.name for p in (tmp_path / "briefs").iterdir()] == ["b.yaml"]
    assert sorted(p.name for p in shared.iterdir()) == [".b.yaml.lock", "b.yaml"]
    again = run("show", "b/alpha", "--json")
    assert again.json()["status"] == "resolved"


# -- resolve in a large brief: linear work, no second check ---------------------------------


def many_forecasts(n: int) -> str:
    items = "".join(
        f"  - id: f{i}\n    horizon: short\n    term: likely\n    statement: Event {i}.\n"
        for i in range(n)
    )
    return SIMPLE.split("forecasts:")[0] + "forecasts:\n" + items


@pytest.mark.parametrize("n", [10, 200])
def test_resolve_reads_a_brief_as_often_whatever_its_size(
    n: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Resolve parses the brief twice, each time with the collector paused.

    Once to find the reference, once to check the new text; under the lock only the
    forecast's own lines are parsed, for where the entry goes (positions only): the work
    grows with the file, never faster.
    """
    import gc

    write_brief("b", many_forecasts(n))
    calls: list[tuple[bool, bool, int]] = []
    real = yamlfile.parse

    def counted(path: str, text: str, build: bool = True) -> yamlfile.Document:
        calls.append((build, gc.isenabled(), text.count("\n")))
        return real(path, text, build)

    monkeypatch.setattr(yamlfile, "parse", counted)
    monkeypatch.setattr("forecastcli.validation.parse", counted)
    monkeypatch.setattr("forecastcli.placing.parse", counted)
    lines = Path("briefs/b.yaml").read_text(encoding="utf-8").count("\n")
    r = run("resolve", f"b/f{n // 2}", "yes", "--date", "2026-03-01", "--by", "A")
    assert r.code == 0, r.err
    # The forecast's own four lines; the new text has five more (the list and its entry).
    assert calls == [(True, False, lines), (False, False, 4), (True, False, lines + 5)]


def test_a_brief_changed_since_loading_is_read_again_under_the_lock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from forecastcli import writing

    path = write_brief("b", SIMPLE)
    other = (
        "resolutions:\n  - forecast: alpha\n    outcome: no\n    date: 2026-04-30\n"
        "    by: Someone Else\n"
    )

    def meanwhile(step: str) -> None:
        # Another resolver wrote between this command's load and its lock.
        if step == "locked" and "Someone Else" not in path.read_text(encoding="utf-8"):
            path.write_text(SIMPLE + other, encoding="utf-8")

    # The write tells each step it reaches to a callback, passed in where it starts.
    step = functools.partial(writing.append_resolution, step=meanwhile)
    monkeypatch.setattr(resolving, "append_resolution", step)
    r = run("resolve", "alpha", "yes", "--date", "2026-03-01")
    assert r.code == 1
    assert "alpha is already resolved no" in r.err
    assert path.read_text(encoding="utf-8") == SIMPLE + other
    r = run("resolve", "beta", "no", "--date", "2026-03-01", "--early", "--by", "Me")
    assert r.code == 0, r.err
    # Beta's entry goes under beta; the other resolver's entry stays where it was written.
    assert (
        path.read_text(encoding="utf-8")
        == insert_after(
            SIMPLE,
            "    statement: Beta happens.",
            own_list("outcome: no", "date: 2026-03-01", "recorded: 2026-11-27T10:04:12Z", "by: Me"),
        )
        + other
    )


def test_show_says_which_briefs_are_invalid_when_it_cannot_find_a_reference() -> None:
    write_brief("b", brief_with("    horizon: !!int 3"))
    r = run("show", "b/alpha")
    assert r.code == 1
    assert r.err.splitlines() == [
        "briefs/b.yaml:7:14: a YAML tag (!!int) is not allowed; delete it (put the value in "
        "quotes if it must be read as text)",
        "Error: no forecast 'b/alpha' (`forecast list` shows every reference)",
    ]
