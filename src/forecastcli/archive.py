"""The briefs that loaded, and the queries over them: lookups, choices, due, standings."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from forecastcli.errors import DataError, Problem
from forecastcli.model import Brief, Forecast

if TYPE_CHECKING:
    from forecastcli.scoring import Scorable
    from forecastcli.status import State

# The briefs a command chose (--brief, --tag), by their place in the archive; None: all.
Chosen = list[int] | None


class Archive:
    """Every brief in the folder that loaded cleanly, and the problems of the rest."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.briefs: list[Brief] = []
        self.problems: list[Problem] = []  # errors: the brief is left out
        self.warnings: list[Problem] = []
        self.invalid: list[str] = []  # paths of briefs left out
        self._id_counts: Counter[str] | None = None

    @property
    def brief_count(self) -> int:
        return len(self.briefs)

    @property
    def forecast_count(self) -> int:
        return sum(len(b.forecasts) for b in self.briefs)

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

    # -- what a command chose, and the queries over it --------------------------------------

    def choose(self, briefs: list[str] | None = None, tags: list[str] | None = None) -> Chosen:
        """The briefs chosen by `--brief` and `--tag` (None: all of them, when neither is
        given), by place; an unknown brief id is an error."""
        if not briefs and not tags:
            return None
        ids = [b.id for b in self.briefs]
        chosen = list(range(len(ids)))
        if briefs:
            known = set(ids)
            for brief_id in briefs:
                if brief_id not in known:
                    hint = did_you_mean(brief_id, sorted(known))
                    raise DataError(f"no brief {brief_id!r} in {self.folder}{hint}")
            wanted = set(briefs)
            chosen = [b for b in chosen if ids[b] in wanted]
        if tags:
            wanted_tags = {t.lower() for t in tags}
            chosen = [b for b in chosen if wanted_tags & {t.lower() for t in self.briefs[b].tags}]
        return chosen

    def chosen(self, chosen: Chosen) -> list[Brief]:
        """The chosen briefs themselves."""
        return self.briefs if chosen is None else [self.briefs[b] for b in chosen]

    def due(self, as_of: dt.date, within: int, chosen: Chosen = None) -> list[State]:
        """`status.due` over the chosen briefs."""
        from forecastcli import status

        return status.due(self.chosen(chosen), as_of, within)

    def standings(self, as_of: dt.date, chosen: Chosen = None) -> Sequence[Scorable]:
        """Every chosen forecast as scoring reads it, at the end of `as_of`, in file order."""
        from forecastcli import status

        return status.states(self.chosen(chosen), as_of)

    def resolved_between(self, first: dt.date, last: dt.date) -> list[State]:
        """The forecasts whose outcome in force at the end of `last` began to count on a
        day from `first` to `last`, as they stand at the end of `last`, in file order."""
        from forecastcli import status

        return [
            s
            for s in status.states(self.briefs, last)
            if s.resolution is not None and first <= s.resolution.counts_from <= last
        ]


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
    return archive.chosen(archive.choose(briefs, tags))
