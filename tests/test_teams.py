"""A briefs repository shared by a team through git (SPEC sections 6 and 9), with real git:
clones that merge, a clean working tree after a resolve, and `forecast resolve --commit`."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import SEED_BRIEFS, SIMPLE, resolve_at_once, run, write_brief

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

BRIEF = "2025-12-08-kazakhstan-joins-the-abraham-accords"
PATH = f"briefs/{BRIEF}.yaml"


@pytest.fixture(autouse=True)
def git_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git as on a new machine: no user or system settings, a fixed name for commits."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "A. Analyst")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "analyst@example.org")
        monkeypatch.setenv(f"GIT_{who}_DATE", "2026-11-27T09:00:00Z")


def git(*args: str, cwd: Path | str = ".", check: bool = True) -> str:
    done = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def repository(folder: Path, brief: str | None = None) -> Path:
    """A git repository holding the bundled brief (or `brief` as briefs/b.yaml), committed."""
    (folder / "briefs").mkdir(parents=True, exist_ok=True)
    if brief is None:
        shutil.copy(SEED_BRIEFS / f"{BRIEF}.yaml", folder / PATH)
    else:
        (folder / "briefs" / "b.yaml").write_text(brief, encoding="utf-8")
    git("init", "-q", cwd=folder)
    git("add", "-A", cwd=folder)
    git("commit", "-q", "-m", "The team's briefs", cwd=folder)
    return folder


# -- two clones -----------------------------------------------------------------------------


def clones(tmp_path: Path) -> tuple[Path, Path]:
    origin = repository(tmp_path / "start")
    git("clone", "-q", "--bare", str(origin), str(tmp_path / "origin.git"))
    a, b = tmp_path / "a", tmp_path / "b"
    for clone in (a, b):
        git("clone", "-q", str(tmp_path / "origin.git"), str(clone))
    return a, b


def resolve_and_push(clone: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> None:
    monkeypatch.chdir(clone)
    r = run("resolve", *args, "--commit")
    assert r.code == 0, r.err
    git("push", "-q", "origin", "main", cwd=clone)


def test_two_clones_resolving_different_forecasts_merge_without_a_conflict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = clones(tmp_path)
    resolve_and_push(a, monkeypatch, "signing-ceremony", "yes", "--date", "2026-01-20", "--by", "A")
    monkeypatch.chdir(b)
    r = run(
        "resolve", "iran-sharp-rhetoric", "yes", "--date", "2025-12-10", "--by", "B", "--commit"
    )
    assert r.code == 0, r.err
    pulled = git("pull", "-q", "--no-rebase", "--no-edit", "origin", "main", cwd=b)
    assert "CONFLICT" not in pulled
    assert git("status", "--porcelain", cwd=b) == ""
    assert run("check").code == 0
    listed = {f["id"]: (f["status"], f["outcome"]) for f in run("list", "--json").json()}
    assert listed["signing-ceremony"] == ("resolved", "yes")
    assert listed["iran-sharp-rhetoric"] == ("resolved", "yes")
    for ref, who in (("signing-ceremony", "A"), ("iran-sharp-rhetoric", "B")):
        shown = run("show", ref, "--json").json()
        assert [(h["outcome"], h["by"]) for h in shown["history"]] == [("yes", who)]


def test_two_clones_resolving_one_forecast_get_a_conflict_that_check_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = clones(tmp_path)
    resolve_and_push(a, monkeypatch, "signing-ceremony", "yes", "--date", "2026-01-20", "--by", "A")
    monkeypatch.chdir(b)
    r = run("resolve", "signing-ceremony", "no", "--date", "2026-03-08", "--by", "B", "--commit")
    assert r.code == 0, r.err
    pulled = git("pull", "--no-rebase", "--no-edit", "origin", "main", cwd=b, check=False)
    assert f"CONFLICT (content): Merge conflict in {PATH}" in pulled
    lines = Path(PATH).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines, 1) if line.startswith("<<<<<<<"))
    end = next(i for i, line in enumerate(lines, 1) if line.startswith(">>>>>>>"))
    r = run("check")
    assert r.code == 1
    assert r.err == (
        f"{PATH}:{start}:1: unresolved merge conflict (lines {start}-{end}, left by git): keep "
        "the lines that are right and delete the `<<<<<<<`, `=======` and `>>>>>>>` lines\n"
    )


# -- a clean working tree -------------------------------------------------------------------


def test_a_resolve_leaves_only_the_brief_changed_in_a_repository_without_gitignore(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = repository(tmp_path / "team")
    assert not (folder / ".gitignore").exists()
    monkeypatch.chdir(folder)
    r = run("resolve", "signing-ceremony", "yes", "--date", "2026-01-20", "--by", "A")
    assert r.code == 0, r.err
    assert git("status", "--porcelain", "--untracked-files=all", "--ignored") == f" M {PATH}\n"
    assert sorted(p.name for p in (folder / "briefs").iterdir()) == [f"{BRIEF}.yaml"]
    # The lock is in the repository's own folder, where git never looks.
    (lock,) = (folder / ".git" / "forecastcli" / "locks").iterdir()
    assert lock.name.startswith(f"{BRIEF}.yaml.") and lock.name.endswith(".lock")


def test_a_linked_work_tree_keeps_its_lock_in_its_own_git_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = repository(tmp_path / "team")
    git("worktree", "add", "-q", str(tmp_path / "second"), cwd=folder)
    monkeypatch.chdir(tmp_path / "second")
    assert (tmp_path / "second" / ".git").is_file()
    r = run("resolve", "signing-ceremony", "yes", "--date", "2026-01-20", "--by", "A")
    assert r.code == 0, r.err
    assert git("status", "--porcelain", "--untracked-files=all", "--ignored") == f" M {PATH}\n"
    assert list((folder / ".git" / "worktrees" / "second" / "forecastcli" / "locks").iterdir())


def test_twenty_resolvers_at_once_in_a_repository_lose_nothing_and_leave_nothing(
    tmp_path: Path,
) -> None:
    forecasts = "".join(
        f"  - id: f{i:02d}\n    term: likely\n    statement: Event {i}.\n    closes: 2025-06-30\n"
        for i in range(20)
    )
    folder = repository(
        tmp_path / "team", f"title: Many\npublished: 2025-01-01\nforecasts:\n{forecasts}"
    )
    resolve_at_once(folder)
    assert git("status", "--porcelain", "--untracked-files=all", "--ignored", cwd=folder) == (
        " M briefs/b.yaml\n"
    )
    os.chdir(folder)
    listed = run("list", "--json", "--as-of", "2026-11-27").json()
    assert sorted((f["id"], f["outcome"]) for f in listed) == [
        (f"f{i:02d}", "yes") for i in range(20)
    ]
    # Each entry under its own forecast: the file is the brief plus twenty lists.
    text = (folder / "briefs" / "b.yaml").read_text(encoding="utf-8")
    assert text.count("    resolutions:\n      - outcome: yes\n") == 20


# -- resolve --commit -----------------------------------------------------------------------


def test_commit_commits_the_brief_alone_and_leaves_what_else_is_staged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = repository(tmp_path / "team")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("COLUMNS", "200")  # each message on one line, to compare it whole
    Path("notes.txt").write_text("staged, not committed\n", encoding="utf-8")
    Path("draft.txt").write_text("neither\n", encoding="utf-8")
    git("add", "notes.txt")
    head = git("rev-parse", "HEAD")
    r = run("resolve", "signing-ceremony", "yes", "--date", "2026-01-20", "--by", "A", "--commit")
    assert r.code == 0, r.err
    commit = git("rev-parse", "--short", "HEAD").strip()
    message = f"Resolve {BRIEF}/signing-ceremony: yes (2026-01-20)"
    assert r.err.splitlines() == [
        f"Recorded: signing-ceremony resolved yes on 2026-01-20 ({PATH}).",
        f"Committed {commit}: {message}",
    ]
    assert git("log", "-1", "--format=%s%n%P") == f"{message}\n{head}"
    assert git("show", "--name-only", "--format=", "HEAD") == f"{PATH}\n"
    assert git("status", "--porcelain") == "A  notes.txt\n?? draft.txt\n"
    assert git("diff", "--cached", "--name-only") == "notes.txt\n"


def test_commit_in_the_walk_makes_one_commit_per_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = repository(tmp_path / "team")
    monkeypatch.chdir(folder)
    monkeypatch.setattr("forecastcli.cli.resolve.stdin_is_terminal", lambda: True)
    answers = "y\n2026-01-20\n\n\nn\n2026-03-08\n\n\nq\n"
    r = run("resolve", "--by", "A", "--as-of", "2026-11-27", "--commit", input=answers)
    assert r.code == 0, r.err
    assert git("log", "--format=%s", "-3").splitlines() == [
        f"Resolve {BRIEF}/iran-sharp-rhetoric: no (2026-03-08)",
        f"Resolve {BRIEF}/iran-economic-retaliation: yes (2026-01-20)",
        "The team's briefs",
    ]
    assert r.out.count("\nCommitted ") == 2
    assert git("status", "--porcelain") == ""


def refused(args: list[str], message: str) -> None:
    before = Path(PATH).read_bytes()
    r = run("resolve", "signing-ceremony", "yes", "--by", "A", "--commit", *args)
    assert (r.code, r.out) == (1, "")
    assert r.err == f"Error: {message}\n"
    assert Path(PATH).read_bytes() == before


def test_commit_is_refused_before_writing_outside_a_repository(tmp_path: Path) -> None:
    shutil.copy(SEED_BRIEFS / f"{BRIEF}.yaml", PATH)
    refused(
        [],
        f"{PATH}: --commit: the brief is not in a git repository; nothing was written (run "
        "without --commit, or make the folder a repository with `git init`)",
    )


def test_commit_is_refused_before_writing_without_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository(tmp_path)
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    refused(
        [],
        "--commit needs git, which is not installed here (or not on the PATH); nothing was written",
    )


def test_commit_is_refused_for_a_brief_with_changes_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository(tmp_path)
    Path(PATH).write_text(Path(PATH).read_text(encoding="utf-8") + "# an edit\n", "utf-8")
    refused(
        [],
        f"{PATH}: --commit: the brief has changes that are not committed; commit or undo them "
        "first, so that the commit holds the outcome alone; nothing was written",
    )


def test_commit_is_refused_for_a_brief_git_does_not_track(tmp_path: Path) -> None:
    repository(tmp_path)
    write_brief("b", SIMPLE)
    before = Path("briefs/b.yaml").read_bytes()
    r = run("resolve", "b/alpha", "yes", "--by", "A", "--commit")
    assert r.code == 1
    assert r.err.startswith("Error: briefs/b.yaml: --commit: git does not track this brief yet")
    assert Path("briefs/b.yaml").read_bytes() == before


def test_commit_is_refused_when_git_does_not_know_who_commits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository(tmp_path)
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.delenv(f"GIT_{who}_NAME")
        monkeypatch.delenv(f"GIT_{who}_EMAIL")
    # Nor can git make a name up from the machine's.
    monkeypatch.setenv("EMAIL", "")
    git("config", "user.useConfigOnly", "true")
    refused(
        [],
        "--commit: git does not know who is committing; set it with `git config --global "
        'user.name "Your Name"` and `git config --global user.email you@example.org`; '
        "nothing was written",
    )
