"""The command line's edge: usage errors, a lean start-up, the cache option everywhere."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO, run


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
