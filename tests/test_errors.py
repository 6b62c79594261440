"""The error family: problems in file order, and the usage error of an option's choices."""

from __future__ import annotations

import pytest

from forecastcli.errors import EXIT_INTERRUPTED, Problem, UsageError, check_choice


def test_problems_sort_by_file_line_column_and_message() -> None:
    problems = [
        Problem("b.yaml", 1, 1, "x"),
        Problem("a.yaml", 10, 2, "y"),
        Problem("a.yaml", 9, 5, "z"),
        Problem("a.yaml", 10, 1, "w", warning=True),
        Problem("a.yaml", 10, 1, "v"),
    ]
    assert [(p.path, p.line, p.column, p.message) for p in sorted(problems)] == [
        ("a.yaml", 9, 5, "z"),
        ("a.yaml", 10, 1, "v"),
        ("a.yaml", 10, 1, "w"),
        ("a.yaml", 10, 2, "y"),
        ("b.yaml", 1, 1, "x"),
    ]


def test_a_value_outside_the_choices_is_a_usage_error() -> None:
    check_choice("--by", None, ("term", "horizon"))  # not given: nothing to say
    check_choice("--by", "term", ("term", "horizon"))
    with pytest.raises(UsageError, match=r"^--by must be one of term, horizon, not 'year'$"):
        check_choice("--by", "year", ("term", "horizon"))


def test_a_walk_stopped_with_ctrl_c_exits_as_the_shell_expects() -> None:
    assert EXIT_INTERRUPTED == 128 + 2  # 128 + SIGINT
