"""CPD records, read from the registers: a person's (what they attended, their hours,
certificates and whether they gave feedback) and a school's (its staff, hours by audience,
phase and strand, and what it spent). Each is a fixed number of queries, however long the
record. Reads only."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.utils import timezone

from alliance.models import Alliance
from evaluation.certificates import hours_of
from evaluation.models import Certificate, FeedbackRequest, RequestKind
from members.models import Organisation, Person
from programmes.models import (
    PLACE_HOLDING_STATUSES,
    Attendance,
    Booking,
    BookingStatus,
    Programme,
)
from strands.models import StrandKind

BOOKING_LENGTH = ExpressionWrapper(
    F("session__ends_at") - F("session__starts_at"), output_field=DurationField()
)


def attended_bookings(*, alliance: Alliance) -> QuerySet[Booking]:
    """Places on this alliance's sessions where the register says the delegate was there."""
    return Booking.objects.filter(session__alliance=alliance, attendance=Attendance.ATTENDED)


@dataclass
class ProgrammeRecord:
    programme: Programme
    bookings: list[Booking] = field(default_factory=list)
    certificate: Certificate | None = None

    @property
    def hours(self) -> Decimal:
        return sum((booking.hours for booking in self.bookings), Decimal("0.0"))


@dataclass
class PersonRecord:
    person: Person
    programmes: list[ProgrammeRecord]
    certificates: list[Certificate]

    @property
    def hours(self) -> Decimal:
        return sum((p.hours for p in self.programmes), Decimal("0.0"))

    @property
    def sessions(self) -> int:
        return sum(len(p.bookings) for p in self.programmes)

    def rows(self):
        """One line a session attended, for the CSV."""
        for entry in self.programmes:
            for booking in entry.bookings:
                yield entry, booking


def person_record(*, person: Person, alliance: Alliance) -> PersonRecord:
    """Everything ``person`` attended with ``alliance``, newest first: two queries."""
    feedback = FeedbackRequest.objects.filter(kind=RequestKind.SESSION, booking=OuterRef("pk"))
    bookings = (
        attended_bookings(alliance=alliance)
        .filter(delegate=person)
        .select_related("session__programme__strand")
        .annotate(
            length=BOOKING_LENGTH,
            feedback_asked=Exists(feedback),
            feedback_given=Exists(feedback.filter(answered_at__isnull=False)),
        )
        .order_by("-session__starts_at", "pk")
    )
    certificates = list(
        Certificate.objects.filter(person=person, alliance=alliance).order_by("-last_date", "pk")
    )
    by_programme: dict[int, ProgrammeRecord] = {}
    for booking in bookings:
        booking.hours = hours_of(booking.length)
        programme = booking.session.programme
        entry = by_programme.setdefault(programme.pk, ProgrammeRecord(programme))
        entry.bookings.append(booking)
    for certificate in certificates:
        if certificate.programme_id in by_programme:
            by_programme[certificate.programme_id].certificate = certificate
    return PersonRecord(
        person=person, programmes=list(by_programme.values()), certificates=certificates
    )


@dataclass(frozen=True)
class HoursBy:
    """Hours attended under one heading (an audience, a phase or a strand)."""

    name: str
    hours: Decimal
    sessions: int


@dataclass
class SchoolRecord:
    school: Organisation
    staff: list[Person]
    by_audience: list[HoursBy]
    by_phase: list[HoursBy]
    by_strand: list[HoursBy]
    spend: dict[str, Decimal]
    places_charged: dict[str, int]

    @property
    def hours(self) -> Decimal:
        return sum((person.hours for person in self.staff), Decimal("0.0"))

    @property
    def total_spend(self) -> Decimal:
        return sum(self.spend.values(), Decimal("0.00"))


def charged_bookings(*, school: Organisation, alliance: Alliance) -> QuerySet[Booking]:
    """The school's places it pays for: those that hold a place, and those cancelled late."""
    return Booking.objects.filter(session__alliance=alliance, organisation=school).filter(
        Q(status__in=PLACE_HOLDING_STATUSES)
        | Q(status=BookingStatus.CANCELLED, cancelled_late=True)
    )


def _hours_by(
    bookings: QuerySet[Booking], name: str, *, empty: str, label=lambda value: value
) -> list[HoursBy]:
    rows = (
        bookings.values(name)
        .annotate(length=Sum(BOOKING_LENGTH), sessions=Count("pk"))
        .order_by(name)
    )
    return [
        HoursBy(
            name=label(row[name]) if row[name] else empty,
            hours=hours_of(row["length"]),
            sessions=row["sessions"],
        )
        for row in rows
    ]


def school_record(*, school: Organisation, alliance: Alliance) -> SchoolRecord:
    """A school's CPD with ``alliance``: six queries, however many staff and bookings.

    A programme for several audiences (or phases) counts its hours under each of them, so those
    tables may add up to more than the school's total."""
    attended = attended_bookings(alliance=alliance).filter(organisation=school)
    staff_attended = Q(
        bookings__session__alliance=alliance,
        bookings__attendance=Attendance.ATTENDED,
        bookings__organisation=school,
    )
    staff = list(
        Person.objects.filter(
            Q(organisation=school) | Exists(attended.filter(delegate=OuterRef("pk")))
        )
        .annotate(
            length=Sum(
                ExpressionWrapper(
                    F("bookings__session__ends_at") - F("bookings__session__starts_at"),
                    output_field=DurationField(),
                ),
                filter=staff_attended,
            ),
            sessions=Count("bookings", filter=staff_attended),
            programmes=Count("bookings__session__programme", filter=staff_attended, distinct=True),
        )
        .order_by("full_name", "pk")
    )
    certificates = dict(
        Certificate.objects.filter(alliance=alliance, person__in=[p.pk for p in staff])
        .values("person")
        .annotate(count=Count("pk"))
        .values_list("person", "count")
    )
    for person in staff:
        person.hours = hours_of(person.length)
        person.certificates = certificates.get(person.pk, 0)
    spend: dict[str, Decimal] = defaultdict(Decimal)
    places: dict[str, int] = defaultdict(int)
    for row in (
        charged_bookings(school=school, alliance=alliance)
        .values("is_member")
        .annotate(total=Sum("price_due"), places=Count("pk"))
        .order_by("-is_member")
    ):
        key = "member" if row["is_member"] else "non_member"
        spend[key] += row["total"] or Decimal("0")
        places[key] += row["places"]
    return SchoolRecord(
        school=school,
        staff=staff,
        by_audience=_hours_by(attended, "session__programme__audiences__name", empty="None given"),
        by_phase=_hours_by(attended, "session__programme__phases__name", empty="Every phase"),
        by_strand=_hours_by(
            attended,
            "session__programme__strand__kind",
            empty="None",
            label=lambda kind: StrandKind(kind).label,
        ),
        spend={"member": spend["member"], "non_member": spend["non_member"]},
        places_charged={"member": places["member"], "non_member": places["non_member"]},
    )


def school_record_rows(*, school: Organisation, alliance: Alliance):
    """One CSV line a place attended or paid for, in a single streamed query."""
    charged = Q(status__in=PLACE_HOLDING_STATUSES) | Q(
        status=BookingStatus.CANCELLED, cancelled_late=True
    )
    bookings = (
        Booking.objects.filter(session__alliance=alliance, organisation=school)
        .filter(charged | Q(attendance=Attendance.ATTENDED))
        .select_related("delegate", "session__programme__strand")
        .annotate(length=BOOKING_LENGTH)
        .order_by("delegate__full_name", "session__starts_at", "pk")
    )
    for booking in bookings.iterator(chunk_size=500):
        attended = booking.attendance == Attendance.ATTENDED
        paid = booking.status in PLACE_HOLDING_STATUSES or booking.cancelled_late
        yield [
            booking.delegate.full_name,
            booking.session.programme.title,
            booking.session.programme.strand.name,
            _local_date(booking.session.starts_at),
            booking.get_attendance_display(),
            hours_of(booking.length) if attended else Decimal("0.0"),
            "member" if booking.is_member else "non-member",
            booking.price_due if paid else Decimal("0.00"),
        ]


def _local_date(moment: datetime.datetime) -> str:
    return timezone.localdate(moment).isoformat()
