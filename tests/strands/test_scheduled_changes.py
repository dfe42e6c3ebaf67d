"""Changes dated later in the year are on the board before they take effect, and each flag
says whether a scheduled change resolves it."""

import datetime

import pytest
from django.utils import timezone

from strands.models import Contribution, Strand
from strands.selectors import strand_board_for
from tests.strands.helpers import current_lead, day, organisation, person, url, year

# In term, so a change days ahead is still in this academic year, whatever day the suite runs.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("autumn_term")]

EDT = "Education Development Trust"


def _later(days: int) -> datetime.date:
    """A day ``days`` from today, within this academic year."""
    return timezone.localdate() + datetime.timedelta(days=days)


def _short(date: datetime.date) -> str:
    return f"{date:%-d %b}"


def _board_row(client, kind: str) -> str:
    body = client.get(url("board")).content.decode()
    return body.split(f'id="board-{kind}"')[1].split("</tr>")[0]


def _flags(client) -> str:
    body = client.get(url("board")).content.decode()
    return body.split('id="board-flags"')[1].split("</div>")[0]


def test_it_shows_a_lead_change_dated_next_week_before_it_takes_effect(login):
    client = login("director")
    takes_over = _later(7)
    client.post(
        url("lead-change", pk=current_lead("cpd").pk),
        {
            "person": person("Fiona Gray").pk,
            "starts_on": takes_over,
            "funded_days": "0.5",
            "funded_period": "week",
        },
    )
    row = _board_row(client, "cpd")
    last_day = takes_over - datetime.timedelta(days=1)
    assert "Aisha Mensah" in row and f"to {last_day:%-d %b %Y}" in row
    assert f'From {_short(takes_over)}</span> <span class="fw-semibold">Fiona Gray' in row


def test_it_says_a_scheduled_contribution_resolves_a_partner_below_the_commitment(login):
    client = login("director")
    assert "and no change is scheduled" in _flags(client).split(EDT)[1].split("</li>")[0]
    starts = _later(7)
    research = Strand.objects.get(alliance__slug="southwark", kind="research")
    client.post(
        url("contribution-add"),
        {"strand": research.pk, "organisation": organisation(EDT).pk, "starts_on": starts},
    )
    flag = _flags(client).split(EDT)[1].split("</li>")[0]
    # Still one strand today: the flag stays, and says the scheduled change resolves it.
    assert "contributes to 1 strand" in flag
    assert f"until {_short(starts)}: <span" in flag and "resolved by a scheduled change" in flag
    assert f"From {_short(starts)}</span> {EDT}" in _board_row(client, "research")


def test_it_says_a_scheduled_lead_resolves_a_strand_without_one(login, demo):
    client = login("director")
    client.post(url("lead-end", pk=current_lead("itt").pk), {"ends_on": day(0)})
    flag = _flags(client).split("Initial teacher training</strong>")[1].split("</li>")[0]
    assert "no change is scheduled" in flag and "Assign a lead" in flag
    starts = _later(3)
    client.post(
        url("lead-assign"),
        {
            "strand": Strand.objects.get(alliance__slug="southwark", kind="itt").pk,
            "person": person("Fiona Gray").pk,
            "starts_on": starts,
            "funded_days": "0.5",
            "funded_period": "week",
        },
    )
    flag = _flags(client).split("Initial teacher training</strong>")[1].split("</li>")[0]
    assert f"has no strategic lead until {_short(starts)}" in flag
    assert "resolved by a scheduled change" in flag and "Fiona Gray takes over" in flag
    home = client.get("/southwark/home/").content.decode()
    assert f"until {_short(starts)} (resolved by a scheduled change)" in home


def test_it_does_not_call_a_flag_resolved_by_a_contribution_that_ends_first(demo):
    """A scheduled contribution resolves the flag only if the partner then contributes to two
    strands at once: one starting after another ends leaves it below the commitment."""
    edt = organisation(EDT)
    running = Contribution.objects.get(organisation=edt, academic_year=year())
    running.ends_on = _later(5)
    running.save()
    Contribution.objects.create(
        strand=Strand.objects.get(alliance=demo.southwark, kind="research"),
        organisation=edt,
        academic_year=year(),
        starts_on=_later(10),
    )
    board = strand_board_for(alliance=demo.southwark, year=year())
    [flag] = [f for f in board.partners_below_commitment if f.organisation == edt]
    assert flag.count == 1 and not flag.is_resolved
