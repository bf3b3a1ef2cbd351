"""Recognising BSNs so that an upload holding them is refused (data-contract §3)."""

from __future__ import annotations

import random

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from monitor.ingest.bsn import column_holds_bsns, looks_like_bsn, passes_elfproef

# Test BSNs that pass the elfproef and are used in Dutch government test environments.
VALID_TEST_BSNS = ["111222333", "123456782"]


def bsn_from_first_eight(first_eight: str) -> str | None:
    """Complete eight digits to a number that passes the elfproef, if a check digit exists."""
    check = sum(int(d) * w for d, w in zip(first_eight, range(9, 1, -1), strict=True)) % 11
    return first_eight + str(check) if check < 10 else None


@pytest.mark.parametrize("bsn", VALID_TEST_BSNS)
def test_known_test_bsns_pass_the_elfproef(bsn):
    assert passes_elfproef(bsn)
    assert looks_like_bsn(bsn)


@pytest.mark.parametrize(
    "digits", ["123456789", "111222334", "000000000", "12345678", "1234567820", "12345678a"]
)
def test_other_numbers_fail_the_elfproef(digits):
    assert not passes_elfproef(digits)


def test_a_bsn_whose_leading_zero_excel_dropped_still_looks_like_a_bsn():
    bsn = bsn_from_first_eight("01234567")
    assert bsn is not None and bsn.startswith("0")
    assert looks_like_bsn(bsn[1:])
    assert looks_like_bsn(float(bsn))


def test_a_column_of_valid_bsns_holds_bsns():
    assert column_holds_bsns(["111222333", "123456782", 111222333.0, " 123456782 "])


def test_amounts_written_with_separators_are_not_bsns():
    assert not column_holds_bsns(["111.222.333", "123.456.782", "€ 111.222.333"])


def test_a_column_of_random_nine_digit_euro_amounts_is_not_a_bsn_column():
    generator = random.Random(20240331)
    amounts = [str(generator.randrange(100_000_000, 1_000_000_000)) for _ in range(500)]
    passing = sum(passes_elfproef(amount) for amount in amounts)
    assert 0 < passing < 100  # about one in eleven passes by chance
    assert not column_holds_bsns(amounts)


def test_a_column_without_bare_numbers_holds_no_bsns():
    assert not column_holds_bsns([])
    assert not column_holds_bsns(["Hulp bij het huishouden", "12", None])


@given(st.lists(st.text("0123456789", min_size=8, max_size=8), min_size=1, max_size=30))
def test_any_column_of_numbers_that_pass_the_elfproef_holds_bsns(prefixes):
    bsns = [bsn for prefix in prefixes if (bsn := bsn_from_first_eight(prefix))]
    assume(any(bsn != "000000000" for bsn in bsns))
    assert column_holds_bsns([bsn for bsn in bsns if bsn != "000000000"])


@pytest.mark.parametrize(
    "written",
    ["1234.56.782", "123 456 782", "123-456-782", "BSN 123456782", "bsn: 1234.56.782",
     "Burgerservicenummer 123.456.782", "１２３４５６７８２", "\uff11\uff11\uff11222333"],
)  # fmt: skip
def test_a_bsn_with_dots_spaces_a_label_or_full_width_digits_looks_like_a_bsn(written):
    assert looks_like_bsn(written)
    assert column_holds_bsns([written])


@pytest.mark.parametrize("text", ["123.456.789", "€ 123.456.782", "1.234.567", "Hulp 123456782"])
def test_amounts_and_other_texts_with_nine_digits_are_not_read_as_a_bsn(text):
    assert not looks_like_bsn(text)
