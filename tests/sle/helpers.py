"""Builders for the SLE designation tests: a fresh open round, an application, the people."""

from __future__ import annotations

import datetime

from django.utils import timezone

from alliance.models import Alliance
from alliance.permissions import AlliancePerms, perms_for
from members.models import Person, Phase, Specialism
from programmes.models import Programme
from sle.models import DesignationRound, SleApplication
from sle.services import application_create, round_save

TRAINING = "SLE training: supporting other schools"


def person(email: str) -> Person:
    return Person.objects.get(user__email=email)


def perms(email: str, alliance: Alliance) -> AlliancePerms:
    return perms_for(person(email), alliance)


def open_round(alliance: Alliance, *, sought=("Mathematics",), days: int = 20) -> DesignationRound:
    return round_save(
        perms=perms("director@demo.test", alliance),
        designation_round=DesignationRound(
            title="Test round",
            closes_on=timezone.localdate() + datetime.timedelta(days=days),
            training_programme=Programme.objects.get(alliance=alliance, title=TRAINING),
        ),
        specialisms=Specialism.objects.filter(name__in=sought),
        phases=Phase.objects.filter(code__in=["primary"]),
    )


def apply(designation_round: DesignationRound, email: str = "teacher@demo.test", **fields):
    return application_create(
        applicant=person(email),
        application=SleApplication(
            round=designation_round,
            specialism=fields.pop("specialism", Specialism.objects.get(name="Mathematics")),
            phase=fields.pop("phase", Phase.objects.get(code="primary")),
            experience="Maths lead for three years.",
            statement="I want to help other schools teach for mastery.",
            **fields,
        ),
    )
