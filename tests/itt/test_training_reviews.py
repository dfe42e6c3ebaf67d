"""Mentors write termly reviews; a cause for concern emails the ITT lead and the provider once
and shows on the ITT lead's pages until acknowledged; a trainee who has left gets none."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from alliance.models import OutboxEmail
from alliance.outbox import emails_send
from alliance.permissions import perms_for
from itt.models import ProgressReview, Rating, Term, TraineeStatus
from itt.training_services import review_acknowledge, review_write
from tests.itt import training_builders as build

# The demo's trainees are on their autumn placements then (the placements run from September to
# February, and their reviews are termly): the day the suite runs may be in the summer holiday.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("autumn_term")]


@pytest.fixture
def placement(demo):
    partnership = build.partnership(demo.southwark)
    trainee = build.trainee(partnership, name="Tess Trainee")
    albion = build.school("Albion Street Primary School")
    mentor = build.person(albion, "Maya Mentor")
    return build.placement(trainee, at=albion, mentor=mentor)


def _write(placement, rating=Rating.CAUSE_FOR_CONCERN, targets="Plan lessons a week ahead."):
    return review_write(
        person=placement.mentor,
        placement=placement,
        term=Term.AUTUMN,
        rating=rating,
        targets=targets,
        base_url="https://portal.test/",
    )


def _alerts() -> int:
    return OutboxEmail.objects.filter(kind="itt.cause_for_concern").count()


def test_a_cause_for_concern_emails_the_itt_lead_and_the_provider_once(placement):
    before = _alerts()
    review = _write(placement)
    assert review.alert_sent_at is not None
    assert _write(placement) == review  # the form sent twice
    assert _alerts() == before + 1
    emails_send()
    sent = [m for m in mail.outbox if m.subject == "Cause for concern: Tess Trainee"]
    assert len(sent) == 1
    assert sorted(sent[0].to) == ["itt-lead@demo.test", "provider@ioe.test"]
    assert "Plan lessons a week ahead." in sent[0].body
    assert f"/southwark/itt/training/trainees/{placement.trainee_id}/" in sent[0].body


def test_on_track_alerts_nobody(placement):
    before = _alerts()
    _write(placement, rating=Rating.ON_TRACK)
    assert _alerts() == before


def test_a_second_different_review_for_the_same_term_is_refused(placement):
    _write(placement, rating=Rating.ON_TRACK)
    with pytest.raises(ValidationError) as refused:
        _write(placement, rating=Rating.NEEDS_SUPPORT)
    assert "already written the autumn term review" in refused.value.message_dict["term"][0]


@pytest.mark.parametrize("status", [TraineeStatus.WITHDRAWN, TraineeStatus.QTS_AWARDED])
def test_a_review_for_a_trainee_who_has_left_is_refused(placement, status):
    placement.trainee.status = status
    placement.trainee.save()
    with pytest.raises(ValidationError, match="has left training"):
        _write(placement)
    assert not ProgressReview.objects.filter(placement=placement).exists()


def test_the_itt_lead_sees_the_alert_until_acknowledged(placement, demo, login):
    review = _write(placement)
    client = login("itt-lead")
    listing = reverse("itt_training:trainee-list", args=["southwark"])
    home = reverse("alliance:role-home", args=["southwark"])
    for url in (listing, home):
        assert "Tess Trainee</a>: autumn term review" in client.get(url).text
    response = client.post(
        reverse("itt_training:review-acknowledge", args=["southwark", review.pk])
    )
    assert response.status_code == 302
    alerts = client.get(listing).text.split("Trainees and placements")[0]
    assert "Tess Trainee</a>: autumn term review" not in alerts
    review.refresh_from_db()
    assert review.acknowledged_by == demo.user("itt-lead").person
    # Acknowledging again changes nothing.
    again = review_acknowledge(
        perms=perms_for(demo.user("director").person, demo.southwark), review=review
    )
    assert again.acknowledged_by == demo.user("itt-lead").person


def test_the_mentor_writes_on_the_page_and_the_trainee_reads_the_targets(placement, client):
    client.force_login(placement.mentor.user)
    home = client.get(reverse("home")).text
    url = reverse("itt_training:review-write", args=["southwark", placement.pk])
    assert url in home
    page = client.post(url, {"term": "autumn", "rating": "cause_for_concern", "targets": ""})
    assert "Enter targets" in page.text
    client.post(url, {"term": "autumn", "rating": "on_track", "targets": "Use more questioning."})
    client.force_login(placement.trainee.person.user)
    mine = client.get(reverse("itt_training:my-training", args=["southwark"]), follow=True)
    assert "Your training" in mine.text and "Use more questioning." in mine.text
