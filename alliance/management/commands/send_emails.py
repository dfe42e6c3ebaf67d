import time

from django.core.management.base import BaseCommand

from alliance.outbox import emails_send
from alliance.periodic import periodic_run


class Command(BaseCommand):
    help = (
        "Send the emails waiting in the outbox (bookings, meeting invitations, minutes, "
        "invitations to the portal), after the periodic jobs that queue some of them (overdue "
        "actions). Run it every minute from a scheduler, or keep it running "
        "with --every SECONDS. Running it twice at once sends nothing twice."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--every", type=float, help="keep running, sending every N seconds")

    def handle(self, *args, every: float | None = None, **options) -> None:
        while True:
            periodic_run()
            sent = emails_send()
            if every is None:
                self.stdout.write(f"{sent} email(s) sent.")
                return
            if sent:
                self.stdout.write(f"{sent} email(s) sent.")
            time.sleep(every)
