# CalendarYear and SerialCounter moved here from applications. Their tables exist already
# (applications 0001 and 0002 made them): this migration adds the models to this app's state
# only and keeps the tables' names, so every row stays where it is.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('applications', '0003_fee_amount'),
        ('bodies', '0002_short_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='CalendarYear',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(unique=True, verbose_name='年份')),
                        ('data', models.JSONField(verbose_name='安排')),
                        ('reason', models.CharField(max_length=200, verbose_name='说明')),
                        ('entered_at', models.DateTimeField(auto_now=True, verbose_name='录入时间')),
                        ('entered_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': '节假日安排',
                        'verbose_name_plural': '节假日安排',
                        'db_table': 'applications_calendaryear',
                        'ordering': ['year'],
                    },
                ),
                migrations.CreateModel(
                    name='SerialCounter',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('series', models.CharField(max_length=24)),
                        ('year', models.PositiveSmallIntegerField()),
                        ('last', models.PositiveIntegerField(default=0)),
                        ('body', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='bodies.body')),
                    ],
                    options={
                        'db_table': 'applications_serialcounter',
                        'constraints': [models.UniqueConstraint(fields=('body', 'series', 'year'), name='one_counter_per_body_series_year')],
                    },
                ),
            ],
        ),
    ]
