"""The briefs that loaded, and the lookups that find a brief or a forecast among them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from forecastcli.errors import DataError, Problem
from forecastcli.model import Brief, Forecast


class Archive:
    """Every brief in the folder that loaded cleanly, and the problems of the rest."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.briefs: list[Brief] = []
        self.problems: list[Problem] = []  # errors: the brief is left out
        self.warnings: list[Problem] = []
        self.invalid: list[str] = []  # paths of briefs left out
        self._id_counts: Counter[str] | None = None

    def forecasts(self) -> Iterable[Forecast]:
        for brief in self.briefs:
            yield from brief.forecasts

    def short_ref(self, forecast: Forecast) -> str:
        """The shortest reference that names the forecast: its bare id where it is unique."""
        if self._id_counts is None:
            self._id_counts = Counter(f.id for f in self.forecasts())
        return forecast.id if self._id_counts[forecast.id] == 1 else forecast.ref

    def brief(self, brief_id: str) -> Brief | None:
        for brief in self.briefs:
            if brief.id == brief_id:
                return brief
        return None

    def find(self, ref: str) -> tuple[Brief, Forecast]:
        """The forecast named by `BRIEF/ID`, or by a bare `ID` unique across all briefs."""
        if "/" in ref:
            brief_id, _, forecast_id = ref.partition("/")
            brief = self.brief(brief_id)
            found = brief.forecast(forecast_id) if brief else None
            if brief is not None and found is not None:
                return brief, found
            refs = [f.ref for f in self.forecasts()]
            raise DataError(_unknown(ref, refs))
        matches = [(b, f) for b in self.briefs for f in b.forecasts if f.id == ref]
        if len(matches) == 1:
            return matches[0]
        if matches:
            listed = ", ".join(f.ref for _, f in matches)
            raise DataError(f"{ref!r} names forecasts in several briefs; say which: {listed}")
        ids = [f.id for f in self.forecasts()]
        raise DataError(_unknown(ref, ids))


def did_you_mean(
    name: str,
    known: Iterable[str],
    *,
    most: int = 1,
    cutoff: float = 0.6,
    shown: Callable[[str], str] = repr,
) -> str:
    """`; did you mean X?` naming up to `most` of the `known` names nearest `name` (as
    difflib rates them, at least `cutoff`), each as `shown` writes it; "" when none is near.

    The one hint of every lookup: a forecast reference, a brief id, a forecast id in a
    resolution entry.
    """
    import difflib

    close = difflib.get_close_matches(name, list(dict.fromkeys(known)), n=most, cutoff=cutoff)
    return f"; did you mean {' or '.join(shown(c) for c in close)}?" if close else ""


def _unknown(ref: str, candidates: list[str]) -> str:
    hint = did_you_mean(ref, candidates, most=3, cutoff=0.5, shown=str)
    where = "" if hint else " (`forecast list` shows every reference)"
    return f"no forecast {ref!r}{hint}{where}"


def select(
    archive: Archive, briefs: list[str] | None = None, tags: list[str] | None = None
) -> list[Brief]:
    """The briefs chosen by `--brief` and `--tag` (all of them when neither is given)."""
    chosen = archive.briefs
    if briefs:
        known = {b.id for b in chosen}
        for brief_id in briefs:
            if brief_id not in known:
                hint = did_you_mean(brief_id, sorted(known))
                raise DataError(f"no brief {brief_id!r} in {archive.folder}{hint}")
        chosen = [b for b in chosen if b.id in briefs]
    if tags:
        wanted = {t.lower() for t in tags}
        chosen = [b for b in chosen if wanted & {t.lower() for t in b.tags}]
    return chosen
