"""Who sees a trainee (issue 16): the ITT strand lead, the director, the trainee's current
mentor, the head of their current placement school, and the trainee themself. Anyone else
signed in is answered 404, as if there were no such trainee: the record of someone not yet
employed by the alliance is not even confirmed to exist. Anonymous visitors are asked to sign in.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest

from alliance.permissions import AlliancePerms, refuse
from itt.access import may_manage_itt, require_itt_manager
from itt.models import Placement, ProgressReview, Trainee
from itt.training_selectors import current_placements_q


def may_see_trainee(perms: AlliancePerms, trainee: Trainee) -> bool:
    person = perms.person
    if person is None:
        return False
    if may_manage_itt(perms) or trainee.person_id == person.pk:
        return True
    current = Placement.objects.filter(current_placements_q(), trainee=trainee)
    return any(
        p.mentor_id == person.pk or perms.heads(p.school_id)
        for p in current.only("mentor_id", "school_id")
    )


def _signed_in(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        refuse(request)


def get_trainee_to_view(request: HttpRequest, pk: int) -> Trainee:
    _signed_in(request)
    trainee = (
        Trainee.objects.filter(pk=pk, partnership__alliance=request.alliance)
        .select_related("person", "partnership__provider", "academic_year", "first_post_school")
        .first()
    )
    if trainee is None or not may_see_trainee(request.perms, trainee):
        raise Http404
    return trainee


def get_trainee_to_manage(request: HttpRequest, pk: int) -> Trainee:
    """The ITT lead's and director's writes; whoever else may see the trainee is refused."""
    trainee = get_trainee_to_view(request, pk)
    if not may_manage_itt(request.perms):
        refuse(request)
    return trainee


def get_trainee_to_place(request: HttpRequest, pk: int) -> Trainee:
    """The ITT lead's and director's one-button writes on a trainee (a central training place):
    everyone else is refused before the trainee is looked up (403, as placement changes are)."""
    require_itt_manager(request)
    trainee = (
        Trainee.objects.filter(pk=pk, partnership__alliance=request.alliance)
        .select_related("person", "partnership__training_programme")
        .first()
    )
    if trainee is None:
        raise Http404
    return trainee


def get_placement_to_review(request: HttpRequest, pk: int) -> Placement:
    """A review is written by the placement's mentor while the placement is not over."""
    _signed_in(request)
    placement = (
        Placement.objects.filter(pk=pk, trainee__partnership__alliance=request.alliance)
        .select_related("trainee__person", "trainee__partnership", "school", "mentor")
        .first()
    )
    if placement is None or not may_see_trainee(request.perms, placement.trainee):
        raise Http404
    person = request.perms.person
    if (
        placement.mentor_id != person.pk
        or not Placement.objects.filter(current_placements_q(), pk=placement.pk).exists()
    ):
        refuse(request)
    return placement


def get_review_to_acknowledge(request: HttpRequest, pk: int) -> ProgressReview:
    require_itt_manager(request)
    review = (
        ProgressReview.objects.filter(pk=pk, trainee__partnership__alliance=request.alliance)
        .select_related("trainee__person")
        .first()
    )
    if review is None:
        raise Http404
    return review


def get_placement_to_manage(request: HttpRequest, pk: int) -> Placement:
    """The ITT lead's and director's changes to a placement; everyone else is refused before
    the placement is looked up (a write answers 403, as the review alerts' do)."""
    require_itt_manager(request)
    placement = (
        Placement.objects.filter(pk=pk, trainee__partnership__alliance=request.alliance)
        .select_related("trainee__person", "school")
        .first()
    )
    if placement is None:
        raise Http404
    return placement
