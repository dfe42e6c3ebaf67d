"""A place cancelled in time (or by the alliance) costs nothing: until now its price stayed on
it, in the page and in the CSV. Bookings made before references existed get one."""

import secrets

from django.db import migrations

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # as programmes.models.REFERENCE_ALPHABET


def forward(apps, schema_editor):
    Booking = apps.get_model("programmes", "Booking")
    BookingGroup = apps.get_model("programmes", "BookingGroup")
    Booking.objects.filter(status="cancelled", cancelled_late=False).exclude(price_due=0).update(
        price_due=0
    )
    taken = set(BookingGroup.objects.exclude(reference="").values_list("alliance_id", "reference"))
    groups = BookingGroup.objects.filter(reference="")
    for group in groups.iterator():
        first = (
            Booking.objects.filter(group=group).select_related("session__alliance").first()
        )
        if first is None:
            continue
        alliance = first.session.alliance
        letters = "".join(c for c in (alliance.short_name or alliance.slug).upper() if c.isalnum())
        while True:
            code = "".join(secrets.choice(ALPHABET) for _ in range(4))
            reference = f"{letters[:8] or 'CPD'}-{code}"
            if (alliance.pk, reference) not in taken:
                break
        taken.add((alliance.pk, reference))
        group.alliance_id = alliance.pk
        group.reference = reference
        group.save(update_fields=["alliance", "reference"])


class Migration(migrations.Migration):
    dependencies = [("programmes", "0013_booking_reference_and_purchase_order")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
