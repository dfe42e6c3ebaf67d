from members.models import Invitation
from tests.permission_table import SOUTHWARK, STEEP, Page, everyone, only


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


ROWS = [
    Page("members:member-directory", SOUTHWARK, expected=everyone()),
    Page("members:sle-directory", SOUTHWARK, expected=everyone()),
    Page("members:people-list", SOUTHWARK, expected=only("chair", "director", "administrator")),
    Page("members:people-list", STEEP, expected=only("steep-director")),
    Page("members:invitation-create", SOUTHWARK, expected=only("director", "administrator")),
    Page("members:invitation-create", STEEP, expected=only("steep-director")),
    Page("members:invitation-approval-list", SOUTHWARK, expected=only("chair")),
    Page("members:invitation-approval-list", STEEP, expected={}),
    # POST only: GET asks the method after the permission (tests/members/test_grants.py POSTs).
    Page(
        "members:invitation-approve", _grant_awaiting_approval, expected=only("chair", status=405)
    ),
    Page(
        "members:invitation-decline", _grant_awaiting_approval, expected=only("chair", status=405)
    ),
    Page("invitation-accept", _pending_invitation, expected=everyone()),
    Page("invitation-accept", {"token": "not-a-real-token"}, expected=everyone(404)),
]
