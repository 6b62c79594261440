import pytest

from forecastcli.scales import Term, built_in_scales

SCALES = built_in_scales()


def term(scale: str, text: str) -> Term:
    """The term of `scale` that `text` names, which must be there."""
    found = SCALES[scale].term(text)
    assert found is not None, text
    return found


def test_built_in_scales_have_spec_bands() -> None:
    phia = SCALES["phia"]
    bands = {t.name: (round(t.low * 100), round(t.high * 100)) for t in phia.terms}
    assert bands == {
        "remote chance": (0, 5),
        "highly unlikely": (10, 20),
        "unlikely": (25, 35),
        "realistic possibility": (40, 50),
        "likely": (55, 75),
        "highly likely": (80, 90),
        "almost certain": (95, 100),
    }
    assert SCALES["bisi"].terms == phia.terms
    assert term("icd203", "roughly even odds").name == "roughly even chance"
    assert term("kent", "Probably Not").name == "probably not"


def test_point_defaults_to_band_midpoint() -> None:
    assert term("phia", "likely").point == pytest.approx(0.65)
    assert term("phia", "almost certainly").point == pytest.approx(0.975)
    assert term("kent", "certain").point == 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Escalation is highly unlikely.", ["highly unlikely"]),
        ("Escalation is unlikely.", ["unlikely"]),
        ("It is LIKELY that X, though Y is unlikely", ["likely", "unlikely"]),
        ("They will almost certainly sign.", ["almost certain"]),
        ("a realistic possibility that", ["realistic possibility"]),
        ("The likelihood is unclear; unlikeliness is not a term.", []),
        ("It will probably happen", ["likely"]),
    ],
)
def test_find_terms_whole_word_longest_first(text: str, expected: list[str]) -> None:
    assert [m.term.name for m in SCALES["phia"].find(text)] == expected


def test_kent_almost_certainly_not_is_not_almost_certain() -> None:
    found = SCALES["kent"].find("It will almost certainly not happen; it is almost certain.")
    assert [m.term.name for m in found] == ["almost certainly not", "almost certain"]


def test_exact_lookup_is_case_and_space_insensitive() -> None:
    assert term("phia", "  Almost   Certainly ").name == "almost certain"
    assert SCALES["phia"].term("will likely") is None
