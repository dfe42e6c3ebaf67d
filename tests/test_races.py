"""Every race goes through ``tests.races.at_once``, so that each counts a person answered "busy,
try again" as the designed outcome it is, not as a failure that flakes on a busy machine."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).parent
# at_once itself, conftest's ``row_held`` (it holds a lock on purpose, it does not race) and this
# file, which names the calls it looks for.
ALLOWED = {TESTS / "races.py", TESTS / "conftest.py", Path(__file__)}


def test_no_test_module_starts_threads_for_a_race_itself():
    offenders = [
        str(path.relative_to(TESTS.parent))
        for path in sorted(TESTS.rglob("*.py"))
        if path not in ALLOWED
        and any(call in path.read_text() for call in ("threading.Barrier(", "threading.Thread("))
    ]
    assert offenders == [], f"Race these with tests.races.at_once instead: {offenders}"
