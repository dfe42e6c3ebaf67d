"""England's usual school term dates, for placing sessions and meetings on school days.

Local authorities set their own dates, but most follow the same pattern, which is enough for
the demo and for suggesting a date: autumn term from early September to just before Christmas
with a half-term at the end of October; spring term from early January with a half-term in
mid-February and two weeks' holiday around Easter; summer term to late July with a half-term
at the end of May; no school on weekends or bank holidays.
"""

from __future__ import annotations

import datetime

MONDAY, FRIDAY = 0, 4


def easter_sunday(year: int) -> datetime.date:
    """The Gregorian Easter (the anonymous algorithm in Meeus's *Astronomical Algorithms*)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def _last_monday(year: int, month: int) -> datetime.date:
    last = datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=last.weekday())


def _first_monday(year: int, month: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(MONDAY - first.weekday()) % 7)


def _week_of(monday: datetime.date) -> tuple[datetime.date, datetime.date]:
    return monday, monday + datetime.timedelta(days=FRIDAY)


def holidays(year: int) -> list[tuple[datetime.date, datetime.date]]:
    """The school holidays and bank holidays that fall in a calendar year, each first to last
    day inclusive."""
    easter = easter_sunday(year)
    return [
        (datetime.date(year, 1, 1), datetime.date(year, 1, 4)),  # Christmas, continued
        _week_of(_first_monday(year, 2) + datetime.timedelta(weeks=2)),  # February half-term
        (easter - datetime.timedelta(days=6), easter + datetime.timedelta(days=5)),  # Easter
        (_first_monday(year, 5), _first_monday(year, 5)),  # early May bank holiday
        _week_of(_last_monday(year, 5)),  # May half-term, with the spring bank holiday
        (datetime.date(year, 7, 23), datetime.date(year, 9, 2)),  # summer
        _week_of(_last_monday(year, 10)),  # October half-term
        (datetime.date(year, 12, 20), datetime.date(year, 12, 31)),  # Christmas
    ]


def is_term_weekday(day: datetime.date) -> bool:
    """A school day: Monday to Friday, in term."""
    if day.weekday() > FRIDAY:
        return False
    return not any(first <= day <= last for first, last in holidays(day.year))


def term_weekday(day: datetime.date, *, step: int = 1) -> datetime.date:
    """The first term-time weekday on or after ``day`` (``step=-1``: on or before it, for a
    date that must stay in the past)."""
    while not is_term_weekday(day):
        day += datetime.timedelta(days=step)
    return day


def years_on(day: datetime.date, years: int) -> datetime.date:
    """The first school day on or after the same date ``years`` later (28 February for a 29th):
    for demo data written for one year and seeded in another."""
    try:
        moved = day.replace(year=day.year + years)
    except ValueError:
        moved = day.replace(year=day.year + years, day=28)
    return term_weekday(moved)
