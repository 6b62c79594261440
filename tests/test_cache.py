"""The parse cache never serves stale data: every change on disk shows as `--no-cache` shows it."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from forecastcli import cache, loading, validation
from forecastcli.config import load_settings
from tests.helpers import SIMPLE, run, write_brief

HOUR_NS = 3600 * 10**9


@pytest.fixture
def cached(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Cache even a tiny folder, and count the brief files actually parsed.

    Files written by a test are seconds old at most, which the cache treats as racy and
    does not store; a negative racy window stores them, as it would files an hour old.
    Tests that change a file therefore give it a new size or a distinct mtime, as any
    edit made later than the cache was written does.
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
    return sorted(cache.folder().glob("*.pickle"))


def test_unchanged_briefs_are_served_from_the_cache(cached: list[str]) -> None:
    three_briefs()
    first = same_as_fresh("due", "--json")
    assert len(json_refs(first)) == 3
    assert len(cache_files()) == 1
    cached.clear()
    assert run("due", "--json").out == first
    assert cached == []  # nothing parsed: every brief came from the cache


def json_refs(out: str) -> list[str]:
    import json

    return [item["ref"] for item in json.loads(out)]


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
    entry = cache.read(cache_files()[0], cache.fingerprint(load_settings()))[path.name]
    st = path.stat()
    path.write_text(path.read_text().replace("Alpha happens.", "Alpha differs."))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # as `touch -r` or a restore would
    restored = path.stat()
    assert (restored.st_size, restored.st_mtime_ns) == entry[0][:2]
    if restored.st_ctime_ns == st.st_ctime_ns:
        pytest.skip("the file system kept the same change time (a coarse clock)")
    assert "Alpha differs." in same_as_fresh("list", "--json")


def test_an_edit_within_the_same_second_as_the_load_is_seen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The real racy window: a file changed just before the cache is written is not stored,
    # so a second edit inside the same tick of the clock cannot be missed.
    monkeypatch.setattr(cache, "MIN_FILES", 0)
    paths = three_briefs()
    assert "Alpha happens." in same_as_fresh("list", "--json")
    text = paths[0].read_text()
    paths[0].write_text(text.replace("Alpha happens.", "Alpha happend."))
    assert paths[0].stat().st_size == len(text.encode())
    out = same_as_fresh("list", "--json")
    assert "Alpha happend." in out
    stored = cache.read(cache_files()[0], cache.fingerprint(load_settings()))
    assert stored == {}  # all three were written just now


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


def test_a_deleted_brief_is_gone(cached: list[str]) -> None:
    paths = three_briefs()
    same_as_fresh("due", "--json")
    paths[2].unlink()
    refs = json_refs(same_as_fresh("due", "--json"))
    assert not any(ref.startswith("2026-03-03-brief/") for ref in refs)
    stored = cache.read(cache_files()[0], cache.fingerprint(load_settings()))
    assert sorted(stored) == ["2026-01-01-brief.yaml", "2026-02-02-brief.yaml"]


def test_a_new_brief_and_a_new_invalid_brief_are_seen(cached: list[str]) -> None:
    three_briefs()
    same_as_fresh("check")
    write_brief("2026-04-04-brief", SIMPLE.replace("2026-01-31", "2026-04-04"))
    write_brief("broken", "title: T\npublished: 2026-01-01\nforecasts: []\n")
    result = run("check")
    assert result.code == 1
    assert "briefs/broken.yaml:3:12: `forecasts` must be a non-empty list" in result.err
    assert same_as_fresh("check") == result.out


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"not a cache at all",
        lambda data: data[: len(data) // 2],
        lambda data: data[:-1] + bytes([data[-1] ^ 0xFF]),
        lambda data: b"",
        lambda data: data.replace(b"2026-01-01-brief", b"2026-01-01-BRIEF"),
    ],
    ids=["garbage", "truncated", "flipped-byte", "empty", "altered-text"],
)
def test_a_damaged_cache_is_ignored_and_rewritten(
    cached: list[str], damage: Callable[[bytes], bytes]
) -> None:
    three_briefs()
    first = same_as_fresh("due", "--json")
    (path,) = cache_files()
    path.write_bytes(damage(path.read_bytes()))
    cached.clear()
    assert same_as_fresh("due", "--json") == first
    assert len(cached) == 6  # read afresh both times
    fingerprint = cache.fingerprint(load_settings())
    assert len(cache.read(path, fingerprint)) == 3  # and the cache is whole again


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
    path.write_bytes(path.read_bytes())  # a valid cache...
    cached.clear()
    run("due", "--no-cache")
    assert len(cached) == 3  # ...that --no-cache does not use


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
    assert not list(Path("briefs").glob("*.pickle"))


def test_small_folders_are_read_without_the_cache() -> None:
    write_brief("2026-01-31-simple", SIMPLE)
    run("due")
    assert cache_files() == []


# -- the cache file itself -----------------------------------------------------------------


def entries(n: int, mtime_ns: int) -> cache.Entries:
    return {f"b{i}.yaml": ((100 + i, mtime_ns, mtime_ns, i), (None, [])) for i in range(n)}


def test_write_then_read_gives_the_entries(tmp_path: Path) -> None:
    path = tmp_path / "c" / "x.pickle"
    stored = entries(600, 10**18)  # more than one chunk
    cache.write(path, b"fp", stored, now_ns=2 * 10**18)
    assert cache.read(path, b"fp") == stored
    assert cache.read(path, b"other fingerprint") == {}
    assert [p.name for p in path.parent.iterdir()] == ["x.pickle"]  # no temporary left


def test_entries_changed_just_before_writing_are_not_stored(tmp_path: Path) -> None:
    path = tmp_path / "x.pickle"
    now = 5 * 10**18
    settled = entries(2, now - cache.RACY_NS - 1)
    racy: cache.Entries = {"late.yaml": ((1, now - 10**9, now - 10**9, 9), (None, []))}
    # The file's ctime is late:
    changed: cache.Entries = {"touched.yaml": ((1, now - HOUR_NS, now - 10, 9), (None, []))}
    cache.write(path, b"fp", settled | racy | changed, now_ns=now)
    assert cache.read(path, b"fp") == settled


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    cache.write(blocker / "x.pickle", b"fp", entries(1, 0), now_ns=10**18)  # no error
    assert cache.read(blocker / "x.pickle", b"fp") == {}


def test_a_well_formed_pickle_of_the_wrong_shape_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "x.pickle"
    cache.write(path, b"fp", entries(1, 0), now_ns=10**18)
    # The same container, holding something else, is refused.
    bad = [("b.yaml", "not a stamp", "not a result")]
    cache_bytes = pickle.dumps(bad)
    import zlib

    head = cache.MAGIC + (2).to_bytes(4, "little") + b"fp"
    index = (1).to_bytes(4, "little") + len(cache_bytes).to_bytes(8, "little")
    crc = zlib.crc32(cache_bytes, zlib.crc32(index))
    path.write_bytes(head + crc.to_bytes(4, "little") + index + cache_bytes)
    assert cache.read(path, b"fp") == {}


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
    assert {"validation.py", "loading.py", "render/words.py", "cli/base.py"} <= set(modules)
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
