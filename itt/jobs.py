"""ITT's periodic job: run by ``send_emails`` every minute (``alliance/periodic.py``). Most runs
find nothing to delete, in one query."""

from __future__ import annotations

from alliance.periodic import periodic
from itt.services import applicants_clean_up


@periodic("itt.applicants_clean_up")
def applicants_clean_up_job() -> int:
    return applicants_clean_up(ran_by="send_emails (periodic)")
