from members.models import Person
from programmes import cohorts
from programmes.models import Booking, BookingGroup, Programme, ProgrammeStatus, Session
from programmes.services import booking_create
from tests.permission_table import LOGIN, SOUTHWARK, STEEP, Page, everyone, only


def _programme(title: str):
    def kwargs(demo) -> dict:
        programme = Programme.objects.get(title=title)
        return {"alliance_slug": programme.alliance.slug, "pk": programme.pk}

    return kwargs


def _draft(demo) -> dict:
    programme = Programme.objects.get(title="Phonics for new teachers")
    draft, _ = Programme.objects.get_or_create(
        alliance=programme.alliance,
        title="A draft CPD course",
        defaults={
            "strand": programme.strand,
            "summary": "Not published yet.",
            "led_by": programme.led_by,
            "status": ProgrammeStatus.DRAFT,
        },
    )
    return {**SOUTHWARK, "pk": draft.pk}


def _session(title: str):
    def kwargs(demo) -> dict:
        session = Session.objects.filter(programme__title=title).order_by("starts_at").first()
        return {"alliance_slug": session.programme.alliance.slug, "pk": session.pk}

    return kwargs


def _bellenden_booking(demo) -> dict:
    booking = Booking.objects.filter(organisation__name="Bellenden Road Primary School").first()
    return {**SOUTHWARK, "pk": booking.pk}


def _bellenden_reference(demo) -> dict:
    """A booking of Bellenden's, made with a reference as the booking form makes them."""
    booking = Booking.objects.filter(organisation__name="Bellenden Road Primary School").first()
    group, _ = BookingGroup.objects.get_or_create(
        token="permission-matrix",
        defaults={
            "organisation": booking.organisation,
            "alliance": demo.southwark,
            "reference": "STSA-PERM",
        },
    )
    Booking.objects.filter(pk=booking.pk).update(group=group)
    return {**SOUTHWARK, "reference": group.reference}


def _childminders_booking(demo) -> Booking:
    """A place the demo childminder booked for herself on STEEP's childminders' network."""
    person = Person.objects.get(user=demo.user("childminder"))
    booking = Booking.objects.filter(organisation__isnull=True, booked_by=person).first()
    if booking is None:
        session = Session.objects.filter(programme__title="Childminders' network").first()
        [booking] = booking_create(
            actor=person, organisation=None, sessions=[session], delegates=[person]
        )
    return booking


def _childminders_reference(demo) -> dict:
    return {**STEEP, "reference": _childminders_booking(demo).group.reference}


def _childminders_place(demo) -> dict:
    return {**STEEP, "pk": _childminders_booking(demo).pk}


def _teachers_application(demo):
    """The demo teacher's application for NPQSL, waiting for her head's endorsement."""
    teacher = demo.user("teacher").person
    programme = Programme.objects.get(title=NPQSL)
    return cohorts.active_enrolment(programme, teacher) or cohorts.apply(
        actor=teacher, programme=programme, participant=teacher
    )


def _application(demo) -> dict:
    return {**SOUTHWARK, "pk": _teachers_application(demo).pk}


def _endorse_link(demo) -> dict:
    return {**SOUTHWARK, "token": cohorts.endorse_token(_teachers_application(demo))}


PHONICS = "Phonics for new teachers"
WELLBEING = "Staff wellbeing: a whole-school approach"
NPQML = "NPQML with the UCL Institute of Education"
STEEP_OPEN = "Two-year-olds: attachment and transitions"
LA_SEND = "SEND: the graduated approach"
LEWISHAM_LA = {"alliance_slug": "lewisham-la"}
TANDRIDGE = {"alliance_slug": "tandridge"}
SOUTHWARK_HEADS = ("chair", "head")
CPD_MANAGERS = ("director", "cpd-lead")
# Any strategic lead manages programmes (their own strand's); NPQML is the leadership strand's.
LEADS = ("itt-lead", "leadership-lead")
NPQ_MANAGERS = ("director", "leadership-lead")
# Issue 15: the NPQSL cohort; who sees the teacher's application (everyone else: 404).
NPQSL = "NPQSL: leading across a school"
SIGNED_IN = {"anonymous": LOGIN}
APPLICATION_VIEWERS = ("teacher", "head", *NPQ_MANAGERS)

ROWS = [
    Page("catalogue", expected=everyone()),
    Page("catalogue", query="?strand=cpd&audience=teachers&places=on&q=phon", expected=everyone()),
    Page("programmes:catalogue", SOUTHWARK, expected=everyone()),
    # A borough's one stop shop is public, like every catalogue.
    Page("partnership-catalogue", {"partnership_slug": "lewisham"}, expected=everyone()),
    Page(
        "partnership-catalogue",
        {"partnership_slug": "lewisham"},
        query="?alliance=lewisham-la&audience=headteachers",
        expected=everyone(),
    ),
    Page("partnership-catalogue", {"partnership_slug": "nowhere"}, expected=everyone(404)),
    Page("programmes:catalogue", STEEP, query="?phase=nursery&kind=cpd", expected=everyone()),
    Page("programmes:programme-detail", _programme(PHONICS), expected=everyone()),
    Page("programmes:programme-detail", _draft, expected=everyone(404) | only(*CPD_MANAGERS)),
    Page(
        "programmes:programme-detail",
        {**STEEP, "pk": 999999},
        expected=everyone(404),
    ),
    # Headteachers of any school book; the chair is also head of Charles Dickens.
    Page("programmes:booking-create", _programme(PHONICS), expected=only(*SOUTHWARK_HEADS)),
    # STEEP's course is open to non-members: Southwark's heads may book at the other price.
    Page("programmes:booking-create", _programme(STEEP_OPEN), expected=only(*SOUTHWARK_HEADS)),
    # Someone of no school (a childminder) books a place for themselves, and only they do.
    Page("programmes:booking-for-self", _programme(STEEP_OPEN), expected=only("childminder")),
    Page("programmes:booking-for-self", _draft, expected=only("childminder", status=404)),
    # Checking answers never writes; an empty form comes back with its errors.
    Page(
        "programmes:booking-check",
        _programme(PHONICS),
        expected=only(*SOUTHWARK_HEADS),
        method="post",
    ),
    Page(
        "programmes:booking-confirm",
        _programme(PHONICS),
        expected=only(*SOUTHWARK_HEADS),
        method="post",
    ),
    # A booking by its reference: its school's booker sees it; another head is told nothing.
    Page(
        "programmes:booking-confirmation",
        _bellenden_reference,
        expected={"head": 200, "chair": 404, "childminder": 404},
    ),
    Page(
        "programmes:booking-calendar",
        _bellenden_reference,
        expected={"head": 200, "chair": 404, "childminder": 404},
    ),
    # Someone of no school sees the bookings she made for herself ("My bookings"), in any
    # alliance (they are listed together); the site-wide link finds her alliance.
    Page(
        "programmes:booking-list",
        SOUTHWARK,
        expected=only("director", "childminder", *SOUTHWARK_HEADS),
    ),
    Page(
        "programmes:booking-list",
        STEEP,
        expected=only("steep-director", "childminder", *SOUTHWARK_HEADS),
    ),
    Page(
        "programmes:booking-export",
        SOUTHWARK,
        expected=only("director", "childminder", *SOUTHWARK_HEADS),
    ),
    Page("my-bookings", expected={"childminder": 302, "anonymous": LOGIN}),
    # Her booking: hers alone; a booker of a school is told nothing, as for another school's.
    Page(
        "programmes:booking-confirmation",
        _childminders_reference,
        expected={"childminder": 200, "head": 404, "chair": 404},
    ),
    Page(
        "programmes:booking-calendar",
        _childminders_reference,
        expected={"childminder": 200, "head": 404, "chair": 404},
    ),
    Page(
        "programmes:booking-cancel",
        _childminders_place,
        expected={"childminder": 200, "head": 404, "chair": 404},
    ),
    Page("programmes:booking-swap", _childminders_place, expected={"head": 404, "chair": 404}),
    # Writes only answer a POST. Another school's booking is not found, even by a headteacher.
    # Cancelling asks first (a GET); the matrix asks, and another school's head gets 404.
    Page(
        "programmes:booking-cancel",
        _bellenden_booking,
        expected={"head": 200, "chair": 404, "childminder": 404},
    ),
    Page("programmes:booking-swap", _bellenden_booking, expected={"head": 200, "chair": 404}),
    Page(
        "programmes:offer-accept",
        _bellenden_booking,
        expected={"head": 302, "chair": 404, "childminder": 404},
        method="post",
    ),
    # An empty form: back to Our bookings with the message to choose someone.
    Page(
        "programmes:booker-create",
        SOUTHWARK,
        expected=only(*SOUTHWARK_HEADS, status=302),
        method="post",
    ),
    Page(
        "programmes:booker-delete",
        {**SOUTHWARK, "pk": 999999},
        expected=only(*SOUTHWARK_HEADS, status=404),
        method="post",
    ),
    # A head invites their own staff (the chair heads Charles Dickens); nobody heads a STEEP
    # school among the personas.
    Page("programmes:staff-invite", SOUTHWARK, expected=only(*SOUTHWARK_HEADS)),
    Page("programmes:staff-invite", STEEP),
    Page("programmes:programme-manage", SOUTHWARK, expected=only(*CPD_MANAGERS, *LEADS)),
    Page("programmes:programme-manage", STEEP, expected=only("steep-director")),
    # The local authority publishes as a provider: its CPD manager manages its programmes only.
    Page("programmes:programme-manage", LEWISHAM_LA, expected=only("la-cpd")),
    Page("programmes:programme-create", LEWISHAM_LA, expected=only("la-cpd")),
    Page("programmes:programme-edit", _programme(LA_SEND), expected=only("la-cpd")),
    Page("programmes:session-create", _programme(LA_SEND), expected=only("la-cpd")),
    Page("programmes:session-edit", _session(LA_SEND), expected=only("la-cpd")),
    Page("programmes:session-register", _session(LA_SEND), expected=only("la-cpd")),
    Page("programmes:programme-manage", TANDRIDGE, expected=only("tandridge-director")),
    Page("programmes:programme-create", SOUTHWARK, expected=only(*CPD_MANAGERS, *LEADS)),
    Page("programmes:programme-edit", _programme(PHONICS), expected=only(*CPD_MANAGERS)),
    # The CPD lead does not lead the leadership strand.
    Page("programmes:programme-edit", _programme(NPQML), expected=only(*NPQ_MANAGERS)),
    Page("programmes:programme-edit", _programme(STEEP_OPEN), expected=only("steep-director")),
    Page("programmes:session-create", _programme(PHONICS), expected=only(*CPD_MANAGERS)),
    Page("programmes:session-copy", _programme(PHONICS), expected=only(*CPD_MANAGERS)),
    Page("programmes:session-copy", _programme(NPQML), expected=only(*NPQ_MANAGERS)),
    Page("programmes:session-copy", _programme(STEEP_OPEN), expected=only("steep-director")),
    Page(
        "programmes:programme-publish",
        _draft,
        expected=only(*CPD_MANAGERS, status=302),
        method="post",
    ),
    Page(
        "programmes:programme-publish",
        _programme(NPQML),
        expected=only(*NPQ_MANAGERS, status=302),
        method="post",
    ),
    Page("programmes:session-edit", _session(PHONICS), expected=only(*CPD_MANAGERS)),
    Page("programmes:session-edit", _session(NPQML), expected=only(*NPQ_MANAGERS)),
    Page(
        "programmes:session-cancel",
        _session(PHONICS),
        expected=only(*CPD_MANAGERS, status=302),
        method="post",
    ),
    # The SLE facilitates the phonics course, so runs its register.
    Page("programmes:session-register", _session(PHONICS), expected=only(*CPD_MANAGERS, "sle")),
    Page("programmes:session-register", _session(WELLBEING), expected=only(*CPD_MANAGERS)),
    Page("programmes:session-register", _session(NPQML), expected=only(*NPQ_MANAGERS)),
    Page(
        "programmes:session-register-csv",
        _session(PHONICS),
        expected=only(*CPD_MANAGERS, "sle"),
    ),
    Page("programmes:session-calendar", _session(PHONICS), expected=everyone()),
    # Issue 15: cohorts. Anyone signed in may apply for themselves; a drop-in is not applied for.
    # The superuser is nobody (no person) to apply for, or to have programmes.
    Page(
        "programmes:cohort-apply",
        _programme(NPQSL),
        expected=everyone() | SIGNED_IN | {"superuser": 403},
    ),
    Page(
        "programmes:cohort-apply",
        _programme(PHONICS),
        expected=everyone(404) | SIGNED_IN | {"superuser": 403},
    ),
    Page("programmes:cohort-applications", _programme(NPQSL), expected=only(*NPQ_MANAGERS)),
    Page("programmes:cohort-applications", _programme(PHONICS), expected=SIGNED_IN, default=404),
    Page(
        "programmes:my-programmes",
        SOUTHWARK,
        expected=everyone() | SIGNED_IN | {"superuser": 403},
    ),
    # The teacher's application: her, her head, the leadership lead and the director; another
    # school's head (the chair) and everyone else are told it does not exist.
    Page(
        "programmes:enrolment-detail",
        _application,
        expected=only(*APPLICATION_VIEWERS) | SIGNED_IN,
        default=404,
    ),
    Page(
        "programmes:enrolment-calendar",
        _application,
        expected=only(*APPLICATION_VIEWERS) | SIGNED_IN,
        default=404,
    ),
    Page(
        "programmes:enrolment-endorse",
        _application,
        expected={"head": 302, **SIGNED_IN},
        default=404,
        method="post",
    ),
    Page(
        "programmes:enrolment-endorse-link",
        _endorse_link,
        expected={"head": 302, **SIGNED_IN},
        default=404,
    ),
    Page(
        "programmes:enrolment-endorse-link",
        {**SOUTHWARK, "token": "not-a-token"},
        expected=SIGNED_IN,
        default=404,
    ),
    # A write is not there (404) for anyone who may not make it, as the booking actions answer.
    # Empty forms: the lead and the director are shown the page with the errors.
    Page(
        "programmes:enrolment-decide",
        _application,
        expected=only(*NPQ_MANAGERS) | SIGNED_IN,
        default=404,
        method="post",
    ),
    Page(
        "programmes:enrolment-defer",
        _application,
        expected=only(*NPQ_MANAGERS) | SIGNED_IN,
        default=404,
        method="post",
    ),
    # Not enrolled yet: refused with a message, back to the page.
    Page(
        "programmes:enrolment-complete",
        _application,
        expected=only(*NPQ_MANAGERS, status=302) | SIGNED_IN,
        default=404,
        method="post",
    ),
    Page(
        "programmes:enrolment-withdraw",
        _application,
        expected=only(*APPLICATION_VIEWERS) | SIGNED_IN,
        default=404,
        method="post",
    ),
    Page(
        "programmes:enrolment-take-up",
        _application,
        expected=only("head", "teacher", status=302) | SIGNED_IN,
        default=404,
        method="post",
    ),
]
