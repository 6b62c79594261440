"""Settings from forecast.yaml, found in the current folder or the nearest parent."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta

from forecastcli.dates import MAX_DAYS, ORDERS, parse_duration
from forecastcli.errors import DataError, Problem, UsageError, shown_path
from forecastcli.safetext import quote
from forecastcli.scales import Scale, ScaleDefinitionError, build_scale, built_in_scales
from forecastcli.yamlfile import Document, YAMLProblem, parse

CONFIG_NAME = "forecast.yaml"
BRIEFS_ENV = "FORECAST_BRIEFS"


@dataclass(frozen=True)
class Horizon:
    """A horizon of forecast.yaml: where its window opens and closes after publication."""

    key: str
    label: str
    opens: relativedelta
    closes: relativedelta


def _horizon(key: str, label: str, opens: int, closes: int) -> Horizon:
    return Horizon(key, label, relativedelta(months=opens), relativedelta(months=closes))


DEFAULT_HORIZONS = {
    "short": _horizon("short", "Short-term (Now - 3 months)", 0, 3),
    "medium": _horizon("medium", "Medium-term (3-12 months)", 3, 12),
    "long": _horizon("long", "Long-term (>1 year)", 12, 24),
}


@dataclass(frozen=True)
class Settings:
    """forecast.yaml as read, with the defaults of every key it leaves out."""

    briefs: Path
    scale: str = "bisi"
    due_within: int = 14
    date_order: str = "iso"  # how all-numeric dates (05/01/2026) are read: iso refuses them
    horizons: dict[str, Horizon] = field(default_factory=lambda: dict(DEFAULT_HORIZONS))
    scales: dict[str, Scale] = field(default_factory=built_in_scales)
    config_path: Path | None = None


def find_config(start: Path) -> Path | None:
    """forecast.yaml in `start` or its nearest parent, as git finds .git."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_settings(briefs: Path | str | None = None, cwd: Path | None = None) -> Settings:
    """Settings for this folder: `briefs` (the --briefs option) wins over every other source.

    The order is: --briefs, then FORECAST_BRIEFS, then forecast.yaml's `briefs` (relative to
    that file's folder), then `briefs` in the current folder.
    """
    cwd = cwd or Path.cwd()
    config_path = find_config(cwd)
    raw: dict[str, Any] = {}
    doc: Document | None = None
    if config_path is not None:
        doc = _read_config(config_path)
        raw = doc.data or {}
    base = config_path.parent if config_path else cwd
    if briefs is None:
        briefs = os.environ.get(BRIEFS_ENV) or None
    if briefs is not None:
        folder = Path(briefs)
        folder = folder if folder.is_absolute() else cwd / folder
    else:
        folder = base / str(raw.get("briefs", "briefs"))
    settings = Settings(briefs=folder, config_path=config_path)
    if doc is not None:
        settings = _apply(settings, doc, raw)
    return settings


def require_folder(settings: Settings) -> None:
    if not settings.briefs.is_dir():
        raise UsageError(
            f"no briefs folder at {settings.briefs}: give one with --briefs DIR "
            f"(or {BRIEFS_ENV}), or set `briefs:` in {CONFIG_NAME}"
        )


def _problem(shown: str, line: int, column: int, message: str) -> DataError:
    problem = Problem(shown, line, column, message)
    return DataError(str(problem), [problem])


def _read_config(path: Path) -> Document:
    shown = shown_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _problem(shown, 0, 0, f"cannot read the settings: {exc}") from None
    try:
        doc = parse(shown, text)
    except YAMLProblem as exc:
        raise _problem(shown, exc.line, exc.column, exc.message) from None
    if doc.data is not None and not isinstance(doc.data, dict):
        raise _problem(shown, 1, 1, "the settings must be a mapping of keys to values")
    return doc


KNOWN_KEYS = {"briefs", "scale", "due_within", "date_order", "horizons", "scales"}


DURATION_HINT = (
    "must be a duration such as '3 months', '2 weeks', '10 days' or '1 year' (a bare "
    "number is months), at most a century"
)


def _apply(settings: Settings, doc: Document, raw: dict[str, Any]) -> Settings:
    problems: list[Problem] = []

    def problem(message: str, *keys: str | int) -> None:
        line, col = doc.locate(*keys)
        problems.append(Problem(doc.path, line, col, message))

    def mapping(key: str, of: str) -> dict[Any, Any]:
        given = raw.get(key) or {}
        if isinstance(given, dict):
            return given
        problem(f"`{key}` must be a mapping of {of}", key)
        return {}

    scales = dict(settings.scales)
    for name, definition in mapping("scales", "scale names to scales").items():
        try:
            scales[str(name)] = build_scale(str(name), definition, scales)
        except ScaleDefinitionError as exc:
            problem(f"scale {quote(str(name))}: {exc}", "scales", str(name), *exc.where)

    scale = raw.get("scale", settings.scale)
    if not isinstance(scale, str) or scale not in scales:
        shown = quote(scale) if isinstance(scale, str) else "of this kind"
        problem(f"unknown scale {shown}; known: {', '.join(sorted(scales))}", "scale")
        scale = settings.scale

    due_within = raw.get("due_within", settings.due_within)
    if (
        not isinstance(due_within, int)
        or isinstance(due_within, bool)
        or not 0 <= due_within <= MAX_DAYS
    ):
        problem(f"`due_within` must be a whole number of days from 0 to {MAX_DAYS}", "due_within")
        due_within = settings.due_within

    date_order = raw.get("date_order", settings.date_order)
    if date_order not in ORDERS:
        problem(
            f"`date_order` must be {', '.join(ORDERS[:-1])} or {ORDERS[-1]} (how to read "
            f"05/01/2026: refused, day first, month first), not {date_order!r}",
            "date_order",
        )
        date_order = settings.date_order

    horizons = dict(settings.horizons)
    for key, spec in mapping("horizons", "horizon names to windows").items():
        key = str(key)
        if not isinstance(spec, dict):
            problem(
                f"horizon {quote(key)} must be a mapping with opens and closes", "horizons", key
            )
            continue
        default = horizons.get(key)
        label = spec.get("label", default.label if default else key)
        if not isinstance(label, str):
            problem("`label` must be text", "horizons", key, "label")
            continue
        # A key left out keeps the value of the horizon of the same name (`medium: {closes:
        # 18 months}` still opens at 3 months); a new horizon opens at publication.
        if "opens" in spec:
            opens = parse_duration(spec["opens"])
        else:
            opens = default.opens if default is not None else relativedelta()
        closes = parse_duration(spec["closes"]) if "closes" in spec else None
        if closes is None and default is not None and "closes" not in spec:
            closes = default.closes
        if opens is None:
            problem(f"`opens` {DURATION_HINT}", "horizons", key, "opens")
        elif closes is None:
            problem(f"`closes` {DURATION_HINT}", "horizons", key, "closes")
        else:
            horizons[key] = Horizon(key, label, opens, closes)

    for key in raw:
        if str(key) not in KNOWN_KEYS:
            line, col = doc.locate(str(key), key_node=True)
            # Unknown settings are errors here: a misspelt key would silently do nothing.
            problems.append(Problem(doc.path, line, col, f"unknown setting {quote(str(key))}"))

    if problems:
        problems.sort()  # in the order of the file
        raise DataError(str(problems[0]), problems)
    return replace(
        settings,
        scale=scale,
        due_within=due_within,
        date_order=date_order,
        horizons=horizons,
        scales=scales,
    )
