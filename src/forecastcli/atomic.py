"""Writing a file whole or not at all: shared by `resolve`, `import`, `export` and `report`."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from forecastcli.errors import DataError

TEMP_SUFFIX = ".tmp"


def temp_prefix(path: Path) -> str:
    """Temporary files of `path` start with this: dotfiles, which `*.yaml` never matches."""
    return f".{path.name}."


# Told the name of each step of a write as it is reached; tests fail a write there.
Step = Callable[[str], None]


def no_step(step: str) -> None:
    """The step callback of a write that nobody watches."""


def replace_atomically(
    path: Path,
    data: bytes,
    mode: int,
    owner: tuple[int, int] | None = None,
    no_clobber: bool = False,
    step: Step = no_step,
) -> None:
    """Put `data` at `path` in one rename: a temporary file beside it, synced, then renamed.

    A reader, or a crash at any point, sees the old file or the new one, never half of one;
    the temporary file is removed if anything fails before the rename. `no_clobber` refuses
    (FileExistsError) when `path` exists, even if it appeared a moment ago. `step` is told
    "written" and "synced" as they happen, and "replaced" at the end: tests fail there.
    """
    import tempfile

    folder = path.parent
    fd, name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=folder)
    temp = Path(name)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            step("written")
            os.fsync(fd)
        finally:
            os.close(fd)
        temp.chmod(mode)
        if owner is not None and hasattr(os, "chown") and temp.stat().st_uid != owner[0]:
            # Only root can give a file away; anyone else keeps their own file as it is.
            with contextlib.suppress(OSError):
                os.chown(temp, *owner)
        step("synced")
        if no_clobber:
            _link_new(temp, path)
        else:
            temp.replace(path)
    finally:
        # BaseException included: a Ctrl-C in the middle must not leave the file behind.
        with contextlib.suppress(OSError):
            temp.unlink()
    step("replaced")
    _sync_folder(folder)


def _link_new(temp: Path, path: Path) -> None:
    try:
        # A hard link fails if the name exists, however recently it appeared: no race.
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:
        # Some file systems have no hard links; a check just before has to do there.
        if path.exists():
            raise FileExistsError(path) from None
        temp.replace(path)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; Windows cannot open a folder, and needs no sync."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # the rename is done; a folder that cannot be synced is still consistent
    finally:
        os.close(fd)


def new_file_mode() -> int:
    """The permissions a new file gets from the user's umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_file(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` whole or not at all, creating missing folders."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise DataError(f"cannot write {path}: it is a folder")
        mode = path.stat().st_mode & 0o777 if path.exists() else new_file_mode()
        replace_atomically(path, text.encode("utf-8"), mode)
    except OSError as exc:
        raise DataError(f"cannot write {path}: {exc.strerror or exc}") from None
