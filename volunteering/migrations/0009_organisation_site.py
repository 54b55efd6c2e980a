"""Organisations belong to a municipality (issue 26): every existing organisation goes to the default site (the
single city the database served so far), then the field becomes required. No other row changes."""

import django.db.models.deletion
from django.db import migrations, models

import core.municipalities


def to_default_site(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Organisation = apps.get_model("volunteering", "Organisation")
    default = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    if default is None:
        if Organisation.objects.exists():
            raise RuntimeError("Organisations exist but no Wagtail site does: create the default site first.")
        return
    Organisation.objects.filter(site__isnull=True).update(site=default)


class Migration(migrations.Migration):

    dependencies = [
        ('volunteering', '0008_volunteer_profile_full_name'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AddField(
            model_name='organisation',
            name='site',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name='volunteer_organisations', to='wagtailcore.site',
                                    verbose_name='municipality'),
        ),
        migrations.RunPython(to_default_site, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='organisation',
            name='site',
            field=models.ForeignKey(default=core.municipalities.default_site_id,
                                    on_delete=django.db.models.deletion.PROTECT,
                                    related_name='volunteer_organisations', to='wagtailcore.site',
                                    verbose_name='municipality'),
        ),
    ]
