import pytest

from alliance.models import AcademicYear, Role, RoleAssignment
from members.models import Membership, MembershipKind, Organisation, OrganisationType
from strands.models import Contribution, Strand
from strands.services import strand_board_copy_to_next_year
from tests.strands.helpers import current_lead, day, organisation, url, year

pytestmark = pytest.mark.django_db

EDT = "Education Development Trust"


def _flags(client) -> str:
    body = client.get(url("board")).content.decode()
    return body.split('id="board-flags"')[1].split("</div>")[0] if "board-flags" in body else ""


def test_it_flags_a_partner_below_two_strands_first(login):
    client = login("board")
    body = client.get(url("board")).content.decode()
    assert body.index("Needs attention") < body.index('id="strand-board"')
    flags = _flags(client)
    assert EDT in flags and "contributes to 1 strand" in flags
    assert "UCL Institute of Education" not in flags


# In term, so a contribution withdrawn on the first day of the year has ended before today.
@pytest.mark.usefixtures("autumn_term")
def test_it_flags_a_partner_after_a_withdrawal_and_clears_after_an_addition(login):
    client = login("director")
    council = organisation("Southwark Council")
    contribution = Contribution.objects.get(
        organisation=council, strand__kind="cpd", academic_year=year()
    )
    client.post(url("contribution-withdraw", pk=contribution.pk), {"ends_on": day(0)})
    assert "Southwark Council" in _flags(client)
    contribution.refresh_from_db()
    assert contribution.ends_on == day(0)  # withdrawn, not deleted
    research = Strand.objects.get(alliance__slug="southwark", kind="research")
    client.post(
        url("contribution-add"),
        {"strand": research.pk, "organisation": council.pk, "starts_on": day(1)},
    )
    assert "Southwark Council" not in _flags(client)


def test_it_refuses_an_overlapping_contribution(login):
    client = login("director")
    edt = organisation(EDT)
    support = Strand.objects.get(alliance__slug="southwark", kind="school-support")
    response = client.post(
        url("contribution-add"),
        {"strand": support.pk, "organisation": edt.pk, "starts_on": day(20)},
    )
    assert f"{EDT} already contributes to School-to-school support" in response.content.decode()


# In term, so a lead who ended on the first day of the year has ended before today.
@pytest.mark.usefixtures("autumn_term")
def test_it_flags_a_strand_without_a_lead(login):
    client = login("director")
    lead = current_lead("itt")
    client.post(url("lead-end", pk=lead.pk), {"ends_on": day(0)})
    assert "Initial teacher training</strong> has no strategic lead" in _flags(client)


def test_it_copies_a_year_into_the_next_for_review(login, demo):
    client = login("director")
    response = client.post(url("board-copy") + f"?year={year().start_year}")
    following = AcademicYear.objects.get(start_year=year().start_year + 1)
    assert response.status_code == 302
    leads = RoleAssignment.objects.filter(
        alliance=demo.southwark, academic_year=following, role=Role.STRATEGIC_LEAD
    )
    assert leads.count() == 6
    assert all(lead.starts_on == following.starts_on for lead in leads)
    body = client.get(url("board") + f"?year={following.start_year}").content.decode()
    assert "Aisha Mensah" in body and EDT in body
    # Copying again adds nothing.
    assert strand_board_copy_to_next_year(
        actor=demo.user("director"), alliance=demo.southwark, year=year()
    ) == (0, 0)


def _add_partners(demo, count: int) -> None:
    strands = list(demo.southwark.strands.all())
    for index in range(count):
        org = Organisation.objects.create(
            name=f"Partner trust {index}", organisation_type=OrganisationType.TRUST
        )
        Membership.objects.create(
            alliance=demo.southwark,
            organisation=org,
            academic_year=year(),
            kind=MembershipKind.STRATEGIC_PARTNER,
        )
        for strand in strands[index % 3 : index % 3 + 2]:
            Contribution.objects.create(
                strand=strand, organisation=org, academic_year=year(), starts_on=day(0)
            )


def test_it_keeps_a_constant_number_of_queries_as_partners_grow(
    login, demo, django_assert_max_num_queries
):
    client = login("director")
    _add_partners(demo, 2)
    with django_assert_max_num_queries(20) as few:
        assert client.get(url("board")).status_code == 200
    _add_partners(demo, 25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("board"))
    assert "Partner trust 24" in response.content.decode()


def test_it_lists_this_years_partners_once_on_the_public_strand_page(client, demo):
    # Last year's contributions (demo history) must not show up as current ones.
    body = client.get(url("strand-detail", strand_slug="itt")).content.decode()
    assert body.count("UCL Institute of Education") == 1


def test_it_shows_the_director_the_flags_on_their_home(login):
    body = login("director").get("/southwark/home/").content.decode()
    flags = body.split('id="home-board-flags"')[1].split("</div>")[0]
    assert EDT in flags and "Open the strand board" in flags


def _add_programmes(demo, count: int, sessions: int = 1) -> None:
    import datetime

    from django.utils import timezone

    from programmes.models import Booking, Programme, Session

    cpd = demo.southwark.strands.get(kind="cpd")
    school = Organisation.objects.get(name="Bellenden Road Primary School")
    staff = list(school.people.all()[:2])
    starts = timezone.now() + datetime.timedelta(days=20)
    for index in range(count):
        programme = Programme.objects.create(
            alliance=demo.southwark,
            strand=cpd,
            title=f"Board course {index}",
            summary="Growth",
            led_by=school,
            status="published",
        )
        for number in range(sessions):
            session_starts = starts + datetime.timedelta(days=number)
            session = Session.objects.create(
                alliance=demo.southwark,
                programme=programme,
                starts_at=session_starts,
                ends_at=session_starts + datetime.timedelta(hours=2),
                booking_deadline=session_starts - datetime.timedelta(days=1),
                venue="Hall",
                capacity=10,
            )
            for person in staff:
                Booking.objects.create(
                    session=session, delegate=person, organisation=school, status="confirmed"
                )


# The board shows this academic year's programmes: sessions three weeks on are in it in term.
@pytest.mark.usefixtures("autumn_term")
def test_it_shows_each_strands_programmes_with_people_and_sessions(login, demo):
    _add_programmes(demo, 1, sessions=3)
    body = login("director").get(url("board")).content.decode()
    # Two people on each of three sessions: two people, not six places.
    assert "Board course 0 · 2 people booked on 3 sessions" in body


@pytest.mark.usefixtures("autumn_term")
def test_it_keeps_a_constant_number_of_queries_as_programmes_grow(
    login, demo, django_assert_max_num_queries
):
    client = login("director")
    _add_programmes(demo, 2)
    with django_assert_max_num_queries(20) as few:
        assert client.get(url("board")).status_code == 200
    _add_programmes(demo, 20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("board"))
    assert response.content.decode().count("Board course ") >= 22
