"""The command line's edge: usage errors, a lean start-up, the cache option everywhere."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from forecastcli.cli import COMMANDS as COMMAND_MODULES
from tests.helpers import REPO, run


def test_bad_numbers_are_usage_errors() -> None:
    bad = run("due", "--within", "soon")
    assert bad.code == 2
    assert "Invalid value for '--within': Input should be a valid integer" in bad.err
    negative = run("due", "--within", "-1")
    assert negative.code == 2
    assert "Input should be greater than or equal to 0" in negative.err
    assert run("due", "--within", " 3 ", "--json").code == 0


def test_due_imports_only_what_it_needs() -> None:
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['forecast', 'due', '--json', '--as-of', '2026-11-27']\n"
        "try:\n"
        "    runpy.run_module('forecastcli', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "wanted = ['pydantic', 'rich.console', 'dateutil.parser', 'platformdirs',"
        " 'importlib.resources', 'pickle', 'forecastcli.scoring',"
        " 'forecastcli.recalibration', 'numpy']\n"
        "print(sorted(m for m in wanted if m in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stderr.strip().splitlines()[-1] == "[]"
    assert '"ref": "2025-12-08-kazakhstan-joins-the-abraham-accords/signing-ceremony"' in (
        result.stdout
    )


def test_every_command_that_loads_briefs_has_no_cache() -> None:
    for name in ("due", "list", "show", "check"):
        assert "--no-cache" in run(name, "--help").out, name


def test_the_bundled_briefs_check_clean_without_the_cache() -> None:
    assert run("check", "--no-cache", "--briefs", str(REPO / "briefs")).code == 0


# -- habits: --version, -h, usage lines, completion, -o ----------------------------------------

COMMANDS = sorted(COMMAND_MODULES)


def test_version() -> None:
    from forecastcli import __version__

    r = run("--version")
    assert (r.code, r.out) == (0, f"forecast {__version__}\n")


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_dash_h_is_help_on_every_command(name: str) -> None:
    words = [name] if name else []
    long = run(*words, "--help")
    assert long.code == 0
    assert long.out.startswith(f"Usage: forecast {name}".replace("  ", " "))
    assert run(*words, "-h").out == long.out
    assert "-h, --help" in long.out


@pytest.mark.parametrize("name", COMMANDS)
def test_usage_lines_name_arguments_as_they_are_typed(name: str) -> None:
    usage = run(name, "-h").out.splitlines()[0]
    assert "[[" not in usage and "{" not in usage and "<" not in usage, usage


def test_usage_of_the_commands_with_arguments() -> None:
    usages = {name: run(name, "-h").out.splitlines()[0] for name in ("show", "resolve", "scales")}
    assert usages == {
        "show": "Usage: forecast show [OPTIONS] REF",
        "resolve": "Usage: forecast resolve [OPTIONS] [REF] [OUTCOME]",
        "scales": "Usage: forecast scales [OPTIONS] [SCALE]",
    }
    assert "\n  REF      BRIEF/ID or a unique ID." in run("resolve", "-h").out  # no `<str>`
    missing = run("show")
    assert missing.code == 2
    assert missing.err.startswith("Usage: forecast show [OPTIONS] REF\nTry 'forecast show -h'")


def complete(shell: str, line: str) -> list[str]:
    """What `forecast`'s completion offers for `line` in `shell`, as the shell asks it."""
    words = line.split(" ")
    env = {**os.environ, "_FORECAST_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": line, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    result = subprocess.run(
        [sys.executable, "-m", "forecastcli"], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.splitlines()


def test_completion_for_bash_zsh_and_fish() -> None:
    assert complete("bash", "forecast sh") == ["show"]
    assert complete("bash", "forecast report --fo") == ["--format"]
    # Values of options that take one of a few words, and the outcome.
    assert complete("bash", "forecast calibration --by a") == ["author"]
    assert complete("bash", "forecast list --status ") == ["open", "due", "resolved"]
    assert complete("bash", "forecast resolve some-ref ") == ["yes", "no", "ambiguous", "void"]
    zsh = complete("zsh", "forecast ca")
    assert len(zsh) == 1 and '"calibration":"Score calibration' in zsh[0]
    fish = complete("fish", "forecast re")
    assert [line.split("\t")[0] for line in fish] == ["resolve", "report"]
    assert "-o" in complete("bash", "forecast import x -")


@pytest.mark.parametrize(
    ("shell", "line"),
    [
        ("bash", "complete -o default -F _forecast_completion forecast"),
        ("zsh", "#compdef forecast"),
        ("fish", "complete --command forecast --no-files"),
    ],
)
def test_completion_scripts(shell: str, line: str) -> None:
    env = {**os.environ, "_FORECAST_COMPLETE": f"source_{shell}"}
    script = subprocess.run(
        [sys.executable, "-m", "forecastcli"], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert line in script
    assert "--install-completion" in run("--help").out
