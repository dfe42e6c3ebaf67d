"""Feedback is asked for when a register marks a delegate present."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from evaluation.services import feedback_requests_create
from programmes.signals import attendance_marked


@receiver(attendance_marked, dispatch_uid="evaluation.feedback_requests_create")
def ask_for_feedback(sender: Any, *, session, attended, **kwargs: Any) -> None:
    feedback_requests_create(session=session, attended=attended)
