from alliance.models import Role, RoleAssignment
from members.models import Organisation
from strands.models import Contribution, Deployment, SupportRequest
from tests.permission_table import SOUTHWARK, STEEP, Page, everyone, only

BOARD_VIEWERS = ("director", "chair", "board", "la-adviser")


def _lead(alliance_slug: str):
    def kwargs(demo) -> dict:
        lead = RoleAssignment.objects.current().get(
            alliance__slug=alliance_slug, role=Role.STRATEGIC_LEAD, strand__kind="cpd"
        )
        return {**SOUTHWARK, "pk": lead.pk}

    return kwargs


def _contribution(demo) -> dict:
    contribution = Contribution.objects.filter(strand__alliance=demo.southwark).first()
    return {**SOUTHWARK, "pk": contribution.pk}


def _request(school: str):
    def kwargs(demo) -> dict:
        found = SupportRequest.objects.filter(
            alliance=demo.southwark, school=Organisation.objects.get(name=school)
        ).first()
        return {**SOUTHWARK, "pk": found.pk}

    return kwargs


def _deployment(status: str):
    def kwargs(demo) -> dict:
        deployment = Deployment.objects.filter(
            support_request__alliance=demo.southwark, status=status
        ).first()
        return {**SOUTHWARK, "pk": deployment.pk}

    return kwargs


BELLENDEN = "Bellenden Road Primary School"

ROWS = [
    Page("strands:strand-list", SOUTHWARK, expected=everyone()),
    Page("strands:strand-detail", {**SOUTHWARK, "strand_slug": "cpd"}, expected=everyone()),
    Page("strands:strand-detail", {**SOUTHWARK, "strand_slug": "nope"}, expected=everyone(404)),
    # The strand board: board members see it; only the director changes it.
    Page("strands:board", SOUTHWARK, expected=only(*BOARD_VIEWERS)),
    Page("strands:board", SOUTHWARK, expected=only(*BOARD_VIEWERS, status=404), query="?year=2001"),
    Page("strands:board", STEEP, expected=only("steep-director", "la-adviser")),
    Page("strands:board-history", SOUTHWARK, expected=only(*BOARD_VIEWERS)),
    Page("strands:board-copy", SOUTHWARK, expected=only("director")),
    Page("strands:lead-assign", SOUTHWARK, expected=only("director")),
    Page("strands:lead-change", _lead("southwark"), expected=only("director")),
    Page("strands:lead-end", _lead("southwark"), expected=only("director")),
    # Another alliance's lead, asked for under Southwark's address: not found.
    Page("strands:lead-change", _lead("steep"), expected=only("director", status=404)),
    Page("strands:contribution-add", SOUTHWARK, expected=only("director")),
    Page("strands:contribution-withdraw", _contribution, expected=only("director")),
    Page("strands:funded-time", SOUTHWARK, expected=only("director", "chair")),
    Page("strands:funded-time", STEEP, expected=only("steep-director")),
    Page("strands:funded-time-csv", SOUTHWARK, expected=only("director", "chair")),
    # Support: the chair is also a headteacher, so may ask for their own school.
    Page("strands:support-list", SOUTHWARK, expected=only("director", "head", "chair")),
    Page("strands:support-create", SOUTHWARK, expected=only("director", "head", "chair")),
    Page(
        "strands:support-detail",
        _request(BELLENDEN),
        expected={**only("director", "head"), "chair": 404},
    ),
    Page("strands:support-signpost", _request(BELLENDEN), expected=only("director")),
    Page("strands:deployment-create", _request(BELLENDEN), expected=only("director")),
    Page("strands:deployment-move", _deployment("proposed"), expected=only("director")),
    # Another school's deployment: headteachers (the chair is one) are told nothing.
    Page(
        "strands:deployment-evaluate",
        _deployment("in_progress"),
        expected={**only("director"), "head": 404, "chair": 404},
    ),
    Page("strands:deployment-mine", SOUTHWARK, expected=only("sle")),
    Page("strands:capacity", SOUTHWARK, expected=only("director")),
    Page("strands:cluster-list", SOUTHWARK, expected=only("director")),
    Page("strands:cluster-create", SOUTHWARK, expected=only("director")),
]
