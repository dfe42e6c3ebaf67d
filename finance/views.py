from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance.exports import csv_filename, csv_response
from alliance.models import AcademicYear
from alliance.params import query_year
from alliance.pdf import pdf_response
from alliance.permissions import object_page, requires
from finance import access, selectors, services
from finance.forms import (
    CreditNoteForm,
    FinanceSettingsForm,
    IssueForm,
    LedgerFilterForm,
    PaymentForm,
)
from finance.models import Invoice, InvoiceStatus, Payment, Source
from finance.periods import Term, terms_to_offer
from members.models import Organisation


def _to_invoice(invoice: Invoice) -> HttpResponse:
    return redirect("finance:invoice-detail", alliance_slug=invoice.alliance.slug, pk=invoice.pk)


def _year(request: HttpRequest) -> AcademicYear:
    """``?year=2025`` for 2025/26, up to this year; this year when not given or not a year."""
    current = AcademicYear.start_year_for(timezone.localdate())
    start = query_year(request)
    return AcademicYear(start_year=start if start is not None and start <= current else current)


def _without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@requires("finance.view")
@require_GET
def ledger(request: HttpRequest) -> HttpResponse:
    alliance = request.alliance
    schools = selectors.schools_with_invoices(alliance=alliance)
    form = LedgerFilterForm(request.GET or None, schools=schools)
    filters = form.cleaned_data if form.is_valid() else {}
    school = filters.get("school")
    invoices = selectors.invoice_list_for(
        alliance=alliance,
        status=filters.get("status", ""),
        source=filters.get("source", ""),
        school_id=school.pk if school else None,
    )
    context = {
        "summary": selectors.ledger_summary(alliance=alliance),
        "form": form,
        "page": Paginator(invoices, 50).get_page(request.GET.get("page")),
        "payments": selectors.payments_for(
            alliance=alliance, school_id=school.pk if school else None
        )[:20],
        "today": timezone.localdate(),
        "query": _without_page(request),
    }
    return render(request, "finance/ledger.html", context)


@requires("finance.settings")
@require_http_methods(["GET", "POST"])
def settings_edit(request: HttpRequest) -> HttpResponse:
    settings = services.settings_of(request.alliance)
    schools = Organisation.objects.filter(memberships__alliance=request.alliance).distinct()
    form = FinanceSettingsForm(request.POST or None, instance=settings, schools=schools)
    if request.method == "POST" and form.is_valid():
        try:
            services.finance_settings_update(actor=request.perms.person, settings=form.save())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The finance settings are saved.")
            return redirect("finance:settings", alliance_slug=request.alliance.slug)
    return render(request, "finance/settings_form.html", {"form": form})


@requires("finance.invoice")
@require_http_methods(["GET", "POST"])
def prepare(request: HttpRequest) -> HttpResponse:
    """What a term would bill, then (POST) the drafts made of it."""
    terms = terms_to_offer(timezone.localdate())
    asked = request.POST.get("term") or request.GET.get("term", "")
    term = Term.from_key(asked) if asked else terms[0]
    if term is None and request.method == "POST":
        # Never bill a term other than the one asked for.
        messages.error(request, "Choose a term from the list.")
        return redirect("finance:prepare", alliance_slug=request.alliance.slug)
    term = term or terms[0]
    if request.method == "POST":
        drafts = services.invoices_prepare(
            actor=request.perms.person, alliance=request.alliance, term=term
        )
        messages.success(
            request,
            f"{len(drafts)} draft invoices made for {term.label}."
            if drafts
            else f"Nothing more to bill for {term.label}.",
        )
        return redirect("finance:drafts", alliance_slug=request.alliance.slug)
    grouped = defaultdict(list)
    for charge in services.charges_to_bill(alliance=request.alliance, term=term):
        grouped[(charge.school.name, Source(charge.source).label)].append(charge)
    groups = [
        (key, charges, sum(c.quantity * c.unit_price for c in charges))
        for key, charges in sorted(grouped.items())
    ]
    context = {"terms": terms, "term": term, "grouped": groups}
    return render(request, "finance/prepare.html", context)


@requires("finance.invoice")
@require_http_methods(["GET", "POST"])
def drafts(request: HttpRequest) -> HttpResponse:
    """The drafts waiting to be issued: tick some, or leave all ticked, and issue them."""
    pending = Invoice.objects.filter(
        alliance=request.alliance, status=InvoiceStatus.DRAFT
    ).select_related("school")
    form = IssueForm(
        request.POST or None, drafts=pending, initial={"invoices": [d.pk for d in pending]}
    )
    if request.method == "POST" and form.is_valid():
        issued = services.invoices_issue(
            actor=request.perms.person,
            alliance=request.alliance,
            pks=[invoice.pk for invoice in form.cleaned_data["invoices"]],
        )
        messages.success(request, f"{len(issued)} invoices issued.")
        return redirect("finance:ledger", alliance_slug=request.alliance.slug)
    return render(request, "finance/drafts.html", {"form": form, "drafts": pending})


@object_page(access.get_invoice_to_read)
@require_GET
def invoice_detail(request: HttpRequest, invoice: Invoice) -> HttpResponse:
    context = {
        "invoice": invoice,
        "lines": invoice.lines.all(),
        "payments": invoice.payments.all(),
        "credit_notes": invoice.credit_notes.all(),
        "credit_held": services.credit_balance(
            alliance=request.alliance, school_id=invoice.school_id
        ),
        "today": timezone.localdate(),
    }
    return render(request, "finance/invoice_detail.html", context)


@object_page(access.get_invoice_to_read)
@require_GET
def invoice_pdf(request: HttpRequest, invoice: Invoice) -> HttpResponse:
    context = {
        "invoice": invoice,
        "lines": invoice.lines.all(),
        "settings": services.settings_of(request.alliance),
    }
    return pdf_response(
        request,
        "finance/invoice_pdf.html",
        context,
        filename=invoice.filename,
        disposition="attachment",
    )


@requires("finance.invoice")
@require_POST
def invoice_void(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = access.get_invoice_to_change(request, pk)
    try:
        services.invoice_void(actor=request.perms.person, invoice=invoice)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "The draft is void.")
    return _to_invoice(invoice)


@requires("finance.invoice")
@require_http_methods(["GET", "POST"])
def credit_note_new(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = access.get_invoice_to_change(request, pk)
    form = CreditNoteForm(request.POST or None, invoice=invoice)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.credit_note_issue(
                actor=request.perms.person,
                invoice=invoice,
                line_ids=[line.pk for line in form.cleaned_data["lines"]],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Credit note {note.number} issued.")
            return _to_invoice(note)
    return render(request, "finance/credit_note_form.html", {"form": form, "invoice": invoice})


def _payment_message(payment: Payment, recorded: bool, sent: dict) -> str:
    """What happened, in words: this form had recorded its payment already when sent again."""
    credit = (
        f" £{payment.to_credit:,.2f} is kept as the school's credit." if payment.to_credit else ""
    )
    if recorded:
        return f"Payment of £{payment.amount:,.2f} recorded.{credit}"
    if payment.amount == sent["amount"]:
        return f"Payment of £{payment.amount:,.2f} recorded once: the form was sent twice."
    return (
        f"This form had already recorded a payment of £{payment.amount:,.2f}, so "
        f"£{sent['amount']:,.2f} was not recorded. To record another payment, open "
        "“Record a payment” again."
    )


@requires("finance.record_payment")
@require_http_methods(["GET", "POST"])
def payment_new(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = access.get_invoice_to_change(request, pk)
    form = PaymentForm(request.POST or None, balance=invoice.balance)
    if request.method == "POST" and form.is_valid():
        try:
            payment, recorded = services.payment_record(
                actor=request.perms.person, invoice=invoice, **form.cleaned_data
            )
        except services.CreditNotConfirmed as error:
            form.ask_about_credit(error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _payment_message(payment, recorded, form.cleaned_data))
            return _to_invoice(invoice)
    return render(request, "finance/payment_form.html", {"form": form, "invoice": invoice})


@requires("finance.record_payment")
@require_POST
def credit_use(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = access.get_invoice_to_change(request, pk)
    try:
        used = services.credit_apply(actor=request.perms.person, invoice=invoice)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"£{used} of the school's credit used against this invoice.")
    return _to_invoice(invoice)


@requires("finance.invoice")
@require_POST
def invoice_remind(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = access.get_invoice_to_change(request, pk)
    try:
        services.invoice_remind(actor=request.perms.person, invoice=invoice)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "A reminder is on its way to the school's headteacher.")
    if request.POST.get("next") == "outstanding":
        return redirect("finance:outstanding", alliance_slug=request.alliance.slug)
    return _to_invoice(invoice)


@requires("finance.view")
@require_GET
def outstanding(request: HttpRequest) -> HttpResponse:
    rows, totals = selectors.outstanding_by_school(alliance=request.alliance)
    overdue = (
        selectors.open_invoices_of(request.alliance)
        .filter(due_date__lt=timezone.localdate())
        .select_related("school")
        .order_by("due_date", "number")
    )
    context = {
        "rows": rows,
        "totals": totals,
        "grand_total": sum(totals),
        "buckets": selectors.AGEING_BUCKETS,
        "overdue": overdue,
        "today": timezone.localdate(),
    }
    return render(request, "finance/outstanding.html", context)


@requires("finance.view")
@require_GET
def income(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    current = AcademicYear.start_year_for(timezone.localdate())
    context = {
        "year": year,
        "years": [AcademicYear(start_year=y) for y in range(current, current - 4, -1)],
        **selectors.income_for_year(alliance=request.alliance, year=year),
    }
    return render(request, "finance/income.html", context)


@requires("finance.view")
@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    """One row per invoice line (each line has its own nominal code and VAT rate), credit notes
    as negative amounts: the layout Sage, Xero and QuickBooks import as sales."""
    year = _year(request)
    settings = services.settings_of(request.alliance)
    lines = selectors.csv_lines_for(
        alliance=request.alliance, since=year.starts_on, until=year.ends_on
    )
    header = [
        "Date",
        "Number",
        "Type",
        "School",
        "Description",
        "Nominal code",
        "Net",
        "VAT",
        "Gross",
    ]
    rows = (
        [
            f"{line.invoice.issue_date:%d/%m/%Y}",
            line.invoice.number,
            line.invoice.get_kind_display(),
            line.invoice.school.name,
            line.description,
            settings.nominal_code(line.source),
            line.net,
            line.vat,
            line.gross,
        ]
        for line in lines.iterator()
    )
    filename = csv_filename(request.alliance.slug, "invoices", year.label.replace("/", "-"))
    return csv_response(filename, header, rows)


@object_page(access.get_school_account)
@require_GET
def statement(request: HttpRequest, school: Organisation) -> HttpResponse:
    context = {
        "statement": selectors.statement_for(alliance=request.alliance, school=school),
        "today": timezone.localdate(),
    }
    return render(request, "finance/statement.html", context)
