"""The date parser reads what Indonesian users type, and refuses what is not a date."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.core.date_input import DateInputError, month_number, parse_date, parse_month

TODAY = date(2026, 12, 5)
JUNE_20 = date(2024, 6, 20)


@pytest.mark.parametrize(
    "text",
    [
        "20062024", "20/06/2024", "20-6-2024", "20.06.24", "20 Juni 2024", "20 jun 2024",
        "20 JUNI 2024", "20-Jun-2024", "20 June 2024", "20/6/24", "20 - 06 - 2024", "  20/06/2024 ",
        "200624", "2024-06-20", "20240620", "June 20, 2024", "20 Jun. 2024", "20.6.2024",
    ],
)  # fmt: skip
def test_every_usual_way_of_writing_20_june_2024(text: str) -> None:
    assert parse_date(text, today=TODAY) == JUNE_20


@pytest.mark.parametrize(
    ("word", "month"),
    [
        ("Januari", 1), ("jan", 1), ("Februari", 2), ("Pebruari", 2), ("feb", 2), ("Maret", 3),
        ("march", 3), ("apr", 4), ("Mei", 5), ("may", 5), ("Juni", 6), ("jun", 6), ("Juli", 7),
        ("jul", 7), ("Agustus", 8), ("Agu", 8), ("Agt", 8), ("ags", 8), ("aug", 8),
        ("August", 8), ("agust", 8), ("September", 9), ("sept", 9), ("Oktober", 10), ("okt", 10),
        ("oct", 10), ("November", 11), ("Nop", 11), ("Desember", 12), ("des", 12), ("dec", 12),
    ],
)  # fmt: skip
def test_month_names_in_indonesian_and_english(word: str, month: int) -> None:
    assert month_number(word) == month
    assert parse_date(f"3 {word} 2025", today=TODAY) == date(2025, month, 3)


@pytest.mark.parametrize("word", ["ju", "ma", "xyz", "junio"])
def test_unknown_or_ambiguous_month_words(word: str) -> None:
    assert month_number(word) is None


def test_two_digit_years_follow_the_clock() -> None:
    assert parse_date("01/01/26", today=TODAY) == date(2026, 1, 1)
    # A birth date may not be later than today: 27 is 1927, never 2027.
    assert parse_date("01/01/27", today=TODAY, latest=TODAY) == date(1927, 1, 1)
    assert parse_date("01/01/99", today=TODAY, latest=TODAY) == date(1999, 1, 1)
    # Without a latest date, a near-future year stays in this century (a planned visit).
    assert parse_date("01/01/30", today=TODAY) == date(2030, 1, 1)
    assert parse_date("01/01/60", today=TODAY) == date(1960, 1, 1)


def test_the_pivot_moves_with_the_clock() -> None:
    assert parse_date("01/01/30", today=date(2040, 1, 1), latest=date(2040, 1, 1)) == date(
        2030, 1, 1
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("31/02/2024", ["31 Februari 2024 tidak ada", "29 hari"]),
        ("29/02/2023", ["2023", "kabisat"]),
        ("31/04/2025", ["31 April 2025 tidak ada", "30 hari"]),
        ("32/01/2024", ["32"]),
        ("00/01/2024", ["0"]),
        ("20/13/2024", ["13", "1\u201312"]),
        ("20 Juno 2024", ["Juno"]),
        ("20/06/1850", ["1850"]),
        ("20/06/20245", ["20245"]),
        ("2x/06/2024", ["x"]),
        ("20/06/2024/1", ["bagian"]),
    ],
)
def test_impossible_dates_name_the_problem(text: str, words: list[str]) -> None:
    with pytest.raises(DateInputError) as caught:
        parse_date(text, today=TODAY)
    assert not caught.value.incomplete
    for word in words:
        assert word in caught.value.message


def test_leap_day_exists_in_a_leap_year() -> None:
    assert parse_date("29/02/2024", today=TODAY) == date(2024, 2, 29)
    assert parse_date("29022024", today=TODAY) == date(2024, 2, 29)


@pytest.mark.parametrize("text", ["2", "20", "20/", "20/06", "20/06/", "20/06/2", "20 Jun", "2006"])
def test_unfinished_text_is_incomplete_not_wrong(text: str) -> None:
    with pytest.raises(DateInputError) as caught:
        parse_date(text, today=TODAY)
    assert caught.value.incomplete, caught.value.message


def test_seven_digits_are_ambiguous_and_say_so() -> None:
    with pytest.raises(DateInputError) as caught:
        parse_date("2062024", today=TODAY)
    assert "8 angka" in caught.value.message


def test_blank_is_no_date() -> None:
    assert parse_date("", today=TODAY) is None
    assert parse_date("   ", today=TODAY) is None


def test_latest_and_earliest_bound_the_date() -> None:
    with pytest.raises(DateInputError) as caught:
        parse_date("06/12/2026", today=TODAY, latest=TODAY)
    assert "hari ini (5 Desember 2026)" in caught.value.message
    assert parse_date("05/12/2026", today=TODAY, latest=TODAY) == TODAY
    with pytest.raises(DateInputError) as caught:
        parse_date("01/01/2020", today=TODAY, earliest=date(2021, 1, 1))
    assert "1 Januari 2021" in caught.value.message
    with pytest.raises(DateInputError) as caught:
        parse_date("01/01/2030", today=TODAY, latest=date(2029, 12, 31))
    assert "31 Desember 2029" in caught.value.message


@pytest.mark.parametrize(
    "text",
    ["11/2026", "11-2026", "11.26", "112026", "2026-11", "Nov 2026", "November 2026", "nop 2026",
     "nov-26"],
)  # fmt: skip
def test_months_as_typed(text: str) -> None:
    assert parse_month(text, today=TODAY) == date(2026, 11, 1)


@pytest.mark.parametrize(
    ("text", "incomplete"),
    [("13/2026", False), ("Novem", True), ("11", True), ("11/2", True), ("1/2/2026", False)],
)
def test_month_errors(text: str, incomplete: bool) -> None:
    with pytest.raises(DateInputError) as caught:
        parse_month(text, today=TODAY)
    assert caught.value.incomplete is incomplete, caught.value.message


def test_month_bounds() -> None:
    assert parse_month("", today=TODAY) is None
    with pytest.raises(DateInputError) as caught:
        parse_month("01/2027", today=TODAY, latest=TODAY)
    assert "Desember 2026" in caught.value.message
