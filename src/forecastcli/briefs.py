"""Load the briefs folder: parse each brief file, check it against the format, build briefs."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import gc
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from forecastcli import cache
from forecastcli.config import Settings
from forecastcli.dates import EXAMPLE, NotADate, add, parse_timestamp, read_date
from forecastcli.errors import DataError, Problem, shown_path
from forecastcli.model import CONFIDENCES, OUTCOMES, Brief, Forecast, Resolution, latest
from forecastcli.safetext import QUOTE_LIMIT, clip, quote
from forecastcli.scales import Term, band_text
from forecastcli.yamlfile import BadScalar, Document, YAMLProblem, parse

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# One object per distinct date across all briefs: an archive of ten thousand briefs holds a
# few thousand days, and the parse cache then stores (and rebuilds) each day once per
# chunk instead of once per use, which takes a quarter off reading it back.
_DATES: dict[dt.date, dt.date] = {}


def _same(day: dt.date) -> dt.date:
    return _DATES.setdefault(day, day)


BRIEF_KEYS = ("title", "author", "published", "url", "scale", "tags", "forecasts", "resolutions")
FORECAST_KEYS = (
    "id",
    "statement",
    "term",
    "p",
    "horizon",
    "opens",
    "closes",
    "confidence",
    "criteria",
    "quote",
)
RESOLUTION_KEYS = ("forecast", "outcome", "date", "recorded", "by", "note", "sources")
OUTCOME_ALIASES = {True: "yes", False: "no", "y": "yes", "n": "no"}


@dataclass
class Archive:
    """Every brief in the folder that loaded cleanly, and the problems of the rest."""

    folder: Path
    briefs: list[Brief] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # errors: the brief is left out
    warnings: list[Problem] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)  # paths of briefs left out
    _id_counts: Counter[str] | None = field(default=None, repr=False)

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


def _unknown(ref: str, candidates: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(ref, list(dict.fromkeys(candidates)), n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    where = "" if close else " (`forecast list` shows every reference)"
    return f"no forecast {ref!r}{hint}{where}"


def _scan(folder: Path) -> tuple[list[tuple[str, bool, str | None]], str | None]:
    """Each `*.yaml` entry's name, whether it is a symbolic link, and why it cannot be read
    as a brief file (None when it can), in name order; and why the folder cannot be listed.

    An entry that cannot be read is kept, so that it is a problem for its path rather
    than a brief that silently goes missing (SPEC section 8).
    """
    found = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(".yaml"):
                    link = entry.is_symlink()
                    found.append((entry.name, link, _unreadable(entry, link)))
    except OSError as exc:
        return [], f"cannot read the folder: {_why(exc)}"
    found.sort()
    return found, None


def _unreadable(entry: os.DirEntry[str], link: bool) -> str | None:
    """Why a folder entry is not a brief file that can be read, or None."""
    # is_file() follows links, as Path.is_file does; both are answered by the directory
    # listing itself unless the entry is a link.
    try:
        if entry.is_file():
            return None
        if entry.is_dir():
            return "a folder, not a brief file; rename it or move it out of the briefs folder"
    except OSError as exc:
        return f"cannot read the file: {_why(exc)}"
    if link:
        try:
            target = str(Path(entry.path).readlink())
        except OSError:
            target = "?"
        return (
            f"cannot read the file: it is a symbolic link to {clip(target)}, which does not exist"
        )
    return "not a regular file (a pipe, socket or device); move it out of the briefs folder"


def _why(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "it is a symbolic link that leads back to itself (a loop)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror or str(exc)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a brief's objects are built.

    Parsing and checking build a node and a value for every line, all of which live until
    the check ends and hold no cycles to free; each full collection on the way walks them
    all again, which makes reading a large brief quadratic (SPEC section 8: a brief of
    20,000 forecasts resolves in about the time check takes to read it).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


Progress = Callable[[int, int], None]
Result = tuple[Brief | None, list[Problem]]


@dataclass(frozen=True)
class _File:
    path: str
    name: str  # the key of its cache entry
    brief_id: str
    shown: str  # as problems show it
    unreadable: str | None = None  # why the folder entry cannot be read as a brief file


def load_archive(
    settings: Settings,
    files: list[Path] | None = None,
    *,
    use_cache: bool = False,
    progress: Progress | None = None,
) -> Archive:
    """Every brief of the folder (or of `files`), checked; `progress(done, total)` is told
    of each file read. With `use_cache`, files unchanged since the last run are not read
    again (see forecastcli.cache)."""
    unlisted = None
    if files is None:
        shown = _Shown(settings.briefs)
        # Plain strings: on a large archive, a Path per file costs more than its stat.
        folder = f"{settings.briefs}{os.sep}"
        entries, unlisted = _scan(settings.briefs)
        listed = [
            # An entry that cannot be read is shown by its own name, not its link's target.
            _File(folder + name, name, name[: -len(".yaml")], shown(name, link and not why), why)
            for name, link, why in entries
        ]
    else:
        listed = [_File(str(p), p.name, p.stem, shown_path(p)) for p in files]
    # Loading builds a great many objects that all live on; the cyclic collector would
    # walk them again and again (a third of the time on a large archive) and find nothing.
    with collector_paused():
        if use_cache and files is None and len(listed) >= cache.MIN_FILES:
            results = _load_cached(settings, listed, progress)
        else:
            results = _load_all(settings, listed, progress)
    archive = Archive(settings.briefs)
    if unlisted is not None:
        archive.problems.append(Problem(shown_path(settings.briefs), 0, 0, unlisted))
    for file, (brief, problems) in zip(listed, results, strict=True):
        for problem in problems:
            (archive.warnings if problem.warning else archive.problems).append(problem)
        if brief is None:
            archive.invalid.append(file.path)
        else:
            archive.briefs.append(brief)
    return archive


def _load_all(settings: Settings, listed: list[_File], progress: Progress | None) -> list[Result]:
    results = []
    total = len(listed)
    try:
        for done, file in enumerate(listed, 1):
            results.append(_read(file, settings))
            if progress is not None:
                progress(done, total)
    finally:
        if progress is not None:
            progress(total, total)
    return results


def _load_cached(
    settings: Settings, listed: list[_File], progress: Progress | None
) -> list[Result]:
    cache_file = cache.path_for(settings.briefs)
    fingerprint = cache.fingerprint(settings)
    old = cache.read(cache_file, fingerprint)
    new: cache.Entries = {}
    results: list[Result | None] = []
    stale: list[tuple[int, cache.Stamp | None]] = []
    for i, file in enumerate(listed):
        # The stamp is taken before the file is read: an edit made meanwhile leaves a
        # newer stamp on disk than the one stored, so it is read again next time.
        key: cache.Stamp | None = None  # an entry that cannot be read is never cached
        if file.unreadable is None:
            with contextlib.suppress(OSError):
                key = cache.stamp(os.stat(file.path))  # noqa: PTH116  (str paths)
        entry = old.get(file.name)
        if key is not None and entry is not None and entry[0] == key:
            results.append(entry[1])
            new[file.name] = entry
        else:
            results.append(None)
            stale.append((i, key))
    fresh = _load_all(settings, [listed[i] for i, _ in stale], progress)
    for (i, key), result in zip(stale, fresh, strict=True):
        results[i] = result
        if key is not None:
            new[listed[i].name] = (key, result)
    if stale or len(new) != len(old):
        cache.write(cache_file, fingerprint, new)
    return [r for r in results if r is not None]


def read_brief(path: Path, settings: Settings) -> Result:
    """One brief file: the brief (None when it has errors) and every problem found."""
    return _read(_File(str(path), path.name, path.stem, shown_path(path)), settings)


def _read(file: _File, settings: Settings) -> Result:
    shown = file.shown
    if file.unreadable is not None:
        return None, [Problem(shown, 0, 0, file.unreadable)]
    try:
        with open(file.path, "rb") as f:  # noqa: PTH123  (str paths, as in load_archive)
            data = f.read()
    except OSError as exc:
        return None, [Problem(shown, 0, 0, f"cannot read the file: {_why(exc)}")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(shown, line, 1, "not UTF-8 text; save the file as UTF-8")]
    return check_text(shown, file.brief_id, text, settings)


def check_text(
    shown: str, brief_id: str, text: str, settings: Settings
) -> tuple[Brief | None, list[Problem]]:
    """Parse and check the text of a brief file named `shown` whose id is `brief_id`."""
    _, brief, problems = parse_and_check(shown, brief_id, text, settings)
    return brief, problems


def parse_and_check(
    shown: str, brief_id: str, text: str, settings: Settings
) -> tuple[Document | None, Brief | None, list[Problem]]:
    """`check_text`, with the parsed document too (None when the text is not YAML)."""
    try:
        doc = parse(shown, text)
    except YAMLProblem as exc:
        problems = [Problem(shown, line, column, message) for message, line, column in exc.all()]
        return None, None, problems
    return (doc, *_Checker(doc, brief_id, settings).brief())


class _Shown:
    """`shown_path` for the files of one folder, resolving the folder once rather than per file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:
            self.prefix: str | None = str(folder.resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            self.prefix = None

    def __call__(self, name: str, link: bool) -> str:
        if link:  # a link resolves to wherever it points
            return shown_path(self.folder / name)
        if self.prefix is None:
            return str(self.folder / name)
        return name if self.prefix == "." else f"{self.prefix}{os.sep}{name}"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _describe(value: Any) -> str:
    """A value for a message: its kind for a list or mapping (an alias may have expanded it
    to any size, so it is never written out), at most 60 characters of anything else."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads an unquoted yes/no/on/off as true/false)"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, BadScalar):
        return quote(value.text)
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, (int, float, dt.date)):
        shown = str(value)
        return shown if len(shown) <= QUOTE_LIMIT else shown[:QUOTE_LIMIT] + "…"
    return "a value of another kind"


# "Did you mean" hints for unknown forecast ids: each is a search of the brief's ids, so a
# file of many bad entries gets this many, keeping the check linear in the file's size.
HINTS = 20


class _Checker:
    def __init__(self, doc: Document, brief_id: str, settings: Settings) -> None:
        self.doc = doc
        self.brief_id = brief_id
        self.settings = settings
        self.problems: list[Problem] = []
        self.errors = 0
        self.hints = 0  # "did you mean" searches made
        self.windows: dict[str, tuple[dt.date, dt.date]] = {}  # by horizon, from `published`
        self.overflows: set[str] = set()  # horizons whose window runs past the calendar

    def error(self, message: str, *keys: str | int, key_node: bool = False) -> None:
        line, col = self.doc.locate(*keys, key_node=key_node)
        self.problems.append(Problem(self.doc.path, line, col, message))
        self.errors += 1

    def warn(self, message: str, *keys: str | int, key_node: bool = False) -> None:
        line, col = self.doc.locate(*keys, key_node=key_node)
        self.problems.append(Problem(self.doc.path, line, col, message, warning=True))

    def line(self, *keys: str | int) -> int:
        return self.doc.locate(*keys)[0]

    # -- small field checks -------------------------------------------------------------

    def keys(
        self, mapping: dict[Any, Any], known: tuple[str, ...], where: tuple[Any, ...], what: str
    ) -> None:
        for key in mapping:
            if isinstance(key, str):
                if key not in known:
                    self.warn(
                        f"unknown key {quote(key)} in {what} (ignored)", *where, key, key_node=True
                    )
            else:
                # `on:` and `yes:` load as booleans in YAML 1.1: a key that is not text.
                self.error(
                    f"key {_describe(key)} is not a name; quote it", *where, key, key_node=True
                )

    def text(
        self, mapping: dict[str, Any], key: str, where: tuple[Any, ...], required: bool = False
    ) -> str | None:
        value = mapping.get(key)
        if value is None:
            if required:
                self.error(f"missing `{key}`", *where)
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(f"`{key}` must be text, not {_describe(value)}", *where, key)
            return None
        return value.strip()

    def texts(
        self, mapping: dict[str, Any], key: str, where: tuple[Any, ...], single_ok: bool = False
    ) -> tuple[str, ...]:
        value = mapping.get(key)
        if value is None:
            return ()
        if single_ok and isinstance(value, str):
            return (value,)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        kind = "text or a list of text" if single_ok else "a list of text"
        if isinstance(value, list):
            other = next(v for v in value if not isinstance(v, str))
            self.error(f"`{key}` must be {kind}; it holds {_describe(other)}", *where, key)
        else:
            self.error(f"`{key}` must be {kind}, not {_describe(value)}", *where, key)
        return ()

    def date(
        self, mapping: dict[str, Any], key: str, where: tuple[Any, ...], required: bool = False
    ) -> dt.date | None:
        value = mapping.get(key)
        if value is None:
            if required:
                self.error(f"missing `{key}` (a date such as 2025-12-08)", *where)
            return None
        if isinstance(value, (str, dt.date, BadScalar)):
            try:
                return read_date(
                    value.text if isinstance(value, BadScalar) else value,
                    self.settings.date_order,
                )
            except NotADate as exc:
                self.error(f"`{key}`: {exc}", *where, key)
                return None
        self.error(f"`{key}` is not a date: {_describe(value)}; write it as {EXAMPLE}", *where, key)
        return None

    # -- the brief ------------------------------------------------------------------------

    def brief(self) -> tuple[Brief | None, list[Problem]]:
        data = self.doc.data
        if not isinstance(data, dict):
            self.error(
                f"a brief must be a mapping with title, published and forecasts, "
                f"not {_describe(data)}"
            )
            return None, self.problems
        if not SLUG.match(self.brief_id):
            self.error(
                f"the file name {quote(self.brief_id)} is not a brief id: use lowercase "
                "letters, digits and hyphens, such as 2025-12-08-kazakhstan"
            )
        self.keys(data, BRIEF_KEYS, (), "the brief")
        title = self.text(data, "title", (), required=True)
        published = self.date(data, "published", (), required=True)
        authors = self.texts(data, "author", (), single_ok=True)
        tags = self.texts(data, "tags", ())
        url = self.text(data, "url", ())
        scale_name = data.get("scale", self.settings.scale)
        scale = self.settings.scales.get(scale_name) if isinstance(scale_name, str) else None
        if scale is None:
            known = ", ".join(sorted(self.settings.scales))
            self.error(f"unknown scale {_describe(scale_name)}; known: {known}", "scale")
        forecasts = self.forecasts(data, published, scale)
        resolutions = self.resolutions(data, forecasts)
        if self.errors or title is None or published is None or scale is None:
            return None, self.problems
        return (
            Brief(
                id=self.brief_id,
                path=self.doc.path,
                title=title,
                published=_same(published),
                scale=scale,
                authors=authors,
                url=url,
                tags=tags,
                forecasts=tuple(forecasts.values()),
                resolutions=tuple(resolutions),
            ),
            self.problems,
        )

    def forecasts(
        self, data: dict[str, Any], published: dt.date | None, scale: Any
    ) -> dict[str, Forecast]:
        items = data.get("forecasts")
        if not isinstance(items, list) or not items:
            if "forecasts" not in data:
                self.error("missing `forecasts` (a list of the brief's forecasts)")
            else:
                self.error("`forecasts` must be a non-empty list", "forecasts")
            return {}
        found: dict[str, Forecast] = {}
        for i, item in enumerate(items):
            forecast = self.forecast(item, ("forecasts", i), published, scale)
            if forecast is None:
                continue
            if forecast.id in found:
                self.error(
                    f"duplicate forecast id {quote(forecast.id)} (first at line "
                    f"{found[forecast.id].line})",
                    "forecasts",
                    i,
                    "id",
                )
                continue
            found[forecast.id] = forecast
        return found

    def forecast(
        self, item: Any, where: tuple[Any, ...], published: dt.date | None, scale: Any
    ) -> Forecast | None:
        if not isinstance(item, dict):
            self.error(
                f"a forecast must be a mapping with id, statement, term and horizon, "
                f"not {_describe(item)}",
                *where,
            )
            return None
        before = self.errors
        self.keys(item, FORECAST_KEYS, where, "a forecast")
        fid = item.get("id")
        if fid is None:
            self.error("missing forecast `id`", *where)
        elif not isinstance(fid, str) or not SLUG.match(fid):
            self.error(
                f"forecast id {_describe(fid)} must be a slug: lowercase letters, "
                "digits and hyphens",
                *where,
                "id",
            )
        statement = self.text(item, "statement", where, required=True)
        term = self.term(item, where, scale)
        p = self.probability(item, where, term)
        if "term" not in item and "p" not in item:
            self.error("a forecast needs a `term` (or a probability `p`)", *where)
        window = self.window(item, where, published)
        confidence = item.get("confidence")
        if confidence is not None and confidence not in CONFIDENCES:
            self.error(
                f"`confidence` must be one of {', '.join(CONFIDENCES)}, not "
                f"{_describe(confidence)}",
                *where,
                "confidence",
            )
        criteria = self.text(item, "criteria", where)
        quote = self.text(item, "quote", where)
        if self.errors > before or window is None or statement is None:
            return None
        assert isinstance(fid, str)
        return Forecast(
            brief=self.brief_id,
            id=fid,
            statement=statement,
            term=term,
            p=p,
            horizon=item.get("horizon"),
            opens=_same(window[0]),
            closes=_same(window[1]),
            confidence=confidence,
            criteria=criteria,
            quote=quote,
            line=self.line(*where),
        )

    def term(self, item: dict[str, Any], where: tuple[Any, ...], scale: Any) -> Term | None:
        value = item.get("term")
        if value is None or scale is None:
            return None
        term = scale.term(value) if isinstance(value, str) else None
        if term is None:
            names = ", ".join(t.name for t in scale.terms)
            self.error(
                f"unknown term {_describe(value)} for scale {scale.name!r}; known terms: {names}",
                *where,
                "term",
            )
        return term

    def probability(
        self, item: dict[str, Any], where: tuple[Any, ...], term: Term | None
    ) -> float | None:
        if "p" not in item:
            return None
        value = item["p"]
        if not _is_number(value) or not 0 <= value <= 1:
            hint = (
                f" (write {value / 100:g} for {value:g} %)"
                if (_is_number(value) and 1 < value <= 100)
                else ""
            )
            self.error(
                f"`p` must be a probability from 0 to 1, not {_describe(value)}{hint}", *where, "p"
            )
            return None
        p = float(value)
        if term is not None and not term.contains(p):
            self.error(
                f"`p` {p:g} lies outside the band of {term.name!r} ({term.band_text})", *where, "p"
            )
        return p

    def window(
        self, item: dict[str, Any], where: tuple[Any, ...], published: dt.date | None
    ) -> tuple[dt.date, dt.date] | None:
        key = item.get("horizon")
        horizon = None
        if key is not None:
            horizon = self.settings.horizons.get(key) if isinstance(key, str) else None
            if horizon is None:
                known = ", ".join(self.settings.horizons)
                self.error(f"unknown horizon {_describe(key)}; known: {known}", *where, "horizon")
                return None
        opens = self.date(item, "opens", where)
        closes = self.date(item, "closes", where)
        if ("opens" in item and opens is None) or ("closes" in item and closes is None):
            return None
        if horizon is None and closes is None:
            if key is None:
                self.error("a forecast needs a `horizon` (or a `closes` date)", *where)
            return None
        if published is None:
            return None
        if horizon is not None:
            default = self.windows.get(horizon.key)
            if default is None:
                # Calendar arithmetic is slow and a brief's forecasts share a few horizons.
                try:
                    default = add(published, horizon.opens), add(published, horizon.closes)
                except (OverflowError, ValueError):
                    self.past_the_end(published, horizon.key)
                    return None
                self.windows[horizon.key] = default
            opens = opens or default[0]
            closes = closes or default[1]
        assert closes is not None
        opens = opens or published
        if opens > closes:
            self.error(
                f"the window opens ({opens}) after it closes ({closes})",
                *where,
                "opens" if "opens" in item else "closes",
            )
            return None
        return opens, closes

    def past_the_end(self, published: dt.date, horizon: str) -> None:
        """A window that would close after 9999-12-31: a problem at `published`, once."""
        if horizon in self.overflows:
            return
        self.overflows.add(horizon)
        self.error(
            f"`published` {published}: the {quote(horizon)} window would close after the "
            "year 9999, where the calendar ends; check the date",
            "published",
        )

    # -- resolutions ----------------------------------------------------------------------

    def resolutions(self, data: dict[str, Any], forecasts: dict[str, Forecast]) -> list[Resolution]:
        items = data.get("resolutions")
        if items is None:
            return []
        if not isinstance(items, list):
            self.error("`resolutions` must be a list of entries", "resolutions")
            return []
        found = []
        where: dict[int, tuple[Any, ...]] = {}
        for i, item in enumerate(items):
            entry = self.resolution(item, ("resolutions", i), forecasts)
            if entry is not None:
                where[id(entry)] = ("resolutions", i)
                found.append(entry)
        # An entry that a later one has replaced is history: its date no longer matters.
        for entry in latest(found).values():
            self.date_warning(entry, forecasts[entry.forecast], where[id(entry)])
        return found

    def date_warning(self, entry: Resolution, forecast: Forecast, where: tuple[Any, ...]) -> None:
        """Warn of an outcome dated on the wrong side of its window's close (SPEC section 6)."""
        if entry.outcome == "yes" and entry.date > forecast.closes:
            self.warn(
                f"{entry.forecast!r} resolved yes on {entry.date}, after its window closed on "
                f"{forecast.closes}",
                *where,
                "date",
            )
        if entry.outcome == "no" and entry.date < forecast.closes:
            self.warn(
                f"{entry.forecast!r} resolved no on {entry.date}, before its window closes on "
                f"{forecast.closes}",
                *where,
                "date",
            )

    def resolution(
        self, item: Any, where: tuple[Any, ...], forecasts: dict[str, Forecast]
    ) -> Resolution | None:
        if not isinstance(item, dict):
            self.error(
                f"a resolution must be a mapping with forecast, outcome and date, "
                f"not {_describe(item)}",
                *where,
            )
            return None
        before = self.errors
        self.keys(item, RESOLUTION_KEYS, where, "a resolution")
        fid = item.get("forecast")
        forecast = forecasts.get(fid) if isinstance(fid, str) else None
        if fid is None:
            self.error("missing `forecast` (the id of the forecast resolved)", *where)
        elif forecast is None:
            hint = ""
            # Only text can be near an id: a list an alias expanded is never searched.
            if isinstance(fid, str) and len(fid) <= QUOTE_LIMIT and self.hints < HINTS:
                import difflib

                self.hints += 1
                close = difflib.get_close_matches(fid, list(forecasts), n=1)
                hint = f"; did you mean {quote(close[0])}?" if close else ""
            self.error(f"no forecast {_describe(fid)} in this brief{hint}", *where, "forecast")
        raw = item.get("outcome")
        outcome = OUTCOME_ALIASES.get(raw, raw) if isinstance(raw, (str, bool)) else raw
        if raw is None:
            self.error(f"missing `outcome` ({', '.join(OUTCOMES)})", *where)
        elif outcome not in OUTCOMES:
            self.error(
                f"`outcome` must be one of {', '.join(OUTCOMES)}, not {_describe(raw)}",
                *where,
                "outcome",
            )
        day = self.date(item, "date", where, required=True)
        recorded = None
        if item.get("recorded") is not None:
            recorded = parse_timestamp(item["recorded"])
            if recorded is None:
                self.error(
                    f"`recorded` is not a timestamp: {_describe(item['recorded'])}; "
                    "write it as 2026-11-27T10:04:12Z",
                    *where,
                    "recorded",
                )
        by = self.text(item, "by", where)
        note = self.text(item, "note", where)
        sources = self.texts(item, "sources", where)
        if self.errors > before or day is None or forecast is None:
            return None
        return Resolution(
            forecast=forecast.id,
            outcome=str(outcome),
            date=_same(day),
            recorded=recorded,
            by=by,
            note=note,
            sources=sources,
            line=self.line(*where),
        )


def band_of(forecast: Forecast) -> str:
    """The band as printed: the term's band, or the forecast's own probability."""
    if forecast.term is not None:
        return band_text(forecast.term.low, forecast.term.high)
    return band_text(forecast.probability, forecast.probability)


def open_folder(
    briefs: Path | None, use_cache: bool = True, progress: Progress | None = None
) -> tuple[Settings, Archive]:
    """Settings for the current folder and every brief of the briefs folder."""
    from forecastcli.config import load_settings, require_folder

    settings = load_settings(briefs)
    require_folder(settings)
    # The briefs live as long as the command: once loaded, they are set aside from the
    # cyclic collector, which would otherwise walk a large archive again each time the
    # output allocates (they hold no cycles to free).
    with collector_paused():
        archive = load_archive(settings, use_cache=use_cache, progress=progress)
        gc.freeze()
    return settings, archive


def select(
    archive: Archive, briefs: list[str] | None = None, tags: list[str] | None = None
) -> list[Brief]:
    """The briefs chosen by `--brief` and `--tag` (all of them when neither is given)."""
    chosen = archive.briefs
    if briefs:
        known = {b.id for b in chosen}
        for brief_id in briefs:
            if brief_id not in known:
                import difflib

                close = difflib.get_close_matches(brief_id, sorted(known), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise DataError(f"no brief {brief_id!r} in {archive.folder}{hint}")
        chosen = [b for b in chosen if b.id in briefs]
    if tags:
        wanted = {t.lower() for t in tags}
        chosen = [b for b in chosen if wanted & {t.lower() for t in b.tags}]
    return chosen
