"""Writing a file whole or not at all: shared by `export` and `report`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from forecastcli.errors import DataError


def write_file(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` whole or not at all, creating missing folders.

    The text goes to a temporary file in the same folder, is flushed to disk, then
    replaces `path` in one rename, so a reader (or a crash) never sees half a file.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise DataError(f"cannot write {path}: it is a folder")
        # The temporary file is private (0600); the result gets the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~umask
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            Path(temp).chmod(mode)
            Path(temp).replace(path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise DataError(f"cannot write {path}: {exc.strerror or exc}") from None
