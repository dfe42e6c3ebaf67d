"""The one writer of every CSV the portal offers for download.

A name or title typed into the portal reaches spreadsheets through these files. A cell that
starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) is run as a
formula by Excel and LibreOffice: ``=HYPERLINK(…)`` in a delegate's name becomes a link to
anywhere. OWASP's advice is followed: such text cells start with a single quote, which the
spreadsheet shows as text. Numbers are left alone; a negative number is not a formula.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from django.http import StreamingHttpResponse
from django.utils.text import slugify

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Excel reads a CSV as the machine's code page unless it starts with a byte order mark.
BYTE_ORDER_MARK = "\ufeff"


def csv_cell(value: object) -> object:
    """A value as a CSV cell: text that a spreadsheet would run as a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


# Words that end most school names and say nothing in a file name: "Bellenden Road Primary
# School" is saved as "bellenden-road".
GENERIC_NAME_ENDINGS = {"school", "primary", "secondary", "academy", "infant", "junior", "college"}
LONGEST_SLUG = 80


def short_name(name: str) -> str:
    """An organisation's name without the generic words it ends with."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in GENERIC_NAME_ENDINGS:
        words.pop()
    return " ".join(words)


def csv_filename(*words: str, day: datetime.date | None = None) -> str:
    """What a CSV holds and the day it is of, as a file name a person recognises in their
    downloads: ``register-phonics-for-new-teachers-2027-01-04.csv``."""
    slug = slugify(" ".join(words))[:LONGEST_SLUG].strip("-") or "export"
    return f"{slug}-{day:%Y-%m-%d}.csv" if day else f"{slug}.csv"


class _Echo:
    """A file that hands back what is written, so each row can be streamed as it is made."""

    def write(self, value: str) -> str:
        return value


def csv_rows(header: Sequence[object], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """The lines of a CSV file: a byte order mark, the header, then each row made safe."""
    writer = csv.writer(_Echo())
    yield BYTE_ORDER_MARK + writer.writerow([csv_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([csv_cell(cell) for cell in row])


def csv_response(
    filename: str, header: Sequence[object], rows: Iterable[Sequence[object]]
) -> StreamingHttpResponse:
    """A CSV download, streamed row by row (an alliance's bookings may be many)."""
    response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
