"""Renewing: this year's members asked about next year; one click to renew, or leave."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from alliance.models import AcademicYear
from alliance.outbox import emails_send
from members.models import Membership, MembershipKind, Organisation
from membership.models import MembershipOffer, Renewal, RenewalState
from membership.services import renewals_request, renewals_request_due
from strands.models import Contribution, Strand


def _this() -> int:
    """The start of this academic year: its members are asked about the next."""
    return AcademicYear.current().start_year


def _label(start_year: int) -> str:
    return AcademicYear(start_year=start_year).label


def _offer(demo, start_year: int) -> MembershipOffer:
    return MembershipOffer.objects.get(
        alliance=demo.southwark, academic_year__start_year=start_year
    )


@pytest.fixture
def asked(demo) -> int:
    return renewals_request(offer=_offer(demo, _this()), actor=demo.user("director"))


def _bellenden(demo) -> Renewal:
    return Renewal.objects.get(
        offer=_offer(demo, _this() + 1), organisation__name="Bellenden Road Primary School"
    )


def test_it_asks_each_member_but_the_teaching_schools_once(demo, asked, mailoutbox):
    members = Membership.objects.filter(alliance=demo.southwark, academic_year__start_year=_this())
    assert asked == members.exclude(kind=MembershipKind.TEACHING_SCHOOL).count()
    assert not Renewal.objects.filter(
        organisation__name="Charles Dickens Primary School",
        offer__academic_year__start_year=_this() + 1,
    )
    assert renewals_request(offer=_offer(demo, _this()), actor=demo.user("director")) == 0
    emails_send()
    to_head = [m for m in mailoutbox if "Bellenden Road" in m.subject]
    assert len(to_head) == 1 and to_head[0].to == ["head@demo.test"]


def test_it_tells_the_director_when_next_years_offer_is_missing(login, demo):
    next_year = _this() + 1
    _offer(demo, next_year).tiers.all().delete()
    client = login("director")
    page = client.get(reverse("membership:renewal-list", kwargs={"alliance_slug": "southwark"}))
    assert "Set up next year" in page.content.decode()
    response = client.post(
        reverse("membership:renewals-request", kwargs={"alliance_slug": "southwark"}), follow=True
    )
    assert f"Set up the {_label(next_year)} membership offer" in response.content.decode()
    assert not Renewal.objects.filter(offer__academic_year__start_year=next_year).exists()


def test_the_daily_command_asks_only_once_the_date_has_come(demo):
    offer = _offer(demo, _this())
    june = datetime.date(_this() + 1, 6, 1)  # in this academic year
    offer.renewals_open_on = june
    offer.save()
    assert renewals_request_due(today=june - datetime.timedelta(days=1)) == 0
    assert renewals_request_due(today=june) > 0
    assert renewals_request_due(today=june + datetime.timedelta(days=1)) == 0


def test_the_head_sees_the_request_on_their_home_and_renews_with_one_click(
    login, demo, asked, started
):
    client = login("head")
    home = client.get(reverse("alliance:role-home", kwargs={"alliance_slug": "southwark"}))
    renewal = _bellenden(demo)
    # This year Bellenden Road contributes to CPD and research.
    for strand in Strand.objects.filter(alliance=demo.southwark, kind__in=["cpd", "research"]):
        Contribution.objects.create(
            strand=strand,
            organisation=renewal.organisation,
            academic_year=AcademicYear.current(),
            starts_on=AcademicYear.current().starts_on,
        )
    url = reverse("membership:renewal", kwargs={"alliance_slug": "southwark", "pk": renewal.pk})
    assert url in home.content.decode()
    form = client.get(url).context["form"]
    # Everything is filled in from this year (the demo's renewal last June: full member, 250).
    next_year = _this() + 1
    assert form.initial["tier"] == _offer(demo, next_year).tiers.get(name="Full member").pk
    assert form.initial["number_on_roll"] == 250
    data = {
        "tier": form.initial["tier"],
        "number_on_roll": form.initial["number_on_roll"],
        "strands": form.initial["strands"],
        "purchase_order": "PO-4471",
    }
    assert len(data["strands"]) >= 2
    assert client.post(url, data).status_code == 302
    renewal.refresh_from_db()
    assert renewal.state == RenewalState.RENEWED
    membership = Membership.objects.get(
        organisation=renewal.organisation, academic_year__start_year=next_year
    )
    assert membership.joined_on == datetime.date(next_year, 9, 1)
    assert started[0]["fee"] == Decimal("927.00")
    assert started[0]["purchase_order"] == "PO-4471"
    assert started[0]["description"] == (
        f"Full member {_label(next_year)}, primary, 201-400 on roll"
    )
    assert Contribution.objects.filter(
        organisation=renewal.organisation, academic_year__start_year=next_year
    ).count() == len(data["strands"])
    # A second click finds it answered.
    client.post(url, data)
    assert len(started) == 1


def test_the_head_may_not_renew_with_one_strand(login, demo, asked):
    client = login("head")
    renewal = _bellenden(demo)
    url = reverse("membership:renewal", kwargs={"alliance_slug": "southwark", "pk": renewal.pk})
    strand = Strand.objects.filter(alliance=demo.southwark).first()
    tier = _offer(demo, _this() + 1).tiers.get(name="Full member")
    response = client.post(url, {"tier": tier.pk, "number_on_roll": 300, "strands": [strand.pk]})
    assert "Choose at least 2 strands" in str(response.context["form"].errors["strands"])
    renewal.refresh_from_db()
    assert renewal.state == RenewalState.WAITING


def test_the_head_says_the_school_is_leaving(login, demo, asked):
    client = login("head")
    renewal = _bellenden(demo)
    url = reverse(
        "membership:renewal-leave", kwargs={"alliance_slug": "southwark", "pk": renewal.pk}
    )
    client.post(url, {"reason": "We are joining our trust's alliance."})
    renewal.refresh_from_db()
    assert renewal.state == RenewalState.LEAVING
    assert not Membership.objects.filter(
        organisation=renewal.organisation, academic_year__start_year=_this() + 1
    ).exists()


def test_another_schools_head_gets_404(login, demo, asked):
    renewal = _bellenden(demo)
    url = reverse("membership:renewal", kwargs={"alliance_slug": "southwark", "pk": renewal.pk})
    assert login("chair").get(url).status_code == 404


def test_the_director_sees_each_answer_and_reminds_once_a_day(
    login, demo, asked, mailoutbox, django_assert_max_num_queries
):
    renewal = _bellenden(demo)
    client = login("director")
    list_url = reverse("membership:renewal-list", kwargs={"alliance_slug": "southwark"})
    with django_assert_max_num_queries(16):
        page = client.get(list_url)
    assert f"<strong>{asked}</strong> not answered yet" in page.content.decode()
    remind = reverse(
        "membership:renewal-remind", kwargs={"alliance_slug": "southwark", "pk": renewal.pk}
    )
    emails_send()
    mailoutbox.clear()
    assert "is reminded" in client.post(remind, follow=True).content.decode()
    assert "less than a day ago" in client.post(remind, follow=True).content.decode()
    emails_send()
    assert [m.subject for m in mailoutbox] == [
        f"Reminder: Bellenden Road Primary School: renew the membership for {_label(_this() + 1)}"
    ]
    Renewal.objects.filter(pk=renewal.pk).update(
        last_reminded_at=timezone.now() - datetime.timedelta(days=1, minutes=1)
    )
    assert "is reminded" in client.post(remind, follow=True).content.decode()


def test_the_renewal_list_costs_the_same_with_more_schools(
    login, demo, asked, django_assert_max_num_queries
):
    client = login("director")
    url = reverse("membership:renewal-list", kwargs={"alliance_slug": "southwark"})
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for n in range(5):
        school = Organisation.objects.create(name=f"Extra School {n}", urn=f"20000{n}")
        Renewal.objects.create(
            alliance=demo.southwark, offer=_offer(demo, _this() + 1), organisation=school
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
