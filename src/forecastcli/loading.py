"""Read the briefs folder: scan it, read each brief file (through the parse cache), check it.

Loading builds a great many objects that live as long as the command; the cyclic garbage
collector is paused while they are built and set aside from it afterwards.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from forecastcli import cache
from forecastcli.archive import Archive
from forecastcli.config import Settings
from forecastcli.errors import Problem, shown_path
from forecastcli.model import Brief
from forecastcli.safetext import clip
from forecastcli.validation import check_text


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
