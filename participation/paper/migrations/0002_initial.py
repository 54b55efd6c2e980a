"""State only: the relations of paper's models (see 0001)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('ideas', '0001_initial'),
        ('paper', '0001_initial'),
        ('surveys', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AddField(
                model_name='formversion',
                name='survey',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='form_versions', to='surveys.surveypage'),
            ),
            migrations.AddField(
                model_name='printbatch',
                name='created_by',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='printbatch',
                name='form_version',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='paper.formversion'),
            ),
            migrations.AddField(
                model_name='printbatch',
                name='process',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='print_batches', to='ideas.participationprocesspage'),
            ),
            migrations.AddField(
                model_name='printbatch',
                name='survey',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='print_batches', to='surveys.surveypage'),
            ),
            migrations.AddField(
                model_name='reviewtask',
                name='locked_by',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='reviewtask',
                name='resolved_by',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='scanaudit',
                name='task',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='audit', to='paper.reviewtask'),
            ),
            migrations.AddField(
                model_name='scanaudit',
                name='user',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='scanimport',
                name='uploaded_by',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='scanpage',
                name='form_version',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='paper.formversion'),
            ),
            migrations.AddField(
                model_name='scanpage',
                name='scan_import',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pages', to='paper.scanimport'),
            ),
            migrations.AddField(
                model_name='scanaudit',
                name='page',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='audit', to='paper.scanpage'),
            ),
            migrations.AddField(
                model_name='reviewtask',
                name='page',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tasks', to='paper.scanpage'),
            ),
            migrations.AddField(
                model_name='sheet',
                name='batch',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sheets', to='paper.printbatch'),
            ),
            migrations.AddField(
                model_name='sheet',
                name='first_entered_by',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='sheet',
                name='idea',
                field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='sheet', to='ideas.idea'),
            ),
            migrations.AddField(
                model_name='sheet',
                name='response',
                field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='sheet', to='surveys.surveyresponse'),
            ),
            migrations.AddField(
                model_name='scanpage',
                name='sheet',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='scan_pages', to='paper.sheet'),
            ),
            migrations.AddConstraint(
                model_name='formversion',
                constraint=models.UniqueConstraint(fields=('survey', 'revision', 'variant', 'language'), name='one_form_version_per_revision_variant_language'),
            ),
            migrations.AddConstraint(
                model_name='formversion',
                constraint=models.UniqueConstraint(fields=('process', 'revision', 'variant', 'language'), name='one_idea_form_version_per_revision_variant_language'),
            ),
            migrations.AddConstraint(
                model_name='formversion',
                constraint=models.CheckConstraint(condition=models.Q(('survey__isnull', True), ('process__isnull', True), _connector='XOR'), name='form_version_for_a_survey_or_an_idea_call'),
            ),
            migrations.AddConstraint(
                model_name='printbatch',
                constraint=models.CheckConstraint(condition=models.Q(('survey__isnull', True), ('process__isnull', True), _connector='XOR'), name='print_batch_for_a_survey_or_an_idea_call'),
            ),
            migrations.AddIndex(
                model_name='reviewtask',
                index=models.Index(fields=['status', 'kind'], name='participati_status_224c32_idx'),
            ),
            migrations.AddConstraint(
                model_name='scanpage',
                constraint=models.UniqueConstraint(fields=('scan_import', 'index'), name='one_page_per_index'),
            ),
        ], database_operations=[]),
    ]
