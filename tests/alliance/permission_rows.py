from alliance.feeds import calendar_feed_reset
from tests.permission_table import LOGIN, SOUTHWARK, STEEP, Page, everyone, only


def _heads_feed(demo) -> dict:
    """The token is the key: whoever holds it, signed in or not, reads that calendar."""
    return {"token": calendar_feed_reset(user=demo.user("head"))}


SOUTHWARK_ROLES = (
    "chair",
    "director",
    "administrator",
    "cpd-lead",
    "board",
    "head",
    "sle",
    "la-adviser",
    "finance",
    "itt-lead",
    "leadership-lead",
)

ROWS = [
    Page("site-home", expected=everyone()),
    Page("home", expected={"anonymous": LOGIN}, default=200),
    Page("alliance:home", SOUTHWARK, expected=everyone()),
    Page("alliance:home", {"alliance_slug": "no-such-alliance"}, expected=everyone(404)),
    Page("alliance:role-home", SOUTHWARK, expected=only(*SOUTHWARK_ROLES)),
    Page("alliance:role-home", STEEP, expected=only("steep-director", "la-adviser")),
    # Anyone signed in downloads their own data (the superuser too: their sign-in's data).
    Page("personal-data-download", expected={"anonymous": LOGIN}, default=200),
    # Anyone signed in makes their own calendar address; the feed answers only to a real token.
    Page("calendar-feed-page", expected={"anonymous": LOGIN}, default=200),
    Page("calendar-feed-new", method="post", expected={"anonymous": LOGIN}, default=302),
    Page("calendar-feed", {"token": "not-a-real-token"}, expected=everyone(404)),
    Page("calendar-feed", _heads_feed, expected=everyone()),
    Page("alliance:audit-list", SOUTHWARK, expected=only("director")),
    Page("alliance:audit-list", STEEP, expected=only("steep-director")),
    Page("alliance:audit-csv", SOUTHWARK, expected=only("director")),
    Page("alliance:audit-csv", STEEP, expected=only("steep-director")),
]
