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


ROWS = [
    Page("members:member-directory", SOUTHWARK, expected=everyone()),
    Page("members:sle-directory", SOUTHWARK, expected=everyone()),
    Page("members:people-list", SOUTHWARK, expected=only("chair", "director", "administrator")),
    Page("members:people-list", STEEP, expected=only("steep-director")),
    Page("members:invitation-create", SOUTHWARK, expected=only("director", "administrator")),
    Page("members:invitation-create", STEEP, expected=only("steep-director")),
    Page("invitation-accept", _pending_invitation, expected=everyone()),
    Page("invitation-accept", {"token": "not-a-real-token"}, expected=everyone(404)),
]
