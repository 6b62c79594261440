"""The pre-commit hook forecastcli ships for briefs repositories (SPEC section 9)."""

from __future__ import annotations

import re

import yaml

from tests.helpers import REPO, run


def test_the_pre_commit_hook_runs_forecast_check_on_the_whole_folder() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "forecast-check"
    assert {"id", "name", "entry", "language"} <= set(hook)
    # pre-commit installs this package and runs its `forecast` script.
    assert hook["language"] == "python"
    assert hook["entry"] == "forecast check"
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'forecast = "forecastcli.cli:main"' in pyproject
    # `check` reads the whole folder: no file names are passed, and a commit that touches
    # any YAML file, a brief or forecast.yaml, runs it.
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert all(files.search(p) for p in ("briefs/b.yaml", "forecast.yaml", "x/briefs/c.yaml"))
    assert not any(files.search(p) for p in ("README.md", "notes.txt", "briefs/b.yaml.lock"))
    command = hook["entry"].split()
    assert command[0] == "forecast"
    assert run(*command[1:]).code == 0
