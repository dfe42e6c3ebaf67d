"""The NPQ family: the national professional qualifications for leaders, each with its level,
so that a person's path can be followed from one to the next and the talent pool can suggest
what comes next for each aspiration.

A reference table in code rather than rows: it changes when the Department for Education
reforms the qualifications (every few years), not when someone uses the portal. The seeds' era
(NPQML, NPQSL, NPQH, NPQEL) have ``ProgrammeKind`` values, so a programme of that kind is a
cohort of that qualification; today's specialist NPQs have none yet (``programme_kind`` None).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from programmes.models import ProgrammeKind


class Aspiration(models.TextChoices):
    MIDDLE = "middle", "Middle leader"
    SENIOR = "senior", "Senior leader"
    HEADSHIP = "headship", "Headship"
    SYSTEM = "system", "System leader (such as an SLE)"


@dataclass(frozen=True)
class Qualification:
    code: str
    name: str
    # 1 leading a subject, phase or team; 2 senior leadership; 3 headship; 4 several schools.
    level: int
    era: str  # "seeds" (2010s framework), "today" (the reformed NPQs), or "both"
    programme_kind: str | None
    next: tuple[str, ...]


FAMILY: tuple[Qualification, ...] = (
    Qualification("npqml", "NPQ in Middle Leadership", 1, "seeds", ProgrammeKind.NPQML, ("npqsl",)),
    Qualification("npqltd", "NPQ in Leading Teacher Development", 1, "today", None, ("npqsl",)),
    Qualification("npqlbc", "NPQ in Leading Behaviour and Culture", 1, "today", None, ("npqsl",)),
    Qualification("npqll", "NPQ in Leading Literacy", 1, "today", None, ("npqsl",)),
    Qualification("npqsl", "NPQ in Senior Leadership", 2, "both", ProgrammeKind.NPQSL, ("npqh",)),
    Qualification("npqeyl", "NPQ in Early Years Leadership", 2, "today", None, ("npqh",)),
    Qualification(
        "npqsenco", "NPQ for Special Educational Needs Co-ordinators", 2, "today", None, ("npqh",)
    ),
    Qualification("npqh", "NPQ in Headship", 3, "both", ProgrammeKind.NPQH, ("npqel",)),
    Qualification("npqel", "NPQ in Executive Leadership", 4, "both", ProgrammeKind.NPQEL, ()),
)
BY_CODE: dict[str, Qualification] = {q.code: q for q in FAMILY}
BY_KIND: dict[str, Qualification] = {q.programme_kind: q for q in FAMILY if q.programme_kind}
# The programme kinds that are leadership qualifications: the pipeline counts their cohorts.
LEADERSHIP_KINDS: tuple[str, ...] = tuple(BY_KIND)
QUALIFICATION_CHOICES = [(q.code, q.name) for q in FAMILY]

# Where each aspiration starts: a middle leader's first NPQ is a level 1 one, and so on.
_FIRST_FOR: dict[str, tuple[str, ...]] = {
    Aspiration.MIDDLE: ("npqml", "npqltd", "npqlbc", "npqll"),
    Aspiration.SENIOR: ("npqsl", "npqeyl", "npqsenco"),
    Aspiration.HEADSHIP: ("npqh",),
    Aspiration.SYSTEM: ("npqel",),
}


def suggested_next(
    aspiration: str, *, done: set[str] | frozenset[str] = frozenset()
) -> list[Qualification]:
    """What to take next towards an aspiration, leaving out what the person has already done.

    Someone who has done every qualification of their aspiration's level is pointed one step up
    from the highest they hold (an NPQSL holder aspiring to senior leadership: the NPQH)."""
    first = [BY_CODE[code] for code in _FIRST_FOR[aspiration] if code not in done]
    if first:
        return first
    highest = max((BY_CODE[code] for code in done if code in BY_CODE), key=lambda q: q.level)
    return [BY_CODE[code] for code in highest.next if code not in done]
