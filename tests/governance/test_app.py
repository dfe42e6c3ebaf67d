"""Governance is an app of its own, on the tables the alliance app made for it."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from governance.models import Action, Meeting, Minutes

pytestmark = pytest.mark.django_db


def test_it_lists_meetings_and_minutes_in_the_admin_under_governance(login):
    superuser = login("superuser")
    assert superuser.get("/admin/governance/meeting/").status_code == 200
    assert superuser.get("/admin/governance/minutes/").status_code == 200
    assert superuser.get("/admin/alliance/meeting/").status_code == 404


def test_it_keeps_the_alliance_tables_so_moving_the_code_moved_no_data(demo):
    tables = set(connection.introspection.table_names())
    for model in (Meeting, Minutes, Action):
        assert model._meta.db_table == f"alliance_{model._meta.model_name}"
        assert model._meta.db_table in tables
        assert ContentType.objects.get_for_model(model).app_label == "governance"
    assert Meeting.objects.exists()
