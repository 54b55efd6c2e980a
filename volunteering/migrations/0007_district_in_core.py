"""Districts now live in core (state only: the columns and their table stay as they are)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0010_district'),
        ('volunteering', '0006_opportunity_translations'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
                migrations.AlterField(
                    model_name='opportunity',
                    name='district',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.district', verbose_name='district'),
                ),
                migrations.AlterField(
                    model_name='organisation',
                    name='district',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.district', verbose_name='district'),
                ),
                migrations.AlterField(
                    model_name='volunteerprofile',
                    name='home_district',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.district', verbose_name='home district'),
                ),
        ], database_operations=[]),
    ]
