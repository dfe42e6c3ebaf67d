"""Issue 15 in the browser: the demo head nominates the teacher for the talent pool, she agrees
from her home page, the leadership lead finds her in the pool and invites her onto the NPQSL
cohort; after the cohort (applied, endorsed, accepted, attended and completed through the cohort
services: tests/browser/test_cohort_apply.py drives those pages) the lead records her promotion
and the pipeline page counts it. Axe at 1280 and 320 px on every leadership page."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_fits_the_screen, pick_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NPQSL = "NPQSL: leading across a school"


def _check(page) -> None:
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 700})
    assert_accessible(page)
    assert_fits_the_screen(page)
    page.set_viewport_size({"width": 1280, "height": 800})


def _sign_out(page) -> None:
    page.get_by_role("button", name="Account").click()
    page.get_by_role("button", name="Sign out").click()


def _complete_the_cohort(demo, teacher, programme) -> None:
    """What tests/browser/test_cohort_apply.py does in the browser, through the services."""
    from alliance.permissions import perms_for
    from members.models import Person
    from programmes import cohorts
    from programmes.models import Attendance, Booking, EnrolmentDecision
    from programmes.services import attendance_mark

    head = Person.objects.get(user__email="head@demo.test")
    lead = perms_for(Person.objects.get(user__email="leadership-lead@demo.test"), demo.southwark)
    enrolment = cohorts.apply(actor=teacher, programme=programme, participant=teacher)
    cohorts.endorse(actor=head, enrolment=enrolment)
    enrolment.refresh_from_db()
    cohorts.decide(perms=lead, enrolment=enrolment, decision=EnrolmentDecision.ACCEPTED)
    for booking in Booking.objects.filter(enrolment=enrolment).select_related("session"):
        attendance_mark(
            perms=lead, session=booking.session, marks={booking.pk: Attendance.ATTENDED}
        )
    enrolment.refresh_from_db()
    cohorts.complete(perms=lead, enrolment=enrolment)


def test_a_head_nominates_the_teacher_agrees_the_lead_invites_and_counts_her_promotion(
    demo, page, live_server, sign_in
):
    from leadership.models import Nomination, NominationStatus
    from leadership.selectors import pipeline_figures
    from members.models import Person
    from programmes.models import Programme

    teacher = Person.objects.get(user__email="teacher@demo.test")
    Nomination.objects.filter(person=teacher).delete()  # the demo's; the head makes it here
    page.set_viewport_size({"width": 1280, "height": 800})

    # The head nominates her from their home page.
    sign_in("head@demo.test")
    page.get_by_role("link", name="Nominate staff for the leadership talent pool").click()
    expect(page.get_by_text("You have not nominated anyone yet.")).to_be_visible()
    _check(page)
    page.get_by_role("link", name="Nominate a member of staff").click()
    _check(page)
    page.get_by_role("button", name="Nominate").click()  # nothing filled in
    expect(page.get_by_text("Choose an aspiration.").first).to_be_visible()
    pick_person(page, "person", "Kemi Adeyemi")
    page.get_by_label("Senior leader").check()
    page.get_by_label("Why you nominate them").fill("Leads maths and coaches new teachers.")
    page.get_by_role("button", name="Nominate").click()
    expect(page.get_by_text("Kemi Adeyemi is nominated. They are asked to agree.")).to_be_visible()
    _check(page)
    _sign_out(page)

    # She sees it on her home page and agrees.
    sign_in("teacher@demo.test")
    expect(page.get_by_text("You are nominated for the talent pool")).to_be_visible()
    page.get_by_role("link", name=re.compile("Daniel Forde nominated you")).click()
    _check(page)
    page.get_by_role("button", name="I agree").click()
    expect(page.get_by_text("Thank you: you are in the talent pool.")).to_be_visible()
    assert Nomination.objects.get(person=teacher).status == NominationStatus.AGREED
    _sign_out(page)

    # The leadership lead finds her in the pool, with suggestions, and invites her.
    sign_in("leadership-lead@demo.test")
    page.goto(f"{live_server.url}/southwark/leadership/pipeline/")
    _check(page)
    before = pipeline_figures(alliance=demo.southwark)
    page.get_by_role("link", name="Talent pool").click()
    page.get_by_label("Aspiration").select_option(label="Senior leader")
    page.get_by_role("button", name="Filter").click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Kemi Adeyemi"))
    expect(row).to_contain_text("NPQ in Senior Leadership")
    expect(row).to_contain_text("Year 4 teacher and maths lead")
    _check(page)
    page.get_by_role("link", name="Kemi Adeyemi").click()
    page.locator("#id_programme").select_option(label=NPQSL)
    page.get_by_role("button", name="Invite").click()
    expect(page.get_by_text(f"Kemi Adeyemi is invited to apply for {NPQSL}.")).to_be_visible()
    _check(page)

    # After the cohort, the lead records what happened next; the pipeline counts it.
    _complete_the_cohort(demo, teacher, Programme.objects.get(title=NPQSL))
    page.goto(f"{live_server.url}/southwark/leadership/participants/")
    _check(page)
    page.get_by_role("link", name="Kemi Adeyemi").click()
    page.get_by_label("Promotion").check()
    page.get_by_role("button", name="Record the outcome").click()  # no role, school or date
    expect(page.get_by_text("Enter the role they were promoted to.").first).to_be_visible()
    expect(page.get_by_text("Enter the date.").first).to_be_visible()
    _check(page)
    page.locator("#id_role_title").fill("Assistant headteacher")
    page.locator("#id_organisation").select_option(label="Bellenden Road Primary School")
    # Today: the promotion counts when it comes on or after the day she applied.
    page.locator("#id_happened_on").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Record the outcome").click()
    expect(page.get_by_text("The outcome is recorded.")).to_be_visible()
    expect(
        page.get_by_text("Promoted to Assistant headteacher, Bellenden Road Primary School")
    ).to_be_visible()
    page.goto(f"{live_server.url}/southwark/leadership/pipeline/")
    completers, progressed = before.completers + 1, before.progressed + 1
    expect(
        page.get_by_text(
            f"of the {completers} people who completed a leadership cohort ({progressed})"
        )
    ).to_be_visible()
