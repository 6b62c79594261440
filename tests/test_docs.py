"""Keep the docs honest: every command has help with an example and a place in the README."""

from __future__ import annotations

import re

import pytest
import typer

from forecastcli.cli import app
from tests.conftest import REPO, run

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_example(name: str) -> None:
    result = run(name, "--help")
    assert result.code == 0
    assert "Example: forecast " + name in " ".join(result.out.split())


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_the_readme(name: str) -> None:
    assert re.search(rf"^\$ forecast {name}\b", README, re.MULTILINE), name


def test_readme_starts_with_the_two_set_up_commands() -> None:
    block = re.search(r"```sh\n(.*?)```", README, re.DOTALL)
    assert block is not None
    lines = [line for line in block.group(1).splitlines() if line.strip()]
    assert len(lines) == 2
    assert lines[0].endswith("forecast due")
    assert lines[1].endswith("python -m pytest")


def test_exit_codes_are_documented() -> None:
    from forecastcli import errors

    for code in (errors.EXIT_OK, errors.EXIT_DATA, errors.EXIT_USAGE):
        assert re.search(rf"^\| {code} \|", README, re.MULTILINE)


def test_every_command_is_mapped_to_the_module_that_declares_it() -> None:
    # `forecast NAME` imports only COMMANDS[NAME]: a command missing there would vanish.
    from forecastcli.cli import COMMANDS

    declared = {
        (info.name or info.callback.__name__): info.callback.__module__.rsplit(".", 1)[1]
        for info in app.registered_commands
        if info.callback is not None
    }
    assert declared == COMMANDS
