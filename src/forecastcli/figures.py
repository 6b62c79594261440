"""Numbers as JSON and CSV show them: the shortest decimal, rounded to 6 places.

Arithmetic in binary leaves noise a reader must not see (the midpoint of 10–20 % is
0.15000000000000002): SPEC section 7 writes it 0.15. Every `--json` output and every
export goes through here, so no key can be missed.
"""

from __future__ import annotations

import math
from typing import Any

PLACES = 6


def tidy(data: Any) -> Any:
    """`data` with every float rounded to PLACES (lists, tuples and dicts walked through).

    Python writes a float as the shortest decimal that reads back as the same value, so the
    rounded float prints as 0.15. Whole numbers, text and everything else stay as they are.
    """
    if isinstance(data, float):
        if not math.isfinite(data):
            return data
        # + 0.0 turns a -0.0 left by rounding a tiny negative into 0.0.
        return round(data, PLACES) + 0.0
    if isinstance(data, dict):
        return {key: tidy(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [tidy(value) for value in data]
    return data


def json_text(data: Any) -> str:
    """Stable JSON: sorted keys, two-space indent, tidy numbers, control characters as
    escapes (`safetext.json_visible`), a final newline."""
    import json

    from forecastcli.safetext import json_visible

    text = json.dumps(tidy(data), indent=2, sort_keys=True, ensure_ascii=False)
    return json_visible(text) + "\n"
