"""Options are converted as Typer converts them, without loading pydantic at start-up."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main
from typer.core import TyperArgument, TyperGroup, TyperOption
from typer.testing import CliRunner

from forecastcli.cli import app, coercion
from tests.helpers import REPO

# The shim and this test reach into Typer's private modules: on a Typer without them
# there is nothing to compare, and Typer's own conversion is the one in use.
_coercion = pytest.importorskip("typer._coercion")
pytest.importorskip("typer._param_types")
Context = pytest.importorskip("typer._click").Context
BadParameter = pytest.importorskip("typer._click.exceptions").BadParameter
if not coercion.AVAILABLE:  # pragma: no cover - internals present but not as the shim needs
    pytest.skip("Typer's internals are not those the shim knows", allow_module_level=True)

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
    assert isinstance(group, TyperGroup)
    found = []
    for name, command in group.commands.items():
        ctx = Context(command)
        for param in command.get_params(ctx):
            found.append((name, command, param))
    return found


@pytest.mark.parametrize(("command", "param"), [(c, p) for _, c, p in parameters()])
def test_plain_conversion_gives_what_typer_gives(command: Any, param: Any) -> None:
    descriptor = param.type_descriptor
    kind = coercion.plain_kind(descriptor.annotation, descriptor.parameter_info)
    assert kind is not None, f"{param.name} would load pydantic"
    ours = coercion.PLAIN[kind](
        parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
    )
    typers = _coercion.build_runtime_param(descriptor)
    ctx = Context(command)
    for value in SAMPLES[kind]:
        assert outcome(ours, value, param, ctx) == outcome(typers, value, param, ctx), value


def converters(args: list[str]) -> dict[str, Any]:
    """Parse `forecast ARGS` as the command line does, without running the command, and
    give the conversion each of the command's options got."""
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    ctx = group.make_context("forecast", list(args))
    name, command, rest = group.resolve_command(ctx, list(args))
    assert command is not None and name is not None
    command.make_context(name, rest, parent=ctx)
    params = [p for p in command.params if isinstance(p, (TyperOption, TyperArgument))]
    assert len(params) == len(command.params)
    return {str(p.name): p._runtime_param for p in params}


DUE = ["due", "--within", "3", "--brief", "a", "--briefs", "b", "--json"]


def test_each_option_is_converted_by_the_shim() -> None:
    used = converters(DUE)
    assert {name: type(runtime) for name, runtime in used.items()} == {
        "briefs": coercion.PLAIN["path"],
        "as_of": coercion.PLAIN["text"],
        "within": coercion.PLAIN["number"],
        "brief": coercion.PLAIN["texts"],
        "tag": coercion.PLAIN["texts"],
        "json": coercion.PLAIN["flag"],
        "no_cache": coercion.PLAIN["flag"],
    }


def test_without_the_internals_typer_converts_on_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(coercion, "AVAILABLE", False)
    used = converters(DUE)
    for name in ("within", "brief", "briefs", "as_of"):
        assert isinstance(used[name], _coercion.AdapterRuntimeParam), name


class _OtherShape:
    """A RuntimeParam of a later Typer, which takes other fields."""

    def __init__(self, **fields: Any) -> None:
        raise TypeError(f"unexpected fields {sorted(fields)}")


def test_internals_of_another_shape_leave_typer_its_own_conversion(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(coercion, "PLAIN", dict.fromkeys(coercion.PLAIN, _OtherShape))
    used = converters(DUE)
    for name in ("within", "brief", "briefs", "as_of"):
        assert isinstance(used[name], _coercion.AdapterRuntimeParam), name


BUNDLED = str(REPO / "briefs")
COMMAND_LINES = [
    ["due", "--briefs", BUNDLED, "--as-of", "2026-11-27", "--json"],
    ["due", "--briefs", BUNDLED, "--within", "soon"],
    ["due", "--briefs", BUNDLED, "--within", "-1"],
    ["due", "--briefs", BUNDLED, "--within", "99999999"],
    ["due", "--briefs", BUNDLED, "--within", " 3 ", "--json"],
    ["due", "--briefs", BUNDLED, "--within", "1_000", "--json"],
    ["due", "--briefs", BUNDLED, "--within", "3.0", "--as-of", "2026-03-01"],
    ["due", "--briefs", BUNDLED, "--within", "3.5"],
    ["list", "--briefs", BUNDLED, "--brief", "2025-12-08-kazakhstan-joins-the-abraham-accords"],
    ["list", "--briefs", BUNDLED, "--tag", "nothing-has-this", "--json"],
    ["show", "--briefs", BUNDLED, "iran-sharp-rhetoric", "--json"],
    ["check", "--briefs", "", "--no-cache"],
    ["report", "--briefs", BUNDLED, "--days", "0"],
    ["export", "--briefs", BUNDLED, "--format", "csv", "--as-of", "2026-11-27"],
]


@pytest.mark.parametrize(
    "args", COMMAND_LINES, ids=lambda args: " ".join(a for a in args if a != BUNDLED)
)
def test_both_conversions_give_the_same_results(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def invoke() -> tuple[int, str, str]:
        result = CliRunner().invoke(app, args, catch_exceptions=False)
        return (result.exit_code, result.stdout, result.stderr)

    shim = invoke()
    monkeypatch.setattr(coercion, "AVAILABLE", False)
    assert invoke() == shim
    assert shim[0] in (0, 1, 2)
    assert shim[1] or shim[2]
