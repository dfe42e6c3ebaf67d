"""The members sections of "Download my data": the sign-in and person record, SLE and NLE
designations, and invitations sent to the person's address."""

from __future__ import annotations

from typing import Any

from alliance.models import CalendarFeed
from alliance.personal_data import Held, emails_of, personal_data_section
from members.models import Designation, Invitation, Person, User


@personal_data_section(
    "profile",
    models=[
        # The sign-in is also switched off and its allauth addresses removed, by the service.
        Held(User, person="person", emails=("email",), blanks=("first_name", "last_name")),
        Held(Person, person="pk", names=("full_name",), emails=("email",)),
        # Only a hash of the address's token: nothing to overwrite, and a switched-off sign-in's
        # feed answers nothing (``alliance.feeds.calendar_feed_user``).
        Held(CalendarFeed, person="user__person"),
    ],
)
def _profile(user: Any, person: Any) -> dict[str, Any]:
    feed = CalendarFeed.objects.filter(user=user).first()
    profile: dict[str, Any] = {
        "sign_in": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        # The address itself is never stored (only a hash of it): when it was made is all there is.
        "calendar_address_made_at": feed.created_at if feed else None,
    }
    if person is not None:
        profile["person"] = {
            "full_name": person.full_name,
            "email": person.email,
            "job_title": person.job_title,
            "organisation": person.organisation.name if person.organisation else None,
        }
    return profile


@personal_data_section("designations", models=[Held(Designation, person="person")])
def _designations(user: Any, person: Any) -> list[dict[str, Any]]:
    if person is None:
        return []
    designations = (
        Designation.objects.filter(person=person)
        .select_related("alliance", "phase")
        .prefetch_related("specialisms")
        .order_by("designated_on", "pk")
    )
    return [
        {
            "alliance": d.alliance.name,
            "designation": d.get_kind_display(),
            "phase": d.phase.name,
            "specialisms": [s.name for s in d.specialisms.all()],
            "days_available_per_year": d.days_available_per_year,
            "designated_on": d.designated_on,
            "active": d.active,
        }
        for d in designations
    ]


# Found by address: an invitation names whoever it was sent to, before any Person exists.
INVITATIONS = Held(Invitation, email="email", names=("full_name",), emails=("email",))


@personal_data_section("invitations", models=[INVITATIONS])
def _invitations(user: Any, person: Any) -> list[dict[str, Any]]:
    """Invitations sent to their address, whether or not they took them up; without who sent
    them (another person's data, and in that person's own "activity")."""
    addresses = emails_of(user, person)
    if not addresses:
        return []
    invitations = (
        INVITATIONS.rows_of(person_id=None, emails=addresses)
        .select_related("alliance", "organisation", "strand")
        .order_by("created_at", "pk")
    )
    return [
        {
            "alliance": i.alliance.name,
            "full_name": i.full_name,
            "email": i.email,
            "role": i.get_role_display(),
            "strand": i.strand.name if i.strand else None,
            "school": i.organisation.name,
            "job_title": i.job_title,
            "sent_at": i.created_at,
            "expires_at": i.expires_at,
            "accepted_at": i.accepted_at,
            "state": i.state.label,
        }
        for i in invitations
    ]
