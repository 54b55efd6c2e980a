import uuid

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('participation', '0012_jobs_heartbeat_and_uuid'),
    ]

    operations = [
        migrations.AlterField(
            model_name='printbatch',
            name='uuid',
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name='scanimport',
            name='uuid',
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
