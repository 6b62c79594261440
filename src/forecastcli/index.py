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
  ones by a binary search instead of a scan, and in the order of their closing days, so
  a quarter's forecasts are found by two;
- the timeline's rows in the order they begin, and each forecast's outcome for good, so
  the outcomes on a recent day are those, undone for the few rows begun since;
- each forecast's term and p as one number (`kind_numbers`), so a day's count of the
  forecasts by kind is a Counter of numbers, and the briefs' kinds come from the same;
- the forecast ids, and those that more than one brief uses (for the short references).

So `due` reads the columns, finds the few forecasts it lists, and builds only those
forecasts from their pieces of the records (their briefs deferred until used);
`calibration` and `report` count forecasts from the columns and build nothing but the
briefs of the items they name. Days are stored as ordinals, codes (scale, term, horizon,
confidence, outcome) as positions in the settings, which the cache's fingerprint covers.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import operator
import zlib
from array import array
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate, chain, groupby, repeat
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from forecastcli import cache
from forecastcli.errors import Problem
from forecastcli.model import CONFIDENCES, Brief, Forecast, Outcome, Resolution
from forecastcli.windows import Window

if TYPE_CHECKING:
    from forecastcli.config import Settings
    from forecastcli.recalibration import Briefs, Grouped
    from forecastcli.scales import Scale, Term
    from forecastcli.scorememo import ScoreMemo
    from forecastcli.scoring import Counted, Line
    from forecastcli.status import State

T = TypeVar("T")

NEVER = 2**31 - 1  # a day after every day: "not resolved" and "in force for good"
UNSETTLED = -2  # the stamp of a file changed just before the cache was written

OUTCOMES = tuple(Outcome)
_OUTCOME_OR_NONE = (None, *OUTCOMES)  # a forecast's outcome on a day: 0 for none
_HAPPENED = tuple(None if o is None else o.scored for o in _OUTCOME_OR_NONE)
KIND_STEP = 16  # a forecast's kind number: (term, p) · KIND_STEP + 2 · outcome + closed
# bytes.translate: each outcome's place doubled; a place out of range (only a damaged file
# holds one) as 7, which reads as damaged (`Index._kind_of`) and never carries.
_TWICE = bytes(2 * min(i, 7) for i in range(256))

# Every column, its array type; the order of the sections in the file.
BRIEF_COLUMNS = {
    "forecasts": "i",  # how many
    "entries": "i",  # resolution entries
    "spans": "i",  # rows of the timeline
    "scale": "i",
    "size": "q",  # of its whole record
    "head": "i",  # of the record's head, and its CRC
    "head_crc": "q",
    "tail": "i",  # of its entries, and their CRC
    "tail_crc": "q",
}
FORECAST_COLUMNS = {
    "size": "i",  # of its piece of the record, and its CRC
    "crc": "q",
    "closes": "i",
    "first": "i",
    "probability": "d",
    "term": "i",
    "horizon": "b",
    "confidence": "b",
}
TIMELINE_COLUMNS = {"forecast": "i", "start": "i", "end": "i", "outcome": "b"}


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
        # By identity: a checked brief's terms are the settings' own objects (comparing
        # terms field by field costs the index of a large archive a tenth of its making).
        self._places = {id(t): i for s in self.scales for i, t in enumerate(s.terms)}

    def term_place(self, scale: Scale, term: Term) -> int:
        """The term's place among its scale's terms."""
        found = self._places.get(id(term))
        if found is None or scale.terms[found] is not term:
            return scale.terms.index(term)
        return found


# -- a brief as a record ----------------------------------------------------------------
#
# A brief's record is JSON text in pieces, one after the other: its head (title, day
# published, scale, authors, url, tags), each forecast's own, and its resolution entries;
# so `due` reads and decodes only the forecasts it lists.


@functools.cache
def _json() -> tuple[Callable[[str], str], Callable[[Iterable[str]], str]]:
    """JSON text of a string, and of strings: written by hand around the json module's own
    escaping (ASCII), which takes half the time of its encoder on the small arrays of a
    record (the encoder sets itself up again at every call)."""
    from json.encoder import encode_basestring_ascii as text

    def texts(values: Iterable[str]) -> str:
        return "[" + ",".join(map(text, values)) + "]"

    return text, texts


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


@functools.cache
def _decode() -> Callable[[str], tuple[Any, int]]:
    import json

    return json.JSONDecoder().raw_decode


def _loads(data: bytes) -> Any:
    """A piece of a record, whose JSON has no space around it: read by `raw_decode`, which
    on pieces this small takes a third of the time of json.loads (no pattern matched for
    space at either end); any damage is a ValueError."""
    text = data.decode("utf-8", "surrogatepass")
    found, end = _decode()(text)
    if end != len(text):
        raise ValueError("more than one JSON value")
    return found


def forecast_from(
    fields: list[Any], brief_id: str, terms: tuple[Term, ...], window: Callable[[int, int], Window]
) -> Forecast:
    """The forecast a piece of a record holds, its JSON read into `fields`."""
    fid, statement, term, p, horizon, opens, closes, confidence, criteria, quote, line = fields
    return Forecast(
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


_OUTCOME = {o.value: o for o in OUTCOMES}
_OUTCOME_CODE = {o: i for i, o in enumerate(OUTCOMES)}
_OUTCOME_TEXT = {o: f'"{o.value}"' for o in OUTCOMES}
_QUOTE = '"'


def head_fields(
    head: bytes, where: tuple[str, str, str], settings: Settings, days: _Days
) -> dict[str, Any]:
    """The fields of a brief that the head of its record holds, with those of `where`."""
    title, published, scale_name, authors, url, tags = _loads(head)
    file, shown, brief_id = where
    return {
        "id": brief_id,
        "file": file,
        "shown": shown,
        "title": title,
        "published": days.day(published),
        "scale": settings.scales[scale_name],
        "authors": tuple(authors),
        "url": url,
        "tags": tuple(tags),
    }


def brief_from(
    head: bytes,
    forecasts: Sequence[Forecast],
    entries: bytes,
    where: tuple[str, str, str],
    settings: Settings,
    days: _Days,
) -> Brief:
    """The brief a record holds, with its `forecasts` (built from theirs), read from
    `where`: its path, that path as problems show it, and its id."""
    day = days.day
    return Brief(
        **head_fields(head, where, settings, days),
        forecasts=tuple(forecasts),
        resolutions=tuple(
            Resolution(
                fid,
                _OUTCOME[value],
                day(date),
                None if recorded is None else dt.datetime.fromisoformat(recorded),
                by,
                note,
                tuple(sources),
                line,
            )
            for fid, value, date, recorded, by, note, sources, line in _loads(entries)
        ),
    )


def _checked(data: bytes, crc: int) -> bytes:
    if zlib.crc32(data) != crc:
        raise cache.Damaged("records")
    return data


_FIELDS = frozenset(Brief.__dataclass_fields__)
_HEAD = _FIELDS - {"forecasts", "resolutions"}


class Deferred(Brief):
    """A brief of the index whose fields are read from its record when first used, as a
    database's deferred columns are: `forecast due` prints only the forecasts it lists,
    and building each one's brief would cost a large archive more than the rest of the
    command. The fields the record's head holds (the title, the authors...) are read from
    the head alone: the weekly report names the brief of each forecast it lists, and
    nothing else of it. Its forecasts or entries read the whole record, and it is then a
    Brief like any other: its class becomes Brief."""

    def __init__(self, read: Callable[[], Brief], head: Callable[[], dict[str, Any]]) -> None:
        object.__setattr__(self, "_read_deferred", read)  # not the dataclass's __init__
        object.__setattr__(self, "_head_deferred", head)

    def __getattribute__(self, name: str) -> Any:
        # Every field is read at its first use, those with a default too (the class would
        # answer for them: no forecasts, no tags); methods use the fields.
        if name in _FIELDS:
            state = object.__getattribute__(self, "__dict__")
            if name not in state:
                if name in _HEAD:
                    state.update(state["_head_deferred"]())
                else:
                    Deferred._read(self)
        return object.__getattribute__(self, name)

    def _read(self) -> Brief:
        state = object.__getattribute__(self, "__dict__")
        read = state.get("_read_deferred")
        if read is not None:
            brief = read()
            state.clear()
            state.update(brief.__dict__)
            object.__setattr__(self, "__class__", Brief)
        return self

    def __eq__(self, other: object) -> bool:
        return Deferred._read(self) == other

    def __hash__(self) -> int:
        return hash(Deferred._read(self))

    def __repr__(self) -> str:
        return repr(Deferred._read(self))


def timeline(entries: Sequence[Resolution]) -> list[tuple[int, int, int]]:
    """When each of one forecast's entries is in force: (from, until, entry), days as
    ordinals, `until` excluded (NEVER: for good); entry as its place in `entries`.

    On each day the entry in force is the latest (`Resolution.rank`, the later place on a
    tie, as `model.latest`) of those that count by then; it can only change on a day some
    entry starts to count, so those days are the only ones looked at.
    """
    if len(entries) == 1:  # most resolved forecasts
        only = entries[0]
        day = only.date if only.recorded is None else only.recorded.date()  # counts_from
        return [(day.toordinal(), NEVER, 0)]
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

    def add(self, brief: Brief, codes: Codes) -> bytes:
        """A brief read afresh: its columns, and (returned) its record, whose pieces'
        sizes and CRCs the columns keep. The first run of a command writes the index of
        every brief, within the time of the bare parse: this is written for speed."""
        b, f, t = self.brief, self.forecast, self.timeline
        scale, forecasts, entries = brief.scale, brief.forecasts, brief.resolutions
        term_place = codes.term_place
        places = [None if x.term is None else term_place(scale, x.term) for x in forecasts]
        closes = [x.window.closes.toordinal() for x in forecasts]
        # Conditions written out rather than calls: this runs for every forecast and entry.
        text, texts = _json()
        pieces = [
            f"[{text(brief.title)},{brief.published.toordinal()},{text(scale.name)},"
            f"{texts(brief.authors)},{'null' if brief.url is None else text(brief.url)},"
            f"{texts(brief.tags)}]"
        ]
        # Ids are slugs and confidences words (the checker holds them to it): nothing in
        # them to escape.
        pieces += [
            f'["{x.id}",{text(x.statement)},{"null" if place is None else place},'
            f"{'null' if x.p is None else repr(x.p)},"
            f"{'null' if x.horizon is None else text(x.horizon)},"
            f"{x.window.opens.toordinal()},{close},"
            f"{'null' if x.confidence is None else _QUOTE + x.confidence + _QUOTE},"
            f"{'null' if x.criteria is None else text(x.criteria)},"
            f"{'null' if x.quote is None else text(x.quote)},{x.line}]"
            for x, place, close in zip(forecasts, places, closes, strict=True)
        ]
        outcome = _OUTCOME_TEXT
        pieces.append(
            "["
            + ",".join(
                f'["{e.forecast}",{outcome[e.outcome]},{e.date.toordinal()},'
                # A timestamp's ISO form has nothing to escape.
                f"{'null' if e.recorded is None else _QUOTE + e.recorded.isoformat() + _QUOTE},"
                f"{'null' if e.by is None else text(e.by)},"
                f"{'null' if e.note is None else text(e.note)},{texts(e.sources)},{e.line}]"
                for e in entries
            )
            + "]"
        )
        # ASCII (the rest is escaped): a piece's size is its length as text.
        data = "".join(pieces).encode("ascii")
        sizes = [len(p) for p in pieces]
        crc, view = zlib.crc32, memoryview(data)
        crcs = []
        at = 0
        for size in sizes:
            crcs.append(crc(view[at : at + size]))
            at += size
        first_forecast = len(f["closes"])
        b["forecasts"].append(len(forecasts))
        b["entries"].append(len(entries))
        b["scale"].append(codes.scale_code[scale.name])
        b["size"].append(len(data))
        b["head"].append(sizes[0])
        b["head_crc"].append(crcs[0])
        b["tail"].append(sizes[-1])
        b["tail_crc"].append(crcs[-1])
        f["size"].extend(sizes[1:-1])
        f["crc"].extend(crcs[1:-1])
        self.authors.append(list(brief.authors))
        self.tags.append(list(brief.tags))
        # Column by column: a comprehension a column costs a large archive less than the
        # appends of a loop over its forecasts.
        self.ids.extend([x.id for x in forecasts])
        f["closes"].extend(closes)
        f["probability"].extend([x.probability for x in forecasts])
        start = codes.term_start[codes.scale_code[scale.name]]
        f["term"].extend([-1 if place is None else start + place for place in places])
        horizon_code, confidence_code = codes.horizon_code, codes.confidence_code
        f["horizon"].extend([horizon_code[x.horizon] for x in forecasts])
        f["confidence"].extend([confidence_code[x.confidence] for x in forecasts])
        firsts = [NEVER] * len(forecasts)
        spans_made = 0
        if entries:
            by_forecast: dict[str, list[int]] = {}
            for i, entry in enumerate(entries):
                by_forecast.setdefault(entry.forecast, []).append(i)
            for n, x in enumerate(forecasts):
                found = by_forecast.get(x.id)
                if not found:
                    continue
                spans = timeline([entries[i] for i in found])
                firsts[n] = spans[0][0]
                for begin, end, which in spans:
                    t["forecast"].append(first_forecast + n)
                    t["start"].append(begin)
                    t["end"].append(end)
                    t["outcome"].append(_OUTCOME_CODE[entries[found[which]].outcome])
                spans_made += len(spans)
        f["first"].extend(firsts)
        b["spans"].append(spans_made)
        return data

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
        bounds = self.stored.bounds(f"{self.part}.{name}")
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
        # The names as the system listed them, and their stamps in that order: read without
        # their CRC, as a run compares them with its own; `checked` checks them when a
        # run that finds a change takes anything from them.
        self.listing = reader.section("files.listing", check=False)
        self.stamps = reader.section("files.stamps", check=False)
        self.order = _array("i", reader.section("files.order"))  # see loading._Indexed.order
        self.results = _array("i", reader.section("files.briefs"))  # in name order
        self.valid = len(self.results) - self.results.count(-1)
        self.brief: dict[str, array[Any]] = _Sections(self, "briefs", BRIEF_COLUMNS)
        self.problems: dict[int, list[Problem]] = {}
        try:
            for at, path, line, column, message, warning in json.loads(reader.section("problems")):
                self.problems.setdefault(at, []).append(
                    Problem(path, line, column, message, bool(warning))
                )
        except (ValueError, TypeError) as exc:
            raise cache.Damaged("problems") from exc
        n = self.valid
        if (
            # A brief per valid file, numbered in order (the order itself is not checked:
            # a file made by hand to pass its checks can make a command wrong, not fail).
            (self.results and not (min(self.results) >= -1 and max(self.results) == n - 1))
            or len(self.stamps) != 32 * len(self.results)
            or (self.listing.count(b"\0") + 1 if self.listing else 0) != len(self.results)
            or len(self.order) != len(self.results)
            or (self.order and not (min(self.order) >= 0 and max(self.order) < len(self.order)))
        ):
            raise cache.Damaged("briefs")

    def checked(self) -> None:
        """Check the listing and the stamps against their CRCs (Damaged if either fails)."""
        self.reader.section("files.listing")
        self.reader.section("files.stamps")

    def bounds(self, column: str) -> tuple[int, int] | None:
        """The values a column used to look things up may hold (low, high excluded): a
        file made by hand to pass its checks can make a command wrong, not fail."""
        if column in ("briefs.forecasts", "briefs.spans", "briefs.size"):
            return (0, 1 << 62)
        if column == "forecasts.confidence":
            return (0, len(CONFIDENCES) + 1)
        if column == "timeline.forecast":
            return (0, self.expected("forecasts"))
        if column == "timeline.outcome":
            return (0, len(OUTCOMES))
        return None

    def expected(self, part: str) -> int:
        """How long each column of `part` must be."""
        if part == "briefs":
            return self.valid
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
        return self._order("due")

    def closing_order(self) -> tuple[array[int], array[int]]:
        return self._order("closing")

    def started(self) -> tuple[array[int], array[int], array[int]]:
        """The timeline's rows in the order of their first day (see `started`). Their
        values are checked where they are used (`Index._outcome_codes`): a check of every
        value would cost more than the use."""
        forecast = _array("i", self.reader.section("started.forecast"))
        outcome = _array("b", self.reader.section("started.outcome"))
        days = _array("i", self.reader.section("started.day"))
        if not len(forecast) == len(outcome) == len(days) == self.expected("timeline"):
            raise cache.Damaged("started")
        return forecast, outcome, days

    def final(self) -> bytes:
        """Each forecast's outcome for good (see `final`)."""
        found = self.reader.section("final.outcome")
        if len(found) != self.expected("forecasts"):
            raise cache.Damaged("final")
        return found

    def kinds(self) -> tuple[array[int], list[float]]:
        """Each forecast's kind number, and the p's they count (see `kind_numbers`); the
        numbers are checked as they are read (`Index._kind_of`)."""
        numbers = _array("q", self.reader.section("kinds.forecast"))
        ps = _array("d", self.reader.section("kinds.p"))
        if len(numbers) != self.expected("forecasts") or (numbers and not ps):
            raise cache.Damaged("kinds")
        return numbers, ps.tolist()

    def _order(self, name: str) -> tuple[array[int], array[int]]:
        """Forecasts in the order of a day of theirs, and those days, for a binary search."""
        order = _array("i", self.reader.section(f"{name}.order"))
        days = _array("i", self.reader.section(f"{name}.day"))
        n = self.expected("forecasts")
        if len(order) != n or len(days) != n or (n and not (min(order) >= 0 and max(order) < n)):
            raise cache.Damaged(name)
        return order, days


def day_order(days: Sequence[int]) -> tuple[array[int], array[int]]:
    """The places of `days` in the order of their days (file order on a tie), and the days
    in that order."""
    order = sorted(range(len(days)), key=days.__getitem__)
    return array("i", order), array("i", map(days.__getitem__, order))


def started(timeline: dict[str, array[Any]]) -> tuple[array[int], array[int], array[int]]:
    """The timeline's rows in the order of their first day: each row's forecast, its
    outcome's place in `_OUTCOME_OR_NONE`, and the day. A forecast's rows follow one
    another to NEVER (see `timeline`), so the row in force at the end of a day is the last
    of its rows begun by then: `Index._outcome_codes` sets them in this order."""
    order, days = day_order(timeline["start"])
    forecast, outcome = timeline["forecast"], timeline["outcome"]
    codes = array("b", (outcome[i] + 1 for i in order))
    return array("i", map(forecast.__getitem__, order)), codes, days


def final(rows: tuple[Sequence[int], Sequence[int], Sequence[int]], forecasts: int) -> bytes:
    """Each forecast's outcome for good, as a place in `_OUTCOME_OR_NONE`, from its rows in
    the order they begin (`started`): the last of them."""
    forecast, outcome, _ = rows
    found = bytearray(forecasts)
    deque(map(found.__setitem__, forecast, outcome), maxlen=0)
    return bytes(found)


def kind_numbers(
    term: Sequence[int], probability: Sequence[float]
) -> tuple[list[int], list[float]]:
    """Each forecast's term and p as one number, `((term + 1) · P + place of p) · KIND_STEP`
    (room for the outcome on a day and whether the window has closed: `Index._day_kinds`),
    and the distinct p's in the order they first come (P of them)."""
    ps = list(dict.fromkeys(probability))
    place = {p: i for i, p in enumerate(ps)}
    step = len(ps) * KIND_STEP
    terms = map(operator.mul, map(operator.add, term, repeat(1)), repeat(step))
    places = map(operator.mul, map(place.__getitem__, probability), repeat(KIND_STEP))
    return list(map(operator.add, terms, places)), ps


def sections(
    listed: list[str],
    stamps: array[int],
    order: array[int],
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

    add("files.listing", names_blob(listed))
    add("files.stamps", stamps.tobytes())
    add("files.order", order.tobytes())
    add("files.briefs", results.tobytes())
    found_problems = [
        [at, p.path, p.line, p.column, p.message, int(p.warning)]
        for at in sorted(problems)
        for p in problems[at]
    ]
    add("problems", json.dumps(found_problems, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    for name, column in columns.brief.items():
        add(f"briefs.{name}", column.tobytes())
    for name, column in columns.forecast.items():
        add(f"forecasts.{name}", column.tobytes())
    for name, column in columns.timeline.items():
        add(f"timeline.{name}", column.tobytes())
    for name, by in (("due", "first"), ("closing", "closes")):
        order, days = day_order(columns.forecast[by])
        add(f"{name}.order", order.tobytes())
        add(f"{name}.day", days.tobytes())
    rows = started(columns.timeline)
    for name, column in zip(("forecast", "outcome", "day"), rows, strict=True):
        add(f"started.{name}", column.tobytes())
    add("final.outcome", final(rows, len(columns.forecast["closes"])))
    numbers, ps = kind_numbers(columns.forecast["term"], columns.forecast["probability"])
    add("kinds.forecast", array("q", numbers).tobytes())
    add("kinds.p", array("d", ps).tobytes())
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


class Index:
    """The briefs of a folder as the index holds them: the columns, read when first used,
    and each brief (or forecast) built from its record when first asked for."""

    def __init__(
        self,
        settings: Settings,
        columns: Columns,
        brief_ids: Callable[[], list[str]],
        brief_id: Callable[[int], str],
        where: Callable[[int], tuple[str, str, str]],
        locate: Callable[[int], tuple[cache.Reader, int]],
        fresh: dict[int, Brief] | None = None,
        afresh: Callable[[int], Brief] | None = None,
    ) -> None:
        self.settings = settings
        self.columns = columns
        self._brief_ids = brief_ids
        self._brief_id = brief_id
        self._ids: list[str] | None = None
        self.where = where  # per brief: its path, that path as problems show it, its id
        self.locate = locate  # per brief: the file of its record, and where the record starts
        self.afresh = afresh  # per brief: read afresh from its file, when its record is damaged
        self.built: dict[int, Brief] = dict(fresh or {})
        self.made: dict[int, Forecast] = {}  # forecasts built alone, by place
        self.deferred: dict[int, Brief] = {}
        self.codes = Codes(settings)
        self.days = _Days()
        self._dups: frozenset[str] | None = None
        self._each_forecast: tuple[list[Term | None], list[Scale], list[str]] | None = None
        self._outcomes: dict[int, bytearray] = {}
        self._derived: dict[str, Any] = {}  # see `_derive`
        self._day_kind: dict[int, list[int]] = {}
        # Set when the archive is this index as stored, unchanged (see forecastcli.scorememo).
        self.memo: ScoreMemo | None = None

    def __len__(self) -> int:
        return len(self.columns.brief["forecasts"])

    @property
    def brief_ids(self) -> list[str]:
        """Every brief's id (its file's name), worked out when first asked for."""
        if self._ids is None:
            self._ids = self._brief_ids()
        return self._ids

    @property
    def forecast_count(self) -> int:
        return self.columns.forecast_start[-1]

    def brief_id(self, b: int) -> str:
        return self._ids[b] if self._ids is not None else self._brief_id(b)

    def _record(self, b: int, start: int, size: int) -> bytes:
        """`size` bytes of brief `b`'s record, from `start` within it."""
        reader, at = self.locate(b)
        return reader.raw("records", at + start, size)

    def brief(self, b: int) -> Brief:
        found = self.built.get(b)
        if found is None:
            try:
                found = self._build(b)
            except (ValueError, TypeError, KeyError, IndexError) as exc:
                raise cache.Damaged("records") from exc
            self.built[b] = found
        return found

    def _build(self, b: int) -> Brief:
        columns = self.columns
        brief_columns = columns.brief
        sizes, crcs = columns.forecast["size"], columns.forecast["crc"]
        first, last = columns.forecast_start[b], columns.forecast_start[b + 1]
        data = self._record(b, 0, brief_columns["size"][b])
        at = brief_columns["head"][b]
        head = _checked(data[:at], brief_columns["head_crc"][b])
        where = self.where(b)
        terms = self.codes.scales[brief_columns["scale"][b]].terms
        window = self.days.window
        forecasts = []
        for i in range(first, last):
            piece = _checked(data[at : at + sizes[i]], crcs[i])
            at += sizes[i]
            made = self.made.get(i)
            forecasts.append(made or forecast_from(_loads(piece), where[2], terms, window))
        tail = _checked(data[at:], brief_columns["tail_crc"][b])
        if len(tail) != brief_columns["tail"][b]:
            raise cache.Damaged("records")
        return brief_from(head, forecasts, tail, where, self.settings, self.days)

    def make(self, places: Sequence[int], briefs: Sequence[int] | None = None) -> None:
        """Build the forecasts at `places` (of `briefs`, when known) in `made`, each from
        its own piece of its brief's record (`due` lists a few thousand on a large
        archive, whose briefs it never reads)."""
        columns = self.columns
        starts = columns.forecast_start
        if briefs is None:
            briefs = [bisect.bisect_right(starts, place) - 1 for place in places]
        sizes, crcs = columns.forecast["size"], columns.forecast["crc"]
        heads, scale_of = columns.brief["head"], columns.brief["scale"]
        scales, made, built = self.codes.scales, self.made, self.built
        window, brief_id, locate = self.days.window, self.brief_id, self.locate
        for place, b in zip(places, briefs, strict=True):
            if place in made:
                continue
            first = starts[b]
            if b in built:
                made[place] = built[b].forecasts[place - first]
                continue
            reader, at = locate(b)
            piece = reader.raw("records", at + heads[b] + sum(sizes[first:place]), sizes[place])
            try:
                fields = _loads(_checked(piece, crcs[place]))
                made[place] = forecast_from(fields, brief_id(b), scales[scale_of[b]].terms, window)
            except (ValueError, TypeError, KeyError, IndexError) as exc:
                raise cache.Damaged("records") from exc

    def deferred_brief(self, b: int) -> Brief:
        """Brief `b`, read from its record when first used (see `Deferred`)."""
        found = self.built.get(b) or self.deferred.get(b)
        if found is None:
            found = self.deferred[b] = Deferred(
                lambda: self._brief_anyway(b), lambda: self._head(b)
            )
        return found

    def _head(self, b: int) -> dict[str, Any]:
        """The fields of brief `b` that the head of its record holds (see `Deferred`)."""
        if b not in self.built:
            try:
                columns = self.columns.brief
                head = _checked(self._record(b, 0, columns["head"][b]), columns["head_crc"][b])
                return head_fields(head, self.where(b), self.settings, self.days)
            except (cache.Damaged, ValueError, TypeError, KeyError, IndexError):
                pass  # read whole, or afresh from its file
        brief = self._brief_anyway(b)
        return {name: getattr(brief, name) for name in _HEAD}

    def _brief_anyway(self, b: int) -> Brief:
        # A deferred brief is read outside any query, where the archive could fall back on
        # reading every file afresh: a damaged record is read from its brief file instead.
        try:
            return self.brief(b)
        except cache.Damaged:
            if self.afresh is None:
                raise
            self.built[b] = found = self.afresh(b)
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
        starts = self.columns.forecast_start
        briefs = [bisect.bisect_right(starts, i) - 1 for i in found]
        if chosen is not None:
            kept = [(i, b) for i, b in zip(found, briefs, strict=True) if b in chosen]
            found, briefs = [i for i, _ in kept], [b for _, b in kept]
        self.make(found, briefs)
        made, deferred = self.made, self.deferred_brief
        new = tuple.__new__
        for i, b in zip(found, briefs, strict=True):
            days = day - closes[i]
            if days >= 0:
                items.append(new(State, (deferred(b), made[i], overdue, None, days)))
            else:
                items.append(new(State, (deferred(b), made[i], coming, None, -days)))
        # A forecast's `brief` is its brief's id: the deferred briefs stay unread.
        items.sort(key=lambda s: (s.forecast.window.closes, s.forecast.brief, s.forecast.id))
        return items

    def starting_between(self, first: dt.date, last: dt.date) -> list[int]:
        """The forecasts whose entry in force at the end of `last` began to count on a
        day from `first` to `last`, in file order: those with a row of their timeline
        begun on such a day, as the row in force at the end of `last` is the last of
        theirs begun by then (see `started`)."""
        forecast, _, days = self._rows_started()
        low, high = (
            bisect.bisect_left(days, first.toordinal()),
            bisect.bisect_right(days, last.toordinal()),
        )
        begun = forecast[low:high]
        if begun and not (min(begun) >= 0 and max(begun) < self.forecast_count):
            raise cache.Damaged("started")
        return sorted(set(begun))

    def _derive(self, name: str, stored: Callable[[Stored], T], made: Callable[[], T]) -> T:
        """What the queries derive from the columns, worked out once: read from the cache
        file, which holds it (`sections`), or made from the columns in memory."""
        if name not in self._derived:
            file = self.columns.stored
            self._derived[name] = stored(file) if file is not None else made()
        found: T = self._derived[name]
        return found

    def _rows_started(self) -> tuple[Sequence[int], Sequence[int], Sequence[int]]:
        """The timeline's rows in the order they begin (`started`)."""
        return self._derive("started", Stored.started, lambda: started(self.columns.timeline))

    def outcomes(self, as_of: dt.date) -> list[Outcome | None]:
        """Each forecast's outcome in force at the end of `as_of`, or None."""
        try:
            return list(map(_OUTCOME_OR_NONE.__getitem__, self._outcome_codes(as_of)))
        except IndexError as exc:
            raise cache.Damaged("outcomes") from exc

    def _outcome_codes(self, as_of: dt.date) -> bytearray:
        """Each forecast's outcome in force at the end of `as_of` as its place in
        `_OUTCOME_OR_NONE` (0: none), set in C from the rows begun by then (`started`);
        kept for the day: the report asks again, for each quarter."""
        day = as_of.toordinal()
        known = self._outcomes.get(day)
        if known is not None:
            return known
        forecast, outcome, days = self._rows_started()
        begun = bisect.bisect_right(days, day)
        if begun < len(days) // 2:  # an early day: few rows had begun
            found = bytearray(self.forecast_count)
            try:
                deque(map(found.__setitem__, forecast[:begun], outcome[:begun]), maxlen=0)
            except (IndexError, ValueError) as exc:  # a place or a code out of range
                raise cache.Damaged("started") from exc
        else:
            # Each forecast's outcome for good, undone for the forecasts with a row that
            # begins after the day (a recent week's resolutions, for a recent day).
            found = bytearray(self._final())
            later = set(forecast[begun:])
            if later:
                if not (min(later) >= 0 and max(later) < len(found)):
                    raise cache.Damaged("started")
                t = self.columns.timeline
                rows_of, starts, codes = t["forecast"], t["start"], t["outcome"]
                for f in later:
                    # Its rows, one after another in the timeline: the last begun by the day.
                    first = bisect.bisect_left(rows_of, f)
                    last = bisect.bisect_right(rows_of, f, first)
                    row = bisect.bisect_right(starts, day, first, last) - 1
                    found[f] = codes[row] + 1 if row >= first else 0
        self._outcomes[day] = found
        return found

    def _final(self) -> bytes:
        """Each forecast's outcome for good (see `_outcome_codes`)."""
        rows = self._rows_started
        return self._derive("final", Stored.final, lambda: final(rows(), self.forecast_count))

    def _kinds(self) -> tuple[Sequence[int], list[float]]:
        """Each forecast's kind number without the day's part, and the p's (`kind_numbers`)."""
        f = self.columns.forecast
        return self._derive(
            "kinds", Stored.kinds, lambda: kind_numbers(f["term"], f["probability"])
        )

    def _day_kinds(self, as_of: dt.date) -> list[int]:
        """Each forecast's kind on `as_of` as one number: its `_kinds` number plus twice its
        outcome's place plus 1 if its window has closed (see `_kind_of`). Summed as bytes
        in one large integer, whose digits (at most 9) never carry."""
        day = as_of.toordinal()
        found = self._day_kind.get(day)
        if found is None:
            static, _ = self._kinds()
            order, days = self._closing_order()
            # Closed by the day: the forecasts before it in closing order, set from whichever
            # side of it is shorter (a recent day: the open windows).
            by = bisect.bisect_right(days, day)
            if by < len(days) // 2:
                closed = bytearray(len(static))
                deque(map(closed.__setitem__, order[:by], repeat(1)), maxlen=0)
            else:
                closed = bytearray(b"\1" * len(static))
                deque(map(closed.__setitem__, order[by:], repeat(0)), maxlen=0)
            twice = self._outcome_codes(as_of).translate(_TWICE)
            n = len(static)
            both = int.from_bytes(twice, "little") + int.from_bytes(closed, "little")
            found = list(map(operator.add, static, both.to_bytes(n, "little")))
            self._day_kind[day] = found
        return found

    def _kind_of(self, number: int) -> tuple[int | None, float, int, bool]:
        """A kind's number (see `_day_kinds`) as its term's code (None: no term), its p,
        its outcome's place in `_OUTCOME_OR_NONE`, and whether the window had closed."""
        _, ps = self._kinds()
        static, rest = divmod(number, KIND_STEP)
        term, p = divmod(static, len(ps))
        if rest >> 1 >= len(_OUTCOME_OR_NONE):
            raise cache.Damaged("kinds")
        return (term - 1 if term else None), ps[p], rest >> 1, bool(rest & 1)

    def _each(self) -> tuple[list[Term | None], list[Scale], list[str]]:
        """Each forecast's term, its brief's scale and its brief's id, worked out once."""
        if self._each_forecast is None:
            columns = self.columns
            codes = self.codes
            terms = [*codes.terms, None]  # -1: no term
            term, scales = columns.forecast["term"], columns.brief["scale"]
            for column, codes_of in ((term, terms), (scales, codes.scales)):
                if column and not (min(column) >= -1 and max(column) < len(codes_of)):
                    raise cache.Damaged("codes")
            counts = columns.brief["forecasts"]

            def each(values: Iterable[Any]) -> list[Any]:  # a brief's value, per forecast
                return list(chain.from_iterable(map(repeat, values, counts)))

            self._each_forecast = (
                list(map(terms.__getitem__, term)),
                each(map(codes.scales.__getitem__, scales)),
                each(self.brief_ids),
            )
        return self._each_forecast

    def lines(
        self,
        as_of: dt.date,
        chosen: Sequence[int] | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> Iterator[Line]:
        """Every forecast of the chosen briefs whose window closes from `since` to `until`,
        as `scoring.count` reads it (closing days as ordinals): a tuple of the columns'
        values, in brief then file order, without a Standing or a brief made for it."""
        f = self.columns.forecast
        terms, scales, ids = self._each()
        columns = (f["probability"], self.outcomes(as_of), f["closes"], terms, scales, ids)
        if chosen is None and since is None and until is None:
            return zip(*columns, strict=True)
        places = self._places(chosen, since, until)
        return (tuple(column[i] for column in columns) for i in places)  # type: ignore[misc]

    def _places(
        self, chosen: Sequence[int] | None, since: dt.date | None, until: dt.date | None
    ) -> list[int]:
        """The forecasts of the chosen briefs closing from `since` to `until`, in order."""
        starts = self.columns.forecast_start
        if since is None and until is None:
            assert chosen is not None
            return [i for b in chosen for i in range(starts[b], starts[b + 1])]
        low = since.toordinal() if since is not None else 0
        high = until.toordinal() if until is not None else NEVER
        order, days = self._closing_order()
        places = sorted(order[bisect.bisect_left(days, low) : bisect.bisect_right(days, high)])
        if chosen is not None:
            wanted = set(chosen)
            places = [i for i in places if bisect.bisect_right(starts, i) - 1 in wanted]
        return places

    def _closing_order(self) -> tuple[Sequence[int], Sequence[int]]:
        """The forecasts in the order of their closing days, and those days."""
        f = self.columns.forecast
        return self._derive("closing", Stored.closing_order, lambda: day_order(f["closes"]))

    def count(
        self,
        as_of: dt.date,
        chosen: Sequence[int] | None,
        include_open: bool,
        since: dt.date | None,
        until: dt.date | None,
    ) -> Counted:
        """`scoring.count` of the chosen forecasts closing from `since` to `until`: how many
        there are of each kind (`scoring.count_kinds`), each forecast's kind one number
        (`_day_kinds`) counted by a Counter, in C. The briefs' tallies are taken only when
        the leave-one-brief-out score needs them (`_grouped`), and that score is kept for
        an unchanged archive asked the same question again (`memo`)."""
        from forecastcli import scoring

        numbers = self._day_kinds(as_of)
        whole = chosen is None and since is None and until is None
        if whole:
            counts = Counter(numbers)
        else:
            counts = Counter(map(numbers.__getitem__, self._places(chosen, since, until)))
        codes = self.codes
        terms, scales = codes.terms, codes.scales
        scale_of = [s for s in scales for _ in s.terms]
        kinds: dict[tuple[int, int, float, int, bool], int] = {}
        known: dict[int, Any] = {id(o): o for o in (*terms, *scales, *OUTCOMES)}
        known[id(None)] = None
        for number, c in counts.items():
            term, p, outcome, closed = self._kind_of(number)
            if term is not None and not 0 <= term < len(terms):
                raise cache.Damaged("codes")
            key = (
                id(None if term is None else terms[term]),
                id(None if term is None else scale_of[term]),
                p,
                id(_OUTCOME_OR_NONE[outcome]),
                closed,
            )
            kinds[key] = c

        def tallies() -> Briefs:
            if whole:
                return self._grouped(numbers, include_open)
            lines = self.lines(as_of, chosen, since, until)
            return scoring.tallies(lines, as_of.toordinal(), include_open)

        found = scoring.count_kinds(kinds, known, include_open, tallies)
        if self.memo is not None and chosen is None:
            found.memo = self.memo.entry(f"{as_of} {include_open} {since} {until}")
        return found

    def _grouped(self, numbers: Sequence[int], include_open: bool) -> Grouped:
        """Every brief with a scored forecast by kind (`recalibration.Grouped`), from the
        forecasts' kinds on the day: each forecast scored as `2·i + happened` where i is
        its p's rank among the archive's p's (-1 if not scored), each brief as those
        numbers in ascending order."""
        from forecastcli.recalibration import Grouped

        _, ps = self._kinds()
        ranked = sorted(set(ps))
        at = {p: 2 * i for i, p in enumerate(ranked)}
        score: dict[int, int] = {}
        for number in set(numbers):
            _, p, outcome, closed = self._kind_of(number)
            happened = _HAPPENED[outcome]
            if happened is None or not (include_open or closed):
                score[number] = -1
            else:
                score[number] = at[p] + happened
        scores = list(map(score.__getitem__, numbers))
        starts = self.columns.forecast_start
        each = map(tuple, map(sorted, map(scores.__getitem__, map(slice, starts, starts[1:]))))
        # A brief's forecasts, the unscored (-1) first; without them, its kind.
        seen: dict[tuple[int, ...], int] = {(): -1}
        kinds: dict[tuple[int, ...], int] = {(): -1}
        names, of = [], []
        for b, forecasts in sorted(zip(self.brief_ids, each, strict=True)):
            k = seen.get(forecasts)
            if k is None:
                kind = forecasts[bisect.bisect_left(forecasts, 0) :]
                k = seen[forecasts] = kinds.setdefault(kind, len(kinds) - 1)
            if k >= 0:
                names.append(b)
                of.append(k)
        del kinds[()]
        return Grouped(names, of, list(kinds), ranked)

    def standings(self, as_of: dt.date, chosen: Sequence[int] | None) -> list[Standing]:
        """Every forecast of the chosen briefs as it stands at the end of `as_of`, in
        brief then file order, as `status.states` gives them.

        Column by column, each mapped whole (`calibration` reads every forecast of the
        archive): a brief's values are repeated once for each of its forecasts.
        """
        columns = self.columns
        f = columns.forecast
        codes = self.codes
        horizon, confidence = f["horizon"], f["confidence"]
        if horizon and not (min(horizon) >= 0 and max(horizon) < len(codes.horizons)):
            raise cache.Damaged("codes")
        terms, scales, ids = self._each()
        counts = columns.brief["forecasts"]

        def each(values: Iterable[Any]) -> Iterator[Any]:
            return chain.from_iterable(map(repeat, values, counts))

        closes = f["closes"]
        day = self.days.day
        days = {ordinal: day(ordinal) for ordinal in set(closes)}
        items = list(
            map(
                tuple.__new__,
                repeat(Standing),
                zip(
                    f["probability"],
                    self.outcomes(as_of),
                    map(days.__getitem__, closes),
                    terms,
                    scales,
                    ids,
                    map(codes.horizons.__getitem__, horizon),
                    map(codes.confidences.__getitem__, confidence),
                    each(map(tuple, columns.authors)),
                    each(map(tuple, columns.tags)),
                    strict=True,
                ),
            )
        )
        if chosen is None:
            return items
        starts = columns.forecast_start
        return [item for b in chosen for item in items[starts[b] : starts[b + 1]]]
