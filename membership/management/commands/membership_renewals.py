from django.core.management.base import BaseCommand

from membership.services import renewals_request_due


class Command(BaseCommand):
    help = (
        "Ask this year's members to renew, for every offer whose renewal date has come (run it "
        "daily; a school already asked is not asked again)."
    )

    def handle(self, *args, **options) -> None:
        asked = renewals_request_due()
        self.stdout.write(f"{asked} renewal request(s) sent.")
