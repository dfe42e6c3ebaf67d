from django.core.management.base import BaseCommand

from itt.services import applicants_clean_up


class Command(BaseCommand):
    help = (
        "Delete the records of ITT applicants who did not start training once their recruitment "
        "year has ended, recording each clean-up and an audit entry. send_emails runs it too; "
        "running it twice at once deletes nothing twice."
    )

    def handle(self, *args, **options) -> None:
        deleted = applicants_clean_up(ran_by="clean_up_applicants")
        self.stdout.write(f"{deleted} applicant record(s) deleted.")
