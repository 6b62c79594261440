"""The index: every brief of a folder as columns, so a warm command reads only what it needs.

What the parse cache holds (`forecastcli.cache` keeps the file): for each brief file, its
stamp and what checking it gave (a valid brief, or its problems and warnings); for each
valid brief, a record of everything it holds (JSON) to build it again; and, in columns of
plain numbers, what the queries over the whole archive scan:

- per forecast: its window's closing day, the first day it counts as resolved, the
  probability scored, its term, horizon and confidence;
- per forecast, its timeline: which resolution entry is in force from which day to which
  (`model.latest`, the latest by `recorded` stamp then by place, on every day), so the
  outcome at any as-of day is one comparison, and `--as-of` gives any past list again;
- the forecasts in the order of their first counting day, so `due` finds the unresolved
  ones by a binary search instead of a scan;
- the forecast ids, and those that more than one brief uses (for the short references).

So `due` reads the columns, finds the few forecasts it lists, and builds only their briefs
from their records; `calibration` and `report` read the columns and build nothing but the
briefs of the items they name. Days are stored as ordinals, codes (scale, term, horizon,
confidence, outcome) as positions in the settings, which the cache's fingerprint covers.
"""

from __future__ import annotations

import bisect
import datetime as dt
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate, groupby
from typing import TYPE_CHECKING, Any, NamedTuple

from forecastcli import cache
from forecastcli.errors import Problem
from forecastcli.model import CONFIDENCES, Brief, Forecast, Outcome, Resolution
from forecastcli.windows import Window

if TYPE_CHECKING:
    from forecastcli.config import Settings
    from forecastcli.scales import Scale, Term
    from forecastcli.status import State

NEVER = 2**31 - 1  # a day after every day: "not resolved" and "in force for good"
UNSETTLED = -2  # the stamp of a file changed just before the cache was written

OUTCOMES = tuple(Outcome)

# Every column, its array type; the order of the sections in the file.
BRIEF_COLUMNS = {
    "forecasts": "i",  # how many
    "entries": "i",  # resolution entries
    "spans": "i",  # rows of the timeline
    "scale": "i",
    "size": "q",  # of its record
    "crc": "q",  # of its record
}
FORECAST_COLUMNS = {
    "closes": "i",
    "first": "i",
    "probability": "d",
    "term": "i",
    "horizon": "b",
    "confidence": "b",
}
TIMELINE_COLUMNS = {"forecast": "i", "start": "i", "end": "i", "outcome": "b", "entry": "i"}


def _empty(columns: dict[str, str]) -> dict[str, array[Any]]:
    return {name: array(code) for name, code in columns.items()}


class Codes:
    """Scales, terms, horizons and confidences as the small numbers the columns hold."""

    def __init__(self, settings: Settings) -> None:
        self.scales: list[Scale] = list(settings.scales.values())
        self.scale_code = {s.name: i for i, s in enumerate(self.scales)}
        self.terms: list[Term] = [t for s in self.scales for t in s.terms]
        # A scale's term by its place among the scale's terms: names may not be unique.
        self.term_start = list(accumulate((len(s.terms) for s in self.scales), initial=0))
        self.horizons: list[str | None] = [None, *settings.horizons]
        self.horizon_code = {h: i for i, h in enumerate(self.horizons)}
        self.confidences: list[str | None] = [None, *CONFIDENCES]
        self.confidence_code = {c: i for i, c in enumerate(self.confidences)}

    def term_code(self, scale: Scale, term: Term | None) -> int:
        if term is None:
            return -1
        code = self.scale_code[scale.name]
        return self.term_start[code] + scale.terms.index(term)


# -- a brief as a record ----------------------------------------------------------------


def record(brief: Brief) -> bytes:
    """Everything a brief holds besides where it lies, as JSON text."""
    import json

    scale = brief.scale
    data = [
        brief.title,
        brief.published.toordinal(),
        scale.name,
        list(brief.authors),
        brief.url,
        list(brief.tags),
        [
            [
                f.id,
                f.statement,
                None if f.term is None else scale.terms.index(f.term),
                f.p,
                f.horizon,
                f.window.opens.toordinal(),
                f.window.closes.toordinal(),
                f.confidence,
                f.criteria,
                f.quote,
                f.line,
            ]
            for f in brief.forecasts
        ],
        [
            [
                e.forecast,
                e.outcome.value,
                e.date.toordinal(),
                None if e.recorded is None else e.recorded.isoformat(),
                e.by,
                e.note,
                list(e.sources),
                e.line,
            ]
            for e in brief.resolutions
        ],
    ]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogatepass"
    )


class _Days:
    """One date object per distinct day, as validation shares them."""

    def __init__(self) -> None:
        self.days: dict[int, dt.date] = {}
        self.windows: dict[tuple[int, int], Window] = {}

    def day(self, ordinal: int) -> dt.date:
        found = self.days.get(ordinal)
        if found is None:
            found = self.days[ordinal] = dt.date.fromordinal(ordinal)
        return found

    def window(self, opens: int, closes: int) -> Window:
        found = self.windows.get((opens, closes))
        if found is None:
            found = self.windows[opens, closes] = Window(self.day(opens), self.day(closes))
        return found


def brief_from(
    data: bytes, brief_id: str, file: str, shown: str, settings: Settings, days: _Days
) -> Brief:
    """The brief a record holds, read from `file` (shown as `shown`)."""
    import json

    title, published, scale_name, authors, url, tags, forecasts, entries = json.loads(
        data.decode("utf-8", "surrogatepass")
    )
    scale = settings.scales[scale_name]
    terms = scale.terms
    day, window = days.day, days.window
    outcome = {o.value: o for o in OUTCOMES}
    return Brief(
        id=brief_id,
        file=file,
        shown=shown,
        title=title,
        published=day(published),
        scale=scale,
        authors=tuple(authors),
        url=url,
        tags=tuple(tags),
        forecasts=tuple(
            Forecast(
                brief_id,
                fid,
                statement,
                None if term is None else terms[term],
                p,
                horizon,
                window(opens, closes),
                confidence,
                criteria,
                quote,
                line,
            )
            for (
                fid,
                statement,
                term,
                p,
                horizon,
                opens,
                closes,
                confidence,
                criteria,
                quote,
                line,
            ) in (forecasts)
        ),
        resolutions=tuple(
            Resolution(
                fid,
                outcome[value],
                day(date),
                None if recorded is None else dt.datetime.fromisoformat(recorded),
                by,
                note,
                tuple(sources),
                line,
            )
            for fid, value, date, recorded, by, note, sources, line in entries
        ),
    )


def timeline(entries: Sequence[Resolution]) -> list[tuple[int, int, int]]:
    """When each of one forecast's entries is in force: (from, until, entry), days as
    ordinals, `until` excluded (NEVER: for good); entry as its place in `entries`.

    On each day the entry in force is the latest (`Resolution.rank`, the later place on a
    tie, as `model.latest`) of those that count by then; it can only change on a day some
    entry starts to count, so those days are the only ones looked at.
    """
    order = sorted(range(len(entries)), key=lambda i: entries[i].counts_from)
    spans: list[tuple[int, int, int]] = []
    best = -1
    for day, group in groupby(order, key=lambda i: entries[i].counts_from):
        for i in group:
            if best < 0 or (entries[i].rank, i) >= (entries[best].rank, best):
                best = i
        start = day.toordinal()
        if spans and spans[-1][2] == best:
            continue
        if spans:
            spans[-1] = (spans[-1][0], start, spans[-1][2])
        spans.append((start, NEVER, best))
    return spans


# -- the columns --------------------------------------------------------------------------


class Columns:
    """The numbers queries scan, for every valid brief in file order (see the module).

    Built in memory from briefs (`add`) and from runs of an older index (`extend`), or
    read from a cache file, where each column is read when first used (`Stored`).
    """

    def __init__(self, stored: Stored | None = None) -> None:
        self.stored = stored
        if stored is None:
            self.brief = _empty(BRIEF_COLUMNS)
            self.forecast: dict[str, array[Any]] = _empty(FORECAST_COLUMNS)
            self.timeline: dict[str, array[Any]] = _empty(TIMELINE_COLUMNS)
            self._ids: list[str] | None = []
            self._authors: list[list[str]] | None = []
            self._tags: list[list[str]] | None = []
        else:
            self.brief = stored.brief
            self.forecast = _Sections(stored, "forecasts", FORECAST_COLUMNS)
            self.timeline = _Sections(stored, "timeline", TIMELINE_COLUMNS)
            self._ids = self._authors = self._tags = None
        self._starts: dict[str, list[int]] = {}

    @property
    def ids(self) -> list[str]:
        """Every forecast's id."""
        if self._ids is None:
            assert self.stored is not None
            self._ids = self.stored.ids()
            if len(self._ids) != self.forecast_start[-1]:
                raise cache.Damaged("ids")
        return self._ids

    @property
    def authors(self) -> list[list[str]]:
        if self._authors is None:
            assert self.stored is not None
            self._authors = self.stored.lists("authors", len(self.brief["forecasts"]))
        return self._authors

    @property
    def tags(self) -> list[list[str]]:
        if self._tags is None:
            assert self.stored is not None
            self._tags = self.stored.lists("tags", len(self.brief["forecasts"]))
        return self._tags

    def add(self, brief: Brief, codes: Codes, data: bytes) -> None:
        """A brief read afresh, with its record `data`."""
        b, f, t = self.brief, self.forecast, self.timeline
        scale = brief.scale
        first_forecast = len(f["closes"])
        b["forecasts"].append(len(brief.forecasts))
        b["entries"].append(len(brief.resolutions))
        b["scale"].append(codes.scale_code[scale.name])
        b["size"].append(len(data))
        b["crc"].append(zlib.crc32(data))
        self.authors.append(list(brief.authors))
        self.tags.append(list(brief.tags))
        by_forecast: dict[str, list[int]] = {}
        for i, entry in enumerate(brief.resolutions):
            by_forecast.setdefault(entry.forecast, []).append(i)
        spans_made = 0
        for n, forecast in enumerate(brief.forecasts):
            self.ids.append(forecast.id)
            places = by_forecast.get(forecast.id, [])
            spans = timeline([brief.resolutions[i] for i in places])
            f["closes"].append(forecast.window.closes.toordinal())
            f["first"].append(spans[0][0] if spans else NEVER)
            f["probability"].append(forecast.probability)
            f["term"].append(codes.term_code(scale, forecast.term))
            f["horizon"].append(codes.horizon_code[forecast.horizon])
            f["confidence"].append(codes.confidence_code[forecast.confidence])
            for start, end, which in spans:
                place = places[which]
                t["forecast"].append(first_forecast + n)
                t["start"].append(start)
                t["end"].append(end)
                t["outcome"].append(OUTCOMES.index(brief.resolutions[place].outcome))
                t["entry"].append(place)
            spans_made += len(spans)
        b["spans"].append(spans_made)

    def extend(self, old: Columns, first: int, last: int) -> None:
        """Briefs `first` to `last` (excluded) of `old`, unchanged since it was written."""
        ob, of, ot = old.brief, old.forecast, old.timeline
        f0, f1 = old.forecast_start[first], old.forecast_start[last]
        t0, t1 = old.timeline_start[first], old.timeline_start[last]
        shift = len(self.forecast["closes"]) - f0
        for name, column in self.brief.items():
            column.extend(ob[name][first:last])
        for name, column in self.forecast.items():
            column.extend(of[name][f0:f1])
        for name, column in self.timeline.items():
            if name == "forecast" and shift:
                column.extend(i + shift for i in ot[name][t0:t1])
            else:
                column.extend(ot[name][t0:t1])
        self.ids.extend(old.ids[f0:f1])
        self.authors.extend(old.authors[first:last])
        self.tags.extend(old.tags[first:last])

    def _start(self, name: str) -> list[int]:
        found = self._starts.get(name)
        if found is None:
            found = self._starts[name] = list(accumulate(self.brief[name], initial=0))
        return found

    @property
    def forecast_start(self) -> list[int]:
        """Where each brief's forecasts start, and (last) how many there are."""
        return self._start("forecasts")

    @property
    def timeline_start(self) -> list[int]:
        return self._start("spans")

    @property
    def record_start(self) -> list[int]:
        return self._start("size")


class _Sections(dict[str, "array[Any]"]):
    """Columns of a cache file, each read (and checked) when first used."""

    def __init__(self, stored: Stored, part: str, codes: dict[str, str]) -> None:
        super().__init__()
        self.stored, self.part, self.codes = stored, part, codes

    def __missing__(self, name: str) -> array[Any]:
        found = _array(self.codes[name], self.stored.reader.section(f"{self.part}.{name}"))
        expected = self.stored.expected(self.part)
        bounds = self.stored.bounds.get(f"{self.part}.{name}")
        if len(found) != expected or (
            bounds is not None
            and found
            and not (bounds[0] <= min(found) and max(found) < bounds[1])
        ):
            raise cache.Damaged(f"{self.part}.{name}")
        self[name] = found
        return found

    def items(self) -> Any:  # every column, read
        return [(name, self[name]) for name in self.codes]


# -- the stored index ----------------------------------------------------------------------


def _array(code: str, data: bytes) -> array[Any]:
    found = array(code)
    if len(data) % found.itemsize:
        raise cache.Damaged(code)
    found.frombytes(data)
    return found


def names_blob(names: Iterable[str]) -> bytes:
    return "\0".join(names).encode("utf-8", "surrogateescape")


class Stored:
    """An index as a cache file holds it: what every run reads (the files' names, stamps
    and results, the problems, the briefs' counts), and the rest when asked for."""

    def __init__(self, reader: cache.Reader) -> None:
        import json

        self.reader = reader
        self.names = reader.section("files.names")
        self.stamps = reader.section("files.stamps")
        self.results = _array("i", reader.section("files.briefs"))
        self.brief = {
            name: _array(code, reader.section(f"briefs.{name}"))
            for name, code in BRIEF_COLUMNS.items()
        }
        self.problems: dict[int, list[Problem]] = {}
        try:
            for at, path, line, column, message, warning in json.loads(reader.section("problems")):
                self.problems.setdefault(at, []).append(
                    Problem(path, line, column, message, bool(warning))
                )
        except (ValueError, TypeError) as exc:
            raise cache.Damaged("problems") from exc
        n = len(self.brief["forecasts"])
        if (
            any(len(c) != n for c in self.brief.values())
            or [r for r in self.results if r >= 0] != list(range(n))
            or len(self.stamps) != 32 * len(self.results)
            or (self.names.count(b"\0") + 1 if self.names else 0) != len(self.results)
            or min(self.brief["forecasts"], default=0) < 0
            or min(self.brief["spans"], default=0) < 0
            or min(self.brief["size"], default=0) < 0
        ):
            raise cache.Damaged("briefs")

    @property
    def bounds(self) -> dict[str, tuple[int, int]]:
        """The values that columns used to look things up may hold (low, high excluded):
        a file made by hand to pass its checks can make a command wrong, not fail."""
        return {
            "forecasts.confidence": (0, len(CONFIDENCES) + 1),
            "timeline.forecast": (0, self.expected("forecasts")),
            "timeline.outcome": (0, len(OUTCOMES)),
        }

    def expected(self, part: str) -> int:
        """How long each column of `part` must be."""
        return sum(self.brief["forecasts" if part == "forecasts" else "spans"])

    def ids(self) -> list[str]:
        text = self.reader.section("ids").decode("utf-8")
        return text.split("\n") if text else []

    def dups(self) -> frozenset[str]:
        text = self.reader.section("dups").decode("utf-8")
        return frozenset(text.split("\n")) if text else frozenset()

    def lists(self, name: str, count: int) -> list[list[str]]:
        import json

        try:
            found = json.loads(self.reader.section(name))
        except ValueError as exc:
            raise cache.Damaged(name) from exc
        if not isinstance(found, list) or len(found) != count:
            raise cache.Damaged(name)
        return found

    def due_order(self) -> tuple[array[int], array[int]]:
        order = _array("i", self.reader.section("due.order"))
        firsts = _array("i", self.reader.section("due.first"))
        if len(order) != len(firsts) or len(order) != self.expected("forecasts"):
            raise cache.Damaged("due")
        return order, firsts


def sections(
    names: list[str],
    stamps: array[int],
    results: array[int],
    problems: dict[int, list[Problem]],
    columns: Columns,
    records: list[tuple[int, Callable[[], Iterable[bytes]]]],
) -> list[cache.Section]:
    """What the cache file holds, section by section; `records` gives each brief's record
    as its size and a way to its bytes (from memory or copied from the old file)."""
    import json

    found: list[cache.Section] = []

    def add(name: str, data: bytes) -> None:
        found.append((name, len(data), (data,)))

    add("files.names", names_blob(names))
    add("files.stamps", stamps.tobytes())
    add("files.briefs", results.tobytes())
    listed = [
        [at, p.path, p.line, p.column, p.message, int(p.warning)]
        for at in sorted(problems)
        for p in problems[at]
    ]
    add("problems", json.dumps(listed, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    for name, column in columns.brief.items():
        add(f"briefs.{name}", column.tobytes())
    for name, column in columns.forecast.items():
        add(f"forecasts.{name}", column.tobytes())
    for name, column in columns.timeline.items():
        add(f"timeline.{name}", column.tobytes())
    first = columns.forecast["first"]
    order = sorted(range(len(first)), key=first.__getitem__)
    add("due.order", array("i", order).tobytes())
    add("due.first", array("i", (first[i] for i in order)).tobytes())
    add("ids", "\n".join(columns.ids).encode("utf-8"))
    counts = Counter(columns.ids)
    add("dups", "\n".join(sorted(i for i, n in counts.items() if n > 1)).encode("utf-8"))
    add("authors", json.dumps(columns.authors, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    add("tags", json.dumps(columns.tags, ensure_ascii=False).encode("utf-8", "surrogatepass"))

    def all_records() -> Iterator[bytes]:
        for _, chunks in records:
            yield from chunks()

    found.append(("records", sum(size for size, _ in records), all_records()))
    return found


# -- one forecast as scoring reads it --------------------------------------------------------


class Standing(NamedTuple):
    """A forecast as scoring and the report's counts read it, at the end of one day
    (`scoring.Scorable`): the same values a `status.State` gives, without the brief."""

    probability: float
    outcome: Outcome | None  # the outcome in force that day, if any
    closes: dt.date
    term: Term | None
    scale: Scale
    brief_id: str
    horizon: str | None
    confidence: str | None
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    place: int  # the forecast's place in the index (to build its brief when needed)


class Index:
    """The briefs of a folder as the index holds them: the columns, read when first used,
    and each brief built from its record when first asked for."""

    def __init__(
        self,
        settings: Settings,
        columns: Columns,
        brief_ids: list[str],
        where: Callable[[int], tuple[str, str]],
        read_record: Callable[[int], bytes],
        fresh: dict[int, Brief] | None = None,
    ) -> None:
        self.settings = settings
        self.columns = columns
        self.brief_ids = brief_ids  # per brief, from its file's name
        self.where = where  # per brief: its path, and that path as problems show it
        self.read_record = read_record
        self.built: dict[int, Brief] = dict(fresh or {})
        self.codes = Codes(settings)
        self.days = _Days()
        self._dups: frozenset[str] | None = None

    def __len__(self) -> int:
        return len(self.brief_ids)

    @property
    def forecast_count(self) -> int:
        return self.columns.forecast_start[-1]

    def brief(self, b: int) -> Brief:
        found = self.built.get(b)
        if found is None:
            file, shown = self.where(b)
            try:
                found = brief_from(
                    self.read_record(b), self.brief_ids[b], file, shown, self.settings, self.days
                )
            except (ValueError, TypeError, KeyError, IndexError) as exc:
                raise cache.Damaged("records") from exc
            if len(found.forecasts) != self.columns.brief["forecasts"][b]:
                raise cache.Damaged("records")
            self.built[b] = found
        return found

    def briefs(self, chosen: Iterable[int] | None = None) -> list[Brief]:
        return [self.brief(b) for b in (range(len(self)) if chosen is None else chosen)]

    def brief_of(self, forecast: int) -> int:
        """The brief of the forecast at `forecast` in the index."""
        return bisect.bisect_right(self.columns.forecast_start, forecast) - 1

    def forecast(self, place: int) -> tuple[Brief, Forecast]:
        b = self.brief_of(place)
        brief = self.brief(b)
        return brief, brief.forecasts[place - self.columns.forecast_start[b]]

    @property
    def dups(self) -> frozenset[str]:
        """The forecast ids that more than one forecast has."""
        if self._dups is None:
            stored = self.columns.stored
            if stored is not None:
                self._dups = stored.dups()
            else:
                counts = Counter(self.columns.ids)
                self._dups = frozenset(i for i, n in counts.items() if n > 1)
        return self._dups

    def with_tags(self, tags: list[str], within: Iterable[int]) -> list[int]:
        """The briefs of `within` that have any of `tags` (in any case)."""
        wanted = {t.lower() for t in tags}
        all_tags = self.columns.tags
        return [b for b in within if wanted & {t.lower() for t in all_tags[b]}]

    # -- queries ----------------------------------------------------------------------------

    def _unresolved(self, day: int) -> Iterable[int]:
        """The forecasts with no entry counting by `day` (and, in memory, more)."""
        stored = self.columns.stored
        if stored is not None:
            order, firsts = stored.due_order()
            return order[bisect.bisect_right(firsts, day) :]
        first = self.columns.forecast["first"]
        return [i for i, f in enumerate(first) if f > day]

    def due(self, as_of: dt.date, within: int, chosen: set[int] | None) -> list[State]:
        """`status.due` over the chosen briefs (every one for None), reading only the
        forecasts not resolved by `as_of` and building only the briefs listed."""
        from forecastcli.status import State, Status

        day = as_of.toordinal()
        closes = self.columns.forecast["closes"]
        limit = day + within
        found = sorted(i for i in self._unresolved(day) if closes[i] <= limit)
        items = []
        overdue, coming = Status.DUE, Status.COMING_DUE
        for i in found:
            if chosen is not None and self.brief_of(i) not in chosen:
                continue
            brief, forecast = self.forecast(i)
            days = day - closes[i]
            if days >= 0:
                items.append(State(brief, forecast, overdue, None, days))
            else:
                items.append(State(brief, forecast, coming, None, -days))
        items.sort(key=lambda s: (s.forecast.window.closes, s.brief.id, s.forecast.id))
        return items

    def starting_between(self, first: dt.date, last: dt.date) -> list[int]:
        """The forecasts whose entry in force at the end of `last` began to count on a
        day from `first` to `last` (the span in force then starts on that entry's day:
        no entry ranked above it counts by then), in file order."""
        low, day = first.toordinal(), last.toordinal()
        t = self.columns.timeline
        return sorted(
            forecast
            for forecast, start, end in zip(t["forecast"], t["start"], t["end"], strict=True)
            if low <= start <= day < end
        )

    def outcomes(self, as_of: dt.date) -> list[Outcome | None]:
        """Each forecast's outcome in force at the end of `as_of`, or None."""
        day = as_of.toordinal()
        found: list[Outcome | None] = [None] * self.forecast_count
        t = self.columns.timeline
        for forecast, start, end, outcome in zip(
            t["forecast"], t["start"], t["end"], t["outcome"], strict=True
        ):
            if start <= day < end:
                found[forecast] = OUTCOMES[outcome]
        return found

    def standings(self, as_of: dt.date, chosen: Sequence[int] | None) -> list[Standing]:
        """Every forecast of the chosen briefs as it stands at the end of `as_of`, in
        brief then file order, as `status.states` gives them."""
        columns = self.columns
        f = columns.forecast
        codes = self.codes
        outcomes = self.outcomes(as_of)
        terms = [*codes.terms, None]  # -1: no term
        horizons, confidences = codes.horizons, codes.confidences
        probability, closes, term = f["probability"], f["closes"], f["term"]
        horizon, confidence = f["horizon"], f["confidence"]
        days = self.days.day
        starts = columns.forecast_start
        scales = columns.brief["scale"]
        for column, codes_of in ((term, terms), (horizon, horizons), (scales, codes.scales)):
            if column and not (min(column) >= -1 and max(column) < len(codes_of)):
                raise cache.Damaged("codes")
        all_authors, all_tags = columns.authors, columns.tags
        items: list[Standing] = []
        add = items.append
        new = tuple.__new__
        for b in range(len(self)) if chosen is None else chosen:
            scale = codes.scales[scales[b]]
            brief_id = self.brief_ids[b]
            authors, tags = tuple(all_authors[b]), tuple(all_tags[b])
            for i in range(starts[b], starts[b + 1]):
                add(
                    new(
                        Standing,
                        (
                            probability[i],
                            outcomes[i],
                            days(closes[i]),
                            terms[term[i]],
                            scale,
                            brief_id,
                            horizons[horizon[i]],
                            confidences[confidence[i]],
                            authors,
                            tags,
                            i,
                        ),
                    )
                )
        return items
