"""The archive's lookups and their one "did you mean" hint."""

from __future__ import annotations

from forecastcli.archive import did_you_mean
from forecastcli.safetext import quote


def test_did_you_mean_names_the_nearest_known_name() -> None:
    assert did_you_mean("alpah", ["alpha", "beta"]) == "; did you mean 'alpha'?"
    assert did_you_mean("zzz", ["alpha", "beta"]) == ""


def test_did_you_mean_names_several_as_the_caller_writes_them() -> None:
    known = ["b/alpha", "c/alpha", "b/beta", "b/alpha"]  # a repeat counts once
    assert (
        did_you_mean("b/alpah", known, most=3, cutoff=0.5, shown=str)
        == "; did you mean b/alpha or c/alpha?"
    )


def test_did_you_mean_quotes_a_long_name_cut_short() -> None:
    long = "x" * 80
    assert did_you_mean(long + "y", [long], shown=quote) == f"; did you mean {quote(long)}?"
