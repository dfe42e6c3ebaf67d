"""The audit log: a trail of who did what and when, for the director and the site administrator.

One public function writes an entry, ``audit_record``. Sign-ins, two-factor changes and role
grants are recorded from signals; services record their own steps; every file a signed-in
person downloads is recorded by ``DownloadAuditMiddleware``, so a new CSV is covered without
anyone remembering to add a call. Entries are only ever added: the model refuses a second save
and a PostgreSQL trigger refuses UPDATE and DELETE on the table (see the migration).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models import Model, Q, QuerySet
from django.db.models.signals import post_save
from django.http import HttpRequest, HttpResponse

from alliance.models import Alliance, AuditEntry, AuditKind, RoleAssignment

# A person's own sign-in and secret calendar address: recorded with no alliance, and shown in
# the trail of every alliance the person holds a role in.
SIGN_IN_KINDS = (
    AuditKind.SIGNED_IN,
    AuditKind.SIGN_IN_FAILED,
    AuditKind.MFA_ADDED,
    AuditKind.MFA_REMOVED,
    AuditKind.CALENDAR_FEED_RESET,
)


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    actor: Any,
    kind: AuditKind,
    alliance: Alliance | int | None = None,
    subject: Model | None = None,
    detail: str = "",
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Add one entry to the audit log and return it.

    ``actor`` is a sign-in, a person (their sign-in is recorded) or None for the portal itself;
    ``alliance`` an alliance or its id. Call it inside the service's transaction, so a change
    that rolls back leaves no entry.
    """
    if actor is None or isinstance(actor, get_user_model()):
        user_id = getattr(actor, "pk", None)
    else:
        user_id = getattr(actor, "user_id", None)  # a Person
    return AuditEntry.objects.create(
        actor_id=user_id,
        kind=kind,
        alliance_id=alliance.pk if isinstance(alliance, Alliance) else alliance,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        subject=str(subject)[:300] if subject is not None else "",
        detail=detail,
        ip_address=_client_ip(request),
    )


# --- Reading ----------------------------------------------------------------------------------


def audit_entries_for(
    *,
    alliance: Alliance,
    actor_id: int | None = None,
    kind: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AuditEntry]:
    """An alliance's entries, and the sign-ins of people who have held a role in it."""
    own_people = RoleAssignment.objects.filter(alliance=alliance).values("person__user_id")
    entries = AuditEntry.objects.filter(
        Q(alliance=alliance)
        | Q(alliance__isnull=True, kind__in=SIGN_IN_KINDS, actor_id__in=own_people)
    )
    if actor_id:
        entries = entries.filter(actor_id=actor_id)
    if kind:
        entries = entries.filter(kind=kind)
    if since:
        entries = entries.filter(at__date__gte=since)
    if until:
        entries = entries.filter(at__date__lte=until)
    return entries.select_related("actor").order_by("-at", "-id")


def audit_people_for(*, alliance: Alliance) -> QuerySet:
    """The sign-ins that appear in an alliance's trail, for the "person" filter."""
    return (
        get_user_model()
        .objects.filter(
            Q(person__role_assignments__alliance=alliance) | Q(audit_entries__alliance=alliance)
        )
        .distinct()
        .order_by("email")
    )


# --- Signals ----------------------------------------------------------------------------------


def _signed_in(sender, request: HttpRequest | None = None, user=None, **kwargs) -> None:
    audit_record(actor=user, kind=AuditKind.SIGNED_IN, request=request)


def _sign_in_failed(sender, credentials: dict | None = None, request=None, **kwargs) -> None:
    # Only the address tried is kept, never the password; a known address names its sign-in.
    tried = str((credentials or {}).get("email") or (credentials or {}).get("username") or "")
    user = get_user_model().objects.filter(email__iexact=tried).first() if tried else None
    audit_record(
        actor=user,
        kind=AuditKind.SIGN_IN_FAILED,
        detail=f"Address tried: {tried[:254]}",
        request=request,
    )


def _mfa_changed(kind: AuditKind) -> Callable[..., None]:
    def receiver(sender, request=None, authenticator=None, **kwargs) -> None:
        user = getattr(authenticator, "user", None) or getattr(request, "user", None)
        detail = authenticator.get_type_display() if authenticator is not None else ""
        audit_record(actor=user, kind=kind, detail=detail, request=request)

    return receiver


_MFA_ADDED = _mfa_changed(AuditKind.MFA_ADDED)
_MFA_REMOVED = _mfa_changed(AuditKind.MFA_REMOVED)


def _role_saved(sender, instance: RoleAssignment, created: bool, raw: bool = False, **kw) -> None:
    if created and not raw:
        audit_record(
            actor=instance.created_by,
            kind=AuditKind.ROLE_GRANTED,
            alliance=instance.alliance,
            subject=instance,
            detail=f"{instance.get_role_display()} for {instance.person}",
        )


def connect_signals() -> None:
    from allauth.mfa import signals as mfa_signals

    user_logged_in.connect(_signed_in, dispatch_uid="audit-signed-in")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="audit-sign-in-failed")
    mfa_signals.authenticator_added.connect(_MFA_ADDED, dispatch_uid="audit-mfa-added")
    mfa_signals.authenticator_removed.connect(_MFA_REMOVED, dispatch_uid="audit-mfa-removed")
    post_save.connect(_role_saved, sender=RoleAssignment, dispatch_uid="audit-role")


# --- Downloads --------------------------------------------------------------------------------


class DownloadAuditMiddleware:
    """Record every file a signed-in person takes away: any response naming a file.

    CSVs, PDFs, calendar files, papers and the personal data export all answer with a
    Content-Disposition header, so one rule here covers them and any CSV added later.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        disposition = response.get("Content-Disposition", "")
        if (
            disposition
            and response.status_code == 200
            and getattr(request, "user", None) is not None
            and request.user.is_authenticated
        ):
            audit_record(
                actor=request.user,
                kind=AuditKind.DOWNLOAD,
                alliance=getattr(request, "alliance", None),
                detail=f"{request.get_full_path()} ({disposition})"[:1000],
                request=request,
            )
        return response
