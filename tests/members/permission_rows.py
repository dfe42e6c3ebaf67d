from members.models import Invitation, Organisation, Person
from tests.permission_table import LOGIN, SOUTHWARK, STEEP, Page, everyone, only


def _pending_invitation(demo) -> dict:
    invitation, _ = Invitation.objects.get_or_create(
        alliance=demo.southwark,
        email="invitee@demo.test",
        defaults={
            "full_name": "Ivy Invitee",
            "organisation": demo.southwark.memberships.first().organisation,
            "role": "board_member",
        },
    )
    return {"token": invitation.token}


def _grant_awaiting_approval(demo) -> dict:
    invitation, _ = Invitation.objects.get_or_create(
        alliance=demo.southwark,
        email="new-administrator@demo.test",
        defaults={
            "full_name": "Ada Administrator",
            "organisation": demo.southwark.memberships.first().organisation,
            "role": "administrator",
            "needs_approval": True,
            "invited_by": demo.user("director"),
        },
    )
    return {"alliance_slug": "southwark", "pk": invitation.pk}


def _new_head_awaiting_bellendens_head(demo) -> dict:
    """Issue 23: STEEP admitted Bellenden Road (head@ heads it, granted by Southwark) on an
    application naming a stranger as its head; the invitation waits for Bellenden's head."""
    invitation, _ = Invitation.objects.get_or_create(
        alliance=demo.steep,
        email="stranger@demo.test",
        defaults={
            "full_name": "Sam Stranger",
            "organisation": Organisation.objects.get(name="Bellenden Road Primary School"),
            "role": "headteacher",
            "needs_approval": True,
            "invited_by": demo.user("steep-director"),
        },
    )
    return {"pk": invitation.pk}


def _bellenden_teacher(demo) -> Person:
    person, _ = Person.objects.get_or_create(
        full_name="Tara Teacher",
        organisation=Organisation.objects.get(name="Bellenden Road Primary School"),
    )
    return person


def _anonymise_in_southwark(demo) -> dict:
    return {"alliance_slug": "southwark", "pk": _bellenden_teacher(demo).pk}


def _anonymise_from_steep(demo) -> dict:
    """A Southwark teacher asked for under STEEP's address: not STEEP's to anonymise."""
    return {"alliance_slug": "steep", "pk": _bellenden_teacher(demo).pk}


ROWS = [
    Page("members:member-directory", SOUTHWARK, expected=everyone()),
    Page("members:sle-directory", SOUTHWARK, expected=everyone()),
    Page("members:people-list", SOUTHWARK, expected=only("chair", "director", "administrator")),
    Page("members:people-list", STEEP, expected=only("steep-director")),
    Page("members:invitation-create", SOUTHWARK, expected=only("director", "administrator")),
    Page("members:invitation-create", STEEP, expected=only("steep-director")),
    Page("members:invitation-approval-list", SOUTHWARK, expected=only("chair")),
    Page("members:invitation-approval-list", STEEP, expected={}),
    *(
        Page(name, _grant_awaiting_approval, expected=only("chair", status=302), method="post")
        for name in ("members:invitation-approve", "members:invitation-decline")
    ),
    # GET shows the confirmation; the POST is tested in tests/members/test_anonymise.py.
    Page("members:person-anonymise", _anonymise_in_southwark, expected=only("director")),
    Page("members:person-anonymise", _anonymise_from_steep, expected={"steep-director": 404}),
    # Issue 23: a new head waits for the school's own head (any alliance) or the site
    # administrator; everyone else is told nothing (404), anonymous visitors sign in.
    Page("headship-confirmations", expected=everyone() | {"anonymous": LOGIN}),
    *(
        Page(
            name,
            _new_head_awaiting_bellendens_head,
            expected=everyone(404) | {"head": 302, "superuser": 302, "anonymous": LOGIN},
            method="post",
        )
        for name in ("headship-confirm", "headship-refuse")
    ),
    Page("invitation-accept", _pending_invitation, expected=everyone()),
    Page("invitation-accept", {"token": "not-a-real-token"}, expected=everyone(404)),
]
