"""No test depends on the day it runs: it stops the clock (``autumn_term``, time-machine) or
builds its data around the day, and never skips itself because of the date.

Run the whole suite as if it were another day with ``TEST_TODAY=2027-09-01 scripts/test``.
"""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).parent
# The only reasons a test may skip: the database it needs, and a random draw that can collide.
REASONS = ("PostgreSQL", "postgresql", "drew the very code")
SKIP = re.compile(r"pytest\.skip\(|mark\.skipif\(")


def test_no_test_skips_itself_for_the_day_it_runs():
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        if path == Path(__file__):
            continue
        lines = path.read_text().splitlines()
        for number, line in enumerate(lines):
            # A skip's reason may be on the lines after the call.
            call = " ".join(lines[number : number + 3])
            if SKIP.search(line) and not any(reason in call for reason in REASONS):
                offenders.append(f"{path.relative_to(TESTS.parent)}:{number + 1}")
    assert offenders == [], f"Stop the clock instead of skipping: {offenders}"
