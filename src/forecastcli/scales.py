"""Probability scales: terms, their bands and the phrasings that count as each term."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from forecastcli.render.words import band_text
from forecastcli.safetext import quote

BUILT_IN = ("phia", "bisi", "icd203", "kent")


@dataclass(frozen=True)
class Term:
    """A verbal probability term: its band and scoring point are fractions (0.55, not 55)."""

    name: str
    low: float
    high: float
    point: float
    phrasings: tuple[str, ...]

    def contains(self, p: float) -> bool:
        return self.low - 1e-12 <= p <= self.high + 1e-12

    @property
    def band_text(self) -> str:
        return band_text(self.low, self.high)


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class Match:
    """A term phrased in a text: the term, where its phrasing starts and ends, as written."""

    term: Term
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Scale:
    """A probability scale: its terms, lowest band first, and the phrasings of each."""

    name: str
    title: str
    source: str
    terms: tuple[Term, ...]
    _by_phrase: dict[str, Term] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for term in self.terms:
            for phrase in (term.name, *term.phrasings):
                self._by_phrase.setdefault(_normal(phrase), term)

    def term(self, text: str) -> Term | None:
        """The term that `text` names exactly (any listed form, any case), or None."""
        return self._by_phrase.get(_normal(text))

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        # Longest first, so "highly unlikely" wins over "unlikely"; \b keeps "unlikely"
        # from being read as "likely".
        phrases = sorted(self._by_phrase, key=lambda p: (-len(p), p))
        body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)
        return re.compile(rf"\b(?:{body})\b", re.IGNORECASE)

    def find(self, text: str) -> list[Match]:
        """Every term phrased in `text`, in order, whole words, longest phrasing first."""
        return [
            Match(self._by_phrase[_normal(m.group(0))], m.start(), m.end(), m.group(0))
            for m in self._pattern.finditer(text)
        ]


class ScaleDefinitionError(ValueError):
    """A scale definition is malformed; `where` is the path of keys to the bad value."""

    def __init__(self, message: str, where: tuple[str | int, ...]) -> None:
        super().__init__(message)
        self.where = where


def build_scale(name: str, raw: Any, known: dict[str, Scale]) -> Scale:
    """Build a scale from its data form (the built-in files and forecast.yaml's `scales:`)."""
    if not isinstance(raw, dict):
        raise ScaleDefinitionError("a scale must be a mapping with `terms`", ())
    title = raw.get("title", name)
    source = raw.get("source", "")
    for key, value in (("title", title), ("source", source)):
        if not isinstance(value, str):
            raise ScaleDefinitionError(f"`{key}` must be text", (key,))
    if "same_as" in raw:
        same_as = raw["same_as"]
        base = known.get(same_as) if isinstance(same_as, str) else None
        if base is None:
            shown = quote(same_as) if isinstance(same_as, str) else "of this kind"
            raise ScaleDefinitionError(f"unknown scale {shown}", ("same_as",))
        return Scale(name, title, source or base.source, base.terms)
    items = raw.get("terms")
    if not isinstance(items, list) or not items:
        raise ScaleDefinitionError("a scale needs a non-empty list `terms`", ("terms",))
    terms = []
    for i, item in enumerate(items):
        terms.append(_build_term(item, ("terms", i)))
    return Scale(name, title, source, tuple(terms))


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _build_term(item: Any, where: tuple[str | int, ...]) -> Term:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise ScaleDefinitionError("a term needs a `name`", where)
    band = item.get("band")
    if (
        not isinstance(band, list)
        or len(band) != 2
        or not all(_number(b) for b in band)
        or not 0 <= band[0] <= band[1] <= 100
    ):
        raise ScaleDefinitionError("`band` must be [low, high] in percent, 0–100", (*where, "band"))
    low, high = band[0] / 100, band[1] / 100
    point = item.get("point")
    if point is None:
        point_value = (low + high) / 2
    elif _number(point) and band[0] <= point <= band[1]:
        point_value = point / 100
    else:
        raise ScaleDefinitionError("`point` must be a percent inside the band", (*where, "point"))
    phrasings = item.get("phrasings", [])
    if not isinstance(phrasings, list) or not all(isinstance(p, str) for p in phrasings):
        raise ScaleDefinitionError("`phrasings` must be a list of strings", (*where, "phrasings"))
    return Term(item["name"], low, high, point_value, tuple(phrasings))


_builtin_cache: dict[str, Scale] = {}


def built_in_scales() -> dict[str, Scale]:
    """The scales shipped inside the package, read from its data files once."""
    if not _builtin_cache:
        # Read as every brief is: PyYAML's general constructor would take twice as long,
        # on every start of every command.
        from forecastcli.yamlfile import parse

        # Beside this module in every install (package data).
        folder = Path(__file__).parent / "scaledata"
        for name in BUILT_IN:
            path = folder / f"{name}.yaml"
            data = parse(str(path), path.read_text(encoding="utf-8")).data
            _builtin_cache[name] = build_scale(name, data, _builtin_cache)
    return dict(_builtin_cache)
