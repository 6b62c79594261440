"""The cache file: where it lives, what it depends on, and its sections of checked bytes.

One file per briefs folder, in the user's cache folder (platformdirs; FORECAST_CACHE_DIR
overrides it), named by a hash of the folder's absolute path. What it holds is
`forecastcli.index`'s business; this module knows only its envelope and the rules that
keep it from ever being stale:

- a header: the format, the fingerprint (everything besides the brief files that the
  contents depend on: this package's code, the Python version, the settings that shape a
  brief, the current folder that problems' paths are shown from), and a table of named
  sections, each with its place, its length and its CRC-32; the header has its own CRC;
- the sections, each read only when a command asks for it and checked against its CRC
  then, so a command reads what it needs and every byte it uses is checked; a section
  read piece by piece (the briefs' records) keeps a CRC per piece in another section.

A cache must never make a command wrong or fail: a file that is missing, truncated,
damaged, from another version or of other settings is `Damaged` or not opened, and the
briefs are read afresh; one that cannot be written is skipped. Nothing in it is code: the
sections hold numbers and JSON text, so a file altered by hand can make a command show
what it was made to say, as editing the briefs can, but never run anything.
"""

from __future__ import annotations

import contextlib
import os
import sys
import zlib
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from forecastcli.config import Settings

CACHE_ENV = "FORECAST_CACHE_DIR"
FORMAT = 3
MAGIC = b"forecastcli index\n"
SUFFIX = ".index"
OLD_SUFFIXES = (".pickle",)  # files of earlier formats, removed when a new one is written

# Below this many brief files the cache is not used: measured (benchmarks/README.md), a
# warm `due` takes the same time from 4 to 128 files, and a fresh read of 16 takes as long,
# of 32 a tenth longer, of 64 a quarter. Below 32 the cache gains nothing worth a file in
# the user's cache folder and a second place for the answer to come from.
MIN_FILES = 32

# A file changed within this long before the cache is written may change again within the
# same tick of the file system's clock, keeping its size and times: such files are stored
# without their stamp, so they are read afresh next time (as git does with "racily clean"
# files).
RACY_NS = 2_000_000_000

# The package's own folder: the code of every module in it, subpackages included, is part
# of the fingerprint, so that moving or editing any of it can never leave a stale cache.
PACKAGE = Path(__file__).parent

Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


class Damaged(Exception):
    """A cache file, or a section of it, that does not hold what its header says."""


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
    return folder() / f"briefs-{key}{SUFFIX}"


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
    """Everything besides the files themselves that the cached contents depend on."""
    from forecastcli import __version__

    parts = (
        FORMAT,
        __version__,
        sys.version,
        sys.byteorder,  # the columns are arrays of numbers as this machine writes them
        code_stamps(PACKAGE),
        str(Path.cwd().resolve()),
        settings.scale,
        settings.date_order,
        settings.horizons,
        settings.scales,
    )
    return repr(parts).encode("utf-8", "backslashreplace")


# -- the file -------------------------------------------------------------------------------

_U32 = 4
_U64 = 8


def _u32(data: bytes, at: int) -> int:
    return int.from_bytes(data[at : at + _U32], "little")


def _u64(data: bytes, at: int) -> int:
    return int.from_bytes(data[at : at + _U64], "little")


_PREAD = hasattr(os, "pread")


class Reader:
    """An open cache file whose header checked out: its sections, read on demand.

    The file stays open while the command runs, so a writer that replaces it meanwhile
    (another command, or this one) leaves this reader on the file it opened.
    """

    def __init__(self, f: BinaryIO, sections: dict[str, tuple[int, int, int]]) -> None:
        import weakref

        self.file = f
        self.sections = sections  # name -> (offset, length, crc)
        # This very file, as results computed from it are kept (see forecastcli.scorememo):
        # its header's CRC, which covers every part's, and the file's own stamp.
        self.generation = ""
        # Closed when the reader goes (the command's end), whoever held it last.
        weakref.finalize(self, f.close)

    @classmethod
    def open(cls, path: Path, expected: bytes) -> Reader | None:
        """The cache file at `path` if it is whole and of the `expected` fingerprint."""
        try:
            f = path.open("rb")
        except OSError:
            return None
        try:
            reader = cls._read_header(f, expected)
        except (OSError, Damaged, ValueError, IndexError):
            reader = None
        if reader is None:
            f.close()
        return reader

    @classmethod
    def _read_header(cls, f: BinaryIO, expected: bytes) -> Reader | None:
        head = f.read(len(MAGIC) + _U32)
        if head[: len(MAGIC)] != MAGIC:
            return None
        size = _u32(head, len(MAGIC))
        if size != len(expected):
            return None
        rest = f.read(size + _U32)
        if rest[:size] != expected:
            return None
        count = _u32(rest, size)
        table = f.read(count * (1 + 255 + 2 * _U64 + _U32) + _U32)
        at = 0
        sections = {}
        for _ in range(count):
            length = table[at]
            name = table[at + 1 : at + 1 + length].decode("ascii")
            at += 1 + length
            offset, size_, crc = _u64(table, at), _u64(table, at + _U64), _u32(table, at + 16)
            at += 2 * _U64 + _U32
            sections[name] = (offset, size_, crc)
        header_crc = zlib.crc32(head + rest + table[:at])
        if _u32(table, at) != header_crc or len(table) < at + _U32:
            raise Damaged("header")
        end = max((offset + size_ for offset, size_, _ in sections.values()), default=0)
        f.seek(0, os.SEEK_END)
        if f.tell() != end:
            raise Damaged("the file is not as long as its sections")
        reader = cls(f, sections)
        st = os.fstat(f.fileno())
        reader.generation = f"{header_crc:08x}-{st.st_ino}-{st.st_mtime_ns}-{st.st_size}"
        return reader

    def _read(self, offset: int, size: int) -> bytes:
        if not _PREAD:
            self.file.seek(offset)
            return self.file.read(size)
        # One call where the system has it (a record is read in one), more if it reads less.
        fd = self.file.fileno()
        data = os.pread(fd, size, offset)
        if len(data) == size or not data:
            return data
        parts = [data]
        done = len(data)
        while done < size:
            more = os.pread(fd, size - done, offset + done)
            if not more:
                break
            parts.append(more)
            done += len(more)
        return b"".join(parts)

    def section(self, name: str, check: bool = True) -> bytes:
        """A whole section, checked against its CRC (unless the caller checks it itself)."""
        try:
            offset, size, crc = self.sections[name]
            data = self._read(offset, size)
        except (KeyError, OSError, ValueError) as exc:
            raise Damaged(name) from exc
        if len(data) != size or (check and zlib.crc32(data) != crc):
            raise Damaged(name)
        return data

    def raw(self, name: str, start: int, size: int) -> bytes:
        """Part of a section, as it is (its reader checks it against the CRC it keeps)."""
        try:
            offset, total, _ = self.sections[name]
            if start < 0 or size < 0 or start + size > total:
                raise Damaged(name)
            data = self._read(offset + start, size)
        except (KeyError, OSError, ValueError) as exc:
            raise Damaged(name) from exc
        if len(data) != size:
            raise Damaged(name)
        return data

    def piece(self, name: str, start: int, size: int, crc: int) -> bytes:
        """Part of a section, checked against the CRC kept for that part."""
        data = self.raw(name, start, size)
        if zlib.crc32(data) != crc:
            raise Damaged(name)
        return data

    def copy(self, name: str, start: int, size: int, chunk: int = 1 << 20) -> Iterable[bytes]:
        """Part of a section as it is on disk, in chunks (to be written into a new file,
        whose writer checks it again piece by piece where it is read)."""
        if start < 0 or size < 0:
            raise Damaged(name)
        for at in range(start, start + size, chunk):
            yield self.raw(name, at, min(chunk, start + size - at))

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.file.close()


Section = tuple[str, int, Iterable[bytes]]  # name, length, its bytes in chunks


def write(
    path: Path,
    fingerprint: bytes,
    sections: list[Section],
    release: Callable[[], None] | None = None,
    pieces: Collection[str] = (),
) -> bool:
    """Replace the cache file atomically with `sections`; False when it cannot be written.

    Each section comes as its length and its bytes in chunks, so that a large one can be
    copied from the old file without holding it all; the header, with every section's
    CRC, is written last, over the room kept for it; a section named in `pieces` is read
    piece by piece only, each checked against a CRC kept elsewhere, and gets none of its
    own. `release` is called just before the new file takes the old one's place (to close
    the old file, which Windows will not replace while it is open).
    """
    names = [name.encode("ascii") for name, _, _ in sections]
    table_size = sum(1 + len(n) + 2 * _U64 + _U32 for n in names)
    start = len(MAGIC) + _U32 + len(fingerprint) + _U32 + table_size + _U32
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temp.open("w+b") as f:
            f.seek(start)
            placed = []
            offset = start
            for name, size, chunks in sections:
                crc = 0
                written = 0
                whole = name not in pieces
                for chunk in chunks:
                    f.write(chunk)
                    if whole:
                        crc = zlib.crc32(chunk, crc)
                    written += len(chunk)
                if written != size:
                    raise Damaged(name)
                placed.append((offset, size, crc))
                offset += size
            head = bytearray(MAGIC)
            head += len(fingerprint).to_bytes(_U32, "little") + fingerprint
            head += len(sections).to_bytes(_U32, "little")
            for label, (at, size, crc) in zip(names, placed, strict=True):
                head += bytes([len(label)]) + label
                head += at.to_bytes(_U64, "little") + size.to_bytes(_U64, "little")
                head += crc.to_bytes(_U32, "little")
            head += zlib.crc32(head).to_bytes(_U32, "little")
            f.seek(0)
            f.write(head)
        if release is not None:
            release()
        temp.replace(path)
    except (OSError, Damaged):
        # A read-only or full cache folder, or an old file that changed under the copy:
        # the command has its answer all the same.
        with contextlib.suppress(OSError):
            temp.unlink()
        return False
    for suffix in OLD_SUFFIXES:
        with contextlib.suppress(OSError):
            path.with_suffix(suffix).unlink()
    return True
