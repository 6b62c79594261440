"""Floor F1 of a warm `forecast due`: the least any cached run must do, and nothing more.

    python benchmarks/floor_due.py BRIEFS CACHE_FILE OUTPUT

Import the dependencies, stat every brief file (a cache cannot know a file is unchanged
without it), read the cache file whole, and print the output `forecast due` printed
(saved beforehand in OUTPUT). `run.py` times it beside the command, in the same run.
"""

import os
import sys

import dateutil  # noqa: F401  (the imports are the point)
import rich  # noqa: F401, TID251  (the floor imports what forecast imports)
import typer  # noqa: F401
import yaml  # noqa: F401

folder, cache_file, output = sys.argv[1:4]
with os.scandir(folder) as entries:
    for entry in entries:
        if entry.name.endswith(".yaml"):
            os.stat(entry.path)  # noqa: PTH116  (str paths, as loading stats them)
with open(cache_file, "rb") as f:  # noqa: PTH123  (no pathlib in a floor)
    while f.read(1 << 20):
        pass
with open(output, "rb") as f:  # noqa: PTH123
    sys.stdout.buffer.write(f.read())
