"""Numbers (data-contract §2): Dutch and international notation, resolved once per file."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitor.domain.numbers import (
    Notation,
    NumberError,
    format_dutch,
    format_euro,
    nonbreaking_amounts,
    parse_number,
    resolve_notation,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.464.689", Decimal(1464689)),
        ("1464689", Decimal(1464689)),
        ("€ 1.464.689", Decimal(1464689)),
        ("44.583€", Decimal(44583)),
        ("12,5", Decimal("12.5")),
        ("-3.000", Decimal(-3000)),
        ("1.250,50", Decimal("1250.50")),
        ("€ -1.000,50", Decimal("-1000.50")),
        ("1.000-", Decimal(-1000)),
    ],
)
def test_every_value_form_of_the_contract_is_read_in_dutch_notation(text, expected):
    assert parse_number(text, Notation.NL) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,464,689.50", Decimal("1464689.50")),
        ("12.5", Decimal("12.5")),
        ("1,000", Decimal(1000)),
        ("1464689", Decimal(1464689)),
    ],
)
def test_international_notation_is_read_when_the_file_uses_it(text, expected):
    assert parse_number(text, Notation.INTERNATIONAAL) == expected


def test_a_file_with_a_decimal_comma_is_dutch_and_its_thousands_dot_follows():
    notation, proof = resolve_notation(["12,5", "3.000"])
    assert notation is Notation.NL
    assert proof == {Notation.NL: "12,5"}
    assert parse_number("3.000", notation) == Decimal(3000)


def test_a_file_with_a_decimal_point_is_international_and_its_thousands_comma_follows():
    notation, proof = resolve_notation(["12.5", "1,000"])
    assert notation is Notation.INTERNATIONAAL
    assert proof == {Notation.INTERNATIONAAL: "12.5"}
    assert parse_number("1,000", notation) == Decimal(1000)


def test_a_file_without_evidence_is_read_as_dutch():
    notation, proof = resolve_notation(["3.000", "1464689", "44.583€"])
    assert notation is Notation.NL
    assert proof == {}


def test_a_file_mixing_notations_gives_proof_of_both():
    _, proof = resolve_notation(["3.000", "12,5", "7", "12.5"])
    assert proof == {Notation.NL: "12,5", Notation.INTERNATIONAAL: "12.5"}


@pytest.mark.parametrize("text", ["twaalf", "", "-", "€", "n.v.t.", "12 stuks"])
def test_text_that_is_not_a_number_raises_number_error_in_dutch(text):
    with pytest.raises(NumberError, match="is geen getal"):
        parse_number(text, Notation.NL)


@pytest.mark.parametrize(
    ("text", "dutch_words"),
    [
        ("1.23.456", "niet per drie cijfers gegroepeerd"),
        ("1,5,0", "meer dan één decimaalteken"),
        ("1.000.000.000.000.000", "te groot"),
    ],
)
def test_malformed_dutch_numbers_are_refused_with_the_reason(text, dutch_words):
    with pytest.raises(NumberError, match=dutch_words):
        parse_number(text, Notation.NL)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1464689, 0, "1.464.689"),
        (Decimal("12.5"), 1, "12,5"),
        (-3000, 0, "-3.000"),
        (Decimal("1250.5"), 2, "1.250,50"),
        (Decimal("0.125"), 2, "0,13"),
        (999, 0, "999"),
        (0, 0, "0"),
    ],
)
def test_format_dutch_groups_thousands_with_dots_and_uses_a_decimal_comma(
    value, decimals, expected
):
    assert format_dutch(value, decimals) == expected


def test_format_euro_puts_the_euro_sign_in_front_joined_by_a_non_breaking_space():
    assert format_euro(1464689) == "€\u00a01.464.689"
    assert format_euro(-1000) == "-€\u00a01.000"


def test_an_amount_typed_in_a_text_keeps_its_euro_sign():
    assert (
        nonbreaking_amounts("een tekort van € 5.000 en € -3")
        == "een tekort van €\u00a05.000 en €\u00a0-3"
    )
    assert nonbreaking_amounts("de € is een munt") == "de € is een munt"


amounts = st.tuples(
    st.integers(min_value=-(10**12), max_value=10**12), st.sampled_from([0, 1, 2])
).map(lambda pair: (Decimal(pair[0]).scaleb(-pair[1]), pair[1]))


@given(amounts)
def test_a_number_in_dutch_notation_reads_back_exactly(amount):
    value, decimals = amount
    text = format_dutch(value, decimals)
    notation, _ = resolve_notation([text])
    assert notation is Notation.NL
    assert parse_number(text, notation) == value


@given(amounts)
def test_a_number_in_international_notation_reads_back_exactly(amount):
    value, decimals = amount
    text = f"{value:,.{decimals}f}"
    _, proof = resolve_notation([text])
    assert Notation.NL not in proof
    assert parse_number(text, Notation.INTERNATIONAAL) == value


@given(st.text(max_size=20), st.sampled_from(list(Notation)))
def test_any_text_is_a_number_or_a_number_error(text, notation):
    try:
        number = parse_number(text, notation)
    except NumberError:
        return
    assert number.is_finite()
