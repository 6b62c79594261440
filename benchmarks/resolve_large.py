"""Time `forecast resolve` against `forecast check` on one brief of many forecasts.

    python benchmarks/resolve_large.py [--sizes 5000 10000 20000 40000] [--repeat 3]

For each size, one brief file of that many forecasts (half of them resolved already, as a
team that keeps up would have it) is written to a temporary folder. Both commands run as
whole processes, best of --repeat runs: `check` reads and checks the brief once, and
`resolve` records one outcome in it (the file is put back as it was before each run).
The ratio resolve / check is measured in the same run, so it holds from one machine to
another; SPEC section 8 asks for a brief of 20,000 forecasts to resolve in about the
time check takes to read it, and the ratio must not grow with the size.
"""

from __future__ import annotations

import argparse
import compileall
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import REPO, Timing, best, machine  # noqa: E402  (the script's own folder)

TERMS = ("likely", "unlikely", "almost certain", "realistic possibility", "highly unlikely")
HORIZONS = ("short", "medium", "long")


def large_brief(n: int) -> str:
    """A valid brief of `n` forecasts, published 2024-01-10, every other one resolved."""
    lines = [
        "title: Ten Thousand Questions",
        "author: [A. Analyst, B. Writer]",
        "published: 2024-01-10",
        "tags: [benchmark, large]",
        "forecasts:",
    ]
    for i in range(n):
        lines += [
            f"  - id: question-{i:06d}",
            f"    horizon: {HORIZONS[i % 3]}",
            f"    term: {TERMS[i % 5]}",
            f"    statement: Event number {i} happens within the window, as the brief says.",
            f'    quote: "It is {TERMS[i % 5]} that event number {i} happens, as pressures grow."',
        ]
    lines.append("resolutions:")
    for i in range(0, n, 2):
        lines += [
            f"  - forecast: question-{i:06d}",
            f"    outcome: {'yes' if i % 4 else 'no'}",
            "    date: 2024-04-10",
            "    recorded: 2024-04-12T09:30:00Z",
            "    by: A. Analyst",
            "    sources: [https://example.org/news/1]",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 10000, 20000, 40000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement")
    args = parser.parse_args()

    import forecastcli

    compileall.compile_dir(Path(forecastcli.__file__).parent, quiet=1)
    forecast = [sys.executable, "-m", "forecastcli"]
    rows: list[tuple[int, int, Timing, Timing]] = []
    with tempfile.TemporaryDirectory(prefix="forecast-bench-resolve-") as temp:
        folder = Path(temp) / "briefs"
        folder.mkdir()
        env = {**os.environ, "FORECAST_CACHE_DIR": str(Path(temp) / "cache"), "NO_COLOR": "1"}
        env.pop("FORECAST_BRIEFS", None)
        for n in args.sizes:
            text = large_brief(n).encode("utf-8")
            path = folder / "large.yaml"

            def restore(data: bytes = text, path: Path = path) -> None:
                path.write_bytes(data)

            restore()
            where = ["--briefs", str(folder)]
            check = best([*forecast, "check", *where], env, REPO, args.repeat, restore)
            ref = f"large/question-{n // 2 + 1:06d}"  # one not resolved yet
            resolve = best(
                [*forecast, "resolve", ref, "yes", "--date", "2024-05-01", "--by", "B", *where],
                env,
                REPO,
                args.repeat,
                restore,
            )
            rows.append((n, len(text), check, resolve))
            print(f"{n} forecasts done", file=sys.stderr)

    print(f"machine: {machine()}; best of {args.repeat} runs")
    print(
        f"{'forecasts':>9} {'MB':>6} {'check s':>8} {'resolve s':>9} {'ratio':>6} "
        f"{'check MiB':>9} {'resolve MiB':>11}"
    )
    for n, size, check, resolve in rows:
        codes = (check.code, resolve.code)
        failed = "" if codes == (0, 0) else f"  (exit {codes[0]}/{codes[1]})"
        print(
            f"{n:>9} {size / 1e6:>6.1f} {check.seconds:>8.2f} {resolve.seconds:>9.2f} "
            f"{resolve.seconds / check.seconds:>5.2f}x {check.peak_mib:>9.0f} "
            f"{resolve.peak_mib:>11.0f}{failed}"
        )


if __name__ == "__main__":
    main()
