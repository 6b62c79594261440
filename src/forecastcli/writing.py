"""Add a resolution to a brief file safely, leaving every other byte as it was.

The write is: take an exclusive lock, read the file, find where the entry goes
(`placing`), insert its text there, parse the new text and compare it with the old, then
replace the file atomically (a temporary file in the same folder, fsync, rename). A crash
at any point leaves either the old file or the new one; two writers at once queue on the
lock and lose nothing. The lock lives where git does not look (`gitrepo.lock_file`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from operator import attrgetter
from pathlib import Path

from forecastcli.atomic import TEMP_SUFFIX, Step, no_step, replace_atomically, temp_prefix
from forecastcli.config import Settings
from forecastcli.errors import DataError, Problem
from forecastcli.gitrepo import lock_file
from forecastcli.loading import collector_paused
from forecastcli.model import Brief, Forecast, Resolution
from forecastcli.placing import Insertion, placement, quick_placement
from forecastcli.validation import check_text, parse_and_check
from forecastcli.yamlfile import YAMLProblem

# Seconds to wait for another writer of the same brief. A write takes milliseconds, and
# the lock is the kernel's, so it is never left behind by a writer that died.
LOCK_TIMEOUT = 60.0


@dataclass(frozen=True)
class Written:
    """The outcome of a write: the brief as the file now reads, and the entry as parsed."""

    brief: Brief
    entry: Resolution
    warnings: list[Problem]  # the checker's warnings about the new entry
    commit: str | None = None  # the short id of the commit that holds it, if one was made
    message: str | None = None  # and that commit's message


# -- checking the new text ----------------------------------------------------------------


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.warning]


def _without_line(kind: type) -> Callable[[object], tuple[object, ...]]:
    """Every field of a `kind` but its line, as a tuple: what must not change."""
    names = getattr(kind, "_fields", None) or [f.name for f in fields(kind)]
    return attrgetter(*(name for name in names if name != "line"))


_FORECAST_AS_WRITTEN = _without_line(Forecast)
_ENTRY_AS_WRITTEN = _without_line(Resolution)


def verify(
    shown: str,
    brief_id: str,
    old: Brief,
    new_text: str,
    entry: Resolution,
    settings: Settings,
    insertion: Insertion,
) -> Written:
    """Parse the new text; it must hold the same brief with exactly the one entry more,
    at the line where it was inserted, and everything below it as many lines lower."""
    new, problems = check_text(shown, brief_id, new_text, settings, old.file)
    if new is None:
        raise DataError(
            f"{shown}: not written: the new text would not load "
            f"({'; '.join(str(p) for p in _errors(problems)) or 'unknown reason'})"
        )

    # Linear, and in C where it can be: a brief of 40,000 forecasts is compared in a few
    # hundredths of a second.
    at = bisect_left([e.line for e in new.resolutions], insertion.entry_line)
    added = new.resolutions[at : at + 1]
    kept = new.resolutions[:at] + new.resolutions[at + 1 :]
    if (
        _brief_fields_differ(new, old)
        or len(added) != 1
        or added[0].line != insertion.entry_line
        or _ENTRY_AS_WRITTEN(added[0]) != _ENTRY_AS_WRITTEN(entry)
        or list(map(_ENTRY_AS_WRITTEN, kept)) != list(map(_ENTRY_AS_WRITTEN, old.resolutions))
        or not _moved_down(kept, old.resolutions, insertion)
        or list(map(_FORECAST_AS_WRITTEN, new.forecasts))
        != list(map(_FORECAST_AS_WRITTEN, old.forecasts))
        or not _moved_down(new.forecasts, old.forecasts, insertion)
    ):
        raise DataError(
            f"{shown}: not written: the file read back differently than expected after "
            "adding the entry; it is unchanged (please report this with a copy of the file)"
        )
    # The new entry's own warnings: those on the lines it was given, not those of other
    # entries below it, which `forecast check` reports.
    lines = range(insertion.entry_line, insertion.line + insertion.lines)
    warnings = [p for p in problems if p.warning and p.line in lines]
    return Written(new, added[0], warnings)


def _moved_down(
    new: Sequence[Forecast | Resolution], old: Sequence[Forecast | Resolution], at: Insertion
) -> bool:
    """Whether the items of `new` stand where those of `old` (in the file's order) stood,
    those from the insertion's line on as many lines lower as it added."""
    before = [item.line for item in old]
    split = bisect_left(before, at.line)
    after = [item.line for item in new]
    return after[:split] == before[:split] and after[split:] == [
        line + at.lines for line in before[split:]
    ]


def _brief_fields_differ(new: Brief, old: Brief) -> bool:
    """Whether the brief's own fields (title, dates, tags...) differ."""
    return any(
        getattr(new, f.name) != getattr(old, f.name)
        for f in fields(Brief)
        if f.compare and f.name not in ("forecasts", "resolutions")
    )


# -- the safe write -----------------------------------------------------------------------


def append_resolution(
    path: Path,
    shown: str,
    settings: Settings,
    make_entry: Callable[[Brief], Resolution],
    loaded: Brief | None = None,
    step: Step = no_step,
    then: Callable[[Path, Written], Written] | None = None,
) -> Written:
    """Add the entry `make_entry` builds from the brief as it stands under the lock.

    `make_entry` may raise DataError to refuse (say, the forecast is already resolved);
    it runs while the lock is held, so the decision holds for what is written.

    A brief that is a symbolic link is written through it (SPEC section 6): the file it
    leads to is locked and replaced in its own folder, and the link stays as it is.

    `loaded` is the brief as the command loaded it a moment before, when it has it: if the
    file still holds that brief, it is not read a second time (see `_append_to_loaded`).

    `then(path, written)` runs after the write, still under the lock, with the real path
    of the file written, and gives what is returned (`resolve --commit` commits the file
    there, so that no other writer's entry slips into the commit).

    `step` is told the name of each step as it is reached, in order: "locked", "read",
    "verified", then replace_atomically's "written", "synced" and "replaced".
    """
    from filelock import FileLock, Timeout

    from forecastcli.errors import shown_path

    brief_id = path.stem  # the link's name, where the brief is one
    file = str(path)  # where the archive finds the brief, a link's own path included
    path = Path(os.path.realpath(path))
    where = lock_file(path)
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(where), timeout=LOCK_TIMEOUT)
        lock.acquire()
    except Timeout:
        raise DataError(
            f"{shown}: another `forecast resolve` has been writing this brief for "
            f"{LOCK_TIMEOUT:g} seconds; try again (lock file {shown_path(where)})"
        ) from None
    except OSError as exc:
        raise DataError(
            f"{shown}: cannot take the lock {shown_path(where)}: {_reason(exc)}; "
            "nothing was written"
        ) from None
    try:
        step("locked")
        _sweep(path)
        with collector_paused():
            written = _append_locked(
                path, file, brief_id, shown, settings, make_entry, loaded, step
            )
        return written if then is None else then(path, written)
    finally:
        lock.release()


def _append_locked(
    path: Path,
    file: str,
    brief_id: str,
    shown: str,
    settings: Settings,
    make_entry: Callable[[Brief], Resolution],
    loaded: Brief | None,
    step: Step,
) -> Written:
    try:
        before = path.stat()
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{shown}: cannot read the brief: {_reason(exc)}") from None
    # The mode bits hold even for root, whom os.access lets write anything; os.access
    # covers a file that is someone else's (renaming over it would take it over).
    if not before.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise DataError(
            f"{shown}: the file is read-only; make it writable (chmod u+w, or untick "
            "Read-only in its properties) to record an outcome"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(f"{shown}: not UTF-8 text; save the file as UTF-8 first") from None
    step("read")
    found = None
    if loaded is not None:
        found = _append_to_loaded(shown, brief_id, text, loaded, settings, make_entry)
    if found is None:
        doc, old, problems = parse_and_check(shown, brief_id, text, settings, file)
        if old is None:
            raise DataError(
                f"{shown}: invalid brief",
                [
                    *_errors(problems),
                    Problem(
                        shown, 0, 0, "not written: fix the errors above first (forecast check)"
                    ),
                ],
            )
        entry = make_entry(old)
        insertion = placement(shown, text, entry, doc)
        del doc  # the node tree of a large brief: not kept while the new text is parsed
        new_text = insertion.apply(text)
        found = new_text, verify(shown, brief_id, old, new_text, entry, settings, insertion)
    new_text, written = found
    step("verified")
    try:
        replace_atomically(
            path,
            new_text.encode("utf-8"),
            stat.S_IMODE(before.st_mode),
            owner=(before.st_uid, before.st_gid),
            step=step,
        )
    except OSError as exc:
        raise DataError(f"{shown}: cannot write: {_reason(exc)}; the brief is unchanged") from None
    return written


def _append_to_loaded(
    shown: str,
    brief_id: str,
    text: str,
    loaded: Brief,
    settings: Settings,
    make_entry: Callable[[Brief], Resolution],
) -> tuple[str, Written] | None:
    """The new text and what it reads as, built on the brief as loaded; None if that fails.

    The old text is not parsed again: the entry's place is found from the forecast's own
    lines (`quick_placement`; a parse for positions only where that cannot be done), and
    `verify` checks the whole new text against the loaded brief. If the file no longer
    holds that brief (someone changed or resolved it since), that check fails, and the
    caller starts again from the file as it is now. Refusals (already resolved, say) are
    likewise left to that start. A large brief is then read once under the lock.
    """
    try:
        entry = make_entry(loaded)
        forecast = loaded.forecast(entry.forecast)
        insertion = quick_placement(text, entry, forecast.line) if forecast else None
        if insertion is None:
            insertion = placement(shown, text, entry)
        new_text = insertion.apply(text)
        return new_text, verify(shown, brief_id, loaded, new_text, entry, settings, insertion)
    except (DataError, YAMLProblem):
        return None


def _sweep(path: Path) -> None:
    """Remove temporary files a killed writer of this brief left behind.

    Only a holder of the lock creates them, and we hold it, so any that exist are orphans.
    """
    for leftover in path.parent.glob(f"{temp_prefix(path)}*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            leftover.unlink()


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}
if hasattr(errno, "EDQUOT"):  # not defined on Windows
    _REASONS[errno.EDQUOT] = "the disk quota is used up"


def _reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
