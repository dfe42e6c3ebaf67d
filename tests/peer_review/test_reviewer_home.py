"""A reviewer with no role finds, on their home, the review whose report they are to write."""

import pytest
from django.urls import reverse

from peer_review.models import Review

pytestmark = pytest.mark.django_db


def test_the_lead_reviewer_is_sent_from_home_to_the_report_to_write(login):
    review = Review.objects.get(school__name="Bermondsey Spa Primary School")
    page = login("reviewer").get(reverse("home")).content.decode()
    url = reverse("peer_review:review-detail", args=["southwark", review.cluster_school_id])
    assert url in page
    assert login("reviewer").get(url).status_code == 200
    assert "you lead the review, so write its report" in page


def test_nobody_else_is_shown_the_review(login):
    page = login("teacher").get(reverse("home")).content.decode()
    assert "Peer reviews you are on" not in page
