from django.db import migrations


def move_unsent(apps, schema_editor) -> None:
    """Emails still waiting (or given up) keep their state in the one outbox."""
    BookingEmail = apps.get_model("programmes", "BookingEmail")
    OutboxEmail = apps.get_model("alliance", "OutboxEmail")
    OutboxEmail.objects.bulk_create(
        OutboxEmail(
            kind=f"booking.{email.kind}",
            payload={"booking_ids": email.booking_ids},
            created_at=email.created_at,
            attempts=email.attempts,
            error=email.error,
            next_attempt_at=email.next_attempt_at,
            failed_at=email.failed_at,
        )
        for email in BookingEmail.objects.filter(sent_at__isnull=True).iterator()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("alliance", "0008_outbox_email"),
        ("programmes", "0010_booking_email_kind_choices"),
    ]

    operations = [
        migrations.RunPython(move_unsent, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name="bookingemail",
            name="booking_email_pending_idx",
        ),
        migrations.DeleteModel(
            name="BookingEmail",
        ),
    ]
