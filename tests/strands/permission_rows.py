from alliance.models import Role, RoleAssignment
from members.models import Organisation
from strands.models import Contribution, Deployment, DeploymentVisit, SupportRequest
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


def _in_progress(*, at_bellenden: bool):
    """Nia Campbell's (the SLE persona's) deployment at Bellenden, whose head is the head persona;
    or another SLE's deployment at another school."""

    def kwargs(demo) -> dict:
        deployments = Deployment.objects.filter(
            support_request__alliance=demo.southwark, status="in_progress"
        )
        if at_bellenden:
            found = deployments.get(support_request__school__name=BELLENDEN)
        else:
            found = deployments.exclude(support_request__school__name=BELLENDEN).get()
        return {**SOUTHWARK, "pk": found.pk}

    return kwargs


def _unconfirmed_visit(*, at_bellenden: bool):
    def kwargs(demo) -> dict:
        deployment = _in_progress(at_bellenden=at_bellenden)(demo)["pk"]
        visit = DeploymentVisit.objects.filter(deployment_id=deployment, confirmed_at=None).first()
        return {**SOUTHWARK, "pk": visit.pk}

    return kwargs


BELLENDEN = "Bellenden Road Primary School"
# Those with requests or deployments of their own are told nothing of another school's.
TOLD_NOTHING = {"head": 404, "chair": 404, "sle": 404}

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
    # The finance holder pays for the funded time.
    Page("strands:funded-time", SOUTHWARK, expected=only("director", "chair", "finance")),
    Page("strands:funded-time", STEEP, expected=only("steep-director")),
    Page("strands:funded-time-csv", SOUTHWARK, expected=only("director", "chair", "finance")),
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
    # A deployment's page: the deployed SLE, the director and the receiving school's head.
    Page(
        "strands:deployment-detail",
        _in_progress(at_bellenden=True),
        expected={**only("sle", "director", "head"), "chair": 404},
    ),
    Page(
        "strands:deployment-detail",
        _in_progress(at_bellenden=False),
        expected={**only("director"), **TOLD_NOTHING},
    ),
    # Only the deployed SLE records a visit (an empty form: its errors, 200); another SLE's
    # deployment is not found.
    Page(
        "strands:visit-record", _in_progress(at_bellenden=True), expected=only("sle"), method="post"
    ),
    Page(
        "strands:visit-record",
        _in_progress(at_bellenden=False),
        expected={"sle": 404},
        method="post",
    ),
    # Only the receiving school's head confirms a visit; the director and the SLE may not, and
    # another school's head (the chair heads one) is told nothing.
    Page(
        "strands:visit-confirm",
        _unconfirmed_visit(at_bellenden=True),
        expected={"head": 302, "chair": 404},
        method="post",
    ),
    Page(
        "strands:visit-confirm",
        _unconfirmed_visit(at_bellenden=False),
        expected={"head": 404, "chair": 404},
        method="post",
    ),
    Page("strands:capacity", SOUTHWARK, expected=only("director")),
    Page("strands:cluster-list", SOUTHWARK, expected=only("director")),
    Page("strands:cluster-create", SOUTHWARK, expected=only("director")),
]
