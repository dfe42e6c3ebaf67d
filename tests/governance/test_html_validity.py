"""The meetings, minutes and action pages are valid HTML (Nu HTML checker, as for the rest)."""

from __future__ import annotations

import pytest

import tests.test_html_validity as html_validity
from governance.models import Action, Meeting, MinutesEntry

pytestmark = pytest.mark.django_db


def test_it_serves_valid_html_on_governance_pages(tmp_path, login, monkeypatch):
    board = Meeting.objects.get(title="Strategic Board, autumn term")
    draft = Meeting.objects.get(title="Headteachers’ termly session, autumn")
    entry = MinutesEntry.objects.filter(minutes__meeting=draft).first()
    approved = Meeting.objects.get(title="Strategic Board, half-term review")
    item = board.agenda_items.first()
    base = "/southwark/meetings"
    pages = [
        ("anonymous", f"{base}/"),
        ("anonymous", f"{base}/actions/"),
        ("head", f"{base}/{draft.pk}/"),
        ("board", f"{base}/{board.pk}/"),
        ("board", f"{base}/{board.pk}/minutes/"),
        ("board", f"{base}/{board.pk}/minutes/print/"),
        ("chair", f"{base}/call/"),
        ("chair", f"{base}/{board.pk}/agenda/add/"),
        ("chair", f"{base}/{board.pk}/agenda/{item.pk}/papers/"),
        ("chair", f"{base}/{board.pk}/edit/"),
        ("chair", "/southwark/home/"),
        ("administrator", f"{base}/{draft.pk}/minutes/"),
        ("administrator", f"{base}/{draft.pk}/minutes/items/{entry.pk}/"),
        ("administrator", f"{base}/{draft.pk}/attendance/"),
        ("administrator", f"{base}/{board.pk}/minutes/correct/"),
        ("administrator", f"{base}/{board.pk}/minutes/revisions/1/"),
        ("administrator", f"{base}/{approved.pk}/minutes/publish/"),
        ("chair", f"{base}/{draft.pk}/minutes/return/"),
        ("head", "/southwark/home/"),
        ("head", f"{base}/reply/{board.invitees.first().token}/"),
    ]
    action = Action.objects.get(description__startswith="Share the Bellenden Road")
    pages.append(("head", f"{base}/actions/{action.pk}/done/"))
    pages.append(("chair", f"{base}/actions/{action.pk}/edit/"))
    monkeypatch.setattr(html_validity, "PAGES", pages)
    html_validity.test_it_serves_valid_html(tmp_path, login)
