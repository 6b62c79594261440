"""Time `forecast` as whole processes against floors measured in the same run.

    python benchmarks/run.py [--n 1000 10000 50000] [--repeat 5] [--python PYTHON]
                             [--before PYTHON] [--warm-only] [--cold-repeat N]
    python benchmarks/run.py --startup [--repeat 20]     # start-up on the bundled briefs only

Floors, each timed beside the commands it is the floor of:
- imports: Python importing the dependencies alone (`import typer, rich, yaml, dateutil`);
- stat: the imports, then a stat of every brief file (what any cache must do to know that
  nothing changed): the floor of a warm `calibration` and `report`;
- F1: the imports, a stat of every brief file, reading the cache file whole and printing
  the output `forecast due` printed (`floor_due.py`): the floor of a warm `due`;
- parse: a bare loop that reads the same brief files and parses each with
  `yaml.load(text, Loader=yaml.CSafeLoader)`: the floor of a cold or first run.
`calibration` and `report` are timed twice on the warm index: with the leave-one-brief-out
score computed (its file beside the cache removed before each run, as on the first run
of a day or after any change), and "again", the same question asked again, which reads
that score back (see `forecastcli.scorememo`).
Every figure is the best of --repeat runs (the least disturbed by whatever else the
machine is doing), and peak memory is the child's own maximum resident set. Each command
and its floors take turns, one run of each in turn (the cold and first runs with the
bare loop, the warm runs with the other floors), so that a busy moment weighs on all of
them alike. --python times the forecastcli installed for another interpreter (another
checkout's virtualenv); --before PYTHON times a second install's warm runs in the same
turns, so that before and after meet the same moments of the machine.

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

STAT_FLOOR = """
import os, sys
import typer, rich, yaml, dateutil
with os.scandir(sys.argv[1]) as entries:
    for entry in entries:
        if entry.name.endswith(".yaml"):
            os.stat(entry.path)
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
    return in_turns([(args, env, None) for args in commands], repeat)


Run = tuple[list[str], dict[str, str], object]  # arguments, environment, what to do first


def in_turns(runs: list[Run], repeat: int) -> list[Timing]:
    """The best of `repeat` runs of each, one run of each in turn: a busy moment of the
    machine weighs on them all alike, so their ratios hold better than their times."""
    found: list[list[Timing]] = [[] for _ in runs]
    for _ in range(repeat):
        for (args, env, before), timings in zip(runs, found, strict=True):
            timings.append(measure(args, env, REPO, before))
    return [
        Timing(min(r.seconds for r in rs), max(r.peak_mib for r in rs), max(r.code for r in rs))
        for rs in found
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
    parser.add_argument(
        "--n", type=int, nargs="+", default=[10000], help="briefs in the large archive(s)"
    )
    parser.add_argument(
        "--repeat", type=int, help="runs of each measurement [5; 20 with --startup]"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--startup", action="store_true", help="only start-up on the bundled briefs"
    )
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="the interpreter whose forecastcli to time [this one]",
    )
    parser.add_argument(
        "--warm-only", action="store_true", help="skip the cold and first runs (slow at 50k)"
    )
    parser.add_argument("--cold-repeat", type=int, help="runs of each cold or first run [--repeat]")
    parser.add_argument(
        "--before",
        metavar="PYTHON",
        help="also time the forecastcli of another interpreter, its warm runs in turn",
    )
    args = parser.parse_args()
    repeat = args.repeat or (20 if args.startup else 5)

    python = args.python
    installs = [("", python)] + ([("before: ", args.before)] if args.before else [])
    for (prefix, interpreter), option in zip(installs, ("--python", "--before"), strict=False):
        # A regular install compiles the package's bytecode; an editable one under
        # PYTHONDONTWRITEBYTECODE never would, and each start would compile it again.
        where = "import forecastcli, os; print(os.path.dirname(forecastcli.__file__))"
        try:
            found = subprocess.run([interpreter, "-c", where], capture_output=True, text=True)
        except OSError as exc:
            parser.error(f"{option} {interpreter}: cannot run it ({exc.strerror})")
        package = found.stdout.strip()
        if found.returncode != 0 or not package or not Path(package).is_dir():
            parser.error(f"{option} {interpreter}: it has no forecastcli installed to time")
        compileall.compile_dir(package, quiet=1)
        print(f"{prefix or 'timed: '}forecastcli from {package}")

    base_env = {**os.environ, "NO_COLOR": "1"}
    base_env.pop("FORECAST_BRIEFS", None)
    print(f"machine: {machine()}")
    if args.startup:
        with tempfile.TemporaryDirectory(prefix="forecast-bench-cache-") as cache:
            show(startup(python, {**base_env, "FORECAST_CACHE_DIR": cache}, repeat))
        return
    cold = None if args.warm_only else (args.cold_repeat or repeat)
    for n in args.n:
        show(large(n, args.seed, installs, base_env, repeat, cold))


def large(
    n: int,
    seed: int,
    installs: list[tuple[str, str]],
    base_env: dict[str, str],
    repeat: int,
    cold: int | None,
) -> list[Row]:
    """The commands on an archive of `n` briefs, each beside its floor: the first and
    cold runs of the first install, then the warm runs of every install (`(label,
    python)`, label empty for the first) taking turns with the floors."""
    archive = HERE / "out" / f"briefs-{n}-seed{seed}"
    if not archive.is_dir():
        sys.path.insert(0, str(HERE))
        from generate import generate

        print(f"generating {n} briefs in {archive} ...", file=sys.stderr)
        generate(n, archive, seed=seed)
        time.sleep(2.5)  # files changed within 2 s of a cache write are not cached (racy)
    python = installs[0][1]
    scratch = Path(tempfile.mkdtemp(prefix="forecast-bench-out-"))
    caches = [Path(tempfile.mkdtemp(prefix="forecast-bench-cache-")) for _ in installs]
    envs = [{**base_env, "FORECAST_CACHE_DIR": str(cache)} for cache in caches]
    as_of = ["--as-of", AS_OF]
    rows: list[Row] = [(f"-- {n:,} briefs", None, "", None)]

    def forecast(i: int, name: str, extra: list[str]) -> list[str]:
        return [installs[i][1], "-m", "forecastcli", name, "--briefs", str(archive), *extra]

    if cold is not None:
        env = envs[0]

        def clear_cache() -> None:
            shutil.rmtree(caches[0], ignore_errors=True)

        first: tuple[tuple[str, list[str], object], ...] = (
            ("due, first run (no cache)", [], clear_cache),
            ("due --json, first run (no cache)", ["--json"], clear_cache),
            ("due --no-cache", ["--no-cache"], None),
        )
        cold_runs: list[Run] = [([python, "-c", BARE_LOOP, str(archive)], env, None)]
        for _, extra, before in first:
            cold_runs.append((forecast(0, "due", [*as_of, *extra]), env, before))
        bare, *timings = in_turns(cold_runs, cold)
        rows.append(("floor: bare CSafeLoader loop", bare, "", None))
        for (label, _, _), timing in zip(first, timings, strict=True):
            rows.append((label, timing, "parse", timing.seconds / bare.seconds))
        shutil.rmtree(caches[0], ignore_errors=True)
        caches[0].mkdir()

    # Fill each install's cache, and keep what its due prints for its floor F1.
    runs: list[Run] = [
        ([python, "-c", FLOOR], envs[0], None),
        ([python, "-c", STAT_FLOOR, str(archive)], envs[0], None),
    ]
    labels: list[tuple[str, int | None]] = []  # each run after the floors, and its floor
    report_file = scratch / "report.md"
    files = []
    for i, ((prefix, _), env, cache) in enumerate(zip(installs, envs, caches, strict=True)):
        outputs = {}
        for name, extra in (("due", []), ("due --json", ["--json"])):
            out = scratch / f"{i}-{name.replace(' ', '')}.out"
            with out.open("wb") as f:
                subprocess.run(
                    forecast(i, "due", [*as_of, *extra]),
                    cwd=REPO,
                    env=env,
                    stdout=f,
                    stderr=subprocess.DEVNULL,
                    check=False,
                )
            outputs[name] = out
        (cache_file,) = [p for p in cache.iterdir() if not p.name.startswith(".")]
        files.append((prefix, cache_file))

        def forget_scores(cache: Path = cache) -> None:  # the index warm, the question new
            for kept in cache.glob("*.scores"):
                kept.unlink()

        for name, extra in (("due", []), ("due --json", ["--json"])):
            printed = str(outputs[name])
            floor_due = [python, str(HERE / "floor_due.py"), str(archive), str(cache_file), printed]
            runs.append((floor_due, env, None))
            labels.append((f"{prefix}floor F1 of {name}", None))
            runs.append((forecast(i, "due", [*as_of, *extra]), env, None))
            labels.append((f"{prefix}{name}, warm (cached)", len(runs) - 2))
        for name, extra in (("calibration", []), ("report", ["-o", str(report_file)])):
            runs.append((forecast(i, name, [*as_of, *extra]), env, forget_scores))
            labels.append((f"{prefix}{name}, warm", 1))
            runs.append((forecast(i, name, [*as_of, *extra]), env, None))
            labels.append((f"{prefix}{name}, warm again", 1))
    timings = in_turns(runs, repeat)
    rows.append((f"floor: {FLOOR}", timings[0], "", None))
    rows.append(("floor: imports + stat every file", timings[1], "", None))
    for (label, floor), timing in zip(labels, timings[2:], strict=True):
        if floor is None:
            rows.append((label, timing, "", None))
        else:
            name = "stat" if floor == 1 else "F1"
            rows.append((label, timing, name, timing.seconds / timings[floor].seconds))
    for prefix, cache_file in files:
        size = cache_file.stat().st_size / 2**20
        rows.append((f"({prefix}cache file {cache_file.name}: {size:.0f} MiB)", None, "", None))
    for cache in caches:
        shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(scratch, ignore_errors=True)
    return rows


if __name__ == "__main__":
    main()
