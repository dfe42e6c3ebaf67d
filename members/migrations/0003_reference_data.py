from django.db import migrations

from members.reference import create_reference_data


def forwards(apps, schema_editor):
    create_reference_data(apps.get_model("members", "Phase"), apps.get_model("members", "Specialism"))


class Migration(migrations.Migration):
    dependencies = [("members", "0002_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
