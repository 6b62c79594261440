"""The typed values of a brief: an Outcome reads and writes as its word everywhere."""

from __future__ import annotations

import json

import pytest

from forecastcli.model import Outcome


@pytest.mark.parametrize(
    ("value", "outcome"),
    [
        ("yes", Outcome.YES),
        ("y", Outcome.YES),
        (True, Outcome.YES),  # an unquoted yes, as YAML 1.1 reads it
        ("no", Outcome.NO),
        ("n", Outcome.NO),
        (False, Outcome.NO),
        ("ambiguous", Outcome.AMBIGUOUS),
        ("void", Outcome.VOID),
        ("Yes", None),  # files are read as written, as before
        ("maybe", None),
        (1, None),
        (None, None),
        (["yes"], None),
    ],
)
def test_a_file_value_names_an_outcome_or_none(value: object, outcome: Outcome | None) -> None:
    assert Outcome.read(value) is outcome


def test_what_each_outcome_scores_as() -> None:
    assert [o.scored for o in Outcome] == [1, 0, None, None]


def test_an_outcome_is_written_as_its_word() -> None:
    assert [str(o) for o in Outcome] == ["yes", "no", "ambiguous", "void"]
    assert f"{Outcome.NO:<9}|" == "no       |"
    assert json.dumps({"outcome": Outcome.VOID}) == '{"outcome": "void"}'
    assert {"yes": 1}[Outcome.YES] == 1  # equal to its word, and hashed as it
    assert Outcome.words() == "yes, no, ambiguous, void"
