"""Every existing sign-in came by an accepted invitation (its link proved the address) or was
made by the site administrator, so its address is verified: allauth refuses two-factor set-up
while an address waits for verification, which blocked privileged people who must set it up."""

from django.db import migrations


def verify_sign_in_addresses(apps, schema_editor):
    User = apps.get_model("members", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    for user in User.objects.exclude(email="").iterator():
        EmailAddress.objects.filter(user=user).exclude(email=user.email).update(primary=False)
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("account", "0009_emailaddress_unique_primary_email"),
        ("members", "0004_invitation_grant_approval"),
    ]

    operations = [migrations.RunPython(verify_sign_in_addresses, migrations.RunPython.noop)]
