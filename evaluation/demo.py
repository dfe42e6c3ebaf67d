"""Demo: Southwark's past academic year and, lighter, the year before it: CPD and an NPQ cohort
with registers, the feedback delegates gave after each session and their answers six weeks after
completing a programme; last year's peer review clusters and SLE and NLE deployments; and the
director's published impact report for last year, with her foreword.

The programmes below are written as if last year were 2025/26 and are moved to the demo's own
last year when seeded, so the demo looks the same whatever day it is seeded on.
Keyed on natural keys (a programme on its alliance and title): running it again changes nothing.
Dates are term-time weekdays.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils import timezone

from alliance.demo import SOUTHWARK_SCHOOLS, DemoAlliance
from alliance.models import AcademicYear, Role, RoleAssignment
from alliance.terms import term_weekday, years_on
from evaluation.models import (
    Answer,
    FeedbackRequest,
    FeedbackResponse,
    ImpactReport,
    Question,
    QuestionKind,
    RequestKind,
)
from evaluation.services import FOLLOW_UP_AFTER, feedback_request_new
from members.models import Designation, DesignationKind, Person, Phase, Specialism, User
from programmes.demo import give_references
from programmes.models import (
    Attendance,
    Audience,
    Booking,
    BookingStatus,
    Programme,
    ProgrammeKind,
    ProgrammeStatus,
    Session,
)
from strands.demo import CLUSTERS
from strands.models import (
    ClusterSchool,
    Deployment,
    DeploymentChange,
    DeploymentStatus,
    DeploymentVisit,
    PeerReviewCluster,
    SignpostKind,
    StrandKind,
    SupportRequest,
)


@dataclass(frozen=True)
class PastProgramme:
    """A programme run in a past year, with what its delegates wrote: each sentence is one
    delegate's, so no two delegates say the same thing and each fits its programme."""

    strand: str
    kind: str
    title: str
    summary: str
    audiences: list[str]
    days: list[str]
    delegates: int
    facilitator: str | None
    will_change: list[str]
    anything_else: list[str]
    pupils_changed: list[str]

    @property
    def full_days(self) -> bool:
        return len(self.days) == 1 or self.kind in LEADERSHIP_KINDS

    def moved_to(self, last_year: int) -> PastProgramme:
        """The row as run when last year started in ``last_year``: its days the same weeks of
        the year, on the nearest school day, and a year in its title the one it ran in."""
        shift = last_year - WRITTEN_FOR
        days = [years_on(datetime.date.fromisoformat(day), shift).isoformat() for day in self.days]
        ran_in = AcademicYear(
            start_year=AcademicYear.start_year_for(datetime.date.fromisoformat(days[0]))
        )
        return replace(self, days=days, title=self.title.format(year=ran_in.label))


# The year the rows below were written for as "last year".
WRITTEN_FOR = 2025


def past_programmes(last_year: int) -> list[PastProgramme]:
    """Last year's and the year before's programmes, moved to the demo's last year."""
    return [row.moved_to(last_year) for row in [*PAST_YEAR, *YEAR_BEFORE]]


LEADERSHIP_KINDS = (ProgrammeKind.NPQML, ProgrammeKind.NPQSL)

PAST_YEAR = [
    PastProgramme(
        StrandKind.CPD,
        ProgrammeKind.CPD,
        "Outdoor learning in the early years",
        "A day in the forest school at Crampton: planning continuous provision outdoors.",
        ["early-years"],
        ["2025-10-08"],
        14,
        None,
        will_change=[
            "Plan one outdoor session a week for maths, starting with measuring in the garden.",
            "Put the mark-making trolley outside every morning, not just on dry days.",
            "Set up a mud kitchen with number cards and weighing scales.",
            "Let the children choose where to take their learning, indoors or out.",
            "Take the story outside: act out the Gruffalo in the woodland area.",
            "Write the outdoor provision into the weekly plan instead of treating it as play time.",
        ],
        anything_else=[
            "The forest school session itself was the best part — we were outside all morning.",
            "Could we visit Crampton again in the spring to see the garden in use?",
        ],
        pupils_changed=[
            "Reception spend far longer on a task outdoors; the quieter children talk more there.",
            "Our nursery children count and measure in the garden without being asked.",
            "Boys who avoided mark-making now write in chalk on the playground every day.",
            "Fewer squabbles at tidy-up time since the outdoor resources have their own homes.",
        ],
    ),
    PastProgramme(
        StrandKind.CPD,
        ProgrammeKind.CPD,
        "Marking and feedback that moves learning on",
        "Three twilights on the alliance's marking and feedback research, with gap tasks.",
        ["teachers"],
        ["2025-11-12", "2026-01-21", "2026-03-11"],
        12,
        "cpd-lead",
        will_change=[
            "Use whole-class feedback sheets instead of writing comments in every book.",
            "Give the children time in the lesson to act on feedback, with a purple pen.",
            "Stop writing next steps the children never read; tell them instead.",
            "Mark a sample of books live during the lesson and feed back at the visualiser.",
            "Use codes in the margin so the children find and fix their own mistakes.",
            "Agree with my year group partner what we will no longer mark.",
            "Plan the first ten minutes of the next lesson from what the books show.",
            "Try verbal feedback stamps only where the child has acted on what I said.",
            "Share one anonymous piece of work each lesson and improve it together.",
        ],
        anything_else=[
            "The gap task between sessions made me actually try it: please keep that.",
            "Hearing what the research schools stopped doing was the most useful part.",
            "Could the slides be shared before the session?",
        ],
        pupils_changed=[
            "My Year 4s now correct their own work before they hand it in; their edits are better.",
            "Marking takes me half the time and the children respond to feedback in the lesson.",
            "The team's book looks are calmer: we look at what pupils did with the feedback.",
            "Year 6 redraft their writing in the lesson; their second drafts are much stronger.",
            "Children ask for feedback now instead of waiting for their books to come back.",
            "Our whole-class feedback sheets showed a gap in fractions that we retaught at once.",
        ],
    ),
    PastProgramme(
        StrandKind.CPD,
        ProgrammeKind.CPD,
        "Teaching assistants: keep-up phonics sessions",
        "Running daily keep-up sessions so that no child falls behind in phonics.",
        ["teaching-assistants"],
        ["2026-02-04", "2026-04-22"],
        10,
        "sle",
        will_change=[
            "Run keep-up phonics straight after the main lesson with the same sounds.",
            "Use the same actions and mnemonics as the class teacher, every time.",
            "Keep the group to four children and check each one reads the sound.",
            "Track the sounds each child is secure on in the keep-up log.",
            "Ask the teacher which children to take before the lesson, not after.",
            "Use the decodable book the child takes home in the session.",
        ],
        anything_else=[
            "It helped to practise the sounds with the SLE before we went back to school.",
            "More of these for teaching assistants, please — we are rarely offered training.",
        ],
        pupils_changed=[
            "The children in my keep-up group went from 12 to 31 sounds since January.",
            "Pupils who were behind in phonics passed the screening check this summer.",
            "Two children in Year 1 no longer need keep-up at all; they blend on their own.",
            "My group read their decodable books at home now; parents tell us they enjoy it.",
        ],
    ),
    PastProgramme(
        StrandKind.LEADERSHIP,
        ProgrammeKind.NETWORK,
        "Middle leaders' network {year}",
        "Termly network for subject and phase leaders: leading change across a team.",
        ["middle-leaders"],
        ["2025-10-15", "2026-02-25", "2026-05-13"],
        9,
        None,
        will_change=[
            "Hold one short learning walk a fortnight with a single focus, and share it.",
            "Plan the change with the team before announcing it in a staff meeting.",
            "Ask each teacher what they will stop doing to make room for the new approach.",
            "Meet the other maths leads from the network once a half term.",
            "Write the subject action plan on one page that the team actually reads.",
            "Coach instead of telling when a colleague asks what to do.",
        ],
        anything_else=[
            "More time to talk to colleagues from other schools would be welcome.",
            "The case study from Goose Green was exactly the situation I am in.",
        ],
        pupils_changed=[
            "Our pupil voice shows children can explain what they learnt last term in history.",
            "Science books across Key Stage 2 now show the same enquiry skills being taught.",
            "Attainment in the Year 3 times tables check rose after our team's focus on fluency.",
            "Pupils' reading for pleasure survey went up since we changed the library rota.",
        ],
    ),
    PastProgramme(
        StrandKind.LEADERSHIP,
        ProgrammeKind.NPQSL,
        "NPQ for senior leadership (NPQSL) {year}",
        "The national professional qualification for senior leaders, delivered with the alliance's "
        "headteachers: six face-to-face days, with a school improvement project between them.",
        ["senior-leaders"],
        ["2025-10-01", "2025-11-26", "2026-01-28", "2026-03-04", "2026-05-06", "2026-06-24"],
        12,
        None,
        will_change=[
            "Lead our school improvement project on attendance with a named governor.",
            "Use the implementation guidance to stage the change over three terms.",
            "Set up a line management meeting that starts with pupils' work, not data.",
            "Stop adding initiatives: write down what we will stop before we start anything.",
            "Hold difficult conversations earlier, using the structure from day three.",
            "Share the school's budget plan with middle leaders so they see the choices.",
            "Build the curriculum review around what the subject leaders found, not a template.",
            "Shadow our head at the next governors' meeting to see strategy discussed.",
            "Run our pupil premium review with a partner school from the cluster.",
            "Ask teachers what gets in the way of their CPD, then remove one thing.",
            "Observe a colleague's lesson to learn, with no judgement written down.",
            "Make the school's vision the first item at every senior leadership meeting.",
        ],
        anything_else=[
            "The heads who facilitated were honest about what went wrong in their schools.",
            "Working with senior leaders from secondary schools widened my thinking.",
            "Please keep the face-to-face days at Crampton; it is easy to reach.",
        ],
        pupils_changed=[
            "Persistent absence in our Year 5 halved after the project I led on the NPQSL.",
            "Disadvantaged pupils' reading scores rose by a third after our tutoring changes.",
            "Exclusions fell this year; pupils now meet a mentor before it gets that far.",
            "Our new curriculum map means pupils revisit key ideas; their recall is stronger.",
            "Pupils with SEND spend more time in class since I reorganised the support staff.",
            "Year 11 coursework completion rose to 96% after our new deadlines system.",
            "More pupils attend the after-school clubs now that they are timetabled by year group.",
            "Parents' survey shows pupils feel safer at lunchtime since the zoning changes.",
        ],
    ),
]

# A lighter year before, so the report's comparison with it says something.
YEAR_BEFORE = [
    PastProgramme(
        StrandKind.CPD,
        ProgrammeKind.CPD,
        "Early reading: phonics for teachers new to Key Stage 1",
        "Two twilights on teaching the alliance's phonics sequence, for teachers new to Year 1.",
        ["teachers"],
        ["2024-11-13", "2025-02-05"],
        8,
        "sle",
        will_change=[
            "Teach the new sound first thing, when the children are freshest.",
            "Stop using picture cues when children are decoding.",
            "Say the pure sounds, without the extra 'uh' at the end.",
            "Check every child reads the word, not only those who put their hands up.",
        ],
        anything_else=["Seeing the lesson modelled helped more than the slides."],
        pupils_changed=[
            "My Year 1 class's phonics screening result rose from 71% to 88%.",
            "The children blend words independently in their reading books now.",
        ],
    ),
    PastProgramme(
        StrandKind.CPD,
        ProgrammeKind.CPD,
        "Staff wellbeing: workload that works",
        "A day on reducing workload without losing what matters, for teachers and leaders.",
        ["teachers"],
        ["2025-01-22"],
        10,
        None,
        will_change=[
            "Cancel one meeting a half term and send a note instead.",
            "Set a time after which no emails are sent to staff.",
            "Use shared planning in the year group instead of each of us writing our own.",
        ],
        anything_else=["A calm, well-run day; I left with a list I could use."],
        pupils_changed=[
            "Staff are less tired on Friday afternoons and the children notice the difference.",
        ],
    ),
    PastProgramme(
        StrandKind.LEADERSHIP,
        ProgrammeKind.NPQML,
        "NPQ for leading teaching (NPQML) {year}",
        "The national professional qualification for middle leaders: three face-to-face days.",
        ["middle-leaders"],
        ["2024-10-16", "2025-01-15", "2025-05-14"],
        7,
        None,
        will_change=[
            "Lead a department CPD session using the instructional coaching model.",
            "Plan my subject's curriculum review with the team rather than on my own.",
            "Use the evidence summaries before choosing our next intervention.",
        ],
        anything_else=["Good to meet other middle leaders from across the borough."],
        pupils_changed=[
            "Our Year 9 science results improved after the team's work on retrieval practice.",
            "Pupils in my department use the same knowledge organisers in every year group.",
        ],
    ),
]

# Overall and usefulness answers, in turn: mostly 4s and 5s, as real CPD feedback is.
SCALES = [(5, 5), (4, 4), (5, 4), (4, 5), (3, 3), (5, 5), (4, 3), (2, 3), (5, 4), (4, 4)]

# School-to-school support last year, all delivered: (school index, area of need, phase, SLE or
# NLE, days, what the school asked for, what the deployment achieved, what the school said).
PAST_SUPPORT = [
    (
        3,
        "Phonics and early reading",
        "primary",
        DesignationKind.SLE,
        4,
        "Our Year 1 phonics results fell; we would like help to review the teaching sequence.",
        "The SLE modelled daily lessons and trained both Year 1 teachers and three assistants.",
        "Our screening check result rose from 68% to 84%. Practical and well planned.",
    ),
    (
        10,
        "Mathematics",
        "primary",
        DesignationKind.SLE,
        3,
        "Our new maths lead would like coaching on teaching for mastery in Key Stage 2.",
        "Three coaching days with the maths lead; a calculation policy agreed by all staff.",
        "Our maths lead now leads the staff meetings on mastery with confidence.",
    ),
    (
        13,
        "Special educational needs and disabilities",
        "primary",
        DesignationKind.SLE,
        5,
        "Our SENCo is new to the role and would value coaching through the first two terms.",
        "Five days of coaching; the SEND register and provision map rewritten with the SENCo.",
        "The SENCo now runs our reviews with parents herself. Exactly what we needed.",
    ),
    (
        19,
        "Behaviour and attendance",
        "secondary",
        DesignationKind.NLE,
        6,
        "Persistent absence in Year 9 has risen sharply; we need a fresh look at our approach.",
        "The NLE reviewed attendance systems with the pastoral team and set up weekly panels.",
        "Persistent absence in Year 9 fell by a third by the summer term.",
    ),
    (
        7,
        "Early years",
        "primary",
        DesignationKind.NLE,
        2,
        "Help to set up continuous provision in our new Nursery class.",
        "Two days with the Nursery team; the outdoor area replanned for continuous provision.",
        "The Nursery team have a clear plan and the children use the outdoor area all day.",
    ),
    (
        15,
        "Assessment",
        "primary",
        DesignationKind.SLE,
        "1.5",
        "Moderation of Year 6 writing before submission, with our Year 6 team.",
        "A day and a half moderating with the Year 6 team, against the national exemplars.",
        "Our teacher assessments matched the local authority's moderation exactly.",
    ),
]

FOREWORD = """Across Southwark Teaching School Alliance we work to build **a community of schools
where every child and young person is nurtured and challenged to flourish**, by sharing
practitioner excellence and evidence-based practice.

In {year} our schools worked together to:

- offer practitioner-led CPD for teachers and teaching assistants, from outdoor learning to
  keep-up phonics, and the alliance's own research on marking and feedback;
- develop senior leaders through the NPQSL, with most of the cohort completing;
- give school-to-school support through our specialist and national leaders of education;
- challenge and support one another in five peer review clusters.

Thank you to every school, leader and teacher who gave their time. Together we can ensure that
across our community of schools all learners flourish.

*Ruth Okonjo, Teaching school director*
"""


def _at(day: str, hour: int) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour, 0))
    )


def _delegates(demo: DemoAlliance, count: int, offset: int) -> list[Person]:
    """Staff of the alliance's schools other than Bellenden Road (whose head is a persona)."""
    staff = list(
        Person.objects.filter(
            organisation__memberships__alliance=demo.alliance,
            organisation__organisation_type="school",
            user__isnull=True,
        )
        .exclude(organisation__name="Bellenden Road Primary School")
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    if not staff:
        return []
    return [staff[(offset + n) % len(staff)] for n in range(min(count, len(staff)))]


def _request(kind: str, booking: Booking, programme: Programme, asked_at) -> FeedbackRequest:
    feedback_request = feedback_request_new(kind, booking, programme.pk, asked_at)
    if kind == RequestKind.SESSION:
        feedback_request.reminded_at = asked_at + datetime.timedelta(days=3)
    feedback_request.save()
    return feedback_request


def _said(sentences: list[str], index: int) -> str:
    """The delegate's own sentence, or nothing once every sentence is used (many leave the
    optional boxes empty), so no two delegates write the same."""
    return sentences[index] if index < len(sentences) else ""


def _programme(demo: DemoAlliance, row: PastProgramme, index: int, head: dict) -> None:
    programme, created = Programme.objects.get_or_create(
        alliance=demo.alliance,
        title=row.title,
        defaults={
            "strand": demo.strands[row.strand],
            "kind": row.kind,
            "summary": row.summary,
            "description": row.summary,
            "led_by": demo.organisations["Crampton Primary School"],
            "member_price": Decimal("60") * len(row.days),
            "non_member_price": Decimal("90") * len(row.days),
            "status": ProgrammeStatus.PUBLISHED,
        },
    )
    if not created:
        return
    programme.audiences.set(Audience.objects.filter(code__in=row.audiences))
    if row.facilitator:
        programme.facilitators.set([demo.people[row.facilitator]])
    own = None
    if len(row.days) > 2:
        own = Question.objects.create(
            programme=programme,
            kind=QuestionKind.SCALE,
            text="How confident are you to try this in your own classroom?",
            position=1,
        )
    delegates = _delegates(demo, row.delegates, index * 5)
    sessions = []
    for day in row.days:
        starts = _at(day, 9 if row.full_days else 16)
        sessions.append(
            Session.objects.create(
                alliance=demo.alliance,
                programme=programme,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=6 if row.full_days else 2),
                booking_deadline=starts - datetime.timedelta(days=2),
                venue="Crampton Primary School, training room",
                capacity=max(row.delegates + 2, 12),
                places_taken=len(delegates),
            )
        )
    seq = index
    written = [0] * len(sessions)
    completed: list[Booking] = []
    for person_number, person in enumerate(delegates):
        last_place, every_session = None, True
        for number, session in enumerate(sessions):
            # Every seventh delegate missed the last session, so did not complete.
            absent = person_number % 7 == 6 and number == len(sessions) - 1
            booking = Booking.objects.create(
                session=session,
                delegate=person,
                organisation_id=person.organisation_id,
                booked_by=head.get(person.organisation_id),
                status=BookingStatus.CONFIRMED,
                attendance=Attendance.ABSENT if absent else Attendance.ATTENDED,
                created_at=session.starts_at - datetime.timedelta(days=30),
            )
            if absent:
                every_session = False
                continue
            last_place = booking
            feedback = _request(RequestKind.SESSION, booking, programme, session.ends_at)
            seq += 1
            # About three in four answer.
            if seq % 4 != 0:
                # The sessions take the sentences in turn, so each session has its own.
                said = number + written[number] * len(sessions)
                written[number] += 1
                _answer(
                    feedback,
                    seq,
                    own,
                    _said(row.will_change, said),
                    _said(row.anything_else, said),
                )
        if every_session:
            completed.append(last_place)
    for n, booking in enumerate(completed):
        asked_at = sessions[-1].ends_at + FOLLOW_UP_AFTER
        follow_up = _request(RequestKind.FOLLOW_UP, booking, programme, asked_at)
        pupils_changed = _said(row.pupils_changed, n - n // 3)
        if n % 3 != 2 and pupils_changed:
            follow_up.answered_at = asked_at + datetime.timedelta(days=2)
            follow_up.save(update_fields=["answered_at"])
            FeedbackResponse.objects.create(
                request=follow_up,
                pupils_changed=pupils_changed,
                submitted_at=follow_up.answered_at,
            )


def _answer(
    feedback: FeedbackRequest,
    seq: int,
    own: Question | None,
    will_change: str,
    anything_else: str,
) -> None:
    overall, usefulness = SCALES[seq % len(SCALES)]
    answered_at = feedback.created_at + datetime.timedelta(days=1 + seq % 4)
    feedback.answered_at = answered_at
    feedback.save(update_fields=["answered_at"])
    response = FeedbackResponse.objects.create(
        request=feedback,
        overall=overall,
        usefulness=usefulness,
        will_change=will_change,
        anything_else=anything_else,
        submitted_at=answered_at,
    )
    if own is not None:
        Answer.objects.create(response=response, question=own, scale=max(overall - 1, 1) + seq % 2)


def _on(day: datetime.date, hour: int = 16) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _clusters(demo: DemoAlliance, year: AcademicYear, director: User) -> None:
    """The year's peer review clusters: the same schools together as this year."""
    schools = [demo.organisations[name] for name, _, _ in SOUTHWARK_SCHOOLS]
    for name, indexes in CLUSTERS:
        cluster, created = PeerReviewCluster.objects.get_or_create(
            alliance=demo.alliance,
            academic_year=year,
            name=name,
            defaults={"lead_school": schools[indexes[0]], "created_by": director},
        )
        if created:
            PeerReviewCluster.objects.filter(pk=cluster.pk).update(
                created_at=_on(term_weekday(year.starts_on + datetime.timedelta(days=14)))
            )
        for index in indexes:
            ClusterSchool.objects.get_or_create(
                alliance=demo.alliance,
                academic_year=year,
                organisation=schools[index],
                defaults={"cluster": cluster},
            )


def _support(demo: DemoAlliance, year: AcademicYear, director: User) -> None:
    """The year's support requests, each met by an SLE or NLE whose visits were confirmed."""
    schools = [demo.organisations[name] for name, _, _ in SOUTHWARK_SCHOOLS]
    for number, row in enumerate(PAST_SUPPORT):
        index, need, phase, kind, days, description, outcome, evaluation = row
        school = schools[index]
        head = (
            RoleAssignment.objects.filter(
                alliance=demo.alliance, role=Role.HEADTEACHER, organisation=school
            )
            .select_related("person__user")
            .order_by("-academic_year__start_year")
            .first()
        )
        specialism = Specialism.objects.get(name=need)
        asked_on = term_weekday(year.starts_on + datetime.timedelta(days=20 + 30 * number))
        request, created = SupportRequest.objects.get_or_create(
            alliance=demo.alliance,
            academic_year=year,
            school=school,
            area_of_need=specialism,
            defaults={
                "phase": Phase.objects.get(code=phase),
                "description": description,
                "preferred_dates": "Any weekday morning",
                "requested_by": head.person,
                "created_by": head.person.user,
            },
        )
        if not created:
            continue
        designation = (
            Designation.objects.filter(alliance=demo.alliance, kind=kind, specialisms=specialism)
            .select_related("person__user")
            .order_by("pk")
            .first()
        )
        starts_on = term_weekday(asked_on + datetime.timedelta(days=14))
        deployment = Deployment.objects.create(
            support_request=request,
            designation=designation,
            academic_year=year,
            days=Decimal(days),
            starts_on=starts_on,
            ends_on=term_weekday(starts_on + datetime.timedelta(days=56), step=-1),
            status=DeploymentStatus.COMPLETED,
            outcome_note=outcome,
            school_evaluation=evaluation,
            created_by=director,
        )
        for status in (
            DeploymentStatus.PROPOSED,
            DeploymentStatus.AGREED,
            DeploymentStatus.IN_PROGRESS,
            DeploymentStatus.COMPLETED,
        ):
            DeploymentChange.objects.create(deployment=deployment, status=status, made_by=director)
        _visits(deployment, head.person.user)
        SupportRequest.objects.filter(pk=request.pk).update(
            created_at=_on(asked_on, 9),
            signpost_kind=SignpostKind.DESIGNATION,
            signposted_designation=designation,
            signposted_at=_on(asked_on),
            signposted_by=director,
        )
        Deployment.objects.filter(pk=deployment.pk).update(created_at=_on(asked_on))
        DeploymentChange.objects.filter(deployment=deployment).update(made_at=_on(starts_on))


def _visits(deployment: Deployment, head: User) -> None:
    """A day a week (half a day for what is left over) until the agreed days are delivered."""
    left, visited_on = deployment.days, deployment.starts_on
    while left > 0:
        days = min(left, Decimal("1"))
        DeploymentVisit.objects.create(
            deployment=deployment,
            visited_on=visited_on,
            days=days,
            note="Modelled lessons and coached the staff involved.",
            recorded_by=deployment.designation.person.user,
            confirmed_by=head,
            confirmed_at=_on(visited_on, 17),
        )
        left -= days
        visited_on = term_weekday(visited_on + datetime.timedelta(days=7))


def _publish(demo: DemoAlliance, year: AcademicYear, director: User) -> None:
    ImpactReport.objects.get_or_create(
        alliance=demo.alliance,
        academic_year=year,
        defaults={
            "foreword": FOREWORD.format(year=year.label),
            "published_at": _on(datetime.date(year.start_year + 1, 10, 7), 10),
            "published_by": director.person,
        },
    )


def seed(southwark: DemoAlliance, steep: DemoAlliance) -> None:
    heads = {
        a.organisation_id: a.person
        for a in southwark.alliance.role_assignments.filter(role="headteacher")
    }
    past, _ = AcademicYear.objects.get_or_create(start_year=southwark.year.start_year - 1)
    for index, row in enumerate(past_programmes(past.start_year)):
        _programme(southwark, row, index, heads)
    # Past bookings in booking groups with references, as the booking form makes them.
    give_references(southwark)
    director = User.objects.get(email="director@demo.test")
    _clusters(southwark, past, director)
    _support(southwark, past, director)
    _publish(southwark, past, director)
