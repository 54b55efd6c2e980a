"""Create the four staff groups; accounts.roles.sync_roles grants their permissions after migrate."""

from django.db import migrations

GROUPS = ["Redaktion", "Moderation", "Auswertung", "Freiwilligenagentur"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in GROUPS:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
