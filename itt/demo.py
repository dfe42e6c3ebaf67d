"""Southwark's two School Direct partnerships in 2016/17's shape (issue 16): salaried, led by
John Donne Primary with the UCL Institute of Education, and fee-funded (non-salaried) at
Crampton Primary. Last year's 36 trainees, this year's trainees (each from an applicant who
started) and next year's recruitment in progress, with applicants at every stage; places per
year in total and per placement school. Placements, mentors, reviews and outcomes are
``itt/demo_training.py``'s. Running it again adds nothing.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from alliance.demo import DemoAlliance, _person
from alliance.models import AcademicYear
from itt.models import (
    Allocation,
    Applicant,
    ApplicantStageChange,
    Partnership,
    PlacementAllocation,
    Route,
    Stage,
    Trainee,
)
from itt.stages import FORWARD
from members.models import Organisation, Person, Phase

SALARIED = "STSA School Direct (salaried)"
FEE_FUNDED = "STSA School Direct (non-salaried)"
# Places per partnership: 22 + 14 = the 36 trainees of 2016/17.
PLACES = {SALARIED: 22, FEE_FUNDED: 14}
# This year's intake, a little smaller.
THIS_YEAR = {SALARIED: 18, FEE_FUNDED: 10}
# Next year's recruitment so far, per partnership: how many applicants at each stage.
PIPELINE = {
    SALARIED: {
        Stage.APPLIED: 6,
        Stage.INTERVIEW: 4,
        Stage.OFFER: 3,
        Stage.ACCEPTED: 2,
        Stage.CHECKS_DONE: 2,
        Stage.DECLINED: 2,
        Stage.WITHDRAWN: 1,
    },
    FEE_FUNDED: {
        Stage.APPLIED: 4,
        Stage.INTERVIEW: 2,
        Stage.OFFER: 2,
        Stage.ACCEPTED: 1,
        Stage.CHECKS_DONE: 1,
        Stage.DECLINED: 1,
        Stage.WITHDRAWN: 1,
    },
}
SUBJECTS = ["Primary general", "Primary with mathematics", "Early years (3–7)", "Primary general"]
PLACEMENT_SCHOOLS = {
    SALARIED: [
        "John Donne Primary School",
        "Bellenden Road Primary School",
        "Albion Street Primary School",
        "Camberwell Grove Primary School",
        "Grange Walk Primary School",
        "Honor Oak Primary School",
    ],
    FEE_FUNDED: [
        "Crampton Primary School",
        "Lordship Lane Primary School",
        "Nunhead Green Primary School",
        "Surrey Quays Primary School",
    ],
}
TRAINEE_FIRST = ["Aled", "Bea", "Cal", "Dana", "Efe", "Fern", "Gus", "Hana", "Ivo", "Jade", "Kit"]
TRAINEE_LAST = [
    "Adler",
    "Brook",
    "Chowdhury",
    "Delaney",
    "Eze",
    "Fox",
    "Gill",
    "Hale",
    "Iqbal",
    "Jordan",
    "Kowalski",
    "Lund",
]


def _trainee_name(index: int) -> str:
    first = TRAINEE_FIRST[index % len(TRAINEE_FIRST)]
    last = TRAINEE_LAST[(index // len(TRAINEE_FIRST)) % len(TRAINEE_LAST)]
    return f"{first} {last}"


def _year(start_year: int) -> AcademicYear:
    return AcademicYear.objects.get_or_create(start_year=start_year)[0]


def _partnerships(demo: DemoAlliance) -> dict[str, Partnership]:
    orgs = demo.organisations
    ioe = orgs["UCL Institute of Education"]
    plan = [
        (SALARIED, orgs["John Donne Primary School"], Route.SALARIED),
        (FEE_FUNDED, orgs["Crampton Primary School"], Route.FEE_FUNDED),
    ]
    partnerships = {}
    for name, lead, route in plan:
        partnership, _ = Partnership.objects.update_or_create(
            alliance=demo.alliance,
            name=name,
            defaults={
                "lead_school": lead,
                "provider": ioe,
                "provider_contact_name": "Clare Whitaker",
                "provider_contact_email": "itt-partnerships@ioe.demo.test",
                "route": route,
                "subjects": "Primary general; primary with mathematics; early years (3–7)",
            },
        )
        partnership.phases.set(Phase.objects.filter(code__in=["primary"]))
        partnerships[name] = partnership
    return partnerships


def _allocations(partnerships: dict[str, Partnership], years: list[AcademicYear]) -> None:
    for name, partnership in partnerships.items():
        schools = list(Organisation.objects.filter(name__in=PLACEMENT_SCHOOLS[name]))
        for year in years:
            allocation, _ = Allocation.objects.get_or_create(
                partnership=partnership, academic_year=year, defaults={"places": PLACES[name]}
            )
            # Shared out as evenly as the places go.
            share, left = divmod(allocation.places, len(schools))
            for index, school in enumerate(sorted(schools, key=lambda s: s.name)):
                PlacementAllocation.objects.get_or_create(
                    allocation=allocation,
                    school=school,
                    defaults={"places": share + (1 if index < left else 0)},
                )


def _person_for(name: str, email: str, org: Organisation | None, title: str) -> Person:
    person = Person.objects.filter(full_name=name, organisation=org).first()
    if person is None:
        person = Person.objects.create(
            full_name=name, email=email, organisation=org, job_title=title
        )
    return person


def _trainee(
    *, person: Person, partnership: Partnership, year: AcademicYear, subject: str, applicant=None
) -> Trainee:
    trainee, _ = Trainee.objects.get_or_create(
        person=person,
        academic_year=year,
        defaults={
            "partnership": partnership,
            "applicant": applicant,
            "subject": subject,
            "route": partnership.route,
            "training_starts_on": year.starts_on,
            "training_ends_on": datetime.date(year.start_year + 1, 7, 31),
        },
    )
    return trainee


def _applicant(
    *,
    partnership: Partnership,
    year: AcademicYear,
    name: str,
    email: str,
    subject: str,
    stage: str,
    actor,
) -> Applicant:
    """An applicant at ``stage`` with the history of how they got there."""
    existing = Applicant.objects.filter(partnership=partnership, academic_year=year, email=email)
    if (found := existing.first()) is not None:
        return found
    recruiting = year.start_year - 1
    gap = datetime.timedelta(days=14)
    # Each step a fortnight after the last, the latest already behind us.
    applied = min(
        timezone.make_aware(datetime.datetime(recruiting, 11, 10, 9, 0)),
        (timezone.now() - gap * 7).replace(hour=9, minute=0, second=0, microsecond=0),
    )
    path = list(FORWARD[: FORWARD.index(stage) + 1]) if stage in FORWARD else None
    if path is None:
        # Declined after interview, or withdrew after an offer.
        path = (
            [Stage.APPLIED, Stage.INTERVIEW]
            if stage == Stage.DECLINED
            else [
                Stage.APPLIED,
                Stage.INTERVIEW,
                Stage.OFFER,
            ]
        )
        path.append(stage)
    reached = set(path)
    applicant = Applicant.objects.create(
        partnership=partnership,
        academic_year=year,
        full_name=name,
        email=email,
        subject=subject,
        route=partnership.route,
        stage=stage,
        reason={
            Stage.DECLINED: "Not ready for the classroom yet: encouraged to reapply",
            Stage.WITHDRAWN: "Took up a place elsewhere",
        }.get(stage, ""),
        interview_at=applied + gap * 2 if Stage.INTERVIEW in reached else None,
        interview_panel="Tom Hartley, Clare Whitaker and a class teacher"
        if Stage.INTERVIEW in reached
        else "",
        offer_conditions="Subject knowledge enhancement course in mathematics before September"
        if Stage.OFFER in reached and name.startswith(("A", "E", "I"))
        else "",
        dbs_checked_on=applied.date() + gap * 4 if Stage.CHECKS_DONE in reached else None,
        qualifications_checked_on=applied.date() + gap * 4
        if Stage.CHECKS_DONE in reached
        else None,
        fitness_checked_on=applied.date() + gap * 4 if Stage.CHECKS_DONE in reached else None,
        created_at=applied,
    )
    ApplicantStageChange.objects.bulk_create(
        ApplicantStageChange(
            applicant=applicant,
            from_stage=path[i - 1] if i else "",
            to_stage=step,
            at=applied + gap * i,
            by=actor,
            reason=applicant.reason if step == stage and stage not in FORWARD else "",
        )
        for i, step in enumerate(path)
    )
    return applicant


def seed_recruitment(demo: DemoAlliance) -> None:
    this_year = demo.year
    last_year = _year(this_year.start_year - 1)
    next_year = _year(this_year.start_year + 1)
    partnerships = _partnerships(demo)
    _allocations(partnerships, [last_year, this_year, next_year])
    actor = demo.people[f"lead-{'itt'}"].user

    # Last year's 36 trainees (from before applicants were kept in the portal).
    index = 0
    for name, partnership in partnerships.items():
        org = partnership.lead_school if partnership.route == Route.SALARIED else None
        for n in range(PLACES[name]):
            full_name = _trainee_name(index)
            person = _person_for(full_name, f"trainee{index}@itt.demo.test", org, "Trainee teacher")
            _trainee(
                person=person,
                partnership=partnership,
                year=last_year,
                subject=SUBJECTS[n % len(SUBJECTS)],
            )
            index += 1

    # This year's: each an applicant who started. The first salaried one signs in.
    donne = demo.organisations["John Donne Primary School"]
    trainee_person = _person(
        "Sam Whitfield", donne, "Trainee teacher (salaried)", "trainee@demo.test", login=True
    )
    demo.people["trainee"] = trainee_person
    for name, partnership in partnerships.items():
        org = partnership.lead_school if partnership.route == Route.SALARIED else None
        for n in range(THIS_YEAR[name]):
            if name == SALARIED and n == 0:
                person = trainee_person
            else:
                person = _person_for(
                    _trainee_name(index), f"trainee{index}@itt.demo.test", org, "Trainee teacher"
                )
                index += 1
            subject = SUBJECTS[n % len(SUBJECTS)]
            applicant = _applicant(
                partnership=partnership,
                year=this_year,
                name=person.full_name,
                email=person.email,
                subject=subject,
                stage=Stage.IN_TRAINING,
                actor=actor,
            )
            _trainee(
                person=person,
                partnership=partnership,
                year=this_year,
                subject=subject,
                applicant=applicant,
            )

    # Next year's recruitment, in progress.
    for name, partnership in partnerships.items():
        for stage, count in PIPELINE[name].items():
            for n in range(count):
                full_name = _trainee_name(index)
                _applicant(
                    partnership=partnership,
                    year=next_year,
                    name=full_name,
                    email=f"applicant{index}@itt.demo.test",
                    subject=SUBJECTS[(index + n) % len(SUBJECTS)],
                    stage=stage,
                    actor=actor,
                )
                index += 1

    # The mentor of the demo trainee's placement: a teacher at the demo head's school, who
    # completed the mentors' training (itt/demo_training.py records that and the placement).
    demo.people["mentor"] = _person(
        "Grace Holloway",
        demo.organisations["Bellenden Road Primary School"],
        "Year 3 teacher and ITT mentor",
        "mentor@demo.test",
        login=True,
    )


def seed(southwark: DemoAlliance, steep: DemoAlliance) -> None:
    seed_recruitment(southwark)
