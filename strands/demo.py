"""Demo data for the director's desk, on top of the foundation's Southwark alliance.

Last year's strand leads (with a different CPD lead, so the history has a story), support
requests in every state, SLE deployments and five peer review clusters over the 22 member
schools. Keyed on natural keys: running it again changes nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from alliance.demo import SOUTHWARK_SCHOOLS, DemoAlliance, _person
from alliance.models import AcademicYear, Role, RoleAssignment
from alliance.terms import term_weekday
from members.models import Designation, Organisation, Phase, Specialism, User
from strands.models import (
    ClusterSchool,
    Contribution,
    Deployment,
    DeploymentChange,
    DeploymentStatus,
    DeploymentVisit,
    PeerReviewCluster,
    SignpostKind,
    StrandChange,
    StrandChangeKind,
    StrandKind,
    SupportRequest,
)

CLUSTERS = [
    ("Peckham and Nunhead cluster", [1, 4, 8, 9, 13]),
    ("Bermondsey and Rotherhithe cluster", [10, 11, 12, 6, 15]),
    ("Dulwich cluster", [2, 7, 18, 19]),
    ("Camberwell and Walworth cluster", [5, 3, 14, 17]),
    ("Secondary and special cluster", [16, 20, 21, 0]),
]

# (school index, area of need, phase, what happens, SLE or NLE, days, description)
SUPPORT_REQUESTS = [
    (
        4,
        "Phonics and early reading",
        "primary",
        "new",
        None,
        0,
        "Year 1 phonics screening results fell this summer; we would like help to review our "
        "teaching sequence and train two new teaching assistants.",
    ),
    (
        4,
        "Mathematics",
        "primary",
        "signposted",
        None,
        0,
        "Our new maths lead would like to see mastery teaching in another school.",
    ),
    (
        5,
        "Behaviour and attendance",
        "primary",
        DeploymentStatus.PROPOSED,
        "Behaviour and attendance",
        3,
        "Persistent absence in Year 5 has doubled; we need a fresh look at our approach.",
    ),
    (
        7,
        "Special educational needs and disabilities",
        "primary",
        DeploymentStatus.AGREED,
        "Special educational needs and disabilities",
        4,
        "Our SENCo is new to the role and would value coaching through the first term.",
    ),
    (
        8,
        "Early years",
        "primary",
        DeploymentStatus.IN_PROGRESS,
        "Early years",
        5,
        "Help to set up continuous provision in our new Reception classroom.",
    ),
    (
        9,
        "Phonics and early reading",
        "primary",
        DeploymentStatus.COMPLETED,
        "Phonics and early reading",
        4,
        "Support to introduce a systematic synthetic phonics programme across Key Stage 1.",
    ),
    (
        4,
        "English",
        "primary",
        DeploymentStatus.IN_PROGRESS,
        "Phonics and early reading",
        3,
        "Our new English lead would like coaching on guided reading in Key Stage 1.",
    ),
    (
        6,
        "Assessment",
        "primary",
        DeploymentStatus.WITHDRAWN,
        "Assessment",
        2,
        "Moderation of Year 6 writing before submission.",
    ),
]

PATH_TO = {
    DeploymentStatus.PROPOSED: [DeploymentStatus.PROPOSED],
    DeploymentStatus.AGREED: [DeploymentStatus.PROPOSED, DeploymentStatus.AGREED],
    DeploymentStatus.IN_PROGRESS: [
        DeploymentStatus.PROPOSED,
        DeploymentStatus.AGREED,
        DeploymentStatus.IN_PROGRESS,
    ],
    DeploymentStatus.COMPLETED: [
        DeploymentStatus.PROPOSED,
        DeploymentStatus.AGREED,
        DeploymentStatus.IN_PROGRESS,
        DeploymentStatus.COMPLETED,
    ],
    DeploymentStatus.WITHDRAWN: [DeploymentStatus.PROPOSED, DeploymentStatus.WITHDRAWN],
}


def _schools(demo: DemoAlliance) -> list[Organisation]:
    return [demo.organisations[name] for name, _, _ in SOUTHWARK_SCHOOLS]


def _last_year(demo: DemoAlliance, director: User) -> None:
    """Last year's board: the same leads, except CPD, which Priya Patel led until Easter."""
    previous, _ = AcademicYear.objects.get_or_create(start_year=demo.year.start_year - 1)
    crampton = demo.organisations["Crampton Primary School"]
    former = _person("Priya Patel", crampton, "Deputy headteacher")
    easter = datetime.date(previous.start_year + 1, 4, 12)
    for kind, strand in demo.strands.items():
        lead = demo.people[f"lead-{kind}"]
        plan = [(lead, previous.starts_on, None)]
        if kind == StrandKind.CPD:
            plan = [(former, previous.starts_on, easter), (lead, easter.replace(day=13), None)]
        for person, starts_on, ends_on in plan:
            assignment, created = RoleAssignment.objects.get_or_create(
                alliance=demo.alliance,
                academic_year=previous,
                role=Role.STRATEGIC_LEAD,
                strand=strand,
                person=person,
                defaults={
                    "funded_days": Decimal("0.5"),
                    "starts_on": starts_on,
                    "ends_on": ends_on,
                    "created_by": director,
                },
            )
            if created and kind == StrandKind.CPD:
                StrandChange.objects.create(
                    alliance=demo.alliance,
                    academic_year=previous,
                    kind=StrandChangeKind.LEAD_ASSIGNED,
                    strand=strand,
                    role_assignment=assignment,
                    effective_on=starts_on,
                    description=f"{person} leads {strand.name} from {starts_on:%-d %B %Y}.",
                    made_by=director,
                )
    for contribution in Contribution.objects.filter(
        strand__alliance=demo.alliance, academic_year=demo.year
    ):
        Contribution.objects.get_or_create(
            strand=contribution.strand,
            organisation=contribution.organisation,
            academic_year=previous,
            defaults={"starts_on": previous.starts_on, "created_by": director},
        )


def _clusters(demo: DemoAlliance, director: User) -> dict[str, PeerReviewCluster]:
    schools = _schools(demo)
    clusters = {}
    for name, indexes in CLUSTERS:
        cluster, _ = PeerReviewCluster.objects.get_or_create(
            alliance=demo.alliance,
            academic_year=demo.year,
            name=name,
            defaults={"lead_school": schools[indexes[0]], "created_by": director},
        )
        for index in indexes:
            ClusterSchool.objects.get_or_create(
                alliance=demo.alliance,
                academic_year=demo.year,
                organisation=schools[index],
                defaults={"cluster": cluster},
            )
        clusters[name] = cluster
    return clusters


def _designation_for(demo: DemoAlliance, specialism: str) -> Designation:
    if specialism == "Phonics and early reading":
        return Designation.objects.get(alliance=demo.alliance, person=demo.people["sle"])
    return (
        Designation.objects.filter(alliance=demo.alliance, specialisms__name=specialism)
        .order_by("kind", "pk")
        .first()
    )


def _support(demo: DemoAlliance, director: User) -> None:
    schools = _schools(demo)
    year = demo.year
    # Dates inside the year whatever today is, so the demo reads the same all year round.
    start = term_weekday(year.starts_on + datetime.timedelta(days=35))
    for index, need, phase, outcome, specialism, days, description in SUPPORT_REQUESTS:
        school = schools[index]
        head = RoleAssignment.objects.filter(
            alliance=demo.alliance, academic_year=year, role=Role.HEADTEACHER, organisation=school
        ).first()
        request, created = SupportRequest.objects.get_or_create(
            alliance=demo.alliance,
            academic_year=year,
            school=school,
            area_of_need=Specialism.objects.get(name=need),
            defaults={
                "phase": Phase.objects.get(code=phase),
                "description": description,
                "preferred_dates": "Tuesday or Thursday mornings this term",
                "requested_by": head.person,
                "created_by": head.person.user,
            },
        )
        if not created or outcome == "new":
            continue
        if outcome == "signposted":
            request.signpost_kind = SignpostKind.PROGRAMME
            request.signposted_programme = "Teaching for mastery work group (CPD strand)"
            request.signpost_note = "The work group visits a mastery classroom each half term."
        else:
            designation = _designation_for(demo, specialism)
            request.signpost_kind = SignpostKind.DESIGNATION
            request.signposted_designation = designation
            deployment = _deploy(request, designation, outcome, days, start, director)
            _visits(deployment, head.person.user)
        request.signposted_at = request.created_at
        request.signposted_by = director
        request.save()


def _deploy(request, designation, outcome, days, start, director) -> Deployment:
    deployment = Deployment.objects.create(
        support_request=request,
        designation=designation,
        academic_year=request.academic_year,
        days=Decimal(days),
        starts_on=start,
        ends_on=start + datetime.timedelta(days=42),
        status=outcome,
        created_by=director,
    )
    if outcome == DeploymentStatus.COMPLETED:
        deployment.outcome_note = (
            "All Key Stage 1 staff trained; daily phonics lessons now follow one sequence."
        )
        deployment.school_evaluation = (
            "Very useful: practical, and our teaching assistants feel far more confident."
        )
        deployment.save()
    for status in PATH_TO[outcome]:
        DeploymentChange.objects.create(deployment=deployment, status=status, made_by=director)
    return deployment


# Visits recorded so far, by status: (days after the start, days, confirmed by the school).
VISITS = {
    DeploymentStatus.IN_PROGRESS: [(7, "1", True), (14, "0.5", False)],
    DeploymentStatus.COMPLETED: [(0, "1", True), (7, "1", True), (14, "1", True), (21, "1", True)],
}


def _visits(deployment: Deployment, head: User) -> None:
    for offset, days, confirmed in VISITS.get(deployment.status, []):
        visited_on = deployment.starts_on + datetime.timedelta(days=offset)
        DeploymentVisit.objects.create(
            deployment=deployment,
            visited_on=visited_on,
            days=Decimal(days),
            note=f"Visit {offset // 7 + 1}: modelled lessons and coached the staff involved.",
            recorded_by=deployment.designation.person.user,
            confirmed_by=head if confirmed else None,
            confirmed_at=(
                datetime.datetime.combine(visited_on, datetime.time(16), datetime.UTC)
                if confirmed
                else None
            ),
        )


def seed(southwark: DemoAlliance, steep: DemoAlliance) -> None:
    director = User.objects.get(email="director@demo.test")
    _last_year(southwark, director)
    _clusters(southwark, director)
    _support(southwark, director)
