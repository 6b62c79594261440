"""Option values converted without pydantic, as Typer's own conversion gives them.

Typer 0.29 converts every option value through a pydantic TypeAdapter, and importing
pydantic and building the adapters takes longer than the rest of `forecast due` on a small
folder. Our options are text, whole numbers, paths, lists of text and flags: `PLAIN`
converts those exactly as Typer's adapters do, with the same messages, and anything else
is left to Typer. `plain_coercion` hands each parameter of a command its conversion
before Typer would build an adapter for it (`cli/base.py` calls it as a command is
parsed).

This reaches into Typer's private modules (`typer._coercion`, `typer._param_types`,
`typer._click`), which first appear in Typer 0.29 and may change in any minor release.
So pyproject.toml allows only the Typer minors the test suite has run on, and this module
steps aside whenever the internals are not as it expects: if they cannot be imported, or
its conversions cannot be built on them, Typer's own conversion does the job (correct, only
slower to start). tests/test_cli_coercion.py compares the two for every option of every
command, and checks that stepping aside gives the same results.

To allow a new Typer minor (0.30 here stands for it):

1. In a throwaway virtual environment: `pip install -e '.[test]' 'typer==0.30.*'`.
2. `python -m pytest tests/test_cli_coercion.py`. It skips when the private modules are
   gone; a failure names the option and the value on which the two conversions differ.
3. Where the internals moved or changed, follow them here (the imports below, the
   fields of `RuntimeParam`, the messages). Where that is not worth it,
   `AVAILABLE` turns false on its own and only start-up suffers.
4. Run the whole suite, and `python benchmarks/run.py --startup` for the start-up ratio.
5. Raise the upper bound of `typer` in pyproject.toml (`<0.31`). Raise the lower bound
   too if this module now needs the new minor: `.ci/run` runs the suite on the lowest
   Typer the range allows as well as on the highest, so the range stays true.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

try:
    from typer._click.exceptions import BadParameter
    from typer._coercion import RuntimeParam
    from typer._param_types import coerce_cli_path
except ImportError:  # pragma: no cover - a Typer outside the range pyproject.toml allows
    AVAILABLE = False
else:
    AVAILABLE = True

_TRUE = ("true", "1", "yes", "on", "t", "y")
_FALSE = ("false", "0", "no", "off", "f", "n", "")
_WHOLE = re.compile(r"\s*([+-]?[0-9]+(?:_[0-9]+)*)(?:\.0+)?\s*", re.ASCII)

PLAIN: dict[str, type[RuntimeParam]] = {}  # the conversion of each kind `plain_kind` names

if AVAILABLE:
    # Subclasses that add no field need no @dataclass of their own (RuntimeParam's
    # __init__ serves), and building a dataclass costs more at start-up than these five.

    class _Text(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> str:
            return str(value)

    class _Texts(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> list[str]:
            return [str(v) for v in (value if isinstance(value, (list, tuple)) else [value])]

    class _Path(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if not isinstance(value, Path):
                value = Path(value)
            return coerce_cli_path(value, self.parameter_info, path_type=Path, param=param, ctx=ctx)

    class _Flag(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> bool:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            raise BadParameter(
                "Input should be a valid boolean, unable to interpret input", ctx=ctx, param=param
            )

    class _Number(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> int:
            if isinstance(value, int) and not isinstance(value, bool):
                number = value
            else:
                match = _WHOLE.fullmatch(str(value))
                if match is None:
                    raise BadParameter(
                        "Input should be a valid integer, unable to parse string as an integer",
                        ctx=ctx,
                        param=param,
                    )
                number = int(match.group(1))
            low, high = self.parameter_info.min, self.parameter_info.max
            if low is not None and number < low:
                raise BadParameter(
                    f"Input should be greater than or equal to {low}", ctx=ctx, param=param
                )
            if high is not None and number > high:
                raise BadParameter(
                    f"Input should be less than or equal to {high}", ctx=ctx, param=param
                )
            return number

    PLAIN.update(text=_Text, texts=_Texts, path=_Path, flag=_Flag, number=_Number)


def plain_kind(annotation: Any, info: Any) -> str | None:
    """The kind of plain conversion for a parameter (a key of `PLAIN`), or None to leave it
    to Typer."""
    if getattr(info, "parser", None) is not None or getattr(info, "click_type", None):
        return None
    if annotation is str:
        return "text"
    if annotation is bool:
        return "flag"
    if annotation == list[str]:
        return "texts"
    if annotation is int and not getattr(info, "clamp", False):
        return "number"
    if annotation is Path and getattr(info, "path_type", None) in (None, Path):
        return "path"
    return None


def plain_coercion(command: Any, ctx: Any) -> None:
    """Give each parameter of `command` that Typer has not converted yet its plain
    conversion, where it has one."""
    if not AVAILABLE:
        return
    for param in command.get_params(ctx):
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", True) is not None:
            continue
        if descriptor.file_annotation is not None:
            continue
        kind = plain_kind(descriptor.annotation, descriptor.parameter_info)
        if kind is None:
            continue
        try:
            param._runtime_param = PLAIN[kind](
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
            )
        except (TypeError, AttributeError):
            return  # internals of another shape: Typer's own conversion does the job
