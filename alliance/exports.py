"""The one writer of every CSV the portal offers for download.

A name or title typed into the portal reaches spreadsheets through these files. A cell that
starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) is run as a
formula by Excel and LibreOffice: ``=HYPERLINK(…)`` in a delegate's name becomes a link to
anywhere. OWASP's advice is followed: such text cells start with a single quote, which the
spreadsheet shows as text. Numbers are left alone; a negative number is not a formula.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from django.http import StreamingHttpResponse

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
