from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand
from django.db import transaction

from alliance.demo import DEMO_PASSWORD, seed_foundation

# Each app may add demo data on top of the foundation in a module with a
# ``seed(southwark, steep)`` function; they run in this order when present.
APP_SEEDERS = [
    "strands.demo",
    "programmes.demo",
    "programmes.demo_borough",
    "governance.demo",
    # Evaluation: the past year's CPD with its feedback and follow-ups (issue 13, part 1).
    "evaluation.demo",
    # The leadership pipeline: a year of NPQ cohorts, outcomes and the talent pool (issue 15).
    "leadership.demo",
]

DEMO_SIGN_INS = [
    "chair@demo.test",
    "director@demo.test",
    "administrator@demo.test",
    "cpd-lead@demo.test",
    "board@demo.test",
    "head@demo.test",
    "sle@demo.test",
    "superuser@demo.test",
    "steep-director@demo.test",
    "la-adviser@demo.test",
    "la-cpd@demo.test",
    "tandridge-director@demo.test",
    "childminder@demo.test",
    "finance@demo.test",
    "leadership-lead@demo.test",
    "itt-lead@demo.test",
    "teacher@demo.test",
]


class Command(BaseCommand):
    help = "Create the demo alliances and sign-ins. Safe to run again: it changes nothing twice."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            southwark, steep = seed_foundation()
            for path in APP_SEEDERS:
                if find_spec(path) is not None:
                    import_module(path).seed(southwark, steep)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo alliances ready: Southwark (STSA), Lewisham's partnership and Tandridge."
            )
        )
        self.stdout.write(f"Sign in with any of these, password “{DEMO_PASSWORD}”:")
        for email in DEMO_SIGN_INS:
            self.stdout.write(f"  {email}")
