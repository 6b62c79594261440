"""Time `forecast` as whole processes against two floors measured in the same run.

    python benchmarks/run.py [--n 10000] [--repeat 5]
    python benchmarks/run.py --startup [--repeat 20]     # start-up on the bundled briefs only

Floors: Python importing the dependencies alone (`import typer, rich, yaml, dateutil`),
and a bare loop that reads the same brief files and parses each with
`yaml.load(text, Loader=yaml.CSafeLoader)`. Every figure is the best of --repeat runs
(the least disturbed by whatever else the machine is doing), and peak memory is the
child's own maximum resident set. Commands missing from the installed `forecast` are
listed as not available, so the script serves before and after they are added.

Start-up is `forecast due` on the bundled briefs, with options converted by
`cli/coercion.py` (as shipped) and by Typer's own pydantic conversion (what a Typer whose
internals the shim does not know gets), against the import floor and against the same
imports with Typer's vendored Click in place of Typer (what a plain-Click command line
would import at least). Those runs take turns, so a busy moment weighs on all alike.
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

# `forecast ARGS` with the option conversion chosen by the first argument: "shim" as shipped,
# "typer" for Typer's own conversion.
CONVERSION = """
import sys
from forecastcli.cli import coercion, main
coercion.AVAILABLE = coercion.AVAILABLE and sys.argv.pop(1) == "shim"
sys.argv[0] = "forecast"
main()
"""

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


Row = tuple[str, Timing | None, str, float | None]
FLOOR = "import typer, rich, yaml, dateutil"
CLICK_FLOOR = "import typer._click, rich, yaml, dateutil"


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


def taking_turns(commands: list[list[str]], env: dict[str, str], repeat: int) -> list[Timing]:
    """The best of `repeat` runs of each command, the commands run in turn."""
    runs: list[list[Timing]] = [[] for _ in commands]
    for _ in range(repeat):
        for args, found in zip(commands, runs, strict=True):
            found.append(measure(args, env, REPO))
    return [
        Timing(min(r.seconds for r in rs), max(r.peak_mib for r in rs), max(r.code for r in rs))
        for rs in runs
    ]


def startup(python: str, env: dict[str, str], repeat: int) -> list[Row]:
    """`forecast due` on the bundled briefs, both conversions, against the import floors."""
    due = ["due", "--as-of", AS_OF]
    labelled = [
        (f"floor: {FLOOR}", [python, "-c", FLOOR]),
        (CLICK_FLOOR, [python, "-c", CLICK_FLOOR]),
        ("due, bundled briefs", [python, "-c", CONVERSION, "shim", *due]),
        ("due --json, bundled briefs", [python, "-c", CONVERSION, "shim", *due, "--json"]),
        (
            "due, bundled briefs, Typer's own conversion",
            [python, "-c", CONVERSION, "typer", *due],
        ),
        (
            "due --json, bundled briefs, Typer's own conversion",
            [python, "-c", CONVERSION, "typer", *due, "--json"],
        ),
    ]
    timings = taking_turns([args for _, args in labelled], env, repeat)
    floor = timings[0]
    rows: list[Row] = [(labelled[0][0], floor, "", None)]
    for (label, _), timing in zip(labelled[1:], timings[1:], strict=True):
        rows.append((label, timing, "imports", timing.seconds / floor.seconds))
    return rows


def show(rows: list[Row]) -> None:
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
    parser.add_argument(
        "--repeat", type=int, help="runs of each measurement [5; 20 with --startup]"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--startup", action="store_true", help="only start-up on the bundled briefs"
    )
    args = parser.parse_args()
    repeat = args.repeat or (20 if args.startup else 5)

    python = sys.executable
    forecast = [python, "-m", "forecastcli"]
    # A regular install compiles the package's bytecode; an editable one under
    # PYTHONDONTWRITEBYTECODE never would, and each start would compile it again.
    import forecastcli

    compileall.compile_dir(Path(forecastcli.__file__).parent, quiet=1)

    base_env = {**os.environ, "NO_COLOR": "1"}
    base_env.pop("FORECAST_BRIEFS", None)
    if args.startup:
        with tempfile.TemporaryDirectory(prefix="forecast-bench-cache-") as cache:
            show(startup(python, {**base_env, "FORECAST_CACHE_DIR": cache}, repeat))
        return

    archive = HERE / "out" / f"briefs-{args.n}-seed{args.seed}"
    if not archive.is_dir():
        sys.path.insert(0, str(HERE))
        from generate import generate

        print(f"generating {args.n} briefs in {archive} ...", file=sys.stderr)
        generate(args.n, archive, seed=args.seed)
        time.sleep(2.5)  # files changed within 2 s of a cache write are not cached (racy)
    cache_dir = Path(tempfile.mkdtemp(prefix="forecast-bench-cache-"))
    env = {**base_env, "FORECAST_CACHE_DIR": str(cache_dir)}
    have = available_commands(forecast, env)

    def clear_cache() -> None:
        shutil.rmtree(cache_dir, ignore_errors=True)

    rows = startup(python, env, repeat)
    bare = best([python, "-c", BARE_LOOP, str(archive)], env, REPO, repeat)
    rows.insert(1, (f"floor: bare CSafeLoader loop, {args.n} briefs", bare, "", None))

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
        timing = best([*forecast, name, *where, *extra], env, REPO, repeat, before)
        rows.append((label, timing, floor_name, timing.seconds / floor.seconds))

    as_of = ["--as-of", AS_OF]
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
    show(rows)


if __name__ == "__main__":
    main()
