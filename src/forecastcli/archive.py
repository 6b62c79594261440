"""The briefs that loaded, and the queries over them: lookups, choices, due, standings.

An archive holds its briefs in one of two ways. Read afresh (`--no-cache`, a small
folder, a list of files), it holds every brief in memory and answers each query with the
definitions of `forecastcli.status`, which are the reference. Served by the parse cache's
index (`forecastcli.index`), it answers from the index's columns and builds only the
briefs a query names. Both give the same answers: the tests hold every command's output
with the cache to the output without it.

If the cache file turns out damaged in the middle of a query (each part of it is checked
when first read), the archive reads every brief afresh, answers from memory from then on,
and the cache is written whole again: a damaged cache never makes a command wrong or fail.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from forecastcli.errors import DataError, Problem
from forecastcli.model import Brief, Forecast

if TYPE_CHECKING:
    from forecastcli.index import Index
    from forecastcli.scoring import Counted, Scorable
    from forecastcli.status import State

T = TypeVar("T")

# The briefs a command chose (--brief, --tag), by their place in the archive; None: all.
Chosen = list[int] | None


class Archive:
    """Every brief in the folder that loaded cleanly, and the problems of the rest."""

    def __init__(
        self,
        folder: Path,
        index: Index | None = None,
        recover: Callable[[], Archive] | None = None,
    ) -> None:
        self.folder = folder
        self.index = index
        self.recover = recover  # reads every brief afresh, when the index is damaged
        self._briefs: list[Brief] | None = None if index is not None else []
        self.problems: list[Problem] = []  # errors: the brief is left out
        self.warnings: list[Problem] = []
        self.invalid: list[str] = []  # paths of briefs left out
        self._id_counts: Counter[str] | None = None
        self._places: dict[str, int] | None = None
        self._states: dict[dt.date, list[State]] = {}  # of every brief in memory, by day

    def _ask(self, indexed: Callable[[Index], T], in_memory: Callable[[], T]) -> T:
        """A query, from the index while it holds, else from the briefs in memory."""
        if self.index is not None:
            from forecastcli.cache import Damaged

            try:
                return indexed(self.index)
            except Damaged:
                self._read_afresh()
        return in_memory()

    def _read_afresh(self) -> None:
        assert self.recover is not None
        fresh = self.recover()
        self.index = None
        self._briefs = fresh.briefs
        self.problems, self.warnings, self.invalid = fresh.problems, fresh.warnings, fresh.invalid
        self._id_counts = self._places = None
        self._states.clear()

    @property
    def briefs(self) -> list[Brief]:
        """Every brief that loaded, in file order."""
        if self._briefs is None:
            self._briefs = self._ask(lambda index: index.briefs(), lambda: self.briefs)
        return self._briefs

    @property
    def brief_count(self) -> int:
        return len(self.index) if self.index is not None else len(self.briefs)

    @property
    def forecast_count(self) -> int:
        if self.index is not None:
            return self.index.forecast_count
        return sum(len(b.forecasts) for b in self.briefs)

    def forecasts(self) -> Iterable[Forecast]:
        for brief in self.briefs:
            yield from brief.forecasts

    def _refs(self) -> tuple[list[str], list[str]]:
        """Every forecast's reference and id, in file order, without building the briefs."""

        def indexed(index: Index) -> tuple[list[str], list[str]]:
            ids = index.columns.ids
            starts = index.columns.forecast_start
            refs = [
                f"{brief_id}/{ids[i]}"
                for b, brief_id in enumerate(index.brief_ids)
                for i in range(starts[b], starts[b + 1])
            ]
            return refs, ids

        def in_memory() -> tuple[list[str], list[str]]:
            found = list(self.forecasts())
            return [f.ref for f in found], [f.id for f in found]

        return self._ask(indexed, in_memory)

    def short_ref(self, forecast: Forecast) -> str:
        """The shortest reference that names the forecast: its bare id where it is unique."""

        def in_memory() -> str:
            if self._id_counts is None:
                self._id_counts = Counter(f.id for f in self.forecasts())
            return forecast.id if self._id_counts[forecast.id] == 1 else forecast.ref

        return self._ask(
            lambda index: forecast.ref if forecast.id in index.dups else forecast.id, in_memory
        )

    def _place(self, brief_id: str) -> int | None:
        if self._places is None:
            assert self.index is not None
            self._places = {b: i for i, b in enumerate(self.index.brief_ids)}
        return self._places.get(brief_id)

    def brief(self, brief_id: str) -> Brief | None:
        def indexed(index: Index) -> Brief | None:
            place = self._place(brief_id)
            return None if place is None else index.brief(place)

        def in_memory() -> Brief | None:
            for brief in self.briefs:
                if brief.id == brief_id:
                    return brief
            return None

        return self._ask(indexed, in_memory)

    def find(self, ref: str) -> tuple[Brief, Forecast]:
        """The forecast named by `BRIEF/ID`, or by a bare `ID` unique across all briefs."""
        if "/" in ref:
            brief_id, _, forecast_id = ref.partition("/")
            brief = self.brief(brief_id)
            found = brief.forecast(forecast_id) if brief else None
            if brief is not None and found is not None:
                return brief, found
            raise DataError(_unknown(ref, self._refs()[0]))
        refs, ids = self._refs()
        places = [i for i, fid in enumerate(ids) if fid == ref]
        if len(places) == 1:
            return self._forecast(places[0])
        if places:
            listed = ", ".join(refs[i] for i in places)
            raise DataError(f"{ref!r} names forecasts in several briefs; say which: {listed}")
        raise DataError(_unknown(ref, ids))

    def _forecast(self, place: int) -> tuple[Brief, Forecast]:
        """The forecast at `place` in file order, with its brief."""
        return self._ask(lambda index: index.forecast(place), lambda: _nth(self.briefs, place))

    # -- what a command chose, and the queries over it --------------------------------------

    def choose(self, briefs: list[str] | None = None, tags: list[str] | None = None) -> Chosen:
        """The briefs chosen by `--brief` and `--tag` (None: all of them, when neither is
        given), by place; an unknown brief id is an error."""
        if not briefs and not tags:
            return None
        ids = self._brief_ids()
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
            tags_of: Sequence[Sequence[str]] = self._ask(
                lambda index: index.columns.tags, lambda: [b.tags for b in self.briefs]
            )
            wanted = {t.lower() for t in tags}  # in any case
            chosen = [b for b in chosen if wanted & {t.lower() for t in tags_of[b]}]
        return chosen

    def _brief_ids(self) -> list[str]:
        return self._ask(lambda index: index.brief_ids, lambda: [b.id for b in self.briefs])

    def chosen(self, chosen: Chosen) -> list[Brief]:
        """The chosen briefs themselves."""
        if chosen is None:
            return self.briefs
        return self._ask(
            lambda index: index.briefs(chosen), lambda: [self.briefs[b] for b in chosen]
        )

    def due(self, as_of: dt.date, within: int, chosen: Chosen = None) -> list[State]:
        """`status.due` over the chosen briefs."""
        from forecastcli import status

        return self._ask(
            lambda index: index.due(as_of, within, None if chosen is None else set(chosen)),
            lambda: status.due(self.chosen(chosen), as_of, within),
        )

    def standings(self, as_of: dt.date, chosen: Chosen = None) -> Sequence[Scorable]:
        """Every chosen forecast as scoring reads it, at the end of `as_of`, in file order:
        the states of `status.states` in memory, their values alone from the index."""

        return self._ask(
            lambda index: index.standings(as_of, chosen),
            lambda: list(self._states_at(as_of, chosen)),
        )

    def _states_at(self, as_of: dt.date, chosen: Chosen) -> list[State]:
        """`status.states` of the chosen briefs in memory; of every brief, worked out once
        a day (the report counts the as-of day again for each quarter). Not to be changed."""
        from forecastcli import status

        if chosen is not None:
            return status.states(self.chosen(chosen), as_of)
        found = self._states.get(as_of)
        if found is None:
            found = self._states[as_of] = status.states(self.briefs, as_of)
        return found

    def count(
        self,
        as_of: dt.date,
        chosen: Chosen = None,
        include_open: bool = False,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> Counted:
        """The chosen forecasts whose window closes from `since` to `until`, counted for
        scoring as they stand at the end of `as_of` (see `scoring.count`): from the
        index's columns alone, or from the states in memory."""
        from forecastcli import breakdown, scoring

        def indexed(index: Index) -> Counted:
            return index.count(as_of, chosen, include_open, since, until)

        def in_memory() -> Counted:
            states = breakdown.within(self._states_at(as_of, chosen), since, until)
            return scoring.partition(states, as_of, include_open)

        return self._ask(indexed, in_memory)

    def resolved_between(self, first: dt.date, last: dt.date) -> list[State]:
        """The forecasts whose outcome in force at the end of `last` began to count on a
        day from `first` to `last`, as they stand at the end of `last`, in file order."""
        from forecastcli import status

        def indexed(index: Index) -> list[State]:
            places = index.starting_between(first, last)
            return status.states_of([index.forecast(place) for place in places], last)

        def in_memory() -> list[State]:
            return [
                s
                for s in self._states_at(last, None)
                if s.resolution is not None and first <= s.resolution.counts_from <= last
            ]

        return self._ask(indexed, in_memory)


def _nth(briefs: list[Brief], place: int) -> tuple[Brief, Forecast]:
    for brief in briefs:
        if place < len(brief.forecasts):
            return brief, brief.forecasts[place]
        place -= len(brief.forecasts)
    raise IndexError(place)


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
