"""Periods (data-contract §2): every notation municipalities use, canonical keys and Dutch labels."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitor.domain.periods import Period, PeriodError, PeriodKind, parse_period, period_from_key

MARCH_2024 = Period.month(2024, 3)
Q1_2024 = Period.quarter(2024, 1)
YEAR_2024 = Period.full_year(2024)


@pytest.mark.parametrize(
    ("notation", "expected"),
    [
        ("2024-03", MARCH_2024),
        ("mrt-24", MARCH_2024),
        ("Mrt-24", MARCH_2024),
        ("maart 2024", MARCH_2024),
        ("2024-Q1", Q1_2024),
        ("Q1 2024", Q1_2024),
        ("2024 Q1", Q1_2024),
        ("2024-q1", Q1_2024),
        ("2024", YEAR_2024),
        (" 2024-03 ", MARCH_2024),
    ],
)
def test_every_period_notation_of_the_contract_is_recognised(notation, expected):
    assert parse_period(notation) == expected


@pytest.mark.parametrize("notation", ["2024-03-31", "31-03-2024"])
def test_a_full_date_is_returned_as_that_date(notation):
    assert parse_period(notation) == dt.date(2024, 3, 31)


def test_a_spreadsheet_datetime_is_read_as_its_date():
    assert parse_period(dt.datetime(2022, 3, 1)) == dt.date(2022, 3, 1)


@pytest.mark.parametrize(
    ("period", "key", "label"),
    [
        (MARCH_2024, "2024-03", "mrt-24"),
        (Period.month(2023, 10), "2023-10", "okt-23"),
        (Q1_2024, "2024-Q1", "2024-Q1"),
        (YEAR_2024, "2024", "2024"),
    ],
)
def test_periods_have_a_canonical_key_and_a_dutch_label(period, key, label):
    assert (period.key, period.label) == (key, label)


@pytest.mark.parametrize(
    ("period", "end"),
    [
        (Period.month(2024, 2), dt.date(2024, 2, 29)),
        (Period.month(2023, 2), dt.date(2023, 2, 28)),
        (MARCH_2024, dt.date(2024, 3, 31)),
        (Period.quarter(2024, 2), dt.date(2024, 6, 30)),
        (Period.quarter(2024, 4), dt.date(2024, 12, 31)),
        (YEAR_2024, dt.date(2024, 12, 31)),
    ],
)
def test_the_end_of_a_period_is_its_last_day(period, end):
    assert period.end == end


def test_a_quarter_contains_its_three_months_and_a_month_its_quarter():
    assert Q1_2024.months() == [Period.month(2024, m) for m in (1, 2, 3)]
    assert Period.month(2024, 5).containing(PeriodKind.KWARTAAL) == Period.quarter(2024, 2)


def test_canonical_keys_sort_chronologically_within_one_kind():
    months = [Period.month(2023, 12), Period.month(2024, 1), Period.month(2024, 10)]
    assert sorted(p.key for p in reversed(months)) == [p.key for p in months]


@pytest.mark.parametrize(
    ("notation", "dutch_words"),
    [
        ("31-02-2024", "bestaat niet"),
        ("2024-13", "maand 13 bestaat niet"),
        ("foo", "geen periode die we herkennen"),
        ("", "geen periode die we herkennen"),
        ("Q5 2024", "geen periode die we herkennen"),
        ("1850", "ligt niet tussen 1990 en 2100"),
    ],
)
def test_an_invalid_period_raises_period_error_in_dutch(notation, dutch_words):
    with pytest.raises(PeriodError, match=dutch_words):
        parse_period(notation)


def test_the_unrecognised_period_message_shows_the_accepted_notations():
    with pytest.raises(PeriodError) as raised:
        parse_period("foo")
    assert "'foo'" in str(raised.value)
    assert "mrt-24" in str(raised.value) and "2024-Q1" in str(raised.value)


years = st.integers(min_value=1990, max_value=2100)
months = st.builds(Period.month, years, st.integers(1, 12))
quarters = st.builds(Period.quarter, years, st.integers(1, 4))
full_years = st.builds(Period.full_year, years)


@given(st.one_of(months, quarters, full_years))
def test_every_canonical_key_parses_back_to_its_period(period):
    assert parse_period(period.key) == period
    assert period_from_key(period.key) == period


# A label has a two-digit year, so it names a month of this century only.
@given(st.builds(Period.month, st.integers(2000, 2099), st.integers(1, 12)))
def test_every_month_label_parses_back_to_its_month(period):
    assert parse_period(period.label) == period


@given(st.text(max_size=20))
def test_any_text_is_a_period_a_date_or_a_period_error(text):
    try:
        parsed = parse_period(text)
    except PeriodError:
        return
    assert isinstance(parsed, Period | dt.date)
