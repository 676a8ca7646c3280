# CalendarYear and SerialCounter now belong to the registry app (its migration 0001). Only
# Django's state forgets them here: the tables and their rows stay, under their old names.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('applications', '0006_answer_approval_and_letter_settings'),
        ('registry', '0001_calendar_and_counters_from_applications'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name='CalendarYear'),
                migrations.DeleteModel(name='SerialCounter'),
            ],
        ),
    ]
