"""Time `forecast` as whole processes against two floors measured in the same run.

    python benchmarks/run.py [--n 10000] [--repeat 5]

Floors: Python importing the dependencies alone (`import typer, rich, yaml, dateutil`),
and a bare loop that reads the same brief files and parses each with
`yaml.load(text, Loader=yaml.CSafeLoader)`. Every figure is the best of --repeat runs
(the least disturbed by whatever else the machine is doing), and peak memory is the
child's own maximum resident set. Commands missing from the installed `forecast` are
listed as not available, so the script serves before and after they are added.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
AS_OF = "2026-11-27"  # the generator's day, so the lists are the same whenever this runs

BARE_LOOP = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


@dataclass
class Timing:
    seconds: float
    peak_mib: float
    code: int


def measure(args: list[str], env: dict[str, str], cwd: Path, before: object = None) -> Timing:
    """One run of a child process: wall time, peak RSS (its own) and exit code."""
    if callable(before):
        before()
    start = time.perf_counter()
    child = subprocess.Popen(
        args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return Timing(seconds, usage.ru_maxrss / 1024, child.returncode)


def best(
    args: list[str], env: dict[str, str], cwd: Path, repeat: int, before: object = None
) -> Timing:
    runs = [measure(args, env, cwd, before) for _ in range(repeat)]
    return Timing(
        min(r.seconds for r in runs), max(r.peak_mib for r in runs), max(r.code for r in runs)
    )


def available_commands(forecast: list[str], env: dict[str, str]) -> set[str]:
    out = subprocess.run([*forecast, "--help"], env=env, capture_output=True, text=True).stdout
    names = set()
    listing = False
    for line in out.splitlines():
        if line.strip() == "Commands:":
            listing = True
        elif listing and line.startswith("  ") and line.strip():
            names.add(line.split()[0])
    return names


def machine() -> str:
    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs, {memory} memory, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}, {dt.date.today()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000, help="briefs in the large archive")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each measurement")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    python = sys.executable
    forecast = [python, "-m", "forecastcli"]
    # A regular install compiles the package's bytecode; an editable one under
    # PYTHONDONTWRITEBYTECODE never would, and each start would compile it again.
    import forecastcli

    compileall.compile_dir(Path(forecastcli.__file__).parent, quiet=1)

    archive = HERE / "out" / f"briefs-{args.n}-seed{args.seed}"
    if not archive.is_dir():
        sys.path.insert(0, str(HERE))
        from generate import generate

        print(f"generating {args.n} briefs in {archive} ...", file=sys.stderr)
        generate(args.n, archive, seed=args.seed)
        time.sleep(2.5)  # files changed within 2 s of a cache write are not cached (racy)
    cache_dir = Path(tempfile.mkdtemp(prefix="forecast-bench-cache-"))
    env = {**os.environ, "FORECAST_CACHE_DIR": str(cache_dir), "NO_COLOR": "1"}
    env.pop("FORECAST_BRIEFS", None)
    have = available_commands(forecast, env)

    def clear_cache() -> None:
        shutil.rmtree(cache_dir, ignore_errors=True)

    rows: list[tuple[str, Timing | None, str, float | None]] = []

    deps = best([python, "-c", "import typer, rich, yaml, dateutil"], env, REPO, args.repeat)
    bare = best([python, "-c", BARE_LOOP, str(archive)], env, REPO, args.repeat)
    rows.append(("floor: import typer, rich, yaml, dateutil", deps, "", None))
    rows.append((f"floor: bare CSafeLoader loop, {args.n} briefs", bare, "", None))

    def command(
        label: str,
        name: str,
        extra: list[str],
        floor: Timing,
        floor_name: str,
        folder: Path | None,
        before: object = None,
    ) -> None:
        if name not in have:
            rows.append((f"{label}: not available in this install", None, "", None))
            return
        where = ["--briefs", str(folder)] if folder is not None else []
        timing = best([*forecast, name, *where, *extra], env, REPO, args.repeat, before)
        rows.append((label, timing, floor_name, timing.seconds / floor.seconds))

    as_of = ["--as-of", AS_OF]
    command("due, bundled briefs", "due", as_of, deps, "imports", None)
    command("due --json, bundled briefs", "due", [*as_of, "--json"], deps, "imports", None)
    for name, extra in (("due", []), ("due --json", ["--json"])):
        command(
            f"{name}, {args.n} briefs, first run (no cache)",
            "due",
            [*as_of, *extra],
            bare,
            "bare loop",
            archive,
            before=clear_cache,
        )
    command(
        f"due --no-cache, {args.n} briefs",
        "due",
        [*as_of, "--no-cache"],
        bare,
        "bare loop",
        archive,
    )
    measure([*forecast, "due", "--briefs", str(archive), *as_of], env, REPO)  # fill the cache
    for name, extra in (("due", []), ("due --json", ["--json"])):
        command(
            f"{name}, {args.n} briefs, repeated (cached)",
            "due",
            [*as_of, *extra],
            bare,
            "bare loop",
            archive,
        )
    command(
        f"calibration, {args.n} briefs, cached", "calibration", as_of, bare, "bare loop", archive
    )
    report_file = cache_dir.parent / f"forecast-bench-report-{os.getpid()}.md"
    command(
        f"report, {args.n} briefs, cached",
        "report",
        [*as_of, "-o", str(report_file)],
        bare,
        "bare loop",
        archive,
    )
    report_file.unlink(missing_ok=True)
    clear_cache()

    print(f"machine: {machine()}")
    print(f"{'measurement':<50} {'seconds':>8} {'ratio':>7}  {'of':<10} {'peak MiB':>8}")
    for label, timing, floor_name, ratio in rows:
        if timing is None:
            print(label)
            continue
        failed = f"  (exit {timing.code})" if timing.code not in (0,) else ""
        shown_ratio = f"{ratio:.2f}x" if ratio is not None else ""
        print(
            f"{label:<50} {timing.seconds:>8.3f} {shown_ratio:>7}  {floor_name:<10} "
            f"{timing.peak_mib:>8.0f}{failed}"
        )


if __name__ == "__main__":
    main()
