from django.core.management.base import BaseCommand

from alliance.outbox import emails_send
from programmes.cohorts import offers_expire as cohort_offers_expire
from programmes.services import (
    offers_expire,
    programmes_refresh_schedule,
    reminders_send,
)


class Command(BaseCommand):
    help = (
        "Expire waiting-list offers past their hold (offering the place to the next person), "
        "bring the catalogue's next dates up to date, queue reminders two days before each "
        "session and send the emails waiting in the outbox. Run it from a scheduler, "
        "e.g. every 15 minutes (and send_emails every minute); running it twice is harmless."
    )

    def handle(self, *args, **options) -> None:
        expired = offers_expire() + cohort_offers_expire()
        refreshed = programmes_refresh_schedule()
        reminded = reminders_send()
        emailed = emails_send()
        self.stdout.write(
            f"{expired} offer(s) expired, {refreshed} programme(s) refreshed, "
            f"{reminded} reminder(s) queued, {emailed} email(s) sent."
        )
