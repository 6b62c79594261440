"""Every terminal session in README.md and docs/*.md prints what the docs say it prints.

The convention is in docs/development.md; `python -m tests.docs_sessions --update`
rewrites the sessions from real output.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests import docs_sessions as ds
from tests.helpers import REPO


def sessions() -> list[ds.Session]:
    try:
        return ds.collect()
    except ds.PageError:
        return []  # test_every_page_follows_the_convention says what is wrong


@pytest.mark.parametrize("session", sessions(), ids=lambda s: s.name)
def test_session_prints_what_the_docs_say(session: ds.Session, tmp_path: Path) -> None:
    differences = ds.run_session(session, tmp_path)
    assert not differences, (
        "\n\n".join(d.report() for d in differences)
        + "\n\nAfter a deliberate change: python -m tests.docs_sessions --update"
    )


def test_every_page_follows_the_convention() -> None:
    found = ds.collect()
    assert REPO / "README.md" in {s.path for s in found}
    # Every setup is used, so a worked example cannot lose its test by losing its block.
    assert {s.setup for s in found} == set(ds.SETUPS)


def page(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "page.md"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def test_blocks_of_a_page_share_a_folder_until_a_session_line(tmp_path: Path) -> None:
    path = page(
        tmp_path,
        """
        ```console
        $ forecast check
        ```

        ```console
        $ forecast check
        ```

        <!-- session: report -->

        ```console
        $ forecast check
        ```
        """,
    )
    found = ds.read_page(path)
    assert [(s.setup, [b.start for b in s.blocks]) for s in found] == [
        ("bundled", [1, 5]),
        ("report", [11]),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("```console\n$ ls briefs\n```\n", "page.md:1: a console block must begin with"),
        ("```console\n```\n", "page.md:1: a console block must begin with"),
        ("<!-- session: nope -->\n", "page.md:1: unknown session 'nope'"),
        ("```console\n$ forecast check\n", "page.md:1: a code block that is never closed"),
        ('<!-- input: ["y"] -->\n\nText.\n', "page.md:3: `input` must stand right before"),
        ('<!-- input: ["y"] -->\n```text\n$ x\n```\n', "page.md:2: `input` stands before"),
    ],
    ids=["not-forecast", "empty", "session", "unclosed", "input-astray", "input-on-text"],
)
def test_a_page_that_breaks_the_convention_is_named_at_its_line(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(ds.PageError) as caught:
        ds.read_page(page(tmp_path, text))
    assert message in str(caught.value)


def test_a_command_that_takes_as_of_must_give_it(tmp_path: Path) -> None:
    path = page(tmp_path, "```console\n$ forecast due\n```\n")
    (session,) = ds.read_page(path)
    with pytest.raises(ds.PageError, match=r"page\.md:2: `forecast due` takes --as-of"):
        ds.run_session(session, tmp_path / "run")


def test_a_wrong_session_is_reported_and_rewritten(tmp_path: Path) -> None:
    path = page(
        tmp_path,
        """
        Before.

        ```console
        $ forecast check
        Checked 9 briefs.
        $ echo $?
        0
        ```
        """,
    )
    (session,) = ds.read_page(path)
    differences = ds.run_session(session, tmp_path / "run")
    assert [d.step.command for d in differences] == ["forecast check"]
    assert "page.md:4: $ forecast check\n" in differences[0].report()
    ds.update(differences)
    assert path.read_text(encoding="utf-8") == textwrap.dedent("""\
        Before.

        ```console
        $ forecast check
        Checked 1 brief (7 forecasts in the valid ones): all valid; 0 errors, 0 warnings.
        $ echo $?
        0
        ```
        """)
    (again,) = ds.read_page(path)
    assert ds.run_session(again, tmp_path / "again") == []


def test_answers_are_typed_into_the_walk_and_shown_after_their_questions(
    tmp_path: Path,
) -> None:
    path = page(
        tmp_path,
        """
        <!-- input: ["s", "q"] -->
        ```console
        $ forecast resolve --as-of 2026-11-27
        [...]
        Outcome [y/n/a/v/s/q]: s
        [...]
        Outcome [y/n/a/v/s/q]: q
        Stopped: 0 recorded, 1 skipped, 4 not asked.
        ```
        """,
    )
    (session,) = ds.read_page(path)
    assert ds.run_session(session, tmp_path / "run") == []


LINES = ["a", "b", "c", "d", "e"]


@pytest.mark.parametrize(
    ("shown", "same"),
    [
        (LINES, True),
        (["a", "b", "c", "d"], False),
        (["[...]"], True),
        (["a", "[...]"], True),
        (["[...]", "e"], True),
        (["a", "[...]", "c", "[...]", "e"], True),
        (["a", "[...]", "b", "c", "d", "e"], True),  # a cut may stand for no line at all
        (["a", "[...]", "d", "[...]", "c"], False),  # the parts keep their order
        (["a", "b", "[...]", "b", "e"], False),  # and do not overlap
        (["b", "[...]"], False),
    ],
)
def test_a_cut_stands_for_any_lines(shown: list[str], same: bool) -> None:
    assert ds.matches(shown, LINES) is same


def test_a_rewrite_keeps_the_cuts_where_their_parts_still_stand() -> None:
    real = ["title", "one", "two", "three", "four", "five", "end"]
    shown = ["title", "[...]", "three!", "[...]", "end"]
    assert ds.recut(["title", "[...]", "three", "[...]", "end"], real) == [
        "title",
        "[...]",
        "three",
        "[...]",
        "end",
    ]
    # A part whose first line is gone: the whole output, to be cut again by hand.
    assert ds.recut(shown, real) == real
