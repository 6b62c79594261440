"""The parse cache: each brief file's checked result, kept between runs outside the folder.

One file per briefs folder, in the user's cache folder (platformdirs; FORECAST_CACHE_DIR
overrides it), named by a hash of the folder's absolute path. It maps each brief file's
name to the stat stamp it had when read and to what checking it gave: the brief, windows
included, or None, with its problems and warnings. A file whose stamp has changed is read
again; so is every file when anything else the result depends on has changed (the
fingerprint: this package's code, the Python version, the settings that shape a brief, and
the current folder that problems' paths are shown from).

A cache must never make a command wrong or fail: a cache file that is missing, truncated,
corrupt or from another version is ignored, and one that cannot be written is skipped.
Like every pickle it trusts its folder, which is the user's own.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from forecastcli.config import Settings
    from forecastcli.errors import Problem
    from forecastcli.model import Brief

CACHE_ENV = "FORECAST_CACHE_DIR"
FORMAT = 1
MAGIC = b"forecastcli parse cache\n"

# Below this many brief files, reading them is quicker than loading the cache machinery.
MIN_FILES = 64

# A file changed within this long before the cache is written may change again within the
# same tick of the file system's clock, keeping its size and times: such entries are not
# stored, so they are read afresh next time (as git does with "racily clean" files).
RACY_NS = 2_000_000_000

# The package's own folder: the code of every module in it, subpackages included, is part
# of the fingerprint, so that moving or editing any of it can never leave a stale cache.
PACKAGE = Path(__file__).parent

Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
Result = tuple["Brief | None", "list[Problem]"]
Entries = dict[str, tuple[Stamp, Result]]


def stamp(st: os.stat_result) -> Stamp:
    """What must not change for a cached result to stand; ctime catches a restored mtime."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def folder() -> Path:
    """The folder that holds the cache files."""
    given = os.environ.get(CACHE_ENV)
    if given:
        return Path(given)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("forecastcli", appauthor=False))


def path_for(briefs: Path) -> Path:
    """The cache file of a briefs folder."""
    import hashlib

    key = hashlib.sha256(os.fsencode(briefs.absolute())).hexdigest()[:24]
    return folder() / f"briefs-{key}.pickle"


def code_stamps(package: Path) -> list[tuple[str, int, int]]:
    """Every module under `package`, recursively: its path there, size and mtime.

    Any module counts, not a hand-kept list of those that shape a brief: a list would go
    stale the day code moves to a module it does not name.
    """
    found = []
    for path in sorted(package.rglob("*.py")):
        try:
            st = path.stat()
            found.append((path.relative_to(package).as_posix(), st.st_size, st.st_mtime_ns))
        except OSError:
            found.append((path.relative_to(package).as_posix(), -1, -1))
    return found


def fingerprint(settings: Settings) -> bytes:
    """Everything besides the files themselves that the cached results depend on."""
    from forecastcli import __version__

    parts = (
        FORMAT,
        __version__,
        sys.version,
        code_stamps(PACKAGE),
        str(Path.cwd().resolve()),
        settings.scale,
        settings.date_order,
        settings.horizons,
        settings.scales,
    )
    return repr(parts).encode("utf-8", "backslashreplace")


def read(path: Path, expected: bytes) -> Entries:
    """The entries of a cache file, or none at all when it is unreadable in any way."""
    try:
        with path.open("rb") as f:
            data = f.read()
    except OSError:
        return {}
    try:
        import pickle
        import zlib

        view = memoryview(data)
        at = len(MAGIC)
        if data[:at] != MAGIC:
            return {}
        size = int.from_bytes(data[at : at + 4], "little")
        at += 4
        if data[at : at + size] != expected:
            return {}
        at += size
        if zlib.crc32(view[at + 4 :]) != int.from_bytes(data[at : at + 4], "little"):
            return {}
        count = int.from_bytes(data[at + 4 : at + 8], "little")
        at += 8
        lengths = [int.from_bytes(data[i : i + 8], "little") for i in range(at, at + 8 * count, 8)]
        at += 8 * count
        entries: Entries = {}
        for length in lengths:
            for name, key, result in pickle.loads(view[at : at + length]):
                entries[name] = (key, result)
            at += length
    except Exception:  # a damaged cache can fail in any way; it is only a cache
        return {}
    return entries if _well_formed(entries) else {}


def _well_formed(entries: Entries) -> bool:
    return all(
        isinstance(name, str)
        and isinstance(key, tuple)
        and isinstance(result, tuple)
        and len(result) == 2
        and isinstance(result[1], list)
        for name, (key, result) in entries.items()
    )


# Entries are pickled in chunks: unpickling keeps every object of a pickle in its memo until
# the end, which for one pickle of a whole archive would nearly double the peak memory.
CHUNK = 256


def write(path: Path, fingerprint: bytes, entries: Entries, now_ns: int | None = None) -> None:
    """Replace the cache file atomically with `entries`, less those changed too recently."""
    import pickle
    import zlib

    now_ns = time.time_ns() if now_ns is None else now_ns
    settled = now_ns - RACY_NS
    kept = [
        (name, key, result)
        for name, (key, result) in entries.items()
        if max(key[1], key[2]) < settled
    ]
    chunks = [
        pickle.dumps(kept[i : i + CHUNK], protocol=pickle.HIGHEST_PROTOCOL)
        for i in range(0, len(kept), CHUNK)
    ]
    index = len(chunks).to_bytes(4, "little") + b"".join(
        len(chunk).to_bytes(8, "little") for chunk in chunks
    )
    crc = zlib.crc32(index)
    for chunk in chunks:
        crc = zlib.crc32(chunk, crc)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temp.open("wb") as f:
            f.write(MAGIC + len(fingerprint).to_bytes(4, "little") + fingerprint)
            f.write(crc.to_bytes(4, "little") + index)
            for chunk in chunks:
                f.write(chunk)
        temp.replace(path)
    except OSError:
        # A read-only or full cache folder: the command has its answer all the same.
        with contextlib.suppress(OSError):
            temp.unlink()
