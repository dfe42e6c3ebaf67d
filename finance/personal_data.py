"""Finance holds no section of "Download my data": the alliance bills schools, never a person
(someone of no school is not invoiced; see ``finance/sources.py``). What it holds that names a
person, and why each stays as it is, is declared here."""

from __future__ import annotations

from alliance.personal_data import personal_data_left_out
from finance.models import CreditMovement, Invoice, InvoiceLine, Payment

personal_data_left_out(
    Invoice,
    "An invoice or credit note to a school; its people, created_by and issued_by, are the "
    "finance holder or director who made and issued it, kept to say who did: links to their "
    "person record, no copy of their name or address.",
)
personal_data_left_out(
    InvoiceLine,
    "A line's description names the delegate, participant or SLE it bills for, as it was when "
    "billed. An issued invoice is never changed (Invoice.save refuses) and is kept as the "
    "alliance's accounting record, so anonymising leaves these names; the person's places and "
    "deployments themselves are in their 'bookings', 'programme_enrolments' and 'deployments'.",
)
personal_data_left_out(
    Payment,
    "Money a school paid; its only person, recorded_by, is the member of staff who recorded it, "
    "kept to say who did: a link to their person record, no copy of their name or address.",
)
personal_data_left_out(
    CreditMovement,
    "A school's credit used or added; its only person, made_by, is the member of staff who "
    "made the movement, kept to say who did: a link to their person record, no copy of their "
    "name or address.",
)
