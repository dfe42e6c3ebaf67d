"""The one CSV writer: formulas neutralised, numbers left alone."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from alliance.exports import csv_cell, csv_rows


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
