"""State only: the models of participation move to this app with their tables, rows, content types and permissions (participation 0017 hands them over). Nothing changes in the database."""

import core.files
import django.db.models.deletion
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('participation', '0016_district_in_core'),
        ('ideas', '0001_initial'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='PrintBatch',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                    ('status', models.CharField(choices=[('queued', 'Queued'), ('running', 'Running'), ('done', 'Ready'), ('failed', 'Failed')], default='queued', max_length=12, verbose_name='status')),
                    ('attempts', models.PositiveSmallIntegerField(default=0, editable=False, verbose_name='attempts')),
                    ('heartbeat_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='last sign of life')),
                    ('error', models.TextField(blank=True, verbose_name='error')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='requested')),
                    ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started')),
                    ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished')),
                    ('expires_at', models.DateTimeField(blank=True, null=True, verbose_name='available until')),
                    ('kind', models.CharField(choices=[('printed', 'Printed by us'), ('home', 'Printed at home (numbered on entry)')], default='printed', max_length=10, verbose_name='kind')),
                    ('variant', models.CharField(default='standard', max_length=20, verbose_name='variant')),
                    ('language', models.CharField(default='de', max_length=10, verbose_name='language')),
                    ('double_entry', models.BooleanField(default=False, help_text='Two different people enter every sheet; differences are shown to resolve.', verbose_name='double entry')),
                    ('count', models.PositiveIntegerField(verbose_name='number of sheets')),
                    ('location', models.CharField(blank=True, help_text='For example “Bürgerbüro Moisling”: return rates per place.', max_length=100, verbose_name='where the sheets go')),
                    ('done', models.PositiveIntegerField(default=0, verbose_name='sheets rendered')),
                    ('file', models.FileField(blank=True, storage=core.files.private_storage, upload_to='print-batches/', verbose_name='PDF')),
                ],
                options={
                    'verbose_name': 'print batch',
                    'verbose_name_plural': 'print batches',
                    'db_table': 'participation_printbatch',
                    'ordering': ['-created_at'],
                },
            ),
            migrations.CreateModel(
                name='ReviewTask',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('page', 'Page'), ('boxes', 'Tick boxes'), ('text', 'Handwriting')], max_length=10, verbose_name='kind')),
                    ('reason', models.CharField(max_length=30, verbose_name='reason')),
                    ('question_id', models.CharField(blank=True, max_length=80)),
                    ('anchor', models.CharField(blank=True, max_length=120)),
                    ('snippet', models.ImageField(blank=True, storage=core.files.private_storage, upload_to='scans/snippets/%Y/%m/')),
                    ('machine', models.JSONField(default=dict)),
                    ('result', models.JSONField(blank=True, null=True)),
                    ('status', models.CharField(choices=[('open', 'Open'), ('done', 'Done')], default='open', max_length=6, verbose_name='status')),
                    ('locked_at', models.DateTimeField(blank=True, null=True)),
                    ('resolved_at', models.DateTimeField(blank=True, null=True)),
                ],
                options={
                    'verbose_name': 'review task',
                    'verbose_name_plural': 'review tasks',
                    'db_table': 'participation_reviewtask',
                    'ordering': ['pk'],
                },
            ),
            migrations.CreateModel(
                name='ScanAudit',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('action', models.CharField(max_length=40)),
                    ('detail', models.CharField(blank=True, max_length=300)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                ],
                options={
                    'verbose_name': 'scan audit entry',
                    'db_table': 'participation_scanaudit',
                    'ordering': ['-created_at'],
                },
            ),
            migrations.CreateModel(
                name='ScanImport',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                    ('attempts', models.PositiveSmallIntegerField(default=0, editable=False, verbose_name='attempts')),
                    ('heartbeat_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='last sign of life')),
                    ('error', models.TextField(blank=True, verbose_name='error')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='requested')),
                    ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started')),
                    ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished')),
                    ('expires_at', models.DateTimeField(blank=True, null=True, verbose_name='available until')),
                    ('file', models.FileField(storage=core.files.private_storage, upload_to='scans/imports/%Y/%m/', verbose_name='file')),
                    ('original_name', models.CharField(max_length=200, verbose_name='file name')),
                    ('sha256', models.CharField(help_text='The same file is never imported twice.', max_length=64, unique=True)),
                    ('status', models.CharField(choices=[('queued', 'Queued'), ('splitting', 'Splitting into pages'), ('reading', 'Reading'), ('done', 'Read'), ('failed', 'Failed')], default='queued', max_length=12, verbose_name='status')),
                    ('page_count', models.PositiveIntegerField(default=0, verbose_name='pages')),
                    ('pages_read', models.PositiveIntegerField(default=0, verbose_name='pages read')),
                    ('files_deleted_at', models.DateTimeField(blank=True, null=True, verbose_name='scans deleted')),
                    ('quality', models.JSONField(blank=True, default=list, help_text='What the upload check found (1-bit, low resolution, heavy JPEG).')),
                    ('upload_group', models.UUIDField(blank=True, db_index=True, help_text='Files uploaded together: a sheet printed at home may span them.', null=True)),
                ],
                options={
                    'verbose_name': 'scan import',
                    'verbose_name_plural': 'scan imports',
                    'db_table': 'participation_scanimport',
                    'ordering': ['-created_at'],
                },
            ),
            migrations.CreateModel(
                name='ScanPage',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('index', models.PositiveIntegerField(verbose_name='page in the file')),
                    ('image', models.ImageField(blank=True, storage=core.files.private_storage, upload_to='scans/pages/%Y/%m/')),
                    ('warped', models.ImageField(blank=True, storage=core.files.private_storage, upload_to='scans/aligned/%Y/%m/')),
                    ('status', models.CharField(choices=[('pending', 'Waiting to be read'), ('unidentified', 'Not identified'), ('misregistered', 'Could not be aligned'), ('review', 'Waiting for review'), ('done', 'Read'), ('counted', 'Counted'), ('duplicate', 'Duplicate (not counted)'), ('blank', 'Blank back (set aside)'), ('manual', 'Entered by hand')], default='pending', max_length=14, verbose_name='status')),
                    ('page_number', models.PositiveSmallIntegerField(blank=True, null=True)),
                    ('serial', models.CharField(blank=True, max_length=12)),
                    ('sheet_key', models.CharField(blank=True, db_index=True, help_text='The serial, or for a sheet printed at home its first page.', max_length=40)),
                    ('marks_found', models.PositiveSmallIntegerField(default=0)),
                    ('qr_error_mm', models.FloatField(blank=True, null=True)),
                    ('frame_error_mm', models.FloatField(blank=True, null=True)),
                    ('problem', models.CharField(blank=True, max_length=200)),
                    ('boxes', models.JSONField(default=dict, help_text='What the machine read: anchor → state, ink.')),
                    ('texts', models.JSONField(default=dict)),
                    ('quality', models.JSONField(blank=True, default=list, help_text='Why the marks on this page may not be read reliably (reader codes).')),
                    ('read_at', models.DateTimeField(blank=True, null=True)),
                ],
                options={
                    'verbose_name': 'scanned page',
                    'verbose_name_plural': 'scanned pages',
                    'db_table': 'participation_scanpage',
                    'ordering': ['scan_import', 'index'],
                },
            ),
            migrations.CreateModel(
                name='ScanSheetLock',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('key', models.CharField(max_length=40, unique=True)),
                ],
                options={
                    'verbose_name': 'scanned sheet lock',
                    'db_table': 'participation_scansheetlock',
                },
            ),
            migrations.CreateModel(
                name='Sheet',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('serial', models.CharField(max_length=12, unique=True, verbose_name='serial')),
                    ('first_answers', models.JSONField(blank=True, null=True, verbose_name='first entry')),
                    ('first_entered_at', models.DateTimeField(blank=True, null=True)),
                    ('scan', models.ImageField(blank=True, height_field='scan_height', storage=core.files.private_storage, upload_to='scans/%Y/%m/', verbose_name='scanned page', width_field='scan_width')),
                    ('scan_width', models.PositiveIntegerField(blank=True, editable=False, null=True)),
                    ('scan_height', models.PositiveIntegerField(blank=True, editable=False, null=True)),
                ],
                options={
                    'verbose_name': 'sheet',
                    'db_table': 'participation_sheet',
                    'ordering': ['serial'],
                },
            ),
            migrations.CreateModel(
                name='FormVersion',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('variant', models.CharField(default='standard', max_length=20, verbose_name='variant')),
                    ('language', models.CharField(default='de', max_length=10, verbose_name='language')),
                    ('layout', models.JSONField(default=dict, verbose_name='layout map')),
                    ('page_count', models.PositiveSmallIntegerField(default=1)),
                    ('master', models.FileField(blank=True, help_text='The blank form as printed: the scan reader subtracts what it prints.', storage=core.files.private_storage, upload_to='forms/', verbose_name='master PDF')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('process', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='form_versions', to='ideas.participationprocesspage')),
                    ('revision', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision')),
                ],
                options={
                    'verbose_name': 'form version',
                    'db_table': 'participation_formversion',
                },
            ),
        ], database_operations=[]),
    ]
