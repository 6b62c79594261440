"""Read the briefs folder: scan it, read each brief file (through the parse cache), check it.

Loading builds a great many objects that live as long as the command; the cyclic garbage
collector is paused while they are built and set aside from it afterwards.
"""

from __future__ import annotations

import bisect
import contextlib
import errno
import gc
import os
import time
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from forecastcli import cache
from forecastcli.archive import Archive
from forecastcli.config import Settings
from forecastcli.errors import DataError, Problem, shown_path
from forecastcli.model import Brief
from forecastcli.safetext import clip
from forecastcli.validation import check_text

if TYPE_CHECKING:
    from forecastcli.index import Codes, Columns, Stored


class _Listing:
    """The `*.yaml` entries of a briefs folder as the system lists them (`listed`) and in
    name order (`names`), and why the folder cannot be listed (None when it can).

    Nearly every entry is a plain file, kept by name alone (a tuple per entry costs a
    large archive more than its listing); a symbolic link, or an entry that cannot be read
    as a brief file, is also in `special`: whether it is a link, and why it cannot be read
    (None when it can). An entry that cannot be read is kept, so that it is a problem for
    its path rather than a brief that silently goes missing (SPEC section 8).

    With `stamped`, each entry's stamp is taken as it is listed (`cache.stamp`, four
    numbers an entry in `stamps`; NO_STAMP for one that cannot be read), before any file
    is read: an edit made meanwhile leaves a newer stamp on disk than the one the cache
    stores, so the file is read again next time.
    """

    __slots__ = ("_names", "listed", "special", "stamps", "unlisted")

    def __init__(self, folder: Path, stamped: bool = False) -> None:
        self.listed: list[str] = []
        self.special: dict[str, tuple[bool, str | None]] = {}
        self.stamps = array("q")
        self.unlisted: str | None = None
        self._names: list[str] | None = None
        add, stamp = self.listed.append, self.stamps.extend
        # By name within the open folder where the system allows it: it then looks up one
        # name, not the whole path, which takes a quarter off the stats of a large archive.
        fd = _open_folder(folder) if stamped else None
        prefix, stat = f"{folder}{os.sep}", os.stat
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    name = entry.name
                    if not name.endswith(".yaml"):
                        continue
                    add(name)
                    try:
                        plain = entry.is_file(follow_symlinks=False)  # from the listing itself
                    except OSError:
                        plain = False
                    if not plain:
                        link = entry.is_symlink()
                        self.special[name] = (link, _unreadable(entry, link))
                        if stamped and self.special[name][1] is not None:
                            stamp(NO_STAMP)
                            continue
                    if not stamped:
                        continue
                    try:
                        # str paths: a Path per file costs more than its stat
                        st = stat(prefix + name) if fd is None else stat(name, dir_fd=fd)
                    except OSError:
                        stamp(NO_STAMP)
                    else:
                        stamp((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
        except OSError as exc:
            self.listed, self.special, self.stamps = [], {}, array("q")
            self.unlisted = f"cannot read the folder: {_why(exc)}"
        finally:
            if fd is not None:
                os.close(fd)

    @property
    def names(self) -> list[str]:
        if self._names is None:
            self._names = sorted(self.listed)
        return self._names

    def entry(self, name: str) -> tuple[bool, str | None]:
        """Whether the entry is a link, and why it cannot be read (None when it can)."""
        return self.special.get(name, (False, None))


NO_STAMP = (-1, -1, -1, -1)  # an entry that cannot be read, or stat'ed: never cached


def _open_folder(folder: Path) -> int | None:
    """The folder open for os.stat(name, dir_fd=...), where the system has it."""
    if os.stat not in os.supports_dir_fd:
        return None
    try:
        return os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None


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


class _File:
    """One brief file to read (a plain class: a dataclass costs every start its making)."""

    __slots__ = ("brief_id", "name", "path", "shown", "unreadable")

    def __init__(
        self, path: str, name: str, brief_id: str, shown: str, unreadable: str | None = None
    ) -> None:
        self.path = path
        self.name = name  # the key of its cache entry
        self.brief_id = brief_id
        self.shown = shown  # as problems show it
        self.unreadable = unreadable  # why the folder entry cannot be read as a brief file


def load_archive(
    settings: Settings,
    files: list[Path] | None = None,
    *,
    use_cache: bool = False,
    progress: Progress | None = None,
) -> Archive:
    """Every brief of the folder (or of `files`), checked; `progress(done, total)` is told
    of each file read. With `use_cache`, files unchanged since the last run are not read
    again, and queries read only what they need from the index (see forecastcli.index)."""
    unlisted = None
    if files is None:
        listing = _Listing(settings.briefs, stamped=use_cache)
        unlisted = listing.unlisted
        if use_cache and len(listing.listed) >= cache.MIN_FILES:
            # Loading builds a great many objects that all live on; the cyclic collector
            # would walk them again and again (a third of the time on a large archive).
            with collector_paused():
                return _Indexed(settings, listing, progress).archive()
        shown = _Shown(settings.briefs)
        # Plain strings: on a large archive, a Path per file costs more than its stat.
        folder = f"{settings.briefs}{os.sep}"
        listed = []
        for name in listing.names:
            link, why = listing.entry(name)
            # An entry that cannot be read is shown by its own name, not its link's target.
            shown_as = shown(name, link and not why)
            listed.append(_File(folder + name, name, name[: -len(".yaml")], shown_as, why))
    else:
        listed = [_File(str(p), p.name, p.stem, shown_path(p)) for p in files]
    with collector_paused():
        results = _load_all(settings, listed, progress)
    return _in_memory(settings, listed, results, unlisted)


def _in_memory(
    settings: Settings, listed: list[_File], results: list[Result], unlisted: str | None = None
) -> Archive:
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


def _given(data: bytes) -> Callable[[], Iterable[bytes]]:
    return lambda: (data,)


class _Indexed:
    """Loading through the parse cache's index: a folder whose files are all as the index
    last saw them is served from it as it is; otherwise the files that changed are read
    afresh, and a new index made of them and of the rest of the old one is written."""

    def __init__(self, settings: Settings, listing: _Listing, progress: Progress | None) -> None:
        self.settings = settings
        self.listing = listing
        self.listed = listing.listed
        self.progress = progress
        self.folder = f"{settings.briefs}{os.sep}"
        self.shown = _Shown(settings.briefs)
        self.path = cache.path_for(settings.briefs)
        self.fingerprint = cache.fingerprint(settings)
        # In the order the system lists the entries: an unchanged folder is recognised
        # without sorting its names.
        self.listed_stamps = listing.stamps
        self._order: Sequence[int] | None = None

    @property
    def order(self) -> Sequence[int]:
        """For each entry in name order, its place in `listed`."""
        if self._order is None:
            listed = self.listed
            self._order = sorted(range(len(listed)), key=listed.__getitem__)
        return self._order

    @property
    def names(self) -> list[str]:
        """The entries' names in name order: the order of the archive's files."""
        if self.listing._names is None:
            self.listing._names = [self.listed[at] for at in self.order]
        return self.listing._names

    @property
    def stamps(self) -> array[int]:
        """The stamps in name order."""
        found = array("q")
        listed = self.listed_stamps
        for at in self.order:
            found.extend(listed[4 * at : 4 * at + 4])
        return found

    def file(self, at: int) -> _File:
        name = self.names[at]
        link, why = self.listing.entry(name)
        return _File(
            self.folder + name, name, name[: -len(".yaml")], self.shown(name, link and not why), why
        )

    def archive(self) -> Archive:
        from forecastcli import index

        reader = cache.Reader.open(self.path, self.fingerprint)
        stored = None
        if reader is not None:
            try:
                stored = index.Stored(reader)
            except cache.Damaged:
                reader.close()
        if (
            stored is not None
            and stored.stamps == self.listed_stamps.tobytes()
            and stored.listing == index.names_blob(self.listed)
        ):
            self._order = stored.order  # the same entries, listed in the same order
            return self._served(stored)
        try:
            if stored is not None:
                stored.checked()
            return self._rebuilt(stored)
        except cache.Damaged:
            # A part of the old index needed to make the new one is damaged: start afresh.
            return self._rebuilt(None)

    def _served(self, stored: Stored) -> Archive:
        """Every file as the index saw it: the archive is the index."""
        from forecastcli import index

        columns = index.Columns(stored)
        reader = stored.reader

        def locate(b: int) -> tuple[cache.Reader, int]:
            return reader, columns.record_start[b]

        archive = self._archive(columns, stored.results, dict(stored.problems), locate, {})
        assert archive.index is not None
        from forecastcli.scorememo import ScoreMemo

        archive.index.memo = ScoreMemo(self.path.with_suffix(".scores"), reader.generation)
        return archive

    def _archive(
        self,
        columns: Columns,
        results: array[int],
        problems: dict[int, list[Problem]],
        locate: Callable[[int], tuple[cache.Reader, int]],
        fresh: dict[int, Brief],
    ) -> Archive:
        from forecastcli.index import Index

        for name, (_, why) in self.listing.special.items():
            if why is not None:
                at = bisect.bisect_left(self.names, name)  # the names are sorted
                problems[at] = [Problem(self.file(at).shown, 0, 0, why)]
        # Results of files that are not briefs are -1; the briefs' are 0, 1, 2, ...
        invalid = [at for at, b in enumerate(results) if b < 0] if -1 in results else []
        files: list[int] = []

        def brief_files() -> list[int]:
            if not files:
                files.extend(at for at, b in enumerate(results) if b >= 0)
            return files

        def where(b: int) -> tuple[str, str, str]:
            file = self.file(brief_files()[b] if invalid else b)
            return file.path, file.shown, file.brief_id

        def brief_ids() -> list[str]:
            names = self.names
            chosen = [names[at] for at in brief_files()] if invalid else names
            return [name[: -len(".yaml")] for name in chosen]

        def brief_id(b: int) -> str:
            at = brief_files()[b] if invalid else b
            return self.listed[self.order[at]][: -len(".yaml")]

        def afresh(b: int) -> Brief:
            file = self.file(brief_files()[b] if invalid else b)
            brief, _ = _read(file, self.settings)
            if brief is None:
                raise DataError(f"{file.shown} changed while it was read: run the command again")
            return brief

        found = Index(self.settings, columns, brief_ids, brief_id, where, locate, fresh, afresh)
        archive = Archive(self.settings.briefs, index=found, recover=self._recover)
        bad = set(invalid)
        for at in sorted(problems.keys() | bad):
            for problem in problems.get(at, ()):
                (archive.warnings if problem.warning else archive.problems).append(problem)
            if at in bad:
                archive.invalid.append(self.folder + self.names[at])
        return archive

    def _recover(self) -> Archive:
        """Every file read afresh (the index was damaged), and the index written anew."""
        with collector_paused():
            listed = [self.file(at) for at in range(len(self.names))]
            results = _load_all(self.settings, listed, None)
            self._write_fresh(results)
            return _in_memory(self.settings, listed, results)

    def _write_fresh(self, results: list[Result]) -> None:
        from forecastcli import index

        columns = index.Columns()
        codes = index.Codes(self.settings)
        records: list[tuple[int, Callable[[], Iterable[bytes]]]] = []
        outcome = array("i")
        problems: dict[int, list[Problem]] = {}
        for at, result in enumerate(results):
            outcome.append(len(columns.brief["size"]) if result[0] is not None else -1)
            self._add_fresh(at, result, columns, codes, problems, records)
        self._write(columns, outcome, problems, records, None)

    def _add_fresh(
        self,
        at: int,
        result: Result,
        columns: Columns,
        codes: Codes,
        problems: dict[int, list[Problem]],
        records: list[tuple[int, Callable[[], Iterable[bytes]]]],
    ) -> None:
        """File `at`, read afresh, into a new index: its problems (an entry that cannot be
        read has its own on every run), and a valid brief's columns and record."""
        brief, found = result
        if found and self.listing.entry(self.names[at])[1] is None:
            problems[at] = found
        if brief is not None:
            data = columns.add(brief, codes)
            records.append((len(data), _given(data)))

    def _write(
        self,
        columns: Columns,
        results: array[int],
        problems: dict[int, list[Problem]],
        records: list[tuple[int, Callable[[], Iterable[bytes]]]],
        release: Callable[[], None] | None,
    ) -> bool:
        from forecastcli import index

        stamps = array("q", self.listed_stamps)
        # Files changed just now are stored without their stamp: they are read afresh next
        # time, so an edit within the same tick of the clock cannot hide (cache.RACY_NS).
        settled = time.time_ns() - cache.RACY_NS
        unsettled = array("q", (index.UNSETTLED,) * 4)
        for at in range(len(self.listed)):
            if max(stamps[4 * at + 1], stamps[4 * at + 2]) >= settled:
                stamps[4 * at : 4 * at + 4] = unsettled
        sections = index.sections(
            self.listed, stamps, array("i", self.order), results, problems, columns, records
        )
        return cache.write(self.path, self.fingerprint, sections, release, pieces={"records"})

    def _rebuilt(self, stored: Stored | None) -> Archive:
        """The files that changed read afresh, the rest taken from the old index, and the
        new index written."""
        from forecastcli import index

        names = self.names
        current = self.stamps.tobytes()
        reuse: list[int | None] = [None] * len(names)
        old_columns = None
        if stored is not None:
            old_columns = index.Columns(stored)
            old_listed = stored.listing.decode("utf-8", "surrogateescape").split("\0")
            old_at = {old_listed[listed]: (at, listed) for at, listed in enumerate(stored.order)}
            old_stamps = stored.stamps
            no_stamp = array("q", NO_STAMP).tobytes()
            for at, name in enumerate(names):
                j, listed = old_at.get(name, (None, 0))
                mine = current[32 * at : 32 * at + 32]
                if (
                    j is not None
                    and mine != no_stamp
                    and old_stamps[32 * listed : 32 * listed + 32] == mine
                    and self.listing.entry(name)[1] is None
                ):
                    reuse[at] = j
        stale = [at for at in range(len(names)) if reuse[at] is None]
        read = _load_all(self.settings, [self.file(at) for at in stale], self.progress)
        fresh = dict(zip(stale, read, strict=True))

        columns = index.Columns()
        codes = index.Codes(self.settings)
        results = array("i")
        problems: dict[int, list[Problem]] = {}
        records: list[tuple[int, Callable[[], Iterable[bytes]]]] = []
        built: dict[int, Brief] = {}
        old_of: dict[int, int] = {}  # a brief's place in the old index, if it comes from it
        run: list[int] = []  # consecutive briefs of the old index, to copy in one go
        place = 0  # the next brief's place in the new index

        def flush() -> None:
            if not run:
                return
            assert old_columns is not None and stored is not None
            first, last = run[0], run[-1] + 1
            columns.extend(old_columns, first, last)
            start = old_columns.record_start[first]
            size = old_columns.record_start[last] - start
            records.append((size, lambda: stored.reader.copy("records", start, size)))
            run.clear()

        for at in range(len(names)):
            j = reuse[at]
            if j is not None:
                assert stored is not None
                if j in stored.problems:
                    problems[at] = list(stored.problems[j])
                old = stored.results[j]
                if old < 0:
                    results.append(-1)
                    continue
                if run and old != run[-1] + 1:
                    flush()
                run.append(old)
                old_of[place] = old
                results.append(place)
                place += 1
                continue
            brief = fresh[at][0]
            if brief is None:
                results.append(-1)
            else:
                flush()  # the old briefs before it first
                results.append(place)
                built[place] = brief
                place += 1
            self._add_fresh(at, fresh[at], columns, codes, problems, records)
        flush()

        release = stored.reader.close if stored is not None else None
        written = self._write(columns, results, problems, records, release)
        reader = cache.Reader.open(self.path, self.fingerprint) if stored is not None else None

        def locate(b: int) -> tuple[cache.Reader, int]:
            if reader is None:  # gone as soon as written: read the briefs afresh
                raise cache.Damaged("records")
            if written:
                return reader, columns.record_start[b]
            # Not written (a read-only cache folder): the old file is read where it was.
            assert old_columns is not None
            return reader, old_columns.record_start[old_of[b]]

        return self._archive(columns, results, problems, locate, built)


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
    return check_text(shown, file.brief_id, text, settings, file.path)


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
