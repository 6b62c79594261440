"""The git repository a brief file lives in: where its write lock goes.

Finding the repository is done by looking at the file system, as git itself does, so that
taking the lock runs no git command.
"""

from __future__ import annotations

import os
from pathlib import Path


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
