"""Reads about meetings, minutes and actions that depend on who is asking."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from alliance.locks import lock_all
from alliance.models import Role, RoleAssignment
from alliance.permissions import ROLE_PERMISSIONS, AlliancePerms
from governance.models import (
    Action,
    AgendaItem,
    Invitee,
    Meeting,
    MeetingKind,
    MeetingQuorum,
    Minutes,
    MinutesEntry,
    MinutesEvent,
    MinutesState,
    Paper,
    Reply,
    Visibility,
)
from members.models import Person
from members.selectors import is_alliance_member, people_for_picker

# Who a chair invites by default to each kind of meeting.
_OFFICERS = {Role.CHAIR, Role.DIRECTOR, Role.ADMINISTRATOR}
INVITED_ROLES: dict[str, set[str]] = {
    MeetingKind.BOARD: _OFFICERS | {Role.BOARD_MEMBER},
    MeetingKind.WHOLE_ALLIANCE: _OFFICERS
    | {Role.BOARD_MEMBER, Role.HEADTEACHER, Role.STRATEGIC_LEAD},
    MeetingKind.HEADTEACHERS: _OFFICERS | {Role.HEADTEACHER},
    MeetingKind.STRAND: _OFFICERS,
}
BOARD_ROLES = {role for role, names in ROLE_PERMISSIONS.items() if "meeting.view_board" in names}


def readable_visibilities(perms: AlliancePerms) -> tuple[str, ...]:
    """Which meetings (their agendas, papers and published minutes) this person may read."""
    if "meeting.view_board" in perms:
        return (Visibility.PUBLIC, Visibility.MEMBERS, Visibility.BOARD)
    if is_alliance_member(person=perms.person, alliance=perms.alliance):
        return (Visibility.PUBLIC, Visibility.MEMBERS)
    return (Visibility.PUBLIC,)


def may_read(perms: AlliancePerms, visibility: str) -> bool:
    return visibility in readable_visibilities(perms)


def default_invitees_for(*, meeting: Meeting) -> QuerySet[Person]:
    """The board for a board meeting, every member headteacher for a whole alliance meeting…"""
    roles = RoleAssignment.objects.current().filter(alliance=meeting.alliance)
    wanted = Q(role__in=INVITED_ROLES[meeting.kind])
    if meeting.kind == MeetingKind.STRAND:
        wanted |= Q(role=Role.STRATEGIC_LEAD, strand_id=meeting.strand_id)
    return Person.objects.filter(pk__in=roles.filter(wanted).values("person")).order_by("full_name")


def invitations_passed_by(*, meeting: Meeting) -> list[Invitee]:
    """Invitees "Send the invitations" leaves out, each with why (``invitation_refusal``)."""
    invitees = meeting.invitees.select_related("person").order_by("person__full_name")
    return [invitee for invitee in invitees if invitee.invitation_refusal]


def role_holders_of(*, alliance) -> QuerySet[Person]:
    """People who can present an item or own an action: anyone holding a role this year."""
    holders = RoleAssignment.objects.current().filter(alliance=alliance).values("person")
    return Person.objects.filter(pk__in=holders).select_related("organisation")


def people_to_pick(*, alliance) -> QuerySet[Person]:
    """The role holders as a people picker lists them (name, school, roles), for inviting,
    presenting and owning an action; a person posted who is not among them is refused."""
    return people_for_picker(
        role_holders_of(alliance=alliance).order_by("full_name"), alliance=alliance
    )


def perm_holders_of(*, alliance, perm: str) -> QuerySet[Person]:
    """People holding a role this year that carries a permission: the chairs who approve
    minutes (``minutes.approve``), the administrators who draft them (``minutes.draft``)."""
    roles = {role for role, names in ROLE_PERMISSIONS.items() if perm in names}
    current = RoleAssignment.objects.current().filter(alliance=alliance, role__in=roles)
    return Person.objects.filter(pk__in=current.values("person")).order_by("full_name")


def action_owners_for(*, perms: AlliancePerms) -> QuerySet[Person]:
    """The people the action log can be filtered by: owners of published actions."""
    owners = actions_for(perms=perms).values("owner")
    return Person.objects.filter(pk__in=owners).order_by("full_name")


def audience_for(*, meeting: Meeting) -> list[str]:
    """Email addresses to tell when the minutes are published: invitees and, unless the meeting
    is board only, everyone holding a role in the alliance this year."""
    roles = RoleAssignment.objects.current().filter(alliance=meeting.alliance)
    if meeting.visibility == Visibility.BOARD:
        roles = roles.filter(role__in=BOARD_ROLES)
    people = Person.objects.filter(
        Q(pk__in=roles.values("person")) | Q(meeting_invitations__meeting=meeting)
    ).exclude(email="")
    return sorted(set(people.values_list("email", flat=True)))


@dataclass(frozen=True)
class PublicationPreview:
    """What publishing the minutes will do: who is emailed, and what part of them do not see."""

    emails: list[str]
    audience: str
    confidential: list[str]  # agenda items left out for readers outside the board
    outside_board: int  # how many of those emailed read the minutes without them


def publication_preview_for(*, minutes: Minutes) -> PublicationPreview:
    meeting = minutes.meeting
    emails = audience_for(meeting=meeting)
    board = RoleAssignment.objects.current().filter(alliance=meeting.alliance, role__in=BOARD_ROLES)
    board_emails = set(
        Person.objects.filter(pk__in=board.values("person")).values_list("email", flat=True)
    )
    audience = (
        "the board and the meeting’s invitees"
        if meeting.visibility == Visibility.BOARD
        else "everyone holding a role in the alliance this year and the meeting’s invitees"
    )
    confidential = list(
        minutes.entries.filter(agenda_item__confidential=True)
        .order_by("agenda_item__position")
        .values_list("agenda_item__title", flat=True)
    )
    return PublicationPreview(
        emails=emails,
        audience=audience,
        confidential=confidential,
        outside_board=sum(1 for email in emails if email not in board_emails),
    )


def meetings_for(
    *, perms: AlliancePerms, year: int | None = None, kind: str = "", query: str = ""
) -> QuerySet[Meeting]:
    """The alliance's meetings this person may read, newest first, with the archive filters."""
    published = Minutes.objects.filter(meeting=OuterRef("pk"), state=MinutesState.PUBLISHED)
    meetings = (
        Meeting.objects.filter(alliance=perms.alliance, visibility__in=readable_visibilities(perms))
        .select_related("academic_year", "strand")
        .annotate(has_published_minutes=Exists(published))
    )
    if year:
        meetings = meetings.filter(academic_year__start_year=year)
    if kind:
        meetings = meetings.filter(kind=kind)
    if query:
        meetings = meetings.filter(pk__in=_matching(perms=perms, query=query))
    # Grouped by academic year on the page: newest year first, then newest meeting first.
    return meetings.order_by("-academic_year__start_year", "-starts_at")


def _matching(*, perms: AlliancePerms, query: str) -> QuerySet:
    """Meetings whose title, agenda or published minutes mention the words searched for."""
    items = AgendaItem.objects.filter(settled(perms))
    entries = MinutesEntry.objects.filter(minutes__state=MinutesState.PUBLISHED)
    if not perms.sees_confidential:
        items = items.filter(confidential=False)
        entries = entries.filter(agenda_item__confidential=False)
    hits = Q(title__icontains=query)
    hits |= Q(pk__in=items.filter(title__icontains=query).values("meeting"))
    hits |= Q(
        pk__in=entries.filter(Q(notes__icontains=query) | Q(decisions__icontains=query)).values(
            "minutes__meeting"
        )
    )
    hits |= Q(
        pk__in=Action.objects.filter(entry__in=entries, description__icontains=query).values(
            "entry__minutes__meeting"
        )
    )
    return Meeting.objects.filter(hits).values("pk")


def settled(perms: AlliancePerms, prefix: str = "") -> Q:
    """Agenda items and papers added in a correction reach readers when it is published; those
    who read draft minutes see them at once."""
    if "minutes.view_drafts" in perms:
        return Q()
    return Q(**{f"{prefix}added_in__isnull": True}) | Q(
        **{f"{prefix}added_in__state__in": [MinutesState.PUBLISHED, MinutesState.SUPERSEDED]}
    )


def agenda_for(*, meeting: Meeting, perms: AlliancePerms) -> QuerySet[AgendaItem]:
    papers = Paper.objects.filter(settled(perms)).order_by("title")
    items = (
        meeting.agenda_items.filter(settled(perms))
        .select_related("presenter__organisation")
        .prefetch_related(Prefetch("papers", queryset=papers))
    )
    if not perms.sees_confidential:
        items = items.filter(confidential=False)
    return items.order_by("position", "id")


def minutes_for(*, meeting: Meeting, perms: AlliancePerms) -> Minutes | None:
    """The revision this person reads: the latest for those who see drafts, else the published."""
    revisions = meeting.minutes.order_by("-revision")
    if "minutes.view_drafts" not in perms:
        revisions = revisions.filter(state=MinutesState.PUBLISHED)
    return revisions.first()


CANCELLED = "This meeting is cancelled, so it no longer changes and has no minutes."


def cancellation_emails_for(*, meeting: Meeting) -> list[Invitee]:
    """Who is told a meeting is cancelled: everyone sent an invitation who has an address.
    Those never sent one did not know of it."""
    return list(
        meeting.invitees.filter(invitation_sent_at__isnull=False)
        .exclude(person__email="")
        .select_related("person__organisation")
        .order_by("person__full_name", "pk")
    )


@dataclass(frozen=True)
class RecordLock:
    """Whether a meeting's agenda, papers and attendance may change now: freely until its
    minutes are submitted, afterwards only through an open correction of the published minutes
    (which records the change), and otherwise not at all."""

    correction: Minutes | None = None
    refusal: str = ""
    correctable: bool = False  # refused, but starting a correction would allow it


def record_lock_for(*, meeting: Meeting, lock: bool = False) -> RecordLock:
    """``lock`` holds the minutes rows until the transaction ends, for a service about to write."""
    if meeting.is_cancelled:
        return RecordLock(refusal=CANCELLED)
    ordered = meeting.minutes.order_by("-revision")
    revisions = lock_all(ordered) if lock else list(ordered)
    if all(minutes.is_editable for minutes in revisions):
        return RecordLock()
    latest = revisions[0]
    if latest.is_editable:
        return RecordLock(correction=latest)  # started with a reason, after publication
    published = latest.state == MinutesState.PUBLISHED
    how = (
        "To change them now, start a correction of the published minutes, giving a reason."
        if published
        else "The chair can return the minutes to draft if they need to change."
    )
    return RecordLock(
        refusal=(
            f"The minutes of this meeting are {latest.get_state_display().lower()}, so its "
            f"agenda, papers and attendance are part of the record. {how}"
        ),
        correctable=published,
    )


# The board, for the default quorum: those who sit on it, not the officers who serve it.
QUORUM_BOARD_ROLES = {Role.CHAIR, Role.DIRECTOR, Role.BOARD_MEMBER}


def quorum_for(*, meeting: Meeting) -> int:
    """The quorum set for this kind of meeting, or else half the board plus one."""
    quorum = MeetingQuorum.objects.filter(alliance=meeting.alliance_id, kind=meeting.kind)
    members = quorum.values_list("members", flat=True).first()
    if members:
        return members
    board = RoleAssignment.objects.current().filter(
        alliance=meeting.alliance_id, role__in=QUORUM_BOARD_ROLES
    )
    return board.values("person").distinct().count() // 2 + 1


@dataclass(frozen=True)
class AttendanceRecord:
    recorded: bool
    present: list[Person]
    apologies: list[Person]
    absent: list[Person]  # invited, not there, and no apologies sent
    quorum: int | None = None

    @property
    def quorate(self) -> bool | None:
        if not self.recorded or self.quorum is None:
            return None
        return len(self.present) >= self.quorum


def attendance_for(*, minutes: Minutes) -> AttendanceRecord:
    """Who the minutes record as there, sending apologies or absent: the meeting's attendance
    while they are a draft, and the attendance fixed when they were submitted from then on."""
    if minutes.is_editable:
        invitees = minutes.meeting.invitees.select_related("person__organisation")
        apologies = [i for i in invitees if not i.attended and i.reply == Reply.APOLOGIES]
        return AttendanceRecord(
            recorded=minutes.meeting.attendance_recorded_at is not None,
            present=[i.person for i in invitees if i.attended],
            apologies=[i.person for i in apologies],
            absent=[i.person for i in invitees if i.attended is False and i not in apologies],
            quorum=quorum_for(meeting=minutes.meeting),
        )
    rows = list(minutes.attendance.select_related("person__organisation"))
    return AttendanceRecord(
        recorded=minutes.attendance_recorded_at is not None,
        present=[row.person for row in rows if row.present],
        apologies=[row.person for row in rows if not row.present and row.apologies],
        absent=[row.person for row in rows if not row.present and not row.apologies],
        quorum=minutes.quorum,
    )


def entries_for(*, minutes: Minutes, perms: AlliancePerms) -> QuerySet[MinutesEntry]:
    entries = minutes.entries.select_related("agenda_item__presenter").prefetch_related(
        Prefetch("actions", queryset=Action.objects.select_related("owner__organisation"))
    )
    if not perms.sees_confidential:
        entries = entries.filter(agenda_item__confidential=False)
    return entries.order_by("agenda_item__position", "agenda_item_id")


def actions_for(
    *, perms: AlliancePerms, owner_id: int | None = None, status: str = ""
) -> QuerySet[Action]:
    """The action log: actions in the published minutes this person may read."""
    actions = Action.objects.filter(
        entry__minutes__state=MinutesState.PUBLISHED,
        entry__minutes__meeting__alliance=perms.alliance,
    ).select_related("owner__organisation", "entry__agenda_item", "entry__minutes__meeting")
    if "actions.view_all" not in perms:
        actions = actions.filter(
            entry__minutes__meeting__visibility__in=readable_visibilities(perms)
        )
        if not perms.sees_confidential:
            actions = actions.filter(entry__agenda_item__confidential=False)
    if owner_id:
        actions = actions.filter(owner_id=owner_id)
    today = timezone.localdate()
    if status == "open":
        actions = actions.filter(done_at__isnull=True)
    elif status == "overdue":
        actions = actions.filter(done_at__isnull=True, due_on__lt=today)
    elif status == "done":
        actions = actions.filter(done_at__isnull=False)
    # Open actions first (most urgent first), then done ones, latest done first.
    return actions.order_by(F("done_at").desc(nulls_first=True), "due_on", "id")


def matters_arising_for(*, meeting: Meeting, perms: AlliancePerms) -> list[Action]:
    """The open actions of the last meeting of the same kind before this one, as its published
    minutes record them and as far as this person may read them, for "Matters arising"."""
    previous = (
        Meeting.objects.filter(
            alliance=meeting.alliance_id,
            kind=meeting.kind,
            strand_id=meeting.strand_id,
            starts_at__lt=meeting.starts_at,
            cancelled_at__isnull=True,  # a cancelled meeting left nothing to arise
            visibility__in=readable_visibilities(perms),
        )
        .order_by("-starts_at")
        .values("pk")[:1]
    )
    actions = Action.objects.filter(
        entry__minutes__meeting__in=Subquery(previous),
        entry__minutes__state=MinutesState.PUBLISHED,
        done_at__isnull=True,
    ).select_related("owner", "entry__agenda_item", "entry__minutes__meeting")
    if not perms.sees_confidential:
        actions = actions.filter(entry__agenda_item__confidential=False)
    return list(actions.order_by("due_on", "id"))


def my_open_actions(*, perms: AlliancePerms) -> QuerySet[Action]:
    """A person's own open actions, for their home page."""
    if perms.person is None:
        return Action.objects.none()
    return (
        Action.objects.filter(
            owner=perms.person,
            done_at__isnull=True,
            entry__minutes__state=MinutesState.PUBLISHED,
            entry__minutes__meeting__alliance=perms.alliance,
        )
        .select_related("entry__minutes__meeting")
        .order_by("due_on", "id")
    )


def minutes_waiting_for(*, perms: AlliancePerms) -> QuerySet[Minutes]:
    """Minutes waiting on this person: the chair approves, the administrator drafts and
    publishes."""
    states = []
    if "minutes.approve" in perms:
        states.append(MinutesState.SUBMITTED)
    if "minutes.publish" in perms:
        states += [MinutesState.DRAFT, MinutesState.APPROVED]
    minutes = Minutes.objects.filter(meeting__alliance=perms.alliance, state__in=states)
    if perms.person is not None:
        # Nobody approves minutes they submitted, so those are waiting for another chair.
        last_submitter = (
            MinutesEvent.objects.filter(
                minutes=OuterRef("pk"), change=MinutesEvent.Change.SUBMITTED
            )
            .order_by("-at", "-id")
            .values("actor_id")[:1]
        )
        minutes = minutes.annotate(submitter_id=Subquery(last_submitter)).exclude(
            Q(state=MinutesState.SUBMITTED) & Q(submitter_id=perms.person.user_id)
        )
    return minutes.select_related("meeting").order_by("meeting__starts_at")


def upcoming_invitations_for(*, perms: AlliancePerms) -> QuerySet[Invitee]:
    """Meetings a person is invited to that have not ended, with their reply, for their home."""
    if perms.person is None:
        return Invitee.objects.none()
    return (
        Invitee.objects.filter(
            person=perms.person,
            meeting__alliance=perms.alliance,
            meeting__ends_at__gte=timezone.now(),
        )
        .select_related("meeting")
        .order_by("meeting__starts_at")
    )
