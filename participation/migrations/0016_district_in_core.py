"""District moved to core (core 0010): the idea's foreign key points there, and participation forgets the model.
State only: the table participation_district stays, with every row."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0010_district'),
        ('participation', '0015_scan_blank_quality_sheet_lock'),
        ('volunteering', '0007_district_in_core'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
                migrations.AlterField(
                    model_name='idea',
                    name='district',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='ideas', to='core.district', verbose_name='district'),
                ),
                migrations.DeleteModel(
                    name='District',
                ),
        ], database_operations=[]),
    ]
