from django.core.management.base import BaseCommand

from alliance.outbox import emails_send
from evaluation import services
from evaluation.certificates import certificates_issue


class Command(BaseCommand):
    help = (
        "The time-driven work of evaluation: feedback reminders three days after a session, "
        "follow-ups six weeks after a programme, the certificates earned since the last run, "
        "then the outbox. Run it every 15 minutes, like process_cpd; twice at once is harmless."
    )

    def handle(self, *args, **options) -> None:
        reminded = services.reminders_send()
        followed_up = services.follow_ups_create()
        certificates = certificates_issue()
        sent = emails_send()
        self.stdout.write(
            f"{reminded} feedback reminders, {followed_up} follow-ups, {certificates} "
            f"certificates issued; {sent} emails sent."
        )
