from django.core.management.base import BaseCommand

from alliance.outbox import emails_send
from evaluation import services


class Command(BaseCommand):
    help = (
        "Time-driven feedback work: reminders three days after a session, follow-ups six weeks "
        "after a programme, then the outbox. Run it every 15 minutes; twice at once is harmless."
    )

    def handle(self, *args, **options) -> None:
        reminded = services.reminders_send()
        followed_up = services.follow_ups_create()
        sent = emails_send()
        self.stdout.write(
            f"{reminded} feedback reminders, {followed_up} follow-ups; {sent} emails sent."
        )
