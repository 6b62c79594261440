"""The index answers every query as the briefs in memory answer it (`status`, `model.latest`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecastcli import cache, index, status
from forecastcli.archive import Archive
from forecastcli.config import load_settings
from forecastcli.errors import DataError
from forecastcli.loading import load_archive
from forecastcli.model import Brief, Outcome, Resolution, latest
from forecastcli.recalibration import Briefs, Grouped, grouped
from forecastcli.scoring import Counted
from tests.test_benchmarks import generator

DAY = dt.date(2026, 11, 27)

# -- which entry is in force: the timeline against model.latest -------------------------

days = st.dates(dt.date(2020, 1, 1), dt.date(2020, 3, 1))
entries = st.lists(
    st.builds(
        Resolution,
        forecast=st.just("f"),
        outcome=st.sampled_from(list(Outcome)),
        date=days,
        recorded=st.none()
        | st.datetimes(dt.datetime(2019, 12, 1), dt.datetime(2020, 3, 1)).map(
            lambda d: d.replace(microsecond=0)
        ),
        line=st.integers(0, 5),  # entries may share a line (a flow list on one line)
    ),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(entries)
def test_the_timeline_gives_the_entry_in_force_on_every_day(found: list[Resolution]) -> None:
    spans = index.timeline(found)
    for ordinal in range(dt.date(2019, 11, 30).toordinal(), dt.date(2020, 3, 3).toordinal()):
        day = dt.date.fromordinal(ordinal)
        in_force = [found[e] for start, end, e in spans if start <= ordinal < end]
        expected = latest(found, day).get("f")
        assert in_force == ([] if expected is None else [expected])
        # `is`: of two equal entries, the one latest chooses.
        assert not in_force or in_force[0] is expected


# -- a generated archive, served by its index ---------------------------------------------


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[Archive, Archive]:
    """The same archive read afresh and served from its index."""
    monkeypatch.setattr(cache, "RACY_NS", -3600 * 10**9)
    generator().generate(120, tmp_path / "briefs", seed=3, today=DAY)
    # Two briefs that share forecast ids, so some references must be long.
    (tmp_path / "briefs" / "zz-copy.yaml").write_bytes(
        next((tmp_path / "briefs").glob("2020-*.yaml")).read_bytes()
    )
    settings_ = load_settings()
    fresh = load_archive(settings_)
    load_archive(settings_, use_cache=True)  # writes the index
    indexed = load_archive(settings_, use_cache=True)
    assert indexed.index is not None and indexed.index.built == {}
    return fresh, indexed


AS_OF = [dt.date(2016, 1, 1), dt.date(2019, 6, 30), dt.date(2023, 2, 28), DAY, dt.date(2028, 1, 1)]


def key(s: status.State) -> tuple[object, ...]:
    return (s.brief, s.forecast, s.status, s.resolution, s.days)


def test_due_is_status_due(served: tuple[Archive, Archive]) -> None:
    fresh, indexed = served
    ids = [b.id for b in fresh.briefs]
    tags = sorted({t for b in fresh.briefs for t in b.tags})[:2]
    for day in AS_OF:
        for within in (0, 14, 400):
            for briefs, chosen_tags in ((None, None), (ids[::3], None), (None, tags)):
                expected = fresh.due(day, within, fresh.choose(briefs, chosen_tags))
                found = indexed.due(day, within, indexed.choose(briefs, chosen_tags))
                assert [key(s) for s in found] == [key(s) for s in expected]
    assert indexed.index is not None and len(indexed.index.built) < len(fresh.briefs)


FIELDS = (
    "probability",
    "outcome",
    "closes",
    "term",
    "scale",
    "brief_id",
    "horizon",
    "confidence",
    "authors",
    "tags",
)


def test_standings_are_what_states_give(served: tuple[Archive, Archive]) -> None:
    fresh, indexed = served
    for day in AS_OF:
        for chosen in (None, [0, 5, 7], []):
            expected = fresh.standings(day, chosen)
            found = indexed.standings(day, chosen)
            assert [tuple(getattr(s, f) for f in FIELDS) for s in found] == [
                tuple(getattr(s, f) for f in FIELDS) for s in expected
            ]
    assert indexed.index is not None and indexed.index.built == {}  # no brief was built


def test_counts_for_scoring_are_what_the_states_give(served: tuple[Archive, Archive]) -> None:
    fresh, indexed = served

    def by_kind(briefs: Briefs) -> tuple[object, ...]:
        # The briefs by kind, whichever way they were taken: the index takes them by kind.
        found = briefs if isinstance(briefs, Grouped) else grouped(briefs)
        # Each kind's forecasts as (p, happened), in the order they are left out in: the
        # same order both ways, so that the sums over them are the same to the last bit.
        kinds = [[(found.ps[n >> 1], n & 1) for n in kind] for kind in found.forecasts]
        return list(found.names), list(found.kinds), kinds

    def shape(counted: Counted) -> tuple[object, ...]:
        # Term groups are keyed by the identity of their objects: the same objects here.
        return (
            list(counted.groups.items()),
            list(counted.terms.items()),
            by_kind(counted.by_brief),
            list(counted.in_play.items()),
            counted.left_out,
            counted.forecasts,
            counted.resolved,
        )

    for day in AS_OF:
        for chosen in (None, [0, 5, 7], []):
            for include_open in (False, True):
                for since, until in ((None, None), (dt.date(2019, 1, 1), dt.date(2024, 6, 30))):
                    args = (day, chosen, include_open, since, until)
                    assert shape(indexed.count(*args)) == shape(fresh.count(*args))
    assert indexed.index is not None and indexed.index.built == {}


def test_the_forecasts_resolved_in_a_period_are_found(served: tuple[Archive, Archive]) -> None:
    fresh, indexed = served
    for day in AS_OF:
        for days in (1, 7, 90):
            first = day - dt.timedelta(days=days - 1)
            expected = fresh.resolved_between(first, day)
            assert [key(s) for s in indexed.resolved_between(first, day)] == [
                key(s) for s in expected
            ]


def test_lookups_and_references_are_the_same(served: tuple[Archive, Archive]) -> None:
    fresh, indexed = served
    assert (indexed.brief_count, indexed.forecast_count) == (
        fresh.brief_count,
        fresh.forecast_count,
    )
    for brief in fresh.briefs[::10]:
        assert indexed.brief(brief.id) == brief
        for forecast in brief.forecasts:
            assert indexed.short_ref(forecast) == fresh.short_ref(forecast)
            assert indexed.find(forecast.ref) == fresh.find(forecast.ref)
    assert indexed.brief("no-such-brief") is None
    assert {fresh.short_ref(f) for f in fresh.forecasts()} != {f.id for f in fresh.forecasts()}
    for ref in ("no-such/ref", "no-such-id", fresh.briefs[0].forecasts[0].id, "2020-x/y"):
        outcomes = []
        for archive in (fresh, indexed):
            try:
                outcomes.append(archive.find(ref))
            except DataError as exc:
                outcomes.append(exc.message)  # type: ignore[arg-type]
        assert outcomes[0] == outcomes[1]
    with pytest.raises(DataError, match="no brief 'nope'"):
        indexed.choose(["nope"])
    assert indexed.briefs == fresh.briefs


def test_due_reads_the_briefs_it_lists_only_when_they_are_used(
    served: tuple[Archive, Archive],
) -> None:
    fresh, indexed = served
    assert indexed.index is not None
    items = indexed.due(DAY, 14)
    assert items and indexed.index.built == {}  # the forecasts alone were read
    brief = items[0].brief
    assert type(brief) is index.Deferred
    # Its title alone is read from the head of its record (the report names the brief).
    whole = fresh.brief(items[0].forecast.brief)
    assert whole is not None
    assert (brief.title, brief.authors, brief.published) == (
        whole.title,
        whole.authors,
        whole.published,
    )
    assert type(brief) is index.Deferred
    assert indexed.index.built == {}
    # Reading any field reads the record, a field with a default first of all...
    forecasts = brief.forecasts
    assert type(brief) is Brief  # ...and it is a brief like any other
    expected = fresh.brief(items[0].forecast.brief)
    assert expected is not None
    assert brief == expected and forecasts == expected.forecasts
    assert brief.forecasts[brief.forecasts.index(items[0].forecast)] is items[0].forecast
    briefs = {s.forecast.brief: s.brief for s in indexed.due(DAY, 400)}
    others = [(i, b) for i, b in briefs.items() if type(b) is index.Deferred]
    assert len(others) >= 3
    (first_id, first), (second_id, second), (third_id, third) = others[:3]
    assert first.resolutions == getattr(fresh.brief(first_id), "resolutions", None)
    same = fresh.brief(second_id)
    assert second == same and hash(second) == hash(same)
    changed = dataclasses.replace(third, title="Another")
    assert changed.title == "Another"
    assert changed.forecasts == getattr(fresh.brief(third_id), "forecasts", None)


# -- a record gives back its brief, whatever its text ------------------------------------------


class _Bytes:
    """A reader of one record held in memory."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def raw(self, name: str, start: int, size: int) -> bytes:
        return self.data[start : start + size]


text = st.text(max_size=40)  # any characters: controls, quotes, backslashes, emoji
maybe = st.none() | text
when = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))


@settings(max_examples=200, deadline=None)
@given(
    title=text,
    authors=st.lists(text, max_size=3),
    url=maybe,
    statement=text,
    notes=st.tuples(maybe, maybe, maybe, maybe),
    p=st.none() | st.floats(0, 1),
    term=st.none() | st.integers(0, 6),
    days=st.tuples(when, when, when),
    recorded=st.none() | st.datetimes(),
    sources=st.lists(text, max_size=3),
    line=st.integers(0, 10**6),
)
def test_a_record_gives_back_the_brief_it_was_made_of(
    title: str,
    authors: list[str],
    url: str | None,
    statement: str,
    notes: tuple[str | None, str | None, str | None, str | None],
    p: float | None,
    term: int | None,
    days: tuple[dt.date, dt.date, dt.date],
    recorded: dt.datetime | None,
    sources: list[str],
    line: int,
) -> None:
    from forecastcli.model import Forecast
    from forecastcli.windows import Window

    the_settings = load_settings()
    scale = the_settings.scales["bisi"]
    criteria, quote, by, note = notes
    if p is None and term is None:  # a forecast gives a term or a p
        term = 0
    brief = Brief(
        id="b",
        file="briefs/b.yaml",
        shown="briefs/b.yaml",
        title=title,
        published=days[0],
        scale=scale,
        authors=tuple(authors),
        url=url,
        tags=tuple(reversed(authors)),
        forecasts=(
            Forecast(
                "b",
                "f",
                statement,
                None if term is None else scale.terms[term],
                p,
                "short",
                Window(*sorted(days[1:])),
                "low",
                criteria,
                quote,
                line,
            ),
        ),
        resolutions=(
            Resolution("f", Outcome.VOID, days[2], recorded, by, note, tuple(sources), line),
        ),
    )
    columns = index.Columns()
    data = columns.add(brief, index.Codes(the_settings))
    assert data.isascii()
    found = index.Index(
        the_settings,
        columns,
        lambda: ["b"],
        lambda b: "b",
        lambda b: ("briefs/b.yaml", "briefs/b.yaml", "b"),
        lambda b: (_Bytes(data), 0),  # type: ignore[arg-type, return-value]
    )
    assert found.brief(0) == brief
    found.make([0])
    assert found.made[0] == brief.forecasts[0]
