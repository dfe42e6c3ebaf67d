"""ITT partnerships and recruitment in the role × page matrix (issue 16, itt-rec's part).

Applicants are personal data about people not yet employed by the alliance: only the ITT strand
lead (Tom Hartley) and the director see them, or the partnerships. The trainee and the mentor
personas see none of it; another alliance's address for a Southwark object answers 404."""

from itt.demo import SALARIED
from itt.models import Allocation, Applicant, Partnership, Stage
from tests.permission_table import SOUTHWARK, STEEP, Page, only

ITT = only("director", "itt-lead")


def _partnership(slug: dict = SOUTHWARK):
    def kwargs(demo) -> dict:
        return {**slug, "pk": Partnership.objects.get(name=SALARIED).pk}

    return kwargs


def _allocation(demo) -> dict:
    allocation = Allocation.objects.filter(partnership__name=SALARIED).first()
    return {**SOUTHWARK, "pk": allocation.pk}


def _applicant(stage: str, slug: dict = SOUTHWARK):
    def kwargs(demo) -> dict:
        applicant = Applicant.objects.filter(stage=Stage.APPLIED).order_by("pk").first()
        found = {**slug, "pk": applicant.pk}
        return {**found, "stage": stage} if stage else found

    return kwargs


ROWS = [
    Page("itt:home", SOUTHWARK, expected=ITT),
    Page("itt:home", STEEP, expected=only("steep-director")),
    Page("itt:partnership-create", SOUTHWARK, expected=ITT),
    Page("itt:partnership-detail", _partnership(), expected=ITT),
    Page("itt:partnership-detail", _partnership(STEEP), default=404, expected={}),
    Page("itt:partnership-edit", _partnership(), expected=ITT),
    Page("itt:allocation-set", _partnership(), expected=ITT),
    Page("itt:school-places-set", _allocation, expected=ITT),
    Page("itt:applicant-list", SOUTHWARK, expected=ITT),
    Page("itt:applicant-create", SOUTHWARK, expected=ITT),
    Page("itt:applicant-detail", _applicant(""), expected=ITT),
    Page("itt:applicant-detail", _applicant("", STEEP), default=404, expected={}),
    Page("itt:applicant-edit", _applicant(""), expected=ITT),
    Page("itt:applicant-move", _applicant(Stage.INTERVIEW), expected=ITT),
    # Backwards or closed: the page says why, to those who may see it.
    Page("itt:applicant-move", _applicant(Stage.IN_TRAINING), expected=ITT),
]
