"""Demo data for the peer review cycle (issue 17): the five clusters' focus areas, this year's
reviews at every stage, the reviewer training the reviewers attended, and an early years audit
whose priority became a support request with an SLE deployed.

The Peckham and Nunhead cluster (the demo head's) has a school at each stage: Bellenden Road
(the demo head's) has not started its self-review, so the browser test can walk the cycle.
Keyed on natural keys: running it again adds nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from alliance.demo import SOUTHWARK_SCHOOLS, DemoAlliance, _person
from alliance.models import Role, RoleAssignment
from alliance.terms import term_weekday
from members.models import Designation, Person, Phase, Specialism, User
from peer_review.models import (
    Audit,
    FocusArea,
    Judgement,
    Priority,
    Review,
    Reviewer,
    SelfReviewAnswer,
    Stage,
)
from peer_review.services import audit_create, priority_request_support
from programmes.demo import give_references
from programmes.models import (
    Attendance,
    Booking,
    BookingStatus,
    Programme,
    ProgrammeKind,
    ProgrammeStatus,
    Session,
)
from strands.models import ClusterSchool, DeploymentStatus, PeerReviewCluster, StrandKind
from strands.services import deployment_create, deployment_move

REVIEWER_EMAIL = "reviewer@demo.test"

FOCUS_AREAS = {
    "Peckham and Nunhead cluster": [
        "Early reading and phonics",
        "Feedback that moves learning on",
        "Disadvantaged pupils' attainment",
        "Leadership of the curriculum",
    ],
    "Bermondsey and Rotherhithe cluster": [
        "Mathematics mastery",
        "Behaviour and attendance",
        "Pupils with SEND in the classroom",
    ],
    "Dulwich cluster": [
        "Transition from nursery to reception",
        "Writing across the curriculum",
        "Staff wellbeing and workload",
    ],
    "Camberwell and Walworth cluster": [
        "Assessment without levels",
        "Outdoor learning",
        "Parental engagement",
        "Middle leadership",
    ],
    "Secondary and special cluster": [
        "Literacy across subjects",
        "Attendance of persistently absent pupils",
        "Preparing for adulthood (SEND)",
    ],
}

# The stage of each school's review, by its place in strands' demo ``CLUSTERS`` lists (school
# index in SOUTHWARK_SCHOOLS). Schools not named have not started.
STAGES = {
    1: Stage.VISIT,  # Peckham Rye Nursery: self-review submitted, visit to come
    # 4, Bellenden Road (the demo head's), has not started: the browser test starts it.
    8: Stage.WORKSHOP,  # Lordship Lane: report written, confidential
    9: Stage.SUPPORT,  # Nunhead Green: report shared, priorities, one a support request
    13: Stage.REPORT,  # Bermondsey Spa: visited, report for the lead reviewer to write
    10: Stage.SUPPORT,
    11: Stage.WORKSHOP,
    12: Stage.VISIT,
    2: Stage.REPORT,
    7: Stage.VISIT,
    5: Stage.WORKSHOP,
    16: Stage.VISIT,
    20: Stage.REPORT,
}
ORDER = list(Stage)

REPORT = """### What the reviewers saw

- Calm, purposeful classrooms; pupils talk confidently about their reading.
- Feedback is timely, but pupils are rarely given time to act on it.

### What would make the biggest difference

1. Build time into lessons for pupils to respond to feedback.
2. Share the strong early reading practice in Reception with Key Stage 1.
"""

PRIORITIES = [
    ("Give pupils time in lessons to act on feedback", "Assessment"),
    ("Bring Key Stage 1 phonics in line with Reception's practice", "Phonics and early reading"),
]


def _on(day: datetime.date, hour: int = 16) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _day(demo: DemoAlliance, offset: int) -> datetime.date:
    """A school day ``offset`` days into the year, whatever today is."""
    return term_weekday(demo.year.starts_on + datetime.timedelta(days=offset))


def _heads(demo: DemoAlliance) -> dict[int, Person]:
    return {
        a.organisation_id: a.person
        for a in RoleAssignment.objects.filter(
            alliance=demo.alliance, academic_year=demo.year, role=Role.HEADTEACHER
        ).select_related("person")
    }


def _training(demo: DemoAlliance, people: list[Person], heads: dict[int, Person]) -> None:
    """Two sessions of reviewer training last half term, every reviewer present at both."""
    programme, created = Programme.objects.get_or_create(
        alliance=demo.alliance,
        title="Peer review training",
        defaults={
            "strand": demo.strands[StrandKind.SCHOOL_SUPPORT],
            "kind": ProgrammeKind.PEER_REVIEW,
            "summary": "Reviewing a partner school in the Education Development Trust's model: "
            "two sessions, both needed to review.",
            "led_by": demo.organisations["Charles Dickens Primary School"],
            "status": ProgrammeStatus.PUBLISHED,
        },
    )
    if not created:
        return
    for number, offset in enumerate((10, 17)):
        starts = _on(_day(demo, offset), 9 if number == 0 else 13)
        session = Session.objects.create(
            alliance=demo.alliance,
            programme=programme,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=3),
            booking_deadline=starts - datetime.timedelta(days=2),
            venue="Charles Dickens Primary School, training room",
            capacity=40,
            places_taken=len(people),
        )
        Booking.objects.bulk_create(
            Booking(
                session=session,
                delegate=person,
                organisation_id=person.organisation_id,
                booked_by=heads.get(person.organisation_id),
                status=BookingStatus.CONFIRMED,
                attendance=Attendance.ATTENDED,
                created_at=starts - datetime.timedelta(days=7),
            )
            for person in people
        )


def _review(
    cs: ClusterSchool, stage: Stage, heads: dict[int, Person], team: list[Person], areas
) -> None:
    review, created = Review.objects.get_or_create(
        cluster_school=cs,
        defaults={
            "alliance_id": cs.alliance_id,
            "cluster_id": cs.cluster_id,
            "school_id": cs.organisation_id,
        },
    )
    if not created:
        return
    reached = ORDER.index(stage)
    year_start = cs.academic_year.starts_on
    day = lambda offset: term_weekday(year_start + datetime.timedelta(days=offset))  # noqa: E731
    judgements = list(Judgement.values)
    for n, area in enumerate(areas):
        SelfReviewAnswer.objects.create(
            review=review,
            focus_area=area,
            judgement=judgements[(n + cs.organisation_id) % 4] if reached >= 1 else "",
            evidence="Lesson visits, book looks and this year's data." if reached >= 1 else "",
        )
    review.stage = stage
    head = heads.get(cs.organisation_id)
    if reached >= 1:
        review.self_review_submitted_at = _on(day(28))
        review.self_review_submitted_by = head.user if head else None
    if reached >= 2:
        review.visit_on = day(42)
        for n, person in enumerate(team):
            Reviewer.objects.create(review=review, person=person, is_lead=n == 0)
    if reached >= 3:
        review.report = REPORT
        review.report_written_at = _on(day(49))
    if reached >= 4:
        review.workshop_on = day(63)
        review.report_shared_at = _on(day(56))
        for text, area in PRIORITIES:
            Priority.objects.create(
                review=review, text=text, area=Specialism.objects.get(name=area)
            )
    review.save()


def _cycles(demo: DemoAlliance, reviewer: Person) -> None:
    schools = [demo.organisations[name] for name, _, _ in SOUTHWARK_SCHOOLS]
    index_of = {school.pk: index for index, school in enumerate(schools)}
    heads = _heads(demo)
    for cluster in PeerReviewCluster.objects.filter(
        alliance=demo.alliance, academic_year=demo.year
    ):
        for position, title in enumerate(FOCUS_AREAS.get(cluster.name, [])):
            FocusArea.objects.get_or_create(
                cluster=cluster, title=title, defaults={"position": position}
            )
        areas = list(cluster.focus_areas.all())
        members = list(cluster.schools.select_related("organisation", "academic_year"))
        for cs in members:
            stage = STAGES.get(index_of.get(cs.organisation_id, -1))
            if stage is None:
                continue
            others = [
                heads[m.organisation_id]
                for m in members
                if m.organisation_id != cs.organisation_id and m.organisation_id in heads
            ]
            # The demo head reviews nobody: the matrix shows them as another school's head.
            others = [p for p in others if p != demo.people.get("head")]
            team = others[:2]
            # The demo reviewer (Lordship Lane) leads the reviews in the Peckham cluster.
            if reviewer.organisation_id in {m.organisation_id for m in members} and (
                cs.organisation_id != reviewer.organisation_id
            ):
                team = [reviewer, *[p for p in team if p.organisation_id != cs.organisation_id][:1]]
            _review(cs, stage, heads, team, areas)


def _audit(demo: DemoAlliance, director: User) -> None:
    """An early years audit of Bramcote Green Nursery by the early years SLE, reported, with a
    priority that became a support request on which the same SLE is deployed."""
    school = demo.organisations["Bramcote Green Nursery School"]
    early_years = Specialism.objects.get(name="Early years")
    if Audit.objects.filter(alliance=demo.alliance, school=school, specialism=early_years).exists():
        return
    sle = (
        Designation.objects.filter(
            alliance=demo.alliance, active=True, kind="sle", specialisms=early_years
        )
        .exclude(person__organisation=school)
        .order_by("pk")
        .first()
    )
    audit = audit_create(
        actor=director,
        alliance=demo.alliance,
        school=school,
        specialism=early_years,
        phase=Phase.objects.get(code="nursery"),
        visit_on=_day(demo, 45),
        days=Decimal("1"),
        designations=[sle],
        override_reason="Demo: the audit is booked whatever the SLE's days left.",
    )
    Audit.objects.filter(pk=audit.pk).update(
        report="### Early years audit\n\nStrong relationships and routines. The outdoor area is "
        "under-used for early mathematics.",
        report_written_at=_on(_day(demo, 46)),
    )
    priority = Priority.objects.create(
        audit=audit, text="Plan the outdoor area for early number and shape", area=early_years
    )
    request = priority_request_support(actor=director, priority=priority)
    deployment = deployment_create(
        actor=director,
        support_request=request,
        designation=sle,
        days=Decimal("2"),
        starts_on=_day(demo, 70),
        ends_on=_day(demo, 98),
        override_reason="Demo: agreed with the SLE's school.",
    )
    deployment_move(actor=director, deployment=deployment, status=DeploymentStatus.AGREED)


def seed(southwark: DemoAlliance, steep: DemoAlliance) -> None:
    demo = southwark
    director = User.objects.get(email="director@demo.test")
    lordship = demo.organisations["Lordship Lane Primary School"]
    reviewer = _person("Olu Bakare", lordship, "Deputy headteacher", REVIEWER_EMAIL, login=True)
    heads = _heads(demo)
    cluster_school_ids = set(
        ClusterSchool.objects.filter(alliance=demo.alliance, academic_year=demo.year).values_list(
            "organisation_id", flat=True
        )
    )
    trained = [p for org_id, p in heads.items() if org_id in cluster_school_ids]
    _training(demo, sorted([reviewer, *trained], key=lambda p: p.pk), heads)
    give_references(demo)
    _cycles(demo, reviewer)
    _audit(demo, director)
    # One of Nunhead Green's priorities is already with the director as a support request.
    nunhead = Priority.objects.filter(
        review__alliance=demo.alliance,
        review__school=demo.organisations["Nunhead Green Primary School"],
    ).first()
    if nunhead is not None and nunhead.support_request_id is None:
        priority_request_support(actor=director, priority=nunhead)
