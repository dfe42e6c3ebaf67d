"""Money in the role × page matrix (issue 14).

The finance holder keeps the books: only they prepare, issue, credit, remind and record
payments. The director reads every figure and shares the settings. A head reads their own
school's invoices and statement: Bellenden Road's are the demo head's, and the chair (head of
Charles Dickens Primary) is answered 404, as if they did not exist."""

from finance.models import Invoice, InvoiceStatus
from members.models import Organisation
from tests.permission_table import SOUTHWARK, Page, only

BOOKS = ("finance", "director")
BELLENDEN = "Bellenden Road Primary School"


def _bellenden_invoice(demo) -> dict:
    invoice = Invoice.objects.filter(
        alliance=demo.southwark, school__name=BELLENDEN, status=InvoiceStatus.ISSUED
    ).first()
    return {**SOUTHWARK, "pk": invoice.pk}


def _bellenden(demo) -> dict:
    return {**SOUTHWARK, "pk": Organisation.objects.get(name=BELLENDEN).pk}


SCHOOL_READERS = {**only(*BOOKS, "head"), "chair": 404}

# Pages that show a form answer GET and POST; the writes answered only to a POST are marked so.
ROWS = [
    Page("finance:ledger", SOUTHWARK, only(*BOOKS)),
    Page("finance:outstanding", SOUTHWARK, only(*BOOKS)),
    Page("finance:income", SOUTHWARK, only(*BOOKS)),
    Page("finance:export-csv", SOUTHWARK, only(*BOOKS)),
    Page("finance:settings", SOUTHWARK, only(*BOOKS)),
    Page("finance:prepare", SOUTHWARK, only("finance")),
    Page("finance:drafts", SOUTHWARK, only("finance")),
    Page("finance:invoice-detail", _bellenden_invoice, SCHOOL_READERS),
    Page("finance:invoice-pdf", _bellenden_invoice, SCHOOL_READERS),
    Page("finance:statement", _bellenden, SCHOOL_READERS),
    Page("finance:invoice-void", _bellenden_invoice, only("finance", status=302), method="post"),
    Page("finance:credit-note-new", _bellenden_invoice, only("finance")),
    Page("finance:payment-new", _bellenden_invoice, only("finance")),
    Page("finance:credit-use", _bellenden_invoice, only("finance", status=302), method="post"),
    Page("finance:invoice-remind", _bellenden_invoice, only("finance", status=302), method="post"),
]
