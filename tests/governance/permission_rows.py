"""Meetings, minutes and actions in the role × page matrix.

Who may read depends on the meeting's visibility: public (everyone), alliance members (anyone
signed in whose organisation is a member this year) or board only. Unpublished minutes are for
the administrator and the chairs; other readers of the meeting get a 404 for them.
"""

from governance.models import Action, Meeting, MinutesEntry, Paper
from tests.permission_table import SOUTHWARK, Page, everyone, only

BOARD = ("chair", "director", "administrator", "board", "la-adviser")
# Staff of member schools read what is minuted for members, whatever their role.
MEMBERS = (*BOARD, "cpd-lead", "head", "sle", "finance", "itt-lead", "leadership-lead", "teacher")
MEMBERS += ("reviewer",)  # peer review (issue 17): a deputy head at a member school
# Issue 16: the demo trainee (salaried, employed by John Donne) and mentor are staff of members.
MEMBERS = (*MEMBERS, "trainee", "mentor")
DRAFTS = ("chair", "administrator")

BOARD_PUBLISHED = "Strategic Board, autumn term"
MEMBERS_PUBLISHED = "Whole Alliance meeting, autumn term"
PUBLIC_PUBLISHED = "Annual open meeting of the alliance"
BOARD_APPROVED = "Strategic Board, half-term review"
MEMBERS_DRAFT = "Headteachers’ termly session, autumn"
STEEP_BOARD = "STEEP Strategic Board, autumn term"


def meeting(title: str):
    def kwargs(demo) -> dict:
        return {**SOUTHWARK, "pk": Meeting.objects.get(title=title).pk}

    kwargs.__name__ = f"meeting<{title}>"
    return kwargs


def paper(title: str):
    def kwargs(demo) -> dict:
        found = Paper.objects.filter(agenda_item__meeting__title=title).first()
        return {**SOUTHWARK, "paper_pk": found.pk}

    return kwargs


def _agenda_item(demo) -> dict:
    m = Meeting.objects.get(title=MEMBERS_DRAFT)
    return {**SOUTHWARK, "pk": m.pk, "item_pk": m.agenda_items.first().pk}


def _draft_entry(demo) -> dict:
    entry = MinutesEntry.objects.filter(minutes__meeting__title=MEMBERS_DRAFT).first()
    return {**SOUTHWARK, "pk": entry.minutes.meeting_id, "entry_pk": entry.pk}


def _revision(demo) -> dict:
    return {**meeting(BOARD_PUBLISHED)(demo), "revision": 1}


def _heads_action(demo) -> dict:
    action = Action.objects.get(description__startswith="Share the Bellenden Road")
    return {**SOUTHWARK, "action_pk": action.pk}


def _reply_token(demo) -> dict:
    invitee = Meeting.objects.get(title="Strategic Board, spring term").invitees.first()
    return {**SOUTHWARK, "token": invitee.token}


# Writes that only answer a POST, with the real answer to an empty form for those who may.
POST_ONLY = [
    ("governance:invitations-send", meeting(BOARD_PUBLISHED), only(*DRAFTS, status=302)),
    ("governance:minutes-start", meeting(BOARD_PUBLISHED), only("administrator", status=302)),
    ("governance:minutes-submit", meeting(MEMBERS_DRAFT), only("administrator", status=302)),
    ("governance:minutes-approve", meeting(MEMBERS_DRAFT), only("chair", status=302)),
    # The form comes back with its errors: an action needs a description, owner and date.
    ("governance:action-create", _draft_entry, only("administrator")),
    ("governance:action-remove", _heads_action, only("administrator", status=302)),
]

ROWS = [
    Page("governance:meeting-list", SOUTHWARK, expected=everyone()),
    Page("governance:action-list", SOUTHWARK, expected=everyone()),
    Page("governance:meeting-create", SOUTHWARK, expected=only(*DRAFTS)),
    # Meetings and their calendar files, by visibility; another alliance's meeting is a 404.
    Page("governance:meeting-detail", meeting(PUBLIC_PUBLISHED), expected=everyone()),
    Page("governance:meeting-detail", meeting(MEMBERS_PUBLISHED), expected=only(*MEMBERS)),
    Page("governance:meeting-detail", meeting(BOARD_PUBLISHED), expected=only(*BOARD)),
    Page("governance:meeting-detail", meeting(STEEP_BOARD), expected=everyone(404)),
    Page("governance:meeting-ics", meeting(MEMBERS_PUBLISHED), expected=only(*MEMBERS)),
    Page("governance:meeting-ics", meeting(BOARD_PUBLISHED), expected=only(*BOARD)),
    # Published minutes follow the meeting; unpublished ones are for the administrator and chairs.
    Page("governance:minutes-detail", meeting(PUBLIC_PUBLISHED), expected=everyone()),
    Page("governance:minutes-detail", meeting(MEMBERS_PUBLISHED), expected=only(*MEMBERS)),
    Page("governance:minutes-detail", meeting(BOARD_PUBLISHED), expected=only(*BOARD)),
    Page(
        "governance:minutes-detail",
        meeting(BOARD_APPROVED),
        expected={**only(*BOARD, status=404), **only(*DRAFTS)},
    ),
    Page(
        "governance:minutes-detail",
        meeting(MEMBERS_DRAFT),
        expected={**only(*MEMBERS, status=404), **only(*DRAFTS)},
    ),
    Page("governance:minutes-detail", meeting(STEEP_BOARD), expected=everyone(404)),
    Page("governance:minutes-print", meeting(MEMBERS_PUBLISHED), expected=only(*MEMBERS)),
    Page(
        "governance:minutes-print",
        meeting(MEMBERS_DRAFT),
        expected={**only(*MEMBERS, status=404), **only(*DRAFTS)},
    ),
    Page("governance:minutes-pdf", meeting(BOARD_PUBLISHED), expected=only(*BOARD)),
    Page("governance:minutes-revision", _revision, expected=only(*DRAFTS)),
    # Papers: only to readers of the meeting, by direct address too.
    Page("governance:paper-download", paper(BOARD_PUBLISHED), expected=only(*BOARD)),
    Page("governance:paper-download", paper(MEMBERS_PUBLISHED), expected=only(*MEMBERS)),
    # Calling and minuting.
    Page("governance:agenda-item-create", meeting(MEMBERS_DRAFT), expected=only(*DRAFTS)),
    Page("governance:agenda-item-edit", _agenda_item, expected=only(*DRAFTS)),
    Page("governance:meeting-edit", meeting(MEMBERS_DRAFT), expected=only(*DRAFTS)),
    Page("governance:paper-upload", _agenda_item, expected=only(*DRAFTS)),
    Page("governance:attendance", meeting(MEMBERS_DRAFT), expected=only("administrator")),
    Page("governance:minutes-entry-edit", _draft_entry, expected=only("administrator")),
    Page("governance:minutes-correct", meeting(BOARD_PUBLISHED), expected=only("administrator")),
    # Asking first, on their own pages (the same guard answers the POST): the reason for a
    # return, what publishing will send to whom, and who hears of a cancellation and why.
    Page("governance:minutes-return", meeting(MEMBERS_DRAFT), expected=only("chair")),
    Page("governance:minutes-publish", meeting(BOARD_APPROVED), expected=only("administrator")),
    Page("governance:meeting-cancel", meeting(MEMBERS_DRAFT), expected=only(*DRAFTS)),
    Page("governance:meeting-cancel", meeting(STEEP_BOARD), expected=only(*DRAFTS, status=404)),
    # Replies through the invitation link need no sign-in.
    Page("governance:rsvp", _reply_token, expected=everyone()),
    Page("governance:rsvp", {**SOUTHWARK, "token": "not-a-token"}, expected=everyone(404)),
    Page("governance:action-done", _heads_action, expected=only("head", *DRAFTS)),
    Page("governance:action-edit", _heads_action, expected=only(*DRAFTS)),
    *(Page(name, kwargs, expected, method="post") for name, kwargs, expected in POST_ONLY),
]
