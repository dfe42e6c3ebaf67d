from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0009_person_of_no_school"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="declined_reason",
            field=models.TextField(blank=True, editable=False, verbose_name="reason for refusing"),
        ),
    ]
