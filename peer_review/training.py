"""Who has completed the reviewer training: one of the alliance's peer review programmes
(``ProgrammeKind.PEER_REVIEW``, e.g. the demo's "Peer review training"), by the rule every
programme's completion follows (``programmes.selectors.completions``)."""

from __future__ import annotations

from collections.abc import Iterable

from alliance.models import Alliance
from programmes.models import Programme, ProgrammeKind
from programmes.selectors import completions

REVIEWER_TRAINING = "peer review training"


def reviewers_trained(*, alliance: Alliance, person_ids: Iterable[int] | None = None) -> set[int]:
    """The ids of the people (of ``person_ids``, if given) who completed a peer review training
    programme of the alliance."""
    programmes = Programme.objects.filter(alliance=alliance, kind=ProgrammeKind.PEER_REVIEW)
    return {person for _, person in completions(programmes, person_ids=person_ids)}
