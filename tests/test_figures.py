"""Numbers in JSON and CSV: the shortest decimal that reads back, rounded to 6 places."""

from __future__ import annotations

import json
import math

from hypothesis import example, given
from hypothesis import strategies as st

from forecastcli.figures import json_text, tidy


def test_float_noise_is_rounded_away_everywhere_in_the_data() -> None:
    data = {"b": [0.1 + 0.2, (0.15000000000000002, 2)], "a": {"x": 1 / 3}, "n": 7, "t": True}
    assert tidy(data) == {"b": [0.3, [0.15, 2]], "a": {"x": 0.333333}, "n": 7, "t": True}
    assert json_text(data) == (
        '{\n  "a": {\n    "x": 0.333333\n  },\n  "b": [\n    0.3,\n    [\n      0.15,\n'
        '      2\n    ]\n  ],\n  "n": 7,\n  "t": true\n}\n'
    )


def test_a_tiny_negative_is_zero_not_minus_zero() -> None:
    assert json_text([-1e-12, 1e-7, -0.0]) == "[\n  0.0,\n  0.0,\n  0.0\n]\n"


def test_infinity_and_nan_are_left_as_they_are() -> None:
    assert tidy(math.inf) == math.inf
    assert math.isnan(tidy(math.nan))


@given(st.floats(-1e6, 1e6, allow_nan=False))
@example(1.3515625)
def test_each_number_reads_back_within_half_a_millionth(value: float) -> None:
    written = json_text(value)
    back = json.loads(written)
    # Half a millionth, give or take the float error of the subtraction: an exact tie such
    # as 1.3515625 rounds to 1.351562, and the difference computes as 5.00000000014e-07.
    assert abs(back - value) <= 5e-7 + 1e-9
    # The shortest decimal: never more than 6 places after the point.
    assert len(written.strip().partition(".")[2].partition("e")[0]) <= 6
