"""Append a resolution to a brief file safely, leaving every byte above it as it was.

The write is: take an exclusive lock, read the file, check it, append the entry's text,
parse the new text and compare it with the old, then replace the file atomically (a
temporary file in the same folder, fsync, rename). A crash at any point leaves either the
old file or the new one; two writers at once queue on the lock and lose nothing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from forecastcli.atomic import TEMP_SUFFIX, Step, no_step, replace_atomically, temp_prefix
from forecastcli.config import Settings
from forecastcli.errors import DataError, Problem
from forecastcli.loading import collector_paused
from forecastcli.model import Brief, Resolution
from forecastcli.validation import check_text, parse_and_check
from forecastcli.yamlfile import Document, YAMLProblem, parse
from forecastcli.yamltext import scalar

# Seconds to wait for another writer of the same brief. A write takes milliseconds, and
# the lock is the kernel's, so it is never left behind by a writer that died.
LOCK_TIMEOUT = 60.0
KEY = "resolutions"


def lock_path(path: Path) -> Path:
    """The lock file of a brief: a dotfile ending in `.lock`, which git and the loader skip."""
    return path.with_name(f".{path.name}.lock")


@dataclass(frozen=True)
class Written:
    """The outcome of an append: the brief as the file now reads, and the entry as parsed."""

    brief: Brief
    entry: Resolution
    warnings: list[Problem]  # the checker's warnings about the new entry


# -- the entry's text ---------------------------------------------------------------------


def entry_lines(entry: Resolution) -> list[str]:
    """The entry as `key: value` lines, in the order the format shows them."""
    lines = [
        f"forecast: {scalar(entry.forecast)}",
        # Written bare, as the format's example does; the loader reads yes/no either way.
        f"outcome: {entry.outcome}",
        f"date: {entry.date.isoformat()}",
    ]
    if entry.recorded is not None:
        lines.append(f"recorded: {entry.recorded:%Y-%m-%dT%H:%M:%S}Z")
    if entry.by:
        lines.append(f"by: {scalar(entry.by)}")
    if entry.note:
        lines.append(f"note: {scalar(entry.note)}")
    if entry.sources:
        lines.append(f"sources: [{', '.join(scalar(s, flow=True) for s in entry.sources)}]")
    return lines


def entry_text(entry: Resolution, indent: str = "  ", newline: str = "\n") -> str:
    """One list item of `resolutions:`, its dash at `indent`, each line ending in `newline`."""
    first, *rest = entry_lines(entry)
    lines = [f"{indent}- {first}", *(f"{indent}  {line}" for line in rest)]
    return newline.join(lines) + newline


# -- where the entry goes -----------------------------------------------------------------


def newline_of(text: str) -> str:
    """The file's own line ending, taken from its first line; "\\n" for a one-line file."""
    match = re.search(r"\r\n|\n|\r", text)
    return match.group() if match else "\n"


def appended(shown: str, text: str, entry: Resolution, doc: Document | None = None) -> str:
    """The new text of the file: the old text unchanged, then the entry (and the key if new).

    `doc` is the text already parsed, when it is at hand. Raises DataError, saying what to
    change, where the file cannot be appended to safely.
    """
    if doc is None:
        try:
            doc = parse(shown, text)
        except YAMLProblem as exc:
            raise DataError(f"{shown}:{exc.line}:{exc.column}: {exc.message}") from None
    root = doc.node
    if not isinstance(root, yaml.MappingNode) or not root.value:
        raise DataError(f"{shown}: not a brief (a mapping of keys); fix it first")
    if root.flow_style:
        raise DataError(
            f"{shown}: the brief is written as one {{...}} mapping; write it one key per "
            "line (block style) so that resolutions can be appended"
        )
    if not _only_comments(text[root.end_mark.index :]):
        line = text.count("\n", 0, root.end_mark.index) + 1
        raise DataError(
            f"{shown}:{line}:1: the file goes on after the brief (a `...` or `---` line); "
            "remove it so that resolutions can be appended at the end"
        )
    newline = newline_of(text)
    head = text if text.endswith(("\n", "\r")) or not text else text + newline
    keys = [k for k, _ in root.value]
    found = [i for i, k in enumerate(keys) if isinstance(k, yaml.ScalarNode) and k.value == KEY]
    if not found:
        indent = " " * keys[0].start_mark.column
        return f"{head}{indent}{KEY}:{newline}{entry_text(entry, indent + '  ', newline)}"
    key, value = root.value[found[-1]]
    where = f"{shown}:{key.start_mark.line + 1}:{key.start_mark.column + 1}"
    if found[-1] != len(keys) - 1:
        last = keys[-1]
        last_name = last.value if isinstance(last, yaml.ScalarNode) else "the last key"
        raise DataError(
            f"{where}: `{KEY}:` is not the last block of the file; move it (with its "
            f"entries) below `{last_name}:` so that new entries can be appended"
        )
    if value.start_mark.index < key.end_mark.index:
        raise DataError(
            f"{where}: `{KEY}:` refers to a list written elsewhere (an alias); write its "
            "entries out under the key so that new ones can be appended"
        )
    if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
        indent = _dash_indent(text, value.value[-1].start_mark.index)
        if indent is None:
            raise DataError(
                f"{where}: cannot tell how the entries of `{KEY}:` are indented; write "
                "each one as `  - forecast: ...`, its first key on the dash's line"
            )
        return head + entry_text(entry, indent, newline)
    after_key = text[key.end_mark.index :].lstrip(" \t")
    if after_key.startswith(":") and _only_comments(after_key[1:]):
        # `resolutions:` with nothing after it yet (comments aside).
        return head + entry_text(entry, " " * key.start_mark.column + "  ", newline)
    raise DataError(
        f"{where}: `{KEY}:` must be a list with one `- forecast: ...` item per entry (or "
        "empty); rewrite it in that form (a `[]` can simply be deleted)"
    )


def _only_comments(text: str) -> bool:
    """Whether `text` holds nothing but blank lines and comments."""
    return all(not line.strip() or line.strip().startswith("#") for line in text.splitlines())


def _dash_indent(text: str, item_index: int) -> str | None:
    """The spaces before the `-` of the list item whose content starts at `item_index`."""
    line_start = max(text.rfind("\n", 0, item_index), text.rfind("\r", 0, item_index)) + 1
    match = re.fullmatch(r"( *)-[ \t]+", text[line_start:item_index])
    return match.group(1) if match else None


# -- checking the new text ----------------------------------------------------------------


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.warning]


def verify(
    shown: str,
    brief_id: str,
    old: Brief,
    new_text: str,
    entry: Resolution,
    settings: Settings,
) -> Written:
    """Parse the new text; it must hold the same brief with exactly the one entry more."""
    new, problems = check_text(shown, brief_id, new_text, settings, old.file)
    if new is None:
        raise DataError(
            f"{shown}: not written: the appended text would not load "
            f"({'; '.join(str(p) for p in _errors(problems)) or 'unknown reason'})"
        )
    added = new.resolutions[len(old.resolutions) :]
    same_rest = dataclasses.replace(new, resolutions=old.resolutions) == old
    if (
        not same_rest
        or new.resolutions[: len(old.resolutions)] != old.resolutions
        or len(added) != 1
        or dataclasses.replace(added[0], line=0) != dataclasses.replace(entry, line=0)
    ):
        raise DataError(
            f"{shown}: not written: the file read back differently than expected after "
            "appending; it is unchanged (please report this with a copy of the file)"
        )
    warnings = [p for p in problems if p.warning and p.line >= added[0].line]
    return Written(new, added[0], warnings)


# -- the safe write -----------------------------------------------------------------------


def append_resolution(
    path: Path,
    shown: str,
    settings: Settings,
    make_entry: Callable[[Brief], Resolution],
    loaded: Brief | None = None,
    step: Step = no_step,
) -> Written:
    """Append the entry `make_entry` builds from the brief as it stands under the lock.

    `make_entry` may raise DataError to refuse (say, the forecast is already resolved);
    it runs while the lock is held, so the decision holds for what is written.

    A brief that is a symbolic link is written through it (SPEC section 6): the file it
    leads to is locked and replaced in its own folder, and the link stays as it is.

    `loaded` is the brief as the command loaded it a moment before, when it has it: if the
    file still holds that brief, it is not checked a second time (see `_append_locked`).

    `step` is told the name of each step as it is reached, in order: "locked", "read",
    "verified", then replace_atomically's "written", "synced" and "replaced".
    """
    from filelock import FileLock, Timeout

    brief_id = path.stem  # the link's name, where the brief is one
    file = str(path)  # where the archive finds the brief, a link's own path included
    path = Path(os.path.realpath(path))
    lock = FileLock(str(lock_path(path)), timeout=LOCK_TIMEOUT)
    try:
        lock.acquire()
    except Timeout:
        raise DataError(
            f"{shown}: another `forecast resolve` has been writing this brief for "
            f"{LOCK_TIMEOUT:g} seconds; try again (lock file {lock_path(path).name})"
        ) from None
    except OSError as exc:
        raise DataError(
            f"{shown}: cannot take the lock {lock_path(path).name} in {path.parent}: "
            f"{_reason(exc)}; nothing was written"
        ) from None
    try:
        step("locked")
        _sweep(path)
        with collector_paused():
            return _append_locked(path, file, brief_id, shown, settings, make_entry, loaded, step)
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
        new_text = appended(shown, text, entry, doc)
        del doc  # the node tree of a large brief: not kept while the new text is parsed
        found = new_text, verify(shown, brief_id, old, new_text, entry, settings)
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

    The old text is only parsed for where things stand, not checked: `verify` checks the
    whole new text against the loaded brief, so if the file no longer holds that brief
    (someone changed or resolved it since), it fails, and the caller starts again from the
    file as it is now. Refusals (already resolved, say) are likewise left to that start.
    A large brief is then read twice under the lock instead of three times.
    """
    try:
        entry = make_entry(loaded)
        new_text = appended(shown, text, entry, parse(shown, text, build=False))
        return new_text, verify(shown, brief_id, loaded, new_text, entry, settings)
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
