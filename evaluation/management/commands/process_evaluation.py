from django.core.management.base import BaseCommand

from alliance.outbox import emails_send
from evaluation.certificates import certificates_issue


class Command(BaseCommand):
    help = (
        "The time-driven work of evaluation: issue (and email) the certificates earned since the "
        "last run, then send the emails waiting in the outbox. Run it from a scheduler every "
        "15 minutes, like process_cpd; running it twice, even at once, is harmless."
    )

    def handle(self, *args, **options) -> None:
        # --- Certificates (issue 13, part 2) ---
        certificates = certificates_issue()
        # --- end of certificates ---
        emailed = emails_send()
        self.stdout.write(f"{certificates} certificate(s) issued, {emailed} email(s) sent.")
