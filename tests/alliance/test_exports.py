"""The one CSV writer: formulas neutralised, numbers left alone."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from alliance.exports import csv_cell, csv_filename, csv_rows, short_name


@pytest.mark.parametrize(
    "text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1", '=HYPERLINK("x")']
)
def test_it_quotes_text_a_spreadsheet_would_run(text):
    assert csv_cell(text) == f"'{text}"


@pytest.mark.parametrize("value", ["Phonics", "Ann-Marie O'Neil", "", " =1", "1,5", "café", "a=b"])
def test_it_leaves_ordinary_text_alone(value):
    assert csv_cell(value) == value


@pytest.mark.parametrize("number", [-1, 0, 2.5, Decimal("-19.5"), Decimal("220.5")])
def test_it_leaves_numbers_alone_even_negative(number):
    assert csv_cell(number) == number


def test_it_writes_dates_and_nothing_as_text():
    assert csv_cell(datetime.date(2025, 9, 1)) == "2025-09-01"
    assert csv_cell(None) == ""


def test_it_starts_with_a_byte_order_mark_and_ends_lines_as_csv_does():
    lines = list(csv_rows(["Name", "Days"], [["=evil()", Decimal("-1.5")]]))
    assert lines == ["\ufeffName,Days\r\n", "'=evil(),-1.5\r\n"]


def test_it_names_a_file_from_words_and_a_day():
    day = datetime.date(2027, 1, 4)
    assert csv_filename("register", "Phonics for new teachers", day=day) == (
        "register-phonics-for-new-teachers-2027-01-04.csv"
    )


def test_it_keeps_only_letters_digits_and_hyphens_in_a_file_name():
    assert csv_filename('Évaluation: "year" 2/3 ../etc') == "evaluation-year-23-etc.csv"


def test_it_drops_the_generic_words_that_end_a_school_name():
    assert short_name("Bellenden Road Primary School") == "Bellenden Road"
    assert short_name("Charles Dickens Primary") == "Charles Dickens"
    assert short_name("School") == "School"
