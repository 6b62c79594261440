"""The git repository a brief file lives in: where its write lock goes, and committing it.

Finding the repository for the lock is done by looking at the file system, as git itself
does, so that no git command runs unless asked to commit (`forecast resolve --commit`).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from forecastcli.errors import DataError

# Seconds a git command may take before it is given up: a hook that waits for input, say.
GIT_TIMEOUT = 120


def git_dir(folder: Path) -> Path | None:
    """The git directory of the work tree that holds `folder`, or None outside one.

    As git finds it: the nearest `.git` in the folder or a parent, either a directory or a
    file `gitdir: PATH` (a linked work tree or a submodule). One that does not lead to a
    git directory (no `HEAD` in it) does not count.
    """
    for parent in (folder, *folder.parents):
        dot = parent / ".git"
        try:
            if dot.is_dir():
                return dot if (dot / "HEAD").exists() else None
            if dot.is_file():
                first = dot.read_text(encoding="utf-8", errors="replace").partition("\n")[0]
                if not first.startswith("gitdir:"):
                    return None
                target = Path(first[len("gitdir:") :].strip())
                target = target if target.is_absolute() else parent / target
                return target if (target / "HEAD").exists() else None
        except OSError:
            return None
    return None


def lock_file(path: Path) -> Path:
    """Where the write lock of the brief file `path` (a real path, links resolved) lives.

    Inside a git work tree: in the repository's git directory (`.git/forecastcli/locks/`),
    which `git status` never shows, whatever `.gitignore` says, and which every clone
    keeps to itself; named after the brief and a digest of its full path, so that two
    briefs of one name in two folders have two locks. Outside git: a dotfile beside the
    brief, `.NAME.yaml.lock`, which the loader never reads. Every process that writes the
    brief works the path out alike, so all of them queue on one lock.
    """
    found = git_dir(path.parent)
    if found is None:
        return path.with_name(f".{path.name}.lock")
    import hashlib

    digest = hashlib.sha256(os.fsencode(path)).hexdigest()[:16]
    return found / "forecastcli" / "locks" / f"{path.name}.{digest}.lock"


# -- resolve --commit -----------------------------------------------------------------------


def _git(args: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
    """Run git in `folder`; a DataError when git cannot be run at all."""
    try:
        return subprocess.run(
            ["git", *args],
            cwd=folder,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            stdin=subprocess.DEVNULL,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise DataError(
            "--commit needs git, which is not installed here (or not on the PATH); "
            "nothing was written"
        ) from None
    except subprocess.TimeoutExpired:
        raise DataError(
            f"`git {args[0]}` did not finish in {GIT_TIMEOUT} seconds; nothing more was done"
        ) from None
    except OSError as exc:
        raise DataError(f"cannot run git: {exc.strerror or exc}") from None


def _said(done: subprocess.CompletedProcess[str]) -> str:
    """What git said, on one line, as short as a message allows."""
    from forecastcli.safetext import clip, one_line

    lines = [line.strip() for line in (done.stderr or done.stdout).splitlines() if line.strip()]
    return clip(one_line(lines[-1] if lines else f"exit {done.returncode}"), 200)


def ready_to_commit(path: Path, shown: str) -> None:
    """Refuse, before anything is written, a `--commit` that could not commit the brief at
    `path` (links resolved) alone: no git, no repository, no name for the commit, a merge
    under way, or a brief that is new to git or holds changes not yet committed (they
    would go into the commit under the outcome's message)."""
    folder, name = path.parent, path.name
    if _git(["rev-parse", "--show-toplevel"], folder).returncode != 0:
        raise DataError(
            f"{shown}: --commit: the brief is not in a git repository; nothing was written "
            "(run without --commit, or make the folder a repository with `git init`)"
        )
    for ident in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"):
        done = _git(["var", ident], folder)
        if done.returncode != 0:
            raise DataError(
                "--commit: git does not know who is committing; set it with "
                '`git config --global user.name "Your Name"` and '
                "`git config --global user.email you@example.org`; nothing was written"
            )
    if _git(["rev-parse", "-q", "--verify", "MERGE_HEAD"], folder).returncode == 0:
        raise DataError(
            "--commit: a git merge is under way in this repository; finish it (settle the "
            "conflicts, then `git commit`) first; nothing was written"
        )
    if _git(["ls-files", "--error-unmatch", "--", name], folder).returncode != 0:
        raise DataError(
            f"{shown}: --commit: git does not track this brief yet; commit it once "
            f"(`git add {name}` and `git commit`), then each outcome can be committed "
            "alone; nothing was written"
        )
    changed = _git(["status", "--porcelain", "--", name], folder)
    if changed.returncode != 0 or changed.stdout.strip():
        raise DataError(
            f"{shown}: --commit: the brief has changes that are not committed; commit or "
            "undo them first, so that the commit holds the outcome alone; nothing was written"
        )


def commit_message(brief_id: str, forecast_id: str, outcome: str, day: str) -> str:
    """`Resolve BRIEF/ID: OUTCOME (DATE)`, the message SPEC section 9 gives."""
    return f"Resolve {brief_id}/{forecast_id}: {outcome} ({day})"


def commit_alone(path: Path, shown: str, message: str) -> str:
    """Commit the file `path` alone with `message`, and return the commit's short id.

    `git commit --only` commits the file as it is in the work tree and nothing else: what
    else was staged stays staged, uncommitted. The entry is written by then, so a failure
    here says so.
    """
    folder = path.parent
    done = _git(["commit", "--only", "--quiet", "-m", message, "--", path.name], folder)
    if done.returncode != 0:
        raise DataError(
            f"{shown}: the outcome is recorded in the file, but git did not commit it "
            f"({_said(done)}); commit the brief yourself"
        )
    return _git(["rev-parse", "--short", "HEAD"], folder).stdout.strip()
