from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand
from django.db import transaction

from alliance.demo import DEMO_PASSWORD, seed_foundation

# Each app may add demo data on top of the foundation in a module with a
# ``seed(southwark, steep)`` function; they run in this order when present.
APP_SEEDERS = [
    "strands.demo",
    # Membership: the offers, applications and last year's renewals (issue 14).
    "membership.demo",
    "programmes.demo",
    "programmes.demo_borough",
    "governance.demo",
    # Evaluation: the past year's CPD with its feedback and follow-ups (issue 13, part 1).
    "evaluation.demo",
    # Research: the marking-and-feedback project with its findings, and this year's (issue 17).
    "research.demo",
    # Peer review cycle and audits (issue 17): after strands' clusters and the programmes.
    "peer_review.demo",
    # Designating SLEs: the training, a past and an open round, last year's reviews (issue 17).
    "sle.demo",
    # Initial teacher training: partnerships, places, trainees and recruitment (issue 16).
    "itt.demo",
    # ITT placements, mentors, reviews and outcomes (issue 16, itt-train).
    "itt.demo_training",
    # The leadership pipeline: a year of NPQ cohorts, outcomes and the talent pool (issue 15).
    "leadership.demo",
    # Money (issue 14): finance settings, last year's invoices and payments, this year's
    # subscriptions. After the others: it bills what they made.
    "finance.demo",
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
    # Peer review (issue 17): a deputy head at Lordship Lane, trained, who leads reviews.
    "reviewer@demo.test",
    # Issue 16: a trainee in training this year, and their placement's mentor.
    "trainee@demo.test",
    "mentor@demo.test",
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
