"""The split of participation into three apps: ideas, surveys and paper. Nothing changes in the database: every model keeps its table (participation_…), so no row is copied; only Django's idea of which app owns it moves, and its content type (with the permissions on it, and every page, revision and translation that points to it) is renamed, so groups keep their rights and pages their type."""

from django.db import migrations


MODELS = {
    "ideas": ["ideacategory", "receiptcounter", "idea", "ideaimage", "support", "statuschange", "moderationlogentry",
              "comment", "report", "participationprocesspage", "phase"],
    "surveys": ["surveypage", "surveyresponse", "accesscode"],
    "paper": ["formversion", "printbatch", "sheet", "scanimport", "scanpage", "scansheetlock", "reviewtask",
              "scanaudit"],
}


def _rename(apps, forwards):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app, models in MODELS.items():
        source, target = ("participation", app) if forwards else (app, "participation")
        for model in models:
            old = ContentType.objects.filter(app_label=source, model=model).first()
            if old is None:
                continue  # a new database: content types are made after migrate
            ContentType.objects.filter(app_label=target, model=model).exclude(pk=old.pk).delete()
            old.app_label = target
            old.save(update_fields=["app_label"])


def move_content_types(apps, schema_editor):
    _rename(apps, forwards=True)


def move_content_types_back(apps, schema_editor):
    _rename(apps, forwards=False)



class Migration(migrations.Migration):

    dependencies = [
        ('ideas', '0001_initial'),
        ('surveys', '0001_initial'),
        ('paper', '0002_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('participation', '0016_district_in_core'),
    ]

    operations = [
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.RemoveField(
                model_name='accesscode',
                name='survey',
            ),
            migrations.RemoveField(
                model_name='surveyresponse',
                name='access_code',
            ),
            migrations.RemoveField(
                model_name='comment',
                name='author',
            ),
            migrations.RemoveField(
                model_name='comment',
                name='idea',
            ),
            migrations.RemoveField(
                model_name='comment',
                name='parent',
            ),
            migrations.RemoveField(
                model_name='report',
                name='comment',
            ),
            migrations.RemoveField(
                model_name='formversion',
                name='process',
            ),
            migrations.RemoveField(
                model_name='formversion',
                name='revision',
            ),
            migrations.RemoveField(
                model_name='formversion',
                name='survey',
            ),
            migrations.RemoveField(
                model_name='scanpage',
                name='form_version',
            ),
            migrations.RemoveField(
                model_name='printbatch',
                name='form_version',
            ),
            migrations.RemoveField(
                model_name='idea',
                name='author',
            ),
            migrations.RemoveField(
                model_name='idea',
                name='category',
            ),
            migrations.RemoveField(
                model_name='idea',
                name='district',
            ),
            migrations.RemoveField(
                model_name='idea',
                name='duplicate_of',
            ),
            migrations.RemoveField(
                model_name='idea',
                name='entered_by',
            ),
            migrations.RemoveField(
                model_name='idea',
                name='process',
            ),
            migrations.RemoveField(
                model_name='sheet',
                name='idea',
            ),
            migrations.RemoveField(
                model_name='moderationlogentry',
                name='idea',
            ),
            migrations.RemoveField(
                model_name='statuschange',
                name='idea',
            ),
            migrations.RemoveField(
                model_name='ideaimage',
                name='idea',
            ),
            migrations.RemoveField(
                model_name='report',
                name='idea',
            ),
            migrations.RemoveField(
                model_name='support',
                name='idea',
            ),
            migrations.RemoveField(
                model_name='participationprocesspage',
                name='categories',
            ),
            migrations.RemoveField(
                model_name='moderationlogentry',
                name='user',
            ),
            migrations.RemoveField(
                model_name='participationprocesspage',
                name='page_ptr',
            ),
            migrations.RemoveField(
                model_name='printbatch',
                name='process',
            ),
            migrations.RemoveField(
                model_name='phase',
                name='process',
            ),
            migrations.RemoveField(
                model_name='printbatch',
                name='created_by',
            ),
            migrations.RemoveField(
                model_name='printbatch',
                name='survey',
            ),
            migrations.RemoveField(
                model_name='sheet',
                name='batch',
            ),
            migrations.DeleteModel(
                name='ReceiptCounter',
            ),
            migrations.RemoveField(
                model_name='reviewtask',
                name='locked_by',
            ),
            migrations.RemoveField(
                model_name='reviewtask',
                name='page',
            ),
            migrations.RemoveField(
                model_name='reviewtask',
                name='resolved_by',
            ),
            migrations.RemoveField(
                model_name='scanaudit',
                name='task',
            ),
            migrations.RemoveField(
                model_name='scanaudit',
                name='page',
            ),
            migrations.RemoveField(
                model_name='scanaudit',
                name='user',
            ),
            migrations.RemoveField(
                model_name='scanimport',
                name='uploaded_by',
            ),
            migrations.RemoveField(
                model_name='scanpage',
                name='scan_import',
            ),
            migrations.RemoveField(
                model_name='scanpage',
                name='sheet',
            ),
            migrations.DeleteModel(
                name='ScanSheetLock',
            ),
            migrations.RemoveField(
                model_name='sheet',
                name='first_entered_by',
            ),
            migrations.RemoveField(
                model_name='sheet',
                name='response',
            ),
            migrations.RemoveField(
                model_name='statuschange',
                name='changed_by',
            ),
            migrations.RemoveField(
                model_name='support',
                name='user',
            ),
            migrations.RemoveField(
                model_name='surveypage',
                name='page_ptr',
            ),
            migrations.RemoveField(
                model_name='surveyresponse',
                name='survey',
            ),
            migrations.RemoveField(
                model_name='surveyresponse',
                name='entered_by',
            ),
            migrations.RemoveField(
                model_name='surveyresponse',
                name='revision',
            ),
            migrations.RemoveField(
                model_name='surveyresponse',
                name='user',
            ),
            migrations.RemoveField(
                model_name='surveyresponse',
                name='verified_by',
            ),
            migrations.DeleteModel(
                name='AccessCode',
            ),
            migrations.DeleteModel(
                name='Comment',
            ),
            migrations.DeleteModel(
                name='FormVersion',
            ),
            migrations.DeleteModel(
                name='IdeaImage',
            ),
            migrations.DeleteModel(
                name='Report',
            ),
            migrations.DeleteModel(
                name='Idea',
            ),
            migrations.DeleteModel(
                name='IdeaCategory',
            ),
            migrations.DeleteModel(
                name='ModerationLogEntry',
            ),
            migrations.DeleteModel(
                name='ParticipationProcessPage',
            ),
            migrations.DeleteModel(
                name='Phase',
            ),
            migrations.DeleteModel(
                name='PrintBatch',
            ),
            migrations.DeleteModel(
                name='ReviewTask',
            ),
            migrations.DeleteModel(
                name='ScanAudit',
            ),
            migrations.DeleteModel(
                name='ScanImport',
            ),
            migrations.DeleteModel(
                name='ScanPage',
            ),
            migrations.DeleteModel(
                name='Sheet',
            ),
            migrations.DeleteModel(
                name='StatusChange',
            ),
            migrations.DeleteModel(
                name='Support',
            ),
            migrations.DeleteModel(
                name='SurveyPage',
            ),
            migrations.DeleteModel(
                name='SurveyResponse',
            ),
        ], database_operations=[]),
    ]
