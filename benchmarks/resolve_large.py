"""Time `forecast resolve` against `forecast check` on one brief of many forecasts.

    python benchmarks/resolve_large.py [--sizes 5000 10000 20000 40000] [--repeat 3]
                                       [--layout top|own] [--warm]

For each size, one brief file of that many forecasts (half of them resolved already, as a
team that keeps up would have it) is written to a temporary folder. Both commands run as
whole processes, best of --repeat runs: `check` reads and checks the brief once, and
`resolve` records one outcome in it (the file is put back as it was before each run).
The ratio resolve / check is measured in the same run, so it holds from one machine to
another; SPEC section 8 asks for a brief of 20,000 forecasts to resolve in about the
time check takes to read it, and the ratio must not grow with the size.

--layout says where the existing outcomes stand: `top`, the top-level list of older
files (the default, which every version reads, so that figures compare across
versions), or `own`, each under its forecast, as `forecast resolve` writes them now.
--warm also times `resolve` with the parse cache warm, as after any other command in an
archive of at least 64 briefs: the large brief sits among 64 small ones, and `forecast
check` runs (untimed) two seconds after the file is put back (the cache leaves out a file
changed more recently), before each resolve.
"""

from __future__ import annotations

import argparse
import compileall
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import REPO, Timing, best, machine  # noqa: E402  (the script's own folder)

from forecastcli.cache import RACY_NS  # noqa: E402

TERMS = ("likely", "unlikely", "almost certain", "realistic possibility", "highly unlikely")
HORIZONS = ("short", "medium", "long")


def large_brief(n: int, layout: str = "top") -> str:
    """A valid brief of `n` forecasts, published 2024-01-10, every other one resolved, its
    outcomes in the top-level list (`top`) or under each forecast (`own`)."""
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
        if layout == "own" and i % 2 == 0:
            lines += [
                "    resolutions:",
                f"      - outcome: {'yes' if i % 4 else 'no'}",
                "        date: 2024-04-10",
                "        recorded: 2024-04-12T09:30:00Z",
                "        by: A. Analyst",
                "        sources: [https://example.org/news/1]",
            ]
    if layout == "own":
        return "\n".join(lines) + "\n"
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
    parser.add_argument("--layout", choices=("top", "own"), default="top")
    parser.add_argument("--warm", action="store_true", help="also time resolve, cache warm")
    args = parser.parse_args()

    import forecastcli

    compileall.compile_dir(Path(forecastcli.__file__).parent, quiet=1)
    forecast = [sys.executable, "-m", "forecastcli"]
    rows: list[tuple[int, int, Timing, Timing, Timing | None]] = []
    with tempfile.TemporaryDirectory(prefix="forecast-bench-resolve-") as temp:
        folder = Path(temp) / "briefs"
        folder.mkdir()
        among = Path(temp) / "among"  # the large brief among 64 small ones: the cache is used
        among.mkdir()
        for i in range(64):
            (among / f"small-{i:02d}.yaml").write_text(
                large_brief(2).replace("Ten Thousand Questions", f"Small {i}"), encoding="utf-8"
            )
        env = {**os.environ, "FORECAST_CACHE_DIR": str(Path(temp) / "cache"), "NO_COLOR": "1"}
        env.pop("FORECAST_BRIEFS", None)
        for n in args.sizes:
            text = large_brief(n, args.layout).encode("utf-8")
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
            warm = None
            if args.warm:

                def warmed(data: bytes = text) -> None:
                    (among / "large.yaml").write_bytes(data)
                    # The cache leaves out a file changed in the last two seconds (it could
                    # change again unseen): a file at rest is what a team's archive holds.
                    time.sleep(RACY_NS / 1e9 + 0.1)
                    subprocess.run(
                        [*forecast, "check", "--briefs", str(among)],
                        env=env,
                        cwd=REPO,
                        capture_output=True,
                        check=False,
                    )

                resolve_among = [*forecast, "resolve", ref, "yes", "--date", "2024-05-01"]
                warm = best(
                    [*resolve_among, "--by", "B", "--briefs", str(among)],
                    env,
                    REPO,
                    args.repeat,
                    warmed,
                )
            rows.append((n, len(text), check, resolve, warm))
            print(f"{n} forecasts done", file=sys.stderr)

    print(f"machine: {machine()}; best of {args.repeat} runs; layout {args.layout}")
    print(
        f"{'forecasts':>9} {'MB':>6} {'check s':>8} {'resolve s':>9} {'ratio':>6} "
        f"{'check MiB':>9} {'resolve MiB':>11}"
        + (f" {'warm s':>7} {'ratio':>6}" if args.warm else "")
    )
    for n, size, check, resolve, warm in rows:
        codes = (check.code, resolve.code, warm.code if warm else 0)
        failed = "" if codes == (0, 0, 0) else f"  (exit {'/'.join(map(str, codes))})"
        extra = f" {warm.seconds:>7.2f} {warm.seconds / check.seconds:>5.2f}x" if warm else ""
        print(
            f"{n:>9} {size / 1e6:>6.1f} {check.seconds:>8.2f} {resolve.seconds:>9.2f} "
            f"{resolve.seconds / check.seconds:>5.2f}x {check.peak_mib:>9.0f} "
            f"{resolve.peak_mib:>11.0f}{extra}{failed}"
        )


if __name__ == "__main__":
    main()
