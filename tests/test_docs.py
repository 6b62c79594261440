"""Keep the docs honest: every command has help, a place in the README's loop and a docs
section, and every docs page is reachable from the index.

The sessions themselves are run by tests/test_docs_sessions.py.
"""

from __future__ import annotations

import re

import pytest
import typer

from forecastcli.cli import app
from tests.helpers import REPO, run, write_brief

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
README = (REPO / "README.md").read_text(encoding="utf-8")
DOCS = {path.name: path.read_text(encoding="utf-8") for path in (REPO / "docs").glob("*.md")}


def loop() -> list[str]:
    """The commands of the README's loop: the code block under its heading `## The loop`."""
    section = README.split("\n## The loop\n", 1)[1]
    block = re.search(r"```text\n(.*?)```", section, re.DOTALL)
    assert block is not None
    return re.findall(r"^forecast (\w+)", block.group(1), re.MULTILINE)


def sessions_text() -> str:
    blocks = re.findall(r"```console\n(.*?)```", README + "\n".join(DOCS.values()), re.DOTALL)
    return "\n".join(blocks)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_example(name: str) -> None:
    result = run(name, "--help")
    assert result.code == 0
    assert "Example: forecast " + name in " ".join(result.out.split())


def test_the_readme_loop_names_every_command_once() -> None:
    assert sorted(loop()) == COMMANDS


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_a_section_in_the_docs(name: str) -> None:
    heading = re.compile(rf"^#+ .*`forecast {name}`", re.MULTILINE)
    assert [page for page, text in DOCS.items() if heading.search(text)], name


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_shown_running(name: str) -> None:
    assert re.search(rf"^\$ forecast {name}\b", sessions_text(), re.MULTILINE), name


def test_readme_starts_with_the_two_set_up_commands() -> None:
    block = re.search(r"```sh\n(.*?)```", README, re.DOTALL)
    assert block is not None
    assert README.index("```sh") == README.index("```")  # the first block of all
    lines = [line for line in block.group(1).splitlines() if line.strip()]
    assert len(lines) == 2
    assert lines[0].endswith("forecast due")
    assert lines[1].endswith("python -m pytest")


def test_readme_is_what_a_newcomer_reads() -> None:
    assert 150 <= len(README.splitlines()) <= 250


def test_every_docs_page_is_in_the_index_and_every_link_leads_somewhere() -> None:
    index = DOCS["README.md"]
    linked = set(re.findall(r"\]\(([\w.-]+\.md)\)", index))
    assert linked == set(DOCS) - {"README.md"}
    pages = {"README.md": README, **{f"docs/{name}": text for name, text in DOCS.items()}}
    for page, text in pages.items():
        folder = "" if page == "README.md" else "docs/"
        for target, anchor in re.findall(r"\]\(([\w./-]+\.md)(?:#([\w-]+))?\)", text):
            path = (REPO / folder / target).resolve()
            assert path.is_file(), f"{page}: {target}"
            if anchor:
                headings = re.findall(r"^#+ (.*)$", path.read_text(encoding="utf-8"), re.M)
                assert anchor in {slug(h) for h in headings}, f"{page}: {target}#{anchor}"


def slug(heading: str) -> str:
    """The anchor a git forge gives a heading: lower case, spaces to hyphens, no marks."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def test_the_brief_file_shown_in_the_docs_is_valid() -> None:
    block = re.search(r"```yaml\n(.*?)```", DOCS["brief-files.md"], re.DOTALL)
    assert block is not None
    write_brief("example", block.group(1))
    result = run("check")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("Checked 1 brief (2 forecasts in the valid ones): all valid;")


def test_exit_codes_are_documented() -> None:
    from forecastcli import errors

    table = DOCS["exit-codes.md"]
    for code in (errors.EXIT_OK, errors.EXIT_DATA, errors.EXIT_USAGE):
        assert re.search(rf"^\| {code} \|", table, re.MULTILINE)


def test_every_command_is_mapped_to_the_module_that_declares_it() -> None:
    # `forecast NAME` imports only COMMANDS[NAME]: a command missing there would vanish.
    from forecastcli.cli import COMMANDS

    declared = {
        (info.name or info.callback.__name__): info.callback.__module__.rsplit(".", 1)[1]
        for info in app.registered_commands
        if info.callback is not None
    }
    assert declared == COMMANDS
