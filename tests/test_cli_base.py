"""Options are converted as Typer converts them, without loading pydantic at start-up."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import typer.main
from typer._click import Context
from typer._click.exceptions import BadParameter
from typer._coercion import build_runtime_param

from forecastcli.cli import app
from forecastcli.cli.base import _Plain, _plain_kind
from tests.conftest import REPO, run

SAMPLES: dict[str, list[Any]] = {
    "text": ["", "x", " 2026-11-27 ", "ünïcode", "--odd"],
    "texts": [(), ("a",), ("a", "b b"), ["x"]],
    "number": ["0", "14", " 7 ", "+3", "3.00", "1_000", "-1", "abc", "3.5", "1e3", "", "٣"],
    "path": ["briefs", ".", "", "a/b/../c", "/tmp/x"],
    "flag": [True, False, "true", "no", "1", "maybe"],
}


def outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> Any:
    try:
        return ("ok", runtime.coerce(value, param=param, ctx=ctx))
    except BadParameter as exc:
        return ("error", exc.message)


def parameters() -> list[tuple[str, Any, Any]]:
    group = typer.main.get_command(app)
    found = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        ctx = Context(command)
        for param in command.get_params(ctx):
            found.append((name, command, param))
    return found


@pytest.mark.parametrize(("command", "param"), [(c, p) for _, c, p in parameters()])
def test_plain_conversion_gives_what_typer_gives(command: Any, param: Any) -> None:
    descriptor = param.type_descriptor
    kind = _plain_kind(descriptor.annotation, descriptor.parameter_info)
    assert kind is not None, f"{param.name} would load pydantic"
    ours = _Plain(
        parameter_info=descriptor.parameter_info, annotation=descriptor.annotation, kind=kind
    )
    typers = build_runtime_param(descriptor)
    ctx = Context(command)
    for value in SAMPLES[kind]:
        assert outcome(ours, value, param, ctx) == outcome(typers, value, param, ctx), value


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
