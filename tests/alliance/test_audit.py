"""The audit log: sign-ins and two-factor changes are recorded, downloads are recorded, the
director reads, filters and exports their alliance's trail, and nobody can change an entry."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from alliance.audit import audit_record
from alliance.models import AuditEntry, AuditKind

pytestmark = pytest.mark.django_db

PASSWORD = "alliance-demo"


def _audit_url(slug: str = "southwark", name: str = "alliance:audit-list") -> str:
    return reverse(name, kwargs={"alliance_slug": slug})


def _sign_in(client, email: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_it_records_a_sign_in(client, demo):
    response = _sign_in(client, "head@demo.test")
    assert response.status_code == 302
    entry = AuditEntry.objects.get(kind=AuditKind.SIGNED_IN)
    assert entry.actor == demo.user("head")
    assert entry.ip_address == "127.0.0.1"


def test_it_records_a_failed_sign_in_without_the_password(client, demo):
    response = _sign_in(client, "head@demo.test", "not-the-password")
    assert response.status_code == 200
    entry = AuditEntry.objects.get(kind=AuditKind.SIGN_IN_FAILED)
    assert entry.actor == demo.user("head")
    assert "head@demo.test" in entry.detail
    assert "not-the-password" not in entry.detail
    assert not AuditEntry.objects.filter(kind=AuditKind.SIGNED_IN).exists()


def test_it_records_two_factor_sign_in_set_up_and_removed(
    client, demo, django_capture_on_commit_callbacks
):
    _sign_in(client, "head@demo.test")
    # allauth asks for the password again before two-factor changes.
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    added = AuditEntry.objects.filter(kind=AuditKind.MFA_ADDED, actor=demo.user("head"))
    assert added.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_deactivate_totp"))
    assert AuditEntry.objects.filter(kind=AuditKind.MFA_REMOVED, actor=demo.user("head")).exists()


def test_it_records_who_downloaded_which_csv(login, demo):
    response = login("director").get(reverse("programmes:booking-export", args=["southwark"]))
    assert response.status_code == 200
    b"".join(response.streaming_content)
    entry = AuditEntry.objects.get(kind=AuditKind.DOWNLOAD)
    assert entry.actor == demo.user("director")
    assert entry.alliance == demo.southwark
    assert "/southwark/cpd/bookings/export.csv" in entry.detail


def test_it_records_the_funded_time_csv_too(login, demo):
    response = login("director").get(reverse("strands:funded-time-csv", args=["southwark"]))
    assert response.status_code == 200
    assert AuditEntry.objects.filter(
        kind=AuditKind.DOWNLOAD, actor=demo.user("director"), detail__contains="funded-time"
    ).exists()


def test_it_refuses_to_change_or_remove_an_entry(demo):
    entry = audit_record(actor=demo.user("head"), kind=AuditKind.SIGNED_IN)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(kind=AuditKind.DOWNLOAD)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(Exception, match="never changed"):
        entry.save()
    with pytest.raises(Exception, match="never removed"):
        entry.delete()
    entry.refresh_from_db()
    assert entry.kind == AuditKind.SIGNED_IN


def test_it_gives_the_site_administrator_a_read_only_admin(login, demo):
    entry = audit_record(actor=demo.user("head"), kind=AuditKind.SIGNED_IN)
    client = login("superuser")
    assert client.get(reverse("admin:alliance_auditentry_changelist")).status_code == 200
    delete = reverse("admin:alliance_auditentry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:alliance_auditentry_change", args=[entry.pk])
    assert client.post(change, {"kind": "download"}).status_code == 403
    assert AuditEntry.objects.get(pk=entry.pk).kind == AuditKind.SIGNED_IN


def _entries(demo):
    director, head = demo.user("director"), demo.user("head")
    audit_record(actor=head, kind=AuditKind.BOOKING_MADE, alliance=demo.southwark, detail="a")
    audit_record(actor=director, kind=AuditKind.DOWNLOAD, alliance=demo.southwark, detail="b")
    audit_record(
        actor=demo.user("steep-director"),
        kind=AuditKind.DOWNLOAD,
        alliance=demo.steep,
        detail="steep only",
    )
    audit_record(actor=head, kind=AuditKind.SIGNED_IN)  # head has a role in Southwark


def test_it_shows_the_director_their_alliance_and_its_peoples_sign_ins(login, demo):
    _entries(demo)
    html = login("director").get(_audit_url()).content.decode()
    assert "Booking made" in html
    assert "Signed in" in html
    assert "steep only" not in html


def test_it_filters_by_person_kind_and_dates(login, demo):
    _entries(demo)
    client = login("director")
    head = demo.user("head")
    html = client.get(_audit_url(), {"person": head.pk, "kind": "booking_made"}).content.decode()
    assert "Booking made" in html
    assert "File downloaded</td>" not in html
    assert "Signed in</td>" not in html
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    html = client.get(_audit_url(), {"since": tomorrow.isoformat()}).content.decode()
    assert "No entries match." in html


def test_it_explains_bad_dates_next_to_the_field(login, demo):
    client = login("director")
    html = client.get(_audit_url(), {"since": "31/02/2026"}).content.decode()
    assert "Enter a date like 2026-09-01." in html
    html = client.get(_audit_url(), {"since": "2026-09-10", "until": "2026-09-01"}).content.decode()
    assert "The end date must not be before the start date." in html


def test_it_asks_for_correct_filters_rather_than_saying_nothing_matches(login, demo):
    _entries(demo)
    html = login("director").get(_audit_url(), {"since": "2026-13-01"}).content.decode()
    assert "Correct the filters above to see the entries." in html
    assert "No entries match." not in html
    # A download of the same bad filters would only answer 400.
    assert "Download as CSV" not in html


def test_it_exports_the_filtered_trail_as_a_safe_csv_and_records_the_export(login, demo):
    audit_record(
        actor=demo.user("head"),
        kind=AuditKind.BOOKING_MADE,
        alliance=demo.southwark,
        detail='=HYPERLINK("http://evil.test")',
    )
    response = login("director").get(
        _audit_url(name="alliance:audit-csv"), {"kind": "booking_made"}
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][:3] == ["When", "Who", "What"]
    assert rows[1][1:3] == ["head@demo.test", "Booking made"]
    assert rows[1][4].startswith("'=")
    assert AuditEntry.objects.filter(
        kind=AuditKind.DOWNLOAD, actor=demo.user("director"), detail__contains="audit"
    ).exists()


def test_it_pages_the_trail(login, demo):
    for n in range(55):
        audit_record(
            actor=demo.user("head"),
            kind=AuditKind.DOWNLOAD,
            alliance=demo.southwark,
            detail=f"file {n}",
        )
    client = login("director")
    first = client.get(_audit_url()).content.decode()
    assert "Next page" in first
    second = client.get(_audit_url(), {"page": 2}).content.decode()
    assert "Previous page" in second


@pytest.mark.parametrize("persona", ["chair", "administrator", "head", "board", "sle"])
def test_it_keeps_the_trail_from_everyone_but_the_director(persona, login, demo):
    client = login(persona)
    assert client.get(_audit_url()).status_code == 403
    assert client.get(_audit_url(name="alliance:audit-csv")).status_code == 403


def test_it_lets_a_person_download_their_own_data_as_json(login, demo):
    response = login("head").get(reverse("personal-data-download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = response.json()
    assert data["profile"]["sign_in"]["email"] == "head@demo.test"
    assert {"profile", "roles", "bookings", "meetings", "actions"} <= set(data)
    assert AuditEntry.objects.filter(
        kind=AuditKind.DOWNLOAD, actor=demo.user("head"), detail__contains="my-data"
    ).exists()


def test_it_gives_a_person_their_own_sign_ins_and_addresses_in_their_data(client, login, demo):
    _sign_in(client, "head@demo.test")
    AuditEntry.objects.create(
        actor=demo.user("chair"), kind=AuditKind.SIGNED_IN, ip_address="192.0.2.9"
    )
    data = login("head").get(reverse("personal-data-download")).json()
    sign_ins = [e for e in data["activity"] if e["what"] == "Signed in"]
    assert sign_ins and sign_ins[0]["ip_address"] == "127.0.0.1"
    # Only their own trail: nobody else's address.
    assert "192.0.2.9" not in json.dumps(data)


def test_it_offers_download_my_data_in_the_account_menu(login):
    html = login("head").get(reverse("home"), follow=True).content.decode()
    assert reverse("personal-data-download") in html


def test_it_reads_a_page_of_the_trail_in_a_fixed_number_of_queries(
    login, demo, django_assert_max_num_queries
):
    for n in range(30):
        audit_record(
            actor=demo.user("head" if n % 2 else "chair"),
            kind=AuditKind.DOWNLOAD,
            alliance=demo.southwark,
            detail=f"file {n}",
        )
    client = login("director")
    client.get(_audit_url())  # warm the per-process caches (alliances, sessions)
    # Nine: one of them lists the person's alliances for the account menu's switcher.
    with django_assert_max_num_queries(9):
        assert client.get(_audit_url()).status_code == 200


def test_it_keeps_failed_sign_ins_of_unknown_addresses_from_directors(client, login, demo):
    _sign_in(client, "nobody@nowhere.test", "guess")
    entry = AuditEntry.objects.get(kind=AuditKind.SIGN_IN_FAILED)
    assert entry.actor is None and "nobody@nowhere.test" in entry.detail
    assert "nobody@nowhere.test" not in login("director").get(_audit_url()).content.decode()


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        (AuditKind.ENROLMENT_CHANGED, "Cohort enrolment changed"),
        (AuditKind.NOMINATION, "Talent pool nomination"),
        (AuditKind.ITT_TRAINEE, "Trainee&#x27;s record changed"),
    ],
)
def test_the_director_filters_the_trail_by_the_newer_kinds(login, demo, kind, label):
    audit_record(
        actor=demo.user("itt-lead"), kind=kind, alliance=demo.southwark, detail="Example change"
    )
    html = login("director").get(_audit_url(), {"kind": kind.value}).content.decode()
    assert f"{label}</td>" in html
    assert "Example change" in html
    assert "Signed in</td>" not in html
