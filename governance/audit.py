"""Each step of the minutes (started, submitted, approved, published, corrected …) goes into the
audit log as it is recorded in the minutes' own history."""

from __future__ import annotations

from django.db.models.signals import post_save

from alliance.audit import audit_record
from alliance.models import AuditKind
from governance.models import MinutesEvent


def _minutes_step(sender, instance: MinutesEvent, created: bool, raw: bool = False, **kw) -> None:
    if created and not raw:
        meeting = instance.minutes.meeting
        detail = instance.get_change_display()
        if instance.note:
            detail += f": {instance.note}"
        audit_record(
            actor=instance.actor,
            kind=AuditKind.MINUTES_STEP,
            alliance=meeting.alliance,
            subject=instance.minutes,
            detail=detail,
        )


def connect_signals() -> None:
    post_save.connect(_minutes_step, sender=MinutesEvent, dispatch_uid="audit-minutes")
