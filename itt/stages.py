"""The recruitment stages and the moves allowed between them: the one table that says so.

applied → interview → offer → accepted → checks done → in training; before training starts an
applicant may withdraw, and the partnership may decline them until an offer is accepted (an
offer refused by the applicant is recorded as declined too). Nothing goes backwards: a step
taken in error is put right by declining or withdrawing with the reason.
"""

from __future__ import annotations

from itt.models import Stage

ALLOWED_MOVES: dict[str, tuple[str, ...]] = {
    Stage.APPLIED: (Stage.INTERVIEW, Stage.DECLINED, Stage.WITHDRAWN),
    Stage.INTERVIEW: (Stage.OFFER, Stage.DECLINED, Stage.WITHDRAWN),
    Stage.OFFER: (Stage.ACCEPTED, Stage.DECLINED, Stage.WITHDRAWN),
    Stage.ACCEPTED: (Stage.CHECKS_DONE, Stage.WITHDRAWN),
    Stage.CHECKS_DONE: (Stage.IN_TRAINING, Stage.WITHDRAWN),
    Stage.IN_TRAINING: (),
    Stage.DECLINED: (),
    Stage.WITHDRAWN: (),
}
# The way forward, in order: the pipeline's columns.
FORWARD = (
    Stage.APPLIED,
    Stage.INTERVIEW,
    Stage.OFFER,
    Stage.ACCEPTED,
    Stage.CHECKS_DONE,
    Stage.IN_TRAINING,
)
CLOSED = (Stage.DECLINED, Stage.WITHDRAWN)
NEEDS_REASON = frozenset(CLOSED)
# What the button for each move says.
MOVE_LABELS: dict[str, str] = {
    Stage.INTERVIEW: "Invite to interview",
    Stage.OFFER: "Make an offer",
    Stage.ACCEPTED: "Record the offer accepted",
    Stage.CHECKS_DONE: "Record the checks done",
    Stage.IN_TRAINING: "Start training",
    Stage.DECLINED: "Decline",
    Stage.WITHDRAWN: "Record a withdrawal",
}


def may_move(from_stage: str, to_stage: str) -> bool:
    return to_stage in ALLOWED_MOVES.get(from_stage, ())


def refusal(from_stage: str, to_stage: str) -> str:
    """Why a move is not allowed, for the person who asked for it."""
    here, there = Stage(from_stage).label, Stage(to_stage).label
    if not ALLOWED_MOVES.get(from_stage):
        return f"This applicant is at “{here}”: their application is closed and cannot move."
    if from_stage == to_stage:
        return f"This applicant is already at “{here}”."
    if (
        to_stage in FORWARD
        and from_stage in FORWARD
        and FORWARD.index(to_stage) < FORWARD.index(from_stage)
    ):
        return f"An applicant at “{here}” cannot go back to “{there}”."
    allowed = ", ".join(f"“{Stage(s).label}”" for s in ALLOWED_MOVES[from_stage])
    return f"An applicant at “{here}” can move only to {allowed}, not to “{there}”."
