from django.db import migrations

from programmes.reference import create_audiences


def forwards(apps, schema_editor):
    create_audiences(apps.get_model("programmes", "Audience"))


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
