"""District moves from participation to core (every app uses it). Nothing changes in the database: the model
keeps its table, participation_district, so no row is copied; only Django's idea of which app owns it moves, and
its content type (with the permissions on it) is renamed, so groups keep their rights."""

from django.db import migrations, models


def _rename(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label=source, model="district").first()
    if old is None:
        return  # a new database: the content type is made after migrate
    ContentType.objects.filter(app_label=target, model="district").exclude(pk=old.pk).delete()
    old.app_label = target
    old.save(update_fields=["app_label"])


def move_content_type(apps, schema_editor):
    _rename(apps, "participation", "core")


def move_content_type_back(apps, schema_editor):
    _rename(apps, "core", "participation")


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0009_download_log_and_private_wagtail_files'),
    ]

    operations = [
        migrations.RunPython(move_content_type, move_content_type_back),
        migrations.SeparateDatabaseAndState(state_operations=[
                migrations.CreateModel(
                    name='District',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=100, unique=True, verbose_name='name')),
                        ('slug', models.SlugField(unique=True, verbose_name='slug')),
                        ('sort_order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                        ('latitude', models.FloatField(blank=True, null=True, verbose_name='latitude of its centre')),
                        ('longitude', models.FloatField(blank=True, null=True, verbose_name='longitude of its centre')),
                    ],
                    options={
                        'verbose_name': 'district',
                        'verbose_name_plural': 'districts',
                        'db_table': 'participation_district',
                        'ordering': ['sort_order', 'name'],
                    },
                ),
        ], database_operations=[]),
    ]
