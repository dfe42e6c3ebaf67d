"""The terms invoices are prepared for: autumn (September to December), spring (January to
Easter Sunday) and summer (Easter Monday to August), as ``alliance/terms.py`` places Easter."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from alliance.models import FIRST_YEAR, LAST_YEAR, AcademicYear
from alliance.params import ascii_int
from alliance.terms import easter_sunday

TERM_NAMES = ("autumn", "spring", "summer")


@dataclass(frozen=True)
class Term:
    start_year: int  # of the academic year
    name: str  # autumn, spring or summer

    @property
    def key(self) -> str:
        return f"{self.start_year}-{self.name}"

    @property
    def calendar_year(self) -> int:
        return self.start_year if self.name == "autumn" else self.start_year + 1

    @property
    def starts_on(self) -> datetime.date:
        year = self.calendar_year
        if self.name == "autumn":
            return datetime.date(year, 9, 1)
        if self.name == "spring":
            return datetime.date(year, 1, 1)
        return easter_sunday(year) + datetime.timedelta(days=1)

    @property
    def ends_on(self) -> datetime.date:
        year = self.calendar_year
        if self.name == "autumn":
            return datetime.date(year, 12, 31)
        if self.name == "spring":
            return easter_sunday(year)
        return datetime.date(year, 8, 31)

    @property
    def label(self) -> str:
        return f"{self.name.capitalize()} term {self.calendar_year}"

    def __str__(self) -> str:
        return self.label

    @classmethod
    def from_key(cls, key: str) -> Term | None:
        """``2025-autumn`` as that term; None for anything else ("²-autumn", "0-autumn", a year
        of 20 digits), so a term's dates are always ones the portal serves."""
        year, _, name = key.partition("-")
        start_year = ascii_int(year, minimum=FIRST_YEAR, maximum=LAST_YEAR - 1)
        if start_year is None or name not in TERM_NAMES:
            return None
        return cls(start_year, name)

    @classmethod
    def containing(cls, day: datetime.date) -> Term:
        start_year = AcademicYear.start_year_for(day)
        return next(t for t in terms_of(start_year) if t.starts_on <= day <= t.ends_on)


def terms_of(start_year: int) -> list[Term]:
    return [Term(start_year, name) for name in TERM_NAMES]


def terms_to_offer(today: datetime.date) -> list[Term]:
    """This term and the terms of this academic year and the last one before it, latest first."""
    year = AcademicYear.start_year_for(today)
    terms = terms_of(year - 1) + terms_of(year)
    return [t for t in reversed(terms) if t.starts_on <= today]
