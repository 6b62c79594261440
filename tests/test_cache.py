"""The parse cache never serves stale data: every change on disk shows as `--no-cache` shows it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from forecastcli import cache, index, loading, validation
from forecastcli.config import load_settings
from tests.helpers import SIMPLE, run, write_brief

HOUR_NS = 3600 * 10**9


@pytest.fixture
def cached(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Cache even a tiny folder, and count the brief files actually parsed.

    Files written by a test are seconds old at most, which the cache treats as racy and
    stores without their stamp; a negative racy window stores them, as it would files an
    hour old. Tests that change a file therefore give it a new size or a distinct mtime,
    as any edit made later than the cache was written does.
    """
    monkeypatch.setattr(cache, "MIN_FILES", 0)
    monkeypatch.setattr(cache, "RACY_NS", -HOUR_NS)
    parsed: list[str] = []
    check_text = validation.check_text

    def counting(shown: str, brief_id: str, text: str, settings: object, file: str) -> object:
        parsed.append(shown)
        return check_text(shown, brief_id, text, settings, file)  # type: ignore[arg-type]

    monkeypatch.setattr(loading, "check_text", counting)
    return parsed


def three_briefs() -> list[Path]:
    paths = [
        write_brief(f"2026-0{i}-0{i}-brief", SIMPLE.replace("2026-01-31", f"2026-0{i}-0{i}"))
        for i in (1, 2, 3)
    ]
    return paths


def same_as_fresh(*args: str) -> str:
    """Run a command with the cache and with --no-cache; both must answer alike."""
    cached_run = run(*args)
    fresh = run(*args, "--no-cache")
    assert (cached_run.code, cached_run.out, cached_run.err) == (fresh.code, fresh.out, fresh.err)
    return cached_run.out


def cache_files() -> list[Path]:
    return sorted(cache.folder().glob("*" + cache.SUFFIX))


def stored_names(path: Path | None = None) -> list[str]:
    """The brief files whose result the cache file holds with their stamp (so that the
    next run takes it from there rather than reading the file)."""
    reader = cache.Reader.open(path or cache_files()[0], cache.fingerprint(load_settings()))
    if reader is None:
        return []
    try:
        stored = index.Stored(reader)
    except cache.Damaged:
        return []
    finally:
        reader.close()
    listed = stored.listing.decode("utf-8").split("\0")
    sizes = [
        int.from_bytes(stored.stamps[32 * i : 32 * i + 8], sys.byteorder, signed=True)
        for i in range(len(listed))
    ]
    return sorted(n for n, size in zip(listed, sizes, strict=True) if size >= 0)


def json_refs(out: str) -> list[str]:
    return [item["ref"] for item in json.loads(out)]


def test_unchanged_briefs_are_served_from_the_cache(cached: list[str]) -> None:
    three_briefs()
    first = same_as_fresh("due", "--json")
    assert len(json_refs(first)) == 3
    assert len(cache_files()) == 1
    cached.clear()
    assert run("due", "--json").out == first
    assert cached == []  # nothing parsed: every brief came from the cache


def test_an_edit_of_the_same_size_is_read_again(cached: list[str]) -> None:
    paths = three_briefs()
    before = same_as_fresh("list", "--json")
    path = paths[1]
    old = path.read_text(encoding="utf-8")
    new = old.replace("Alpha happens.", "Alpha escapes.")
    assert len(new.encode()) == len(old.encode()) and new != old
    st = path.stat()
    path.write_text(new, encoding="utf-8")
    # However quickly it follows, an edit made after the cache was written has a later mtime.
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    cached.clear()
    after = run("list", "--json").out
    assert cached == ["briefs/2026-02-02-brief.yaml"]  # only the edited file is read
    assert after != before and "Alpha escapes." in after
    assert same_as_fresh("list", "--json") == after


def test_an_edit_that_restores_size_and_mtime_is_still_seen_through_ctime(
    cached: list[str],
) -> None:
    (path, *_) = three_briefs()
    run("list", "--json")
    assert path.name in stored_names()
    st = path.stat()
    path.write_text(path.read_text().replace("Alpha happens.", "Alpha differs."))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # as `touch -r` or a restore would
    restored = path.stat()
    assert (restored.st_size, restored.st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    if restored.st_ctime_ns == st.st_ctime_ns:
        pytest.skip("the file system kept the same change time (a coarse clock)")
    assert "Alpha differs." in same_as_fresh("list", "--json")


def test_an_edit_within_the_same_second_as_the_load_is_seen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The real racy window: a file changed just before the cache is written is stored
    # without its stamp, so a second edit inside the same tick of the clock cannot be missed.
    monkeypatch.setattr(cache, "MIN_FILES", 0)
    paths = three_briefs()
    assert "Alpha happens." in same_as_fresh("list", "--json")
    text = paths[0].read_text()
    paths[0].write_text(text.replace("Alpha happens.", "Alpha happend."))
    assert paths[0].stat().st_size == len(text.encode())
    out = same_as_fresh("list", "--json")
    assert "Alpha happend." in out
    assert stored_names() == []  # all three were written just now


def test_a_resolution_is_seen(cached: list[str]) -> None:
    three_briefs()
    before = json_refs(same_as_fresh("due", "--json"))
    assert "2026-01-01-brief/alpha" in before
    resolved = run("resolve", "2026-01-01-brief/alpha", "yes", "--date", "2026-02-01", "--by", "A")
    assert resolved.code == 0, resolved.err
    after = json_refs(same_as_fresh("due", "--json"))
    assert after == [ref for ref in before if ref != "2026-01-01-brief/alpha"]
    table = same_as_fresh("show", "2026-01-01-brief/alpha")
    assert "resolved: yes" in table
    same_as_fresh("calibration", "--as-of", "2026-11-27", "--json")
    same_as_fresh("report", "--as-of", "2026-11-27")


def test_a_deleted_brief_is_gone(cached: list[str]) -> None:
    paths = three_briefs()
    same_as_fresh("due", "--json")
    paths[2].unlink()
    refs = json_refs(same_as_fresh("due", "--json"))
    assert not any(ref.startswith("2026-03-03-brief/") for ref in refs)
    assert stored_names() == ["2026-01-01-brief.yaml", "2026-02-02-brief.yaml"]


def test_a_new_brief_and_a_new_invalid_brief_are_seen(cached: list[str]) -> None:
    three_briefs()
    same_as_fresh("check")
    write_brief("2026-04-04-brief", SIMPLE.replace("2026-01-31", "2026-04-04"))
    write_brief("broken", "title: T\npublished: 2026-01-01\nforecasts: []\n")
    result = run("check")
    assert result.code == 1
    assert "briefs/broken.yaml:3:12: `forecasts` must be a non-empty list" in result.err
    assert same_as_fresh("check") == result.out
    # The invalid brief's problems come from the cache on every run, as do its warnings.
    cached.clear()
    again = run("check")
    assert cached == [] and (again.code, again.err) == (result.code, result.err)
    assert "briefs/broken.yaml:3:12" in run("due").err


def test_warnings_are_kept_with_the_brief(cached: list[str]) -> None:
    write_brief(
        "warned",
        SIMPLE + "resolutions:\n  - {forecast: alpha, outcome: 'no', date: 2026-02-01, by: A}\n",
    )
    first = same_as_fresh("check")
    cached.clear()
    again = run("check")
    assert cached == []
    assert "warning: 'alpha' resolved no on 2026-02-01, before its window closes" in again.err
    assert (again.out, again.err) == (first, run("check", "--no-cache").err)


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "garbage": lambda data: b"not a cache at all",
    "truncated": lambda data: data[: len(data) // 2],
    "empty": lambda data: b"",
    "longer": lambda data: data + b"\0",
    "altered-name": lambda data: data.replace(b"2026-01-01-brief", b"2026-01-01-BRIEF"),
}
# Damage in the briefs' records, which a command reads only for what it shows: the last
# byte is the last brief's resolution entries; a statement lies in its forecast's piece.
DAMAGE_IN_RECORDS: dict[str, Callable[[bytes], bytes]] = {
    "flipped-last-byte": lambda data: data[:-1] + bytes([data[-1] ^ 0xFF]),
    "altered-statement": lambda data: data.replace(b"Alpha happens.", b"Alpha happen!."),
    "altered-entries": lambda data: data.replace(b'"yes",', b'"no" ,'),
}
COMMANDS_THAT_READ = [
    ("due", "--json"),
    ("list", "--json"),
    ("show", "2026-03-03-brief"),
    ("calibration", "--as-of", "2026-11-27", "--json"),
    ("report", "--as-of", "2026-11-27"),
]


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("args", COMMANDS_THAT_READ, ids=lambda args: args[0])
def test_a_damaged_cache_is_ignored_and_rewritten(
    cached: list[str], damage: str, args: tuple[str, ...]
) -> None:
    three_briefs()
    first = same_as_fresh(*args)
    (path,) = cache_files()
    path.write_bytes(DAMAGE[damage](path.read_bytes()))
    cached.clear()
    assert same_as_fresh(*args) == first
    assert len(cached) == 6  # read afresh, with and without the cache
    assert len(stored_names(path)) == 3  # and the cache is whole again
    cached.clear()
    assert run(*args).out == first
    assert cached == []


@pytest.mark.parametrize("damage", DAMAGE_IN_RECORDS)
@pytest.mark.parametrize("args", COMMANDS_THAT_READ, ids=lambda args: args[0])
def test_damage_in_a_record_never_shows(
    cached: list[str], damage: str, args: tuple[str, ...]
) -> None:
    # Each piece of a record is checked when it is read: a command that reads a damaged
    # one reads the briefs afresh instead; one that does not read it is not touched by it.
    three_briefs()
    run("resolve", "2026-03-03-brief/alpha", "yes", "--date", "2026-05-01", "--by", "A")
    first = same_as_fresh(*args)
    (path,) = cache_files()
    damaged = DAMAGE_IN_RECORDS[damage](path.read_bytes())
    assert damaged != path.read_bytes()
    path.write_bytes(damaged)
    assert same_as_fresh(*args) == first
    # Reading every record finds the damage wherever it is, and the cache is made whole.
    same_as_fresh("list", "--json")
    cached.clear()
    assert run("list", "--json").out == run("list", "--json", "--no-cache").out
    assert len(cached) == 3  # the --no-cache run alone
    assert run(*args).out == first


def test_a_cache_from_other_settings_or_another_folder_is_not_used(
    cached: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    three_briefs()
    same_as_fresh("due", "--json")
    Path("forecast.yaml").write_text(
        "horizons:\n  short: {label: Short, opens: 0 months, closes: 11 months}\n"
    )
    cached.clear()
    refs = json_refs(same_as_fresh("due", "--json"))
    assert refs.count("2026-01-01-brief/alpha") == 1
    assert len(cached) == 6  # the windows changed, so every brief was read again
    # Problems are shown from the current folder: another folder is another fingerprint.
    write_brief("broken", "title: T\n")
    folder = str(Path("briefs").resolve())
    from_root = run("check", "--briefs", folder)
    monkeypatch.chdir("briefs")
    from_inside = run("check", "--briefs", folder)
    assert "briefs/broken.yaml:1:1" in from_root.err
    assert from_inside.err.startswith("broken.yaml:1:1")
    assert same_as_fresh("check", "--briefs", folder) == from_inside.out


def test_no_cache_neither_reads_nor_writes(cached: list[str]) -> None:
    three_briefs()
    run("due", "--no-cache")
    assert cache_files() == []
    run("due")
    (path,) = cache_files()
    before = path.read_bytes()
    cached.clear()
    run("due", "--no-cache")
    assert len(cached) == 3  # the valid cache is not used...
    assert path.read_bytes() == before  # ...nor written


def test_the_cache_lives_in_the_cache_folder_one_file_per_briefs_folder(
    cached: list[str], tmp_path: Path
) -> None:
    three_briefs()
    other = tmp_path / "other"
    other.mkdir()
    write_brief("2026-05-05-brief", SIMPLE, folder=other)
    run("due")
    run("due", "--briefs", str(other))
    assert [p.parent for p in cache_files()] == [tmp_path / "cache"] * 2
    assert not list(Path("briefs").glob("*" + cache.SUFFIX))


def test_a_cache_of_the_old_format_is_removed(cached: list[str]) -> None:
    three_briefs()
    run("due")
    (path,) = cache_files()
    old = path.with_suffix(".pickle")
    old.write_bytes(b"an older cache")
    path.unlink()
    run("due")
    assert cache_files() == [path] and not old.exists()


def test_small_folders_are_read_without_the_cache() -> None:
    write_brief("2026-01-31-simple", SIMPLE)
    run("due")
    assert cache_files() == []


# -- a cache folder that cannot be written ---------------------------------------------------


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes into read-only folders"
)
def test_a_read_only_cache_folder_breaks_nothing(cached: list[str]) -> None:
    paths = three_briefs()
    first = same_as_fresh("due", "--json")
    folder = cache.folder()
    folder.chmod(0o555)
    try:
        cached.clear()
        assert run("due", "--json").out == first
        assert cached == []  # the cache there is read all the same
        path = paths[0]
        path.write_text(path.read_text().replace("Alpha happens.", "Alpha changed and grew."))
        out = same_as_fresh("due", "--json")
        assert "Alpha changed and grew." in out
    finally:
        folder.chmod(0o755)


def test_a_cache_that_cannot_be_written_is_skipped(
    cached: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    paths = three_briefs()
    first = same_as_fresh("due", "--json")
    # Then the cache folder becomes a file: nothing can be written, and the old file is
    # still read from where it was opened.
    blocker = tmp_path / "blocked"
    blocker.write_text("")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker))
    assert same_as_fresh("due", "--json") == first
    paths[1].write_text(paths[1].read_text().replace("Beta happens.", "Beta happens now."))
    assert "Beta happens now." in same_as_fresh("list", "--json")
    assert not blocker.read_text()


def test_an_edit_while_the_cache_cannot_be_written_still_reads_the_rest_from_it(
    cached: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = three_briefs()
    same_as_fresh("list", "--json")
    monkeypatch.setattr(cache, "write", lambda *args, **kwargs: False)
    paths[1].write_text(paths[1].read_text().replace("Beta happens.", "Beta happens now."))
    cached.clear()
    out = run("list", "--json").out
    assert cached == ["briefs/2026-02-02-brief.yaml"]  # the others come from the old file
    assert "Beta happens now." in out
    assert same_as_fresh("list", "--json") == out


# -- what the index holds ---------------------------------------------------------------------


def test_after_an_edit_the_index_is_what_a_fresh_one_would_be(cached: list[str]) -> None:
    # The new index is made of the old one's columns and records for the unchanged briefs:
    # it must hold, byte for byte, what an index made from every file afresh holds.
    paths = [
        write_brief(f"2026-0{i}-0{i}-b{i}", SIMPLE.replace("2026-01-31", f"2026-0{i}-0{i}"))
        for i in range(1, 8)
    ]
    resolved = run("resolve", "2026-03-03-b3/alpha", "yes", "--date", "2026-04-01", "--by", "A")
    assert resolved.code == 0
    run("due")
    paths[0].write_text(paths[0].read_text().replace("id: beta", "id: gamma"))
    paths[4].unlink()
    write_brief("2026-09-09-b9", SIMPLE)
    write_brief("2026-04-05-bad", "title: T\n")
    cached.clear()
    run("due")
    assert sorted(cached) == [
        "briefs/2026-01-01-b1.yaml",
        "briefs/2026-04-05-bad.yaml",
        "briefs/2026-09-09-b9.yaml",
    ]
    (path,) = cache_files()
    spliced = path.read_bytes()
    path.unlink()
    run("due")
    assert path.read_bytes() == spliced


def test_records_give_back_the_briefs_as_read(cached: list[str]) -> None:
    text = SIMPLE.replace("  - id: beta\n", "  - id: beta\n    p: 0.3\n    confidence: low\n")
    text += (
        "url: https://example.org/b\n"
        "scale: icd203\n"
        "resolutions:\n"
        "  - {forecast: alpha, outcome: yes, date: 2026-02-01, recorded: 2026-02-03T10:00:00Z,"
        " by: A, note: 'Ünïcode \\x1b and \"quotes\"', sources: [https://a, https://b]}\n"
        "  - {forecast: alpha, outcome: void, date: 2026-02-01, by: B}\n"
    )
    write_brief("2026-01-31-rich", text.replace("term: unlikely", "term: Unlikely"))
    write_brief("2026-02-01-plain", SIMPLE)
    fresh = loading.load_archive(load_settings())
    assert fresh.problems == []
    loading.load_archive(load_settings(), use_cache=True)  # writes the index
    served = loading.load_archive(load_settings(), use_cache=True)
    assert served.index is not None and served.index.built == {}
    assert served.briefs == fresh.briefs
    for a, b in zip(served.briefs, fresh.briefs, strict=True):
        assert (a.file, a.shown) == (b.file, b.shown)
        assert [f.term for f in a.forecasts] == [f.term for f in b.forecasts]


# -- readers beside writers -------------------------------------------------------------------


def test_readers_beside_resolvers_never_fail_nor_mix_two_states(tmp_path: Path) -> None:
    # Enough briefs for the cache to be used (as it is, at MIN_FILES), each resolved by its
    # own process while others read the due list through the cache.
    forecasts = "".join(
        f"  - {{id: f{i}, term: likely, statement: Event {i}., closes: 2025-06-30}}\n"
        for i in range(3)
    )
    n = cache.MIN_FILES
    for b in range(n):
        write_brief(
            f"brief-{b:03d}", f"title: B{b}\npublished: 2025-01-01\nforecasts:\n{forecasts}"
        )
    env = {**os.environ, "NO_COLOR": "1", cache.CACHE_ENV: str(tmp_path / "cache")}

    def start(*args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "forecastcli", *args, "--briefs", "briefs"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    readers, writers = [], []
    for round_ in range(4):
        for b in range(round_, n, 16):
            by = ["--date", "2025-07-01", "--by", "A"]
            writers.append(start("resolve", f"brief-{b:03d}/f0", "yes", *by))
        readers += [start("due", "--json", "--as-of", "2026-11-27") for _ in range(2)]
    for process in writers:
        out, err = process.communicate()
        assert process.returncode == 0, err
    every = {f"brief-{b:03d}/f{i}" for b in range(n) for i in range(3)}
    for process in readers:
        out, err = process.communicate()
        assert (process.returncode, err) == (0, "")
        refs = set(json_refs(out))
        # Whatever each reader saw, it is the state of some moment: f1 and f2 are never
        # resolved, and an f0 is listed exactly when its file had no entry yet.
        assert {r for r in every if not r.endswith("/f0")} <= refs <= every
    final = subprocess.run(
        [sys.executable, "-m", "forecastcli", "due", "--json", "--briefs", "briefs"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fresh = run("due", "--json", "--briefs", "briefs", "--no-cache").out
    assert final == fresh


# -- the cache file itself --------------------------------------------------------------------


def sections(*named: tuple[str, bytes]) -> list[cache.Section]:
    return [(name, len(data), (data,)) for name, data in named]


def test_write_then_read_gives_the_sections(tmp_path: Path) -> None:
    path = tmp_path / "c" / "x.index"
    big = bytes(range(256)) * 5000
    assert cache.write(path, b"fp", sections(("a", b"one"), ("empty", b""), ("big", big)))
    reader = cache.Reader.open(path, b"fp")
    assert reader is not None
    assert (reader.section("a"), reader.section("empty"), reader.section("big")) == (
        b"one",
        b"",
        big,
    )
    assert reader.piece("big", 256, 3, __import__("zlib").crc32(b"\0\1\2")) == b"\0\1\2"
    with pytest.raises(cache.Damaged):
        reader.piece("big", 256, 3, 0)
    with pytest.raises(cache.Damaged):
        reader.section("missing")
    reader.close()
    assert cache.Reader.open(path, b"other fingerprint") is None
    assert cache.Reader.open(tmp_path / "nothing", b"fp") is None
    assert [p.name for p in path.parent.iterdir()] == ["x.index"]  # no temporary left


def test_a_damaged_section_is_found_when_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "x.index"
    cache.write(path, b"fp", sections(("a", b"first"), ("b", b"second")))
    data = path.read_bytes()
    path.write_bytes(data.replace(b"second", b"secund"))
    reader = cache.Reader.open(path, b"fp")
    assert reader is not None
    assert reader.section("a") == b"first"  # the rest of the file is still good
    with pytest.raises(cache.Damaged):
        reader.section("b")
    reader.close()
    path.write_bytes(data.replace(b"fp", b"fq"))
    assert cache.Reader.open(path, b"fq") is None  # the header's own CRC


def test_a_cache_that_cannot_be_written_is_refused_quietly(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert not cache.write(blocker / "x.index", b"fp", sections(("a", b"1")))  # no error
    assert cache.Reader.open(blocker / "x.index", b"fp") is None


def stored_sections() -> tuple[Path, bytes, dict[str, bytes]]:
    """The one cache file, its fingerprint and each of its sections as stored."""
    (path,) = cache_files()
    fingerprint = cache.fingerprint(load_settings())
    reader = cache.Reader.open(path, fingerprint)
    assert reader is not None
    kept = {name: reader.raw(name, 0, size) for name, (_, size, _) in reader.sections.items()}
    reader.close()
    return path, fingerprint, kept


def test_a_well_formed_file_of_the_wrong_shape_is_ignored(cached: list[str]) -> None:
    three_briefs()
    first = same_as_fresh("due", "--json")
    path, fingerprint, kept = stored_sections()
    # Every section checks out, but the columns are one forecast short.
    kept["forecasts.closes"] = kept["forecasts.closes"][:-4]
    cache.write(path, fingerprint, sections(*kept.items()), pieces={"records"})
    cached.clear()
    assert run("due", "--json").out == first
    assert len(cached) == 3


@pytest.mark.parametrize(
    ("section", "value", "code"),
    [
        ("kinds.forecast", -16, "q"),  # a term before the first
        ("kinds.forecast", 1 << 40, "q"),  # a term after the last
        ("started.forecast", 1 << 30, "i"),  # a forecast that is not there
        ("started.outcome", 9, "b"),  # an outcome that is not one
        ("final.outcome", 200, "B"),
    ],
)
def test_numbers_out_of_range_in_a_well_formed_file_are_damage(
    cached: list[str], section: str, value: int, code: str
) -> None:
    # Sections whose CRCs check out but whose numbers point nowhere (only a file made by
    # hand holds them): the commands that read them answer from the briefs, as fresh.
    from array import array

    three_briefs()
    assert run("resolve", "2026-01-01-brief/alpha", "yes", "--date", "2026-02-15").code == 0
    asked = [("calibration", "--json", "--as-of", "2026-06-30"), ("report", "--format", "text")]
    asked += [("report", "--format", "text", "--as-of", "2026-02-16")]
    first = [same_as_fresh(*args) for args in asked]
    path, fingerprint, kept = stored_sections()
    column = array(code, kept[section])
    assert len(column) > 0
    kept[section] = array(code, [value] * len(column)).tobytes()
    cache.write(path, fingerprint, sections(*kept.items()), pieces={"records"})
    for args, expected in zip(asked, first, strict=True):
        found = run(*args)
        assert (found.code, found.out) == (0, expected)
        assert "Traceback" not in found.err


def test_the_cache_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cache.folder() == tmp_path / "cache"
    monkeypatch.delenv(cache.CACHE_ENV)
    from platformdirs import user_cache_dir

    assert cache.folder() == Path(user_cache_dir("forecastcli", appauthor=False))


def test_the_fingerprint_covers_every_module_of_the_package(tmp_path: Path) -> None:
    # No hand-kept list: every module, in every subpackage, is part of it.
    modules = sorted(p.relative_to(cache.PACKAGE).as_posix() for p in cache.PACKAGE.rglob("*.py"))
    assert [name for name, _, _ in cache.code_stamps(cache.PACKAGE)] == modules
    assert {"validation.py", "loading.py", "index.py", "render/words.py", "cli/base.py"} <= set(
        modules
    )
    # A module edited, added or moved anywhere, a subpackage included, is a new fingerprint.
    package = tmp_path / "package"
    (package / "sub").mkdir(parents=True)
    (package / "core.py").write_text("x = 1\n")
    (package / "sub" / "deep.py").write_text("y = 2\n")
    before = cache.code_stamps(package)
    (package / "sub" / "deep.py").write_text("y = 22\n")
    edited = cache.code_stamps(package)
    assert edited != before
    (package / "sub" / "new.py").write_text("z = 3\n")
    added = cache.code_stamps(package)
    assert len(added) == 3 and added != edited
    (package / "sub" / "new.py").rename(package / "moved.py")
    assert cache.code_stamps(package) != added


def test_a_change_to_the_code_makes_a_new_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "package"
    (package / "render").mkdir(parents=True)
    (package / "render" / "words.py").write_text("a = 1\n")
    monkeypatch.setattr(cache, "PACKAGE", package)
    settings = load_settings()
    before = cache.fingerprint(settings)
    (package / "render" / "words.py").write_text("a = 11\n")
    assert cache.fingerprint(settings) != before


# -- every command, with and without the cache ------------------------------------------------

COMMANDS = [
    ("due",),
    ("due", "--json", "--within", "90"),
    ("due", "--tag", "energy", "--as-of", "2025-06-30"),
    ("list",),
    ("list", "--json", "--status", "open"),
    ("list", "--status", "resolved", "--as-of", "2020-01-01"),
    ("list", "--status", "due", "--brief", "2025-12-08-kazakhstan-joins-the-abraham-accords"),
    ("show", "2025-12-08-kazakhstan-joins-the-abraham-accords"),
    ("show", "signing-ceremony", "--json"),
    ("show", "no-such-forecast"),
    ("check",),
    ("check", "--json"),
    ("calibration",),
    ("calibration", "--json", "--include-open"),
    ("calibration", "--by", "term", "--since", "2019-01-01", "--until", "2024-12-31"),
    ("calibration", "--by", "author", "--json"),
    ("calibration", "--by", "tag", "--as-of", "2022-03-31"),
    ("calibration", "--by", "quarter", "--tag", "politics"),
    ("export",),
    ("export", "--format", "json", "--as-of", "2021-01-01"),
    ("report", "--as-of", "2026-11-27"),
    ("report", "--as-of", "2024-02-29", "--days", "60", "--format", "html"),
    ("report", "--as-of", "2026-11-27", "--format", "text"),
]


def test_every_command_says_the_same_with_and_without_the_cache(
    cached: list[str], tmp_path: Path
) -> None:
    from tests.helpers import SEED_BRIEFS
    from tests.test_benchmarks import generator

    generator().generate(40, tmp_path / "briefs", seed=11)
    for seed in SEED_BRIEFS.glob("*.yaml"):
        (tmp_path / "briefs" / seed.name).write_bytes(seed.read_bytes())
    write_brief("broken", "title: T\npublished: 2026-01-01\nforecasts: []\n")
    write_brief(
        "warned",
        SIMPLE + "resolutions:\n  - {forecast: alpha, outcome: 'no', date: 2026-02-01}\n",
    )
    # Entries under their forecasts (how resolve writes them), one corrected later.
    write_brief(
        "2026-01-31-nested",
        SIMPLE.replace(
            "        statement: Alpha happens.\n",
            "        statement: Alpha happens.\n"
            "        resolutions:\n"
            "          - {outcome: 'yes', date: 2026-02-10, recorded: 2026-02-11T09:00:00Z}\n"
            "          - {outcome: 'no', date: 2026-02-10, recorded: 2026-03-01T09:00:00Z}\n",
        ),
    )
    for args in COMMANDS:
        first = run(*args)  # writes the cache (the first command), or reads it
        again = run(*args)
        fresh = run(*args, "--no-cache")
        assert (first.code, first.out, first.err) == (fresh.code, fresh.out, fresh.err), args
        assert (again.code, again.out, again.err) == (fresh.code, fresh.out, fresh.err), args
    files = len(list(Path("briefs").glob("*.yaml")))
    assert len(cached) == files * (1 + len(COMMANDS))  # once for the cache, each --no-cache
